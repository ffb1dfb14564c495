//! Making one backup: to a file the clerk chose (a USB stick) or into the backup folder,
//! with SQLite's online backup API, checked and flushed before it is renamed into place.

use super::check::integrity_problems;
use super::files::{
    backup_file, ensure_dir, new_name, parent_of, part_path, same_file, sync_dir, sync_file,
};
use super::{now_local, BackupFile, BackupKind, META_LAST_MANUAL};
use crate::db::{self, Store};
use crate::error::{Context, Error, ErrorCode, Result};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// Copies the open database into a new file at `tmp` with the online backup API, switches
/// the copy to a single-file journal mode, checks it and flushes it to disk.
pub(super) fn copy_db(src: &Connection, tmp: &Path) -> Result<()> {
    let _ = std::fs::remove_file(tmp);
    db::create_private_file(tmp)?;
    let mut dst = Connection::open_with_flags(
        tmp,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .context(|| Error::io(format!("无法创建备份文件“{}”。", tmp.display())))?;
    run_backup(src, &mut dst)?;
    // The copy carries the live database's WAL flag; a backup must be one self-contained file.
    let mode: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(Error::io("无法把备份文件设为单文件格式，备份没有完成。"));
    }
    let problems = integrity_problems(&dst)?;
    if !problems.is_empty() {
        return Err(Error::new(
            ErrorCode::DbInvalid,
            format!(
                "备份出的副本没有通过完整性检查（{}），说明当前数据库可能已损坏。请运行“数据检查”，必要时从更早的备份恢复。",
                problems.join("；")
            ),
        ));
    }
    drop(dst);
    sync_file(tmp)?;
    Ok(())
}

/// Runs a whole backup in one step (one read transaction on the source, one write
/// transaction on the destination), retrying while another program holds a lock.
pub(super) fn run_backup(src: &Connection, dst: &mut Connection) -> Result<()> {
    let b = Backup::new(src, dst)?;
    let mut tries = 0;
    loop {
        match b.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => {
                tries += 1;
                if tries > 200 {
                    return Err(Error::conflict(
                        "数据库正被另一个程序使用，备份或恢复没有完成。请关闭其他敲门行动窗口后再试。",
                    ));
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            _ => {}
        }
    }
}

/// Refuses a path that is the live database or one of its side files.
pub(super) fn refuse_live_files(store: &Store, p: &Path, what: &str) -> Result<()> {
    let live = store.path();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let side = PathBuf::from(format!("{}{suffix}", live.display()));
        if same_file(p, &side) {
            return Err(Error::invalid(format!(
                "{what}不能是正在使用的数据库文件本身（“{}”），请另选一个文件。",
                p.display()
            )));
        }
    }
    Ok(())
}

pub(super) fn not_in_memory(store: &Store) -> Result<()> {
    if store.path() == Path::new(":memory:") {
        return Err(Error::invalid("内存中的临时数据库不能备份或恢复。"));
    }
    Ok(())
}

/// Backs the open database up to a file the clerk chose (replacing it if it exists) and
/// remembers it as the last manual backup.
pub fn backup_to(store: &Store, dest: &Path) -> Result<BackupFile> {
    refuse_live_files(store, dest, "备份文件")?;
    if dest.is_dir() {
        return Err(Error::invalid(format!(
            "“{}”是一个文件夹，请给备份文件起一个文件名。",
            dest.display()
        )));
    }
    let parent = parent_of(dest);
    if !parent.is_dir() {
        return Err(Error::io(format!(
            "保存备份的文件夹“{}”不存在（U盘是否已拔出？）。",
            parent.display()
        )));
    }
    let tmp = part_path(dest);
    let result = copy_db(store.conn(), &tmp).and_then(|()| {
        crate::files::rename(&tmp, dest).map_err(|e| Error::file(dest, &e))?;
        sync_dir(&parent);
        Ok(())
    });
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    let now = now_local();
    let f = backup_file(dest, BackupKind::Manual, &now);
    let json =
        serde_json::to_string(&f).context(|| Error::internal("程序内部错误：备份记录出错。"))?;
    store.conn().execute(
        "INSERT INTO app_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [META_LAST_MANUAL, json.as_str()],
    )?;
    Ok(f)
}

/// Makes a backup of `kind` in `dir` now (no rotation, no change check).
pub fn backup_into(store: &Store, dir: &Path, kind: BackupKind) -> Result<BackupFile> {
    not_in_memory(store)?;
    ensure_dir(dir)?;
    let now = now_local();
    let dest = new_name(dir, &now, kind)?;
    let tmp = part_path(&dest);
    let result = copy_db(store.conn(), &tmp).and_then(|()| {
        crate::files::rename(&tmp, &dest).map_err(|e| Error::file(&dest, &e))?;
        sync_dir(dir);
        Ok(())
    });
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(backup_file(&dest, kind, &now))
}
