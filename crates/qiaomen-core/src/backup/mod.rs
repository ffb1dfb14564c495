//! Backups, restore and the database check, one job per module: `save` (a backup to a
//! file the clerk chose or into the backup folder), `auto` (the automatic backups, their
//! rotation and the status), `restore`, `check` (integrity, counts, advice) and `files`
//! (backup names, listing, safe file operations).
//!
//! - Backups are made with SQLite's online backup API (never a file copy of the live WAL
//!   database) into a temporary file next to the target, checked, flushed and then renamed
//!   into place, so a backup file is either complete or absent. Backup files are single
//!   files (rollback-journal mode, no `-wal` beside them) readable by the owner only.
//! - Automatic backups live in one folder (the app's `backups/`; a parameter here so tests
//!   use temporary folders), named `qiaomen-YYYYMMDD-HHMMSS-<kind>.sqlite3` in local time.
//!   The daily and exit backups rotate together (keep the newest `backup_keep`); a backup is
//!   skipped when nothing changed since the newest one (same audit-log position), so the
//!   kept copies are distinct states of the data.
//! - Restore copies the chosen file to a staging file (the clerk's file is never opened for
//!   writing), verifies it (SQLite file, our marker, schema not newer than ours,
//!   `PRAGMA integrity_check`), brings an older schema up to date, keeps a safety copy of
//!   the current database, and then copies the staged database into the open connection
//!   with the backup API: one write transaction on the live database, so a crash leaves
//!   either the old data or the restored data, never a mix. Anything refused leaves
//!   everything as it was.

mod auto;
mod check;
mod files;
mod restore;
mod save;
#[cfg(test)]
mod tests;

pub use auto::{
    auto_backup, backup_on_exit, backup_on_start, rotate, rotate_within, status, AUTO_BUDGET,
    MIN_KEPT,
};
pub use check::{check, checkpoint, quick_check, CheckReport, TableCount, COUNTED_TABLES};
pub use files::list;
pub use restore::{inspect, restore, restore_offline};
pub use save::{backup_into, backup_to};

use crate::db;
use crate::error::{Error, Result};
use chrono::{Local, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Why a backup file was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// The first start of a day.
    Daily,
    /// When the app closes (or `qiaomen backup --exit`).
    Exit,
    /// A file the clerk chose (e.g. on a USB stick).
    Manual,
    /// The database as it was just before a restore replaced it.
    BeforeRestore,
    /// A damaged database moved aside by a restore that could not open it.
    Damaged,
}

impl BackupKind {
    fn slug(self) -> &'static str {
        match self {
            BackupKind::Daily => "daily",
            BackupKind::Exit => "exit",
            BackupKind::Manual => "manual",
            BackupKind::BeforeRestore => "before-restore",
            BackupKind::Damaged => "damaged",
        }
    }
    fn from_slug(s: &str) -> Option<BackupKind> {
        [
            BackupKind::Daily,
            BackupKind::Exit,
            BackupKind::Manual,
            BackupKind::BeforeRestore,
            BackupKind::Damaged,
        ]
        .into_iter()
        .find(|k| k.slug() == s)
    }
    /// How the kind is shown to the clerk.
    pub fn label(self) -> &'static str {
        match self {
            BackupKind::Daily => "每日自动备份",
            BackupKind::Exit => "退出时自动备份",
            BackupKind::Manual => "手动备份",
            BackupKind::BeforeRestore => "恢复前的安全副本",
            BackupKind::Damaged => "损坏的数据库（已移出）",
        }
    }
    /// Whether the rotation of daily/exit backups counts this kind.
    fn rotates_with_auto(self) -> bool {
        matches!(self, BackupKind::Daily | BackupKind::Exit)
    }
}

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupFile {
    /// Full path of the file.
    pub path: String,
    /// File name only.
    pub name: String,
    /// Why it was made: daily, at exit, by the clerk, before a restore, or a damaged file set aside.
    pub kind: BackupKind,
    /// The kind as the clerk reads it (每日自动备份 …).
    #[serde(default)]
    pub kind_label: String,
    /// Local time the backup was made, `YYYY-MM-DDTHH:MM:SS`.
    pub created_at: String,
    /// The same as the clerk reads it: 2024年12月23日 18:05.
    pub created_cn: String,
    /// Size in bytes.
    #[ts(type = "number")]
    pub size: u64,
}

/// What an automatic backup did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AutoBackupResult {
    /// The backup made, if one was needed.
    pub made: Option<BackupFile>,
    /// Why no backup was made (Chinese), when none was.
    pub skipped: Option<String>,
    /// Names of old automatic backups removed by the rotation.
    pub removed: Vec<String>,
}

/// The backup state the app shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupStatus {
    /// Folder of the automatic backups.
    pub dir: String,
    /// How many automatic backups are kept (setting `backup_keep`).
    pub keep: i64,
    /// The newest file in the backup folder (any kind but damaged).
    pub last: Option<BackupFile>,
    /// The last backup the clerk saved to a file of their choice.
    pub last_manual: Option<BackupFile>,
    /// Whether the data changed since the newer of `last` and `last_manual` (true when
    /// there is no backup at all).
    pub changed_since_last: bool,
    /// Every file in the backup folder, newest first.
    pub backups: Vec<BackupFile>,
}

/// What a backup file holds, shown before the clerk confirms a restore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupSummary {
    /// Full path of the backup file.
    pub path: String,
    /// Size in bytes.
    #[ts(type = "number")]
    pub size: u64,
    /// The database schema version in it (the number of the last migration applied).
    pub schema_version: i64,
    /// 报送单位 recorded in the backup ('' when not set).
    pub unit_name: String,
    /// Households in it.
    pub households: i64,
    /// Inspections in it.
    pub inspections: i64,
    /// Hazards in it.
    pub hazards: i64,
    /// When the data in it was last changed (local time, as the clerk reads it), if known.
    pub last_change_cn: Option<String>,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RestoreReport {
    /// What was restored.
    pub restored: BackupSummary,
    /// The copy of the database as it was before the restore.
    pub safety_copy: BackupFile,
    /// Whether the backup had an older schema and was brought up to date.
    pub upgraded: bool,
}

const PREFIX: &str = "qiaomen-";
const EXT: &str = ".sqlite3";
const META_LAST_MANUAL: &str = "last_manual_backup";
const META_LAST_RESTORE: &str = "last_restore";

/// The default folder of automatic backups: `<app data dir>/backups`.
pub fn default_dir() -> PathBuf {
    db::app_data_dir().join("backups")
}

/// The backup folder that belongs to a database file: `backups/` beside it (for the app's
/// database this is [`default_dir`]).
pub fn dir_for(db_path: &Path) -> Result<PathBuf> {
    if db_path == Path::new(":memory:") {
        return Err(Error::invalid("内存中的临时数据库没有备份文件夹。"));
    }
    let parent = db_path.parent().unwrap_or(Path::new(""));
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    Ok(parent.join("backups"))
}

/// Local time now, whole seconds (as written in backup names).
fn now_local() -> NaiveDateTime {
    let t = Local::now().naive_local();
    t.with_nanosecond(0).unwrap_or(t)
}

fn fmt_cn(t: &NaiveDateTime) -> String {
    format!("{} {}", crate::date_cn(t.date()), t.format("%H:%M"))
}

fn file_size(p: &Path) -> u64 {
    std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
}
