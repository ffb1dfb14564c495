//! Which file paths a front end may read or write. The CLI may use any path the user typed;
//! the desktop shell only paths the clerk picked in a file dialog (see src-tauri).

use crate::{Error, ErrorCode, Result};
use std::path::PathBuf;

pub trait FileAccess {
    fn readable(&self, path: &str) -> Result<PathBuf>;
    fn writable(&self, path: &str) -> Result<PathBuf>;
}

/// Any path (the command line, tests).
#[derive(Debug, Clone, Copy, Default)]
pub struct AnyFile;

impl FileAccess for AnyFile {
    fn readable(&self, path: &str) -> Result<PathBuf> {
        non_empty(path)
    }
    fn writable(&self, path: &str) -> Result<PathBuf> {
        non_empty(path)
    }
}

fn non_empty(path: &str) -> Result<PathBuf> {
    if path.trim().is_empty() {
        return Err(Error::new(ErrorCode::Invalid, "没有指定文件。"));
    }
    Ok(PathBuf::from(path))
}
