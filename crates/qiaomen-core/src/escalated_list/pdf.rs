//! The 上报清单 as a printable A4 PDF (the print area's table page): the rows and columns of
//! the workbook, the dates on two lines, the newest measures only.

use super::{cells, header_lines, COLUMNS, FOOTER, TITLE};
use crate::dates::show_iso;
use crate::error::Result;
use crate::hazards::escalation::{escalated, EscalatedHazard};
use crate::hazards::HazardQuery;
use crate::pdf::{render_table, Rendered, TableColumn, TablePage};
use rusqlite::Connection;

/// The date columns of [`COLUMNS`] (发现日期, 整改期限, 上报日期).
const DATE_COLUMNS: [usize; 3] = [8, 9, 12];

/// The measures column of [`COLUMNS`].
const MEASURES_COLUMN: usize = 13;
/// On paper a row shows the newest measures only, each cut to this many characters, so that
/// one row never outgrows a page (the workbook holds them all in full).
const PRINTED_MEASURES: usize = 3;
const PRINTED_MEASURE_CHARS: usize = 60;

/// The measures as printed: one a line, the newest [`PRINTED_MEASURES`], and how many
/// older ones there are.
fn measures_for_print(e: &EscalatedHazard) -> String {
    let n = e.measures.len();
    let skip = n.saturating_sub(PRINTED_MEASURES);
    let mut lines = Vec::new();
    if skip > 0 {
        lines.push(format!("（另有较早的 {skip} 条）"));
    }
    for m in &e.measures[skip..] {
        let mut what: String = m.description.chars().take(PRINTED_MEASURE_CHARS).collect();
        if m.description.chars().count() > PRINTED_MEASURE_CHARS {
            what.push_str("……");
        }
        lines.push(format!("{} {what}", show_iso(&m.taken_on)));
    }
    lines.join("\n")
}

/// The 上报清单 of the hazards `q` selects as a landscape A4 PDF.
pub fn escalated_pdf(conn: &Connection, q: &HazardQuery) -> Result<Rendered> {
    let rows = escalated(conn, q)?;
    let table = TablePage {
        title: TITLE.to_string(),
        header_lines: header_lines(conn, q, rows.len())?,
        columns: COLUMNS
            .iter()
            .map(|(label, _, width, left)| {
                let c = TableColumn::new(label, *width);
                if *left {
                    c.left()
                } else {
                    c
                }
            })
            .collect(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let mut row = cells(i, e);
                // 2024年 / 12月10日 on two lines: a narrow date column never breaks a number.
                for c in DATE_COLUMNS {
                    row[c] = row[c].replacen('年', "年\n", 1);
                }
                row[MEASURES_COLUMN] = measures_for_print(e);
                row
            })
            .collect(),
        footer_lines: vec![FOOTER.to_string()],
        landscape: true,
    };
    render_table(&table)
}
