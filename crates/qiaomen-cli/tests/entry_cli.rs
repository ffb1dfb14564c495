//! Inspections, the hazard ledger, rounds, people and the entry sheet from the command
//! line, on a real database file.

use serde_json::Value;
use std::path::Path;
use std::process::Command;
mod common;
use common::*;

fn setup(db: &Path) {
    ok(db, &["init", "--unit", "东村村委会"]);
    ok(db, &["grids", "add", "--name", "一组", "--no", "1"]);
    for (name, addr) in [
        ("张三", "一组1号"),
        ("李䶮", "一组2号"),
        ("王五", "一组3号"),
    ] {
        ok(
            db,
            &[
                "households",
                "add",
                "--name",
                name,
                "--address",
                addr,
                "--grid",
                "一组",
                "--residents",
                "2",
            ],
        );
    }
}

/// A database with the three households and one recorded visit to 01001: item 5 (gas leak,
/// major) and item 3 (answered 否) are hazards, plus one other hazard; the rest safe.
/// Returns the database and the `inspections add --json` result.
fn recorded(dir: &Path) -> (std::path::PathBuf, Value) {
    let db = dir.join("q.sqlite3");
    setup(&db);
    let saved = ok_json(
        &db,
        &[
            "inspections",
            "add",
            "--household",
            "01001",
            "--date",
            "2024-12-03",
            "--inspectors",
            "李四 王五",
            "--yes",
            "5",
            "--no",
            "3",
            "--safe",
            "--other",
            "化粪池无盖板|有限空间|重大",
            "--assigned",
            "更换燃气软管",
            "--signed",
            "--json",
        ],
    );
    (db, saved)
}

/// The id of the recorded visit's gas hazard (item 5).
fn gas_hazard(db: &Path) -> String {
    let list = ok_json(db, &["hazards", "list", "--json"]);
    let gas = list
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["category"] == "防燃气爆炸事故")
        .unwrap();
    gas["id"].as_str().unwrap().to_string()
}

/// The last 8 characters of an id, as the lists show it.
fn short(id: &str) -> &str {
    &id[id.len() - 8..]
}

#[test]
fn inspection_add_derives_hazards() {
    let dir = tempfile::tempdir().unwrap();
    let (_, saved) = recorded(dir.path());
    assert_eq!(saved["hazards_added"], 3);
    assert_eq!(saved["inspection"]["inspectors"], "李四、王五");
    assert_eq!(saved["inspection"]["answers"].as_array().unwrap().len(), 16);
}

#[test]
fn date_and_inspectors_are_remembered_for_the_next_form() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = recorded(dir.path());
    let second = ok_json(
        &db,
        &[
            "inspections",
            "add",
            "--household",
            "01002",
            "--answers",
            "NNYNNNNYYNYYNYNY",
            "--json",
        ],
    );
    assert_eq!(second["inspection"]["visit_date"], "2024-12-03");
    assert_eq!(second["inspection"]["inspectors"], "李四、王五");
    assert_eq!(second["hazards_added"], 0);
}

#[test]
fn open_hazards_list_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = recorded(dir.path());
    let list = ok_json(&db, &["hazards", "list", "--open", "--json"]);
    let arr = list.as_array().unwrap();
    assert_eq!(arr.len(), 3);
    for h in arr {
        for k in [
            "id",
            "household_code",
            "category",
            "major",
            "status",
            "found_on",
            "closed_on",
            "deadline",
        ] {
            assert!(h.get(k).is_some(), "missing {k}: {h}");
        }
        assert_eq!(h["household_code"], "01001");
        assert_eq!(h["status"], "open");
        assert_eq!(h["found_on"], "2024-12-03");
        assert_eq!(h["deadline"], "2024-12-10");
        assert!(h["closed_on"].is_null());
    }
    let gas = arr
        .iter()
        .find(|h| h["category"] == "防燃气爆炸事故")
        .unwrap();
    assert_eq!(gas["major"], true);
}

#[test]
fn overdue_is_judged_as_of_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = recorded(dir.path());
    let overdue = ok_json(
        &db,
        &[
            "hazards",
            "list",
            "--overdue",
            "--as-of",
            "2024-12-11",
            "--json",
        ],
    );
    assert_eq!(overdue.as_array().unwrap().len(), 3);
    let none = ok_json(
        &db,
        &[
            "hazards",
            "list",
            "--overdue",
            "--as-of",
            "2024-12-10",
            "--json",
        ],
    );
    assert_eq!(none.as_array().unwrap().len(), 0);
}

#[test]
fn closing_before_the_hazard_was_found_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = recorded(dir.path());
    let id = gas_hazard(&db);
    let err = fails(
        &db,
        &["hazards", "close", short(&id), "--date", "2024-12-01"],
    );
    assert!(err.contains("早于"), "{err}");
    let open = ok_json(&db, &["hazards", "list", "--open", "--json"]);
    assert_eq!(open.as_array().unwrap().len(), 3);
}

#[test]
fn revisit_then_close() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = recorded(dir.path());
    let id = gas_hazard(&db);
    let out = ok(
        &db,
        &[
            "hazards",
            "revisit",
            short(&id),
            "--date",
            "2024-12-05",
            "--result",
            "正在整改",
            "--by",
            "李四",
        ],
    );
    assert!(out.contains("已记录回访"), "{out}");
    let closed = ok_json(
        &db,
        &[
            "hazards",
            "close",
            &id,
            "--date",
            "2024-12-06",
            "--note",
            "已更换软管",
            "--json",
        ],
    );
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["closed_on"], "2024-12-06");
    let open = ok_json(&db, &["hazards", "list", "--open", "--json"]);
    assert_eq!(open.as_array().unwrap().len(), 2);
    let all = ok_json(&db, &["hazards", "list", "--json"]);
    assert_eq!(all.as_array().unwrap().len(), 3);
    let shown = ok_json(&db, &["hazards", "show", short(&id), "--json"]);
    assert_eq!(shown["revisits"].as_array().unwrap().len(), 1);
    assert_eq!(shown["household"]["name"], "张三");
}

/// Revisits and closes the gas hazard, as the clerk would.
fn revisit_and_close(db: &Path, id: &str) {
    ok(
        db,
        &[
            "hazards",
            "revisit",
            id,
            "--date",
            "2024-12-05",
            "--result",
            "正在整改",
        ],
    );
    ok(db, &["hazards", "close", id, "--date", "2024-12-06"]);
}

#[test]
fn household_history_holds_visits_hazards_and_revisits() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = recorded(dir.path());
    revisit_and_close(&db, &gas_hazard(&db));
    let hist = ok_json(&db, &["inspections", "history", "01001", "--json"]);
    assert_eq!(hist["inspections"].as_array().unwrap().len(), 1);
    assert_eq!(hist["hazards"].as_array().unwrap().len(), 3);
    assert_eq!(hist["revisits"].as_array().unwrap().len(), 1);
}

#[test]
fn inspection_with_a_closed_hazard_cannot_be_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let (db, saved) = recorded(dir.path());
    revisit_and_close(&db, &gas_hazard(&db));
    let insp = saved["inspection"]["id"].as_str().unwrap();
    let err = fails(&db, &["inspections", "delete", insp]);
    assert!(err.contains("不能删除"), "{err}");
    let list = ok_json(&db, &["inspections", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[test]
fn hazard_list_prints_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = recorded(dir.path());
    revisit_and_close(&db, &gas_hazard(&db));
    let text = ok(&db, &["hazards", "list"]);
    assert!(
        text.contains("已销号") && text.contains("共 3 条"),
        "{text}"
    );
}

#[test]
fn unknown_hazard_or_household_is_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = recorded(dir.path());
    let err = fails(&db, &["hazards", "close", "zzzzzz", "--date", "2024-12-06"]);
    assert!(err.contains("编号"), "{err}");
    let err = fails(
        &db,
        &["inspections", "add", "--household", "09999", "--safe"],
    );
    assert!(err.contains("09999"), "{err}");
}

#[test]
fn rounds_and_people() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.sqlite3");
    setup(&db);
    ok(
        &db,
        &[
            "inspections",
            "add",
            "--household",
            "01002",
            "--date",
            "2024-11-20",
            "--safe",
        ],
    );
    ok(
        &db,
        &[
            "rounds",
            "add",
            "--name",
            "第一轮",
            "--from",
            "2024-11-01",
            "--to",
            "2024-11-30",
        ],
    );
    let rounds = ok_json(&db, &["rounds", "list", "--json"]);
    assert_eq!(rounds.as_array().unwrap().len(), 1);
    let cov = ok_json(&db, &["rounds", "coverage", "第一轮", "--json"]);
    assert_eq!(cov["households"], 3);
    assert_eq!(cov["visited"], 1);
    assert_eq!(cov["grids"][0]["not_visited"], 2);
    let missing = ok_json(&db, &["rounds", "missing", "第一轮", "--json"]);
    let names: Vec<&str> = missing
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["张三", "王五"]);
    let xlsx = dir.path().join("未入户.xlsx");
    let out = ok(
        &db,
        &[
            "rounds",
            "missing",
            "第一轮",
            "--out",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(out.contains("2 户"), "{out}");
    assert!(xlsx.exists());
    let pdf = dir.path().join("未入户.pdf");
    let x = ok_json(
        &db,
        &[
            "rounds",
            "missing",
            "第一轮",
            "--pdf",
            pdf.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(x["pages"], 1);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    if let Ok(o) = Command::new("pdftotext").arg(&pdf).arg("-").output() {
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(
            text.contains("第一轮未入户名单") && text.contains("王五"),
            "{text}"
        );
    }
    let text = ok(&db, &["rounds", "coverage", "第一轮"]);
    assert!(text.contains("未入户 2 户"), "{text}");

    ok(
        &db,
        &[
            "people",
            "add",
            "--household",
            "01001",
            "--name",
            "张老汉",
            "--category",
            "独居老人",
            "--category",
            "残疾",
            "--id-number",
            "11010519491231002X",
        ],
    );
    let people = ok_json(&db, &["people", "list", "--category", "独居老人", "--json"]);
    assert_eq!(people.as_array().unwrap().len(), 1);
    assert_eq!(people[0]["categories"][1], "残疾人");
    let px = dir.path().join("独居老人.xlsx");
    let x = ok_json(
        &db,
        &["people", "export", "--out", px.to_str().unwrap(), "--json"],
    );
    assert_eq!(x["rows"], 2);
    let err = fails(
        &db,
        &[
            "people",
            "add",
            "--household",
            "01001",
            "--name",
            "某",
            "--category",
            "外星人",
        ],
    );
    assert!(err.contains("独居老人"), "{err}");
}

#[test]
fn entry_sheet_export_then_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.sqlite3");
    setup(&db);
    let sheet = dir.path().join("录入表.xlsx");
    let ex = ok_json(
        &db,
        &[
            "export",
            "entry-sheet",
            "--grid",
            "一组",
            "--out",
            sheet.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(ex["households"], 3);
    // The blank sheet imports nothing and rejects nothing.
    let rep = ok_json(
        &db,
        &["import", "inspections", sheet.to_str().unwrap(), "--json"],
    );
    assert_eq!(rep["imported"], 0);
    assert_eq!(rep["hazards"], 0);
    assert_eq!(rep["rejected"].as_array().unwrap().len(), 0);
    assert_eq!(rep["blank_rows"], 3);
    // The filled fixture (openpyxl) has codes 01001-01006; here only 01001-01003 exist.
    let filled = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/entry/filled_openpyxl.xlsx");
    let rep = ok_json(
        &db,
        &["import", "inspections", filled.to_str().unwrap(), "--json"],
    );
    assert!(rep["imported"].as_i64().unwrap() >= 3, "{rep}");
    assert!(rep["hazards"].as_i64().unwrap() >= 5, "{rep}");
    for r in rep["rejected"].as_array().unwrap() {
        assert!(r["row"].as_u64().is_some() && r["reason"].as_str().is_some());
    }
    for w in rep["warnings"].as_array().unwrap() {
        assert!(w["row"].is_u64() && w["field"].is_string() && w["message"].is_string());
    }
    let text = ok(&db, &["import", "inspections", filled.to_str().unwrap()]);
    assert!(text.contains("已导入 0 次"), "{text}");
    // A file that is not a spreadsheet: Chinese error, exit code for files.
    let bad = dir.path().join("坏.xlsx");
    std::fs::write(&bad, "不是表格").unwrap();
    let o = qm(&db, &["import", "inspections", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&o.stderr).contains("坏.xlsx"));
}
