//! Benchmark: N pre-filled checklists (one page per household) in one PDF.
//!
//! Usage: bench_print [N] [OUT.pdf]  (defaults: 1000, bench-checklists.pdf)
//! Prints one JSON line: households, pages, bytes, seconds (total, and per page).
//! Run through tools/bench_print.py, which also times LibreOffice on an equivalent page.

use qiaomen_core::grids::{self, GridInput};
use qiaomen_core::households::{self, HouseholdInput};
use qiaomen_core::pdf::jobs::{self, ChecklistJob, ChecklistSelection};
use qiaomen_core::{settings, templates, Store};
use std::time::Instant;

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "䶮", "堃",
];
const GIVEN: &[&str] = &[
    "建国", "秀英", "玉兰", "志强", "𠮷祥", "喆", "玥", "昇平", "桂芳", "德明",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let out = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| "bench-checklists.pdf".into());

    let store = Store::open_in_memory()?;
    templates::install_builtin(store.conn())?;
    let mut s = settings::load(store.conn())?;
    s.unit_name = "下曲村委会".into();
    settings::save(store.conn(), &s)?;
    let tx = store.conn().unchecked_transaction()?;
    let per_grid = 12;
    let mut grid_ids = vec![];
    for g in 0..n.div_ceil(per_grid) {
        let grid = grids::add(
            &tx,
            &GridInput {
                no: Some(g as i64 + 1),
                name: format!("第{}网格", g + 1),
                leader: "赵组长".into(),
                leader_phone: "13900002222".into(),
                ..Default::default()
            },
        )?;
        grid_ids.push(grid.id);
    }
    for i in 0..n {
        households::add(
            &tx,
            &HouseholdInput {
                name: format!(
                    "{}{}",
                    SURNAMES[i % SURNAMES.len()],
                    GIVEN[(i / 7) % GIVEN.len()]
                ),
                address: format!("下曲村{}组{}号", i / 40 + 1, i % 40 + 1),
                grid_id: Some(grid_ids[i / per_grid].clone()),
                phone: format!("138{:08}", i),
                residents: Some((i % 6 + 1) as i64),
                vulnerable: Some((i % 3) as i64),
                floors: Some((i % 3 + 1) as i64),
                area: Some(80.0 + (i % 50) as f64),
                nature: "居民住宅".into(),
                structure: if i % 2 == 0 {
                    "砖木结构"
                } else {
                    "木结构"
                }
                .into(),
                floors_used: "地上".into(),
                contact: "户主本人".into(),
                ..Default::default()
            },
        )?;
    }
    tx.commit()?;

    // Font parsing happens once per process; count it in (a clerk's first print pays it).
    let t0 = Instant::now();
    let job = ChecklistJob {
        selection: ChecklistSelection::All,
        template: None,
    };
    let r = jobs::checklists(store.conn(), &job, &|_, _| {})?;
    let secs = t0.elapsed().as_secs_f64();
    r.write_to(std::path::Path::new(&out))?;
    println!(
        "{{\"households\": {n}, \"pages\": {}, \"bytes\": {}, \"seconds\": {secs:.3}, \"seconds_per_page\": {:.5}, \"missing_chars\": {}}}",
        r.pages,
        r.bytes.len(),
        secs / r.pages as f64,
        r.missing_chars.len()
    );
    Ok(())
}
