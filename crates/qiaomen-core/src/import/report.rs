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
    /// The column, 1-based as Excel numbers it (1 = A).
    pub col: u32,
    /// The field the column's values go to; None leaves the column out of the import.
    pub field: Option<Field>,
}

/// A sheet of the workbook, for choosing.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "RosterSheetInfo")]
pub struct SheetInfo {
    /// The sheet's name as the workbook shows it on its tab.
    pub name: String,
    /// Hidden in the workbook; hidden sheets are passed over when the sheet is chosen
    /// automatically (unless the workbook has no other).
    pub hidden: bool,
    /// Fields recognised in its header (0 = does not look like a roster); None = not read.
    pub score: Option<u32>,
}

/// A column as detected or chosen.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(rename = "RosterColumn")]
pub struct ColumnInfo {
    /// The column, 1-based as Excel numbers it (1 = A).
    pub col: u32,
    /// Column letter as in Excel (A, B, … AA).
    pub letter: String,
    /// Header text (two-level headers as "居住人员 / 总数").
    pub header: String,
    /// The field the column is imported into (the clerk's choice, else the detected one); None:
    /// not imported.
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
    /// Why, in Chinese for the clerk (e.g. 合计行, 空行, 没有姓名).
    pub reason: String,
    /// How many rows the note stands for: 1, or the length of a run of blank rows (so the
    /// rows of `skipped` add up to `skipped_rows`, as the wizard's list and summary say).
    pub rows: u32,
}

/// A note about one field of a row.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(rename = "RosterFieldNote")]
pub struct FieldNote {
    /// Excel row number (1-based, as the clerk sees it).
    pub row: u32,
    /// The field concerned.
    pub field: Field,
    /// What happened to the value, in Chinese for the clerk.
    pub message: String,
}

/// What happened (or, in a dry run, would happen) to each row.
#[derive(Debug, Clone, Default, Serialize, TS)]
#[ts(rename = "RosterImportReport")]
pub struct ImportReport {
    /// True for the dry run ([`ImportPlan`]): nothing was written.
    pub dry_run: bool,
    /// The file's name (without its folder), as the clerk knows it.
    pub file: String,
    /// The sheet imported.
    pub sheet: String,
    /// Households added or updated.
    pub imported: u32,
    /// Households that were new and were added.
    pub added: u32,
    /// Registered households (matched by a valid ID, else by name and address) that the roster
    /// changed.
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
    /// A header row (a two-level header spans two).
    Header,
    /// A new household: will be (or was) added.
    Add,
    /// A registered household: will be (or was) updated with the fields the roster fills in.
    Update,
    /// Repeats an earlier row or a registered household unchanged: imported once.
    Duplicate,
    /// Not a household (blank, 合计, signature line, repeated header): left out.
    Skipped,
    /// Looks like a household but cannot be imported (e.g. no name); the note says why.
    Rejected,
    /// Not checked yet (no usable mapping).
    Unchecked,
}

/// One row of the preview grid in the import dialog: the cells as the sheet shows them and
/// what the import does with the row.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "RosterPreviewRow")]
pub struct PreviewRow {
    /// Excel row number (1-based).
    pub row: u32,
    /// What the import does (or would do) with the row.
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
    /// The file's name (without its folder).
    pub file: String,
    /// The file's type as detected from its content (xlsx, xls, ods, csv).
    pub format: Format,
    /// Every sheet of the workbook, in tab order, with its score where it was read.
    pub sheets: Vec<SheetInfo>,
    /// The sheet the plan is for (the one asked for, else the best-looking one).
    pub sheet: String,
    /// Header rows (Excel numbers); 0 when no header was found.
    pub header_first_row: u32,
    /// Last header row (Excel number); data starts below it; 0 when no header was found.
    pub header_row: u32,
    /// Every column with a header text, with its detected and chosen field.
    pub columns: Vec<ColumnInfo>,
    /// The rows above and in the header and up to 30 data rows ([`crate::import::PREVIEW_ROWS`]),
    /// each with its status.
    pub preview: Vec<PreviewRow>,
    /// Why nothing can be imported yet (no header found, no name column), in Chinese.
    pub problem: Option<String>,
    /// The full report of what importing would do (`dry_run` = true).
    pub report: ImportReport,
    /// Every field a column can be mapped to, for the mapping editor.
    pub fields: Vec<FieldInfo>,
}
