//! 工作台 (issue 19) on a real database file written by the entry functions: its numbers are
//! the ledger's, the round's coverage, the statistics table's and the backups'; the written
//! report says the same figures.

use chrono::{Local, NaiveDate, TimeZone, Utc};
use qiaomen_core::desk;
use qiaomen_core::grids::{self, GridInput};
use qiaomen_core::hazards::{self, EscalationInput, HazardQuery, HazardView, MeasureInput};
use qiaomen_core::households::{self, HouseholdInput};
use qiaomen_core::inspections::{self, ExtraHazardInput, InspectionInput};
use qiaomen_core::narrative;
use qiaomen_core::publicity::{self, PublicityInput};
use qiaomen_core::report_saves::{self, SavedFormat};
use qiaomen_core::rounds::{self, RoundInput};
use qiaomen_core::settings;
use qiaomen_core::stats::{self, PeriodSpec};
use qiaomen_core::Category;
use qiaomen_core::{backup, Store};
use std::collections::BTreeMap;
use std::io::Read;

fn d(s: &str) -> NaiveDate {
    qiaomen_core::parse_date(s).unwrap()
}

/// The UTC record stamp of local noon on `day` (a household keyed that day).
fn noon(day: &str) -> String {
    let t = d(day).and_hms_opt(12, 0, 0).unwrap();
    Local
        .from_local_datetime(&t)
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// A hazard found on a visit: description, category, major, fixed on the spot.
type Found = (&'static str, Category, bool, bool);

struct Village {
    _dir: tempfile::TempDir,
    store: Store,
}

impl Village {
    fn conn(&self) -> &rusqlite::Connection {
        self.store.conn()
    }
    fn dir(&self) -> &std::path::Path {
        self._dir.path()
    }
}

/// Two grids and a household without one; rounds 第一轮 (11-20..11-30) and 第二轮
/// (12-16..12-31); visits with hazards found from November to December, some closed, one
/// escalated with measures; publicity; inspections keyed on known days.
fn village() -> Village {
    let dir = tempfile::tempdir().unwrap();
    let store = qiaomen_core::open(&dir.path().join("q.sqlite3")).unwrap();
    let c = store.conn();
    let ids = register(c);
    visits(c, &ids);
    follow_up(c);
    publicity(c);
    keyed_when(c);
    Village { _dir: dir, store }
}

/// The office, two grids, seven households (rare characters among the names; every third
/// without a grid) and two rounds; returns the households' ids in order.
fn register(c: &rusqlite::Connection) -> Vec<String> {
    settings::save(
        c,
        &settings::UnitSettings {
            unit_name: "东村村民委员会".into(),
            contact: "王秀英".into(),
            phone: "13834561234".into(),
            season_start: "2024-11-20".into(),
            season_end: "2025-03-31".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let grid = |name: &str| {
        grids::add(
            c,
            &GridInput {
                name: name.into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id
    };
    let (g1, g2) = (grid("一网格"), grid("二网格"));
    let names = ["王䶮", "李堃", "张喆", "赵𠮷", "刘一", "陈二", "周三"];
    let mut ids = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let grid_id = match i % 3 {
            0 => Some(g1.clone()),
            1 => Some(g2.clone()),
            _ => None,
        };
        let h = households::add(
            c,
            &HouseholdInput {
                name: n.to_string(),
                address: format!("东村{}号", i + 1),
                grid_id,
                ..Default::default()
            },
        )
        .unwrap();
        ids.push(h.id);
    }
    for (name, from, to) in [
        ("第一轮", "2024-11-20", "2024-11-30"),
        ("第二轮", "2024-12-16", "2024-12-31"),
    ] {
        rounds::add(
            c,
            &RoundInput {
                name: name.into(),
                start_date: from.into(),
                end_date: to.into(),
                note: String::new(),
            },
        )
        .unwrap();
    }
    ids
}

/// Eight visits from 11-21 to 12-19 with the hazards they found.
fn visits(c: &rusqlite::Connection, ids: &[String]) {
    let (fire, gas, co) = (
        Category::SmallFire,
        Category::GasExplosion,
        Category::CoPoisoning,
    );
    // (household, visit date, hazards: (description, category, major, fixed on site))
    let visits: Vec<(usize, &str, Vec<Found>)> = vec![
        (0, "2024-11-21", vec![("电线老化", fire, false, false)]),
        (1, "2024-11-22", vec![("燃气软管破裂", gas, true, false)]),
        (2, "2024-11-25", vec![("杂物堆放", fire, false, true)]),
        (3, "2024-12-01", vec![("炭火取暖不通风", co, true, false)]),
        (
            4,
            "2024-12-10",
            vec![("电动车室内充电", fire, false, false)],
        ),
        (0, "2024-12-16", vec![("楼道堵塞", fire, false, false)]),
        (5, "2024-12-17", vec![]),
        (
            6,
            "2024-12-19",
            vec![("热水器废气未直排", co, false, false)],
        ),
    ];
    for (hh, date, hz) in visits {
        inspections::record(
            c,
            &InspectionInput {
                household_id: ids[hh].clone(),
                visit_date: date.into(),
                inspectors: "李四".into(),
                extra_hazards: hz
                    .iter()
                    .map(|(desc, cat, major, fixed)| ExtraHazardInput {
                        id: None,
                        description: desc.to_string(),
                        category: *cat,
                        major: *major,
                        fixed_on_site: *fixed,
                    })
                    .collect(),
                ..Default::default()
            },
        )
        .unwrap();
    }
}

/// The gas hose closed on 12-02; the charcoal heater escalated on 12-05 with a measure.
fn follow_up(c: &rusqlite::Connection) {
    let find = |desc: &str| {
        hazards::list(
            c,
            &HazardQuery {
                search: Some(desc.into()),
                ..Default::default()
            },
        )
        .unwrap()
        .items[0]
            .id
            .clone()
    };
    hazards::close(c, &find("燃气软管破裂"), "2024-12-02", "已更换").unwrap();
    let co_id = find("炭火取暖不通风");
    hazards::escalate(
        c,
        &co_id,
        &EscalationInput {
            escalated_to: "镇党委、镇政府".into(),
            escalated_on: "2024-12-05".into(),
            note: String::new(),
            measures: None,
        },
    )
    .unwrap();
    hazards::add_measure(
        c,
        &co_id,
        &MeasureInput {
            taken_on: "2024-12-06".into(),
            description: "安装一氧化碳报警器".into(),
        },
    )
    .unwrap();
}

/// Three publicity records (broadcasts) in the action's first weeks.
fn publicity(c: &rusqlite::Connection) {
    let (fire, gas, co) = (
        Category::SmallFire,
        Category::GasExplosion,
        Category::CoPoisoning,
    );
    for (date, cat, s, p) in [
        ("2024-11-28", co, 2, 150),
        ("2024-12-03", fire, 1, 60),
        ("2024-12-18", gas, 3, 210),
    ] {
        publicity::add(
            c,
            &PublicityInput {
                date: date.into(),
                category: cat,
                kind: "广播".into(),
                sessions: s,
                people: p,
                note: String::new(),
            },
        )
        .unwrap();
    }
}

/// When the forms were keyed: two today (12-20), one yesterday, the rest long before.
fn keyed_when(c: &rusqlite::Connection) {
    c.execute(
        "UPDATE inspections SET created_at = ?1",
        [noon("2024-11-10")],
    )
    .unwrap();
    let mut st = c
        .prepare("SELECT id FROM inspections ORDER BY visit_date DESC")
        .unwrap();
    let ins: Vec<String> = st
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (id, day) in ins.iter().zip(["2024-12-20", "2024-12-20", "2024-12-19"]) {
        c.execute(
            "UPDATE inspections SET created_at = ?1 WHERE id = ?2",
            [noon(day), id.clone()],
        )
        .unwrap();
    }
    drop(st);
}

#[test]
fn the_desk_numbers_are_the_screens_numbers() {
    let v = village();
    let c = v.conn();
    let today = d("2024-12-20");
    let backups = v.dir().join("backups");
    let k = desk::compute(&v.store, today, Some(&backups)).unwrap();

    // Overdue: the ledger's overdue view, hazard by hazard and grid by grid.
    let overdue = hazards::list(
        c,
        &HazardQuery {
            view: HazardView::Overdue,
            as_of: Some("2024-12-20".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(k.hazards.overdue, overdue.total);
    assert_eq!(
        k.hazards.overdue, 3,
        "电线老化, 炭火取暖, 电动车 (deadlines 11-28, 12-08, 12-17)"
    );
    let mut per_grid: BTreeMap<String, i64> = BTreeMap::new();
    for h in &overdue.items {
        *per_grid
            .entry(h.grid_id.clone().unwrap_or("-".into()))
            .or_default() += 1;
    }
    let desk_grid: BTreeMap<String, i64> = k
        .hazards
        .by_grid
        .iter()
        .filter(|g| g.overdue > 0)
        .map(|g| (g.grid_id.clone(), g.overdue))
        .collect();
    assert_eq!(desk_grid, per_grid);
    // Due within 3 days: 楼道堵塞 (12-23) and 热水器 (12-26 is not).
    let open = hazards::list(
        c,
        &HazardQuery {
            view: HazardView::Open,
            as_of: Some("2024-12-20".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let soon = open
        .items
        .iter()
        .filter(|h| matches!(h.deadline.as_deref(), Some(x) if ("2024-12-20"..="2024-12-23").contains(&x)))
        .count() as i64;
    assert_eq!((k.hazards.due_soon, soon), (1, 1));
    assert_eq!(k.hazards.due_by, "2024-12-23");
    // Open by category: the ledger's summary.
    let sum = hazards::summary(c, Some("2024-12-20")).unwrap();
    for (x, y) in k.open_by_category.iter().zip(&sum.by_category) {
        assert_eq!(x.category.name(), y.key);
        assert_eq!(
            (x.open, x.overdue, x.major_open),
            (y.open, y.overdue, y.major_open)
        );
    }

    // Coverage: the current round's, under-100 % grids first.
    let cov = k.coverage.as_ref().expect("a round is running");
    assert_eq!(cov.round.name, "第二轮");
    let theirs = rounds::coverage(c, &cov.round.id).unwrap();
    assert_eq!(
        (cov.households, cov.visited),
        (theirs.households, theirs.visited)
    );
    let mut a = cov.grids.clone();
    let mut b = theirs.grids.clone();
    a.sort_by(|x, y| x.grid.cmp(&y.grid));
    b.sort_by(|x, y| x.grid.cmp(&y.grid));
    assert_eq!(a, b);
    let full: Vec<bool> = cov
        .grids
        .iter()
        .map(|g| g.visited >= g.households)
        .collect();
    assert!(
        full.windows(2).all(|w| w[0] <= w[1]),
        "grids under 100 % first: {full:?}"
    );

    // Keyed today and this cycle (2024-11-23..2024-12-22).
    assert_eq!((k.keyed.today, k.keyed.in_period), (2, 3));
    // Double entry is off and nothing was keyed twice: no 未核对 line.
    assert_eq!(k.keyed.double_entry, None);
    assert_eq!(k.keyed.period.from, "2024-11-23");

    // The report due: the cycle ending 12-22, due 12-23, not saved; then saved.
    assert_eq!(
        (k.report.period.from.as_str(), k.report.period.to.as_str()),
        ("2024-11-23", "2024-12-22")
    );
    assert_eq!(
        (k.report.due_on.as_str(), k.report.days_left),
        ("2024-12-23", 3)
    );
    assert!(k.report.saved.is_none());

    // Weekly: every week's figures are the statistics table of that week.
    assert_eq!(k.weekly.season.from, "2024-11-20");
    assert_eq!(k.weekly.weeks.first().unwrap().from, "2024-11-20");
    assert_eq!(k.weekly.weeks.last().unwrap().to, "2024-12-20");
    let mut found = 0;
    for w in &k.weekly.weeks {
        let t = stats::compute(c, &w.from, &w.to).unwrap();
        let f: Vec<i64> = t.rows.iter().map(|r| r.hazards).collect();
        let r: Vec<i64> = t.rows.iter().map(|r| r.rectified).collect();
        assert_eq!((&w.found, &w.closed), (&f, &r), "week {}", w.label);
        found += t.total.hazards;
    }
    assert_eq!(
        found, 7,
        "every hazard of the season so far is in some week"
    );

    // Backups: none yet, then the daily one and a USB copy.
    let b = k.backup.as_ref().unwrap();
    assert!(b.last.is_none() && b.last_usb.is_none() && b.changed_since_last);
    backup::backup_into(&v.store, &backups, backup::BackupKind::Daily).unwrap();
    backup::backup_to(&v.store, &v.dir().join("U盘备份.sqlite3")).unwrap();
    let p = k.report.period.clone();
    report_saves::record(c, SavedFormat::Pdf, &p.from, &p.to, &v.dir().join("t.pdf")).unwrap();
    let k = desk::compute(&v.store, today, Some(&backups)).unwrap();
    let b = k.backup.unwrap();
    assert!(b.last.is_some() && !b.changed_since_last);
    assert!(b.last_usb.unwrap().path.ends_with("U盘备份.sqlite3"));
    assert_eq!(k.report.saved.unwrap().format, SavedFormat::Pdf);
    assert!(k.report.narrative_saved.is_none());
}

#[test]
fn several_periods_at_once_equal_each_period_alone() {
    let v = village();
    let c = v.conn();
    let spans: Vec<(String, String)> = [
        ("2024-11-01", "2024-11-30"),
        ("2024-11-23", "2024-12-22"),
        ("2024-12-02", "2024-12-02"),
        ("2024-11-20", "2025-03-31"),
        ("2024-11-23", "2024-12-22"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let each = stats::compute_each(c, &spans).unwrap();
    for ((f, t), table) in spans.iter().zip(&each) {
        assert_eq!(&stats::compute(c, f, t).unwrap(), table);
    }
    assert_eq!(each[3].total.hazards, 7);
    assert!(stats::compute_each(c, &[]).unwrap().is_empty());
}

fn docx_text(path: &std::path::Path) -> String {
    let f = std::fs::File::open(path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut s = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    let pictures = (0..z.len())
        .filter(|i| z.by_index(*i).unwrap().name().unwrap().ends_with(".png"))
        .count();
    assert_eq!(pictures, 1, "the weekly chart");
    s
}

#[test]
fn the_written_report_says_the_tables_figures() {
    let v = village();
    let c = v.conn();
    let spec = PeriodSpec::Cycle {
        month: "2024-12".into(),
    };
    let n = narrative::build(c, &spec, d("2024-12-23")).unwrap();
    assert_eq!(
        n.table,
        stats::compute(c, "2024-11-23", "2024-12-22").unwrap()
    );
    assert!(!n.summary && n.months.is_empty());
    assert_eq!(n.title, "东村村民委员会冬季安全“敲门行动”工作开展情况");
    // Open and overdue as of the report date: the ledger's.
    let overdue = hazards::list(
        c,
        &HazardQuery {
            view: HazardView::Overdue,
            as_of: Some("2024-12-23".into()),
            to: Some("2024-12-22".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let names: Vec<&str> = n
        .overdue
        .iter()
        .map(|h| h.household_name.as_str())
        .collect();
    assert_eq!(
        names,
        overdue
            .items
            .iter()
            .map(|h| h.household_name.as_str())
            .collect::<Vec<_>>()
    );
    assert!(names.contains(&"王䶮") && names.contains(&"赵𠮷"));
    assert_eq!(n.escalated.len(), 1);
    assert_eq!(n.rounds.len(), 2, "both rounds overlap the cycle");
    assert_eq!(n.visits, 6);

    let out = v.dir().join("工作开展情况.docx");
    let f = narrative::save(c, &spec, d("2024-12-23"), &out).unwrap();
    assert!(f.bytes > 10_000);
    let xml = docx_text(&out);
    for needle in [
        "工作开展情况",
        "王䶮",
        "赵𠮷",
        "安装一氧化碳报警器",
        "镇党委、镇政府",
        "防森林火灾",
        "第二轮",
    ] {
        assert!(xml.contains(needle), "{needle} missing");
    }
    let t = &n.table.total;
    assert!(xml.contains(&format!("排查隐患{}条，整改{}条", t.hazards, t.rectified)));
    let saved = report_saves::last_of(c, "2024-11-23", "2024-12-22", |f| f == SavedFormat::Docx)
        .unwrap()
        .unwrap();
    assert!(saved.path.ends_with("工作开展情况.docx"));

    // The season: the same parts plus a row per reporting period that add up to it.
    let season = PeriodSpec::Season {
        date: String::new(),
    };
    let s = narrative::build(c, &season, d("2025-04-01")).unwrap();
    assert!(s.summary);
    assert_eq!(
        (s.period.from.as_str(), s.period.to.as_str()),
        ("2024-11-20", "2025-03-31")
    );
    assert_eq!(s.months.len(), 6);
    let mut total = stats::StatsRow::new("合计");
    for (_, t) in &s.months {
        total.add(&t.total);
    }
    assert_eq!(total, s.table.total);
    assert_eq!(s.rounds.len(), 2);
    let out = v.dir().join("工作总结.docx");
    narrative::save(c, &season, d("2025-04-01"), &out).unwrap();
    let xml = docx_text(&out);
    assert!(xml.contains("工作总结") && xml.contains("各月情况") && xml.contains("第一轮"));
}

#[test]
fn the_desk_of_an_empty_database() {
    let store = Store::open_in_memory().unwrap();
    let k = desk::compute(&store, d("2024-10-10"), None).unwrap();
    assert_eq!(k.hazards.overdue, 0);
    assert!(k.coverage.is_none() && k.backup.is_none());
    assert!(k.weekly.weeks.is_empty(), "the season has not begun");
    assert_eq!(k.report.due_on, "2024-10-23");
}

#[test]
fn unverified_forms_are_double_entrys_own_count() {
    use qiaomen_core::inspections::verify_stats::{
        self, DoubleEntryMode, DoubleEntrySettings, VerifyPeriod,
    };
    let v = village();
    let c = v.conn();
    verify_stats::save_settings(
        c,
        &DoubleEntrySettings {
            mode: DoubleEntryMode::All,
            percent: 10,
        },
    )
    .unwrap();
    let household: String = c
        .query_row("SELECT id FROM households ORDER BY code LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    for date in ["2024-12-18", "2024-12-19"] {
        inspections::record(
            c,
            &InspectionInput {
                household_id: household.clone(),
                visit_date: date.into(),
                inspectors: "李四".into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let k = desk::compute(&v.store, d("2024-12-20"), None).unwrap();
    let de = k.keyed.double_entry.expect("double entry is on");
    assert_eq!(
        de,
        verify_stats::summary(c, &VerifyPeriod::default()).unwrap()
    );
    assert_eq!((de.due, de.verified, de.waiting), (2, 0, 2));
}
