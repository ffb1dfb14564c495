//! Reading one village's table: its numbers, a check of its own 合计, and the unit,
//! contact, report date and period written around it.

use super::cells::{
    after_label, cell_date, header_hit, read_count, squeeze, text_date, text_month, text_range,
    LABEL_STOPS,
};
use super::locate::{locate, Located};
use super::{BadCell, Source};
use crate::error::{Error, Result};
use crate::sheet::{cell_address, file_label, Cell, Sheet, Workbook};
use crate::stats::{Column, StatsTable, TOTAL_LABEL};
use chrono::NaiveDate;
use std::path::Path;

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

/// The table found at `loc` on `sheet`, with the source's description.
fn read_located(path: &Path, sheet: &Sheet, loc: Located) -> (StatsTable, Source) {
    let (mut t, unreadable) = read_numbers(sheet, &loc);
    let mut notes = loc.notes.clone();
    check_total(sheet, &loc, &t, &mut notes);
    let labels = read_labels(sheet, loc.header_top);

    let file = file_label(path);
    let unit = if labels.unit.is_empty() {
        let unit = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.clone());
        notes.push(format!("表中没有填写报送单位，以文件名“{unit}”代替。"));
        unit
    } else {
        labels.unit
    };
    let (from, to, period_label) = match (labels.period, labels.month) {
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
    t.contact = labels.contact.clone();
    t.from = from.clone();
    t.to = to.clone();
    let source = Source {
        file,
        path: path.display().to_string(),
        sheet: sheet.name.clone(),
        unit,
        contact: labels.contact,
        report_date: labels.report_date,
        from,
        to,
        period: period_label,
        total: t.total.clone(),
        unreadable,
        notes,
    };
    (t, source)
}

/// The seven rows' numbers (total recomputed) and the cells that are not counts.
fn read_numbers(sheet: &Sheet, loc: &Located) -> (StatsTable, Vec<BadCell>) {
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
    (t, unreadable)
}

/// The file's own 合计, if it has one right under the rows: notes where it does not add up.
fn check_total(sheet: &Sheet, loc: &Located, t: &StatsTable, notes: &mut Vec<String>) {
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
}

/// What the lines above the header say.
#[derive(Default)]
struct Labels {
    unit: String,
    contact: String,
    /// ISO when it could be read, else as written.
    report_date: String,
    /// 统计时段 as dates.
    period: Option<(NaiveDate, NaiveDate)>,
    /// A month named in the 统计时段 line or in the title, when no dates are given.
    month: Option<(i32, u32)>,
}

/// Unit, contact, report date and period: by their labels anywhere above the header (the
/// period may sit under the title, or a title such as "红星村2024年12月敲门行动统计表"
/// names the month).
fn read_labels(sheet: &Sheet, header_top: u32) -> Labels {
    let mut l = Labels::default();
    for r in 1..header_top {
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
            (r + 1 < header_top && !below.is_blank() && !is_label(below)).then_some(below)
        };
        let text_or_next = |v: String, j: usize| {
            if v.is_empty() {
                next_value(j)
                    .map(|c| crate::text::clean(&c.text()))
                    .unwrap_or_default()
            } else {
                v
            }
        };
        for (j, c) in cells.iter().enumerate() {
            let s = c.text();
            if s.trim().is_empty() {
                continue;
            }
            if let Some(v) = after_label(&s, &["报送单位", "填报单位"]) {
                if l.unit.is_empty() {
                    l.unit = text_or_next(v, j);
                }
            }
            if let Some(v) = after_label(&s, &["联系人"]) {
                if l.contact.is_empty() {
                    l.contact = text_or_next(v, j);
                }
            }
            if let Some(v) = after_label(&s, &["报送时间", "填报时间", "报送日期", "填报日期"])
            {
                if l.report_date.is_empty() {
                    let d = if v.is_empty() {
                        next_value(j).and_then(|c| {
                            cell_date(c)
                                .map(|d| d.to_string())
                                .or_else(|| Some(c.text()))
                        })
                    } else {
                        Some(text_date(&v).map(|d| d.to_string()).unwrap_or(v))
                    };
                    l.report_date = d.unwrap_or_default();
                }
            }
            let sq = squeeze(&s);
            if sq.contains("统计时段") || sq.contains("统计期间") || sq.contains("统计时间")
            {
                let rest =
                    after_label(&s, &["统计时段", "统计期间", "统计时间"]).unwrap_or_default();
                l.period = l.period.or_else(|| {
                    text_range(&rest).or_else(|| {
                        let d = text_date(&rest).or_else(|| next_value(j).and_then(cell_date))?;
                        Some((d, d))
                    })
                });
                if l.period.is_none() {
                    l.month = l.month.or_else(|| text_month(&rest));
                }
            } else if !LABEL_STOPS.iter().any(|l| sq.contains(l)) {
                // A title such as "红星村2024年12月敲门行动统计表".
                l.month = l.month.or_else(|| text_month(&s));
            }
        }
    }
    l
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
