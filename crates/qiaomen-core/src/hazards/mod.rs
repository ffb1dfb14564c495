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

crate::stored_text::stored_as_text!(HazardStatus, "隐患状态", {
    Open => "open",
    FixedOnSite => "fixed_on_site",
    Closed => "closed",
});

impl HazardStatus {
    /// How the status is shown to the clerk.
    pub fn label(self) -> &'static str {
        match self {
            HazardStatus::Open => "未整改",
            HazardStatus::FixedOnSite => "现场整改",
            HazardStatus::Closed => "已销号",
        }
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

crate::stored_text::stored_as_text!(HazardSource, "隐患来源", {
    Item => "item",
    Other => "other",
});

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Hazard {
    /// Row id in `hazards` (UUID v7); stable across edits.
    pub id: String,
    /// Row id in `inspections` of the visit that found it.
    pub inspection_id: String,
    /// Row id in `households` of the household or place it is at.
    pub household_id: String,
    /// The household's short code printed on its forms (03017).
    pub household_code: String,
    /// The household's 检查地点(对象)名称.
    pub household_name: String,
    /// The household's address; empty when not recorded.
    pub household_address: String,
    /// Row id of the household's grid; None when it has none.
    pub grid_id: Option<String>,
    /// Grid name ('' when none).
    pub grid: String,
    /// Where it came from: a checklist answer or the 其它隐患情况.
    pub source: HazardSource,
    /// The checklist item number for item hazards; None for other hazards.
    pub item_no: Option<i64>,
    /// What is wrong: the item's wording, or the text written in 其它隐患情况.
    pub description: String,
    /// The 行动名称 it counts under.
    pub category: Category,
    /// 重大隐患
    pub major: bool,
    /// Open, fixed on the spot, or closed.
    pub status: HazardStatus,
    /// The visit date of the inspection that found it.
    pub found_on: String,
    /// 限期整改 (open hazards; kept after closing, none when fixed on the spot).
    pub deadline: Option<String>,
    /// Closing date (closed) or the visit date (fixed on the spot).
    pub closed_on: Option<String>,
    /// What the household must do (整改要求).
    pub rectification: String,
    /// Free note; empty when none.
    pub note: String,
    /// Open and past its deadline as of the query's date (today by default).
    pub overdue: bool,
    /// Number of revisits (回访).
    pub revisits: i64,
    /// When the row was created (UTC, `2024-12-01T08:00:00.000Z`).
    pub created_at: String,
    /// When the row was last changed (UTC, same format as `created_at`).
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
    /// Row id in `revisits` (UUID v7).
    pub id: String,
    /// Row id of the hazard revisited.
    pub hazard_id: String,
    /// Date of the revisit (ISO).
    pub visit_date: String,
    /// Who went (回访人).
    pub visitor: String,
    /// What was found (回访结果).
    pub result: String,
    /// Free note; empty when none.
    pub note: String,
    /// When the row was entered (UTC, `2024-12-01T08:00:00.000Z`).
    pub created_at: String,
}

/// What the clerk types to record a revisit; checked by [`revisit`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct RevisitInput {
    /// As the clerk typed it (2024-12-23, 2024年12月23日 ...).
    pub visit_date: String,
    /// 回访人; may be empty.
    #[serde(default)]
    pub visitor: String,
    /// 回访结果; may be empty.
    #[serde(default)]
    pub result: String,
    /// Free note; may be empty.
    #[serde(default)]
    pub note: String,
}

/// Everything about one hazard: what the 隐患整改通知书 prints and the detail view shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HazardDetail {
    /// The hazard as in the ledger.
    pub hazard: Hazard,
    /// The household or place it is at.
    pub household: Household,
    /// Its revisits (回访), oldest first.
    pub revisits: Vec<Revisit>,
    /// 防控措施, oldest first (the escalation is on `hazard`).
    pub measures: Vec<Measure>,
    /// The visit that found it: date, inspectors (入户检查人员), rectification assigned on
    /// the spot (现场交办整改事项).
    pub visit_date: String,
    /// 入户检查人员 of that visit; empty when not written.
    pub inspectors: String,
    /// 现场交办整改事项 of that visit; empty when none.
    pub assigned: String,
}

/// What the clerk may change on a hazard in the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HazardEdit {
    /// 重大隐患.
    pub major: bool,
    /// The 行动名称 it counts under.
    pub category: Category,
    /// Empty: the default (found_on + the office's deadline days) for an open hazard.
    #[serde(default)]
    #[ts(optional)]
    pub deadline: Option<String>,
    /// 整改要求; may be empty.
    #[serde(default)]
    pub rectification: String,
    /// Free note; may be empty.
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
    /// Every hazard.
    #[default]
    All,
    /// Status open.
    Open,
    /// Open with the deadline passed as of `as_of`.
    Overdue,
    /// Fixed during the visit (现场整改).
    FixedOnSite,
    /// Closed (已销号).
    Closed,
    /// Fixed on the spot or closed.
    Resolved,
}

/// A ledger query: the view and filters (all optional, combined with AND) and the page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct HazardQuery {
    /// Which statuses to show (default all).
    #[serde(default)]
    pub view: HazardView,
    /// The date "overdue" is judged against (default today).
    #[serde(default)]
    #[ts(optional)]
    pub as_of: Option<String>,
    /// Only hazards of households in this grid (row id).
    #[serde(default)]
    #[ts(optional)]
    pub grid_id: Option<String>,
    /// Only hazards counted under this 行动名称.
    #[serde(default)]
    #[ts(optional)]
    pub category: Option<Category>,
    /// Only 重大隐患.
    #[serde(default)]
    pub major_only: bool,
    /// Only hazards escalated (已上报).
    #[serde(default)]
    pub escalated: bool,
    /// Only hazards with 防控措施 recorded (有防控措施).
    #[serde(default)]
    pub with_measures: bool,
    /// Only hazards of this household (row id).
    #[serde(default)]
    #[ts(optional)]
    pub household_id: Option<String>,
    /// Only hazards found by this inspection (row id).
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
    /// Page size; None for every match.
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
    /// Rows to skip before the page; None or negative for 0.
    #[serde(default)]
    #[ts(optional)]
    pub offset: Option<i64>,
}

/// One page of a ledger query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HazardPage {
    /// The hazards of the page; open and overdue views by deadline, others newest found first.
    pub items: Vec<Hazard>,
    /// How many hazards match the query in all pages.
    pub total: i64,
}

/// Counts of hazards in one group (a grid or a category).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HazardCount {
    /// Grid id or category ('' for households without a grid).
    pub key: String,
    /// The grid's name (（未分网格） for none), the category's name, or 全部.
    pub label: String,
    /// All hazards of the group.
    pub total: i64,
    /// Open.
    pub open: i64,
    /// Open and past the deadline as of the summary's date.
    pub overdue: i64,
    /// Fixed on the spot.
    pub fixed_on_site: i64,
    /// Closed.
    pub closed: i64,
    /// 重大隐患, in any status.
    pub major: i64,
    /// 重大隐患 still open.
    pub major_open: i64,
}

/// Hazard counts by grid, by category and in all: the ledger's summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HazardSummary {
    /// The date overdue is judged against (ISO; today unless asked otherwise).
    pub as_of: String,
    /// One row per grid that has hazards, by grid number; households without a grid last.
    pub by_grid: Vec<HazardCount>,
    /// Always the seven categories, in the official order.
    pub by_category: Vec<HazardCount>,
    /// Every hazard (key '', label 全部).
    pub all: HazardCount,
}
