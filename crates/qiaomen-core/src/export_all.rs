//! 全部数据导出: every table of the office as its own sheet with Chinese headers (.xlsx),
//! or one table as CSV in UTF-8 with a BOM (what Excel needs to show UTF-8 correctly) or
//! GBK (older Excel/WPS on Chinese Windows).
//!
//! Rows are streamed from SQLite into constant-memory worksheets, so a register of 100,000
//! households exports without holding it in memory. Dates are real Excel dates shown as
//! 2024年12月23日 in .xlsx and ISO text in CSV; ID numbers and phones are always text.

use crate::error::{Context, Error, Result};
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use ts_rs::TS;

/// The tables that can be exported: (key, sheet name).
pub const TABLES: [(&str, &str); 8] = [
    ("households", "住户和场所"),
    ("people", "弱势群体"),
    ("grids", "网格"),
    ("inspections", "入户检查"),
    ("hazards", "隐患台账"),
    ("revisits", "隐患回访"),
    ("publicity", "宣传记录"),
    ("rounds", "轮次"),
];

/// CSV text encodings offered to the clerk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CsvEncoding {
    /// UTF-8 with a byte-order mark (Excel 2016+ and WPS show it correctly).
    Utf8Bom,
    /// GBK (Excel/WPS on Chinese Windows, any version). Characters outside GBK (𠮷) are
    /// written in GB18030 and reported.
    Gbk,
}

impl CsvEncoding {
    /// Reads an encoding as the clerk or a script types it: utf8bom / utf8 / bom, or gbk /
    /// gb18030 / gb2312 / cp936 / ansi (case, `-` and `_` ignored); `invalid` for anything else.
    pub fn parse(s: &str) -> Result<CsvEncoding> {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace(['-', '_'], "")
            .as_str()
        {
            "utf8bom" | "utf8" | "bom" => Ok(CsvEncoding::Utf8Bom),
            "gbk" | "gb18030" | "gb2312" | "cp936" | "ansi" => Ok(CsvEncoding::Gbk),
            _ => Err(Error::invalid(format!(
                "编码“{}”不认识，请选择 utf8bom（UTF-8 带 BOM）或 gbk。",
                s.trim()
            ))),
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportSummary {
    /// The file written; its warnings are what the clerk should know (characters GBK
    /// cannot hold...).
    #[serde(flatten)]
    pub file: crate::WrittenFile,
    /// (sheet name, rows) for each table written.
    pub tables: Vec<ExportedTable>,
}

/// One table written by an export: which, under what name, how many rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportedTable {
    /// The table's key in [`TABLES`] (households, people, ...), as the CLI's `--table` takes it.
    pub key: String,
    /// The sheet name in Chinese (住户和场所, 隐患台账, ...).
    pub name: String,
    /// Data rows written, the header not counted.
    pub rows: i64,
}

/// One value of an exported cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// An empty cell (SQL NULL).
    Null,
    /// Text, written as text (ID numbers and phones always are).
    Text(String),
    /// A whole number.
    Int(i64),
    /// A number with a fraction (area in m²).
    Real(f64),
    /// ISO date text.
    Date(String),
}

impl Val {
    fn csv_text(&self) -> String {
        match self {
            Val::Null => String::new(),
            Val::Text(s) | Val::Date(s) => s.clone(),
            Val::Int(i) => i.to_string(),
            Val::Real(f) => crate::sheet::number_text(*f),
        }
    }
}

/// How a column of a query is exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Num,
    Date,
    /// 0/1 shown as 否/是.
    YesNo,
    /// "1=yes,2=no" expanded to one 是/否 column per item number.
    Answers,
}

struct Spec {
    headers: Vec<String>,
    sql: String,
    kinds: Vec<Kind>,
}

/// The answered item numbers, for the inspection sheet's columns.
fn item_numbers(conn: &Connection) -> Result<Vec<i64>> {
    let mut st = conn.prepare("SELECT DISTINCT item_no FROM answers ORDER BY item_no")?;
    let rows = st.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What each table exports: its columns (header, SQL expression, kind) and the rest of
/// its query (joins and order), one constant per table.
mod tables {
    use super::Kind::{self, *};

    /// One exported column: header, SQL expression, how it is written.
    pub(super) type Col = (&'static str, &'static str, Kind);

    pub(super) const HOUSEHOLDS: &[Col] = &[
        ("编号", "h.code", Text),
        ("网格", "coalesce(g.name, '')", Text),
        ("检查地点(对象)名称", "h.name", Text),
        ("地址", "h.address", Text),
        ("村民小组", "h.village_group", Text),
        ("建筑层数", "h.floors", Num),
        ("居住人员总数", "h.residents", Num),
        ("其中弱势群体人数", "h.vulnerable", Num),
        ("场所建筑面积(平方米)", "h.area", Num),
        ("场所性质", "h.nature", Text),
        ("建筑结构", "h.structure", Text),
        ("使用层数", "h.floors_used", Text),
        ("联系人", "h.contact", Text),
        ("联系电话", "h.phone", Text),
        ("身份证号", "h.id_number", Text),
        ("检查表", "h.template_id", Text),
        ("备注", "h.note", Text),
    ];
    pub(super) const HOUSEHOLDS_FROM: &str =
        "households h LEFT JOIN grids g ON g.id = h.grid_id ORDER BY h.code";

    pub(super) const PEOPLE: &[Col] = &[
        ("户编号", "h.code", Text),
        ("户主/场所", "h.name", Text),
        ("地址", "h.address", Text),
        ("姓名", "p.name", Text),
        ("类别", "p.categories", Text),
        ("性别", "p.gender", Text),
        ("出生日期", "p.birth_date", Date),
        ("身份证号", "p.id_number", Text),
        ("电话", "p.phone", Text),
        ("监护人/联系人", "p.guardian", Text),
        ("监护人电话", "p.guardian_phone", Text),
        ("备注", "p.note", Text),
    ];
    pub(super) const PEOPLE_FROM: &str =
        "people p JOIN households h ON h.id = p.household_id ORDER BY h.code, p.name";

    pub(super) const GRIDS: &[Col] = &[
        ("网格编号", "g.no", Num),
        ("网格名称", "g.name", Text),
        ("网格长", "g.leader", Text),
        ("网格长电话", "g.leader_phone", Text),
        (
            "户数",
            "(SELECT count(*) FROM households h WHERE h.grid_id = g.id)",
            Num,
        ),
        ("备注", "g.note", Text),
    ];
    pub(super) const GRIDS_FROM: &str = "grids g ORDER BY g.no";

    pub(super) const INSPECTIONS: &[Col] = &[
        ("户编号", "h.code", Text),
        ("检查地点(对象)名称", "h.name", Text),
        ("地址", "h.address", Text),
        ("网格", "coalesce(g.name, '')", Text),
        ("填表日期", "i.visit_date", Date),
        ("入户检查人员", "i.inspectors", Text),
        ("检查表", "coalesce(t.name, i.template_id) || '（第' || i.template_version || '版）'", Text),
        (
            "",
            "(SELECT group_concat(a.item_no || '=' || a.answer, ',') FROM answers a WHERE a.inspection_id = i.id)",
            Answers,
        ),
        ("其它隐患情况", "i.other_hazards", Text),
        ("现场交办整改事项", "i.assigned", Text),
        ("被检查对象已签字", "i.signed", YesNo),
        ("隐患条数", "(SELECT count(*) FROM hazards z WHERE z.inspection_id = i.id)", Num),
        ("录入方式", "CASE i.source WHEN 'sheet' THEN '表格导入' ELSE '手工录入' END", Text),
        ("备注", "i.note", Text),
    ];
    pub(super) const INSPECTIONS_FROM: &str =
        "inspections i JOIN households h ON h.id = i.household_id
             LEFT JOIN grids g ON g.id = h.grid_id
             LEFT JOIN templates t ON t.id = i.template_id AND t.version = i.template_version
             ORDER BY i.visit_date, h.code";

    pub(super) const HAZARDS: &[Col] = &[
        ("户编号", "h.code", Text),
        ("检查地点(对象)名称", "h.name", Text),
        ("地址", "h.address", Text),
        ("发现日期", "z.found_on", Date),
        ("来源", "CASE z.source WHEN 'item' THEN '检查项' ELSE '其它隐患' END", Text),
        ("检查项序号", "z.item_no", Num),
        ("隐患描述", "z.description", Text),
        ("行动名称", "z.category", Text),
        ("重大隐患", "z.major", YesNo),
        (
            "整改状态",
            "CASE z.status WHEN 'open' THEN '未整改' WHEN 'fixed_on_site' THEN '现场整改' ELSE '已销号' END",
            Text,
        ),
        ("整改要求", "z.rectification", Text),
        ("整改期限", "z.deadline", Date),
        ("销号日期", "z.closed_on", Date),
        ("回访次数", "(SELECT count(*) FROM revisits v WHERE v.hazard_id = z.id)", Num),
        (
            "回访记录",
            "(SELECT group_concat(x, '；') FROM (SELECT v.visit_date || ' ' || v.visitor || '：' || v.result AS x
                FROM revisits v WHERE v.hazard_id = z.id ORDER BY v.visit_date, v.created_at))",
            Text,
        ),
        (
            "防控措施",
            "(SELECT group_concat(x, '；') FROM (SELECT m.taken_on || ' ' || m.description AS x
                FROM hazard_measures m WHERE m.hazard_id = z.id ORDER BY m.taken_on, m.created_at))",
            Text,
        ),
        (
            "上报对象",
            "(SELECT e.escalated_to FROM hazard_escalations e WHERE e.hazard_id = z.id)",
            Text,
        ),
        (
            "上报日期",
            "(SELECT e.escalated_on FROM hazard_escalations e WHERE e.hazard_id = z.id)",
            Date,
        ),
        ("备注", "z.note", Text),
    ];
    pub(super) const HAZARDS_FROM: &str = "hazards z JOIN households h ON h.id = z.household_id ORDER BY z.found_on, h.code, z.item_no";

    pub(super) const REVISITS: &[Col] = &[
        ("户编号", "h.code", Text),
        ("检查地点(对象)名称", "h.name", Text),
        ("隐患描述", "z.description", Text),
        ("发现日期", "z.found_on", Date),
        ("回访日期", "v.visit_date", Date),
        ("回访人", "v.visitor", Text),
        ("回访结果", "v.result", Text),
        ("备注", "v.note", Text),
    ];
    pub(super) const REVISITS_FROM: &str =
        "revisits v JOIN hazards z ON z.id = v.hazard_id JOIN households h ON h.id = z.household_id
             ORDER BY v.visit_date, h.code";

    pub(super) const PUBLICITY: &[Col] = &[
        ("日期", "p.event_date", Date),
        ("行动名称", "p.category", Text),
        ("宣传形式", "p.kind", Text),
        ("次数", "p.sessions", Num),
        ("人数", "p.people", Num),
        ("备注", "p.note", Text),
    ];
    pub(super) const PUBLICITY_FROM: &str = "publicity p ORDER BY p.event_date, p.created_at";

    pub(super) const ROUNDS: &[Col] = &[
        ("轮次名称", "r.name", Text),
        ("开始日期", "r.start_date", Date),
        ("结束日期", "r.end_date", Date),
        ("备注", "r.note", Text),
    ];
    pub(super) const ROUNDS_FROM: &str = "rounds r ORDER BY r.start_date";
}

fn spec(conn: &Connection, key: &str) -> Result<Spec> {
    use tables::*;
    let (cols, from): (&[Col], &str) = match key {
        "households" => (HOUSEHOLDS, HOUSEHOLDS_FROM),
        "people" => (PEOPLE, PEOPLE_FROM),
        "grids" => (GRIDS, GRIDS_FROM),
        "inspections" => (INSPECTIONS, INSPECTIONS_FROM),
        "hazards" => (HAZARDS, HAZARDS_FROM),
        "revisits" => (REVISITS, REVISITS_FROM),
        "publicity" => (PUBLICITY, PUBLICITY_FROM),
        "rounds" => (ROUNDS, ROUNDS_FROM),
        _ => {
            return Err(Error::invalid(format!(
                "没有名为“{key}”的数据表。可导出：{}。",
                TABLES
                    .iter()
                    .map(|(k, n)| format!("{k}（{n}）"))
                    .collect::<Vec<_>>()
                    .join("、")
            )));
        }
    };
    let items = if cols.iter().any(|c| c.2 == Kind::Answers) {
        item_numbers(conn)?
    } else {
        vec![]
    };
    let mut headers = Vec::new();
    for (h, _, k) in cols {
        if *k == Kind::Answers {
            headers.extend(items.iter().map(|n| format!("第{n}项")));
        } else {
            headers.push(h.to_string());
        }
    }
    let select: Vec<&str> = cols.iter().map(|c| c.1).collect();
    Ok(Spec {
        headers,
        sql: format!("SELECT {} FROM {from}", select.join(", ")),
        kinds: cols.iter().map(|c| c.2).collect(),
    })
}

/// What [`each_row`] hands to its sink: the headers once, then every record.
enum Item<'a> {
    Header(&'a [String]),
    Row(&'a [Val]),
}

/// Streams one table into `sink`.
fn each_row(conn: &Connection, key: &str, sink: &mut dyn FnMut(Item) -> Result<()>) -> Result<i64> {
    let spec = spec(conn, key)?;
    sink(Item::Header(&spec.headers))?;
    let items = if spec.kinds.contains(&Kind::Answers) {
        item_numbers(conn)?
    } else {
        vec![]
    };
    let mut st = conn.prepare(&spec.sql)?;
    let mut rows = st.query([])?;
    let mut n = 0i64;
    let mut out: Vec<Val> = Vec::with_capacity(spec.headers.len());
    while let Some(r) = rows.next()? {
        out.clear();
        for (i, k) in spec.kinds.iter().enumerate() {
            let v = r.get_ref(i)?;
            match k {
                Kind::Answers => {
                    let text = match v {
                        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                        _ => String::new(),
                    };
                    let map: HashMap<i64, &str> = text
                        .split(',')
                        .filter_map(|p| {
                            let (a, b) = p.split_once('=')?;
                            Some((a.parse().ok()?, if b == "yes" { "是" } else { "否" }))
                        })
                        .collect();
                    for it in &items {
                        out.push(map.get(it).map_or(Val::Null, |s| Val::Text(s.to_string())));
                    }
                }
                Kind::YesNo => out.push(match v {
                    ValueRef::Integer(1) => Val::Text("是".into()),
                    ValueRef::Integer(_) => Val::Text("否".into()),
                    _ => Val::Null,
                }),
                Kind::Date => out.push(match v {
                    ValueRef::Text(t) => Val::Date(String::from_utf8_lossy(t).into_owned()),
                    _ => Val::Null,
                }),
                Kind::Num => out.push(match v {
                    ValueRef::Integer(i) => Val::Int(i),
                    ValueRef::Real(f) => Val::Real(f),
                    ValueRef::Text(t) => Val::Text(String::from_utf8_lossy(t).into_owned()),
                    _ => Val::Null,
                }),
                Kind::Text => out.push(match v {
                    ValueRef::Text(t) => Val::Text(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Integer(i) => Val::Text(i.to_string()),
                    ValueRef::Real(f) => Val::Text(crate::sheet::number_text(f)),
                    _ => Val::Null,
                }),
            }
        }
        sink(Item::Row(&out))?;
        n += 1;
    }
    Ok(n)
}

fn table_name(key: &str) -> &'static str {
    TABLES
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, n)| *n)
        .unwrap_or("数据")
}

fn excel_date(s: &str) -> Option<rust_xlsxwriter::ExcelDateTime> {
    use chrono::Datelike;
    let d = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    rust_xlsxwriter::ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok()
}

/// Writes every table to one .xlsx workbook, one sheet each. `progress(done, total,
/// label)` is called once per table.
pub fn export_all(
    conn: &Connection,
    path: &Path,
    progress: &dyn Fn(u64, u64, &str),
) -> Result<ExportSummary> {
    use rust_xlsxwriter::{Format, FormatBorder, Workbook};
    let err = crate::xlsx::xlsx_err;
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color("#DDEBF7");
    let date_fmt = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    let mut wb = Workbook::new();
    // Constant-memory sheets spill to temporary files; write them in the folder of the
    // target so that no personal data lands in a shared temp folder.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        wb.set_tempdir(dir).map_err(err)?;
    }
    let mut tables = vec![];
    // A read transaction: every sheet sees the same moment of the database.
    let tx = conn.unchecked_transaction()?;
    let total = TABLES.len() as u64;
    for (i, (key, name)) in TABLES.iter().enumerate() {
        progress(i as u64, total, &format!("正在导出“{name}”"));
        let ws = wb.add_worksheet_with_constant_memory().map_err(err)?;
        ws.set_name(*name).map_err(err)?;
        let mut r: u32 = 0;
        let n = each_row(&tx, key, &mut |item| match item {
            Item::Header(hs) => {
                for (j, h) in hs.iter().enumerate() {
                    let w = (h.chars().count() as f64 * 2.2 + 2.0).clamp(8.0, 40.0);
                    ws.set_column_width(j as u16, w).map_err(err)?;
                    ws.write_string_with_format(0, j as u16, h, &head)
                        .map_err(err)?;
                }
                ws.set_freeze_panes(1, 0).map_err(err)?;
                Ok(())
            }
            Item::Row(vals) => {
                r += 1;
                if r >= 1_048_576 {
                    return Err(Error::invalid(format!(
                        "“{name}”超过 Excel 一个工作表的最大行数，请改用 CSV 导出。"
                    )));
                }
                for (j, v) in vals.iter().enumerate() {
                    let c = j as u16;
                    match v {
                        Val::Null => continue,
                        Val::Text(s) => ws.write_string(r, c, s),
                        Val::Int(x) => ws.write_number(r, c, *x as f64),
                        Val::Real(x) => ws.write_number(r, c, *x),
                        Val::Date(s) => match excel_date(s) {
                            Some(d) => ws.write_date_with_format(r, c, &d, &date_fmt),
                            None => ws.write_string(r, c, s),
                        },
                    }
                    .map_err(err)?;
                }
                Ok(())
            }
        })?;
        tables.push(ExportedTable {
            key: key.to_string(),
            name: name.to_string(),
            rows: n,
        });
    }
    tx.commit()?;
    progress(total, total, "正在保存文件");
    let bytes = wb.save_to_buffer().map_err(err)?;
    crate::files::write_atomic(path, &bytes)?;
    let rows = tables.iter().map(|t| t.rows as usize).sum();
    Ok(ExportSummary {
        file: crate::WrittenFile::with_rows(path, rows),
        tables,
    })
}

/// Writes one table as CSV.
pub fn export_csv(
    conn: &Connection,
    key: &str,
    encoding: CsvEncoding,
    path: &Path,
) -> Result<ExportSummary> {
    let csv_err = |e: csv::Error| Error::internal("程序内部错误：生成 CSV 时出错。").with_cause(e);
    let mut line = 1i64;
    let mut non_gbk: Vec<(char, i64)> = Vec::new();
    let mut checked: HashMap<char, bool> = HashMap::new();
    let mut check = |s: &str, line: i64| {
        if encoding != CsvEncoding::Gbk {
            return;
        }
        for ch in s.chars().filter(|c| !c.is_ascii()) {
            let ok = *checked.entry(ch).or_insert_with(|| {
                let mut buf = [0u8; 4];
                let (_, _, bad) = encoding_rs::GBK.encode(ch.encode_utf8(&mut buf));
                !bad
            });
            if !ok && !non_gbk.iter().any(|(c, _)| *c == ch) {
                non_gbk.push((ch, line));
            }
        }
    };
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let n = each_row(conn, key, &mut |item| match item {
        Item::Header(hs) => w.write_record(hs).map_err(csv_err),
        Item::Row(vals) => {
            line += 1;
            let rec: Vec<String> = vals.iter().map(Val::csv_text).collect();
            for s in &rec {
                check(s, line);
            }
            w.write_record(&rec).map_err(csv_err)
        }
    })?;
    let text = w.into_inner().map_err(|e| {
        Error::internal("程序内部错误：生成 CSV 时出错。").with_cause(e.into_error())
    })?;
    let text = String::from_utf8(text)
        .context(|| Error::internal("程序内部错误：导出的文字不是 UTF-8。"))?;
    let mut warnings = Vec::new();
    let bytes = match encoding {
        CsvEncoding::Utf8Bom => {
            let mut b = Vec::with_capacity(text.len() + 3);
            b.extend_from_slice(b"\xEF\xBB\xBF");
            b.extend_from_slice(text.as_bytes());
            b
        }
        CsvEncoding::Gbk => {
            if !non_gbk.is_empty() {
                let list: Vec<String> = non_gbk
                    .iter()
                    .take(20)
                    .map(|(c, l)| format!("“{c}”（第 {l} 行）"))
                    .collect();
                warnings.push(format!(
                    "有 {} 个字不在 GBK 字符集中：{}。它们按 GB18030 写入，旧版 Excel 可能显示为乱码；如需完整显示，请选择“UTF-8（带 BOM）”。",
                    non_gbk.len(),
                    list.join("、")
                ));
            }
            let (b, _, _) = encoding_rs::GB18030.encode(&text);
            b.into_owned()
        }
    };
    crate::files::write_atomic(path, &bytes)?;
    Ok(ExportSummary {
        file: crate::WrittenFile::with_rows(path, n as usize).warn(warnings),
        tables: vec![ExportedTable {
            key: key.to_string(),
            name: table_name(key).to_string(),
            rows: n,
        }],
    })
}
