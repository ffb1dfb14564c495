//! Reading the spreadsheets offices really have: .xlsx, .xls (BIFF8 from Excel 2003/WPS),
//! .ods and .csv (GBK from Chinese Excel/WPS, or UTF-8 with or without a BOM) into one small
//! in-memory model shared by every importer (household rosters, inspection sheets, the
//! township's aggregation of statistics tables).
//!
//! - Row and column numbers are 1-based and are the ones the clerk sees in Excel: a sheet
//!   whose first used cell is C5 still has that cell at `(5, 3)` (calamine's ranges start at
//!   the first used cell; this module pads them back to A1).
//! - Merged ranges are listed for .xlsx and .xls (calamine gives none for .ods, and CSV has
//!   none); the value of a merged range is only in its top-left cell.
//! - Everything that can go wrong with a file the clerk picked is one Chinese sentence that
//!   names the file: not a spreadsheet (a renamed Word document, a web page saved as .xls),
//!   damaged or truncated, too large, unsupported extension, unknown text encoding, too many
//!   rows, no such sheet.
//! - Limits: files up to [`MAX_FILE_BYTES`]; zip-based files (.xlsx/.ods) whose entries
//!   would inflate beyond [`MAX_UNCOMPRESSED_BYTES`] are refused before calamine reads them
//!   (zip bombs; an entry inflating beyond its declared size fails in the `zip` crate); at
//!   most [`MAX_ROWS`] rows and [`MAX_COLS`] columns per sheet. In an .xlsx only the rows
//!   that hold something count, so a value typed by mistake far below a roster (down to
//!   Excel's last row) is read as one more row, not refused; .xls and .ods sheets are
//!   counted to their last used row (calamine reads them into dense ranges).

use crate::error::{Error, Result};
use calamine::{Data, DataRef, DataType, Reader};
use chrono::NaiveDate;
use serde::Serialize;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Largest file accepted (50 MB). A village roster is well under 5 MB.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// Largest total decompressed size of the entries of an .xlsx/.ods file (300 MB).
pub const MAX_UNCOMPRESSED_BYTES: u64 = 300 * 1024 * 1024;
/// Most rows read from one sheet: in an .xlsx, the rows holding at least one value; in the
/// other formats, counted to the last used row, as Excel numbers them.
pub const MAX_ROWS: u32 = 200_000;
/// Excel's last row (1,048,576). An .xlsx cell below it is not something Excel or WPS
/// writes: the file is treated as damaged.
const EXCEL_ROWS: u32 = 1_048_576;
/// Most columns read from one sheet.
pub const MAX_COLS: u32 = 1_000;

/// One cell's value.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
#[ts(rename = "SheetCell")]
pub enum Cell {
    Empty,
    Text(String),
    /// Every number (xlsx and ods store all numbers as floating point).
    Number(f64),
    /// A cell formatted as a date (its ISO date in JSON).
    Date(#[ts(type = "string")] NaiveDate),
    Bool(bool),
}

static EMPTY: Cell = Cell::Empty;

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

/// A number as text without a spurious ".0" (13800138000.0 -> "13800138000").
pub fn number_text(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A merged range, 1-based and inclusive, as Excel numbers rows and columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct MergedRange {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

impl MergedRange {
    pub fn contains(&self, row: u32, col: u32) -> bool {
        (self.first_row..=self.last_row).contains(&row)
            && (self.first_col..=self.last_col).contains(&col)
    }
}

/// The file formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "SheetFormat")]
pub enum Format {
    Xlsx,
    Xls,
    Ods,
    Csv,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Xlsx => "Excel 工作簿（.xlsx）",
            Format::Xls => "Excel 97-2003 工作簿（.xls）",
            Format::Ods => "OpenDocument 表格（.ods）",
            Format::Csv => "CSV 文本",
        }
    }
}

/// One sheet in memory. Row `r`, column `c` (both 1-based) is `cell(r, c)`.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    /// rows[r - 1][c - 1]; rows may be shorter than `width()` (missing cells are empty).
    rows: Vec<Vec<Cell>>,
    pub merges: Vec<MergedRange>,
}

impl Sheet {
    /// A sheet from rows of cells starting at A1 (tests and generated sheets).
    pub fn from_rows(name: impl Into<String>, rows: Vec<Vec<Cell>>) -> Sheet {
        let mut s = Sheet {
            name: name.into(),
            rows,
            merges: Vec::new(),
        };
        s.trim();
        s
    }

    /// The cell at Excel row `row`, column `col` (1-based); empty outside the used area.
    pub fn cell(&self, row: u32, col: u32) -> &Cell {
        if row == 0 || col == 0 {
            return &EMPTY;
        }
        self.rows
            .get(row as usize - 1)
            .and_then(|r| r.get(col as usize - 1))
            .unwrap_or(&EMPTY)
    }

    /// The last used row (0 for an empty sheet).
    pub fn height(&self) -> u32 {
        self.rows.len() as u32
    }

    /// The last used column over all rows (0 for an empty sheet).
    pub fn width(&self) -> u32 {
        self.rows.iter().map(|r| r.len()).max().unwrap_or(0) as u32
    }

    /// The cells of Excel row `row` (1-based), starting at column A; empty slice if none.
    pub fn row(&self, row: u32) -> &[Cell] {
        if row == 0 {
            return &[];
        }
        self.rows
            .get(row as usize - 1)
            .map(|r| r.as_slice())
            .unwrap_or(&[])
    }

    /// Every row with its Excel row number, including empty ones.
    pub fn rows(&self) -> impl Iterator<Item = (u32, &[Cell])> {
        self.rows
            .iter()
            .enumerate()
            .map(|(i, r)| (i as u32 + 1, r.as_slice()))
    }

    /// True when the row holds no value at all.
    pub fn row_is_blank(&self, row: u32) -> bool {
        self.row(row).iter().all(Cell::is_blank)
    }

    /// The merged range covering a cell, if any.
    pub fn merge_at(&self, row: u32, col: u32) -> Option<&MergedRange> {
        self.merges.iter().find(|m| m.contains(row, col))
    }

    /// The value shown in a cell, looking through merges: a cell inside a merged range
    /// shows the value of the range's top-left cell.
    pub fn shown(&self, row: u32, col: u32) -> &Cell {
        match self.merge_at(row, col) {
            Some(m) if (m.first_row, m.first_col) != (row, col) => {
                self.cell(m.first_row, m.first_col)
            }
            _ => self.cell(row, col),
        }
    }

    /// Drops trailing empty cells and rows so that `height()`/`width()` are the used area.
    fn trim(&mut self) {
        for r in &mut self.rows {
            while r.last().is_some_and(|c| matches!(c, Cell::Empty)) {
                r.pop();
            }
        }
        while self.rows.last().is_some_and(|r| r.is_empty()) {
            self.rows.pop();
        }
    }

    fn put(&mut self, row0: u32, col0: u32, cell: Cell) {
        let (r, c) = (row0 as usize, col0 as usize);
        if self.rows.len() <= r {
            self.rows.resize_with(r + 1, Vec::new);
        }
        let line = &mut self.rows[r];
        if line.len() <= c {
            line.resize(c + 1, Cell::Empty);
        }
        line[c] = cell;
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

enum Inner {
    Xlsx(Box<calamine::Xlsx<Cursor<Vec<u8>>>>, Box<XlsxParts>),
    Xls(Box<calamine::Xls<Cursor<Vec<u8>>>>),
    Ods(Box<calamine::Ods<Cursor<Vec<u8>>>>),
    Csv(Sheet),
}

/// An opened spreadsheet file.
pub struct Workbook {
    path: PathBuf,
    format: Format,
    sheets: Vec<String>,
    hidden: Vec<bool>,
    inner: Inner,
}

impl std::fmt::Debug for Workbook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workbook")
            .field("path", &self.path)
            .field("format", &self.format)
            .field("sheets", &self.sheets)
            .finish()
    }
}

/// The file's name as the clerk knows it (for messages).
pub fn file_label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn not_a_sheet(path: &Path, what: &str) -> Error {
    Error::bad_file(format!(
        "文件“{}”不是电子表格（{what}），无法读取；请在 Excel 或 WPS 中打开花名册，另存为 .xlsx 后再导入。",
        file_label(path)
    ))
}

fn damaged(path: &Path) -> Error {
    Error::bad_file(format!(
        "文件“{}”已损坏或不完整（可能没有复制或下载完），无法读取，请重新获取这个文件后再导入。",
        file_label(path)
    ))
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

/// Runs a calamine call and turns a panic inside it into the "damaged file" error: calamine
/// 0.38 panics on some damaged .xls files (found by fuzzing, fuzz/known-crashes). The panic
/// message is not printed: the clerk gets the Chinese sentence instead.
fn guarded<T>(path: &Path, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(previous);
    result.unwrap_or_else(|_| Err(damaged(path)))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

impl Workbook {
    /// Opens a spreadsheet file. The format is decided by the file's content (a .xls that
    /// is really an .xlsx is read as .xlsx); the extension only has to be a supported one.
    pub fn open(path: &Path) -> Result<Workbook> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let supported = ["xlsx", "xlsm", "xls", "et", "ods", "csv", "txt"];
        if !supported.contains(&ext.as_str()) {
            let shown = if ext.is_empty() {
                "没有扩展名".to_string()
            } else {
                format!(".{ext}")
            };
            return Err(Error::bad_file(format!(
                "不支持文件“{}”的格式（{shown}），请选择 .xlsx、.xls、.ods 或 .csv 表格文件。",
                file_label(path)
            )));
        }
        let meta = std::fs::metadata(path).map_err(|e| Error::file(path, &e))?;
        if meta.is_dir() {
            return Err(Error::bad_file(format!(
                "“{}”是一个文件夹，请选择其中的表格文件。",
                file_label(path)
            )));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(Error::bad_file(format!(
                "文件“{}”有 {:.1} MB，超过了 {} MB 的上限，请只保留花名册所在的工作表后再导入。",
                file_label(path),
                meta.len() as f64 / 1024.0 / 1024.0,
                MAX_FILE_BYTES / 1024 / 1024
            )));
        }
        let bytes = std::fs::read(path).map_err(|e| Error::file(path, &e))?;
        Self::from_bytes(path, bytes, &ext)
    }

    fn from_bytes(path: &Path, bytes: Vec<u8>, ext: &str) -> Result<Workbook> {
        if bytes.is_empty() {
            return Err(Error::bad_file(format!(
                "文件“{}”是空的（0 字节），无法读取。",
                file_label(path)
            )));
        }
        if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(b"PK\x05\x06") {
            return Self::open_zip(path, bytes);
        }
        if bytes.starts_with(CFB_MAGIC) {
            return Self::open_cfb(path, bytes);
        }
        let head = &bytes[..bytes.len().min(8192)];
        let text_like = !head.contains(&0) || head.starts_with(&[0xFF, 0xFE]);
        if text_like {
            let lower = String::from_utf8_lossy(head).to_lowercase();
            let t = lower.trim_start_matches('\u{feff}').trim_start();
            if t.starts_with("<!doctype html")
                || t.starts_with("<html")
                || (t.starts_with('<') && lower.contains("<table"))
            {
                return Err(not_a_sheet(
                    path,
                    "是网页格式，常见于从网上系统导出的“xls”文件",
                ));
            }
            if t.starts_with("<?xml") {
                return Err(not_a_sheet(path, "是 XML 文件"));
            }
            // Text: a CSV (or a tab-separated file some systems name .xls).
            return Self::open_csv(path, &bytes);
        }
        if head.starts_with(b"%PDF") {
            return Err(not_a_sheet(path, "是 PDF 文件"));
        }
        if head.starts_with(b"{\\rtf") {
            return Err(not_a_sheet(path, "是 RTF 文档"));
        }
        if ext == "csv" || ext == "txt" {
            return Err(not_a_sheet(path, "内容不是文字"));
        }
        Err(not_a_sheet(path, "无法识别的文件内容"))
    }

    fn open_zip(path: &Path, bytes: Vec<u8>) -> Result<Workbook> {
        let kind = check_zip(path, &bytes)?;
        let cursor = Cursor::new(bytes);
        match kind {
            ZipKind::Xlsx => {
                let parts = XlsxParts::new(cursor.get_ref().clone());
                let wb = guarded(path, || {
                    calamine::Xlsx::new(cursor).map_err(|_| damaged(path))
                })?;
                let (sheets, hidden) = sheet_list(&wb);
                Ok(Workbook {
                    path: path.to_path_buf(),
                    format: Format::Xlsx,
                    sheets,
                    hidden,
                    inner: Inner::Xlsx(Box::new(wb), Box::new(parts)),
                })
            }
            ZipKind::Ods => {
                let wb = guarded(path, || {
                    calamine::Ods::new(cursor).map_err(|_| damaged(path))
                })?;
                let (sheets, hidden) = sheet_list(&wb);
                Ok(Workbook {
                    path: path.to_path_buf(),
                    format: Format::Ods,
                    sheets,
                    hidden,
                    inner: Inner::Ods(Box::new(wb)),
                })
            }
        }
    }

    fn open_cfb(path: &Path, bytes: Vec<u8>) -> Result<Workbook> {
        // An OLE compound file: an .xls, or a Word/PowerPoint 97-2003 file with the wrong
        // extension. The stream names are stored in UTF-16 in the directory.
        let is_word = contains(&bytes, &utf16le("WordDocument"));
        let is_book = contains(&bytes, &utf16le("Workbook")) || contains(&bytes, &utf16le("Book"));
        if is_word && !is_book {
            return Err(not_a_sheet(path, "是 Word 文档"));
        }
        if contains(&bytes, &utf16le("PowerPoint Document")) && !is_book {
            return Err(not_a_sheet(path, "是 PowerPoint 演示文稿"));
        }
        if contains(&bytes, &utf16le("EncryptedPackage")) {
            return Err(Error::bad_file(format!(
                "文件“{}”设置了打开密码，无法读取；请在 Excel 或 WPS 中取消密码后另存再导入。",
                file_label(path)
            )));
        }
        if cfb_chains_malformed(&bytes) {
            return Err(if is_book {
                damaged(path)
            } else {
                not_a_sheet(path, "无法识别的 Office 文件")
            });
        }
        let wb = guarded(path, || {
            calamine::Xls::new(Cursor::new(bytes)).map_err(|_| {
                if is_book {
                    damaged(path)
                } else {
                    not_a_sheet(path, "无法识别的 Office 文件")
                }
            })
        })?;
        let (sheets, hidden) = sheet_list(&wb);
        Ok(Workbook {
            path: path.to_path_buf(),
            format: Format::Xls,
            sheets,
            hidden,
            inner: Inner::Xls(Box::new(wb)),
        })
    }

    fn open_csv(path: &Path, bytes: &[u8]) -> Result<Workbook> {
        let text = decode_text(path, bytes)?;
        let sheet = parse_csv(path, &text)?;
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Sheet1".into());
        let mut sheet = sheet;
        sheet.name = name.clone();
        Ok(Workbook {
            path: path.to_path_buf(),
            format: Format::Csv,
            sheets: vec![name],
            hidden: vec![false],
            inner: Inner::Csv(sheet),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// The sheet names in workbook order (a CSV has one, named after the file).
    pub fn sheet_names(&self) -> &[String] {
        &self.sheets
    }

    /// True when the sheet is hidden in Excel (clerks usually mean a visible one).
    pub fn is_hidden(&self, name: &str) -> bool {
        self.sheets
            .iter()
            .position(|s| s == name)
            .and_then(|i| self.hidden.get(i).copied())
            .unwrap_or(false)
    }

    /// Reads one sheet by name.
    pub fn read_sheet(&mut self, name: &str) -> Result<Sheet> {
        if !self.sheets.iter().any(|s| s == name) {
            return Err(Error::not_found(format!(
                "文件“{}”中没有名为“{name}”的工作表。现有工作表：{}。",
                file_label(&self.path),
                self.sheets.join("、")
            )));
        }
        let path = self.path.clone();
        let inner = &mut self.inner;
        let mut sheet = guarded(&path, || -> Result<Sheet> {
            Ok(match inner {
                Inner::Csv(s) => s.clone(),
                Inner::Xlsx(wb, parts) => read_xlsx(&path, wb, parts, name)?,
                Inner::Xls(wb) => {
                    let range = wb.worksheet_range(name).map_err(|_| damaged(&path))?;
                    let mut s = from_range(&path, name, &range)?;
                    s.merges = wb
                        .merge_cells_by_sheet_name(name)
                        .map(|m| m.iter().map(to_merge).collect())
                        .unwrap_or_default();
                    s
                }
                Inner::Ods(wb) => {
                    let range = wb.worksheet_range(name).map_err(|_| damaged(&path))?;
                    from_range(&path, name, &range)?
                }
            })
        })?;
        sheet.name = name.to_string();
        sheet.trim();
        Ok(sheet)
    }

    /// Reads the sheet at a 0-based position.
    pub fn read_sheet_at(&mut self, index: usize) -> Result<Sheet> {
        let name = self.sheets.get(index).cloned().ok_or_else(|| {
            Error::not_found(format!(
                "文件“{}”只有 {} 个工作表。",
                file_label(&self.path),
                self.sheets.len()
            ))
        })?;
        self.read_sheet(&name)
    }
}

/// Opens a file and reads one sheet (by name, or else the first visible one).
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Sheet> {
    let mut wb = Workbook::open(path)?;
    match sheet {
        Some(name) => wb.read_sheet(name),
        None => {
            let first = wb
                .sheet_names()
                .iter()
                .find(|n| !wb.is_hidden(n))
                .or_else(|| wb.sheet_names().first())
                .cloned()
                .ok_or_else(|| {
                    Error::bad_file(format!("文件“{}”里没有工作表。", file_label(path)))
                })?;
            wb.read_sheet(&first)
        }
    }
}

fn sheet_list<R: Reader<Cursor<Vec<u8>>>>(wb: &R) -> (Vec<String>, Vec<bool>) {
    wb.sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible != calamine::SheetVisible::Visible))
        .unzip()
}

fn to_merge(d: &calamine::Dimensions) -> MergedRange {
    MergedRange {
        first_row: d.start.0 + 1,
        first_col: d.start.1 + 1,
        last_row: d.end.0 + 1,
        last_col: d.end.1 + 1,
    }
}

fn too_many_rows(path: &Path, sheet: &str) -> Error {
    Error::bad_file(format!(
        "文件“{}”的工作表“{sheet}”超过 {MAX_ROWS} 行，超出了导入上限；请删除多余的行或把花名册拆成几个文件。",
        file_label(path)
    ))
}

fn too_many_cols(path: &Path, sheet: &str) -> Error {
    Error::bad_file(format!(
        "文件“{}”的工作表“{sheet}”超过 {MAX_COLS} 列，不像一份花名册；请删除右侧多余的列后再导入。",
        file_label(path)
    ))
}

fn convert_data(d: &Data) -> Cell {
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

fn text_cell(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

fn from_range(path: &Path, name: &str, range: &calamine::Range<Data>) -> Result<Sheet> {
    let mut sheet = Sheet {
        name: name.to_string(),
        ..Default::default()
    };
    let Some((r0, c0)) = range.start() else {
        return Ok(sheet);
    };
    let (h, w) = range.get_size();
    if r0 as u64 + h as u64 > MAX_ROWS as u64 {
        return Err(too_many_rows(path, name));
    }
    if c0 as u64 + w as u64 > MAX_COLS as u64 {
        return Err(too_many_cols(path, name));
    }
    for (i, row) in range.rows().enumerate() {
        for (j, d) in row.iter().enumerate() {
            if !matches!(d, Data::Empty) {
                sheet.put(r0 + i as u32, c0 + j as u32, convert_data(d));
            }
        }
    }
    Ok(sheet)
}

/// Reads an .xlsx sheet cell by cell (calamine's dense ranges would allocate rows × columns
/// up front, which a stray value in XFD1048576 turns into gigabytes).
fn read_xlsx(
    path: &Path,
    wb: &mut calamine::Xlsx<Cursor<Vec<u8>>>,
    parts: &XlsxParts,
    name: &str,
) -> Result<Sheet> {
    // The merged ranges are scanned on another core while the cells are read (a second
    // inflate of the sheet's XML: a tenth of the reading time of a large roster).
    let (scanned, cells) = std::thread::scope(|s| {
        let scan = s.spawn(|| {
            std::panic::catch_unwind(|| parts.merges(name))
                .ok()
                .flatten()
        });
        let cells = read_xlsx_cells(path, wb, name);
        (scan.join().ok().flatten(), cells)
    });
    let mut sheet = cells?;
    sheet.merges = match scanned {
        Some(m) => m,
        None => wb
            .merge_cells_by_sheet_name(name)
            .map(|m| m.iter().map(to_merge).collect())
            .unwrap_or_default(),
    };
    Ok(sheet)
}

fn read_xlsx_cells(
    path: &Path,
    wb: &mut calamine::Xlsx<Cursor<Vec<u8>>>,
    name: &str,
) -> Result<Sheet> {
    let mut sheet = Sheet {
        name: name.to_string(),
        ..Default::default()
    };
    let reader = wb.worksheet_cells_reader(name).map_err(|_| damaged(path))?;
    let mut cells = XlsxCells::new(reader, path, name);
    while let Some((r, c, cell)) = cells.next()? {
        sheet.put(r, c, cell);
    }
    Ok(sheet)
}

/// The non-empty cells of an .xlsx sheet, within the limits: at most [`MAX_ROWS`] rows
/// holding a value, none below Excel's last row, at most [`MAX_COLS`] columns.
struct XlsxCells<'a, 'r> {
    reader: calamine::XlsxCellReader<'r, Cursor<Vec<u8>>>,
    path: &'a Path,
    name: &'a str,
    /// The row of the last cell handed out, and how many rows have held a value so far
    /// (a row listed twice, out of order, counts twice: no writer we know does that).
    last_row: Option<u32>,
    rows: u32,
}

impl<'a, 'r> XlsxCells<'a, 'r> {
    fn new(
        reader: calamine::XlsxCellReader<'r, Cursor<Vec<u8>>>,
        path: &'a Path,
        name: &'a str,
    ) -> Self {
        XlsxCells {
            reader,
            path,
            name,
            last_row: None,
            rows: 0,
        }
    }

    /// The next non-empty cell, 0-based row and column.
    fn next(&mut self) -> Result<Option<(u32, u32, Cell)>> {
        loop {
            let Some(cell) = self.reader.next_cell().map_err(|_| damaged(self.path))? else {
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

/// One row of a sheet as it is read: its Excel row number and its cells from column A.
pub(crate) type RowCells = (u32, Vec<Cell>);

/// Rows handed over at a time while a sheet is streamed.
const STREAM_BATCH_ROWS: usize = 256;

/// How a streamed read ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StreamEnd {
    /// Every row was handed over.
    Done,
    /// The receiver asked to stop.
    Stopped,
    /// The sheet lists a row after a row below it (no writer we know does this): the caller
    /// reads the file the ordinary way instead.
    OutOfOrder,
}

/// An .xlsx sheet to be read row by row while the rows already read are being used (the
/// roster import analyses and writes while the file is still being inflated and parsed).
/// The cells come from calamine's cell reader on one thread; the merged ranges from the
/// scan of the sheet's XML on another.
pub(crate) struct XlsxRows<'w> {
    path: &'w Path,
    name: String,
    xlsx: &'w mut calamine::Xlsx<Cursor<Vec<u8>>>,
}

/// The merged ranges of a streamed sheet.
pub(crate) struct XlsxMerges<'w> {
    parts: &'w XlsxParts,
    name: String,
}

impl Workbook {
    /// An .xlsx sheet split for streaming: its rows and its merged ranges. None for the other
    /// formats, for an unknown sheet, and for workbooks whose sheet XML cannot be located.
    pub(crate) fn xlsx_stream(&mut self, name: &str) -> Option<(XlsxRows<'_>, XlsxMerges<'_>)> {
        let path = self.path.as_path();
        match &mut self.inner {
            Inner::Xlsx(wb, parts) if parts.paths.contains_key(name) => Some((
                XlsxRows {
                    path,
                    name: name.to_string(),
                    xlsx: wb,
                },
                XlsxMerges {
                    parts,
                    name: name.to_string(),
                },
            )),
            _ => None,
        }
    }
}

impl XlsxRows<'_> {
    /// Reads the sheet and hands `sink` its non-empty rows in order, in batches, with
    /// trailing empty cells dropped (the rows [`Workbook::read_sheet`] would hold). `hint`
    /// gets the sheet's declared height first. Stops when `sink` returns false. The errors
    /// are those of [`Workbook::read_sheet`]: damaged, too many rows or columns.
    pub(crate) fn run(
        self,
        hint: &std::sync::atomic::AtomicU32,
        mut sink: impl FnMut(Vec<RowCells>) -> bool,
    ) -> Result<StreamEnd> {
        let XlsxRows { path, name, xlsx } = self;
        guarded(path, move || {
            let reader = xlsx
                .worksheet_cells_reader(&name)
                .map_err(|_| damaged(path))?;
            let dims = reader.dimensions();
            let mut reader = XlsxCells::new(reader, path, &name);
            hint.store(
                dims.end.0.saturating_add(1).min(MAX_ROWS),
                std::sync::atomic::Ordering::Relaxed,
            );
            let mut batch: Vec<RowCells> = Vec::with_capacity(STREAM_BATCH_ROWS);
            let mut row: Option<u32> = None;
            let mut cells: Vec<Cell> = Vec::new();
            // Hands over the row being built; false when the sink stopped.
            let mut finish = |row: u32, cells: &mut Vec<Cell>, batch: &mut Vec<RowCells>| {
                while cells.last().is_some_and(|c| matches!(c, Cell::Empty)) {
                    cells.pop();
                }
                if !cells.is_empty() {
                    let width = cells.len();
                    batch.push((row + 1, std::mem::replace(cells, Vec::with_capacity(width))));
                }
                batch.len() < STREAM_BATCH_ROWS || sink(std::mem::take(batch))
            };
            while let Some((r, c, cell)) = reader.next()? {
                match row {
                    Some(cur) if cur == r => {}
                    Some(cur) if r < cur => return Ok(StreamEnd::OutOfOrder),
                    Some(cur) => {
                        if !finish(cur, &mut cells, &mut batch) {
                            return Ok(StreamEnd::Stopped);
                        }
                        row = Some(r);
                    }
                    None => row = Some(r),
                }
                let c = c as usize;
                if cells.len() <= c {
                    cells.resize(c + 1, Cell::Empty);
                }
                cells[c] = cell;
            }
            if let Some(cur) = row {
                if !finish(cur, &mut cells, &mut batch) {
                    return Ok(StreamEnd::Stopped);
                }
            }
            if !batch.is_empty() && !sink(batch) {
                return Ok(StreamEnd::Stopped);
            }
            Ok(StreamEnd::Done)
        })
    }
}

impl XlsxMerges<'_> {
    /// The merged ranges; None when the sheet's XML cannot be scanned.
    pub(crate) fn scan(&self) -> Option<Vec<MergedRange>> {
        std::panic::catch_unwind(|| self.parts.merges(&self.name))
            .ok()
            .flatten()
    }
}

impl Sheet {
    /// An empty sheet with its merged ranges, to be filled by [`Sheet::push_rows`].
    pub(crate) fn streamed(name: String, merges: Vec<MergedRange>) -> Sheet {
        Sheet {
            name,
            rows: Vec::new(),
            merges,
        }
    }

    /// Appends rows read in order (from [`XlsxRows::run`]); the rows between are empty.
    pub(crate) fn push_rows(&mut self, rows: Vec<RowCells>) {
        for (row, cells) in rows {
            let before = row.saturating_sub(1) as usize;
            if self.rows.len() < before {
                self.rows.resize_with(before, Vec::new);
            }
            if self.rows.len() == before {
                self.rows.push(cells);
            }
        }
    }
}

/// What calamine does not expose cheaply: the path of each sheet's XML, to read its merged
/// ranges by scanning for `<mergeCells>` (calamine parses the whole sheet XML a second time
/// to find them, which doubles the reading time of a large roster).
struct XlsxParts {
    bytes: Vec<u8>,
    /// Sheet name -> zip entry (xl/worksheets/sheet1.xml).
    paths: std::collections::HashMap<String, String>,
}

impl XlsxParts {
    fn new(bytes: Vec<u8>) -> XlsxParts {
        let paths = Self::sheet_paths(&bytes).unwrap_or_default();
        XlsxParts { bytes, paths }
    }

    fn entry(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
        let mut f = zip.by_name(name).ok()?;
        let mut out = Vec::with_capacity(f.size().min(MAX_UNCOMPRESSED_BYTES) as usize);
        f.read_to_end(&mut out).ok()?;
        Some(out)
    }

    fn sheet_paths(bytes: &[u8]) -> Option<std::collections::HashMap<String, String>> {
        use quick_xml::events::Event;
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
        let rels = Self::entry(&mut zip, "xl/_rels/workbook.xml.rels")?;
        let book = Self::entry(&mut zip, "xl/workbook.xml")?;
        let attrs = |e: &quick_xml::events::BytesStart| -> Vec<(String, String)> {
            e.attributes()
                .filter_map(|a| a.ok())
                .filter_map(|a| {
                    let key = a.key.local_name().into_inner().to_string();
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .ok()
                        .map(|v| (key, v.into_owned()))
                })
                .collect()
        };
        let get = |v: &[(String, String)], k: &str| {
            v.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone())
        };
        let mut targets = std::collections::HashMap::new();
        let mut r = quick_xml::Reader::from_reader(rels.as_slice());
        let mut buf = Vec::new();
        loop {
            match r.read_event_into(&mut buf).ok()? {
                Event::Start(e) | Event::Empty(e)
                    if e.local_name().into_inner() == "Relationship" =>
                {
                    let a = attrs(&e);
                    if let (Some(id), Some(target)) = (get(&a, "Id"), get(&a, "Target")) {
                        let full = match target.strip_prefix('/') {
                            Some(abs) => abs.to_string(),
                            None => format!("xl/{target}"),
                        };
                        targets.insert(id, full);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        let mut paths = std::collections::HashMap::new();
        let mut r = quick_xml::Reader::from_reader(book.as_slice());
        loop {
            match r.read_event_into(&mut buf).ok()? {
                Event::Start(e) | Event::Empty(e) if e.local_name().into_inner() == "sheet" => {
                    let a = attrs(&e);
                    if let (Some(name), Some(id)) = (get(&a, "name"), get(&a, "id")) {
                        if let Some(t) = targets.get(&id) {
                            paths.insert(name, t.clone());
                        }
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        Some(paths)
    }

    /// The merged ranges of a sheet; None when the sheet's XML cannot be located.
    fn merges(&self, sheet: &str) -> Option<Vec<MergedRange>> {
        let path = self.paths.get(sheet)?;
        let mut zip = zip::ZipArchive::new(Cursor::new(self.bytes.as_slice())).ok()?;
        let xml = Self::entry(&mut zip, path)?;
        Some(scan_merges(&xml))
    }
}

/// The `<mergeCell ref="A1:C1"/>` ranges in a worksheet's XML (with or without a namespace
/// prefix), found by scanning for the `<mergeCells>` section after the cell data.
fn scan_merges(xml: &[u8]) -> Vec<MergedRange> {
    let mut out = Vec::new();
    let finder = memchr::memmem::Finder::new(b"mergeCells");
    let mut start = None;
    for pos in finder.find_iter(xml) {
        // The opening tag: "<mergeCells" or "<x:mergeCells", not "</mergeCells".
        let before = &xml[..pos];
        let tag_start = before.iter().rposition(|&b| b == b'<');
        if let Some(t) = tag_start {
            let name = &xml[t + 1..pos];
            if !name.starts_with(b"/")
                && name.iter().all(|b| b.is_ascii_alphanumeric() || *b == b':')
            {
                start = Some(pos);
                break;
            }
        }
    }
    let Some(start) = start else { return out };
    let end = memchr::memmem::find(&xml[start + 10..], b"mergeCells>")
        .map(|e| start + 10 + e)
        .unwrap_or(xml.len());
    let section = &xml[start..end];
    for pos in memchr::memmem::find_iter(section, b"ref=\"") {
        let rest = &section[pos + 5..];
        let Some(q) = memchr::memchr(b'"', rest) else {
            break;
        };
        let Ok(text) = std::str::from_utf8(&rest[..q]) else {
            continue;
        };
        let mut ends = text.split(':');
        let first = ends.next().and_then(parse_a1);
        let last = ends.next().and_then(parse_a1).or(first);
        if let (Some((r1, c1)), Some((r2, c2))) = (first, last) {
            out.push(MergedRange {
                first_row: r1.min(r2),
                first_col: c1.min(c2),
                last_row: r1.max(r2),
                last_col: c1.max(c2),
            });
        }
    }
    out
}

/// "C7" (or "$C$7") -> (7, 3).
fn parse_a1(s: &str) -> Option<(u32, u32)> {
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

/// True when an OLE compound file's allocation table (FAT) cannot be a real one: a sector
/// chain that links back onto itself, or more FAT sectors than the file has sectors.
/// calamine 0.38 follows a looping chain without end, growing one buffer until memory runs
/// out (found by fuzzing: a 13 KB .xls asked for 2 GB), and takes every listed FAT sector
/// at its word. The FAT is rebuilt here as calamine builds it and checked first.
fn cfb_chains_malformed(bytes: &[u8]) -> bool {
    const RESERVED: u32 = 0xFFFF_FFFA;
    const DIFSECT: u32 = 0xFFFF_FFFC;
    let words = |b: &[u8]| -> Vec<u32> {
        b.chunks_exact(4)
            .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
            .collect()
    };
    if bytes.len() < 512 {
        return false;
    }
    let size: usize = match (bytes[30], bytes[31]) {
        (9, 0) => 512,
        (12, 0) => 4096,
        _ => return false,
    };
    // Sector `id` follows the header, which takes one sector.
    let sector = |id: u32| -> &[u8] {
        let start = (id as usize).saturating_add(1).saturating_mul(size);
        match bytes.get(start..) {
            Some(rest) => &rest[..rest.len().min(size)],
            None => &[],
        }
    };
    let max_id = bytes.len() / size;
    let mut difat = words(&bytes[76..512]);
    let mut id = u32::from_le_bytes([bytes[68], bytes[69], bytes[70], bytes[71]]);
    let mut steps = 0;
    while id < RESERVED {
        steps += 1;
        if steps > max_id + 1 {
            return true;
        }
        difat.extend(words(sector(id)));
        match difat.pop() {
            Some(next) => id = next,
            None => return true,
        }
    }
    let fat_sectors: Vec<u32> = difat.into_iter().filter(|id| *id < DIFSECT).collect();
    if fat_sectors.len() > max_id + 1 {
        return true;
    }
    let fat: Vec<u32> = fat_sectors
        .iter()
        .flat_map(|id| words(sector(*id)))
        .collect();
    // Every chain ends at a special value or outside the table, never on itself.
    let n = fat.len();
    let mut state = vec![0u8; n]; // 0 unseen, 1 on the path being followed, 2 ends well
    let mut path = Vec::new();
    for start in 0..n {
        let mut at = start;
        while at < n && state[at] == 0 {
            state[at] = 1;
            path.push(at);
            at = fat[at] as usize;
        }
        if at < n && state[at] == 1 {
            return true;
        }
        for p in path.drain(..) {
            state[p] = 2;
        }
    }
    false
}

enum ZipKind {
    Xlsx,
    Ods,
}

/// Checks a zip-based file before calamine reads it: that it is a spreadsheet (not a
/// renamed .docx/.pptx), that it is complete, and that its entries do not inflate beyond
/// [`MAX_UNCOMPRESSED_BYTES`] in all. The sizes checked are the ones in the zip directory;
/// a directory that lies does not get past them either, because the `zip` crate (which
/// calamine reads through) fails an entry as soon as it inflates beyond its declared size.
fn check_zip(path: &Path, bytes: &[u8]) -> Result<ZipKind> {
    check_zip_within(path, bytes, MAX_UNCOMPRESSED_BYTES)
}

fn check_zip_within(path: &Path, bytes: &[u8], limit: u64) -> Result<ZipKind> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| damaged(path))?;
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok())
        .map(|n| n.into_owned())
        .collect();
    let has = |n: &str| names.iter().any(|x| x == n);
    let kind = if has("xl/workbook.xml") || has("xl/workbook.bin") {
        if has("xl/workbook.bin") && !has("xl/workbook.xml") {
            return Err(Error::bad_file(format!(
                "文件“{}”是 Excel 二进制工作簿（.xlsb），请在 Excel 或 WPS 中另存为 .xlsx 后再导入。",
                file_label(path)
            )));
        }
        ZipKind::Xlsx
    } else if has("content.xml") && has("mimetype") {
        let mut mime = String::new();
        if let Ok(mut f) = zip.by_name("mimetype") {
            let _ = f.by_ref().take(200).read_to_string(&mut mime);
        }
        if mime.contains("opendocument.spreadsheet") {
            ZipKind::Ods
        } else if mime.contains("opendocument.text") {
            return Err(not_a_sheet(path, "是 OpenDocument 文字文档"));
        } else {
            return Err(not_a_sheet(path, "是其他 OpenDocument 文件"));
        }
    } else if has("word/document.xml") {
        return Err(not_a_sheet(path, "是 Word 文档"));
    } else if names.iter().any(|n| n.starts_with("ppt/")) {
        return Err(not_a_sheet(path, "是 PowerPoint 演示文稿"));
    } else if has("EncryptedPackage") {
        return Err(Error::bad_file(format!(
            "文件“{}”设置了打开密码，无法读取；请在 Excel 或 WPS 中取消密码后另存再导入。",
            file_label(path)
        )));
    } else {
        return Err(not_a_sheet(path, "是一个压缩包"));
    };
    let bomb = || {
        Error::bad_file(format!(
            "文件“{}”解压后超过 {} MB，不像一份花名册（文件可能已损坏），没有读取。",
            file_label(path),
            limit / 1024 / 1024
        ))
    };
    let mut declared: u64 = 0;
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(|_| damaged(path))?;
        declared = declared.saturating_add(f.size());
    }
    if declared > limit {
        return Err(bomb());
    }
    Ok(kind)
}

/// Decodes a text file: UTF-16 with a BOM; strict UTF-8 (BOM or not); else GB18030, the
/// superset of the GBK that Chinese Excel and WPS write by default.
fn decode_text(path: &Path, bytes: &[u8]) -> Result<String> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let (s, had_errors) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        if !had_errors {
            return Ok(s.into_owned());
        }
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let (s, had_errors) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        if !had_errors {
            return Ok(s.into_owned());
        }
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(body) {
        return Ok(s.to_string());
    }
    if let Some(s) = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)
    {
        return Ok(s.into_owned());
    }
    Err(Error::bad_file(format!(
        "文件“{}”的文字编码无法识别（既不是 UTF-8 也不是 GBK），请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。",
        file_label(path)
    )))
}

/// Guesses the separator from the first lines: comma, tab or semicolon.
fn sniff_delimiter(text: &str) -> u8 {
    let sample: Vec<&str> = text.lines().take(20).collect();
    let count = |ch: char| -> usize {
        sample
            .iter()
            .map(|l| l.chars().filter(|c| *c == ch).count())
            .sum()
    };
    let (comma, tab, semi) = (count(','), count('\t'), count(';'));
    if tab > comma && tab >= semi {
        b'\t'
    } else if semi > comma && semi > tab {
        b';'
    } else {
        b','
    }
}

fn parse_csv(path: &Path, text: &str) -> Result<Sheet> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(text))
        .from_reader(text.as_bytes());
    let mut sheet = Sheet::default();
    let name = file_label(path);
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|_| damaged(path))?;
        if i as u64 >= MAX_ROWS as u64 {
            return Err(too_many_rows(path, &name));
        }
        if rec.len() as u64 > MAX_COLS as u64 {
            return Err(too_many_cols(path, &name));
        }
        let mut row: Vec<Cell> = rec.iter().map(text_cell).collect();
        while row.last().is_some_and(|c| matches!(c, Cell::Empty)) {
            row.pop();
        }
        sheet.rows.push(row);
    }
    Ok(sheet)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

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

    #[test]
    fn csv_utf8_bom_and_gbk() {
        let dir = tempfile::tempdir().unwrap();
        let body = "户主姓名,电话\n张三,13800138000\n";
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(body.as_bytes());
        let (gbk, _, _) = encoding_rs::GBK.encode(body);
        for (name, bytes) in [
            ("plain.csv", body.as_bytes().to_vec()),
            ("bom.csv", bom),
            ("gbk.csv", gbk.into_owned()),
        ] {
            let p = write(dir.path(), name, &bytes);
            let s = read(&p, None).unwrap();
            assert_eq!(s.cell(1, 1), &Cell::Text("户主姓名".into()), "{name}");
            assert_eq!(s.cell(2, 1), &Cell::Text("张三".into()), "{name}");
            assert_eq!(s.cell(2, 2).text(), "13800138000");
            assert_eq!(s.height(), 2);
            assert_eq!(s.width(), 2);
        }
    }

    #[test]
    fn csv_tabs_and_quoted_line_breaks_keep_excel_row_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "t.txt",
            "姓名\t地址\n\"李\n四\"\t一组\n王五\t二组\n".as_bytes(),
        );
        let s = read(&p, None).unwrap();
        assert_eq!(s.cell(2, 1).text(), "李\n四");
        assert_eq!(s.cell(3, 1).text(), "王五");
        assert_eq!(s.cell(3, 2).text(), "二组");
    }

    #[test]
    fn clerk_friendly_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        // Unsupported extension.
        let p = write(dir.path(), "花名册.docx", b"whatever");
        let e = Workbook::open(&p).unwrap_err();
        assert!(e.message.contains("花名册.docx"), "{}", e.message);
        // A Word document renamed .xlsx (a zip with word/document.xml).
        let mut buf = Vec::new();
        {
            let mut w = zip::ZipWriter::new(Cursor::new(&mut buf));
            let opts = zip::write::SimpleFileOptions::default();
            w.start_file("[Content_Types].xml", opts).unwrap();
            w.write_all(b"<Types/>").unwrap();
            w.start_file("word/document.xml", opts).unwrap();
            w.write_all(b"<w:document/>").unwrap();
            w.finish().unwrap();
        }
        let p = write(dir.path(), "roster.xlsx", &buf);
        let e = Workbook::open(&p).unwrap_err();
        assert_eq!(e.code, crate::ErrorCode::BadFile);
        assert!(
            e.message.contains("roster.xlsx") && e.message.contains("Word"),
            "{}",
            e.message
        );
        // Truncated zip.
        let p = write(dir.path(), "cut.xlsx", &buf[..buf.len() / 2]);
        let e = Workbook::open(&p).unwrap_err();
        assert!(
            e.message.contains("cut.xlsx") && e.message.contains("损坏"),
            "{}",
            e.message
        );
        // A web page saved as .xls.
        let p = write(
            dir.path(),
            "web.xls",
            b"<html><table><tr><td>1</td></tr></table></html>",
        );
        let e = Workbook::open(&p).unwrap_err();
        assert!(e.message.contains("网页"), "{}", e.message);
        // Empty file.
        let p = write(dir.path(), "empty.csv", b"");
        assert!(Workbook::open(&p).unwrap_err().message.contains("空的"));
        // Binary junk.
        let p = write(dir.path(), "junk.xls", &[0u8, 1, 2, 3, 0, 0, 7, 8]);
        assert_eq!(
            Workbook::open(&p).unwrap_err().code,
            crate::ErrorCode::BadFile
        );
        // Missing file.
        let e = Workbook::open(&dir.path().join("nope.xlsx")).unwrap_err();
        assert_eq!(e.code, crate::ErrorCode::Io);
    }

    #[test]
    fn zip_bomb_is_refused_before_calamine() {
        let dir = tempfile::tempdir().unwrap();
        let mut buf = Vec::new();
        {
            let mut w = zip::ZipWriter::new(Cursor::new(&mut buf));
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(true);
            w.start_file("xl/workbook.xml", opts).unwrap();
            w.write_all(b"<workbook/>").unwrap();
            w.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
            let zeros = vec![b' '; 1024 * 1024];
            for _ in 0..3 {
                w.write_all(&zeros).unwrap();
            }
            w.finish().unwrap();
        }
        assert!(buf.len() < 50 * 1024);
        let p = write(dir.path(), "bomb.xlsx", &buf);
        // 3 MB inflated against a 2 MB limit (the real limit is the same code path).
        let e = check_zip_within(&p, &buf, 2 * 1024 * 1024).err().unwrap();
        assert!(
            e.message.contains("解压后超过") && e.message.contains("bomb.xlsx"),
            "{}",
            e.message
        );
        assert!(check_zip_within(&p, &buf, 4 * 1024 * 1024).is_ok());
        // A lying directory (declared sizes small) passes the check, but the zip crate
        // that calamine reads through stops the entry at its declared size: patch the
        // central directory's uncompressed size of the big entry to 1 byte.
        let mut lying = buf.clone();
        let cd = lying.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
        lying[cd + 24..cd + 28].copy_from_slice(&1u32.to_le_bytes());
        assert!(check_zip_within(&p, &lying, 2 * 1024 * 1024).is_ok());
        let mut z = zip::ZipArchive::new(Cursor::new(&lying)).unwrap();
        let mut entry = z.by_name("xl/worksheets/sheet1.xml").unwrap();
        let mut out = Vec::new();
        assert!(entry.read_to_end(&mut out).is_err());
        assert!(out.len() <= 64 * 1024, "inflated {} bytes", out.len());
    }

    /// The merged ranges found by scanning the sheet XML are calamine's, for every .xlsx
    /// fixture and sheet (openpyxl and rust_xlsxwriter write them differently).
    #[test]
    fn scanned_merges_match_calamine() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let mut files = Vec::new();
        for sub in std::fs::read_dir(&dir).unwrap() {
            let sub = sub.unwrap().path();
            if let Ok(rd) = std::fs::read_dir(&sub) {
                for f in rd {
                    let f = f.unwrap().path();
                    if f.extension().is_some_and(|e| e == "xlsx") {
                        files.push(f);
                    }
                }
            }
        }
        let mut compared = 0;
        let mut with_merges = 0;
        for f in files {
            let bytes = std::fs::read(&f).unwrap();
            let Ok(mut wb) = calamine::Xlsx::new(Cursor::new(bytes.clone())) else {
                continue;
            };
            let parts = XlsxParts::new(bytes);
            for name in wb.sheet_names() {
                let Ok(theirs) = wb.merge_cells_by_sheet_name(&name) else {
                    continue;
                };
                let mut theirs: Vec<MergedRange> = theirs.iter().map(to_merge).collect();
                let mut ours = parts.merges(&name).unwrap();
                let key = |m: &MergedRange| (m.first_row, m.first_col, m.last_row, m.last_col);
                theirs.sort_by_key(key);
                ours.sort_by_key(key);
                assert_eq!(ours, theirs, "{} / {name}", f.display());
                compared += 1;
                with_merges += usize::from(!ours.is_empty());
            }
        }
        assert!(
            compared >= 10 && with_merges >= 3,
            "{compared} {with_merges}"
        );
        assert_eq!(parse_a1("$AA$10"), Some((10, 27)));
        assert_eq!(parse_a1("A0"), None);
    }

    #[test]
    fn xlsx_written_by_rust_xlsxwriter_keeps_excel_positions_and_merges() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("pos.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("花名册").unwrap();
        // Nothing in row 1-2 or column A: the used range starts at B3.
        ws.merge_range(3, 1, 3, 4, "某村花名册", &rust_xlsxwriter::Format::new())
            .unwrap();
        ws.write_string(5, 1, "户主姓名").unwrap();
        ws.write_number(5, 2, 13800138000.0).unwrap();
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 12, 23).unwrap();
        let fmt = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        ws.write_datetime_with_format(6, 3, &date, &fmt).unwrap();
        ws.write_boolean(7, 1, true).unwrap();
        let ws2 = wb.add_worksheet();
        ws2.set_name("说明").unwrap();
        wb.save(&p).unwrap();

        let mut book = Workbook::open(&p).unwrap();
        assert_eq!(book.format(), Format::Xlsx);
        assert_eq!(
            book.sheet_names(),
            &["花名册".to_string(), "说明".to_string()]
        );
        let s = book.read_sheet("花名册").unwrap();
        assert_eq!(s.cell(4, 2).text(), "某村花名册"); // B4
        assert_eq!(s.cell(6, 2), &Cell::Text("户主姓名".into())); // B6
        assert_eq!(s.cell(6, 3), &Cell::Number(13800138000.0));
        assert_eq!(
            s.cell(7, 4),
            &Cell::Date(NaiveDate::from_ymd_opt(2024, 12, 23).unwrap())
        );
        assert_eq!(s.cell(8, 2), &Cell::Bool(true));
        assert_eq!(s.height(), 8);
        assert_eq!(
            s.merges,
            vec![MergedRange {
                first_row: 4,
                first_col: 2,
                last_row: 4,
                last_col: 5
            }]
        );
        assert_eq!(s.shown(4, 5).text(), "某村花名册");
        assert!(s.cell(4, 5).is_blank());
        let e = book.read_sheet("Sheet9").unwrap_err();
        assert!(e.message.contains("花名册、说明"), "{}", e.message);
    }
}
