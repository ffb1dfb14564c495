//! Writing the files a clerk asked for (PDFs, workbooks, CSV) so that a failure never
//! leaves half a file under the clerk's name, with messages that say what to do.

use crate::error::{Error, Result};
use std::path::Path;

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename. A
/// missing folder and a file held open by Excel or WPS get their own messages.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(Error::io(format!(
            "保存位置“{}”不存在，请另选文件夹。",
            dir.display()
        )));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "qiaomen".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| Error::file(path, &e))?;
    if let Err(e) = rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(held_open(path, &e));
    }
    Ok(())
}

/// Renames a file. On Windows a rename fails while another program briefly holds either
/// file (antivirus scanning a new file, Explorer's preview): it is tried again for about a
/// second before giving up. Elsewhere it is tried once.
pub(crate) fn rename(from: &Path, to: &Path) -> std::io::Result<()> {
    let attempts = if cfg!(windows) { 10 } else { 1 };
    let mut last = None;
    for i in 0..attempts {
        match std::fs::rename(from, to) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied && i + 1 < attempts => {
                last = Some(e);
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("rename")))
}

/// A write refused because another program holds the file (Windows keeps files open in
/// Excel locked), else the plain file error.
fn held_open(path: &Path, e: &std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::PermissionDenied {
        Error::io(format!(
            "无法写入“{}”：文件可能正在 Excel、WPS 或 PDF 阅读器中打开，请关闭后再保存。",
            path.display()
        ))
    } else {
        Error::file(path, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_files_and_names_a_missing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("表.xlsx");
        write_atomic(&p, b"abc").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"abc");
        write_atomic(&p, b"de").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"de");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
        let e = write_atomic(&dir.path().join("没有/表.xlsx"), b"x").unwrap_err();
        assert!(e.message.contains("不存在"), "{}", e.message);
    }
}
