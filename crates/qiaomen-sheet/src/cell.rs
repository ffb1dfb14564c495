//! The small values of the model: a cell's value, a merged range, the file format, and
//! Excel-style addresses (column letters, "C7").

use chrono::NaiveDate;

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ts", derive(serde::Serialize, ts_rs::TS))]
#[cfg_attr(
    feature = "ts",
    serde(tag = "kind", content = "value", rename_all = "snake_case"),
    ts(rename = "SheetCell")
)]
pub enum Cell {
    /// Nothing in the cell (an empty text cell reads as this too).
    Empty,
    /// Text as typed.
    Text(String),
    /// Every number (xlsx and ods store all numbers as floating point).
    Number(f64),
    /// A cell formatted as a date (its ISO date in JSON).
    Date(#[cfg_attr(feature = "ts", ts(type = "string"))] NaiveDate),
    /// TRUE or FALSE.
    Bool(bool),
}

impl Cell {
    /// True for an empty cell or a text cell holding only white space.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.chars().all(|c| c.is_whitespace() || c == '\u{3000}'),
            _ => false,
        }
    }

    /// The cell as text, roughly as Excel shows it: whole numbers without ".0" (up to 15
    /// digits; larger numbers in full decimal), dates as ISO, booleans as TRUE/FALSE.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => number_text(*n),
            Cell::Date(d) => d.to_string(),
            Cell::Bool(true) => "TRUE".into(),
            Cell::Bool(false) => "FALSE".into(),
        }
    }
}

/// A text cell, or an empty one for empty text.
pub(crate) fn text_cell(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

/// A number as text without a spurious ".0" (13800138000.0 -> "13800138000").
pub fn number_text(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A merged range, 1-based and inclusive, as Excel numbers rows and columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(serde::Serialize, ts_rs::TS))]
pub struct MergedRange {
    /// The top row.
    pub first_row: u32,
    /// The left column.
    pub first_col: u32,
    /// The bottom row.
    pub last_row: u32,
    /// The right column.
    pub last_col: u32,
}

impl MergedRange {
    /// True when the cell at (`row`, `col`) is inside the range.
    pub fn contains(&self, row: u32, col: u32) -> bool {
        (self.first_row..=self.last_row).contains(&row)
            && (self.first_col..=self.last_col).contains(&col)
    }

    /// From calamine's 0-based dimensions.
    pub(crate) fn from_dimensions(d: &calamine::Dimensions) -> MergedRange {
        MergedRange {
            first_row: d.start.0 + 1,
            first_col: d.start.1 + 1,
            last_row: d.end.0 + 1,
            last_col: d.end.1 + 1,
        }
    }
}

/// The file formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(serde::Serialize, ts_rs::TS))]
#[cfg_attr(
    feature = "ts",
    serde(rename_all = "snake_case"),
    ts(rename = "SheetFormat")
)]
pub enum Format {
    /// Excel 2007 and later, and WPS (.xlsx, .xlsm, .et saved as xlsx).
    Xlsx,
    /// Excel 97-2003 (BIFF8 in an OLE compound file).
    Xls,
    /// OpenDocument (LibreOffice, WPS).
    Ods,
    /// Comma-, tab- or semicolon-separated text.
    Csv,
}

impl Format {
    /// The format's name as the clerk knows it.
    pub fn label(self) -> &'static str {
        match self {
            Format::Xlsx => "Excel 工作簿（.xlsx）",
            Format::Xls => "Excel 97-2003 工作簿（.xls）",
            Format::Ods => "OpenDocument 表格（.ods）",
            Format::Csv => "CSV 文本",
        }
    }
}

/// The column letters of a 1-based column number: 1 -> "A", 27 -> "AA".
pub fn column_letters(col: u32) -> String {
    let mut n = col;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// An A1-style address from 1-based row and column: (7, 3) -> "C7".
pub fn cell_address(row: u32, col: u32) -> String {
    format!("{}{}", column_letters(col), row)
}

/// "C7" (or "$C$7") -> (7, 3).
pub(crate) fn parse_a1(s: &str) -> Option<(u32, u32)> {
    let s = s.trim().replace('$', "");
    let split = s.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = s.split_at(split);
    if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut col: u32 = 0;
    for c in letters.chars() {
        col = col
            .checked_mul(26)?
            .checked_add(c.to_ascii_uppercase() as u32 - 'A' as u32 + 1)?;
    }
    let row: u32 = digits.parse().ok()?;
    (row > 0).then_some((row, col))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(cell_address(7, 3), "C7");
        assert_eq!(cell_address(1, 1), "A1");
        assert_eq!(cell_address(10, 26), "Z10");
        assert_eq!(cell_address(2, 27), "AA2");
        assert_eq!(cell_address(1, 16384), "XFD1");
        assert_eq!(column_letters(52), "AZ");
        assert_eq!(column_letters(53), "BA");
    }

    #[test]
    fn number_text_drops_point_zero() {
        assert_eq!(Cell::Number(13800138000.0).text(), "13800138000");
        assert_eq!(Cell::Number(2.5).text(), "2.5");
        // An 18-digit ID typed as a number: already rounded by Excel.
        assert_eq!(
            Cell::Number(110105194912310021.0).text(),
            "110105194912310020"
        );
        assert!(Cell::Text(" \u{3000}".into()).is_blank());
        assert!(!Cell::Number(0.0).is_blank());
    }
}
