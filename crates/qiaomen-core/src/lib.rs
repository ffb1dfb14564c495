//! qiaomen-core: everything the product knows about the winter door-knocking action —
//! domain types, the SQLite store and its migrations, checklist templates, import, export,
//! PDF, statistics and backup. It never depends on Tauri.

pub mod aggregate;
pub mod audit;
pub mod backup;
pub mod category;
pub mod dates;
pub mod db;
pub mod entry_sheet;
pub mod error;
pub mod escalated_list;
pub mod export_all;
pub mod files;
pub mod grids;
pub mod hazards;
pub mod history;
pub mod households;
pub mod import;
pub mod inspections;
pub mod kv;
pub mod lookup;
pub mod pdf;
pub mod people;
pub mod publicity;
pub mod report_pdf;
pub mod report_xlsx;
pub mod rounds;
pub mod settings;
pub mod sheet;
pub mod stats;
pub mod templates;
pub mod text;
pub mod validate;
pub mod written;
pub mod xlsx;

pub use category::Category;
pub use dates::{date_cn, now_ts, parse_date, today};
pub use db::Store;
pub use error::{Context, Error, ErrorCode, Result};
pub use written::WrittenFile;

/// A new UUID v7 (time-ordered) as text.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Opens a store and installs the built-in templates: what every front end does first.
pub fn open(path: &std::path::Path) -> Result<Store> {
    let store = Store::open(path)?;
    templates::install_builtin(store.conn())?;
    inspections::attributes::backfill(store.conn())?;
    Ok(store)
}
