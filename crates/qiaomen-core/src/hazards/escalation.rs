//! Hazards that cannot be fixed in time (seed 001: "一时化解整改不了的…落实防控举措…解决
//! 不了的及时报当地党委和政府"): the interim measures (防控措施) taken while a hazard waits,
//! and its escalation (上报) to the local 党委和政府 or another office.
//!
//! Measures are a dated list (a hazard may get several over time); an escalation is one per
//! hazard (to whom, when, a note), which the clerk may correct or undo. Both live in their
//! own tables (migration 0006) and are audited like every other table. Closing an escalated
//! hazard is allowed: the escalation stays on record.

use super::{get_hazard, list, Hazard, HazardQuery, HazardStatus};
use crate::dates::{iso, parse_iso, show_iso};
use crate::error::{Error, Result};
use crate::{new_id, now_ts, text};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// At most this many characters in 上报对象.
const MAX_TO: usize = 60;
/// At most this many characters in a measure or a note.
const MAX_TEXT: usize = 500;

/// One 防控措施 of a hazard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Measure {
    /// Row id in `hazard_measures` (UUID v7).
    pub id: String,
    /// Row id in `hazards` of the hazard the measure is for.
    pub hazard_id: String,
    /// The date it was put in place (ISO).
    pub taken_on: String,
    /// What was done (设置警示标志、每日巡查、关闭气源……).
    pub description: String,
    /// When the row was entered (UTC, `2024-12-01T08:00:00.000Z`); orders measures of the same day.
    pub created_at: String,
}

/// A 防控措施 as the clerk typed it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct MeasureInput {
    /// As typed (2024-12-23, 2024年12月23日 ...).
    pub taken_on: String,
    /// What was done; required, white space folded, at most 500 characters.
    pub description: String,
}

/// A hazard's 上报: to whom and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Escalation {
    /// 上报对象 (镇党委、镇政府, 镇应急办 ...).
    pub escalated_to: String,
    /// 上报日期 (ISO).
    pub escalated_on: String,
    /// 上报说明: free note (what was asked for); empty when none.
    pub note: String,
    /// When the escalation was first recorded (UTC, `2024-12-01T08:00:00.000Z`).
    pub created_at: String,
    /// When it was last corrected (UTC, same format as `created_at`).
    pub updated_at: String,
}

/// A 上报 as the clerk typed it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct EscalationInput {
    /// 上报对象 as typed; required, white space folded, at most 60 characters.
    pub escalated_to: String,
    /// As typed.
    pub escalated_on: String,
    /// 上报说明; may be empty, at most 500 characters.
    #[serde(default)]
    pub note: String,
    /// A 防控措施 in place by then, recorded with the escalation's date in the same
    /// transaction (the CLI's `--measures`); empty or absent: none.
    #[serde(default)]
    #[ts(optional)]
    pub measures: Option<String>,
}

/// One line of the 上报清单: an escalated hazard with its measures, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct EscalatedHazard {
    /// The hazard as listed in the hazard ledger (flattened into this object in JSON).
    #[serde(flatten)]
    pub hazard: Hazard,
    /// Its 防控措施, oldest first; empty when none were recorded.
    pub measures: Vec<Measure>,
}

const MEASURE_SELECT: &str =
    "SELECT id, hazard_id, taken_on, description, created_at FROM hazard_measures";

fn measure_from_row(r: &Row) -> rusqlite::Result<Measure> {
    Ok(Measure {
        id: r.get(0)?,
        hazard_id: r.get(1)?,
        taken_on: r.get(2)?,
        description: r.get(3)?,
        created_at: r.get(4)?,
    })
}

/// The measures of a hazard, oldest first.
pub fn measures_of(conn: &Connection, hazard_id: &str) -> Result<Vec<Measure>> {
    let mut st = conn.prepare(&format!(
        "{MEASURE_SELECT} WHERE hazard_id = ?1 ORDER BY taken_on, created_at"
    ))?;
    let rows = st.query_map([hazard_id], measure_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A date of the hazard's follow-up as typed: required, not before the hazard was found,
/// not in the future. `what` names it in the messages (防控措施日期, 上报日期).
fn follow_up_date(what: &str, typed: &str, h: &Hazard) -> Result<NaiveDate> {
    if typed.trim().is_empty() {
        return Err(Error::invalid(format!("请填写{what}。")));
    }
    let d =
        crate::parse_date(typed).map_err(|e| Error::invalid(format!("{what}：{}", e.message)))?;
    let found = parse_iso(&h.found_on)?;
    if d < found {
        return Err(Error::invalid(format!(
            "{what} {} 早于发现隐患的日期 {}，请核对。",
            crate::date_cn(d),
            crate::date_cn(found)
        )));
    }
    if d > crate::today() {
        return Err(Error::invalid(format!(
            "{what} {} 还没到，请填写实际的日期。",
            crate::date_cn(d)
        )));
    }
    Ok(d)
}

/// Cleaned text of at most `max` characters; `what` names it in the message.
fn bounded(what: &str, s: &str, max: usize) -> Result<String> {
    let t = text::clean(s);
    if t.chars().count() > max {
        return Err(Error::invalid(format!(
            "{what}太长了（{} 个字），请写在 {max} 个字以内。",
            t.chars().count()
        )));
    }
    Ok(t)
}

/// Measures are for hazards still waiting to be fixed.
fn require_open(h: &Hazard, doing: &str) -> Result<()> {
    match h.status {
        HazardStatus::Open => Ok(()),
        HazardStatus::Closed => Err(Error::conflict(format!(
            "这条隐患已于 {} 销号，不需要再{doing}。",
            h.closed_on.as_deref().map(show_iso).unwrap_or_default()
        ))),
        HazardStatus::FixedOnSite => Err(Error::conflict(format!(
            "这条隐患已在检查时现场整改，不需要{doing}。"
        ))),
    }
}

fn insert_measure(conn: &Connection, h: &Hazard, input: &MeasureInput) -> Result<Measure> {
    let d = follow_up_date("防控措施日期", &input.taken_on, h)?;
    let description = bounded("防控措施", &input.description, MAX_TEXT)?;
    if description.is_empty() {
        return Err(Error::invalid(
            "请填写防控措施（例如：设置警示标志、关闭气源、每日巡查）。",
        ));
    }
    let id = new_id();
    conn.execute(
        "INSERT INTO hazard_measures (id, hazard_id, taken_on, description, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, h.id, iso(d), description, now_ts()],
    )?;
    Ok(conn.query_row(
        &format!("{MEASURE_SELECT} WHERE id = ?1"),
        [&id],
        measure_from_row,
    )?)
}

/// Records a 防控措施 on an open hazard.
pub fn add_measure(conn: &Connection, hazard_id: &str, input: &MeasureInput) -> Result<Measure> {
    let h = get_hazard(conn, hazard_id)?;
    require_open(&h, "记录防控措施")?;
    insert_measure(conn, &h, input)
}

/// Deletes a measure entered by mistake (audited).
pub fn delete_measure(conn: &Connection, measure_id: &str) -> Result<()> {
    let n = conn.execute("DELETE FROM hazard_measures WHERE id = ?1", [measure_id])?;
    if n == 0 {
        return Err(Error::not_found("没有找到这条防控措施，它可能已被删除。"));
    }
    Ok(())
}

/// A measure by id or a unique prefix/suffix of its id (the CLI).
pub fn resolve_measure(conn: &Connection, key: &str) -> Result<Measure> {
    let id = crate::lookup::resolve_id(conn, "hazard_measures", key, "防控措施")?;
    Ok(conn.query_row(
        &format!("{MEASURE_SELECT} WHERE id = ?1"),
        [&id],
        measure_from_row,
    )?)
}

/// The escalation of a hazard, if any.
pub fn escalation_of(conn: &Connection, hazard_id: &str) -> Result<Option<Escalation>> {
    Ok(conn
        .query_row(
            "SELECT escalated_to, escalated_on, note, created_at, updated_at
             FROM hazard_escalations WHERE hazard_id = ?1",
            [hazard_id],
            |r| {
                Ok(Escalation {
                    escalated_to: r.get(0)?,
                    escalated_on: r.get(1)?,
                    note: r.get(2)?,
                    created_at: r.get(3)?,
                    updated_at: r.get(4)?,
                })
            },
        )
        .optional()?)
}

/// An escalation as typed, checked: (to, ISO date, note).
fn checked(h: &Hazard, input: &EscalationInput) -> Result<(String, String, String)> {
    let to = bounded("上报对象", &input.escalated_to, MAX_TO)?;
    if to.is_empty() {
        return Err(Error::invalid("请填写上报给谁（例如：镇党委、镇政府）。"));
    }
    let d = follow_up_date("上报日期", &input.escalated_on, h)?;
    let note = bounded("上报说明", &input.note, MAX_TEXT)?;
    Ok((to, iso(d), note))
}

/// The measure that comes with an escalation (`--measures`), if any.
fn measure_with(input: &EscalationInput) -> Option<MeasureInput> {
    input
        .measures
        .as_deref()
        .filter(|m| !m.trim().is_empty())
        .map(|m| MeasureInput {
            taken_on: input.escalated_on.clone(),
            description: m.to_string(),
        })
}

/// Escalates (上报) an open hazard; with `measures`, records that 防控措施 on the same date.
/// One transaction: a bad measure leaves the hazard unescalated. Refused when the hazard
/// was already escalated (correct it with [`update_escalation`]).
pub fn escalate(conn: &Connection, hazard_id: &str, input: &EscalationInput) -> Result<Hazard> {
    let h = get_hazard(conn, hazard_id)?;
    if let Some(e) = &h.escalation {
        return Err(Error::conflict(format!(
            "这条隐患已于 {} 上报给{}。如需更正，请修改上报内容；如上报有误，可撤销上报。",
            show_iso(&e.escalated_on),
            e.escalated_to
        )));
    }
    require_open(&h, "上报")?;
    let (to, on, note) = checked(&h, input)?;
    let tx = conn.unchecked_transaction()?;
    let now = now_ts();
    tx.execute(
        "INSERT INTO hazard_escalations
            (hazard_id, escalated_to, escalated_on, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![h.id, to, on, note, now],
    )?;
    if let Some(m) = measure_with(input) {
        insert_measure(&tx, &h, &m)?;
    }
    tx.commit()?;
    get_hazard(conn, hazard_id)
}

/// Corrects the escalation of a hazard (to whom, date, note), whatever its status now;
/// with `measures`, records that 防控措施 too (open hazards only). One transaction.
pub fn update_escalation(
    conn: &Connection,
    hazard_id: &str,
    input: &EscalationInput,
) -> Result<Hazard> {
    let h = get_hazard(conn, hazard_id)?;
    if h.escalation.is_none() {
        return Err(Error::not_found(
            "这条隐患还没有上报，没有可修改的上报内容。",
        ));
    }
    let (to, on, note) = checked(&h, input)?;
    let measure = measure_with(input);
    if measure.is_some() {
        require_open(&h, "记录防控措施")?;
    }
    let tx = conn.unchecked_transaction()?;
    tx.execute(
        "UPDATE hazard_escalations SET escalated_to = ?2, escalated_on = ?3, note = ?4,
            updated_at = ?5 WHERE hazard_id = ?1",
        params![h.id, to, on, note, now_ts()],
    )?;
    if let Some(m) = measure {
        insert_measure(&tx, &h, &m)?;
    }
    tx.commit()?;
    get_hazard(conn, hazard_id)
}

/// Undoes an escalation recorded by mistake (the audit log keeps what it was). The
/// hazard's measures stay.
pub fn undo_escalation(conn: &Connection, hazard_id: &str) -> Result<Hazard> {
    get_hazard(conn, hazard_id)?;
    let n = conn.execute(
        "DELETE FROM hazard_escalations WHERE hazard_id = ?1",
        [hazard_id],
    )?;
    if n == 0 {
        return Err(Error::not_found("这条隐患没有上报，不需要撤销。"));
    }
    get_hazard(conn, hazard_id)
}

/// The 上报清单: the escalated hazards among those `q` selects (its `escalated` flag is
/// implied), each with its measures, in the order they were escalated.
pub fn escalated(conn: &Connection, q: &HazardQuery) -> Result<Vec<EscalatedHazard>> {
    let q = HazardQuery {
        escalated: true,
        limit: None,
        offset: None,
        ..q.clone()
    };
    let mut items = list(conn, &q)?.items;
    items.sort_by(|a, b| {
        let on = |h: &Hazard| h.escalation.as_ref().map(|e| e.escalated_on.clone());
        (
            on(a),
            &a.household_code,
            a.item_no.unwrap_or(1000),
            &a.created_at,
        )
            .cmp(&(
                on(b),
                &b.household_code,
                b.item_no.unwrap_or(1000),
                &b.created_at,
            ))
    });
    items
        .into_iter()
        .map(|hazard| {
            let measures = measures_of(conn, &hazard.id)?;
            Ok(EscalatedHazard { hazard, measures })
        })
        .collect()
}
