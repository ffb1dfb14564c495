//! Guards the migration rules: migrations are applied in order, released ones never change,
//! no migration drops or renames what an earlier one wrote, and the audit triggers record
//! every column of every audited table.

use qiaomen_core::db::{MIGRATIONS, SCHEMA_VERSION};
use rusqlite::Connection;
use std::collections::BTreeMap;

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

#[test]
fn released_migrations_never_change() {
    let released = include_str!("../migrations/RELEASED");
    let by_name: BTreeMap<&str, &str> = MIGRATIONS.iter().copied().collect();
    let mut n = 0;
    for line in released
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (name, hash) = line.split_once(' ').expect("name hash");
        let sql = by_name
            .get(name)
            .unwrap_or_else(|| panic!("released migration {name} was removed"));
        assert_eq!(
            format!("{:016x}", fnv1a(sql.as_bytes())),
            hash.trim(),
            "released migration {name} was edited: add a new migration instead"
        );
        n += 1;
    }
    // Released migrations are a prefix of the list, in order.
    let names: Vec<&str> = released
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let applied: Vec<&str> = MIGRATIONS.iter().take(n).map(|(name, _)| *name).collect();
    assert_eq!(names, applied, "migrations must stay in order");
}

#[test]
fn migrations_are_numbered_in_order() {
    // The runner counts by position (`user_version` = how many ran): migration N is the
    // N-th of the list, so a file's number is its position, with no gap and no repeat.
    for (i, (name, _)) in MIGRATIONS.iter().enumerate() {
        let num: usize = name[..4].parse().expect("NNNN_ prefix");
        assert_eq!(num, i + 1, "{name} is not migration number {}", i + 1);
    }
    assert_eq!(SCHEMA_VERSION as usize, MIGRATIONS.len());
}

fn strip_comments(sql: &str) -> String {
    sql.lines()
        .map(|l| l.split("--").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
        .to_uppercase()
}

#[test]
fn no_migration_drops_or_renames_data() {
    for (name, sql) in MIGRATIONS {
        let s = strip_comments(sql);
        let words: Vec<&str> = s.split_whitespace().collect();
        for w in words.windows(2) {
            if w[0] == "DROP" {
                assert!(
                    matches!(w[1], "TRIGGER" | "VIEW"),
                    "{name}: DROP {} is not additive",
                    w[1]
                );
            }
            if w[0] == "RENAME" {
                panic!("{name}: RENAME is not additive");
            }
        }
    }
}

type Schema = BTreeMap<String, Vec<(String, String, bool, i64)>>;

fn schema(conn: &Connection) -> (Schema, Vec<String>) {
    let mut tables = Schema::new();
    let mut st = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap();
    let names: Vec<String> = st
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    for t in names {
        let mut st = conn.prepare(&format!("PRAGMA table_info({t})")).unwrap();
        let cols = st
            .query_map([], |r| {
                Ok((r.get(1)?, r.get(2)?, r.get::<_, i64>(3)? == 1, r.get(5)?))
            })
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        tables.insert(t, cols);
    }
    let mut st = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        .unwrap();
    let indexes = st
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    (tables, indexes)
}

#[test]
fn each_migration_keeps_every_table_column_and_index_of_the_ones_before() {
    let conn = Connection::open_in_memory().unwrap();
    let mut snapshots = vec![];
    for (name, sql) in MIGRATIONS {
        conn.execute_batch(sql)
            .unwrap_or_else(|e| panic!("{name} fails: {e}"));
        snapshots.push((name, schema(&conn)));
    }
    let (final_tables, final_indexes) = &snapshots.last().unwrap().1;
    for (name, (tables, indexes)) in &snapshots {
        for (t, cols) in tables {
            let now = final_tables
                .get(t)
                .unwrap_or_else(|| panic!("table {t} (from {name}) is gone"));
            for c in cols {
                assert!(
                    now.contains(c),
                    "column {t}.{} (from {name}) changed or is gone",
                    c.0
                );
            }
        }
        for i in indexes {
            assert!(final_indexes.contains(i), "index {i} (from {name}) is gone");
        }
    }
}

#[test]
fn audit_triggers_cover_every_column() {
    let dir = tempfile::tempdir().unwrap();
    let store = qiaomen_core::Store::open(&dir.path().join("a.sqlite3")).unwrap();
    let conn = store.conn();
    let (tables, _) = schema(conn);
    let mut st = conn
        .prepare("SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_%'")
        .unwrap();
    let triggers: Vec<(String, String, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let audited: std::collections::BTreeSet<&str> =
        triggers.iter().map(|(t, _, _)| t.as_str()).collect();
    for t in tables.keys() {
        // Not audited: the log itself, the file's marker, the attributes derived from the
        // audited answers (0005), the archive that migration 0005 wrote once, and the
        // township's copies of the villages' records (0008: replaced whole by each package,
        // their history is the village's own audit log; tw_imports records every package).
        if matches!(
            t.as_str(),
            "audit_log" | "app_meta" | "sqlite_sequence" | "household_attributes" | "moved_hazards"
        ) || t.starts_with("tw_")
        {
            continue;
        }
        assert!(
            audited.contains(t.as_str()),
            "table {t} has no audit triggers: run tools/gen_audit_triggers.py into a new migration"
        );
    }
    for (t, name, sql) in &triggers {
        let cols = &tables[t];
        for action in ["insert", "update", "delete"] {
            // An answer's insert is recorded by its form's (0009).
            if t == "answers" && action == "insert" {
                continue;
            }
            assert!(
                triggers
                    .iter()
                    .any(|(tt, n, _)| tt == t && n.ends_with(action)),
                "{t} lacks its {action} trigger"
            );
        }
        if name.ends_with("_insert") {
            // Since 0004 insert entries name the row without copying it (see src/audit.rs).
            assert!(
                sql.contains("'insert', NULL, NULL"),
                "trigger {name} should record the inserted row's key only"
            );
            continue;
        }
        for (c, ..) in cols {
            assert!(
                sql.contains(&format!("'{c}',")),
                "trigger {name} does not record column {t}.{c}: recreate it in a new migration (tools/gen_audit_triggers.py)"
            );
        }
    }
}

#[test]
fn audit_log_records_old_and_new() {
    let dir = tempfile::tempdir().unwrap();
    let store = qiaomen_core::open(&dir.path().join("a.sqlite3")).unwrap();
    let c = store.conn();
    let h = qiaomen_core::households::add(
        c,
        &qiaomen_core::households::HouseholdInput {
            name: "李䶮".into(),
            address: "一组".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let mut input = qiaomen_core::households::HouseholdInput {
        name: "李䶮".into(),
        address: "二组".into(),
        ..Default::default()
    };
    qiaomen_core::households::update(c, &h.id, &input).unwrap();
    input.address = "二组".into();
    qiaomen_core::households::delete(c, &h.id).unwrap();
    let rows: Vec<(String, Option<String>, Option<String>)> = c
        .prepare("SELECT action, old, new FROM audit_log WHERE entity = 'households' AND entity_id = ?1 ORDER BY seq")
        .unwrap()
        .query_map([&h.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].0, "insert");
    assert_eq!(rows[1].0, "update");
    assert!(rows[1].1.as_ref().unwrap().contains("\"address\":\"一组\""));
    assert!(rows[1].2.as_ref().unwrap().contains("\"address\":\"二组\""));
    assert_eq!(rows[2].0, "delete");
    assert!(rows[2].2.is_none());
}
