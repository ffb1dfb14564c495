//! Backups, restore and the database check.
//!
//! The desktop shell calls `backup.on_start` once the window is up (integrity check, then
//! the daily backup if none was made today) and `backup.on_exit` when the app closes (a
//! backup if anything changed). Automatic backups go to `backups/` beside the database
//! file, which for the app is `<app data dir>/backups`.
//!
//! Each backup, restore and check is logged with its timing (`crate::log`); 导出诊断信息
//! (`backup.diagnostics`) zips the logs with the check and the versions.

use crate::diagnostics::{self, DiagnosticsFile};
use crate::{log, Api, Error, Result};
use qiaomen_core::backup::{
    self, AutoBackupResult, BackupFile, BackupKind, BackupStatus, BackupSummary, CheckReport,
    RestoreReport,
};
use qiaomen_core::Store;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::time::Instant;
use ts_rs::TS;

/// A file the clerk picked in a dialog.
#[derive(Debug, Deserialize, TS)]
pub struct BackupPathArgs {
    pub path: String,
}

/// A file in the automatic backup folder, by name (as listed by `backup.status`).
#[derive(Debug, Deserialize, TS)]
pub struct BackupNameArgs {
    pub name: String,
}

/// What the app gets at start.
#[derive(Debug, Serialize, TS)]
pub struct StartReport {
    /// The database check; when `check.ok` is false the app tells the clerk to restore and
    /// no automatic backup is made (it would push good backups out of the rotation).
    pub check: CheckReport,
    /// The daily backup, when the check passed and the backup worked.
    pub backup: Option<AutoBackupResult>,
    /// Why the daily backup failed (the app still starts).
    pub backup_error: Option<Error>,
    /// The backup state after all this, for the status line.
    pub status: Option<BackupStatus>,
}

impl Api {
    /// The folder of automatic backups (`backups/` beside the database).
    pub fn backup_dir(&self) -> Result<PathBuf> {
        backup::dir_for(self.store.path())
    }

    /// Last backups, the folder and whether the data changed since the last backup.
    pub fn backup_status(&self) -> Result<BackupStatus> {
        backup::status(&self.store, &self.backup_dir()?)
    }

    /// Backs up to a file the clerk chose (e.g. on a USB stick).
    pub fn backup_save(&mut self, path: &str) -> Result<BackupFile> {
        let dest = self.writable(path)?;
        let started = Instant::now();
        let f = backup::backup_to(&self.store, &dest)?;
        tracing::info!(
            kind = "manual",
            kb = f.size / 1024,
            ms = started.elapsed().as_millis() as u64,
            "backup made"
        );
        Ok(f)
    }

    /// An automatic backup now, of the daily kind unless one was made today.
    pub fn backup_auto_start(&mut self) -> Result<AutoBackupResult> {
        let started = Instant::now();
        let r = backup::backup_on_start(&self.store, &self.backup_dir()?);
        log_auto("backup.daily", started, &r);
        r
    }

    /// The backup made when the app closes (skipped if nothing changed).
    pub fn backup_on_exit(&mut self) -> Result<AutoBackupResult> {
        let started = Instant::now();
        let r = backup::backup_on_exit(&self.store, &self.backup_dir()?);
        log_auto("backup.on_exit", started, &r);
        r
    }

    /// At start: the quick check, then the daily backup (whose copy gets the full
    /// integrity check) if the check passed. The desktop shell runs this on a connection of
    /// its own ([`Api::detached`]) after the register is drawn.
    pub fn backup_on_start(&mut self) -> Result<StartReport> {
        start_report(&self.store)
    }

    /// Integrity check, schema version and counts (the WAL checkpointed first).
    pub fn backup_check(&self) -> Result<CheckReport> {
        logged_check(|| backup::check(&self.store))
    }

    /// 导出诊断信息: the logs, the database check and the versions in a zip the clerk saves
    /// where they chose (for the township's IT person). Holds no personal data.
    pub fn backup_diagnostics(&self, path: &str) -> Result<DiagnosticsFile> {
        let out = self.writable(path)?;
        diagnostics::write_zip(&out, self.store.path(), Ok(&self.store))
    }

    /// What a backup file holds, checked, without changing anything (before confirming).
    pub fn backup_inspect(&self, path: &str) -> Result<BackupSummary> {
        let src = self.readable(path)?;
        backup::inspect(&src, &self.backup_dir()?)
    }

    /// What one of the automatic backups holds, checked (before confirming its restore).
    pub fn backup_inspect_named(&self, name: &str) -> Result<BackupSummary> {
        let f = self.named_backup(name)?;
        backup::inspect(&PathBuf::from(f.path), &self.backup_dir()?)
    }

    fn named_backup(&self, name: &str) -> Result<BackupFile> {
        backup::list(&self.backup_dir()?)?
            .into_iter()
            .find(|f| f.name == name && f.kind != BackupKind::Damaged)
            .ok_or_else(|| Error::not_found(format!("备份文件夹里没有名为“{name}”的备份。")))
    }

    /// Replaces the data with the backup file the clerk chose (after checking it and
    /// keeping a safety copy), then reopens the database.
    pub fn backup_restore(&mut self, path: &str) -> Result<RestoreReport> {
        let src = self.readable(path)?;
        self.restore_from(&src)
    }

    /// Restores one of the automatic backups, chosen by name.
    pub fn backup_restore_named(&mut self, name: &str) -> Result<RestoreReport> {
        let found = self.named_backup(name)?;
        self.restore_from(&PathBuf::from(found.path))
    }

    fn restore_from(&mut self, src: &std::path::Path) -> Result<RestoreReport> {
        let started = Instant::now();
        let dir = self.backup_dir()?;
        let report = backup::restore(&mut self.store, src, &dir)?;
        // Read everything anew from the restored data (migrations, built-in templates).
        let path = self.store.path().to_path_buf();
        self.store = qiaomen_core::open(&path)?;
        self.search = Default::default();
        tracing::info!(
            from_schema = report.restored.schema_version,
            upgraded = report.upgraded,
            households = report.restored.households,
            ms = started.elapsed().as_millis() as u64,
            "restored"
        );
        Ok(report)
    }
}

/// The start-up work on `store`: the quick check, then the daily backup if it passed.
pub(crate) fn start_report(store: &Store) -> Result<StartReport> {
    let check = logged_check(|| backup::quick_check(store))?;
    let dir = backup::dir_for(store.path())?;
    let status = || backup::status(store, &dir).ok();
    if !check.ok {
        return Ok(StartReport {
            check,
            backup: None,
            backup_error: None,
            status: status(),
        });
    }
    let started = Instant::now();
    let r = backup::backup_on_start(store, &dir);
    log_auto("backup.daily", started, &r);
    let (backup, backup_error) = match r {
        Ok(r) => (Some(r), None),
        Err(e) => (None, Some(e)),
    };
    Ok(StartReport {
        check,
        backup,
        backup_error,
        status: status(),
    })
}

/// Runs a database check and logs its outcome and time.
fn logged_check(f: impl FnOnce() -> Result<CheckReport>) -> Result<CheckReport> {
    let started = Instant::now();
    let r = f()?;
    let ms = started.elapsed().as_millis() as u64;
    let problems = r.problems.len();
    let (ok, integrity_ok, schema) = (r.ok, r.integrity_ok, r.schema_version);
    if ok {
        tracing::info!(ok, integrity_ok, problems, schema, ms, "database check");
    } else {
        tracing::error!(ok, integrity_ok, problems, schema, ms, "database check");
    }
    Ok(r)
}

/// Logs an automatic backup: made (kind, size, time, old files removed), skipped, or failed.
fn log_auto(what: &str, started: Instant, r: &Result<AutoBackupResult>) {
    let ms = started.elapsed().as_millis() as u64;
    match r {
        Ok(AutoBackupResult {
            made: Some(f),
            removed,
            ..
        }) => {
            let (kb, removed) = (f.size / 1024, removed.len());
            tracing::info!(what, kind = ?f.kind, kb, removed, ms, "backup made");
        }
        Ok(r) => tracing::info!(what, removed = r.removed.len(), ms, "backup skipped"),
        Err(e) => log::log_error(what, e),
    }
}

crate::methods! {
    /// The automatic backups and when the last ones were made.
    "backup.status" => |api, _: ()| -> BackupStatus { api.backup_status() },
    /// Saves a backup to a file the clerk chose (e.g. on a USB stick).
    "backup.save" => |api, a: BackupPathArgs| -> BackupFile { api.backup_save(&a.path) },
    /// At start: the quick check, then the daily backup if none was made today. The desktop
    /// shell runs it on its own connection, beside the other calls (`Api::detached`).
    "backup.on_start" => |api, _: ()| -> StartReport { api.backup_on_start() },
    /// At exit: a backup into the rotation if anything changed.
    "backup.on_exit" => |api, _: ()| -> AutoBackupResult { api.backup_on_exit() },
    /// Checks the database (integrity, foreign keys, counts).
    "backup.check" => |api, _: ()| -> CheckReport { api.backup_check() },
    /// What a backup file holds, checked; nothing changes.
    "backup.inspect" => |api, a: BackupPathArgs| -> BackupSummary { api.backup_inspect(&a.path) },
    /// Replaces all data with a backup file (a safety copy is kept first).
    "backup.restore" => |api, a: BackupPathArgs| -> RestoreReport { api.backup_restore(&a.path) },
    /// What an automatic backup holds, by name.
    "backup.inspect_named" => |api, a: BackupNameArgs| -> BackupSummary { api.backup_inspect_named(&a.name) },
    /// Restores an automatic backup, by name.
    "backup.restore_named" => |api, a: BackupNameArgs| -> RestoreReport { api.backup_restore_named(&a.name) },
    /// 导出诊断信息: a zip of the logs, the database check and the versions, without personal data.
    "backup.diagnostics" => |api, a: BackupPathArgs| -> DiagnosticsFile { api.backup_diagnostics(&a.path) },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{no_progress, AnyFile, FileAccess};
    use serde_json::{json, Value};

    /// Like the desktop shell: only paths in `allowed` may be used.
    struct Granted(Vec<String>);
    impl FileAccess for Granted {
        fn readable(&self, path: &str) -> Result<PathBuf> {
            self.check(path)
        }
        fn writable(&self, path: &str) -> Result<PathBuf> {
            self.check(path)
        }
    }
    impl Granted {
        fn check(&self, path: &str) -> Result<PathBuf> {
            if self.0.iter().any(|p| p == path) {
                Ok(PathBuf::from(path))
            } else {
                Err(Error::new(
                    crate::ErrorCode::Forbidden,
                    "请通过“选择文件”对话框选择文件。",
                ))
            }
        }
    }

    fn call(api: &mut Api, m: &str, a: Value) -> Result<Value> {
        api.dispatch(m, a, &no_progress)
    }

    #[test]
    fn start_save_restore_through_dispatch() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("qiaomen.sqlite3");
        let mut api = Api::open(&db, Box::new(AnyFile)).unwrap();
        call(
            &mut api,
            "households.add",
            json!({"name": "张三", "address": "1号"}),
        )
        .unwrap();

        let start = call(&mut api, "backup.on_start", Value::Null).unwrap();
        assert_eq!(start["check"]["ok"], true, "{start}");
        assert_eq!(start["backup"]["made"]["kind"], "daily", "{start}");
        assert_eq!(start["status"]["changed_since_last"], false);
        let exit = call(&mut api, "backup.on_exit", Value::Null).unwrap();
        assert!(exit["made"].is_null());

        let usb = tmp.path().join("usb.sqlite3");
        let usb_s = usb.display().to_string();
        let f = call(&mut api, "backup.save", json!({"path": usb_s})).unwrap();
        assert_eq!(f["kind"], "manual");

        call(&mut api, "households.add", json!({"name": "李四"})).unwrap();
        let st = call(&mut api, "backup.status", Value::Null).unwrap();
        assert_eq!(st["changed_since_last"], true);
        assert_eq!(st["last_manual"]["path"], usb_s.as_str());

        let summary = call(&mut api, "backup.inspect", json!({"path": usb_s})).unwrap();
        assert_eq!(summary["households"], 1);
        let r = call(&mut api, "backup.restore", json!({"path": usb_s})).unwrap();
        assert_eq!(r["safety_copy"]["kind"], "before_restore");
        assert_eq!(api.app_info().unwrap().households, 1);

        // Back to the state before the restore, from the safety copy, by name.
        let name = r["safety_copy"]["name"].as_str().unwrap().to_string();
        let s = call(&mut api, "backup.inspect_named", json!({"name": name})).unwrap();
        assert_eq!(s["households"], 2);
        assert_eq!(r["safety_copy"]["kind_label"], "恢复前的安全副本");
        call(&mut api, "backup.restore_named", json!({"name": name})).unwrap();
        assert_eq!(api.app_info().unwrap().households, 2);
        let e = call(
            &mut api,
            "backup.restore_named",
            json!({"name": "../qiaomen.sqlite3"}),
        )
        .unwrap_err();
        assert_eq!(e.code, crate::ErrorCode::NotFound);

        let c = call(&mut api, "backup.check", Value::Null).unwrap();
        assert_eq!(c["ok"], true);
        assert!(c["counts"].as_array().unwrap().len() > 5);
    }

    #[test]
    fn start_check_runs_detached_while_the_api_goes_on() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("qiaomen.sqlite3");
        let mut api = Api::open(&db, Box::new(AnyFile)).unwrap();
        call(&mut api, "households.add", json!({"name": "张三"})).unwrap();
        assert!(api.detached("households.list").is_none());
        assert!(Api::open_in_memory()
            .unwrap()
            .detached("backup.on_start")
            .is_none());
        let job = api.detached("backup.on_start").unwrap();
        // The job owns its own connection: it runs on another thread while this API
        // keeps answering (in the shell, without the lock).
        let handle = std::thread::spawn(job);
        call(&mut api, "households.list", json!({})).unwrap();
        let start = handle.join().unwrap().unwrap();
        assert_eq!(start["check"]["ok"], true, "{start}");
        assert_eq!(start["backup"]["made"]["kind"], "daily", "{start}");
        // A second start the same day makes no second backup.
        let again = api.detached("backup.on_start").unwrap()().unwrap();
        assert!(again["backup"]["made"].is_null(), "{again}");
    }

    #[test]
    fn ungranted_paths_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("qiaomen.sqlite3");
        let ok = tmp.path().join("chosen.sqlite3").display().to_string();
        let mut api = Api::open(&db, Box::new(Granted(vec![ok.clone()]))).unwrap();
        let other = tmp.path().join("other.sqlite3").display().to_string();
        let e = call(&mut api, "backup.save", json!({"path": other})).unwrap_err();
        assert_eq!(e.code, crate::ErrorCode::Forbidden);
        assert!(!PathBuf::from(&other).exists());
        let e = call(&mut api, "backup.restore", json!({"path": other})).unwrap_err();
        assert_eq!(e.code, crate::ErrorCode::Forbidden);
        call(&mut api, "backup.save", json!({"path": ok})).unwrap();
    }

    #[test]
    fn a_refused_restore_leaves_the_api_usable() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("qiaomen.sqlite3");
        let mut api = Api::open(&db, Box::new(AnyFile)).unwrap();
        call(&mut api, "households.add", json!({"name": "王五"})).unwrap();
        let junk = tmp.path().join("junk.sqlite3");
        std::fs::write(&junk, "不是数据库".repeat(500)).unwrap();
        let e = call(
            &mut api,
            "backup.restore",
            json!({"path": junk.display().to_string()}),
        )
        .unwrap_err();
        assert!(e.message.contains("没有做任何改动"), "{}", e.message);
        assert_eq!(api.app_info().unwrap().households, 1);
        call(&mut api, "households.add", json!({"name": "赵六"})).unwrap();
    }
}
