//! Inspection visits (入户检查): one filled checklist against a template version, its
//! answers, and the hazards derived from them.
//!
//! Hazards follow the inspection:
//! - every answer on the hazard side of its item's polarity (`hazard_when`) is a hazard
//!   with the item's category, default major flag, 整改期限 and 隐患说法 (a 属性项 never is;
//!   an item left blank is no answer); other hazards (其它隐患情况) are entered with a
//!   description, a category and a major flag;
//! - a hazard fixed on the spot has status `fixed_on_site` and `closed_on` = the visit date;
//! - editing the inspection adds the hazards newly answered, removes those no longer
//!   answered — **except** a hazard that already has revisits, 防控措施 or a 上报, or is
//!   closed: that one is
//!   kept (it is part of the follow-up record) and the edit returns a warning telling the
//!   clerk to deal with it in the ledger. Deleting an inspection with such a hazard is
//!   refused for the same reason.
//!
//! Item 1 (`marks_vulnerable`) answered 是 sets the household's header count of vulnerable
//! people (households.vulnerable) to at least 1 when it was empty or 0 (with a warning so the
//! clerk can key the real number); answered 否 sets an empty count to 0 and warns when the
//! register says there are vulnerable people. The named list lives in [`crate::people`].
//!
//! Every change goes to the audit log through the schema's triggers.

use crate::category::Category;
use crate::dates::iso;
use crate::error::Result;
use crate::hazards::Hazard;
use crate::households::Household;
use crate::templates::{self, Answer, Template};
use crate::{settings, text};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub mod attributes;
pub mod blanks;
mod normalize;
mod store;
mod sync;
pub mod verify;
pub mod verify_stats;

pub(crate) use store::write_in;
pub use store::{delete, get, list, record, record_in, update, update_in};
pub use verify::VerifyState;

/// How an inspection was entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InspectionSource {
    /// Keyed from a paper form (录入检查表).
    Keyed,
    /// Imported from a filled entry sheet (表格批量录入).
    Sheet,
}

crate::stored_text::stored_as_text!(InspectionSource, "录入方式", {
    Keyed => "keyed",
    Sheet => "sheet",
});

/// Settings key: the visit date last keyed (the entry form's default).
pub const LAST_DATE_KEY: &str = "entry_last_date";
/// Settings key: the day [`LAST_DATE_KEY`] was keyed on; a date keyed on an earlier day is
/// not the next form's default (a back-dated form must not date tomorrow's forms).
pub const LAST_DATE_ON_KEY: &str = "entry_last_date_on";
/// Settings key: the inspectors last keyed.
pub const LAST_INSPECTORS_KEY: &str = "entry_last_inspectors";

/// The answer to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnswerEntry {
    /// The item's number in the template (from 1).
    pub item_no: i64,
    /// 是 or 否.
    pub answer: Answer,
}

/// An other hazard (其它隐患情况) as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExtraHazardInput {
    /// The hazard this line edits (when editing an inspection); None for a new one. Without
    /// an id, an existing other hazard with the same description is matched.
    #[serde(default)]
    #[ts(optional)]
    pub id: Option<String>,
    /// What the hazard is, as written in 其它隐患情况.
    pub description: String,
    /// The 行动名称 it counts under.
    pub category: Category,
    /// 重大隐患.
    #[serde(default)]
    pub major: bool,
    /// Fixed during the visit.
    #[serde(default)]
    pub fixed_on_site: bool,
}

/// A filled checklist as the clerk keys it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct InspectionInput {
    /// Row id in `households` of the household or place visited.
    pub household_id: String,
    /// Default: the household's template, else the office default (latest version); when
    /// editing, the inspection's own.
    #[serde(default)]
    #[ts(optional)]
    pub template_id: Option<String>,
    /// The version of `template_id` (None: its latest); not read without `template_id`.
    #[serde(default)]
    #[ts(optional)]
    pub template_version: Option<i64>,
    /// 填表日期, as typed (2024-12-03, 2024年12月3日, 20241203 ...).
    pub visit_date: String,
    /// 入户检查人员 (names separated by 、 , ， ; space).
    #[serde(default)]
    pub inspectors: String,
    /// Unanswered items are left out.
    #[serde(default)]
    pub answers: Vec<AnswerEntry>,
    /// Item numbers whose hazard was fixed on the spot.
    #[serde(default)]
    pub fixed_on_site: Vec<i64>,
    /// 其它隐患情况 as separate hazards, each with its category.
    #[serde(default)]
    pub extra_hazards: Vec<ExtraHazardInput>,
    /// 其它隐患情况 as written on paper; empty = the extra hazards' descriptions.
    #[serde(default)]
    pub other_hazards: String,
    /// 现场交办整改事项
    #[serde(default)]
    pub assigned: String,
    /// 被检查对象负责人签字
    #[serde(default)]
    pub signed: bool,
    /// Free note; may be empty.
    #[serde(default)]
    pub note: String,
}

/// A recorded inspection with its household, answers and hazards (what the filled
/// checklist prints).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Inspection {
    /// Row id in `inspections` (UUID v7); stable across edits.
    pub id: String,
    /// The household or place visited, as it is now.
    pub household: Household,
    /// Id of the checklist template it was keyed with.
    pub template_id: String,
    /// Version of that template; the answers' item numbers refer to it.
    pub template_version: i64,
    /// The template's title (what the printed form is headed with).
    pub template_name: String,
    /// 填表日期 (ISO).
    pub visit_date: String,
    /// 入户检查人员 as saved; empty when not written.
    pub inspectors: String,
    /// In item order; unanswered items are absent.
    pub answers: Vec<AnswerEntry>,
    /// 其它隐患情况 as written on paper; empty when none.
    pub other_hazards: String,
    /// 现场交办整改事项; empty when none.
    pub assigned: String,
    /// 被检查对象负责人签字: the household signed the form.
    pub signed: bool,
    /// How it was entered.
    pub source: InspectionSource,
    /// Free note; empty when none.
    pub note: String,
    /// When the row was created (UTC, `2024-12-01T08:00:00.000Z`).
    pub created_at: String,
    /// When the row was last changed (UTC, same format as `created_at`).
    pub updated_at: String,
    /// Item hazards in item order, then other hazards.
    pub hazards: Vec<Hazard>,
}

/// Something the clerk should look at; the data was saved anyway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Warning {
    /// visit_date, inspectors, answers, `item_<n>`, extra_hazards, household ...
    pub field: String,
    /// What to look at, in Chinese, for the clerk.
    pub message: String,
}

pub(crate) fn warn(field: impl Into<String>, message: impl Into<String>) -> Warning {
    Warning {
        field: field.into(),
        message: message.into(),
    }
}

/// The result of recording or editing an inspection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SavedInspection {
    /// The inspection as saved.
    pub inspection: Inspection,
    /// What the clerk should look at (empty when nothing).
    pub warnings: Vec<Warning>,
    /// Hazards created by this save.
    pub hazards_added: i64,
    /// Hazards deleted because their answers changed (only ones never followed up).
    pub hazards_removed: i64,
    /// Hazards no longer answered but kept because they are followed up (revisits, measures,
    /// an escalation) or closed.
    pub hazards_kept: i64,
    /// Chosen for double entry (双录入核对) when it was saved.
    #[serde(default)]
    pub double_entry: bool,
}

/// One row of an inspection list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InspectionSummary {
    /// Row id in `inspections`.
    pub id: String,
    /// Row id of the household visited.
    pub household_id: String,
    /// The household's short code (03017).
    pub household_code: String,
    /// The household's 检查地点(对象)名称.
    pub household_name: String,
    /// The household's grid name; empty when none.
    pub grid: String,
    /// 填表日期 (ISO).
    pub visit_date: String,
    /// 入户检查人员; empty when not written.
    pub inspectors: String,
    /// Id of the template it was keyed with.
    pub template_id: String,
    /// Version of that template.
    pub template_version: i64,
    /// The household signed the form.
    pub signed: bool,
    /// Keyed from paper or imported from an entry sheet.
    pub source: InspectionSource,
    /// Hazards found by this visit.
    pub hazards: i64,
    /// Of them, still open.
    pub open_hazards: i64,
    /// When the row was created (UTC).
    pub created_at: String,
    /// Double entry (双录入核对): pending and differences are 未核对.
    pub verify: VerifyState,
}

/// An inspection list query: filters (all optional, combined with AND) and the page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct InspectionQuery {
    /// Only visits to this household (row id).
    #[serde(default)]
    #[ts(optional)]
    pub household_id: Option<String>,
    /// Only visits to households of this grid (row id).
    #[serde(default)]
    #[ts(optional)]
    pub grid_id: Option<String>,
    /// Visited on or after (as typed; any accepted date form).
    #[serde(default)]
    #[ts(optional)]
    pub from: Option<String>,
    /// Visited on or before (as typed).
    #[serde(default)]
    #[ts(optional)]
    pub to: Option<String>,
    /// Household name, initials, code, address; or an inspector's name.
    #[serde(default)]
    #[ts(optional)]
    pub search: Option<String>,
    /// Only the forms still to be verified (未核对: waiting for their second entry, or with
    /// differences not settled).
    #[serde(default)]
    #[ts(optional)]
    pub unverified: Option<bool>,
    /// Page size; None for every match.
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
    /// Rows to skip before the page; None or negative for 0.
    #[serde(default)]
    #[ts(optional)]
    pub offset: Option<i64>,
}

/// One page of an inspection list, newest visit first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InspectionPage {
    /// The inspections of the page.
    pub items: Vec<InspectionSummary>,
    /// How many inspections match the query in all pages.
    pub total: i64,
}

/// What the entry form starts with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EntryDefaults {
    /// The visit date last keyed today, else today (ISO).
    pub visit_date: String,
    /// The inspectors last keyed.
    pub inspectors: String,
    /// Today (ISO).
    pub today: String,
    /// The office's default days to fix a hazard (限期整改).
    pub deadline_days: i64,
    /// Id of the office's default checklist template.
    pub default_template: String,
}

/// What the entry form starts with: the date keyed today (a new day starts on today's
/// date), the remembered inspectors, the defaults.
pub fn entry_defaults(conn: &Connection) -> Result<EntryDefaults> {
    let s = settings::load(conn)?;
    let today = iso(crate::today());
    let keyed_today =
        settings::get_value(conn, LAST_DATE_ON_KEY)?.as_deref() == Some(today.as_str());
    let last = settings::get_value(conn, LAST_DATE_KEY)?.filter(|_| keyed_today);
    Ok(EntryDefaults {
        visit_date: last.unwrap_or_else(|| today.clone()),
        inspectors: settings::get_value(conn, LAST_INSPECTORS_KEY)?.unwrap_or_default(),
        today,
        deadline_days: s.deadline_days,
        default_template: s.default_template,
    })
}

/// Remembers the date and inspectors for the next form (only when they changed, so that
/// the audit log does not fill up with identical settings rows).
pub fn remember_entry(conn: &Connection, visit_date: &str, inspectors: &str) -> Result<()> {
    if settings::get_value(conn, LAST_DATE_KEY)?.as_deref() != Some(visit_date) {
        settings::set_value(conn, LAST_DATE_KEY, visit_date)?;
    }
    let today = iso(crate::today());
    if settings::get_value(conn, LAST_DATE_ON_KEY)?.as_deref() != Some(today.as_str()) {
        settings::set_value(conn, LAST_DATE_ON_KEY, &today)?;
    }
    if settings::get_value(conn, LAST_INSPECTORS_KEY)?.as_deref() != Some(inspectors) {
        settings::set_value(conn, LAST_INSPECTORS_KEY, inspectors)?;
    }
    Ok(())
}

/// The template a household's visits are recorded against (see [`templates::rules`]).
pub fn template_for(conn: &Connection, household: &Household) -> Result<Template> {
    let id = templates::rules::Chooser::new(conn)?.id_for(
        &household.template_id,
        &household.nature,
        household.grid_id.as_deref(),
    );
    templates::get(conn, &id, None)
}

/// Names of inspectors normalised: split on 、,，;；/ and spaces, joined with 、.
pub fn normalize_inspectors(s: &str) -> String {
    let s = text::to_half_width_digits_only(s);
    s.split(|c: char| {
        matches!(c, '、' | ',' | '，' | ';' | '；' | '/' | '／' | '\u{3000}') || c.is_whitespace()
    })
    .map(text::clean_name)
    .filter(|n| !n.is_empty())
    .collect::<Vec<_>>()
    .join("、")
}
