//! Backups, restore and the database check.
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

use crate::db::{self, Store, APP_MARKER, SCHEMA_VERSION};
use crate::error::{Error, ErrorCode, Result};
use chrono::{Local, NaiveDateTime, Timelike};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
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
    /// Whether the data changed since `last` (true when there is no backup at all).
    pub changed_since_last: bool,
    /// Every file in the backup folder, newest first.
    pub backups: Vec<BackupFile>,
}

/// What a backup file holds, shown before the clerk confirms a restore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupSummary {
    pub path: String,
    #[ts(type = "number")]
    pub size: u64,
    pub schema_version: i64,
    /// 报送单位 recorded in the backup ('' when not set).
    pub unit_name: String,
    pub households: i64,
    pub inspections: i64,
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

/// Row count of one table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TableCount {
    pub table: String,
    /// Chinese name of the table.
    pub label: String,
    pub rows: i64,
}

/// Result of `check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CheckReport {
    /// True when every check passed.
    pub ok: bool,
    pub db_path: String,
    #[ts(type = "number")]
    pub db_size: u64,
    /// `PRAGMA integrity_check` said "ok".
    pub integrity_ok: bool,
    /// What integrity_check and foreign_key_check reported (at most 50 lines), empty when ok.
    pub problems: Vec<String>,
    pub schema_version: i64,
    /// The schema version this program writes.
    pub program_schema_version: i64,
    pub counts: Vec<TableCount>,
    /// What to do, in plain Chinese.
    pub advice: String,
}

const PREFIX: &str = "qiaomen-";
const EXT: &str = ".sqlite3";
const META_LAST_MANUAL: &str = "last_manual_backup";
const META_LAST_RESTORE: &str = "last_restore";

/// Tables counted by `check`, with their Chinese names.
pub const COUNTED_TABLES: &[(&str, &str)] = &[
    ("grids", "网格"),
    ("households", "户/场所"),
    ("people", "重点人员"),
    ("inspections", "入户检查"),
    ("answers", "检查项答案"),
    ("hazards", "隐患"),
    ("revisits", "回访"),
    ("publicity", "宣传活动"),
    ("rounds", "轮次"),
    ("templates", "检查表模板"),
    ("settings", "设置项"),
    ("audit_log", "修改记录"),
];

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

/// Parses `qiaomen-YYYYMMDD-HHMMSS-<kind>[-N].sqlite3`, with the counter N (1 when absent)
/// that orders backups made within the same second.
fn parse_name_seq(name: &str) -> Option<(NaiveDateTime, BackupKind, u32)> {
    let stem = name.strip_prefix(PREFIX)?.strip_suffix(EXT)?;
    if stem.len() < 17 || !stem.is_char_boundary(15) || !stem.is_char_boundary(16) {
        return None;
    }
    let t = NaiveDateTime::parse_from_str(&stem[..15], "%Y%m%d-%H%M%S").ok()?;
    let rest = stem[15..].strip_prefix('-')?;
    // An optional "-N" counter follows the kind when two backups fell in one second.
    let (kind, seq) = match rest.rsplit_once('-') {
        Some((k, n)) if n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty() => {
            (BackupKind::from_slug(k)?, n.parse().ok()?)
        }
        _ => (BackupKind::from_slug(rest)?, 1),
    };
    Some((t, kind, seq))
}

fn backup_file(path: &Path, kind: BackupKind, t: &NaiveDateTime) -> BackupFile {
    BackupFile {
        path: path.display().to_string(),
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        kind,
        kind_label: kind.label().to_string(),
        created_at: t.format("%Y-%m-%dT%H:%M:%S").to_string(),
        created_cn: fmt_cn(t),
        size: file_size(path),
    }
}

/// Every backup file in `dir`, newest first. A missing folder has none; files that do not
/// follow the naming scheme are ignored (and never touched).
pub fn list(dir: &Path) -> Result<Vec<BackupFile>> {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::file(dir, &e)),
    };
    let mut out: Vec<(NaiveDateTime, u32, BackupFile)> = Vec::new();
    for entry in rd.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some((t, kind, seq)) = parse_name_seq(&name) {
            if entry.file_type().map(|f| f.is_file()).unwrap_or(false) {
                out.push((t, seq, backup_file(&entry.path(), kind, &t)));
            }
        }
    }
    out.sort_by_key(|b| std::cmp::Reverse((b.0, b.1)));
    Ok(out.into_iter().map(|(_, _, f)| f).collect())
}

/// Copies the open database into a new file at `tmp` with the online backup API, switches
/// the copy to a single-file journal mode, checks it and flushes it to disk.
fn copy_db(src: &Connection, tmp: &Path) -> Result<()> {
    let _ = std::fs::remove_file(tmp);
    db::create_private_file(tmp)?;
    let mut dst = Connection::open_with_flags(
        tmp,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| Error::io(format!("无法创建备份文件“{}”：{e}", tmp.display())))?;
    run_backup(src, &mut dst)?;
    // The copy carries the live database's WAL flag; a backup must be one self-contained file.
    let mode: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(Error::io("无法把备份文件设为单文件格式，备份没有完成。"));
    }
    let problems = integrity_problems(&dst)?;
    if !problems.is_empty() {
        return Err(Error::new(
            ErrorCode::DbInvalid,
            format!(
                "备份出的副本没有通过完整性检查（{}），说明当前数据库可能已损坏。请运行“数据检查”，必要时从更早的备份恢复。",
                problems.join("；")
            ),
        ));
    }
    drop(dst);
    sync_file(tmp)?;
    Ok(())
}

/// Runs a whole backup in one step (one read transaction on the source, one write
/// transaction on the destination), retrying while another program holds a lock.
fn run_backup(src: &Connection, dst: &mut Connection) -> Result<()> {
    let b = Backup::new(src, dst)?;
    let mut tries = 0;
    loop {
        match b.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => {
                tries += 1;
                if tries > 200 {
                    return Err(Error::conflict(
                        "数据库正被另一个程序使用，备份或恢复没有完成。请关闭其他敲门行动窗口后再试。",
                    ));
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            _ => {}
        }
    }
}

fn sync_file(p: &Path) -> Result<()> {
    std::fs::File::open(p)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::file(p, &e))
}

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    // Best effort: makes the rename durable on power loss.
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}

fn parent_of(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A temporary sibling of `dest` in the same folder (so the final rename is atomic).
fn part_path(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "backup".into());
    parent_of(dest).join(format!(".{name}.part-{}", std::process::id()))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Refuses a path that is the live database or one of its side files.
fn refuse_live_files(store: &Store, p: &Path, what: &str) -> Result<()> {
    let live = store.path();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let side = PathBuf::from(format!("{}{suffix}", live.display()));
        if same_file(p, &side) {
            return Err(Error::invalid(format!(
                "{what}不能是正在使用的数据库文件本身（“{}”），请另选一个文件。",
                p.display()
            )));
        }
    }
    Ok(())
}

fn ensure_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::file(dir, &e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Our own folder holds personal data: owner only.
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    Ok(())
}

fn not_in_memory(store: &Store) -> Result<()> {
    if store.path() == Path::new(":memory:") {
        return Err(Error::invalid("内存中的临时数据库不能备份或恢复。"));
    }
    Ok(())
}

/// Backs the open database up to a file the clerk chose (replacing it if it exists) and
/// remembers it as the last manual backup.
pub fn backup_to(store: &Store, dest: &Path) -> Result<BackupFile> {
    refuse_live_files(store, dest, "备份文件")?;
    if dest.is_dir() {
        return Err(Error::invalid(format!(
            "“{}”是一个文件夹，请给备份文件起一个文件名。",
            dest.display()
        )));
    }
    let parent = parent_of(dest);
    if !parent.is_dir() {
        return Err(Error::io(format!(
            "保存备份的文件夹“{}”不存在（U盘是否已拔出？）。",
            parent.display()
        )));
    }
    let tmp = part_path(dest);
    let result = copy_db(store.conn(), &tmp).and_then(|()| {
        std::fs::rename(&tmp, dest).map_err(|e| Error::file(dest, &e))?;
        sync_dir(&parent);
        Ok(())
    });
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    let now = now_local();
    let f = backup_file(dest, BackupKind::Manual, &now);
    let json =
        serde_json::to_string(&f).map_err(|e| Error::internal(format!("备份记录出错：{e}")))?;
    store.conn().execute(
        "INSERT INTO app_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [META_LAST_MANUAL, json.as_str()],
    )?;
    Ok(f)
}

/// A free name for a backup made at `t`: backups within the same second get increasing
/// counters (whatever their kind), so the newest is always the one with the highest.
fn new_name(dir: &Path, t: &NaiveDateTime, kind: BackupKind) -> Result<PathBuf> {
    let same_second = list(dir)?
        .iter()
        .filter_map(|f| parse_name_seq(&f.name))
        .filter(|(ft, _, _)| ft == t)
        .map(|(_, _, seq)| seq)
        .max();
    let stamp = t.format("%Y%m%d-%H%M%S");
    let slug = kind.slug();
    Ok(match same_second {
        None => dir.join(format!("{PREFIX}{stamp}-{slug}{EXT}")),
        Some(n) => dir.join(format!("{PREFIX}{stamp}-{slug}-{}{EXT}", n + 1)),
    })
}

/// Makes a backup of `kind` in `dir` now (no rotation, no change check).
pub fn backup_into(store: &Store, dir: &Path, kind: BackupKind) -> Result<BackupFile> {
    not_in_memory(store)?;
    ensure_dir(dir)?;
    let now = now_local();
    let dest = new_name(dir, &now, kind)?;
    let tmp = part_path(&dest);
    let result = copy_db(store.conn(), &tmp).and_then(|()| {
        std::fs::rename(&tmp, &dest).map_err(|e| Error::file(&dest, &e))?;
        sync_dir(dir);
        Ok(())
    });
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(backup_file(&dest, kind, &now))
}

/// Where the data stands: the last audit-log entry. Every change of every table (but
/// `app_meta`) writes one, so equal fingerprints mean equal data.
fn fingerprint(conn: &Connection) -> Result<String> {
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

fn open_read_only(p: &Path) -> rusqlite::Result<Connection> {
    Connection::open_with_flags(
        p,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// Whether the data differs from the backup file `f` (true if `f` cannot be read).
fn changed_since(store: &Store, f: &BackupFile) -> Result<bool> {
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
fn newest_comparable(dir: &Path) -> Result<Option<BackupFile>> {
    Ok(list(dir)?
        .into_iter()
        .find(|f| f.kind != BackupKind::Damaged))
}

/// Keeps the newest `keep` daily/exit backups and the newest `keep` safety copies; removes
/// older ones. Manual and damaged files are never removed.
pub fn rotate(dir: &Path, keep: usize) -> Result<Vec<String>> {
    let keep = keep.max(1);
    let all = list(dir)?;
    let mut removed = Vec::new();
    let groups: [fn(BackupKind) -> bool; 2] = [
        |k| k.rotates_with_auto(),
        |k| k == BackupKind::BeforeRestore,
    ];
    for in_group in groups {
        for f in all.iter().filter(|f| in_group(f.kind)).skip(keep) {
            match std::fs::remove_file(&f.path) {
                Ok(()) => removed.push(f.name.clone()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::file(Path::new(&f.path), &e)),
            }
        }
    }
    Ok(removed)
}

fn keep_setting(store: &Store) -> Result<i64> {
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
    let changed_since_last = match &last {
        Some(f) => changed_since(store, f)?,
        None => true,
    };
    let last_manual: Option<BackupFile> = store
        .conn()
        .query_row(
            "SELECT value FROM app_meta WHERE key = ?1",
            [META_LAST_MANUAL],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .and_then(|s| serde_json::from_str(&s).ok());
    Ok(BackupStatus {
        dir: dir.display().to_string(),
        keep: keep_setting(store)?,
        last,
        last_manual,
        changed_since_last,
        backups,
    })
}

fn integrity_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut st = conn.prepare("PRAGMA integrity_check(50)")?;
    let rows: Vec<String> = st
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(if rows.len() == 1 && rows[0] == "ok" {
        Vec::new()
    } else {
        rows
    })
}

fn foreign_key_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut st = conn.prepare("PRAGMA foreign_key_check")?;
    let fk: Vec<String> = st
        .query_map([], |r| {
            Ok(format!(
                "表 {} 第 {} 行引用的 {} 记录不存在",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                r.get::<_, String>(2)?
            ))
        })?
        .take(50)
        .collect::<rusqlite::Result<_>>()?;
    Ok(fk)
}

fn count(conn: &Connection, table: &str) -> Result<i64> {
    Ok(
        conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
            r.get(0)
        })?,
    )
}

/// The database check: integrity, foreign keys, schema version, counts, and advice.
pub fn check(store: &Store) -> Result<CheckReport> {
    let conn = store.conn();
    let mut problems = match integrity_problems(conn) {
        Ok(p) => p,
        Err(e) => vec![e.message],
    };
    let integrity_ok = problems.is_empty();
    match foreign_key_problems(conn) {
        Ok(fk) => problems.extend(fk),
        Err(e) => problems.push(format!("无法检查记录之间的引用：{}", e.message)),
    }
    let schema_version = match store.schema_version() {
        Ok(v) => v,
        Err(e) => {
            problems.push(format!("无法读取数据版本：{}", e.message));
            -1
        }
    };
    let mut counts = Vec::new();
    for (table, label) in COUNTED_TABLES {
        let rows = match count(conn, table) {
            Ok(n) => n,
            Err(e) => {
                problems.push(format!("无法读取表 {table}：{}", e.message));
                -1
            }
        };
        counts.push(TableCount {
            table: table.to_string(),
            label: label.to_string(),
            rows,
        });
    }
    let ours = db::check_is_ours(conn).is_ok();
    if !ours {
        problems.push("缺少敲门行动软件的数据库标记".into());
    }
    if schema_version != SCHEMA_VERSION {
        problems.push(format!(
            "数据版本为 {schema_version}，本软件为 {SCHEMA_VERSION}"
        ));
    }
    let ok = problems.is_empty();
    let advice = if ok {
        "数据库完好，可以放心使用。".to_string()
    } else {
        let newest = dir_for(store.path())
            .and_then(|d| list(&d))
            .ok()
            .and_then(|l| l.into_iter().find(|f| f.kind != BackupKind::Damaged));
        match newest {
            Some(f) => format!(
                "数据库检查没有通过，数据可能已损坏。请先不要继续录入，用“恢复”从最近一次正常的备份恢复（最新的备份是 {}，文件 {}）。恢复前软件会自动保留当前数据库的副本。",
                f.created_cn, f.path
            ),
            None => "数据库检查没有通过，数据可能已损坏。请先不要继续录入，用“恢复”从U盘等处最近一次正常的备份恢复；如果没有备份，请联系软件维护人员。".to_string(),
        }
    };
    Ok(CheckReport {
        ok,
        db_path: store.path().display().to_string(),
        db_size: file_size(store.path()),
        integrity_ok,
        problems,
        schema_version,
        program_schema_version: SCHEMA_VERSION,
        counts,
        advice,
    })
}

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

fn copy_private(src: &Path, dst: &Path) -> Result<()> {
    let _ = std::fs::remove_file(dst);
    db::create_private_file(dst)?;
    let mut r = std::fs::File::open(src).map_err(|e| Error::file(src, &e))?;
    let mut w = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(dst)
        .map_err(|e| Error::file(dst, &e))?;
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = r.read(&mut buf).map_err(|e| Error::file(src, &e))?;
        if n == 0 {
            break;
        }
        w.write_all(&buf[..n]).map_err(|e| Error::file(dst, &e))?;
    }
    w.sync_all().map_err(|e| Error::file(dst, &e))?;
    Ok(())
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
    .map_err(|_| refused(src, "文件无法打开，可能已损坏。"))?;
    let damaged = |_| {
        refused(
            src,
            "文件已损坏（数据库结构无法读取）。请换一个备份文件，例如更早的自动备份。",
        )
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
    let problems = integrity_problems(&conn).map_err(|_| {
        refused(
            src,
            "文件已损坏（完整性检查无法完成）。请换一个备份文件，例如更早的自动备份。",
        )
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
    let summary = summarize(&conn, src, version)
        .map_err(|_| refused(src, "文件内容不完整，无法读取其中的登记和检查记录。"))?;
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
    std::fs::rename(&tmp, db_path).map_err(|e| Error::file(db_path, &e))?;
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

fn move_file(from: &Path, to: &Path) -> Result<()> {
    if std::fs::rename(from, to).is_ok() {
        return Ok(());
    }
    // Another file system: copy, then remove.
    copy_private(from, to)?;
    std::fs::remove_file(from).map_err(|e| Error::file(from, &e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::households::HouseholdInput;

    fn store_with(dir: &Path, n: usize) -> Store {
        let mut s = crate::open(&dir.join("db.sqlite3")).unwrap();
        add_households(&mut s, n, "张");
        s
    }

    fn add_households(s: &mut Store, n: usize, surname: &str) {
        let tx = s.conn_mut().transaction().unwrap();
        for i in 0..n {
            crate::households::add(
                &tx,
                &HouseholdInput {
                    name: format!("{surname}{i}"),
                    address: format!("{i}号"),
                    ..Default::default()
                },
            )
            .unwrap();
        }
        tx.commit().unwrap();
    }

    fn households(s: &Store) -> i64 {
        count(s.conn(), "households").unwrap()
    }

    #[test]
    fn names_round_trip_and_foreign_names_are_ignored() {
        let (t, k, n) = parse_name_seq("qiaomen-20241223-180512-daily.sqlite3").unwrap();
        assert_eq!(t.to_string(), "2024-12-23 18:05:12");
        assert_eq!((k, n), (BackupKind::Daily, 1));
        let (_, k, n) = parse_name_seq("qiaomen-20241223-180512-before-restore-3.sqlite3").unwrap();
        assert_eq!((k, n), (BackupKind::BeforeRestore, 3));
        for bad in [
            "qiaomen.sqlite3",
            "qiaomen-2024-daily.sqlite3",
            "qiaomen-20241223-180512-weekly.sqlite3",
            "qiaomen-20241223-180512-daily.sqlite3.part",
            "qiaomen-20241223-1805１２-daily.sqlite3",
            "notes.txt",
        ] {
            assert!(parse_name_seq(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn manual_backup_is_a_private_single_file_with_all_data() {
        let tmp = tempfile::tempdir().unwrap();
        let s = store_with(tmp.path(), 30);
        let out = tmp.path().join("u盘").join("备份.sqlite3");
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        let f = backup_to(&s, &out).unwrap();
        assert_eq!(f.kind, BackupKind::Manual);
        assert!(f.size > 0);
        assert!(!PathBuf::from(format!("{}-wal", out.display())).exists());
        let c = open_read_only(&out).unwrap();
        let mode: String = c
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete");
        assert_eq!(count(&c, "households").unwrap(), 30);
        db::check_is_ours(&c).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&out).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "{mode:o}");
        }
        // No leftovers next to it.
        let names: Vec<_> = std::fs::read_dir(out.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        let st = status(&s, &tmp.path().join("backups")).unwrap();
        assert_eq!(st.last_manual.unwrap().path, out.display().to_string());
        assert!(st.last.is_none() && st.changed_since_last);
    }

    #[test]
    fn backup_refuses_the_live_database_and_missing_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let s = store_with(tmp.path(), 1);
        let e = backup_to(&s, s.path()).unwrap_err();
        assert_eq!(e.code, ErrorCode::Invalid);
        let e = backup_to(&s, &tmp.path().join("没有的文件夹/备份.sqlite3")).unwrap_err();
        assert!(e.message.contains("不存在"), "{}", e.message);
        let e = backup_to(&s, tmp.path()).unwrap_err();
        assert!(e.message.contains("文件夹"), "{}", e.message);
        assert_eq!(households(&s), 1);
    }

    #[test]
    fn auto_backups_skip_unchanged_data_and_rotate() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("backups");
        let mut s = store_with(tmp.path(), 3);
        let mut set = crate::settings::load(s.conn()).unwrap();
        set.unit_name = "测试村".into();
        set.backup_keep = 3;
        crate::settings::save(s.conn(), &set).unwrap();

        let r = backup_on_start(&s, &dir).unwrap();
        assert!(r.made.is_some());
        let r = backup_on_start(&s, &dir).unwrap();
        assert!(r.made.is_none());
        assert!(r.skipped.unwrap().contains("今天已经备份过"));
        let r = backup_on_exit(&s, &dir).unwrap();
        assert!(r.made.is_none(), "unchanged data is not backed up again");
        assert!(r.skipped.unwrap().contains("没有改动"));
        assert!(!status(&s, &dir).unwrap().changed_since_last);

        // A foreign file in the folder is never touched by the rotation.
        std::fs::write(dir.join("说明.txt"), "别删我").unwrap();
        for i in 0..5 {
            add_households(&mut s, 1, &format!("李{i}"));
            assert!(status(&s, &dir).unwrap().changed_since_last);
            let r = backup_on_exit(&s, &dir).unwrap();
            assert!(r.made.is_some());
        }
        let l = list(&dir).unwrap();
        assert_eq!(l.len(), 3, "{l:?}");
        assert!(dir.join("说明.txt").exists());
        // The newest one holds the newest data.
        let c = open_read_only(Path::new(&l[0].path)).unwrap();
        assert_eq!(count(&c, "households").unwrap(), 8);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            for f in &l {
                let mode = std::fs::metadata(&f.path).unwrap().permissions().mode();
                assert_eq!(mode & 0o077, 0, "{mode:o}");
            }
        }
    }

    #[test]
    fn restore_replaces_data_and_keeps_a_safety_copy() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("backups");
        let mut s = store_with(tmp.path(), 10);
        let out = tmp.path().join("b.sqlite3");
        backup_to(&s, &out).unwrap();
        add_households(&mut s, 5, "王");
        assert_eq!(households(&s), 15);

        let summary = inspect(&out, &dir).unwrap();
        assert_eq!(summary.households, 10);
        let r = restore(&mut s, &out, &dir).unwrap();
        assert_eq!(households(&s), 10);
        assert!(!r.upgraded);
        // The record of this PC's last manual backup survives the restore.
        let st = status(&s, &dir).unwrap();
        assert_eq!(st.last_manual.unwrap().path, out.display().to_string());
        assert_eq!(r.safety_copy.kind, BackupKind::BeforeRestore);
        let c = open_read_only(Path::new(&r.safety_copy.path)).unwrap();
        assert_eq!(count(&c, "households").unwrap(), 15);
        // The store keeps working, and a reopen sees the restored data.
        add_households(&mut s, 1, "赵");
        let path = s.path().to_path_buf();
        drop(s);
        let s = crate::open(&path).unwrap();
        assert_eq!(households(&s), 11);
        assert!(check(&s).unwrap().ok);
        // No staging files are left behind.
        let stray: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(stray.is_empty(), "{stray:?}");
        // The clerk's file was not changed.
        let c = open_read_only(&out).unwrap();
        assert_eq!(count(&c, "households").unwrap(), 10);
    }

    fn assert_refused_unchanged(s: &mut Store, dir: &Path, bad: &Path, want: &str) {
        let before = households(s);
        let files_before = list(dir).unwrap().len();
        let e = restore(s, bad, dir).unwrap_err();
        assert!(e.message.contains(want), "{}", e.message);
        assert!(e.message.contains("没有做任何改动"), "{}", e.message);
        assert_eq!(households(s), before);
        assert_eq!(
            list(dir).unwrap().len(),
            files_before,
            "no safety copy for a refused file"
        );
        assert!(check(s).unwrap().ok);
    }

    #[test]
    fn foreign_empty_newer_and_corrupt_files_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("backups");
        let mut s = store_with(tmp.path(), 4);

        let text = tmp.path().join("名单.xlsx");
        std::fs::write(&text, "PK\u{3}\u{4} 这不是数据库").unwrap();
        assert_refused_unchanged(&mut s, &dir, &text, "不是敲门行动软件的备份文件");

        let empty = tmp.path().join("empty.sqlite3");
        std::fs::write(&empty, "").unwrap();
        assert_refused_unchanged(&mut s, &dir, &empty, "不是敲门行动软件的备份文件");

        let blank = tmp.path().join("blank.sqlite3");
        Connection::open(&blank)
            .unwrap()
            .execute_batch("PRAGMA user_version = 0; VACUUM;")
            .unwrap();
        assert_refused_unchanged(&mut s, &dir, &blank, "空数据库");

        let foreign = tmp.path().join("foreign.db");
        Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            .unwrap();
        assert_refused_unchanged(&mut s, &dir, &foreign, "其他软件的数据库");

        let newer = tmp.path().join("newer.sqlite3");
        backup_to(&s, &newer).unwrap();
        Connection::open(&newer)
            .unwrap()
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        let e = restore(&mut s, &newer, &dir).unwrap_err();
        assert_eq!(e.code, ErrorCode::DbTooNew);
        assert!(e.message.contains("没有做任何改动"));

        let corrupt = tmp.path().join("corrupt.sqlite3");
        add_households(&mut s, 300, "孙");
        backup_to(&s, &corrupt).unwrap();
        corrupt_middle(&corrupt);
        assert_refused_unchanged(&mut s, &dir, &corrupt, "已损坏");

        let missing = tmp.path().join("没有这个文件.sqlite3");
        let e = restore(&mut s, &missing, &dir).unwrap_err();
        assert!(e.message.contains("不存在"), "{}", e.message);
        let e = restore(&mut s, tmp.path(), &dir).unwrap_err();
        assert!(e.message.contains("不是一个文件"), "{}", e.message);
    }

    /// Overwrites a few pages in the middle of a database file with garbage.
    pub(crate) fn corrupt_middle(p: &Path) {
        let mut bytes = std::fs::read(p).unwrap();
        let page = 4096;
        let pages = bytes.len() / page;
        assert!(pages > 6, "file too small to corrupt: {pages} pages");
        for pg in [pages / 2, pages / 2 + 1, pages - 2] {
            for b in &mut bytes[pg * page..pg * page + page] {
                *b = 0xA5;
            }
        }
        std::fs::write(p, bytes).unwrap();
    }

    #[test]
    fn check_reports_counts_and_damage_with_advice() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("backups");
        let s = store_with(tmp.path(), 400);
        let r = check(&s).unwrap();
        assert!(r.ok && r.integrity_ok, "{r:?}");
        assert_eq!(r.schema_version, SCHEMA_VERSION);
        let hh = r.counts.iter().find(|c| c.table == "households").unwrap();
        assert_eq!(hh.rows, 400);
        backup_into(&s, &dir, BackupKind::Daily).unwrap();
        let path = s.path().to_path_buf();
        drop(s);
        corrupt_middle(&path);
        // A damaged file may still open; the check must say so and point at the backup.
        match crate::open(&path) {
            Ok(s) => {
                let r = check(&s).unwrap();
                assert!(!r.ok && !r.integrity_ok, "{r:?}");
                assert!(r.advice.contains("恢复"), "{}", r.advice);
                assert!(r.advice.contains("qiaomen-"), "{}", r.advice);
            }
            Err(e) => assert_eq!(e.code, ErrorCode::DbInvalid),
        }
    }

    #[test]
    fn offline_restore_moves_the_damaged_database_aside() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("backups");
        let s = store_with(tmp.path(), 300);
        let good = backup_into(&s, &dir, BackupKind::Daily).unwrap();
        let path = s.path().to_path_buf();
        drop(s);
        let damaged_bytes = {
            corrupt_middle(&path);
            std::fs::read(&path).unwrap()
        };
        let r = restore_offline(&path, Path::new(&good.path), &dir).unwrap();
        assert_eq!(r.safety_copy.kind, BackupKind::Damaged);
        assert_eq!(std::fs::read(&r.safety_copy.path).unwrap(), damaged_bytes);
        let s = crate::open(&path).unwrap();
        assert_eq!(households(&s), 300);
        assert!(check(&s).unwrap().ok);
        // A damaged copy is never rotated away and never offered as the newest backup.
        let st = status(&s, &dir).unwrap();
        assert_eq!(st.last.unwrap().kind, BackupKind::Daily);
    }

    #[test]
    fn older_schema_is_upgraded_on_restore() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("backups");
        let mut s = store_with(tmp.path(), 2);
        // A version-1 database: only the first migration, as an older qiaomen wrote it.
        let old = tmp.path().join("old.sqlite3");
        {
            let c = Connection::open(&old).unwrap();
            c.execute_batch(db::MIGRATIONS[0].1).unwrap();
            c.execute(
                "INSERT INTO app_meta (key, value) VALUES ('application', ?1)",
                [APP_MARKER],
            )
            .unwrap();
            c.pragma_update(None, "user_version", 1).unwrap();
        }
        let r = restore(&mut s, &old, &dir).unwrap();
        assert_eq!(r.restored.schema_version, 1);
        assert_eq!(r.upgraded, SCHEMA_VERSION > 1);
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(households(&s), 0);
        assert!(check(&s).unwrap().ok);
    }

    #[test]
    fn restore_with_another_page_size() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("backups");
        let mut s = store_with(tmp.path(), 20);
        let out = tmp.path().join("p.sqlite3");
        backup_to(&s, &out).unwrap();
        Connection::open(&out)
            .unwrap()
            .execute_batch("PRAGMA page_size = 8192; VACUUM;")
            .unwrap();
        add_households(&mut s, 3, "周");
        restore(&mut s, &out, &dir).unwrap();
        assert_eq!(households(&s), 20);
        assert!(check(&s).unwrap().ok);
    }
}
