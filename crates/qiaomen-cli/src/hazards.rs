//! The hazard ledger from the command line: listing, showing, closing (销号), revisits,
//! reopening and editing a hazard; 防控措施 and 上报 are in `crate::escalation`.

use crate::out::{cn, json, pad, short};
use clap::{Args, Subcommand};
use qiaomen_api::{Api, Error};
use qiaomen_core::hazards::{HazardEdit, HazardQuery, HazardStatus, HazardView, RevisitInput};
use qiaomen_core::Category;
use std::path::PathBuf;

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
    /// 撤销销号：已销号或现场整改的隐患恢复为未整改
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
    /// 上报：一时化解整改不了的隐患报当地党委和政府（可同时记录已落实的防控措施）
    Escalate(crate::escalation::EscalateArgs),
    /// 撤销上报（上报记录有误时）
    Unescalate {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// 记录一条防控措施（隐患一时整改不了时落实的临时措施）
    Measure(crate::escalation::MeasureArgs),
    /// 删除一条录错的防控措施（措施编号或其后几位）
    DeleteMeasure { id: String },
    /// 上报清单：已上报的隐患及其防控措施，可导出 .xlsx 或生成 PDF
    Escalated(crate::escalation::EscalatedArgs),
}

#[derive(Args, Debug)]
pub struct ListHazards {
    /// 只列未整改的
    #[arg(long, conflicts_with = "overdue")]
    open: bool,
    /// 只列已超过整改期限的
    #[arg(long)]
    overdue: bool,
    /// 截至日期：按这一天判断是否超期（默认今天）
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
    /// 只列已上报的
    #[arg(long)]
    escalated: bool,
    /// 只列有防控措施的
    #[arg(long)]
    with_measures: bool,
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
        HazardsCmd::List(a) => list(&api, a),
        HazardsCmd::Show { id, json: as_json } => show(&api, &id, as_json),
        HazardsCmd::Close {
            id,
            date,
            note,
            json: as_json,
        } => close(&mut api, &id, &date, &note, as_json),
        HazardsCmd::Revisit {
            id,
            date,
            result,
            by,
            note,
            json: as_json,
        } => {
            let input = RevisitInput {
                visit_date: date,
                visitor: by,
                result,
                note,
            };
            revisit(&mut api, &id, &input, as_json)
        }
        HazardsCmd::Reopen { id } => {
            let z = api.hazards_resolve(&id)?;
            let z = api.hazards_reopen(&z.id)?;
            println!("已撤销销号：{} {}", z.household_name, z.description);
            Ok(())
        }
        HazardsCmd::Edit {
            id,
            category,
            major,
            deadline,
            rectification,
            json: as_json,
        } => edit(
            &mut api,
            &id,
            EditArgs {
                category,
                major,
                deadline,
                rectification,
            },
            as_json,
        ),
        HazardsCmd::Escalate(a) => crate::escalation::escalate(&mut api, a),
        HazardsCmd::Unescalate { id, json: as_json } => {
            crate::escalation::unescalate(&mut api, &id, as_json)
        }
        HazardsCmd::Measure(a) => crate::escalation::measure(&mut api, a),
        HazardsCmd::DeleteMeasure { id } => crate::escalation::delete_measure(&mut api, &id),
        HazardsCmd::Escalated(a) => crate::escalation::escalated(&api, a),
    }
}

fn list(api: &Api, a: ListHazards) -> Result<(), Error> {
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
        escalated: a.escalated,
        with_measures: a.with_measures,
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
            "{}{}{}{}{}{}{}{}{}{} {}",
            pad(&short(&z.id), 15),
            pad(&z.household_code, 8),
            pad(&z.household_name, 12),
            pad(&cn(&z.found_on), 16),
            pad(&status, 10),
            pad(&z.deadline.as_deref().map(cn).unwrap_or_default(), 16),
            if z.escalation.is_some() {
                "【已上报】"
            } else {
                ""
            },
            if z.measure_count > 0 {
                "【有防控措施】"
            } else {
                ""
            },
            if z.major { "【重大】" } else { "" },
            z.category,
            z.description
        );
    }
    println!("共 {} 条", page.total);
    Ok(())
}

fn show(api: &Api, id: &str, as_json: bool) -> Result<(), Error> {
    let z = api.hazards_resolve(id)?;
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
    for m in &d.measures {
        println!(
            "防控措施 {}：{}（措施编号 {}）",
            cn(&m.taken_on),
            m.description,
            short(&m.id)
        );
    }
    if let Some(e) = &h.escalation {
        println!(
            "上报：{}上报{}{}",
            cn(&e.escalated_on),
            e.escalated_to,
            if e.note.is_empty() {
                String::new()
            } else {
                format!("（{}）", e.note)
            }
        );
    }
    Ok(())
}

fn close(api: &mut Api, id: &str, date: &str, note: &str, as_json: bool) -> Result<(), Error> {
    let z = api.hazards_resolve(id)?;
    let z = api.hazards_close(&z.id, date, note)?;
    if as_json {
        return json(&z);
    }
    println!(
        "已销号：{} {}（{}）",
        z.household_name,
        z.description,
        z.closed_on.as_deref().map(cn).unwrap_or_default()
    );
    Ok(())
}

fn revisit(api: &mut Api, id: &str, input: &RevisitInput, as_json: bool) -> Result<(), Error> {
    let z = api.hazards_resolve(id)?;
    let r = api.hazards_revisit(&z.id, input)?;
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
    Ok(())
}

/// What `hazards edit` was asked to change (None: keep).
struct EditArgs {
    category: Option<String>,
    major: Option<String>,
    deadline: Option<String>,
    rectification: Option<String>,
}

fn edit(api: &mut Api, id: &str, a: EditArgs, as_json: bool) -> Result<(), Error> {
    let z = api.hazards_resolve(id)?;
    let edit = HazardEdit {
        major: match a.major {
            Some(m) => yes_no(&m)?,
            None => z.major,
        },
        category: match a.category {
            Some(c) => Category::check(&c)?,
            None => z.category,
        },
        deadline: a.deadline.or(z.deadline.clone()),
        rectification: a.rectification.unwrap_or(z.rectification.clone()),
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
    Ok(())
}
