//! Office settings (报送单位 and the office's choices), stored as key/value rows.

use crate::error::{Context, Error, Result};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How the statistics period is chosen by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum PeriodMode {
    /// The calendar month.
    Month,
    /// From the 23rd of the previous month to the 22nd (reports are due on the 23rd).
    #[default]
    Cycle23,
}

/// The unit (报送单位) and the office's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct UnitSettings {
    /// 报送单位（村/社区/部门）
    pub unit_name: String,
    /// 上级乡镇
    pub township: String,
    /// 联系人
    pub contact: String,
    /// 联系电话
    pub phone: String,
    /// 录入人（文书）
    pub clerk: String,
    /// Statistics period by default.
    pub period_mode: PeriodMode,
    /// Default number of days to fix a hazard (限期整改).
    pub deadline_days: i64,
    /// Checklist template for households without their own.
    pub default_template: String,
    /// How many automatic backups to keep.
    pub backup_keep: i64,
    /// First day of this winter's action (ISO), e.g. the notice's date; empty = 11月1日.
    /// Read for the winter it falls in only (`stats::season::season_of`).
    #[serde(default)]
    pub season_start: String,
    /// Last day of this winter's action (ISO), e.g. 2025-03-31; empty = 3月31日.
    #[serde(default)]
    pub season_end: String,
}

impl Default for UnitSettings {
    fn default() -> Self {
        UnitSettings {
            unit_name: String::new(),
            township: String::new(),
            contact: String::new(),
            phone: String::new(),
            clerk: String::new(),
            period_mode: PeriodMode::Cycle23,
            deadline_days: 7,
            default_template: crate::templates::DEFAULT_TEMPLATE_ID.into(),
            backup_keep: 14,
            season_start: String::new(),
            season_end: String::new(),
        }
    }
}

const KEYS: &[&str] = &[
    "unit_name",
    "township",
    "contact",
    "phone",
    "clerk",
    "period_mode",
    "deadline_days",
    "default_template",
    "backup_keep",
    "season_start",
    "season_end",
];

pub use crate::kv::{get_value, set_value};

/// The office's settings, defaults for any not saved yet. Errors only on a damaged database.
pub fn load(conn: &Connection) -> Result<UnitSettings> {
    let mut s = serde_json::to_value(UnitSettings::default())
        .context(|| Error::internal("程序内部错误：单位设置无法转换。"))?;
    for key in KEYS {
        if let Some(v) = get_value(conn, key)? {
            // Stored as JSON values so numbers and enums keep their type.
            if let Ok(parsed) = serde_json::from_str::<serde_json::Value>(&v) {
                s[*key] = parsed;
            }
        }
    }
    serde_json::from_value(s).context(|| Error::internal("设置数据有误（程序内部错误）。"))
}

/// The default number of days to fix a hazard, read from its one row: saving a form asks
/// for it (the entry sheet's import once a row), where [`load`] would read and convert all
/// eleven. A value that is not a plain number is left to [`load`], with its default or error.
pub fn deadline_days(conn: &Connection) -> Result<i64> {
    match get_value(conn, "deadline_days")? {
        None => Ok(UnitSettings::default().deadline_days),
        Some(v) => match serde_json::from_str::<i64>(&v) {
            Ok(days) => Ok(days),
            Err(_) => Ok(load(conn)?.deadline_days),
        },
    }
}

/// Cleans and saves the settings (one transaction) and returns them as stored.
/// Errors: `invalid` for an empty 报送单位, a bad phone, deadline days or backup count outside
/// 1–365, or a bad season; `not_found` for an unknown default template.
pub fn save(conn: &Connection, s: &UnitSettings) -> Result<UnitSettings> {
    let mut s = s.clone();
    s.unit_name = crate::text::clean(&s.unit_name);
    s.township = crate::text::clean(&s.township);
    s.contact = crate::text::clean_name(&s.contact);
    s.clerk = crate::text::clean_name(&s.clerk);
    s.phone = crate::validate::normalize_phone(&s.phone);
    if s.unit_name.is_empty() {
        return Err(Error::invalid("请填写报送单位名称（本村或社区的名称）。"));
    }
    if !s.phone.is_empty() {
        crate::validate::check_phone(&s.phone).map_err(Error::invalid)?;
    }
    if !(1..=365).contains(&s.deadline_days) {
        return Err(Error::invalid("默认整改期限应在 1 到 365 天之间。"));
    }
    if !(1..=365).contains(&s.backup_keep) {
        return Err(Error::invalid("自动备份保留份数应在 1 到 365 之间。"));
    }
    check_season(&mut s)?;
    crate::templates::get(conn, &s.default_template, None)?;
    let v =
        serde_json::to_value(&s).context(|| Error::internal("程序内部错误：单位设置无法转换。"))?;
    let tx = conn.unchecked_transaction()?;
    for key in KEYS {
        set_value(&tx, key, &v[*key].to_string())?;
    }
    tx.commit()?;
    Ok(s)
}

/// Whether the office has been set up (a unit name saved).
pub fn is_initialized(conn: &Connection) -> Result<bool> {
    Ok(get_value(conn, "unit_name")?.is_some())
}

/// Checks and normalises the season settings as the clerk typed them (ISO or empty).
fn check_season(s: &mut UnitSettings) -> Result<()> {
    let norm = |label: &str, v: &str| -> Result<Option<NaiveDate>> {
        if v.trim().is_empty() {
            return Ok(None);
        }
        crate::parse_date(v)
            .map(Some)
            .map_err(|e| Error::invalid(format!("{label}：{}", e.message)))
    };
    let start = norm("行动开始日期", &s.season_start)?;
    let end = norm("行动结束日期", &s.season_end)?;
    if let (Some(a), Some(b)) = (start, end) {
        if a > b {
            return Err(Error::invalid(format!(
                "行动开始日期（{}）晚于结束日期（{}）。",
                crate::date_cn(a),
                crate::date_cn(b)
            )));
        }
        if crate::dates::winter_of(a) != crate::dates::winter_of(b) {
            return Err(Error::invalid(
                "行动开始和结束日期应在同一个冬季（例如 2024年11月20日 至 2025年3月31日）。",
            ));
        }
    }
    s.season_start = start.map(|d| d.to_string()).unwrap_or_default();
    s.season_end = end.map(|d| d.to_string()).unwrap_or_default();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-row read says what the whole settings say: the default, a saved number, and
    /// a value that is not a plain number left to `load`.
    #[test]
    fn deadline_days_reads_as_load_does() {
        let store = crate::Store::open_in_memory().unwrap();
        let c = store.conn();
        assert_eq!(deadline_days(c).unwrap(), 7);
        set_value(c, "deadline_days", "12").unwrap();
        assert_eq!(deadline_days(c).unwrap(), 12);
        assert_eq!(load(c).unwrap().deadline_days, 12);
        set_value(c, "deadline_days", "\"x\"").unwrap();
        assert_eq!(deadline_days(c).ok(), load(c).ok().map(|s| s.deadline_days));
    }

    #[test]
    fn settings_are_checked() {
        let mut s = UnitSettings {
            season_start: "2024年11月20日".into(),
            season_end: "2025/3/31".into(),
            ..Default::default()
        };
        check_season(&mut s).unwrap();
        assert_eq!(s.season_start, "2024-11-20");
        assert_eq!(s.season_end, "2025-03-31");
        s.season_end = "2024-11-01".into();
        assert!(check_season(&mut s).unwrap_err().message.contains("晚于"));
        s.season_end = "2025-12-01".into();
        assert!(check_season(&mut s).is_err());
        s.season_end = "下个月".into();
        assert!(check_season(&mut s)
            .unwrap_err()
            .message
            .contains("行动结束日期"));
    }
}
