//! Rounds and coverage, and the vulnerable-people lists, on a real database file; the
//! exported spreadsheets are read back.

use qiaomen_core::grids::{self, GridInput};
use qiaomen_core::households::{self, HouseholdInput};
use qiaomen_core::inspections::{self, InspectionInput};
use qiaomen_core::people::{self, PeopleQuery, PersonInput};
use qiaomen_core::rounds::{self, RoundInput};
use qiaomen_core::sheet;
use qiaomen_core::{settings, ErrorCode, Store};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = qiaomen_core::open(&dir.path().join("q.sqlite3")).unwrap();
    let mut s = settings::load(store.conn()).unwrap();
    s.unit_name = "测试村".into();
    settings::save(store.conn(), &s).unwrap();
    (dir, store)
}

fn add_household(store: &Store, name: &str, grid: Option<&str>) -> households::Household {
    households::add(
        store.conn(),
        &HouseholdInput {
            name: name.into(),
            address: format!("{name}家"),
            grid_id: grid.map(str::to_string),
            residents: Some(2),
            ..Default::default()
        },
    )
    .unwrap()
}

fn visit(store: &Store, h: &households::Household, date: &str) {
    inspections::record(
        store.conn(),
        &InspectionInput {
            household_id: h.id.clone(),
            visit_date: date.into(),
            inspectors: "李四".into(),
            ..Default::default()
        },
    )
    .unwrap();
}

#[test]
fn coverage_per_grid_and_not_visited_list() {
    let (dir, store) = store();
    let g1 = grids::add(
        store.conn(),
        &GridInput {
            name: "一网格".into(),
            leader: "网格长甲".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let g2 = grids::add(
        store.conn(),
        &GridInput {
            name: "二网格".into(),
            ..Default::default()
        },
    )
    .unwrap();
    grids::add(
        store.conn(),
        &GridInput {
            name: "空网格".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let a = add_household(&store, "张三", Some(&g1.id));
    let b = add_household(&store, "李䶮", Some(&g1.id));
    let c = add_household(&store, "王五", Some(&g2.id));
    let d = add_household(&store, "赵六", None);
    visit(&store, &a, "2024-11-20");
    visit(&store, &b, "2024-11-10"); // before the round
    visit(&store, &c, "2024-12-02");
    visit(&store, &d, "2024-12-16"); // after the round

    let r = rounds::add(
        store.conn(),
        &RoundInput {
            name: "第二轮".into(),
            start_date: "2024年11月16日".into(),
            end_date: "2024-12-15".into(),
            note: String::new(),
        },
    )
    .unwrap();
    assert_eq!(r.start_date, "2024-11-16");
    assert_eq!(
        rounds::add(
            store.conn(),
            &RoundInput {
                name: "第二轮".into(),
                start_date: "2024-12-01".into(),
                end_date: "2024-12-02".into(),
                note: String::new()
            }
        )
        .unwrap_err()
        .code,
        ErrorCode::Conflict
    );
    let bad = rounds::add(
        store.conn(),
        &RoundInput {
            name: "倒过来".into(),
            start_date: "2024-12-10".into(),
            end_date: "2024-12-01".into(),
            note: String::new(),
        },
    )
    .unwrap_err();
    assert!(bad.message.contains("早于"), "{}", bad.message);
    assert_eq!(
        rounds::current(store.conn(), Some("2024-12-01"))
            .unwrap()
            .unwrap()
            .id,
        r.id
    );

    let cov = rounds::coverage(store.conn(), &r.id).unwrap();
    assert_eq!((cov.households, cov.visited, cov.not_visited), (4, 2, 2));
    let one = cov.grids.iter().find(|g| g.grid == "一网格").unwrap();
    assert_eq!((one.households, one.visited, one.not_visited), (2, 1, 1));
    let two = cov.grids.iter().find(|g| g.grid == "二网格").unwrap();
    assert_eq!((two.visited, two.not_visited), (1, 0));
    assert!(cov
        .grids
        .iter()
        .any(|g| g.grid == "空网格" && g.households == 0));
    assert!(cov
        .grids
        .iter()
        .any(|g| g.grid_id.is_none() && g.not_visited == 1));

    let missing = rounds::not_visited(store.conn(), &r.id, None).unwrap();
    let names: Vec<&str> = missing.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, vec!["李䶮", "赵六"]);
    assert_eq!(missing[0].last_visit.as_deref(), Some("2024-11-10"));
    let only_g1 = rounds::not_visited(store.conn(), &r.id, Some(&g1.id)).unwrap();
    assert_eq!(only_g1.len(), 1);

    let out = dir.path().join("未入户名单.xlsx");
    let n = rounds::export_not_visited(store.conn(), &r.id, None, &out).unwrap();
    assert_eq!(n, 2);
    let s = sheet::read(&out, Some("未入户名单")).unwrap();
    assert!(s.cell(1, 1).text().contains("第二轮"));
    assert_eq!(s.cell(3, 4).text(), "检查地点(对象)名称");
    assert_eq!(s.cell(4, 4).text(), "李䶮");
    assert_eq!(s.cell(4, 3).text(), b.code);
    assert_eq!(s.cell(5, 4).text(), "赵六");
    let g = sheet::read(&out, Some("各网格覆盖情况")).unwrap();
    assert!(
        (1..=g.height()).any(|row| g.cell(row, 1).text() == "合计" && g.cell(row, 6).text() == "2")
    );

    rounds::delete(store.conn(), &r.id).unwrap();
    assert!(rounds::list(store.conn()).unwrap().is_empty());
}

#[test]
fn people_lists_per_category_and_export() {
    let (dir, store) = store();
    let h = add_household(&store, "孙八", None);
    let p = people::add(
        store.conn(),
        &PersonInput {
            household_id: h.id.clone(),
            name: "孙 老 汉".into(),
            categories: vec!["独居".into(), "残疾".into()],
            id_number: "11010519491231002X".into(),
            phone: "１３８００１３８０００".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(p.name, "孙老汉");
    assert_eq!(p.categories, vec!["独居老人", "残疾人"]);
    assert_eq!(p.gender, "女");
    assert_eq!(p.birth_date.as_deref(), Some("1949-12-31"));
    assert!(p.age.unwrap() >= 74);
    assert_eq!(p.phone, "13800138000");
    assert_eq!(
        households::get(store.conn(), &h.id).unwrap().vulnerable,
        Some(1)
    );
    people::add(
        store.conn(),
        &PersonInput {
            household_id: h.id.clone(),
            name: "孙小宝".into(),
            categories: vec!["留守儿童".into()],
            gender: "男".into(),
            birth_date: Some("2016-05-01".into()),
            guardian: "孙老汉".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        households::get(store.conn(), &h.id).unwrap().vulnerable,
        Some(2)
    );
    let err = people::add(
        store.conn(),
        &PersonInput {
            household_id: h.id.clone(),
            name: "某人".into(),
            categories: vec!["外星人".into()],
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(err.message.contains("独居老人"), "{}", err.message);

    let alone = people::list(
        store.conn(),
        &PeopleQuery {
            category: Some("独居老人".parse().unwrap()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(alone.len(), 1);
    let counts = people::category_counts(store.conn()).unwrap();
    assert_eq!(
        counts
            .iter()
            .find(|c| c.category == "留守儿童")
            .unwrap()
            .count,
        1
    );
    let by_initials = people::list(
        store.conn(),
        &PeopleQuery {
            search: Some("sb".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(by_initials.len(), 2, "household initials find its people");

    let out = dir.path().join("弱势群体.xlsx");
    let n = people::export_xlsx(store.conn(), None, &out).unwrap();
    assert_eq!(n, 3);
    let s = sheet::read(&out, Some("独居老人")).unwrap();
    assert_eq!(s.cell(1, 1).text(), "社区独居老人统计表");
    assert_eq!(s.cell(4, 2).text(), "孙老汉");
    assert_eq!(s.cell(4, 5).text(), "11010519491231002X");
    assert_eq!(s.cell(4, 6).text(), "13800138000");
    let s = sheet::read(&out, Some("留守儿童")).unwrap();
    assert_eq!(s.cell(4, 2).text(), "孙小宝");

    people::delete(store.conn(), &p.id).unwrap();
    assert_eq!(
        people::list(store.conn(), &PeopleQuery::default())
            .unwrap()
            .len(),
        1
    );
}
