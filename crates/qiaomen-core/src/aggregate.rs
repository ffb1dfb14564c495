//! Township aggregation (乡镇汇总): sums many villages' statistics tables row by row into
//! the township's own table.
//!
//! The tables come from this product or were filled by hand in Excel/WPS from the official
//! blank, so nothing is read from a fixed address: rows are found by their 行动名称 text
//! (the column holding most of the seven names), columns by their header text above those
//! rows (次数, 人数, 隐患总数, 整改, 重大隐患, 整改), and the unit, contact, report date and
//! period by their labels wherever they are. Numbers typed as text are read, empty cells
//! are 0, and a cell that cannot be read counts 0 and is listed with its address.
//! A file that is not such a table is refused with a message naming it.

use crate::category::Category;
use crate::error::{Error, Result};
use crate::sheet::{cell_address, file_label, Cell, Sheet, Workbook};
use crate::stats::{Column, StatsRow, StatsTable, TOTAL_LABEL};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// A cell whose value could not be read as a count (it was counted as 0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BadCell {
    /// Its address as Excel shows it (C7).
    pub address: String,
    /// What it holds, as text.
    pub text: String,
    /// The row's 行动名称.
    pub action: String,
    /// The column's header.
    pub column: String,
}

/// One input file as it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Source {
    /// The file's name.
    pub file: String,
    /// The full path as given.
    pub path: String,
    /// The worksheet the table was found on.
    pub sheet: String,
    /// 报送单位 (the file name when the table names none).
    pub unit: String,
    pub contact: String,
    /// 报送时间 as ISO when it could be read, else as written ('' when absent).
    pub report_date: String,
    /// The period the table states (ISO), '' when it states none.
    pub from: String,
    pub to: String,
    /// The period in words, or 未注明.
    pub period: String,
    /// The source's own numbers (its 合计 recomputed from its rows).
    pub total: StatsRow,
    /// Cells that could not be read (counted as 0).
    pub unreadable: Vec<BadCell>,
    /// Other remarks (a missing row, a 合计 that does not add up...).
    pub notes: Vec<String>,
}

/// The township's table, the sources it was made from and what the clerk should check.
/// Serialised: the JSON of `qiaomen report` plus `sources` and `warnings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Aggregate {
    pub unit: String,
    pub contact: String,
    pub from: String,
    pub to: String,
    pub rows: Vec<StatsRow>,
    pub total: StatsRow,
    pub sources: Vec<Source>,
    /// Periods that differ, a unit that appears twice, unreadable cells.
    pub warnings: Vec<String>,
}

impl Aggregate {
    /// The summed table alone.
    pub fn table(&self) -> StatsTable {
        StatsTable {
            unit: self.unit.clone(),
            contact: self.contact.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            rows: self.rows.clone(),
            total: self.total.clone(),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Reading one table

/// Text without white space, full-width ASCII folded to half-width.
fn squeeze(s: &str) -> String {
    crate::text::to_half_width(s)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{00A0}')
        .collect()
}

/// Which number column a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeaderHit {
    Col(Column),
    /// 整改 without 重大: the first or the second 整改 column, decided by position.
    Rectified,
}

fn header_hit(s: &str) -> Option<HeaderHit> {
    let t = squeeze(s);
    if t.is_empty() || t.chars().count() > 20 || t.contains("情况") {
        return None;
    }
    if t.contains("次数") || t == "次" || t == "场次" {
        return Some(HeaderHit::Col(Column::Sessions));
    }
    if t.contains("人数") || t == "人次" {
        return Some(HeaderHit::Col(Column::People));
    }
    if t.contains("重大") {
        return Some(HeaderHit::Col(if t.contains("整改") {
            Column::MajorRectified
        } else {
            Column::Major
        }));
    }
    if t.contains("整改") {
        return Some(HeaderHit::Rectified);
    }
    if t.contains("隐患总数") || t.contains("隐患数") || t.starts_with("隐患") || t.contains("总数")
    {
        return Some(HeaderHit::Col(Column::Hazards));
    }
    None
}

/// A count as typed: numbers, numbers typed as text (全角 too, with 条/次/人), empty = 0.
fn read_count(c: &Cell) -> std::result::Result<i64, ()> {
    match c {
        Cell::Empty => Ok(0),
        Cell::Number(n) if n.is_finite() && n.fract() == 0.0 && *n >= 0.0 && *n < 1e12 => {
            Ok(*n as i64)
        }
        Cell::Text(s) => {
            let t: String = squeeze(s)
                .chars()
                .filter(|c| !matches!(c, ',' | '，' | '条' | '次' | '人' | '个' | '场' | '户'))
                .collect();
            if t.is_empty() || matches!(t.as_str(), "-" | "—" | "--" | "——" | "/" | "无" | "0")
            {
                return Ok(0);
            }
            let t = t.strip_suffix(".0").unwrap_or(&t);
            t.parse::<i64>().ok().filter(|n| *n >= 0).ok_or(())
        }
        _ => Err(()),
    }
}

const LABEL_STOPS: [&str; 9] = [
    "报送单位",
    "填报单位",
    "联系人",
    "联系电话",
    "电话",
    "报送时间",
    "填报时间",
    "报送日期",
    "填报日期",
];

/// The text after `label` in `s`: skips a bracketed qualifier "（乡镇/部门）" and a colon,
/// stops at the next label. None when `s` does not hold the label.
fn after_label(s: &str, labels: &[&str]) -> Option<String> {
    let (pos, len) = labels
        .iter()
        .filter_map(|l| s.find(l).map(|p| (p, l.len())))
        .min_by_key(|(p, _)| *p)?;
    let mut rest = s[pos + len..].trim_start();
    if rest.starts_with('（') || rest.starts_with('(') {
        if let Some(end) = rest.find(['）', ')']) {
            let close = rest[end..].chars().next().map_or(1, char::len_utf8);
            rest = &rest[end + close..];
        }
    }
    let rest = rest.trim_start_matches([':', '：', ' ', '\u{3000}', '\t']);
    let cut = LABEL_STOPS
        .iter()
        .filter_map(|l| rest.find(l))
        .min()
        .unwrap_or(rest.len());
    Some(
        crate::text::clean(&rest[..cut])
            .trim_end_matches([':', '：', ',', '，', ';', '；'])
            .trim()
            .to_string(),
    )
}

/// A date written in a cell: a date cell, an Excel serial, or text as clerks type it.
fn cell_date(c: &Cell) -> Option<NaiveDate> {
    match c {
        Cell::Date(d) => Some(*d),
        Cell::Number(n) if (30000.0..80000.0).contains(n) && n.fract() == 0.0 => {
            NaiveDate::from_ymd_opt(1899, 12, 30)?
                .checked_add_signed(chrono::Duration::days(*n as i64))
        }
        Cell::Text(s) => text_date(s),
        _ => None,
    }
}

fn text_date(s: &str) -> Option<NaiveDate> {
    let t = squeeze(s);
    let t = t.trim_end_matches(['。', '.']);
    crate::parse_date(t).ok()
}

/// Splits "2024年11月23日至2024年12月22日" (至 / 到 / ~ / — / –) into two dates.
fn text_range(s: &str) -> Option<(NaiveDate, NaiveDate)> {
    let t = squeeze(s);
    for sep in ["至", "到", "~", "～", "—", "–", "－"] {
        if let Some((a, b)) = t.split_once(sep) {
            let b = b.trim_start_matches(sep);
            if let (Some(a), Some(b)) = (text_date(a), text_date(b)) {
                return Some((a, b));
            }
        }
    }
    // 2024-11-23-2024-12-22
    if t.len() == 21 && t.is_char_boundary(10) && t.as_bytes().get(10) == Some(&b'-') {
        if let (Some(a), Some(b)) = (text_date(&t[..10]), text_date(&t[11..])) {
            return Some((a, b));
        }
    }
    None
}

/// "2024年12月" in a title: the month it names.
fn text_month(s: &str) -> Option<(i32, u32)> {
    let t = squeeze(s);
    let y = t.find('年')?;
    let head = &t[..y];
    let digits: String = head
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if digits.len() != 4 {
        return None;
    }
    let rest = &t[y + '年'.len_utf8()..];
    let m_end = rest.find('月')?;
    let m: u32 = rest[..m_end].parse().ok()?;
    let yv: i32 = digits.parse().ok()?;
    ((1..=12).contains(&m)).then_some((yv, m))
}

struct Located {
    label_col: u32,
    rows: BTreeMap<&'static str, u32>,
    cols: [u32; 6],
    header_top: u32,
    notes: Vec<String>,
}

/// Finds the seven rows and six columns on a sheet, or says why it is not the table.
fn locate(sheet: &Sheet) -> std::result::Result<Located, String> {
    // Rows: cells whose whole text is a 行动名称, grouped by column.
    let mut by_col: BTreeMap<u32, BTreeMap<&'static str, u32>> = BTreeMap::new();
    let mut notes = Vec::new();
    for (r, cells) in sheet.rows() {
        for (j, c) in cells.iter().enumerate() {
            if let Cell::Text(s) = c {
                if let Some(cat) = Category::parse(s).map(Category::name) {
                    by_col
                        .entry(j as u32 + 1)
                        .or_default()
                        .entry(cat)
                        .or_insert(r);
                }
            }
        }
    }
    let Some((label_col, rows)) = by_col
        .into_iter()
        .max_by_key(|(c, m)| (m.len(), u32::MAX - c))
    else {
        return Err("没有找到“防煤气中毒事故”“防燃气爆炸事故”等行动名称".into());
    };
    if rows.len() < 4 {
        return Err(format!(
            "只找到 {} 个行动名称（{}），统计表应有 7 行",
            rows.len(),
            rows.keys().copied().collect::<Vec<_>>().join("、")
        ));
    }
    for c in Category::NAMES {
        if !rows.contains_key(c) {
            notes.push(format!("表中没有“{c}”一行，按 0 计。"));
        }
    }
    let first_row = rows.values().copied().min().unwrap_or(1);

    // Columns: header cells above the first row, right of the names.
    let top = first_row.saturating_sub(8).max(1);
    let mut found: [Option<(u32, u32)>; 6] = [None; 6]; // (row, col)
    let mut rect: Vec<(u32, u32)> = Vec::new();
    for r in top..first_row {
        for (j, c) in sheet.row(r).iter().enumerate() {
            let col = j as u32 + 1;
            if col <= label_col {
                continue;
            }
            let Cell::Text(s) = c else { continue };
            match header_hit(s) {
                Some(HeaderHit::Col(k)) => {
                    let i = k as usize;
                    // The header nearest the rows wins; on the same row the leftmost.
                    if found[i].is_none_or(|(fr, _)| r > fr) {
                        found[i] = Some((r, col));
                    }
                }
                Some(HeaderHit::Rectified) => rect.push((r, col)),
                None => {}
            }
        }
    }
    rect.sort_by_key(|(_, c)| *c);
    let major_col = found[Column::Major as usize].map(|(_, c)| c);
    let hazards_col = found[Column::Hazards as usize].map(|(_, c)| c);
    for &(r, c) in &rect {
        let slot = match (major_col, hazards_col) {
            (Some(m), _) if c > m => Column::MajorRectified,
            (Some(m), Some(h)) if c > h && c < m => Column::Rectified,
            (None, _) | (_, None) => {
                if found[Column::Rectified as usize].is_none() {
                    Column::Rectified
                } else {
                    Column::MajorRectified
                }
            }
            _ => continue,
        };
        if found[slot as usize].is_none() {
            found[slot as usize] = Some((r, c));
        }
    }
    let mut cols = [0u32; 6];
    let mut missing = Vec::new();
    for (i, k) in Column::ALL.iter().enumerate() {
        match found[i] {
            Some((_, c)) => cols[i] = c,
            None => missing.push(match k {
                Column::Sessions => "次数",
                Column::People => "人数",
                Column::Hazards => "隐患总数",
                Column::Rectified => "整改",
                Column::Major => "重大隐患",
                Column::MajorRectified => "重大隐患的整改",
            }),
        }
    }
    if !missing.is_empty() {
        return Err(format!("表头中没有找到“{}”列", missing.join("”“")));
    }
    let mut seen = cols.to_vec();
    seen.sort_unstable();
    seen.dedup();
    if seen.len() != 6 {
        return Err("表头的列无法区分（两个栏目落在同一列）".into());
    }
    let header_top = found
        .iter()
        .flatten()
        .map(|(r, _)| *r)
        .min()
        .unwrap_or(first_row);
    Ok(Located {
        label_col,
        rows,
        cols,
        header_top,
        notes,
    })
}

/// Reads one statistics table from a file. The first sheet holding such a table is used
/// (visible sheets before hidden ones); a file with none is refused with a message naming it.
pub fn read_table(path: &Path) -> Result<(StatsTable, Source)> {
    let name = file_label(path);
    let mut wb = Workbook::open(path)?;
    // Visible sheets first; a hidden one only when no visible sheet holds the table.
    let mut sheets: Vec<String> = wb
        .sheet_names()
        .iter()
        .filter(|n| !wb.is_hidden(n))
        .cloned()
        .collect();
    sheets.extend(wb.sheet_names().iter().filter(|n| wb.is_hidden(n)).cloned());
    let mut why = Vec::new();
    for sheet_name in &sheets {
        let sheet = wb.read_sheet(sheet_name)?;
        match locate(&sheet) {
            Ok(loc) => return Ok(read_located(path, &sheet, loc)),
            Err(reason) => why.push(if sheets.len() > 1 {
                format!("工作表“{sheet_name}”{reason}")
            } else {
                reason
            }),
        }
    }
    let why = if why.is_empty() {
        "文件里没有工作表".to_string()
    } else {
        why.join("；")
    };
    Err(Error::bad_file(format!(
        "文件“{name}”不是冬季安全“敲门行动”工作统计表：{why}。请选择各村报送的统计表文件。"
    )))
}

fn read_located(path: &Path, sheet: &Sheet, loc: Located) -> (StatsTable, Source) {
    let mut notes = loc.notes;
    let mut unreadable = Vec::new();
    let mut t = StatsTable::empty("", "", "", "");
    for (cat, &r) in &loc.rows {
        let Some(row) = t.row_mut(cat) else { continue };
        for (i, k) in Column::ALL.iter().enumerate() {
            let c = loc.cols[i];
            let cell = sheet.cell(r, c);
            match read_count(cell) {
                Ok(v) => row.set(*k, v),
                Err(()) => unreadable.push(BadCell {
                    address: cell_address(r, c),
                    text: cell.text(),
                    action: cat.to_string(),
                    column: header_name(sheet, loc.header_top, r, c, *k),
                }),
            }
        }
    }
    t.sum_total();

    // The file's own 合计, if it has one: check it adds up.
    let last = loc.rows.values().copied().max().unwrap_or(0);
    for r in last + 1..=(last + 3).min(sheet.height()) {
        let label = squeeze(&sheet.cell(r, loc.label_col).text());
        if label == TOTAL_LABEL || label == "总计" || label == "合计数" {
            for (i, k) in Column::ALL.iter().enumerate() {
                let cell = sheet.cell(r, loc.cols[i]);
                if let Ok(v) = read_count(cell) {
                    let want = t.total.get(*k);
                    if v != want && !cell.is_blank() {
                        notes.push(format!(
                            "文件中的合计（{}，{}列）为 {v}，与各行之和 {want} 不一致；汇总按各行计算。",
                            cell_address(r, loc.cols[i]),
                            k.header()
                        ));
                    }
                }
            }
            break;
        }
    }

    // Unit, contact, report date and period: by their labels anywhere above the header
    // (or anywhere at all for the period, which may sit under the title).
    let mut unit = String::new();
    let mut contact = String::new();
    let mut report_date = String::new();
    let mut period: Option<(NaiveDate, NaiveDate)> = None;
    let mut month: Option<(i32, u32)> = None;
    for r in 1..loc.header_top {
        let cells = sheet.row(r);
        let is_label = |c: &Cell| {
            let t = c.text();
            LABEL_STOPS.iter().any(|l| t.contains(l)) || t.contains("统计时段")
        };
        // The value of a label cell with nothing after its colon: the next cell to the
        // right before another label, else the cell below it.
        let next_value = |j: usize| -> Option<&Cell> {
            for c in cells.iter().skip(j + 1) {
                if is_label(c) {
                    break;
                }
                if !c.is_blank() {
                    return Some(c);
                }
            }
            let below = sheet.cell(r + 1, j as u32 + 1);
            (r + 1 < loc.header_top && !below.is_blank() && !is_label(below)).then_some(below)
        };
        for (j, c) in cells.iter().enumerate() {
            let s = c.text();
            if s.trim().is_empty() {
                continue;
            }
            if let Some(v) = after_label(&s, &["报送单位", "填报单位"]) {
                if unit.is_empty() {
                    unit = if v.is_empty() {
                        next_value(j)
                            .map(|c| crate::text::clean(&c.text()))
                            .unwrap_or_default()
                    } else {
                        v
                    };
                }
            }
            if let Some(v) = after_label(&s, &["联系人"]) {
                if contact.is_empty() {
                    contact = if v.is_empty() {
                        next_value(j)
                            .map(|c| crate::text::clean(&c.text()))
                            .unwrap_or_default()
                    } else {
                        v
                    };
                }
            }
            if let Some(v) = after_label(&s, &["报送时间", "填报时间", "报送日期", "填报日期"])
            {
                if report_date.is_empty() {
                    let d = if v.is_empty() {
                        next_value(j).and_then(|c| {
                            cell_date(c)
                                .map(|d| d.to_string())
                                .or_else(|| Some(c.text()))
                        })
                    } else {
                        Some(text_date(&v).map(|d| d.to_string()).unwrap_or(v))
                    };
                    report_date = d.unwrap_or_default();
                }
            }
            let sq = squeeze(&s);
            if sq.contains("统计时段") || sq.contains("统计期间") || sq.contains("统计时间")
            {
                let rest =
                    after_label(&s, &["统计时段", "统计期间", "统计时间"]).unwrap_or_default();
                period = period.or_else(|| {
                    text_range(&rest).or_else(|| {
                        let d = text_date(&rest).or_else(|| next_value(j).and_then(cell_date))?;
                        Some((d, d))
                    })
                });
                if period.is_none() {
                    month = month.or_else(|| text_month(&rest));
                }
            } else if !LABEL_STOPS.iter().any(|l| sq.contains(l)) {
                // A title such as "红星村2024年12月敲门行动统计表".
                month = month.or_else(|| text_month(&s));
            }
        }
    }
    let file = file_label(path);
    if unit.is_empty() {
        unit = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.clone());
        notes.push(format!("表中没有填写报送单位，以文件名“{unit}”代替。"));
    }
    let (from, to, period_label) = match (period, month) {
        (Some((a, b)), _) => {
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            let label = if a == b {
                crate::date_cn(a)
            } else {
                format!("{}至{}", crate::date_cn(a), crate::date_cn(b))
            };
            (a.to_string(), b.to_string(), label)
        }
        (None, Some((y, m))) => (String::new(), String::new(), format!("{y}年{m}月")),
        (None, None) => (String::new(), String::new(), "未注明".to_string()),
    };
    t.unit = unit.clone();
    t.contact = contact.clone();
    t.from = from.clone();
    t.to = to.clone();
    let source = Source {
        file,
        path: path.display().to_string(),
        sheet: sheet.name.clone(),
        unit,
        contact,
        report_date,
        from,
        to,
        period: period_label,
        total: t.total.clone(),
        unreadable,
        notes,
    };
    (t, source)
}

/// The header text shown over a cell (for messages), falling back to the form's wording.
fn header_name(sheet: &Sheet, top: u32, row: u32, col: u32, k: Column) -> String {
    for r in (top..row).rev() {
        let t = crate::text::clean(&sheet.cell(r, col).text());
        if header_hit(&t).is_some() {
            return t;
        }
    }
    k.header().to_string()
}

// ---------------------------------------------------------------------------------------
// Summing

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
    // Periods.
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
    // The same unit twice.
    let mut by_unit: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for s in &sources {
        by_unit
            .entry(squeeze(&s.unit))
            .or_default()
            .push(s.file.as_str());
    }
    for s in &sources {
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
    // Cells that could not be read.
    for s in &sources {
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

    let (from, to) = match period {
        Some(p) => p,
        None if distinct.len() == 1 && stated.len() == sources.len() => {
            (sources[0].from.clone(), sources[0].to.clone())
        }
        None => (String::new(), String::new()),
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

/// Writes the township's table (official layout, first sheet) and the list of sources
/// (second sheet) to an .xlsx file.
pub fn save_xlsx(a: &Aggregate, meta: &crate::report_xlsx::Meta, path: &Path) -> Result<()> {
    use rust_xlsxwriter::{Format, FormatBorder, Workbook};
    let err = crate::xlsx::xlsx_err;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    crate::report_xlsx::write_sheet(ws, &a.table(), meta)?;
    let ws = wb.add_worksheet();
    ws.set_name("汇总来源").map_err(err)?;
    let head = Format::new().set_bold().set_border(FormatBorder::Thin);
    let cell = Format::new().set_border(FormatBorder::Thin);
    let headers = [
        "序号",
        "文件",
        "报送单位",
        "联系人",
        "报送时间",
        "统计时段",
        "次数",
        "人数",
        "隐患总数",
        "整改",
        "重大隐患",
        "重大隐患整改",
        "无法识别的单元格",
        "说明",
    ];
    for (j, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, j as u16, *h, &head)
            .map_err(err)?;
    }
    for (i, s) in a.sources.iter().enumerate() {
        let r = i as u32 + 1;
        let bad: Vec<String> = s
            .unreadable
            .iter()
            .map(|b| format!("{}“{}”", b.address, b.text))
            .collect();
        let texts = [
            s.file.clone(),
            s.unit.clone(),
            s.contact.clone(),
            s.report_date.clone(),
            s.period.clone(),
        ];
        ws.write_number_with_format(r, 0, (i + 1) as f64, &cell)
            .map_err(err)?;
        for (j, v) in texts.iter().enumerate() {
            ws.write_string_with_format(r, j as u16 + 1, v, &cell)
                .map_err(err)?;
        }
        for (j, k) in Column::ALL.iter().enumerate() {
            ws.write_number_with_format(r, j as u16 + 6, s.total.get(*k) as f64, &cell)
                .map_err(err)?;
        }
        ws.write_string_with_format(r, 12, bad.join("、"), &cell)
            .map_err(err)?;
        ws.write_string_with_format(r, 13, s.notes.join(" "), &cell)
            .map_err(err)?;
    }
    let r = a.sources.len() as u32 + 2;
    for (i, w) in a.warnings.iter().enumerate() {
        ws.write_string(r + i as u32, 1, format!("提示：{w}"))
            .map_err(err)?;
    }
    for (c, w) in [6.0, 24.0, 18.0, 14.0, 14.0, 30.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(err)?;
    }
    ws.set_column_width(12, 30).map_err(err)?;
    ws.set_column_width(13, 40).map_err(err)?;
    let bytes = wb.save_to_buffer().map_err(err)?;
    crate::files::write_atomic(path, &bytes)
}
