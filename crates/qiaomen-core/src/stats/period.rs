//! Reporting periods: a calendar month, the office's 23rd-to-22nd cycle, a day or a range,
//! and 待报送 (the period whose report is due); `resolve` turns what a front end asked for
//! into dates with the office's period mode.

use crate::error::{Error, Result};
use crate::settings::{self, PeriodMode};
use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How a period was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// A calendar month.
    Month,
    /// The 23rd of the previous month to the 22nd of the month.
    Cycle,
    /// A single day (daily reports, seed 001).
    Day,
    /// Any inclusive range.
    Range,
    /// The whole action of one winter (工作总结, [`season`]).
    Season,
}

/// An inclusive period of dates (ISO text) with a label for the clerk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Period {
    /// What kind of period it is (sets how the label reads).
    pub kind: PeriodKind,
    /// First day (ISO).
    pub from: String,
    /// Last day (ISO), inclusive.
    pub to: String,
    /// e.g. "2024年12月（2024年11月23日至2024年12月22日）".
    pub label: String,
}

/// What the front end asks for: a month, a cycle, a day, a range, the office's default
/// period around a date, or the period whose report is due (today when `date` is empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PeriodSpec {
    /// `month` as 2024-12 (or anything `parse_month` reads).
    Month {
        /// The month as typed (2024-12, 2024年12月 …).
        month: String,
    },
    /// The cycle that ends on the 22nd of `month`.
    Cycle {
        /// The month the cycle ends in, as typed (2024-12 for 2024-11-23 … 2024-12-22).
        month: String,
    },
    /// A single day.
    Day {
        /// The day, as typed (any accepted date form).
        date: String,
    },
    /// Any inclusive range of days.
    Range {
        /// First day, as typed.
        from: String,
        /// Last day, as typed; not before `from`.
        to: String,
    },
    /// The office's default period (setting `period_mode`) that holds `date`
    /// (today when empty); `offset` moves it by whole periods (-1 = the previous one).
    Current {
        /// A day inside the period, as typed; empty for today.
        #[serde(default)]
        date: String,
        /// Whole periods to move by (-1 = the previous one, 0 = the one holding `date`).
        #[serde(default)]
        offset: i64,
    },
    /// 待报送: the period whose report is due on `date` (today when empty), by the
    /// office's setting `period_mode` ([`Period::due`]).
    Due {
        /// The day the report is due, as typed; empty for today.
        #[serde(default)]
        date: String,
    },
    /// The whole action of the winter that holds `date` (today when empty): the office's
    /// season settings, else 11月1日 to 3月31日 ([`super::season::season_of`]).
    Season {
        /// A day inside the winter, as typed; empty for today.
        #[serde(default)]
        date: String,
    },
}

fn month_start(y: i32, m: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(|| Error::invalid(format!("月份 {y}-{m} 不存在。")))
}

fn add_months(y: i32, m: u32, delta: i64) -> (i32, u32) {
    let idx = y as i64 * 12 + (m as i64 - 1) + delta;
    (idx.div_euclid(12) as i32, (idx.rem_euclid(12) + 1) as u32)
}

/// Parses a month as typed: 2024-12, 2024/12, 2024.12, 2024年12月, 202412.
pub fn parse_month(s: &str) -> Result<(i32, u32)> {
    let t = crate::text::to_half_width(s.trim())
        .replace(['年', '/', '.'], "-")
        .replace('月', "");
    let t = t.trim_end_matches('-');
    let parts: Vec<&str> = if t.contains('-') {
        t.split('-').collect()
    } else if t.len() == 6 && t.chars().all(|c| c.is_ascii_digit()) {
        vec![&t[..4], &t[4..]]
    } else {
        vec![]
    };
    let bad = || {
        Error::invalid(format!(
            "月份“{}”看不懂，请写成 2024-12 这样的格式。",
            s.trim()
        ))
    };
    if parts.len() != 2 {
        return Err(bad());
    }
    let y: i32 = parts[0].trim().parse().map_err(|_| bad())?;
    let m: u32 = parts[1].trim().parse().map_err(|_| bad())?;
    if !(1..=12).contains(&m) || !(1900..=9999).contains(&y) {
        return Err(bad());
    }
    Ok((y, m))
}

impl Period {
    /// The calendar month.
    pub fn month(y: i32, m: u32) -> Result<Period> {
        let from = month_start(y, m)?;
        let (ny, nm) = add_months(y, m, 1);
        let to = month_start(ny, nm)? - Duration::days(1);
        Ok(Period {
            kind: PeriodKind::Month,
            from: from.to_string(),
            to: to.to_string(),
            label: format!(
                "{y}年{m}月（{}至{}）",
                crate::date_cn(from),
                crate::date_cn(to)
            ),
        })
    }

    /// The reporting cycle named by the month it ends in: 2024-12 = 2024-11-23 … 2024-12-22.
    pub fn cycle(y: i32, m: u32) -> Result<Period> {
        let (py, pm) = add_months(y, m, -1);
        let from =
            NaiveDate::from_ymd_opt(py, pm, 23).ok_or_else(|| Error::invalid("月份不存在。"))?;
        let to = NaiveDate::from_ymd_opt(y, m, 22).ok_or_else(|| Error::invalid("月份不存在。"))?;
        Ok(Period {
            kind: PeriodKind::Cycle,
            from: from.to_string(),
            to: to.to_string(),
            label: format!(
                "{y}年{m}月报送期（{}至{}）",
                crate::date_cn(from),
                crate::date_cn(to)
            ),
        })
    }

    /// The one-day period of `d`, labelled like 2024年12月23日.
    pub fn day(d: NaiveDate) -> Period {
        Period {
            kind: PeriodKind::Day,
            from: d.to_string(),
            to: d.to_string(),
            label: crate::date_cn(d),
        }
    }

    /// The inclusive period `from` … `to` (a one-day period when equal).
    /// Errors: `invalid` when `from` is after `to`.
    pub fn range(from: NaiveDate, to: NaiveDate) -> Result<Period> {
        if from > to {
            return Err(Error::invalid(format!(
                "开始日期（{}）晚于结束日期（{}）。",
                crate::date_cn(from),
                crate::date_cn(to)
            )));
        }
        if from == to {
            return Ok(Period::day(from));
        }
        Ok(Period {
            kind: PeriodKind::Range,
            from: from.to_string(),
            to: to.to_string(),
            label: format!("{}至{}", crate::date_cn(from), crate::date_cn(to)),
        })
    }

    /// The period of `mode` that holds `d`, moved by `offset` periods.
    pub fn around(mode: PeriodMode, d: NaiveDate, offset: i64) -> Result<Period> {
        match mode {
            PeriodMode::Month => {
                let (y, m) = add_months(d.year(), d.month(), offset);
                Period::month(y, m)
            }
            PeriodMode::Cycle23 => {
                // The cycle ending on the 22nd of month M holds the 23rd of M-1 … 22nd of M.
                let (y, m) = if d.day() >= 23 {
                    add_months(d.year(), d.month(), 1)
                } else {
                    (d.year(), d.month())
                };
                let (y, m) = add_months(y, m, offset);
                Period::cycle(y, m)
            }
        }
    }

    /// 待报送: the period whose report is due on `today`.
    ///
    /// - 23rd-to-22nd cycle: on the 23rd and after, the cycle that ended on the 22nd (the
    ///   report is due now); before the 23rd, the cycle running now (due on this month's
    ///   23rd). Both are the cycle ending on the 22nd of `today`'s month: 2024-12-20 and
    ///   2024-12-23 both give 2024-11-23 … 2024-12-22.
    /// - Calendar month: the last whole month (December on any day of January).
    pub fn due(mode: PeriodMode, today: NaiveDate) -> Result<Period> {
        match mode {
            PeriodMode::Cycle23 => Period::cycle(today.year(), today.month()),
            PeriodMode::Month => {
                let (y, m) = add_months(today.year(), today.month(), -1);
                Period::month(y, m)
            }
        }
    }

    /// The day this period's report is due: the first 23rd after the period (a cycle
    /// ending on 12月22日 is due on 12月23日, November's calendar month on 12月23日).
    pub fn due_on(&self) -> Result<NaiveDate> {
        let after = self.to_date()? + Duration::days(1);
        let (y, m) = if after.day() <= 23 {
            (after.year(), after.month())
        } else {
            add_months(after.year(), after.month(), 1)
        };
        NaiveDate::from_ymd_opt(y, m, 23).ok_or_else(|| Error::invalid("月份不存在。"))
    }

    /// The first day as a date; `invalid` if the stored text is not an ISO date.
    pub fn from_date(&self) -> Result<NaiveDate> {
        crate::parse_date(&self.from)
    }

    /// The last day as a date; `invalid` if the stored text is not an ISO date.
    pub fn to_date(&self) -> Result<NaiveDate> {
        crate::parse_date(&self.to)
    }
}

/// Resolves what the front end asked for into dates.
pub fn resolve(conn: &Connection, spec: &PeriodSpec) -> Result<Period> {
    match spec {
        PeriodSpec::Month { month } => {
            let (y, m) = parse_month(month)?;
            Period::month(y, m)
        }
        PeriodSpec::Cycle { month } => {
            let (y, m) = parse_month(month)?;
            Period::cycle(y, m)
        }
        PeriodSpec::Day { date } => Ok(Period::day(crate::parse_date(date)?)),
        PeriodSpec::Range { from, to } => {
            Period::range(crate::parse_date(from)?, crate::parse_date(to)?)
        }
        PeriodSpec::Current { date, offset } => {
            let mode = settings::load(conn)?.period_mode;
            Period::around(mode, date_or_today(date)?, *offset)
        }
        PeriodSpec::Due { date } => {
            let mode = settings::load(conn)?.period_mode;
            Period::due(mode, date_or_today(date)?)
        }
        PeriodSpec::Season { date } => {
            super::season::season_of(&settings::load(conn)?, date_or_today(date)?)
        }
    }
}

/// A date as typed, or today (the clock) when empty.
fn date_or_today(date: &str) -> Result<NaiveDate> {
    if date.trim().is_empty() {
        Ok(crate::today())
    } else {
        crate::parse_date(date)
    }
}
