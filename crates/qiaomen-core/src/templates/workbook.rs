//! The template workbook: how an office writes its own checklist in Excel or WPS.
//!
//! Three sheets, made for a person:
//! - 检查项目: one row per item, read by its column headings in any order: 序号, 检查内容,
//!   隐患答案 (是 / 否 / 空 = not a hazard item), 行动名称, 重大隐患 (是/否), 整改期限（天）,
//!   隐患说法, 属性项 (是, or the name of what it records: 弱势群体, 多合一场所).
//! - 表样: the form itself, one line per thing (column 项目 names it): 编号, 表名, 标题, 来源,
//!   表头栏目 (label, which register field it shows, printed options), the labels of the
//!   form's lines, and 表下说明 (the footer notes, one per row).
//! - 说明: how to fill it in.
//!
//! [`write()`] writes any template in this form; [`read`] reads it back (export → import is a
//! round trip). Offices type 是/否 as Y/N, √/×, 有/无 and numbers with full-width digits:
//! all are read. Every mistake is reported with its sheet and cell, and nothing is read
//! from a workbook with mistakes.

use super::{Answer, HeaderField, Template, TemplateItem, FIELDS, MAX_ITEMS, RESIDENTS_FORMAT};
use crate::category::Category;
use crate::error::{Error, Result};
use crate::sheet::{self, cell_address, Cell, Sheet};
use crate::xlsx::{save_workbook, xlsx_err, XlsxStyles};
use rust_xlsxwriter::{DataValidation, Workbook, XlsxError};
use std::path::Path;

/// The items sheet.
pub const ITEMS_SHEET: &str = "检查项目";
/// The form sheet.
pub const FORM_SHEET: &str = "表样";
/// The instructions sheet.
pub const HELP_SHEET: &str = "说明";

/// The item columns in the order they are written.
const ITEM_COLUMNS: [&str; 8] = [
    "序号",
    "检查内容",
    "隐患答案",
    "行动名称",
    "重大隐患",
    "整改期限（天）",
    "隐患说法",
    "属性项",
];

/// The form sheet's line names for the template's labels, in the order written.
const LABEL_LINES: [&str; 5] = [
    "检查人员栏",
    "填表日期栏",
    "其它隐患栏",
    "交办事项栏",
    "签字栏",
];

const HELP: &[&str] = &[
    "怎样用这个表格做本单位的检查表",
    "",
    "1. “检查项目”表：每行一个检查项目。各列的意思：",
    "   序号：检查表上印的序号（1、2、3……，不能重复）。",
    "   检查内容：印在检查表上的问题原文。",
    "   隐患答案：答“是”算隐患就填“是”，答“否”算隐患就填“否”；这一项不算隐患就空着。",
    "   行动名称：隐患统计到统计表（附件2）的哪一行，七类之一，可从下拉列表中选。",
    "   重大隐患：这一项的隐患默认是不是重大隐患（是/否），录入时还可以逐条改。",
    "   整改期限（天）：这一项的隐患限期几天整改；空着就用单位设置里的默认天数。",
    "   隐患说法：这条隐患在隐患台账和整改通知书上怎么写，例如“电动车在室内、楼道停放或充电”。",
    "   属性项：答案是在说明这户（场所）的情况而不是隐患时，填“是”或写上它记录什么（如 弱势群体、多合一场所）；属性项只记录、列名单，不算隐患。",
    "2. “表样”表：检查表的表名、标题、来源文号、表头栏目（第三列写它显示住户和场所信息中的哪一项：名称、地址、建筑层数、居住人数、建筑面积、场所性质、建筑结构、使用层数、联系人、联系电话；空着则打印空白由人手写；第四列是要打印的选项，用顿号隔开）、各栏的名称和表下说明（每条一行）。",
    "3. 改好后在软件“检查表管理”中导入。“版本”一格只是告诉您导出的是第几版，导入时不看它；“编号”不要改：按旧版录入过的检查表会保留原来的版本，新录入和打印用新版。要另做一张新表，把“编号”清空并换一个表名。",
    "4. 是/否 也可以写成 Y/N、√/×、有/无、1/0。",
];

fn yes_no(b: bool) -> &'static str {
    if b {
        "是"
    } else {
        "否"
    }
}

/// Writes template `t` as a template workbook at `path`.
pub fn write(t: &Template, path: &Path) -> Result<()> {
    let mut wb = Workbook::new();
    write_items(&mut wb, t).map_err(xlsx_err)?;
    write_form(&mut wb, t).map_err(xlsx_err)?;
    write_help(&mut wb).map_err(xlsx_err)?;
    save_workbook(&mut wb, path)
}

fn write_items(wb: &mut Workbook, t: &Template) -> Result<(), XlsxError> {
    let st = XlsxStyles::new();
    let ws = wb.add_worksheet();
    ws.set_name(ITEMS_SHEET)?;
    let widths = [6.0, 48.0, 10.0, 20.0, 10.0, 14.0, 36.0, 14.0];
    for (c, (h, w)) in ITEM_COLUMNS.iter().zip(widths).enumerate() {
        ws.set_column_width(c as u16, w)?;
        ws.write_string_with_format(0, c as u16, *h, &st.header)?;
    }
    ws.set_freeze_panes(1, 0)?;
    print_setup(ws)?;
    for (i, it) in t.items.iter().enumerate() {
        let r = i as u32 + 1;
        // Wrapped text needs its row tall enough (LibreOffice keeps the height it is given).
        let lines = [(&it.text, widths[1]), (&it.hazard_phrase, widths[6])]
            .iter()
            .map(|(s, w)| wrapped_lines(s, *w))
            .max()
            .unwrap_or(1);
        ws.set_row_height(r, 15.0 * lines as f64 + 3.0)?;
        ws.write_number_with_format(r, 0, it.no as f64, &st.cell)?;
        ws.write_string_with_format(r, 1, &it.text, &st.cell)?;
        let when = if it.attribute.is_some() {
            ""
        } else {
            it.hazard_when.map_or("", Answer::label)
        };
        ws.write_string_with_format(r, 2, when, &st.cell)?;
        let category = it
            .category
            .filter(|_| !when.is_empty())
            .map_or("", Category::name);
        ws.write_string_with_format(r, 3, category, &st.cell)?;
        ws.write_string_with_format(
            r,
            4,
            if when.is_empty() {
                ""
            } else {
                yes_no(it.major)
            },
            &st.cell,
        )?;
        match it.deadline_days {
            Some(d) => ws.write_number_with_format(r, 5, d as f64, &st.cell)?,
            None => ws.write_string_with_format(r, 5, "", &st.cell)?,
        };
        ws.write_string_with_format(r, 6, &it.hazard_phrase, &st.cell)?;
        ws.write_string_with_format(r, 7, it.attribute.as_deref().unwrap_or(""), &st.cell)?;
    }
    // Lists to pick from, for rows to come as well.
    let last = (MAX_ITEMS as u32).max(t.items.len() as u32 + 50);
    let pick = |list: &[&str]| DataValidation::new().allow_list_strings(list);
    ws.add_data_validation(1, 2, last, 2, &pick(&["是", "否"])?)?;
    ws.add_data_validation(1, 3, last, 3, &pick(&Category::NAMES)?)?;
    ws.add_data_validation(1, 4, last, 4, &pick(&["是", "否"])?)?;
    Ok(())
}

/// A4 landscape, one page wide, the heading row on every page.
fn print_setup(ws: &mut rust_xlsxwriter::Worksheet) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

/// How many lines a text takes in a wrapped column of `width` characters (a CJK character
/// is two).
fn wrapped_lines(s: &str, width: f64) -> usize {
    let units: usize = s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    (units as f64 / (width - 1.0).max(1.0)).ceil().max(1.0) as usize
}

fn write_form(wb: &mut Workbook, t: &Template) -> Result<(), XlsxError> {
    let st = XlsxStyles::new();
    let ws = wb.add_worksheet();
    ws.set_name(FORM_SHEET)?;
    for (c, (h, w)) in ["项目", "内容", "对应信息", "选项"]
        .iter()
        .zip([14.0, 60.0, 14.0, 30.0])
        .enumerate()
    {
        ws.set_column_width(c as u16, w)?;
        ws.write_string_with_format(0, c as u16, *h, &st.header)?;
    }
    ws.set_freeze_panes(1, 0)?;
    print_setup(ws)?;
    let mut r = 1u32;
    let mut line = |ws: &mut rust_xlsxwriter::Worksheet, cells: &[&str]| -> Result<(), XlsxError> {
        let lines = cells.get(1).map_or(1, |v| wrapped_lines(v, 60.0));
        ws.set_row_height(r, 15.0 * lines as f64 + 3.0)?;
        for (c, v) in cells.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, *v, &st.cell)?;
        }
        r += 1;
        Ok(())
    };
    let version = t.version.to_string();
    line(ws, &["编号", &t.id])?;
    line(ws, &["版本", &version])?;
    line(ws, &["表名", &t.name])?;
    line(ws, &["标题", &t.title])?;
    line(ws, &["来源", &t.source])?;
    for f in &t.header_fields {
        let field = FIELDS
            .iter()
            .find(|(k, _)| *k == f.key)
            .map_or("", |(_, n)| *n);
        let options = f.options.as_ref().map(|o| o.join("、")).unwrap_or_default();
        line(ws, &["表头栏目", &f.label, field, &options])?;
    }
    let labels = [
        &t.inspectors_label,
        &t.date_label,
        &t.other_hazards_label,
        &t.assigned_label,
        &t.signature_label,
    ];
    for (name, value) in LABEL_LINES.iter().zip(labels) {
        line(ws, &[name, value])?;
    }
    for n in &t.footer_notes {
        line(ws, &["表下说明", n])?;
    }
    Ok(())
}

fn write_help(wb: &mut Workbook) -> Result<(), XlsxError> {
    let st = XlsxStyles::new();
    let ws = wb.add_worksheet();
    ws.set_name(HELP_SHEET)?;
    ws.set_column_width(0, 110.0)?;
    print_setup(ws)?;
    let wrap = st.note.clone().set_text_wrap();
    for (i, l) in HELP.iter().enumerate() {
        let f = if i == 0 { &st.title } else { &wrap };
        ws.set_row_height(i as u32, 15.0 * wrapped_lines(l, 110.0) as f64 + 3.0)?;
        ws.write_string_with_format(i as u32, 0, *l, f)?;
    }
    Ok(())
}

/// Mistakes found in a workbook: each with its sheet and cell.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn at(&mut self, sheet: &str, row: u32, col: u32, what: impl Into<String>) {
        self.0.push(format!(
            "“{sheet}”表 {}：{}",
            cell_address(row, col),
            what.into()
        ));
    }
    fn sheet(&mut self, sheet: &str, what: impl Into<String>) {
        self.0.push(format!("“{sheet}”表：{}", what.into()));
    }
}

/// A heading or value squeezed for comparison: no spaces, half-width, no brackets.
fn squeeze(s: &str) -> String {
    crate::text::to_half_width(s)
        .chars()
        .filter(|c| !c.is_whitespace() && !"()（）【】[]:：*".contains(*c))
        .collect()
}

/// The column of each item heading in the header row (1-based), found by heading.
fn item_columns(s: &Sheet) -> Option<(u32, [Option<u32>; 8])> {
    let aliases: [&[&str]; 8] = [
        &["序号", "编号", "项目序号"],
        &["检查内容", "检查项目", "内容"],
        &["隐患答案", "隐患选项", "答案为隐患"],
        &["行动名称", "类别", "隐患类别"],
        &["重大隐患", "是否重大隐患", "重大"],
        &["整改期限天", "整改期限", "期限天", "期限"],
        &["隐患说法", "隐患描述", "台账说法"],
        &["属性项", "属性"],
    ];
    for row in 1..=s.height().min(10) {
        let mut cols = [None; 8];
        for (c, cell) in s.row(row).iter().enumerate() {
            let h = squeeze(&cell.text());
            if let Some(k) = aliases.iter().position(|a| a.iter().any(|x| *x == h)) {
                cols[k].get_or_insert(c as u32 + 1);
            }
        }
        if cols[0].is_some() && cols[1].is_some() {
            return Some((row, cols));
        }
    }
    None
}

/// A whole number as offices type it (full-width digits, "3.0", "3天").
fn whole_number(c: &Cell) -> Option<i64> {
    match c {
        Cell::Number(n) if n.fract() == 0.0 => Some(*n as i64),
        Cell::Text(t) => {
            let t = crate::text::to_half_width(t.trim());
            let t = t.trim_end_matches('天').trim();
            t.parse::<i64>().ok().or_else(|| {
                t.parse::<f64>()
                    .ok()
                    .filter(|f| f.fract() == 0.0)
                    .map(|f| f as i64)
            })
        }
        _ => None,
    }
}

fn read_item_row(
    s: &Sheet,
    row: u32,
    cols: &[Option<u32>; 8],
    p: &mut Problems,
) -> Option<TemplateItem> {
    let cell = |k: usize| cols[k].map_or(&Cell::Empty, |c| s.cell(row, c));
    let text = |k: usize| crate::text::clean(&cell(k).text());
    let col = |k: usize| cols[k].unwrap_or(1);
    let name = ITEMS_SHEET;
    if (0..8).all(|k| cell(k).is_blank()) {
        return None;
    }
    let no = match whole_number(cell(0)) {
        Some(n) if n >= 1 => Some(n),
        _ if cell(0).is_blank() => {
            p.at(name, row, col(0), "缺少序号");
            None
        }
        _ => {
            p.at(
                name,
                row,
                col(0),
                format!("序号应为 1、2、3 这样的数，现在是“{}”", text(0)),
            );
            None
        }
    };
    let body = text(1);
    if body.is_empty() {
        p.at(name, row, col(1), "缺少检查内容");
    }
    let hazard_when = match text(2).as_str() {
        "" | "空" | "-" | "/" => None,
        t => match Answer::read(t) {
            Some(a) => Some(a),
            None => {
                p.at(
                    name,
                    row,
                    col(2),
                    format!("隐患答案应为“是”“否”或留空，现在是“{t}”"),
                );
                None
            }
        },
    };
    let category = match text(3).as_str() {
        "" => None,
        t => match Category::parse(t) {
            Some(c) => Some(c),
            None => {
                p.at(
                    name,
                    row,
                    col(3),
                    format!(
                        "行动名称“{t}”不是统计表的七类之一（{}）",
                        Category::NAMES.join("、")
                    ),
                );
                None
            }
        },
    };
    let major = match text(4).as_str() {
        "" => false,
        t => match Answer::read(t) {
            Some(a) => a == Answer::Yes,
            None => {
                p.at(
                    name,
                    row,
                    col(4),
                    format!("重大隐患应填“是”或“否”，现在是“{t}”"),
                );
                false
            }
        },
    };
    let deadline_days = match cell(5) {
        c if c.is_blank() => None,
        c => match whole_number(c) {
            Some(d) if (1..=365).contains(&d) => Some(d),
            _ => {
                p.at(
                    name,
                    row,
                    col(5),
                    format!("整改期限应为 1 到 365 之间的天数，现在是“{}”", text(5)),
                );
                None
            }
        },
    };
    let attribute = match text(7).as_str() {
        "" => None,
        t => match Answer::read(t) {
            Some(Answer::Yes) => Some(body.clone()),
            Some(Answer::No) => None,
            None => Some(t.to_string()),
        },
    };
    if attribute.is_some() && hazard_when.is_some() {
        p.at(
            name,
            row,
            col(7),
            "属性项只记录情况、不算隐患，不能同时填隐患答案",
        );
    }
    if hazard_when.is_some() && category.is_none() && text(3).is_empty() {
        p.at(name, row, col(3), "隐患项要填行动名称（统计到哪一类）");
    }
    let marks_vulnerable = attribute.as_deref().is_some_and(|a| a.contains("弱势"));
    Some(TemplateItem {
        no: no?,
        text: body,
        answer: "yes_no".into(),
        hazard_when,
        category: category.filter(|_| hazard_when.is_some()),
        major: major && hazard_when.is_some(),
        deadline_days: deadline_days.filter(|_| hazard_when.is_some()),
        hazard_phrase: if hazard_when.is_some() {
            text(6)
        } else {
            String::new()
        },
        attribute,
        marks_vulnerable,
    })
}

fn read_items(s: &Sheet, p: &mut Problems) -> Vec<TemplateItem> {
    let Some((head, cols)) = item_columns(s) else {
        p.sheet(
            ITEMS_SHEET,
            "没有找到表头：第一行应有“序号”“检查内容”“隐患答案”“行动名称”等列",
        );
        return vec![];
    };
    let mut items: Vec<(u32, TemplateItem)> = Vec::new();
    for row in head + 1..=s.height() {
        if let Some(it) = read_item_row(s, row, &cols, p) {
            if let Some((first, _)) = items.iter().find(|(_, x)| x.no == it.no) {
                let c = cols[0].unwrap_or(1);
                p.at(
                    ITEMS_SHEET,
                    row,
                    c,
                    format!("序号 {} 重复（第 {} 行已有）", it.no, first),
                );
            }
            items.push((row, it));
        }
    }
    if items.is_empty() && p.0.is_empty() {
        p.sheet(ITEMS_SHEET, "没有检查项目：至少要有一行");
    }
    if items.len() > MAX_ITEMS {
        p.sheet(ITEMS_SHEET, format!("检查项目太多（最多 {MAX_ITEMS} 项）"));
    }
    let mut items: Vec<TemplateItem> = items.into_iter().map(|(_, i)| i).collect();
    items.sort_by_key(|i| i.no);
    items
}

/// Reads the 表样 sheet into `t` (everything but the items).
fn read_form(s: &Sheet, t: &mut Template, p: &mut Problems) {
    let name = FORM_SHEET;
    t.header_fields.clear();
    t.footer_notes.clear();
    for row in 1..=s.height() {
        let key = squeeze(&s.cell(row, 1).text());
        let val = crate::text::clean(&s.cell(row, 2).text());
        match key.as_str() {
            "项目" | "" => {}
            "编号" => t.id = val.clone(),
            "版本" => {}
            "表名" => t.name = val,
            "标题" => t.title = val,
            "来源" | "文号" => t.source = val,
            "表头栏目" => {
                if val.is_empty() {
                    p.at(name, row, 2, "表头栏目要写栏目名称");
                    continue;
                }
                let field = squeeze(&s.cell(row, 3).text());
                let key = match FIELDS.iter().find(|(_, n)| squeeze(n) == field) {
                    Some((k, _)) => k.to_string(),
                    None if field.is_empty() => String::new(),
                    None => {
                        let names: Vec<&str> = FIELDS.iter().map(|(_, n)| *n).collect();
                        p.at(
                            name,
                            row,
                            3,
                            format!(
                                "对应信息“{field}”不认识，应为：{}，或留空",
                                names.join("、")
                            ),
                        );
                        String::new()
                    }
                };
                let options: Vec<String> = s
                    .cell(row, 4)
                    .text()
                    .split(['、', ',', '，', '/', ';', '；'])
                    .map(crate::text::clean)
                    .filter(|o| !o.is_empty())
                    .collect();
                t.header_fields.push(HeaderField {
                    format: (key == "residents").then(|| RESIDENTS_FORMAT.to_string()),
                    key,
                    label: val,
                    options: (!options.is_empty()).then_some(options),
                });
            }
            "表下说明" | "说明" | "注" => {
                if !val.is_empty() {
                    t.footer_notes.push(val);
                }
            }
            k => match LABEL_LINES.iter().position(|l| squeeze(l) == k) {
                Some(0) => t.inspectors_label = val,
                Some(1) => t.date_label = val,
                Some(2) => t.other_hazards_label = val,
                Some(3) => t.assigned_label = val,
                Some(4) => t.signature_label = val,
                _ => p.at(name, row, 1, format!("不认识的项目“{k}”")),
            },
        }
    }
    if t.name.is_empty() {
        p.sheet(name, "缺少“表名”");
    }
    if t.title.is_empty() {
        t.title = t.name.clone();
    }
}

/// A template with the official sheet's lines, for a workbook that leaves them out.
fn blank() -> Template {
    Template {
        id: String::new(),
        version: 1,
        name: String::new(),
        source: String::new(),
        title: String::new(),
        header_fields: vec![],
        items: vec![],
        other_hazards_label: "其它隐患情况".into(),
        assigned_label: "现场交办整改事项".into(),
        signature_label: "被检查对象负责人签字".into(),
        inspectors_label: "入户检查人员".into(),
        date_label: "填表日期".into(),
        footer_notes: vec![],
    }
}

/// Reads a template workbook. The template's id is the workbook's 编号 (empty for a new
/// template); its version is decided when it is stored.
pub fn read(path: &Path) -> Result<Template> {
    let label = sheet::file_label(path);
    let mut wb = sheet::Workbook::open(path)?;
    let names = wb.sheet_names().to_vec();
    let find = |want: &str| names.iter().find(|n| squeeze(n) == want).cloned();
    let items_name = find(ITEMS_SHEET).or_else(|| names.first().cloned());
    let mut p = Problems::default();
    let mut t = blank();
    match items_name {
        Some(n) => {
            let s = wb.read_sheet(&n)?;
            t.items = read_items(&s, &mut p);
        }
        None => p.sheet(ITEMS_SHEET, "文件中没有这张表"),
    }
    match find(FORM_SHEET) {
        Some(n) => {
            let s = wb.read_sheet(&n)?;
            read_form(&s, &mut t, &mut p);
        }
        None => p.sheet(
            FORM_SHEET,
            "文件中没有这张表（表名、标题、表头栏目写在这里）",
        ),
    }
    if !p.0.is_empty() {
        let n = p.0.len();
        let shown: Vec<String> = p.0.into_iter().take(20).collect();
        return Err(Error::bad_file(format!(
            "检查表模板“{label}”有 {n} 处需要改，没有导入：\n{}{}",
            shown.join("\n"),
            if n > 20 { "\n……" } else { "" }
        )));
    }
    if !t.id.is_empty() {
        t.validate()?;
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::BUILTIN;

    #[test]
    fn builtins_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        for json in BUILTIN {
            let t = Template::parse(json).unwrap();
            let p = dir.path().join(format!("{}.xlsx", t.id));
            write(&t, &p).unwrap();
            let back = read(&p).unwrap();
            assert_eq!(back, t, "{}", t.id);
        }
    }
}
