//! Paths the UI may use: only those the clerk picked in a dialog opened by the Rust side.
//! The UI cannot name an arbitrary path; an API call with any other path is refused.

use qiaomen_api::{Error, ErrorCode, FileAccess, Result};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

#[derive(Debug, Default)]
struct Sets {
    read: HashSet<PathBuf>,
    write: HashSet<PathBuf>,
}

/// Shared between the dialog commands (which grant) and the API (which checks).
#[derive(Debug, Default, Clone)]
pub struct Grants(Arc<Mutex<Sets>>);

impl Grants {
    pub fn grant_read(&self, p: PathBuf) {
        if let Ok(mut s) = self.0.lock() {
            s.read.insert(p);
        }
    }
    pub fn grant_write(&self, p: PathBuf) {
        if let Ok(mut s) = self.0.lock() {
            // A file we were allowed to write may be opened in the viewer afterwards.
            s.read.insert(p.clone());
            s.write.insert(p);
        }
    }
    pub fn can_read(&self, p: &PathBuf) -> bool {
        self.0.lock().map(|s| s.read.contains(p)).unwrap_or(false)
    }
    fn check(&self, path: &str, write: bool) -> Result<PathBuf> {
        let p = PathBuf::from(path);
        let ok = self
            .0
            .lock()
            .map(|s| {
                if write {
                    s.write.contains(&p)
                } else {
                    s.read.contains(&p)
                }
            })
            .unwrap_or(false);
        if ok {
            Ok(p)
        } else {
            Err(Error::new(
                ErrorCode::Forbidden,
                "只能使用在对话框中选定的文件，请重新选择文件。",
            ))
        }
    }
}

impl FileAccess for Grants {
    fn readable(&self, path: &str) -> Result<PathBuf> {
        self.check(path, false)
    }
    fn writable(&self, path: &str) -> Result<PathBuf> {
        self.check(path, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_granted_paths_pass() {
        let g = Grants::default();
        assert_eq!(
            g.readable("/etc/passwd").unwrap_err().code,
            ErrorCode::Forbidden
        );
        g.grant_read(PathBuf::from("/tmp/a.xlsx"));
        assert!(g.readable("/tmp/a.xlsx").is_ok());
        assert!(g.writable("/tmp/a.xlsx").is_err());
        g.grant_write(PathBuf::from("/tmp/b.pdf"));
        assert!(g.writable("/tmp/b.pdf").is_ok());
        assert!(g.readable("/tmp/b.pdf").is_ok());
    }
}
