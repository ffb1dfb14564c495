//! What an import writes: nothing for a bad file, all rows or none, the dry run, the
//! clerk's mapping, progress, and the streamed path matching the read-first one.

use super::common::*;
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
    // The wizard's list of skipped rows counts what its summary counts (跳过 5 行).
    let listed: u32 = r.skipped.iter().map(|n| n.rows).sum();
    assert_eq!(listed, r.skipped_rows);
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
