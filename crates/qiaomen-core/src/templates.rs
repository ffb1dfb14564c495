//! Checklist templates: forms are data. A template drives the entry screen, the printed
//! form, the spreadsheet entry sheet and the statistics. The built-in ones are the files in
//! `assets/templates/`, embedded at build time and stored in the database on open; a
//! recorded inspection keeps the (id, version) it was filled against.

use crate::category::Category;
use crate::error::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The templates shipped with the product (assets/templates/*.json).
pub const BUILTIN: &[&str] = &[
    include_str!("../../../assets/templates/xq2024.json"),
    include_str!("../../../assets/templates/zymz2024.json"),
];

/// The template used when the office has not chosen one.
pub const DEFAULT_TEMPLATE_ID: &str = "xq2024";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Template {
    pub id: String,
    pub version: i64,
    pub name: String,
    #[serde(default)]
    pub source: String,
    pub title: String,
    pub header_fields: Vec<HeaderField>,
    pub items: Vec<TemplateItem>,
    pub other_hazards_label: String,
    pub assigned_label: String,
    pub signature_label: String,
    pub inspectors_label: String,
    pub date_label: String,
    pub footer_notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HeaderField {
    /// Household field this header cell shows (name, address, floors, residents, ...).
    pub key: String,
    pub label: String,
    /// Printed choices (建筑结构).
    #[serde(default)]
    #[ts(optional)]
    pub options: Option<Vec<String>>,
    /// How the value is printed, with {field} placeholders.
    #[serde(default)]
    #[ts(optional)]
    pub format: Option<String>,
}

/// Which answer marks a hazard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Yes,
    No,
}

impl Answer {
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
        }
    }
    pub fn parse(s: &str) -> Option<Answer> {
        match s {
            "yes" => Some(Answer::Yes),
            "no" => Some(Answer::No),
            _ => None,
        }
    }
    /// 是 / 否 as printed.
    pub fn label(self) -> &'static str {
        match self {
            Answer::Yes => "是",
            Answer::No => "否",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TemplateItem {
    pub no: i64,
    pub text: String,
    /// "yes_no" for the sixteen items of the official sheet.
    #[serde(default = "yes_no")]
    pub answer: String,
    /// The answer that is a hazard; None for items that are not hazards (item 1).
    pub hazard_when: Option<Answer>,
    /// Statistics row (行动名称) a hazard from this item counts under.
    #[serde(default)]
    #[ts(optional)]
    pub category: Option<Category>,
    /// Whether a hazard from this item is major by default.
    #[serde(default)]
    pub major: bool,
    /// A "yes" marks the household as having vulnerable people (item 1).
    #[serde(default)]
    pub marks_vulnerable: bool,
}

fn yes_no() -> String {
    "yes_no".into()
}

impl Template {
    /// Parses and checks a template document.
    pub fn parse(json: &str) -> Result<Template> {
        let t: Template = serde_json::from_str(json)
            .map_err(|e| Error::bad_file(format!("检查表模板格式不正确：{e}")).with_cause(e))?;
        t.validate()?;
        Ok(t)
    }

    pub fn validate(&self) -> Result<()> {
        let bad = |m: String| {
            Err(Error::bad_file(format!(
                "检查表模板“{}”有误：{m}",
                self.name
            )))
        };
        if self.id.trim().is_empty() || self.version < 1 {
            return bad("缺少编号或版本号".into());
        }
        if self.items.is_empty() || self.items.len() > 200 {
            return bad("检查项目数量应在 1 到 200 之间".into());
        }
        for (i, it) in self.items.iter().enumerate() {
            if it.no != i as i64 + 1 {
                return bad(format!("第 {} 项的序号应为 {}", i + 1, i + 1));
            }
            if it.text.trim().is_empty() {
                return bad(format!("第 {} 项没有文字", it.no));
            }
            if it.hazard_when.is_some() && it.category.is_none() {
                return bad(format!("第 {} 项是隐患项但没有类别", it.no));
            }
        }
        Ok(())
    }

    pub fn item(&self, no: i64) -> Option<&TemplateItem> {
        self.items.iter().find(|i| i.no == no)
    }
}

/// Summary row for template pickers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TemplateInfo {
    pub id: String,
    pub version: i64,
    pub name: String,
}

/// Stores the built-in templates that are not yet in the database (idempotent).
pub fn install_builtin(conn: &Connection) -> Result<()> {
    for json in BUILTIN {
        let t = Template::parse(json)?;
        install(conn, &t, json)?;
    }
    Ok(())
}

fn install(conn: &Connection, t: &Template, json: &str) -> Result<()> {
    let exists: Option<String> = conn
        .query_row(
            "SELECT body FROM templates WHERE id = ?1 AND version = ?2",
            params![t.id, t.version],
            |r| r.get(0),
        )
        .optional()?;
    match exists {
        None => {
            conn.execute(
                "INSERT INTO templates (id, version, name, body, loaded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![t.id, t.version, t.name, json, crate::now_ts()],
            )?;
            Ok(())
        }
        // A released (id, version) never changes meaning: recorded inspections point at it.
        Some(body) => {
            let stored = Template::parse(&body)?;
            if &stored != t {
                return Err(Error::conflict(format!(
                    "检查表模板“{}”第 {} 版与已保存的同版本内容不同。修改模板时请提高版本号。",
                    t.name, t.version
                )));
            }
            Ok(())
        }
    }
}

/// Loads one template by id and version (latest version when `version` is None).
pub fn get(conn: &Connection, id: &str, version: Option<i64>) -> Result<Template> {
    let body: Option<String> = match version {
        Some(v) => conn
            .query_row(
                "SELECT body FROM templates WHERE id = ?1 AND version = ?2",
                params![id, v],
                |r| r.get(0),
            )
            .optional()?,
        None => conn
            .query_row(
                "SELECT body FROM templates WHERE id = ?1 ORDER BY version DESC LIMIT 1",
                params![id],
                |r| r.get(0),
            )
            .optional()?,
    };
    match body {
        Some(b) => Template::parse(&b),
        None => Err(Error::not_found(format!("没有找到检查表模板“{id}”。"))),
    }
}

/// The latest version of every template.
pub fn list(conn: &Connection) -> Result<Vec<TemplateInfo>> {
    let mut st =
        conn.prepare("SELECT id, max(version), name FROM templates GROUP BY id ORDER BY id")?;
    let rows = st.query_map([], |r| {
        Ok(TemplateInfo {
            id: r.get(0)?,
            version: r.get(1)?,
            name: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_templates_parse_and_follow_domain_polarity() {
        let t = Template::parse(BUILTIN[0]).unwrap();
        assert_eq!(t.items.len(), 16);
        assert!(t.items[0].marks_vulnerable && t.items[0].hazard_when.is_none());
        assert_eq!(t.item(3).unwrap().hazard_when, Some(Answer::No));
        assert_eq!(t.item(5).unwrap().category, Some(Category::GasExplosion));
        assert!(t.item(5).unwrap().major && t.item(13).unwrap().major);
        assert!(!t.item(4).unwrap().major);
        assert_eq!(t.item(16).unwrap().category, Some(Category::CoPoisoning));
        let t1 = Template::parse(BUILTIN[1]).unwrap();
        assert!(t1.item(11).unwrap().text.contains("关火源"));
        assert!(t1.item(16).unwrap().text.contains("液化燃气"));
        let structure = t1
            .header_fields
            .iter()
            .find(|f| f.key == "structure")
            .unwrap();
        assert_eq!(structure.options.as_ref().unwrap().len(), 4);
        assert_eq!(t.footer_notes.len(), 3);
    }

    #[test]
    fn install_is_idempotent_and_refuses_silent_change() {
        let s = crate::db::Store::open_in_memory().unwrap();
        install_builtin(s.conn()).unwrap();
        install_builtin(s.conn()).unwrap();
        assert_eq!(list(s.conn()).unwrap().len(), 2);
        let mut t = Template::parse(BUILTIN[0]).unwrap();
        t.items[1].text = "改过的文字".into();
        let json = serde_json::to_string(&t).unwrap();
        let err = install(s.conn(), &t, &json).unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::Conflict);
    }

    #[test]
    fn broken_templates_are_refused_with_chinese_message() {
        let err = Template::parse("{").unwrap_err();
        assert!(err.message.contains("模板"));
        let mut v: serde_json::Value = serde_json::from_str(BUILTIN[0]).unwrap();
        v["items"][2]["category"] = "防外星人事故".into();
        let err = Template::parse(&v.to_string()).unwrap_err();
        assert!(err.message.contains("防外星人事故"), "{}", err.message);
    }
}
