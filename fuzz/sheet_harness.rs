// The spreadsheet reader's part of the fuzzing harness. It depends on qiaomen-sheet only, so
// that the `sheet_read` target builds without the rest of qiaomen; `harness.rs` (the
// importers, the templates) includes it. Shared with the stable test
// crates/qiaomen-core/tests/hostile_input.rs through `harness.rs`.

use std::path::PathBuf;

/// Whether a message holds CJK characters (it is meant for the clerk).
pub fn is_chinese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x20000..=0x3134F))
}

/// A refusal the clerk would see must be in Chinese.
pub fn assert_clerk_message(what: &str, message: &str, error: &dyn std::fmt::Debug) {
    assert!(
        is_chinese(message),
        "{what}: an error the clerk would see is not in Chinese: {error:?}"
    );
}

/// Keeps quiet about the panics inside calamine, which the reader catches and refuses as a
/// damaged file (fuzz/known-crashes). Under libFuzzer every panic would otherwise abort at
/// once, caught or not (libfuzzer-sys installs a hook that aborts); any other panic still
/// goes to the hook that was there, and a panic that is not caught still ends the input as
/// a crash. Installed once per process, by the harness — the reader itself never touches
/// the panic hook.
pub fn quiet_calamine_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_calamine = info.location().is_some_and(|l| {
                l.file()
                    .split(['/', '\\'])
                    .any(|part| part == "calamine" || part.starts_with("calamine-"))
            });
            if !in_calamine {
                previous(info);
            }
        }));
    });
}

/// A scratch file for one input, per process and thread (fuzzers may run several jobs).
pub fn scratch(ext: &str, data: &[u8]) -> PathBuf {
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

/// The shared spreadsheet reader: every sheet of the workbook, every cell's text.
pub fn sheet_read(data: &[u8], ext: &str) {
    quiet_calamine_panics();
    let p = scratch(ext, data);
    match qiaomen_sheet::Workbook::open(&p) {
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
                    Err(e) => assert_clerk_message("read sheet", &e.message, &e),
                }
            }
        }
        Err(e) => assert_clerk_message("open workbook", &e.message, &e),
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
