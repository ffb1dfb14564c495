//! The full data export (全部数据导出): every table as a sheet, and one table as CSV in
//! UTF-8 with BOM or GBK.

use crate::common::*;

#[test]
fn export_all_tables_and_csv_encodings() {
    let mut db = sample();
    let (h, i) = db.visit("2024-12-05");
    let c = db.conn();
    c.execute(
        "UPDATE households SET name = '𠮷野家', id_number = '11010519491231002X', phone = '13800138000' WHERE id = ?1",
        [&h],
    )
    .unwrap();
    c.execute("INSERT INTO answers (inspection_id, item_no, answer) VALUES (?1, 2, 'yes'), (?1, 13, 'no')", [&i])
        .unwrap();
    c.execute(
        "INSERT INTO people (id, household_id, name, categories, created_at, updated_at)
         VALUES ('p1', ?1, '王䶮', '独居老人', 'x', 'x')",
        [&h],
    )
    .unwrap();
    c.execute(
        "INSERT INTO revisits (id, hazard_id, visit_date, visitor, result, created_at)
         VALUES ('v1', 'z2', '2024-12-20', '李四', '已整改', 'x')",
        [],
    )
    .unwrap();
    c.execute(
        "INSERT INTO rounds (id, name, start_date, end_date, created_at, updated_at)
         VALUES ('r1', '第一轮', '2024-11-01', '2024-11-30', 'x', 'x')",
        [],
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("全部数据.xlsx");
    let calls = std::sync::Mutex::new(0);
    let sum = export_all::export_all(c, &path, &|_, _, _| *calls.lock().unwrap() += 1).unwrap();
    assert!(*calls.lock().unwrap() >= export_all::TABLES.len());
    let j = openpyxl(&path);
    let names: Vec<&str> = j["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        export_all::TABLES.iter().map(|t| t.1).collect::<Vec<_>>()
    );
    let hh = &j["住户和场所"]["cells"];
    assert_eq!(hh["A1"], "编号");
    assert_eq!(hh["C1"], "检查地点(对象)名称");
    let rows = sum
        .tables
        .iter()
        .find(|t| t.key == "households")
        .unwrap()
        .rows;
    assert_eq!(rows, 9);
    let cells = j["住户和场所"]["cells"].as_object().unwrap();
    assert!(cells.values().any(|v| v == "𠮷野家"));
    assert!(
        cells.values().any(|v| v == "11010519491231002X"),
        "ID numbers stay text"
    );
    let insp = &j["入户检查"]["cells"];
    let headers: Vec<&str> = "ABCDEFGHIJKLMNOP"
        .chars()
        .filter_map(|c| insp[format!("{c}1")].as_str())
        .collect();
    assert!(
        headers.contains(&"第2项") && headers.contains(&"第13项"),
        "{headers:?}"
    );
    assert!(j["入户检查"]["cells"]
        .as_object()
        .unwrap()
        .values()
        .any(|v| v == "是"));
    let hz = j["隐患台账"]["cells"].as_object().unwrap();
    assert!(hz
        .values()
        .any(|v| v.as_str().is_some_and(|s| s.contains("李四：已整改"))));
    assert_eq!(
        j["隐患台账"]["cells"]["D2"], "2024-11-28",
        "dates are real dates"
    );
    assert!(j["隐患台账"]["number_formats"]["D2"]
        .as_str()
        .unwrap()
        .contains("年"));
    assert!(j["弱势群体"]["cells"]
        .as_object()
        .unwrap()
        .values()
        .any(|v| v == "王䶮"));
    assert_eq!(j["轮次"]["cells"]["A2"], "第一轮");
    assert_eq!(j["宣传记录"]["cells"]["B1"], "行动名称");

    // CSV: UTF-8 with BOM keeps everything.
    let csv_path = dir.path().join("户.csv");
    let s = export_all::export_csv(c, "households", CsvEncoding::Utf8Bom, &csv_path).unwrap();
    assert!(s.file.warnings.is_empty());
    let bytes = std::fs::read(&csv_path).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("编号,网格,检查地点(对象)名称"));
    assert!(text.contains("𠮷野家") && text.contains("11010519491231002X"));
    // GBK: readable as GBK, and the one character outside GBK is reported.
    let s = export_all::export_csv(c, "households", CsvEncoding::Gbk, &csv_path).unwrap();
    assert!(
        s.file.warnings.iter().any(|w| w.contains("𠮷")),
        "{:?}",
        s.file.warnings
    );
    let bytes = std::fs::read(&csv_path).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.decode(&bytes);
    assert!(gbk.starts_with("编号,网格"));
    assert!(gbk.contains("野家"));
    let (full, _, bad) = encoding_rs::GB18030.decode(&bytes);
    assert!(
        !bad && full.contains("𠮷野家"),
        "nothing is lost in GB18030"
    );
    let err = export_all::export_csv(c, "passwords", CsvEncoding::Gbk, &csv_path).unwrap_err();
    assert!(err.message.contains("passwords"));
    assert!(CsvEncoding::parse("GBK").is_ok() && CsvEncoding::parse("latin1").is_err());
}
