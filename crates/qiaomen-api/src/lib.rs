//! qiaomen-api: the one API layer over qiaomen-core. The Tauri shell and the `qiaomen` CLI
//! are thin adapters over it and never a second implementation.
//!
//! Every operation is a typed method on [`Api`]; the desktop shell reaches the same methods
//! through [`Api::dispatch`] with a method name and JSON arguments. Errors cross as
//! `{code, message}` ([`Error`]) with a Chinese message for the clerk.
//!
//! Each area of the product lives in its own module with an `impl Api` block and a
//! [`methods!`] table naming each method's argument and result types; [`rpc`] dispatches
//! by name and generates the TypeScript map that types the UI's calls.

use qiaomen_core::Store;
pub use qiaomen_core::{Context, Error, ErrorCode, Result};
use serde::Serialize;
use serde_json::Value;
use std::path::{Path, PathBuf};

mod backup;
pub mod bindings;
pub mod desk;
pub mod diagnostics;
pub mod entry;
pub mod escalation;
pub mod files;
pub mod import;
pub mod log;
pub mod print;
mod register;
pub mod report;
pub mod rpc;
pub mod templates;
pub mod township;
pub mod verify;

pub use files::{AnyFile, FileAccess};
pub use qiaomen_core::WrittenFile;
pub use rpc::{args, to_json};

/// Progress of a long operation (import, batch printing), reported to the front end.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
    /// What is being done, in Chinese.
    pub label: String,
}

/// A progress callback; front ends that do not show progress pass [`no_progress`].
pub type ProgressFn<'a> = &'a (dyn Fn(Progress) + Sync);

pub fn no_progress(_: Progress) {}

/// A call that runs without the [`Api`] ([`Api::detached`]).
pub type Detached = Box<dyn FnOnce() -> Result<Value> + Send>;

/// The API over one open database.
pub struct Api {
    store: Store,
    /// The register's search index (`households::list_cached`), rebuilt after writes.
    search: std::cell::RefCell<qiaomen_core::households::SearchCache>,
    files: Box<dyn FileAccess + Send>,
}

impl std::fmt::Debug for Api {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Api").field("store", &self.store).finish()
    }
}

impl Api {
    /// Opens (creating and migrating if needed) the database at `db`.
    pub fn open(db: &Path, files: Box<dyn FileAccess + Send>) -> Result<Api> {
        let store = log::timed("open", || qiaomen_core::open(db))?;
        Ok(Api {
            store,
            search: Default::default(),
            files,
        })
    }

    /// The database in memory (tests).
    pub fn open_in_memory() -> Result<Api> {
        let store = Store::open_in_memory()?;
        qiaomen_core::templates::install_builtin(store.conn())?;
        Ok(Api {
            store,
            search: Default::default(),
            files: Box::new(AnyFile),
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    pub fn db_path(&self) -> &Path {
        self.store.path()
    }

    /// A path the front end may read (a file the clerk chose).
    pub fn readable(&self, path: &str) -> Result<PathBuf> {
        self.files.readable(path)
    }

    /// A path the front end may write (a file the clerk chose to save to).
    pub fn writable(&self, path: &str) -> Result<PathBuf> {
        self.files.writable(path)
    }

    /// Writes a rendered PDF to a path the clerk chose and describes it.
    pub fn save_pdf(&self, out: &str, r: qiaomen_core::pdf::Rendered) -> Result<WrittenFile> {
        let path = self.writable(out)?;
        r.write_to(&path)?;
        Ok(WrittenFile::pdf(&path, &r))
    }

    /// A method that may run beside the others on a connection of its own, so that the
    /// desktop shell need not hold the API while it runs: `backup.on_start` (the start-up
    /// check and the daily backup, seconds on a big database, which must not keep the
    /// register from loading). `None` for every other method (call [`Api::dispatch`]) and
    /// for an in-memory database.
    pub fn detached(&self, method: &str) -> Option<Detached> {
        let path = self.store.path().to_path_buf();
        if method != "backup.on_start" || path == Path::new(":memory:") {
            return None;
        }
        Some(Box::new(move || {
            log::timed("backup.on_start", || {
                let store = Store::open(&path)?;
                to_json(backup::start_report(&store))
            })
        }))
    }

    /// Calls a method by name with JSON arguments (the desktop shell's single entry point).
    pub fn dispatch(&mut self, method: &str, args: Value, progress: ProgressFn) -> Result<Value> {
        log::timed(method, || rpc::dispatch(self, method, args, progress))
    }
}
