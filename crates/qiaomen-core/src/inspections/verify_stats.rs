//! Double entry: the office's setting (单位设置), which forms it chooses when they are saved,
//! and the figures: 已核对 x / 应核对 y for a period, and how often each inspector's forms
//! disagreed (a quality figure the township asks about).

use crate::dates::iso;
use crate::error::{Context, Error, Result};
use crate::{now_ts, settings};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Settings key holding [`DoubleEntrySettings`] (JSON).
pub const SETTINGS_KEY: &str = "double_entry";

/// Which forms need a second entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DoubleEntryMode {
    /// No form is chosen (a second entry can still be keyed for any form).
    #[default]
    Off,
    /// Every keyed form.
    All,
    /// A share of each inspector's forms, chosen at random when the form is saved.
    Sample,
}

/// 双录入核对 in 单位设置.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DoubleEntrySettings {
    /// Which forms are chosen for a second entry: off, all or a sample.
    pub mode: DoubleEntryMode,
    /// The share for `sample`, in per cent (1–100).
    pub percent: i64,
}

impl Default for DoubleEntrySettings {
    fn default() -> Self {
        DoubleEntrySettings {
            mode: DoubleEntryMode::Off,
            percent: 10,
        }
    }
}

/// The office's setting (never set: off).
pub fn load_settings(conn: &Connection) -> Result<DoubleEntrySettings> {
    match settings::get_value(conn, SETTINGS_KEY)? {
        Some(v) => serde_json::from_str(&v)
            .context(|| Error::internal("双录入核对的设置有误（程序内部错误）。")),
        None => Ok(DoubleEntrySettings::default()),
    }
}

/// Checks and saves the setting.
pub fn save_settings(conn: &Connection, s: &DoubleEntrySettings) -> Result<DoubleEntrySettings> {
    if !(1..=100).contains(&s.percent) {
        return Err(Error::invalid("抽查比例应在 1% 到 100% 之间。"));
    }
    let json =
        serde_json::to_string(s).context(|| Error::internal("程序内部错误：设置无法保存。"))?;
    if settings::get_value(conn, SETTINGS_KEY)?.as_deref() != Some(json.as_str()) {
        settings::set_value(conn, SETTINGS_KEY, &json)?;
    }
    Ok(s.clone())
}

/// A random number in [0, n) from the random bits of a UUID v7.
fn random_below(n: u64) -> u64 {
    let b = uuid::Uuid::now_v7().into_bytes();
    let mut x = [0u8; 8];
    x.copy_from_slice(&b[8..16]);
    (u64::from_be_bytes(x) & 0x3FFF_FFFF_FFFF_FFFF) % n.max(1)
}

/// Applies the office's setting to a keyed form just saved (inside its transaction) and
/// records the choice. `sample` takes one form at random out of every block of
/// round(100 / percent) forms of the same inspectors, so each inspector's share stays close
/// to the percentage however few forms they bring. Returns whether it was chosen.
pub(crate) fn choose(conn: &Connection, inspection_id: &str, inspectors: &str) -> Result<bool> {
    let s = load_settings(conn)?;
    let chosen = match s.mode {
        DoubleEntryMode::Off => return Ok(false),
        DoubleEntryMode::All => true,
        DoubleEntryMode::Sample => {
            let block = ((100.0 / s.percent as f64).round() as usize).max(1);
            let mut st = conn.prepare(
                "SELECT d.required FROM double_entries d JOIN inspections i ON i.id = d.inspection_id
                 WHERE d.chosen_by = 'sample' AND i.inspectors = ?1 ORDER BY d.created_at, d.inspection_id",
            )?;
            let earlier: Vec<bool> = st
                .query_map([inspectors], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let k = earlier.len() % block;
            let taken = earlier[earlier.len() - k..].iter().any(|r| *r);
            !taken && random_below((block - k) as u64) == 0
        }
    };
    let by = match s.mode {
        DoubleEntryMode::All => "all",
        _ => "sample",
    };
    let now = now_ts();
    conn.execute(
        "INSERT INTO double_entries (inspection_id, required, chosen_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![inspection_id, chosen, by, now],
    )?;
    Ok(chosen)
}

/// Visits in a period (either end open).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct VerifyPeriod {
    /// First visit date, as typed; None for no lower bound.
    #[serde(default)]
    #[ts(optional)]
    pub from: Option<String>,
    /// Last visit date, as typed; None for no upper bound.
    #[serde(default)]
    #[ts(optional)]
    pub to: Option<String>,
}

impl VerifyPeriod {
    fn bounds(&self) -> Result<(String, String)> {
        let d = |label: &str, v: &Option<String>, default: &str| -> Result<String> {
            match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                Some(s) => crate::parse_date(s)
                    .map(iso)
                    .map_err(|e| Error::invalid(format!("{label}：{}", e.message))),
                None => Ok(default.to_string()),
            }
        };
        Ok((
            d("起始日期", &self.from, "0000-01-01")?,
            d("结束日期", &self.to, "9999-12-31")?,
        ))
    }
}

/// 已核对 x / 应核对 y.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VerifySummary {
    /// Forms chosen for double entry or keyed twice anyway (应核对).
    pub due: i64,
    /// Of those, verified (已核对).
    pub verified: i64,
    /// Chosen, no second entry yet.
    pub waiting: i64,
    /// Second entry keyed, differences not all settled.
    pub with_differences: i64,
}

/// The double-entry counts of the visits in a period.
pub fn summary(conn: &Connection, p: &VerifyPeriod) -> Result<VerifySummary> {
    let (from, to) = p.bounds()?;
    let (due, verified, waiting, with_differences) = conn.query_row(
        "SELECT count(*), count(d.verified_at),
            sum(d.answers IS NULL AND d.verified_at IS NULL),
            sum(d.answers IS NOT NULL AND d.verified_at IS NULL)
         FROM double_entries d JOIN inspections i ON i.id = d.inspection_id
         WHERE (d.required = 1 OR d.answers IS NOT NULL) AND i.visit_date BETWEEN ?1 AND ?2",
        params![from, to],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<i64>>(2)?.unwrap_or(0),
                r.get::<_, Option<i64>>(3)?.unwrap_or(0),
            ))
        },
    )?;
    Ok(VerifySummary {
        due,
        verified,
        waiting,
        with_differences,
    })
}

/// How often one inspector's forms disagreed between the two entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InspectorAgreement {
    /// 入户检查人员 as written on the forms.
    pub inspector: String,
    /// Their forms keyed twice.
    pub forms: i64,
    /// Of those, forms whose two entries differed somewhere.
    pub disagreed: i64,
    /// Items that differed, over all those forms.
    pub items: i64,
    /// disagreed / forms, in per cent (one decimal).
    pub percent: f64,
}

/// Per inspector (each name of a form's 入户检查人员 counts the form), the forms keyed twice
/// in the period and how many of them disagreed, most disagreeing first.
pub fn by_inspector(conn: &Connection, p: &VerifyPeriod) -> Result<Vec<InspectorAgreement>> {
    let (from, to) = p.bounds()?;
    let mut st = conn.prepare(
        "SELECT i.inspectors, d.differences FROM double_entries d
         JOIN inspections i ON i.id = d.inspection_id
         WHERE d.keying > 0 AND i.visit_date BETWEEN ?1 AND ?2",
    )?;
    let rows: Vec<(String, i64)> = st
        .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out: Vec<InspectorAgreement> = Vec::new();
    for (inspectors, diff) in rows {
        let names: Vec<&str> = inspectors.split('、').filter(|n| !n.is_empty()).collect();
        let names = if names.is_empty() {
            vec!["（未填写检查人员）"]
        } else {
            names
        };
        for n in names {
            let e = match out.iter_mut().position(|a| a.inspector == n) {
                Some(k) => &mut out[k],
                None => {
                    out.push(InspectorAgreement {
                        inspector: n.to_string(),
                        forms: 0,
                        disagreed: 0,
                        items: 0,
                        percent: 0.0,
                    });
                    let k = out.len() - 1;
                    &mut out[k]
                }
            };
            e.forms += 1;
            e.disagreed += (diff > 0) as i64;
            e.items += diff;
        }
    }
    for a in &mut out {
        a.percent = (a.disagreed as f64 * 1000.0 / a.forms as f64).round() / 10.0;
    }
    out.sort_by(|a, b| {
        b.percent
            .total_cmp(&a.percent)
            .then(b.forms.cmp(&a.forms))
            .then(a.inspector.cmp(&b.inspector))
    });
    Ok(out)
}
