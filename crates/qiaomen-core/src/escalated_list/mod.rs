//! The 上报清单: the escalated hazards with their 防控措施, as a workbook for the township and
//! as a printable A4 PDF (the print area's table page). Both list the same rows and columns.

use crate::dates::show_iso;
use crate::error::Result;
use crate::hazards::{escalated, EscalatedHazard, HazardQuery, HazardView};
use rusqlite::Connection;
use std::path::Path;

// The PDF half needs the `pdf` feature (printpdf); the fuzz targets build without it.
#[cfg(feature = "pdf")]
mod pdf;
#[cfg(feature = "pdf")]
pub use pdf::escalated_pdf;

/// The columns: (heading, width in the workbook, relative width on the PDF, left-aligned).
const COLUMNS: [(&str, f64, f32, bool); 14] = [
    ("序号", 6.0, 0.45, false),
    ("户编号", 9.0, 0.75, false),
    ("检查地点(对象)名称", 14.0, 1.2, true),
    ("地址", 20.0, 1.4, true),
    ("网格", 10.0, 0.8, true),
    ("隐患情况", 30.0, 2.2, true),
    ("行动名称", 14.0, 1.2, false),
    ("重大隐患", 7.0, 0.6, false),
    ("发现日期", 13.0, 1.45, false),
    ("整改期限", 13.0, 1.45, false),
    ("整改状态", 9.0, 0.9, false),
    ("上报对象", 14.0, 1.2, true),
    ("上报日期", 13.0, 1.45, false),
    ("防控措施", 34.0, 3.2, true),
];

/// One printed row: the cell texts in [`COLUMNS`] order (dates as 2024年12月23日).
fn cells(i: usize, e: &EscalatedHazard) -> Vec<String> {
    let h = &e.hazard;
    let (to, on) = h
        .escalation
        .as_ref()
        .map(|x| (x.escalated_to.clone(), show_iso(&x.escalated_on)))
        .unwrap_or_default();
    vec![
        (i + 1).to_string(),
        h.household_code.clone(),
        h.household_name.clone(),
        h.household_address.clone(),
        h.grid.clone(),
        h.description.clone(),
        h.category.name().to_string(),
        if h.major { "是" } else { "否" }.to_string(),
        show_iso(&h.found_on),
        h.deadline.as_deref().map(show_iso).unwrap_or_default(),
        status(e),
        to,
        on,
        measures_text(e),
    ]
}

fn status(e: &EscalatedHazard) -> String {
    let h = &e.hazard;
    match &h.closed_on {
        Some(d) => format!("{}（{}）", h.status.label(), show_iso(d)),
        None if h.overdue => "已超期".to_string(),
        None => h.status.label().to_string(),
    }
}

/// The measures, oldest first: "2024年12月5日 设置警示标志；2024年12月9日 每日巡查".
fn measures_text(e: &EscalatedHazard) -> String {
    e.measures
        .iter()
        .map(|m| format!("{} {}", show_iso(&m.taken_on), m.description))
        .collect::<Vec<_>>()
        .join("；")
}

/// What part of the ledger the list covers, in words (全部网格、未整改……).
fn scope(conn: &Connection, q: &HazardQuery) -> Result<String> {
    let mut parts = vec![match q.view {
        HazardView::All => "全部隐患",
        HazardView::Open => "未整改",
        HazardView::Overdue => "已超期",
        HazardView::FixedOnSite => "现场整改",
        HazardView::Closed => "已销号",
        HazardView::Resolved => "已整改",
    }
    .to_string()];
    parts.push(match q.grid_id.as_deref().filter(|g| !g.is_empty()) {
        None => "全部网格".to_string(),
        Some("-") => "未分网格".to_string(),
        Some(g) => crate::grids::get(conn, g)?.name,
    });
    if let Some(c) = q.category {
        parts.push(c.name().to_string());
    }
    if q.major_only {
        parts.push("仅重大隐患".into());
    }
    if q.with_measures {
        parts.push("有防控措施".into());
    }
    if let Some(s) = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        parts.push(format!("含“{s}”"));
    }
    Ok(parts.join("、"))
}

/// The lines under the title: the office, the scope, the count and the date.
fn header_lines(conn: &Connection, q: &HazardQuery, n: usize) -> Result<Vec<String>> {
    let unit = crate::settings::load(conn)?.unit_name;
    Ok(vec![format!(
        "单位：{}　　范围：{}　　共 {n} 条　　日期：{}",
        if unit.is_empty() {
            "—"
        } else {
            unit.as_str()
        },
        scope(conn, q)?,
        crate::date_cn(crate::today())
    )])
}

const TITLE: &str = "一时难以整改隐患上报清单";
const FOOTER: &str = "说明：以上隐患一时化解整改不了，已落实防控措施，报请当地党委和政府协调解决。";

/// Writes the 上报清单 of the hazards `q` selects as .xlsx; returns the number of rows.
pub fn escalated_xlsx(conn: &Connection, q: &HazardQuery, path: &Path) -> Result<usize> {
    use crate::xlsx::{save_workbook, xlsx_err, XlsxStyles};
    use rust_xlsxwriter::Workbook;
    let rows = escalated(conn, q)?;
    let head = header_lines(conn, q, rows.len())?;
    let st = XlsxStyles::new();
    let last = COLUMNS.len() as u16 - 1;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    (|| -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
        ws.set_name("上报清单")?;
        ws.merge_range(0, 0, 0, last, TITLE, &st.title)?;
        ws.set_row_height(0, 28)?;
        ws.merge_range(1, 0, 1, last, &head.join("　"), &st.note)?;
        for (c, (label, width, ..)) in COLUMNS.iter().enumerate() {
            ws.write_string_with_format(2, c as u16, *label, &st.header)?;
            ws.set_column_width(c as u16, *width)?;
        }
        for (i, e) in rows.iter().enumerate() {
            let r = 3 + i as u32;
            ws.write_number_with_format(r, 0, (i + 1) as f64, &st.cell)?;
            for (c, v) in cells(i, e).iter().enumerate().skip(1) {
                ws.write_string_with_format(r, c as u16, v, &st.cell)?;
            }
        }
        let foot = 3 + rows.len() as u32 + 1;
        ws.merge_range(foot, 0, foot, last, FOOTER, &st.note)?;
        ws.set_repeat_rows(2, 2)?;
        ws.set_paper_size(9);
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_print_center_horizontally(true);
        ws.set_freeze_panes(3, 0)?;
        Ok(())
    })()
    .map_err(xlsx_err)?;
    save_workbook(&mut wb, path)?;
    Ok(rows.len())
}
