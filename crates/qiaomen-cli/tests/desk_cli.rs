//! `qiaomen desk` and `qiaomen report narrative` on a village entered through the CLI as a
//! clerk would: the 工作台's numbers are `hazards list --overdue`, `rounds coverage` and
//! `report`'s; the written report opens in LibreOffice (converted to PDF, read back with
//! pdftotext) and in python-docx, and holds every figure of the period's `report --json`,
//! the overdue households and the table.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
mod common;
use common::*;

const CATEGORIES: [&str; 7] = qiaomen_core::Category::NAMES;

/// Households in two grids and one without; rounds 第一轮 (11-20..30) and 第二轮
/// (12-16..31); checklists whose answers make hazards from 11-21 to 12-16; one closed,
/// one fixed on the spot, one escalated with a measure; publicity.
fn village(dir: &Path) -> PathBuf {
    let db = dir.join("q.sqlite3");
    ok(
        &db,
        &[
            "init",
            "--unit",
            "东村村民委员会",
            "--contact",
            "王秀英",
            "--phone",
            "13834561234",
        ],
    );
    ok(&db, &["grids", "add", "--name", "一网格", "--no", "1"]);
    ok(&db, &["grids", "add", "--name", "二网格", "--no", "2"]);
    let mut code = BTreeMap::new();
    for (name, grid) in [
        ("王䶮", Some("一网格")),
        ("李堃", Some("二网格")),
        ("张喆", Some("一网格")),
        ("赵𠮷", Some("二网格")),
        ("刘一", None),
        ("陈二", Some("一网格")),
    ] {
        let address = format!("东村{name}家");
        let mut args = vec!["households", "add", "--name", name, "--address", &address];
        if let Some(g) = grid {
            args.extend(["--grid", g]);
        }
        let h = json_of(&db, &args);
        code.insert(name, h["code"].as_str().unwrap().to_string());
    }
    ok(
        &db,
        &[
            "rounds",
            "add",
            "--name",
            "第一轮",
            "--from",
            "2024-11-20",
            "--to",
            "2024-11-30",
        ],
    );
    ok(
        &db,
        &[
            "rounds",
            "add",
            "--name",
            "第二轮",
            "--from",
            "2024-12-16",
            "--to",
            "2024-12-31",
        ],
    );
    for (name, date, answers) in [
        ("王䶮", "2024-11-21", vec!["--yes", "4"]), // wiring: fire, due 11-28
        ("李堃", "2024-11-22", vec!["--yes", "5"]), // gas leak: major
        ("张喆", "2024-11-25", vec!["--yes", "7", "--fixed", "7"]), // fixed on the spot
        ("赵𠮷", "2024-12-01", vec!["--yes", "13"]), // charcoal: major, CO
        ("刘一", "2024-12-10", vec!["--yes", "10"]), // e-bike: fire, due 12-17
        ("王䶮", "2024-12-16", vec!["--no", "8"]),  // exits blocked, due 12-23
        ("陈二", "2024-12-17", vec![]),
    ] {
        let mut args = vec![
            "inspections",
            "add",
            "--household",
            &code[name],
            "--date",
            date,
            "--inspectors",
            "李四",
            "--safe",
        ];
        args.extend(answers);
        ok(&db, &args);
    }
    let id_of = |who: &str| -> String {
        let list = json_of(&db, &["hazards", "list", "--household", &code[who]]);
        list[0]["id"].as_str().unwrap().to_string()
    };
    ok(
        &db,
        &["hazards", "close", &id_of("李堃"), "--date", "2024-12-02"],
    );
    ok(
        &db,
        &[
            "hazards",
            "escalate",
            &id_of("赵𠮷"),
            "--to",
            "镇党委、镇政府",
            "--date",
            "2024-12-05",
            "--measures",
            "安装一氧化碳报警器",
        ],
    );
    for (date, cat, s, p) in [
        ("2024-11-28", "防煤气中毒事故", "2", "150"),
        ("2024-12-03", "防小火亡人事故", "1", "60"),
        ("2024-12-18", "防燃气爆炸事故", "3", "210"),
    ] {
        ok(
            &db,
            &[
                "publicity",
                "add",
                "--date",
                date,
                "--category",
                cat,
                "--sessions",
                s,
                "--people",
                p,
                "--kind",
                "广播",
            ],
        );
    }
    db
}

fn n(v: &Value) -> i64 {
    v.as_i64().unwrap()
}

#[test]
fn the_desk_equals_the_ledger_the_coverage_and_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let db = village(dir.path());
    let desk = json_of(&db, &["desk", "--today", "2024-12-20"]);

    // Overdue: `hazards list --overdue` on the same day, in total and grid by grid.
    let overdue = json_of(
        &db,
        &["hazards", "list", "--overdue", "--as-of", "2024-12-20"],
    );
    let overdue = overdue.as_array().unwrap();
    assert_eq!(n(&desk["hazards"]["overdue"]), overdue.len() as i64);
    assert_eq!(overdue.len(), 3);
    let mut per_grid: BTreeMap<String, i64> = BTreeMap::new();
    for h in overdue {
        let g = h["grid_id"].as_str().unwrap_or("-").to_string();
        *per_grid.entry(g).or_default() += 1;
    }
    let desk_grid: BTreeMap<String, i64> = desk["hazards"]["by_grid"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| n(&g["overdue"]) > 0)
        .map(|g| (g["grid_id"].as_str().unwrap().to_string(), n(&g["overdue"])))
        .collect();
    assert_eq!(desk_grid, per_grid);
    assert_eq!(
        n(&desk["hazards"]["due_soon"]),
        1,
        "王䶮's blocked exit, due 12-23"
    );

    // Coverage: `rounds coverage` of the current round, every grid the same.
    let cov = &desk["coverage"];
    assert_eq!(cov["round"]["name"], "第二轮");
    let theirs = json_of(&db, &["rounds", "coverage", "第二轮"]);
    for k in ["households", "visited", "not_visited"] {
        assert_eq!(cov[k], theirs[k], "{k}");
    }
    let by_name = |v: &Value| -> BTreeMap<String, Value> {
        v["grids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| (g["grid"].as_str().unwrap().to_string(), g.clone()))
            .collect()
    };
    assert_eq!(by_name(cov), by_name(&theirs));
    let first = &cov["grids"][0];
    assert!(
        n(&first["visited"]) < n(&first["households"]),
        "a grid under 100 % first"
    );

    // The report due is `report --due` on the same day; each week is `report` of that week.
    let due = json_of(&db, &["report", "--due", "--today", "2024-12-20"]);
    assert_eq!(desk["report"]["period"]["from"], due["from"]);
    assert_eq!(desk["report"]["period"]["to"], due["to"]);
    assert_eq!(desk["report"]["days_left"], 3);
    assert!(desk["report"]["saved"].is_null());
    let weeks = desk["weekly"]["weeks"].as_array().unwrap();
    assert!(weeks.len() >= 5);
    for w in weeks {
        let (f, t) = (w["from"].as_str().unwrap(), w["to"].as_str().unwrap());
        let table = json_of(&db, &["report", "--from", f, "--to", t]);
        for (i, row) in table["rows"].as_array().unwrap().iter().enumerate() {
            assert_eq!(w["found"][i], row["hazards"], "week {f}: {}", row["action"]);
            assert_eq!(
                w["closed"][i], row["rectified"],
                "week {f}: {}",
                row["action"]
            );
        }
    }
    // Saving the table shows on the 工作台.
    let x = dir.path().join("t.xlsx");
    ok(
        &db,
        &[
            "report",
            "--due",
            "--today",
            "2024-12-20",
            "--xlsx",
            x.to_str().unwrap(),
        ],
    );
    let desk = json_of(&db, &["desk", "--today", "2024-12-20"]);
    assert_eq!(desk["report"]["saved"]["format"], "xlsx");
    // The text form says the same.
    let text = ok(&db, &["desk", "--today", "2024-12-20"]);
    assert!(
        text.contains("已超期 3 条") && text.contains("第二轮"),
        "{text}"
    );
}

/// Converts the .docx with LibreOffice; returns the PDF's text (layout kept).
fn libreoffice_text(docx: &Path, dir: &Path) -> String {
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("lo-profile").display()
    );
    tool(
        "soffice",
        &[
            &profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            dir.to_str().unwrap(),
            docx.to_str().unwrap(),
        ],
    );
    let pdf = dir.join(docx.with_extension("pdf").file_name().unwrap());
    tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"])
}

/// The table python-docx finds: its rows as lists of cell texts.
fn python_docx_table(docx: &Path) -> Vec<Vec<String>> {
    let script = r#"
import json, sys, docx
d = docx.Document(sys.argv[1])
t = [t for t in d.tables if t.rows[0].cells[0].text == "行动名称"]
print(json.dumps([[c.text for c in r.cells] for r in t[0].rows], ensure_ascii=False))
"#;
    let out = tool("python3", &["-c", script, docx.to_str().unwrap()]);
    serde_json::from_str(&out).unwrap()
}

#[test]
fn the_written_report_holds_every_figure_in_libreoffice_and_python_docx() {
    let dir = tempfile::tempdir().unwrap();
    let db = village(dir.path());
    let out = dir.path().join("工作开展情况.docx");
    let args = ["--cycle", "2024-12", "--report-date", "2024-12-23"];
    let mut cmd = vec!["report", "narrative", "--out", out.to_str().unwrap()];
    cmd.extend(args);
    let printed = ok(&db, &cmd);
    assert!(printed.contains("已保存"), "{printed}");
    let json = json_of(&db, &["report", "--cycle", "2024-12"]);

    let text = libreoffice_text(&out, dir.path());
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        flat.contains("东村村民委员会冬季安全“敲门行动”工作开展情况"),
        "{text}"
    );
    // Every figure of `report --json`: each row of the table with its six numbers, in order,
    // and the same figures as a sentence; the totals in the overview.
    let cols = [
        "sessions",
        "people",
        "hazards",
        "rectified",
        "major",
        "major_rectified",
    ];
    for row in json["rows"].as_array().unwrap() {
        let action = row["action"].as_str().unwrap();
        let v: Vec<i64> = cols.iter().map(|c| n(&row[*c])).collect();
        let line = text
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>())
            .find(|w| w.first() == Some(&action) && w.len() == 7)
            .unwrap_or_else(|| panic!("no table row for {action} in\n{text}"));
        let nums: Vec<i64> = line[1..].iter().map(|x| x.parse().unwrap()).collect();
        assert_eq!(nums, v, "{action}");
        let sentence = format!(
            "{action}。宣传{}次、{}人，排查隐患{}条、整改{}条，其中重大隐患{}条、整改{}条。",
            v[0], v[1], v[2], v[3], v[4], v[5]
        );
        assert!(flat.contains(&sentence), "{sentence}");
    }
    let t = &json["total"];
    let overview = format!(
        "共开展安全宣传{}次、覆盖{}人",
        n(&t["sessions"]),
        n(&t["people"])
    );
    assert!(flat.contains(&overview), "{overview}");
    assert!(flat.contains(&format!(
        "排查隐患{}条，整改{}条，其中重大隐患{}条、整改{}条。",
        n(&t["hazards"]),
        n(&t["rectified"]),
        n(&t["major"]),
        n(&t["major_rectified"])
    )));
    // The overdue households (the ledger on the report date, found in the period or before).
    let overdue = json_of(
        &db,
        &["hazards", "list", "--overdue", "--as-of", "2024-12-23"],
    );
    let names: Vec<&str> = overdue
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["found_on"].as_str().unwrap() <= "2024-12-22")
        .map(|h| h["household_name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 3);
    for name in names {
        assert!(flat.contains(name), "overdue household {name} missing");
    }
    assert!(flat.contains("安装一氧化碳报警器") && flat.contains("镇党委、镇政府"));
    assert!(flat.contains("第二轮") && flat.contains("每周情况"));

    // python-docx: the statistics table, its two header rows and the seven rows in order.
    let table = python_docx_table(&out);
    assert_eq!(table.len(), 2 + 7, "{table:?}");
    assert_eq!(table[0][1], "宣传情况");
    assert_eq!(table[1][1], "次数");
    for (i, row) in json["rows"].as_array().unwrap().iter().enumerate() {
        let cells = &table[2 + i];
        assert_eq!(cells[0], CATEGORIES[i]);
        let v: Vec<String> = cols.iter().map(|c| n(&row[*c]).to_string()).collect();
        assert_eq!(&cells[1..], &v[..], "{}", CATEGORIES[i]);
    }
    // The 工作台 knows it was written.
    let desk = json_of(&db, &["desk", "--today", "2024-12-20"]);
    assert_eq!(desk["report"]["narrative_saved"]["format"], "docx");
}

#[test]
fn the_season_summary_and_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let db = village(dir.path());
    let out = dir.path().join("工作总结.docx");
    let f = json_of(
        &db,
        &[
            "report",
            "narrative",
            "--season",
            "--today",
            "2025-04-01",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(f["bytes"].as_u64().unwrap() > 10_000);
    let table = python_docx_table(&out);
    let season = json_of(
        &db,
        &["report", "--from", "2024-11-01", "--to", "2025-03-31"],
    );
    for (i, row) in season["rows"].as_array().unwrap().iter().enumerate() {
        assert_eq!(
            table[2 + i][3],
            row["hazards"].as_i64().unwrap().to_string()
        );
    }
    // No --out, a period and --season together, a date nobody can read: refused in Chinese.
    let x = dir.path().join("x.docx");
    let x = x.to_str().unwrap();
    let o = qm(&db, &["report", "narrative", "--due"]);
    assert_eq!(o.status.code(), Some(2));
    let o = qm(
        &db,
        &[
            "report",
            "narrative",
            "--season",
            "--cycle",
            "2024-12",
            "--out",
            x,
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let o = qm(
        &db,
        &[
            "report",
            "narrative",
            "--from",
            "明天",
            "--to",
            "后天",
            "--out",
            x,
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("明天"));
    assert!(!Path::new(x).exists());
}
