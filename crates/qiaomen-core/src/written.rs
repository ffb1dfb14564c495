//! One answer for every method that writes a file the clerk chose (a PDF, a spreadsheet,
//! a Word document, a zip): where it went, how big it is, and what the clerk should be told.

#[cfg(feature = "pdf")]
use crate::pdf::Rendered;
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// A file written at the clerk's request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct WrittenFile {
    /// The file written.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// Pages, for a PDF.
    pub pages: Option<u64>,
    /// Data rows, for a spreadsheet or list.
    pub rows: Option<u64>,
    /// Characters no font has (they print as empty boxes), each once; PDFs only.
    pub missing_chars: Vec<String>,
    /// What the clerk should be told (Chinese), e.g. the missing characters by name.
    pub warnings: Vec<String>,
}

impl WrittenFile {
    /// A file already on disk at `path` (its size is read back).
    pub fn at(path: &Path) -> WrittenFile {
        WrittenFile {
            path: path.display().to_string(),
            bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
            pages: None,
            rows: None,
            missing_chars: vec![],
            warnings: vec![],
        }
    }

    /// A spreadsheet or list on disk with `rows` data rows.
    pub fn with_rows(path: &Path, rows: usize) -> WrittenFile {
        WrittenFile {
            rows: Some(rows as u64),
            ..WrittenFile::at(path)
        }
    }

    /// Adds warnings for the clerk.
    pub fn warn(mut self, warnings: Vec<String>) -> WrittenFile {
        self.warnings.extend(warnings);
        self
    }

    /// A PDF on disk at `path`, as rendered.
    #[cfg(feature = "pdf")]
    pub fn pdf(path: &Path, r: &Rendered) -> WrittenFile {
        WrittenFile {
            path: path.display().to_string(),
            bytes: r.bytes.len() as u64,
            pages: Some(r.pages as u64),
            rows: None,
            missing_chars: r.missing_chars.iter().map(|c| c.to_string()).collect(),
            warnings: r.warnings(),
        }
    }
}
