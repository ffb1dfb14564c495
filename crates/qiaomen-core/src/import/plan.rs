//! The dry run shown before importing: the mapping, the first rows with what will happen to
//! each, and the full report — nothing written.

use super::analyse::prepare_all;
use super::decide::{run_rows, Decider, Register};
use super::fields::fields;
use super::header::{raw_mapping, Mapping};
use super::report::{FieldNote, ImportOptions, ImportPlan, ImportReport, PreviewRow, RowStatus};
use super::source::{base_report, Source};
use super::{no_progress, PREVIEW_ROWS};
use crate::error::{Error, Result};
use crate::sheet::Sheet;
use foldhash::HashMap;
use rusqlite::Connection;

/// The dry run: detected (or chosen) mapping, the first rows, and the full report of what
/// importing would do. Nothing is written. When no header can be found, the plan still
/// shows the first rows and says why in `problem`, so the clerk can point at the header.
pub fn plan(conn: &Connection, src: &Source, opts: &ImportOptions) -> Result<ImportPlan> {
    let sheet = &src.sheet;
    let base = ImportPlan {
        file: src.file_label(),
        format: src.format,
        sheets: src.sheets.clone(),
        sheet: sheet.name.clone(),
        header_first_row: 0,
        header_row: 0,
        columns: Vec::new(),
        preview: Vec::new(),
        problem: None,
        report: ImportReport {
            dry_run: true,
            ..base_report(src)
        },
        fields: fields(),
    };
    let register = Register::load(conn)?;
    let (mapping, ctx) = match prepare_all(sheet, opts, &register.groups) {
        Ok(v) => v,
        Err(e) if e.code == crate::ErrorCode::Invalid => {
            return Ok(without_mapping(sheet, opts, e, base));
        }
        Err(e) => return Err(e),
    };
    let decider = Decider::new(register, base_report(src), src.sheet.height() as usize);
    let (mut report, statuses) = run_rows(&ctx, sheet, decider, &no_progress, |_| true);
    report.dry_run = true;
    let preview = preview(sheet, &mapping, &report, &statuses);
    Ok(ImportPlan {
        header_first_row: mapping.first_row,
        header_row: mapping.last_row,
        columns: mapping.columns,
        preview,
        report,
        ..base
    })
}

/// Cell texts from column A to column `width` (the sheet's last used one).
fn row_cells(sheet: &Sheet, width: u32, row: u32) -> Vec<String> {
    (1..=width).map(|c| sheet.cell(row, c).text()).collect()
}

/// A data row's cell texts as Excel shows them: a cell inside a merged range (组别 merged
/// down a block of rows) shows the range's value, as the import reads it.
fn shown_cells(sheet: &Sheet, width: u32, row: u32) -> Vec<String> {
    (1..=width).map(|c| sheet.shown(row, c).text()).collect()
}

/// The plan when the mapping cannot be used (`problem` says why): the sheet as it is, with
/// the columns the header row (if any) names.
fn without_mapping(sheet: &Sheet, opts: &ImportOptions, e: Error, base: ImportPlan) -> ImportPlan {
    let raw = raw_mapping(sheet, opts).ok();
    let (first, last, columns) = match raw {
        Some(m) => (m.first_row, m.last_row, m.columns),
        None => (0, 0, Vec::new()),
    };
    let width = sheet.width();
    let preview = (1..=sheet.height().min((PREVIEW_ROWS as u32).max(last + 10)))
        .map(|row| PreviewRow {
            row,
            status: if last == 0 {
                RowStatus::Unchecked
            } else if row < first {
                RowStatus::Above
            } else if row <= last {
                RowStatus::Header
            } else {
                RowStatus::Unchecked
            },
            cells: row_cells(sheet, width, row),
            note: String::new(),
        })
        .collect();
    ImportPlan {
        preview,
        columns,
        header_row: last,
        header_first_row: first,
        problem: Some(e.message),
        ..base
    }
}

/// The first rows with their status: above the header, header, and the first
/// [`PREVIEW_ROWS`] data rows with what will happen to each (and its warnings).
fn preview(
    sheet: &Sheet,
    mapping: &Mapping,
    report: &ImportReport,
    statuses: &HashMap<u32, (RowStatus, String)>,
) -> Vec<PreviewRow> {
    let width = sheet.width();
    let mut preview = Vec::new();
    let warn_by_row: HashMap<u32, Vec<&FieldNote>> =
        report.warnings.iter().fold(HashMap::default(), |mut m, w| {
            m.entry(w.row).or_default().push(w);
            m
        });
    for row in 1..=sheet.height() {
        let (status, note) = if row < mapping.first_row {
            (RowStatus::Above, String::new())
        } else if row <= mapping.last_row {
            (RowStatus::Header, String::new())
        } else {
            // Every checked row has a status except the blank ones.
            let (s, n) = statuses
                .get(&row)
                .cloned()
                .unwrap_or_else(|| (RowStatus::Skipped, "空行".into()));
            let n = match warn_by_row.get(&row) {
                Some(ws) if n.is_empty() || s == RowStatus::Update => {
                    let w: Vec<String> = ws.iter().map(|w| w.message.clone()).collect();
                    if n.is_empty() {
                        w.join("；")
                    } else {
                        format!("{n}；{}", w.join("；"))
                    }
                }
                _ => n,
            };
            (s, n)
        };
        let cells = if row > mapping.last_row {
            shown_cells(sheet, width, row)
        } else {
            row_cells(sheet, width, row)
        };
        preview.push(PreviewRow {
            row,
            status,
            cells,
            note,
        });
        if row > mapping.last_row && preview.len() >= PREVIEW_ROWS + mapping.last_row as usize {
            break;
        }
    }
    preview
}
