// The fuzzing harness, shared by the cargo-fuzz targets (fuzz/fuzz_targets/*.rs) and the
// stable test crates/qiaomen-core/tests/hostile_input.rs (corpus replay and proptests), so
// both check the same properties (the spreadsheet reader's part, which needs nothing but
// qiaomen-sheet, is in sheet_harness.rs):
//
// - no input panics, hangs or grows memory without bound (the fuzzers' own checks);
// - every refusal is an `Error` whose message is Chinese (it is shown to the clerk as is);
// - whatever an importer wrote leaves the database consistent (foreign keys hold).

#[path = "sheet_harness.rs"]
mod sheet_harness;

// Each target takes what it needs of this file: the others leave these unused.
#[allow(unused_imports)]
pub use sheet_harness::{is_chinese, sheet_read, split_ext};
use sheet_harness::{quiet_calamine_panics, scratch};

use qiaomen_core::{import, templates, Error, Store};

pub fn assert_clerk_error(what: &str, e: &Error) {
    sheet_harness::assert_clerk_message(what, &e.message, e);
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
    quiet_calamine_panics();
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
    quiet_calamine_panics();
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
