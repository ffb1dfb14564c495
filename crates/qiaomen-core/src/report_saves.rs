//! Which reports were saved, and when: the 工作台 says whether the 待报送 table has been
//! saved. A save is an event, not office data: it is kept in `app_meta` (like the last
//! manual backup), outside the audit log and the backups' "changed since" fingerprint, as a
//! list of the newest saves.

use crate::error::{Context, Error, Result};
use chrono::{Local, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const META_KEY: &str = "report_saves";
/// How many saves are remembered (a season is a few dozen).
const KEEP: usize = 200;

/// What was saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SavedFormat {
    /// The statistics table as Excel (official layout).
    Xlsx,
    /// The statistics table as PDF.
    Pdf,
    /// The written report (工作开展情况 / 工作总结) as Word.
    Docx,
}

impl SavedFormat {
    /// The statistics table itself (not the written report).
    pub fn is_table(self) -> bool {
        matches!(self, SavedFormat::Xlsx | SavedFormat::Pdf)
    }
}

/// One save of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportSave {
    /// Which report and file type was saved (table as Excel or PDF, the written report).
    pub format: SavedFormat,
    /// The period's first and last day (ISO).
    pub from: String,
    /// The period's last day (ISO), inclusive.
    pub to: String,
    /// The file written.
    pub path: String,
    /// Local time of the save, `YYYY-MM-DDTHH:MM:SS`.
    pub saved_at: String,
    /// The same as the clerk reads it: 2024年12月23日 18:05.
    pub saved_cn: String,
}

/// Every remembered save, newest first. A damaged entry reads as no saves (the 工作台 then
/// says the table has not been saved, which the clerk can fix by saving it).
pub fn list(conn: &Connection) -> Result<Vec<ReportSave>> {
    let json: Option<String> = conn
        .query_row(
            "SELECT value FROM app_meta WHERE key = ?1",
            [META_KEY],
            |r| r.get(0),
        )
        .optional()?;
    Ok(json
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default())
}

/// Remembers that the report of `from..=to` was saved to `path` now.
pub fn record(
    conn: &Connection,
    format: SavedFormat,
    from: &str,
    to: &str,
    path: &std::path::Path,
) -> Result<ReportSave> {
    record_at(conn, format, from, to, path, Local::now().naive_local())
}

/// [`record`] at a given local time (tests).
pub fn record_at(
    conn: &Connection,
    format: SavedFormat,
    from: &str,
    to: &str,
    path: &std::path::Path,
    at: NaiveDateTime,
) -> Result<ReportSave> {
    let save = ReportSave {
        format,
        from: from.to_string(),
        to: to.to_string(),
        path: path.display().to_string(),
        saved_at: at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        saved_cn: format!("{} {}", crate::date_cn(at.date()), at.format("%H:%M")),
    };
    let mut all = list(conn)?;
    all.insert(0, save.clone());
    all.truncate(KEEP);
    let json = serde_json::to_string(&all)
        .context(|| Error::internal("程序内部错误：报表保存记录无法转换。"))?;
    conn.execute(
        "INSERT INTO app_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [META_KEY, json.as_str()],
    )?;
    Ok(save)
}

/// The newest save of the period `from..=to` in one of the formats `accept` takes.
pub fn last_of(
    conn: &Connection,
    from: &str,
    to: &str,
    accept: impl Fn(SavedFormat) -> bool,
) -> Result<Option<ReportSave>> {
    Ok(list(conn)?
        .into_iter()
        .find(|s| s.from == from && s.to == to && accept(s.format)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn saves_are_remembered_newest_first() {
        let store = crate::Store::open_in_memory().unwrap();
        let c = store.conn();
        assert!(list(c).unwrap().is_empty());
        let at = |h| {
            chrono::NaiveDate::from_ymd_opt(2024, 12, 23)
                .unwrap()
                .and_hms_opt(h, 5, 0)
                .unwrap()
        };
        let (f, t) = ("2024-11-23", "2024-12-22");
        record_at(c, SavedFormat::Docx, f, t, Path::new("/u/a.docx"), at(9)).unwrap();
        record_at(c, SavedFormat::Xlsx, f, t, Path::new("/u/a.xlsx"), at(10)).unwrap();
        record_at(
            c,
            SavedFormat::Pdf,
            "2024-10-23",
            "2024-11-22",
            Path::new("/u/b.pdf"),
            at(11),
        )
        .unwrap();
        let s = last_of(c, f, t, SavedFormat::is_table).unwrap().unwrap();
        assert_eq!(s.format, SavedFormat::Xlsx);
        assert_eq!(s.saved_cn, "2024年12月23日 10:05");
        let d = last_of(c, f, t, |x| x == SavedFormat::Docx)
            .unwrap()
            .unwrap();
        assert_eq!(d.path, "/u/a.docx");
        assert!(last_of(c, "2024-12-23", "2025-01-22", |_| true)
            .unwrap()
            .is_none());
        assert_eq!(list(c).unwrap().len(), 3);
        // A damaged entry is no saves, not an error.
        c.execute("UPDATE app_meta SET value = 'x' WHERE key = ?1", [META_KEY])
            .unwrap();
        assert!(list(c).unwrap().is_empty());
    }
}
