//! The one error type that crosses every boundary: a stable machine code plus a message
//! in Simplified Chinese that can be shown to the clerk as it is.

use serde::Serialize;
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

/// An error with a code and a clerk-facing Chinese message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
        }
    }
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Invalid, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, message)
    }
    pub fn bad_file(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::BadFile, message)
    }
    pub fn io(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Io, message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }
    /// An I/O error on a named file, in words a clerk understands.
    pub fn file(path: &std::path::Path, err: &std::io::Error) -> Self {
        use std::io::ErrorKind::*;
        let p = path.display();
        let why = match err.kind() {
            NotFound => "文件不存在".to_string(),
            PermissionDenied => "没有权限（文件可能被其他程序占用或只读）".to_string(),
            AlreadyExists => "文件已存在".to_string(),
            _ => format!("系统提示：{err}"),
        };
        Self::io(format!("无法读写文件“{p}”：{why}。"))
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode as C;
        match &e {
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
                _ => Error::internal(format!("数据库出错：{e}")),
            },
            _ => Error::internal(format!("数据库出错：{e}")),
        }
    }
}
