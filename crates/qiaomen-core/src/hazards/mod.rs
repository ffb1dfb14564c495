//! The hazard ledger (隐患台账): every problem found on a visit, followed until it is closed.
//!
//! Hazards are created by [`crate::inspections`] (derived from answers, or entered as other
//! hazards) and followed here: revisits (回访), closing (销号) with its date, reopening,
//! editing the major flag, category, deadline and rectification; for a hazard that cannot
//! be fixed in time, its 防控措施 and 上报 ([`escalation`]) and the 上报清单 as .xlsx and
//! PDF ([`crate::escalated_list`]).
//!
//! Conventions the statistics rely on:
//! - `found_on` is the visit date of the inspection that found the hazard;
//! - a hazard fixed on the spot has status `fixed_on_site` and `closed_on` = the visit date
//!   (and no deadline);
//! - a closed hazard has status `closed` and `closed_on` = the closing date (≥ `found_on`);
//! - an open hazard has `deadline` = `found_on` + the office's `deadline_days` unless the
//!   clerk set another one; it is overdue when the deadline has passed (deadline < as-of).

use crate::category::Category;
use crate::households::Household;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub mod escalation;
mod follow;
mod query;

pub use escalation::{
    add_measure, delete_measure, escalate, escalated, escalation_of, measures_of, resolve_measure,
    undo_escalation, update_escalation, EscalatedHazard, Escalation, EscalationInput, Measure,
    MeasureInput,
};
pub use follow::{close, deadline_days, default_deadline, delete_revisit, reopen, revisit, update};
pub(crate) use query::revisit_from_row;
pub use query::{get, get_hazard, list, resolve, revisits_of, summary};

/// Where a hazard stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HazardStatus {
    /// Found, not yet fixed (未整改).
    Open,
    /// Fixed during the visit (现场整改).
    FixedOnSite,
    /// Fixed later and closed (已销号).
    Closed,
}

impl HazardStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            HazardStatus::Open => "open",
            HazardStatus::FixedOnSite => "fixed_on_site",
            HazardStatus::Closed => "closed",
        }
    }
    pub fn parse(s: &str) -> Option<HazardStatus> {
        match s {
            "open" => Some(HazardStatus::Open),
            "fixed_on_site" => Some(HazardStatus::FixedOnSite),
            "closed" => Some(HazardStatus::Closed),
            _ => None,
        }
    }
    /// How the status is shown to the clerk.
    pub fn label(self) -> &'static str {
        match self {
            HazardStatus::Open => "未整改",
            HazardStatus::FixedOnSite => "现场整改",
            HazardStatus::Closed => "已销号",
        }
    }
}

impl rusqlite::ToSql for HazardStatus {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl rusqlite::types::FromSql for HazardStatus {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let s = v.as_str()?;
        HazardStatus::parse(s).ok_or_else(|| {
            rusqlite::types::FromSqlError::Other(format!("未知的隐患状态“{s}”").into())
        })
    }
}

/// Where a hazard came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HazardSource {
    /// Derived from a checklist item's answer.
    Item,
    /// Written in 其它隐患情况 (other hazards).
    Other,
}

impl HazardSource {
    /// As stored: `item` or `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            HazardSource::Item => "item",
            HazardSource::Other => "other",
        }
    }
}

impl rusqlite::ToSql for HazardSource {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl rusqlite::types::FromSql for HazardSource {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        match v.as_str()? {
            "item" => Ok(HazardSource::Item),
            "other" => Ok(HazardSource::Other),
            s => Err(rusqlite::types::FromSqlError::Other(
                format!("未知的隐患来源“{s}”").into(),
            )),
        }
    }
}

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Hazard {
    pub id: String,
    pub inspection_id: String,
    pub household_id: String,
    pub household_code: String,
    pub household_name: String,
    pub household_address: String,
    pub grid_id: Option<String>,
    /// Grid name ('' when none).
    pub grid: String,
    /// Where it came from: a checklist answer or the 其它隐患情况.
    pub source: HazardSource,
    pub item_no: Option<i64>,
    pub description: String,
    /// The 行动名称 it counts under.
    pub category: Category,
    /// 重大隐患
    pub major: bool,
    pub status: HazardStatus,
    /// The visit date of the inspection that found it.
    pub found_on: String,
    /// 限期整改 (open hazards; kept after closing, none when fixed on the spot).
    pub deadline: Option<String>,
    /// Closing date (closed) or the visit date (fixed on the spot).
    pub closed_on: Option<String>,
    /// What the household must do (整改要求).
    pub rectification: String,
    pub note: String,
    /// Open and past its deadline as of the query's date (today by default).
    pub overdue: bool,
    /// Number of revisits (回访).
    pub revisits: i64,
    pub created_at: String,
    pub updated_at: String,
    /// 上报: to whom and when, when it was escalated.
    pub escalation: Option<Escalation>,
    /// Number of 防控措施 recorded.
    pub measure_count: i64,
    /// The newest 防控措施 (what is in place now), if any.
    pub latest_measure: Option<Measure>,
}

/// A revisit (回访) of a hazard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Revisit {
    pub id: String,
    pub hazard_id: String,
    pub visit_date: String,
    /// Who went (回访人).
    pub visitor: String,
    /// What was found (回访结果).
    pub result: String,
    pub note: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct RevisitInput {
    /// As the clerk typed it (2024-12-23, 2024年12月23日 ...).
    pub visit_date: String,
    #[serde(default)]
    pub visitor: String,
    #[serde(default)]
    pub result: String,
    #[serde(default)]
    pub note: String,
}

/// Everything about one hazard: what the 隐患整改通知书 prints and the detail view shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HazardDetail {
    pub hazard: Hazard,
    pub household: Household,
    pub revisits: Vec<Revisit>,
    /// 防控措施, oldest first (the escalation is on `hazard`).
    pub measures: Vec<Measure>,
    /// The visit that found it: date, inspectors (入户检查人员), rectification assigned on
    /// the spot (现场交办整改事项).
    pub visit_date: String,
    pub inspectors: String,
    pub assigned: String,
}

/// What the clerk may change on a hazard in the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HazardEdit {
    pub major: bool,
    pub category: Category,
    /// Empty: the default (found_on + the office's deadline days) for an open hazard.
    #[serde(default)]
    #[ts(optional)]
    pub deadline: Option<String>,
    #[serde(default)]
    pub rectification: String,
    #[serde(default)]
    pub note: String,
    /// Only for other hazards (其它隐患情况); an item hazard keeps the item's wording.
    #[serde(default)]
    #[ts(optional)]
    pub description: Option<String>,
}

/// Which hazards a ledger view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum HazardView {
    #[default]
    All,
    /// Status open.
    Open,
    /// Open with the deadline passed as of `as_of`.
    Overdue,
    FixedOnSite,
    Closed,
    /// Fixed on the spot or closed.
    Resolved,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct HazardQuery {
    #[serde(default)]
    pub view: HazardView,
    /// The date "overdue" is judged against (default today).
    #[serde(default)]
    #[ts(optional)]
    pub as_of: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub grid_id: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub category: Option<Category>,
    #[serde(default)]
    pub major_only: bool,
    /// Only hazards escalated (已上报).
    #[serde(default)]
    pub escalated: bool,
    /// Only hazards with 防控措施 recorded (有防控措施).
    #[serde(default)]
    pub with_measures: bool,
    #[serde(default)]
    #[ts(optional)]
    pub household_id: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub inspection_id: Option<String>,
    /// Found on or after.
    #[serde(default)]
    #[ts(optional)]
    pub from: Option<String>,
    /// Found on or before.
    #[serde(default)]
    #[ts(optional)]
    pub to: Option<String>,
    /// Household name, initials, code, address, or words of the description.
    #[serde(default)]
    #[ts(optional)]
    pub search: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
    #[serde(default)]
    #[ts(optional)]
    pub offset: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HazardPage {
    pub items: Vec<Hazard>,
    pub total: i64,
}

/// Counts of hazards in one group (a grid or a category).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HazardCount {
    /// Grid id or category ('' for households without a grid).
    pub key: String,
    pub label: String,
    pub total: i64,
    pub open: i64,
    pub overdue: i64,
    pub fixed_on_site: i64,
    pub closed: i64,
    pub major: i64,
    pub major_open: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HazardSummary {
    pub as_of: String,
    pub by_grid: Vec<HazardCount>,
    /// Always the seven categories, in the official order.
    pub by_category: Vec<HazardCount>,
    pub all: HazardCount,
}
