//! Double entry (双录入核对, issue 18) on a real database file: a second entry with no
//! difference verifies; one with a difference lists exactly that item and changes no hazard
//! until it is settled; settling re-derives the hazards; the audit log keeps both entries and
//! every settlement; the office's setting chooses forms when they are saved.

use qiaomen_core::hazards::{self, HazardQuery};
use qiaomen_core::households::{self, HouseholdInput};
use qiaomen_core::inspections::verify::{self, Choice, SecondEntryInput, VerifyState};
use qiaomen_core::inspections::verify_stats::{
    self, DoubleEntryMode, DoubleEntrySettings, VerifyPeriod,
};
use qiaomen_core::inspections::{
    self, AnswerEntry, ExtraHazardInput, InspectionInput, InspectionQuery,
};
use qiaomen_core::templates::{self, Answer};
use qiaomen_core::{audit, settings, Category, ErrorCode, Store};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = qiaomen_core::open(&dir.path().join("q.sqlite3")).unwrap();
    let mut s = settings::load(store.conn()).unwrap();
    s.unit_name = "测试村".into();
    settings::save(store.conn(), &s).unwrap();
    (dir, store)
}

/// Every item answered on the safe side, except those listed as hazards.
fn answers(hazard_items: &[i64]) -> Vec<AnswerEntry> {
    let t = templates::Template::parse(templates::BUILTIN[0]).unwrap();
    t.items
        .iter()
        .map(|i| {
            let safe = match i.hazard_when {
                Some(Answer::Yes) | None => Answer::No,
                Some(Answer::No) => Answer::Yes,
            };
            let hazard = i.hazard_when.unwrap_or(Answer::Yes);
            AnswerEntry {
                item_no: i.no,
                answer: if hazard_items.contains(&i.no) {
                    hazard
                } else {
                    safe
                },
            }
        })
        .collect()
}

fn keyed(store: &Store, name: &str, inspectors: &str, hazards: &[i64]) -> String {
    let h = households::add(
        store.conn(),
        &HouseholdInput {
            name: name.into(),
            address: "一组1号".into(),
            residents: Some(3),
            ..Default::default()
        },
    )
    .unwrap();
    inspections::record(
        store.conn(),
        &InspectionInput {
            household_id: h.id,
            visit_date: "2024-12-03".into(),
            inspectors: inspectors.into(),
            answers: answers(hazards),
            ..Default::default()
        },
    )
    .unwrap()
    .inspection
    .id
}

fn hazard_items(store: &Store, id: &str) -> Vec<i64> {
    let mut v: Vec<i64> = hazards::list(
        store.conn(),
        &HazardQuery {
            inspection_id: Some(id.into()),
            ..Default::default()
        },
    )
    .unwrap()
    .items
    .iter()
    .filter_map(|h| h.item_no)
    .collect();
    v.sort();
    v
}

#[test]
fn same_second_entry_verifies() {
    let (_d, store) = store();
    let id = keyed(&store, "张三", "李四", &[4]);
    let v = verify::second_entry(
        store.conn(),
        &id,
        &SecondEntryInput {
            answers: answers(&[4]),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(v.verified && v.mismatches.is_empty(), "{v:?}");
    assert_eq!(v.state, VerifyState::Verified);
    assert_eq!(v.differences, 0);
}

#[test]
fn a_difference_is_listed_changes_nothing_until_settled_and_settling_rederives_hazards() {
    let (_d, store) = store();
    let c = store.conn();
    let id = keyed(&store, "张三", "李四", &[4]);
    assert_eq!(hazard_items(&store, &id), vec![4]);
    // The second keying says item 5 (gas hose) is a hazard too.
    let v = verify::second_entry(
        c,
        &id,
        &SecondEntryInput {
            answers: answers(&[4, 5]),
            keyed_by: "赵六".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(!v.verified);
    assert_eq!(v.state, VerifyState::Differences);
    assert_eq!(v.mismatches.len(), 1, "{:?}", v.mismatches);
    let m = &v.mismatches[0];
    assert_eq!(
        (m.item, m.first.as_str(), m.second.as_str()),
        (5, "否", "是")
    );
    assert_eq!(
        hazard_items(&store, &id),
        vec![4],
        "no hazard changes before settling"
    );
    let unverified = inspections::list(
        c,
        &InspectionQuery {
            unverified: Some(true),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(unverified.total, 1);
    assert_eq!(unverified.items[0].verify, VerifyState::Differences);
    // An item without a difference cannot be settled.
    assert_eq!(
        verify::resolve(c, &id, 4, Choice::Yes, "")
            .unwrap_err()
            .code,
        ErrorCode::Invalid
    );
    // The paper says 是: the second entry was right.
    let r = verify::resolve(c, &id, 5, Choice::read("是").unwrap(), "赵六").unwrap();
    assert!(r.changed && r.verification.verified, "{r:?}");
    assert_eq!(r.hazards_added, 1);
    assert_eq!(hazard_items(&store, &id), vec![4, 5]);
    let i = inspections::get(c, &id).unwrap();
    assert_eq!(
        i.answers.iter().find(|a| a.item_no == 5).unwrap().answer,
        Answer::Yes
    );
    // The audit log: the second entry (inserted, then keyed), the settlement, the answer
    // changed old -> new.
    let de = audit::history(c, "double_entries", &id).unwrap();
    assert!(de.len() >= 2, "{de:?}");
    let keyed_entry = de.iter().find(|e| e.action == "update").unwrap();
    assert!(keyed_entry.new.as_ref().unwrap()["answers"]
        .as_str()
        .unwrap()
        .contains("yes"));
    assert_eq!(keyed_entry.new.as_ref().unwrap()["keyed_by"], "赵六");
    let res_id: String = c
        .query_row(
            "SELECT id FROM entry_resolutions WHERE inspection_id = ?1",
            [&id],
            |r| r.get(0),
        )
        .unwrap();
    let res = audit::history(c, "entry_resolutions", &res_id).unwrap();
    let row = res[0].new.as_ref().unwrap();
    assert_eq!(
        (
            row["first"].as_str(),
            row["second"].as_str(),
            row["chosen"].as_str()
        ),
        (Some("否"), Some("是"), Some("是"))
    );
    assert_eq!(row["resolved_by"], "赵六");
    let ans = audit::history(c, "answers", &format!("{id}#5")).unwrap();
    let last = ans.last().unwrap();
    assert_eq!(last.action, "update");
    assert_eq!(last.old.as_ref().unwrap()["answer"], "no");
    assert_eq!(last.new.as_ref().unwrap()["answer"], "yes");
}

#[test]
fn keeping_the_first_answer_verifies_without_changing_the_form() {
    let (_d, store) = store();
    let c = store.conn();
    let id = keyed(&store, "张三", "李四", &[4]);
    let v = verify::second_entry(
        c,
        &id,
        &SecondEntryInput {
            answers: answers(&[]),
            extra_hazards: vec![ExtraHazardInput {
                id: None,
                description: "化粪池无盖板".into(),
                category: Category::ConfinedSpace,
                major: true,
                fixed_on_site: false,
            }],
            ..Default::default()
        },
    )
    .unwrap();
    let items: Vec<i64> = v.mismatches.iter().map(|m| m.item).collect();
    assert_eq!(items, vec![4, 0]);
    assert_eq!(v.differences, 2);
    let r = verify::resolve(c, &id, 4, Choice::First, "").unwrap();
    assert!(!r.changed && !r.verification.verified);
    assert_eq!(hazard_items(&store, &id), vec![4]);
    // The paper has the other hazard: the second entry's is taken.
    let r = verify::resolve(c, &id, 0, Choice::Second, "").unwrap();
    assert!(r.changed && r.verification.verified, "{r:?}");
    let i = inspections::get(c, &id).unwrap();
    assert!(i
        .hazards
        .iter()
        .any(|h| h.description == "化粪池无盖板" && h.major));
    // A blank on paper is settled with "-".
    assert_eq!(Choice::read("-").unwrap(), Choice::Blank);
    assert!(Choice::read("也许").is_err());
}

#[test]
fn the_setting_chooses_forms_when_saved_and_the_figures_follow() {
    let (_d, store) = store();
    let c = store.conn();
    // Off: nothing chosen, but a second entry can be keyed for any form.
    let free = keyed(&store, "甲", "李四", &[]);
    assert_eq!(
        verify::get_verification(c, &free).unwrap().state,
        VerifyState::None
    );
    verify_stats::save_settings(
        c,
        &DoubleEntrySettings {
            mode: DoubleEntryMode::Sample,
            percent: 10,
        },
    )
    .unwrap();
    assert!(verify_stats::save_settings(
        c,
        &DoubleEntrySettings {
            mode: DoubleEntryMode::Sample,
            percent: 0
        }
    )
    .is_err());
    // 20 forms of one inspector: one of every ten is chosen, at random.
    let ids: Vec<String> = (0..20)
        .map(|k| keyed(&store, &format!("户{k}"), "王五", &[]))
        .collect();
    let chosen = ids
        .iter()
        .filter(|id| verify::get_verification(c, id).unwrap().state == VerifyState::Pending)
        .count();
    assert_eq!(chosen, 2);
    verify_stats::save_settings(
        c,
        &DoubleEntrySettings {
            mode: DoubleEntryMode::All,
            percent: 10,
        },
    )
    .unwrap();
    let every = keyed(&store, "乙", "李四", &[]);
    assert_eq!(
        verify::get_verification(c, &every).unwrap().state,
        VerifyState::Pending
    );
    let all = VerifyPeriod::default();
    let s = verify_stats::summary(c, &all).unwrap();
    assert_eq!((s.verified, s.due, s.waiting), (0, 3, 3));
    // Keyed twice: the free form (agrees), the all form (disagrees on one item).
    verify::second_entry(
        c,
        &free,
        &SecondEntryInput {
            answers: answers(&[]),
            ..Default::default()
        },
    )
    .unwrap();
    verify::second_entry(
        c,
        &every,
        &SecondEntryInput {
            answers: answers(&[7]),
            ..Default::default()
        },
    )
    .unwrap();
    let s = verify_stats::summary(c, &all).unwrap();
    assert_eq!((s.verified, s.due, s.with_differences), (1, 4, 1));
    let q = verify_stats::by_inspector(c, &all).unwrap();
    assert_eq!(q.len(), 1);
    assert_eq!(
        (
            q[0].inspector.as_str(),
            q[0].forms,
            q[0].disagreed,
            q[0].items
        ),
        ("李四", 2, 1, 1)
    );
    assert_eq!(q[0].percent, 50.0);
    // Statistics never wait: the form with differences counts as entered.
    let listed = inspections::list(c, &InspectionQuery::default()).unwrap();
    assert_eq!(listed.total, 22);
    // Deleting a form removes its double entry too.
    inspections::delete(c, &every).unwrap();
    assert_eq!(verify_stats::summary(c, &all).unwrap().due, 3);
}
