//! The spreadsheet entry sheet: bulk entry of inspections by grid workers who fill a
//! spreadsheet (or an online form that exports one) instead of paper.
//!
//! `export` writes one row per household, pre-filled with its code, name and address, then
//! 检查日期, 入户检查人员, one column per checklist item headed by the item's verbatim
//! text (是/否 drop-down lists), 其它隐患情况, 现场交办整改事项, 是否签字. A second sheet
//! "说明" explains the columns and records the template id and version.
//!
//! `import` reads such a sheet back as edited in Excel, WPS or LibreOffice. Columns are
//! found by their header text (order and extra columns do not matter; an item header may
//! carry a leading number such as "3." and full-width punctuation). Rows without a date and
//! without answers are not inspections. Every row is checked; good rows are imported and bad
//! ones reported (row number as Excel shows it), all in one transaction; a file that cannot
//! be read changes nothing.

use crate::error::Result;
use crate::households::{self, Household};
use crate::settings;
use crate::templates::{self, Template};
use crate::xlsx::{save_workbook, xlsx_err, XlsxStyles};
use rusqlite::Connection;
use rust_xlsxwriter::{DataValidation, Workbook, XlsxError};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// Name of the data sheet.
pub const SHEET_NAME: &str = "入户检查录入";
/// Name of the instructions sheet (holds the template id and version).
pub const INFO_SHEET: &str = "说明";

/// Header of the household code column (read back to find the household).
pub const COL_CODE: &str = "编号";
/// Header of the pre-filled 检查地点(对象)名称 column.
pub const COL_NAME: &str = "检查地点(对象)名称";
/// Header of the pre-filled address column.
pub const COL_ADDRESS: &str = "地址";
/// Header of the visit date column (the form's 填表日期, also accepted as a header on import).
pub const COL_DATE: &str = "检查日期";
/// Header of the inspectors column.
pub const COL_INSPECTORS: &str = "入户检查人员";
/// Header of the 其它隐患情况 column.
pub const COL_OTHER: &str = "其它隐患情况";
/// Header of the 现场交办整改事项 column.
pub const COL_ASSIGNED: &str = "现场交办整改事项";
/// Header of the signed column (是 when the household's responsible person signed).
pub const COL_SIGNED: &str = "是否签字";

/// Which entry sheet to write.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct EntrySheetOptions {
    /// Template id (default: the office's default template).
    #[serde(default)]
    #[ts(optional)]
    pub template_id: Option<String>,
    /// Only this grid's households.
    #[serde(default)]
    #[ts(optional)]
    pub grid_id: Option<String>,
}

/// What [`export`] wrote.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct EntrySheetExport {
    /// The workbook written (`rows` = households in it).
    #[serde(flatten)]
    pub file: crate::WrittenFile,
    /// Households in the sheet, one row each.
    pub households: i64,
    /// Id of the checklist template the sheet's item columns come from.
    pub template_id: String,
    /// Its version (recorded in the 说明 sheet, read back on import).
    pub template_version: i64,
    /// Its title.
    pub template_name: String,
    /// Households of the grid left out because they use another template.
    pub other_template: i64,
}

/// Writes the entry sheet. Households whose checklist template is another one are left out
/// (their columns would differ); `other_template` says how many.
pub fn export(
    conn: &Connection,
    opts: &EntrySheetOptions,
    path: &Path,
) -> Result<EntrySheetExport> {
    let s = settings::load(conn)?;
    let tid = opts
        .template_id
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(&s.default_template)
        .to_string();
    let template = templates::get(conn, &tid, None)?;
    let all = households::list(
        conn,
        &households::HouseholdQuery {
            grid_id: opts.grid_id.clone().filter(|g| !g.is_empty()),
            ..Default::default()
        },
    )?
    .items;
    let chooser = templates::rules::Chooser::new(conn)?;
    let (rows, others): (Vec<Household>, Vec<Household>) = all.into_iter().partition(|h| {
        chooser.id_for(&h.template_id, &h.nature, h.grid_id.as_deref()) == template.id
    });
    let mut wb = Workbook::new();
    write_entry_sheet(&mut wb, &template, &rows).map_err(xlsx_err)?;
    write_info_sheet(&mut wb, &template, &s.unit_name).map_err(xlsx_err)?;
    save_workbook(&mut wb, path)?;
    Ok(EntrySheetExport {
        file: crate::WrittenFile::with_rows(path, rows.len()),
        households: rows.len() as i64,
        template_id: template.id,
        template_version: template.version,
        template_name: template.name,
        other_template: others.len() as i64,
    })
}

fn write_entry_sheet(wb: &mut Workbook, t: &Template, rows: &[Household]) -> Result<(), XlsxError> {
    let st = XlsxStyles::new();
    let ws = wb.add_worksheet();
    ws.set_name(SHEET_NAME)?;
    let mut headers: Vec<(String, f64)> = vec![
        (COL_CODE.into(), 8.0),
        (COL_NAME.into(), 14.0),
        (COL_ADDRESS.into(), 20.0),
        (COL_DATE.into(), 12.0),
        (COL_INSPECTORS.into(), 14.0),
    ];
    let first_item = headers.len() as u16;
    for item in &t.items {
        headers.push((item.text.clone(), 12.0));
    }
    let last_item = headers.len() as u16 - 1;
    headers.push((COL_OTHER.into(), 24.0));
    headers.push((COL_ASSIGNED.into(), 24.0));
    headers.push((COL_SIGNED.into(), 8.0));
    for (c, (h, w)) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &st.header)?;
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_row_height(0, 120)?;
    let n = rows.len() as u32;
    for (i, h) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string_with_format(r, 0, &h.code, &st.prefilled)?;
        ws.write_string_with_format(r, 1, &h.name, &st.prefilled)?;
        ws.write_string_with_format(r, 2, &h.address, &st.prefilled)?;
        ws.write_blank(r, 3, &st.date)?;
        for c in 4..headers.len() as u16 {
            ws.write_blank(r, c, &st.cell)?;
        }
    }
    if n > 0 {
        let yes_no = DataValidation::new()
            .allow_list_strings(&["是", "否"])?
            .set_error_title("只能填“是”或“否”")?
            .set_error_message("请从下拉列表中选择“是”或“否”，不答的项目留空。")?;
        ws.add_data_validation(1, first_item, n, last_item, &yes_no)?;
        let signed_col = headers.len() as u16 - 1;
        ws.add_data_validation(1, signed_col, n, signed_col, &yes_no)?;
        let date_hint = DataValidation::new()
            .allow_any_value()
            .set_input_title("检查日期")?
            .set_input_message("填写入户检查（填表）日期，例如 2024-12-03。")?;
        ws.add_data_validation(1, 3, n, 3, &date_hint)?;
    }
    ws.set_freeze_panes(1, 3)?;
    ws.set_repeat_rows(0, 0)?;
    ws.set_paper_size(9);
    ws.set_landscape();
    Ok(())
}

fn write_info_sheet(wb: &mut Workbook, t: &Template, unit: &str) -> Result<(), XlsxError> {
    let st = XlsxStyles::new();
    let ws = wb.add_worksheet();
    ws.set_name(INFO_SHEET)?;
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 90)?;
    ws.write_string_with_format(0, 0, "敲门行动入户检查录入表说明", &st.title)?;
    let lines: Vec<(String, String)> = vec![
        ("报送单位".into(), unit.to_string()),
        ("检查表".into(), format!("{}（{}）", t.title, t.name)),
        ("模板编号".into(), t.id.clone()),
        ("模板版本".into(), t.version.to_string()),
        (
            "怎么填".into(),
            "在“入户检查录入”表中，每户一行。编号、名称、地址已预先填好，请不要修改编号。".into(),
        ),
        (
            "检查日期".into(),
            "填写入户检查的日期，例如 2024-12-03。没有填日期、也没有回答任何项目的行不算检查记录。".into(),
        ),
        (
            "检查项目".into(),
            "每个检查项目一列，从下拉列表选“是”或“否”；没有检查的项目留空。".into(),
        ),
        (
            COL_OTHER.into(),
            "写清楚发现的其它隐患，多条用分号或换行隔开；没有就留空或写“无”。导入时按关键词归类，请在隐患台账中核对类别和是否重大隐患。".into(),
        ),
        (COL_ASSIGNED.into(), "现场交办的整改事项。".into()),
        (COL_SIGNED.into(), "被检查对象负责人已签字填“是”。".into()),
        (
            "导入".into(),
            "填好后在软件“录入”页选择“导入表格”，或运行 qiaomen import inspections 文件名。".into(),
        ),
    ];
    for (i, (k, v)) in lines.iter().enumerate() {
        ws.write_string_with_format(i as u32 + 2, 0, k, &st.header)?;
        ws.write_string_with_format(i as u32 + 2, 1, v, &st.cell)?;
    }
    Ok(())
}

mod import;
pub use import::{
    header_key, import, parse_answer, split_other_hazards, ImportReport, RowIssue, RowWarning,
};
