//! Every error a user can trigger has a Chinese message.
//!
//! This test reads the sources of every crate (crates/*/src and src-tauri/src, test modules
//! excluded), finds each place an error for the clerk is made — `Error::invalid(…)`,
//! `Error::not_found(…)`, `Error::conflict(…)`, `Error::bad_file(…)`, `Error::io(…)`,
//! `Error::internal(…)`, `Error::new(…)`, and the `Err("…")` / `Err(format!(…))` messages of
//! the validators that feed them — lists them (run with `--nocapture` to see the list), and
//! fails when
//!
//! - a message's text has no Chinese in it (an English message would reach the clerk), or
//! - a message is made from a foreign error's text alone (`Error::internal(e.to_string())`:
//!   serde's, SQLite's or the OS's English words) without Chinese around it.
//!
//! Messages built by passing on another error's message (`Error::invalid(m)`) are checked
//! where `m` was made.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Constructions from a foreign error's text allowed anyway (file, code). Wrap such text in
/// Chinese instead (`Error::internal("程序内部错误：…").with_cause(e)`); the one entry is
/// an `std::io::Error` copied to be kept as a cause, which no clerk reads.
const KNOWN_FOREIGN_TEXT: &[(&str, &str)] = &[("error.rs", "err.kind(), err.to_string()")];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Chinese text: CJK ideographs or CJK punctuation (a literal like "{m}。" only adds a full
/// stop to a message checked where it was made).
fn is_chinese(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c as u32,
            0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xFF01..=0xFF1F | 0x20000..=0x3134F)
            || c == '“'
            || c == '”'
    })
}

/// The source without `#[cfg(test)]` items (test modules) and comments.
fn strip_tests_and_comments(src: &str) -> String {
    let src = match src.find("#[cfg(test)]") {
        Some(i) => &src[..i],
        None => src,
    };
    let mut out = String::with_capacity(src.len());
    let b = src.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'"' {
            let j = end_of_string(b, i);
            out.push_str(&src[i..j]);
            i = j;
        } else if b[i] == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if let Some(j) = char_literal_end(b, i) {
            out.push_str(&src[i..j]);
            i = j;
        } else {
            let ch = src[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// `'"'`, `'\''`, `'\n'`, `'x'`: the end of a char literal starting at `i`, if it is one
/// (not a lifetime).
fn char_literal_end(b: &[u8], i: usize) -> Option<usize> {
    if b[i] != b'\'' {
        return None;
    }
    if b.get(i + 1) == Some(&b'\\') {
        let mut j = i + 2;
        while j < b.len() && j < i + 12 {
            if b[j] == b'\'' {
                return Some(j + 1);
            }
            j += 1;
        }
        return None;
    }
    // One (possibly multi-byte) character, then a quote.
    let s = std::str::from_utf8(&b[i + 1..(i + 6).min(b.len())])
        .ok()
        .or_else(|| {
            (2..6)
                .rev()
                .find_map(|n| std::str::from_utf8(&b[i + 1..(i + n).min(b.len())]).ok())
        })?;
    let c = s.chars().next()?;
    let j = i + 1 + c.len_utf8();
    (b.get(j) == Some(&b'\'')).then_some(j + 1)
}

/// Index just past the closing quote of the string starting at `i`.
fn end_of_string(b: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b'"' => return j + 1,
            _ => j += 1,
        }
    }
    b.len()
}

/// The text between the parenthesis opened just before `start` and its match.
fn call_args(src: &str, start: usize) -> &str {
    let b = src.as_bytes();
    let mut depth = 1;
    let mut j = start;
    while j < b.len() && depth > 0 {
        if b[j] == b'"' {
            j = end_of_string(b, j);
            continue;
        }
        if let Some(k) = char_literal_end(b, j) {
            j = k;
            continue;
        }
        match b[j] {
            b'(' => depth += 1,
            b')' => depth -= 1,
            _ => {}
        }
        j += 1;
    }
    &src[start..j.saturating_sub(1).max(start)]
}

/// The string literals in an argument list (contents, escapes left as written).
fn literals(args: &str) -> Vec<String> {
    let b = args.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'"' {
            let j = end_of_string(b, i);
            out.push(args[i + 1..j.saturating_sub(1).max(i + 1)].to_string());
            i = j;
        } else if let Some(k) = char_literal_end(b, i) {
            i = k;
        } else {
            i += 1;
        }
    }
    out
}

struct Site {
    file: String,
    line: usize,
    args: String,
    literals: Vec<String>,
}

fn sites() -> Vec<Site> {
    let mut files = Vec::new();
    let mut dirs = vec![root().join("src-tauri/src")];
    if let Ok(rd) = std::fs::read_dir(root().join("crates")) {
        dirs.extend(rd.flatten().map(|e| e.path().join("src")));
    }
    for dir in dirs {
        rust_files(&dir, &mut files);
    }
    files.sort();
    let patterns = [
        "Error::invalid(",
        "Error::not_found(",
        "Error::conflict(",
        "Error::bad_file(",
        "Error::io(",
        "Error::internal(",
        "Error::new(",
        "Err(format!(",
        "Err(\"",
    ];
    let mut out = Vec::new();
    for f in files {
        let raw = std::fs::read_to_string(&f).unwrap();
        let src = strip_tests_and_comments(&raw);
        let rel = f
            .strip_prefix(root())
            .unwrap_or(&f)
            .to_string_lossy()
            .replace("crates/qiaomen-core/../../", "");
        for pat in patterns {
            let mut from = 0;
            while let Some(pos) = src[from..].find(pat) {
                let at = from + pos;
                from = at + pat.len();
                // `Err("…")` starts inside the string: back up onto its quote.
                let open = if pat.ends_with('"') { from - 1 } else { from };
                let args = if pat.ends_with('"') {
                    let end = end_of_string(src.as_bytes(), open);
                    src[open..end].to_string()
                } else {
                    call_args(&src, open).to_string()
                };
                let line = src[..at].matches('\n').count() + 1;
                let lits = literals(&args);
                out.push(Site {
                    file: rel.clone(),
                    line,
                    args: args.split_whitespace().collect::<Vec<_>>().join(" "),
                    literals: lits,
                });
            }
        }
    }
    out
}

#[test]
fn every_user_error_is_chinese() {
    let sites = sites();
    let mut english = Vec::new();
    let mut foreign = Vec::new();
    for s in &sites {
        let shown = s.literals.join(" … ");
        println!(
            "{}:{}  {}",
            s.file,
            s.line,
            if shown.is_empty() { &s.args } else { &shown }
        );
        if !s.literals.is_empty() {
            // `Error::new(ErrorCode::X, "…")` and formats: some literal must be Chinese.
            if !s.literals.iter().any(|l| is_chinese(l)) {
                english.push(format!("{}:{}: {}", s.file, s.line, s.args));
            }
        } else if s.args.contains("to_string()") || s.args.contains("{e}") {
            let known = KNOWN_FOREIGN_TEXT
                .iter()
                .any(|(f, a)| s.file.ends_with(f) && s.args.contains(a));
            if !known {
                foreign.push(format!("{}:{}: {}", s.file, s.line, s.args));
            }
        }
    }
    println!("{} places make a message for the clerk", sites.len());
    assert!(
        sites.len() > 100,
        "the scan found only {} error sites: is it still reading the sources?",
        sites.len()
    );
    assert!(
        english.is_empty(),
        "messages without Chinese (the clerk would read English):\n{}",
        english.join("\n")
    );
    assert!(
        foreign.is_empty(),
        "messages made from a foreign error's English text alone; wrap them in Chinese and keep \
         the error as the cause, e.g. Error::internal(\"程序内部错误：…\").with_cause(e):\n{}",
        foreign.join("\n")
    );
}

#[test]
fn the_scanner_catches_english() {
    let src = r#"
        fn f() -> Result<()> {
            if x { return Err(Error::invalid("name is required")); }
            if y { return Err(Error::new(ErrorCode::Io, format!("cannot open {p}"))); }
            Err(Error::invalid(format!("名字“{n}”太长（最多 {max} 个字）")))
        }
    "#;
    let src = strip_tests_and_comments(src);
    let found: Vec<Vec<String>> = ["Error::invalid(", "Error::new("]
        .iter()
        .flat_map(|p| {
            src.match_indices(p)
                .map(|(i, p)| literals(call_args(&src, i + p.len())))
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(found.len(), 3);
    let chinese: Vec<bool> = found
        .iter()
        .map(|l| l.iter().any(|s| is_chinese(s)))
        .collect();
    assert_eq!(chinese.iter().filter(|c| !**c).count(), 2, "{found:?}");
    assert!(is_chinese("请填写报送单位名称"));
    assert!(!is_chinese("cannot open {p}: {e}"));
    assert_eq!(char_literal_end(b"'\"' x", 0), Some(3));
    assert_eq!(char_literal_end(b"'a lifetime", 0), None);
}
