//! `qiaomen report`, `qiaomen report aggregate`, `qiaomen publicity` and `qiaomen export
//! all|csv` on a real database file, as a clerk runs them.

use rusqlite::params;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;
mod common;
use common::*;

fn ok_output(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// The keys of a JSON object, sorted (serde_json's map sorts them anyway).
fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

fn sorted(k: &[&str]) -> Vec<String> {
    let mut k: Vec<String> = k.iter().map(|s| s.to_string()).collect();
    k.sort();
    k
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/stats")
        .join(name)
        .display()
        .to_string()
}

/// A database with a unit, two hazards and nothing else (rows written as the entry module
/// writes them).
fn setup(dir: &Path) -> PathBuf {
    let db = dir.join("q.sqlite3");
    ok_output(&qm(
        &db,
        &[
            "init",
            "--unit",
            "红星村",
            "--contact",
            "张丽",
            "--phone",
            "13800138000",
        ],
    ));
    let store = qiaomen_core::open(&db).unwrap();
    let c = store.conn();
    let now = "2024-12-01T00:00:00.000Z";
    for (n, found, status, closed, major, cat) in [
        (
            1,
            "2024-11-25",
            "fixed_on_site",
            Some("2024-11-25"),
            1,
            "防煤气中毒事故",
        ),
        (2, "2024-12-10", "open", None, 0, "防小火亡人事故"),
        (3, "2024-12-23", "open", None, 0, "防小火亡人事故"),
    ] {
        c.execute(
            "INSERT INTO households (id, code, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            params![format!("h{n}"), format!("0100{n}"), format!("户{n}"), now],
        )
        .unwrap();
        c.execute(
            "INSERT INTO inspections (id, household_id, template_id, template_version, visit_date, created_at, updated_at)
             VALUES (?1, ?2, 'xq2024', 1, ?3, ?4, ?4)",
            params![format!("i{n}"), format!("h{n}"), found, now],
        )
        .unwrap();
        c.execute(
            "INSERT INTO hazards (id, inspection_id, household_id, source, description, category, major, status,
                found_on, closed_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'other', '隐患', ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![format!("z{n}"), format!("i{n}"), format!("h{n}"), cat, major, status, found, closed, now],
        )
        .unwrap();
    }
    db
}

/// [`setup`] plus two publicity events: one in the gas row, one typed loosely (森林火灾).
fn setup_with_publicity(dir: &Path) -> PathBuf {
    let db = setup(dir);
    ok_output(&qm(
        &db,
        &[
            "publicity",
            "add",
            "--date",
            "2024-12-01",
            "--category",
            "防煤气中毒事故",
            "--sessions",
            "2",
            "--people",
            "150",
            "--kind",
            "广播",
        ],
    ));
    ok_output(&qm(
        &db,
        &[
            "publicity",
            "add",
            "--date",
            "2024-12-22",
            "--category",
            "森林火灾",
            "--sessions",
            "1",
            "--people",
            "30",
        ],
    ));
    db
}

/// `qiaomen report ARGS --json`, parsed.
fn report_json(db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.push("--json");
    serde_json::from_str(&ok_output(&qm(db, &all))).unwrap()
}

#[test]
fn report_json_is_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup_with_publicity(dir.path());
    let j = report_json(&db, &["--cycle", "2024-12"]);
    assert_eq!(
        keys(&j),
        sorted(&["unit", "contact", "from", "to", "rows", "total"])
    );
    assert_eq!(
        (j["unit"].as_str(), j["contact"].as_str()),
        (Some("红星村"), Some("张丽"))
    );
    assert_eq!(
        (j["from"].as_str(), j["to"].as_str()),
        (Some("2024-11-23"), Some("2024-12-22"))
    );
    let actions: Vec<&str> = j["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, qiaomen_core::Category::NAMES.to_vec());
    let row_keys = keys(&j["rows"][0]);
    assert_eq!(
        row_keys,
        sorted(&[
            "action",
            "sessions",
            "people",
            "hazards",
            "rectified",
            "major",
            "major_rectified"
        ])
    );
    assert_eq!(j["rows"][0]["hazards"], 1);
    assert_eq!(j["rows"][0]["major_rectified"], 1);
    assert_eq!(j["rows"][0]["sessions"], 2);
    assert_eq!(j["rows"][6]["people"], 30);
    assert_eq!(j["total"]["action"], "合计");
    assert_eq!(
        j["total"]["hazards"], 2,
        "2024-12-23 belongs to the next cycle"
    );
    assert_eq!(keys(&j["total"]), row_keys);
}

#[test]
fn the_period_can_be_named_several_ways() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup_with_publicity(dir.path());
    let cycle = report_json(&db, &["--cycle", "2024-12"]);
    // The same period by --from/--to, and the calendar month differs.
    let same = report_json(&db, &["--from", "2024-11-23", "--to", "2024年12月22日"]);
    assert_eq!(same, cycle);
    let month = report_json(&db, &["--month", "2024-12"]);
    assert_eq!(month["total"]["hazards"], 2);
    assert_eq!(month["total"]["rectified"], 0);
    let day = report_json(&db, &["--day", "2024-11-25"]);
    assert_eq!(
        (
            day["total"]["hazards"].as_i64(),
            day["total"]["rectified"].as_i64()
        ),
        (Some(1), Some(1))
    );
}

#[test]
fn report_files_and_drill_down() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup_with_publicity(dir.path());
    let x = dir.path().join("表.xlsx");
    let p = dir.path().join("表.pdf");
    let text = ok_output(&qm(
        &db,
        &[
            "report",
            "--cycle",
            "2024-12",
            "--xlsx",
            x.to_str().unwrap(),
            "--pdf",
            p.to_str().unwrap(),
        ],
    ));
    assert!(
        text.contains("防煤气中毒事故") && text.contains("合计"),
        "{text}"
    );
    assert!(std::fs::read(&x).unwrap().starts_with(b"PK"));
    assert!(std::fs::read(&p).unwrap().starts_with(b"%PDF"));

    let cell: Value = serde_json::from_str(&ok_output(&qm(
        &db,
        &[
            "report",
            "cell",
            "--cycle",
            "2024-12",
            "--action",
            "防煤气中毒事故",
            "--column",
            "hazards",
            "--json",
        ],
    )))
    .unwrap();
    assert_eq!(cell["hazards"][0]["household_code"], "01001");
}

#[test]
fn report_due_takes_the_period_whose_report_is_due() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup_with_publicity(dir.path());
    let cycle = report_json(&db, &["--cycle", "2024-12"]);
    // On the 23rd: the cycle that ended yesterday, not the one starting today (whose only
    // hazard was found on 2024-12-23). Before the 23rd: the cycle running now, the same one.
    for today in ["2024-12-23", "2024-12-20"] {
        let j = report_json(&db, &["--due", "--today", today]);
        assert_eq!(
            (j["from"].as_str(), j["to"].as_str()),
            (Some("2024-11-23"), Some("2024-12-22")),
            "--today {today}"
        );
        assert_eq!(
            j, cycle,
            "--today {today}: the same table, the same JSON shape"
        );
    }
    // In calendar-month mode: the last whole month.
    let store = qiaomen_core::open(&db).unwrap();
    let mut s = qiaomen_core::settings::load(store.conn()).unwrap();
    s.period_mode = qiaomen_core::settings::PeriodMode::Month;
    qiaomen_core::settings::save(store.conn(), &s).unwrap();
    drop(store);
    let j = report_json(&db, &["--due", "--today", "2024-12-23"]);
    assert_eq!(
        (j["from"].as_str(), j["to"].as_str()),
        (Some("2024-11-01"), Some("2024-11-30"))
    );
    assert_eq!(j["total"]["hazards"], 1, "found 2024-11-25");

    // Text and files name the period in dates; --today is the default 报送时间.
    let x = dir.path().join("待报送.xlsx");
    let text = ok_output(&qm(
        &db,
        &[
            "report",
            "--due",
            "--today",
            "2024-12-23",
            "--xlsx",
            x.to_str().unwrap(),
        ],
    ));
    assert!(
        text.contains("统计时段：2024年11月") && text.contains("2024年11月30日"),
        "{text}"
    );
    let (t, src) = qiaomen_core::aggregate::read_table(&x).unwrap();
    assert_eq!(
        (t.from.as_str(), t.to.as_str()),
        ("2024-11-01", "2024-11-30")
    );
    assert_eq!(src.report_date, "2024-12-23");

    // A date that is not one, and --due with another period, are refused.
    let bad = qm(&db, &["report", "--due", "--today", "12月32日"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("12月32日"));
    let bad = qm(&db, &["report", "--due", "--month", "2024-12"]);
    assert!(!bad.status.success());
}

#[test]
fn report_mistakes_are_explained_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let bad = qm(
        &db,
        &["report", "--from", "2024-12-31", "--to", "2024-12-01"],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("晚于"));
    let bad = qm(&db, &["report", "--month", "2024-13"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("月份"));
}

#[test]
fn aggregate_files_from_villages() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let out = dir.path().join("青山镇.xlsx");
    let o = qm(
        &db,
        &[
            "report",
            "aggregate",
            &fixture("v_official.xlsx"),
            &fixture("v_reordered.xls"),
            &fixture("v_shifted.xlsx"),
            "--unit",
            "青山镇",
            "--xlsx",
            out.to_str().unwrap(),
            "--json",
        ],
    );
    let j: Value = serde_json::from_str(&ok_output(&o)).unwrap();
    assert_eq!(
        keys(&j),
        sorted(&["unit", "contact", "from", "to", "rows", "total", "sources", "warnings"])
    );
    assert_eq!(j["unit"], "青山镇");
    assert_eq!(j["sources"].as_array().unwrap().len(), 3);
    assert_eq!(j["sources"][1]["unit"], "东风社区");
    assert_eq!(j["sources"][2]["unreadable"][0]["address"], "F10");
    // 次数 of 防煤气中毒事故: 2 + 1 + 3.
    assert_eq!(j["rows"][0]["sessions"], 6);
    assert!(String::from_utf8_lossy(&o.stderr).contains("F10"));
    assert!(out.exists());

    let o = qm(
        &db,
        &[
            "report",
            "aggregate",
            &fixture("v_official.xlsx"),
            &fixture("not_a_table.xlsx"),
        ],
    );
    assert_eq!(o.status.code(), Some(4));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("not_a_table.xlsx") && err.contains("不是"),
        "{err}"
    );
}

#[test]
fn publicity_commands_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let imp: Value = serde_json::from_str(&ok_output(&qm(
        &db,
        &[
            "publicity",
            "import",
            &fixture("publicity_log.xlsx"),
            "--json",
        ],
    )))
    .unwrap();
    assert_eq!(imp["added"], 5);
    assert_eq!(imp["problems"].as_array().unwrap().len(), 2);
    let list: Value =
        serde_json::from_str(&ok_output(&qm(&db, &["publicity", "list", "--json"]))).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 5);
    let id = list[0]["id"].as_str().unwrap().to_string();
    ok_output(&qm(
        &db,
        &[
            "publicity",
            "edit",
            &id,
            "--date",
            "2024-12-11",
            "--category",
            "防燃气爆炸事故",
            "--sessions",
            "3",
            "--people",
            "9",
        ],
    ));
    ok_output(&qm(&db, &["publicity", "delete", &id]));
    let bad = qm(
        &db,
        &[
            "publicity",
            "add",
            "--date",
            "2024-12-01",
            "--category",
            "防洪",
            "--sessions",
            "1",
            "--people",
            "1",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("行动名称"));

    let x = dir.path().join("全部.xlsx");
    let s: Value = serde_json::from_str(&ok_output(&qm(
        &db,
        &["export", "all", "--out", x.to_str().unwrap(), "--json"],
    )))
    .unwrap();
    let publicity = s["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "publicity")
        .unwrap();
    assert_eq!(publicity["rows"], 4);
    let c = dir.path().join("宣传.csv");
    ok_output(&qm(
        &db,
        &[
            "export",
            "csv",
            "--table",
            "publicity",
            "--encoding",
            "gbk",
            "--out",
            c.to_str().unwrap(),
        ],
    ));
    let bytes = std::fs::read(&c).unwrap();
    let (text, _, bad) = encoding_rs::GBK.decode(&bytes);
    assert!(!bad);
    assert!(
        text.starts_with("日期,行动名称,宣传形式,次数,人数,备注\r\n"),
        "{text}"
    );
    let o = qm(
        &db,
        &[
            "export",
            "csv",
            "--table",
            "publicity",
            "--encoding",
            "latin1",
            "--out",
            c.to_str().unwrap(),
        ],
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("utf8bom"));
}
