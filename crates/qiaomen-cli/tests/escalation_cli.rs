//! Hazards that cannot be fixed in time from the command line, on a real database file:
//! `hazards escalate`, `hazards measure`, the ledger's `--escalated` / `--with-measures`,
//! and the 上报清单 as .xlsx (read back with openpyxl) and PDF (pdftotext, qpdf).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
mod common;
use common::*;

/// A database with one visit to 王䶮 (01001) on 2024-12-03: item 5 (gas leak, major) and
/// item 3 (answered 否) are hazards. Returns the database and the gas hazard's id.
fn setup(dir: &Path) -> (PathBuf, String) {
    let db = dir.join("q.sqlite3");
    ok(&db, &["init", "--unit", "下曲村委会"]);
    ok(&db, &["grids", "add", "--name", "三巷", "--no", "3"]);
    ok(
        &db,
        &[
            "households",
            "add",
            "--name",
            "王䶮",
            "--address",
            "下曲村三巷5号",
            "--grid",
            "三巷",
        ],
    );
    ok(
        &db,
        &[
            "inspections",
            "add",
            "--household",
            "03001",
            "--date",
            "2024-12-03",
            "--yes",
            "5",
            "--no",
            "3",
            "--safe",
        ],
    );
    let list = ok_json(&db, &["hazards", "list", "--json"]);
    let gas = list
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["item_no"] == 5)
        .unwrap();
    (db, gas["id"].as_str().unwrap().to_string())
}

fn escalate(db: &Path, id: &str) -> Value {
    ok_json(
        db,
        &[
            "hazards",
            "escalate",
            id,
            "--to",
            "镇党委、镇政府",
            "--date",
            "2024-12-05",
            "--measures",
            "关闭气源，设置警示标志",
            "--json",
        ],
    )
}

#[test]
fn escalate_then_list_filters() {
    let dir = tempfile::tempdir().unwrap();
    let (db, gas) = setup(dir.path());
    let z = escalate(&db, &gas[gas.len() - 8..]);
    assert_eq!(z["escalation"]["escalated_to"], "镇党委、镇政府");
    assert_eq!(z["escalation"]["escalated_on"], "2024-12-05");
    assert_eq!(z["measure_count"], 1);
    assert_eq!(z["latest_measure"]["description"], "关闭气源，设置警示标志");
    let esc = ok_json(&db, &["hazards", "list", "--escalated", "--json"]);
    let ids: Vec<&str> = esc
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [gas.as_str()]);
    // A measure on the other hazard: 有防控措施 lists both, 已上报 still one.
    let all = ok_json(&db, &["hazards", "list", "--json"]);
    let other = all
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] != gas.as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let m = ok_json(
        &db,
        &[
            "hazards",
            "measure",
            &other,
            "--date",
            "2024-12-04",
            "--text",
            "暂停使用该线路",
            "--json",
        ],
    );
    assert_eq!(m["taken_on"], "2024-12-04");
    let with = ok_json(&db, &["hazards", "list", "--with-measures", "--json"]);
    assert_eq!(with.as_array().unwrap().len(), 2);
    let both = ok_json(
        &db,
        &[
            "hazards",
            "list",
            "--escalated",
            "--with-measures",
            "--json",
        ],
    );
    assert_eq!(both.as_array().unwrap().len(), 1);
    // Human output says it in Chinese.
    let text = ok(&db, &["hazards", "list", "--escalated"]);
    assert!(
        text.contains("【已上报】") && text.contains("共 1 条"),
        "{text}"
    );
    let shown = ok(&db, &["hazards", "show", &gas]);
    assert!(
        shown.contains("上报：2024年12月5日上报镇党委、镇政府")
            && shown.contains("防控措施 2024年12月5日：关闭气源，设置警示标志"),
        "{shown}"
    );
}

#[test]
fn escalation_is_corrected_undone_and_survives_closing() {
    let dir = tempfile::tempdir().unwrap();
    let (db, gas) = setup(dir.path());
    escalate(&db, &gas);
    let err = fails(
        &db,
        &[
            "hazards",
            "escalate",
            &gas,
            "--to",
            "县应急局",
            "--date",
            "2024-12-06",
        ],
    );
    assert!(
        err.contains("已于 2024年12月5日 上报给镇党委、镇政府"),
        "{err}"
    );
    let z = ok_json(
        &db,
        &[
            "hazards",
            "escalate",
            &gas,
            "--to",
            "县应急局",
            "--date",
            "2024-12-06",
            "--edit",
            "--json",
        ],
    );
    assert_eq!(z["escalation"]["escalated_to"], "县应急局");
    let out = ok(&db, &["hazards", "close", &gas, "--date", "2024-12-20"]);
    assert!(out.contains("已销号"), "{out}");
    let esc = ok_json(&db, &["hazards", "escalated", "--json"]);
    assert_eq!(esc[0]["status"], "closed");
    assert_eq!(esc[0]["measures"].as_array().unwrap().len(), 1);
    let open = ok_json(&db, &["hazards", "escalated", "--open", "--json"]);
    assert_eq!(open.as_array().unwrap().len(), 0);
    let out = ok(&db, &["hazards", "unescalate", &gas]);
    assert!(out.contains("已撤销上报"), "{out}");
    let esc = ok_json(&db, &["hazards", "list", "--escalated", "--json"]);
    assert_eq!(esc.as_array().unwrap().len(), 0);
}

#[test]
fn escalated_list_as_xlsx_read_back_by_openpyxl() {
    let dir = tempfile::tempdir().unwrap();
    let (db, gas) = setup(dir.path());
    escalate(&db, &gas);
    let path = dir.path().join("上报清单.xlsx");
    let x = ok_json(
        &db,
        &[
            "hazards",
            "escalated",
            "--xlsx",
            path.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(x["rows"], 1);
    let dump = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/stats/xlsx_dump.py"))
        .arg(&path)
        .output()
        .expect("python3 with openpyxl is needed");
    assert!(
        dump.status.success(),
        "{}",
        String::from_utf8_lossy(&dump.stderr)
    );
    let j: Value = serde_json::from_slice(&dump.stdout).unwrap();
    let c = &j["上报清单"]["cells"];
    let row: Vec<String> = "ABCDEFGHIJKLMN"
        .chars()
        .map(|col| match &c[format!("{col}4")] {
            Value::String(s) => s.clone(),
            v => v.to_string(),
        })
        .collect();
    assert_eq!(
        row,
        [
            "1",
            "03001",
            "王䶮",
            "下曲村三巷5号",
            "三巷",
            "燃气管道漏气或软管破裂损坏",
            "防燃气爆炸事故",
            "是",
            "2024年12月3日",
            "2024年12月10日",
            "已超期",
            "镇党委、镇政府",
            "2024年12月5日",
            "2024年12月5日 关闭气源，设置警示标志",
        ]
    );
    let text = ok(
        &db,
        &["hazards", "escalated", "--xlsx", path.to_str().unwrap()],
    );
    assert!(
        text.contains("已导出上报清单") && text.contains("1 条"),
        "{text}"
    );
}

#[test]
fn escalated_list_as_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let (db, gas) = setup(dir.path());
    escalate(&db, &gas);
    let path = dir.path().join("上报清单.pdf");
    let x = ok_json(
        &db,
        &[
            "hazards",
            "escalated",
            "--pdf",
            path.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(x["pages"], 1);
    let text = pdf_text(&path);
    for want in [
        "一时难以整改隐患上报清单",
        "下曲村委会",
        "王䶮",
        "镇党委、镇政府",
        "关闭气源，设置警示标志",
    ] {
        assert!(text.contains(want), "{want} missing: {text}");
    }
}

#[test]
fn the_notice_prints_the_measures() {
    let dir = tempfile::tempdir().unwrap();
    let (db, gas) = setup(dir.path());
    escalate(&db, &gas);
    let path = dir.path().join("通知书.pdf");
    ok(
        &db,
        &[
            "print",
            "rectification",
            &gas,
            "--out",
            path.to_str().unwrap(),
        ],
    );
    let text = pdf_text(&path);
    for want in [
        "已落实的防控措施",
        "2024年12月5日关闭气源，设置警示标志",
        "上报镇党委、镇政府",
    ] {
        assert!(text.contains(want), "{want} missing: {text}");
    }
}

#[test]
fn bad_input_is_refused_in_chinese_and_the_database_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let (db, gas) = setup(dir.path());
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    let before = (hash(&db), wal.exists().then(|| hash(&wal)));
    let long = "很".repeat(501);
    let xlsx = dir.path().join("a.xlsx");
    let pdf = dir.path().join("a.pdf");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["hazards", "escalate", &gas, "--date", "2024-12-05"],
            "缺少必填参数",
        ),
        (
            vec![
                "hazards",
                "escalate",
                &gas,
                "--to",
                "",
                "--date",
                "2024-12-05",
            ],
            "上报给谁",
        ),
        (
            vec![
                "hazards",
                "escalate",
                &gas,
                "--to",
                "镇政府",
                "--date",
                "2024-13-40",
            ],
            "看不懂",
        ),
        (
            vec![
                "hazards",
                "escalate",
                &gas,
                "--to",
                "镇政府",
                "--date",
                "2024-12-01",
            ],
            "早于发现隐患的日期",
        ),
        (
            vec![
                "hazards",
                "escalate",
                &gas,
                "--to",
                "镇政府",
                "--date",
                "2999-12-01",
            ],
            "还没到",
        ),
        (
            vec![
                "hazards",
                "escalate",
                &gas,
                "--to",
                "镇政府",
                "--date",
                "2024-12-05",
                "--measures",
                &long,
            ],
            "防控措施太长了",
        ),
        (
            vec![
                "hazards",
                "escalate",
                "zzzzzz",
                "--to",
                "镇政府",
                "--date",
                "2024-12-05",
            ],
            "编号",
        ),
        (
            vec![
                "hazards",
                "escalate",
                &gas,
                "--to",
                "镇政府",
                "--date",
                "2024-12-05",
                "--edit",
            ],
            "还没有上报",
        ),
        (vec!["hazards", "unescalate", &gas], "没有上报"),
        (
            vec![
                "hazards",
                "measure",
                &gas,
                "--date",
                "2024-12-05",
                "--text",
                " ",
            ],
            "请填写防控措施",
        ),
        (
            vec![
                "hazards",
                "escalated",
                "--xlsx",
                xlsx.to_str().unwrap(),
                "--pdf",
                pdf.to_str().unwrap(),
            ],
            "不能和其他参数同时使用",
        ),
    ];
    for (args, want) in cases {
        let err = fails(&db, &args);
        assert!(err.contains(want), "{args:?}: {want} missing: {err}");
    }
    assert_eq!((hash(&db), wal.exists().then(|| hash(&wal))), before);
    assert!(!xlsx.exists() && !pdf.exists());
}
