//! Tests of backup, restore and check on real database files.

use super::check::count;
use super::files::{open_read_only, parse_name_seq};
use super::*;
use crate::db::{Store, APP_MARKER, SCHEMA_VERSION};
use crate::error::ErrorCode;
use crate::households::HouseholdInput;
use rusqlite::Connection;

fn store_with(dir: &Path, n: usize) -> Store {
    let mut s = crate::open(&dir.join("db.sqlite3")).unwrap();
    add_households(&mut s, n, "张");
    s
}

fn add_households(s: &mut Store, n: usize, surname: &str) {
    let tx = s.conn_mut().transaction().unwrap();
    for i in 0..n {
        crate::households::add(
            &tx,
            &HouseholdInput {
                name: format!("{surname}{i}"),
                address: format!("{i}号"),
                ..Default::default()
            },
        )
        .unwrap();
    }
    tx.commit().unwrap();
}

fn households(s: &Store) -> i64 {
    count(s.conn(), "households").unwrap()
}

#[test]
fn names_round_trip_and_foreign_names_are_ignored() {
    let (t, k, n) = parse_name_seq("qiaomen-20241223-180512-daily.sqlite3").unwrap();
    assert_eq!(t.to_string(), "2024-12-23 18:05:12");
    assert_eq!((k, n), (BackupKind::Daily, 1));
    let (_, k, n) = parse_name_seq("qiaomen-20241223-180512-before-restore-3.sqlite3").unwrap();
    assert_eq!((k, n), (BackupKind::BeforeRestore, 3));
    for bad in [
        "qiaomen.sqlite3",
        "qiaomen-2024-daily.sqlite3",
        "qiaomen-20241223-180512-weekly.sqlite3",
        "qiaomen-20241223-180512-daily.sqlite3.part",
        "qiaomen-20241223-1805１２-daily.sqlite3",
        "notes.txt",
    ] {
        assert!(parse_name_seq(bad).is_none(), "{bad}");
    }
}

#[test]
fn manual_backup_is_a_private_single_file_with_all_data() {
    let tmp = tempfile::tempdir().unwrap();
    let s = store_with(tmp.path(), 30);
    let out = tmp.path().join("u盘").join("备份.sqlite3");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let f = backup_to(&s, &out).unwrap();
    assert_eq!(f.kind, BackupKind::Manual);
    assert!(f.size > 0);
    assert!(!PathBuf::from(format!("{}-wal", out.display())).exists());
    let c = open_read_only(&out).unwrap();
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    assert_eq!(count(&c, "households").unwrap(), 30);
    db::check_is_ours(&c).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
    // No leftovers next to it.
    let names: Vec<_> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    let st = status(&s, &tmp.path().join("backups")).unwrap();
    assert_eq!(st.last_manual.unwrap().path, out.display().to_string());
    // No automatic backup yet, but the manual one holds the data as it is.
    assert!(st.last.is_none() && !st.changed_since_last);
}

#[test]
fn backup_refuses_the_live_database_and_missing_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let s = store_with(tmp.path(), 1);
    let e = backup_to(&s, s.path()).unwrap_err();
    assert_eq!(e.code, ErrorCode::Invalid);
    let e = backup_to(&s, &tmp.path().join("没有的文件夹/备份.sqlite3")).unwrap_err();
    assert!(e.message.contains("不存在"), "{}", e.message);
    let e = backup_to(&s, tmp.path()).unwrap_err();
    assert!(e.message.contains("文件夹"), "{}", e.message);
    assert_eq!(households(&s), 1);
}

#[test]
fn auto_backups_are_pruned_by_size_keeping_the_newest() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("backups");
    let mut s = store_with(tmp.path(), 300);
    let manual = tmp.path().join("usb.sqlite3");
    backup_to(&s, &manual).unwrap();
    for i in 0..6 {
        add_households(&mut s, 1, &format!("李{i}"));
        backup_into(&s, &dir, BackupKind::Daily).unwrap();
    }
    let before = list(&dir).unwrap();
    assert_eq!(before.len(), 6);
    let size = before[0].size;
    // Room for four: the two oldest go, the newest stay.
    let removed = rotate_within(&dir, 14, size * 4 + size / 2).unwrap();
    assert_eq!(
        removed,
        vec![before[4].name.clone(), before[5].name.clone()]
    );
    let after = list(&dir).unwrap();
    assert_eq!(
        after.iter().map(|f| &f.name).collect::<Vec<_>>(),
        before[..4].iter().map(|f| &f.name).collect::<Vec<_>>()
    );
    // A budget smaller than one backup still keeps the newest MIN_KEPT.
    rotate_within(&dir, 14, 1).unwrap();
    assert_eq!(list(&dir).unwrap().len(), MIN_KEPT);
    assert!(manual.exists(), "a manual backup is never pruned");
}

#[test]
fn auto_backups_skip_unchanged_data_and_rotate() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("backups");
    let mut s = store_with(tmp.path(), 3);
    let mut set = crate::settings::load(s.conn()).unwrap();
    set.unit_name = "测试村".into();
    set.backup_keep = 3;
    crate::settings::save(s.conn(), &set).unwrap();

    let r = backup_on_start(&s, &dir).unwrap();
    assert!(r.made.is_some());
    let r = backup_on_start(&s, &dir).unwrap();
    assert!(r.made.is_none());
    assert!(r.skipped.unwrap().contains("今天已经备份过"));
    let r = backup_on_exit(&s, &dir).unwrap();
    assert!(r.made.is_none(), "unchanged data is not backed up again");
    assert!(r.skipped.unwrap().contains("没有改动"));
    assert!(!status(&s, &dir).unwrap().changed_since_last);

    // A foreign file in the folder is never touched by the rotation.
    std::fs::write(dir.join("说明.txt"), "别删我").unwrap();
    for i in 0..5 {
        add_households(&mut s, 1, &format!("李{i}"));
        assert!(status(&s, &dir).unwrap().changed_since_last);
        let r = backup_on_exit(&s, &dir).unwrap();
        assert!(r.made.is_some());
    }
    let l = list(&dir).unwrap();
    assert_eq!(l.len(), 3, "{l:?}");
    assert!(dir.join("说明.txt").exists());
    // The newest one holds the newest data.
    let c = open_read_only(Path::new(&l[0].path)).unwrap();
    assert_eq!(count(&c, "households").unwrap(), 8);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for f in &l {
            let mode = std::fs::metadata(&f.path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "{mode:o}");
        }
    }
}

#[test]
fn restore_replaces_data_and_keeps_a_safety_copy() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("backups");
    let mut s = store_with(tmp.path(), 10);
    let out = tmp.path().join("b.sqlite3");
    backup_to(&s, &out).unwrap();
    add_households(&mut s, 5, "王");
    assert_eq!(households(&s), 15);

    let summary = inspect(&out, &dir).unwrap();
    assert_eq!(summary.households, 10);
    let r = restore(&mut s, &out, &dir).unwrap();
    assert_eq!(households(&s), 10);
    assert!(!r.upgraded);
    // The record of this PC's last manual backup survives the restore.
    let st = status(&s, &dir).unwrap();
    assert_eq!(st.last_manual.unwrap().path, out.display().to_string());
    assert_eq!(r.safety_copy.kind, BackupKind::BeforeRestore);
    let c = open_read_only(Path::new(&r.safety_copy.path)).unwrap();
    assert_eq!(count(&c, "households").unwrap(), 15);
    // The store keeps working, and a reopen sees the restored data.
    add_households(&mut s, 1, "赵");
    let path = s.path().to_path_buf();
    drop(s);
    let s = crate::open(&path).unwrap();
    assert_eq!(households(&s), 11);
    assert!(check(&s).unwrap().ok);
    // No staging files are left behind.
    let stray: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
    // The clerk's file was not changed.
    let c = open_read_only(&out).unwrap();
    assert_eq!(count(&c, "households").unwrap(), 10);
}

fn assert_refused_unchanged(s: &mut Store, dir: &Path, bad: &Path, want: &str) {
    let before = households(s);
    let files_before = list(dir).unwrap().len();
    let e = restore(s, bad, dir).unwrap_err();
    assert!(e.message.contains(want), "{}", e.message);
    assert!(e.message.contains("没有做任何改动"), "{}", e.message);
    assert_eq!(households(s), before);
    assert_eq!(
        list(dir).unwrap().len(),
        files_before,
        "no safety copy for a refused file"
    );
    assert!(check(s).unwrap().ok);
}

#[test]
fn foreign_empty_newer_and_corrupt_files_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("backups");
    let mut s = store_with(tmp.path(), 4);

    let text = tmp.path().join("名单.xlsx");
    std::fs::write(&text, "PK\u{3}\u{4} 这不是数据库").unwrap();
    assert_refused_unchanged(&mut s, &dir, &text, "不是敲门行动软件的备份文件");

    let empty = tmp.path().join("empty.sqlite3");
    std::fs::write(&empty, "").unwrap();
    assert_refused_unchanged(&mut s, &dir, &empty, "不是敲门行动软件的备份文件");

    let blank = tmp.path().join("blank.sqlite3");
    Connection::open(&blank)
        .unwrap()
        .execute_batch("PRAGMA user_version = 0; VACUUM;")
        .unwrap();
    assert_refused_unchanged(&mut s, &dir, &blank, "空数据库");

    let foreign = tmp.path().join("foreign.db");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    assert_refused_unchanged(&mut s, &dir, &foreign, "其他软件的数据库");

    let newer = tmp.path().join("newer.sqlite3");
    backup_to(&s, &newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let e = restore(&mut s, &newer, &dir).unwrap_err();
    assert_eq!(e.code, ErrorCode::DbTooNew);
    assert!(e.message.contains("没有做任何改动"));

    let corrupt = tmp.path().join("corrupt.sqlite3");
    add_households(&mut s, 300, "孙");
    backup_to(&s, &corrupt).unwrap();
    corrupt_middle(&corrupt);
    assert_refused_unchanged(&mut s, &dir, &corrupt, "已损坏");

    let missing = tmp.path().join("没有这个文件.sqlite3");
    let e = restore(&mut s, &missing, &dir).unwrap_err();
    assert!(e.message.contains("不存在"), "{}", e.message);
    let e = restore(&mut s, tmp.path(), &dir).unwrap_err();
    assert!(e.message.contains("不是一个文件"), "{}", e.message);
}

/// Overwrites a few pages in the middle of a database file with garbage.
pub(crate) fn corrupt_middle(p: &Path) {
    let mut bytes = std::fs::read(p).unwrap();
    let page = 4096;
    let pages = bytes.len() / page;
    assert!(pages > 6, "file too small to corrupt: {pages} pages");
    for pg in [pages / 2, pages / 2 + 1, pages - 2] {
        for b in &mut bytes[pg * page..pg * page + page] {
            *b = 0xA5;
        }
    }
    std::fs::write(p, bytes).unwrap();
}

#[test]
fn check_reports_the_size_of_the_data_not_of_a_main_file_waiting_for_its_wal() {
    let tmp = tempfile::tempdir().unwrap();
    let s = store_with(tmp.path(), 2000);
    let q = quick_check(&s).unwrap();
    assert!(q.ok, "{q:?}");
    let r = check(&s).unwrap();
    let main = std::fs::metadata(s.path()).unwrap().len();
    // 2,000 households are well over 100 KB; before the checkpoint the main file was a
    // few pages and the data sat in the WAL.
    assert!(r.db_size > 100_000, "{}", r.db_size);
    assert_eq!(
        r.db_size, main,
        "checkpointed: everything is in the main file"
    );
}

#[test]
fn check_reports_counts_and_damage_with_advice() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("backups");
    let s = store_with(tmp.path(), 400);
    let r = check(&s).unwrap();
    assert!(r.ok && r.integrity_ok, "{r:?}");
    assert_eq!(r.schema_version, SCHEMA_VERSION);
    let hh = r.counts.iter().find(|c| c.table == "households").unwrap();
    assert_eq!(hh.rows, 400);
    backup_into(&s, &dir, BackupKind::Daily).unwrap();
    let path = s.path().to_path_buf();
    drop(s);
    corrupt_middle(&path);
    // A damaged file may still open; the check must say so and point at the backup.
    match crate::open(&path) {
        Ok(s) => {
            let r = check(&s).unwrap();
            assert!(!r.ok && !r.integrity_ok, "{r:?}");
            assert!(r.advice.contains("恢复"), "{}", r.advice);
            assert!(r.advice.contains("qiaomen-"), "{}", r.advice);
            // The start-up check (quick_check) sees it too: the app's banner still shows.
            let q = quick_check(&s).unwrap();
            assert!(!q.ok && !q.integrity_ok, "{q:?}");
            assert!(q.advice.contains("恢复"), "{}", q.advice);
        }
        Err(e) => assert_eq!(e.code, ErrorCode::DbInvalid),
    }
}

#[test]
fn offline_restore_moves_the_damaged_database_aside() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("backups");
    let s = store_with(tmp.path(), 300);
    let good = backup_into(&s, &dir, BackupKind::Daily).unwrap();
    let path = s.path().to_path_buf();
    drop(s);
    let damaged_bytes = {
        corrupt_middle(&path);
        std::fs::read(&path).unwrap()
    };
    let r = restore_offline(&path, Path::new(&good.path), &dir).unwrap();
    assert_eq!(r.safety_copy.kind, BackupKind::Damaged);
    assert_eq!(std::fs::read(&r.safety_copy.path).unwrap(), damaged_bytes);
    let s = crate::open(&path).unwrap();
    assert_eq!(households(&s), 300);
    assert!(check(&s).unwrap().ok);
    // A damaged copy is never rotated away and never offered as the newest backup.
    let st = status(&s, &dir).unwrap();
    assert_eq!(st.last.unwrap().kind, BackupKind::Daily);
}

#[test]
fn older_schema_is_upgraded_on_restore() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("backups");
    let mut s = store_with(tmp.path(), 2);
    // A version-1 database: only the first migration, as an older qiaomen wrote it.
    let old = tmp.path().join("old.sqlite3");
    {
        let c = Connection::open(&old).unwrap();
        c.execute_batch(db::MIGRATIONS[0].1).unwrap();
        c.execute(
            "INSERT INTO app_meta (key, value) VALUES ('application', ?1)",
            [APP_MARKER],
        )
        .unwrap();
        c.pragma_update(None, "user_version", 1).unwrap();
    }
    let r = restore(&mut s, &old, &dir).unwrap();
    assert_eq!(r.restored.schema_version, 1);
    assert_eq!(r.upgraded, SCHEMA_VERSION > 1);
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(households(&s), 0);
    assert!(check(&s).unwrap().ok);
}

#[test]
fn restore_with_another_page_size() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("backups");
    let mut s = store_with(tmp.path(), 20);
    let out = tmp.path().join("p.sqlite3");
    backup_to(&s, &out).unwrap();
    Connection::open(&out)
        .unwrap()
        .execute_batch("PRAGMA page_size = 8192; VACUUM;")
        .unwrap();
    add_households(&mut s, 3, "周");
    restore(&mut s, &out, &dir).unwrap();
    assert_eq!(households(&s), 20);
    assert!(check(&s).unwrap().ok);
}

#[test]
fn a_manual_backup_counts_as_the_newest_for_changed_since_last() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("backups");
    let mut s = store_with(tmp.path(), 2);
    backup_on_start(&s, &dir).unwrap();
    add_households(&mut s, 1, "王五");
    assert!(status(&s, &dir).unwrap().changed_since_last);
    // 立即备份 to a USB stick: nothing changed since, though the folder's newest is older.
    backup_to(&s, &tmp.path().join("U盘备份.sqlite3")).unwrap();
    let st = status(&s, &dir).unwrap();
    assert!(st.last_manual.is_some());
    assert!(!st.changed_since_last);
    add_households(&mut s, 1, "赵六");
    assert!(status(&s, &dir).unwrap().changed_since_last);
}
