//! Inspection visits (入户检查): one filled checklist against a template version, its
//! answers, and the hazards derived from them.
//!
//! Hazards follow the inspection:
//! - every answer on the hazard side of its item's polarity (`hazard_when`) is a hazard
//!   with the item's category and default major flag; other hazards (其它隐患情况) are
//!   entered with a description, a category and a major flag;
//! - a hazard fixed on the spot has status `fixed_on_site` and `closed_on` = the visit date;
//! - editing the inspection adds the hazards newly answered, removes those no longer
//!   answered — **except** a hazard that already has revisits or is closed: that one is
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

use crate::error::{Error, Result};
use crate::hazards::{self, Hazard, HazardStatus};
use crate::households::{self, Household};
use crate::templates::{self, Answer, Template};
use crate::{new_id, now_ts, settings, text};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Settings key: the visit date last keyed (the entry form's default).
pub const LAST_DATE_KEY: &str = "entry_last_date";
/// Settings key: the inspectors last keyed.
pub const LAST_INSPECTORS_KEY: &str = "entry_last_inspectors";

/// The answer to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnswerEntry {
    pub item_no: i64,
    pub answer: Answer,
}

/// An other hazard (其它隐患情况) as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExtraHazardInput {
    /// The hazard this line edits (when editing an inspection); None for a new one. Without
    /// an id, an existing other hazard with the same description is matched.
    #[serde(default)]
    #[ts(optional)]
    pub id: Option<String>,
    pub description: String,
    /// One of the seven 行动名称.
    pub category: String,
    #[serde(default)]
    pub major: bool,
    /// Fixed during the visit.
    #[serde(default)]
    pub fixed_on_site: bool,
}

/// A filled checklist as the clerk keys it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct InspectionInput {
    pub household_id: String,
    /// Default: the household's template, else the office default (latest version); when
    /// editing, the inspection's own.
    #[serde(default)]
    #[ts(optional)]
    pub template_id: Option<String>,
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
    #[serde(default)]
    pub note: String,
}

/// A recorded inspection with its household, answers and hazards (what the filled
/// checklist prints).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Inspection {
    pub id: String,
    pub household: Household,
    pub template_id: String,
    pub template_version: i64,
    pub template_name: String,
    pub visit_date: String,
    pub inspectors: String,
    /// In item order; unanswered items are absent.
    pub answers: Vec<AnswerEntry>,
    pub other_hazards: String,
    pub assigned: String,
    pub signed: bool,
    /// "keyed" or "sheet".
    pub source: String,
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
    /// Item hazards in item order, then other hazards.
    pub hazards: Vec<Hazard>,
}

/// Something the clerk should look at; the data was saved anyway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Warning {
    /// visit_date, inspectors, answers, item_<n>, extra_hazards, household ...
    pub field: String,
    pub message: String,
}

fn warn(field: impl Into<String>, message: impl Into<String>) -> Warning {
    Warning {
        field: field.into(),
        message: message.into(),
    }
}

/// The result of recording or editing an inspection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SavedInspection {
    pub inspection: Inspection,
    pub warnings: Vec<Warning>,
    pub hazards_added: i64,
    pub hazards_removed: i64,
    /// Hazards no longer answered but kept because they have revisits or are closed.
    pub hazards_kept: i64,
}

/// One row of an inspection list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InspectionSummary {
    pub id: String,
    pub household_id: String,
    pub household_code: String,
    pub household_name: String,
    pub grid: String,
    pub visit_date: String,
    pub inspectors: String,
    pub template_id: String,
    pub template_version: i64,
    pub signed: bool,
    pub source: String,
    pub hazards: i64,
    pub open_hazards: i64,
    pub created_at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct InspectionQuery {
    #[serde(default)]
    #[ts(optional)]
    pub household_id: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub grid_id: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub from: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub to: Option<String>,
    /// Household name, initials, code, address; or an inspector's name.
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
pub struct InspectionPage {
    pub items: Vec<InspectionSummary>,
    pub total: i64,
}

/// What the entry form starts with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EntryDefaults {
    /// The visit date last keyed, else today (ISO).
    pub visit_date: String,
    /// The inspectors last keyed.
    pub inspectors: String,
    pub today: String,
    pub deadline_days: i64,
    pub default_template: String,
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub fn entry_defaults(conn: &Connection) -> Result<EntryDefaults> {
    let s = settings::load(conn)?;
    let today = iso(crate::today());
    Ok(EntryDefaults {
        visit_date: settings::get_value(conn, LAST_DATE_KEY)?.unwrap_or_else(|| today.clone()),
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
    if settings::get_value(conn, LAST_INSPECTORS_KEY)?.as_deref() != Some(inspectors) {
        settings::set_value(conn, LAST_INSPECTORS_KEY, inspectors)?;
    }
    Ok(())
}

/// The template a household's visits are recorded against (its own, else the office's).
pub fn template_for(conn: &Connection, household: &Household) -> Result<Template> {
    let id = if household.template_id.is_empty() {
        settings::load(conn)?.default_template
    } else {
        household.template_id.clone()
    };
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

/// A hazard the inspection calls for.
#[derive(Debug, Clone)]
struct Wanted {
    source: &'static str,
    item_no: Option<i64>,
    /// Existing hazard id (other hazards edited with their id).
    id: Option<String>,
    description: String,
    category: String,
    major: bool,
    fixed: bool,
}

/// The checked, cleaned content of an input.
struct Normalized {
    household: Household,
    template: Template,
    visit_date: NaiveDate,
    inspectors: String,
    answers: Vec<AnswerEntry>,
    wanted: Vec<Wanted>,
    other_hazards: String,
    assigned: String,
    signed: bool,
    note: String,
}

/// The description of an item hazard: the item's wording and the answer given.
pub fn item_hazard_description(item: &templates::TemplateItem, answer: Answer) -> String {
    format!("{}：{}", item.text.trim(), answer.label())
}

fn normalize(
    conn: &Connection,
    input: &InspectionInput,
    keep_template: Option<(String, i64)>,
) -> Result<Normalized> {
    let household = households::get(conn, input.household_id.trim())?;
    let template = match (&input.template_id, keep_template) {
        (Some(t), _) if !t.trim().is_empty() => {
            templates::get(conn, t.trim(), input.template_version)?
        }
        (_, Some((t, v))) => templates::get(conn, &t, Some(v))?,
        _ => template_for(conn, &household)?,
    };
    if input.visit_date.trim().is_empty() {
        return Err(Error::invalid("请填写检查日期（填表日期）。"));
    }
    let visit_date = crate::parse_date(&input.visit_date)?;
    if visit_date < NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(visit_date) {
        return Err(Error::invalid(format!(
            "检查日期 {} 太早了，请核对。",
            crate::date_cn(visit_date)
        )));
    }
    let inspectors = normalize_inspectors(&input.inspectors);
    if inspectors.chars().count() > 200 {
        return Err(Error::invalid("入户检查人员太长（最多 200 个字）。"));
    }

    let mut answers: Vec<AnswerEntry> = Vec::new();
    for a in &input.answers {
        let item = template.item(a.item_no).ok_or_else(|| {
            Error::invalid(format!(
                "检查表“{}”没有第 {} 项。",
                template.name, a.item_no
            ))
        })?;
        if item.answer != "yes_no" {
            return Err(Error::invalid(format!("第 {} 项不是是/否题。", item.no)));
        }
        if answers.iter().any(|x| x.item_no == a.item_no) {
            return Err(Error::invalid(format!("第 {} 项答了两次。", a.item_no)));
        }
        answers.push(*a);
    }
    answers.sort_by_key(|a| a.item_no);

    let mut wanted = Vec::new();
    for no in &input.fixed_on_site {
        let is_hazard = answers.iter().any(|a| {
            a.item_no == *no && template.item(*no).and_then(|i| i.hazard_when) == Some(a.answer)
        });
        if !is_hazard {
            return Err(Error::invalid(format!(
                "第 {no} 项没有答成隐患，不能标记为“现场已整改”。"
            )));
        }
    }
    for a in &answers {
        let Some(item) = template.item(a.item_no) else {
            continue;
        };
        if item.hazard_when == Some(a.answer) {
            let category = item
                .category
                .clone()
                .ok_or_else(|| Error::internal(format!("检查表模板第 {} 项没有类别。", item.no)))?;
            wanted.push(Wanted {
                source: "item",
                item_no: Some(item.no),
                id: None,
                description: item_hazard_description(item, a.answer),
                category,
                major: item.major,
                fixed: input.fixed_on_site.contains(&item.no),
            });
        }
    }
    let mut descriptions = Vec::new();
    for (i, e) in input.extra_hazards.iter().enumerate() {
        let description = text::clean(&e.description);
        if description.is_empty() {
            if e.id.is_none() && e.category.trim().is_empty() {
                continue; // an empty line of the form
            }
            return Err(Error::invalid(format!(
                "第 {} 条其它隐患没有写隐患情况。",
                i + 1
            )));
        }
        if description.chars().count() > 500 {
            return Err(Error::invalid(format!(
                "第 {} 条其它隐患太长（最多 500 个字）。",
                i + 1
            )));
        }
        let category = hazards::check_category(&e.category)
            .map_err(|err| Error::invalid(format!("第 {} 条其它隐患：{}", i + 1, err.message)))?;
        descriptions.push(description.clone());
        wanted.push(Wanted {
            source: "other",
            item_no: None,
            id: e.id.clone().filter(|s| !s.is_empty()),
            description,
            category,
            major: e.major,
            fixed: e.fixed_on_site,
        });
    }
    let other_hazards = match input.other_hazards.trim() {
        "" => descriptions.join("；"),
        t => t.to_string(),
    };
    Ok(Normalized {
        household,
        template,
        visit_date,
        inspectors,
        answers,
        wanted,
        other_hazards,
        assigned: input.assigned.trim().to_string(),
        signed: input.signed,
        note: input.note.trim().to_string(),
    })
}

/// Warnings that do not stop the save: same household on the same day, a future date,
/// missing inspectors, unanswered items.
fn soft_checks(conn: &Connection, n: &Normalized, except: &str) -> Result<Vec<Warning>> {
    let mut w = Vec::new();
    let same_day: i64 = conn.query_row(
        "SELECT count(*) FROM inspections WHERE household_id = ?1 AND visit_date = ?2 AND id <> ?3",
        params![n.household.id, iso(n.visit_date), except],
        |r| r.get(0),
    )?;
    if same_day > 0 {
        w.push(warn(
            "visit_date",
            format!(
                "“{}”在 {} 已有 {same_day} 次检查记录，请确认不是重复录入。",
                n.household.name,
                crate::date_cn(n.visit_date)
            ),
        ));
    }
    if n.visit_date > crate::today() {
        w.push(warn(
            "visit_date",
            format!(
                "检查日期 {} 晚于今天，请核对。",
                crate::date_cn(n.visit_date)
            ),
        ));
    }
    if n.inspectors.is_empty() {
        w.push(warn("inspectors", "没有填写入户检查人员。"));
    }
    let missing: Vec<String> = n
        .template
        .items
        .iter()
        .filter(|i| i.answer == "yes_no" && !n.answers.iter().any(|a| a.item_no == i.no))
        .map(|i| i.no.to_string())
        .collect();
    if !missing.is_empty() && missing.len() < n.template.items.len() {
        w.push(warn(
            "answers",
            format!("第 {} 项没有作答。", missing.join("、")),
        ));
    } else if !missing.is_empty() {
        w.push(warn("answers", "检查项目都没有作答。"));
    }
    Ok(w)
}

/// Item 1 (marks_vulnerable): updates the household's header count of vulnerable people.
fn mark_vulnerable(conn: &Connection, n: &Normalized, w: &mut Vec<Warning>) -> Result<()> {
    for item in n.template.items.iter().filter(|i| i.marks_vulnerable) {
        let Some(a) = n.answers.iter().find(|a| a.item_no == item.no) else {
            continue;
        };
        let h = &n.household;
        match (a.answer, h.vulnerable) {
            (Answer::Yes, None | Some(0)) => {
                if h.residents == Some(0) {
                    w.push(warn(
                        format!("item_{}", item.no),
                        format!(
                            "第 {} 项答“是”，但“{}”登记的居住人数为 0，请核对户籍信息。",
                            item.no, h.name
                        ),
                    ));
                } else {
                    conn.execute(
                        "UPDATE households SET vulnerable = 1, updated_at = ?2 WHERE id = ?1",
                        params![h.id, now_ts()],
                    )?;
                    w.push(warn(
                        format!("item_{}", item.no),
                        format!(
                            "第 {} 项答“是”：已把“{}”的弱势群体人数记为 1，请在户籍中填写实际人数，并在弱势群体名单中登记。",
                            item.no, h.name
                        ),
                    ));
                }
            }
            (Answer::No, None) => {
                conn.execute(
                    "UPDATE households SET vulnerable = 0, updated_at = ?2 WHERE id = ?1",
                    params![h.id, now_ts()],
                )?;
            }
            (Answer::No, Some(v)) if v > 0 => {
                w.push(warn(
                    format!("item_{}", item.no),
                    format!(
                        "第 {} 项答“否”，但“{}”登记有 {v} 名弱势群体人员，请核对。",
                        item.no, h.name
                    ),
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Records a new inspection in one transaction. Keyed inspections remember their date and
/// inspectors as the entry form's defaults.
pub fn record(conn: &Connection, input: &InspectionInput) -> Result<SavedInspection> {
    let tx = conn.unchecked_transaction()?;
    let saved = record_in(&tx, input, "keyed")?;
    remember_entry(
        &tx,
        &saved.inspection.visit_date,
        &saved.inspection.inspectors,
    )?;
    tx.commit()?;
    Ok(saved)
}

/// Records a new inspection inside the caller's transaction (bulk import).
pub fn record_in(
    conn: &Connection,
    input: &InspectionInput,
    source: &str,
) -> Result<SavedInspection> {
    let n = normalize(conn, input, None)?;
    let mut warnings = soft_checks(conn, &n, "")?;
    let id = new_id();
    let now = now_ts();
    conn.execute(
        "INSERT INTO inspections (id, household_id, template_id, template_version, visit_date,
            inspectors, other_hazards, assigned, signed, source, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
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
        ],
    )?;
    write_answers(conn, &id, &n.answers)?;
    let (added, removed, kept) = sync_hazards(conn, &id, &n, &mut warnings)?;
    mark_vulnerable(conn, &n, &mut warnings)?;
    Ok(SavedInspection {
        inspection: get(conn, &id)?,
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
            conn.execute(
                "DELETE FROM answers WHERE inspection_id = ?1 AND item_no = ?2",
                params![id, o.item_no],
            )?;
        }
    }
    for a in answers {
        match old.iter().find(|o| o.item_no == a.item_no) {
            Some(o) if o.answer == a.answer => {}
            Some(_) => {
                conn.execute(
                    "UPDATE answers SET answer = ?3 WHERE inspection_id = ?1 AND item_no = ?2",
                    params![id, a.item_no, a.answer.as_str()],
                )?;
            }
            None => {
                conn.execute(
                    "INSERT INTO answers (inspection_id, item_no, answer) VALUES (?1, ?2, ?3)",
                    params![id, a.item_no, a.answer.as_str()],
                )?;
            }
        }
    }
    Ok(())
}

fn answers_of(conn: &Connection, id: &str) -> Result<Vec<AnswerEntry>> {
    let mut st = conn
        .prepare("SELECT item_no, answer FROM answers WHERE inspection_id = ?1 ORDER BY item_no")?;
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

/// A stored hazard of the inspection, as far as syncing needs it.
struct Existing {
    id: String,
    source: String,
    item_no: Option<i64>,
    description: String,
    category: String,
    major: bool,
    status: HazardStatus,
    found_on: String,
    deadline: Option<String>,
    closed_on: Option<String>,
    revisits: i64,
}

fn existing_hazards(conn: &Connection, inspection_id: &str) -> Result<Vec<Existing>> {
    let mut st = conn.prepare(
        "SELECT h.id, h.source, h.item_no, h.description, h.category, h.major, h.status,
            h.found_on, h.deadline, h.closed_on,
            (SELECT count(*) FROM revisits r WHERE r.hazard_id = h.id)
         FROM hazards h WHERE h.inspection_id = ?1 ORDER BY h.created_at, h.id",
    )?;
    let rows = st.query_map([inspection_id], |r| {
        let status: String = r.get(6)?;
        Ok(Existing {
            id: r.get(0)?,
            source: r.get(1)?,
            item_no: r.get(2)?,
            description: r.get(3)?,
            category: r.get(4)?,
            major: r.get(5)?,
            status: HazardStatus::parse(&status).unwrap_or(HazardStatus::Open),
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
fn sync_hazards(
    conn: &Connection,
    inspection_id: &str,
    n: &Normalized,
    warnings: &mut Vec<Warning>,
) -> Result<(i64, i64, i64)> {
    let days = hazards::deadline_days(conn)?;
    let visit = iso(n.visit_date);
    let existing = existing_hazards(conn, inspection_id)?;
    let mut matched: Vec<Option<usize>> = vec![None; n.wanted.len()];
    let mut used = vec![false; existing.len()];
    // Other hazards edited by id first.
    for (wi, w) in n.wanted.iter().enumerate() {
        if let Some(id) = &w.id {
            let pos = existing
                .iter()
                .position(|e| &e.id == id && e.source == "other")
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
                    "item" => e.item_no == w.item_no,
                    _ => e.description == w.description,
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
                    ("fixed_on_site", None, Some(visit.clone()))
                } else {
                    (
                        "open",
                        Some(hazards::default_deadline(n.visit_date, days)),
                        None,
                    )
                };
                conn.execute(
                    "INSERT INTO hazards (id, inspection_id, household_id, source, item_no,
                        description, category, major, status, found_on, deadline, closed_on,
                        created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
                    params![
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
                    ],
                )?;
                added += 1;
            }
            Some(ei) => update_existing(conn, &existing[ei], w, n, days, &visit, &now)?,
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
                "已有回访记录"
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
                update_found_on(conn, e, n.visit_date, days, &now)?;
            }
        } else {
            conn.execute("DELETE FROM hazards WHERE id = ?1", [&e.id])?;
            removed += 1;
        }
    }
    // A change of household moves the hazards with the visit.
    conn.execute(
        "UPDATE hazards SET household_id = ?2, updated_at = ?3 WHERE inspection_id = ?1 AND household_id <> ?2",
        params![inspection_id, n.household.id, now],
    )?;
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
    conn.execute(
        "UPDATE hazards SET found_on = ?2, deadline = ?3, closed_on = ?4, updated_at = ?5 WHERE id = ?1",
        params![e.id, iso(visit), moved_deadline(e, visit, days), closed_on, now],
    )?;
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
    let (description, category, major) = if w.source == "other" {
        (w.description.clone(), w.category.clone(), w.major)
    } else {
        (e.description.clone(), e.category.clone(), e.major)
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
    conn.execute(
        "UPDATE hazards SET status = ?2, deadline = ?3, closed_on = ?4, found_on = ?5,
            description = ?6, category = ?7, major = ?8, updated_at = ?9 WHERE id = ?1",
        params![
            e.id,
            status.as_str(),
            deadline,
            closed_on,
            visit,
            description,
            category,
            major,
            now
        ],
    )?;
    Ok(())
}

/// Edits an inspection (one transaction); its hazards follow (see the module notes).
pub fn update(conn: &Connection, id: &str, input: &InspectionInput) -> Result<SavedInspection> {
    let tx = conn.unchecked_transaction()?;
    let saved = update_in(&tx, id, input)?;
    tx.commit()?;
    Ok(saved)
}

pub fn update_in(conn: &Connection, id: &str, input: &InspectionInput) -> Result<SavedInspection> {
    let (t, v): (String, i64) = conn
        .query_row(
            "SELECT template_id, template_version FROM inspections WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("没有找到这次检查记录，它可能已被删除。"))?;
    let n = normalize(conn, input, Some((t, v)))?;
    let mut warnings = soft_checks(conn, &n, id)?;
    conn.execute(
        "UPDATE inspections SET household_id = ?2, template_id = ?3, template_version = ?4,
            visit_date = ?5, inspectors = ?6, other_hazards = ?7, assigned = ?8, signed = ?9,
            note = ?10, updated_at = ?11
         WHERE id = ?1 AND (household_id IS NOT ?2 OR template_id IS NOT ?3
            OR template_version IS NOT ?4 OR visit_date IS NOT ?5 OR inspectors IS NOT ?6
            OR other_hazards IS NOT ?7 OR assigned IS NOT ?8 OR signed IS NOT ?9 OR note IS NOT ?10)",
        params![
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
        ],
    )?;
    write_answers(conn, id, &n.answers)?;
    let (added, removed, kept) = sync_hazards(conn, id, &n, &mut warnings)?;
    mark_vulnerable(conn, &n, &mut warnings)?;
    Ok(SavedInspection {
        inspection: get(conn, id)?,
        warnings,
        hazards_added: added,
        hazards_removed: removed,
        hazards_kept: kept,
    })
}

/// Deletes an inspection with its answers and hazards (all audited). Refused when one of
/// its hazards has revisits or is closed: the follow-up record must not vanish.
pub fn delete(conn: &Connection, id: &str) -> Result<()> {
    let tx = conn.unchecked_transaction()?;
    let exists: bool = tx.query_row(
        "SELECT count(*) > 0 FROM inspections WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(Error::not_found("没有找到这次检查记录，它可能已被删除。"));
    }
    let blocking: i64 = tx.query_row(
        "SELECT count(*) FROM hazards h WHERE h.inspection_id = ?1
           AND (h.status = 'closed' OR EXISTS (SELECT 1 FROM revisits r WHERE r.hazard_id = h.id))",
        [id],
        |r| r.get(0),
    )?;
    if blocking > 0 {
        return Err(Error::conflict(format!(
            "这次检查有 {blocking} 条隐患已有回访或已销号，为保留整改记录不能删除。\
             如确属录入错误，请先在隐患台账中处理这些隐患。"
        )));
    }
    tx.execute("DELETE FROM hazards WHERE inspection_id = ?1", [id])?;
    tx.execute("DELETE FROM answers WHERE inspection_id = ?1", [id])?;
    tx.execute("DELETE FROM inspections WHERE id = ?1", [id])?;
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
        String,
        String,
        String,
        String,
    );
    let head: Head = conn
        .query_row(
            "SELECT household_id, template_id, template_version, visit_date, inspectors,
                other_hazards, assigned, signed, source, note, created_at, updated_at
             FROM inspections WHERE id = ?1",
            [id],
            |r| {
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
            },
        )
        .optional()?
        .ok_or_else(|| Error::not_found("没有找到这次检查记录，它可能已被删除。"))?;
    let household = households::get(conn, &head.0)?;
    let template_name: String = conn
        .query_row(
            "SELECT name FROM templates WHERE id = ?1 AND version = ?2",
            params![head.1, head.2],
            |r| r.get(0),
        )
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
    })
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
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
    let cond = cond.join(" AND ");
    let from = "FROM inspections i JOIN households hh ON hh.id = i.household_id
                LEFT JOIN grids g ON g.id = hh.grid_id";
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
            i.created_at
         {from} WHERE {cond}
         ORDER BY i.visit_date DESC, i.created_at DESC LIMIT {limit} OFFSET {offset}"
    ))?;
    let rows = st.query_map(rusqlite::params_from_iter(args.iter()), summary_from_row)?;
    Ok(InspectionPage {
        items: rows.collect::<rusqlite::Result<_>>()?,
        total,
    })
}
