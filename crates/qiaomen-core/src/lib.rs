//! qiaomen-core: everything the product knows about the winter door-knocking action —
//! domain types, the SQLite store and its migrations, checklist templates, import, export,
//! PDF, statistics and backup. It never depends on Tauri.

pub mod aggregate;
pub mod audit;
pub mod backup;
pub mod db;
pub mod entry_sheet;
pub mod error;
pub mod export_all;
pub mod grids;
pub mod hazards;
pub mod households;
pub mod import;
pub mod inspections;
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

pub use db::Store;
pub use error::{Context, Error, ErrorCode, Result};

/// The seven rows of the statistics table (附件2 行动名称), in the official order. Every
/// hazard and publicity event belongs to one of them.
pub const CATEGORIES: [&str; 7] = [
    "防煤气中毒事故",
    "防燃气爆炸事故",
    "防小火亡人事故",
    "防有限空间中毒事故",
    "防建筑施工事故",
    "防冰雪道路交通事故",
    "防森林火灾",
];

/// A new UUID v7 (time-ordered) as text.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Now as an RFC 3339 UTC timestamp with milliseconds.
pub fn now_ts() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// Today's local date (the office's China date) as ISO text.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Formats an ISO date the way the forms print it: 2024年12月23日.
pub fn date_cn(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// Parses a date as the clerk may type it: 2024-12-23, 2024/12/23, 2024.12.23,
/// 2024年12月23日, 20241223.
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate> {
    let t = text::to_half_width(s.trim());
    let t = t.replace(['年', '月', '/', '.'], "-").replace('日', "");
    let parsed = chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(&t, "%Y%m%d"));
    parsed.map_err(|_| {
        Error::invalid(format!(
            "日期“{}”看不懂，请写成 2024-12-23 这样的格式。",
            s.trim()
        ))
    })
}

/// Opens a store and installs the built-in templates: what every front end does first.
pub fn open(path: &std::path::Path) -> Result<Store> {
    let store = Store::open(path)?;
    templates::install_builtin(store.conn())?;
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let d = parse_date("2024年12月3日").unwrap();
        assert_eq!(date_cn(d), "2024年12月3日");
        assert_eq!(parse_date("2024/12/23").unwrap().to_string(), "2024-12-23");
        assert_eq!(
            parse_date("２０２４１２２３").unwrap().to_string(),
            "2024-12-23"
        );
        let e = parse_date("明天").unwrap_err();
        assert!(e.message.contains("明天"));
    }
}
