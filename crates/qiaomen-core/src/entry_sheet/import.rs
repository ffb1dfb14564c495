//! Reading an entry sheet back (`import`): columns found by their header text, each row
//! checked and recorded as an inspection inside one transaction, bad rows reported by the
//! row number Excel shows.

use super::{
    COL_ASSIGNED, COL_CODE, COL_DATE, COL_INSPECTORS, COL_NAME, COL_OTHER, COL_SIGNED, INFO_SHEET,
    SHEET_NAME,
};
use crate::category::Category;
use crate::error::{Error, Result};
use crate::households::{self, Household};
use crate::inspections::InspectionSource;
use crate::inspections::{self, AnswerEntry, ExtraHazardInput, InspectionInput};
use crate::sheet::{self, Cell, Sheet};
use crate::templates::{self, Answer, Template};
use crate::{settings, text};
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// A row that was not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RowIssue {
    /// The row number as Excel shows it.
    pub row: u32,
    /// Why the row was not imported, in Chinese.
    pub reason: String,
}

/// Something to check on an imported row (or on the header, row of the headers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RowWarning {
    /// The row number as Excel shows it (the header row for a header warning).
    pub row: u32,
    /// What it is about: a column's header or a field name.
    pub field: String,
    /// What to check, in Chinese.
    pub message: String,
}

/// What importing an entry sheet did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    /// Inspections imported.
    pub imported: i64,
    /// Hazards created.
    pub hazards: i64,
    /// Rows not imported, each with its reason.
    pub rejected: Vec<RowIssue>,
    /// Imported rows (or headers) to check.
    pub warnings: Vec<RowWarning>,
    /// Rows that hold no inspection (no date and no answers).
    pub blank_rows: i64,
    /// Id of the template the sheet was read with.
    pub template_id: String,
    /// Its version.
    pub template_version: i64,
    /// The name of the worksheet read.
    pub sheet: String,
}

/// Header text compared loosely: no spaces, half-width punctuation, plain quotes, no
/// leading item number ("3." "3、" "（3）").
pub fn header_key(s: &str) -> String {
    let t: String = text::to_half_width(s)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*')
        .map(|c| match c {
            '“' | '”' | '「' | '」' | '‘' | '’' | '\'' => '"',
            '（' => '(',
            '）' => ')',
            '，' => ',',
            '、' => ',',
            '：' => ':',
            '？' | '?' => ' ',
            _ => c,
        })
        .filter(|c| *c != ' ')
        .collect();
    // Strip a leading number: "3." "3," "(3)" "3)".
    let trimmed = t.trim_start_matches('(');
    let digits: String = trimmed.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        let rest = &trimmed[digits.len()..];
        if let Some(r) = rest
            .strip_prefix('.')
            .or_else(|| rest.strip_prefix(','))
            .or_else(|| rest.strip_prefix(')'))
        {
            if !r.is_empty() {
                return r.to_string();
            }
        }
    }
    t
}

/// Column positions of a data sheet.
struct Columns {
    header_row: u32,
    code: u32,
    name: Option<u32>,
    date: Option<u32>,
    inspectors: Option<u32>,
    other: Option<u32>,
    assigned: Option<u32>,
    signed: Option<u32>,
    /// (item_no, column)
    items: Vec<(i64, u32)>,
}

fn find_col(sheet: &Sheet, row: u32, names: &[&str]) -> Option<u32> {
    let keys: Vec<String> = names.iter().map(|n| header_key(n)).collect();
    (1..=sheet.width()).find(|&c| {
        let k = header_key(&sheet.shown(row, c).text());
        keys.contains(&k)
    })
}

fn item_columns(sheet: &Sheet, row: u32, t: &Template) -> Vec<(i64, u32)> {
    let mut out = Vec::new();
    for item in &t.items {
        let key = header_key(&item.text);
        if let Some(c) =
            (1..=sheet.width()).find(|&c| header_key(&sheet.shown(row, c).text()) == key)
        {
            out.push((item.no, c));
        }
    }
    out
}

/// Finds the header row (within the first 10 rows) holding 编号 and 检查日期.
fn find_header(sheet: &Sheet) -> Option<u32> {
    (1..=sheet.height().min(10)).find(|&r| {
        find_col(sheet, r, &[COL_CODE, "户编号"]).is_some()
            && find_col(sheet, r, &[COL_DATE, "填表日期"]).is_some()
    })
}

/// The template recorded in the 说明 sheet, if any.
fn template_from_info(wb: &mut sheet::Workbook) -> Option<(String, i64)> {
    if !wb.sheet_names().iter().any(|n| n == INFO_SHEET) {
        return None;
    }
    let info = wb.read_sheet(INFO_SHEET).ok()?;
    let mut id = None;
    let mut version = None;
    for (_, row) in info.rows() {
        let key = row.first().map(|c| c.text()).unwrap_or_default();
        let val = row.get(1).map(|c| c.text()).unwrap_or_default();
        match key.trim() {
            "模板编号" => id = Some(val.trim().to_string()),
            "模板版本" => version = val.trim().parse::<f64>().ok().map(|v| v as i64),
            _ => {}
        }
    }
    Some((id?, version?))
}

/// Reads the file and locates the data sheet, its columns and its template.
fn open_sheet(conn: &Connection, path: &Path) -> Result<(Sheet, Columns, Template)> {
    let mut wb = sheet::Workbook::open(path)?;
    let recorded = template_from_info(&mut wb);
    let mut names: Vec<String> = wb.sheet_names().to_vec();
    names.sort_by_key(|n| (n != SHEET_NAME, wb.is_hidden(n)));
    let mut found = None;
    for name in names.iter().filter(|n| *n != INFO_SHEET) {
        let s = wb.read_sheet(name)?;
        if let Some(r) = find_header(&s) {
            found = Some((s, r));
            break;
        }
    }
    let label = sheet::file_label(path);
    let (sheet, header_row) = found.ok_or_else(|| {
        Error::bad_file(format!(
            "文件“{label}”中没有找到入户检查录入表：表头应有“{COL_CODE}”和“{COL_DATE}”两列。请使用本软件导出的录入表填写。"
        ))
    })?;
    let template = match recorded {
        Some((id, v)) => templates::get(conn, &id, Some(v)).map_err(|_| {
            Error::bad_file(format!(
                "文件“{label}”是按检查表模板“{id}”第 {v} 版导出的，本软件中没有这个模板。"
            ))
        })?,
        None => best_template(conn, &sheet, header_row)?,
    };
    let items = item_columns(&sheet, header_row, &template);
    if items.is_empty() {
        return Err(Error::bad_file(format!(
            "文件“{label}”的表头中找不到检查表“{}”的检查项目列（列名应为检查项目的原文）。",
            template.name
        )));
    }
    let code = find_col(&sheet, header_row, &[COL_CODE, "户编号"])
        .ok_or_else(|| Error::bad_file(format!("文件“{label}”的表头中没有“{COL_CODE}”列。")))?;
    let cols = Columns {
        header_row,
        code,
        name: find_col(
            &sheet,
            header_row,
            &[COL_NAME, "名称", "户主", "户主姓名", "检查对象"],
        ),
        date: find_col(&sheet, header_row, &[COL_DATE, "填表日期"]),
        inspectors: find_col(&sheet, header_row, &[COL_INSPECTORS, "检查人员", "检查人"]),
        other: find_col(&sheet, header_row, &[COL_OTHER, "其他隐患情况", "其它隐患"]),
        assigned: find_col(
            &sheet,
            header_row,
            &[COL_ASSIGNED, "现场交办事项", "整改事项"],
        ),
        signed: find_col(
            &sheet,
            header_row,
            &[COL_SIGNED, "签字", "被检查对象负责人签字"],
        ),
        items,
    };
    Ok((sheet, cols, template))
}

/// Without a 说明 sheet: the template whose items match most header cells.
fn best_template(conn: &Connection, sheet: &Sheet, row: u32) -> Result<Template> {
    let mut best: Option<(usize, Template)> = None;
    let ids: Vec<(String, i64)> = {
        let mut st = conn.prepare("SELECT id, version FROM templates ORDER BY id, version DESC")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (id, v) in ids {
        let t = templates::get(conn, &id, Some(v))?;
        let n = item_columns(sheet, row, &t).len();
        // Ties go to the office default, then the latest version (listed first).
        let is_default = settings::load(conn)?.default_template == t.id;
        let better = match &best {
            None => n > 0,
            Some((bn, bt)) => {
                n > *bn
                    || (n == *bn && is_default && settings::load(conn)?.default_template != bt.id)
            }
        };
        if better {
            best = Some((n, t));
        }
    }
    best.map(|(_, t)| t).ok_or_else(|| {
        Error::bad_file(
            "表头中找不到任何检查项目列（列名应为检查项目的原文）。请使用本软件导出的录入表填写。",
        )
    })
}

/// 是/否 as people write them in a spreadsheet.
pub fn parse_answer(c: &Cell) -> std::result::Result<Option<Answer>, String> {
    match c {
        Cell::Empty => Ok(None),
        Cell::Bool(b) => Ok(Some(if *b { Answer::Yes } else { Answer::No })),
        Cell::Number(n) if *n == 1.0 => Ok(Some(Answer::Yes)),
        Cell::Number(n) if *n == 0.0 => Ok(Some(Answer::No)),
        Cell::Number(n) => Err(sheet::number_text(*n)),
        Cell::Date(d) => Err(d.to_string()),
        Cell::Text(s) => {
            let t = text::to_half_width(s.trim()).to_lowercase();
            match t.as_str() {
                "" => Ok(None),
                "是" | "√" | "✓" | "✔" | "☑" | "y" | "yes" | "1" | "有" | "对" | "true" => {
                    Ok(Some(Answer::Yes))
                }
                "否" | "×" | "✗" | "✘" | "x" | "n" | "no" | "0" | "无" | "没有" | "不是"
                | "false" => Ok(Some(Answer::No)),
                _ => Err(s.trim().to_string()),
            }
        }
    }
}

fn parse_signed(c: &Cell) -> std::result::Result<bool, String> {
    match c {
        Cell::Text(s) if matches!(s.trim(), "已签" | "已签字" | "签" | "签字") => Ok(true),
        Cell::Text(s) if matches!(s.trim(), "未签" | "未签字") => Ok(false),
        _ => parse_answer(c).map(|a| a == Some(Answer::Yes)),
    }
}

/// A visit date from a cell: a date cell, text as clerks type it, or an Excel serial
/// number in a cell formatted as General.
fn parse_visit_date(c: &Cell) -> std::result::Result<Option<NaiveDate>, String> {
    match c {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(n) if (20000.0..80000.0).contains(n) && n.fract() == 0.0 => {
            let base = NaiveDate::from_ymd_opt(1899, 12, 30).ok_or("日期")?;
            Ok(base.checked_add_days(chrono::Days::new(*n as u64)))
        }
        Cell::Text(s) if s.trim().is_empty() => Ok(None),
        other => {
            let t = other.text();
            crate::parse_date(&t).map(Some).map_err(|_| t)
        }
    }
}

/// Words that mean "no other hazard".
const NOTHING: &[&str] = &[
    "无",
    "没有",
    "无隐患",
    "暂无",
    "否",
    "/",
    "-",
    "—",
    "——",
    "无。",
];

/// Splits the 其它隐患情况 cell into hazards (one per line or per ；).
pub fn split_other_hazards(s: &str) -> Vec<String> {
    s.split(['\n', '\r', '；', ';'])
        .map(|p| {
            text::clean(p)
                .trim_matches(['。', '，', ',', '、'])
                .to_string()
        })
        .map(|p| {
            // "1、xxx" / "1.xxx" numbering
            let digits: String = p.chars().take_while(|c| c.is_ascii_digit()).collect();
            let rest = &p[digits.len()..];
            match rest.strip_prefix(['、', '.', '．', ')', '）']) {
                Some(r) if !digits.is_empty() => r.trim().to_string(),
                _ => p,
            }
        })
        .filter(|p| !p.is_empty() && !NOTHING.contains(&p.as_str()))
        .collect()
}

fn household_by_code(conn: &Connection, c: &Cell) -> std::result::Result<Household, String> {
    let raw = c.text();
    let code = text::to_half_width(raw.trim());
    if code.is_empty() {
        return Err("没有填编号".into());
    }
    if let Ok(h) = households::resolve(conn, &code) {
        return Ok(h);
    }
    // A code typed into a number cell loses its leading zeros (01001 -> 1001).
    if code.chars().all(|c| c.is_ascii_digit()) && code.len() < 5 {
        if let Ok(h) = households::resolve(conn, &format!("{code:0>5}")) {
            return Ok(h);
        }
    }
    Err(format!("编号“{code}”不在住户和场所中"))
}

/// Whether the household already has an inspection on that date with these answers.
fn already_imported(
    conn: &Connection,
    household_id: &str,
    date: &str,
    answers: &[AnswerEntry],
    other: &str,
) -> Result<bool> {
    let mut st = conn.prepare_cached(
        "SELECT id, other_hazards FROM inspections WHERE household_id = ?1 AND visit_date = ?2",
    )?;
    let rows: Vec<(String, String)> = st
        .query_map(params![household_id, date], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, o) in rows {
        let have = inspections::get(conn, &id)?.answers;
        if have == answers && o.trim() == other.trim() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Reads an entry sheet and imports its inspections (one transaction). `progress(done,
/// total)` is called now and then.
pub fn import(conn: &Connection, path: &Path, progress: &dyn Fn(u64, u64)) -> Result<ImportReport> {
    let (sheet, cols, template) = open_sheet(conn, path)?;
    let mut report = ImportReport {
        imported: 0,
        hazards: 0,
        rejected: Vec::new(),
        warnings: Vec::new(),
        blank_rows: 0,
        template_id: template.id.clone(),
        template_version: template.version,
        sheet: sheet.name.clone(),
    };
    let missing: Vec<String> = template
        .items
        .iter()
        .filter(|i| !cols.items.iter().any(|(no, _)| *no == i.no))
        .map(|i| i.no.to_string())
        .collect();
    if !missing.is_empty() {
        report.warnings.push(RowWarning {
            row: cols.header_row,
            field: "header".into(),
            message: format!(
                "表中没有第 {} 项的列，这些项目按未作答导入。",
                missing.join("、")
            ),
        });
    }
    if cols.date.is_none() {
        return Err(Error::bad_file(format!("表头中没有“{COL_DATE}”列。")));
    }
    let total = sheet.height().saturating_sub(cols.header_row) as u64;
    let tx = conn.unchecked_transaction()?;
    for r in cols.header_row + 1..=sheet.height() {
        let done = (r - cols.header_row) as u64;
        if done.is_multiple_of(50) {
            progress(done, total);
        }
        import_row(&tx, &sheet, &cols, &template, r, &mut report)?;
    }
    tx.commit()?;
    progress(total, total);
    Ok(report)
}

fn import_row(
    conn: &Connection,
    sheet: &Sheet,
    cols: &Columns,
    template: &Template,
    r: u32,
    report: &mut ImportReport,
) -> Result<()> {
    let get = |c: Option<u32>| c.map(|c| sheet.cell(r, c).clone()).unwrap_or(Cell::Empty);
    let reject = |report: &mut ImportReport, reason: String| {
        report.rejected.push(RowIssue { row: r, reason });
    };
    let date_cell = get(cols.date);
    let answered = cols
        .items
        .iter()
        .any(|(_, c)| !sheet.cell(r, *c).is_blank());
    if date_cell.is_blank() && !answered {
        let filled = [cols.inspectors, cols.other, cols.assigned, cols.signed]
            .iter()
            .any(|c| !get(*c).is_blank());
        if filled {
            reject(
                report,
                "没有检查日期，也没有回答任何检查项目，不算一次检查（其它内容未导入）".into(),
            );
        } else {
            report.blank_rows += 1;
        }
        return Ok(());
    }
    let household = match household_by_code(conn, sheet.cell(r, cols.code)) {
        Ok(h) => h,
        Err(why) => {
            reject(report, why);
            return Ok(());
        }
    };
    let date = match parse_visit_date(&date_cell) {
        Ok(Some(d)) => d,
        Ok(None) => {
            reject(report, "回答了检查项目，但没有填检查日期".into());
            return Ok(());
        }
        Err(t) => {
            reject(
                report,
                format!("检查日期“{t}”看不懂，请写成 2024-12-03 这样"),
            );
            return Ok(());
        }
    };
    let answers = match row_answers(sheet, cols, r) {
        Ok(a) => a,
        Err(why) => {
            reject(report, why);
            return Ok(());
        }
    };
    let mut warnings: Vec<RowWarning> = Vec::new();
    let w = |warnings: &mut Vec<RowWarning>, field: &str, message: String| {
        warnings.push(RowWarning {
            row: r,
            field: field.into(),
            message,
        })
    };
    if let Some(nc) = cols.name {
        let name = text::clean_name(&sheet.cell(r, nc).text());
        if !name.is_empty() && name != household.name {
            w(
                &mut warnings,
                "name",
                format!(
                    "表中名称“{name}”与住户和场所中编号 {} 的“{}”不一致，已按编号导入",
                    household.code, household.name
                ),
            );
        }
    }
    let signed = match parse_signed(&get(cols.signed)) {
        Ok(b) => b,
        Err(t) => {
            w(
                &mut warnings,
                "signed",
                format!("是否签字填的“{t}”看不懂，按未签字导入"),
            );
            false
        }
    };
    let (extras, other_hazards) = other_hazards(&get(cols.other).text(), r, &mut warnings);
    let iso = date.format("%Y-%m-%d").to_string();
    if already_imported(conn, &household.id, &iso, &answers, &other_hazards)? {
        reject(
            report,
            format!(
                "“{}”{}的这次检查已经导入过（内容相同），没有重复导入",
                household.name,
                crate::date_cn(date)
            ),
        );
        return Ok(());
    }
    let input = InspectionInput {
        household_id: household.id.clone(),
        template_id: Some(template.id.clone()),
        template_version: Some(template.version),
        visit_date: iso,
        inspectors: get(cols.inspectors).text(),
        answers,
        fixed_on_site: Vec::new(),
        extra_hazards: extras,
        other_hazards,
        assigned: get(cols.assigned).text(),
        signed,
        note: String::new(),
    };
    save_row(conn, &input, r, warnings, report)
}

/// The row's answers by item number, or why one of them cannot be read.
fn row_answers(
    sheet: &Sheet,
    cols: &Columns,
    r: u32,
) -> std::result::Result<Vec<AnswerEntry>, String> {
    let mut answers = Vec::new();
    for (no, c) in &cols.items {
        match parse_answer(sheet.cell(r, *c)) {
            Ok(Some(a)) => answers.push(AnswerEntry {
                item_no: *no,
                answer: a,
            }),
            Ok(None) => {}
            Err(t) => return Err(format!("第 {no} 项填的“{t}”看不懂，请填“是”或“否”")),
        }
    }
    answers.sort_by_key(|a| a.item_no);
    Ok(answers)
}

/// The 其它隐患 cell as extra hazards, each filed under the category its words suggest
/// (with a warning to check it), and the cell's text as kept on the form ('' when it
/// names no hazard).
fn other_hazards(
    cell: &str,
    r: u32,
    warnings: &mut Vec<RowWarning>,
) -> (Vec<ExtraHazardInput>, String) {
    let mut extras = Vec::new();
    for d in split_other_hazards(cell) {
        let category = Category::guess(&d);
        warnings.push(RowWarning {
            row: r,
            field: "other_hazards".into(),
            message: format!(
                "其它隐患“{d}”按关键词归入“{category}”，未标为重大隐患，请在隐患台账中核对"
            ),
        });
        extras.push(ExtraHazardInput {
            id: None,
            description: d,
            category,
            major: false,
            fixed_on_site: false,
        });
    }
    let kept = if extras.is_empty() {
        String::new()
    } else {
        text::clean(cell)
    };
    (extras, kept)
}

/// Records one row's form inside a savepoint: a form the clerk can fix (invalid, or its
/// household gone) is rolled back and listed as rejected; any other error stops the import.
fn save_row(
    conn: &Connection,
    input: &InspectionInput,
    r: u32,
    mut warnings: Vec<RowWarning>,
    report: &mut ImportReport,
) -> Result<()> {
    conn.prepare_cached("SAVEPOINT entry_row")?.execute([])?;
    match inspections::write_in(conn, input, InspectionSource::Sheet) {
        Ok(saved) => {
            conn.prepare_cached("RELEASE entry_row")?.execute([])?;
            report.imported += 1;
            report.hazards += saved.hazards_added;
            for x in saved.warnings {
                warnings.push(RowWarning {
                    row: r,
                    field: x.field,
                    message: x.message,
                });
            }
            report.warnings.extend(warnings);
        }
        Err(e) if e.code == crate::ErrorCode::Invalid || e.code == crate::ErrorCode::NotFound => {
            conn.execute_batch("ROLLBACK TO entry_row; RELEASE entry_row")?;
            report.rejected.push(RowIssue {
                row: r,
                reason: e.message,
            });
        }
        Err(e) => {
            conn.execute_batch("ROLLBACK TO entry_row; RELEASE entry_row")?;
            return Err(e);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_keys_tolerate_numbers_and_punctuation() {
        let item = "是否做到“三清三关”(清走道、清阳台、清厨房,关电源、关气源)";
        assert_eq!(header_key(&format!("11. {item}")), header_key(item),);
        assert_eq!(
            header_key("是否做到\"三清三关\"（清走道，清阳台，清厨房，关电源，关气源）"),
            header_key(item)
        );
        assert_eq!(header_key(" 检查日期 "), "检查日期");
    }

    #[test]
    fn answers_and_other_hazards() {
        assert_eq!(
            parse_answer(&Cell::Text("是".into())),
            Ok(Some(Answer::Yes))
        );
        assert_eq!(
            parse_answer(&Cell::Text(" √ ".into())),
            Ok(Some(Answer::Yes))
        );
        assert_eq!(parse_answer(&Cell::Text("否".into())), Ok(Some(Answer::No)));
        assert_eq!(parse_answer(&Cell::Number(0.0)), Ok(Some(Answer::No)));
        assert_eq!(parse_answer(&Cell::Empty), Ok(None));
        assert!(parse_answer(&Cell::Text("可能".into())).is_err());
        assert_eq!(
            split_other_hazards("1、化粪池无盖板；2.院内燃气钢瓶倒放\n无"),
            vec!["化粪池无盖板", "院内燃气钢瓶倒放"]
        );
        assert!(split_other_hazards("无").is_empty());
        assert_eq!(Category::guess("化粪池无盖板").name(), "防有限空间中毒事故");
        assert_eq!(
            Category::guess("燃气热水器装在浴室内").name(),
            "防煤气中毒事故"
        );
        assert_eq!(Category::guess("院内燃气钢瓶倒放").name(), "防燃气爆炸事故");
        assert_eq!(Category::guess("门前坡道结冰").name(), "防冰雪道路交通事故");
        assert_eq!(Category::guess("私拉电线").name(), "防小火亡人事故");
        assert_eq!(
            parse_visit_date(&Cell::Number(45629.0)).unwrap(),
            NaiveDate::from_ymd_opt(2024, 12, 3)
        );
        assert_eq!(
            parse_visit_date(&Cell::Text("2024年12月3日".into())).unwrap(),
            NaiveDate::from_ymd_opt(2024, 12, 3)
        );
    }
}
