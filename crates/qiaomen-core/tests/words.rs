//! The clerk's words (issue 16 part 5): one term for each thing, the same on the screens,
//! in the command line's help and messages, and in docs/用户指南.md.
//!
//! | say | not |
//! |---|---|
//! | 住户和场所 (the register of homes and places) | 户籍, 户籍登记 (the police's household register) |
//! | 现场整改 (fixed during the visit) | 现场已整改, 当场整改 |
//! | 撤销销号 (undo a closing) | 重新打开 |
//! | 截至日期 (the as-of date of "overdue") | 截止日期 (that is a deadline), 超期判断日期, 判断超期的日期 |
//! | 未入户名单 (households not visited in a round) | 未走访名单, 尚未走访 |
//!
//! The test reads the sources of every crate (test modules cut off), the UI's screens and
//! libraries, the user guide, README.md and tauri.conf.json, and fails on any "not" word
//! outside [`PENDING`].

use std::path::{Path, PathBuf};

/// (a word not to use, the word to use).
const AVOID: &[(&str, &str)] = &[
    ("户籍", "住户和场所"),
    ("现场已整改", "现场整改"),
    ("当场整改", "现场整改"),
    ("重新打开", "撤销销号"),
    ("截止日期", "截至日期"),
    ("超期判断日期", "截至日期"),
    ("判断超期的日期", "截至日期"),
    ("未走访名单", "未入户名单"),
    ("尚未走访", "未入户"),
];

/// Old words still in files that other engineers are rewriting at the time of writing
/// (file, word). Each entry must still be true: when a file takes the clerk's word, remove
/// its entry here.
const PENDING: &[(&str, &str)] = &[];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n == "node_modules") {
                continue;
            }
            files(&p, exts, out);
        } else if p.extension().is_some_and(|x| exts.iter().any(|e| x == *e)) {
            out.push(p);
        }
    }
}

/// Every file a clerk reads words from (a screen, a message, help, the guide).
fn scanned() -> Vec<PathBuf> {
    let root = root();
    let mut out = Vec::new();
    for c in std::fs::read_dir(root.join("crates")).unwrap().flatten() {
        files(&c.path().join("src"), &["rs"], &mut out);
    }
    files(&root.join("src-tauri/src"), &["rs"], &mut out);
    files(&root.join("ui/src"), &["svelte", "ts"], &mut out);
    for f in ["docs/用户指南.md", "README.md", "tauri.conf.json"] {
        out.push(root.join(f));
    }
    out
}

/// The text a clerk may see: a Rust file without its test module (tests may feed old words
/// in on purpose).
fn text_of(path: &Path) -> String {
    let src = std::fs::read_to_string(path).unwrap();
    if path.extension().is_some_and(|x| x == "rs") {
        if let Some(i) = src.find("#[cfg(test)]") {
            return src[..i].to_string();
        }
    }
    src
}

#[test]
fn one_word_for_each_thing() {
    let root = root();
    let mut wrong = Vec::new();
    let mut pending_seen = vec![false; PENDING.len()];
    let all = scanned();
    assert!(all.len() > 50, "the sources were not found: {all:?}");
    for path in &all {
        let rel = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = text_of(path);
        for (bad, good) in AVOID {
            if !text.contains(bad) {
                continue;
            }
            if let Some(i) = PENDING.iter().position(|(f, w)| *f == rel && w == bad) {
                pending_seen[i] = true;
                continue;
            }
            for (n, line) in text.lines().enumerate() {
                if line.contains(bad) {
                    wrong.push(format!(
                        "{rel}:{}: “{bad}” -> “{good}”: {}",
                        n + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "say the clerk's word:\n{}",
        wrong.join("\n")
    );
    let stale: Vec<String> = PENDING
        .iter()
        .zip(&pending_seen)
        .filter(|(_, seen)| !**seen)
        .map(|((f, w), _)| format!("{f}: {w}"))
        .collect();
    assert!(
        stale.is_empty(),
        "these files use the clerk's word now; remove them from PENDING:\n{}",
        stale.join("\n")
    );
}
