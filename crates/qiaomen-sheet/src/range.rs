//! calamine's dense ranges (what it gives for .xls and .ods sheets) into a [`Sheet`]
//! padded back to A1, and calamine's values into [`Cell`]s.

use crate::cell::{text_cell, Cell};
use crate::error::Result;
use crate::limits::check_range;
use crate::sheet::Sheet;
use calamine::{Data, DataType};
use std::path::Path;

/// A calamine value as a cell: dates (cells formatted as dates) become [`Cell::Date`],
/// every number a [`Cell::Number`], errors (#N/A …) their text.
pub(crate) fn convert_data(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => text_cell(s),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => match d.as_date() {
            Some(date) => Cell::Date(date),
            None => Cell::Number(dt.as_f64()),
        },
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => match d.as_date() {
            Some(date) => Cell::Date(date),
            None => Cell::Text(s.clone()),
        },
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(e.to_string()),
    }
}

/// A sheet from a dense range, its cells at the positions Excel gives them (calamine's
/// range starts at the first used cell). Refused when it reaches beyond the row or column
/// limit — counted to the range's end, as Excel numbers rows.
pub(crate) fn from_range(path: &Path, name: &str, range: &calamine::Range<Data>) -> Result<Sheet> {
    let mut sheet = Sheet::named(name);
    let Some((r0, c0)) = range.start() else {
        return Ok(sheet);
    };
    check_range(path, name, (r0, c0), range.get_size())?;
    for (i, row) in range.rows().enumerate() {
        for (j, d) in row.iter().enumerate() {
            if !matches!(d, Data::Empty) {
                sheet.put(r0 + i as u32, c0 + j as u32, convert_data(d));
            }
        }
    }
    Ok(sheet)
}
