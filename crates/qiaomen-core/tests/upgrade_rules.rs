//! A database written by the first release (schema 4, built-in templates without their
//! rules) opened by this one: migration 0005 moves the hazards of item 15 (是否属于多合一场所,
//! now a 属性项) out of the ledger but keeps them readable, the built-in templates get their
//! rules in place, old item hazards read by their 隐患说法, and the attributes are filled in.

use qiaomen_core::db::{APP_MARKER, MIGRATIONS};
use qiaomen_core::templates::BUILTIN;
use rusqlite::{params, Connection};
use serde_json::Value;

/// The built-in template as the first release shipped it: no 隐患说法, no 属性项, item 15 a
/// hazard on 是.
fn first_release_body() -> String {
    let mut v: Value = serde_json::from_str(BUILTIN[0]).unwrap();
    for item in v["items"].as_array_mut().unwrap() {
        let o = item.as_object_mut().unwrap();
        o.remove("hazard_phrase");
        o.remove("attribute");
        if o["no"] == 15 {
            o.insert("hazard_when".into(), "yes".into());
            o.insert("category".into(), "防小火亡人事故".into());
        }
    }
    v.to_string()
}

fn first_release_db(path: &std::path::Path) {
    let c = Connection::open(path).unwrap();
    for (i, (_, sql)) in MIGRATIONS.iter().take(4).enumerate() {
        c.execute_batch(sql).unwrap();
        if i == 0 {
            c.execute(
                "INSERT INTO app_meta (key, value) VALUES ('application', ?1)",
                [APP_MARKER],
            )
            .unwrap();
        }
    }
    c.pragma_update(None, "user_version", 4).unwrap();
    let ts = "2024-12-01T08:00:00.000Z";
    c.execute(
        "INSERT INTO templates (id, version, name, body, loaded_at) VALUES ('xq2024', 1, ?1, ?2, ?3)",
        params!["安全隐患排查清单（下曲镇版，两种建筑结构）", first_release_body(), ts],
    )
    .unwrap();
    c.execute_batch(&format!(
        "INSERT INTO households (id, code, name, created_at, updated_at) VALUES ('h1', '01001', '张三', '{ts}', '{ts}');
         INSERT INTO inspections (id, household_id, template_id, template_version, visit_date, created_at, updated_at)
           VALUES ('i1', 'h1', 'xq2024', 1, '2024-12-03', '{ts}', '{ts}');
         INSERT INTO answers (inspection_id, item_no, answer) VALUES ('i1', 3, 'no'), ('i1', 15, 'yes'), ('i1', 1, 'yes');
         INSERT INTO hazards (id, inspection_id, household_id, source, item_no, description, category, major,
             status, found_on, deadline, created_at, updated_at)
           VALUES ('z3', 'i1', 'h1', 'item', 3, '电气线路是否采取穿管、线槽、漏电保护开关等防火保护措施：否',
             '防小火亡人事故', 0, 'open', '2024-12-03', '2024-12-10', '{ts}', '{ts}'),
                  ('z15', 'i1', 'h1', 'item', 15, '是否属于含有生产、经营、仓储场所的多合一场所：是',
             '防小火亡人事故', 0, 'open', '2024-12-03', '2024-12-10', '{ts}', '{ts}');
         INSERT INTO revisits (id, hazard_id, visit_date, visitor, result, created_at)
           VALUES ('r1', 'z15', '2024-12-05', '李网格', '已分隔', '{ts}');"
    ))
    .unwrap();
}

#[test]
fn first_release_data_follows_the_new_rules() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    first_release_db(&path);
    let store = qiaomen_core::open(&path).unwrap();
    let c = store.conn();

    // Item 15's hazard left the ledger, with its revisit, and is kept readable.
    let left: Vec<String> = c
        .prepare("SELECT id FROM hazards ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(left, ["z3"]);
    let (hazard, revisits, reason): (String, String, String) = c
        .query_row(
            "SELECT hazard, revisits, reason FROM moved_hazards WHERE id = 'z15'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let hazard: Value = serde_json::from_str(&hazard).unwrap();
    assert_eq!(hazard["item_no"], 15);
    assert_eq!(hazard["household_id"], "h1");
    let revisits: Value = serde_json::from_str(&revisits).unwrap();
    assert_eq!(revisits[0]["result"], "已分隔");
    assert!(reason.contains("属性项"));
    let audited: i64 = c
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'hazards' AND entity_id = 'z15' AND action = 'delete'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1, "the move is in the audit log too");

    // The built-in template got its rules in place; the old hazard reads by its 隐患说法.
    let t = qiaomen_core::templates::get(c, "xq2024", Some(1)).unwrap();
    assert_eq!(t.item(15).unwrap().attribute.as_deref(), Some("多合一场所"));
    let d: String = c
        .query_row("SELECT description FROM hazards WHERE id = 'z3'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(d, "电气线路未采取穿管、线槽、漏电保护开关等防火保护措施");

    // The attributes of the old answers are on the household.
    assert_eq!(
        qiaomen_core::inspections::attributes::of_household(c, "h1").unwrap(),
        ["多合一场所", "弱势群体"]
    );
    // The statistics no longer count item 15.
    let t = qiaomen_core::stats::compute(c, "2024-12-01", "2024-12-31").unwrap();
    assert_eq!(t.total.hazards, 1);

    // Opening again changes nothing more.
    drop(store);
    let store = qiaomen_core::open(&path).unwrap();
    let n: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM moved_hazards", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}
