//! The SQLite store: opening, pragmas and migrations.
//!
//! Migrations are the SQL files in `migrations/`, applied in order inside one transaction
//! each; `PRAGMA user_version` records how many were applied. They are additive only (a test
//! guards this). A database written by a newer qiaomen (higher user_version) is refused
//! without being touched.

use crate::error::{Context, Error, ErrorCode, Result};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// The migrations, in order. Never edit or reorder a released one: add a new file.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("../migrations/0001_init.sql")),
    (
        "0002_audit_triggers",
        include_str!("../migrations/0002_audit_triggers.sql"),
    ),
    (
        "0003_stats_indexes",
        include_str!("../migrations/0003_stats_indexes.sql"),
    ),
    (
        "0004_audit_insert_entries",
        include_str!("../migrations/0004_audit_insert_entries.sql"),
    ),
    (
        "0005_attributes",
        include_str!("../migrations/0005_attributes.sql"),
    ),
    (
        "0006_hazard_escalation",
        include_str!("../migrations/0006_hazard_escalation.sql"),
    ),
    (
        "0007_double_entry",
        include_str!("../migrations/0007_double_entry.sql"),
    ),
    (
        "0008_township",
        include_str!("../migrations/0008_township.sql"),
    ),
    (
        "0009_audit_by_record",
        include_str!("../migrations/0009_audit_by_record.sql"),
    ),
    (
        "0010_desk_indexes",
        include_str!("../migrations/0010_desk_indexes.sql"),
    ),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Value of `app_meta.application` in every qiaomen database.
pub const APP_MARKER: &str = "qiaomen";

/// An open qiaomen database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(|e| Error::file(dir, &e))?;
            }
        }
        if !path.exists() {
            create_private_file(path)?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .context(|| {
            Error::new(
                ErrorCode::Io,
                format!(
                    "无法打开数据库文件“{}”，请检查文件和所在文件夹的权限。",
                    path.display()
                ),
            )
        })?;
        configure(&conn)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.migrate()?;
        Ok(store)
    }

    /// An in-memory database with the full schema (tests, dry runs).
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        cached_statements(&conn)?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        let mut store = Store {
            conn,
            path: PathBuf::from(":memory:"),
        };
        store.migrate()?;
        Ok(store)
    }

    /// The database file's path (`:memory:` for an in-memory store).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The open connection (foreign keys on, migrations applied).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The open connection, mutably (for transactions that need `&mut`).
    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// The schema version recorded in the file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    fn migrate(&mut self) -> Result<()> {
        let version: i64 = self.schema_version()?;
        let has_tables: bool = self.conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        if has_tables {
            check_is_ours(&self.conn)?;
        }
        if version > SCHEMA_VERSION {
            return Err(Error::new(
                ErrorCode::DbTooNew,
                format!(
                    "这个数据库由更新版本的敲门行动软件写入（数据版本 {version}，本软件只认识到 {SCHEMA_VERSION}）。\
                     为保护数据，本软件不会打开它。请安装最新版本后再打开。"
                ),
            ));
        }
        for (i, (name, sql)) in MIGRATIONS.iter().enumerate() {
            let v = i as i64 + 1;
            if v <= version {
                continue;
            }
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)
                .context(|| Error::internal(format!("数据库升级（{name}）失败，数据没有改动。")))?;
            if v == 1 {
                tx.execute(
                    "INSERT INTO app_meta (key, value) VALUES ('application', ?1)",
                    [APP_MARKER],
                )?;
            }
            tx.pragma_update(None, "user_version", v)?;
            tx.commit()?;
        }
        Ok(())
    }
}

/// How prepared statements are kept (the file's connection and the in-memory one alike).
fn cached_statements(conn: &Connection) -> Result<()> {
    // Room for the statements of one saved form (inspection, answers, hazards, attributes,
    // household, template, settings: ~30): rusqlite's default of 16 made them evict each
    // other, and the entry sheet's import prepared every statement again on every row.
    conn.set_prepared_statement_cache_capacity(64);
    // The query planner stability guarantee: a plan never depends on the values bound.
    // Without it SQLite (3.54) marks a `column = ?N` parameter as one whose value may change
    // the plan, and the sqlite3_clear_bindings that rusqlite's cache runs when a statement
    // comes back then expires the statement: every cached statement with such a parameter
    // was compiled again on every use (the entry sheet's import spent ~60% of its
    // instructions in SQLite's parser). We run no ANALYZE and no LIKE on a NOCASE index,
    // so no plan here gained anything from the bound values.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    cached_statements(conn)?;
    // journal_mode returns a row; read it rather than execute_batch.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::new(
            ErrorCode::Io,
            "无法启用数据库的安全写入模式（WAL），请把数据放在本机硬盘上。",
        ));
    }
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA synchronous = FULL;
         PRAGMA temp_store = MEMORY;",
    )?;
    Ok(())
}

/// Refuses a file that holds tables but is not a qiaomen database.
pub fn check_is_ours(conn: &Connection) -> Result<()> {
    let marker: Option<String> = conn
        .query_row(
            "SELECT value FROM app_meta WHERE key = 'application'",
            [],
            |r| r.get(0),
        )
        .ok();
    if marker.as_deref() != Some(APP_MARKER) {
        return Err(Error::new(
            ErrorCode::DbInvalid,
            "这个文件不是敲门行动软件的数据库，本软件不会改动它。",
        ));
    }
    Ok(())
}

/// Creates an empty file readable and writable by the owner only (personal data).
pub fn create_private_file(path: &Path) -> Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    match opts.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::file(path, &e)),
    }
}

/// Default database location: the OS app-data folder of the app's identifier, the same
/// folder Tauri's `app_data_dir()` resolves to.
pub fn default_db_path() -> PathBuf {
    app_data_dir().join("qiaomen.sqlite3")
}

/// Tauri app identifier (must match tauri.conf.json).
pub const APP_IDENTIFIER: &str = "cn.qiaomen.desktop";

/// The per-user folder of the app's data: [`APP_IDENTIFIER`] inside `%APPDATA%` on Windows,
/// `~/Library/Application Support` on macOS, `$XDG_DATA_HOME` (else `~/.local/share`)
/// elsewhere; inside the current folder when none of those is set.
pub fn app_data_dir() -> PathBuf {
    #[cfg(target_os = "windows")]
    let base = std::env::var_os("APPDATA").map(PathBuf::from);
    #[cfg(target_os = "macos")]
    let base = std::env::var_os("HOME")
        .map(|h| PathBuf::from(h).join("Library").join("Application Support"));
    #[cfg(all(unix, not(target_os = "macos")))]
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")));
    base.unwrap_or_else(|| PathBuf::from("."))
        .join(APP_IDENTIFIER)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_database_gets_all_migrations_and_marker() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.sqlite3");
        let s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        check_is_ours(s.conn()).unwrap();
        let fk: i64 = s
            .conn()
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        let sync: i64 = s
            .conn()
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2, "synchronous=FULL");
        drop(s);
        // Reopening is a no-op.
        let s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    }

    /// A cached statement is compiled once, not again on every use: without the planner's
    /// stability guarantee, rusqlite clearing the bindings of a `column = ?1` statement on
    /// its way back to the cache expired it (the entry sheet's import re-parsed its
    /// statements ~10 times a row).
    #[test]
    fn cached_statements_are_not_compiled_again() {
        let dir = tempfile::tempdir().unwrap();
        let file = Store::open(&dir.path().join("c.sqlite3")).unwrap();
        let memory = Store::open_in_memory().unwrap();
        let sql = "SELECT item_no, answer FROM answers WHERE inspection_id = ?1 ORDER BY item_no";
        for s in [&file, &memory] {
            for id in ["a", "b", "c"] {
                let mut st = s.conn().prepare_cached(sql).unwrap();
                let mut rows = st.query([id]).unwrap();
                while rows.next().unwrap().is_some() {}
            }
            let st = s.conn().prepare_cached(sql).unwrap();
            assert_eq!(st.get_status(rusqlite::StatementStatus::RePrepare), 0);
        }
    }

    #[cfg(unix)]
    #[test]
    fn database_file_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.sqlite3");
        drop(Store::open(&path).unwrap());
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "mode {mode:o}");
    }

    #[test]
    fn newer_database_is_refused_and_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.sqlite3");
        drop(Store::open(&path).unwrap());
        {
            let c = Connection::open(&path).unwrap();
            c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
                .unwrap();
            c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).unwrap_err();
        assert_eq!(err.code, ErrorCode::DbTooNew);
        assert!(err.message.contains("更新版本"), "{}", err.message);
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn foreign_sqlite_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.sqlite3");
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
                .unwrap();
        }
        let err = Store::open(&path).unwrap_err();
        assert_eq!(err.code, ErrorCode::DbInvalid);
    }

    #[test]
    fn text_file_is_refused_as_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.sqlite3");
        std::fs::write(&path, "这不是数据库".repeat(200)).unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(
            matches!(err.code, ErrorCode::DbInvalid | ErrorCode::Io),
            "{err:?}"
        );
    }
}
