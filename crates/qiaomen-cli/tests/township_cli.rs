//! The township's desk from the command line, with real parts: three village databases
//! built through the CLI, packages exported to the township's key and with a passphrase,
//! imported into a township database; every count of `township villages` and of the
//! township's table checked against what the villages' own commands say; the same package
//! twice, a newer one, an older one; damaged, cut, wrongly locked and foreign packages
//! refused with the township database unchanged; no ID number anywhere in the township
//! database or in a decrypted package.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn qm(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qiaomen"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("QIAOMEN_DB")
        .output()
        .unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let o = qm(db, args);
    assert!(
        o.status.success(),
        "qiaomen {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn ok_json(db: &Path, args: &[&str]) -> Value {
    let out = ok(db, args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
}

/// Runs a command that must be refused; returns its Chinese message.
fn fails(db: &Path, args: &[&str]) -> String {
    let o = qm(db, args);
    assert!(!o.status.success(), "qiaomen {args:?} should fail");
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.starts_with("错误："), "{err}");
    err
}

/// FNV-1a over the file's bytes.
fn hash(path: &Path) -> u64 {
    std::fs::read(path)
        .unwrap()
        .iter()
        .fold(0xcbf29ce484222325u64, |h, b| {
            (h ^ *b as u64).wrapping_mul(0x100000001b3)
        })
}

/// A valid 18-digit ID number (GB 11643 check character) from 17 digits.
fn id_number(first17: &str) -> String {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const C: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let sum: u32 = first17
        .chars()
        .zip(W)
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    format!("{first17}{}", C[(sum % 11) as usize])
}

fn len(v: &Value) -> usize {
    v.as_array().unwrap().len()
}

/// The hazard ids of a village's ledger listing, in order.
fn hazard_ids(db: &Path, args: &[&str]) -> Vec<String> {
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
fn village(dir: &Path, file: &str, name: &str, n: usize, k: u32) -> (PathBuf, Vec<String>) {
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
            &db,
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
        &db,
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
    ok(
        &db,
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
        &db,
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
        ok(&db, &a);
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
        ok(&db, &a);
    }
    let open = hazard_ids(&db, &["--open"]);
    // Close the oldest open one in December, revisit and escalate others.
    ok(&db, &["hazards", "close", &open[0], "--date", "2024-12-06"]);
    ok(
        &db,
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
    let gas = hazard_ids(&db, &["--open", "--major"]);
    if let Some(g) = gas.first() {
        ok(
            &db,
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
        &db,
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
        &db,
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
    (db, ids)
}

const AS_OF: &str = "2024-12-10";

/// What the village's own commands say, in the shape of a `township villages` row.
fn own_counts(db: &Path) -> Value {
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

fn row_of<'a>(villages: &'a Value, name: &str) -> &'a Value {
    villages["villages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == name)
        .unwrap_or_else(|| panic!("no row for {name}: {villages}"))
}

fn assert_counts_match(town: &Path, villages: &[(&str, &Path)]) {
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

fn changes(r: &Value, what: &str) -> (u64, u64, u64) {
    let c = &r[what];
    (
        c["added"].as_u64().unwrap(),
        c["changed"].as_u64().unwrap(),
        c["removed"].as_u64().unwrap(),
    )
}

/// No ID number in the file's bytes (the database, its WAL if any, a package's plaintext).
fn assert_no_ids(what: &str, bytes: &[u8], ids: &[String]) {
    for id in ids {
        let found = bytes.windows(id.len()).any(|w| w == id.as_bytes());
        assert!(!found, "ID number {id} found in {what}");
    }
}

#[test]
fn villages_send_packages_and_the_township_merges_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let town = d.join("town.sqlite3");
    ok(
        &town,
        &[
            "township",
            "init",
            "--unit",
            "青山镇",
            "--contact",
            "李镇长",
            "--phone",
            "13800138000",
        ],
    );
    ok(
        &town,
        &[
            "township",
            "key",
            "--out",
            d.join("青山镇.pub").to_str().unwrap(),
        ],
    );
    let pubkey = d.join("青山镇.pub");

    let (east, mut ids) = village(d, "east.sqlite3", "东村", 7, 1);
    let (west, more) = village(d, "west.sqlite3", "西村", 6, 2);
    ids.extend(more);
    let (south, more) = village(d, "south.sqlite3", "南村", 5, 3);
    ids.extend(more);

    // 东村 imports the key in 单位设置 (here: `package key`), 西村 names the key file on
    // export, 南村 uses a passphrase.
    let k = ok_json(
        &east,
        &["package", "key", pubkey.to_str().unwrap(), "--json"],
    );
    assert_eq!(k["township"], "青山镇");
    let p_east = d.join("东村-1.qmpkg");
    let e = ok_json(
        &east,
        &[
            "package",
            "export",
            "--out",
            p_east.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(e["sequence"], 1);
    assert_eq!(e["encryption"], "key");
    assert_eq!(e["counts"]["households"], 7);
    let p_west = d.join("西村-1.qmpkg");
    ok(
        &west,
        &[
            "package",
            "export",
            "--out",
            p_west.to_str().unwrap(),
            "--to-key",
            pubkey.to_str().unwrap(),
        ],
    );
    let pass = d.join("口令.txt");
    std::fs::write(&pass, "南村冬季敲门2024\n").unwrap();
    let p_south = d.join("南村-1.qmpkg");
    let s = ok_json(
        &south,
        &[
            "package",
            "export",
            "--out",
            p_south.to_str().unwrap(),
            "--passphrase-file",
            pass.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(s["encryption"], "passphrase");

    // Import: the two keyed packages, then the one with the passphrase.
    let r = ok_json(
        &town,
        &[
            "township",
            "import",
            p_east.to_str().unwrap(),
            p_west.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(len(&r), 2);
    assert_eq!(r[0]["status"], "imported");
    assert_eq!(r[0]["village"], "东村");
    assert_eq!(r[0]["sequence"], 1);
    assert_eq!(changes(&r[0], "households"), (7, 0, 0));
    let east_hazards = len(&ok_json(&east, &["hazards", "list", "--json"])) as u64;
    assert_eq!(changes(&r[0], "hazards"), (east_hazards, 0, 0));
    // A passphrase package without the passphrase is refused and says so.
    let e = fails(&town, &["township", "import", p_south.to_str().unwrap()]);
    assert!(e.contains("口令"), "{e}");
    let r = ok_json(
        &town,
        &[
            "township",
            "import",
            p_south.to_str().unwrap(),
            "--passphrase-file",
            pass.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(r[0]["status"], "imported");
    assert_eq!(r[0]["village"], "南村");

    let villages = [
        ("东村", east.as_path()),
        ("西村", west.as_path()),
        ("南村", south.as_path()),
    ];
    assert_counts_match(&town, &villages);

    // The same package twice changes nothing.
    let before = hash(&town);
    let r = ok_json(
        &town,
        &["township", "import", p_east.to_str().unwrap(), "--json"],
    );
    assert_eq!(r[0]["status"], "unchanged");
    assert_eq!(changes(&r[0], "households"), (0, 0, 0));
    assert_eq!(
        hash(&town),
        before,
        "re-importing the same package changed the database"
    );

    // Drill-down: 东村's not-yet-visited households are the village's own list.
    let own_missing = ok_json(&east, &["rounds", "missing", "第二轮", "--json"]);
    let tw_missing = ok_json(
        &town,
        &[
            "township",
            "households",
            "--village",
            "东村",
            "--missing",
            "--as-of",
            AS_OF,
            "--json",
        ],
    );
    assert_eq!(
        tw_missing["total"].as_u64().unwrap() as usize,
        len(&own_missing)
    );
    let one = ok_json(
        &town,
        &[
            "township",
            "household",
            "--village",
            "东村",
            "01001",
            "--json",
        ],
    );
    assert_eq!(one["household"]["name"], "东村户0");
    assert_eq!(one["inspections"].as_array().unwrap().len(), 2);
    assert!(one["inspections"][0]["answers"].as_array().unwrap().len() >= 16);
    assert_eq!(one["people"][0]["name"], "东村老人");
    let overdue = ok_json(
        &town,
        &[
            "township",
            "hazards",
            "--overdue",
            "--village",
            "西村",
            "--as-of",
            AS_OF,
            "--json",
        ],
    );
    assert_eq!(
        len(&overdue),
        len(&ok_json(
            &west,
            &["hazards", "list", "--overdue", "--as-of", AS_OF, "--json"]
        ))
    );
    assert!(overdue[0]["days_overdue"].as_i64().unwrap() > 0);

    // A newer package of 东村 replaces its records: one more household, one hazard closed.
    ok(
        &east,
        &["households", "add", "--name", "东村新户", "--grid", "一组"],
    );
    // (Its own table of December before the closing, sent to the township as well.)
    let own_table = d.join("东村12月统计表.xlsx");
    ok(
        &east,
        &[
            "report",
            "--month",
            "2024-12",
            "--xlsx",
            own_table.to_str().unwrap(),
        ],
    );
    let open = hazard_ids(&east, &["--open"]);
    ok(
        &east,
        &["hazards", "close", &open[0], "--date", "2024-12-09"],
    );
    let p_east2 = d.join("东村-2.qmpkg");
    ok(
        &east,
        &["package", "export", "--out", p_east2.to_str().unwrap()],
    );
    let r = ok_json(
        &town,
        &["township", "import", p_east2.to_str().unwrap(), "--json"],
    );
    assert_eq!(r[0]["status"], "imported");
    assert_eq!(r[0]["sequence"], 2);
    assert_eq!(r[0]["previous_sequence"], 1);
    assert_eq!(changes(&r[0], "households"), (1, 0, 0));
    assert_eq!(changes(&r[0], "hazards"), (0, 1, 0));
    assert_eq!(changes(&r[0], "inspections"), (0, 0, 0));
    assert_counts_match(&town, &villages);

    // An older package is refused by name, and nothing changes.
    let before = hash(&town);
    let e = fails(&town, &["township", "import", p_east.to_str().unwrap()]);
    assert!(
        e.contains("东村") && e.contains("第 1 号") && e.contains("旧"),
        "{e}"
    );
    assert_eq!(hash(&town), before);

    // Damaged, cut, wrong passphrase, another township's: refused in Chinese, unchanged.
    let bytes = std::fs::read(&p_west).unwrap();
    let flipped = d.join("flipped.qmpkg");
    let mut b = bytes.clone();
    let mid = b.len() * 2 / 3;
    b[mid] ^= 0x20;
    std::fs::write(&flipped, &b).unwrap();
    let cut = d.join("cut.qmpkg");
    std::fs::write(&cut, &bytes[..bytes.len() - 40]).unwrap();
    let wrong = d.join("wrong.txt");
    std::fs::write(&wrong, "不是这个口令123\n").unwrap();
    let other_town = d.join("other.sqlite3");
    ok(&other_town, &["township", "init", "--unit", "白水乡"]);
    let other_pub = d.join("白水乡.pub");
    ok(
        &other_town,
        &["township", "key", "--out", other_pub.to_str().unwrap()],
    );
    let foreign = d.join("foreign.qmpkg");
    ok(
        &west,
        &[
            "package",
            "export",
            "--out",
            foreign.to_str().unwrap(),
            "--to-key",
            other_pub.to_str().unwrap(),
        ],
    );
    let not_a_package = d.join("table.qmpkg");
    std::fs::copy(&own_table, &not_a_package).unwrap();
    let before = hash(&town);
    for (file, extra, words) in [
        (&flipped, None, "损坏"),
        (&cut, None, "不完整"),
        (&p_south, Some(&wrong), "口令不对"),
        (&foreign, None, "不是发给本乡镇的"),
        (&not_a_package, None, "不是敲门行动的数据包"),
    ] {
        let mut args = vec!["township", "import", file.to_str().unwrap()];
        if let Some(p) = extra {
            args.extend_from_slice(&["--passphrase-file", p.to_str().unwrap()]);
        }
        let e = fails(&town, &args);
        assert!(e.contains(words), "{file:?}: {e}");
        assert!(e.contains("没有导入") || e.contains("不是敲门行动"), "{e}");
        assert_eq!(
            hash(&town),
            before,
            "{file:?} changed the township database"
        );
    }

    // The village's own table, kept: it was made before the last change, so it disagrees
    // with the records exactly where the closing counts.
    let t = ok_json(
        &town,
        &["township", "tables", own_table.to_str().unwrap(), "--json"],
    );
    assert_eq!(t[0]["village"], "东村");
    let rep = ok_json(
        &town,
        &["township", "report", "--month", "2024-12", "--json"],
    );
    let cmp = &rep["compared"][0];
    assert_eq!(cmp["village"], "东村");
    let diffs = cmp["differences"].as_array().unwrap();
    assert!(!diffs.is_empty(), "{cmp}");
    assert!(
        diffs
            .iter()
            .all(|x| x["column"] == "rectified" || x["column"] == "major_rectified"),
        "{cmp}"
    );
    assert!(diffs
        .iter()
        .any(|x| x["records"].as_i64().unwrap() == x["table"].as_i64().unwrap() + 1));

    // Printing for 东村: its 未入户名单 and overdue list.
    let pdf = d.join("东村未入户名单.pdf");
    ok(
        &town,
        &[
            "township",
            "missing",
            "--village",
            "东村",
            "--as-of",
            AS_OF,
            "--pdf",
            pdf.to_str().unwrap(),
        ],
    );
    let text = pdf_text(&pdf);
    assert!(text.contains("东村第二轮未入户名单"), "{text}");
    assert!(text.contains("东村新户"), "{text}");
    let xlsx = d.join("东村超期隐患.xlsx");
    let pdf2 = d.join("东村超期隐患.pdf");
    ok(
        &town,
        &[
            "township",
            "overdue",
            "--village",
            "东村",
            "--as-of",
            AS_OF,
            "--pdf",
            pdf2.to_str().unwrap(),
            "--xlsx",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(pdf_text(&pdf2).contains("超期未整改隐患清单"));
    let sheet = qiaomen_core::sheet::read(&xlsx, None).unwrap();
    let east_overdue = len(&ok_json(
        &east,
        &["hazards", "list", "--overdue", "--as-of", AS_OF, "--json"],
    ));
    assert!(east_overdue > 0);
    let numbered = sheet
        .rows()
        .filter(|(_, cells)| {
            cells
                .first()
                .is_some_and(|c| c.text().parse::<u32>().is_ok())
        })
        .count();
    assert_eq!(
        numbered, east_overdue,
        "one numbered row per overdue hazard"
    );

    // Same name, another identity: both kept and flagged; asking by name is refused.
    let (east2, more) = village(d, "east2.sqlite3", "东村", 4, 4);
    ids.extend(more);
    let p4 = d.join("另一个东村.qmpkg");
    ok(
        &east2,
        &[
            "package",
            "export",
            "--out",
            p4.to_str().unwrap(),
            "--to-key",
            pubkey.to_str().unwrap(),
        ],
    );
    let r = ok_json(
        &town,
        &["township", "import", p4.to_str().unwrap(), "--json"],
    );
    assert_eq!(r[0]["status"], "imported");
    assert!(r[0]["warnings"][0]
        .as_str()
        .unwrap()
        .contains("另一个也叫“东村”"));
    let v = ok_json(&town, &["township", "villages", "--as-of", AS_OF, "--json"]);
    let easts: Vec<&Value> = v["villages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["name"] == "东村")
        .collect();
    assert_eq!(easts.len(), 2);
    assert!(easts.iter().all(|x| x["same_name"] == true));
    let e = fails(&town, &["township", "hazards", "--village", "东村"]);
    assert!(e.contains("2 个村都叫“东村”"), "{e}");

    // No ID number anywhere: the township database file (and its WAL), the key-locked and
    // the passphrase-locked packages decrypted.
    let mut all = std::fs::read(&town).unwrap();
    if let Ok(w) = std::fs::read(town.with_extension("sqlite3-wal")) {
        all.extend(w);
    }
    assert_no_ids("the township database", &all, &ids);
    use qiaomen_core::township::{keys, package};
    let key = keys::load_identity(&town).unwrap();
    let no_key = || qiaomen_core::Error::internal("no key");
    for (p, pw) in [
        (&p_east2, None),
        (&p_west, None),
        (&p4, None),
        (&p_south, Some("南村冬季敲门2024")),
    ] {
        let o = package::read(
            p,
            package::Unlock {
                key: Some(&key),
                no_key: &no_key,
                passphrase: pw,
            },
        )
        .unwrap();
        let json = serde_json::to_vec(&o.package).unwrap();
        assert_no_ids("a decrypted package", &json, &ids);
        assert!(
            String::from_utf8_lossy(&json).contains(package::ID_REMOVED),
            "the note's ID was replaced"
        );
    }
}

#[test]
fn a_village_database_is_not_a_township_and_the_other_way_round() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("v.sqlite3");
    ok(&v, &["init", "--unit", "北村"]);
    ok(&v, &["households", "add", "--name", "甲"]);
    let e = fails(&v, &["township", "init", "--unit", "青山镇"]);
    assert!(e.contains("村级数据库"), "{e}");
    let e = fails(&v, &["township", "villages"]);
    assert!(e.contains("不是乡镇的"), "{e}");
    let out = dir.path().join("p.qmpkg");
    let e = fails(&v, &["package", "export", "--out", out.to_str().unwrap()]);
    assert!(e.contains("乡镇的公钥"), "{e}");
    assert!(!out.exists());
    let short = dir.path().join("short.txt");
    std::fs::write(&short, "123\n").unwrap();
    let e = fails(
        &v,
        &[
            "package",
            "export",
            "--out",
            out.to_str().unwrap(),
            "--passphrase-file",
            short.to_str().unwrap(),
        ],
    );
    assert!(e.contains("口令太短"), "{e}");
    let e = fails(&v, &["package", "key", "age1notakey"]);
    assert!(e.contains("不是乡镇的公钥"), "{e}");

    let t = dir.path().join("t.sqlite3");
    ok(&t, &["township", "init", "--unit", "青山镇"]);
    let e = fails(
        &t,
        &[
            "package",
            "export",
            "--out",
            out.to_str().unwrap(),
            "--passphrase-file",
            short.to_str().unwrap(),
        ],
    );
    assert!(e.contains("乡镇的数据库"), "{e}");
    // Without its key, a keyed package cannot be opened, and the message says what to do.
    let tpub = dir.path().join("t2.pub");
    let t2 = dir.path().join("t2.sqlite3");
    ok(&t2, &["township", "init", "--unit", "白水乡"]);
    ok(&t2, &["township", "key", "--out", tpub.to_str().unwrap()]);
    ok(
        &v,
        &[
            "package",
            "export",
            "--out",
            out.to_str().unwrap(),
            "--to-key",
            tpub.to_str().unwrap(),
        ],
    );
    let e = fails(&t, &["township", "import", out.to_str().unwrap()]);
    assert!(e.contains("还没有密钥"), "{e}");
    // A second `township key` writes the same public key again (never a new pair).
    let a = ok_json(
        &t2,
        &["township", "key", "--out", tpub.to_str().unwrap(), "--json"],
    );
    assert_eq!(a["made"], false);
    let e = fails(
        &t2,
        &[
            "township",
            "import",
            out.to_str().unwrap(),
            short.to_str().unwrap(),
        ],
    );
    assert!(e.contains("2 个数据包中有 1 个没有导入"), "{e}");
}

fn pdf_text(p: &Path) -> String {
    let run = |cmd: &str, args: &[&str]| {
        let o = Command::new(cmd)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{cmd} is needed: {e}"));
        assert!(
            o.status.success(),
            "{cmd}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    run("qpdf", &["--check", p.to_str().unwrap()]);
    run("pdftotext", &["-raw", p.to_str().unwrap(), "-"])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}
