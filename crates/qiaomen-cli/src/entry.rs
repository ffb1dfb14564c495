//! Entry and follow-up from the command line: inspections, the hazard ledger, rounds and
//! coverage, vulnerable people, and the spreadsheet entry sheet.

use crate::out::{json, pad};
use clap::{Args, Subcommand};
use qiaomen_api::{no_progress, Api, Error};
use qiaomen_core::entry_sheet::EntrySheetOptions;
use qiaomen_core::hazards::{HazardEdit, HazardQuery, HazardStatus, HazardView, RevisitInput};
use qiaomen_core::inspections::{AnswerEntry, ExtraHazardInput, InspectionInput, InspectionQuery};
use qiaomen_core::people::{PeopleQuery, PersonInput};
use qiaomen_core::rounds::{Round, RoundInput};
use qiaomen_core::templates::Answer;
use qiaomen_core::Category;
use std::path::PathBuf;

/// 2024-12-03 -> 2024年12月3日 (as printed); other text unchanged.
fn cn(d: &str) -> String {
    qiaomen_core::parse_date(d)
        .map(qiaomen_core::date_cn)
        .unwrap_or_else(|_| d.to_string())
}

/// The short id shown in lists: the last 8 characters (random in UUID v7; the first ones
/// are a timestamp shared by rows written together). Commands accept it back.
fn short(id: &str) -> String {
    let n = id.chars().count();
    id.chars().skip(n.saturating_sub(8)).collect()
}

// ---------------------------------------------------------------- export / import

#[derive(Args, Debug)]
pub struct EntrySheetArgs {
    /// 检查表模板编号（默认：本单位默认模板）
    #[arg(long)]
    template: Option<String>,
    /// 只导出这个网格（名称或编号）
    #[arg(long)]
    grid: Option<String>,
    /// 保存到（.xlsx）
    #[arg(long, value_name = "F.xlsx")]
    out: PathBuf,
    /// 输出 JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct ImportInspectionsArgs {
    /// 填好的录入表（.xlsx / .xls / .ods / .csv）
    file: PathBuf,
    /// 输出 JSON：imported、hazards、rejected[{row,reason}]、warnings[{row,field,message}]
    #[arg(long)]
    json: bool,
}

pub fn export_entry_sheet(db: &Option<PathBuf>, a: EntrySheetArgs) -> Result<(), Error> {
    let api = crate::open(db)?;
    let grid_id = match &a.grid {
        Some(g) => Some(api.grids_resolve(g)?.id),
        None => None,
    };
    let r = api.entry_export_sheet(
        &EntrySheetOptions {
            template_id: a.template,
            grid_id,
        },
        &a.out.to_string_lossy(),
    )?;
    if a.json {
        return json(&r);
    }
    println!(
        "已导出入户检查录入表：{}（{} 户，检查表：{}）",
        r.file.path, r.households, r.template_name
    );
    if r.other_template > 0 {
        println!(
            "另有 {} 户使用其他检查表，未导出；可用 --template 指定模板另行导出。",
            r.other_template
        );
    }
    Ok(())
}

pub fn import_inspections(db: &Option<PathBuf>, a: ImportInspectionsArgs) -> Result<(), Error> {
    let mut api = crate::open(db)?;
    let r = api.entry_import_sheet(&a.file.to_string_lossy(), &no_progress)?;
    if a.json {
        return json(&r);
    }
    println!(
        "已导入 {} 次入户检查，新增隐患 {} 条；未导入 {} 行，空行 {} 行。",
        r.imported,
        r.hazards,
        r.rejected.len(),
        r.blank_rows
    );
    for x in &r.rejected {
        println!("  第 {} 行未导入：{}", x.row, x.reason);
    }
    for w in &r.warnings {
        println!("  第 {} 行提醒：{}", w.row, w.message);
    }
    Ok(())
}

// ---------------------------------------------------------------- inspections

#[derive(Subcommand, Debug)]
pub enum InspectionsCmd {
    /// 录入一张检查表
    Add(AddInspection),
    /// 列出检查记录
    List {
        /// 户的编号
        #[arg(long)]
        household: Option<String>,
        /// 起始日期
        #[arg(long)]
        from: Option<String>,
        /// 结束日期
        #[arg(long)]
        to: Option<String>,
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
    /// 查看一次检查（编号或其前几位）
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// 删除一次检查（已有回访或已销号的隐患时不能删除）
    Delete { id: String },
    /// 一户的全部记录：检查、隐患、回访
    History {
        /// 户的编号
        household: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Debug)]
pub struct AddInspection {
    /// 户的编号
    #[arg(long)]
    household: String,
    /// 检查日期（默认：上次录入的日期）
    #[arg(long)]
    date: Option<String>,
    /// 入户检查人员（默认：上次录入的人员）
    #[arg(long)]
    inspectors: Option<String>,
    /// 按题号顺序的答案，如 NNYYNNNYYNYYNYNY（Y/1/是、N/0/否、- 不答）
    #[arg(long)]
    answers: Option<String>,
    /// 答“是”的题号，如 2,4
    #[arg(long, value_delimiter = ',')]
    yes: Vec<i64>,
    /// 答“否”的题号，如 3,8
    #[arg(long, value_delimiter = ',')]
    no: Vec<i64>,
    /// 其余未答的题都按“无隐患”的一方作答
    #[arg(long)]
    safe: bool,
    /// 现场已整改的题号
    #[arg(long, value_delimiter = ',')]
    fixed: Vec<i64>,
    /// 其它隐患："描述|类别|重大"（类别、重大可省略），可写多次
    #[arg(long)]
    other: Vec<String>,
    /// 现场交办整改事项
    #[arg(long, default_value = "")]
    assigned: String,
    /// 被检查对象负责人已签字
    #[arg(long)]
    signed: bool,
    /// 备注
    #[arg(long, default_value = "")]
    note: String,
    #[arg(long)]
    json: bool,
}

fn parse_answer_char(c: char) -> Result<Option<Answer>, Error> {
    match c {
        'Y' | 'y' | '1' | '是' | '√' => Ok(Some(Answer::Yes)),
        'N' | 'n' | '0' | '否' | '×' => Ok(Some(Answer::No)),
        '-' | '_' | ' ' => Ok(None),
        _ => Err(Error::invalid(format!(
            "答案“{c}”看不懂：用 Y/1/是 表示“是”，N/0/否 表示“否”，- 表示不答。"
        ))),
    }
}

fn parse_other(s: &str) -> Result<ExtraHazardInput, Error> {
    let parts: Vec<&str> = s.split(['|', '｜']).map(str::trim).collect();
    let description = parts.first().copied().unwrap_or("").to_string();
    let category = match parts.get(1).copied().filter(|c| !c.is_empty()) {
        Some(c) => Category::check(c)?,
        None => Category::guess(&description),
    };
    let major = match parts.get(2).copied().unwrap_or("") {
        "" | "否" | "0" | "一般" => false,
        "重大" | "是" | "1" | "major" => true,
        other => {
            return Err(Error::invalid(format!(
                "其它隐患“{description}”的第三部分“{other}”看不懂：写“重大”或省略。"
            )))
        }
    };
    Ok(ExtraHazardInput {
        id: None,
        description,
        category,
        major,
        fixed_on_site: false,
    })
}

fn add_inspection(api: &mut Api, a: AddInspection) -> Result<(), Error> {
    let h = api.households_resolve(&a.household)?;
    let form = api.entry_form(&h.id)?;
    let mut answers: Vec<AnswerEntry> = Vec::new();
    fn set(answers: &mut Vec<AnswerEntry>, no: i64, ans: Answer) {
        answers.retain(|x| x.item_no != no);
        answers.push(AnswerEntry {
            item_no: no,
            answer: ans,
        });
    }
    if let Some(s) = &a.answers {
        let chars: Vec<char> = s.chars().filter(|c| !matches!(c, ',' | '，')).collect();
        if chars.len() > form.template.items.len() {
            return Err(Error::invalid(format!(
                "答案给了 {} 个，检查表只有 {} 项。",
                chars.len(),
                form.template.items.len()
            )));
        }
        for (i, c) in chars.iter().enumerate() {
            if let Some(ans) = parse_answer_char(*c)? {
                set(&mut answers, i as i64 + 1, ans);
            }
        }
    }
    for no in &a.yes {
        set(&mut answers, *no, Answer::Yes);
    }
    for no in &a.no {
        set(&mut answers, *no, Answer::No);
    }
    if a.safe {
        for item in &form.template.items {
            if answers.iter().any(|x| x.item_no == item.no) {
                continue;
            }
            let safe = match item.hazard_when {
                Some(Answer::No) => Answer::Yes,
                _ => Answer::No,
            };
            set(&mut answers, item.no, safe);
        }
    }
    answers.sort_by_key(|x| x.item_no);
    let extra_hazards = a
        .other
        .iter()
        .map(|s| parse_other(s))
        .collect::<Result<Vec<_>, _>>()?;
    let saved = api.inspections_record(&InspectionInput {
        household_id: h.id.clone(),
        template_id: None,
        template_version: None,
        visit_date: a.date.unwrap_or(form.defaults.visit_date),
        inspectors: a.inspectors.unwrap_or(form.defaults.inspectors),
        answers,
        fixed_on_site: a.fixed,
        extra_hazards,
        other_hazards: String::new(),
        assigned: a.assigned,
        signed: a.signed,
        note: a.note,
    })?;
    if a.json {
        return json(&saved);
    }
    let i = &saved.inspection;
    println!(
        "已录入：{}（编号 {}）{} 的检查，隐患 {} 条。检查记录编号 {}",
        i.household.name,
        i.household.code,
        cn(&i.visit_date),
        i.hazards.len(),
        i.id
    );
    for w in &saved.warnings {
        println!("提醒：{}", w.message);
    }
    Ok(())
}

pub fn inspections(db: &Option<PathBuf>, cmd: InspectionsCmd) -> Result<(), Error> {
    let mut api = crate::open(db)?;
    match cmd {
        InspectionsCmd::Add(a) => add_inspection(&mut api, a)?,
        InspectionsCmd::List {
            household,
            from,
            to,
            json: as_json,
        } => {
            let household_id = match household {
                Some(k) => Some(api.households_resolve(&k)?.id),
                None => None,
            };
            let page = api.inspections_list(&InspectionQuery {
                household_id,
                from,
                to,
                ..Default::default()
            })?;
            if as_json {
                return json(&page.items);
            }
            println!(
                "{}{}{}{}{}检查人员",
                pad("记录编号", 15),
                pad("日期", 16),
                pad("户编号", 8),
                pad("名称", 14),
                pad("隐患", 6),
            );
            for i in &page.items {
                println!(
                    "{}{}{}{}{}{}",
                    pad(&short(&i.id), 15),
                    pad(&cn(&i.visit_date), 16),
                    pad(&i.household_code, 8),
                    pad(&i.household_name, 14),
                    pad(&format!("{}/{}", i.open_hazards, i.hazards), 6),
                    i.inspectors
                );
            }
            println!("共 {} 次检查（隐患列为 未整改/全部）", page.total);
        }
        InspectionsCmd::Show { id, json: as_json } => {
            let i = api.inspections_resolve(&id)?;
            if as_json {
                return json(&i);
            }
            let t = api.templates_get(&i.template_id, Some(i.template_version))?;
            println!(
                "{}（编号 {}）  {}",
                i.household.name, i.household.code, i.household.address
            );
            println!(
                "检查日期：{}  入户检查人员：{}",
                cn(&i.visit_date),
                i.inspectors
            );
            for item in &t.items {
                let ans = i
                    .answers
                    .iter()
                    .find(|a| a.item_no == item.no)
                    .map(|a| a.answer.label())
                    .unwrap_or("（未答）");
                println!("{:>2}. {} —— {}", item.no, item.text, ans);
            }
            println!("其它隐患情况：{}", i.other_hazards);
            println!("现场交办整改事项：{}", i.assigned);
            println!("签字：{}", if i.signed { "已签字" } else { "未签字" });
            for h in &i.hazards {
                println!(
                    "隐患 {}：{}（{}，{}）",
                    short(&h.id),
                    h.description,
                    h.category,
                    h.status.label()
                );
            }
        }
        InspectionsCmd::Delete { id } => {
            let i = api.inspections_resolve(&id)?;
            api.inspections_delete(&i.id)?;
            println!(
                "已删除 {} {} 的检查记录及其隐患。",
                i.household.name,
                cn(&i.visit_date)
            );
        }
        InspectionsCmd::History {
            household,
            json: as_json,
        } => {
            let h = api.households_resolve(&household)?;
            let hist = api.households_history(&h.id)?;
            if as_json {
                return json(&hist);
            }
            println!("{}（编号 {}）{}", h.name, h.code, h.address);
            println!("检查 {} 次：", hist.inspections.len());
            for i in &hist.inspections {
                println!(
                    "  {} {}  隐患 {} 条",
                    cn(&i.visit_date),
                    i.inspectors,
                    i.hazards
                );
            }
            println!("隐患 {} 条：", hist.hazards.len());
            for z in &hist.hazards {
                println!(
                    "  {} {} {}（{}）{}",
                    cn(&z.found_on),
                    z.status.label(),
                    z.description,
                    z.category,
                    z.closed_on
                        .as_deref()
                        .map(|d| format!("，{}销号", cn(d)))
                        .unwrap_or_default()
                );
            }
            println!("回访 {} 次：", hist.revisits.len());
            for r in &hist.revisits {
                println!("  {} {} {}", cn(&r.visit_date), r.visitor, r.result);
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- hazards

#[derive(Subcommand, Debug)]
pub enum HazardsCmd {
    /// 隐患台账：列出隐患
    List(ListHazards),
    /// 查看一条隐患（编号或其前几位）
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// 销号：隐患已整改完成
    Close {
        id: String,
        /// 整改完成（销号）日期
        #[arg(long)]
        date: String,
        /// 说明
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// 记录一次回访
    Revisit {
        id: String,
        /// 回访日期
        #[arg(long)]
        date: String,
        /// 回访结果（已整改、正在整改、未整改……）
        #[arg(long)]
        result: String,
        /// 回访人
        #[arg(long, default_value = "")]
        by: String,
        /// 备注
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// 重新打开已销号或现场整改的隐患
    Reopen { id: String },
    /// 修改类别、是否重大、整改期限、整改要求
    Edit {
        id: String,
        /// 类别（七类行动名称之一）
        #[arg(long)]
        category: Option<String>,
        /// 是否重大隐患（是/否）
        #[arg(long)]
        major: Option<String>,
        /// 整改期限
        #[arg(long)]
        deadline: Option<String>,
        /// 整改要求
        #[arg(long)]
        rectification: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Debug)]
pub struct ListHazards {
    /// 只列未整改的
    #[arg(long, conflicts_with = "overdue")]
    open: bool,
    /// 只列已超过整改期限的
    #[arg(long)]
    overdue: bool,
    /// 判断超期的日期（默认今天）
    #[arg(long)]
    as_of: Option<String>,
    /// 网格（名称或编号）
    #[arg(long)]
    grid: Option<String>,
    /// 类别
    #[arg(long)]
    category: Option<String>,
    /// 只列重大隐患
    #[arg(long)]
    major: bool,
    /// 户的编号
    #[arg(long)]
    household: Option<String>,
    /// 输出 JSON（数组）
    #[arg(long)]
    json: bool,
}

fn yes_no(s: &str) -> Result<bool, Error> {
    match s.trim() {
        "是" | "yes" | "y" | "1" | "true" | "重大" => Ok(true),
        "否" | "no" | "n" | "0" | "false" | "一般" => Ok(false),
        other => Err(Error::invalid(format!("“{other}”看不懂，请写“是”或“否”。"))),
    }
}

pub fn hazards(db: &Option<PathBuf>, cmd: HazardsCmd) -> Result<(), Error> {
    let mut api = crate::open(db)?;
    match cmd {
        HazardsCmd::List(a) => {
            let grid_id = match &a.grid {
                Some(g) => Some(api.grids_resolve(g)?.id),
                None => None,
            };
            let household_id = match &a.household {
                Some(k) => Some(api.households_resolve(k)?.id),
                None => None,
            };
            let view = if a.overdue {
                HazardView::Overdue
            } else if a.open {
                HazardView::Open
            } else {
                HazardView::All
            };
            let page = api.hazards_list(&HazardQuery {
                view,
                as_of: a.as_of,
                grid_id,
                category: a.category.as_deref().map(Category::check).transpose()?,
                major_only: a.major,
                household_id,
                ..Default::default()
            })?;
            if a.json {
                return json(&page.items);
            }
            println!(
                "{}{}{}{}{}{}类别 / 隐患",
                pad("隐患编号", 15),
                pad("户编号", 8),
                pad("名称", 12),
                pad("发现日期", 16),
                pad("状态", 10),
                pad("整改期限", 16),
            );
            for z in &page.items {
                let status = if z.overdue {
                    "已超期".to_string()
                } else {
                    z.status.label().to_string()
                };
                println!(
                    "{}{}{}{}{}{}{}{} {}",
                    pad(&short(&z.id), 15),
                    pad(&z.household_code, 8),
                    pad(&z.household_name, 12),
                    pad(&cn(&z.found_on), 16),
                    pad(&status, 10),
                    pad(&z.deadline.as_deref().map(cn).unwrap_or_default(), 16),
                    if z.major { "【重大】" } else { "" },
                    z.category,
                    z.description
                );
            }
            println!("共 {} 条", page.total);
        }
        HazardsCmd::Show { id, json: as_json } => {
            let z = api.hazards_resolve(&id)?;
            let d = api.hazards_get(&z.id)?;
            if as_json {
                return json(&d);
            }
            let h = &d.hazard;
            println!(
                "{}（编号 {}）{}",
                d.household.name, d.household.code, d.household.address
            );
            println!(
                "隐患：{}{}",
                if h.major { "【重大】" } else { "" },
                h.description
            );
            println!("类别：{}  状态：{}", h.category, h.status.label());
            println!(
                "发现：{}（{}）  整改期限：{}  销号：{}",
                cn(&h.found_on),
                d.inspectors,
                h.deadline.as_deref().map(cn).unwrap_or_default(),
                h.closed_on.as_deref().map(cn).unwrap_or_default()
            );
            if !h.rectification.is_empty() {
                println!("整改要求：{}", h.rectification);
            }
            for r in &d.revisits {
                println!(
                    "回访 {} {}：{} {}",
                    cn(&r.visit_date),
                    r.visitor,
                    r.result,
                    r.note
                );
            }
        }
        HazardsCmd::Close {
            id,
            date,
            note,
            json: as_json,
        } => {
            let z = api.hazards_resolve(&id)?;
            let z = api.hazards_close(&z.id, &date, &note)?;
            if as_json {
                return json(&z);
            }
            println!(
                "已销号：{} {}（{}）",
                z.household_name,
                z.description,
                z.closed_on.as_deref().map(cn).unwrap_or_default()
            );
        }
        HazardsCmd::Revisit {
            id,
            date,
            result,
            by,
            note,
            json: as_json,
        } => {
            let z = api.hazards_resolve(&id)?;
            let r = api.hazards_revisit(
                &z.id,
                &RevisitInput {
                    visit_date: date,
                    visitor: by,
                    result,
                    note,
                },
            )?;
            if as_json {
                return json(&r);
            }
            println!(
                "已记录回访：{} {}，{}：{}",
                z.household_name,
                z.description,
                cn(&r.visit_date),
                r.result
            );
            if z.status == HazardStatus::Open {
                println!(
                    "如已整改完成，请用 qiaomen hazards close {} --date 日期 销号。",
                    short(&z.id)
                );
            }
        }
        HazardsCmd::Reopen { id } => {
            let z = api.hazards_resolve(&id)?;
            let z = api.hazards_reopen(&z.id)?;
            println!("已重新打开：{} {}", z.household_name, z.description);
        }
        HazardsCmd::Edit {
            id,
            category,
            major,
            deadline,
            rectification,
            json: as_json,
        } => {
            let z = api.hazards_resolve(&id)?;
            let edit = HazardEdit {
                major: match major {
                    Some(m) => yes_no(&m)?,
                    None => z.major,
                },
                category: match category {
                    Some(c) => Category::check(&c)?,
                    None => z.category,
                },
                deadline: deadline.or(z.deadline.clone()),
                rectification: rectification.unwrap_or(z.rectification.clone()),
                note: z.note.clone(),
                description: None,
            };
            let z = api.hazards_update(&z.id, &edit)?;
            if as_json {
                return json(&z);
            }
            println!(
                "已修改：{} {}（{}{}，整改期限 {}）",
                z.household_name,
                z.description,
                z.category,
                if z.major { "，重大隐患" } else { "" },
                z.deadline.as_deref().map(cn).unwrap_or_default()
            );
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- rounds

#[derive(Subcommand, Debug)]
pub enum RoundsCmd {
    /// 添加轮次
    Add {
        /// 名称，如“第一轮”
        #[arg(long)]
        name: String,
        /// 开始日期
        #[arg(long)]
        from: String,
        /// 结束日期
        #[arg(long)]
        to: String,
        #[arg(long)]
        json: bool,
    },
    /// 列出轮次
    List {
        #[arg(long)]
        json: bool,
    },
    /// 各网格的入户覆盖情况（默认：当前轮次）
    Coverage {
        /// 轮次名称
        round: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 未入户名单（默认：当前轮次），可导出为 .xlsx
    Missing {
        /// 轮次名称
        round: Option<String>,
        /// 网格（名称或编号）
        #[arg(long)]
        grid: Option<String>,
        /// 导出到 .xlsx
        #[arg(long, value_name = "F.xlsx")]
        out: Option<PathBuf>,
        /// 生成可打印的 PDF
        #[arg(long, value_name = "F.pdf")]
        pdf: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// 删除轮次（不影响检查记录）
    Delete { round: String },
}

fn round_or_current(api: &Api, key: Option<String>) -> Result<Round, Error> {
    match key {
        Some(k) => api.rounds_resolve(&k),
        None => api.rounds_current(None)?.ok_or_else(|| {
            Error::not_found(
                "还没有轮次。请先用 qiaomen rounds add --name 第一轮 --from 日期 --to 日期 添加。",
            )
        }),
    }
}

pub fn rounds(db: &Option<PathBuf>, cmd: RoundsCmd) -> Result<(), Error> {
    let mut api = crate::open(db)?;
    match cmd {
        RoundsCmd::Add {
            name,
            from,
            to,
            json: as_json,
        } => {
            let r = api.rounds_add(&RoundInput {
                name,
                start_date: from,
                end_date: to,
                note: String::new(),
            })?;
            if as_json {
                return json(&r);
            }
            println!(
                "已添加轮次：{}（{}至{}）",
                r.name,
                cn(&r.start_date),
                cn(&r.end_date)
            );
        }
        RoundsCmd::List { json: as_json } => {
            let list = api.rounds_list()?;
            if as_json {
                return json(&list);
            }
            for r in &list {
                println!(
                    "{}{}至{}",
                    pad(&r.name, 14),
                    cn(&r.start_date),
                    cn(&r.end_date)
                );
            }
        }
        RoundsCmd::Coverage {
            round,
            json: as_json,
        } => {
            let r = round_or_current(&api, round)?;
            let c = api.rounds_coverage(&r.id)?;
            if as_json {
                return json(&c);
            }
            println!("{}（{}至{}）", r.name, cn(&r.start_date), cn(&r.end_date));
            println!(
                "{}{}{}未入户",
                pad("网格", 16),
                pad("户数", 8),
                pad("已入户", 8),
            );
            for g in &c.grids {
                println!(
                    "{}{}{}{}",
                    pad(&g.grid, 16),
                    pad(&g.households.to_string(), 8),
                    pad(&g.visited.to_string(), 8),
                    g.not_visited
                );
            }
            println!(
                "合计：{} 户，已入户 {} 户，未入户 {} 户",
                c.households, c.visited, c.not_visited
            );
        }
        RoundsCmd::Missing {
            round,
            grid,
            out,
            pdf,
            json: as_json,
        } => {
            let r = round_or_current(&api, round)?;
            let grid_id = match &grid {
                Some(g) => Some(api.grids_resolve(g)?.id),
                None => None,
            };
            if let Some(pdf) = pdf {
                let x = api.rounds_print_not_visited(
                    &r.id,
                    grid_id.as_deref(),
                    &pdf.to_string_lossy(),
                )?;
                if as_json {
                    return json(&x);
                }
                println!(
                    "已生成未入户名单 PDF：{}（{} 页）",
                    x.path,
                    x.pages.unwrap_or(0)
                );
                for w in &x.warnings {
                    println!("提醒：{w}");
                }
                if out.is_none() {
                    return Ok(());
                }
            }
            if let Some(out) = out {
                let x = api.rounds_export_not_visited(
                    &r.id,
                    grid_id.as_deref(),
                    &out.to_string_lossy(),
                )?;
                if as_json {
                    return json(&x);
                }
                println!("已导出未入户名单：{}（{} 户）", x.path, x.rows.unwrap_or(0));
                return Ok(());
            }
            let list = api.rounds_not_visited(&r.id, grid_id.as_deref())?;
            if as_json {
                return json(&list);
            }
            for m in &list {
                println!(
                    "{}{}{}{}{}",
                    pad(&m.code, 8),
                    pad(&m.name, 14),
                    pad(&m.grid, 14),
                    pad(&m.phone, 14),
                    m.address
                );
            }
            println!("{} 未入户：共 {} 户", r.name, list.len());
        }
        RoundsCmd::Delete { round } => {
            let r = api.rounds_resolve(&round)?;
            api.rounds_delete(&r.id)?;
            println!("已删除轮次：{}", r.name);
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- people

#[derive(Subcommand, Debug)]
pub enum PeopleCmd {
    /// 登记一名弱势群体人员
    Add(AddPerson),
    /// 列出弱势群体人员
    List {
        /// 类别（独居老人、留守儿童……）
        #[arg(long)]
        category: Option<String>,
        /// 户的编号
        #[arg(long)]
        household: Option<String>,
        /// 网格（名称或编号）
        #[arg(long)]
        grid: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 导出名单到 .xlsx（每类一张表，如“社区独居老人统计表”）
    Export {
        /// 保存到
        #[arg(long, value_name = "F.xlsx")]
        out: PathBuf,
        /// 只导出这一类
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 删除一名人员（编号或其前几位）
    Delete { id: String },
}

#[derive(Args, Debug)]
pub struct AddPerson {
    /// 所在户的编号
    #[arg(long)]
    household: String,
    /// 姓名
    #[arg(long)]
    name: String,
    /// 类别，可写多次或用逗号分隔（独居老人、孤寡老人、失能/半失能、留守儿童、五保户……）
    #[arg(long, required = true)]
    category: Vec<String>,
    /// 性别（男/女；不填时按身份证号）
    #[arg(long, default_value = "")]
    gender: String,
    /// 出生日期（不填时按身份证号）
    #[arg(long)]
    birth: Option<String>,
    /// 身份证号
    #[arg(long, default_value = "")]
    id_number: String,
    /// 联系电话
    #[arg(long, default_value = "")]
    phone: String,
    /// 监护人（联系人）
    #[arg(long, default_value = "")]
    guardian: String,
    /// 监护人电话
    #[arg(long, default_value = "")]
    guardian_phone: String,
    /// 备注
    #[arg(long, default_value = "")]
    note: String,
    #[arg(long)]
    json: bool,
}

pub fn people(db: &Option<PathBuf>, cmd: PeopleCmd) -> Result<(), Error> {
    let mut api = crate::open(db)?;
    match cmd {
        PeopleCmd::Add(a) => {
            let h = api.households_resolve(&a.household)?;
            let p = api.people_add(&PersonInput {
                household_id: h.id,
                name: a.name,
                categories: a.category,
                gender: a.gender,
                birth_date: a.birth,
                id_number: a.id_number,
                phone: a.phone,
                guardian: a.guardian,
                guardian_phone: a.guardian_phone,
                note: a.note,
            })?;
            if a.json {
                return json(&p);
            }
            println!(
                "已登记：{}（{}），{} {}",
                p.name,
                p.categories.join("、"),
                p.household_name,
                p.household_code
            );
        }
        PeopleCmd::List {
            category,
            household,
            grid,
            json: as_json,
        } => {
            let household_id = match household {
                Some(k) => Some(api.households_resolve(&k)?.id),
                None => None,
            };
            let grid_id = match grid {
                Some(g) => Some(api.grids_resolve(&g)?.id),
                None => None,
            };
            let list = api.people_list(&PeopleQuery {
                category,
                household_id,
                grid_id,
                search: None,
            })?;
            if as_json {
                return json(&list);
            }
            for p in &list {
                println!(
                    "{}{}{}{}{}{}",
                    pad(&short(&p.id), 15),
                    pad(&p.name, 10),
                    pad(&p.age.map(|a| format!("{a}岁")).unwrap_or_default(), 7),
                    pad(&p.categories.join("、"), 22),
                    pad(&p.household_code, 8),
                    p.address
                );
            }
            println!("共 {} 人", list.len());
        }
        PeopleCmd::Export {
            out,
            category,
            json: as_json,
        } => {
            let x = api.people_export(category.as_deref(), &out.to_string_lossy())?;
            if as_json {
                return json(&x);
            }
            println!(
                "已导出弱势群体名单：{}（{} 行）",
                x.path,
                x.rows.unwrap_or(0)
            );
        }
        PeopleCmd::Delete { id } => {
            let p = api.people_resolve(&id)?;
            api.people_delete(&p.id)?;
            println!("已删除：{}", p.name);
        }
    }
    Ok(())
}
