//! Restore: stage the chosen file, verify it, bring an older schema up to date, keep a
//! safety copy, then copy it into the open database in one transaction.

use super::auto::{keep_setting, rotate};
use super::check::{count, integrity_problems};
use super::files::{
    backup_file, copy_private, ensure_dir, move_file, new_name, parent_of, part_path, same_file,
    sync_dir,
};
use super::save::{backup_into, not_in_memory, refuse_live_files, run_backup};
use super::{
    file_size, fmt_cn, now_local, BackupKind, BackupSummary, RestoreReport, META_LAST_MANUAL,
    META_LAST_RESTORE,
};
use crate::db::{self, Store, APP_MARKER, SCHEMA_VERSION};
use crate::error::{Error, ErrorCode, Result};
use chrono::Local;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::io::Read;
use std::path::{Path, PathBuf};

/// A staged copy of the file being restored; removed (with its side files) when dropped.
struct Staged {
    path: PathBuf,
}

impl Drop for Staged {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path.display()));
        }
    }
}

/// Copies `src` (and a `-wal` beside it, if any) to a private staging file in `dir`.
fn stage(src: &Path, dir: &Path) -> Result<Staged> {
    let meta = std::fs::metadata(src).map_err(|e| Error::file(src, &e))?;
    if !meta.is_file() {
        return Err(Error::invalid(format!(
            "“{}”不是一个文件，请选择备份文件。",
            src.display()
        )));
    }
    ensure_dir(dir)?;
    let staged = Staged {
        path: dir.join(format!(".restore-{}.sqlite3", std::process::id())),
    };
    drop(Staged {
        path: staged.path.clone(),
    });
    copy_private(src, &staged.path)?;
    let wal = PathBuf::from(format!("{}-wal", src.display()));
    if wal.is_file() {
        copy_private(&wal, Path::new(&format!("{}-wal", staged.path.display())))?;
    }
    Ok(staged)
}

fn refused(src: &Path, why: &str) -> Error {
    Error::new(
        ErrorCode::DbInvalid,
        format!("不能用“{}”恢复：{why}没有做任何改动。", src.display()),
    )
}

/// Checks a staged file before anything is changed; returns what it holds.
fn verify_staged(staged: &Path, src: &Path) -> Result<BackupSummary> {
    let mut head = [0u8; 16];
    let header_ok = std::fs::File::open(staged)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == b"SQLite format 3\0";
    if !header_ok {
        return Err(refused(
            src,
            "它不是敲门行动软件的备份文件（也不是数据库文件）。请选择扩展名为 .sqlite3 的备份文件。",
        ));
    }
    let conn = Connection::open_with_flags(
        staged,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| refused(src, "文件无法打开，可能已损坏。").with_cause(e))?;
    let damaged = |e: rusqlite::Error| {
        refused(
            src,
            "文件已损坏（数据库结构无法读取）。请换一个备份文件，例如更早的自动备份。",
        )
        .with_cause(e)
    };
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(damaged)?;
    if tables == 0 {
        return Err(refused(src, "它是一个空数据库，不是敲门行动软件的备份。"));
    }
    let marker: Option<String> = conn
        .query_row(
            "SELECT value FROM app_meta WHERE key = 'application'",
            [],
            |r| r.get(0),
        )
        .ok();
    if marker.as_deref() != Some(APP_MARKER) {
        return Err(refused(
            src,
            "它是其他软件的数据库，不是敲门行动软件的备份。",
        ));
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(damaged)?;
    if version > SCHEMA_VERSION {
        return Err(Error::new(
            ErrorCode::DbTooNew,
            format!(
                "不能用“{}”恢复：它由更新版本的敲门行动软件写入（数据版本 {version}，本软件只认识到 {SCHEMA_VERSION}）。请先安装最新版本的软件再恢复。没有做任何改动。",
                src.display()
            ),
        ));
    }
    let problems = integrity_problems(&conn).map_err(|e| {
        refused(
            src,
            "文件已损坏（完整性检查无法完成）。请换一个备份文件，例如更早的自动备份。",
        )
        .with_cause(e)
    })?;
    if !problems.is_empty() {
        return Err(refused(
            src,
            &format!(
                "文件已损坏（完整性检查没有通过：{}）。请换一个备份文件，例如更早的自动备份。",
                problems
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("；")
            ),
        ));
    }
    let summary = summarize(&conn, src, version).map_err(|e| {
        refused(src, "文件内容不完整，无法读取其中的登记和检查记录。").with_cause(e)
    })?;
    Ok(summary)
}

fn summarize(conn: &Connection, src: &Path, version: i64) -> Result<BackupSummary> {
    let unit: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'unit_name'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let unit_name = unit
        .and_then(|v| serde_json::from_str::<String>(&v).ok())
        .unwrap_or_default();
    let last: Option<String> = conn
        .query_row("SELECT max(at) FROM audit_log", [], |r| r.get(0))
        .optional()?
        .flatten();
    let last_change_cn = last.and_then(|s| {
        chrono::DateTime::parse_from_rfc3339(&s)
            .ok()
            .map(|t| fmt_cn(&t.with_timezone(&Local).naive_local()))
    });
    Ok(BackupSummary {
        path: src.display().to_string(),
        size: file_size(src),
        schema_version: version,
        unit_name,
        households: count(conn, "households")?,
        inspections: count(conn, "inspections")?,
        hazards: count(conn, "hazards")?,
        last_change_cn,
    })
}

/// Checks a backup file without changing anything and tells what it holds (shown before
/// the clerk confirms a restore). `dir` is where the staging copy is made.
pub fn inspect(src: &Path, dir: &Path) -> Result<BackupSummary> {
    let staged = stage(src, dir)?;
    verify_staged(&staged.path, src)
}

/// Stages, verifies and upgrades `src`; returns the open staged store.
fn prepare(src: &Path, dir: &Path) -> Result<(Staged, Store, BackupSummary, bool)> {
    let staged = stage(src, dir)?;
    let summary = verify_staged(&staged.path, src)?;
    let upgraded = summary.schema_version < SCHEMA_VERSION;
    let store = crate::open(&staged.path).map_err(|e| {
        Error::new(
            e.code,
            format!(
                "不能用“{}”恢复：把备份升级到本软件的数据版本时出错（{}）。没有做任何改动。",
                src.display(),
                e.message
            ),
        )
        .with_cause(e)
    })?;
    Ok((staged, store, summary, upgraded))
}

fn page_size(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA page_size", [], |r| r.get(0))?)
}

fn record_restore(store: &Store, report: &RestoreReport) -> Result<()> {
    let v = serde_json::json!({
        "at": now_local().format("%Y-%m-%dT%H:%M:%S").to_string(),
        "from": report.restored.path,
        "safety_copy": report.safety_copy.path,
    });
    store.conn().execute(
        "INSERT INTO app_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [META_LAST_RESTORE, v.to_string().as_str()],
    )?;
    Ok(())
}

/// Replaces the data of the open database with the backup `src`: verify, keep a safety
/// copy in `dir`, then copy in one transaction. On any error nothing has changed (a safety
/// copy may have been written). The caller should reopen its store afterwards so that
/// everything cached is read anew.
pub fn restore(store: &mut Store, src: &Path, dir: &Path) -> Result<RestoreReport> {
    not_in_memory(store)?;
    refuse_live_files(store, src, "用来恢复的文件")?;
    let (_staged, mut staged_store, summary, upgraded) = prepare(src, dir)?;
    let live_page = page_size(store.conn())?;
    if page_size(staged_store.conn())? != live_page {
        // The backup API cannot copy into a WAL database with another page size.
        let c = staged_store.conn_mut();
        let _: String = c.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        c.execute_batch(&format!("PRAGMA page_size = {live_page}; VACUUM;"))?;
    }
    let safety_copy = backup_into(store, dir, BackupKind::BeforeRestore)?;
    // Where this PC's last manual backup went is about this PC, not about the data: keep it.
    let last_manual: Option<String> = store
        .conn()
        .query_row(
            "SELECT value FROM app_meta WHERE key = ?1",
            [META_LAST_MANUAL],
            |r| r.get(0),
        )
        .optional()?;
    run_backup(staged_store.conn(), store.conn_mut())?;
    drop(staged_store);
    db::check_is_ours(store.conn())?;
    if let Some(v) = last_manual {
        store.conn().execute(
            "INSERT INTO app_meta (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [META_LAST_MANUAL, v.as_str()],
        )?;
    }
    let report = RestoreReport {
        restored: summary,
        safety_copy,
        upgraded,
    };
    record_restore(store, &report)?;
    let keep = keep_setting(store).unwrap_or(14);
    rotate(dir, keep as usize)?;
    Ok(report)
}

/// Restore when the current database cannot even be opened (damaged): the damaged file
/// (with its `-wal`/`-shm`) is moved into `dir` as the safety copy and the verified backup
/// is put in its place. Only for a database no program has open.
pub fn restore_offline(db_path: &Path, src: &Path, dir: &Path) -> Result<RestoreReport> {
    if same_file(db_path, src) {
        return Err(Error::invalid(
            "用来恢复的文件不能是数据库文件本身，请选择一个备份文件。",
        ));
    }
    let (staged, staged_store, summary, upgraded) = prepare(src, dir)?;
    {
        let c = staged_store.conn();
        let _: String = c.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    }
    drop(staged_store);
    let db_dir = parent_of(db_path);
    std::fs::create_dir_all(&db_dir).map_err(|e| Error::file(&db_dir, &e))?;
    let tmp = part_path(db_path);
    copy_private(&staged.path, &tmp)?;
    drop(staged);
    // Move the damaged database and its side files aside.
    let now = now_local();
    let aside = new_name(dir, &now, BackupKind::Damaged)?;
    let had_db = db_path.exists();
    if had_db {
        move_file(db_path, &aside)?;
    }
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = PathBuf::from(format!("{}{suffix}", db_path.display()));
        if side.exists() {
            move_file(&side, Path::new(&format!("{}{suffix}", aside.display())))?;
        }
    }
    crate::files::rename(&tmp, db_path).map_err(|e| Error::file(db_path, &e))?;
    sync_dir(&db_dir);
    let safety_copy = backup_file(&aside, BackupKind::Damaged, &now);
    let report = RestoreReport {
        restored: summary,
        safety_copy,
        upgraded,
    };
    let store = Store::open(db_path)?;
    record_restore(&store, &report)?;
    Ok(report)
}
