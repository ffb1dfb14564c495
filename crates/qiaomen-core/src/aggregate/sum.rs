//! Summing the villages' tables into the township's, and what the clerk should check:
//! periods that differ, a unit sent twice, cells that could not be read.

use super::cells::{squeeze, text_month};
use super::read::read_table;
use super::{Aggregate, Source};
use crate::error::{Error, Result};
use crate::stats::StatsTable;
use chrono::Datelike;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The month a source belongs to, for the "periods differ" check: the month its period
/// ends in, else the month named in its title, else the month it was reported in.
fn month_key(s: &Source) -> Option<String> {
    if let Ok(d) = crate::parse_date(&s.to) {
        return Some(format!("{}年{}月", d.year(), d.month()));
    }
    if let Some((y, m)) = text_month(&s.period) {
        return Some(format!("{y}年{m}月"));
    }
    crate::parse_date(&s.report_date)
        .ok()
        .map(|d| format!("{}年{}月", d.year(), d.month()))
}

/// Sums the tables in `paths` into the table of `unit`. `period` sets the township's
/// period; without it the sources' common period is used when they all state the same.
pub fn aggregate(
    paths: &[PathBuf],
    unit: &str,
    contact: &str,
    period: Option<(String, String)>,
) -> Result<Aggregate> {
    if paths.is_empty() {
        return Err(Error::invalid("请至少选择一个村（社区）的统计表文件。"));
    }
    let mut total = StatsTable::empty(unit, contact, "", "");
    let mut sources = Vec::new();
    for p in paths {
        let (t, s) = read_table(p)?;
        for (acc, r) in total.rows.iter_mut().zip(&t.rows) {
            acc.add(r);
        }
        sources.push(s);
    }
    total.sum_total();

    let mut warnings = Vec::new();
    let common = period_warnings(&sources, &mut warnings);
    duplicate_warnings(&sources, &mut warnings);
    unreadable_warnings(&sources, &mut warnings);
    let (from, to) = match period {
        Some(p) => p,
        None => common.unwrap_or_default(),
    };
    Ok(Aggregate {
        unit: total.unit,
        contact: total.contact,
        from,
        to,
        rows: total.rows,
        total: total.total,
        sources,
        warnings,
    })
}

/// Warns when the sources' periods (or, without dates, their months) differ, or cannot be
/// compared. Returns the period every source states, when they all state the same one.
fn period_warnings(sources: &[Source], warnings: &mut Vec<String>) -> Option<(String, String)> {
    let stated: Vec<(&Source, String)> = sources
        .iter()
        .filter(|s| !s.from.is_empty())
        .map(|s| (s, format!("{}~{}", s.from, s.to)))
        .collect();
    let mut distinct: Vec<&String> = stated.iter().map(|(_, p)| p).collect();
    distinct.sort();
    distinct.dedup();
    if distinct.len() > 1 {
        let list: Vec<String> = stated
            .iter()
            .map(|(s, _)| format!("{}（{}）", s.unit, s.period))
            .collect();
        warnings.push(format!(
            "各村的统计时段不一致，请核对是否为同一期：{}。",
            list.join("；")
        ));
    } else {
        let mut months: Vec<(String, &Source)> = sources
            .iter()
            .filter_map(|s| month_key(s).map(|k| (k, s)))
            .collect();
        months.sort_by(|a, b| a.0.cmp(&b.0));
        let mut keys: Vec<&String> = months.iter().map(|(k, _)| k).collect();
        keys.dedup();
        if keys.len() > 1 {
            let list: Vec<String> = months
                .iter()
                .map(|(k, s)| format!("{}（{k}）", s.unit))
                .collect();
            warnings.push(format!(
                "各村报送的月份不一致，请核对是否为同一期：{}。",
                list.join("；")
            ));
        }
    }
    let unknown: Vec<&str> = sources
        .iter()
        .filter(|s| month_key(s).is_none())
        .map(|s| s.file.as_str())
        .collect();
    if !unknown.is_empty() && sources.len() > 1 {
        warnings.push(format!(
            "{} 个文件没有注明统计时段或报送时间（{}），无法核对是否为同一期。",
            unknown.len(),
            unknown.join("、")
        ));
    }
    (distinct.len() == 1 && stated.len() == sources.len())
        .then(|| (sources[0].from.clone(), sources[0].to.clone()))
}

/// Warns about a unit whose table was given more than once (its numbers were added twice).
fn duplicate_warnings(sources: &[Source], warnings: &mut Vec<String>) {
    let mut by_unit: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for s in sources {
        by_unit
            .entry(squeeze(&s.unit))
            .or_default()
            .push(s.file.as_str());
    }
    for s in sources {
        if let Some(files) = by_unit.remove(&squeeze(&s.unit)) {
            if files.len() > 1 {
                warnings.push(format!(
                    "“{}”出现了 {} 次（{}），它的数字被重复相加了，请去掉多余的文件。",
                    s.unit,
                    files.len(),
                    files.join("、")
                ));
            }
        }
    }
}

/// Lists, per file, the cells that were not numbers (counted as 0).
fn unreadable_warnings(sources: &[Source], warnings: &mut Vec<String>) {
    for s in sources {
        if !s.unreadable.is_empty() {
            let list: Vec<String> = s
                .unreadable
                .iter()
                .map(|b| format!("{}“{}”", b.address, b.text))
                .collect();
            warnings.push(format!(
                "{}（{}）有 {} 个单元格不是数字，按 0 计：{}。",
                s.file,
                s.unit,
                s.unreadable.len(),
                list.join("、")
            ));
        }
    }
}
