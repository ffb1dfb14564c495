//! Inspections and their derived hazards, on a real database file.

use qiaomen_core::hazards::{
    self, HazardEdit, HazardQuery, HazardStatus, HazardView, RevisitInput,
};
use qiaomen_core::households::{self, HouseholdInput};
use qiaomen_core::inspections::{self, AnswerEntry, ExtraHazardInput, InspectionInput};
use qiaomen_core::templates::{self, Answer};
use qiaomen_core::{settings, ErrorCode, Store};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = qiaomen_core::open(&dir.path().join("q.sqlite3")).unwrap();
    let mut s = settings::load(store.conn()).unwrap();
    s.unit_name = "测试村".into();
    s.deadline_days = 10;
    settings::save(store.conn(), &s).unwrap();
    (dir, store)
}

fn household(store: &Store, name: &str) -> households::Household {
    households::add(
        store.conn(),
        &HouseholdInput {
            name: name.into(),
            address: "一组1号".into(),
            residents: Some(3),
            ..Default::default()
        },
    )
    .unwrap()
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

fn audit_count(store: &Store, entity: &str) -> i64 {
    store
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = ?1",
            [entity],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn hazards_follow_polarity_category_and_major() {
    let (_d, store) = store();
    let h = household(&store, "张三");
    let input = InspectionInput {
        household_id: h.id.clone(),
        visit_date: "2024年12月3日".into(),
        inspectors: "李四，王五".into(),
        // item 3 hazard on 否, item 5 major gas leak, item 13 major charcoal
        answers: answers(&[3, 5, 13]),
        fixed_on_site: vec![13],
        extra_hazards: vec![ExtraHazardInput {
            description: "院内化粪池无盖板".into(),
            category: "有限空间".parse().unwrap(),
            major: true,
            id: None,
            fixed_on_site: false,
        }],
        assigned: "更换燃气软管".into(),
        signed: true,
        ..Default::default()
    };
    let saved = inspections::record(store.conn(), &input).unwrap();
    let i = &saved.inspection;
    assert_eq!(i.visit_date, "2024-12-03");
    assert_eq!(i.inspectors, "李四、王五");
    assert_eq!(i.template_id, "xq2024");
    assert_eq!(i.answers.len(), 16);
    assert_eq!(saved.hazards_added, 4);
    assert_eq!(i.other_hazards, "院内化粪池无盖板");
    let hz = &i.hazards;
    assert_eq!(hz.len(), 4);
    assert_eq!(hz[0].item_no, Some(3));
    assert_eq!(hz[0].category.name(), "防小火亡人事故");
    assert!(!hz[0].major);
    // Read by the item's 隐患说法, not "question：否".
    assert_eq!(
        hz[0].description,
        "电气线路未采取穿管、线槽、漏电保护开关等防火保护措施"
    );
    assert_eq!(hz[0].status, HazardStatus::Open);
    assert_eq!(hz[0].found_on, "2024-12-03");
    assert_eq!(hz[0].deadline.as_deref(), Some("2024-12-13"));
    assert_eq!(hz[1].item_no, Some(5));
    assert_eq!(hz[1].category.name(), "防燃气爆炸事故");
    assert!(hz[1].major);
    assert_eq!(hz[2].item_no, Some(13));
    assert_eq!(hz[2].status, HazardStatus::FixedOnSite);
    assert_eq!(hz[2].closed_on.as_deref(), Some("2024-12-03"));
    assert_eq!(hz[2].deadline, None);
    assert_eq!(hz[3].source.as_str(), "other");
    assert_eq!(hz[3].category.name(), "防有限空间中毒事故");
    assert!(hz[3].major);

    // The entry form's defaults remember the last date and inspectors.
    let d = inspections::entry_defaults(store.conn()).unwrap();
    assert_eq!(d.visit_date, "2024-12-03");
    assert_eq!(d.inspectors, "李四、王五");
    // Keyed on an earlier day: the next day's forms start on today's date again.
    settings::set_value(store.conn(), inspections::LAST_DATE_ON_KEY, "2024-12-03").unwrap();
    let d = inspections::entry_defaults(store.conn()).unwrap();
    assert_eq!(d.visit_date, d.today);
    assert_eq!(d.inspectors, "李四、王五");

    // Audit: inspection, 4 hazards; the answers are part of the form (0009).
    assert_eq!(audit_count(&store, "inspections"), 1);
    assert_eq!(audit_count(&store, "answers"), 0);
    assert_eq!(audit_count(&store, "hazards"), 4);

    // get() gives the same thing back.
    let again = inspections::get(store.conn(), &i.id).unwrap();
    assert_eq!(&again, i);
    let detail = hazards::get(store.conn(), &hz[1].id).unwrap();
    assert_eq!(detail.household.name, "张三");
    assert_eq!(detail.inspectors, "李四、王五");
    assert_eq!(detail.assigned, "更换燃气软管");
}

#[test]
fn editing_makes_hazards_follow_but_keeps_followed_up_ones() {
    let (_d, store) = store();
    let h = household(&store, "赵六");
    let mut input = InspectionInput {
        household_id: h.id.clone(),
        visit_date: "2024-12-03".into(),
        inspectors: "李四".into(),
        answers: answers(&[2, 4, 10]),
        ..Default::default()
    };
    let saved = inspections::record(store.conn(), &input).unwrap();
    let id = saved.inspection.id.clone();
    let by_item = |no: i64| {
        inspections::get(store.conn(), &id)
            .unwrap()
            .hazards
            .into_iter()
            .find(|h| h.item_no == Some(no))
    };
    // Item 4 gets a revisit, item 10 is closed.
    let h4 = by_item(4).unwrap();
    hazards::revisit(
        store.conn(),
        &h4.id,
        &RevisitInput {
            visit_date: "2024-12-05".into(),
            visitor: "李四".into(),
            result: "正在整改".into(),
            note: String::new(),
        },
    )
    .unwrap();
    let h10 = by_item(10).unwrap();
    hazards::close(store.conn(), &h10.id, "2024-12-06", "已搬出").unwrap();

    let audit_before = audit_count(&store, "hazards");
    // The clerk corrects: items 2, 4 and 10 were not hazards, item 7 was.
    input.answers = answers(&[7]);
    let saved = inspections::update(store.conn(), &id, &input).unwrap();
    assert_eq!(saved.hazards_added, 1);
    assert_eq!(saved.hazards_removed, 1); // item 2
    assert_eq!(saved.hazards_kept, 2); // 4 (revisited) and 10 (closed)
    assert_eq!(
        saved
            .warnings
            .iter()
            .filter(|w| w.message.contains("没有删除"))
            .count(),
        2
    );
    assert!(by_item(2).is_none());
    assert!(by_item(4).is_some());
    assert_eq!(by_item(10).unwrap().status, HazardStatus::Closed);
    assert!(by_item(7).is_some());
    assert!(audit_count(&store, "hazards") >= audit_before + 2);
    let answer_updates: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'answers' AND action = 'update'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(answer_updates, 4, "only the changed answers are rewritten");

    // Moving the visit date after the closing date is refused, nothing changes.
    input.visit_date = "2024-12-08".into();
    let err = inspections::update(store.conn(), &id, &input).unwrap_err();
    assert_eq!(err.code, ErrorCode::Invalid);
    assert_eq!(
        inspections::get(store.conn(), &id).unwrap().visit_date,
        "2024-12-03"
    );
    // Moving it earlier moves found_on and the default deadline.
    input.visit_date = "2024-12-02".into();
    inspections::update(store.conn(), &id, &input).unwrap();
    let h7 = by_item(7).unwrap();
    assert_eq!(h7.found_on, "2024-12-02");
    assert_eq!(h7.deadline.as_deref(), Some("2024-12-12"));

    // Deleting is refused while followed-up hazards exist.
    let err = inspections::delete(store.conn(), &id).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
}

#[test]
fn fixed_on_site_toggles_and_other_hazards_edit_by_id() {
    let (_d, store) = store();
    let h = household(&store, "钱七");
    let mut input = InspectionInput {
        household_id: h.id.clone(),
        visit_date: "2024-12-03".into(),
        answers: answers(&[6]),
        extra_hazards: vec![ExtraHazardInput {
            description: "柴草堆放靠近灶台".into(),
            category: "防小火亡人事故".parse().unwrap(),
            id: None,
            major: false,
            fixed_on_site: false,
        }],
        ..Default::default()
    };
    let saved = inspections::record(store.conn(), &input).unwrap();
    let id = saved.inspection.id.clone();
    let other_id = saved.inspection.hazards[1].id.clone();
    input.fixed_on_site = vec![6];
    input.extra_hazards[0].id = Some(other_id.clone());
    input.extra_hazards[0].description = "柴草堆放紧靠灶台".into();
    input.extra_hazards[0].major = true;
    let saved = inspections::update(store.conn(), &id, &input).unwrap();
    assert_eq!((saved.hazards_added, saved.hazards_removed), (0, 0));
    let hz = &saved.inspection.hazards;
    assert_eq!(hz[0].status, HazardStatus::FixedOnSite);
    assert_eq!(hz[0].closed_on.as_deref(), Some("2024-12-03"));
    assert_eq!(hz[1].id, other_id);
    assert_eq!(hz[1].description, "柴草堆放紧靠灶台");
    assert!(hz[1].major);
    // And back.
    input.fixed_on_site.clear();
    let saved = inspections::update(store.conn(), &id, &input).unwrap();
    assert_eq!(saved.inspection.hazards[0].status, HazardStatus::Open);
    assert_eq!(saved.inspection.hazards[0].closed_on, None);
    assert_eq!(
        saved.inspection.hazards[0].deadline.as_deref(),
        Some("2024-12-13")
    );
    // Fixed on the spot for an item that is not a hazard is refused.
    input.fixed_on_site = vec![5];
    assert_eq!(
        inspections::update(store.conn(), &id, &input)
            .unwrap_err()
            .code,
        ErrorCode::Invalid
    );
    // A wrong category cannot even be written: it is refused with the list of categories.
    input.fixed_on_site.clear();
    let err = "防外星人".parse::<qiaomen_core::Category>().unwrap_err();
    assert!(err.message.contains("防煤气中毒事故"), "{}", err.message);
    // Deleting an inspection without followed-up hazards removes its hazards too.
    inspections::delete(store.conn(), &id).unwrap();
    let left: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM hazards", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
    assert!(audit_count(&store, "hazards") > 0);
}

#[test]
fn warnings_for_same_day_future_date_and_vulnerable_marking() {
    let (_d, store) = store();
    let h = household(&store, "孙八");
    let input = InspectionInput {
        household_id: h.id.clone(),
        visit_date: "2024-12-03".into(),
        inspectors: "李四".into(),
        answers: vec![AnswerEntry {
            item_no: 1,
            answer: Answer::Yes,
        }],
        ..Default::default()
    };
    let first = inspections::record(store.conn(), &input).unwrap();
    assert!(first.warnings.iter().any(|w| w.field == "item_1"));
    assert!(first.warnings.iter().any(|w| w.field == "answers"));
    assert_eq!(
        households::get(store.conn(), &h.id).unwrap().vulnerable,
        Some(1)
    );
    let second = inspections::record(store.conn(), &input).unwrap();
    assert!(second
        .warnings
        .iter()
        .any(|w| w.field == "visit_date" && w.message.contains("已有")));
    let future = qiaomen_core::today() + chrono::Days::new(3);
    let third = inspections::record(
        store.conn(),
        &InspectionInput {
            visit_date: future.to_string(),
            ..input.clone()
        },
    )
    .unwrap();
    assert!(third
        .warnings
        .iter()
        .any(|w| w.field == "visit_date" && w.message.contains("晚于今天")));
    let page = inspections::list(
        store.conn(),
        &inspections::InspectionQuery {
            household_id: Some(h.id.clone()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(page.total, 3);
    // A bad date is an error, not a warning.
    let err = inspections::record(
        store.conn(),
        &InspectionInput {
            visit_date: "下周".into(),
            ..input
        },
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::Invalid);
}

#[test]
fn ledger_views_close_revisit_reopen_edit() {
    let (_d, store) = store();
    let a = household(&store, "周九");
    let b = household(&store, "吴十");
    for (h, items, date) in [(&a, vec![5, 7], "2024-12-01"), (&b, vec![13], "2024-12-20")] {
        inspections::record(
            store.conn(),
            &InspectionInput {
                household_id: h.id.clone(),
                visit_date: date.into(),
                answers: answers(&items),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let q = |view: HazardView, as_of: &str| {
        hazards::list(
            store.conn(),
            &HazardQuery {
                view,
                as_of: Some(as_of.into()),
                ..Default::default()
            },
        )
        .unwrap()
    };
    assert_eq!(q(HazardView::Open, "2024-12-25").total, 3);
    // a's hazards: deadline 12-11, so overdue on 12-12 but not on 12-11.
    assert_eq!(q(HazardView::Overdue, "2024-12-11").total, 0);
    assert_eq!(q(HazardView::Overdue, "2024-12-12").total, 2);
    let major = hazards::list(
        store.conn(),
        &HazardQuery {
            major_only: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(major.total, 2);
    let gas = hazards::list(
        store.conn(),
        &HazardQuery {
            category: Some("防燃气爆炸事故".parse().unwrap()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(gas.total, 1);
    let id = gas.items[0].id.clone();

    // Closing before it was found is refused; then closing works once.
    let err = hazards::close(store.conn(), &id, "2024-11-30", "").unwrap_err();
    assert!(err.message.contains("早于"), "{}", err.message);
    let closed = hazards::close(store.conn(), &id, "2024-12-04", "换了新软管").unwrap();
    assert_eq!(closed.status, HazardStatus::Closed);
    assert_eq!(closed.closed_on.as_deref(), Some("2024-12-04"));
    assert_eq!(closed.note, "换了新软管");
    assert_eq!(
        hazards::close(store.conn(), &id, "2024-12-05", "")
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );
    let r = hazards::revisit(
        store.conn(),
        &id,
        &RevisitInput {
            visit_date: "2024-12-10".into(),
            visitor: "李四".into(),
            result: "已整改".into(),
            note: String::new(),
        },
    )
    .unwrap();
    assert_eq!(r.visit_date, "2024-12-10");
    let detail = hazards::get(store.conn(), &id).unwrap();
    assert_eq!(detail.revisits.len(), 1);
    assert_eq!(detail.hazard.revisits, 1);
    let reopened = hazards::reopen(store.conn(), &id).unwrap();
    assert_eq!(reopened.status, HazardStatus::Open);
    assert_eq!(reopened.closed_on, None);
    let edited = hazards::update(
        store.conn(),
        &id,
        &HazardEdit {
            major: false,
            category: "防小火亡人事故".parse().unwrap(),
            deadline: Some("2024-12-31".into()),
            rectification: "更换燃气软管".into(),
            note: String::new(),
            description: None,
        },
    )
    .unwrap();
    assert!(!edited.major);
    assert_eq!(edited.deadline.as_deref(), Some("2024-12-31"));
    assert_eq!(edited.rectification, "更换燃气软管");

    let summary = hazards::summary(store.conn(), Some("2024-12-25")).unwrap();
    assert_eq!(summary.all.total, 3);
    assert_eq!(summary.by_category.len(), 7);
    assert_eq!(summary.by_grid.len(), 1);

    let hist = qiaomen_core::history::history(store.conn(), &a.id).unwrap();
    assert_eq!(hist.inspections.len(), 1);
    assert_eq!(hist.hazards.len(), 2);
    assert_eq!(hist.revisits.len(), 1);
}

#[test]
fn a_keyed_form_is_one_audit_entry_not_one_per_answer() {
    let (_d, store) = store();
    let h = household(&store, "钱七");
    let total = |s: &Store| -> i64 {
        s.conn()
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap()
    };
    let before = total(&store);
    let before_seq: i64 = store
        .conn()
        .query_row("SELECT coalesce(max(seq), 0) FROM audit_log", [], |r| {
            r.get(0)
        })
        .unwrap();
    let mut input = InspectionInput {
        household_id: h.id.clone(),
        visit_date: "2024-12-03".into(),
        inspectors: "李四".into(),
        answers: answers(&[]),
        ..Default::default()
    };
    assert!(input.answers.len() >= 16);
    let saved = inspections::record(store.conn(), &input).unwrap();
    let id = saved.inspection.id.clone();
    // The form without hazards: its own insert entry, nothing per answer (before 0009:
    // 16 more).
    assert_eq!(audit_count(&store, "answers"), 0);
    assert_eq!(audit_count(&store, "inspections"), 1);
    let entries: Vec<(String, String)> = {
        let mut st = store
            .conn()
            .prepare("SELECT entity, action FROM audit_log WHERE seq > ?1 ORDER BY seq")
            .unwrap();
        st.query_map([before_seq], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    // The form, the household's 弱势群体人数 set to 0 by item 1, and the entry defaults
    // (date, the day it was keyed on, inspectors) remembered for the next form: one entry
    // per changed record.
    assert_eq!(total(&store) - before, 5, "{entries:?}");
    assert!(entries.iter().all(|(e, _)| e != "answers"), "{entries:?}");
    // A correction of one answer: one entry, and the history still has the value the
    // answer was first keyed with.
    let item = input.answers[0].item_no;
    let first = input.answers[0].answer;
    input.answers[0].answer = if first == Answer::Yes {
        Answer::No
    } else {
        Answer::Yes
    };
    inspections::update(store.conn(), &id, &input).unwrap();
    assert_eq!(audit_count(&store, "answers"), 1);
    let key = format!("{id}#{item}");
    let hist = qiaomen_core::audit::history(store.conn(), "answers", &key).unwrap();
    assert_eq!(hist.len(), 1, "{hist:?}");
    assert_eq!(hist[0].action, "update");
    let word = |a: Answer| serde_json::to_value(a).unwrap();
    assert_eq!(hist[0].old.as_ref().unwrap()["answer"], word(first));
}
