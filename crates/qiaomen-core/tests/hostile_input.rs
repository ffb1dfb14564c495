//! Hostile and broken input, on the stable toolchain: the fuzz corpus and every fixture
//! replayed through the fuzzing harness (fuzz/harness.rs), property tests with proptest for
//! what the fuzzers reach only with nightly, and the explicit limits (a file too large, a
//! zip bomb, a sheet too long, an .ods whose few bytes claim a billion cells).

#[allow(dead_code)]
#[path = "../../../fuzz/harness.rs"]
mod harness;

use proptest::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Every input kept by the fuzzers (corpus and regressions) goes through its target again.
#[test]
fn fuzz_corpus_replays_clean() {
    let mut total = 0;
    for target in [
        "template_parse",
        "sheet_read",
        "roster_import",
        "entry_import",
    ] {
        for sub in ["corpus", "regressions"] {
            for f in files_in(&root().join("fuzz").join(sub).join(target)) {
                replay(target, &std::fs::read(&f).unwrap());
                total += 1;
            }
        }
    }
    assert!(total >= 20, "the fuzz corpus is missing ({total} files)");
}

fn replay(target: &str, data: &[u8]) {
    match target {
        "template_parse" => harness::template_parse(data),
        _ => {
            let (ext, bytes) = harness::split_ext(data);
            match target {
                "sheet_read" => harness::sheet_read(bytes, ext),
                "roster_import" => harness::roster_import(bytes, ext),
                _ => harness::entry_import(bytes, ext),
            }
        }
    }
}

/// Inputs on which calamine 0.38 panics (found by `fuzz/run.sh`; see
/// fuzz/known-crashes/README.md): the reader catches the panic and refuses the file as
/// damaged, with no panic reaching the caller.
#[test]
fn known_crashes_are_refused() {
    let mut n = 0;
    for target in [
        "template_parse",
        "sheet_read",
        "roster_import",
        "entry_import",
    ] {
        for f in files_in(&root().join("fuzz/known-crashes").join(target)) {
            replay(target, &std::fs::read(&f).unwrap());
            n += 1;
        }
    }
    assert!(n > 0);
}

/// Every spreadsheet fixture of the project, read by the reader and both importers, and the
/// built-in templates through the loader.
#[test]
fn fixtures_replay_clean() {
    let mut n = 0;
    for dir in ["rosters", "entry", "stats"] {
        for f in files_in(&root().join("tests/fixtures").join(dir)) {
            let ext = f
                .extension()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            if !["xlsx", "xls", "ods", "csv"].contains(&ext.as_str()) {
                continue;
            }
            let data = std::fs::read(&f).unwrap();
            harness::sheet_read(&data, &ext);
            harness::roster_import(&data, &ext);
            harness::entry_import(&data, &ext);
            n += 1;
        }
    }
    assert!(n >= 10, "fixtures missing ({n})");
    for t in qiaomen_core::templates::BUILTIN {
        harness::template_parse(t.as_bytes());
    }
}

/// A random JSON value, for replacing parts of a template.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        "[\\PC]{0,12}".prop_map(serde_json::Value::from),
        prop::sample::select(vec!["yes", "no", "防小火亡人事故", "防外星人事故", ""])
            .prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Paths into the built-in template to mutate.
fn template_path() -> impl Strategy<Value = Vec<String>> {
    let top = prop::sample::select(vec![
        "id",
        "version",
        "name",
        "title",
        "header_fields",
        "items",
        "footer_notes",
        "other_hazards_label",
    ]);
    let item_key = prop::sample::select(vec![
        "no",
        "text",
        "answer",
        "hazard_when",
        "category",
        "major",
        "marks_vulnerable",
    ]);
    (top, 0usize..20, item_key).prop_map(|(t, i, k)| {
        if t == "items" {
            vec![t.to_string(), i.to_string(), k.to_string()]
        } else {
            vec![t.to_string()]
        }
    })
}

fn set_path(v: &mut serde_json::Value, path: &[String], new: serde_json::Value, remove: bool) {
    let mut cur = v;
    for (depth, key) in path.iter().enumerate() {
        let last = depth + 1 == path.len();
        if let Ok(i) = key.parse::<usize>() {
            let Some(arr) = cur.as_array_mut() else {
                return;
            };
            if arr.is_empty() {
                return;
            }
            let i = i % arr.len();
            if last {
                if remove {
                    arr.remove(i);
                } else {
                    arr[i] = new;
                }
                return;
            }
            cur = &mut arr[i];
        } else {
            let Some(obj) = cur.as_object_mut() else {
                return;
            };
            if last {
                if remove {
                    obj.remove(key);
                } else {
                    obj.insert(key.clone(), new);
                }
                return;
            }
            let Some(next) = obj.get_mut(key) else { return };
            cur = next;
        }
    }
}

/// Cells a clerk's roster may hold, and worse.
fn cell_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            "张三",
            "䶮",
            "𠮷",
            "户主姓名",
            "姓名",
            "地址",
            "家庭住址",
            "联系电话",
            "电话",
            "村民小组",
            "网格",
            "身份证号",
            "居住人数",
            "弱势群体人数",
            "独居老人",
            "是",
            "否",
            "合计",
            "填表人：",
            "13800138000.0",
            "１３８００１３８０００",
            "1.10105E+17",
            "11010519491231002X",
            "=SUM(A1:A3)",
            "\"",
            ",",
            "\n",
            "\r\n",
            "\u{feff}",
            " ",
            "\u{3000}",
            "-1",
            "1e308",
            "NaN",
            "2024年12月23日",
            "45000",
        ])
        .prop_map(String::from),
        "[\\PC]{0,20}",
    ]
}

fn csv_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv_writer();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("QIAOMEN_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64),
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    #[test]
    fn template_loader_survives_mutations(
        edits in prop::collection::vec((template_path(), json_value(), any::<bool>()), 1..5)
    ) {
        let mut v: serde_json::Value =
            serde_json::from_str(qiaomen_core::templates::BUILTIN[0]).unwrap();
        for (path, new, remove) in edits {
            set_path(&mut v, &path, new, remove);
        }
        harness::template_parse(v.to_string().as_bytes());
    }

    #[test]
    fn template_loader_survives_arbitrary_text(s in "[\\PC]{0,200}") {
        harness::template_parse(s.as_bytes());
    }

    #[test]
    fn roster_and_entry_importers_survive_random_tables(
        rows in prop::collection::vec(prop::collection::vec(cell_text(), 0..9), 0..25)
    ) {
        let bytes = csv_bytes(&rows);
        harness::roster_import(&bytes, "csv");
        harness::entry_import(&bytes, "csv");
    }

    #[test]
    fn readers_survive_random_bytes(
        data in prop::collection::vec(any::<u8>(), 0..3000),
        ext in prop::sample::select(vec!["xlsx", "xls", "ods", "csv"]),
    ) {
        harness::sheet_read(&data, ext);
        harness::roster_import(&data, ext);
    }

    /// Real spreadsheets with bytes flipped or cut off: damaged zips, damaged XML inside
    /// a valid zip, damaged compound files.
    #[test]
    fn readers_survive_damaged_real_files(
        which in 0usize..64,
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let fixtures: Vec<PathBuf> = ["rosters", "entry"]
            .iter()
            .flat_map(|d| files_in(&root().join("tests/fixtures").join(d)))
            .filter(|p| p.extension().is_some_and(|e| e != "json"))
            .collect();
        let f = &fixtures[which % fixtures.len()];
        let ext = f.extension().unwrap().to_string_lossy().into_owned();
        let mut data = std::fs::read(f).unwrap();
        if !data.is_empty() {
            for (i, b) in flips {
                let at = i.index(data.len());
                data[at] = b;
            }
            if let Some(c) = cut {
                data.truncate(c.index(data.len()));
            }
        }
        harness::sheet_read(&data, &ext);
        harness::roster_import(&data, &ext);
        harness::entry_import(&data, &ext);
    }

    /// Damaged XML inside a well-formed .xlsx zip (the zip layer is fine, so calamine's XML
    /// parser sees the damage).
    #[test]
    fn xlsx_with_damaged_xml_inside(
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        entry in 0usize..8,
    ) {
        let src = std::fs::read(root().join("tests/fixtures/rosters/basic.xlsx")).unwrap();
        let mut zin = zip::ZipArchive::new(std::io::Cursor::new(src)).unwrap();
        let target = entry % zin.len();
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for i in 0..zin.len() {
            let mut f = zin.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
            if i == target && !bytes.is_empty() {
                for (at, b) in &flips {
                    let at = at.index(bytes.len());
                    bytes[at] = *b;
                }
            }
            out.start_file(name, opts).unwrap();
            out.write_all(&bytes).unwrap();
        }
        let data = out.finish().unwrap().into_inner();
        harness::sheet_read(&data, "xlsx");
        harness::roster_import(&data, "xlsx");
    }
}

fn write(dir: &Path, name: &str, data: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, data).unwrap();
    p
}

fn expect_refused(p: &Path, words: &[&str]) {
    let e = qiaomen_core::sheet::Workbook::open(p)
        .and_then(|mut wb| wb.read_sheet_at(0).map(|_| ()))
        .expect_err("should be refused");
    assert!(harness::is_chinese(&e.message), "{e:?}");
    for w in words {
        assert!(e.message.contains(w), "{:?} lacks {w}", e.message);
    }
    // The importers give the same refusal, and write nothing.
    let mut s = qiaomen_core::Store::open_in_memory().unwrap();
    let r = qiaomen_core::import::import_file(
        s.conn_mut(),
        p,
        &Default::default(),
        false,
        &qiaomen_core::import::no_progress,
    );
    assert!(r.is_err());
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM households", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

/// Zip files of ~300 KB that inflate beyond the limit (tools/make_hostile_fixtures.py).
#[test]
fn zip_bombs_are_refused_with_a_message() {
    let dir = root().join("tests/fixtures/hostile");
    // One sheet past the limit.
    expect_refused(&dir.join("bomb_sheet.xlsx"), &["解压后超过"]);
    // Several entries each under the limit, together over it.
    expect_refused(&dir.join("bomb_many.ods"), &["解压后超过"]);
    for f in ["bomb_sheet.xlsx", "bomb_many.ods"] {
        let len = std::fs::metadata(dir.join(f)).unwrap().len();
        assert!(len < 1 << 20, "{f} is {len} bytes: not a bomb");
    }
}

#[test]
fn too_large_file_is_refused_before_reading() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("巨大.xlsx");
    let f = std::fs::File::create(&p).unwrap();
    // Sparse: no disk space used, but the size says 51 MB.
    f.set_len(qiaomen_core::sheet::MAX_FILE_BYTES + 1).unwrap();
    expect_refused(&p, &["上限"]);
}

#[test]
fn too_many_rows_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let rows = qiaomen_core::sheet::MAX_ROWS as usize + 10;
    let mut s = String::with_capacity(rows * 8);
    s.push_str("姓名,地址\n");
    for i in 0..rows {
        s.push_str(&format!("张{i},\n"));
    }
    let p = write(tmp.path(), "长.csv", s.as_bytes());
    expect_refused(&p, &["行"]);
}

/// An .ods of a few hundred bytes whose repeat attributes claim a billion cells.
fn ods_repeat_bomb(rows: u64, cols: u64) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="名单"><table:table-row><table:table-cell office:value-type="string"><text:p>姓名</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="{cols}" office:value-type="string"><text:p>张三</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    out.start_file("mimetype", stored).unwrap();
    out.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    out.start_file("META-INF/manifest.xml", stored).unwrap();
    out.write_all(manifest.as_bytes()).unwrap();
    out.start_file("content.xml", stored).unwrap();
    out.write_all(content.as_bytes()).unwrap();
    out.finish().unwrap().into_inner()
}

/// The sizes here are the limits' neighbours: just over MAX_ROWS rows of one column, and a
/// row repeated into MAX_COLS+1 columns. Either is refused with a message or read within
/// the limits; neither may take unbounded memory (a billion cells would abort the test).
#[test]
fn ods_repeat_attributes_stay_within_limits() {
    let tmp = tempfile::tempdir().unwrap();
    let max_rows = qiaomen_core::sheet::MAX_ROWS as u64;
    let max_cols = qiaomen_core::sheet::MAX_COLS as u64;
    for (rows, cols) in [(max_rows + 5, 1), (3, max_cols + 5)] {
        let p = write(tmp.path(), "重复.ods", &ods_repeat_bomb(rows, cols));
        expect_refused(&p, &[]);
    }
}

/// A few hundred bytes claiming 10⁶ rows × 10³ columns of text.
#[test]
fn ods_claiming_a_billion_cells_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let p = write(tmp.path(), "十亿.ods", &ods_repeat_bomb(1_000_000, 1_000));
    expect_refused(&p, &[]);
}
