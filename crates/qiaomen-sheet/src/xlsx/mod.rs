//! .xlsx: cells read one by one, merged ranges found by a scan of the sheet's XML.
//!
//! calamine's `worksheet_range` builds a dense range of rows × columns up front, which a
//! stray value typed in XFD1048576 turns into gigabytes; its cell reader hands out only the
//! cells that exist. [`Cells`] takes them within the limits (rows that hold a value, none
//! below Excel's last row, [`MAX_COLS`] columns). The merged ranges come from [`merges`],
//! which scans the sheet's XML for `<mergeCells>` on another core while the cells are read
//! (calamine would parse the whole sheet XML a second time for them). [`stream`] hands the
//! rows over while they are being read, for the roster import. [`strings`] reads the
//! shared strings in calamine's stead.

pub(crate) mod merges;
pub(crate) mod stream;
pub(crate) mod strings;

use crate::cell::{text_cell, Cell, MergedRange};
use crate::error::{damaged, Result};
use crate::guard::{guarded, or_none};
use crate::limits::{too_many_cols, too_many_rows, EXCEL_ROWS, MAX_COLS, MAX_ROWS};
use crate::sheet::Sheet;
use calamine::{DataRef, DataType};
pub(crate) use merges::XlsxParts;
use std::io::Cursor;
use std::path::Path;

/// calamine's .xlsx reader over the file's bytes.
pub(crate) type XlsxBook = calamine::Xlsx<Cursor<Vec<u8>>>;

/// Opens an .xlsx whose zip entries were checked ([`crate::limits::check_zip`]). The shared
/// strings are read by [`strings`] (calamine's own reading of them was most of the time
/// of a roster saved by LibreOffice or WPS), the rest of the workbook by calamine.
pub(crate) fn open(path: &Path, bytes: Vec<u8>) -> Result<(XlsxBook, XlsxParts)> {
    let parts = XlsxParts::new(bytes.clone());
    let wb = guarded(path, || {
        let mut wb = calamine::Xlsx::new_without_shared_strings(Cursor::new(bytes))
            .map_err(|e| damaged(path).with_source(e))?;
        if let Some(xml) = wb.shared_strings_xml() {
            let xml = xml.map_err(|e| damaged(path).with_source(e))?;
            let table = strings::parse(&xml).map_err(|e| damaged(path).with_source(e))?;
            wb.set_shared_strings(table);
        }
        Ok(wb)
    })?;
    Ok((wb, parts))
}

/// Reads an .xlsx sheet cell by cell, its merged ranges scanned on another core meanwhile
/// (a second inflate of the sheet's XML: a tenth of the reading time of a large roster).
/// Call under [`guarded`].
pub(crate) fn read(path: &Path, wb: &mut XlsxBook, parts: &XlsxParts, name: &str) -> Result<Sheet> {
    let (scanned, cells) = std::thread::scope(|s| {
        let scan = s.spawn(|| or_none(|| parts.merges(name)));
        let cells = read_cells(path, wb, name);
        (scan.join().ok().flatten(), cells)
    });
    let mut sheet = cells?;
    sheet.merges = match scanned {
        Some(m) => m,
        None => calamine_merges(wb, name),
    };
    Ok(sheet)
}

/// The merged ranges as calamine finds them (when the scan could not locate the sheet).
fn calamine_merges(wb: &mut XlsxBook, name: &str) -> Vec<MergedRange> {
    wb.merge_cells_by_sheet_name(name)
        .map(|m| m.iter().map(MergedRange::from_dimensions).collect())
        .unwrap_or_default()
}

fn read_cells(path: &Path, wb: &mut XlsxBook, name: &str) -> Result<Sheet> {
    let mut sheet = Sheet::named(name);
    let reader = wb
        .worksheet_cells_reader(name)
        .map_err(|e| damaged(path).with_source(e))?;
    let mut cells = Cells::new(reader, path, name);
    while let Some((r, c, cell)) = cells.next()? {
        sheet.put(r, c, cell);
    }
    Ok(sheet)
}

/// The non-empty cells of an .xlsx sheet, within the limits: at most [`MAX_ROWS`] rows
/// holding a value, none below Excel's last row, at most [`MAX_COLS`] columns.
pub(crate) struct Cells<'a, 'r> {
    reader: calamine::XlsxCellReader<'r, Cursor<Vec<u8>>>,
    path: &'a Path,
    name: &'a str,
    /// The row of the last cell handed out, and how many rows have held a value so far
    /// (a row listed twice, out of order, counts twice: no writer we know does that).
    last_row: Option<u32>,
    rows: u32,
}

impl<'a, 'r> Cells<'a, 'r> {
    pub(crate) fn new(
        reader: calamine::XlsxCellReader<'r, Cursor<Vec<u8>>>,
        path: &'a Path,
        name: &'a str,
    ) -> Self {
        Cells {
            reader,
            path,
            name,
            last_row: None,
            rows: 0,
        }
    }

    /// The next non-empty cell, 0-based row and column.
    pub(crate) fn next(&mut self) -> Result<Option<(u32, u32, Cell)>> {
        loop {
            let next = self
                .reader
                .next_cell()
                .map_err(|e| damaged(self.path).with_source(e))?;
            let Some(cell) = next else {
                return Ok(None);
            };
            let (r, c) = cell.get_position();
            let value = cell.get_value();
            if matches!(value, DataRef::Empty) {
                continue;
            }
            if r >= EXCEL_ROWS {
                return Err(damaged(self.path));
            }
            if c >= MAX_COLS {
                return Err(too_many_cols(self.path, self.name));
            }
            if self.last_row != Some(r) {
                self.last_row = Some(r);
                self.rows += 1;
                if self.rows > MAX_ROWS {
                    return Err(too_many_rows(self.path, self.name));
                }
            }
            return Ok(Some((r, c, convert_ref(value))));
        }
    }
}

/// A calamine value borrowed from the cell reader as a cell (see
/// [`crate::range::convert_data`] for the same rules on owned values).
fn convert_ref(d: &DataRef<'_>) -> Cell {
    match d {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => text_cell(s),
        DataRef::SharedString(s) => text_cell(s),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) if dt.is_datetime() => match d.as_date() {
            Some(date) => Cell::Date(date),
            None => Cell::Number(dt.as_f64()),
        },
        DataRef::DateTime(dt) => Cell::Number(dt.as_f64()),
        DataRef::DateTimeIso(s) => match d.as_date() {
            Some(date) => Cell::Date(date),
            None => Cell::Text(s.clone()),
        },
        DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Text(e.to_string()),
    }
}
