//! Following a hazard until it is fixed: deadlines, closing (销号), reopening (撤销销号),
//! revisits (回访) and the clerk's edits.

use super::query::{opt_date, revisit_from_row, REVISIT_SELECT};
use super::{get_hazard, Hazard, HazardEdit, HazardSource, HazardStatus, Revisit, RevisitInput};
use crate::dates::{iso, parse_iso, show_iso};
use crate::error::{Error, Result};
use crate::{new_id, now_ts, text};
use chrono::NaiveDate;
use rusqlite::{params, Connection};

/// The office's default number of days to fix a hazard ([`crate::settings::deadline_days`]).
pub fn deadline_days(conn: &Connection) -> Result<i64> {
    crate::settings::deadline_days(conn)
}

/// found_on + days, as ISO text.
pub fn default_deadline(found_on: NaiveDate, days: i64) -> String {
    let d = found_on
        .checked_add_days(chrono::Days::new(days.max(0) as u64))
        .unwrap_or(found_on);
    iso(d)
}

/// Closes (销号) an open hazard on `date` (as typed; must not be before it was found, nor in
/// the future). The note, if any, is appended to the hazard's note.
pub fn close(conn: &Connection, id: &str, date: &str, note: &str) -> Result<Hazard> {
    let h = get_hazard(conn, id)?;
    match h.status {
        HazardStatus::Open => {}
        HazardStatus::Closed => {
            return Err(Error::conflict(format!(
                "这条隐患已于 {} 销号。",
                h.closed_on.as_deref().map(show_iso).unwrap_or_default()
            )))
        }
        HazardStatus::FixedOnSite => {
            return Err(Error::conflict(
                "这条隐患已在检查时现场整改，不需要再销号。",
            ))
        }
    }
    if date.trim().is_empty() {
        return Err(Error::invalid("请填写销号（整改完成）日期。"));
    }
    let d = crate::parse_date(date)?;
    let found = parse_iso(&h.found_on)?;
    if d < found {
        return Err(Error::invalid(format!(
            "销号日期 {} 早于发现隐患的日期 {}，请核对。",
            crate::date_cn(d),
            crate::date_cn(found)
        )));
    }
    if d > crate::today() {
        return Err(Error::invalid(format!(
            "销号日期 {} 还没到，请填写实际整改完成的日期。",
            crate::date_cn(d)
        )));
    }
    let note = append_note(&h.note, &text::clean(note));
    conn.execute(
        "UPDATE hazards SET status = 'closed', closed_on = ?2, note = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, iso(d), note, now_ts()],
    )?;
    get_hazard(conn, id)
}

fn append_note(old: &str, add: &str) -> String {
    match (old.is_empty(), add.is_empty()) {
        (_, true) => old.to_string(),
        (true, false) => add.to_string(),
        (false, false) => format!("{old}；{add}"),
    }
}

/// Reopens a closed or fixed-on-the-spot hazard (a mistake, or it came back). It gets its
/// deadline back (the default one when it had none).
pub fn reopen(conn: &Connection, id: &str) -> Result<Hazard> {
    let h = get_hazard(conn, id)?;
    if h.status == HazardStatus::Open {
        return Err(Error::conflict("这条隐患本来就是未整改状态。"));
    }
    let deadline = match h.deadline {
        Some(d) => d,
        None => default_deadline(parse_iso(&h.found_on)?, deadline_days(conn)?),
    };
    conn.execute(
        "UPDATE hazards SET status = 'open', closed_on = NULL, deadline = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, deadline, now_ts()],
    )?;
    get_hazard(conn, id)
}

/// Records a revisit (回访). The date must not be before the hazard was found nor in the
/// future; the result is required.
pub fn revisit(conn: &Connection, hazard_id: &str, input: &RevisitInput) -> Result<Revisit> {
    let h = get_hazard(conn, hazard_id)?;
    if input.visit_date.trim().is_empty() {
        return Err(Error::invalid("请填写回访日期。"));
    }
    let d = crate::parse_date(&input.visit_date)?;
    let found = parse_iso(&h.found_on)?;
    if d < found {
        return Err(Error::invalid(format!(
            "回访日期 {} 早于发现隐患的日期 {}，请核对。",
            crate::date_cn(d),
            crate::date_cn(found)
        )));
    }
    if d > crate::today() {
        return Err(Error::invalid(format!(
            "回访日期 {} 还没到，请在回访之后再记录。",
            crate::date_cn(d)
        )));
    }
    let result = text::clean(&input.result);
    if result.is_empty() {
        return Err(Error::invalid(
            "请填写回访结果（例如：已整改、正在整改、未整改）。",
        ));
    }
    let id = new_id();
    conn.execute(
        "INSERT INTO revisits (id, hazard_id, visit_date, visitor, result, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            hazard_id,
            iso(d),
            text::clean(&input.visitor),
            result,
            input.note.trim(),
            now_ts()
        ],
    )?;
    Ok(conn.query_row(
        &format!("{REVISIT_SELECT} WHERE id = ?1"),
        [&id],
        revisit_from_row,
    )?)
}

/// Deletes a revisit entered by mistake (audited).
pub fn delete_revisit(conn: &Connection, revisit_id: &str) -> Result<()> {
    let n = conn.execute("DELETE FROM revisits WHERE id = ?1", [revisit_id])?;
    if n == 0 {
        return Err(Error::not_found("没有找到这条回访记录。"));
    }
    Ok(())
}

/// Edits the major flag, category, deadline, rectification and note (and the wording of
/// an other hazard).
pub fn update(conn: &Connection, id: &str, e: &HazardEdit) -> Result<Hazard> {
    let h = get_hazard(conn, id)?;
    let category = e.category;
    let found = parse_iso(&h.found_on)?;
    let deadline = match opt_date("整改期限", &e.deadline)? {
        Some(d) => {
            if d < h.found_on {
                return Err(Error::invalid(format!(
                    "整改期限 {} 早于发现隐患的日期 {}。",
                    show_iso(&d),
                    crate::date_cn(found)
                )));
            }
            Some(d)
        }
        None if h.status == HazardStatus::FixedOnSite => None,
        None => Some(default_deadline(found, deadline_days(conn)?)),
    };
    let description = match (&e.description, h.source) {
        (Some(d), HazardSource::Other) => {
            let d = text::clean(d);
            if d.is_empty() {
                return Err(Error::invalid("请填写隐患情况。"));
            }
            d
        }
        _ => h.description.clone(),
    };
    conn.execute(
        "UPDATE hazards SET major = ?2, category = ?3, deadline = ?4, rectification = ?5,
            note = ?6, description = ?7, updated_at = ?8 WHERE id = ?1",
        params![
            id,
            e.major,
            category,
            deadline,
            e.rectification.trim(),
            e.note.trim(),
            description,
            now_ts()
        ],
    )?;
    get_hazard(conn, id)
}
