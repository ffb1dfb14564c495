//! The reader's one error type: a sentence in Simplified Chinese that names the file and
//! can be shown to the clerk as it is, a [`ErrorKind`] for the caller to choose its own
//! error code by, and underneath, as [`std::error::Error::source`], what the library that
//! failed said (calamine, zip, csv, the file system), for logs and bug reports.

use std::path::Path;

/// A `Result` whose error is the reader's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The library or system error underneath an [`Error`].
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// What went wrong, in a word. Callers branch on this, never on the message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The extension is not one of a spreadsheet, or the path is a folder.
    Unsupported,
    /// The content is something else: a renamed Word document, a web page, a PDF…
    NotASpreadsheet,
    /// A spreadsheet that is damaged or incomplete (truncated, broken XML, a looping
    /// allocation table, a panic inside calamine).
    Damaged,
    /// The workbook has an opening password.
    Encrypted,
    /// The file is empty, or the workbook has no worksheet.
    Empty,
    /// Over one of the limits: file size, inflated size (zip bombs), rows, columns.
    TooLarge,
    /// A text file in an encoding that is neither UTF-8/UTF-16 nor GBK/GB18030.
    Encoding,
    /// No sheet of that name, or not that many sheets.
    NoSuchSheet,
    /// The file could not be read from disk (missing, no permission…).
    Io,
}

/// An error with a kind and a clerk-facing Chinese message.
#[derive(Debug)]
pub struct Error {
    /// What went wrong, in a word.
    pub kind: ErrorKind,
    /// One sentence in Simplified Chinese naming the file and saying what to do.
    pub message: String,
    /// The underlying error, when a library or the system reported one.
    source: Option<Cause>,
}

impl Error {
    /// An error of `kind` with a clerk-facing message and no underlying cause.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// The same error, keeping `cause` as its [`source`](std::error::Error::source).
    pub fn with_source(mut self, cause: impl Into<Cause>) -> Error {
        self.source = Some(cause.into());
        self
    }

    /// Takes the error apart — kind, message, and the error underneath — for a caller that
    /// keeps causes its own way.
    pub fn into_parts(self) -> (ErrorKind, String, Option<Cause>) {
        (self.kind, self.message, self.source)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// The file's name as the clerk knows it (for messages).
pub fn file_label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Not a spreadsheet: `what` says what it is instead ("是 Word 文档").
pub(crate) fn not_a_sheet(path: &Path, what: &str) -> Error {
    Error::new(
        ErrorKind::NotASpreadsheet,
        format!(
            "文件“{}”不是电子表格（{what}），无法读取；请在 Excel 或 WPS 中打开花名册，另存为 .xlsx 后再导入。",
            file_label(path)
        ),
    )
}

/// A damaged or incomplete spreadsheet.
pub(crate) fn damaged(path: &Path) -> Error {
    Error::new(
        ErrorKind::Damaged,
        format!(
            "文件“{}”已损坏或不完整（可能没有复制或下载完），无法读取，请重新获取这个文件后再导入。",
            file_label(path)
        ),
    )
}

/// A workbook with an opening password.
pub(crate) fn encrypted(path: &Path) -> Error {
    Error::new(
        ErrorKind::Encrypted,
        format!(
            "文件“{}”设置了打开密码，无法读取；请在 Excel 或 WPS 中取消密码后另存再导入。",
            file_label(path)
        ),
    )
}

/// A file that could not be read from disk, in words a clerk understands.
pub(crate) fn io(path: &Path, err: std::io::Error) -> Error {
    use std::io::ErrorKind::*;
    let p = path.display();
    let why = match err.kind() {
        NotFound => "文件不存在".to_string(),
        PermissionDenied => "没有权限（文件可能被其他程序占用或只读）".to_string(),
        AlreadyExists => "文件已存在".to_string(),
        StorageFull => "磁盘已满".to_string(),
        ReadOnlyFilesystem => "磁盘或U盘是只读的".to_string(),
        _ => format!("系统提示：{err}"),
    };
    Error::new(ErrorKind::Io, format!("无法读写文件“{p}”：{why}。")).with_source(err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn the_cause_stays_underneath_the_message() {
        let cause = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let e = io(Path::new("/tmp/花名册.xlsx"), cause);
        assert_eq!(e.kind, ErrorKind::Io);
        assert_eq!(
            e.to_string(),
            "无法读写文件“/tmp/花名册.xlsx”：文件不存在。"
        );
        assert_eq!(e.source().map(|s| s.to_string()).as_deref(), Some("gone"));
        assert!(damaged(Path::new("a.xls")).source().is_none());
    }
}
