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
