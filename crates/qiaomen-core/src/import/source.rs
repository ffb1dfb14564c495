//! Reading a roster file and choosing the sheet to import: the named one, else the visible
//! sheet whose header names the most fields (every sheet listed with its score).

use super::fields::detect_header;
use super::report::{ImportReport, SheetInfo};
use crate::error::{Error, Result};
use crate::sheet::{self, Format, Sheet, Workbook};
use std::path::{Path, PathBuf};

/// A spreadsheet read into memory with its chosen sheet: reading happens once, before
/// the database is touched.
#[derive(Debug)]
pub struct Source {
    /// The file read (as given by the caller).
    pub path: PathBuf,
    /// The file's type as detected from its content.
    pub format: Format,
    /// Every sheet of the workbook in tab order; `score` is filled in for the sheets read.
    pub sheets: Vec<SheetInfo>,
    /// The sheet to import, read into memory.
    pub sheet: Sheet,
}

impl Source {
    /// Reads the file and the sheet to import (the named one, else the best-looking one).
    pub fn load(path: &Path, sheet: Option<&str>) -> Result<Source> {
        Source::from_workbook(Workbook::open(path)?, sheet)
    }

    /// Reads the sheet to import from an opened workbook (as [`Source::load`]).
    pub fn from_workbook(mut wb: Workbook, sheet: Option<&str>) -> Result<Source> {
        let path = wb.path().to_path_buf();
        let path = path.as_path();
        let names: Vec<String> = wb.sheet_names().to_vec();
        let mut infos: Vec<SheetInfo> = names
            .iter()
            .map(|n| SheetInfo {
                name: n.clone(),
                hidden: wb.is_hidden(n),
                score: None,
            })
            .collect();
        if names.is_empty() {
            return Err(Error::bad_file(format!(
                "文件“{}”里没有工作表。",
                sheet::file_label(path)
            )));
        }
        let chosen = match sheet {
            Some(name) => {
                let s = wb.read_sheet(name)?;
                if let Some(i) = infos.iter_mut().find(|i| i.name == name) {
                    i.score = Some(detect_header(&s).map(|h| h.score() as u32).unwrap_or(0));
                }
                s
            }
            None => {
                let mut best: Option<(u32, Sheet)> = None;
                for (i, name) in names.iter().enumerate() {
                    if infos[i].hidden && names.len() > 1 {
                        continue;
                    }
                    let s = wb.read_sheet(name)?;
                    let score = detect_header(&s).map(|h| h.score() as u32).unwrap_or(0);
                    infos[i].score = Some(score);
                    if best.as_ref().is_none_or(|(b, _)| score > *b) {
                        best = Some((score, s));
                    }
                }
                match best {
                    Some((_, s)) => s,
                    None => wb.read_sheet_at(0)?,
                }
            }
        };
        Ok(Source {
            path: path.to_path_buf(),
            format: wb.format(),
            sheets: infos,
            sheet: chosen,
        })
    }

    /// The file's name as the clerk knows it.
    pub fn file_label(&self) -> String {
        sheet::file_label(&self.path)
    }
}

/// An empty report for the file and sheet of `src`.
pub(crate) fn base_report(src: &Source) -> ImportReport {
    ImportReport {
        file: src.file_label(),
        sheet: src.sheet.name.clone(),
        ..Default::default()
    }
}
