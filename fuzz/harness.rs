// The fuzzing harness, shared by the cargo-fuzz targets (fuzz/fuzz_targets/*.rs) and the
// stable test crates/qiaomen-core/tests/hostile_input.rs (corpus replay and proptests), so
// both check the same properties:
//
// - no input panics, hangs or grows memory without bound (the fuzzers' own checks);
// - every refusal is an `Error` whose message is Chinese (it is shown to the clerk as is);
// - whatever an importer wrote leaves the database consistent (foreign keys hold).

use qiaomen_core::{import, sheet, templates, Error, Store};
use std::path::PathBuf;

/// Whether a message holds CJK characters (it is meant for the clerk).
pub fn is_chinese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x20000..=0x3134F))
}

pub fn assert_clerk_error(what: &str, e: &Error) {
    assert!(
        is_chinese(&e.message),
        "{what}: an error the clerk would see is not in Chinese: {e:?}"
    );
}

/// A scratch file for one input, per process and thread (fuzzers may run several jobs).
fn scratch(ext: &str, data: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join("qiaomen-fuzz");
    let _ = std::fs::create_dir_all(&dir);
    let p = dir.join(format!(
        "{}-{:?}.{ext}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::write(&p, data).expect("scratch file");
    p
}

/// The checklist template loader.
pub fn template_parse(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match templates::Template::parse(&text) {
        Ok(t) => {
            // A template that loads survives a round trip unchanged.
            let json = serde_json::to_string(&t).expect("serialise a parsed template");
            let again = templates::Template::parse(&json).expect("re-parse a parsed template");
            assert_eq!(again, t);
        }
        Err(e) => assert_clerk_error("template", &e),
    }
}

/// The shared spreadsheet reader: every sheet of the workbook, every cell's text.
pub fn sheet_read(data: &[u8], ext: &str) {
    let p = scratch(ext, data);
    match sheet::Workbook::open(&p) {
        Ok(mut wb) => {
            let n = wb.sheet_names().len();
            for i in 0..n.min(16) {
                match wb.read_sheet_at(i) {
                    Ok(s) => {
                        let mut chars = 0usize;
                        for (_, row) in s.rows() {
                            for c in row {
                                chars += c.text().len();
                            }
                        }
                        std::hint::black_box(chars);
                    }
                    Err(e) => assert_clerk_error("read sheet", &e),
                }
            }
        }
        Err(e) => assert_clerk_error("open workbook", &e),
    }
    let _ = std::fs::remove_file(&p);
}

fn fresh_store() -> Store {
    let s = Store::open_in_memory().expect("in-memory store");
    templates::install_builtin(s.conn()).expect("templates");
    s
}

fn assert_consistent(s: &Store) {
    let bad: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .expect("foreign_key_check");
    assert_eq!(bad, 0, "an import left rows pointing at nothing");
}

/// How an import ended, to compare two ways of importing the same file.
type Ending = Result<serde_json::Value, (qiaomen_core::ErrorCode, String)>;

fn ending(what: &str, store: &Store, r: qiaomen_core::Result<import::ImportReport>) -> Ending {
    match r {
        Ok(report) => {
            assert_consistent(store);
            Ok(serde_json::to_value(&report).expect("serialise a report"))
        }
        Err(e) => {
            assert_clerk_error(what, &e);
            Err((e.code, e.message))
        }
    }
}

/// The household roster importer: load, dry-run plan, then the real commit; and the
/// streamed import (a single-sheet .xlsx analysed while it is read, what the CLI and the
/// app do) must end exactly as reading the sheet first does.
pub fn roster_import(data: &[u8], ext: &str) {
    let p = scratch(ext, data);
    let opts = import::ImportOptions::default();
    let mut store = fresh_store();
    let loaded = match import::Source::load(&p, None) {
        Ok(src) => {
            if let Err(e) = import::plan(store.conn(), &src, &opts) {
                assert_clerk_error("roster plan", &e);
            }
            let r = import::commit(store.conn_mut(), &src, &opts, false, &import::no_progress);
            ending("roster commit", &store, r)
        }
        Err(e) => ending("roster load", &store, Err(e)),
    };
    let mut other = fresh_store();
    let r = import::import_file(other.conn_mut(), &p, &opts, false, &import::no_progress);
    let streamed = ending("roster import", &other, r);
    assert_eq!(
        streamed, loaded,
        "the streamed import ended differently from reading the sheet first"
    );
    let _ = std::fs::remove_file(&p);
}

/// The inspection entry-sheet importer, into a register of a few households.
pub fn entry_import(data: &[u8], ext: &str) {
    let p = scratch(ext, data);
    let mut store = fresh_store();
    {
        let tx = store.conn_mut().transaction().expect("tx");
        for (i, name) in ["张三", "李四", "王五"].iter().enumerate() {
            qiaomen_core::households::add(
                &tx,
                &qiaomen_core::households::HouseholdInput {
                    name: name.to_string(),
                    address: format!("{}号", i + 1),
                    ..Default::default()
                },
            )
            .expect("household");
        }
        tx.commit().expect("commit");
    }
    match qiaomen_core::entry_sheet::import(store.conn(), &p, &|_, _| {}) {
        Ok(_) => assert_consistent(&store),
        Err(e) => assert_clerk_error("entry sheet import", &e),
    }
    let _ = std::fs::remove_file(&p);
}

/// Picks the file extension from the first byte, so one input can be tried as any format
/// (the reader decides by content; the extension matters for text and for refusals).
pub fn split_ext(data: &[u8]) -> (&str, &[u8]) {
    const EXTS: [&str; 4] = ["xlsx", "xls", "ods", "csv"];
    match data.split_first() {
        Some((b, rest)) => (EXTS[(*b as usize) % EXTS.len()], rest),
        None => ("csv", data),
    }
}
