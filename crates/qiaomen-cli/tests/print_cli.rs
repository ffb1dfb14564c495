//! `qiaomen print …` on a real database file; the PDFs are read back with poppler's
//! pdftotext/pdfinfo and checked with qpdf.

use qiaomen_core::households::HouseholdInput;
use qiaomen_core::inspections::{self, AnswerEntry, InspectionInput};
use qiaomen_core::templates::Answer;
use serde_json::Value;
use std::path::Path;
use std::process::Command;
mod common;
use common::*;

fn text(p: &Path) -> String {
    tool("pdftotext", &["-raw", p.to_str().unwrap(), "-"])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn pages(p: &Path) -> usize {
    tool("pdfinfo", &[p.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|v| v.trim().parse().unwrap()))
        .unwrap()
}

fn qpdf_ok(p: &Path) {
    let o = Command::new("qpdf")
        .arg("--check")
        .arg(p)
        .output()
        .expect("qpdf is needed");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}

/// A database with the office, one grid and two households (one with rare characters),
/// made through the CLI; the folder holds it and the PDFs a test writes.
fn office() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.sqlite3");
    ok(
        &db,
        &[
            "init",
            "--unit",
            "东村村委会",
            "--contact",
            "王文书",
            "--phone",
            "0351-7654321",
        ],
    );
    ok(
        &db,
        &[
            "grids",
            "add",
            "--name",
            "第一网格",
            "--leader",
            "赵组长",
            "--phone",
            "13900002222",
        ],
    );
    ok(
        &db,
        &[
            "households",
            "add",
            "--name",
            "王䶮𠮷",
            "--address",
            "东村一巷1号",
            "--grid",
            "第一网格",
            "--phone",
            "13800138000",
            "--residents",
            "3",
            "--vulnerable",
            "1",
        ],
    );
    ok(
        &db,
        &[
            "households",
            "add",
            "--name",
            "李堃",
            "--address",
            "东村一巷2号",
            "--grid",
            "1",
        ],
    );
    (dir, db)
}

#[test]
/// Blank, one grid, one household, all.
fn checklists_blank_by_grid_by_household_and_all() {
    let (dir, db) = office();
    let p = |name: &str| dir.path().join(name);
    let out = ok(
        &db,
        &[
            "print",
            "checklist",
            "--blank",
            "--out",
            p("blank.pdf").to_str().unwrap(),
        ],
    );
    assert!(out.contains("1 页"), "{out}");
    qpdf_ok(&p("blank.pdf"));
    assert_eq!(pages(&p("blank.pdf")), 1);
    ok(
        &db,
        &[
            "print",
            "checklist",
            "--grid",
            "第一网格",
            "--out",
            p("grid.pdf").to_str().unwrap(),
        ],
    );
    assert_eq!(pages(&p("grid.pdf")), 2);
    let t = text(&p("grid.pdf"));
    assert!(
        t.contains("王䶮𠮷") && t.contains("李堃") && t.contains("13800138000"),
        "{t}"
    );
    let j: Value = serde_json::from_str(&ok(
        &db,
        &[
            "print",
            "checklist",
            "--household",
            "01001",
            "--template",
            "zymz2024",
            "--out",
            p("one.pdf").to_str().unwrap(),
            "--json",
        ],
    ))
    .unwrap();
    assert_eq!(j["pages"], 1);
    assert_eq!(j["warnings"].as_array().unwrap().len(), 0);
    assert!(text(&p("one.pdf")).contains("钢结构"));
    ok(
        &db,
        &[
            "print",
            "checklist",
            "--all",
            "--out",
            p("all.pdf").to_str().unwrap(),
        ],
    );
    assert_eq!(pages(&p("all.pdf")), 2);
}

#[test]
/// Cards and the notice.
fn cards_and_the_notice() {
    let (dir, db) = office();
    let p = |name: &str| dir.path().join(name);
    ok(
        &db,
        &[
            "print",
            "card",
            "--per-page",
            "4",
            "--grid",
            "1",
            "--out",
            p("card.pdf").to_str().unwrap(),
        ],
    );
    let t = text(&p("card.pdf"));
    assert_eq!(
        t.matches("赵组长").count(),
        4,
        "four cards with the grid leader"
    );
    assert!(t.contains("东村村委会") && t.contains("0351-7654321"));
    ok(
        &db,
        &[
            "print",
            "notice",
            "--per-page",
            "2",
            "--out",
            p("notice.pdf").to_str().unwrap(),
        ],
    );
    assert_eq!(text(&p("notice.pdf")).matches("十三、").count(), 2);
}

#[test]
/// A recorded inspection and one of its hazards.
fn an_inspection_and_its_rectification_notice() {
    let (dir, db) = office();
    let p = |name: &str| dir.path().join(name);
    let (insp_id, hazard_id) = {
        let store = qiaomen_core::open(&db).unwrap();
        let h = qiaomen_core::households::resolve(store.conn(), "01001").unwrap();
        let saved = inspections::record(
            store.conn(),
            &InspectionInput {
                household_id: h.id.clone(),
                visit_date: "2024-12-23".into(),
                inspectors: "李四、王五".into(),
                answers: vec![
                    AnswerEntry {
                        item_no: 1,
                        answer: Answer::Yes,
                    },
                    AnswerEntry {
                        item_no: 5,
                        answer: Answer::Yes,
                    },
                    AnswerEntry {
                        item_no: 8,
                        answer: Answer::Yes,
                    },
                ],
                other_hazards: "院内柴草堆靠近灶台".into(),
                assigned: "三日内更换燃气软管".into(),
                signed: true,
                ..Default::default()
            },
        )
        .unwrap();
        let hz = saved
            .inspection
            .hazards
            .iter()
            .find(|z| z.item_no == Some(5))
            .unwrap()
            .id
            .clone();
        (saved.inspection.id, hz)
    };
    ok(
        &db,
        &[
            "print",
            "inspection",
            &insp_id,
            "--out",
            p("insp.pdf").to_str().unwrap(),
        ],
    );
    qpdf_ok(&p("insp.pdf"));
    let t = text(&p("insp.pdf"));
    for v in [
        "王䶮𠮷",
        "李四、王五",
        "2024年12月23日",
        "院内柴草堆靠近灶台",
        "三日内更换燃气软管",
        "已签字",
    ] {
        assert!(t.contains(v), "{v} missing: {t}");
    }
    ok(
        &db,
        &[
            "print",
            "rectification",
            &hazard_id,
            "--out",
            p("rect.pdf").to_str().unwrap(),
        ],
    );
    qpdf_ok(&p("rect.pdf"));
    let t = text(&p("rect.pdf"));
    for v in [
        "隐患整改通知书",
        "王䶮𠮷",
        "01001",
        "重大安全隐患",
        "防燃气爆炸事故",
        "东村村委会",
        "回执",
    ] {
        assert!(t.contains(v), "{v} missing: {t}");
    }
}

#[test]
/// A name with a character no font has: printed, and the clerk is told which one.
fn a_character_no_font_has_is_named() {
    let (dir, db) = office();
    let p = |name: &str| dir.path().join(name);
    {
        let store = qiaomen_core::open(&db).unwrap();
        qiaomen_core::households::add(
            store.conn(),
            &HouseholdInput {
                name: "张\u{4DB6}".into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let o = qm(
        &db,
        &[
            "print",
            "checklist",
            "--household",
            "00001",
            "--out",
            p("rare.pdf").to_str().unwrap(),
        ],
    );
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("U+4DB6") && err.contains("空白方框"), "{err}");
}

#[test]
/// Failures: Chinese on stderr, non-zero exit, no file.
fn failures_say_why_in_chinese_and_write_nothing() {
    let (dir, db) = office();
    let p = |name: &str| dir.path().join(name);
    for args in [
        vec!["print", "checklist", "--grid", "第九网格"],
        vec!["print", "card", "--per-page", "3"],
        vec!["print", "inspection", "没有这条"],
        vec!["print", "rectification", "没有这条"],
    ] {
        let mut a = args.clone();
        let bad = p("bad.pdf");
        a.extend(["--out", bad.to_str().unwrap()]);
        let o = qm(&db, &a);
        assert!(!o.status.success(), "{a:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.starts_with("错误："), "{err}");
        assert!(!bad.exists());
    }
}
