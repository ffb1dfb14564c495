//! Checklist templates: forms are data. A template drives the entry screen, the printed
//! form, the spreadsheet entry sheet, hazard derivation and the statistics.
//!
//! - The built-in templates are the files in `assets/templates/`, embedded at build time and
//!   stored in the database on open ([`store::install_builtin`]).
//! - An office adds its own by filling a template workbook in Excel or WPS
//!   ([`workbook::write`] writes one from any template, [`workbook::read`] reads it back,
//!   [`store::import`] stores it as a new template or a new version).
//! - A recorded inspection keeps the (id, version) it was filled against; a template changed
//!   after forms were keyed under it becomes a new version, so old forms still print and
//!   count as they were keyed.
//! - Which template a place's form uses: [`rules`] (a household passes its own choice,
//!   场所性质 and grid).

use crate::category::Category;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub mod rules;
pub mod store;
pub mod workbook;

pub use rules::TemplateRules;
pub use store::{get, install_builtin, list, TemplateInfo};

/// The templates shipped with the product (assets/templates/*.json).
pub const BUILTIN: &[&str] = &[
    include_str!("../../../../assets/templates/xq2024.json"),
    include_str!("../../../../assets/templates/zymz2024.json"),
];

/// The template used when the office has not chosen one.
pub const DEFAULT_TEMPLATE_ID: &str = "xq2024";

/// Most items a template may have (a printed form is one or two pages).
pub const MAX_ITEMS: usize = 200;

/// A checklist form: its header, its yes/no items with their rules, its footer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Template {
    /// Short ASCII id, printed in the form's code (xq2024).
    pub id: String,
    /// 1, 2, ... A recorded inspection keeps the version it was keyed against.
    pub version: i64,
    /// 表名: how the office calls it (unique among the office's templates).
    pub name: String,
    /// The notice it comes from (下政发〔2024〕52号 附件1).
    #[serde(default)]
    pub source: String,
    /// 标题 printed at the top of the form.
    pub title: String,
    /// The header cells (检查地点(对象)名称, 地址 ...).
    pub header_fields: Vec<HeaderField>,
    /// The numbered items.
    pub items: Vec<TemplateItem>,
    /// Label of the 其它隐患情况 box.
    pub other_hazards_label: String,
    /// Label of the 现场交办整改事项 box.
    pub assigned_label: String,
    /// The signature line.
    pub signature_label: String,
    /// Label of the inspectors' line (入户检查人员).
    pub inspectors_label: String,
    /// Label of the date line (填表日期).
    pub date_label: String,
    /// The numbered notes printed under the form.
    pub footer_notes: Vec<String>,
}

/// One header cell of the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HeaderField {
    /// Household field this header cell shows (see [`FIELDS`]); empty: left blank to be
    /// written by hand.
    pub key: String,
    /// What the form prints.
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

/// The household fields a header cell can show: (key, how the template workbook names it).
pub const FIELDS: &[(&str, &str)] = &[
    ("name", "名称"),
    ("address", "地址"),
    ("floors", "建筑层数"),
    ("residents", "居住人数"),
    ("area", "建筑面积"),
    ("nature", "场所性质"),
    ("structure", "建筑结构"),
    ("floors_used", "使用层数"),
    ("contact", "联系人"),
    ("phone", "联系电话"),
    ("code", "编号"),
];

/// How the 居住人员总数 cell prints unless the template says otherwise.
pub const RESIDENTS_FORMAT: &str = "{residents}人，其中：弱势群体{vulnerable}人";

/// An answer to a yes/no item. A box left unticked on paper is no answer at all (the item
/// is absent from the inspection's answers), never a hazard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// 是 (the box ticked).
    Yes,
    /// 否.
    No,
}

impl Answer {
    /// As stored: `yes` or `no`.
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
        }
    }
    /// Reads the stored form.
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
    /// Reads 是/否 as offices type them: 是 否, Y N, √ ×, 有 无, 1 0, yes no, 对 错.
    pub fn read(s: &str) -> Option<Answer> {
        let t = crate::text::to_half_width(s.trim()).to_lowercase();
        match t.as_str() {
            "是" | "y" | "yes" | "√" | "✓" | "✔" | "有" | "1" | "对" | "t" | "true" => {
                Some(Answer::Yes)
            }
            "否" | "n" | "no" | "×" | "x" | "✗" | "✘" | "无" | "0" | "错" | "f" | "false" => {
                Some(Answer::No)
            }
            _ => None,
        }
    }
}

/// One numbered item of the form and the office's rules for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TemplateItem {
    /// 序号 as printed.
    pub no: i64,
    /// 检查内容 as printed.
    pub text: String,
    /// "yes_no" for the items of the official sheets.
    #[serde(default = "yes_no")]
    pub answer: String,
    /// The answer that is a hazard (隐患答案); None for items that are never hazards.
    pub hazard_when: Option<Answer>,
    /// Statistics row (行动名称) a hazard from this item counts under.
    #[serde(default)]
    #[ts(optional)]
    pub category: Option<Category>,
    /// Whether a hazard from this item is major by default (重大隐患).
    #[serde(default)]
    pub major: bool,
    /// Days to fix a hazard from this item (整改期限); None: the office's default.
    #[serde(default)]
    #[ts(optional)]
    pub deadline_days: Option<i64>,
    /// How a hazard from this item reads in the ledger and on the notice (隐患说法); empty:
    /// the item's text and the answer.
    #[serde(default)]
    pub hazard_phrase: String,
    /// 属性项: the answer describes the place (弱势群体, 多合一场所): it is recorded on the
    /// household under this label and listed, never a hazard.
    #[serde(default)]
    #[ts(optional)]
    pub attribute: Option<String>,
    /// A 是 marks the household as having vulnerable people (its header count).
    #[serde(default)]
    pub marks_vulnerable: bool,
}

fn yes_no() -> String {
    "yes_no".into()
}

impl TemplateItem {
    /// Whether `answer` to this item is a hazard.
    pub fn is_hazard(&self, answer: Answer) -> bool {
        self.attribute.is_none() && self.hazard_when == Some(answer)
    }

    /// How a hazard from this item reads: its 隐患说法, else "text：answer".
    pub fn hazard_description(&self, answer: Answer) -> String {
        match self.hazard_phrase.trim() {
            "" => format!("{}：{}", self.text.trim(), answer.label()),
            p => p.to_string(),
        }
    }
}

impl Template {
    /// Parses and checks a template document (JSON).
    pub fn parse(json: &str) -> Result<Template> {
        let t: Template = serde_json::from_str(json)
            .map_err(|e| Error::bad_file(format!("检查表模板格式不正确：{e}")).with_cause(e))?;
        t.validate()?;
        Ok(t)
    }

    /// Checks what every template must satisfy; the message names the item.
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
        if !self
            .id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return bad(format!("编号“{}”只能用英文字母、数字和短横线", self.id));
        }
        if self.name.trim().is_empty() {
            return bad("缺少表名".into());
        }
        if self.items.is_empty() || self.items.len() > MAX_ITEMS {
            return bad(format!("检查项目数量应在 1 到 {MAX_ITEMS} 之间"));
        }
        let mut last = 0;
        for it in &self.items {
            if it.no <= last {
                return bad(format!("序号 {} 重复或没有按从小到大排列", it.no));
            }
            last = it.no;
            if it.text.trim().is_empty() {
                return bad(format!("第 {} 项没有文字", it.no));
            }
            if it.hazard_when.is_some() && it.attribute.is_none() && it.category.is_none() {
                return bad(format!("第 {} 项是隐患项但没有行动名称", it.no));
            }
            if let Some(d) = it.deadline_days {
                if !(1..=365).contains(&d) {
                    return bad(format!("第 {} 项的整改期限应在 1 到 365 天之间", it.no));
                }
            }
        }
        for f in &self.header_fields {
            if !f.key.is_empty() && !FIELDS.iter().any(|(k, _)| *k == f.key) {
                return bad(format!("表头栏目“{}”对应的信息“{}”不认识", f.label, f.key));
            }
        }
        Ok(())
    }

    /// The item numbered `no`.
    pub fn item(&self, no: i64) -> Option<&TemplateItem> {
        self.items.iter().find(|i| i.no == no)
    }

    /// Whether two templates print the same form (same header, items and notes), whatever
    /// their id, version and rules.
    pub fn same_form(&self, other: &Template) -> bool {
        let texts = |t: &Template| -> Vec<(i64, String)> {
            t.items.iter().map(|i| (i.no, i.text.clone())).collect()
        };
        self.title == other.title
            && self.header_fields == other.header_fields
            && texts(self) == texts(other)
            && self.footer_notes == other.footer_notes
            && self.other_hazards_label == other.other_hazards_label
            && self.assigned_label == other.assigned_label
            && self.signature_label == other.signature_label
            && self.inspectors_label == other.inspectors_label
            && self.date_label == other.date_label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_templates_parse_and_follow_domain_polarity() {
        let t = Template::parse(BUILTIN[0]).unwrap();
        assert_eq!(t.items.len(), 16);
        let one = t.item(1).unwrap();
        assert!(one.marks_vulnerable && one.hazard_when.is_none());
        assert_eq!(one.attribute.as_deref(), Some("弱势群体"));
        assert_eq!(t.item(3).unwrap().hazard_when, Some(Answer::No));
        assert_eq!(t.item(5).unwrap().category, Some(Category::GasExplosion));
        assert!(t.item(5).unwrap().major && t.item(13).unwrap().major);
        assert!(!t.item(4).unwrap().major);
        assert_eq!(t.item(16).unwrap().category, Some(Category::CoPoisoning));
        // Item 15 describes the place: recorded, never a hazard.
        let fifteen = t.item(15).unwrap();
        assert_eq!(fifteen.attribute.as_deref(), Some("多合一场所"));
        assert!(!fifteen.is_hazard(Answer::Yes));
        // Every hazard item has its phrase.
        for it in t
            .items
            .iter()
            .filter(|i| i.hazard_when.is_some() && i.attribute.is_none())
        {
            assert!(!it.hazard_phrase.is_empty(), "item {}", it.no);
        }
        assert_eq!(
            t.item(10).unwrap().hazard_description(Answer::Yes),
            "电动车在室内、楼道等处停放或充电"
        );
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
    fn answers_as_offices_type_them() {
        for s in ["是", "Y", "y", "√", "有", "１", "yes"] {
            assert_eq!(Answer::read(s), Some(Answer::Yes), "{s}");
        }
        for s in ["否", "N", "×", "无", "0", "No"] {
            assert_eq!(Answer::read(s), Some(Answer::No), "{s}");
        }
        assert_eq!(Answer::read("也许"), None);
        assert_eq!(Answer::read(""), None);
    }

    #[test]
    fn broken_templates_are_refused_with_chinese_message() {
        let err = Template::parse("{").unwrap_err();
        assert!(err.message.contains("模板"));
        let mut v: serde_json::Value = serde_json::from_str(BUILTIN[0]).unwrap();
        v["items"][2]["category"] = "防外星人事故".into();
        let err = Template::parse(&v.to_string()).unwrap_err();
        assert!(err.message.contains("防外星人事故"), "{}", err.message);
        let mut t = Template::parse(BUILTIN[0]).unwrap();
        t.items[3].no = 2;
        assert!(t.validate().unwrap_err().message.contains("序号"));
    }
}
