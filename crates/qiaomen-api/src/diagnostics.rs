//! 导出诊断信息: one zip for the township's IT person — the log files, the database check,
//! the backup folder's listing and the versions (app, schema, SQLite, OS). No personal data:
//! the logs never hold any (see [`crate::log`]), the check holds counts and SQLite's own
//! findings, the listing holds backup names, times and sizes, and paths show the home
//! folder as `~`.

use crate::log;
use qiaomen_core::backup;
use qiaomen_core::{Error, Result, Store};
use serde::Serialize;
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;
use ts_rs::TS;

/// The zip that was written.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DiagnosticsFile {
    /// The zip written.
    #[serde(flatten)]
    pub file: qiaomen_core::WrittenFile,
    /// The names of the files inside, in order.
    pub entries: Vec<String>,
}

/// What the zip's README.txt says (UTF-8 with a BOM, so that Notepad shows the Chinese).
const README: &str = "\u{feff}敲门行动 诊断信息\r\n\r\n\
本压缩包由“备份与恢复 → 导出诊断信息”生成，供乡镇信息员或软件维护人员查找问题。\r\n\
内容：运行日志（logs 文件夹）、数据库检查结果（check.json）、备份情况（backups.json）、\
版本信息（versions.json）。\r\n\
其中不含住户名单、姓名、身份证号、电话、地址等个人信息。\r\n";

/// Writes the diagnostics zip to `out` for the database at `db`. `store` is the open
/// database, or why it could not be opened (the zip is still written, without the check).
pub fn write_zip(out: &Path, db: &Path, store: Result<&Store, &Error>) -> Result<DiagnosticsFile> {
    let started = std::time::Instant::now();
    let mut entries: Vec<(String, Vec<u8>)> = vec![("README.txt".into(), README.into())];
    entries.push(("versions.json".into(), pretty(&versions(store))?));
    entries.push(("check.json".into(), pretty(&check(store))?));
    entries.push(("backups.json".into(), pretty(&backups(db, store))?));
    for f in log::files(&log::dir_for(db)) {
        let Some(name) = f.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let bytes = std::fs::read(&f).map_err(|e| Error::file(&f, &e))?;
        entries.push((format!("logs/{name}"), bytes));
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    if let Some(t) = zip_time(chrono::Local::now().naive_local()) {
        opts = opts.last_modified_time(t);
    }
    for (name, bytes) in &entries {
        zip.start_file(name.as_str(), opts)?;
        zip.write_all(bytes)?;
    }
    let bytes = zip.finish()?.into_inner();
    qiaomen_core::write_atomic(out, &bytes)?;
    tracing::info!(
        entries = entries.len(),
        kb = bytes.len() as u64 / 1024,
        ms = started.elapsed().as_millis() as u64,
        "diagnostics written"
    );
    Ok(DiagnosticsFile {
        file: qiaomen_core::WrittenFile::at(out),
        entries: entries.into_iter().map(|(n, _)| n).collect(),
    })
}

/// The entries' time stamp (local time, as the file manager shows it).
fn zip_time(t: chrono::NaiveDateTime) -> Option<zip::DateTime> {
    use chrono::{Datelike, Timelike};
    let small = |v: u32| u8::try_from(v).ok();
    zip::DateTime::from_date_and_time(
        u16::try_from(t.year()).ok()?,
        small(t.month())?,
        small(t.day())?,
        small(t.hour())?,
        small(t.minute())?,
        small(t.second())?,
    )
    .ok()
}

fn pretty(v: &Value) -> Result<Vec<u8>> {
    Ok(serde_json::to_vec_pretty(v)?)
}

/// App, schema, SQLite and OS versions.
fn versions(store: Result<&Store, &Error>) -> Value {
    let info = os_info::get();
    json!({
        "app": env!("CARGO_PKG_VERSION"),
        "schema_program": qiaomen_core::db::SCHEMA_VERSION,
        "schema_database": store.ok().and_then(|s| s.schema_version().ok()),
        "sqlite": rusqlite::version(),
        "os": info.to_string(),
        "os_family": std::env::consts::OS,
        "arch": std::env::consts::ARCH,
        "written_at": chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
    })
}

/// `check`'s result, paths shown with `~` for the home folder.
fn check(store: Result<&Store, &Error>) -> Value {
    let s = match store {
        Ok(s) => s,
        Err(e) => {
            return json!({"opened": false, "code": e.code.as_str(), "causes": log::causes(e)})
        }
    };
    match backup::check(s) {
        Ok(r) => {
            let mut v = serde_json::to_value(&r).unwrap_or(Value::Null);
            v["db_path"] = json!(log::show_path(Path::new(&r.db_path)));
            v["advice"] = json!(log::hide_home(&r.advice));
            v["opened"] = json!(true);
            v
        }
        Err(e) => json!({"opened": true, "code": e.code.as_str(), "causes": log::causes(&e)}),
    }
}

/// The backup folder's files (name, kind, time, size) and when the last manual backup was
/// made; no paths (a USB stick's folder names are the clerk's own).
fn backups(db: &Path, store: Result<&Store, &Error>) -> Value {
    let Ok(dir) = backup::dir_for(db) else {
        return Value::Null;
    };
    let list = match backup::list(&dir) {
        Ok(l) => l,
        Err(e) => return json!({"code": e.code.as_str(), "causes": log::causes(&e)}),
    };
    let files: Vec<Value> = list
        .iter()
        .map(
            |f| json!({"name": f.name, "kind": f.kind, "created_at": f.created_at, "size": f.size}),
        )
        .collect();
    let last_manual = store
        .ok()
        .and_then(|s| backup::status(s, &dir).ok())
        .and_then(|st| st.last_manual)
        .map(|f| f.created_at);
    json!({
        "dir": log::show_path(&dir),
        "files": files,
        "last_manual_backup_at": last_manual,
    })
}
