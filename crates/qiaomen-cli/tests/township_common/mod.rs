//! Helpers of the township tests (`township_cli.rs`): running the CLI, the three villages
//! built through it, the comparison of the township's counts with the villages' own.

#![allow(dead_code)]

pub use crate::common::*;

use serde_json::Value;
use std::path::{Path, PathBuf};

/// A valid 18-digit ID number (GB 11643 check character) from 17 digits.
pub fn id_number(first17: &str) -> String {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const C: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let sum: u32 = first17
        .chars()
        .zip(W)
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    format!("{first17}{}", C[(sum % 11) as usize])
}

pub fn len(v: &Value) -> usize {
    v.as_array().unwrap().len()
}

/// The hazard ids of a village's ledger listing, in order.
pub fn hazard_ids(db: &Path, args: &[&str]) -> Vec<String> {
    let mut a = vec!["hazards", "list", "--json"];
    a.extend_from_slice(args);
    ok_json(db, &a)
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

/// A village built through the CLI: `n` households in two grids (each with an ID number),
/// a named vulnerable person with an ID number, two rounds, visits in November and
/// December with hazards (some major, some fixed on the spot), closings, a revisit, a
/// measure, an escalation and publicity. Returns the database and the ID numbers used.
pub fn village(dir: &Path, file: &str, name: &str, n: usize, k: u32) -> (PathBuf, Vec<String>) {
    let db = dir.join(file);
    ok(
        &db,
        &[
            "init",
            "--unit",
            name,
            "--township",
            "青山镇",
            "--contact",
            "王会计",
        ],
    );
    ok(
        &db,
        &[
            "grids",
            "add",
            "--name",
            "一组",
            "--no",
            "1",
            "--leader",
            "赵一",
            "--phone",
            "13911110001",
        ],
    );
    ok(
        &db,
        &[
            "grids",
            "add",
            "--name",
            "二组",
            "--no",
            "2",
            "--leader",
            "钱二",
            "--phone",
            "13911110002",
        ],
    );
    let ids = register(&db, name, n, k);
    visits(&db, n, k);
    follow_up(&db, k);
    (db, ids)
}

/// The village's households (each with an ID number, also typed into a note) and a named
/// vulnerable person; returns the ID numbers.
fn register(db: &Path, name: &str, n: usize, k: u32) -> Vec<String> {
    let mut ids = Vec::new();
    for i in 0..n {
        let id = id_number(&format!(
            "1401051950{:02}{:02}{:03}",
            1 + (k as usize + i) % 12,
            10 + i,
            100 + k as usize * 10 + i
        ));
        let grid = if i % 2 == 0 { "一组" } else { "二组" };
        let hname = format!("{name}户{i}");
        let phone = format!("1380013{:04}", k as usize * 100 + i);
        // The ID number also typed into a note: packages drop that too.
        let note = format!("户主证件{id}");
        ok(
            db,
            &[
                "households",
                "add",
                "--name",
                &hname,
                "--address",
                &format!("{name}{i}号"),
                "--grid",
                grid,
                "--id-number",
                &id,
                "--phone",
                &phone,
                "--note",
                &note,
                "--residents",
                "3",
            ],
        );
        ids.push(id);
    }
    let pid = id_number(&format!("14010519380101{:03}", 500 + k));
    ok(
        db,
        &[
            "people",
            "add",
            "--household",
            "01001",
            "--name",
            &format!("{name}老人"),
            "--category",
            "独居老人",
            "--id-number",
            &pid,
        ],
    );
    ids.push(pid);
    ids
}

/// Two rounds; everyone visited in November, all but one or two in December.
fn visits(db: &Path, n: usize, k: u32) {
    ok(
        db,
        &[
            "rounds",
            "add",
            "--name",
            "第一轮",
            "--from",
            "2024-11-20",
            "--to",
            "2024-11-30",
        ],
    );
    ok(
        db,
        &[
            "rounds",
            "add",
            "--name",
            "第二轮",
            "--from",
            "2024-12-01",
            "--to",
            "2024-12-15",
        ],
    );
    // Codes: grid 1 holds households 0, 2, 4 … as 01001, 01002 …; grid 2 the odd ones.
    let code = |i: usize| format!("0{}{:03}", 1 + i % 2, 1 + i / 2);
    for i in 0..n {
        // November: everyone; item 4 (old wiring) for every second household.
        let c = code(i);
        let mut a = vec![
            "inspections",
            "add",
            "--household",
            c.as_str(),
            "--date",
            "2024-11-25",
            "--inspectors",
            "赵一",
            "--safe",
        ];
        if i % 2 == 0 {
            a.extend_from_slice(&["--yes", "4"]);
        }
        ok(db, &a);
    }
    // December: the first n-1-(k%2) households; gas leaks (major), one fixed on the spot.
    let visited = n - 1 - (k as usize % 2);
    for i in 0..visited {
        let c = code(i);
        let day = format!("2024-12-{:02}", 2 + i % 5);
        let mut a = vec![
            "inspections",
            "add",
            "--household",
            &c as &str,
            "--date",
            &day,
            "--inspectors",
            "钱二",
            "--safe",
        ];
        if i % 3 == 0 {
            a.extend_from_slice(&["--yes", "5"]);
        }
        if i % 3 == 1 {
            a.extend_from_slice(&["--no", "3", "--fixed", "3"]);
        }
        ok(db, &a);
    }
}

/// A closing, a revisit, an escalation with its measure, two publicity events.
fn follow_up(db: &Path, k: u32) {
    let open = hazard_ids(db, &["--open"]);
    // Close the oldest open one in December, revisit and escalate others.
    ok(db, &["hazards", "close", &open[0], "--date", "2024-12-06"]);
    ok(
        db,
        &[
            "hazards",
            "revisit",
            &open[1],
            "--date",
            "2024-12-04",
            "--result",
            "正在整改",
            "--by",
            "赵一",
        ],
    );
    let gas = hazard_ids(db, &["--open", "--major"]);
    if let Some(g) = gas.first() {
        ok(
            db,
            &[
                "hazards",
                "escalate",
                g,
                "--to",
                "镇党委、镇政府",
                "--date",
                "2024-12-08",
                "--measures",
                "关闭气源，设置警示标志",
            ],
        );
    }
    ok(
        db,
        &[
            "publicity",
            "add",
            "--date",
            "2024-12-05",
            "--category",
            "煤气中毒",
            "--sessions",
            &(2 + k).to_string(),
            "--people",
            "120",
        ],
    );
    ok(
        db,
        &[
            "publicity",
            "add",
            "--date",
            "2024-11-26",
            "--category",
            "防小火亡人事故",
            "--sessions",
            "1",
            "--people",
            &(30 + k).to_string(),
        ],
    );
}

pub const AS_OF: &str = "2024-12-10";

/// What the village's own commands say, in the shape of a `township villages` row.
pub fn own_counts(db: &Path) -> Value {
    let info = ok_json(db, &["info", "--json"]);
    let cov = ok_json(db, &["rounds", "coverage", "第二轮", "--json"]);
    serde_json::json!({
        "households": info["households"],
        "visited": cov["visited"],
        "hazards_open": len(&ok_json(db, &["hazards", "list", "--open", "--json"])),
        "hazards_overdue": len(&ok_json(db, &["hazards", "list", "--overdue", "--as-of", AS_OF, "--json"])),
        "major_open": len(&ok_json(db, &["hazards", "list", "--open", "--major", "--json"])),
        "escalated": len(&ok_json(db, &["hazards", "list", "--escalated", "--json"])),
    })
}

pub fn row_of<'a>(villages: &'a Value, name: &str) -> &'a Value {
    villages["villages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == name)
        .unwrap_or_else(|| panic!("no row for {name}: {villages}"))
}

pub fn assert_counts_match(town: &Path, villages: &[(&str, &Path)]) {
    let v = ok_json(town, &["township", "villages", "--as-of", AS_OF, "--json"]);
    let mut sum = 0i64;
    for (name, db) in villages {
        let own = own_counts(db);
        let row = row_of(&v, name);
        for key in [
            "households",
            "visited",
            "hazards_open",
            "hazards_overdue",
            "major_open",
            "escalated",
        ] {
            assert_eq!(
                row[key], own[key],
                "{name}: {key} (township {row}, village {own})"
            );
        }
        assert_eq!(row["round"], "第二轮");
        sum += own["households"].as_i64().unwrap();
    }
    assert_eq!(v["total"]["households"].as_i64().unwrap(), sum);
    // The township's table equals the sum of the villages' own tables, for two periods.
    for period in [["--month", "2024-12"], ["--cycle", "2024-12"]] {
        let mut args = vec!["township", "report", "--json"];
        args.extend_from_slice(&period);
        let t = ok_json(town, &args);
        assert_eq!(t["unit"], "青山镇");
        let mut want = vec![vec![0i64; 6]; 8];
        let cols = [
            "sessions",
            "people",
            "hazards",
            "rectified",
            "major",
            "major_rectified",
        ];
        for (name, db) in villages {
            let mut a = vec!["report", "--json"];
            a.extend_from_slice(&period);
            let own = ok_json(db, &a);
            let mine = t["villages"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["village"] == *name)
                .unwrap();
            assert_eq!(mine["rows"], own["rows"], "{name} {period:?}");
            assert_eq!(mine["total"], own["total"], "{name} {period:?}");
            for (r, row) in own["rows"]
                .as_array()
                .unwrap()
                .iter()
                .chain([&own["total"]])
                .enumerate()
            {
                for (c, col) in cols.iter().enumerate() {
                    want[r][c] += row[col].as_i64().unwrap();
                }
            }
        }
        for (r, row) in t["rows"]
            .as_array()
            .unwrap()
            .iter()
            .chain([&t["total"]])
            .enumerate()
        {
            for (c, col) in cols.iter().enumerate() {
                assert_eq!(
                    row[col].as_i64().unwrap(),
                    want[r][c],
                    "{period:?} row {r} {col}"
                );
            }
        }
        assert!(t["total"]["hazards"].as_i64().unwrap() > 0);
    }
}

pub fn changes(r: &Value, what: &str) -> (u64, u64, u64) {
    let c = &r[what];
    (
        c["added"].as_u64().unwrap(),
        c["changed"].as_u64().unwrap(),
        c["removed"].as_u64().unwrap(),
    )
}

/// No ID number in the file's bytes (the database, its WAL if any, a package's plaintext).
pub fn assert_no_ids(what: &str, bytes: &[u8], ids: &[String]) {
    for id in ids {
        let found = bytes.windows(id.len()).any(|w| w == id.as_bytes());
        assert!(!found, "ID number {id} found in {what}");
    }
}
