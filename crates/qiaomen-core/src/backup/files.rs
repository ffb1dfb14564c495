//! Backup file names, the listing of the backup folder, and file operations that are safe
//! on power loss (temporary sibling + rename, private permissions, flushed folders).

use super::{file_size, fmt_cn, BackupFile, BackupKind, EXT, PREFIX};
use crate::db;
use crate::error::{Error, Result};
use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Parses `qiaomen-YYYYMMDD-HHMMSS-<kind>[-N].sqlite3`, with the counter N (1 when absent)
/// that orders backups made within the same second.
pub(super) fn parse_name_seq(name: &str) -> Option<(NaiveDateTime, BackupKind, u32)> {
    let stem = name.strip_prefix(PREFIX)?.strip_suffix(EXT)?;
    if stem.len() < 17 || !stem.is_char_boundary(15) || !stem.is_char_boundary(16) {
        return None;
    }
    let t = NaiveDateTime::parse_from_str(&stem[..15], "%Y%m%d-%H%M%S").ok()?;
    let rest = stem[15..].strip_prefix('-')?;
    // An optional "-N" counter follows the kind when two backups fell in one second.
    let (kind, seq) = match rest.rsplit_once('-') {
        Some((k, n)) if n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty() => {
            (BackupKind::from_slug(k)?, n.parse().ok()?)
        }
        _ => (BackupKind::from_slug(rest)?, 1),
    };
    Some((t, kind, seq))
}

pub(super) fn backup_file(path: &Path, kind: BackupKind, t: &NaiveDateTime) -> BackupFile {
    BackupFile {
        path: path.display().to_string(),
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        kind,
        kind_label: kind.label().to_string(),
        created_at: t.format("%Y-%m-%dT%H:%M:%S").to_string(),
        created_cn: fmt_cn(t),
        size: file_size(path),
    }
}

/// Every backup file in `dir`, newest first. A missing folder has none; files that do not
/// follow the naming scheme are ignored (and never touched).
pub fn list(dir: &Path) -> Result<Vec<BackupFile>> {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::file(dir, &e)),
    };
    let mut out: Vec<(NaiveDateTime, u32, BackupFile)> = Vec::new();
    for entry in rd.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some((t, kind, seq)) = parse_name_seq(&name) {
            if entry.file_type().map(|f| f.is_file()).unwrap_or(false) {
                out.push((t, seq, backup_file(&entry.path(), kind, &t)));
            }
        }
    }
    out.sort_by_key(|b| std::cmp::Reverse((b.0, b.1)));
    Ok(out.into_iter().map(|(_, _, f)| f).collect())
}

pub(super) fn sync_file(p: &Path) -> Result<()> {
    std::fs::File::open(p)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::file(p, &e))
}

#[cfg(unix)]
pub(super) fn sync_dir(dir: &Path) {
    // Best effort: makes the rename durable on power loss.
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

#[cfg(not(unix))]
pub(super) fn sync_dir(_dir: &Path) {}

pub(super) fn parent_of(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A temporary sibling of `dest` in the same folder (so the final rename is atomic).
pub(super) fn part_path(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "backup".into());
    parent_of(dest).join(format!(".{name}.part-{}", std::process::id()))
}

pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

pub(super) fn ensure_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::file(dir, &e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Our own folder holds personal data: owner only.
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    Ok(())
}

/// A free name for a backup made at `t`: backups within the same second get increasing
/// counters (whatever their kind), so the newest is always the one with the highest.
pub(super) fn new_name(dir: &Path, t: &NaiveDateTime, kind: BackupKind) -> Result<PathBuf> {
    let same_second = list(dir)?
        .iter()
        .filter_map(|f| parse_name_seq(&f.name))
        .filter(|(ft, _, _)| ft == t)
        .map(|(_, _, seq)| seq)
        .max();
    let stamp = t.format("%Y%m%d-%H%M%S");
    let slug = kind.slug();
    Ok(match same_second {
        None => dir.join(format!("{PREFIX}{stamp}-{slug}{EXT}")),
        Some(n) => dir.join(format!("{PREFIX}{stamp}-{slug}-{}{EXT}", n + 1)),
    })
}

pub(super) fn open_read_only(p: &Path) -> rusqlite::Result<Connection> {
    Connection::open_with_flags(
        p,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

pub(super) fn copy_private(src: &Path, dst: &Path) -> Result<()> {
    let _ = std::fs::remove_file(dst);
    db::create_private_file(dst)?;
    let mut r = std::fs::File::open(src).map_err(|e| Error::file(src, &e))?;
    let mut w = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(dst)
        .map_err(|e| Error::file(dst, &e))?;
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = r.read(&mut buf).map_err(|e| Error::file(src, &e))?;
        if n == 0 {
            break;
        }
        w.write_all(&buf[..n]).map_err(|e| Error::file(dst, &e))?;
    }
    w.sync_all().map_err(|e| Error::file(dst, &e))?;
    Ok(())
}

pub(super) fn move_file(from: &Path, to: &Path) -> Result<()> {
    if crate::files::rename(from, to).is_ok() {
        return Ok(());
    }
    // Another file system: copy, then remove.
    copy_private(from, to)?;
    std::fs::remove_file(from).map_err(|e| Error::file(from, &e))
}
