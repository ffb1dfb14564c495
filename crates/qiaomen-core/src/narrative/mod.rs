//! The written report the township asks for with the table (seed 000: "每月23日…报送…工作
//! 开展情况及统计表", and a 工作总结 before April 1): an editable Word document for a period,
//! or for the whole season.
//!
//! [`build`] gathers every figure once, each from the computation that owns it — the
//! period's table and the per-week and per-month figures from [`stats::compute_each`],
//! coverage from [`rounds::coverage`], open and overdue hazards from the ledger
//! ([`hazards::list`]), escalated ones from [`hazards::escalated`]; `docx` only writes them
//! as sentences, tables and the weekly picture (`chart`).

mod chart;
mod docx;

use crate::dates::iso;
use crate::desk::{self, WeekCounts};
use crate::error::Result;
use crate::hazards::{self, EscalatedHazard, Hazard, HazardQuery, HazardStatus, HazardView};
use crate::report_saves::{self, SavedFormat};
use crate::rounds::{self, Coverage};
use crate::settings::{self, UnitSettings};
use crate::stats::season;
use crate::stats::{self, Period, PeriodKind, PeriodSpec, StatsTable};
use crate::WrittenFile;
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use std::path::Path;

pub use chart::{weekly_png, COLORS};

/// Everything the written report says, computed once.
#[derive(Debug, Clone)]
pub struct Narrative {
    /// 工作总结 for the whole season (else 工作开展情况 for a period).
    pub summary: bool,
    /// The report's title: the unit's name, 冬季安全“敲门行动”, then 工作总结 or 工作开展情况.
    pub title: String,
    /// The period it reports on.
    pub period: Period,
    /// The day it is written (报送时间; open and overdue hazards are as of this day).
    pub report_date: NaiveDate,
    /// The unit's settings as they were when it was computed (报送单位, 联系人 …).
    pub settings: UnitSettings,
    /// The period's statistics table (附件2).
    pub table: StatsTable,
    /// Inspections dated in the period, and the households they visited.
    pub visits: i64,
    /// Distinct households those inspections visited.
    pub visited_households: i64,
    /// The rounds that overlap the period, with their coverage.
    pub rounds: Vec<Coverage>,
    /// Hazards found up to the period's end and still open on the report date.
    pub open: i64,
    /// Those of them past their deadline on the report date, longest overdue first.
    pub overdue: Vec<Hazard>,
    /// Hazards escalated (上报) in the period or still open after being escalated.
    pub escalated: Vec<EscalatedHazard>,
    /// The period's weeks up to the report date.
    pub weeks: Vec<WeekCounts>,
    /// The season's reporting periods with their tables (工作总结 only).
    pub months: Vec<(Period, StatsTable)>,
}

/// Gathers the written report of the period `spec` as of `report_date` (the clock's today
/// unless the front end says otherwise; also what `Due`/`Season` are resolved against).
pub fn build(conn: &Connection, spec: &PeriodSpec, report_date: NaiveDate) -> Result<Narrative> {
    let spec = with_date(spec, report_date);
    let period = stats::resolve(conn, &spec)?;
    let s = settings::load(conn)?;
    let summary = period.kind == PeriodKind::Season;
    let (from, to) = (period.from.clone(), period.to.clone());
    let table = stats::compute(conn, &from, &to)?;
    let (visits, visited_households) = conn.query_row(
        "SELECT count(*), count(DISTINCT household_id) FROM inspections
         WHERE visit_date BETWEEN ?1 AND ?2",
        params![from, to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut rounds = Vec::new();
    let mut listed = rounds::list(conn)?;
    listed.sort_by(|a, b| (&a.start_date, &a.name).cmp(&(&b.start_date, &b.name)));
    for r in listed
        .iter()
        .filter(|r| r.start_date <= to && r.end_date >= from)
    {
        rounds.push(rounds::coverage(conn, &r.id)?);
    }
    let as_of = iso(report_date);
    let ledger = |view| HazardQuery {
        view,
        as_of: Some(as_of.clone()),
        to: Some(to.clone()),
        ..Default::default()
    };
    let open = hazards::list(
        conn,
        &HazardQuery {
            limit: Some(0),
            ..ledger(HazardView::Open)
        },
    )?
    .total;
    let overdue = hazards::list(conn, &ledger(HazardView::Overdue))?.items;
    let escalated = hazards::escalated(conn, &ledger(HazardView::All))?
        .into_iter()
        .filter(|e| {
            let on = e
                .hazard
                .escalation
                .as_ref()
                .map(|x| x.escalated_on.as_str());
            e.hazard.status == HazardStatus::Open
                || on.is_some_and(|d| d >= from.as_str() && d <= to.as_str())
        })
        .collect();
    let last_week = period.to_date()?.min(report_date);
    let weeks = desk::week_counts(conn, &season::weeks(period.from_date()?, last_week))?;
    let months = if summary {
        let ps = season::periods(s.period_mode, period.from_date()?, period.to_date()?)?;
        let spans: Vec<(String, String)> =
            ps.iter().map(|p| (p.from.clone(), p.to.clone())).collect();
        ps.into_iter()
            .zip(stats::compute_each(conn, &spans)?)
            .collect()
    } else {
        Vec::new()
    };
    let what = if summary {
        "工作总结"
    } else {
        "工作开展情况"
    };
    Ok(Narrative {
        summary,
        title: format!("{}冬季安全“敲门行动”{what}", s.unit_name),
        period,
        report_date,
        settings: s,
        table,
        visits,
        visited_households,
        rounds,
        open,
        overdue,
        escalated,
        weeks,
        months,
    })
}

/// `Due`, `Current` and `Season` without a date are resolved against the report date (so
/// `--today` moves them as it moves the report date).
fn with_date(spec: &PeriodSpec, d: NaiveDate) -> PeriodSpec {
    let day = iso(d);
    match spec {
        PeriodSpec::Due { date } if date.trim().is_empty() => PeriodSpec::Due { date: day },
        PeriodSpec::Season { date } if date.trim().is_empty() => PeriodSpec::Season { date: day },
        PeriodSpec::Current { date, offset } if date.trim().is_empty() => PeriodSpec::Current {
            date: day,
            offset: *offset,
        },
        other => other.clone(),
    }
}

/// The written report of `spec` as a .docx at `path` (replaced safely if it exists); the
/// save is remembered for the 工作台.
pub fn save(
    conn: &Connection,
    spec: &PeriodSpec,
    report_date: NaiveDate,
    path: &Path,
) -> Result<WrittenFile> {
    let n = build(conn, spec, report_date)?;
    let bytes = docx::write(&n)?;
    crate::files::write_atomic(path, &bytes)?;
    report_saves::record(conn, SavedFormat::Docx, &n.period.from, &n.period.to, path)?;
    Ok(WrittenFile::at(path))
}

/// A share as 95.3%: one decimal, none for whole numbers; "—" of nothing.
pub fn percent(part: i64, whole: i64) -> String {
    if whole <= 0 {
        return "—".into();
    }
    let p = (part as f64) * 100.0 / (whole as f64);
    let mut r = (p * 10.0).round() / 10.0;
    if part < whole && r >= 100.0 {
        r = 99.9; // never "100%" while a household is missing
    }
    if (r - r.round()).abs() < 1e-9 {
        format!("{r:.0}%")
    } else {
        format!("{r:.1}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_reads_like_a_report() {
        assert_eq!(percent(1, 3), "33.3%");
        assert_eq!(percent(20, 20), "100%");
        assert_eq!(percent(0, 0), "—");
        assert_eq!(percent(999, 1000), "99.9%");
        assert_eq!(percent(19_999, 20_000), "99.9%");
    }
}
