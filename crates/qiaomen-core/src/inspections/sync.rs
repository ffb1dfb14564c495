//! Keeping an inspection's hazards in step with its answers when it is recorded or
//! edited (see the module notes of [`crate::inspections`]).

use super::normalize::{Normalized, Wanted};
use super::{warn, Warning};
use crate::category::Category;
use crate::dates::iso;
use crate::error::{Error, Result};
use crate::hazards::{self, HazardSource, HazardStatus};
use crate::{new_id, now_ts};
use chrono::NaiveDate;
use rusqlite::{params, Connection};

/// A stored hazard of the inspection, as far as syncing needs it.
struct Existing {
    id: String,
    source: HazardSource,
    item_no: Option<i64>,
    description: String,
    category: Category,
    major: bool,
    status: HazardStatus,
    found_on: String,
    deadline: Option<String>,
    closed_on: Option<String>,
    revisits: i64,
}

fn existing_hazards(conn: &Connection, inspection_id: &str) -> Result<Vec<Existing>> {
    let mut st = conn.prepare_cached(
        "SELECT h.id, h.source, h.item_no, h.description, h.category, h.major, h.status,
            h.found_on, h.deadline, h.closed_on,
            (SELECT count(*) FROM revisits r WHERE r.hazard_id = h.id)
              + (SELECT count(*) FROM hazard_measures m WHERE m.hazard_id = h.id)
              + (SELECT count(*) FROM hazard_escalations x WHERE x.hazard_id = h.id)
         FROM hazards h WHERE h.inspection_id = ?1 ORDER BY h.created_at, h.id",
    )?;
    let rows = st.query_map([inspection_id], |r| {
        Ok(Existing {
            id: r.get(0)?,
            source: r.get(1)?,
            item_no: r.get(2)?,
            description: r.get(3)?,
            category: r.get(4)?,
            major: r.get(5)?,
            status: r.get(6)?,
            found_on: r.get(7)?,
            deadline: r.get(8)?,
            closed_on: r.get(9)?,
            revisits: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Makes the inspection's hazards match what its answers and other hazards call for.
/// Returns (added, removed, kept).
pub(super) fn sync_hazards(
    conn: &Connection,
    inspection_id: &str,
    n: &Normalized,
    warnings: &mut Vec<Warning>,
) -> Result<(i64, i64, i64)> {
    let office_days = hazards::deadline_days(conn)?;
    // An item's own 整改期限, else the office's default.
    let item_days = |item_no: Option<i64>| {
        item_no
            .and_then(|no| n.template.item(no))
            .and_then(|i| i.deadline_days)
            .unwrap_or(office_days)
    };
    let visit = iso(n.visit_date);
    let existing = existing_hazards(conn, inspection_id)?;
    let mut matched: Vec<Option<usize>> = vec![None; n.wanted.len()];
    let mut used = vec![false; existing.len()];
    // Other hazards edited by id first.
    for (wi, w) in n.wanted.iter().enumerate() {
        if let Some(id) = &w.id {
            let pos = existing
                .iter()
                .position(|e| &e.id == id && e.source == HazardSource::Other)
                .ok_or_else(|| Error::invalid("要修改的其它隐患不属于这次检查。"))?;
            if used[pos] {
                return Err(Error::invalid("同一条其它隐患出现了两次。"));
            }
            used[pos] = true;
            matched[wi] = Some(pos);
        }
    }
    for (wi, w) in n.wanted.iter().enumerate() {
        if matched[wi].is_some() {
            continue;
        }
        let pos = existing.iter().enumerate().position(|(ei, e)| {
            !used[ei]
                && e.source == w.source
                && match w.source {
                    HazardSource::Item => e.item_no == w.item_no,
                    HazardSource::Other => e.description == w.description,
                }
        });
        if let Some(pos) = pos {
            used[pos] = true;
            matched[wi] = Some(pos);
        }
    }

    let mut added = 0;
    let now = now_ts();
    for (wi, w) in n.wanted.iter().enumerate() {
        match matched[wi] {
            None => {
                let (status, deadline, closed_on) = if w.fixed {
                    (HazardStatus::FixedOnSite, None, Some(visit.clone()))
                } else {
                    (
                        HazardStatus::Open,
                        Some(hazards::default_deadline(
                            n.visit_date,
                            w.deadline_days.unwrap_or(office_days),
                        )),
                        None,
                    )
                };
                conn.prepare_cached(
                    "INSERT INTO hazards (id, inspection_id, household_id, source, item_no,
                        description, category, major, status, found_on, deadline, closed_on,
                        created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
                )?
                .execute(params![
                    new_id(),
                    inspection_id,
                    n.household.id,
                    w.source,
                    w.item_no,
                    w.description,
                    w.category,
                    w.major,
                    status,
                    visit,
                    deadline,
                    closed_on,
                    now
                ])?;
                added += 1;
            }
            Some(ei) => {
                let days = w.deadline_days.unwrap_or(office_days);
                update_existing(conn, &existing[ei], w, n, days, &visit, &now)?
            }
        }
    }

    let (mut removed, mut kept) = (0, 0);
    for (ei, e) in existing.iter().enumerate() {
        if used[ei] {
            continue;
        }
        if e.revisits > 0 || e.status == HazardStatus::Closed {
            kept += 1;
            let why = if e.status == HazardStatus::Closed {
                "已销号"
            } else {
                "已有回访、防控措施或上报记录"
            };
            warnings.push(warn(
                match e.item_no {
                    Some(no) => format!("item_{no}"),
                    None => "extra_hazards".to_string(),
                },
                format!(
                    "隐患“{}”{why}，为保留整改记录没有删除；如确属录入错误，请到隐患台账中处理。",
                    e.description
                ),
            ));
            // It still belongs to this inspection's household and visit date.
            if e.found_on != visit {
                update_found_on(conn, e, n.visit_date, item_days(e.item_no), &now)?;
            }
        } else {
            conn.execute("DELETE FROM hazards WHERE id = ?1", [&e.id])?;
            removed += 1;
        }
    }
    // A change of household moves the hazards with the visit.
    conn.prepare_cached(
        "UPDATE hazards SET household_id = ?2, updated_at = ?3 WHERE inspection_id = ?1 AND household_id <> ?2",
    )?
    .execute(params![inspection_id, n.household.id, now])?;
    Ok((added, removed, kept))
}

fn check_closed_after(e: &Existing, visit: NaiveDate) -> Result<()> {
    if e.status == HazardStatus::Closed {
        if let Some(c) = e.closed_on.as_deref() {
            if c < iso(visit).as_str() {
                return Err(Error::invalid(format!(
                    "隐患“{}”已于 {} 销号，检查日期不能晚于销号日期。",
                    e.description,
                    NaiveDate::parse_from_str(c, "%Y-%m-%d")
                        .map(crate::date_cn)
                        .unwrap_or_else(|_| c.to_string())
                )));
            }
        }
    }
    Ok(())
}

/// The deadline after the visit date moved: a default deadline moves with it, one the clerk
/// set stays.
fn moved_deadline(e: &Existing, visit: NaiveDate, days: i64) -> Option<String> {
    let old_found = NaiveDate::parse_from_str(&e.found_on, "%Y-%m-%d").ok();
    match (&e.deadline, old_found) {
        (Some(d), Some(f)) if *d == hazards::default_deadline(f, days) => {
            Some(hazards::default_deadline(visit, days))
        }
        (Some(d), _) => Some(d.clone()),
        (None, _) => None,
    }
}

fn update_found_on(
    conn: &Connection,
    e: &Existing,
    visit: NaiveDate,
    days: i64,
    now: &str,
) -> Result<()> {
    check_closed_after(e, visit)?;
    let closed_on = match e.status {
        HazardStatus::FixedOnSite => Some(iso(visit)),
        _ => e.closed_on.clone(),
    };
    conn.prepare_cached(
        "UPDATE hazards SET found_on = ?2, deadline = ?3, closed_on = ?4, updated_at = ?5 WHERE id = ?1",
    )?
    .execute(params![e.id, iso(visit), moved_deadline(e, visit, days), closed_on, now])?;
    Ok(())
}

fn update_existing(
    conn: &Connection,
    e: &Existing,
    w: &Wanted,
    n: &Normalized,
    days: i64,
    visit: &str,
    now: &str,
) -> Result<()> {
    check_closed_after(e, n.visit_date)?;
    let mut status = e.status;
    let mut deadline = if e.found_on == visit {
        e.deadline.clone()
    } else {
        moved_deadline(e, n.visit_date, days)
    };
    let mut closed_on = e.closed_on.clone();
    match (e.status, w.fixed) {
        (HazardStatus::Open, true) => {
            status = HazardStatus::FixedOnSite;
            deadline = None;
            closed_on = Some(visit.to_string());
        }
        (HazardStatus::FixedOnSite, false) => {
            status = HazardStatus::Open;
            deadline = Some(hazards::default_deadline(n.visit_date, days));
            closed_on = None;
        }
        (HazardStatus::FixedOnSite, true) => closed_on = Some(visit.to_string()),
        _ => {}
    }
    // Item hazards keep the category and major flag the clerk may have set in the ledger;
    // other hazards take what the form says.
    let (description, category, major) = if w.source == HazardSource::Other {
        (w.description.clone(), w.category, w.major)
    } else {
        (e.description.clone(), e.category, e.major)
    };
    let same = status == e.status
        && deadline == e.deadline
        && closed_on == e.closed_on
        && e.found_on == visit
        && description == e.description
        && category == e.category
        && major == e.major;
    if same {
        return Ok(());
    }
    conn.prepare_cached(
        "UPDATE hazards SET status = ?2, deadline = ?3, closed_on = ?4, found_on = ?5,
            description = ?6, category = ?7, major = ?8, updated_at = ?9 WHERE id = ?1",
    )?
    .execute(params![
        e.id,
        status,
        deadline,
        closed_on,
        visit,
        description,
        category,
        major,
        now
    ])?;
    Ok(())
}
