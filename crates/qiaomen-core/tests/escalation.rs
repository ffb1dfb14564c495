//! Hazards that cannot be fixed in time: 防控措施, 上报, the 上报清单 and the notice, on a
//! real database file; the lists read back with openpyxl, the PDFs with pdftotext and qpdf.

use qiaomen_core::hazards::{self, EscalationInput, Hazard, HazardQuery, HazardView, MeasureInput};
use qiaomen_core::households::{self, HouseholdInput};
use qiaomen_core::inspections::{self, AnswerEntry, ExtraHazardInput, InspectionInput};
use qiaomen_core::templates::Answer;
use qiaomen_core::{settings, Category, ErrorCode, Store};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = qiaomen_core::open(&dir.path().join("q.sqlite3")).unwrap();
    let mut s = settings::load(store.conn()).unwrap();
    s.unit_name = "下曲村委会".into();
    settings::save(store.conn(), &s).unwrap();
    (dir, store)
}

/// One visit to 王䶮 (2024-12-03): item 5 (gas leak, major) and an other hazard
/// (有限空间). Returns the two hazards: (gas, septic tank).
fn visit(store: &Store) -> (Hazard, Hazard) {
    let h = households::add(
        store.conn(),
        &HouseholdInput {
            name: "王䶮".into(),
            address: "下曲村三巷5号".into(),
            ..Default::default()
        },
    )
    .unwrap();
    inspections::record(
        store.conn(),
        &InspectionInput {
            household_id: h.id.clone(),
            visit_date: "2024-12-03".into(),
            inspectors: "李四".into(),
            answers: vec![AnswerEntry {
                item_no: 5,
                answer: Answer::Yes,
            }],
            extra_hazards: vec![ExtraHazardInput {
                id: None,
                description: "院内化粪池无盖板".into(),
                category: Category::ConfinedSpace,
                major: false,
                fixed_on_site: false,
            }],
            ..Default::default()
        },
    )
    .unwrap();
    let all = hazards::list(store.conn(), &HazardQuery::default())
        .unwrap()
        .items;
    let gas = all.iter().find(|z| z.item_no == Some(5)).unwrap().clone();
    let tank = all.iter().find(|z| z.item_no.is_none()).unwrap().clone();
    (gas, tank)
}

fn escalation(to: &str, on: &str, measures: Option<&str>) -> EscalationInput {
    EscalationInput {
        escalated_to: to.into(),
        escalated_on: on.into(),
        note: String::new(),
        measures: measures.map(str::to_string),
    }
}

/// Every row of every table (the audit log included), to prove a refusal wrote nothing.
fn snapshot(store: &Store) -> String {
    let c = store.conn();
    let mut st = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap();
    let tables: Vec<String> = st
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let mut out = String::new();
    for t in tables {
        let mut st = c.prepare(&format!("SELECT * FROM {t}")).unwrap();
        let n = st.column_count();
        let mut rows = st.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for i in 0..n {
                out.push_str(&format!("{:?}|", r.get_ref(i).unwrap()));
            }
            out.push('\n');
        }
    }
    out
}

fn count(store: &Store, q: HazardQuery) -> i64 {
    hazards::list(store.conn(), &q).unwrap().total
}

#[test]
fn escalation_with_a_measure_shows_in_detail_and_ledger() {
    let (_d, store) = store();
    let (gas, tank) = visit(&store);
    let z = hazards::escalate(
        store.conn(),
        &gas.id,
        &escalation(
            "镇党委、镇政府",
            "2024年12月5日",
            Some("关闭气源，设置警示标志"),
        ),
    )
    .unwrap();
    let e = z.escalation.as_ref().unwrap();
    assert_eq!(
        (e.escalated_to.as_str(), e.escalated_on.as_str()),
        ("镇党委、镇政府", "2024-12-05")
    );
    assert_eq!(z.measure_count, 1);
    let m = z.latest_measure.as_ref().unwrap();
    assert_eq!(
        (m.taken_on.as_str(), m.description.as_str()),
        ("2024-12-05", "关闭气源，设置警示标志")
    );
    // A later measure becomes the latest; the detail lists both, oldest first.
    hazards::add_measure(
        store.conn(),
        &gas.id,
        &MeasureInput {
            taken_on: "2024-12-09".into(),
            description: "网格员每日巡查".into(),
        },
    )
    .unwrap();
    let d = hazards::get(store.conn(), &gas.id).unwrap();
    let texts: Vec<&str> = d.measures.iter().map(|m| m.description.as_str()).collect();
    assert_eq!(texts, ["关闭气源，设置警示标志", "网格员每日巡查"]);
    assert_eq!(d.hazard.measure_count, 2);
    assert_eq!(
        d.hazard.latest_measure.as_ref().unwrap().description,
        "网格员每日巡查"
    );
    // A measure without escalation: 有防控措施 holds both, 已上报 one.
    hazards::add_measure(
        store.conn(),
        &tank.id,
        &MeasureInput {
            taken_on: "2024-12-04".into(),
            description: "临时盖板".into(),
        },
    )
    .unwrap();
    let esc = hazards::list(
        store.conn(),
        &HazardQuery {
            escalated: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(esc.total, 1);
    assert_eq!(esc.items[0].id, gas.id);
    let with = HazardQuery {
        with_measures: true,
        ..Default::default()
    };
    assert_eq!(count(&store, with.clone()), 2);
    let both = HazardQuery {
        escalated: true,
        with_measures: true,
        view: HazardView::Open,
        ..Default::default()
    };
    assert_eq!(count(&store, both), 1);
    assert_eq!(count(&store, HazardQuery::default()), 2);
}

#[test]
fn bad_input_is_refused_in_chinese_and_changes_nothing() {
    let (_d, store) = store();
    let (gas, _) = visit(&store);
    let before = snapshot(&store);
    let long = "很".repeat(501);
    let cases: Vec<(EscalationInput, &str)> = vec![
        (escalation("", "2024-12-05", None), "上报给谁"),
        (escalation("   ", "2024-12-05", None), "上报给谁"),
        (escalation("镇政府", "", None), "请填写上报日期"),
        (
            escalation("镇政府", "下周", None),
            "上报日期：日期“下周”看不懂",
        ),
        (
            escalation("镇政府", "2024-12-01", None),
            "早于发现隐患的日期",
        ),
        (escalation("镇政府", "2999-01-01", None), "还没到"),
        (
            escalation(&"镇".repeat(61), "2024-12-05", None),
            "上报对象太长了",
        ),
        // The measure that comes with it is bad: the escalation is not kept either.
        (
            escalation("镇政府", "2024-12-05", Some(&long)),
            "防控措施太长了",
        ),
    ];
    for (input, want) in cases {
        let e = hazards::escalate(store.conn(), &gas.id, &input).unwrap_err();
        assert_eq!(e.code, ErrorCode::Invalid, "{}", e.message);
        assert!(e.message.contains(want), "{want}: {}", e.message);
    }
    for (on, text, want) in [
        ("2024-12-05", "", "请填写防控措施"),
        ("", "警示标志", "请填写防控措施日期"),
        ("2024-11-30", "警示标志", "早于"),
    ] {
        let e = hazards::add_measure(
            store.conn(),
            &gas.id,
            &MeasureInput {
                taken_on: on.into(),
                description: text.into(),
            },
        )
        .unwrap_err();
        assert!(e.message.contains(want), "{want}: {}", e.message);
    }
    let e = hazards::escalate(
        store.conn(),
        "no-such-id",
        &escalation("镇政府", "2024-12-05", None),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
    assert!(
        snapshot(&store) == before,
        "a refused call wrote to the database"
    );
}

#[test]
fn escalation_is_corrected_and_undone_with_its_history_kept() {
    let (_d, store) = store();
    let (gas, _) = visit(&store);
    hazards::escalate(
        store.conn(),
        &gas.id,
        &escalation("镇政府", "2024-12-05", None),
    )
    .unwrap();
    let e = hazards::escalate(
        store.conn(),
        &gas.id,
        &escalation("县应急局", "2024-12-06", None),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(
        e.message.contains("已于 2024年12月5日 上报给镇政府"),
        "{}",
        e.message
    );
    let z = hazards::update_escalation(
        store.conn(),
        &gas.id,
        &EscalationInput {
            note: "镇安办已派人查看".into(),
            ..escalation("镇党委、镇政府", "2024-12-06", Some("关闭气源"))
        },
    )
    .unwrap();
    let e = z.escalation.unwrap();
    assert_eq!(e.escalated_to, "镇党委、镇政府");
    assert_eq!(e.escalated_on, "2024-12-06");
    assert_eq!(e.note, "镇安办已派人查看");
    assert_eq!(z.measure_count, 1);
    let z = hazards::undo_escalation(store.conn(), &gas.id).unwrap();
    assert!(z.escalation.is_none());
    assert_eq!(
        z.measure_count, 1,
        "undoing the escalation keeps the measures"
    );
    let e = hazards::undo_escalation(store.conn(), &gas.id).unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
    let e = hazards::update_escalation(
        store.conn(),
        &gas.id,
        &escalation("镇政府", "2024-12-05", None),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
    // The audit log holds what the escalation was at each step.
    let hist = qiaomen_core::audit::history(store.conn(), "hazard_escalations", &gas.id).unwrap();
    let actions: Vec<&str> = hist.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, ["insert", "update", "delete"]);
    assert_eq!(hist[0].new.as_ref().unwrap()["escalated_to"], "镇政府");
    assert_eq!(
        hist[2].old.as_ref().unwrap()["escalated_to"],
        "镇党委、镇政府"
    );
    // A measure deleted by mistake is gone, and audited.
    let m = hazards::measures_of(store.conn(), &gas.id)
        .unwrap()
        .remove(0);
    hazards::delete_measure(store.conn(), &m.id).unwrap();
    assert!(hazards::measures_of(store.conn(), &gas.id)
        .unwrap()
        .is_empty());
    let hist = qiaomen_core::audit::history(store.conn(), "hazard_measures", &m.id).unwrap();
    assert_eq!(hist.last().unwrap().action, "delete");
}

#[test]
fn an_escalated_hazard_can_be_closed_and_keeps_its_record() {
    let (_d, store) = store();
    let (gas, tank) = visit(&store);
    hazards::escalate(
        store.conn(),
        &gas.id,
        &escalation("镇政府", "2024-12-05", Some("关闭气源")),
    )
    .unwrap();
    let z = hazards::close(store.conn(), &gas.id, "2024-12-20", "燃气公司已更换管道").unwrap();
    assert_eq!(z.status, hazards::HazardStatus::Closed);
    assert_eq!(z.escalation.unwrap().escalated_to, "镇政府");
    assert_eq!(z.measure_count, 1);
    // A closed hazard needs no new measure or escalation.
    let e = hazards::add_measure(
        store.conn(),
        &gas.id,
        &MeasureInput {
            taken_on: "2024-12-21".into(),
            description: "巡查".into(),
        },
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    hazards::close(store.conn(), &tank.id, "2024-12-20", "").unwrap();
    let e = hazards::escalate(
        store.conn(),
        &tank.id,
        &escalation("镇政府", "2024-12-21", None),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(e.message.contains("销号"), "{}", e.message);
    // Reopening keeps the escalation.
    let z = hazards::reopen(store.conn(), &gas.id).unwrap();
    assert!(z.escalation.is_some());
}

#[test]
fn a_visit_whose_hazard_has_measures_is_not_deleted() {
    let (_d, store) = store();
    let (gas, _) = visit(&store);
    hazards::add_measure(
        store.conn(),
        &gas.id,
        &MeasureInput {
            taken_on: "2024-12-04".into(),
            description: "关闭气源".into(),
        },
    )
    .unwrap();
    let before = snapshot(&store);
    let e = inspections::delete(store.conn(), &gas.inspection_id).unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(
        snapshot(&store) == before,
        "a refused call wrote to the database"
    );
    assert!(e.message.contains("防控措施"), "{}", e.message);
    // Nor is the hazard dropped by an edit that no longer answers item 5 as a hazard: it is
    // kept, like one with revisits, and the clerk is told.
    let insp = inspections::get(store.conn(), &gas.inspection_id).unwrap();
    let saved = inspections::update(
        store.conn(),
        &insp.id,
        &InspectionInput {
            household_id: insp.household.id.clone(),
            visit_date: insp.visit_date.clone(),
            inspectors: insp.inspectors.clone(),
            answers: vec![AnswerEntry {
                item_no: 5,
                answer: Answer::No,
            }],
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(saved.hazards_kept, 1);
    assert!(
        saved
            .warnings
            .iter()
            .any(|w| w.message.contains("防控措施")),
        "{:?}",
        saved.warnings
    );
    assert!(hazards::get_hazard(store.conn(), &gas.id).is_ok());
}

/// Runs tests/stats/xlsx_dump.py (openpyxl) on a file.
fn openpyxl(path: &Path) -> Value {
    let out = Command::new("python3")
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

fn tool(cmd: &str, args: &[&str]) -> String {
    let o = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} is needed: {e}"));
    assert!(
        o.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The PDF's text without white space (lines wrap anywhere), after `qpdf --check`.
fn pdf_text(p: &Path) -> String {
    tool("qpdf", &["--check", p.to_str().unwrap()]);
    tool("pdftotext", &["-raw", p.to_str().unwrap(), "-"])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn pages(p: &Path) -> usize {
    let info = tool("pdfinfo", &[p.to_str().unwrap()]);
    let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
    line.split_whitespace().last().unwrap().parse().unwrap()
}

#[test]
fn escalated_list_as_xlsx_and_pdf() {
    let (dir, store) = store();
    let (gas, tank) = visit(&store);
    hazards::escalate(
        store.conn(),
        &gas.id,
        &escalation(
            "镇党委、镇政府",
            "2024-12-05",
            Some("关闭气源，设置警示标志"),
        ),
    )
    .unwrap();
    hazards::add_measure(
        store.conn(),
        &gas.id,
        &MeasureInput {
            taken_on: "2024-12-09".into(),
            description: "网格员每日巡查".into(),
        },
    )
    .unwrap();
    // Measures alone do not put a hazard on the list.
    hazards::add_measure(
        store.conn(),
        &tank.id,
        &MeasureInput {
            taken_on: "2024-12-04".into(),
            description: "临时盖板".into(),
        },
    )
    .unwrap();
    let path = dir.path().join("上报清单.xlsx");
    let n =
        qiaomen_core::escalated_list::escalated_xlsx(store.conn(), &HazardQuery::default(), &path)
            .unwrap();
    assert_eq!(n, 1);
    let j = openpyxl(&path);
    assert_eq!(j["sheets"][0], "上报清单");
    let c = &j["上报清单"]["cells"];
    assert_eq!(c["A1"], "一时难以整改隐患上报清单");
    assert!(
        c["A2"].as_str().unwrap().contains("下曲村委会"),
        "{}",
        c["A2"]
    );
    let heads: Vec<&str> = "ABCDEFGHIJKLMN"
        .chars()
        .map(|col| c[format!("{col}3")].as_str().unwrap())
        .collect();
    assert_eq!(
        heads,
        [
            "序号",
            "户编号",
            "检查地点(对象)名称",
            "地址",
            "网格",
            "隐患情况",
            "行动名称",
            "重大隐患",
            "发现日期",
            "整改期限",
            "整改状态",
            "上报对象",
            "上报日期",
            "防控措施"
        ]
    );
    assert_eq!(c["A4"], 1);
    assert_eq!(c["C4"], "王䶮");
    assert_eq!(c["D4"], "下曲村三巷5号");
    assert_eq!(c["G4"], "防燃气爆炸事故");
    assert_eq!(c["H4"], "是");
    assert_eq!(c["I4"], "2024年12月3日");
    assert_eq!(c["L4"], "镇党委、镇政府");
    assert_eq!(c["M4"], "2024年12月5日");
    assert_eq!(
        c["N4"],
        "2024年12月5日 关闭气源，设置警示标志；2024年12月9日 网格员每日巡查"
    );
    assert!(c.get("C5").is_none(), "only escalated hazards are listed");
    assert_eq!(j["上报清单"]["page"]["orientation"], "landscape");

    let r =
        qiaomen_core::escalated_list::escalated_pdf(store.conn(), &HazardQuery::default()).unwrap();
    let p = dir.path().join("上报清单.pdf");
    r.write_to(&p).unwrap();
    assert_eq!(pages(&p), 1);
    let text = pdf_text(&p);
    for want in [
        "一时难以整改隐患上报清单",
        "王䶮",
        "镇党委、镇政府",
        "网格员每日巡查",
        "防燃气爆炸事故",
    ] {
        assert!(text.contains(want), "{want} missing: {text}");
    }
    assert!(!text.contains("临时盖板"), "{text}");
}

#[test]
fn the_notice_prints_the_measures_and_the_escalation() {
    let (dir, store) = store();
    let (gas, tank) = visit(&store);
    hazards::escalate(
        store.conn(),
        &gas.id,
        &escalation(
            "镇党委、镇政府",
            "2024-12-05",
            Some("关闭气源，设置警示标志"),
        ),
    )
    .unwrap();
    let p = dir.path().join("通知书.pdf");
    qiaomen_core::pdf::jobs::rectification(store.conn(), &gas.id)
        .unwrap()
        .write_to(&p)
        .unwrap();
    assert_eq!(pages(&p), 1);
    let text = pdf_text(&p);
    for want in [
        "已落实的防控措施",
        "2024年12月5日关闭气源，设置警示标志",
        "已于2024年12月5日上报镇党委、镇政府协调解决",
        "隐患整改通知书回执",
        "签收日期",
    ] {
        assert!(text.contains(want), "{want} missing: {text}");
    }
    // A hazard without either prints neither.
    let q = dir.path().join("通知书2.pdf");
    qiaomen_core::pdf::jobs::rectification(store.conn(), &tank.id)
        .unwrap()
        .write_to(&q)
        .unwrap();
    let text = pdf_text(&q);
    assert!(
        !text.contains("防控措施") && !text.contains("上报"),
        "{text}"
    );
}

#[test]
fn a_full_notice_still_fits_one_page() {
    let (dir, store) = store();
    let (gas, _) = visit(&store);
    let long = "燃气公司需更换整段入户管道，期间关闭总阀，由网格员每日上门查看并记录".repeat(3);
    hazards::update(
        store.conn(),
        &gas.id,
        &hazards::HazardEdit {
            major: true,
            category: gas.category,
            deadline: None,
            rectification: long.clone(),
            note: String::new(),
            description: None,
        },
    )
    .unwrap();
    for (i, day) in ["2024-12-04", "2024-12-06", "2024-12-08", "2024-12-10"]
        .iter()
        .enumerate()
    {
        hazards::add_measure(
            store.conn(),
            &gas.id,
            &MeasureInput {
                taken_on: day.to_string(),
                description: format!("第{}次：{long}", i + 1),
            },
        )
        .unwrap();
    }
    hazards::escalate(
        store.conn(),
        &gas.id,
        &escalation("镇党委、镇政府", "2024-12-10", None),
    )
    .unwrap();
    let p = dir.path().join("通知书.pdf");
    qiaomen_core::pdf::jobs::rectification(store.conn(), &gas.id)
        .unwrap()
        .write_to(&p)
        .unwrap();
    assert_eq!(pages(&p), 1);
    let text = pdf_text(&p);
    for want in ["第4次", "上报镇党委、镇政府", "签收日期"] {
        assert!(text.contains(want), "{want} missing: {text}");
    }
}
