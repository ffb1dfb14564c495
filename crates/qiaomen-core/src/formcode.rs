//! The code printed on every pre-filled form (issue 18): a QR code holding
//! `QM1:<household code>:<template id>:<template version>`, e.g. `QM1:01002:xq2024:1`, and the
//! household code in digits beside it. A USB scanner types the text and Enter; [`scan`] finds
//! the household and the template version the paper was printed with, so the entry form
//! opens exactly as printed.

use crate::error::{Error, Result};
use crate::households::{self, Household};
use crate::templates::{self, Template};
use crate::text;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What every form code starts with (version 1 of the format).
pub const PREFIX: &str = "QM1:";

/// The content of a form's code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FormCode {
    /// The household's short code (01002).
    pub household_code: String,
    /// Id of the checklist template the form was printed with.
    pub template_id: String,
    /// Version of that template.
    pub template_version: i64,
}

impl FormCode {
    /// The code for household `household_code`'s form printed with template `t` (its version).
    pub fn new(household_code: &str, t: &Template) -> FormCode {
        FormCode {
            household_code: household_code.to_string(),
            template_id: t.id.clone(),
            template_version: t.version,
        }
    }

    /// The text the QR code holds.
    pub fn text(&self) -> String {
        format!(
            "{PREFIX}{}:{}:{}",
            self.household_code, self.template_id, self.template_version
        )
    }

    /// Whether `s` looks like a form code at all (the scanner listener's first test).
    pub fn looks_like(s: &str) -> bool {
        let t = text::to_half_width(s.trim());
        t.len() >= PREFIX.len() && t[..PREFIX.len()].eq_ignore_ascii_case(PREFIX)
    }

    /// Reads a scanned or typed code. Scanners may send a keyboard layout's full-width
    /// characters or the wrong case for the prefix; both are accepted.
    pub fn parse(s: &str) -> Result<FormCode> {
        let t = text::to_half_width(s.trim());
        let bad = || {
            Error::invalid(format!(
                "扫到的“{}”不是本程序打印的检查表二维码（应为 QM1:户编号:检查表:版本）。",
                s.trim()
            ))
        };
        if !FormCode::looks_like(&t) {
            return Err(bad());
        }
        let parts: Vec<&str> = t[PREFIX.len()..].split(':').collect();
        let [code, tid, version] = parts[..] else {
            return Err(bad());
        };
        let ok = |p: &str| {
            !p.is_empty()
                && p.len() <= 40
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        };
        if !ok(code) || !ok(tid) {
            return Err(bad());
        }
        let template_version: i64 = version.parse().map_err(|_| bad())?;
        if template_version < 1 {
            return Err(bad());
        }
        Ok(FormCode {
            household_code: code.to_string(),
            template_id: tid.to_string(),
            template_version,
        })
    }
}

/// What a scan opens: the household and the template version printed on its paper.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Scanned {
    /// The code as read.
    pub code: FormCode,
    /// The household it names.
    pub household: Household,
    /// The template version it was printed with (the entry form opens with it).
    pub template: Template,
}

/// Finds the household and the template version of a scanned code. A code that matches no
/// household, or a template version this office does not have, is an error in Chinese and
/// opens nothing.
pub fn scan(conn: &Connection, s: &str) -> Result<Scanned> {
    let code = FormCode::parse(s)?;
    let household = households::resolve(conn, &code.household_code).map_err(|e| {
        if e.code == crate::ErrorCode::NotFound {
            Error::not_found(format!(
                "扫到的户编号“{}”没有对应的户（可能已删除，或这张表是别的单位打印的）。没有打开任何表。",
                code.household_code
            ))
        } else {
            e
        }
    })?;
    let template =
        templates::get(conn, &code.template_id, Some(code.template_version)).map_err(|e| {
            if e.code == crate::ErrorCode::NotFound {
                Error::not_found(format!(
                    "这张表用的检查表“{}”第 {} 版在本机没有，无法按纸面打开。没有打开任何表。",
                    code.template_id, code.template_version
                ))
            } else {
                e
            }
        })?;
    Ok(Scanned {
        code,
        household,
        template,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_bad_ones_are_refused() {
        let c = FormCode::parse("QM1:01002:xq2024:1").unwrap();
        assert_eq!(c.household_code, "01002");
        assert_eq!(c.template_id, "xq2024");
        assert_eq!(c.template_version, 1);
        assert_eq!(c.text(), "QM1:01002:xq2024:1");
        // Full-width characters and a lower-case prefix, as some keyboard layouts send them.
        assert_eq!(
            FormCode::parse(" qm1：01002：xq2024：2 ")
                .unwrap()
                .template_version,
            2
        );
        for bad in [
            "",
            "01002",
            "QM1:01002:xq2024",
            "QM1:01002:xq2024:0",
            "QM1::xq2024:1",
            "QM1:01 002:xq2024:1",
            "QM1:01002:xq2024:1:9",
            "QM2:01002:xq2024:1",
        ] {
            assert!(FormCode::parse(bad).is_err(), "{bad}");
        }
    }
}
