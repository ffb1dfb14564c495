//! An office's own checklist from a template workbook, end to end through the command
//! line on a real database file: workbooks written by openpyxl and re-saved by LibreOffice
//! (tests/fixtures/templates, made by tools/make_template_fixtures.py), the blank PDF read
//! back by pdftotext, forms keyed and imported from the entry sheet under it, broken
//! workbooks changing nothing, and a second version leaving the first one's forms as they
//! were.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
mod common;
use common::*;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/templates")
        .join(name)
        .to_string_lossy()
        .to_string()
}

/// The PDF's text without white space (lines wrap anywhere in a table cell).
fn pdf_flow_text(p: &Path) -> String {
    tool("pdftotext", &[p.to_str().unwrap(), "-"])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

const ITEMS: [&str; 10] = [
    "家中是否有孤寡老人、留守儿童、留守妇女、精神障碍患者、残疾人等弱势群体",
    "电气线路是否私拉乱接、老化破损",
    "燃气软管是否老化、破损或超期使用",
    "院内、楼道是否堆放杂物、柴草",
    "取暖是否使用炭火、蜂窝煤炉且门窗紧闭",
    "熏制腊肉是否有人看守、远离可燃物",
    "电动车是否在室内充电",
    "是否做到“三清三关”（通道清、阳台清、厨房清，关电源、关气源、关门窗）",
    "是否为九小场所或生产、经营、居住合用的多合一场所",
    "是否会拨打119报警、会使用灭火器",
];

fn setup(dir: &Path) -> PathBuf {
    let db = dir.join("a.db");
    ok(
        &db,
        &["init", "--unit", "三江镇东村", "--contact", "王文书"],
    );
    ok(&db, &["grids", "add", "--name", "一组", "--no", "1"]);
    for (name, nature) in [
        ("张䶮", "居民住宅"),
        ("李四", "居民住宅"),
        ("小卖部", "九小场所"),
    ] {
        ok(
            &db,
            &[
                "households",
                "add",
                "--name",
                name,
                "--grid",
                "一组",
                "--nature",
                nature,
                "--residents",
                "3",
            ],
        );
    }
    db
}

fn import(db: &Path, file: &str) -> Value {
    ok_json(db, &["templates", "import", &fixture(file), "--json"])
}

#[test]
fn workbooks_from_openpyxl_and_libreoffice_import_and_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let r = import(&db, "jmzf_openpyxl.xlsx");
    assert_eq!(r["action"], "added");
    assert_eq!(r["template"]["id"], "jmzfxfaq");
    assert_eq!(r["template"]["items"], 10);
    let list = ok_json(&db, &["templates", "list", "--json"]);
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["xq2024", "zymz2024", "jmzfxfaq"]);

    // The same sheet re-saved by LibreOffice Calc reads the same.
    let db2 = dir.path().join("b.db");
    ok(&db2, &["init", "--unit", "西村"]);
    assert_eq!(import(&db2, "jmzf_libreoffice.xlsx")["action"], "added");
    let out = dir.path().join("from_lo.xlsx");
    ok(
        &db2,
        &[
            "templates",
            "export",
            "jmzfxfaq",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let again = ok_json(
        &db,
        &["templates", "import", out.to_str().unwrap(), "--json"],
    );
    assert_eq!(again["action"], "unchanged", "{again}");

    // Export → import is a round trip, the built-in templates included.
    for id in ["xq2024", "zymz2024", "jmzfxfaq"] {
        let p = dir.path().join(format!("{id}.xlsx"));
        ok(
            &db,
            &["templates", "export", id, "--out", p.to_str().unwrap()],
        );
        let r = ok_json(&db, &["templates", "import", p.to_str().unwrap(), "--json"]);
        assert_eq!(r["action"], "unchanged", "{id}: {r}");
    }

    // The blank form holds every item.
    let pdf = dir.path().join("blank.pdf");
    ok(
        &db,
        &[
            "templates",
            "preview",
            "jmzfxfaq",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    let text = pdf_flow_text(&pdf);
    for item in ITEMS {
        assert!(text.contains(item), "{item} not in the blank form: {text}");
    }
    for label in [
        "居民住房消防安全排查表",
        "户主姓名",
        "走访人",
        "户主签字",
        "发现隐患当场告知",
    ] {
        assert!(text.contains(label), "{label}");
    }
}

#[test]
fn broken_workbooks_are_refused_by_cell_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    import(&db, "jmzf_openpyxl.xlsx");
    let before = hash(&db);
    for (file, expect) in [
        ("bad_category.xlsx", "“检查项目”表 C5：行动名称“防洪水事故”"),
        (
            "bad_answer.xlsx",
            "“检查项目”表 D6：隐患答案应为“是”“否”或留空",
        ),
        ("duplicate_no.xlsx", "“检查项目”表 B7：序号 3 重复"),
        ("no_items.xlsx", "没有检查项目"),
        (
            "duplicate_name.xlsx",
            "已有名为“安全隐患排查清单（下曲镇版，两种建筑结构）”的检查表",
        ),
    ] {
        let o = qm(&db, &["templates", "import", &fixture(file)]);
        assert!(!o.status.success(), "{file} was imported");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.starts_with("错误："), "{file}: {err}");
        assert!(err.contains(expect), "{file}: {err}");
    }
    assert_eq!(hash(&db), before, "a refused workbook changed the database");
    assert_eq!(
        ok_json(&db, &["templates", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

/// The hazards of an inspection as (item, category, major, deadline, description).
fn hazards(v: &Value) -> Vec<(i64, String, bool, String, String)> {
    v["inspection"]["hazards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["item_no"].as_i64().unwrap_or(0),
                h["category"].as_str().unwrap().to_string(),
                h["major"].as_bool().unwrap(),
                h["deadline"].as_str().unwrap_or("").to_string(),
                h["description"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A database whose homes (居民住宅) use the office's 居民住房消防安全排查表.
fn office(dir: &Path) -> PathBuf {
    let db = setup(dir);
    import(&db, "jmzf_openpyxl.xlsx");
    ok(
        &db,
        &["templates", "use", "jmzfxfaq", "--nature", "居民住宅"],
    );
    db
}

/// Keys a form from the command line; `answers` one character per item (- = blank).
fn key(db: &Path, code: &str, date: &str, answers: &str) -> Value {
    let answers = format!("--answers={answers}");
    ok_json(
        db,
        &[
            "inspections",
            "add",
            "--household",
            code,
            "--date",
            date,
            &answers,
            "--json",
        ],
    )
}

#[test]
fn keyed_forms_follow_the_items_rules() {
    let dir = tempfile::tempdir().unwrap();
    let db = office(dir.path());
    // 是 to items 1-5 and 9, 否 to 6 and 10, 7 and 8 left blank.
    let v = key(&db, "01001", "2024-12-03", "YYYYYN--YN");
    assert_eq!(v["inspection"]["template_id"], "jmzfxfaq");
    let want = [
        (
            2,
            "防小火亡人事故",
            false,
            "2024-12-10",
            "电气线路私拉乱接、老化破损",
        ),
        (
            3,
            "防燃气爆炸事故",
            true,
            "2024-12-06",
            "燃气软管老化、破损或超期使用",
        ),
        (
            4,
            "防小火亡人事故",
            false,
            "2024-12-10",
            "院内或楼道堆放杂物、柴草",
        ),
        (
            5,
            "防煤气中毒事故",
            true,
            "2024-12-04",
            "门窗紧闭使用炭火、煤炉取暖",
        ),
        (
            6,
            "防小火亡人事故",
            false,
            "2024-12-08",
            "熏制腊肉无人看守或靠近可燃物",
        ),
        (
            10,
            "防小火亡人事故",
            false,
            "2024-12-10",
            "不会报火警或不会使用灭火器",
        ),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(n, c, m, d, t)| (*n, c.to_string(), *m, d.to_string(), t.to_string()))
        .collect();
    assert_eq!(
        hazards(&v),
        want,
        "items 1 and 9 are 属性项, 7 and 8 blank: none is a hazard"
    );
    // The 属性项 are recorded on the household and listed.
    let multi = ok_json(
        &db,
        &["households", "list", "--attribute", "多合一场所", "--json"],
    );
    assert_eq!(multi.as_array().unwrap().len(), 1);
    assert_eq!(multi[0]["code"], "01001");
    assert_eq!(
        multi[0]["attributes"],
        serde_json::json!(["多合一场所", "弱势群体"])
    );
}

#[test]
fn blank_answers_derive_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = office(dir.path());
    assert!(hazards(&key(&db, "01002", "2024-12-03", "----------")).is_empty());
}

#[test]
fn entry_sheet_forms_follow_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let db = office(dir.path());
    let sheet = dir.path().join("entry.xlsx");
    let out = sheet.to_str().unwrap();
    ok(
        &db,
        &[
            "export",
            "entry-sheet",
            "--template",
            "jmzfxfaq",
            "--out",
            out,
        ],
    );
    fill_entry_sheet(
        &sheet,
        "01002",
        "2024-12-05",
        &[(ITEMS[6], "是"), (ITEMS[7], "否"), (ITEMS[2], "否")],
    );
    let r = ok_json(&db, &["import", "inspections", out, "--json"]);
    assert_eq!(r["imported"], 1, "{r}");
    let list = ok_json(&db, &["hazards", "list", "--household", "01002", "--json"]);
    let descs: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["description"].as_str().unwrap())
        .collect();
    assert_eq!(descs, ["电动车在室内充电", "未做到“三清三关”"]);
}

#[test]
fn a_second_version_leaves_first_version_forms_as_keyed() {
    let dir = tempfile::tempdir().unwrap();
    let db = office(dir.path());
    key(&db, "01001", "2024-12-03", "YYYYYN--YN");
    let december = [
        "report",
        "--from",
        "2024-12-01",
        "--to",
        "2024-12-31",
        "--json",
    ];
    let report_before = ok(&db, &december);
    let list = ok_json(
        &db,
        &["inspections", "list", "--household", "01001", "--json"],
    );
    let first_id = list[0]["id"].as_str().unwrap().to_string();

    // Forms were keyed under version 1, so the change is a new version.
    let r = import(&db, "jmzf_v2.xlsx");
    assert_eq!(r["action"], "new_version");
    assert_eq!(r["template"]["version"], 2);
    // Version-1 forms still print and count as they were keyed.
    let pdf = dir.path().join("v1.pdf");
    ok(
        &db,
        &[
            "print",
            "inspection",
            &first_id,
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    let text = pdf_flow_text(&pdf);
    assert!(text.contains("熏制腊肉是否有人看守"), "{text}");
    assert!(
        !text.contains("熄火保护"),
        "the v1 form must not show v2's item 11"
    );
    assert_eq!(report_before, ok(&db, &december));
    // New forms use version 2: its item 11, and item 4 now major.
    let v = key(&db, "01001", "2024-12-06", "NNNYNYNYNYN");
    assert_eq!(v["inspection"]["template_version"], 2);
    let got = hazards(&v);
    assert!(got.iter().any(|h| h.0 == 4 && h.2), "{got:?}");
    assert!(
        got.iter()
            .any(|h| h.0 == 11 && h.4 == "燃气灶具无熄火保护装置"),
        "{got:?}"
    );
}

/// Fills one row of an exported entry sheet with openpyxl, as a grid worker would in Excel:
/// the item columns are headed by the items' text.
fn fill_entry_sheet(path: &Path, code: &str, date: &str, answers: &[(&str, &str)]) {
    let script = r#"
import json, sys
from openpyxl import load_workbook
path, code, date, answers = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
wb = load_workbook(path)
ws = wb["入户检查录入"]
cols = {str(c.value).strip(): c.column for c in ws[1] if c.value}
for r in range(2, ws.max_row + 1):
    if str(ws.cell(r, cols["编号"]).value) == code:
        ws.cell(r, cols["检查日期"]).value = date
        for text, ans in answers:
            ws.cell(r, cols[text]).value = ans
wb.save(path)
"#;
    let answers = serde_json::to_string(answers).unwrap();
    let o = Command::new("python3")
        .args(["-c", script])
        .arg(path)
        .args([code, date, &answers])
        .output()
        .expect("python3 with openpyxl is needed");
    assert!(
        o.status.success(),
        "openpyxl: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}
