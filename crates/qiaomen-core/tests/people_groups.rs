//! The groups of vulnerable people: every group seeds 001 and 002 name is offered, and the
//! office extends the list (kept in the settings table); the people list, its export and
//! the roster import all use the office's list. On a real database file; the roster is a
//! real CSV file and the export is read back.

use qiaomen_core::households::{self, HouseholdInput};
use qiaomen_core::import::{self, ImportOptions};
use qiaomen_core::people::{self, PeopleQuery, PersonInput};
use qiaomen_core::{settings, sheet, ErrorCode, Store};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = qiaomen_core::open(&dir.path().join("q.sqlite3")).unwrap();
    let mut s = settings::load(store.conn()).unwrap();
    s.unit_name = "测试村".into();
    settings::save(store.conn(), &s).unwrap();
    (dir, store)
}

fn groups(store: &Store) -> Vec<String> {
    people::category_counts(store.conn())
        .unwrap()
        .into_iter()
        .map(|c| c.category)
        .collect()
}

#[test]
fn every_group_the_notices_name_is_offered() {
    let (_dir, store) = store();
    let offered = groups(&store);
    // Seed 001 (民政): 困境儿童、孤寡老人、特困分散供养人员、孤儿、失能（半失能）、留守儿童、
    // 特困人员、病残人员、五保户; seed 002: 孤寡老人、留守儿童、留守妇女、精神障碍患者、残疾人,
    // 社区独居老人统计表.
    for g in [
        "困境儿童",
        "孤寡老人",
        "特困分散供养人员",
        "孤儿",
        "失能/半失能",
        "留守儿童",
        "特困人员",
        "病残人员",
        "五保户",
        "留守妇女",
        "精神障碍患者",
        "残疾人",
        "独居老人",
    ] {
        assert!(
            offered.iter().any(|o| o == g),
            "{g} not offered: {offered:?}"
        );
    }
    assert_eq!(offered.last().map(String::as_str), Some("其他"));
}

#[test]
fn the_office_extends_the_list() {
    let (dir, store) = store();
    let c = store.conn();
    let saved =
        people::save_added_groups(c, &[" 低保户 ".into(), "".into(), "优抚对象".into()]).unwrap();
    assert_eq!(saved.added, vec!["低保户", "优抚对象"]);
    assert!(saved.builtin.contains(&"困境儿童".to_string()));
    // Kept in the settings table, not in code.
    let raw = settings::get_value(c, "people_groups").unwrap().unwrap();
    assert_eq!(raw, r#"["低保户","优抚对象"]"#);
    let offered = groups(&store);
    let at = |g: &str| offered.iter().position(|o| o == g).unwrap();
    assert!(at("留守妇女") < at("低保户") && at("优抚对象") < at("其他"));

    // A person in the office's own group: added, listed, filtered, exported.
    let h = households::add(
        c,
        &HouseholdInput {
            name: "王五".into(),
            address: "东街1号".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let p = people::add(
        c,
        &PersonInput {
            household_id: h.id.clone(),
            name: "王五".into(),
            categories: vec!["低保".into(), "独居".into()],
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(p.categories, vec!["独居老人", "低保户"], "office order");
    let only = people::list(
        c,
        &PeopleQuery {
            category: Some("低保户".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(only.len(), 1);
    let out = dir.path().join("名单.xlsx");
    people::export_xlsx(c, Some("低保户"), &out).unwrap();
    let s = sheet::read(&out, Some("低保户")).unwrap();
    assert_eq!(s.cell(1, 1).text(), "低保户统计表");
    assert_eq!(s.cell(4, 2).text(), "王五");

    // The list cannot lose a group people are registered under; nothing changes.
    let err = people::save_added_groups(c, &["优抚对象".into()]).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(
        err.message.contains("1 人") && err.message.contains("低保户"),
        "{}",
        err.message
    );
    assert_eq!(people::added_groups(c).unwrap(), vec!["低保户", "优抚对象"]);
    // An unused one goes.
    let saved = people::save_added_groups(c, &["低保户".into()]).unwrap();
    assert_eq!(saved.added, vec!["低保户"]);
    assert!(people::Groups::load(c).unwrap().check("优抚").is_err());
}

#[test]
fn bad_group_names_are_refused_and_nothing_is_saved() {
    let (_dir, store) = store();
    let c = store.conn();
    people::save_added_groups(c, &["低保户".into()]).unwrap();
    for (list, says) in [
        (vec!["留守儿童"], "已经在"),
        (vec!["其他"], "已经在"),
        (vec!["低保户", "低保户"], "两次"),
        (vec!["低保户，优抚"], "不能有"),
        (vec!["甲/乙"], "不能有"),
        (vec!["一二三四五六七八九十一二三四五六七八九十一"], "太长"),
    ] {
        let list: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        let err = people::save_added_groups(c, &list).unwrap_err();
        assert_eq!(err.code, ErrorCode::Invalid, "{list:?}");
        assert!(err.message.contains(says), "{list:?}: {}", err.message);
    }
    assert_eq!(people::added_groups(c).unwrap(), vec!["低保户"]);
}

#[test]
fn the_roster_import_uses_the_office_list() {
    let (dir, mut store) = store();
    people::save_added_groups(store.conn(), &["低保户".into()]).unwrap();
    let csv = dir.path().join("花名册.csv");
    std::fs::write(
        &csv,
        "户主姓名,家庭住址,联系电话,特殊人群类别\r\n\
         张三,东街1号,13800138000,独居老人、低保户\r\n\
         李四,东街2号,13800138001,孤寡老人、困境儿童\r\n\
         赵六,东街3号,13800138002,独居老人、见义勇为\r\n",
    )
    .unwrap();
    let r = import::import_file(
        store.conn_mut(),
        &csv,
        &ImportOptions::default(),
        false,
        &import::no_progress,
    )
    .unwrap();
    assert_eq!(r.added, 3, "{r:?}");
    let all = people::list(store.conn(), &PeopleQuery::default()).unwrap();
    let of = |name: &str| {
        all.iter()
            .find(|p| p.name == name)
            .map(|p| p.categories.clone())
            .unwrap()
    };
    assert_eq!(of("张三"), vec!["独居老人", "低保户"], "the office's group");
    assert_eq!(of("李四"), vec!["孤寡老人", "困境儿童"], "seed 001's group");
    assert_eq!(of("赵六"), vec!["独居老人", "其他"], "unknown -> 其他");
}
