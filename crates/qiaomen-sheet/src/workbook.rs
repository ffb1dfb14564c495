//! An opened spreadsheet file: its format, its sheets, and reading them.

use crate::cell::Format;
use crate::detect::{self, Content, ZipKind};
use crate::error::{file_label, io, Error, ErrorKind, Result};
use crate::guard::guarded;
use crate::limits::{check_file_size, check_zip};
use crate::ods::{self, OdsBook};
use crate::sheet::Sheet;
use crate::xls::{self, XlsBook};
use crate::xlsx::stream::{XlsxMerges, XlsxRows};
use crate::xlsx::{self, XlsxBook, XlsxParts};
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// The reader behind a workbook.
enum Inner {
    Xlsx(Box<XlsxBook>, Box<XlsxParts>),
    Xls(Box<XlsBook>),
    Ods(Box<OdsBook>),
    /// A text file is read whole when it is opened: its one sheet.
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

impl Workbook {
    /// Opens a spreadsheet file. The format is decided by the file's content (a .xls that
    /// is really an .xlsx is read as .xlsx); the extension only has to be a supported one.
    pub fn open(path: &Path) -> Result<Workbook> {
        let ext = detect::extension(path)?;
        let meta = std::fs::metadata(path).map_err(|e| io(path, e))?;
        if meta.is_dir() {
            return Err(Error::new(
                ErrorKind::Unsupported,
                format!("“{}”是一个文件夹，请选择其中的表格文件。", file_label(path)),
            ));
        }
        check_file_size(path, meta.len())?;
        let bytes = std::fs::read(path).map_err(|e| io(path, e))?;
        Self::from_bytes(path, bytes, &ext)
    }

    fn from_bytes(path: &Path, bytes: Vec<u8>, ext: &str) -> Result<Workbook> {
        let inner = match detect::sniff(path, &bytes, ext)? {
            Content::Zip => match check_zip(path, &bytes)? {
                ZipKind::Xlsx => {
                    let (wb, parts) = xlsx::open(path, bytes)?;
                    Inner::Xlsx(Box::new(wb), Box::new(parts))
                }
                ZipKind::Ods => Inner::Ods(Box::new(ods::open(path, bytes)?)),
            },
            Content::Cfb => Inner::Xls(Box::new(xls::open(path, bytes)?)),
            Content::Text => Inner::Csv(crate::text::read(path, &bytes)?),
        };
        let (format, (sheets, hidden)) = match &inner {
            Inner::Xlsx(wb, _) => (Format::Xlsx, sheet_list(wb.as_ref())),
            Inner::Xls(wb) => (Format::Xls, sheet_list(wb.as_ref())),
            Inner::Ods(wb) => (Format::Ods, sheet_list(wb.as_ref())),
            Inner::Csv(sheet) => (Format::Csv, (vec![sheet.name.clone()], vec![false])),
        };
        Ok(Workbook {
            path: path.to_path_buf(),
            format,
            sheets,
            hidden,
            inner,
        })
    }

    /// The file's path as it was opened.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's format, as decided by its content.
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
            return Err(Error::new(
                ErrorKind::NoSuchSheet,
                format!(
                    "文件“{}”中没有名为“{name}”的工作表。现有工作表：{}。",
                    file_label(&self.path),
                    self.sheets.join("、")
                ),
            ));
        }
        let path = self.path.as_path();
        let inner = &mut self.inner;
        let mut sheet = guarded(path, || match inner {
            Inner::Csv(s) => Ok(s.clone()),
            Inner::Xlsx(wb, parts) => xlsx::read(path, wb, parts, name),
            Inner::Xls(wb) => xls::read(path, wb, name),
            Inner::Ods(wb) => ods::read(path, wb, name),
        })?;
        sheet.name = name.to_string();
        sheet.trim();
        Ok(sheet)
    }

    /// Reads the sheet at a 0-based position.
    pub fn read_sheet_at(&mut self, index: usize) -> Result<Sheet> {
        let name = self.sheets.get(index).cloned().ok_or_else(|| {
            Error::new(
                ErrorKind::NoSuchSheet,
                format!(
                    "文件“{}”只有 {} 个工作表。",
                    file_label(&self.path),
                    self.sheets.len()
                ),
            )
        })?;
        self.read_sheet(&name)
    }

    /// An .xlsx sheet split for streaming: its rows and its merged ranges. None for the other
    /// formats, for an unknown sheet, and for workbooks whose sheet XML cannot be located.
    pub fn xlsx_stream(&mut self, name: &str) -> Option<(XlsxRows<'_>, XlsxMerges<'_>)> {
        let path = self.path.as_path();
        match &mut self.inner {
            Inner::Xlsx(wb, parts) if parts.has_sheet(name) => Some((
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

/// The worksheets (not chart sheets) and whether each is hidden.
fn sheet_list<R: calamine::Reader<Cursor<Vec<u8>>>>(wb: &R) -> (Vec<String>, Vec<bool>) {
    wb.sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible != calamine::SheetVisible::Visible))
        .unzip()
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
                    Error::new(
                        ErrorKind::Empty,
                        format!("文件“{}”里没有工作表。", file_label(path)),
                    )
                })?;
            wb.read_sheet(&first)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cell, MergedRange};
    use chrono::NaiveDate;
    use std::io::Write;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    /// Each refusal has its kind (the messages are checked through qiaomen-core, which
    /// turns them into its error codes).
    #[test]
    fn refusals_have_their_kind() {
        let dir = tempfile::tempdir().unwrap();
        let kind = |name: &str, bytes: &[u8]| {
            let p = write(dir.path(), name, bytes);
            Workbook::open(&p).unwrap_err().kind
        };
        assert_eq!(kind("花名册.docx", b"whatever"), ErrorKind::Unsupported);
        let mut buf = Vec::new();
        {
            let mut w = zip::ZipWriter::new(Cursor::new(&mut buf));
            let opts = zip::write::SimpleFileOptions::default();
            w.start_file("word/document.xml", opts).unwrap();
            w.write_all(b"<w:document/>").unwrap();
            w.finish().unwrap();
        }
        assert_eq!(kind("roster.xlsx", &buf), ErrorKind::NotASpreadsheet);
        assert_eq!(kind("cut.xlsx", &buf[..buf.len() / 2]), ErrorKind::Damaged);
        assert_eq!(kind("empty.csv", b""), ErrorKind::Empty);
        assert_eq!(
            kind("gb.csv", &[0xFF, 0x30, 0x81, 0x20]),
            ErrorKind::Encoding
        );
        let e = Workbook::open(&dir.path().join("nope.xlsx")).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Io);
        assert!(std::error::Error::source(&e).is_some());
        let mut wb = Workbook::open(&write(dir.path(), "a.csv", b"x,y\n")).unwrap();
        assert_eq!(wb.read_sheet("b").unwrap_err().kind, ErrorKind::NoSuchSheet);
        assert_eq!(
            wb.read_sheet_at(1).unwrap_err().kind,
            ErrorKind::NoSuchSheet
        );
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
