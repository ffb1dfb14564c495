//! `qiaomen import households` on a real database file, with the roster fixtures written by
//! openpyxl and LibreOffice (tests/fixtures/rosters, tools/make_roster_fixtures.py).

use serde_json::Value;
use std::path::{Path, PathBuf};
mod common;
use common::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/rosters")
        .join(name)
}

fn import_json(db: &Path, file: &str, extra: &[&str]) -> Value {
    let path = fixture(file);
    let mut args = vec!["import", "households", path.to_str().unwrap(), "--json"];
    args.extend_from_slice(extra);
    let o = qm(db, &args);
    assert!(
        o.status.success(),
        "{file}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn household_count(db: &Path) -> i64 {
    let o = qm(db, &["info", "--json"]);
    assert!(o.status.success());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    v["households"].as_i64().unwrap()
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("qiaomen.db");
    let o = qm(&db, &["init", "--unit", "幸福村村委会"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (dir, db)
}

#[test]
fn json_report_has_the_documented_keys() {
    let (_dir, db) = setup();
    let v = import_json(&db, "numbers_as_text.xlsx", &[]);
    assert_eq!(v["imported"], 6);
    assert!(v["duplicates"].as_array().unwrap().is_empty());
    let skipped = v["skipped"].as_array().unwrap();
    let rows: Vec<i64> = skipped.iter().map(|s| s["row"].as_i64().unwrap()).collect();
    assert_eq!(rows, [5, 7, 9, 10]);
    assert!(skipped[0]["reason"].as_str().unwrap().contains("空行"));
    assert!(v["rejected"].as_array().unwrap().is_empty());
    let w = &v["warnings"][0];
    assert_eq!(
        (w["row"].as_i64(), w["field"].as_str()),
        (Some(11), Some("phone"))
    );
    assert!(w["message"].as_str().unwrap().contains("12345"));
    assert_eq!(household_count(&db), 6);

    // Rejected rows still exit 0, and duplicates are reported on re-import.
    let v = import_json(&db, "numbers_as_text.xlsx", &[]);
    assert_eq!(v["imported"], 0);
    assert_eq!(v["duplicates"].as_array().unwrap().len(), 6);
    assert_eq!(household_count(&db), 6);
}

#[test]
fn dry_run_writes_nothing() {
    let (_dir, db) = setup();
    let before = hash(&db);
    let v = import_json(&db, "basic.xlsx", &["--dry-run"]);
    assert_eq!(v["imported"], 7);
    assert_eq!(v["dry_run"], true);
    assert_eq!(household_count(&db), 0);
    assert_eq!(hash(&db), before);
}

#[test]
fn sheet_option_and_gbk_csv() {
    let (_dir, db) = setup();
    let v = import_json(&db, "basic.xls", &["--sheet", "花名册"]);
    assert_eq!(v["imported"], 7);
    let v = import_json(&db, "gbk.csv", &[]);
    // Same households, except 吴堃 (GBK has no 䶮): six duplicates, one new.
    assert_eq!(v["imported"], 1);
    assert_eq!(v["duplicates"].as_array().unwrap().len(), 6);
    let path = fixture("basic.xlsx");
    let o = qm(
        &db,
        &[
            "import",
            "households",
            path.to_str().unwrap(),
            "--sheet",
            "不存在",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("不存在") && err.contains("花名册"), "{err}");
}

/// Files that are not readable spreadsheets are refused before the database is opened. The
/// last one is a single-sheet .xlsx, read while it is imported: its refusal (a cell whose XML
/// is broken, below 3,000 good rows) comes after those rows were read, checked and written
/// inside the transaction, which rolls back.
#[test]
fn unreadable_files_leave_the_database_byte_for_byte_untouched() {
    let (_dir, db) = setup();
    import_json(&db, "basic.xlsx", &[]);
    let wal = db.with_extension("db-wal");
    let before = hash(&db);
    let wal_before = wal.exists().then(|| hash(&wal));
    for file in [
        "word_renamed.xlsx",
        "word97_renamed.xls",
        "truncated.xlsx",
        "damaged_far_below.xlsx",
    ] {
        let path = fixture(file);
        for json in [false, true] {
            let mut args = vec!["import", "households", path.to_str().unwrap()];
            if json {
                args.push("--json");
            }
            let o = qm(&db, &args);
            assert_eq!(o.status.code(), Some(4), "{file}");
            let err = String::from_utf8(o.stderr).unwrap();
            assert!(
                err.starts_with("错误：") && err.contains(file),
                "{file}: {err}"
            );
            if file == "damaged_far_below.xlsx" {
                assert!(err.contains("已损坏"), "{err}");
            }
            assert!(o.stdout.is_empty());
            assert_eq!(hash(&db), before, "{file}: database changed");
            assert_eq!(wal.exists().then(|| hash(&wal)), wal_before);
        }
    }
    // A missing file, and a database that does not exist yet: not even created.
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("new.db");
    let o = qm(
        &fresh,
        &["import", "households", "/nonexistent/花名册.xlsx"],
    );
    assert_eq!(o.status.code(), Some(4));
    assert!(String::from_utf8(o.stderr).unwrap().contains("花名册.xlsx"));
    assert!(!fresh.exists());
}

/// A value typed by mistake in Excel's last row is one more row to report, not a reason to
/// refuse the roster above it; the million blank rows between are one note.
#[test]
fn stray_value_in_the_last_row_is_reported_not_refused() {
    let (_dir, db) = setup();
    let v = import_json(&db, "stray_cell_far_below.xlsx", &[]);
    assert_eq!(v["imported"], 3000);
    assert_eq!(household_count(&db), 3000);
    let skipped = v["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!(skipped[0]["row"], 3002);
    assert_eq!(
        skipped[0]["reason"],
        "空行（连续 1045574 行，到第 1048575 行）"
    );
    assert_eq!(v["skipped_rows"], 1_045_574);
    let rejected = v["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 1, "{rejected:?}");
    assert_eq!(rejected[0]["row"], 1_048_576);
    assert!(rejected[0]["reason"]
        .as_str()
        .unwrap()
        .contains("没有户主姓名"));
}

#[test]
fn text_report_lists_rows_by_excel_number() {
    let (_dir, db) = setup();
    let path = fixture("bad_check_digit.xlsx");
    let o = qm(&db, &["import", "households", path.to_str().unwrap()]);
    assert!(o.status.success());
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("已导入 5 户"), "{out}");
    assert!(
        out.contains("第 3 行 身份证号：身份证号校验位不对"),
        "{out}"
    );
}
