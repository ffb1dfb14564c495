//! The publicity log (宣传记录): adding, changing and checking events, and importing a
//! clerk's own sheet of them.

use crate::common::*;

#[test]
fn publicity_crud_and_checks() {
    let db = Db::new();
    let c = db.conn();
    let e = publicity::add(
        c,
        &PublicityInput {
            date: "2024年12月3日".into(),
            category: "煤气中毒".parse().unwrap(),
            kind: "".into(),
            sessions: 1,
            people: 30,
            note: " 村口 ".into(),
        },
    )
    .unwrap();
    assert_eq!(
        (
            e.date.as_str(),
            e.category.name(),
            e.kind.as_str(),
            e.note.as_str()
        ),
        ("2024-12-03", GAS, "其他", "村口")
    );
    let mut input = PublicityInput {
        date: "2024-12-04".into(),
        category: FIRE.parse().unwrap(),
        kind: "讲座".into(),
        sessions: 2,
        people: 80,
        note: String::new(),
    };
    let e2 = publicity::update(c, &e.id, &input).unwrap();
    assert_eq!(
        (e2.category.name(), e2.sessions, e2.kind.as_str()),
        (FIRE, 2, "讲座")
    );
    let err = "防洪".parse::<qiaomen_core::Category>().unwrap_err();
    assert!(err.message.contains("行动名称"), "{}", err.message);
    for (bad, what) in [
        (
            PublicityInput {
                kind: "跳舞".into(),
                ..input.clone()
            },
            "宣传形式",
        ),
        (
            PublicityInput {
                sessions: -1,
                ..input.clone()
            },
            "负数",
        ),
        (
            PublicityInput {
                sessions: 0,
                people: 0,
                ..input.clone()
            },
            "都为 0",
        ),
        (
            PublicityInput {
                date: "昨天".into(),
                ..input.clone()
            },
            "昨天",
        ),
    ] {
        let err = publicity::add(c, &bad).unwrap_err();
        assert!(err.message.contains(what), "{}", err.message);
    }
    input.date = "2024-11-01".into();
    publicity::add(c, &input).unwrap();
    let dec = publicity::list(
        c,
        &PublicityQuery {
            from: Some("2024-12-01".into()),
            to: Some("2024-12-31".into()),
            category: None,
        },
    )
    .unwrap();
    assert_eq!(dec.len(), 1);
    assert_eq!(
        publicity::list(c, &PublicityQuery::default())
            .unwrap()
            .len(),
        2
    );
    publicity::delete(c, &e.id).unwrap();
    assert!(publicity::get(c, &e.id).is_err());
    assert!(publicity::delete(c, &e.id).is_err());
    // Every change is in the audit log (triggers).
    let n: i64 = c
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'publicity'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(n >= 4, "{n}");
}

#[test]
fn publicity_import_from_a_clerks_sheet() {
    let db = Db::new();
    let r = publicity::import_file(db.conn(), &fixture("publicity_log.xlsx")).unwrap();
    assert_eq!(r.added, 5, "{r:?}");
    let rows: Vec<i64> = r.problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, vec![8, 10], "{r:?}");
    assert!(r.problems[0].message.contains("看不出类别"));
    assert!(r.problems[1].message.contains("12月35日"));
    let all = publicity::list(db.conn(), &PublicityQuery::default()).unwrap();
    let gas = all.iter().find(|e| e.date == "2024-12-01").unwrap();
    assert_eq!(
        (
            gas.category.name(),
            gas.kind.as_str(),
            gas.sessions,
            gas.people
        ),
        (GAS, "广播", 2, 300)
    );
    let wx = all.iter().find(|e| e.date == "2024-12-03").unwrap();
    assert_eq!(
        (wx.category.name(), wx.kind.as_str(), wx.people),
        ("防燃气爆炸事故", "微信群", 250)
    );
    let banner = all.iter().find(|e| e.date == "2024-12-10").unwrap();
    assert_eq!(
        (banner.kind.as_str(), banner.note.as_str()),
        ("其他", "村口拉横幅")
    );
    // Importing the same file again adds nothing.
    let again = publicity::import_file(db.conn(), &fixture("publicity_log.xlsx")).unwrap();
    assert_eq!((again.added, again.duplicates), (0, 5));
    let err = publicity::import_file(db.conn(), &fixture("not_a_table.xlsx")).unwrap_err();
    assert!(err.message.contains("not_a_table.xlsx"), "{}", err.message);
}
