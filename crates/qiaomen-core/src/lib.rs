//! qiaomen-core: everything the product knows about the winter door-knocking action —
//! domain types, the SQLite store and its migrations, checklist templates, import, export,
//! PDF, statistics and backup. It never depends on Tauri.
//!
//! A tour for a newcomer:
//! - The office's register: [`settings`] (报送单位 and the office's choices), [`grids`],
//!   [`households`] (homes and places, 住户和场所), [`people`] (弱势群体), [`templates`]
//!   (the checklists as data, with versions and the rules choosing a place's sheet).
//! - A visit and its follow-up: [`inspections`] (a keyed checklist and the hazards its
//!   answers call for), [`hazards`] (the ledger: revisits, closing, 防控措施, 上报),
//!   [`history`] (一户档案), [`rounds`] (不漏一户), [`entry_sheet`] (keying by spreadsheet),
//!   [`escalated_list`] (上报清单), [`formcode`] (the code printed on a form, read back by a
//!   scanner).
//! - Reports: [`stats`] (附件2 and its periods, 待报送), [`stats::season`] (the action's
//!   dates, its weeks and periods), [`report_xlsx`]/[`report_pdf`] (the table in the official layout),
//!   [`narrative`] (工作开展情况 / 工作总结 as .docx), [`report_saves`] (when each was saved),
//!   [`publicity`], [`aggregate`] (乡镇汇总 of villages' tables), [`township`] (the villages'
//!   data packages and the township's merged ledger), [`export_all`].
//! - The 工作台: [`desk`] (every card of the home screen in one computation).
//! - Files and the store: [`db`] (SQLite, migrations), [`audit`], [`backup`], [`import`]
//!   (rosters), [`sheet`] (reading spreadsheets), [`pdf`] (the printed forms), [`text`].
//! - Shared values: [`Category`] (the seven 行动名称), [`Error`] (a code and a Chinese
//!   message, with its cause), [`WrittenFile`], and the date helpers ([`date_cn`] prints
//!   2024年12月23日).

// Every public item says what it means (issue 15); the workspace's clippy denies warnings.
#![warn(missing_docs)]

// ---- What the product knows, one module per area (what the front ends call) -------------

// The office and its register.
pub mod grids;
pub mod households;
pub mod people;
pub mod settings;
pub mod templates;

// Visits and their follow-up.
pub mod entry_sheet;
pub mod escalated_list;
pub mod formcode;
pub mod hazards;
pub mod history;
pub mod inspections;
pub mod rounds;

// Reports.
pub mod aggregate;
pub mod desk;
pub mod export_all;
#[cfg(feature = "docx")]
pub mod narrative;
pub mod publicity;
#[cfg(feature = "pdf")]
pub mod report_pdf;
pub mod report_saves;
pub mod report_xlsx;
pub mod stats;
#[cfg(feature = "township")]
pub mod township;

// Files in and out, the store and its safety.
pub mod audit;
pub mod backup;
pub mod db;
pub mod import;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod sheet;
pub mod text;

// ---- Building blocks of the areas; front ends get the few items they need below ----------

mod category;
mod dates;
mod error;
mod files;
mod kv;
mod lookup;
mod stored_text;
mod validate;
mod written;
mod xlsx;

pub use category::Category;
pub use dates::{date_cn, iso, now_ts, parse_date, parse_iso, show_iso, today};
pub use db::Store;
pub use error::{Context, Error, ErrorCode, Result};
pub use files::write_atomic;
pub use lookup::resolve_id;
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
