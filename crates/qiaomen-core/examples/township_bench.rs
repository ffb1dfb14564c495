//! Benchmark of the township's desk (issue 17): villages' packages into a township database.
//!
//! ```text
//! # the township's key beside DIR/town.sqlite3, and N packages of H households each,
//! # a season of inspections (Nov 2024 – Jan 2025), in DIR/pkgs/
//! township_bench gen DIR [N=30] [H=3000]
//! # after `qiaomen --db DIR/town.sqlite3 township init` and `township import DIR/pkgs/*`:
//! township_bench bench DIR/town.sqlite3
//! ```
//! `tools/bench_township.sh` runs the whole comparison (BENCHMARKS.md, "Township").
//!
//! Each village: H households in H/100 grids, 10 % with a named vulnerable person, seven
//! rounds (November, then two a month), three visits per household (one in each of
//! November, December and January) with 16 answers each, 0.8 hazards per visit (60 %
//! 防小火亡人事故, 5 % major, 40 % fixed on the spot, 40 % closed 1–20 days later with a
//! revisit for half of those, 20 % open; 2 % of hazards with a 防控措施, 1 % escalated),
//! 60 publicity events. Village 0 also gets a newer package (sequence 2: 30 more
//! households, 100 hazards closed) for the re-import.

use qiaomen_core::township::keys;
use qiaomen_core::township::package::{
    self, Lock, Package, PackageSettings, PkEscalation, PkGrid, PkHazard, PkHousehold,
    PkInspection, PkMeasure, PkPerson, PkPublicity, PkRevisit, PkRound, PkTemplate, VillageInfo,
};
use std::path::Path;
use std::time::Instant;

const CATEGORIES: [&str; 7] = qiaomen_core::Category::NAMES;

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

/// The id of a village's record of one kind: `h003-00000042`.
fn rid(i: u64, kind: &str, n: u64) -> String {
    format!("{kind}{i:03}-{n:08}")
}

/// A village's grids (100 households each), households and vulnerable people.
fn register(i: u64, name: &str, households: u64) -> (Vec<PkGrid>, Vec<PkHousehold>, Vec<PkPerson>) {
    let id = |kind: &str, n: u64| rid(i, kind, n);
    let grids: Vec<PkGrid> = (0..households.div_ceil(100))
        .map(|g| PkGrid {
            id: id("g", g),
            no: g as i64 + 1,
            name: format!("{}组", g + 1),
            leader: format!("网格长{g}"),
            leader_phone: format!("139{:08}", i * 1000 + g),
        })
        .collect();
    let hh: Vec<PkHousehold> = (0..households)
        .map(|n| PkHousehold {
            id: id("h", n),
            code: format!("{:02}{:03}", n / 100 + 1, n % 100 + 1),
            grid_id: Some(id("g", n / 100)),
            name: format!("户主{n}"),
            name_initials: "hz".into(),
            address: format!("{name}{}组{}号", n / 100 + 1, n % 100 + 1),
            village_group: String::new(),
            floors: Some(2),
            residents: Some(1 + (n % 5) as i64),
            vulnerable: Some((n % 10 == 0) as i64),
            area: None,
            nature: "居民住宅".into(),
            structure: "砖混结构".into(),
            floors_used: "地上".into(),
            contact: String::new(),
            phone: format!("138{:08}", i * 100_000 + n),
            template_id: String::new(),
            note: String::new(),
            attributes: if n % 10 == 0 {
                vec!["弱势群体".into()]
            } else {
                vec![]
            },
        })
        .collect();
    let people: Vec<PkPerson> = (0..households)
        .filter(|n| n % 10 == 0)
        .map(|n| PkPerson {
            id: id("p", n),
            household_id: id("h", n),
            name: format!("老人{n}"),
            categories: "独居老人".into(),
            gender: "女".into(),
            birth_date: Some("1940-03-01".into()),
            phone: String::new(),
            guardian: format!("子女{n}"),
            guardian_phone: format!("137{:08}", n),
            note: String::new(),
        })
        .collect();
    (grids, hh, people)
}

/// November, then two rounds a month until February.
fn rounds(i: u64) -> Vec<PkRound> {
    let id = |kind: &str, n: u64| rid(i, kind, n);
    let mut rounds = vec![PkRound {
        id: id("r", 0),
        name: "第一轮".into(),
        start_date: "2024-11-01".into(),
        end_date: "2024-11-30".into(),
        note: String::new(),
    }];
    for (k, (a, b)) in [
        ("2024-12-01", "2024-12-15"),
        ("2024-12-16", "2024-12-31"),
        ("2025-01-01", "2025-01-15"),
        ("2025-01-16", "2025-01-31"),
        ("2025-02-01", "2025-02-14"),
        ("2025-02-15", "2025-02-28"),
    ]
    .iter()
    .enumerate()
    {
        rounds.push(PkRound {
            id: id("r", k as u64 + 1),
            name: format!("第{}轮", ["二", "三", "四", "五", "六", "七"][k]),
            start_date: a.to_string(),
            end_date: b.to_string(),
            note: String::new(),
        });
    }
    rounds
}

/// The season's records of a village besides its register.
#[derive(Default)]
struct Season {
    inspections: Vec<PkInspection>,
    hazards: Vec<PkHazard>,
    revisits: Vec<PkRevisit>,
    measures: Vec<PkMeasure>,
    escalations: Vec<PkEscalation>,
}

/// Three visits per household (November, December, January) and what they found.
fn season(i: u64, households: u64, rng: &mut Rng) -> Season {
    let id = |kind: &str, n: u64| rid(i, kind, n);
    let mut s = Season {
        inspections: Vec::with_capacity(households as usize * 3),
        ..Default::default()
    };
    for n in 0..households {
        for month in 0..3u64 {
            let d = month * 30 + rng.below(28);
            let visit = day(d);
            let iid = id("i", n * 3 + month);
            let mut answers = String::with_capacity(16);
            for _ in 0..16 {
                answers.push(if rng.below(8) == 0 { 'Y' } else { 'N' });
            }
            let k = match rng.below(10) {
                0..=3 => 0,
                4..=7 => 1,
                _ => 2,
            };
            for _ in 0..k {
                hazard(i, &mut s, rng, (n, d), &iid, &visit);
            }
            s.inspections.push(PkInspection {
                id: iid,
                household_id: id("h", n),
                template_id: "xq2024".into(),
                template_version: 1,
                visit_date: visit,
                inspectors: "网格员甲、网格员乙".into(),
                other_hazards: String::new(),
                assigned: String::new(),
                signed: true,
                source: "keyed".into(),
                note: String::new(),
                answers,
            });
        }
    }
    s
}

/// One hazard found at a visit on day `d` to household `n`, with its follow-up.
fn hazard(i: u64, s: &mut Season, rng: &mut Rng, (n, d): (u64, u64), iid: &str, visit: &str) {
    let id = |kind: &str, n: u64| rid(i, kind, n);
    let hid = id("z", s.hazards.len() as u64);
    let cat = CATEGORIES[match rng.below(10) {
        0..=5 => 2,
        6 | 7 => 0,
        8 => 1,
        _ => rng.below(7) as usize,
    }];
    let (status, closed) = match rng.below(10) {
        0..=3 => ("fixed_on_site", Some(visit.to_string())),
        4..=7 => ("closed", Some(day(d + 1 + rng.below(20)))),
        _ => ("open", None),
    };
    if status == "closed" && rng.below(2) == 0 {
        s.revisits.push(PkRevisit {
            id: id("v", s.revisits.len() as u64),
            hazard_id: hid.clone(),
            visit_date: day(d + 1),
            visitor: "网格员".into(),
            result: "正在整改".into(),
            note: String::new(),
        });
    }
    if status == "open" && rng.below(10) == 0 {
        s.measures.push(PkMeasure {
            id: id("m", s.measures.len() as u64),
            hazard_id: hid.clone(),
            taken_on: day(d + 2),
            description: "设置警示标志，每日巡查".into(),
        });
        if rng.below(2) == 0 {
            s.escalations.push(PkEscalation {
                hazard_id: hid.clone(),
                escalated_to: "镇党委、镇政府".into(),
                escalated_on: day(d + 3),
                note: String::new(),
            });
        }
    }
    s.hazards.push(PkHazard {
        id: hid,
        inspection_id: iid.to_string(),
        household_id: id("h", n),
        source: "item".into(),
        item_no: Some((rng.below(14) + 2) as i64),
        description: "电气线路老化、年久失修".into(),
        category: cat.into(),
        major: rng.below(20) == 0,
        status: status.into(),
        found_on: visit.to_string(),
        deadline: (status != "fixed_on_site").then(|| day(d + 7)),
        closed_on: closed,
        rectification: "更换老化电线".into(),
        note: String::new(),
    });
}

/// 60 publicity events over the season.
fn publicity(i: u64, rng: &mut Rng) -> Vec<PkPublicity> {
    let id = |kind: &str, n: u64| rid(i, kind, n);
    (0..60)
        .map(|n| PkPublicity {
            id: id("e", n),
            date: day(rng.below(90)),
            category: CATEGORIES[rng.below(7) as usize].into(),
            kind: "广播".into(),
            sessions: (rng.below(3) + 1) as i64,
            people: (rng.below(300) + 10) as i64,
            note: String::new(),
        })
        .collect()
}

/// A village's package: see the module documentation for its shape.
fn village(i: u64, households: u64) -> Package {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (i + 1).wrapping_mul(0x1234_5678_9ABC_DEF1));
    let name = format!("基准村{i:03}");
    let (grids, hh, people) = register(i, &name, households);
    let rounds = rounds(i);
    let Season {
        inspections,
        hazards,
        revisits,
        measures,
        escalations,
    } = season(i, households, &mut rng);
    let publicity = publicity(i, &mut rng);
    let template = qiaomen_core::templates::BUILTIN[0];
    Package {
        format: package::FORMAT,
        app_version: "bench".into(),
        village: VillageInfo {
            id: format!("01936b2a-0000-7000-8000-{:012x}", i),
            name,
            township: "基准镇".into(),
            contact: "文书".into(),
            phone: String::new(),
        },
        sequence: 1,
        exported_at: "2025-02-01T08:00:00.000Z".into(),
        settings: PackageSettings {
            period_mode: "cycle23".into(),
            deadline_days: 7,
        },
        grids,
        households: hh,
        people,
        templates: vec![PkTemplate {
            id: "xq2024".into(),
            version: 1,
            name: "安全隐患排查清单".into(),
            body: template.to_string(),
        }],
        rounds,
        inspections,
        hazards,
        revisits,
        measures,
        escalations,
        publicity,
    }
}

fn gen(dir: &Path, villages: u64, households: u64) -> qiaomen_core::Result<()> {
    let t0 = Instant::now();
    std::fs::create_dir_all(dir.join("pkgs"))?;
    let (key, _) = keys::ensure_identity(&dir.join("town.sqlite3"))?;
    let to = key.to_public();
    let mut bytes = 0u64;
    for i in 0..villages {
        let mut p = village(i, households);
        bytes += package::write(&dir.join(format!("pkgs/v{i:03}.qmpkg")), &p, Lock::Key(&to))?;
        if i == 0 {
            // The newer package: 30 more households, 100 open hazards closed.
            p.sequence = 2;
            p.exported_at = "2025-02-08T08:00:00.000Z".into();
            for n in households..households + 30 {
                let mut h = p.households[0].clone();
                h.id = format!("h000-{n:08}");
                h.code = format!("99{n:05}");
                p.households.push(h);
            }
            for h in p
                .hazards
                .iter_mut()
                .filter(|h| h.status == "open")
                .take(100)
            {
                h.status = "closed".into();
                h.closed_on = Some("2025-02-05".into());
            }
            package::write(&dir.join("v000-2.qmpkg"), &p, Lock::Key(&to))?;
        }
    }
    eprintln!(
        "{villages} packages of {households} households: {:.1} MB in {:.1} s",
        bytes as f64 / 1e6,
        t0.elapsed().as_secs_f64()
    );
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
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{label}: first {first:.1} ms, median {:.1} ms, max {:.1} ms ({runs} runs)",
        times[runs / 2],
        times[runs - 1]
    );
    last.ok_or_else(|| qiaomen_core::Error::internal("no run"))
}

fn bench(path: &Path) -> qiaomen_core::Result<()> {
    use qiaomen_core::township::{report, views};
    let store = qiaomen_core::open(path)?;
    let c = store.conn();
    let n = |sql: &str| -> qiaomen_core::Result<i64> { Ok(c.query_row(sql, [], |r| r.get(0))?) };
    println!(
        "township database: {} villages, {} households, {} inspections, {} hazards",
        n("SELECT count(*) FROM tw_villages")?,
        n("SELECT count(*) FROM tw_households")?,
        n("SELECT count(*) FROM tw_inspections")?,
        n("SELECT count(*) FROM tw_hazards")?
    );
    let t = time(
        "township table, cycle 2024-12 (with every village's)",
        21,
        || report::compute(c, "2024-11-23", "2024-12-22"),
    )?;
    println!(
        "  {} hazards found, {} rectified",
        t.table.total.hazards, t.table.total.rectified
    );
    time("township table, calendar month 2024-12", 21, || {
        report::compute(c, "2024-12-01", "2024-12-31")
    })?;
    let v = time("villages table, as of 2024-12-20", 21, || {
        views::villages(c, Some("2024-12-20"))
    })?;
    println!(
        "  {} households, {} visited this round, {} open, {} overdue",
        v.total.households, v.total.visited, v.total.hazards_open, v.total.hazards_overdue
    );
    time("cross-village ledger, overdue, first 500", 5, || {
        views::hazards(
            c,
            &views::TwHazardQuery {
                overdue: true,
                as_of: Some("2024-12-20".into()),
                limit: Some(500),
                ..Default::default()
            },
        )
    })?;
    Ok(())
}

fn main() -> qiaomen_core::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize, d: u64| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(d);
    match (args.get(1).map(String::as_str), args.get(2)) {
        (Some("gen"), Some(dir)) => gen(Path::new(dir), arg(3, 30), arg(4, 3000)),
        (Some("bench"), Some(db)) => bench(Path::new(db)),
        _ => {
            eprintln!("usage: township_bench gen DIR [VILLAGES] [HOUSEHOLDS] | bench DB");
            std::process::exit(2);
        }
    }
}
