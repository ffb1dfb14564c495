//! Household-roster import over files written by real third-party writers (openpyxl,
//! LibreOffice, GBK/UTF-8 CSV), one per trap of issue 3. Regenerate the fixtures with
//! `python3 tools/make_roster_fixtures.py`.

use qiaomen_core::import::{self, Field, ImportOptions, ImportReport, RowStatus, Source};
use qiaomen_core::{ErrorCode, Store};
use rusqlite::Connection;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/rosters")
        .join(name)
}

struct Db {
    _dir: tempfile::TempDir,
    store: Store,
}

fn db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let store = qiaomen_core::open(&dir.path().join("qiaomen.db")).unwrap();
    Db { _dir: dir, store }
}

fn run(db: &mut Db, name: &str) -> ImportReport {
    run_with(db, name, &ImportOptions::default())
}

fn run_with(db: &mut Db, name: &str, opts: &ImportOptions) -> ImportReport {
    import::import_file(
        db.store.conn_mut(),
        &fixture(name),
        opts,
        false,
        &import::no_progress,
    )
    .unwrap_or_else(|e| panic!("{name}: {}", e.message))
}

#[derive(Debug, Clone, PartialEq)]
struct H {
    name: String,
    group: String,
    grid: String,
    address: String,
    phone: String,
    id: String,
    residents: Option<i64>,
    vulnerable: Option<i64>,
    note: String,
}

fn households(conn: &Connection) -> Vec<H> {
    let mut st = conn
        .prepare(
            "SELECT h.name, h.village_group, coalesce(g.name, ''), h.address, h.phone, h.id_number,
                    h.residents, h.vulnerable, h.note
             FROM households h LEFT JOIN grids g ON g.id = h.grid_id ORDER BY h.code",
        )
        .unwrap();
    st.query_map([], |r| {
        Ok(H {
            name: r.get(0)?,
            group: r.get(1)?,
            grid: r.get(2)?,
            address: r.get(3)?,
            phone: r.get(4)?,
            id: r.get(5)?,
            residents: r.get(6)?,
            vulnerable: r.get(7)?,
            note: r.get(8)?,
        })
    })
    .unwrap()
    .map(|r| r.unwrap())
    .collect()
}

fn find<'a>(hs: &'a [H], name: &str) -> &'a H {
    hs.iter()
        .find(|h| h.name == name)
        .unwrap_or_else(|| panic!("{name} not imported: {hs:#?}"))
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn rows(notes: &[import::RowNote]) -> Vec<u32> {
    notes.iter().map(|n| n.row).collect()
}

#[test]
fn every_format_reads_the_same_roster() {
    // basic.xlsx holds the roster on its second sheet, under a merged title row and a blank
    // row, with line breaks in the header cells; .xls and .ods are LibreOffice conversions.
    for file in [
        "basic.xlsx",
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

#[test]
fn files_that_are_not_spreadsheets_write_nothing() {
    let mut d = db();
    let audit = count(d.store.conn(), "SELECT count(*) FROM audit_log");
    for (file, words) in [
        ("word_renamed.xlsx", "Word"),
        ("word97_renamed.xls", "Word"),
        ("truncated.xlsx", "损坏"),
    ] {
        let e = import::import_file(
            d.store.conn_mut(),
            &fixture(file),
            &ImportOptions::default(),
            false,
            &import::no_progress,
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::BadFile, "{file}");
        assert!(
            e.message.contains(file) && e.message.contains(words),
            "{}",
            e.message
        );
        assert_eq!(
            e.message.matches('。').count(),
            1,
            "one sentence: {}",
            e.message
        );
    }
    assert_eq!(
        count(d.store.conn(), "SELECT count(*) FROM audit_log"),
        audit
    );
    assert_eq!(count(d.store.conn(), "SELECT count(*) FROM households"), 0);
}

#[test]
fn all_rows_or_none() {
    let mut d = db();
    // Make the database refuse one household in the middle of the file.
    d.store
        .conn()
        .execute_batch(
            "CREATE TRIGGER refuse_zhou BEFORE INSERT ON households WHEN NEW.name = '周八'
             BEGIN SELECT RAISE(ABORT, 'refused'); END;",
        )
        .unwrap();
    let e = import::import_file(
        d.store.conn_mut(),
        &fixture("basic.xlsx"),
        &ImportOptions::default(),
        false,
        &import::no_progress,
    );
    assert!(e.is_err());
    let c = d.store.conn();
    assert_eq!(count(c, "SELECT count(*) FROM households"), 0);
    assert_eq!(
        count(c, "SELECT count(*) FROM grids"),
        0,
        "grids created in the transaction are gone too"
    );
}

#[test]
fn dry_run_reports_without_writing() {
    let mut d = db();
    let audit = count(d.store.conn(), "SELECT count(*) FROM audit_log");
    let r = import::import_file(
        d.store.conn_mut(),
        &fixture("numbers_as_text.xlsx"),
        &ImportOptions::default(),
        true,
        &import::no_progress,
    )
    .unwrap();
    assert!(r.dry_run);
    assert_eq!(r.imported, 6);
    assert_eq!(
        count(d.store.conn(), "SELECT count(*) FROM audit_log"),
        audit
    );
    assert_eq!(count(d.store.conn(), "SELECT count(*) FROM households"), 0);
}

#[test]
fn the_clerk_edits_the_mapping() {
    let mut d = db();
    // Ignore the 组别 column and take 住址 as the 备注 instead of the address.
    let opts = ImportOptions {
        columns: Some(vec![
            import::ColumnChoice {
                col: 2,
                field: None,
            },
            import::ColumnChoice {
                col: 3,
                field: Some(Field::Note),
            },
        ]),
        ..Default::default()
    };
    let src = Source::load(&fixture("header_variants.xlsx"), None).unwrap();
    let plan = import::plan(d.store.conn(), &src, &opts).unwrap();
    let b = plan.columns.iter().find(|c| c.letter == "B").unwrap();
    assert_eq!((b.field, b.detected), (None, Some(Field::VillageGroup)));
    let r = run_with(&mut d, "header_variants.xlsx", &opts);
    assert_eq!(r.imported, 3);
    let hs = households(d.store.conn());
    let q = find(&hs, "钱一");
    assert_eq!((q.group.as_str(), q.address.as_str()), ("", ""));
    assert!(q.note.contains("幸福村四组1号"));

    // Two columns for one field is refused with a clear message.
    let bad = ImportOptions {
        columns: Some(vec![import::ColumnChoice {
            col: 2,
            field: Some(Field::Phone),
        }]),
        ..Default::default()
    };
    let plan = import::plan(d.store.conn(), &src, &bad).unwrap();
    let problem = plan.problem.unwrap();
    assert!(
        problem.contains("B 列和 D 列") && problem.contains("联系电话"),
        "{problem}"
    );
    assert_eq!(
        plan.columns.len(),
        14,
        "the columns stay visible for fixing"
    );
    let e =
        import::commit(d.store.conn_mut(), &src, &bad, false, &import::no_progress).unwrap_err();
    assert_eq!(e.code, ErrorCode::Invalid);
    // Without a name column nothing can be imported.
    let no_name = ImportOptions {
        columns: Some(vec![import::ColumnChoice {
            col: 1,
            field: None,
        }]),
        ..Default::default()
    };
    let plan = import::plan(d.store.conn(), &src, &no_name).unwrap();
    assert!(plan.problem.unwrap().contains("户主姓名"));
}

#[test]
fn progress_is_reported() {
    let mut d = db();
    let seen = std::sync::Mutex::new(Vec::new());
    let cb = |done: u64, total: u64, what: &str| {
        seen.lock().unwrap().push((done, total, what.to_string()))
    };
    import::import_file(
        d.store.conn_mut(),
        &fixture("basic.xlsx"),
        &ImportOptions::default(),
        false,
        &cb,
    )
    .unwrap();
    let seen = seen.into_inner().unwrap();
    assert!(
        seen.iter().any(|(d, t, w)| d == t && w.contains("保存")),
        "{seen:?}"
    );
    assert!(seen.iter().all(|(d, t, _)| d <= t));
}

/// Both ways of importing a file into fresh databases, twice over (the second time every
/// row is a duplicate or an update): the streamed one ([`import::Roster`], used by the CLI
/// and the app) and reading the whole sheet first. Returns whether the first was streamed.
fn both_ways(path: &std::path::Path) -> bool {
    let opts = ImportOptions::default();
    let (mut a, mut b) = (db(), db());
    let mut streamed = false;
    for pass in 0..2 {
        let ra = import::Roster::open(path, &opts).and_then(|roster| {
            streamed = roster.is_streamed();
            import::import_roster(
                a.store.conn_mut(),
                roster,
                &opts,
                false,
                &import::no_progress,
            )
        });
        let rb = Source::load(path, None).and_then(|src| {
            import::commit(b.store.conn_mut(), &src, &opts, false, &import::no_progress)
        });
        let what = format!("{} (pass {pass})", path.display());
        match (ra, rb) {
            (Ok(x), Ok(y)) => assert_eq!(
                serde_json::to_value(&x).unwrap(),
                serde_json::to_value(&y).unwrap(),
                "{what}"
            ),
            (Err(x), Err(y)) => assert_eq!((x.code, x.message), (y.code, y.message), "{what}"),
            (x, y) => panic!("{what}: {x:?} / {y:?}"),
        }
        assert_eq!(
            households(a.store.conn()),
            households(b.store.conn()),
            "{what}"
        );
        for table in ["grids", "people", "audit_log"] {
            let sql = format!("SELECT count(*) FROM {table}");
            assert_eq!(
                count(a.store.conn(), &sql),
                count(b.store.conn(), &sql),
                "{what}: {table}"
            );
        }
    }
    streamed
}

/// A single-sheet .xlsx is analysed and written while it is still being read; every
/// fixture gives the same report and the same database as reading the sheet first.
#[test]
fn streamed_import_is_the_same_as_reading_first() {
    let dir = fixture("");
    let mut streamed = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "md"))
        .collect();
    files.sort();
    for path in &files {
        if both_ways(path) {
            streamed.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    // Every single-sheet .xlsx fixture; basic.xlsx (three sheets) is read first.
    assert!(streamed.len() >= 10, "{streamed:?}");
    assert!(streamed.iter().any(|f| f == "merged_groups.xlsx"));
    assert!(!streamed.iter().any(|f| f == "basic.xlsx"));
}

/// A minimal .xlsx written by hand: one sheet with the given `<sheetData>` rows and
/// `<mergeCells>` section, inline strings only.
fn hand_made_xlsx(rows: &str, merges: &str) -> Vec<u8> {
    use std::io::Write;
    let files = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
        ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData>{merges}</worksheet>"#)),
    ];
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in files {
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// One row of inline-string cells from column A.
fn row_xml(row: u32, cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.is_empty())
        .map(|(i, t)| {
            let col = (b'A' + i as u8) as char;
            format!(r#"<c r="{col}{row}" t="inlineStr"><is><t>{t}</t></is></c>"#)
        })
        .collect();
    format!(r#"<row r="{row}">{cells}</row>"#)
}

/// The two cases where the streamed import starts over from the whole sheet: rows listed
/// out of order, and a column right of the first rows under a merged header cell.
#[test]
fn streamed_import_starts_over_when_it_must() {
    let tmp = tempfile::tempdir().unwrap();
    let header = row_xml(1, &["户主姓名", "家庭住址", "联系电话"]);
    // Row 3 before row 2 (no writer we know does this; the XML allows it).
    let rows = format!(
        "{header}{}{}",
        row_xml(3, &["李四", "幸福村2号", "13900139000"]),
        row_xml(2, &["张三", "幸福村1号", "13800138000"])
    );
    let p = tmp.path().join("乱序.xlsx");
    std::fs::write(&p, hand_made_xlsx(&rows, "")).unwrap();
    assert!(both_ways(&p));
    let mut d = db();
    assert_eq!(run_path(&mut d, &p).imported, 2);

    // 备注 merged over C and D; D holds a value only far below the header.
    let mut rows = row_xml(1, &["户主姓名", "家庭住址", "备注"]);
    for r in 2..=40 {
        let name = format!("王{r}");
        let address = format!("幸福村{r}号");
        let note = if r == 40 { "独居" } else { "" };
        rows.push_str(&row_xml(r, &[&name, &address, "", note]));
    }
    let p = tmp.path().join("宽列.xlsx");
    let merges = r#"<mergeCells count="1"><mergeCell ref="C1:D1"/></mergeCells>"#;
    std::fs::write(&p, hand_made_xlsx(&rows, merges)).unwrap();
    assert!(both_ways(&p));
    let mut d = db();
    assert_eq!(run_path(&mut d, &p).imported, 39);
    let hs = households(d.store.conn());
    assert!(find(&hs, "王40").note.contains("独居"), "{hs:#?}");
}

fn run_path(db: &mut Db, path: &std::path::Path) -> ImportReport {
    import::import_file(
        db.store.conn_mut(),
        path,
        &ImportOptions::default(),
        false,
        &import::no_progress,
    )
    .unwrap()
}

/// Blank rows are skipped and reported, a run of them as one note; the wizard's preview
/// still calls each of them a blank row.
#[test]
fn runs_of_blank_rows_are_one_note() {
    let tmp = tempfile::tempdir().unwrap();
    let mut rows = row_xml(1, &["户主姓名", "家庭住址"]);
    rows.push_str(&row_xml(2, &["张三", "幸福村1号"]));
    // Row 3 blank, row 4 a household, rows 5–8 blank, row 9 a household; the blank rows
    // are missing (as Excel writes them) or hold only spaces (as a clerk leaves them).
    rows.push_str(&row_xml(4, &["李四", "幸福村2号"]));
    rows.push_str(&row_xml(6, &[" ", "\u{3000}"]));
    rows.push_str(&row_xml(9, &["王五", "幸福村3号"]));
    let p = tmp.path().join("空行.xlsx");
    std::fs::write(&p, hand_made_xlsx(&rows, "")).unwrap();
    assert!(both_ways(&p));
    let mut d = db();
    let r = run_path(&mut d, &p);
    assert_eq!(r.imported, 3);
    let notes: Vec<(u32, &str)> = r
        .skipped
        .iter()
        .map(|n| (n.row, n.reason.as_str()))
        .collect();
    assert_eq!(
        notes,
        [(3, "空行"), (5, "空行（连续 4 行，到第 8 行）")],
        "{r:#?}"
    );
    assert_eq!(r.skipped_rows, 5);
    let src = Source::load(&p, None).unwrap();
    let plan = import::plan(d.store.conn(), &src, &ImportOptions::default()).unwrap();
    let blank: Vec<u32> = plan
        .preview
        .iter()
        .filter(|p| p.status == RowStatus::Skipped && p.note == "空行")
        .map(|p| p.row)
        .collect();
    assert_eq!(blank, [3, 5, 6, 7, 8], "{:#?}", plan.preview);
}

/// The row limits of an .xlsx: rows holding a value are counted (not Excel's row numbers),
/// and a row below Excel's last one is a damaged file. Both ways of reading agree.
#[test]
fn xlsx_row_limits() {
    let tmp = tempfile::tempdir().unwrap();
    let header = row_xml(1, &["户主姓名", "家庭住址"]);
    let below = format!(
        "{header}{}{}",
        row_xml(2, &["张三", "幸福村1号"]),
        row_xml(1_048_577, &["李四", "幸福村2号"])
    );
    let p = tmp.path().join("越界.xlsx");
    std::fs::write(&p, hand_made_xlsx(&below, "")).unwrap();
    both_ways(&p);
    let e = Source::load(&p, None).map(|_| ()).unwrap_err();
    assert_eq!(e.code, ErrorCode::BadFile);
    assert!(e.message.contains("已损坏"), "{}", e.message);

    // One row past the limit, each holding one number.
    let max = qiaomen_core::sheet::MAX_ROWS;
    let mut many = String::with_capacity(max as usize * 40);
    many.push_str(&header);
    for r in 2..=max + 1 {
        many.push_str(&format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"#));
    }
    let p = tmp.path().join("太长.xlsx");
    std::fs::write(&p, hand_made_xlsx(&many, "")).unwrap();
    let e = Source::load(&p, None).map(|_| ()).unwrap_err();
    assert!(e.message.contains("200000 行"), "{}", e.message);
    let mut d = db();
    let e = import::import_file(
        d.store.conn_mut(),
        &p,
        &ImportOptions::default(),
        false,
        &import::no_progress,
    )
    .unwrap_err();
    assert!(e.message.contains("200000 行"), "{}", e.message);
    assert_eq!(count(d.store.conn(), "SELECT count(*) FROM households"), 0);
}
