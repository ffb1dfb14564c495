//! Reading the ledger: one hazard, a filtered page, the counts by grid and category.

use super::escalation::{measures_of, Escalation, Measure};
use super::{
    Hazard, HazardCount, HazardDetail, HazardPage, HazardQuery, HazardSummary, HazardView, Revisit,
};
use crate::category::Category;
use crate::dates::iso;
use crate::error::{Error, Result};
use crate::households;
use crate::lookup::{escape_like, resolve_id};
use crate::text;
use rusqlite::{params, Connection, OptionalExtension, Row};

const SELECT: &str = "SELECT h.id, h.inspection_id, h.household_id, hh.code, hh.name, hh.address,
    hh.grid_id, coalesce(g.name, ''), h.source, h.item_no, h.description, h.category, h.major,
    h.status, h.found_on, h.deadline, h.closed_on, h.rectification, h.note,
    (h.status = 'open' AND h.deadline IS NOT NULL AND h.deadline < ?1),
    (SELECT count(*) FROM revisits r WHERE r.hazard_id = h.id), h.created_at, h.updated_at,
    e.hazard_id, e.escalated_to, e.escalated_on, e.note, e.created_at, e.updated_at,
    (SELECT count(*) FROM hazard_measures m WHERE m.hazard_id = h.id),
    lm.id, lm.taken_on, lm.description, lm.created_at
    FROM hazards h JOIN households hh ON hh.id = h.household_id
    LEFT JOIN grids g ON g.id = hh.grid_id
    LEFT JOIN hazard_escalations e ON e.hazard_id = h.id
    LEFT JOIN hazard_measures lm ON lm.id = (SELECT m.id FROM hazard_measures m
        WHERE m.hazard_id = h.id ORDER BY m.taken_on DESC, m.created_at DESC LIMIT 1)";

fn from_row(r: &Row) -> rusqlite::Result<Hazard> {
    Ok(Hazard {
        id: r.get(0)?,
        inspection_id: r.get(1)?,
        household_id: r.get(2)?,
        household_code: r.get(3)?,
        household_name: r.get(4)?,
        household_address: r.get(5)?,
        grid_id: r.get(6)?,
        grid: r.get(7)?,
        source: r.get(8)?,
        item_no: r.get(9)?,
        description: r.get(10)?,
        category: r.get(11)?,
        major: r.get(12)?,
        status: r.get(13)?,
        found_on: r.get(14)?,
        deadline: r.get(15)?,
        closed_on: r.get(16)?,
        rectification: r.get(17)?,
        note: r.get(18)?,
        overdue: r.get(19)?,
        revisits: r.get(20)?,
        created_at: r.get(21)?,
        updated_at: r.get(22)?,
        escalation: match r.get::<_, Option<String>>(23)? {
            None => None,
            Some(_) => Some(Escalation {
                escalated_to: r.get(24)?,
                escalated_on: r.get(25)?,
                note: r.get(26)?,
                created_at: r.get(27)?,
                updated_at: r.get(28)?,
            }),
        },
        measure_count: r.get(29)?,
        latest_measure: match r.get::<_, Option<String>>(30)? {
            None => None,
            Some(id) => Some(Measure {
                id,
                hazard_id: r.get(0)?,
                taken_on: r.get(31)?,
                description: r.get(32)?,
                created_at: r.get(33)?,
            }),
        },
    })
}

pub(crate) fn revisit_from_row(r: &Row) -> rusqlite::Result<Revisit> {
    Ok(Revisit {
        id: r.get(0)?,
        hazard_id: r.get(1)?,
        visit_date: r.get(2)?,
        visitor: r.get(3)?,
        result: r.get(4)?,
        note: r.get(5)?,
        created_at: r.get(6)?,
    })
}

pub(super) const REVISIT_SELECT: &str =
    "SELECT id, hazard_id, visit_date, visitor, result, note, created_at FROM revisits";

/// One hazard (as of today for the overdue flag).
pub fn get_hazard(conn: &Connection, id: &str) -> Result<Hazard> {
    conn.query_row(
        &format!("{SELECT} WHERE h.id = ?2"),
        params![iso(crate::today()), id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("没有找到这条隐患，它可能已被删除。"))
}

/// A hazard by id or unique id prefix.
pub fn resolve(conn: &Connection, key: &str) -> Result<Hazard> {
    get_hazard(conn, &resolve_id(conn, "hazards", key, "隐患")?)
}

/// Everything about one hazard: the household, its revisits and measures, and the visit
/// that found it. The 隐患整改通知书 is printed from this.
pub fn get(conn: &Connection, id: &str) -> Result<HazardDetail> {
    let hazard = get_hazard(conn, id)?;
    let household = households::get(conn, &hazard.household_id)?;
    let (visit_date, inspectors, assigned): (String, String, String) = conn.query_row(
        "SELECT visit_date, inspectors, assigned FROM inspections WHERE id = ?1",
        [&hazard.inspection_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let revisits = revisits_of(conn, id)?;
    let measures = measures_of(conn, id)?;
    Ok(HazardDetail {
        hazard,
        household,
        revisits,
        measures,
        visit_date,
        inspectors,
        assigned,
    })
}

/// The revisits of a hazard, oldest first.
pub fn revisits_of(conn: &Connection, hazard_id: &str) -> Result<Vec<Revisit>> {
    let mut st = conn.prepare(&format!(
        "{REVISIT_SELECT} WHERE hazard_id = ?1 ORDER BY visit_date, created_at"
    ))?;
    let rows = st.query_map([hazard_id], revisit_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A date filter as typed; the label names the field in the message.
pub(super) fn opt_date(label: &str, s: &Option<String>) -> Result<Option<String>> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(v) => crate::parse_date(v)
            .map(|d| Some(iso(d)))
            .map_err(|e| Error::invalid(format!("{label}：{}", e.message))),
        None => Ok(None),
    }
}

/// The ledger, filtered. Ordered by found date (newest first); the overdue view by
/// deadline (longest overdue first).
pub fn list(conn: &Connection, q: &HazardQuery) -> Result<HazardPage> {
    let as_of = opt_date("截至日期", &q.as_of)?.unwrap_or_else(|| iso(crate::today()));
    let mut args: Vec<String> = vec![as_of];
    let mut cond: Vec<String> = vec!["1 = 1".into()];
    let push = |args: &mut Vec<String>, v: String| {
        args.push(v);
        args.len()
    };
    match q.view {
        HazardView::All => {}
        HazardView::Open => cond.push("h.status = 'open'".into()),
        HazardView::Overdue => {
            cond.push("h.status = 'open' AND h.deadline IS NOT NULL AND h.deadline < ?1".into())
        }
        HazardView::FixedOnSite => cond.push("h.status = 'fixed_on_site'".into()),
        HazardView::Closed => cond.push("h.status = 'closed'".into()),
        HazardView::Resolved => cond.push("h.status IN ('fixed_on_site', 'closed')".into()),
    }
    if let Some(g) = q.grid_id.as_ref().filter(|g| !g.is_empty()) {
        if g == "-" {
            cond.push("hh.grid_id IS NULL".into());
        } else {
            let n = push(&mut args, g.clone());
            cond.push(format!("hh.grid_id = ?{n}"));
        }
    }
    if let Some(c) = q.category {
        let n = push(&mut args, c.name().to_string());
        cond.push(format!("h.category = ?{n}"));
    }
    if q.major_only {
        cond.push("h.major = 1".into());
    }
    if q.escalated {
        cond.push("EXISTS (SELECT 1 FROM hazard_escalations x WHERE x.hazard_id = h.id)".into());
    }
    if q.with_measures {
        cond.push("EXISTS (SELECT 1 FROM hazard_measures x WHERE x.hazard_id = h.id)".into());
    }
    if let Some(hh) = q.household_id.as_ref().filter(|s| !s.is_empty()) {
        let n = push(&mut args, hh.clone());
        cond.push(format!("h.household_id = ?{n}"));
    }
    if let Some(i) = q.inspection_id.as_ref().filter(|s| !s.is_empty()) {
        let n = push(&mut args, i.clone());
        cond.push(format!("h.inspection_id = ?{n}"));
    }
    if let Some(f) = opt_date("起始日期", &q.from)? {
        let n = push(&mut args, f);
        cond.push(format!("h.found_on >= ?{n}"));
    }
    if let Some(t) = opt_date("结束日期", &q.to)? {
        let n = push(&mut args, t);
        cond.push(format!("h.found_on <= ?{n}"));
    }
    if let Some(s) = q.search.as_ref() {
        let s = text::to_half_width(&text::clean(s));
        if !s.is_empty() {
            let a = push(&mut args, format!("%{}%", escape_like(&s)));
            let b = push(&mut args, format!("{}%", escape_like(&s.to_lowercase())));
            cond.push(format!(
                "(hh.name LIKE ?{a} ESCAPE '\\' OR hh.address LIKE ?{a} ESCAPE '\\'
                  OR h.description LIKE ?{a} ESCAPE '\\' OR hh.name_initials LIKE ?{b} ESCAPE '\\'
                  OR hh.code LIKE ?{b} ESCAPE '\\')"
            ));
        }
    }
    let cond = cond.join(" AND ");
    // Cached: saving a form reads its hazards back through here (the entry sheet: per row).
    let total: i64 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM hazards h JOIN households hh ON hh.id = h.household_id
             WHERE {cond} AND ?1 IS NOT NULL"
        ))?
        .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
    let order = match q.view {
        HazardView::Overdue | HazardView::Open => "h.deadline, hh.code, h.item_no",
        _ => "h.found_on DESC, hh.code, coalesce(h.item_no, 1000), h.created_at",
    };
    let limit = q.limit.unwrap_or(-1);
    let offset = q.offset.unwrap_or(0).max(0);
    let mut st = conn.prepare_cached(&format!(
        "{SELECT} WHERE {cond} ORDER BY {order} LIMIT {limit} OFFSET {offset}"
    ))?;
    let rows = st.query_map(rusqlite::params_from_iter(args.iter()), from_row)?;
    Ok(HazardPage {
        items: rows.collect::<rusqlite::Result<_>>()?,
        total,
    })
}

/// Counts by grid and by category (open, overdue as of `as_of`, closed, major).
pub fn summary(conn: &Connection, as_of: Option<&str>) -> Result<HazardSummary> {
    let as_of =
        opt_date("截至日期", &as_of.map(str::to_string))?.unwrap_or_else(|| iso(crate::today()));
    let counts = "count(*),
        sum(h.status = 'open'),
        sum(h.status = 'open' AND h.deadline IS NOT NULL AND h.deadline < ?1),
        sum(h.status = 'fixed_on_site'),
        sum(h.status = 'closed'),
        sum(h.major = 1),
        sum(h.major = 1 AND h.status = 'open')";
    let count_row = |r: &Row, key: String, label: String| -> rusqlite::Result<HazardCount> {
        Ok(HazardCount {
            key,
            label,
            total: r.get(0)?,
            open: r.get::<_, Option<i64>>(1)?.unwrap_or(0),
            overdue: r.get::<_, Option<i64>>(2)?.unwrap_or(0),
            fixed_on_site: r.get::<_, Option<i64>>(3)?.unwrap_or(0),
            closed: r.get::<_, Option<i64>>(4)?.unwrap_or(0),
            major: r.get::<_, Option<i64>>(5)?.unwrap_or(0),
            major_open: r.get::<_, Option<i64>>(6)?.unwrap_or(0),
        })
    };
    let all = conn.query_row(&format!("SELECT {counts} FROM hazards h"), [&as_of], |r| {
        count_row(r, String::new(), "全部".into())
    })?;
    let mut by_category = Vec::new();
    for c in Category::ALL {
        by_category.push(conn.query_row(
            &format!("SELECT {counts} FROM hazards h WHERE h.category = ?2"),
            params![as_of, c],
            |r| count_row(r, c.name().to_string(), c.name().to_string()),
        )?);
    }
    let mut st = conn.prepare(&format!(
        "SELECT {counts}, coalesce(hh.grid_id, ''), coalesce(g.name, '（未分网格）')
         FROM hazards h JOIN households hh ON hh.id = h.household_id
         LEFT JOIN grids g ON g.id = hh.grid_id
         GROUP BY hh.grid_id ORDER BY coalesce(g.no, 1000000)"
    ))?;
    let rows = st.query_map([&as_of], |r| {
        let key: String = r.get(7)?;
        let label: String = r.get(8)?;
        count_row(r, key, label)
    })?;
    Ok(HazardSummary {
        as_of,
        by_grid: rows.collect::<rusqlite::Result<_>>()?,
        by_category,
        all,
    })
}
