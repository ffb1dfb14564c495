//! The automatic backups (daily at start, at exit), their rotation, and the backup status
//! the app shows.

use super::files::{list, open_read_only};
use super::save::{backup_into, not_in_memory};
use super::{AutoBackupResult, BackupFile, BackupKind, BackupStatus, META_LAST_MANUAL};
use crate::db::Store;
use crate::error::{Error, Result};
use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension};
use std::path::Path;

/// Where the data stands: the last audit-log entry. Every change of every table (but
/// `app_meta`) writes one, so equal fingerprints mean equal data.
pub(super) fn fingerprint(conn: &Connection) -> Result<String> {
    let fp: Option<(i64, String)> = conn
        .query_row(
            "SELECT seq, at FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(match fp {
        Some((seq, at)) => format!("{v}|{seq}|{at}"),
        None => format!("{v}|0|"),
    })
}

/// Whether the data differs from the backup file `f` (true if `f` cannot be read).
pub(super) fn changed_since(store: &Store, f: &BackupFile) -> Result<bool> {
    let live = fingerprint(store.conn())?;
    let theirs = open_read_only(Path::new(&f.path))
        .map_err(Error::from)
        .and_then(|c| fingerprint(&c));
    Ok(match theirs {
        Ok(t) => t != live,
        Err(_) => true,
    })
}

/// The newest backup that a later one may be compared with (not a damaged file).
pub(super) fn newest_comparable(dir: &Path) -> Result<Option<BackupFile>> {
    Ok(list(dir)?
        .into_iter()
        .find(|f| f.kind != BackupKind::Damaged))
}

/// The most the daily and exit backups may take together (the newest [`MIN_KEPT`] are kept
/// whatever their size). Fourteen daily copies of a 86 MB database were 1.2 GB on a village
/// PC's small disk; under this budget the oldest go first.
pub const AUTO_BUDGET: u64 = 512 * 1024 * 1024;
/// Daily/exit backups kept even when they exceed [`AUTO_BUDGET`] together.
pub const MIN_KEPT: usize = 3;

/// Keeps the newest `keep` daily/exit backups and the newest `keep` safety copies; removes
/// older ones, and then the oldest daily/exit backups beyond [`AUTO_BUDGET`] in all (never
/// the newest [`MIN_KEPT`]). Manual and damaged files are never removed.
pub fn rotate(dir: &Path, keep: usize) -> Result<Vec<String>> {
    rotate_within(dir, keep, AUTO_BUDGET)
}

/// [`rotate`] with a size budget for the daily/exit backups.
pub fn rotate_within(dir: &Path, keep: usize, budget: u64) -> Result<Vec<String>> {
    let keep = keep.max(1);
    let all = list(dir)?;
    let mut removed = Vec::new();
    let mut remove = |f: &BackupFile| -> Result<()> {
        match std::fs::remove_file(&f.path) {
            Ok(()) => removed.push(f.name.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::file(Path::new(&f.path), &e)),
        }
        Ok(())
    };
    let groups: [fn(BackupKind) -> bool; 2] = [
        |k| k.rotates_with_auto(),
        |k| k == BackupKind::BeforeRestore,
    ];
    for in_group in groups {
        for f in all.iter().filter(|f| in_group(f.kind)).skip(keep) {
            remove(f)?;
        }
    }
    // Newest first (as listed): once the budget is spent, the older ones go.
    let mut used = 0u64;
    let auto = all.iter().filter(|f| f.kind.rotates_with_auto()).take(keep);
    for (i, f) in auto.enumerate() {
        used = used.saturating_add(f.size);
        if i >= MIN_KEPT && used > budget {
            remove(f)?;
        }
    }
    Ok(removed)
}

pub(super) fn keep_setting(store: &Store) -> Result<i64> {
    Ok(crate::settings::load(store.conn())?.backup_keep)
}

/// An automatic backup of `kind` unless nothing changed since the newest backup; then the
/// rotation.
pub fn auto_backup(store: &Store, dir: &Path, kind: BackupKind) -> Result<AutoBackupResult> {
    not_in_memory(store)?;
    let keep = keep_setting(store)?;
    if let Some(last) = newest_comparable(dir)? {
        if !changed_since(store, &last)? {
            return Ok(AutoBackupResult {
                made: None,
                skipped: Some(format!(
                    "数据自上次备份（{}）以来没有改动，无需再备份。",
                    last.created_cn
                )),
                removed: rotate(dir, keep as usize)?,
            });
        }
    }
    let made = backup_into(store, dir, kind)?;
    let removed = rotate(dir, keep as usize)?;
    Ok(AutoBackupResult {
        made: Some(made),
        skipped: None,
        removed,
    })
}

/// What the app does at start: a daily backup unless one was made today already (or the
/// data did not change since the newest backup).
pub fn backup_on_start(store: &Store, dir: &Path) -> Result<AutoBackupResult> {
    not_in_memory(store)?;
    let today = crate::today();
    let made_today = list(dir)?.into_iter().find(|f| {
        f.kind != BackupKind::Damaged
            && NaiveDateTime::parse_from_str(&f.created_at, "%Y-%m-%dT%H:%M:%S")
                .map(|t| t.date() == today)
                .unwrap_or(false)
    });
    if let Some(f) = made_today {
        let keep = keep_setting(store)?;
        return Ok(AutoBackupResult {
            made: None,
            skipped: Some(format!("今天已经备份过（{}）。", f.created_cn)),
            removed: rotate(dir, keep as usize)?,
        });
    }
    auto_backup(store, dir, BackupKind::Daily)
}

/// What the app does when it closes: a backup if anything changed since the newest one.
pub fn backup_on_exit(store: &Store, dir: &Path) -> Result<AutoBackupResult> {
    auto_backup(store, dir, BackupKind::Exit)
}

/// The backup state for the app's screen.
pub fn status(store: &Store, dir: &Path) -> Result<BackupStatus> {
    let backups = list(dir)?;
    let last = backups
        .iter()
        .find(|f| f.kind != BackupKind::Damaged)
        .cloned();
    let last_manual: Option<BackupFile> = store
        .conn()
        .query_row(
            "SELECT value FROM app_meta WHERE key = ?1",
            [META_LAST_MANUAL],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .and_then(|s| serde_json::from_str(&s).ok());
    // Compared with the newest copy, automatic or the clerk's own: right after 立即备份 the
    // data has not changed since, whatever the morning's automatic backup holds.
    let newest = match (&last, &last_manual) {
        (Some(a), Some(m)) if m.created_at >= a.created_at => Some(m),
        (Some(a), _) => Some(a),
        (None, m) => m.as_ref(),
    };
    let changed_since_last = match newest {
        Some(f) => changed_since(store, f)?,
        None => true,
    };
    Ok(BackupStatus {
        dir: dir.display().to_string(),
        keep: keep_setting(store)?,
        last,
        last_manual,
        changed_since_last,
        backups,
    })
}
