//! The township's workbook: its table in the official layout and a sheet listing the
//! sources it was summed from.

use super::Aggregate;
use crate::error::Result;
use crate::stats::Column;
use std::path::Path;

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
