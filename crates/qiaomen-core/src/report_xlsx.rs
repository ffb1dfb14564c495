//! The statistics table as an .xlsx file in the official layout (附件2): the title, the
//! period, the 报送单位（乡镇/部门）/联系人/报送时间 line, the two-level merged header, the
//! seven rows in the official order, a 合计 row whose formulas carry their stored results
//! (readers that do not recalculate still see the numbers), borders, A4 landscape fitted
//! to one page, and the form's footer note.
//!
//! Layout (1-based rows, columns A–G):
//! 1 title · 2 统计时段 · 3 unit/contact/date · 4–5 header · 6–12 rows · 13 合计 · 14 note.

use crate::error::Result;
use crate::stats::{Column, StatsTable, FOOTER_NOTE, TITLE, TOTAL_LABEL};
use crate::xlsx::xlsx_err;
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError};
use std::path::Path;

/// Sheet name of the table.
pub const SHEET_NAME: &str = "工作统计表";

/// First data row (0-based) and the 合计 row.
pub const FIRST_ROW: u32 = 5;
/// Row (0-based) of the 合计 row: right below the seven 行动名称 rows.
pub const TOTAL_ROW: u32 = FIRST_ROW + 7;

/// What is printed around the numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// 联系电话, printed after the contact's name when set.
    pub phone: String,
    /// 报送时间.
    pub report_date: NaiveDate,
}

/// The period line: 统计时段：2024年11月23日至2024年12月22日 (blank dates left to fill by hand).
pub fn period_text(from: &str, to: &str) -> String {
    let show = |s: &str| {
        crate::parse_date(s)
            .map(crate::date_cn)
            .unwrap_or_else(|_| "    年  月  日".to_string())
    };
    if from.is_empty() && to.is_empty() {
        return "统计时段：".to_string();
    }
    if from == to {
        return format!("统计时段：{}", show(from));
    }
    format!("统计时段：{}至{}", show(from), show(to))
}

fn base() -> Format {
    Format::new().set_font_name("宋体").set_font_size(12)
}

/// Writes the table onto a worksheet in the official layout.
pub fn write_sheet(ws: &mut Worksheet, t: &StatsTable, meta: &Meta) -> Result<()> {
    write_sheet_inner(ws, t, meta).map_err(xlsx_err)
}

fn write_sheet_inner(ws: &mut Worksheet, t: &StatsTable, meta: &Meta) -> Result<(), XlsxError> {
    let title = base()
        .set_font_name("黑体")
        .set_font_size(18)
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let sub = base()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let left = base()
        .set_align(FormatAlign::Left)
        .set_align(FormatAlign::VerticalCenter);
    let cell = base()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let head = cell.clone().set_bold();
    let name = cell.clone().set_align(FormatAlign::Left).set_indent(1);
    let num = cell.clone().set_num_format("0");
    let total_name = head.clone();
    let total_num = num.clone().set_bold();
    let note = base()
        .set_font_size(11)
        .set_align(FormatAlign::Left)
        .set_align(FormatAlign::Top)
        .set_text_wrap();

    ws.set_name(SHEET_NAME)?;
    ws.set_column_width(0, 26)?;
    for c in 1..=6u16 {
        ws.set_column_width(c, if c >= 3 { 17 } else { 13 })?;
    }

    ws.set_row_height(0, 36)?;
    ws.merge_range(0, 0, 0, 6, TITLE, &title)?;
    ws.set_row_height(1, 22)?;
    ws.merge_range(1, 0, 1, 6, &period_text(&t.from, &t.to), &sub)?;

    ws.set_row_height(2, 26)?;
    ws.merge_range(
        2,
        0,
        2,
        2,
        &format!("报送单位（乡镇/部门）：{}", t.unit),
        &left,
    )?;
    let contact = if meta.phone.is_empty() {
        t.contact.clone()
    } else {
        format!("{} {}", t.contact, meta.phone).trim().to_string()
    };
    ws.merge_range(2, 3, 2, 4, &format!("联系人：{contact}"), &left)?;
    ws.merge_range(
        2,
        5,
        2,
        6,
        &format!("报送时间：{}", crate::date_cn(meta.report_date)),
        &left,
    )?;

    // Two-level header, as on the form.
    ws.set_row_height(3, 26)?;
    ws.set_row_height(4, 36)?;
    ws.merge_range(3, 0, 4, 0, "行动名称", &head)?;
    ws.merge_range(3, 1, 3, 2, "宣传情况", &head)?;
    ws.merge_range(3, 3, 3, 6, "隐患排查整改情况", &head)?;
    for (i, c) in Column::ALL.iter().enumerate() {
        ws.write_string_with_format(4, i as u16 + 1, c.header(), &head)?;
    }

    for (i, r) in t.rows.iter().enumerate() {
        let row = FIRST_ROW + i as u32;
        ws.set_row_height(row, 28)?;
        ws.write_string_with_format(row, 0, &r.action, &name)?;
        for (j, c) in Column::ALL.iter().enumerate() {
            ws.write_number_with_format(row, j as u16 + 1, r.get(*c) as f64, &num)?;
        }
    }

    ws.set_row_height(TOTAL_ROW, 28)?;
    ws.write_string_with_format(TOTAL_ROW, 0, TOTAL_LABEL, &total_name)?;
    for (j, c) in Column::ALL.iter().enumerate() {
        let col = j as u16 + 1;
        let letter = crate::sheet::column_letters(col as u32 + 1);
        let f = Formula::new(format!(
            "=SUM({letter}{}:{letter}{})",
            FIRST_ROW + 1,
            TOTAL_ROW
        ))
        .set_result(t.total.get(*c).to_string());
        ws.write_formula_with_format(TOTAL_ROW, col, f, &total_num)?;
    }

    let note_row = TOTAL_ROW + 1;
    ws.set_row_height(note_row, 58)?;
    ws.merge_range(note_row, 0, note_row, 6, FOOTER_NOTE, &note)?;

    ws.set_paper_size(9); // A4
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 1);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.6, 0.6, 0.7, 0.7, 0.3, 0.3);
    ws.set_print_area(0, 0, note_row, 6)?;
    Ok(())
}

/// The table as .xlsx bytes.
pub fn to_bytes(t: &StatsTable, meta: &Meta) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let props = rust_xlsxwriter::DocProperties::new()
        .set_title(TITLE)
        .set_company(&t.unit);
    wb.set_properties(&props);
    let ws = wb.add_worksheet();
    write_sheet(ws, t, meta)?;
    wb.save_to_buffer().map_err(xlsx_err)
}

/// Writes the table to `path` (.xlsx).
pub fn save(t: &StatsTable, meta: &Meta, path: &Path) -> Result<()> {
    let bytes = to_bytes(t, meta)?;
    crate::files::write_atomic(path, &bytes)
}
