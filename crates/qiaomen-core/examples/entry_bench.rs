//! Benchmark of the entry area on a village-and-a-half register (figures go in BENCHMARKS.md):
//! keying inspections one by one, the hazard ledger views, coverage, the household history,
//! the entry sheet written and read back, form codes scanned and second entries keyed.
//!
//!     cargo run --release -p qiaomen-core --example entry_bench [HOUSEHOLDS]
//!     ENTRY_BENCH_SHEET_ONLY=1 …   # the register and the entry sheet only

use qiaomen_core::entry_sheet::{self, EntrySheetOptions};
use qiaomen_core::formcode::{self, FormCode};
use qiaomen_core::grids::{self, GridInput};
use qiaomen_core::hazards::{self, HazardQuery, HazardView};
use qiaomen_core::households::{self, HouseholdInput};
use qiaomen_core::inspections::verify::{self, SecondEntryInput};
use qiaomen_core::inspections::{self, AnswerEntry, InspectionInput, InspectionQuery};
use qiaomen_core::rounds::{self, RoundInput};
use qiaomen_core::templates::Answer;
use qiaomen_core::{settings, sheet};
use std::time::Instant;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000);
    let dir = tempfile::tempdir().unwrap();
    let store = qiaomen_core::open(&dir.path().join("bench.sqlite3")).unwrap();
    let c = store.conn();
    let mut s = settings::load(c).unwrap();
    s.unit_name = "测试村".into();
    settings::save(c, &s).unwrap();
    let t = Instant::now();
    {
        let tx = c.unchecked_transaction().unwrap();
        let grid_count = n.div_ceil(10);
        let mut gids = Vec::new();
        for g in 0..grid_count {
            gids.push(
                grids::add(
                    &tx,
                    &GridInput {
                        name: format!("第{}网格", g + 1),
                        ..Default::default()
                    },
                )
                .unwrap()
                .id,
            );
        }
        for i in 0..n {
            households::add(
                &tx,
                &HouseholdInput {
                    name: format!("户主{i}"),
                    address: format!("{}组{}号", i / 10 + 1, i % 10 + 1),
                    grid_id: Some(gids[i / 10].clone()),
                    residents: Some(3),
                    ..Default::default()
                },
            )
            .unwrap();
        }
        tx.commit().unwrap();
    }
    println!("register: {n} households in {:.0} ms", ms(t));
    let all = households::list(c, &Default::default()).unwrap().items;

    // Keying: one inspection per household, each in its own transaction as the app does;
    // every 3rd household has two hazards.
    let template = qiaomen_core::templates::get(c, "xq2024", None).unwrap();
    // ENTRY_BENCH_SHEET_ONLY=1: only the entry sheet (the keying takes minutes).
    if std::env::var_os("ENTRY_BENCH_SHEET_ONLY").is_some() {
        sheet_part(dir.path(), &s, &template, n);
        return;
    }
    let mut times = Vec::with_capacity(n);
    let t = Instant::now();
    for (i, h) in all.iter().enumerate() {
        let answers: Vec<AnswerEntry> = template
            .items
            .iter()
            .map(|it| {
                let hazard = i.is_multiple_of(3) && (it.no == 4 || it.no == 5);
                let safe = match it.hazard_when {
                    Some(Answer::No) => Answer::Yes,
                    _ => Answer::No,
                };
                let answer = match (hazard, it.hazard_when) {
                    (true, Some(a)) => a,
                    _ => safe,
                };
                AnswerEntry {
                    item_no: it.no,
                    answer,
                }
            })
            .collect();
        let t1 = Instant::now();
        inspections::record(
            c,
            &InspectionInput {
                household_id: h.id.clone(),
                visit_date: format!("2024-12-{:02}", i % 20 + 1),
                inspectors: "李四、王五".into(),
                answers,
                signed: true,
                ..Default::default()
            },
        )
        .unwrap();
        times.push(ms(t1));
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "record: {n} inspections in {:.0} ms (median {:.2} ms, p95 {:.2} ms per form)",
        ms(t),
        times[n / 2],
        times[n * 95 / 100]
    );
    paper(c, &all, &template);

    for (label, view) in [
        ("open", HazardView::Open),
        ("overdue", HazardView::Overdue),
        ("all", HazardView::All),
    ] {
        let t = Instant::now();
        let p = hazards::list(
            c,
            &HazardQuery {
                view,
                as_of: Some("2024-12-25".into()),
                ..Default::default()
            },
        )
        .unwrap();
        println!("hazards list {label}: {} rows in {:.1} ms", p.total, ms(t));
    }
    let t = Instant::now();
    let p = hazards::list(
        c,
        &HazardQuery {
            view: HazardView::Open,
            limit: Some(500),
            ..Default::default()
        },
    )
    .unwrap();
    println!(
        "hazards list open, first 500 (what the screen shows): {} of {} in {:.1} ms",
        p.items.len(),
        p.total,
        ms(t)
    );
    let t = Instant::now();
    hazards::summary(c, Some("2024-12-25")).unwrap();
    println!("hazards summary by grid and category: {:.1} ms", ms(t));
    let t = Instant::now();
    let hist = qiaomen_core::history::history(c, &all[0].id).unwrap();
    println!(
        "household history: {} visits, {} hazards in {:.1} ms",
        hist.inspections.len(),
        hist.hazards.len(),
        ms(t)
    );

    let r = rounds::add(
        c,
        &RoundInput {
            name: "第二轮".into(),
            start_date: "2024-12-01".into(),
            end_date: "2024-12-15".into(),
            note: String::new(),
        },
    )
    .unwrap();
    let t = Instant::now();
    let cov = rounds::coverage(c, &r.id).unwrap();
    println!(
        "coverage: {} grids, {} visited / {} households in {:.1} ms",
        cov.grids.len(),
        cov.visited,
        cov.households,
        ms(t)
    );
    let t = Instant::now();
    let miss = rounds::not_visited(c, &r.id, None).unwrap();
    println!("not-visited list: {} rows in {:.1} ms", miss.len(), ms(t));
    let t = Instant::now();
    let xlsx = dir.path().join("missing.xlsx");
    rounds::export_not_visited(c, &r.id, None, &xlsx).unwrap();
    println!("not-visited xlsx: {:.0} ms", ms(t));
    let t = Instant::now();
    let pdf = rounds::not_visited_pdf(c, &r.id, None).unwrap();
    println!(
        "not-visited pdf: {} pages, {} KB in {:.0} ms",
        pdf.pages,
        pdf.bytes.len() / 1024,
        ms(t)
    );

    sheet_part(dir.path(), &s, &template, n);
}

/// The entry sheet: export, fill every row (as a grid worker would), import into a
/// database with the same register and no inspections.
fn sheet_part(
    dir: &std::path::Path,
    s: &settings::UnitSettings,
    template: &qiaomen_core::templates::Template,
    n: usize,
) {
    let store2 = qiaomen_core::open(&dir.join("bench2.sqlite3")).unwrap();
    let c2 = store2.conn();
    settings::save(c2, s).unwrap();
    c2.execute_batch(&format!(
        "ATTACH '{}' AS src;
         INSERT INTO grids SELECT * FROM src.grids;
         INSERT INTO households SELECT * FROM src.households;
         DETACH src;",
        dir.join("bench.sqlite3").display()
    ))
    .unwrap();
    // ENTRY_BENCH_AUDIT_ANSWERS=1: the answers' insert trigger as before migration 0009 (one
    // audit entry per answer), to compare the file's size side by side.
    if std::env::var_os("ENTRY_BENCH_AUDIT_ANSWERS").is_some() {
        c2.execute_batch(
            "CREATE TRIGGER audit_answers_insert AFTER INSERT ON answers
             BEGIN
                 INSERT INTO audit_log (entity, entity_id, action, old, new)
                 VALUES ('answers', NEW.inspection_id || '#' || NEW.item_no, 'insert', NULL, NULL);
             END;",
        )
        .unwrap();
    }
    let blank = dir.join("blank.xlsx");
    let t = Instant::now();
    entry_sheet::export(c2, &EntrySheetOptions::default(), &blank).unwrap();
    println!("entry sheet export: {n} rows in {:.0} ms", ms(t));
    let filled = dir.join("filled.xlsx");
    fill(&blank, &filled, template);
    let t = Instant::now();
    let rep = entry_sheet::import(c2, &filled, &|_, _| {}).unwrap();
    println!(
        "entry sheet import: {} inspections, {} hazards, {} rejected in {:.0} ms",
        rep.imported,
        rep.hazards,
        rep.rejected.len(),
        ms(t)
    );
    // What the visits cost in the file: audit entries (before migration 0009 each answer
    // wrote one more) and the database's size with the WAL checkpointed.
    let q = |sql: &str| -> i64 { c2.query_row(sql, [], |r| r.get(0)).unwrap() };
    qiaomen_core::backup::checkpoint(c2);
    println!(
        "after the sheet: {} audit entries ({} answers, one entry each before 0009), {:.1} MB",
        q("SELECT count(*) FROM audit_log"),
        q("SELECT count(*) FROM answers"),
        std::fs::metadata(dir.join("bench2.sqlite3")).unwrap().len() as f64 / 1e6
    );
}

/// Paper read back (issue 18): a scanned form code finds its household and template version
/// (`formcode::scan`, the core of `entry.scan`), and a second entry keyed the same as the
/// first is compared, stored and verified (`verify::second_entry`).
fn paper(
    c: &rusqlite::Connection,
    all: &[households::Household],
    template: &qiaomen_core::templates::Template,
) {
    let median_p95 = |mut v: Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        (v[v.len() / 2], v[v.len() * 95 / 100])
    };
    let mut scans = Vec::with_capacity(all.len());
    for h in all {
        let text = FormCode::new(&h.code, template).text();
        let t = Instant::now();
        let s = formcode::scan(c, &text).unwrap();
        scans.push(ms(t));
        assert_eq!(s.household.id, h.id);
    }
    let (med, p95) = median_p95(scans);
    println!(
        "scan: {} form codes looked up (median {med:.3} ms, p95 {p95:.3} ms)",
        all.len()
    );
    let page = inspections::list(
        c,
        &InspectionQuery {
            limit: Some(300),
            ..Default::default()
        },
    )
    .unwrap();
    let mut seconds = Vec::with_capacity(page.items.len());
    for s in &page.items {
        let first = inspections::get(c, &s.id).unwrap();
        let input = SecondEntryInput {
            answers: first.answers.clone(),
            ..Default::default()
        };
        let t = Instant::now();
        let v = verify::second_entry(c, &s.id, &input).unwrap();
        seconds.push(ms(t));
        assert!(v.verified);
    }
    let (med, p95) = median_p95(seconds);
    println!(
        "second entry (same answers, verified): {} forms (median {med:.2} ms, p95 {p95:.2} ms)",
        page.items.len()
    );
}

/// Fills every row of the blank sheet: a date, inspectors, answers (items 4 and 5 on the
/// hazard side for every 3rd row), an other hazard on every 10th row, signed.
fn fill(blank: &std::path::Path, out: &std::path::Path, t: &qiaomen_core::templates::Template) {
    let s = sheet::read(blank, Some(entry_sheet::SHEET_NAME)).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(entry_sheet::SHEET_NAME).unwrap();
    for c in 1..=s.width() {
        ws.write_string(0, (c - 1) as u16, s.cell(1, c).text())
            .unwrap();
    }
    for r in 2..=s.height() {
        let i = r as usize - 2;
        for c in 1..=3u32 {
            ws.write_string(r - 1, (c - 1) as u16, s.cell(r, c).text())
                .unwrap();
        }
        ws.write_string(r - 1, 3, format!("2024-12-{:02}", i % 20 + 1))
            .unwrap();
        ws.write_string(r - 1, 4, "李四").unwrap();
        for it in &t.items {
            let hazard = i.is_multiple_of(3) && (it.no == 4 || it.no == 5);
            let yes = match it.hazard_when {
                Some(Answer::Yes) => hazard,
                Some(Answer::No) => !hazard,
                None => false,
            };
            ws.write_string(r - 1, 4 + it.no as u16, if yes { "是" } else { "否" })
                .unwrap();
        }
        let base = 5 + t.items.len() as u16;
        if i.is_multiple_of(10) {
            ws.write_string(r - 1, base, "院内化粪池无盖板").unwrap();
        }
        ws.write_string(r - 1, base + 2, "是").unwrap();
    }
    wb.save(out).unwrap();
}
