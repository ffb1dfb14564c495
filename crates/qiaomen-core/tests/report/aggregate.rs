//! The township's aggregation (乡镇汇总): hand-made and our own village tables read by their
//! texts, summed, and the warnings the township clerk gets.

use crate::common::*;

#[test]
fn hand_made_tables_are_read_by_their_texts() {
    let exp = expected();
    for (file, e) in exp["files"].as_object().unwrap() {
        let (t, s) = aggregate::read_table(&fixture(file))
            .unwrap_or_else(|e| panic!("{file}: {}", e.message));
        let want: Vec<Vec<i64>> = serde_json::from_value(e["rows"].clone()).unwrap();
        assert_eq!(rows_of(&t), want, "{file}");
        assert_eq!(s.unit, e["unit"], "{file}");
        assert_eq!(s.contact, e["contact"], "{file}");
        assert_eq!(s.report_date, e["report_date"], "{file}");
        let bad: Vec<&str> = s.unreadable.iter().map(|b| b.address.as_str()).collect();
        let want_bad: Vec<String> = serde_json::from_value(e["unreadable"].clone()).unwrap();
        assert_eq!(bad, want_bad, "{file}");
        if let Some(m) = e.get("period_month") {
            assert_eq!(s.period, *m, "{file}");
        }
    }
    let (_, s) = aggregate::read_table(&fixture("v_shifted.xlsx")).unwrap();
    assert_eq!(s.unreadable[0].text, "十二");
    assert_eq!(s.unreadable[0].action, "防小火亡人事故");
    assert!(s.unreadable[0].column.contains("隐患总数"));
    assert!(
        s.notes
            .iter()
            .any(|n| n.contains("合计") && n.contains("99")),
        "{:?}",
        s.notes
    );
    let (_, s) = aggregate::read_table(&fixture("v_single_header.xlsx")).unwrap();
    assert_eq!(
        s.sheet, "12月",
        "the notes sheet before the table is skipped"
    );
}

#[test]
fn files_that_are_not_the_table_are_refused_by_name() {
    let err = aggregate::read_table(&fixture("not_a_table.xlsx")).unwrap_err();
    assert!(err.message.contains("not_a_table.xlsx"), "{}", err.message);
    assert!(err.message.contains("不是"), "{}", err.message);
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("假表格.xlsx");
    std::fs::write(&fake, "这是一个改了扩展名的文本文件").unwrap();
    let err = aggregate::read_table(&fake).unwrap_err();
    assert!(err.message.contains("假表格.xlsx"), "{}", err.message);
    let err = aggregate::aggregate(&[], "镇", "", None).unwrap_err();
    assert!(err.message.contains("至少"));
}

#[test]
fn township_sums_villages_and_warns() {
    let exp = expected();
    let same_month = [
        "v_official.xlsx",
        "v_shifted.xlsx",
        "v_reordered.xls",
        "v_single_header.xlsx",
    ];
    let paths: Vec<PathBuf> = same_month.iter().map(|f| fixture(f)).collect();
    let a = aggregate::aggregate(&paths, "青山镇", "周七", None).unwrap();
    assert_eq!(a.unit, "青山镇");
    let mut want = vec![vec![0i64; 6]; 7];
    for f in same_month {
        let rows: Vec<Vec<i64>> = serde_json::from_value(exp["files"][f]["rows"].clone()).unwrap();
        for (i, r) in rows.iter().enumerate() {
            for (j, v) in r.iter().enumerate() {
                want[i][j] += v;
            }
        }
    }
    assert_eq!(rows_of(&a.table()), want);
    let total: Vec<i64> = (0..6).map(|j| want.iter().map(|r| r[j]).sum()).collect();
    assert_eq!(
        Column::ALL
            .iter()
            .map(|c| a.total.get(*c))
            .collect::<Vec<_>>(),
        total
    );
    assert_eq!(a.sources.len(), 4);
    assert!(
        !a.warnings
            .iter()
            .any(|w| w.contains("不一致") && w.contains("月份")),
        "{:?}",
        a.warnings
    );
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("v_shifted.xlsx") && w.contains("F10")),
        "{:?}",
        a.warnings
    );

    // November's table of a unit already present: both warnings.
    let mut more = paths.clone();
    more.push(fixture("v_november_dup.xlsx"));
    let a = aggregate::aggregate(&more, "青山镇", "", None).unwrap();
    assert!(
        a.warnings
            .iter()
            .any(|w| w.contains("红星村") && w.contains("2 次")),
        "{:?}",
        a.warnings
    );
    assert!(
        a.warnings.iter().any(|w| w.contains("月份不一致")),
        "{:?}",
        a.warnings
    );

    // A refused file names itself and nothing is summed.
    more.push(fixture("not_a_table.xlsx"));
    let err = aggregate::aggregate(&more, "青山镇", "", None).unwrap_err();
    assert!(err.message.contains("not_a_table.xlsx"));
}

#[test]
fn our_own_tables_round_trip_and_periods_are_compared() {
    let db = sample();
    let dir = tempfile::tempdir().unwrap();
    let meta = Meta {
        phone: String::new(),
        report_date: d("2024-12-23"),
    };
    let dec = stats::compute(db.conn(), "2024-12-01", "2024-12-31").unwrap();
    let a_path = dir.path().join("红星村.xlsx");
    report_xlsx::save(&dec, &meta, &a_path).unwrap();
    let (t, s) = aggregate::read_table(&a_path).unwrap();
    assert_eq!(rows_of(&t), rows_of(&dec));
    assert_eq!((s.unit.as_str(), s.contact.as_str()), ("红星村", "张丽"));
    assert_eq!(
        (s.from.as_str(), s.to.as_str()),
        ("2024-12-01", "2024-12-31")
    );
    assert!(s.notes.is_empty(), "{:?}", s.notes);

    // A second village with another period.
    let mut other = stats::compute(db.conn(), "2024-11-23", "2024-12-22").unwrap();
    other.unit = "白云村".into();
    let b_path = dir.path().join("白云村.xlsx");
    report_xlsx::save(&other, &meta, &b_path).unwrap();
    let agg =
        aggregate::aggregate(&[a_path.clone(), b_path.clone()], "青山镇", "周七", None).unwrap();
    assert!(
        agg.warnings.iter().any(|w| w.contains("统计时段不一致")),
        "{:?}",
        agg.warnings
    );
    assert_eq!((agg.from.as_str(), agg.to.as_str()), ("", ""));
    let mut want = rows_of(&dec);
    for (i, r) in rows_of(&other).iter().enumerate() {
        for (j, v) in r.iter().enumerate() {
            want[i][j] += v;
        }
    }
    assert_eq!(rows_of(&agg.table()), want);

    // Same period: no warning, the township's table carries it; its xlsx reads back.
    other.from = dec.from.clone();
    other.to = dec.to.clone();
    report_xlsx::save(&other, &meta, &b_path).unwrap();
    let agg = aggregate::aggregate(&[a_path, b_path], "青山镇", "周七", None).unwrap();
    assert!(agg.warnings.is_empty(), "{:?}", agg.warnings);
    assert_eq!(
        (agg.from.as_str(), agg.to.as_str()),
        ("2024-12-01", "2024-12-31")
    );
    let out = dir.path().join("青山镇汇总.xlsx");
    aggregate::save_xlsx(&agg, &meta, &out).unwrap();
    let j = openpyxl(&out);
    assert_eq!(j["sheets"][0], "工作统计表");
    assert_eq!(j["sheets"][1], "汇总来源");
    assert_eq!(
        j["工作统计表"]["cells"]["A3"],
        "报送单位（乡镇/部门）：青山镇"
    );
    assert_eq!(j["工作统计表"]["cells"]["D13"], agg.total.hazards);
    assert_eq!(j["汇总来源"]["cells"]["C2"], "红星村");
    assert_eq!(j["汇总来源"]["cells"]["C3"], "白云村");
    let (t, _) = aggregate::read_table(&out).unwrap();
    assert_eq!(
        rows_of(&t),
        rows_of(&agg.table()),
        "a township's table aggregates again (county)"
    );
}
