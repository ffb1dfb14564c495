//! # qiaomen-sheet: reading the spreadsheets offices really have
//!
//! Village offices keep their household rosters, inspection sheets and statistics tables
//! in whatever Excel, WPS or a township web system wrote: .xlsx, .xls (BIFF8 from Excel
//! 97-2003 and WPS), .ods, and .csv in GBK or UTF-8. This crate reads them into one small
//! in-memory model — a [`Workbook`] of [`Sheet`]s of [`Cell`]s — shared by every importer
//! of qiaomen (it depends on no other qiaomen crate). Everything that can go wrong with a
//! file the clerk picked is one [`Error`]: a sentence in Simplified Chinese that names the
//! file and says what to do, an [`ErrorKind`], and the library error underneath.
//!
//! ```no_run
//! let mut wb = qiaomen_sheet::Workbook::open("花名册.xlsx".as_ref())?;
//! let sheet = wb.read_sheet_at(0)?;
//! for (row, cells) in sheet.rows() {
//!     println!("{row}: {:?}", cells.iter().map(|c| c.text()).collect::<Vec<_>>());
//! }
//! # Ok::<(), qiaomen_sheet::Error>(())
//! ```
//!
//! ## A tour of the modules
//!
//! Opening goes top to bottom through this list:
//!
//! | module | its job |
//! |---|---|
//! | `workbook` | [`Workbook::open`] and [`read`]: checks, then the reader for the format; sheet names, hidden sheets, reading a sheet |
//! | `detect` | file-type detection by content: zip (xlsx/ods), OLE (xls), text; names what is not a spreadsheet (renamed Word/PowerPoint, web page, XML, PDF, RTF, .xlsb, password) |
//! | `limits` | size guards: [`MAX_FILE_BYTES`], zip bombs ([`MAX_UNCOMPRESSED_BYTES`]), [`MAX_ROWS`], [`MAX_COLS`] |
//! | `xls` | the .xls OLE container checked before calamine sees it (looping sector chains), then read |
//! | `xlsx` | the .xlsx cell reader (only the cells that exist), the shared strings read in calamine's stead (rich text of LibreOffice/WPS files), merged ranges by a scan of the sheet XML, and the streamed read ([`XlsxRows`], [`XlsxMerges`]) |
//! | `ods` | .ods through calamine |
//! | `text` | CSV and tab-separated text: UTF-16 / UTF-8 / GBK (GB18030) detection, the separator |
//! | `range` | calamine's dense ranges (.xls, .ods) and values into cells |
//! | `guard` | calamine calls under `catch_unwind`: a panic is a damaged file |
//! | `cell`, `sheet` | the model: [`Cell`], [`MergedRange`], [`Format`], [`Sheet`], addresses ([`cell_address`]) |
//! | `error` | [`Error`], [`ErrorKind`], [`file_label`] |
//!
//! ## Row and column numbers are Excel's
//!
//! Rows and columns are 1-based and are the ones the clerk sees in Excel: a sheet whose
//! first used cell is C5 has that cell at `cell(5, 3)`. (calamine's ranges start at the
//! first used cell; the readers pad them back to A1.) Messages name cells as "C7"
//! ([`cell_address`]).
//!
//! ## The traps it guards against
//!
//! - **Merged cells** give their value only in the top-left cell. [`Sheet::merges`] lists
//!   them for .xlsx and .xls, and [`Sheet::shown`] looks through them; calamine lists none
//!   for .ods, and CSV has none, so callers must also cope without.
//! - **Numbers**: .xlsx and .ods store every number as floating point; [`Cell::text`] shows
//!   13800138000.0 as "13800138000". An 18-digit ID typed as a number is already wrong in
//!   the file (15 significant digits): the reader cannot restore it, the importers say so.
//! - **Dates** are numbers with a date format; cells formatted as dates become
//!   [`Cell::Date`].
//! - **Renamed and truncated files** give confusing low-level errors in calamine; they are
//!   one clerk-friendly message here (`detect`, and every calamine error mapped to
//!   "已损坏或不完整").
//! - **Zip bombs**: an .xlsx/.ods whose entries would inflate beyond
//!   [`MAX_UNCOMPRESSED_BYTES`] is refused before calamine reads it; an entry inflating
//!   beyond its declared size fails in the `zip` crate.
//! - **Huge sheets**: at most [`MAX_ROWS`] rows and [`MAX_COLS`] columns. In an .xlsx only
//!   the rows that hold something count, and cells are read one by one, so a value typed
//!   by mistake in Excel's last row is one more row, not gigabytes; .xls and .ods sheets
//!   are counted to their last used row (calamine reads them into dense ranges; the
//!   vendored calamine bounds its .xls allocations, `vendor/calamine/PATCHES.md`).
//! - **Looping .xls sector chains** would make calamine grow a buffer without end; the
//!   allocation table is checked first (`xls`).
//! - **Panics inside calamine** on some damaged .xls files are caught and reported as a
//!   damaged file (`guard`), without touching the process's panic hook.
//! - **CSV encodings**: Chinese Excel/WPS write GBK; others UTF-8 with or without a BOM.
//!   Strict UTF-8 is tried first, then GB18030; anything else is refused, not garbled.
//!
//! ## Features
//!
//! - `ts`: `serde::Serialize` and `ts_rs::TS` on [`Cell`], [`MergedRange`] and [`Format`]
//!   (the format of a file crosses to the app's UI). qiaomen-core turns it on.

#![warn(missing_docs)]

mod cell;
mod detect;
mod error;
mod guard;
mod limits;
mod ods;
mod range;
mod sheet;
mod text;
mod workbook;
mod xls;
mod xlsx;

pub use cell::{cell_address, column_letters, number_text, Cell, Format, MergedRange};
pub use error::{file_label, Cause, Error, ErrorKind, Result};
pub use limits::{MAX_COLS, MAX_FILE_BYTES, MAX_ROWS, MAX_UNCOMPRESSED_BYTES};
pub use sheet::{RowCells, Sheet};
pub use workbook::{read, Workbook};
pub use xlsx::stream::{StreamEnd, XlsxMerges, XlsxRows};
