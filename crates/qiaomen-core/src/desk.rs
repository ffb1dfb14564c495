//! 工作台: what the clerk should know first on opening the app, computed once from the
//! database as of a day. Every number here is the number of the screen that acts on it:
//! overdue hazards are the ledger's overdue view, coverage is the round's coverage, the
//! weekly figures are the statistics table's ([`stats::compute_each`]), the backups are the
//! backup screen's status.
//!
//! The 工作台's cards are fields of [`Desk`]; a new card (e.g. forms waiting to be checked
//! under double entry) is one more field filled here.

use crate::backup::{self, BackupFile};
use crate::category::Category;
use crate::dates::iso;
use crate::db::Store;
use crate::error::Result;
use crate::inspections::verify_stats::{self, DoubleEntryMode, VerifyPeriod, VerifySummary};
use crate::report_saves::{self, ReportSave, SavedFormat};
use crate::rounds::{self, Coverage};
use crate::settings;
use crate::stats::season::{self, Week};
use crate::stats::{self, Period};
use chrono::{Duration, Local, NaiveDate, TimeZone, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// Hazards whose deadline is this many days away or less count as due soon.
pub const DUE_SOON_DAYS: i64 = 3;

/// The whole 工作台.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Desk {
    /// The day it is computed for (ISO).
    pub today: String,
    /// Overdue and due-soon hazards.
    pub hazards: DeskHazards,
    /// This round's coverage, grids under 100 % first (worst first); None without rounds.
    #[ts(optional)]
    pub coverage: Option<Coverage>,
    /// Checklists recorded today and in the current period.
    pub keyed: DeskKeyed,
    /// The statistics report due (待报送) and whether it was saved.
    pub report: DeskReport,
    /// None when the database has no backup folder (in memory).
    #[ts(optional)]
    pub backup: Option<DeskBackup>,
    /// Hazards found and closed per week of this winter's action.
    pub weekly: DeskWeekly,
    /// Open hazards by 行动名称, in the table's order.
    pub open_by_category: Vec<CategoryOpen>,
}

/// Overdue hazards and those due within [`DUE_SOON_DAYS`] days.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DeskHazards {
    /// Open with a deadline before today: the ledger's 已超期 view.
    pub overdue: i64,
    /// Open with a deadline from today to `due_by`.
    pub due_soon: i64,
    /// today + [`DUE_SOON_DAYS`] (ISO).
    pub due_by: String,
    /// Grids with overdue or due-soon hazards, most overdue first.
    pub by_grid: Vec<GridDue>,
}

/// Overdue and due-soon hazards of one grid.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GridDue {
    /// The grid's id; `-` for households without a grid (the ledger's filter value).
    pub grid_id: String,
    /// The grid's name; （未分网格） for households without a grid.
    pub grid: String,
    /// Open hazards with a deadline before today.
    pub overdue: i64,
    /// Open hazards with a deadline from today to [`DeskHazards::due_by`].
    pub due_soon: i64,
}

/// Checklists recorded (keyed or imported) today and in the current period.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DeskKeyed {
    /// Checklists recorded (keyed or imported) today, local time, whatever their visit date.
    pub today: i64,
    /// The office's current period (本期).
    pub period: Period,
    /// Checklists recorded during `period` (local days), whatever their visit date.
    pub in_period: i64,
    /// 双录入核对 of all forms (已核对 / 应核对, 未核对 = waiting + with differences), when the
    /// office has it on or some form was keyed twice anyway; else none.
    pub double_entry: Option<VerifySummary>,
}

/// The report due (待报送).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DeskReport {
    /// The period whose report is due (the office's `period_mode`).
    pub period: Period,
    /// The day it is due (ISO): the 23rd after the period.
    pub due_on: String,
    /// Days from today to `due_on` (0 = today, negative = late).
    pub days_left: i64,
    /// The newest save of this period's table (Excel or PDF), if any.
    #[ts(optional)]
    pub saved: Option<ReportSave>,
    /// The newest save of this period's written report, if any.
    #[ts(optional)]
    pub narrative_saved: Option<ReportSave>,
}

/// The backup card: the newest backups and whether the data changed since.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DeskBackup {
    /// The newest file in the backup folder.
    #[ts(optional)]
    pub last: Option<BackupFile>,
    /// The last backup saved to a file the clerk chose (a USB stick).
    #[ts(optional)]
    pub last_usb: Option<BackupFile>,
    /// Whether the data changed since `last`.
    pub changed_since_last: bool,
}

/// Hazards found and closed per week of the season, by 行动名称.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DeskWeekly {
    /// The winter's action (season settings, else 11月1日 to 3月31日).
    pub season: Period,
    /// The seven 行动名称, the order of `found` and `closed`.
    pub categories: Vec<Category>,
    /// The season's weeks up to today.
    pub weeks: Vec<WeekCounts>,
}

/// One week (Monday to Sunday, clipped to the season and today) with its counts.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WeekCounts {
    /// First day (ISO).
    pub from: String,
    /// Last day (ISO), inclusive.
    pub to: String,
    /// 12月2日—12月8日
    pub label: String,
    /// 12月2日
    pub short: String,
    /// Hazards found (隐患总数) per category, as the statistics table of the week counts them.
    pub found: Vec<i64>,
    /// Hazards closed (整改) per category.
    pub closed: Vec<i64>,
}

/// Open hazards of one 行动名称.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CategoryOpen {
    /// The 行动名称.
    pub category: Category,
    /// Open hazards (未整改).
    pub open: i64,
    /// Of them, past their deadline.
    pub overdue: i64,
    /// Open 重大隐患.
    pub major_open: i64,
}

/// The 工作台 as of `today`; `backup_dir` is the database's backup folder, if it has one.
pub fn compute(store: &Store, today: NaiveDate, backup_dir: Option<&Path>) -> Result<Desk> {
    let conn = store.conn();
    let s = settings::load(conn)?;
    let coverage = match rounds::current(conn, Some(&iso(today)))? {
        Some(r) => Some(worst_first(rounds::coverage(conn, &r.id)?)),
        None => None,
    };
    let backup = match backup_dir {
        Some(dir) => {
            let st = backup::status(store, dir)?;
            Some(DeskBackup {
                last: st.last,
                last_usb: st.last_manual,
                changed_since_last: st.changed_since_last,
            })
        }
        None => None,
    };
    let (hazards, open_by_category) = hazards(conn, today)?;
    Ok(Desk {
        today: iso(today),
        hazards,
        coverage,
        keyed: keyed(conn, today, Period::around(s.period_mode, today, 0)?)?,
        report: report(conn, today, Period::due(s.period_mode, today)?)?,
        backup,
        weekly: weekly(conn, &season::season_of(&s, today)?, today)?,
        open_by_category,
    })
}

/// Grids under 100 % first, the least covered first; then the complete ones in their order.
fn worst_first(mut c: Coverage) -> Coverage {
    let done = |v: i64, n: i64| v >= n;
    c.grids.sort_by(|a, b| {
        let (da, db) = (done(a.visited, a.households), done(b.visited, b.households));
        // a.visited / a.households < b.visited / b.households, without division.
        let ra = i128::from(a.visited) * i128::from(b.households.max(1));
        let rb = i128::from(b.visited) * i128::from(a.households.max(1));
        da.cmp(&db)
            .then(if da {
                std::cmp::Ordering::Equal
            } else {
                ra.cmp(&rb)
            })
            .then(
                a.grid_no
                    .unwrap_or(i64::MAX)
                    .cmp(&b.grid_no.unwrap_or(i64::MAX)),
            )
    });
    c
}

/// Overdue and due-soon hazards by grid, open hazards by category: one pass over the open
/// hazards. "Overdue" is the ledger's (`hazards::list`, view overdue): status open, a
/// deadline before today.
fn hazards(conn: &Connection, today: NaiveDate) -> Result<(DeskHazards, Vec<CategoryOpen>)> {
    let t = iso(today);
    let due_by = iso(today + Duration::days(DUE_SOON_DAYS));
    let mut st = conn.prepare_cached(
        "SELECT coalesce(hh.grid_id, '-'), coalesce(g.name, '（未分网格）'), h.category,
            count(*), sum(h.deadline IS NOT NULL AND h.deadline < ?1),
            sum(h.deadline IS NOT NULL AND h.deadline BETWEEN ?1 AND ?2), sum(h.major = 1)
         FROM hazards h JOIN households hh ON hh.id = h.household_id
         LEFT JOIN grids g ON g.id = hh.grid_id
         WHERE h.status = 'open'
         GROUP BY hh.grid_id, h.category
         ORDER BY coalesce(g.no, 1000000), hh.grid_id",
    )?;
    let mut by_grid: Vec<GridDue> = Vec::new();
    let mut by_cat: Vec<CategoryOpen> = Category::ALL
        .iter()
        .map(|&category| CategoryOpen {
            category,
            open: 0,
            overdue: 0,
            major_open: 0,
        })
        .collect();
    let mut rows = st.query(params![t, due_by])?;
    while let Some(r) = rows.next()? {
        let grid_id: String = r.get(0)?;
        let (open, overdue, soon, major): (i64, i64, i64, i64) =
            (r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?);
        // A category outside the seven still counts in the grid's numbers (as the ledger
        // lists it), not in the chart by category.
        if let Ok(c) = Category::check(&r.get::<_, String>(2)?) {
            let x = &mut by_cat[c as usize];
            x.open += open;
            x.overdue += overdue;
            x.major_open += major;
        }
        match by_grid.last_mut() {
            Some(g) if g.grid_id == grid_id => {
                g.overdue += overdue;
                g.due_soon += soon;
            }
            _ => by_grid.push(GridDue {
                grid_id,
                grid: r.get(1)?,
                overdue,
                due_soon: soon,
            }),
        }
    }
    by_grid.retain(|g| g.overdue + g.due_soon > 0);
    by_grid.sort_by_key(|g| std::cmp::Reverse(g.overdue));
    Ok((
        DeskHazards {
            overdue: by_grid.iter().map(|g| g.overdue).sum(),
            due_soon: by_grid.iter().map(|g| g.due_soon).sum(),
            due_by,
            by_grid,
        },
        by_cat,
    ))
}

/// The UTC record stamp (`created_at`) of local midnight at the start of `d`.
fn stamp_of_local_midnight(d: NaiveDate) -> String {
    let midnight = d.and_time(chrono::NaiveTime::MIN);
    let local = Local
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&midnight));
    local.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Inspections recorded on the local days `from..=to` (by their `created_at` stamp).
fn recorded(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM inspections WHERE created_at >= ?1 AND created_at < ?2",
        params![
            stamp_of_local_midnight(from),
            stamp_of_local_midnight(to + Duration::days(1))
        ],
        |r| r.get(0),
    )?)
}

fn keyed(conn: &Connection, today: NaiveDate, period: Period) -> Result<DeskKeyed> {
    let on = verify_stats::load_settings(conn)?.mode != DoubleEntryMode::Off;
    let de = verify_stats::summary(conn, &VerifyPeriod::default())?;
    Ok(DeskKeyed {
        double_entry: (on || de.due > 0).then_some(de),
        today: recorded(conn, today, today)?,
        in_period: recorded(conn, period.from_date()?, period.to_date()?)?,
        period,
    })
}

fn report(conn: &Connection, today: NaiveDate, period: Period) -> Result<DeskReport> {
    let due_on = period.due_on()?;
    Ok(DeskReport {
        due_on: iso(due_on),
        days_left: (due_on - today).num_days(),
        saved: report_saves::last_of(conn, &period.from, &period.to, SavedFormat::is_table)?,
        narrative_saved: report_saves::last_of(conn, &period.from, &period.to, |f| {
            f == SavedFormat::Docx
        })?,
        period,
    })
}

/// The season's weeks up to `today`, each counted as the statistics table counts it.
pub fn weekly(conn: &Connection, season: &Period, today: NaiveDate) -> Result<DeskWeekly> {
    let weeks = season::weeks(season.from_date()?, season.to_date()?.min(today));
    Ok(DeskWeekly {
        season: season.clone(),
        categories: Category::ALL.to_vec(),
        weeks: week_counts(conn, &weeks)?,
    })
}

/// Found and closed per category for each week ([`stats::compute_each`]).
pub fn week_counts(conn: &Connection, weeks: &[Week]) -> Result<Vec<WeekCounts>> {
    let spans: Vec<(String, String)> = weeks.iter().map(|w| (iso(w.from), iso(w.to))).collect();
    let tables = stats::compute_each(conn, &spans)?;
    Ok(weeks
        .iter()
        .zip(tables)
        .map(|(w, t)| WeekCounts {
            from: iso(w.from),
            to: iso(w.to),
            label: w.label(),
            short: w.short(),
            found: t.rows.iter().map(|r| r.hazards).collect(),
            closed: t.rows.iter().map(|r| r.rectified).collect(),
        })
        .collect())
}
