//! What every CLI test does: run `qiaomen` on a database, expect success (its output, or its
//! JSON) or a refusal in Chinese, hash a file, run a checking tool (poppler-utils, qpdf).
//! Each test file takes it with `mod common; use common::*;`.

#![allow(dead_code)]

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

/// Runs `qiaomen --db <db> <args>` (never the QIAOMEN_DB of the environment).
pub fn qm(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qiaomen"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("QIAOMEN_DB")
        .output()
        .unwrap()
}

/// Runs a command that must succeed; returns its standard output.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let o = qm(db, args);
    assert!(
        o.status.success(),
        "qiaomen {args:?}: exit {:?}\n{}{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// Runs a command that must succeed and print JSON (`args` include `--json`).
pub fn ok_json(db: &Path, args: &[&str]) -> Value {
    let out = ok(db, args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
}

/// [`ok_json`] with `--json` added to `args`.
pub fn json_of(db: &Path, args: &[&str]) -> Value {
    let mut a = args.to_vec();
    a.push("--json");
    ok_json(db, &a)
}

/// Runs a command that must be refused; returns its Chinese message.
pub fn fails(db: &Path, args: &[&str]) -> String {
    let o = qm(db, args);
    assert!(!o.status.success(), "qiaomen {args:?} should fail");
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.starts_with("错误："), "{args:?}: {err}");
    err
}

/// FNV-1a over the file's bytes.
pub fn hash(path: &Path) -> u64 {
    std::fs::read(path)
        .unwrap()
        .iter()
        .fold(0xcbf29ce484222325u64, |h, b| {
            (h ^ *b as u64).wrapping_mul(0x100000001b3)
        })
}

/// Runs a checking tool that must succeed; returns its standard output.
pub fn tool(cmd: &str, args: &[&str]) -> String {
    let o = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} is needed (apt-get install poppler-utils qpdf): {e}"));
    assert!(
        o.status.success(),
        "{cmd} {args:?}: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A PDF's text without whitespace, after `qpdf --check` passed on it.
pub fn pdf_text(p: &Path) -> String {
    tool("qpdf", &["--check", p.to_str().unwrap()]);
    tool("pdftotext", &["-raw", p.to_str().unwrap(), "-"])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}
