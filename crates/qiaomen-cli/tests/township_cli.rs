//! The township's desk from the command line, with real parts: three village databases
//! built through the CLI, packages exported to the township's key and with a passphrase,
//! imported into a township database; every count of `township villages` and of the
//! township's table checked against what the villages' own commands say; the same package
//! twice, a newer one, an older one; damaged, cut, wrongly locked and foreign packages
//! refused with the township database unchanged; no ID number anywhere in the township
//! database or in a decrypted package.

mod township_common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use township_common::*;
mod common;

/// The township, its key and three villages built through the CLI, each having exported
/// its first package: 东村 to the key imported in 单位设置, 西村 to the key file named on
/// export, 南村 with a passphrase.
struct Story {
    d: PathBuf,
    town: PathBuf,
    pubkey: PathBuf,
    east: PathBuf,
    west: PathBuf,
    south: PathBuf,
    ids: Vec<String>,
    p_east: PathBuf,
    p_west: PathBuf,
    p_south: PathBuf,
    pass: PathBuf,
}

impl Story {
    fn new(d: &Path) -> Story {
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
        let (p_east, p_west, p_south, pass) = export_first(d, &east, &west, &south, &pubkey);
        Story {
            d: d.to_path_buf(),
            town,
            pubkey,
            east,
            west,
            south,
            ids,
            p_east,
            p_west,
            p_south,
            pass,
        }
    }

    fn villages(&self) -> [(&str, &Path); 3] {
        [
            ("东村", self.east.as_path()),
            ("西村", self.west.as_path()),
            ("南村", self.south.as_path()),
        ]
    }
}

fn export_first(
    d: &Path,
    east: &Path,
    west: &Path,
    south: &Path,
    pubkey: &Path,
) -> (PathBuf, PathBuf, PathBuf, PathBuf) {
    // 东村 imports the key in 单位设置 (here: `package key`), 西村 names the key file on
    // export, 南村 uses a passphrase.
    let k = ok_json(
        east,
        &["package", "key", pubkey.to_str().unwrap(), "--json"],
    );
    assert_eq!(k["township"], "青山镇");
    let p_east = d.join("东村-1.qmpkg");
    let e = ok_json(
        east,
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
        west,
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
        south,
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

    (p_east, p_west, p_south, pass)
}

#[test]
fn villages_send_packages_and_the_township_merges_them() {
    let dir = tempfile::tempdir().unwrap();
    let s = Story::new(dir.path());
    import_first(&s);
    assert_counts_match(&s.town, &s.villages());
    same_package_twice(&s);
    drill_down(&s);
    let (own_table, p_east2) = newer_replaces(&s);
    assert_counts_match(&s.town, &s.villages());
    older_refused(&s);
    bad_packages_refused(&s, &own_table);
    own_table_compared(&s, &own_table);
    printing(&s);
    let (p4, more) = same_name_kept_apart(&s);
    let ids: Vec<String> = s.ids.iter().cloned().chain(more).collect();
    no_ids_anywhere(&s, &p_east2, &p4, &ids);
}

fn import_first(s: &Story) {
    let Story {
        town,
        east,
        p_east,
        p_west,
        p_south,
        pass,
        ..
    } = s;
    // Import: the two keyed packages, then the one with the passphrase.
    let r = ok_json(
        town,
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
    let east_hazards = len(&ok_json(east, &["hazards", "list", "--json"])) as u64;
    assert_eq!(changes(&r[0], "hazards"), (east_hazards, 0, 0));
    // A passphrase package without the passphrase is refused and says so.
    let e = fails(town, &["township", "import", p_south.to_str().unwrap()]);
    assert!(e.contains("口令"), "{e}");
    let r = ok_json(
        town,
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
}

fn same_package_twice(s: &Story) {
    let Story { town, p_east, .. } = s;
    // The same package twice changes nothing.
    let before = hash(town);
    let r = ok_json(
        town,
        &["township", "import", p_east.to_str().unwrap(), "--json"],
    );
    assert_eq!(r[0]["status"], "unchanged");
    assert_eq!(changes(&r[0], "households"), (0, 0, 0));
    assert_eq!(
        hash(town),
        before,
        "re-importing the same package changed the database"
    );
}

fn drill_down(s: &Story) {
    let Story {
        town, east, west, ..
    } = s;
    // Drill-down: 东村's not-yet-visited households are the village's own list.
    let own_missing = ok_json(east, &["rounds", "missing", "第二轮", "--json"]);
    let tw_missing = ok_json(
        town,
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
        town,
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
        town,
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
            west,
            &["hazards", "list", "--overdue", "--as-of", AS_OF, "--json"]
        ))
    );
    assert!(overdue[0]["days_overdue"].as_i64().unwrap() > 0);
}

/// Returns 东村's own December table (made before the closing) and its second package.
fn newer_replaces(s: &Story) -> (PathBuf, PathBuf) {
    let Story { d, town, east, .. } = s;
    // A newer package of 东村 replaces its records: one more household, one hazard closed.
    ok(
        east,
        &["households", "add", "--name", "东村新户", "--grid", "一组"],
    );
    // (Its own table of December before the closing, sent to the township as well.)
    let own_table = d.join("东村12月统计表.xlsx");
    ok(
        east,
        &[
            "report",
            "--month",
            "2024-12",
            "--xlsx",
            own_table.to_str().unwrap(),
        ],
    );
    let open = hazard_ids(east, &["--open"]);
    ok(
        east,
        &["hazards", "close", &open[0], "--date", "2024-12-09"],
    );
    let p_east2 = d.join("东村-2.qmpkg");
    ok(
        east,
        &["package", "export", "--out", p_east2.to_str().unwrap()],
    );
    let r = ok_json(
        town,
        &["township", "import", p_east2.to_str().unwrap(), "--json"],
    );
    assert_eq!(r[0]["status"], "imported");
    assert_eq!(r[0]["sequence"], 2);
    assert_eq!(r[0]["previous_sequence"], 1);
    assert_eq!(changes(&r[0], "households"), (1, 0, 0));
    assert_eq!(changes(&r[0], "hazards"), (0, 1, 0));
    assert_eq!(changes(&r[0], "inspections"), (0, 0, 0));
    (own_table, p_east2)
}

fn older_refused(s: &Story) {
    let Story { town, p_east, .. } = s;
    // An older package is refused by name, and nothing changes.
    let before = hash(town);
    let e = fails(town, &["township", "import", p_east.to_str().unwrap()]);
    assert!(
        e.contains("东村") && e.contains("第 1 号") && e.contains("旧"),
        "{e}"
    );
    assert_eq!(hash(town), before);
}

fn bad_packages_refused(s: &Story, own_table: &Path) {
    let Story {
        d,
        town,
        west,
        p_west,
        p_south,
        ..
    } = s;
    // Damaged, cut, wrong passphrase, another township's: refused in Chinese, unchanged.
    let bytes = std::fs::read(p_west).unwrap();
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
        west,
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
    std::fs::copy(own_table, &not_a_package).unwrap();
    let before = hash(town);
    for (file, extra, words) in [
        (&flipped, None, "损坏"),
        (&cut, None, "不完整"),
        (p_south, Some(&wrong), "口令不对"),
        (&foreign, None, "不是发给本乡镇的"),
        (&not_a_package, None, "不是敲门行动的数据包"),
    ] {
        let mut args = vec!["township", "import", file.to_str().unwrap()];
        if let Some(p) = extra {
            args.extend_from_slice(&["--passphrase-file", p.to_str().unwrap()]);
        }
        let e = fails(town, &args);
        assert!(e.contains(words), "{file:?}: {e}");
        assert!(e.contains("没有导入") || e.contains("不是敲门行动"), "{e}");
        assert_eq!(hash(town), before, "{file:?} changed the township database");
    }
}

fn own_table_compared(s: &Story, own_table: &Path) {
    let town = &s.town;
    // The village's own table, kept: it was made before the last change, so it disagrees
    // with the records exactly where the closing counts.
    let t = ok_json(
        town,
        &["township", "tables", own_table.to_str().unwrap(), "--json"],
    );
    assert_eq!(t[0]["village"], "东村");
    let rep = ok_json(
        town,
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
}

fn printing(s: &Story) {
    let Story { d, town, east, .. } = s;
    // Printing for 东村: its 未入户名单 and overdue list.
    let pdf = d.join("东村未入户名单.pdf");
    ok(
        town,
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
        town,
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
        east,
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
}

/// Another 东村 (another identity): returns its package and its ID numbers.
fn same_name_kept_apart(s: &Story) -> (PathBuf, Vec<String>) {
    let Story {
        d, town, pubkey, ..
    } = s;
    // Same name, another identity: both kept and flagged; asking by name is refused.
    let (east2, more) = village(d, "east2.sqlite3", "东村", 4, 4);
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
        town,
        &["township", "import", p4.to_str().unwrap(), "--json"],
    );
    assert_eq!(r[0]["status"], "imported");
    assert!(r[0]["warnings"][0]
        .as_str()
        .unwrap()
        .contains("另一个也叫“东村”"));
    let v = ok_json(town, &["township", "villages", "--as-of", AS_OF, "--json"]);
    let easts: Vec<&Value> = v["villages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["name"] == "东村")
        .collect();
    assert_eq!(easts.len(), 2);
    assert!(easts.iter().all(|x| x["same_name"] == true));
    let e = fails(town, &["township", "hazards", "--village", "东村"]);
    assert!(e.contains("2 个村都叫“东村”"), "{e}");
    (p4, more)
}

fn no_ids_anywhere(s: &Story, p_east2: &Path, p4: &Path, ids: &[String]) {
    let Story {
        town,
        p_west,
        p_south,
        ..
    } = s;
    // No ID number anywhere: the township database file (and its WAL), the key-locked and
    // the passphrase-locked packages decrypted.
    let mut all = std::fs::read(town).unwrap();
    if let Ok(w) = std::fs::read(town.with_extension("sqlite3-wal")) {
        all.extend(w);
    }
    assert_no_ids("the township database", &all, ids);
    use qiaomen_core::township::{keys, package};
    let key = keys::load_identity(town).unwrap();
    let no_key = || qiaomen_core::Error::internal("no key");
    for (p, pw) in [
        (p_east2, None),
        (p_west.as_path(), None),
        (p4, None),
        (p_south.as_path(), Some("南村冬季敲门2024")),
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
        assert_no_ids("a decrypted package", &json, ids);
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
