//! Periods: calendar months, 23rd-to-22nd cycles, days, ranges, the office's current
//! period and the period whose report is due.

use crate::common::*;

#[test]
fn periods() {
    let p = Period::month(2024, 2).unwrap();
    assert_eq!(
        (p.from.as_str(), p.to.as_str()),
        ("2024-02-01", "2024-02-29")
    );
    let p = Period::cycle(2025, 1).unwrap();
    assert_eq!(
        (p.from.as_str(), p.to.as_str()),
        ("2024-12-23", "2025-01-22")
    );
    assert!(
        p.label.contains("2024年12月23日至2025年1月22日"),
        "{}",
        p.label
    );
    let c = |s| Period::around(PeriodMode::Cycle23, d(s), 0).unwrap();
    assert_eq!(c("2024-12-22").to, "2024-12-22");
    assert_eq!(c("2024-12-23").from, "2024-12-23");
    assert_eq!(c("2024-12-23").to, "2025-01-22");
    let prev = Period::around(PeriodMode::Cycle23, d("2024-12-23"), -1).unwrap();
    assert_eq!(
        (prev.from.as_str(), prev.to.as_str()),
        ("2024-11-23", "2024-12-22")
    );
    let m = Period::around(PeriodMode::Month, d("2025-01-15"), -1).unwrap();
    assert_eq!(
        (m.from.as_str(), m.to.as_str()),
        ("2024-12-01", "2024-12-31")
    );
    assert_eq!(Period::day(d("2024-12-05")).to, "2024-12-05");
    assert!(Period::range(d("2024-12-05"), d("2024-12-01")).is_err());
    assert_eq!(stats::parse_month("2024年12月").unwrap(), (2024, 12));
    assert_eq!(stats::parse_month("202412").unwrap(), (2024, 12));
    assert!(stats::parse_month("2024-13").is_err());

    // The office's setting decides "current".
    let db = Db::new();
    let spec = PeriodSpec::Current {
        date: "2024-12-23".into(),
        offset: 0,
    };
    let p = stats::resolve(db.conn(), &spec).unwrap();
    assert_eq!(
        p.from, "2024-12-23",
        "default setting is the 23rd-to-22nd cycle"
    );
    let mut s = settings::load(db.conn()).unwrap();
    s.period_mode = PeriodMode::Month;
    settings::save(db.conn(), &s).unwrap();
    let p = stats::resolve(db.conn(), &spec).unwrap();
    assert_eq!(
        (p.from.as_str(), p.to.as_str()),
        ("2024-12-01", "2024-12-31")
    );
}

/// (from, to) of the period due on `today` in `mode`.
fn due(mode: PeriodMode, today: &str) -> (String, String) {
    let p = Period::due(mode, d(today)).unwrap();
    (p.from, p.to)
}

fn pair(from: &str, to: &str) -> (String, String) {
    (from.to_string(), to.to_string())
}

#[test]
fn the_period_due_around_the_23rd_and_month_ends() {
    use PeriodMode::{Cycle23, Month};
    // 23rd-to-22nd: before the 23rd the cycle running now, from the 23rd the one that ended
    // on the 22nd -- the same cycle, the one the report of this month's 23rd covers.
    let dec = pair("2024-11-23", "2024-12-22");
    for today in [
        "2024-12-01",
        "2024-12-20",
        "2024-12-22",
        "2024-12-23",
        "2024-12-31",
    ] {
        assert_eq!(due(Cycle23, today), dec, "{today}");
    }
    // Across the year's end and February.
    let jan = pair("2024-12-23", "2025-01-22");
    for today in ["2025-01-01", "2025-01-22", "2025-01-23", "2025-01-31"] {
        assert_eq!(due(Cycle23, today), jan, "{today}");
    }
    assert_eq!(due(Cycle23, "2024-03-01"), pair("2024-02-23", "2024-03-22"));
    assert_eq!(due(Cycle23, "2024-02-29"), pair("2024-01-23", "2024-02-22"));
    // On the 23rd the report due is not the cycle that starts that day (本期).
    let current = Period::around(Cycle23, d("2024-12-23"), 0).unwrap();
    assert_eq!(current.from, "2024-12-23");
    assert_ne!(due(Cycle23, "2024-12-23").0, current.from);

    // Calendar month: the last whole month, on any day of the month.
    let nov = pair("2024-11-01", "2024-11-30");
    for today in ["2024-12-01", "2024-12-22", "2024-12-23", "2024-12-31"] {
        assert_eq!(due(Month, today), nov, "{today}");
    }
    assert_eq!(due(Month, "2025-01-01"), pair("2024-12-01", "2024-12-31"));
    assert_eq!(due(Month, "2024-03-31"), pair("2024-02-01", "2024-02-29"));

    // The label names the real dates, never a formula.
    let p = Period::due(Cycle23, d("2024-12-23")).unwrap();
    assert!(
        p.label.contains("2024年11月23日至2024年12月22日"),
        "{}",
        p.label
    );
}

#[test]
fn the_due_period_follows_the_office_setting() {
    let db = Db::new();
    let spec = |date: &str| PeriodSpec::Due { date: date.into() };
    let p = stats::resolve(db.conn(), &spec("2024-12-23")).unwrap();
    assert_eq!(
        (p.from.as_str(), p.to.as_str()),
        ("2024-11-23", "2024-12-22")
    );
    let mut s = settings::load(db.conn()).unwrap();
    s.period_mode = PeriodMode::Month;
    settings::save(db.conn(), &s).unwrap();
    let p = stats::resolve(db.conn(), &spec("2024-12-23")).unwrap();
    assert_eq!(
        (p.from.as_str(), p.to.as_str()),
        ("2024-11-01", "2024-11-30")
    );
    // Empty = the clock: the period due today is the one due on today's date.
    let today = qiaomen_core::today().to_string();
    assert_eq!(
        stats::resolve(db.conn(), &spec("")).unwrap(),
        stats::resolve(db.conn(), &spec(&today)).unwrap()
    );
    let err = stats::resolve(db.conn(), &spec("明天")).unwrap_err();
    assert!(err.message.contains("明天"), "{}", err.message);
}
