//! Checking what the clerk keyed: the form's fields, the answers against the template,
//! the hazards they call for, and the warnings that do not stop a save.

use super::{normalize_inspectors, template_for, warn, AnswerEntry, InspectionInput, Warning};
use crate::category::Category;
use crate::dates::iso;
use crate::error::{Error, Result};
use crate::hazards::HazardSource;
use crate::households::{self, Household};
use crate::templates::{self, Answer, Template};
use crate::{now_ts, text};
use chrono::NaiveDate;
use rusqlite::{params, Connection};

/// A hazard the inspection calls for.
#[derive(Debug, Clone)]
pub(super) struct Wanted {
    pub source: HazardSource,
    pub item_no: Option<i64>,
    /// Existing hazard id (other hazards edited with their id).
    pub id: Option<String>,
    pub description: String,
    pub category: Category,
    pub major: bool,
    pub fixed: bool,
    /// Days to fix it (the item's 整改期限); None: the office's default.
    pub deadline_days: Option<i64>,
}

/// The checked, cleaned content of an input.
pub(super) struct Normalized {
    pub household: Household,
    pub template: Template,
    pub visit_date: NaiveDate,
    pub inspectors: String,
    pub answers: Vec<AnswerEntry>,
    pub wanted: Vec<Wanted>,
    pub other_hazards: String,
    pub assigned: String,
    pub signed: bool,
    pub note: String,
}

pub(super) fn normalize(
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
        let is_hazard = answers
            .iter()
            .any(|a| a.item_no == *no && template.item(*no).is_some_and(|i| i.is_hazard(a.answer)));
        if !is_hazard {
            return Err(Error::invalid(format!(
                "第 {no} 项没有答成隐患，不能标记为“现场整改”。"
            )));
        }
    }
    for a in &answers {
        let Some(item) = template.item(a.item_no) else {
            continue;
        };
        if item.is_hazard(a.answer) {
            let category = item
                .category
                .ok_or_else(|| Error::internal(format!("检查表模板第 {} 项没有类别。", item.no)))?;
            wanted.push(Wanted {
                source: HazardSource::Item,
                item_no: Some(item.no),
                id: None,
                description: item.hazard_description(a.answer),
                category,
                major: item.major,
                fixed: input.fixed_on_site.contains(&item.no),
                deadline_days: item.deadline_days,
            });
        }
    }
    let mut descriptions = Vec::new();
    for (i, e) in input.extra_hazards.iter().enumerate() {
        let description = text::clean(&e.description);
        if description.is_empty() {
            if e.id.is_none() {
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
        let category = e.category;
        descriptions.push(description.clone());
        wanted.push(Wanted {
            source: HazardSource::Other,
            item_no: None,
            id: e.id.clone().filter(|s| !s.is_empty()),
            description,
            category,
            major: e.major,
            fixed: e.fixed_on_site,
            deadline_days: None,
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
pub(super) fn soft_checks(conn: &Connection, n: &Normalized, except: &str) -> Result<Vec<Warning>> {
    let mut w = Vec::new();
    let same_day: i64 = conn.prepare_cached(
        "SELECT count(*) FROM inspections WHERE household_id = ?1 AND visit_date = ?2 AND id <> ?3",
    )?
    .query_row(params![n.household.id, iso(n.visit_date), except], |r| r.get(0))?;
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
pub(super) fn mark_vulnerable(
    conn: &Connection,
    n: &Normalized,
    w: &mut Vec<Warning>,
) -> Result<()> {
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
                            "第 {} 项答“是”，但“{}”登记的居住人数为 0，请核对住户和场所信息。",
                            item.no, h.name
                        ),
                    ));
                } else {
                    conn.prepare_cached(
                        "UPDATE households SET vulnerable = 1, updated_at = ?2 WHERE id = ?1",
                    )?
                    .execute(params![h.id, now_ts()])?;
                    w.push(warn(
                        format!("item_{}", item.no),
                        format!(
                            "第 {} 项答“是”：已把“{}”的弱势群体人数记为 1，请在住户和场所中填写实际人数，并在弱势群体名单中登记。",
                            item.no, h.name
                        ),
                    ));
                }
            }
            (Answer::No, None) => {
                conn.prepare_cached(
                    "UPDATE households SET vulnerable = 0, updated_at = ?2 WHERE id = ?1",
                )?
                .execute(params![h.id, now_ts()])?;
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
