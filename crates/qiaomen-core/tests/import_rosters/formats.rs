//! Every format and every trap of the offices' rosters read the same way.

use super::common::*;
#[test]
fn every_format_reads_the_same_roster() {
    // basic.xlsx holds the roster on its second sheet, under a merged title row and a blank
    // row, with line breaks in the header cells; .xls and .ods are LibreOffice conversions.
    for file in [
        "basic.xlsx",
        "basic_libreoffice.xlsx",
        "basic.xls",
        "basic.ods",
        "utf8.csv",
        "utf8_bom.csv",
        "gbk.csv",
    ] {
        let mut d = db();
        let r = run(&mut d, file);
        assert_eq!(r.imported, 7, "{file}: {r:#?}");
        assert_eq!(r.added, 7, "{file}");
        assert!(
            r.rejected.is_empty() && r.warnings.is_empty(),
            "{file}: {r:#?}"
        );
        let hs = households(d.store.conn());
        assert_eq!(hs.len(), 7, "{file}");
        let z = find(&hs, "张三");
        assert_eq!(z.group, "一组", "{file}");
        assert_eq!(z.grid, "一组", "{file}: the 村民小组 serves as the grid");
        assert_eq!(z.address, "幸福村一组1号", "{file}");
        assert_eq!(z.phone, "13800138000", "{file}");
        assert_eq!(z.id.len(), 18, "{file}");
        assert_eq!(z.residents, Some(3), "{file}");
        let s = find(&hs, "孙七");
        assert_eq!(s.phone, "0371-6543210", "{file}");
        // The rare character survives every path but GBK (which cannot hold it).
        if file != "gbk.csv" {
            find(&hs, "吴䶮");
        } else {
            find(&hs, "吴堃");
        }
        assert_eq!(
            count(d.store.conn(), "SELECT count(*) FROM grids"),
            3,
            "{file}"
        );
    }
}

/// LibreOffice Calc saves text in shared strings, and a cell mixing Chinese and Latin
/// characters (幸福村1组1号) as rich text with one run per script: the copy of a roster it
/// saved imports as the original (openpyxl's, inline strings) does. The one difference is
/// Calc's own: it saves numbers with 15 significant digits, so the IDs stored as numbers
/// (already cut, not imported) are shown as 410105196403272000 where openpyxl's file has
/// 410105196403271900.
#[test]
fn a_roster_saved_by_libreoffice_imports_as_its_original() {
    let (mut a, mut b) = (db(), db());
    let ra = run(&mut a, "roster_600.xlsx");
    let rb = run(&mut b, "roster_600_libreoffice.xlsx");
    assert_eq!(ra.imported, 600, "{ra:#?}");
    let mut ra = serde_json::to_value(&ra).unwrap();
    let mut rb = serde_json::to_value(&rb).unwrap();
    let cut_ids = |r: &mut serde_json::Value| {
        r["file"] = serde_json::Value::Null;
        let mut rows = Vec::new();
        for w in r["warnings"].as_array_mut().unwrap() {
            if w["field"] == "id_number" && w["message"].as_str().unwrap().contains("15 位") {
                rows.push(w["row"].as_u64().unwrap());
                w["message"] = serde_json::Value::Null;
            }
        }
        rows
    };
    let cut = cut_ids(&mut ra);
    assert_eq!(cut.len(), 6, "{ra:#}");
    assert_eq!(cut_ids(&mut rb), cut);
    assert_eq!(ra, rb);
    let (ha, hb) = (households(a.store.conn()), households(b.store.conn()));
    assert_eq!(ha, hb);
    assert!(
        ha.iter().any(|h| h.address == "幸福村1组1号"),
        "{:?}",
        ha[0]
    );
}

#[test]
fn the_roster_sheet_is_chosen_and_excel_row_numbers_are_kept() {
    let d = db();
    let src = Source::load(&fixture("basic.xlsx"), None).unwrap();
    assert_eq!(src.sheet.name, "花名册");
    let names: Vec<&str> = src.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["填表说明", "花名册", "统计"]);
    let plan = import::plan(d.store.conn(), &src, &ImportOptions::default()).unwrap();
    assert_eq!(plan.header_row, 3);
    assert_eq!(plan.problem, None);
    let field_of = |letter: &str| {
        plan.columns
            .iter()
            .find(|c| c.letter == letter)
            .and_then(|c| c.field)
    };
    assert_eq!(field_of("A"), Some(Field::Serial));
    assert_eq!(field_of("B"), Some(Field::Name));
    assert_eq!(field_of("E"), Some(Field::Phone));
    assert_eq!(field_of("I"), None, "出生日期 is ignored");
    assert_eq!(plan.preview[0].status, RowStatus::Above);
    assert_eq!(plan.preview[2].status, RowStatus::Header);
    let first = &plan.preview[3];
    assert_eq!((first.row, first.status), (4, RowStatus::Add));
    assert_eq!(first.cells[1], "张三");
    assert_eq!(plan.report.added, 7);
    assert!(plan.report.dry_run);
    // The plan wrote nothing.
    assert_eq!(count(d.store.conn(), "SELECT count(*) FROM households"), 0);
    assert_eq!(count(d.store.conn(), "SELECT count(*) FROM grids"), 0);

    // A sheet without a header: the plan says so and still shows the rows.
    let src = Source::load(&fixture("basic.xlsx"), Some("填表说明")).unwrap();
    let plan = import::plan(d.store.conn(), &src, &ImportOptions::default()).unwrap();
    assert!(plan.problem.as_deref().unwrap().contains("没有找到表头"));
    assert_eq!(plan.preview.len(), 2);
    // ... and committing it is an error that writes nothing.
    let mut d = db();
    let e = import::commit(
        d.store.conn_mut(),
        &src,
        &ImportOptions::default(),
        false,
        &import::no_progress,
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Invalid);
}

#[test]
fn header_wordings_vary() {
    let mut d = db();
    let r = run(&mut d, "header_variants.xlsx");
    assert_eq!(r.imported, 3, "{r:#?}");
    let hs = households(d.store.conn());
    let q = find(&hs, "钱一");
    assert_eq!(q.group, "四组");
    assert_eq!(q.grid, "第四网格", "网格 wins over 组别 for the grid");
    assert_eq!(q.residents, Some(1));
    assert_eq!(q.vulnerable, Some(1));
    let (structure, floors, nature): (String, Option<i64>, String) = d
        .store
        .conn()
        .query_row(
            "SELECT structure, floors, nature FROM households WHERE name = '钱一'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (structure.as_str(), floors, nature.as_str()),
        ("砖混结构", Some(1), "居民住宅")
    );
    assert!(r
        .normalised
        .iter()
        .any(|n| n.row == 6 && n.field == Field::Structure));
    let shop = find(&hs, "幸福超市");
    assert_eq!(shop.id, "");
    // 钱二's 留守儿童 is noted on the household with the roster's remark.
    let q2 = find(&hs, "钱二");
    assert!(
        q2.note.contains("外出务工") && q2.note.contains("特殊人群：留守儿童"),
        "{}",
        q2.note
    );
    // The grid leader column fills the new grid.
    let leader: String = d
        .store
        .conn()
        .query_row(
            "SELECT leader FROM grids WHERE name = '第四网格'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(leader, "马网格");
    assert_eq!(r.grids_created, ["第四网格"]);
    // 钱一 lives alone: on the named list.
    let (pname, cats): (String, String) = d
        .store
        .conn()
        .query_row("SELECT name, categories FROM people", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((pname.as_str(), cats.as_str()), ("钱一", "独居老人"));
}

#[test]
fn merged_group_cells_fill_down() {
    for file in [
        "merged_groups.xlsx",
        "merged_groups.xls",
        "merged_groups.ods",
    ] {
        let mut d = db();
        let r = run(&mut d, file);
        assert_eq!(r.imported, 5, "{file}: {r:#?}");
        let hs = households(d.store.conn());
        for (name, group) in [
            ("郑一", "一组"),
            ("郑二", "一组"),
            ("郑三", "一组"),
            ("冯一", "二组"),
            ("冯二", "二组"),
        ] {
            let h = find(&hs, name);
            assert_eq!(
                (h.group.as_str(), h.grid.as_str()),
                (group, group),
                "{file} {name}"
            );
        }
        if !file.ends_with(".ods") {
            // The wizard's preview shows the merged 组别 in every row of its block.
            let src = Source::load(&fixture(file), None).unwrap();
            let plan = import::plan(d.store.conn(), &src, &ImportOptions::default()).unwrap();
            for (name, group) in [("郑二", "一组"), ("郑三", "一组"), ("冯二", "二组")]
            {
                let row = plan
                    .preview
                    .iter()
                    .find(|p| p.cells.iter().any(|c| c == name))
                    .unwrap_or_else(|| panic!("{file}: {name} not in the preview"));
                assert!(
                    row.cells.iter().any(|c| c == group),
                    "{file} {name}: {:?}",
                    row.cells
                );
            }
        }
        if file.ends_with(".ods") {
            // No merge information in .ods: the fill-down is reported, row by row.
            let filled: Vec<u32> = r
                .normalised
                .iter()
                .filter(|n| n.field == Field::VillageGroup)
                .map(|n| n.row)
                .collect();
            assert_eq!(filled, [3, 4, 6], "{file}");
        }
    }
}

#[test]
fn footer_rows_are_not_households() {
    let mut d = db();
    let r = run(&mut d, "footer.xlsx");
    assert_eq!(r.imported, 2);
    assert_eq!(rows(&r.skipped), [4, 5, 6, 7, 8]);
    assert!(r.skipped[0].reason.contains("合计"));
    assert!(r.skipped[2].reason.contains("填表人"));
    assert!(r.rejected.is_empty());
    assert_eq!(households(d.store.conn()).len(), 2);
}

#[test]
fn numbers_spaces_and_full_width_digits_are_tidied() {
    let mut d = db();
    let r = run(&mut d, "numbers_as_text.xlsx");
    let hs = households(d.store.conn());
    assert_eq!(hs.len(), 6, "{r:#?}");
    assert_eq!(find(&hs, "张三丰").phone, "13800138000"); // "13800138000.0" as text
    assert_eq!(find(&hs, "李小四").phone, "13900139000"); // a number cell; full-width space in the name
    assert_eq!(find(&hs, "王五一").phone, "13700137000"); // full-width digits and spaces
    assert_eq!(find(&hs, "赵六二").phone, "15800158000");
    let s = find(&hs, "孙七三");
    assert_eq!(s.phone, "13800000006");
    assert!(s.note.contains("13900000006"), "{}", s.note);
    // A phone that is no phone: kept in the note, flagged, household imported.
    let z = find(&hs, "周八四");
    assert_eq!(z.phone, "");
    assert!(z.note.contains("12345"));
    assert!(r
        .warnings
        .iter()
        .any(|w| w.row == 11 && w.field == Field::Phone));
    // Empty rows in the middle and rows holding only a 序号.
    assert_eq!(rows(&r.skipped), [5, 7, 9, 10]);
    assert!(r.skipped[1].reason.contains("序号"));
    assert!(r
        .normalised
        .iter()
        .any(|n| n.row == 2 && n.field == Field::Phone && n.message.contains("13800138000.0")));
    assert!(r
        .normalised
        .iter()
        .any(|n| n.row == 2 && n.field == Field::Name));
}

#[test]
fn ids_stored_as_numbers_are_not_kept() {
    for (file, bad_rows) in [
        ("id_as_number.xlsx", vec![2, 3]),
        ("id_as_number.xls", vec![2, 3]),
        ("id_scientific.csv", vec![2]),
    ] {
        let mut d = db();
        let r = run(&mut d, file);
        let hs = households(d.store.conn());
        assert_eq!(r.imported as usize, hs.len(), "{file}");
        assert_eq!(
            find(&hs, "林一").id,
            "",
            "{file}: the wrong ID is not stored"
        );
        assert!(find(&hs, "林一").note.contains("身份证号待补录"), "{file}");
        assert_eq!(find(&hs, "林三").id.len(), 18, "{file}: a text ID is fine");
        let warned: Vec<u32> = r
            .warnings
            .iter()
            .filter(|w| w.field == Field::IdNumber)
            .map(|w| w.row)
            .collect();
        assert_eq!(warned, bad_rows, "{file}");
        assert!(r.warnings[0].message.contains("无法恢复"), "{file}");
    }
}

#[test]
fn bad_check_digits_keep_the_household_and_flag_the_id() {
    let mut d = db();
    let r = run(&mut d, "bad_check_digit.xlsx");
    let hs = households(d.store.conn());
    assert_eq!(hs.len(), 5);
    assert_eq!(find(&hs, "黄一").id.len(), 18);
    let h2 = find(&hs, "黄二");
    assert_eq!(h2.id, "");
    assert!(
        h2.note.contains("身份证号待核") && h2.note.contains("校验位"),
        "{}",
        h2.note
    );
    assert!(find(&hs, "黄三").id.ends_with('X'), "lower-case x is fixed");
    let warned: Vec<u32> = r.warnings.iter().map(|w| w.row).collect();
    assert_eq!(warned, [3, 5, 6]);
    assert!(r.warnings[1].message.contains("出生日期"));
}

#[test]
fn duplicates_in_the_file_and_against_the_register() {
    let mut d = db();
    let r = run(&mut d, "duplicates.xlsx");
    assert_eq!(r.imported, 4);
    assert_eq!(rows(&r.duplicates), [4, 7]);
    assert!(r.duplicates[0].reason.contains("第 2 行"));
    let hs = households(d.store.conn());
    // Same head's name, different addresses: two households.
    assert_eq!(hs.iter().filter(|h| h.name == "王芳").count(), 2);

    // The same file again: nothing new, every row reported.
    let audit_before = count(d.store.conn(), "SELECT count(*) FROM audit_log");
    let r = run(&mut d, "duplicates.xlsx");
    assert_eq!(r.imported, 0);
    assert_eq!(rows(&r.duplicates), [2, 3, 4, 5, 6, 7]);
    assert!(r.duplicates[0].reason.contains("已登记"));
    assert_eq!(households(d.store.conn()).len(), 4);
    assert_eq!(
        count(d.store.conn(), "SELECT count(*) FROM audit_log"),
        audit_before,
        "nothing was written"
    );
}

#[test]
fn an_updated_roster_updates_instead_of_duplicating() {
    let mut d = db();
    run(&mut d, "basic.xlsx");
    let before = households(d.store.conn());
    let codes_before: Vec<String> = {
        let mut st = d
            .store
            .conn()
            .prepare("SELECT code FROM households ORDER BY code")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    let r = run(&mut d, "basic_updated.xlsx");
    assert_eq!(r.added, 1, "{r:#?}");
    assert_eq!(r.updated, 2, "{r:#?}");
    assert_eq!(r.imported, 3);
    // 王五, 孙七, 周八, 吴䶮 unchanged; 赵六 without his ID matched by name + address and
    // unchanged (a blank cell never erases the stored ID).
    assert_eq!(rows(&r.duplicates), [6, 7, 8, 9, 10]);
    let after = households(d.store.conn());
    assert_eq!(after.len(), 8);
    assert_eq!(find(&after, "张三").phone, "13811112222");
    let l = find(&after, "李四");
    assert_eq!(
        l.address, "幸福村一组2-1号",
        "matched by ID despite the new address"
    );
    assert_eq!(l.residents, Some(5));
    assert_eq!(find(&after, "赵六").id, find(&before, "赵六").id);
    assert!(r
        .updates
        .iter()
        .any(|u| u.row == 4 && u.reason.contains("联系电话")));
    // Codes of the households already registered did not change.
    let mut st = d
        .store
        .conn()
        .prepare("SELECT code FROM households ORDER BY code")
        .unwrap();
    let codes_after: Vec<String> = st
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    for c in &codes_before {
        assert!(codes_after.contains(c));
    }
}

#[test]
fn two_level_headers() {
    for file in ["two_level_header.xlsx", "two_level_header.ods"] {
        let mut d = db();
        let src = Source::load(&fixture(file), None).unwrap();
        let plan = import::plan(d.store.conn(), &src, &ImportOptions::default()).unwrap();
        assert_eq!((plan.header_first_row, plan.header_row), (2, 3), "{file}");
        let r = run(&mut d, file);
        assert_eq!(r.imported, 2, "{file}");
        let hs = households(d.store.conn());
        let x = find(&hs, "谢一");
        assert_eq!((x.residents, x.vulnerable), (Some(4), Some(1)), "{file}");
        assert_eq!(x.phone, "13000000001");
    }
}

#[test]
fn vulnerable_people_columns() {
    let mut d = db();
    let r = run(&mut d, "vulnerable.xlsx");
    assert_eq!(r.imported, 4);
    assert_eq!(r.people_added, 2);
    let hs = households(d.store.conn());
    assert_eq!(find(&hs, "韩一").vulnerable, Some(1));
    let h2 = find(&hs, "韩二");
    assert_eq!(h2.vulnerable, Some(1));
    assert!(
        h2.note.contains("特殊人群：留守儿童、残疾人"),
        "{}",
        h2.note
    );
    assert_eq!(find(&hs, "韩四").vulnerable, None);
    let mut st = d
        .store
        .conn()
        .prepare("SELECT name, categories, gender, birth_date FROM people ORDER BY name")
        .unwrap();
    let people: Vec<(String, String, String, Option<String>)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(people.len(), 2);
    assert_eq!(people[0].0, "韩一");
    assert_eq!(people[0].1, "独居老人");
    assert_eq!(people[0].3.as_deref(), Some("1938-03-03"));
    assert_eq!(
        (people[1].0.as_str(), people[1].1.as_str()),
        ("韩三", "孤寡老人")
    );
    drop(st);
    // Re-importing does not add them twice.
    let r = run(&mut d, "vulnerable.xlsx");
    assert_eq!(r.imported, 0);
    assert_eq!(count(d.store.conn(), "SELECT count(*) FROM people"), 2);
}

/// A roster written here with rust_xlsxwriter (cells typed as given) into `dir`.
fn write_roster(dir: &std::path::Path, rows: &[(&str, &str, f64)]) -> PathBuf {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["户主姓名", "家庭住址", "身份证号码"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, (name, addr, id)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, *name).unwrap();
        ws.write_string(r, 1, *addr).unwrap();
        ws.write_number(r, 2, *id).unwrap();
    }
    let path = dir.join("roster.xlsx");
    wb.save(&path).unwrap();
    path
}

#[test]
fn a_first_generation_15_digit_id_stored_as_a_number_is_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let path = write_roster(
        tmp.path(),
        &[
            ("周一", "一组1号", 110105491231002.0),
            ("周二", "一组2号", 110105194912310000.0),
            ("周三", "一组3号", 110105491331002.0),
        ],
    );
    let mut d = db();
    let r = import::import_file(
        d.store.conn_mut(),
        &path,
        &ImportOptions::default(),
        false,
        &import::no_progress,
    )
    .unwrap();
    let hs = households(d.store.conn());
    assert_eq!(hs.len(), 3);
    assert_eq!(
        find(&hs, "周一").id,
        "110105491231002",
        "a genuine 15-digit ID"
    );
    assert_eq!(find(&hs, "周二").id, "", "an 18-digit ID Excel cut");
    assert_eq!(find(&hs, "周三").id, "", "15 digits without a real date");
    let warned: Vec<(u32, &str)> = r
        .warnings
        .iter()
        .filter(|w| w.field == Field::IdNumber)
        .map(|w| (w.row, w.message.as_str()))
        .collect();
    assert_eq!(warned.len(), 2, "{warned:?}");
    assert_eq!(warned[0].0, 3);
    assert!(warned[0].1.contains("无法恢复"), "{warned:?}");
    assert_eq!(warned[1].0, 4);
    assert!(warned[1].1.contains("出生日期"), "{warned:?}");
}

/// A roster of text cells written here with rust_xlsxwriter.
fn write_text_roster(dir: &std::path::Path, header: &[&str], rows: &[&[&str]]) -> PathBuf {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, cells) in std::iter::once(header)
        .chain(rows.iter().copied())
        .enumerate()
    {
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let path = dir.join("roster.xlsx");
    wb.save(&path).unwrap();
    path
}

fn import_path(d: &mut Db, path: &std::path::Path) -> ImportReport {
    import::import_file(
        d.store.conn_mut(),
        path,
        &ImportOptions::default(),
        false,
        &import::no_progress,
    )
    .unwrap()
}

#[test]
fn a_combined_grid_and_leader_column_is_split_into_both() {
    let tmp = tempfile::tempdir().unwrap();
    let path = write_text_roster(
        tmp.path(),
        &["户主姓名", "家庭住址", "网格/网格长"],
        &[
            &["吴一", "一组1号", "第1网格/万秀兰"],
            &["吴二", "一组2号", "第1网格／万秀兰"],
            &["吴三", "二组1号", "第2网格/郑建国"],
        ],
    );
    let mut d = db();
    let r = import_path(&mut d, &path);
    assert_eq!(r.imported, 3, "{r:#?}");
    let hs = households(d.store.conn());
    assert_eq!(find(&hs, "吴一").grid, "第1网格");
    assert_eq!(find(&hs, "吴二").grid, "第1网格");
    assert_eq!(find(&hs, "吴三").grid, "第2网格");
    let leaders: Vec<(String, String)> = d
        .store
        .conn()
        .prepare("SELECT name, leader FROM grids ORDER BY no")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(
        leaders,
        [
            ("第1网格".to_string(), "万秀兰".to_string()),
            ("第2网格".to_string(), "郑建国".to_string())
        ]
    );
}

#[test]
fn a_name_with_a_question_mark_from_a_lost_character_is_warned() {
    let tmp = tempfile::tempdir().unwrap();
    let path = write_text_roster(
        tmp.path(),
        &["户主姓名", "家庭住址"],
        &[&["张?明", "一组1号"], &["李四", "一组2号"]],
    );
    let mut d = db();
    let r = import_path(&mut d, &path);
    assert_eq!(r.imported, 2);
    let warned: Vec<(u32, Field)> = r.warnings.iter().map(|w| (w.row, w.field)).collect();
    assert_eq!(warned, [(2, Field::Name)], "{r:#?}");
    assert!(r.warnings[0].message.contains("生僻字"));
}
