//! Print jobs as the front ends ask for them: they read the store and hand plain data to
//! the renderers of this module.

use super::card::{self, CardText, Contacts};
use super::checklist::{self, ChecklistData};
use super::rectification::{self, RectificationData};
use super::{Progress, Rendered};
use crate::error::{Error, Result};
use crate::formcode::FormCode;
use crate::households::{self, Household, HouseholdQuery};
use crate::templates::{self, Template};
use crate::{date_cn, grids, hazards, inspections, settings};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// Which checklists to print.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChecklistSelection {
    /// One blank form.
    Blank,
    /// A pre-filled form for every household.
    All,
    /// Pre-filled forms for the households of these grids (id, name or number).
    Grids {
        /// Grids by row id, name or number.
        grids: Vec<String>,
    },
    /// Pre-filled forms for these households (id or code).
    Households {
        /// Households by row id or code.
        households: Vec<String>,
    },
}

/// A checklist print job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChecklistJob {
    /// Which forms to print.
    pub selection: ChecklistSelection,
    /// Template id for every form; None: each household's own, else the office default.
    #[serde(default)]
    #[ts(optional)]
    pub template: Option<String>,
}

/// Which card to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CardKind {
    /// 明白卡
    Card,
    /// 消防安全告知书
    Notice,
}

/// A card print job: one page per grid named (with that grid's leader), or one page with
/// the office's contacts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CardJob {
    /// 明白卡 or 消防安全告知书.
    pub kind: CardKind,
    /// 1, 2 or 4 cards to an A4 page.
    pub per_page: u32,
    /// Grids (id, name or number): one page each with the grid leader's name and phone.
    #[serde(default)]
    pub grids: Vec<String>,
    /// Overrides of the printed contacts ('' or absent: from the settings / grid).
    #[serde(default)]
    #[ts(optional)]
    pub unit: Option<String>,
    /// The grid leader's name to print; None or empty: each grid's leader (blank on the office's page).
    #[serde(default)]
    #[ts(optional)]
    pub grid_leader: Option<String>,
    /// The grid leader's phone to print; None or empty: each grid's leader's phone.
    #[serde(default)]
    #[ts(optional)]
    pub grid_leader_phone: Option<String>,
    /// The village office's phone to print; None or empty for the unit's phone in 单位设置.
    #[serde(default)]
    #[ts(optional)]
    pub village_phone: Option<String>,
}

fn override_or(v: &Option<String>, default: String) -> String {
    match v.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => default,
    }
}

/// Households of a selection in walking order: by grid number, then address, then code.
pub fn select_households(conn: &Connection, sel: &ChecklistSelection) -> Result<Vec<Household>> {
    let mut out: Vec<Household> = match sel {
        ChecklistSelection::Blank => vec![],
        ChecklistSelection::All => households::list(conn, &HouseholdQuery::default())?.items,
        ChecklistSelection::Grids { grids: keys } => {
            if keys.is_empty() {
                return Err(Error::invalid("请选择至少一个网格。"));
            }
            let mut v = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for k in keys {
                let g = grids::resolve(conn, k)?;
                if !seen.insert(g.id.clone()) {
                    continue;
                }
                let q = HouseholdQuery {
                    grid_id: Some(g.id.clone()),
                    ..Default::default()
                };
                let items = households::list(conn, &q)?.items;
                if items.is_empty() {
                    return Err(Error::invalid(format!(
                        "网格“{}”还没有登记户，没有可打印的检查表。",
                        g.name
                    )));
                }
                v.extend(items);
            }
            v
        }
        ChecklistSelection::Households { households: keys } => {
            let mut v = Vec::new();
            for k in keys {
                v.push(households::resolve(conn, k)?);
            }
            return Ok(v);
        }
    };
    if out.is_empty() && !matches!(sel, ChecklistSelection::Blank) {
        return Err(Error::invalid("还没有登记任何户，没有可打印的检查表。"));
    }
    let numbers: HashMap<String, i64> = grids::list(conn)?
        .into_iter()
        .map(|g| (g.id, g.no))
        .collect();
    out.sort_by(|a, b| {
        let ga = a
            .grid_id
            .as_ref()
            .and_then(|g| numbers.get(g))
            .copied()
            .unwrap_or(i64::MAX);
        let gb = b
            .grid_id
            .as_ref()
            .and_then(|g| numbers.get(g))
            .copied()
            .unwrap_or(i64::MAX);
        (ga, &a.address, &a.code).cmp(&(gb, &b.address, &b.code))
    });
    Ok(out)
}

/// Blank or pre-filled checklists.
pub fn checklists(conn: &Connection, job: &ChecklistJob, progress: Progress) -> Result<Rendered> {
    let office = settings::load(conn)?;
    let forced = match job.template.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => Some(templates::store::check_usable(conn, t)?),
        _ => None,
    };
    if job.selection == ChecklistSelection::Blank {
        let t = match forced {
            Some(t) => t,
            None => templates::get(conn, &office.default_template, None)?,
        };
        return checklist::render_blank(&t);
    }
    let list = select_households(conn, &job.selection)?;
    let chooser = templates::rules::Chooser::new(conn)?;
    let mut cache: HashMap<String, Template> = HashMap::new();
    let mut pages: Vec<(String, ChecklistData)> = Vec::with_capacity(list.len());
    for h in &list {
        let tid = match &forced {
            Some(t) => t.id.clone(),
            None => chooser.id_for(&h.template_id, &h.nature, h.grid_id.as_deref()),
        };
        if !cache.contains_key(&tid) {
            let t = match &forced {
                Some(t) => t.clone(),
                None => templates::get(conn, &tid, None)?,
            };
            cache.insert(tid.clone(), t);
        }
        pages.push((tid, ChecklistData::from_household(h)));
    }
    // Each pre-filled form carries its code: household, template id and the version printed.
    let refs: Vec<(&Template, ChecklistData)> = pages
        .into_iter()
        .filter_map(|(tid, mut d)| {
            cache.get(&tid).map(|t| {
                d.qr = FormCode::new(&d.code, t).text();
                (t, d)
            })
        })
        .collect();
    let title = match &job.selection {
        ChecklistSelection::All => "安全隐患排查清单（全部户）".to_string(),
        _ if refs.len() == 1 => format!("安全隐患排查清单（{}）", list[0].name),
        _ => format!("安全隐患排查清单（{} 户）", refs.len()),
    };
    checklist::render(&refs, &title, progress)
}

/// The filled checklist of a recorded inspection (the archive copy).
pub fn inspection(conn: &Connection, id: &str) -> Result<Rendered> {
    let insp = inspections::get(conn, id)?;
    let t = templates::get(conn, &insp.template_id, Some(insp.template_version))?;
    let mut d = ChecklistData::from_household(&insp.household);
    d.answers = insp.answers.iter().map(|a| (a.item_no, a.answer)).collect();
    d.inspectors = insp.inspectors.clone();
    d.date = chrono::NaiveDate::parse_from_str(&insp.visit_date, "%Y-%m-%d").ok();
    d.other_hazards = insp.other_hazards.clone();
    d.assigned = insp.assigned.clone();
    d.signed = insp.signed;
    d.footer = format!(
        "存档联 · 据纸质检查表录入 · 打印于{}",
        date_cn(crate::today())
    );
    let title = format!(
        "安全隐患排查清单（{} {}）",
        insp.household.name, insp.visit_date
    );
    checklist::render(&[(&t, d)], &title, &|_, _| {})
}

fn cn_date(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(date_cn)
        .unwrap_or_else(|_| iso.to_string())
}

/// The 隐患整改通知书 for one hazard.
pub fn rectification(conn: &Connection, hazard_id: &str) -> Result<Rendered> {
    let h = hazards::get_hazard(conn, hazard_id)?;
    let office = settings::load(conn)?;
    let number = format!(
        "{}-{}-{}",
        h.household_code,
        h.found_on.replace('-', ""),
        h.item_no
            .map(|n| format!("{n:02}"))
            .unwrap_or_else(|| "QT".into())
    );
    let d = RectificationData {
        number,
        household_name: h.household_name.clone(),
        household_code: h.household_code.clone(),
        address: h.household_address.clone(),
        found_on: cn_date(&h.found_on),
        description: h.description.clone(),
        category: h.category.name().to_string(),
        major: h.major,
        rectification: h.rectification.clone(),
        deadline: h.deadline.as_deref().map(cn_date).unwrap_or_default(),
        unit: office.unit_name.clone(),
        contact: office.contact.clone(),
        phone: office.phone.clone(),
        issued_on: date_cn(crate::today()),
        measures: hazards::measures_of(conn, hazard_id)?
            .into_iter()
            .map(|m| (cn_date(&m.taken_on), m.description))
            .collect(),
        escalated_to: h
            .escalation
            .as_ref()
            .map(|e| e.escalated_to.clone())
            .unwrap_or_default(),
        escalated_on: h
            .escalation
            .as_ref()
            .map(|e| cn_date(&e.escalated_on))
            .unwrap_or_default(),
    };
    rectification::render(&d)
}

/// 明白卡 or 消防安全告知书 with the office's contacts.
pub fn cards(conn: &Connection, job: &CardJob) -> Result<Rendered> {
    let office = settings::load(conn)?;
    let text = match job.kind {
        CardKind::Card => CardText::mingbaika()?,
        CardKind::Notice => CardText::gaozhishu()?,
    };
    let base = Contacts {
        unit: override_or(&job.unit, office.unit_name.clone()),
        grid_leader: override_or(&job.grid_leader, String::new()),
        grid_leader_phone: override_or(&job.grid_leader_phone, String::new()),
        village_phone: override_or(&job.village_phone, office.phone.clone()),
        note: String::new(),
    };
    let mut contacts = Vec::new();
    for k in &job.grids {
        let g = grids::resolve(conn, k)?;
        contacts.push(Contacts {
            grid_leader: override_or(&job.grid_leader, g.leader.clone()),
            grid_leader_phone: override_or(&job.grid_leader_phone, g.leader_phone.clone()),
            ..base.clone()
        });
    }
    if contacts.is_empty() {
        contacts.push(base);
    }
    card::render(&text, &contacts, job.per_page)
}
