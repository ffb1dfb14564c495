//! Benchmark of the month's statistics table (附件2).
//!
//! ```text
//! # make a database: 100,000 households, 300,000 inspections (Nov 2024 – Feb 2025),
//! # about 0.8 hazards per inspection, 2,000 publicity events
//! cargo run --release -p qiaomen-core --example stats_bench -- gen /tmp/big.sqlite3
//! # time the table for December 2024 (calendar month and the 23rd-to-22nd cycle)
//! cargo run --release -p qiaomen-core --example stats_bench -- bench /tmp/big.sqlite3
//! ```
//!
//! Sizes can be changed: `gen FILE HOUSEHOLDS INSPECTIONS`.

use qiaomen_core::stats::{self, Column};
const CATEGORIES: [&str; 7] = qiaomen_core::Category::NAMES;
use rusqlite::params;
use std::path::Path;
use std::time::Instant;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn day(offset: u64) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2024, 11, 1).unwrap();
    (start + chrono::Duration::days(offset as i64)).to_string()
}

fn gen(path: &Path, households: u64, inspections: u64) -> qiaomen_core::Result<()> {
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
            ..Default::default()
        },
    )?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let now = "2024-11-01T00:00:00.000Z";
    let tx = store.conn_mut().transaction()?;
    {
        let mut h = tx.prepare(
            "INSERT INTO households (id, code, name, address, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        )?;
        for n in 0..households {
            h.execute(params![
                format!("h{n:07}"),
                format!("{:02}{:05}", n % 90 + 1, n),
                format!("户主{n}"),
                format!("基准村{}组{}号", n % 12 + 1, n),
                now
            ])?;
        }
        let mut i = tx.prepare(
            "INSERT INTO inspections (id, household_id, template_id, template_version, visit_date,
                created_at, updated_at) VALUES (?1, ?2, 'xq2024', 1, ?3, ?4, ?4)",
        )?;
        let mut z = tx.prepare(
            "INSERT INTO hazards (id, inspection_id, household_id, source, item_no, description,
                category, major, status, found_on, deadline, closed_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'item', ?4, '隐患', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        )?;
        let mut hz = 0u64;
        for n in 0..inspections {
            let hh = format!("h{:07}", rng.below(households));
            let d = rng.below(120); // Nov 2024 – Feb 2025
            let visit = day(d);
            let id = format!("i{n:07}");
            i.execute(params![id, hh, visit, now])?;
            // 0, 1 or 2 hazards (mean 0.8).
            let k = match rng.below(10) {
                0..=3 => 0,
                4..=7 => 1,
                _ => 2,
            };
            for _ in 0..k {
                let cat = CATEGORIES[match rng.below(10) {
                    0..=5 => 2,
                    6 | 7 => 0,
                    8 => 1,
                    _ => rng.below(7) as usize,
                }];
                let major = (rng.below(20) == 0) as i64;
                let (status, closed) = match rng.below(10) {
                    0..=3 => ("fixed_on_site", Some(visit.clone())),
                    4..=7 => ("closed", Some(day(d + 1 + rng.below(20)))),
                    _ => ("open", None),
                };
                z.execute(params![
                    format!("z{hz:08}"),
                    id,
                    hh,
                    (rng.below(15) + 2) as i64,
                    cat,
                    major,
                    status,
                    visit,
                    day(d + 7),
                    closed,
                    now
                ])?;
                hz += 1;
            }
        }
        let mut p = tx.prepare(
            "INSERT INTO publicity (id, event_date, category, kind, sessions, people, created_at,
                updated_at) VALUES (?1, ?2, ?3, '广播', ?4, ?5, ?6, ?6)",
        )?;
        for n in 0..2000u64 {
            p.execute(params![
                format!("p{n:05}"),
                day(rng.below(120)),
                CATEGORIES[rng.below(7) as usize],
                (rng.below(3) + 1) as i64,
                (rng.below(300) + 10) as i64,
                now
            ])?;
        }
        eprintln!("{households} households, {inspections} inspections, {hz} hazards, 2000 publicity events");
    }
    tx.commit()?;
    store
        .conn()
        .execute_batch("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);")?;
    eprintln!("generated in {:.1} s", t0.elapsed().as_secs_f64());
    Ok(())
}

fn time<T>(
    label: &str,
    runs: usize,
    mut f: impl FnMut() -> qiaomen_core::Result<T>,
) -> qiaomen_core::Result<T> {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(f()?);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let first = times[0];
    let mut sorted = times.clone();
    sorted.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{label}: first {first:.1} ms, median {:.1} ms, min {:.1} ms, max {:.1} ms ({runs} runs)",
        sorted[runs / 2],
        sorted[0],
        sorted[runs - 1]
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
        "database: {} households, {} inspections, {} hazards, {} publicity events",
        count("SELECT count(*) FROM households")?,
        count("SELECT count(*) FROM inspections")?,
        count("SELECT count(*) FROM hazards")?,
        count("SELECT count(*) FROM publicity")?
    );
    let month = time("table, calendar month 2024-12", 21, || {
        stats::compute(c, "2024-12-01", "2024-12-31")
    })?;
    println!(
        "  December: {} hazards found, {} rectified, {} major, {} publicity sessions",
        month.total.hazards, month.total.rectified, month.total.major, month.total.sessions
    );
    time("table, cycle 2024-11-23..2024-12-22", 21, || {
        stats::compute(c, "2024-11-23", "2024-12-22")
    })?;
    time("table, one day 2024-12-05", 21, || {
        stats::compute(c, "2024-12-05", "2024-12-05")
    })?;
    time("table, whole season (4 months)", 5, || {
        stats::compute(c, "2024-11-01", "2025-02-28")
    })?;
    let cell = time(
        "drill-down, 防小火亡人事故 × 隐患总数 (December)",
        5,
        || {
            stats::cell(
                c,
                "2024-12-01",
                "2024-12-31",
                Some("防小火亡人事故"),
                Column::Hazards,
                None,
            )
        },
    )?;
    println!("  {} hazards listed", cell.hazards.len());
    time(
        "drill-down, same cell, first 500 (what the screen asks)",
        5,
        || {
            stats::cell(
                c,
                "2024-12-01",
                "2024-12-31",
                Some("防小火亡人事故"),
                Column::Hazards,
                Some(500),
            )
        },
    )?;
    let dir = std::env::temp_dir();
    let x = dir.join("stats_bench.xlsx");
    let meta = qiaomen_core::report_xlsx::Meta {
        phone: String::new(),
        report_date: qiaomen_core::today(),
    };
    time("table → xlsx file", 5, || {
        qiaomen_core::report_xlsx::save(&month, &meta, &x)
    })?;
    let _ = std::fs::remove_file(&x);
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let r = match args.first().map(String::as_str) {
        Some("gen") if args.len() >= 2 => {
            let h = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(100_000);
            let i = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(300_000);
            gen(Path::new(&args[1]), h, i)
        }
        Some("bench") if args.len() >= 2 => bench(Path::new(&args[1])),
        _ => {
            eprintln!(
                "usage: stats_bench gen FILE [HOUSEHOLDS INSPECTIONS] | stats_bench bench FILE"
            );
            std::process::exit(2);
        }
    };
    if let Err(e) = r {
        eprintln!("错误：{}", e.message);
        std::process::exit(1);
    }
}
