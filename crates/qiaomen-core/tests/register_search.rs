//! The register's search from the index in memory (`households::list_cached`) answers
//! exactly as the SQL (`households::list`): same rows, same order, same totals, and it
//! sees every write, its own connection's and another's.

use qiaomen_core::grids::{self, GridInput};
use qiaomen_core::households::{self, HouseholdInput, HouseholdQuery, SearchCache};
use rusqlite::Connection;

fn add(conn: &Connection, name: &str, address: &str, phone: &str, grid: Option<&str>) {
    households::add(
        conn,
        &HouseholdInput {
            name: name.into(),
            address: address.into(),
            phone: phone.into(),
            grid_id: grid.map(str::to_string),
            ..Default::default()
        },
    )
    .unwrap();
}

fn same(conn: &Connection, cache: &mut SearchCache, q: &HouseholdQuery) {
    let want = households::list(conn, q).unwrap();
    let got = households::list_cached(conn, cache, q).unwrap();
    let ids =
        |p: &households::HouseholdPage| p.items.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
    assert_eq!(got.total, want.total, "{q:?}");
    assert_eq!(ids(&got), ids(&want), "{q:?}");
    assert_eq!(got.items, want.items, "{q:?}");
}

fn search(s: &str) -> HouseholdQuery {
    HouseholdQuery {
        search: Some(s.into()),
        ..Default::default()
    }
}

#[test]
fn the_index_answers_as_the_sql_does_and_sees_every_write() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("db.sqlite3");
    let store = qiaomen_core::open(&path).unwrap();
    let conn = store.conn();
    let g1 = grids::add(
        conn,
        &GridInput {
            name: "一组".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let g2 = grids::add(
        conn,
        &GridInput {
            name: "二组".into(),
            ..Default::default()
        },
    )
    .unwrap();
    for i in 0..60 {
        let g = [Some(g1.id.as_str()), Some(g2.id.as_str()), None][i % 3];
        let name = ["张三", "李四", "王五", "张小明", "Lily Wang", "赵_六%"][i % 6];
        add(
            conn,
            &format!("{name}{i}"),
            &format!("幸福路{i}号"),
            &format!("1390000{i:04}"),
            g,
        );
    }
    let mut cache = SearchCache::default();
    let mut queries = vec![
        HouseholdQuery::default(),
        HouseholdQuery {
            limit: Some(10),
            offset: Some(5),
            ..Default::default()
        },
        HouseholdQuery {
            grid_id: Some(g2.id.clone()),
            ..Default::default()
        },
        HouseholdQuery {
            no_grid: true,
            limit: Some(7),
            ..Default::default()
        },
        HouseholdQuery {
            grid_id: Some("no-such-grid".into()),
            ..Default::default()
        },
        HouseholdQuery {
            search: Some("张".into()),
            grid_id: Some(g1.id.clone()),
            ..Default::default()
        },
    ];
    for s in [
        "张",
        "zs",
        "ZS",
        "zxm",
        "lily",
        "WANG",
        "幸福路1",
        "1390000001",
        "0",
        "_",
        "%",
        "赵_",
        "x",
        "",
        "  张  ",
        "ｚｓ",
        "01",
    ] {
        queries.push(search(s));
    }
    for q in &queries {
        same(conn, &mut cache, q);
    }
    // A write on this connection: the next search sees it.
    add(conn, "钱七", "新村", "", None);
    same(conn, &mut cache, &search("钱"));
    assert_eq!(
        households::list_cached(conn, &mut cache, &search("钱"))
            .unwrap()
            .total,
        1
    );
    // A write by another connection (another window, the CLI): seen too.
    let other = qiaomen_core::open(&path).unwrap();
    add(other.conn(), "孙八", "旧村", "", None);
    assert_eq!(
        households::list_cached(conn, &mut cache, &search("孙八"))
            .unwrap()
            .total,
        1
    );
    for q in &queries {
        same(conn, &mut cache, q);
    }
}

#[test]
fn a_whole_code_finds_that_code_not_the_longer_ones_it_begins() {
    let tmp = tempfile::tempdir().unwrap();
    let store = qiaomen_core::open(&tmp.path().join("db.sqlite3")).unwrap();
    let conn = store.conn();
    // A grid past 999 households: 01999, then 011000 … 011009 (and 01100 long before).
    let codes = ["01100", "01999", "011000", "011001", "011009"];
    for (i, code) in codes.iter().enumerate() {
        add(conn, &format!("户{i}"), "", "", None);
        conn.execute(
            "UPDATE households SET code = ?1 WHERE name = ?2",
            [*code, &format!("户{i}")],
        )
        .unwrap();
    }
    let mut cache = SearchCache::default();
    let found = |cache: &mut SearchCache, s: &str| -> Vec<String> {
        let sql: Vec<String> = households::list(conn, &search(s))
            .unwrap()
            .items
            .into_iter()
            .map(|h| h.code)
            .collect();
        let ix: Vec<String> = households::list_cached(conn, cache, &search(s))
            .unwrap()
            .items
            .into_iter()
            .map(|h| h.code)
            .collect();
        assert_eq!(sql, ix, "{s}");
        sql
    };
    assert_eq!(found(&mut cache, "01100"), ["01100"]);
    assert_eq!(found(&mut cache, "011000"), ["011000"]);
    assert_eq!(
        found(&mut cache, "0110"),
        ["01100", "011000", "011001", "011009"]
    );
    assert_eq!(found(&mut cache, "01999"), ["01999"]);
}
