//! The one error type that crosses every boundary: a stable machine code plus a message
//! in Simplified Chinese that can be shown to the clerk as it is, with the library error
//! that caused it kept underneath for the log.
//!
//! Front ends get exactly `{code, message}` (the cause is never serialised: its text is
//! English and may name files). The log gets the code and the cause chain
//! ([`Error::causes`]), never the message, which is often built from what the clerk typed.
//!
//! Wrap a library error in a Chinese sentence with [`Error::with_cause`] or, on a
//! `Result`, with [`Context::context`]:
//!
//! ```
//! use qiaomen_core::{Context, Error, Result};
//! fn parse(s: &str) -> Result<i64> {
//!     s.parse::<i64>().context(|| Error::invalid("请填写数字。"))
//! }
//! let e = parse("十").unwrap_err();
//! assert_eq!(e.message, "请填写数字。");
//! assert!(e.cause().is_some());
//! ```

use serde::Serialize;
use std::sync::Arc;
use ts_rs::TS;

/// Stable error codes. Front ends may branch on these, never on the message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input failed validation (a field, an argument).
    Invalid,
    /// The thing asked for does not exist.
    NotFound,
    /// The change would contradict what is stored (duplicate code, still referenced...).
    Conflict,
    /// The database file was written by a newer version of qiaomen.
    DbTooNew,
    /// The file is not a qiaomen database or is damaged.
    DbInvalid,
    /// A file could not be read or written.
    Io,
    /// A file the clerk chose is not in a format we can read.
    BadFile,
    /// The front end asked for a file path it was not granted by a dialog.
    Forbidden,
    /// A bug or an unexpected state; the message says what to report.
    Internal,
}

impl ErrorCode {
    /// The code as it is serialised (`"not_found"`), for the log.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Invalid => "invalid",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::DbTooNew => "db_too_new",
            ErrorCode::DbInvalid => "db_invalid",
            ErrorCode::Io => "io",
            ErrorCode::BadFile => "bad_file",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::Internal => "internal",
        }
    }
}

/// A library error kept underneath an [`Error`]; shared so that `Error` stays `Clone`.
pub type Cause = Arc<dyn std::error::Error + Send + Sync + 'static>;

/// An error with a code and a clerk-facing Chinese message, and the error that caused it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Error {
    /// What kind of failure this is (front ends branch on it).
    pub code: ErrorCode,
    /// What the clerk reads, in Simplified Chinese.
    pub message: String,
    /// The library error underneath (for the log; never sent to a front end).
    #[serde(skip)]
    #[ts(skip)]
    cause: Option<Cause>,
}

/// Two errors are equal when the clerk sees the same thing (code and message).
impl PartialEq for Error {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code && self.message == other.message
    }
}

impl Eq for Error {}

/// The result type of every fallible qiaomen operation.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error with this code and Chinese message, and no cause.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
            cause: None,
        }
    }
    /// [`ErrorCode::Invalid`].
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Invalid, message)
    }
    /// [`ErrorCode::NotFound`].
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }
    /// [`ErrorCode::Conflict`].
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, message)
    }
    /// [`ErrorCode::BadFile`].
    pub fn bad_file(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::BadFile, message)
    }
    /// [`ErrorCode::Io`].
    pub fn io(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Io, message)
    }
    /// [`ErrorCode::Internal`].
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }

    /// Keeps `cause` underneath this error (replacing any cause it had).
    pub fn with_cause(mut self, cause: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.cause = Some(Arc::new(cause));
        self
    }

    /// The error directly underneath, if any.
    pub fn cause(&self) -> Option<&(dyn std::error::Error + Send + Sync + 'static)> {
        self.cause.as_deref()
    }

    /// The whole chain underneath this error, nearest first.
    pub fn causes(&self) -> impl Iterator<Item = &(dyn std::error::Error + 'static)> {
        let first = self
            .cause
            .as_deref()
            .map(|c| c as &(dyn std::error::Error + 'static));
        std::iter::successors(first, |e| e.source())
    }

    /// An I/O error on a named file, in words a clerk understands; `err` is kept as the cause.
    pub fn file(path: &std::path::Path, err: &std::io::Error) -> Self {
        let p = path.display();
        Self::io(format!("无法读写文件“{p}”：{}。", io_reason(err))).with_cause(copy_io(err))
    }
}

/// Why an I/O operation failed, in the clerk's words.
fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    // Windows refuses to replace or open a file another program holds (a PDF in its
    // reader, a workbook in Excel or WPS): ERROR_SHARING_VIOLATION (32), ERROR_LOCK_VIOLATION (33).
    if cfg!(windows) && matches!(err.raw_os_error(), Some(32 | 33)) {
        return "文件正被其他程序（Excel、WPS 或 PDF 阅读器）打开，请关闭后再试".to_string();
    }
    match err.kind() {
        NotFound => "文件不存在".to_string(),
        PermissionDenied => "没有权限（文件可能被其他程序占用或只读）".to_string(),
        AlreadyExists => "文件已存在".to_string(),
        StorageFull => "磁盘已满".to_string(),
        ReadOnlyFilesystem => "磁盘或U盘是只读的".to_string(),
        _ => format!("系统提示：{err}"),
    }
}

/// An owned copy of an I/O error seen by reference (the OS error number when there is one).
fn copy_io(err: &std::io::Error) -> std::io::Error {
    match err.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code),
        None => std::io::Error::new(err.kind(), err.to_string()),
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.cause
            .as_deref()
            .map(|c| c as &(dyn std::error::Error + 'static))
    }
}

/// Wrapping a library error in a clerk-facing [`Error`] that keeps it as the cause.
pub trait Context<T> {
    /// On error, the error `make` returns, with the original error as its cause.
    fn context(self, make: impl FnOnce() -> Error) -> Result<T>;
}

impl<T, E> Context<T> for std::result::Result<T, E>
where
    E: std::error::Error + Send + Sync + 'static,
{
    fn context(self, make: impl FnOnce() -> Error) -> Result<T> {
        self.map_err(|e| make().with_cause(e))
    }
}

/// What the clerk reads for an unexpected SQLite error (its English text goes to the log).
const DB_INTERNAL: &str = "程序内部错误：数据库出错，操作没有完成（详情已写入日志）。";

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode as C;
        let err = match &e {
            rusqlite::Error::QueryReturnedNoRows => Error::not_found("没有找到这条记录。"),
            rusqlite::Error::SqliteFailure(f, _) => match f.code {
                C::DatabaseBusy | C::DatabaseLocked => Error::new(
                    ErrorCode::Conflict,
                    "数据库正被另一个程序使用，请关闭其他敲门行动窗口后再试。",
                ),
                C::DatabaseCorrupt | C::NotADatabase => Error::new(
                    ErrorCode::DbInvalid,
                    "数据库文件已损坏或不是本软件的数据库，请从最近的备份恢复。",
                ),
                C::DiskFull => Error::io("磁盘已满，数据没有保存。请清理磁盘后再试。"),
                C::ReadOnly | C::CannotOpen | C::PermissionDenied => {
                    Error::io("无法打开或写入数据库文件，请检查文件权限。")
                }
                C::ConstraintViolation => {
                    Error::conflict("数据与已有记录冲突（可能重复或仍被其他记录引用），没有保存。")
                }
                _ => Error::internal(DB_INTERNAL),
            },
            _ => Error::internal(DB_INTERNAL),
        };
        err.with_cause(e)
    }
}

/// An I/O error without a file name (prefer [`Error::file`], which names the file).
impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::io(format!("无法读写文件：{}。", io_reason(&e))).with_cause(e)
    }
}

/// A spreadsheet could not be written (rust_xlsxwriter).
impl From<rust_xlsxwriter::XlsxError> for Error {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        use rust_xlsxwriter::XlsxError as X;
        let err = match &e {
            X::MaxStringLengthExceeded => Error::invalid(
                "有一段文字超过了表格软件一个格子能放的长度（32767 个字），表格没有生成。",
            ),
            X::IoError(io) => Error::io(format!("无法写出表格文件：{}。", io_reason(io))),
            _ => Error::internal("程序内部错误：生成表格文件时出错，表格没有生成。"),
        };
        err.with_cause(e)
    }
}

/// A zip file (a diagnostics archive) could not be written or read.
impl From<zip::result::ZipError> for Error {
    fn from(e: zip::result::ZipError) -> Self {
        let err = match &e {
            zip::result::ZipError::Io(io) => {
                Error::io(format!("无法读写压缩文件：{}。", io_reason(io)))
            }
            _ => Error::internal("程序内部错误：压缩文件出错。"),
        };
        err.with_cause(e)
    }
}

/// Data of our own that does not convert to or from JSON: a bug, not the clerk's input.
impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::internal("程序内部错误：数据格式转换出错。").with_cause(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn readonly_db_error() -> Error {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ro.sqlite3");
        rusqlite::Connection::open(&p)
            .unwrap()
            .execute_batch("CREATE TABLE t(x)")
            .unwrap();
        let c =
            rusqlite::Connection::open_with_flags(&p, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .unwrap();
        Error::from(c.execute("INSERT INTO t VALUES (1)", []).unwrap_err())
    }

    /// What the UI gets is exactly `{code, message}`: no cause, no other field.
    #[test]
    fn the_json_the_ui_gets_is_code_and_message() {
        let e = readonly_db_error();
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({"code": "io", "message": "无法打开或写入数据库文件，请检查文件权限。"})
        );
        let e = Error::file(
            std::path::Path::new("/村/花名册.xlsx"),
            &std::io::Error::from(std::io::ErrorKind::NotFound),
        );
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({"code": "io", "message": "无法读写文件“/村/花名册.xlsx”：文件不存在。"})
        );
        let e = "x"
            .parse::<i64>()
            .context(|| Error::invalid("请填写数字。"))
            .unwrap_err();
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"code":"invalid","message":"请填写数字。"}"#
        );
        let e = Error::new(ErrorCode::DbTooNew, "数据版本太新。");
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({"code": "db_too_new", "message": "数据版本太新。"})
        );
        use ErrorCode::*;
        let all = [
            Invalid, NotFound, Conflict, DbTooNew, DbInvalid, Io, BadFile, Forbidden, Internal,
        ];
        for code in all {
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                json!(code.as_str()),
                "as_str and serde agree"
            );
        }
    }

    #[test]
    fn conversions_keep_the_library_error_as_the_cause() {
        let e = readonly_db_error();
        let chain: Vec<String> = e.causes().map(|c| c.to_string()).collect();
        assert!(
            chain.iter().any(|c| c.contains("readonly database")),
            "{chain:?}"
        );
        assert!(std::error::Error::source(&e).is_some());

        let io = std::io::Error::from_raw_os_error(13);
        let e = Error::file(std::path::Path::new("a.txt"), &io);
        let cause = e.cause().unwrap().downcast_ref::<std::io::Error>().unwrap();
        assert_eq!(cause.raw_os_error(), Some(13));

        let e: Error = serde_json::from_str::<i64>("[").unwrap_err().into();
        assert_eq!(e.code, ErrorCode::Internal);
        assert!(e.cause().unwrap().is::<serde_json::Error>());

        let e: Error = rust_xlsxwriter::XlsxError::MaxStringLengthExceeded.into();
        assert_eq!(e.code, ErrorCode::Invalid);
        assert!(e.cause().is_some());

        let e: Error = std::io::Error::from(std::io::ErrorKind::PermissionDenied).into();
        assert!(e.message.contains("没有权限"), "{}", e.message);
        assert!(e.cause().is_some());

        // A chain of our own errors: the outer message for the clerk, the inner one beneath.
        let inner = readonly_db_error();
        let outer = Error::io("恢复没有完成。").with_cause(inner.clone());
        assert_eq!(outer.causes().count(), 1 + inner.causes().count());
        // Clones share the cause; equality is what the clerk sees.
        assert_eq!(outer.clone(), outer);
        assert_eq!(outer.clone().causes().count(), outer.causes().count());
        assert_eq!(Error::io("恢复没有完成。"), outer);
    }
}
