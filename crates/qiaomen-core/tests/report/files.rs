//! The table as files: .xlsx in the official layout (read back by openpyxl) and PDF
//! (read back by pdftotext).

use crate::common::*;

#[test]
fn xlsx_in_the_official_layout_read_back_by_openpyxl() {
    let db = sample();
    let t = stats::compute(db.conn(), "2024-12-01", "2024-12-31").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("统计表.xlsx");
    let meta = Meta {
        phone: "13800138000".into(),
        report_date: d("2024-12-23"),
    };
    report_xlsx::save(&t, &meta, &path).unwrap();
    let j = openpyxl(&path);
    let s = &j["工作统计表"];
    let cell = |a: &str| s["cells"][a].clone();
    assert_eq!(cell("A1"), "冬季安全“敲门行动”工作统计表");
    assert_eq!(cell("A2"), "统计时段：2024年12月1日至2024年12月31日");
    assert_eq!(cell("A3"), "报送单位（乡镇/部门）：红星村");
    assert_eq!(cell("D3"), "联系人：张丽 13800138000");
    assert_eq!(cell("F3"), "报送时间：2024年12月23日");
    assert_eq!(cell("A4"), "行动名称");
    assert_eq!(cell("B4"), "宣传情况");
    assert_eq!(cell("D4"), "隐患排查整改情况");
    let heads: Vec<Value> = ["B5", "C5", "D5", "E5", "F5", "G5"]
        .iter()
        .map(|a| cell(a))
        .collect();
    assert_eq!(
        heads,
        vec![
            "次数",
            "人数",
            "隐患总数（条）",
            "整改（条）",
            "其中：重大隐患（条）",
            "整改（条）"
        ]
    );
    for (i, c) in CATEGORIES.iter().enumerate() {
        assert_eq!(cell(&format!("A{}", 6 + i)), *c);
    }
    // Values of the gas and fire rows.
    let nums = |r: u32| -> Vec<i64> {
        "BCDEFG"
            .chars()
            .map(|c| cell(&format!("{c}{r}")).as_i64().unwrap())
            .collect()
    };
    assert_eq!(nums(6), vec![3, 190, 2, 1, 1, 1]);
    assert_eq!(nums(8), vec![0, 0, 3, 2, 1, 1]);
    // 合计: formulas, and their stored results for readers that do not recalculate.
    assert_eq!(cell("A13"), "合计");
    assert_eq!(nums(13), vec![4, 250, 5, 3, 2, 2]);
    assert_eq!(s["formulas"]["B13"], "=SUM(B6:B12)");
    assert_eq!(s["formulas"]["G13"], "=SUM(G6:G12)");
    assert!(cell("A14")
        .as_str()
        .unwrap()
        .starts_with("本表由组织开展敲门行动的村（社区）"));
    assert!(cell("A14").as_str().unwrap().ends_with("数据不累计。"));
    let merges: Vec<&str> = s["merges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for m in [
        "A1:G1", "A2:G2", "A3:C3", "D3:E3", "F3:G3", "A4:A5", "B4:C4", "D4:G4", "A14:G14",
    ] {
        assert!(merges.contains(&m), "merge {m} missing: {merges:?}");
    }
    let list = |k: &str| -> Vec<String> {
        s[k].as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let (boxed, covered) = (list("boxed"), list("covered"));
    for r in 4..=13 {
        for c in "ABCDEFG".chars() {
            let a = format!("{c}{r}");
            assert!(
                boxed.contains(&a) || covered.contains(&a),
                "{a} has no border"
            );
        }
    }
    assert!(boxed.contains(&"A4".to_string()) && boxed.contains(&"D4".to_string()));
    assert!(!boxed.contains(&"A1".to_string()));
    let page = &s["page"];
    assert_eq!(page["orientation"], "landscape");
    assert_eq!(page["paper_size"], 9, "A4");
    assert_eq!(page["fit_to_page"], true);
    assert_eq!(
        (page["fit_width"].as_i64(), page["fit_height"].as_i64()),
        (Some(1), Some(1))
    );
}

#[test]
fn pdf_of_the_same_table() {
    let db = sample();
    let t = stats::compute(db.conn(), "2024-12-01", "2024-12-31").unwrap();
    let meta = Meta {
        phone: String::new(),
        report_date: d("2024-12-23"),
    };
    let r = qiaomen_core::report_pdf::render(&t, &meta).unwrap();
    assert_eq!(r.pages, 1);
    assert!(r.missing_chars.is_empty(), "{:?}", r.missing_chars);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("统计表.pdf");
    r.write_to(&path).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    let text = String::from_utf8(out.stdout).unwrap();
    for want in [
        "冬季安全“敲门行动”工作统计表",
        "报送单位（乡镇/部门）：红星村",
        "2024年12月23日",
        "隐患排查整改情况",
        "其中：重大隐患",
        "合计",
        "数据不累计",
    ] {
        assert!(text.contains(want), "{want} missing in:\n{text}");
    }
    for c in CATEGORIES {
        assert!(text.contains(c), "{c}");
    }
    let gas_line = text.lines().find(|l| l.contains(GAS)).unwrap();
    let nums: Vec<&str> = gas_line.split_whitespace().skip(1).collect();
    assert_eq!(nums, vec!["3", "190", "2", "1", "1", "1"], "{gas_line}");
    let total_line = text
        .lines()
        .find(|l| l.trim_start().starts_with("合计"))
        .unwrap();
    let nums: Vec<&str> = total_line.split_whitespace().skip(1).collect();
    assert_eq!(nums, vec!["4", "250", "5", "3", "2", "2"], "{total_line}");
    let landscape = std::process::Command::new("pdfinfo")
        .arg(&path)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&landscape.stdout);
    assert!(info.contains("841.89 x 595.2"), "A4 landscape: {info}");
}
