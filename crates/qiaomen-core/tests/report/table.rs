//! The statistics table: only the period's own numbers, and every number traced back to
//! the hazards or publicity events behind it.

use crate::common::*;

#[test]
fn table_counts_only_the_period() {
    let db = sample();
    let t = stats::compute(db.conn(), "2024-12-01", "2024-12-31").unwrap();
    assert_eq!(t.unit, "红星村");
    assert_eq!(t.contact, "张丽");
    let names: Vec<&str> = t.rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(
        names,
        CATEGORIES.to_vec(),
        "seven rows in the official order"
    );
    let gas = &t.rows[0];
    assert_eq!(
        (
            gas.sessions,
            gas.people,
            gas.hazards,
            gas.rectified,
            gas.major,
            gas.major_rectified
        ),
        (3, 190, 2, 1, 1, 1)
    );
    let fire = &t.rows[2];
    assert_eq!(
        (
            fire.hazards,
            fire.rectified,
            fire.major,
            fire.major_rectified
        ),
        (3, 2, 1, 1)
    );
    let forest = &t.rows[6];
    assert_eq!((forest.sessions, forest.people, forest.hazards), (1, 60, 0));
    assert_eq!(
        (
            t.total.sessions,
            t.total.people,
            t.total.hazards,
            t.total.rectified,
            t.total.major,
            t.total.major_rectified
        ),
        (4, 250, 5, 3, 2, 2)
    );
    assert_eq!(t.total.action, "合计");

    // A single day and a cycle: "数据不累计".
    let day = stats::compute(db.conn(), "2024-12-01", "2024-12-01").unwrap();
    assert_eq!(
        (day.total.hazards, day.total.rectified, day.total.sessions),
        (1, 1, 2)
    );
    let jan = stats::compute(db.conn(), "2025-01-01", "2025-01-31").unwrap();
    assert_eq!((jan.total.hazards, jan.total.rectified), (1, 1));
    assert!(stats::compute(db.conn(), "2024-12-31", "2024-12-01").is_err());
}

#[test]
fn every_cell_drills_down_to_its_records() {
    let db = sample();
    let t = stats::compute(db.conn(), "2024-12-01", "2024-12-31").unwrap();
    let mut rows = t.rows.clone();
    rows.push(t.total.clone());
    for r in &rows {
        for c in Column::ALL {
            let cell = stats::cell(db.conn(), &t.from, &t.to, Some(&r.action), c, None).unwrap();
            assert_eq!(cell.value, r.get(c), "{} {:?}", r.action, c);
            match c {
                Column::Sessions => assert_eq!(
                    cell.events.iter().map(|e| e.sessions).sum::<i64>(),
                    r.sessions
                ),
                Column::People => {
                    assert_eq!(cell.events.iter().map(|e| e.people).sum::<i64>(), r.people)
                }
                _ => {
                    assert_eq!(cell.hazards.len() as i64, r.get(c));
                    assert!(cell.events.is_empty());
                }
            }
        }
    }
    let c = stats::cell(
        db.conn(),
        &t.from,
        &t.to,
        Some(FIRE),
        Column::Rectified,
        None,
    )
    .unwrap();
    let found: Vec<&str> = c.hazards.iter().map(|h| h.found_on.as_str()).collect();
    assert_eq!(
        found,
        vec!["2024-11-28", "2024-12-10"],
        "closed in the period whenever found"
    );
    assert!(c.hazards.iter().all(|h| !h.household_code.is_empty()));
    assert!(!c.truncated);
    let first = stats::cell(db.conn(), &t.from, &t.to, None, Column::Hazards, Some(2)).unwrap();
    assert_eq!(
        (first.value, first.hazards.len(), first.truncated),
        (5, 2, true)
    );
    assert!(stats::cell(
        db.conn(),
        &t.from,
        &t.to,
        Some("防洪"),
        Column::Hazards,
        None
    )
    .is_err());
}
