//! Double entry (双录入核对) and 未答项 from the command line, with the exact spellings of
//! issue 18: `inspections verify ID --answers S [--other TEXT] [--json]` (JSON `verified`,
//! `mismatches` [{item, first, second}]), `inspections resolve ID --item N --answer 是|否|-`,
//! `inspections list --unverified`, `inspections blanks [--grid G] [--json]`.

use std::path::Path;
mod common;
use common::*;

/// The safe answers of the built-in checklist (item 1 否, items whose hazard is 否 answered 是).
const SAFE: &str = "NNYNNNNYYNYYNYNY";

fn hazard_items(db: &Path, household: &str) -> Vec<i64> {
    let list = ok_json(db, &["hazards", "list", "--household", household, "--json"]);
    let mut v: Vec<i64> = list
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["item_no"].as_i64())
        .collect();
    v.sort();
    v
}

#[test]
fn second_entry_differences_are_settled_and_hazards_follow() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.sqlite3");
    ok(&db, &["init", "--unit", "东村村委会"]);
    ok(&db, &["grids", "add", "--name", "一组", "--no", "1"]);
    for name in ["张三", "李四"] {
        ok(
            &db,
            &["households", "add", "--name", name, "--grid", "一组"],
        );
    }
    // Item 4 (old wiring) is a hazard on the paper.
    let first = "NNYYNNNYYNYYNYNY";
    let a = ok_json(
        &db,
        &[
            "inspections",
            "add",
            "--household",
            "01001",
            "--date",
            "2024-12-03",
            "--inspectors",
            "王五",
            "--answers",
            first,
            "--json",
        ],
    );
    let id = a["inspection"]["id"].as_str().unwrap().to_string();
    assert_eq!(hazard_items(&db, "01001"), vec![4]);

    // Keyed the same: verified.
    let b = ok_json(
        &db,
        &[
            "inspections",
            "add",
            "--household",
            "01002",
            "--date",
            "2024-12-03",
            "--inspectors",
            "王五",
            "--answers",
            SAFE,
            "--json",
        ],
    );
    let id2 = b["inspection"]["id"].as_str().unwrap().to_string();
    let v = ok_json(
        &db,
        &["inspections", "verify", &id2, "--answers", SAFE, "--json"],
    );
    assert_eq!(v["verified"], true);
    assert_eq!(v["mismatches"].as_array().unwrap().len(), 0);

    // The second keying of the first form differs on item 5 (是 instead of 否).
    let second = "NNYYYNNYYNYYNYNY";
    let v = ok_json(
        &db,
        &["inspections", "verify", &id, "--answers", second, "--json"],
    );
    assert_eq!(v["verified"], false);
    let m = v["mismatches"].as_array().unwrap();
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0]["item"], 5);
    assert_eq!(m[0]["first"], "否");
    assert_eq!(m[0]["second"], "是");
    assert_eq!(
        hazard_items(&db, "01001"),
        vec![4],
        "nothing changes before settling"
    );
    let open = ok_json(&db, &["inspections", "list", "--unverified", "--json"]);
    let open: Vec<&str> = open
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(open, vec![id.as_str()]);
    let text = ok(&db, &["inspections", "list", "--unverified"]);
    assert!(text.contains("未核对"), "{text}");

    // An answer nobody can read is refused in Chinese.
    let o = qm(
        &db,
        &[
            "inspections",
            "resolve",
            &id,
            "--item",
            "5",
            "--answer",
            "也许",
        ],
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("错误："));

    // The paper says 是: settled, the gas-hose hazard appears.
    let r = ok_json(
        &db,
        &[
            "inspections",
            "resolve",
            &id,
            "--item",
            "5",
            "--answer",
            "是",
            "--json",
        ],
    );
    assert_eq!(r["verification"]["verified"], true);
    assert_eq!(r["changed"], true);
    assert_eq!(hazard_items(&db, "01001"), vec![4, 5]);
    assert!(
        ok_json(&db, &["inspections", "list", "--unverified", "--json"])
            .as_array()
            .unwrap()
            .is_empty()
    );

    // The quality figure: 王五's two forms, one of which disagreed.
    let q = ok_json(&db, &["inspections", "quality", "--json"]);
    assert_eq!(q[0]["inspector"], "王五");
    assert_eq!(
        (q[0]["forms"].as_i64(), q[0]["disagreed"].as_i64()),
        (Some(2), Some(1))
    );
    let text = ok(&db, &["inspections", "quality"]);
    assert!(text.contains("已核对 2 / 应核对 2"), "{text}");
}

#[test]
fn other_hazards_and_blanks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.sqlite3");
    ok(&db, &["init", "--unit", "东村村委会"]);
    ok(&db, &["grids", "add", "--name", "一组", "--no", "1"]);
    ok(
        &db,
        &["households", "add", "--name", "张三", "--grid", "一组"],
    );
    // Items 15 and 16 left blank on paper.
    let a = ok_json(
        &db,
        &[
            "inspections",
            "add",
            "--household",
            "01001",
            "--date",
            "2024-12-03",
            "--answers",
            "NNYNNNNYYNYYNY--",
            "--json",
        ],
    );
    let id = a["inspection"]["id"].as_str().unwrap().to_string();
    let v = ok_json(
        &db,
        &[
            "inspections",
            "verify",
            &id,
            "--answers",
            "NNYNNNNYYNYYNY--",
            "--other",
            "化粪池无盖板|有限空间|重大",
            "--json",
        ],
    );
    let m = v["mismatches"].as_array().unwrap();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0]["item"], 0);
    assert_eq!(m[0]["first"], "无");
    let r = ok_json(
        &db,
        &[
            "inspections",
            "resolve",
            &id,
            "--item",
            "0",
            "--answer",
            "第二次",
            "--json",
        ],
    );
    assert_eq!(r["verification"]["verified"], true);
    let hz = ok_json(&db, &["hazards", "list", "--json"]);
    assert!(hz
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["description"] == "化粪池无盖板"));

    let b = ok_json(&db, &["inspections", "blanks", "--grid", "一组", "--json"]);
    assert_eq!(b["rows"][0]["blank_items"], serde_json::json!([15, 16]));
    let text = ok(&db, &["inspections", "blanks"]);
    assert!(text.contains("15、16"), "{text}");
}
