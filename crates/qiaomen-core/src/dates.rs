//! Dates and times as the product keeps and shows them: stored as ISO text (`2024-12-23`),
//! shown as 2024年12月23日, read from whatever a clerk types, in the office's local time.

use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};

/// Today's local date (the office's China date).
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Now as an RFC 3339 UTC timestamp with milliseconds (record stamps).
pub fn now_ts() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// A date as stored: `2024-12-23`.
pub fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A stored ISO date read back; a malformed one is a damaged record.
pub fn parse_iso(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| Error::internal(format!("数据库中的日期“{s}”格式不对。")))
}

/// Formats a date the way the forms print it: 2024年12月23日.
pub fn date_cn(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// A stored ISO date shown as 2024年12月23日; anything else is shown as it is.
pub fn show_iso(s: &str) -> String {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(date_cn)
        .unwrap_or_else(|_| s.to_string())
}

/// Parses a date as the clerk may type it: 2024-12-23, 2024/12/23, 2024.12.23,
/// 2024年12月23日, 20241223, with full-width digits too.
pub fn parse_date(s: &str) -> Result<NaiveDate> {
    let t = crate::text::to_half_width(s.trim());
    let t = t.replace(['年', '月', '/', '.'], "-").replace('日', "");
    let parsed = NaiveDate::parse_from_str(&t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(&t, "%Y%m%d"));
    parsed.map_err(|_| {
        Error::invalid(format!(
            "日期“{}”看不懂，请写成 2024-12-23 这样的格式。",
            s.trim()
        ))
    })
}

/// The winter a day belongs to, named by the year it starts in: July to December belong to
/// the winter starting that year, January to June to the one that started the year before.
pub fn winter_of(d: NaiveDate) -> i32 {
    if d.month() >= 7 {
        d.year()
    } else {
        d.year() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let d = parse_date("2024年12月3日").unwrap();
        assert_eq!(date_cn(d), "2024年12月3日");
        assert_eq!(iso(d), "2024-12-03");
        assert_eq!(parse_date("2024/12/23").unwrap().to_string(), "2024-12-23");
        assert_eq!(
            parse_date("２０２４１２２３").unwrap().to_string(),
            "2024-12-23"
        );
        let e = parse_date("明天").unwrap_err();
        assert!(e.message.contains("明天"));
        assert_eq!(show_iso("2024-12-03"), "2024年12月3日");
        assert_eq!(show_iso("不是日期"), "不是日期");
        assert!(parse_iso("2024-13-01").is_err());
    }
}
