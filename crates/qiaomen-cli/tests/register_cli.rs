//! The register from the command line, on a real database file.

use serde_json::Value;
use std::path::Path;
use std::process::Command;
mod common;
use common::*;

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn init_add_list_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data").join("q.sqlite3");
    ok(
        &db,
        &[
            "init",
            "--unit",
            "东村村委会",
            "--contact",
            "王文书",
            "--phone",
            "13800138000",
        ],
    );
    ok(
        &db,
        &["grids", "add", "--name", "一组", "--leader", "张德山"],
    );
    ok(
        &db,
        &[
            "households",
            "add",
            "--name",
            "李䶮",
            "--address",
            "东村一组3号",
            "--grid",
            "一组",
            "--residents",
            "3",
            "--vulnerable",
            "1",
            "--phone",
            "１３８００１３８００１",
            "--structure",
            "砖木结构",
            "--nature",
            "居民住宅",
            "--floors",
            "2",
            "--area",
            "120.5",
            "--id-number",
            "11010519491231002x",
        ],
    );
    ok(
        &db,
        &[
            "households",
            "add",
            "--name",
            "张三",
            "--address",
            "东村二组1号",
        ],
    );
    let list: Value = serde_json::from_str(&ok(&db, &["households", "list", "--json"])).unwrap();
    let arr = list.as_array().unwrap();
    assert_eq!(arr.len(), 2);
    let li = &arr[0];
    for key in [
        "id",
        "code",
        "name",
        "address",
        "phone",
        "grid",
        "residents",
        "vulnerable",
    ] {
        assert!(li.get(key).is_some(), "missing {key}");
    }
    assert_eq!(li["name"], "李䶮");
    assert_eq!(li["code"], "01001");
    assert_eq!(li["grid"], "一组");
    assert_eq!(li["phone"], "13800138001");
    assert_eq!(li["residents"], 3);
    assert_eq!(li["vulnerable"], 1);
    assert_eq!(li["id_number"], "11010519491231002X");
    assert_eq!(li["area"], 120.5);
    assert_eq!(arr[1]["code"], "00001");
    // Search by pinyin initials, phone, code.
    for (q, want) in [
        ("zs", "张三"),
        ("ly", "李䶮"),
        ("138001", "李䶮"),
        ("01001", "李䶮"),
    ] {
        let found: Value =
            serde_json::from_str(&ok(&db, &["households", "list", "--search", q, "--json"]))
                .unwrap();
        let names: Vec<&str> = found
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, vec![want], "search {q}");
    }
    let by_grid: Value = serde_json::from_str(&ok(
        &db,
        &["households", "list", "--grid", "一组", "--json"],
    ))
    .unwrap();
    assert_eq!(by_grid.as_array().unwrap().len(), 1);
}

#[test]
fn bad_input_gets_chinese_message_and_nonzero_exit_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.sqlite3");
    ok(&db, &["init", "--unit", "东村"]);
    let cases: &[&[&str]] = &[
        &[
            "households",
            "add",
            "--name",
            "王五",
            "--id-number",
            "110105194912310021",
        ],
        &["households", "add", "--name", "王五", "--phone", "12345"],
        &[
            "households",
            "add",
            "--name",
            "王五",
            "--residents",
            "2",
            "--vulnerable",
            "3",
        ],
        &["households", "add", "--name", "王五", "--floors", "-1"],
        &["households", "add", "--name", "   "],
        &[
            "households",
            "add",
            "--name",
            "王五",
            "--grid",
            "不存在的组",
        ],
        &["init", "--unit", ""],
    ];
    for args in cases {
        let o = qm(&db, args);
        assert!(!o.status.success(), "{args:?} should fail");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(has_cjk(&err), "{args:?}: {err}");
        assert!(err.starts_with("错误："), "{args:?}: {err}");
    }
    let list: Value = serde_json::from_str(&ok(&db, &["households", "list", "--json"])).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 0);
}

#[test]
fn qiaomen_db_environment_variable_selects_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.sqlite3");
    let o = Command::new(env!("CARGO_BIN_EXE_qiaomen"))
        .args(["init", "--unit", "环境村"])
        .env("QIAOMEN_DB", &db)
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(db.exists());
    let out = ok(&db, &["info", "--json"]);
    let info: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(info["settings"]["unit_name"], "环境村");
}

#[test]
fn newer_database_is_refused_with_exit_3() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.sqlite3");
    ok(&db, &["init", "--unit", "东村"]);
    {
        let c = rusqlite_free_set_version(&db);
        assert!(c);
    }
    let o = qm(&db, &["households", "list"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&o.stderr).contains("更新版本"));
}

/// Sets user_version with the sqlite3 shell if present, else through a tiny SQL via python.
fn rusqlite_free_set_version(db: &Path) -> bool {
    let py = "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version=999'); c.commit()";
    Command::new("python3")
        .args(["-c", py])
        .arg(db)
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}
