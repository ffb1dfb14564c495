//! The spreadsheet reader, [`qiaomen_sheet`], as the rest of core uses it: its model and
//! entry points re-exported, and its errors turned into core's [`Error`] (a file the clerk
//! picked that cannot be read is `bad_file`; a missing sheet `not_found`; the disk `io`),
//! with the same Chinese message and the library's error (calamine, zip, csv, the disk)
//! kept as the cause.

use crate::error::{Error, ErrorCode};

pub use qiaomen_sheet::{
    cell_address, column_letters, file_label, number_text, read, Cell, Format, MergedRange,
    RowCells, Sheet, StreamEnd, Workbook, XlsxMerges, XlsxRows, MAX_COLS, MAX_FILE_BYTES, MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
};

impl From<qiaomen_sheet::Error> for Error {
    fn from(e: qiaomen_sheet::Error) -> Self {
        let (kind, message, cause) = e.into_parts();
        let err = Error::new(code_of(kind), message);
        match cause {
            Some(cause) => err.with_cause(ReaderCause(cause)),
            None => err,
        }
    }
}

/// The error code for a kind of refusal.
fn code_of(kind: qiaomen_sheet::ErrorKind) -> ErrorCode {
    use qiaomen_sheet::ErrorKind as K;
    match kind {
        K::Io => ErrorCode::Io,
        K::NoSuchSheet => ErrorCode::NotFound,
        K::Unsupported
        | K::NotASpreadsheet
        | K::Damaged
        | K::Encrypted
        | K::Empty
        | K::TooLarge
        | K::Encoding => ErrorCode::BadFile,
    }
}

/// What the reader's library said, kept underneath core's error as it is: its text and its
/// own causes (not the reader's Chinese sentence, which names the file and stays out of
/// the log).
#[derive(Debug)]
struct ReaderCause(qiaomen_sheet::Cause);

impl std::fmt::Display for ReaderCause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for ReaderCause {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};
    use std::path::{Path, PathBuf};

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    /// The reader's refusals as core's errors: the clerk's sentence and the code.
    fn open(p: &Path) -> crate::Result<Workbook> {
        Ok(Workbook::open(p)?)
    }

    #[test]
    fn clerk_friendly_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        // Unsupported extension.
        let p = write(dir.path(), "花名册.docx", b"whatever");
        let e = open(&p).unwrap_err();
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
        let e = open(&p).unwrap_err();
        assert_eq!(e.code, crate::ErrorCode::BadFile);
        assert!(
            e.message.contains("roster.xlsx") && e.message.contains("Word"),
            "{}",
            e.message
        );
        // Truncated zip: the zip crate's error kept underneath.
        let p = write(dir.path(), "cut.xlsx", &buf[..buf.len() / 2]);
        let e = open(&p).unwrap_err();
        assert!(
            e.message.contains("cut.xlsx") && e.message.contains("损坏"),
            "{}",
            e.message
        );
        assert!(e.cause().is_some());
        // A web page saved as .xls.
        let p = write(
            dir.path(),
            "web.xls",
            b"<html><table><tr><td>1</td></tr></table></html>",
        );
        let e = open(&p).unwrap_err();
        assert!(e.message.contains("网页"), "{}", e.message);
        // Empty file.
        let p = write(dir.path(), "empty.csv", b"");
        assert!(open(&p).unwrap_err().message.contains("空的"));
        // Binary junk.
        let p = write(dir.path(), "junk.xls", &[0u8, 1, 2, 3, 0, 0, 7, 8]);
        assert_eq!(open(&p).unwrap_err().code, crate::ErrorCode::BadFile);
        // Missing file: the system's error underneath, not the Chinese sentence.
        let e = open(&dir.path().join("nope.xlsx")).unwrap_err();
        assert_eq!(e.code, crate::ErrorCode::Io);
        let cause = e.causes().next().unwrap().to_string();
        assert!(!cause.contains("无法读写"), "{cause}");
        // A sheet that is not there.
        let mut wb = open(&write(dir.path(), "a.csv", b"x\n")).unwrap();
        let e: Error = wb.read_sheet("b").unwrap_err().into();
        assert_eq!(e.code, crate::ErrorCode::NotFound);
    }
}
