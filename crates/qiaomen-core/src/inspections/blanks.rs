//! 未答项: items left blank on paper. A blank is never a hazard and the form is saved with
//! it; this list lets the clerk go back to the households where it matters, by grid.

use crate::dates::iso;
use crate::error::{Error, Result};
use crate::templates::{self, Template};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// Which inspections to look at.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct BlanksQuery {
    /// One grid ("-" for households without a grid).
    #[serde(default)]
    #[ts(optional)]
    pub grid_id: Option<String>,
    /// Visits on or after (as typed).
    #[serde(default)]
    #[ts(optional)]
    pub from: Option<String>,
    /// Visits on or before (as typed).
    #[serde(default)]
    #[ts(optional)]
    pub to: Option<String>,
    /// Only each household's latest visit (default true: an older form answered again
    /// since does not need going back to).
    #[serde(default = "yes")]
    pub latest_only: bool,
}

fn yes() -> bool {
    true
}

/// One inspection with blank items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BlankRow {
    /// Row id in `inspections` of the form.
    pub inspection_id: String,
    /// Row id in `households` of the household visited.
    pub household_id: String,
    /// The household's short code (03017).
    pub household_code: String,
    /// 检查地点(对象)名称 of the household.
    pub household_name: String,
    /// The household's address; empty when not recorded.
    pub address: String,
    /// Grid name ('' when none).
    pub grid: String,
    /// 填表日期 of the form, ISO `YYYY-MM-DD`.
    pub visit_date: String,
    /// 入户检查人员 as entered; empty when not recorded.
    pub inspectors: String,
    /// The numbers of the items left blank.
    pub blank_items: Vec<i64>,
    /// How many items the form has.
    pub items: i64,
}

/// Blank items per grid: how many forms, how many blanks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BlankGrid {
    /// Grid name, or （未分网格） for households without a grid.
    pub grid: String,
    /// Forms of the grid with at least one blank item.
    pub forms: i64,
    /// Blank items summed over those forms.
    pub blanks: i64,
}

/// The forms with blank items, by grid then household code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Blanks {
    /// One entry per form with blank items, by grid number, household code, then visit date.
    pub rows: Vec<BlankRow>,
    /// Totals per grid, in the order of `rows`.
    pub by_grid: Vec<BlankGrid>,
}

fn date_arg(label: &str, s: &Option<String>, default: &str) -> Result<String> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(v) => crate::parse_date(v)
            .map(iso)
            .map_err(|e| Error::invalid(format!("{label}：{}", e.message))),
        None => Ok(default.to_string()),
    }
}

/// The forms that have blank items.
pub fn list(conn: &Connection, q: &BlanksQuery) -> Result<Blanks> {
    let from = date_arg("起始日期", &q.from, "0000-01-01")?;
    let to = date_arg("结束日期", &q.to, "9999-12-31")?;
    let grid = q.grid_id.clone().unwrap_or_default();
    let latest = if q.latest_only {
        "AND NOT EXISTS (SELECT 1 FROM inspections j WHERE j.household_id = i.household_id
             AND (j.visit_date > i.visit_date OR (j.visit_date = i.visit_date AND j.created_at > i.created_at)))"
    } else {
        ""
    };
    let mut st = conn.prepare(&format!(
        "SELECT i.id, i.household_id, hh.code, hh.name, hh.address, coalesce(g.name, ''),
                i.visit_date, i.inspectors, i.template_id, i.template_version,
                (SELECT group_concat(a.item_no) FROM answers a WHERE a.inspection_id = i.id)
         FROM inspections i JOIN households hh ON hh.id = i.household_id
         LEFT JOIN grids g ON g.id = hh.grid_id
         WHERE i.visit_date BETWEEN ?1 AND ?2
           AND (?3 = '' OR (?3 = '-' AND hh.grid_id IS NULL) OR hh.grid_id = ?3) {latest}
         ORDER BY coalesce(g.no, 1000000), hh.code, i.visit_date"
    ))?;
    type Raw = (
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        i64,
        Option<String>,
    );
    let raw: Vec<Raw> = st
        .query_map(params![from, to, grid], |r| {
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
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut cache: HashMap<(String, i64), Template> = HashMap::new();
    let mut rows = Vec::new();
    for (id, hid, code, name, address, grid, date, inspectors, tid, tv, answered) in raw {
        let key = (tid.clone(), tv);
        if !cache.contains_key(&key) {
            cache.insert(key.clone(), templates::get(conn, &tid, Some(tv))?);
        }
        let Some(t) = cache.get(&key) else { continue };
        let answered: Vec<i64> = answered
            .unwrap_or_default()
            .split(',')
            .filter_map(|n| n.parse().ok())
            .collect();
        let blank: Vec<i64> = t
            .items
            .iter()
            .filter(|i| i.answer == "yes_no" && !answered.contains(&i.no))
            .map(|i| i.no)
            .collect();
        if blank.is_empty() {
            continue;
        }
        rows.push(BlankRow {
            inspection_id: id,
            household_id: hid,
            household_code: code,
            household_name: name,
            address,
            grid,
            visit_date: date,
            inspectors,
            blank_items: blank,
            items: t.items.len() as i64,
        });
    }
    let mut by_grid: Vec<BlankGrid> = Vec::new();
    for r in &rows {
        let label = if r.grid.is_empty() {
            "（未分网格）"
        } else {
            &r.grid
        };
        match by_grid.iter_mut().find(|g| g.grid == label) {
            Some(g) => {
                g.forms += 1;
                g.blanks += r.blank_items.len() as i64;
            }
            None => by_grid.push(BlankGrid {
                grid: label.to_string(),
                forms: 1,
                blanks: r.blank_items.len() as i64,
            }),
        }
    }
    Ok(Blanks { rows, by_grid })
}
