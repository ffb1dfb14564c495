//! The register's search at 100,000 households (issue 20; figures in BENCHMARKS.md): the
//! SQL scan (`households::list`), the index in memory (`households::list_cached`) and, for
//! comparison, an FTS5 trigram index over the same columns, each asked for the screen's
//! first page of 200 with the total, as the register asks on every pause in typing.
//!
//!     cargo run --release -p qiaomen-core --example search_bench [HOUSEHOLDS] [DB]
//!
//! With DB the database is kept there (made on the first run, reused after).

use qiaomen_core::grids::{self, GridInput};
use qiaomen_core::households::{self, HouseholdInput, HouseholdQuery, SearchCache};
use std::time::Instant;

const SURNAMES: &[&str] = &[
    "张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀兰", "霞",
];

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn generate(conn: &rusqlite::Connection, n: usize) {
    let tx = conn.unchecked_transaction().unwrap();
    let mut gids = Vec::new();
    for g in 0..(n / 500).max(1) {
        let input = GridInput {
            name: format!("第{}网格", g + 1),
            ..Default::default()
        };
        gids.push(grids::add(&tx, &input).unwrap().id);
    }
    for i in 0..n {
        let name = format!(
            "{}{}{}",
            SURNAMES[i % 20],
            GIVEN[(i / 20) % 20],
            if i % 3 == 0 {
                GIVEN[(i / 400) % 20]
            } else {
                ""
            }
        );
        let input = HouseholdInput {
            name,
            address: format!(
                "{}村{}组{}号",
                ["幸福", "和平", "东风", "红星"][i % 4],
                i / 100 % 30 + 1,
                i % 100 + 1
            ),
            phone: format!("13{:09}", (i as u64 * 7_919_993) % 1_000_000_000),
            grid_id: Some(gids[i % gids.len()].clone()),
            ..Default::default()
        };
        households::add(&tx, &input).unwrap();
    }
    tx.commit().unwrap();
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, f64, T) {
    let t = Instant::now();
    let mut out = f();
    let first = t.elapsed().as_secs_f64() * 1000.0;
    let mut v = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        out = f();
        v.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    (first, median(v), out)
}

fn fts_page(conn: &rusqlite::Connection, s: &str) -> (i64, usize) {
    let like = format!("%{s}%");
    // Trigram answers MATCH for 3+ characters; shorter needles need LIKE (a scan of the
    // FTS table; trigram can use its index for LIKE only from 3 characters too).
    let cond = if s.chars().count() >= 3 {
        "rowid IN (SELECT rowid FROM hh_fts WHERE hh_fts MATCH ?1)".to_string()
    } else {
        "rowid IN (SELECT rowid FROM hh_fts WHERE hh_fts LIKE ?1)".to_string()
    };
    let arg = if s.chars().count() >= 3 {
        format!("\"{s}\"")
    } else {
        like
    };
    let total: i64 = conn
        .query_row(
            &format!("SELECT count(*) FROM households WHERE {cond}"),
            [&arg],
            |r| r.get(0),
        )
        .unwrap_or(-1);
    let mut st = conn
        .prepare(&format!(
            "SELECT h.id FROM households h LEFT JOIN grids g ON g.id = h.grid_id WHERE h.{cond}
             ORDER BY coalesce(g.no, 1000000), h.code LIMIT 200"
        ))
        .unwrap();
    let n = st
        .query_map([&arg], |r| r.get::<_, String>(0))
        .unwrap()
        .count();
    (total, n)
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let tmp = tempfile::tempdir().unwrap();
    let path = std::env::args()
        .nth(2)
        .map(Into::into)
        .unwrap_or_else(|| tmp.path().join("search.sqlite3"));
    let fresh = !path.exists();
    let store = qiaomen_core::open(&path).unwrap();
    let conn = store.conn();
    if fresh {
        let t = Instant::now();
        generate(conn, n);
        eprintln!(
            "generated {n} households in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    let t = Instant::now();
    conn.execute_batch(
        "DROP TABLE IF EXISTS temp.hh_fts;
         CREATE VIRTUAL TABLE temp.hh_fts USING fts5(name, address, phone, contact, tokenize = 'trigram');
         INSERT INTO temp.hh_fts (rowid, name, address, phone, contact)
           SELECT rowid, name, address, phone, contact FROM households;",
    )
    .unwrap();
    let fts_build = t.elapsed().as_secs_f64() * 1000.0;
    let mut cache = SearchCache::default();
    let t = Instant::now();
    households::list_cached(
        conn,
        &mut cache,
        &HouseholdQuery {
            limit: Some(0),
            ..Default::default()
        },
    )
    .unwrap();
    println!(
        "households: {n}; index built in {:.1} ms; FTS5 trigram (temp) built in {fts_build:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    println!(
        "{:<14} {:>7} | {:>12} {:>12} | {:>12} {:>12} | {:>12}",
        "search",
        "matches",
        "SQL first",
        "SQL median",
        "index first",
        "index median",
        "FTS5 median"
    );
    for s in [
        "",
        "张",
        "zs",
        "王秀英",
        "幸福村12组",
        "1391",
        "wxy",
        "没有这个人",
    ] {
        let q = HouseholdQuery {
            search: (!s.is_empty()).then(|| s.to_string()),
            limit: Some(200),
            ..Default::default()
        };
        let (sf, sm, want) = time(9, || households::list(conn, &q).unwrap());
        let mut fresh_cache = SearchCache::default();
        households::list_cached(
            conn,
            &mut fresh_cache,
            &HouseholdQuery {
                limit: Some(0),
                ..Default::default()
            },
        )
        .unwrap();
        let (cf, cm, got) = time(21, || {
            households::list_cached(conn, &mut fresh_cache, &q).unwrap()
        });
        assert_eq!(got.total, want.total, "{s}");
        assert_eq!(got.items.len(), want.items.len(), "{s}");
        let (_, fm, (ft, _)) =
            if s.is_empty() || s.is_ascii() && !s.chars().all(|c| c.is_ascii_digit()) {
                (0.0, f64::NAN, (-1, 0))
            } else {
                time(9, || fts_page(conn, s))
            };
        let fts = if fm.is_nan() {
            "—".to_string()
        } else {
            format!("{fm:.1} ms ({ft})")
        };
        println!(
            "{:<14} {:>7} | {sf:>9.1} ms {sm:>9.1} ms | {cf:>9.2} ms {cm:>9.2} ms | {fts:>12}",
            format!("{s:?}"),
            want.total
        );
    }
    // A key after a write: the index is rebuilt once.
    households::add(
        conn,
        &HouseholdInput {
            name: "新户".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let q = HouseholdQuery {
        search: Some("张".into()),
        limit: Some(200),
        ..Default::default()
    };
    let t = Instant::now();
    households::list_cached(conn, &mut cache, &q).unwrap();
    println!(
        "first search after a write (index rebuilt): {:.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
}
