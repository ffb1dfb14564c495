//! Benchmark of the 工作台 (issue 19): the whole screen from the database.
//!
//! ```text
//! # a village of 20,000 households in 200 grids, a season of rounds (第一轮 from
//! # 2024-11-20, then two a month) visited up to 2025-01-10, their hazards and publicity
//! cargo run --release -p qiaomen-core --example desk_bench -- gen /tmp/desk.sqlite3
//! # time desk::compute as of 2025-01-10 (and its parts), then the written report
//! cargo run --release -p qiaomen-core --example desk_bench -- bench /tmp/desk.sqlite3
//! ```
//!
//! Sizes can be changed: `gen FILE HOUSEHOLDS`.

use chrono::{Duration, NaiveDate};
use qiaomen_core::{desk, narrative, stats};
use rusqlite::params;
use std::path::Path;
use std::time::Instant;

const CATEGORIES: [&str; 7] = qiaomen_core::Category::NAMES;
const TODAY: &str = "2025-01-10";

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn d(s: &str) -> NaiveDate {
    qiaomen_core::parse_date(s).expect("date")
}

/// 第一轮 2024-11-20..30, then the 1st–15th and 16th–end of each month to March.
fn rounds() -> Vec<(String, NaiveDate, NaiveDate)> {
    let mut out = vec![("第1轮".to_string(), d("2024-11-20"), d("2024-11-30"))];
    for (y, m) in [(2024, 12), (2025, 1), (2025, 2), (2025, 3)] {
        let first = NaiveDate::from_ymd_opt(y, m, 1).expect("month");
        let next = if m == 12 {
            NaiveDate::from_ymd_opt(y + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(y, m + 1, 1)
        }
        .expect("month");
        let n = out.len() + 1;
        out.push((format!("第{n}轮"), first, first + Duration::days(14)));
        out.push((
            format!("第{}轮", n + 1),
            first + Duration::days(15),
            next - Duration::days(1),
        ));
    }
    out
}

fn gen(path: &Path, households: u64) -> qiaomen_core::Result<()> {
    if path.exists() {
        eprintln!("{} exists; remove it first", path.display());
        std::process::exit(2);
    }
    let t0 = Instant::now();
    let mut store = qiaomen_core::open(path)?;
    qiaomen_core::settings::save(
        store.conn(),
        &qiaomen_core::settings::UnitSettings {
            unit_name: "基准村".into(),
            contact: "测试".into(),
            season_start: "2024-11-20".into(),
            season_end: "2025-03-31".into(),
            ..Default::default()
        },
    )?;
    let today = d(TODAY);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let now = "2024-11-01T00:00:00.000Z";
    let grids = (households / 100).max(1);
    let tx = store.conn_mut().transaction()?;
    let (mut visits, mut hz) = (0u64, 0u64);
    {
        register(&tx, households, grids, now)?;
        let mut r = tx.prepare(
            "INSERT INTO rounds (id, name, start_date, end_date, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        )?;
        let mut i = tx.prepare(
            "INSERT INTO inspections (id, household_id, template_id, template_version, visit_date,
                created_at, updated_at) VALUES (?1, ?2, 'xq2024', 1, ?3, ?4, ?4)",
        )?;
        let mut z = tx.prepare(
            "INSERT INTO hazards (id, inspection_id, household_id, source, item_no, description,
                category, major, status, found_on, deadline, closed_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'item', ?4, '隐患', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        )?;
        for (k, (name, start, end)) in rounds().into_iter().enumerate() {
            r.execute(params![
                format!("r{k:02}"),
                name,
                start.to_string(),
                end.to_string(),
                now
            ])?;
            if start > today {
                continue;
            }
            let last = end.min(today);
            let days = (last - start).num_days() as u64 + 1;
            let span = (end - start).num_days() as u64 + 1;
            for n in 0..households {
                // 92 % of households per round, fewer in the round still running.
                if rng.below(100 * span) >= 92 * days {
                    continue;
                }
                let visit = start + Duration::days(rng.below(days) as i64);
                let keyed = (visit + Duration::days(rng.below(3) as i64)).min(today);
                let stamp = format!("{keyed}T0{}:{:02}:00.000Z", rng.below(10), rng.below(60));
                let id = format!("i{visits:08}");
                let hh = format!("h{n:07}");
                i.execute(params![id, hh, visit.to_string(), stamp])?;
                visits += 1;
                let count = match rng.below(20) {
                    0..=14 => 0,
                    15..=18 => 1,
                    _ => 2,
                };
                for _ in 0..count {
                    let cat = CATEGORIES[match rng.below(10) {
                        0..=5 => 2,
                        6 | 7 => 0,
                        8 => 1,
                        _ => rng.below(7) as usize,
                    }];
                    let closed_on = visit + Duration::days(1 + rng.below(20) as i64);
                    let (status, closed, deadline) = match rng.below(10) {
                        0..=3 => ("fixed_on_site", Some(visit.to_string()), None),
                        4..=7 if closed_on <= today => {
                            ("closed", Some(closed_on.to_string()), None)
                        }
                        _ => ("open", None, Some((visit + Duration::days(7)).to_string())),
                    };
                    z.execute(params![
                        format!("z{hz:08}"),
                        id,
                        hh,
                        (rng.below(15) + 2) as i64,
                        cat,
                        (rng.below(20) == 0) as i64,
                        status,
                        visit.to_string(),
                        deadline,
                        closed,
                        stamp
                    ])?;
                    hz += 1;
                }
            }
        }
    }
    publicity(&tx, &mut rng, now)?;
    tx.commit()?;
    store
        .conn()
        .execute_batch("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);")?;
    eprintln!(
        "{households} households in {grids} grids, {visits} inspections, {hz} hazards, \
         300 publicity events; generated in {:.1} s",
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The grids (100 households each) and their households.
fn register(
    tx: &rusqlite::Transaction,
    households: u64,
    grids: u64,
    now: &str,
) -> qiaomen_core::Result<()> {
    let mut g = tx.prepare(
        "INSERT INTO grids (id, no, name, leader, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?;
    for n in 1..=grids {
        g.execute(params![
            format!("g{n:04}"),
            n as i64,
            format!("第{n}网格"),
            format!("网格长{n}"),
            now
        ])?;
    }
    let mut h = tx.prepare(
        "INSERT INTO households (id, code, grid_id, name, address, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?;
    for n in 0..households {
        h.execute(params![
            format!("h{n:07}"),
            format!("{:03}{:05}", n % grids + 1, n),
            format!("g{:04}", n % grids + 1),
            format!("户主{n}"),
            format!("基准村{}组{}号", n % 12 + 1, n),
            now
        ])?;
    }
    Ok(())
}

/// 300 publicity events over the first weeks of the season.
fn publicity(tx: &rusqlite::Transaction, rng: &mut Rng, now: &str) -> qiaomen_core::Result<()> {
    let mut p = tx.prepare(
        "INSERT INTO publicity (id, event_date, category, kind, sessions, people, created_at,
            updated_at) VALUES (?1, ?2, ?3, '广播', ?4, ?5, ?6, ?6)",
    )?;
    for n in 0..300u64 {
        p.execute(params![
            format!("p{n:05}"),
            (d("2024-11-20") + Duration::days(rng.below(52) as i64)).to_string(),
            CATEGORIES[rng.below(7) as usize],
            (rng.below(3) + 1) as i64,
            (rng.below(300) + 10) as i64,
            now
        ])?;
    }
    Ok(())
}

/// This process's CPU time (user + system) in ms, from /proc/self/stat (Linux; clock ticks
/// of 10 ms, so it is read around many runs).
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks * 10.0)
}

fn time<T>(
    label: &str,
    runs: usize,
    mut f: impl FnMut() -> qiaomen_core::Result<T>,
) -> qiaomen_core::Result<T> {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    let cpu0 = cpu_ms();
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(f()?);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    // On a loaded machine the wall time is mostly waiting for a core: the process's own CPU
    // time per call says what the work costs.
    let cpu = cpu_ms().zip(cpu0).map(|(b, a)| (b - a) / runs as f64);
    let first = times[0];
    let mut sorted = times.clone();
    sorted.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{label}: first {first:.1} ms, median {:.1} ms, min {:.1} ms, max {:.1} ms ({runs} runs); \
         CPU {} ms per call",
        sorted[runs / 2],
        sorted[0],
        sorted[runs - 1],
        cpu.map_or("?".into(), |c| format!("{c:.1}"))
    );
    last.ok_or_else(|| qiaomen_core::Error::internal("no run"))
}

fn bench(path: &Path) -> qiaomen_core::Result<()> {
    let t = Instant::now();
    let store = qiaomen_core::open(path)?;
    println!("open: {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
    let c = store.conn();
    let count =
        |sql: &str| -> qiaomen_core::Result<i64> { Ok(c.query_row(sql, [], |r| r.get(0))?) };
    println!(
        "database: {} households, {} grids, {} rounds, {} inspections, {} hazards ({} open)",
        count("SELECT count(*) FROM households")?,
        count("SELECT count(*) FROM grids")?,
        count("SELECT count(*) FROM rounds")?,
        count("SELECT count(*) FROM inspections")?,
        count("SELECT count(*) FROM hazards")?,
        count("SELECT count(*) FROM hazards WHERE status = 'open'")?
    );
    let today = d(TODAY);
    let tmp = std::env::temp_dir().join(format!("desk-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).map_err(|e| qiaomen_core::Error::file(&tmp, &e))?;
    let backups = tmp.join("backups");
    qiaomen_core::backup::backup_into(&store, &backups, qiaomen_core::backup::BackupKind::Daily)?;
    let dk = time("desk::compute (the whole 工作台)", 21, || {
        desk::compute(&store, today, Some(&backups))
    })?;
    println!(
        "  overdue {}, due within 3 days {}, {} grids with some; round {}: {}/{} visited; \
         keyed today {}, this period {}; {} weeks",
        dk.hazards.overdue,
        dk.hazards.due_soon,
        dk.hazards.by_grid.len(),
        dk.coverage.as_ref().map_or("-", |c| c.round.name.as_str()),
        dk.coverage.as_ref().map_or(0, |c| c.visited),
        dk.coverage.as_ref().map_or(0, |c| c.households),
        dk.keyed.today,
        dk.keyed.in_period,
        dk.weekly.weeks.len()
    );
    time("  part: coverage of the current round", 21, || {
        let r = qiaomen_core::rounds::current(c, Some(TODAY))?;
        qiaomen_core::rounds::coverage(c, &r.map(|r| r.id).unwrap_or_default())
    })?;
    time("  part: weekly counts of the season", 21, || {
        desk::weekly(c, &dk.weekly.season, today)
    })?;
    time("  part: backup status", 21, || {
        qiaomen_core::backup::status(&store, &backups)
    })?;
    time(
        "table, cycle 2024-12-23..2025-01-22 (stats::compute)",
        21,
        || stats::compute(c, "2024-12-23", "2025-01-22"),
    )?;
    let spec = stats::PeriodSpec::Cycle {
        month: "2025-01".into(),
    };
    let out = tmp.join("narrative.docx");
    time(
        "written report, cycle 2025-01 (.docx with chart)",
        5,
        || narrative::save(c, &spec, today, &out),
    )?;
    let season = stats::PeriodSpec::Season { date: TODAY.into() };
    time("written report, the season (工作总结)", 3, || {
        narrative::save(c, &season, today, &out)
    })?;
    let _ = std::fs::remove_dir_all(&tmp);
    Ok(())
}

fn main() -> qiaomen_core::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("gen") if args.len() >= 3 => {
            let n = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(20_000);
            gen(Path::new(&args[2]), n)
        }
        Some("bench") if args.len() >= 3 => bench(Path::new(&args[2])),
        _ => {
            eprintln!("usage: desk_bench gen FILE [HOUSEHOLDS] | desk_bench bench FILE");
            std::process::exit(2);
        }
    }
}
