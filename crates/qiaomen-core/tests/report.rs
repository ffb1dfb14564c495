//! Statistics table, publicity log, xlsx layout, township aggregation and full export,
//! on real SQLite files and real spreadsheets. Read-back uses openpyxl (a reader that is
//! not ours) through tests/stats/xlsx_dump.py; fixtures made by hand with openpyxl and
//! LibreOffice are in tests/fixtures/stats (regenerate: tools/make_stats_fixtures.py).

use qiaomen_core::aggregate;
use qiaomen_core::export_all::{self, CsvEncoding};
use qiaomen_core::publicity::{self, PublicityInput, PublicityQuery};
use qiaomen_core::report_xlsx::{self, Meta};
use qiaomen_core::settings::{self, PeriodMode, UnitSettings};
use qiaomen_core::stats::{self, Column, Period, PeriodSpec};
use qiaomen_core::Store;
const CATEGORIES: [&str; 7] = qiaomen_core::Category::NAMES;
use rusqlite::params;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/stats").join(name)
}

fn d(s: &str) -> chrono::NaiveDate {
    qiaomen_core::parse_date(s).unwrap()
}

struct Db {
    _dir: tempfile::TempDir,
    store: Store,
    n: i64,
}

impl Db {
    fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let store = qiaomen_core::open(&dir.path().join("t.sqlite3")).unwrap();
        settings::save(
            store.conn(),
            &UnitSettings {
                unit_name: "红星村".into(),
                contact: "张丽".into(),
                phone: "13800138000".into(),
                ..Default::default()
            },
        )
        .unwrap();
        Db {
            _dir: dir,
            store,
            n: 0,
        }
    }

    fn conn(&self) -> &rusqlite::Connection {
        self.store.conn()
    }

    /// A household with one inspection on `visit`; returns (household, inspection).
    fn visit(&mut self, visit: &str) -> (String, String) {
        self.n += 1;
        let h = format!("h{}", self.n);
        let i = format!("i{}", self.n);
        let now = "2024-12-01T00:00:00.000Z";
        self.conn()
            .execute(
                "INSERT INTO households (id, code, name, address, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![
                    h,
                    format!("{:05}", self.n),
                    format!("户主{}", self.n),
                    "红星村一组",
                    now
                ],
            )
            .unwrap();
        self.conn()
            .execute(
                "INSERT INTO inspections (id, household_id, template_id, template_version, visit_date,
                    created_at, updated_at) VALUES (?1, ?2, 'xq2024', 1, ?3, ?4, ?4)",
                params![i, h, visit, now],
            )
            .unwrap();
        (h, i)
    }

    /// A hazard found on `found`; `closed` = (status, date).
    fn hazard(
        &mut self,
        cat: &str,
        major: bool,
        found: &str,
        closed: Option<(&str, &str)>,
    ) -> String {
        let (h, i) = self.visit(found);
        let id = format!("z{}", self.n);
        let (status, closed_on) = match closed {
            Some((s, d)) => (s, Some(d)),
            None => ("open", None),
        };
        self.conn()
            .execute(
                "INSERT INTO hazards (id, inspection_id, household_id, source, description, category,
                    major, status, found_on, closed_on, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'other', '测试隐患', ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                params![id, i, h, cat, major as i64, status, found, closed_on, "2024-12-01T00:00:00.000Z"],
            )
            .unwrap();
        id
    }

    fn event(&self, date: &str, cat: &str, sessions: i64, people: i64) {
        publicity::add(
            self.conn(),
            &PublicityInput {
                date: date.into(),
                category: cat.parse().unwrap(),
                kind: "广播".into(),
                sessions,
                people,
                note: String::new(),
            },
        )
        .unwrap();
    }
}

const GAS: &str = "防煤气中毒事故";
const FIRE: &str = "防小火亡人事故";
const FOREST: &str = "防森林火灾";

/// A month with hazards and events on, inside and outside the period's edges.
fn sample() -> Db {
    let mut db = Db::new();
    // Found in the period (Dec 2024).
    db.hazard(
        GAS,
        true,
        "2024-12-01",
        Some(("fixed_on_site", "2024-12-01")),
    );
    db.hazard(GAS, false, "2024-12-31", None);
    db.hazard(FIRE, false, "2024-12-10", Some(("closed", "2024-12-20")));
    db.hazard(FIRE, false, "2024-12-15", Some(("closed", "2025-01-03"))); // closed later
    db.hazard(FIRE, true, "2024-12-16", None);
    // Found before, closed in the period: counts as 整改 only.
    db.hazard(FIRE, true, "2024-11-28", Some(("closed", "2024-12-02")));
    // Outside entirely.
    db.hazard(
        GAS,
        false,
        "2024-11-30",
        Some(("fixed_on_site", "2024-11-30")),
    );
    db.hazard(FOREST, false, "2025-01-01", None);
    db.event("2024-12-01", GAS, 2, 150);
    db.event("2024-12-31", GAS, 1, 40);
    db.event("2024-11-30", GAS, 5, 500);
    db.event("2024-12-12", FOREST, 1, 60);
    db
}

#[test]
fn periods() {
    let p = Period::month(2024, 2).unwrap();
    assert_eq!(
        (p.from.as_str(), p.to.as_str()),
        ("2024-02-01", "2024-02-29")
    );
    let p = Period::cycle(2025, 1).unwrap();
    assert_eq!(
        (p.from.as_str(), p.to.as_str()),
        ("2024-12-23", "2025-01-22")
    );
    assert!(
        p.label.contains("2024年12月23日至2025年1月22日"),
        "{}",
        p.label
    );
    let c = |s| Period::around(PeriodMode::Cycle23, d(s), 0).unwrap();
    assert_eq!(c("2024-12-22").to, "2024-12-22");
    assert_eq!(c("2024-12-23").from, "2024-12-23");
    assert_eq!(c("2024-12-23").to, "2025-01-22");
    let prev = Period::around(PeriodMode::Cycle23, d("2024-12-23"), -1).unwrap();
    assert_eq!(
        (prev.from.as_str(), prev.to.as_str()),
        ("2024-11-23", "2024-12-22")
    );
    let m = Period::around(PeriodMode::Month, d("2025-01-15"), -1).unwrap();
    assert_eq!(
        (m.from.as_str(), m.to.as_str()),
        ("2024-12-01", "2024-12-31")
    );
    assert_eq!(Period::day(d("2024-12-05")).to, "2024-12-05");
    assert!(Period::range(d("2024-12-05"), d("2024-12-01")).is_err());
    assert_eq!(stats::parse_month("2024年12月").unwrap(), (2024, 12));
    assert_eq!(stats::parse_month("202412").unwrap(), (2024, 12));
    assert!(stats::parse_month("2024-13").is_err());

    // The office's setting decides "current".
    let db = Db::new();
    let spec = PeriodSpec::Current {
        date: "2024-12-23".into(),
        offset: 0,
    };
    let p = stats::resolve(db.conn(), &spec).unwrap();
    assert_eq!(
        p.from, "2024-12-23",
        "default setting is the 23rd-to-22nd cycle"
    );
    let mut s = settings::load(db.conn()).unwrap();
    s.period_mode = PeriodMode::Month;
    settings::save(db.conn(), &s).unwrap();
    let p = stats::resolve(db.conn(), &spec).unwrap();
    assert_eq!(
        (p.from.as_str(), p.to.as_str()),
        ("2024-12-01", "2024-12-31")
    );
}

#[test]
fn table_counts_only_the_period() {
    let db = sample();
    let t = stats::compute(db.conn(), "2024-12-01", "2024-12-31").unwrap();
    assert_eq!(t.unit, "红星村");
    assert_eq!(t.contact, "张丽");
    let names: Vec<&str> = t.rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(
        names,
        CATEGORIES.to_vec(),
        "seven rows in the official order"
    );
    let gas = &t.rows[0];
    assert_eq!(
        (
            gas.sessions,
            gas.people,
            gas.hazards,
            gas.rectified,
            gas.major,
            gas.major_rectified
        ),
        (3, 190, 2, 1, 1, 1)
    );
    let fire = &t.rows[2];
    assert_eq!(
        (
            fire.hazards,
            fire.rectified,
            fire.major,
            fire.major_rectified
        ),
        (3, 2, 1, 1)
    );
    let forest = &t.rows[6];
    assert_eq!((forest.sessions, forest.people, forest.hazards), (1, 60, 0));
    assert_eq!(
        (
            t.total.sessions,
            t.total.people,
            t.total.hazards,
            t.total.rectified,
            t.total.major,
            t.total.major_rectified
        ),
        (4, 250, 5, 3, 2, 2)
    );
    assert_eq!(t.total.action, "合计");

    // A single day and a cycle: "数据不累计".
    let day = stats::compute(db.conn(), "2024-12-01", "2024-12-01").unwrap();
    assert_eq!(
        (day.total.hazards, day.total.rectified, day.total.sessions),
        (1, 1, 2)
    );
    let jan = stats::compute(db.conn(), "2025-01-01", "2025-01-31").unwrap();
    assert_eq!((jan.total.hazards, jan.total.rectified), (1, 1));
    assert!(stats::compute(db.conn(), "2024-12-31", "2024-12-01").is_err());
}

#[test]
fn every_cell_drills_down_to_its_records() {
    let db = sample();
    let t = stats::compute(db.conn(), "2024-12-01", "2024-12-31").unwrap();
    let mut rows = t.rows.clone();
    rows.push(t.total.clone());
    for r in &rows {
        for c in Column::ALL {
            let cell = stats::cell(db.conn(), &t.from, &t.to, Some(&r.action), c, None).unwrap();
            assert_eq!(cell.value, r.get(c), "{} {:?}", r.action, c);
            match c {
                Column::Sessions => assert_eq!(
                    cell.events.iter().map(|e| e.sessions).sum::<i64>(),
                    r.sessions
                ),
                Column::People => {
                    assert_eq!(cell.events.iter().map(|e| e.people).sum::<i64>(), r.people)
                }
                _ => {
                    assert_eq!(cell.hazards.len() as i64, r.get(c));
                    assert!(cell.events.is_empty());
                }
            }
        }
    }
    let c = stats::cell(
        db.conn(),
        &t.from,
        &t.to,
        Some(FIRE),
        Column::Rectified,
        None,
    )
    .unwrap();
    let found: Vec<&str> = c.hazards.iter().map(|h| h.found_on.as_str()).collect();
    assert_eq!(
        found,
        vec!["2024-11-28", "2024-12-10"],
        "closed in the period whenever found"
    );
    assert!(c.hazards.iter().all(|h| !h.household_code.is_empty()));
    assert!(!c.truncated);
    let first = stats::cell(db.conn(), &t.from, &t.to, None, Column::Hazards, Some(2)).unwrap();
    assert_eq!(
        (first.value, first.hazards.len(), first.truncated),
        (5, 2, true)
    );
    assert!(stats::cell(
        db.conn(),
        &t.from,
        &t.to,
        Some("防洪"),
        Column::Hazards,
        None
    )
    .is_err());
}

#[test]
fn publicity_crud_and_checks() {
    let db = Db::new();
    let c = db.conn();
    let e = publicity::add(
        c,
        &PublicityInput {
            date: "2024年12月3日".into(),
            category: "煤气中毒".parse().unwrap(),
            kind: "".into(),
            sessions: 1,
            people: 30,
            note: " 村口 ".into(),
        },
    )
    .unwrap();
    assert_eq!(
        (
            e.date.as_str(),
            e.category.name(),
            e.kind.as_str(),
            e.note.as_str()
        ),
        ("2024-12-03", GAS, "其他", "村口")
    );
    let mut input = PublicityInput {
        date: "2024-12-04".into(),
        category: FIRE.parse().unwrap(),
        kind: "讲座".into(),
        sessions: 2,
        people: 80,
        note: String::new(),
    };
    let e2 = publicity::update(c, &e.id, &input).unwrap();
    assert_eq!(
        (e2.category.name(), e2.sessions, e2.kind.as_str()),
        (FIRE, 2, "讲座")
    );
    let err = "防洪".parse::<qiaomen_core::Category>().unwrap_err();
    assert!(err.message.contains("行动名称"), "{}", err.message);
    for (bad, what) in [
        (
            PublicityInput {
                kind: "跳舞".into(),
                ..input.clone()
            },
            "宣传形式",
        ),
        (
            PublicityInput {
                sessions: -1,
                ..input.clone()
            },
            "负数",
        ),
        (
            PublicityInput {
                sessions: 0,
                people: 0,
                ..input.clone()
            },
            "都为 0",
        ),
        (
            PublicityInput {
                date: "昨天".into(),
                ..input.clone()
            },
            "昨天",
        ),
    ] {
        let err = publicity::add(c, &bad).unwrap_err();
        assert!(err.message.contains(what), "{}", err.message);
    }
    input.date = "2024-11-01".into();
    publicity::add(c, &input).unwrap();
    let dec = publicity::list(
        c,
        &PublicityQuery {
            from: Some("2024-12-01".into()),
            to: Some("2024-12-31".into()),
            category: None,
        },
    )
    .unwrap();
    assert_eq!(dec.len(), 1);
    assert_eq!(
        publicity::list(c, &PublicityQuery::default())
            .unwrap()
            .len(),
        2
    );
    publicity::delete(c, &e.id).unwrap();
    assert!(publicity::get(c, &e.id).is_err());
    assert!(publicity::delete(c, &e.id).is_err());
    // Every change is in the audit log (triggers).
    let n: i64 = c
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'publicity'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(n >= 4, "{n}");
}

#[test]
fn publicity_import_from_a_clerks_sheet() {
    let db = Db::new();
    let r = publicity::import_file(db.conn(), &fixture("publicity_log.xlsx")).unwrap();
    assert_eq!(r.added, 5, "{r:?}");
    let rows: Vec<i64> = r.problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, vec![8, 10], "{r:?}");
    assert!(r.problems[0].message.contains("看不出类别"));
    assert!(r.problems[1].message.contains("12月35日"));
    let all = publicity::list(db.conn(), &PublicityQuery::default()).unwrap();
    let gas = all.iter().find(|e| e.date == "2024-12-01").unwrap();
    assert_eq!(
        (
            gas.category.name(),
            gas.kind.as_str(),
            gas.sessions,
            gas.people
        ),
        (GAS, "广播", 2, 300)
    );
    let wx = all.iter().find(|e| e.date == "2024-12-03").unwrap();
    assert_eq!(
        (wx.category.name(), wx.kind.as_str(), wx.people),
        ("防燃气爆炸事故", "微信群", 250)
    );
    let banner = all.iter().find(|e| e.date == "2024-12-10").unwrap();
    assert_eq!(
        (banner.kind.as_str(), banner.note.as_str()),
        ("其他", "村口拉横幅")
    );
    // Importing the same file again adds nothing.
    let again = publicity::import_file(db.conn(), &fixture("publicity_log.xlsx")).unwrap();
    assert_eq!((again.added, again.duplicates), (0, 5));
    let err = publicity::import_file(db.conn(), &fixture("not_a_table.xlsx")).unwrap_err();
    assert!(err.message.contains("not_a_table.xlsx"), "{}", err.message);
}

/// Runs tests/stats/xlsx_dump.py (openpyxl) on a file.
fn openpyxl(path: &Path) -> Value {
    let out = std::process::Command::new("python3")
        .arg(root().join("tests/stats/xlsx_dump.py"))
        .arg(path)
        .output()
        .expect("python3 is needed for the read-back tests");
    assert!(
        out.status.success(),
        "openpyxl read-back failed (pip install openpyxl): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn xlsx_in_the_official_layout_read_back_by_openpyxl() {
    let db = sample();
    let t = stats::compute(db.conn(), "2024-12-01", "2024-12-31").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("统计表.xlsx");
    let meta = Meta {
        phone: "13800138000".into(),
        report_date: d("2024-12-23"),
    };
    report_xlsx::save(&t, &meta, &path).unwrap();
    let j = openpyxl(&path);
    let s = &j["工作统计表"];
    let cell = |a: &str| s["cells"][a].clone();
    assert_eq!(cell("A1"), "冬季安全“敲门行动”工作统计表");
    assert_eq!(cell("A2"), "统计时段：2024年12月1日至2024年12月31日");
    assert_eq!(cell("A3"), "报送单位（乡镇/部门）：红星村");
    assert_eq!(cell("D3"), "联系人：张丽 13800138000");
    assert_eq!(cell("F3"), "报送时间：2024年12月23日");
    assert_eq!(cell("A4"), "行动名称");
    assert_eq!(cell("B4"), "宣传情况");
    assert_eq!(cell("D4"), "隐患排查整改情况");
    let heads: Vec<Value> = ["B5", "C5", "D5", "E5", "F5", "G5"]
        .iter()
        .map(|a| cell(a))
        .collect();
    assert_eq!(
        heads,
        vec![
            "次数",
            "人数",
            "隐患总数（条）",
            "整改（条）",
            "其中：重大隐患（条）",
            "整改（条）"
        ]
    );
    for (i, c) in CATEGORIES.iter().enumerate() {
        assert_eq!(cell(&format!("A{}", 6 + i)), *c);
    }
    // Values of the gas and fire rows.
    let nums = |r: u32| -> Vec<i64> {
        "BCDEFG"
            .chars()
            .map(|c| cell(&format!("{c}{r}")).as_i64().unwrap())
            .collect()
    };
    assert_eq!(nums(6), vec![3, 190, 2, 1, 1, 1]);
    assert_eq!(nums(8), vec![0, 0, 3, 2, 1, 1]);
    // 合计: formulas, and their stored results for readers that do not recalculate.
    assert_eq!(cell("A13"), "合计");
    assert_eq!(nums(13), vec![4, 250, 5, 3, 2, 2]);
    assert_eq!(s["formulas"]["B13"], "=SUM(B6:B12)");
    assert_eq!(s["formulas"]["G13"], "=SUM(G6:G12)");
    assert!(cell("A14")
        .as_str()
        .unwrap()
        .starts_with("本表由组织开展敲门行动的村（社区）"));
    assert!(cell("A14").as_str().unwrap().ends_with("数据不累计。"));
    let merges: Vec<&str> = s["merges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for m in [
        "A1:G1", "A2:G2", "A3:C3", "D3:E3", "F3:G3", "A4:A5", "B4:C4", "D4:G4", "A14:G14",
    ] {
        assert!(merges.contains(&m), "merge {m} missing: {merges:?}");
    }
    let list = |k: &str| -> Vec<String> {
        s[k].as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let (boxed, covered) = (list("boxed"), list("covered"));
    for r in 4..=13 {
        for c in "ABCDEFG".chars() {
            let a = format!("{c}{r}");
            assert!(
                boxed.contains(&a) || covered.contains(&a),
                "{a} has no border"
            );
        }
    }
    assert!(boxed.contains(&"A4".to_string()) && boxed.contains(&"D4".to_string()));
    assert!(!boxed.contains(&"A1".to_string()));
    let page = &s["page"];
    assert_eq!(page["orientation"], "landscape");
    assert_eq!(page["paper_size"], 9, "A4");
    assert_eq!(page["fit_to_page"], true);
    assert_eq!(
        (page["fit_width"].as_i64(), page["fit_height"].as_i64()),
        (Some(1), Some(1))
    );
}

fn expected() -> Value {
    let text = std::fs::read_to_string(fixture("expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn rows_of(t: &qiaomen_core::stats::StatsTable) -> Vec<Vec<i64>> {
    t.rows
        .iter()
        .map(|r| Column::ALL.iter().map(|c| r.get(*c)).collect())
        .collect()
}

#[test]
fn hand_made_tables_are_read_by_their_texts() {
    let exp = expected();
    for (file, e) in exp["files"].as_object().unwrap() {
        let (t, s) = aggregate::read_table(&fixture(file))
            .unwrap_or_else(|e| panic!("{file}: {}", e.message));
        let want: Vec<Vec<i64>> = serde_json::from_value(e["rows"].clone()).unwrap();
        assert_eq!(rows_of(&t), want, "{file}");
        assert_eq!(s.unit, e["unit"], "{file}");
        assert_eq!(s.contact, e["contact"], "{file}");
        assert_eq!(s.report_date, e["report_date"], "{file}");
        let bad: Vec<&str> = s.unreadable.iter().map(|b| b.address.as_str()).collect();
        let want_bad: Vec<String> = serde_json::from_value(e["unreadable"].clone()).unwrap();
        assert_eq!(bad, want_bad, "{file}");
        if let Some(m) = e.get("period_month") {
            assert_eq!(s.period, *m, "{file}");
        }
    }
    let (_, s) = aggregate::read_table(&fixture("v_shifted.xlsx")).unwrap();
    assert_eq!(s.unreadable[0].text, "十二");
    assert_eq!(s.unreadable[0].action, "防小火亡人事故");
    assert!(s.unreadable[0].column.contains("隐患总数"));
    assert!(
        s.notes
            .iter()
            .any(|n| n.contains("合计") && n.contains("99")),
        "{:?}",
        s.notes
    );
    let (_, s) = aggregate::read_table(&fixture("v_single_header.xlsx")).unwrap();
    assert_eq!(
        s.sheet, "12月",
        "the notes sheet before the table is skipped"
    );
}

#[test]
fn files_that_are_not_the_table_are_refused_by_name() {
    let err = aggregate::read_table(&fixture("not_a_table.xlsx")).unwrap_err();
    assert!(err.message.contains("not_a_table.xlsx"), "{}", err.message);
    assert!(err.message.contains("不是"), "{}", err.message);
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("假表格.xlsx");
    std::fs::write(&fake, "这是一个改了扩展名的文本文件").unwrap();
    let err = aggregate::read_table(&fake).unwrap_err();
    assert!(err.message.contains("假表格.xlsx"), "{}", err.message);
    let err = aggregate::aggregate(&[], "镇", "", None).unwrap_err();
    assert!(err.message.contains("至少"));
}

#[test]
fn township_sums_villages_and_warns() {
    let exp = expected();
    let same_month = [
        "v_official.xlsx",
        "v_shifted.xlsx",
        "v_reordered.xls",
        "v_single_header.xlsx",
    ];
    let paths: Vec<PathBuf> = same_month.iter().map(|f| fixture(f)).collect();
    let a = aggregate::aggregate(&paths, "青山镇", "周七", None).unwrap();
    assert_eq!(a.unit, "青山镇");
    let mut want = vec![vec![0i64; 6]; 7];
    for f in same_month {
        let rows: Vec<Vec<i64>> = serde_json::from_value(exp["files"][f]["rows"].clone()).unwrap();
        for (i, r) in rows.iter().enumerate() {
            for (j, v) in r.iter().enumerate() {
                want[i][j] += v;
            }
        }
    }
    assert_eq!(rows_of(&a.table()), want);
    let total: Vec<i64> = (0..6).map(|j| want.iter().map(|r| r[j]).sum()).collect();
    assert_eq!(
        Column::ALL
            .iter()
            .map(|c| a.total.get(*c))
            .collect::<Vec<_>>(),
        total
    );
    assert_eq!(a.sources.len(), 4);
    assert!(
        !a.warnings
            .iter()
            .any(|w| w.contains("不一致") && w.contains("月份")),
        "{:?}",
        a.warnings
    );
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("v_shifted.xlsx") && w.contains("F10")),
        "{:?}",
        a.warnings
    );

    // November's table of a unit already present: both warnings.
    let mut more = paths.clone();
    more.push(fixture("v_november_dup.xlsx"));
    let a = aggregate::aggregate(&more, "青山镇", "", None).unwrap();
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("红星村") && w.contains("2 次")),
        "{:?}",
        a.warnings
    );
    assert!(
        a.warnings.iter().any(|w| w.contains("月份不一致")),
        "{:?}",
        a.warnings
    );

    // A refused file names itself and nothing is summed.
    more.push(fixture("not_a_table.xlsx"));
    let err = aggregate::aggregate(&more, "青山镇", "", None).unwrap_err();
    assert!(err.message.contains("not_a_table.xlsx"));
}

#[test]
fn our_own_tables_round_trip_and_periods_are_compared() {
    let db = sample();
    let dir = tempfile::tempdir().unwrap();
    let meta = Meta {
        phone: String::new(),
        report_date: d("2024-12-23"),
    };
    let dec = stats::compute(db.conn(), "2024-12-01", "2024-12-31").unwrap();
    let a_path = dir.path().join("红星村.xlsx");
    report_xlsx::save(&dec, &meta, &a_path).unwrap();
    let (t, s) = aggregate::read_table(&a_path).unwrap();
    assert_eq!(rows_of(&t), rows_of(&dec));
    assert_eq!((s.unit.as_str(), s.contact.as_str()), ("红星村", "张丽"));
    assert_eq!(
        (s.from.as_str(), s.to.as_str()),
        ("2024-12-01", "2024-12-31")
    );
    assert!(s.notes.is_empty(), "{:?}", s.notes);

    // A second village with another period.
    let mut other = stats::compute(db.conn(), "2024-11-23", "2024-12-22").unwrap();
    other.unit = "白云村".into();
    let b_path = dir.path().join("白云村.xlsx");
    report_xlsx::save(&other, &meta, &b_path).unwrap();
    let agg =
        aggregate::aggregate(&[a_path.clone(), b_path.clone()], "青山镇", "周七", None).unwrap();
    assert!(
        agg.warnings.iter().any(|w| w.contains("统计时段不一致")),
        "{:?}",
        agg.warnings
    );
    assert_eq!((agg.from.as_str(), agg.to.as_str()), ("", ""));
    let mut want = rows_of(&dec);
    for (i, r) in rows_of(&other).iter().enumerate() {
        for (j, v) in r.iter().enumerate() {
            want[i][j] += v;
        }
    }
    assert_eq!(rows_of(&agg.table()), want);

    // Same period: no warning, the township's table carries it; its xlsx reads back.
    other.from = dec.from.clone();
    other.to = dec.to.clone();
    report_xlsx::save(&other, &meta, &b_path).unwrap();
    let agg = aggregate::aggregate(&[a_path, b_path], "青山镇", "周七", None).unwrap();
    assert!(agg.warnings.is_empty(), "{:?}", agg.warnings);
    assert_eq!(
        (agg.from.as_str(), agg.to.as_str()),
        ("2024-12-01", "2024-12-31")
    );
    let out = dir.path().join("青山镇汇总.xlsx");
    aggregate::save_xlsx(&agg, &meta, &out).unwrap();
    let j = openpyxl(&out);
    assert_eq!(j["sheets"][0], "工作统计表");
    assert_eq!(j["sheets"][1], "汇总来源");
    assert_eq!(
        j["工作统计表"]["cells"]["A3"],
        "报送单位（乡镇/部门）：青山镇"
    );
    assert_eq!(j["工作统计表"]["cells"]["D13"], agg.total.hazards);
    assert_eq!(j["汇总来源"]["cells"]["C2"], "红星村");
    assert_eq!(j["汇总来源"]["cells"]["C3"], "白云村");
    let (t, _) = aggregate::read_table(&out).unwrap();
    assert_eq!(
        rows_of(&t),
        rows_of(&agg.table()),
        "a township's table aggregates again (county)"
    );
}

#[test]
fn export_all_tables_and_csv_encodings() {
    let mut db = sample();
    let (h, i) = db.visit("2024-12-05");
    let c = db.conn();
    c.execute(
        "UPDATE households SET name = '𠮷野家', id_number = '11010519491231002X', phone = '13800138000' WHERE id = ?1",
        [&h],
    )
    .unwrap();
    c.execute("INSERT INTO answers (inspection_id, item_no, answer) VALUES (?1, 2, 'yes'), (?1, 13, 'no')", [&i])
        .unwrap();
    c.execute(
        "INSERT INTO people (id, household_id, name, categories, created_at, updated_at)
         VALUES ('p1', ?1, '王䶮', '独居老人', 'x', 'x')",
        [&h],
    )
    .unwrap();
    c.execute(
        "INSERT INTO revisits (id, hazard_id, visit_date, visitor, result, created_at)
         VALUES ('v1', 'z2', '2024-12-20', '李四', '已整改', 'x')",
        [],
    )
    .unwrap();
    c.execute(
        "INSERT INTO rounds (id, name, start_date, end_date, created_at, updated_at)
         VALUES ('r1', '第一轮', '2024-11-01', '2024-11-30', 'x', 'x')",
        [],
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("全部数据.xlsx");
    let calls = std::sync::Mutex::new(0);
    let sum = export_all::export_all(c, &path, &|_, _, _| *calls.lock().unwrap() += 1).unwrap();
    assert!(*calls.lock().unwrap() >= export_all::TABLES.len());
    let j = openpyxl(&path);
    let names: Vec<&str> = j["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        export_all::TABLES.iter().map(|t| t.1).collect::<Vec<_>>()
    );
    let hh = &j["户籍登记"]["cells"];
    assert_eq!(hh["A1"], "编号");
    assert_eq!(hh["C1"], "检查地点(对象)名称");
    let rows = sum
        .tables
        .iter()
        .find(|t| t.key == "households")
        .unwrap()
        .rows;
    assert_eq!(rows, 9);
    let cells = j["户籍登记"]["cells"].as_object().unwrap();
    assert!(cells.values().any(|v| v == "𠮷野家"));
    assert!(
        cells.values().any(|v| v == "11010519491231002X"),
        "ID numbers stay text"
    );
    let insp = &j["入户检查"]["cells"];
    let headers: Vec<&str> = "ABCDEFGHIJKLMNOP"
        .chars()
        .filter_map(|c| insp[format!("{c}1")].as_str())
        .collect();
    assert!(
        headers.contains(&"第2项") && headers.contains(&"第13项"),
        "{headers:?}"
    );
    assert!(j["入户检查"]["cells"]
        .as_object()
        .unwrap()
        .values()
        .any(|v| v == "是"));
    let hz = j["隐患台账"]["cells"].as_object().unwrap();
    assert!(hz
        .values()
        .any(|v| v.as_str().is_some_and(|s| s.contains("李四：已整改"))));
    assert_eq!(
        j["隐患台账"]["cells"]["D2"], "2024-11-28",
        "dates are real dates"
    );
    assert!(j["隐患台账"]["number_formats"]["D2"]
        .as_str()
        .unwrap()
        .contains("年"));
    assert!(j["弱势群体"]["cells"]
        .as_object()
        .unwrap()
        .values()
        .any(|v| v == "王䶮"));
    assert_eq!(j["轮次"]["cells"]["A2"], "第一轮");
    assert_eq!(j["宣传记录"]["cells"]["B1"], "行动名称");

    // CSV: UTF-8 with BOM keeps everything.
    let csv_path = dir.path().join("户.csv");
    let s = export_all::export_csv(c, "households", CsvEncoding::Utf8Bom, &csv_path).unwrap();
    assert!(s.file.warnings.is_empty());
    let bytes = std::fs::read(&csv_path).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("编号,网格,检查地点(对象)名称"));
    assert!(text.contains("𠮷野家") && text.contains("11010519491231002X"));
    // GBK: readable as GBK, and the one character outside GBK is reported.
    let s = export_all::export_csv(c, "households", CsvEncoding::Gbk, &csv_path).unwrap();
    assert!(
        s.file.warnings.iter().any(|w| w.contains("𠮷")),
        "{:?}",
        s.file.warnings
    );
    let bytes = std::fs::read(&csv_path).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.decode(&bytes);
    assert!(gbk.starts_with("编号,网格"));
    assert!(gbk.contains("野家"));
    let (full, _, bad) = encoding_rs::GB18030.decode(&bytes);
    assert!(
        !bad && full.contains("𠮷野家"),
        "nothing is lost in GB18030"
    );
    let err = export_all::export_csv(c, "passwords", CsvEncoding::Gbk, &csv_path).unwrap_err();
    assert!(err.message.contains("passwords"));
    assert!(CsvEncoding::parse("GBK").is_ok() && CsvEncoding::parse("latin1").is_err());
}

#[test]
fn pdf_of_the_same_table() {
    let db = sample();
    let t = stats::compute(db.conn(), "2024-12-01", "2024-12-31").unwrap();
    let meta = Meta {
        phone: String::new(),
        report_date: d("2024-12-23"),
    };
    let r = qiaomen_core::report_pdf::render(&t, &meta).unwrap();
    assert_eq!(r.pages, 1);
    assert!(r.missing_chars.is_empty(), "{:?}", r.missing_chars);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("统计表.pdf");
    r.write_to(&path).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    let text = String::from_utf8(out.stdout).unwrap();
    for want in [
        "冬季安全“敲门行动”工作统计表",
        "报送单位（乡镇/部门）：红星村",
        "2024年12月23日",
        "隐患排查整改情况",
        "其中：重大隐患",
        "合计",
        "数据不累计",
    ] {
        assert!(text.contains(want), "{want} missing in:\n{text}");
    }
    for c in CATEGORIES {
        assert!(text.contains(c), "{c}");
    }
    let gas_line = text.lines().find(|l| l.contains(GAS)).unwrap();
    let nums: Vec<&str> = gas_line.split_whitespace().skip(1).collect();
    assert_eq!(nums, vec!["3", "190", "2", "1", "1", "1"], "{gas_line}");
    let total_line = text
        .lines()
        .find(|l| l.trim_start().starts_with("合计"))
        .unwrap();
    let nums: Vec<&str> = total_line.split_whitespace().skip(1).collect();
    assert_eq!(nums, vec!["4", "250", "5", "3", "2", "2"], "{total_line}");
    let landscape = std::process::Command::new("pdfinfo")
        .arg(&path)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&landscape.stdout);
    assert!(info.contains("841.89 x 595.2"), "A4 landscape: {info}");
}
