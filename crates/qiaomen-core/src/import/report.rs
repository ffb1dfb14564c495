//! What the import tells the clerk: the choices the clerk makes ([`ImportOptions`]), the
//! dry run shown before importing ([`ImportPlan`], with its preview rows), and the report
//! of what happened to each row ([`ImportReport`]).

use super::fields::{Field, FieldInfo};
use crate::sheet::Format;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The clerk's choices: sheet, header row, and column mapping.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "RosterImportOptions")]
pub struct ImportOptions {
    /// Sheet name; the best-looking visible sheet when absent.
    #[serde(default)]
    #[ts(optional)]
    pub sheet: Option<String>,
    /// Excel row number of the (last) header row; detected when absent.
    #[serde(default)]
    #[ts(optional)]
    pub header_row: Option<u32>,
    /// The clerk's mapping: replaces the detected field of each listed column.
    #[serde(default)]
    #[ts(optional)]
    pub columns: Option<Vec<ColumnChoice>>,
}

/// One column's field as chosen by the clerk (`field: null` = do not import this column).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "RosterColumnChoice")]
pub struct ColumnChoice {
    pub col: u32,
    pub field: Option<Field>,
}

/// A sheet of the workbook, for choosing.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "RosterSheetInfo")]
pub struct SheetInfo {
    pub name: String,
    pub hidden: bool,
    /// Fields recognised in its header (0 = does not look like a roster); None = not read.
    pub score: Option<u32>,
}

/// A column as detected or chosen.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(rename = "RosterColumn")]
pub struct ColumnInfo {
    pub col: u32,
    /// Column letter as in Excel (A, B, … AA).
    pub letter: String,
    /// Header text (two-level headers as "居住人员 / 总数").
    pub header: String,
    pub field: Option<Field>,
    /// What was detected automatically (to show what the clerk changed).
    pub detected: Option<Field>,
}

/// A note about a row.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(rename = "RosterRowNote")]
pub struct RowNote {
    /// Excel row number.
    pub row: u32,
    pub reason: String,
    /// How many rows the note stands for: 1, or the length of a run of blank rows (so the
    /// rows of `skipped` add up to `skipped_rows`, as the wizard's list and summary say).
    pub rows: u32,
}

/// A note about one field of a row.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(rename = "RosterFieldNote")]
pub struct FieldNote {
    pub row: u32,
    pub field: Field,
    pub message: String,
}

/// What happened (or, in a dry run, would happen) to each row.
#[derive(Debug, Clone, Default, Serialize, TS)]
#[ts(rename = "RosterImportReport")]
pub struct ImportReport {
    pub dry_run: bool,
    pub file: String,
    pub sheet: String,
    /// Households added or updated.
    pub imported: u32,
    pub added: u32,
    pub updated: u32,
    /// Rows identical to an earlier row or to a registered household: imported once.
    pub duplicates: Vec<RowNote>,
    /// Rows that are not households: blank, only a 序号, 合计, signature lines, repeated headers.
    /// A run of blank rows is one note, at its first row.
    pub skipped: Vec<RowNote>,
    /// How many rows were skipped (each row of a run of blank rows counted).
    pub skipped_rows: u32,
    /// Rows that look like households but cannot be imported, with the reason.
    pub rejected: Vec<RowNote>,
    /// Imported, but something needs the clerk's attention (an ID not stored, a bad phone…).
    pub warnings: Vec<FieldNote>,
    /// Values tidied on the way in (13800138000.0 -> 13800138000, 张 三 -> 张三, fill-down).
    pub normalised: Vec<FieldNote>,
    /// Registered households updated, with the fields that changed.
    pub updates: Vec<RowNote>,
    /// Grids created for 网格/村民小组 names not yet known.
    pub grids_created: Vec<String>,
    /// Rows added to the named list of vulnerable people.
    pub people_added: u32,
    /// Data rows looked at (below the header).
    pub rows_read: u32,
}

/// Status of a previewed row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "RosterRowStatus")]
pub enum RowStatus {
    /// Above the header (title, blank, notes).
    Above,
    Header,
    Add,
    Update,
    Duplicate,
    Skipped,
    Rejected,
    /// Not checked yet (no usable mapping).
    Unchecked,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "RosterPreviewRow")]
pub struct PreviewRow {
    pub row: u32,
    pub status: RowStatus,
    /// Cell texts from column A to the last used column.
    pub cells: Vec<String>,
    /// Why skipped/rejected/duplicate, or what the warnings are.
    pub note: String,
}

/// The dry run shown before importing.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "RosterImportPlan")]
pub struct ImportPlan {
    pub file: String,
    pub format: Format,
    pub sheets: Vec<SheetInfo>,
    pub sheet: String,
    /// Header rows (Excel numbers); 0 when no header was found.
    pub header_first_row: u32,
    pub header_row: u32,
    pub columns: Vec<ColumnInfo>,
    pub preview: Vec<PreviewRow>,
    /// Why nothing can be imported yet (no header found, no name column), in Chinese.
    pub problem: Option<String>,
    pub report: ImportReport,
    pub fields: Vec<FieldInfo>,
}
