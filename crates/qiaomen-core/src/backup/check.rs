//! The database check: integrity, foreign keys, schema version, row counts and advice.

use super::files::list;
use super::{dir_for, file_size, BackupKind};
use crate::db::{self, Store, SCHEMA_VERSION};
use crate::error::Result;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

/// Row count of one table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TableCount {
    /// The table's name in the database.
    pub table: String,
    /// Chinese name of the table.
    pub label: String,
    /// Rows in it.
    pub rows: i64,
}

/// Result of `check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CheckReport {
    /// True when every check passed.
    pub ok: bool,
    /// Full path of the database file checked.
    pub db_path: String,
    /// Its size in bytes.
    #[ts(type = "number")]
    pub db_size: u64,
    /// `PRAGMA integrity_check` said "ok".
    pub integrity_ok: bool,
    /// What integrity_check and foreign_key_check reported (at most 50 lines), empty when ok.
    pub problems: Vec<String>,
    /// The schema version of the database (the number of the last migration applied).
    pub schema_version: i64,
    /// The schema version this program writes.
    pub program_schema_version: i64,
    /// Row counts of the main tables.
    pub counts: Vec<TableCount>,
    /// What to do, in plain Chinese.
    pub advice: String,
}

/// Tables counted by `check`, with their Chinese names.
pub const COUNTED_TABLES: &[(&str, &str)] = &[
    ("grids", "网格"),
    ("households", "户/场所"),
    ("people", "重点人员"),
    ("inspections", "入户检查"),
    ("answers", "检查项答案"),
    ("hazards", "隐患"),
    ("revisits", "回访"),
    ("hazard_measures", "防控措施"),
    ("hazard_escalations", "隐患上报"),
    ("publicity", "宣传活动"),
    ("rounds", "轮次"),
    ("templates", "检查表模板"),
    ("settings", "设置项"),
    ("audit_log", "修改记录"),
];

pub(super) fn integrity_problems(conn: &Connection) -> Result<Vec<String>> {
    pragma_problems(conn, "PRAGMA integrity_check(50)")
}

/// `PRAGMA quick_check`: the same checks but for index contents (O(N) against integrity
/// check's O(N log N)); what the app runs at start, the daily backup's full check of the
/// copy doing the rest.
pub(super) fn quick_problems(conn: &Connection) -> Result<Vec<String>> {
    pragma_problems(conn, "PRAGMA quick_check(50)")
}

fn pragma_problems(conn: &Connection, sql: &str) -> Result<Vec<String>> {
    let mut st = conn.prepare(sql)?;
    let rows: Vec<String> = st
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(if rows.len() == 1 && rows[0] == "ok" {
        Vec::new()
    } else {
        rows
    })
}

pub(super) fn foreign_key_problems(conn: &Connection) -> Result<Vec<String>> {
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

pub(super) fn count(conn: &Connection, table: &str) -> Result<i64> {
    Ok(
        conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
            r.get(0)
        })?,
    )
}

/// The database check: integrity, foreign keys, schema version, counts, and advice. The
/// WAL is checkpointed first so that `db_size` is the size of the data, not of an empty
/// main file with everything still in the WAL.
pub fn check(store: &Store) -> Result<CheckReport> {
    checkpoint(store.conn());
    check_with(store, integrity_problems)
}

/// The start-up check: like [`check`] with `PRAGMA quick_check` (no index contents), fast
/// enough to run while the register is already on screen.
pub fn quick_check(store: &Store) -> Result<CheckReport> {
    check_with(store, quick_problems)
}

/// Moves what the WAL holds into the database file (best effort: a reader elsewhere may
/// hold part of it back; the size is then only a little short).
pub fn checkpoint(conn: &Connection) {
    let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
}

fn check_with(
    store: &Store,
    integrity: fn(&Connection) -> Result<Vec<String>>,
) -> Result<CheckReport> {
    let conn = store.conn();
    let mut problems = match integrity(conn) {
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
        // What is still in the WAL (a checkpoint held back by a reader) counts too.
        db_size: file_size(store.path())
            + file_size(std::path::Path::new(&format!(
                "{}-wal",
                store.path().display()
            ))),
        integrity_ok,
        problems,
        schema_version,
        program_schema_version: SCHEMA_VERSION,
        counts,
        advice,
    })
}
