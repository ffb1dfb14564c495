//! The printed forms checked with real PDF tools (poppler's pdftotext/pdffonts/pdfinfo and
//! qpdf), not with our own parser. Set QIAOMEN_PDF_OUT=dir to keep the files for a look.

use qiaomen_core::grids::GridInput;
use qiaomen_core::households::{self, HouseholdInput};
use qiaomen_core::pdf::card::{self, CardText, Contacts};
use qiaomen_core::pdf::checklist::{self, ChecklistData};
use qiaomen_core::pdf::jobs::{self, CardJob, CardKind, ChecklistJob, ChecklistSelection};
use qiaomen_core::pdf::rectification::{self, RectificationData};
use qiaomen_core::pdf::{render_table, Rendered, TableColumn, TablePage};
use qiaomen_core::templates::{self, Answer, Template};
use qiaomen_core::{grids, settings, Store};
use std::path::{Path, PathBuf};
use std::process::Command;

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed for this test (apt-get install poppler-utils qpdf): {e}")
    });
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes the PDF (to QIAOMEN_PDF_OUT if set, else a temp dir) and checks it with qpdf.
fn save(r: &Rendered, name: &str, dir: &tempfile::TempDir) -> PathBuf {
    let base = std::env::var_os("QIAOMEN_PDF_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| dir.path().to_path_buf());
    std::fs::create_dir_all(&base).unwrap();
    let p = base.join(name);
    r.write_to(&p).unwrap();
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(&p)
        .output()
        .expect("qpdf is needed");
    let text = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "qpdf --check failed for {name}: {text}"
    );
    assert!(
        text.contains("No syntax or stream encoding errors"),
        "{text}"
    );
    p
}

fn text_of(p: &Path) -> String {
    // -raw keeps content order; whitespace is removed before comparing (lines wrap).
    tool("pdftotext", &["-raw", p.to_str().unwrap(), "-"])
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn pages_of(p: &Path) -> usize {
    let info = tool("pdfinfo", &[p.to_str().unwrap()]);
    let line = info
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .expect("Pages line");
    line.split_whitespace().last().unwrap().parse().unwrap()
}

fn info_field(p: &Path, field: &str) -> String {
    let info = tool("pdfinfo", &[p.to_str().unwrap()]);
    info.lines()
        .find(|l| l.starts_with(field))
        .map(|l| l[field.len()..].trim().to_string())
        .unwrap_or_default()
}

/// Every font embedded and subset (pdffonts: emb yes, sub yes, name with a ABCDEF+ tag).
fn assert_fonts_subset(p: &Path) {
    let out = tool("pdffonts", &[p.to_str().unwrap()]);
    let rows: Vec<&str> = out.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts: {out}");
    for r in rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        assert!(r.contains('+'), "font not subset-tagged: {r}");
        // name type... emb sub uni object ID
        let n = cols.len();
        assert_eq!(cols[n - 5], "yes", "not embedded: {r}");
        assert_eq!(cols[n - 4], "yes", "not subset: {r}");
        assert_eq!(cols[n - 3], "yes", "no ToUnicode: {r}");
    }
}

fn template(id: &str) -> Template {
    let s = Store::open_in_memory().unwrap();
    templates::install_builtin(s.conn()).unwrap();
    templates::get(s.conn(), id, None).unwrap()
}

#[test]
fn blank_checklist_has_every_item_on_one_page() {
    let dir = tempfile::tempdir().unwrap();
    for id in ["xq2024", "zymz2024"] {
        let t = template(id);
        let r = checklist::render_blank(&t).unwrap();
        assert!(r.missing_chars.is_empty());
        let p = save(&r, &format!("checklist-blank-{id}.pdf"), &dir);
        assert_eq!(
            pages_of(&p),
            1,
            "{id}: the blank form is one A4 page like the paper"
        );
        assert!(
            info_field(&p, "Page size:").contains("595.276 x 841.89"),
            "A4"
        );
        assert_eq!(info_field(&p, "Title:"), t.title);
        let year = info_field(&p, "CreationDate:");
        assert!(!year.contains("1970"), "creation date set: {year}");
        assert_fonts_subset(&p);
        let text = squash(&text_of(&p));
        for item in &t.items {
            assert!(
                text.contains(&squash(&item.text)),
                "{id}: item {} missing: {}",
                item.no,
                item.text
            );
        }
        for f in &t.header_fields {
            assert!(text.contains(&squash(&f.label)), "{id}: header {}", f.label);
            for o in f.options.iter().flatten() {
                assert!(text.contains(o.as_str()), "{id}: option {o}");
            }
        }
        for note in &t.footer_notes {
            assert!(text.contains(&squash(note)), "{id}: note {note}");
        }
        for l in [
            &t.other_hazards_label,
            &t.assigned_label,
            &t.signature_label,
            &t.inspectors_label,
            &t.date_label,
        ] {
            assert!(text.contains(&squash(l)), "{id}: {l}");
        }
        assert!(text.matches('是').count() >= t.items.len());
        // A subset font keeps the file small.
        assert!(r.bytes.len() < 200_000, "{} bytes", r.bytes.len());
    }
}

fn store_with_households() -> Store {
    let s = Store::open_in_memory().unwrap();
    templates::install_builtin(s.conn()).unwrap();
    let mut us = settings::load(s.conn()).unwrap();
    us.unit_name = "下曲村委会".into();
    us.phone = "0351-1234567".into();
    us.contact = "王文书".into();
    settings::save(s.conn(), &us).unwrap();
    let g2 = grids::add(
        s.conn(),
        &GridInput {
            no: Some(2),
            name: "第二网格".into(),
            leader: "李网格".into(),
            leader_phone: "13900001111".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let g1 = grids::add(
        s.conn(),
        &GridInput {
            no: Some(1),
            name: "第一网格".into(),
            leader: "赵组长".into(),
            leader_phone: "13900002222".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let add = |name: &str, addr: &str, grid: &str, phone: &str| {
        households::add(
            s.conn(),
            &HouseholdInput {
                name: name.into(),
                address: addr.into(),
                grid_id: Some(grid.into()),
                phone: phone.into(),
                residents: Some(3),
                vulnerable: Some(1),
                floors: Some(2),
                area: Some(120.5),
                nature: "居民住宅".into(),
                structure: "砖木结构".into(),
                floors_used: "地上2层".into(),
                contact: name.into(),
                ..Default::default()
            },
        )
        .unwrap()
    };
    add("王䶮", "下曲村三巷5号", &g2.id, "13800138000");
    add("张𠮷", "下曲村一巷2号", &g1.id, "13800138001");
    add("刘堃", "下曲村一巷1号", &g1.id, "13800138002");
    add("陈喆玥昇", "下曲村二巷9号", &g2.id, "");
    s
}

#[test]
fn prefilled_checklists_one_page_per_household_in_walking_order() {
    let dir = tempfile::tempdir().unwrap();
    let s = store_with_households();
    let calls = std::sync::Mutex::new(vec![]);
    let job = ChecklistJob {
        selection: ChecklistSelection::All,
        template: None,
    };
    let r = jobs::checklists(s.conn(), &job, &|d, t| calls.lock().unwrap().push((d, t))).unwrap();
    assert!(r.missing_chars.is_empty(), "{:?}", r.missing_chars);
    let p = save(&r, "checklists-all.pdf", &dir);
    assert_eq!(pages_of(&p), 4);
    assert_fonts_subset(&p);
    let last = *calls.lock().unwrap().last().unwrap();
    assert_eq!(last.0, last.1, "progress ends at done == total");
    // Page by page: grid 1 by address (一巷1号, 一巷2号), then grid 2 (三巷… after 二巷…
    // in code-point order of the address).
    let names: Vec<String> = (1..=4)
        .map(|i| {
            let t = tool(
                "pdftotext",
                &[
                    "-raw",
                    "-f",
                    &i.to_string(),
                    "-l",
                    &i.to_string(),
                    p.to_str().unwrap(),
                    "-",
                ],
            );
            let t = squash(&t);
            ["刘堃", "张𠮷", "王䶮", "陈喆玥昇"]
                .iter()
                .find(|n| t.contains(*n))
                .map(|n| n.to_string())
                .unwrap_or_else(|| panic!("page {i} has no name: {t}"))
        })
        .collect();
    assert_eq!(names, ["刘堃", "张𠮷", "王䶮", "陈喆玥昇"]);
    let text = squash(&text_of(&p));
    for v in [
        "下曲村三巷5号",
        "13800138000",
        "3人，其中：弱势群体1人",
        "120.5平方米",
        "地上2层",
        "第一网格",
        "居民住宅",
    ] {
        assert!(text.contains(v), "{v} missing");
    }
    // Codes printed prominently: grid 1 codes start with 01, grid 2 with 02.
    assert!(
        text.contains("户编号01001") || text.contains("01001"),
        "{text}"
    );
    assert!(text.contains("02001"));

    // One grid only; grid by name and by number.
    let job = ChecklistJob {
        selection: ChecklistSelection::Grids {
            grids: vec!["2".into()],
        },
        template: Some("zymz2024".into()),
    };
    let r = jobs::checklists(s.conn(), &job, &|_, _| {}).unwrap();
    let p = save(&r, "checklists-grid2.pdf", &dir);
    assert_eq!(pages_of(&p), 2);
    let text = squash(&text_of(&p));
    assert!(text.contains("王䶮") && text.contains("陈喆玥昇") && !text.contains("刘堃"));
    assert!(
        text.contains("钢结构"),
        "the forced template's four structures"
    );

    // Unknown grid: a Chinese error naming it.
    let job = ChecklistJob {
        selection: ChecklistSelection::Grids {
            grids: vec!["第九网格".into()],
        },
        template: None,
    };
    let e = jobs::checklists(s.conn(), &job, &|_, _| {}).unwrap_err();
    assert!(e.message.contains("第九网格"), "{}", e.message);
}

#[test]
fn filled_checklist_ticks_answers_and_fills_texts() {
    let dir = tempfile::tempdir().unwrap();
    let t = template("xq2024");
    let h = households::Household {
        id: "x".into(),
        code: "03017".into(),
        grid_id: None,
        grid: "第三网格".into(),
        name: "王䶮𠮷".into(),
        address: "下曲村".into(),
        village_group: String::new(),
        floors: Some(1),
        residents: Some(2),
        vulnerable: Some(2),
        area: None,
        nature: "居民住宅".into(),
        structure: "木结构".into(),
        floors_used: String::new(),
        contact: String::new(),
        phone: String::new(),
        id_number: String::new(),
        template_id: String::new(),
        note: String::new(),
        created_at: String::new(),
        updated_at: String::new(),
        attributes: vec![],
    };
    let mut d = ChecklistData::from_household(&h);
    for it in &t.items {
        d.answers.insert(
            it.no,
            if it.no % 2 == 0 {
                Answer::Yes
            } else {
                Answer::No
            },
        );
    }
    d.inspectors = "李四、王五".into();
    d.date = chrono::NaiveDate::from_ymd_opt(2024, 12, 23);
    d.other_hazards = "厨房堆放柴草，距灶台不足一米。".into();
    d.assigned = "当场清理柴草；三日内更换燃气软管。".into();
    d.signed = true;
    let r = checklist::render(&[(&t, d)], "test", &|_, _| {}).unwrap();
    let p = save(&r, "checklist-filled.pdf", &dir);
    assert_eq!(pages_of(&p), 1);
    let text = squash(&text_of(&p));
    for v in [
        "王䶮𠮷",
        "03017",
        "李四、王五",
        "2024年12月23日",
        "厨房堆放柴草，距灶台不足一米。",
        "当场清理柴草；三日内更换燃气软管。",
        "已签字",
        "2人，其中：弱势群体2人",
    ] {
        assert!(text.contains(&squash(v)), "{v} missing from {text}");
    }
}

#[test]
fn missing_glyphs_are_reported_not_silent() {
    let t = template("xq2024");
    let mut d = ChecklistData::default();
    d.header.insert("name".into(), "张\u{4DB6}".into());
    let r = checklist::render(&[(&t, d)], "test", &|_, _| {}).unwrap();
    assert_eq!(r.missing_chars, vec!['\u{4DB6}']);
    let w = r.warnings();
    assert_eq!(w.len(), 1);
    assert!(w[0].contains("U+4DB6"), "{}", w[0]);
}

#[test]
fn cards_print_one_two_or_four_to_a_page_with_contacts() {
    let dir = tempfile::tempdir().unwrap();
    let s = store_with_households();
    let card_text = CardText::mingbaika().unwrap();
    for per in [1u32, 2, 4] {
        let job = CardJob {
            kind: CardKind::Card,
            per_page: per,
            grids: vec!["第一网格".into(), "2".into()],
            unit: None,
            grid_leader: None,
            grid_leader_phone: None,
            village_phone: None,
        };
        let r = jobs::cards(s.conn(), &job).unwrap();
        let p = save(&r, &format!("card-{per}.pdf"), &dir);
        assert_eq!(pages_of(&p), 2, "one page per grid");
        assert_fonts_subset(&p);
        let page1 = squash(&tool(
            "pdftotext",
            &["-raw", "-f", "1", "-l", "1", p.to_str().unwrap(), "-"],
        ));
        for sec in &card_text.sections {
            for l in &sec.lines {
                assert_eq!(
                    page1.matches(&squash(l)).count(),
                    per as usize,
                    "{per} per page: line {l}"
                );
            }
        }
        for v in ["下曲村委会", "赵组长", "13900002222", "0351-1234567", "119"] {
            assert!(page1.matches(v).count() >= per as usize, "{v}");
        }
        let page2 = squash(&tool(
            "pdftotext",
            &["-raw", "-f", "2", "-l", "2", p.to_str().unwrap(), "-"],
        ));
        assert!(page2.contains("李网格") && page2.contains("13900001111"));
    }
    assert!(card::render(&card_text, &[Contacts::default()], 3).is_err());
}

#[test]
fn notice_has_thirteen_points_on_one_page() {
    let dir = tempfile::tempdir().unwrap();
    let s = store_with_households();
    let job = CardJob {
        kind: CardKind::Notice,
        per_page: 1,
        grids: vec![],
        unit: Some("三江村".into()),
        grid_leader: Some("周网格".into()),
        grid_leader_phone: Some("13700000000".into()),
        village_phone: None,
    };
    let r = jobs::cards(s.conn(), &job).unwrap();
    let p = save(&r, "notice.pdf", &dir);
    assert_eq!(pages_of(&p), 1);
    let text = squash(&text_of(&p));
    let g = CardText::gaozhishu().unwrap();
    for l in &g.sections[0].lines {
        assert!(text.contains(&squash(l)), "{l}");
    }
    for v in [
        "消防安全告知书",
        "三江村",
        "周网格",
        "13700000000",
        "0351-1234567",
    ] {
        assert!(text.contains(v), "{v}");
    }
}

#[test]
fn rectification_notice_names_household_hazard_and_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let d = RectificationData {
        number: "03017-20241223-05".into(),
        household_name: "王䶮".into(),
        household_code: "03017".into(),
        address: "下曲村三巷5号".into(),
        found_on: "2024年12月23日".into(),
        description: "燃气管道漏气、软管破裂损坏".into(),
        category: "防燃气爆炸事故".parse().unwrap(),
        major: true,
        rectification: "更换燃气专用软管，请燃气公司检修管道。".into(),
        deadline: "2024年12月30日".into(),
        unit: "下曲村委会".into(),
        contact: "王文书".into(),
        phone: "0351-1234567".into(),
        issued_on: "2024年12月23日".into(),
        ..Default::default()
    };
    let r = rectification::render(&d).unwrap();
    let p = save(&r, "rectification.pdf", &dir);
    assert_eq!(pages_of(&p), 1);
    let text = squash(&text_of(&p));
    for v in [
        "隐患整改通知书",
        "王䶮",
        "03017",
        "燃气管道漏气、软管破裂损坏",
        "重大安全隐患",
        "更换燃气专用软管",
        "请于2024年12月30日前整改到位",
        "下曲村委会",
        "回执",
    ] {
        assert!(text.contains(v), "{v} missing");
    }
}

#[test]
fn table_page_has_two_level_header_and_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = TablePage {
        title: "冬季安全“敲门行动”工作统计表".into(),
        header_lines: vec![
            "报送单位（乡镇/部门）：下曲村　　联系人：王文书　　报送时间：2024年12月23日".into(),
        ],
        columns: vec![
            TableColumn::new("行动名称", 3.0),
            TableColumn::grouped("宣传情况", "次数", 1.0),
            TableColumn::grouped("宣传情况", "人数", 1.0),
            TableColumn::grouped("隐患排查整改情况", "隐患总数（条）", 1.3),
            TableColumn::grouped("隐患排查整改情况", "整改（条）", 1.0),
            TableColumn::grouped("隐患排查整改情况", "其中：重大隐患（条）", 1.3),
            TableColumn::grouped("隐患排查整改情况", "整改（条）", 1.0),
        ],
        rows: qiaomen_core::Category::NAMES
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut r = vec![c.to_string()];
                r.extend((0..6).map(|k| (i * 10 + k).to_string()));
                r
            })
            .collect(),
        footer_lines: vec!["报送时间：每月23日前报送当月开展情况，数据不累计。".into()],
        landscape: true,
    };
    let r = render_table(&t).unwrap();
    let p = save(&r, "table.pdf", &dir);
    assert_eq!(pages_of(&p), 1);
    assert!(
        info_field(&p, "Page size:").contains("841.89 x 595.276"),
        "landscape"
    );
    let text = squash(&text_of(&p));
    for v in [
        "宣传情况",
        "隐患排查整改情况",
        "其中：重大隐患（条）",
        "防森林火灾",
        "数据不累计",
    ] {
        assert!(text.contains(v), "{v}");
    }
    // Many rows continue on more pages, header repeated.
    t.rows = (0..80)
        .map(|i| vec![format!("第{i}行"), "1".into()])
        .collect();
    let r = render_table(&t).unwrap();
    let p = save(&r, "table-long.pdf", &dir);
    let n = pages_of(&p);
    assert!(n >= 3, "{n}");
    let last = squash(&tool(
        "pdftotext",
        &[
            "-raw",
            "-f",
            &n.to_string(),
            "-l",
            &n.to_string(),
            p.to_str().unwrap(),
            "-",
        ],
    ));
    assert!(last.contains("宣传情况") && last.contains("第79行"));
}

#[test]
fn font_chain_falls_back_per_character_and_embeds_each_face_subset() {
    // A Latin-only face first, the CJK face second: Latin letters come from the first,
    // ideographs from the second. DejaVu Sans is Debian's fonts-dejavu-core.
    let dejavu_path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    let dejavu = std::fs::read(dejavu_path).unwrap_or_else(|e| {
        panic!("{dejavu_path} is needed (apt-get install fonts-dejavu-core): {e}")
    });
    let fonts = qiaomen_core::pdf::Fonts::from_faces(&[
        ("DejaVu Sans", &dejavu),
        (
            "Noto Sans CJK SC",
            qiaomen_core::pdf::fonts::NOTO_SANS_CJK_SC,
        ),
    ])
    .unwrap();
    assert_eq!(fonts.face_of('A'), Some(0));
    assert_eq!(fonts.face_of('中'), Some(1));
    assert_eq!(fonts.face_of('𠮷'), Some(1));
    let mut doc = qiaomen_core::pdf::Doc::new(&fonts, "fallback");
    let mut page = doc.page();
    page.text(20.0, 30.0, 14.0, "Abc 王䶮𠮷 xyz 堃");
    doc.add(page);
    let r = doc.finish().unwrap();
    assert!(r.missing_chars.is_empty());
    let dir = tempfile::tempdir().unwrap();
    let p = save(&r, "fallback.pdf", &dir);
    let fonts_out = tool("pdffonts", &[p.to_str().unwrap()]);
    assert!(fonts_out.contains("DejaVuSans"), "{fonts_out}");
    assert!(fonts_out.contains("NotoSansCJKsc"), "{fonts_out}");
    assert_fonts_subset(&p);
    assert_eq!(squash(&text_of(&p)), "Abc王䶮𠮷xyz堃");
}
