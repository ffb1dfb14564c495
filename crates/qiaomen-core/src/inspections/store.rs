//! Recording, editing, deleting and reading inspections (each write one transaction).

use super::attributes;
use super::normalize::{mark_vulnerable, normalize, soft_checks};
use super::sync::sync_hazards;
use super::{
    remember_entry, AnswerEntry, Inspection, InspectionInput, InspectionPage, InspectionQuery,
    InspectionSource, InspectionSummary, SavedInspection,
};
use crate::dates::iso;
use crate::error::{Error, Result};
use crate::hazards;
use crate::households;
use crate::lookup::escape_like;
use crate::templates::Answer;
use crate::{new_id, now_ts, text};
use rusqlite::{params, Connection, OptionalExtension, Row};

/// Records a new inspection in one transaction. Keyed inspections remember their date and
/// inspectors as the entry form's defaults.
pub fn record(conn: &Connection, input: &InspectionInput) -> Result<SavedInspection> {
    let tx = conn.unchecked_transaction()?;
    let mut saved = record_in(&tx, input, InspectionSource::Keyed)?;
    remember_entry(
        &tx,
        &saved.inspection.visit_date,
        &saved.inspection.inspectors,
    )?;
    // 双录入核对: the office's setting chooses the keyed forms that need a second entry.
    saved.double_entry =
        super::verify_stats::choose(&tx, &saved.inspection.id, &saved.inspection.inspectors)?;
    if saved.double_entry {
        saved.inspection = get(&tx, &saved.inspection.id)?;
    }
    tx.commit()?;
    Ok(saved)
}

/// Records a new inspection inside the caller's transaction (bulk import).
pub fn record_in(
    conn: &Connection,
    input: &InspectionInput,
    source: InspectionSource,
) -> Result<SavedInspection> {
    let w = write_in(conn, input, source)?;
    Ok(SavedInspection {
        inspection: get(conn, &w.id)?,
        warnings: w.warnings,
        hazards_added: w.hazards_added,
        hazards_removed: w.hazards_removed,
        hazards_kept: w.hazards_kept,
        double_entry: false,
    })
}

/// What writing a new inspection did, without the inspection read back.
pub(crate) struct Written {
    /// Row id of the new inspection.
    pub id: String,
    /// What the clerk should look at.
    pub warnings: Vec<super::Warning>,
    /// Hazards created.
    pub hazards_added: i64,
    /// As in [`SavedInspection`].
    pub hazards_removed: i64,
    /// As in [`SavedInspection`].
    pub hazards_kept: i64,
}

/// [`record_in`] without reading the inspection back: the entry sheet's import needs only
/// the warnings and the hazards' count, and the read-back (household, template, hazards,
/// answers) was an eighth of a row's cost.
pub(crate) fn write_in(
    conn: &Connection,
    input: &InspectionInput,
    source: InspectionSource,
) -> Result<Written> {
    let n = normalize(conn, input, None)?;
    let mut warnings = soft_checks(conn, &n, "")?;
    let id = new_id();
    let now = now_ts();
    conn.prepare_cached(
        "INSERT INTO inspections (id, household_id, template_id, template_version, visit_date,
            inspectors, other_hazards, assigned, signed, source, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
    )?
    .execute(params![
        id,
        n.household.id,
        n.template.id,
        n.template.version,
        iso(n.visit_date),
        n.inspectors,
        n.other_hazards,
        n.assigned,
        n.signed,
        source,
        n.note,
        now
    ])?;
    write_answers(conn, &id, &n.answers)?;
    let (added, removed, kept) = sync_hazards(conn, &id, &n, &mut warnings)?;
    mark_vulnerable(conn, &n, &mut warnings)?;
    attributes::record(
        conn,
        &n.household.id,
        &id,
        n.visit_date,
        &n.template,
        &n.answers,
    )?;
    Ok(Written {
        id,
        warnings,
        hazards_added: added,
        hazards_removed: removed,
        hazards_kept: kept,
    })
}

fn write_answers(conn: &Connection, id: &str, answers: &[AnswerEntry]) -> Result<()> {
    // Only the rows that change, so the audit log shows exactly what was corrected.
    let old = answers_of(conn, id)?;
    for o in &old {
        if !answers.iter().any(|a| a.item_no == o.item_no) {
            conn.prepare_cached("DELETE FROM answers WHERE inspection_id = ?1 AND item_no = ?2")?
                .execute(params![id, o.item_no])?;
        }
    }
    for a in answers {
        match old.iter().find(|o| o.item_no == a.item_no) {
            Some(o) if o.answer == a.answer => {}
            Some(_) => {
                conn.prepare_cached(
                    "UPDATE answers SET answer = ?3 WHERE inspection_id = ?1 AND item_no = ?2",
                )?
                .execute(params![id, a.item_no, a.answer.as_str()])?;
            }
            None => {
                conn.prepare_cached(
                    "INSERT INTO answers (inspection_id, item_no, answer) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![id, a.item_no, a.answer.as_str()])?;
            }
        }
    }
    Ok(())
}

pub(crate) fn answers_of(conn: &Connection, id: &str) -> Result<Vec<AnswerEntry>> {
    let mut st = conn.prepare_cached(
        "SELECT item_no, answer FROM answers WHERE inspection_id = ?1 ORDER BY item_no",
    )?;
    let rows = st.query_map([id], |r| {
        let a: String = r.get(1)?;
        Ok((r.get::<_, i64>(0)?, a))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (item_no, a) = row?;
        let answer = Answer::parse(&a)
            .ok_or_else(|| Error::internal(format!("数据库中的答案“{a}”不对。")))?;
        out.push(AnswerEntry { item_no, answer });
    }
    Ok(out)
}

/// Edits an inspection (one transaction); its hazards follow (see the module notes).
pub fn update(conn: &Connection, id: &str, input: &InspectionInput) -> Result<SavedInspection> {
    let tx = conn.unchecked_transaction()?;
    let saved = update_in(&tx, id, input)?;
    tx.commit()?;
    Ok(saved)
}

/// Edits inspection `id` inside the caller's transaction ([`update`] without the commit; double
/// entry's settling uses it); its hazards follow. Errors: `not_found` for an unknown id,
/// `invalid` for bad input, as [`update`].
pub fn update_in(conn: &Connection, id: &str, input: &InspectionInput) -> Result<SavedInspection> {
    let (t, v, old_household): (String, i64, String) = conn
        .query_row(
            "SELECT template_id, template_version, household_id FROM inspections WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("没有找到这次检查记录，它可能已被删除。"))?;
    let n = normalize(conn, input, Some((t, v)))?;
    let mut warnings = soft_checks(conn, &n, id)?;
    conn.prepare_cached(
        "UPDATE inspections SET household_id = ?2, template_id = ?3, template_version = ?4,
            visit_date = ?5, inspectors = ?6, other_hazards = ?7, assigned = ?8, signed = ?9,
            note = ?10, updated_at = ?11
         WHERE id = ?1 AND (household_id IS NOT ?2 OR template_id IS NOT ?3
            OR template_version IS NOT ?4 OR visit_date IS NOT ?5 OR inspectors IS NOT ?6
            OR other_hazards IS NOT ?7 OR assigned IS NOT ?8 OR signed IS NOT ?9 OR note IS NOT ?10)",
    )?
    .execute(params![
            id,
            n.household.id,
            n.template.id,
            n.template.version,
            iso(n.visit_date),
            n.inspectors,
            n.other_hazards,
            n.assigned,
            n.signed,
            n.note,
            now_ts()
        ])?;
    write_answers(conn, id, &n.answers)?;
    let (added, removed, kept) = sync_hazards(conn, id, &n, &mut warnings)?;
    mark_vulnerable(conn, &n, &mut warnings)?;
    // The latest answer per attribute may have changed (date, answers or household).
    attributes::refresh(conn, &n.household.id)?;
    if old_household != n.household.id {
        attributes::refresh(conn, &old_household)?;
    }
    Ok(SavedInspection {
        inspection: get(conn, id)?,
        warnings,
        hazards_added: added,
        hazards_removed: removed,
        hazards_kept: kept,
        double_entry: false,
    })
}

/// Deletes an inspection with its answers and hazards (all audited). Refused when one of
/// its hazards has revisits or is closed: the follow-up record must not vanish.
pub fn delete(conn: &Connection, id: &str) -> Result<()> {
    let tx = conn.unchecked_transaction()?;
    let household: String = tx
        .query_row(
            "SELECT household_id FROM inspections WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("没有找到这次检查记录，它可能已被删除。"))?;
    let blocking: i64 = tx.query_row(
        "SELECT count(*) FROM hazards h WHERE h.inspection_id = ?1
           AND (h.status = 'closed' OR EXISTS (SELECT 1 FROM revisits r WHERE r.hazard_id = h.id)
                OR EXISTS (SELECT 1 FROM hazard_measures m WHERE m.hazard_id = h.id)
                OR EXISTS (SELECT 1 FROM hazard_escalations x WHERE x.hazard_id = h.id))",
        [id],
        |r| r.get(0),
    )?;
    if blocking > 0 {
        return Err(Error::conflict(format!(
            "这次检查有 {blocking} 条隐患已有回访、防控措施、上报记录或已销号，为保留整改记录不能删除。\
             如确属录入错误，请先在隐患台账中处理这些隐患。"
        )));
    }
    tx.execute("DELETE FROM hazards WHERE inspection_id = ?1", [id])?;
    tx.execute("DELETE FROM answers WHERE inspection_id = ?1", [id])?;
    tx.execute(
        "DELETE FROM entry_resolutions WHERE inspection_id = ?1",
        [id],
    )?;
    tx.execute("DELETE FROM double_entries WHERE inspection_id = ?1", [id])?;
    tx.execute("DELETE FROM inspections WHERE id = ?1", [id])?;
    attributes::refresh(&tx, &household)?;
    tx.commit()?;
    Ok(())
}

/// One inspection with its household, answers and hazards.
pub fn get(conn: &Connection, id: &str) -> Result<Inspection> {
    type Head = (
        String,
        String,
        i64,
        String,
        String,
        String,
        String,
        bool,
        InspectionSource,
        String,
        String,
        String,
    );
    let head: Head = conn
        .prepare_cached(
            "SELECT household_id, template_id, template_version, visit_date, inspectors,
                other_hazards, assigned, signed, source, note, created_at, updated_at
             FROM inspections WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
                r.get(11)?,
            ))
        })
        .optional()?
        .ok_or_else(|| Error::not_found("没有找到这次检查记录，它可能已被删除。"))?;
    let household = households::get(conn, &head.0)?;
    let template_name: String = conn
        .prepare_cached("SELECT name FROM templates WHERE id = ?1 AND version = ?2")?
        .query_row(params![head.1, head.2], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    let mut hazards = hazards::list(
        conn,
        &hazards::HazardQuery {
            inspection_id: Some(id.to_string()),
            ..Default::default()
        },
    )?
    .items;
    hazards.sort_by(|a, b| {
        (a.item_no.is_none(), a.item_no, &a.created_at).cmp(&(
            b.item_no.is_none(),
            b.item_no,
            &b.created_at,
        ))
    });
    Ok(Inspection {
        id: id.to_string(),
        household,
        template_id: head.1,
        template_version: head.2,
        template_name,
        visit_date: head.3,
        inspectors: head.4,
        answers: answers_of(conn, id)?,
        other_hazards: head.5,
        assigned: head.6,
        signed: head.7,
        source: head.8,
        note: head.9,
        created_at: head.10,
        updated_at: head.11,
        hazards,
    })
}

fn summary_from_row(r: &Row) -> rusqlite::Result<InspectionSummary> {
    Ok(InspectionSummary {
        id: r.get(0)?,
        household_id: r.get(1)?,
        household_code: r.get(2)?,
        household_name: r.get(3)?,
        grid: r.get(4)?,
        visit_date: r.get(5)?,
        inspectors: r.get(6)?,
        template_id: r.get(7)?,
        template_version: r.get(8)?,
        signed: r.get(9)?,
        source: r.get(10)?,
        hazards: r.get(11)?,
        open_hazards: r.get(12)?,
        created_at: r.get(13)?,
        verify: r.get(14)?,
    })
}

/// Inspections, newest visit first.
pub fn list(conn: &Connection, q: &InspectionQuery) -> Result<InspectionPage> {
    let mut args: Vec<String> = Vec::new();
    let mut cond: Vec<String> = vec!["1 = 1".into()];
    if let Some(h) = q.household_id.as_ref().filter(|s| !s.is_empty()) {
        args.push(h.clone());
        cond.push(format!("i.household_id = ?{}", args.len()));
    }
    if let Some(g) = q.grid_id.as_ref().filter(|s| !s.is_empty()) {
        args.push(g.clone());
        cond.push(format!("hh.grid_id = ?{}", args.len()));
    }
    for (label, v, op) in [("起始日期", &q.from, ">="), ("结束日期", &q.to, "<=")] {
        if let Some(s) = v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let d = crate::parse_date(s)
                .map_err(|e| Error::invalid(format!("{label}：{}", e.message)))?;
            args.push(iso(d));
            cond.push(format!("i.visit_date {op} ?{}", args.len()));
        }
    }
    if let Some(s) = q.search.as_ref() {
        let s = text::to_half_width(&text::clean(s));
        if !s.is_empty() {
            args.push(format!("%{}%", escape_like(&s)));
            let a = args.len();
            args.push(format!("{}%", escape_like(&s.to_lowercase())));
            let b = args.len();
            cond.push(format!(
                "(hh.name LIKE ?{a} ESCAPE '\\' OR hh.address LIKE ?{a} ESCAPE '\\'
                  OR i.inspectors LIKE ?{a} ESCAPE '\\' OR hh.name_initials LIKE ?{b} ESCAPE '\\'
                  OR hh.code LIKE ?{b} ESCAPE '\\')"
            ));
        }
    }
    if q.unverified == Some(true) {
        cond.push(
            "d.verified_at IS NULL AND (d.answers IS NOT NULL OR d.required = 1)".to_string(),
        );
    }
    let cond = cond.join(" AND ");
    let from = "FROM inspections i JOIN households hh ON hh.id = i.household_id
                LEFT JOIN grids g ON g.id = hh.grid_id
                LEFT JOIN double_entries d ON d.inspection_id = i.id";
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) {from} WHERE {cond}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let limit = q.limit.unwrap_or(-1);
    let offset = q.offset.unwrap_or(0).max(0);
    let mut st = conn.prepare(&format!(
        "SELECT i.id, i.household_id, hh.code, hh.name, coalesce(g.name, ''), i.visit_date,
            i.inspectors, i.template_id, i.template_version, i.signed, i.source,
            (SELECT count(*) FROM hazards h WHERE h.inspection_id = i.id),
            (SELECT count(*) FROM hazards h WHERE h.inspection_id = i.id AND h.status = 'open'),
            i.created_at, {state}
         {from} WHERE {cond}
         ORDER BY i.visit_date DESC, i.created_at DESC LIMIT {limit} OFFSET {offset}",
        state = super::verify::VerifyState::SQL
    ))?;
    let rows = st.query_map(rusqlite::params_from_iter(args.iter()), summary_from_row)?;
    Ok(InspectionPage {
        items: rows.collect::<rusqlite::Result<_>>()?,
        total,
    })
}
