//! The action's season (本次行动, e.g. 2024年11月20日 to 2025年3月31日) and how it is cut:
//! into weeks (the 工作台's chart, the written report's picture) and into the office's
//! reporting periods (the 工作总结's per-month rows).
//!
//! A season is one winter: by default 11月1日 to 3月31日 of the next year (seed 000 runs "即日起
//! 至 2025年3月31日"). The office may set this winter's first and last day (settings
//! `season_start` / `season_end`, checked by [`crate::settings::save`]); a set date counts only for the winter it falls in, so
//! last winter's dates never stretch into the next one.

use super::{Period, PeriodKind};
use crate::dates::winter_of;
use crate::error::{Error, Result};
use crate::settings::{PeriodMode, UnitSettings};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

fn ymd(y: i32, m: u32, d: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| Error::invalid(format!("日期 {y}-{m}-{d} 不存在。")))
}

/// A set season date, when it belongs to `winter`.
fn set_date(s: &str, winter: i32) -> Option<NaiveDate> {
    crate::parse_date(s)
        .ok()
        .filter(|d| !s.trim().is_empty() && winter_of(*d) == winter)
}

/// The season that holds (or, outside the action, is the winter of) `d`.
pub fn season_of(s: &UnitSettings, d: NaiveDate) -> Result<Period> {
    let w = winter_of(d);
    let from = match set_date(&s.season_start, w) {
        Some(x) => x,
        None => ymd(w, 11, 1)?,
    };
    let to = match set_date(&s.season_end, w) {
        Some(x) => x,
        None => ymd(w + 1, 3, 31)?,
    };
    let (from, to) = if from <= to { (from, to) } else { (to, from) };
    Ok(Period {
        kind: PeriodKind::Season,
        from: from.to_string(),
        to: to.to_string(),
        label: format!(
            "{}—{}年冬季（{}至{}）",
            w,
            w + 1,
            crate::date_cn(from),
            crate::date_cn(to)
        ),
    })
}

/// One week of a span: Monday to Sunday, the first and last clipped to the span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Week {
    /// First day: a Monday, or the span's first day.
    pub from: NaiveDate,
    /// Last day, inclusive: a Sunday, or the span's last day.
    pub to: NaiveDate,
}

impl Week {
    /// 12月2日—12月8日
    pub fn label(&self) -> String {
        let md = |d: NaiveDate| format!("{}月{}日", d.month(), d.day());
        if self.from == self.to {
            md(self.from)
        } else {
            format!("{}—{}", md(self.from), md(self.to))
        }
    }

    /// 12月2日 (the week's first day), for a chart's axis.
    pub fn short(&self) -> String {
        format!("{}月{}日", self.from.month(), self.from.day())
    }
}

/// The weeks of `from..=to` (empty when `to` is before `from`).
pub fn weeks(from: NaiveDate, to: NaiveDate) -> Vec<Week> {
    let mut out = Vec::new();
    let mut start = from;
    while start <= to {
        let days_to_sunday = 6 - i64::from(start.weekday().num_days_from_monday());
        let end = (start + Duration::days(days_to_sunday)).min(to);
        out.push(Week {
            from: start,
            to: end,
        });
        start = end + Duration::days(1);
    }
    debug_assert!(out.iter().skip(1).all(|w| w.from.weekday() == Weekday::Mon));
    out
}

/// The office's reporting periods (calendar months or 23rd-to-22nd cycles) that overlap
/// `from..=to`, each clipped to it and labelled with the month it reports and its dates.
pub fn periods(mode: PeriodMode, from: NaiveDate, to: NaiveDate) -> Result<Vec<Period>> {
    let mut out = Vec::new();
    let mut p = Period::around(mode, from, 0)?;
    while p.from_date()? <= to {
        let f = p.from_date()?.max(from);
        let t = p.to_date()?.min(to);
        let name = p.label.split('（').next().unwrap_or_default();
        let name = name.trim_end_matches("报送期").to_string();
        out.push(Period {
            kind: p.kind,
            from: f.to_string(),
            to: t.to_string(),
            label: format!("{name}（{}至{}）", crate::date_cn(f), crate::date_cn(t)),
        });
        p = Period::around(mode, p.to_date()? + Duration::days(1), 0)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::parse_date(s).unwrap()
    }

    #[test]
    fn the_season_is_this_winters() {
        let mut s = UnitSettings::default();
        let p = season_of(&s, d("2024-12-23")).unwrap();
        assert_eq!(
            (p.from.as_str(), p.to.as_str()),
            ("2024-11-01", "2025-03-31")
        );
        let p = season_of(&s, d("2025-04-10")).unwrap();
        assert_eq!(p.from, "2024-11-01", "April writes last winter's summary");
        s.season_start = "2024-11-20".into();
        s.season_end = "2025-03-31".into();
        let p = season_of(&s, d("2025-01-05")).unwrap();
        assert_eq!(p.from, "2024-11-20");
        assert_eq!(p.label, "2024—2025年冬季（2024年11月20日至2025年3月31日）");
        // Next winter: last winter's dates do not count.
        let p = season_of(&s, d("2025-12-01")).unwrap();
        assert_eq!(
            (p.from.as_str(), p.to.as_str()),
            ("2025-11-01", "2026-03-31")
        );
    }

    #[test]
    fn weeks_run_monday_to_sunday() {
        // 2024-11-20 is a Wednesday.
        let w = weeks(d("2024-11-20"), d("2024-12-04"));
        assert_eq!(w.len(), 3);
        assert_eq!((w[0].from, w[0].to), (d("2024-11-20"), d("2024-11-24")));
        assert_eq!((w[1].from, w[1].to), (d("2024-11-25"), d("2024-12-01")));
        assert_eq!((w[2].from, w[2].to), (d("2024-12-02"), d("2024-12-04")));
        assert_eq!(w[1].label(), "11月25日—12月1日");
        assert!(weeks(d("2024-12-04"), d("2024-12-03")).is_empty());
    }

    #[test]
    fn periods_are_clipped_to_the_season() {
        let p = periods(PeriodMode::Cycle23, d("2024-11-20"), d("2025-03-31")).unwrap();
        let spans: Vec<(&str, &str)> = p.iter().map(|p| (&p.from[..], &p.to[..])).collect();
        assert_eq!(
            spans,
            vec![
                ("2024-11-20", "2024-11-22"),
                ("2024-11-23", "2024-12-22"),
                ("2024-12-23", "2025-01-22"),
                ("2025-01-23", "2025-02-22"),
                ("2025-02-23", "2025-03-22"),
                ("2025-03-23", "2025-03-31"),
            ]
        );
        assert_eq!(p[1].label, "2024年12月（2024年11月23日至2024年12月22日）");
        let m = periods(PeriodMode::Month, d("2024-11-20"), d("2025-03-31")).unwrap();
        assert_eq!(m.len(), 5);
        assert_eq!(m[0].label, "2024年11月（2024年11月20日至2024年11月30日）");
    }
}
