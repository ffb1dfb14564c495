//! Hazards that cannot be fixed in time, from the command line: `hazards escalate` (上报,
//! with `--measures`), `hazards unescalate`, `hazards measure` / `delete-measure`
//! (防控措施), and `hazards escalated`, the 上报清单 on screen, as .xlsx or as PDF.

use crate::out::{cn, json, pad, short};
use clap::Args;
use qiaomen_api::{Api, Error};
use qiaomen_core::hazards::{EscalationInput, HazardQuery, HazardView, MeasureInput};
use qiaomen_core::Category;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct EscalateArgs {
    /// 隐患编号（或其后几位）
    id: String,
    /// 上报给谁，如“镇党委、镇政府”
    #[arg(long)]
    to: String,
    /// 上报日期
    #[arg(long)]
    date: String,
    /// 已落实的防控措施（按上报日期记录）
    #[arg(long)]
    measures: Option<String>,
    /// 上报说明
    #[arg(long, default_value = "")]
    note: String,
    /// 更正已上报隐患的上报对象、日期和说明
    #[arg(long)]
    edit: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct MeasureArgs {
    /// 隐患编号（或其后几位）
    id: String,
    /// 落实防控措施的日期
    #[arg(long)]
    date: String,
    /// 防控措施，如“关闭气源，设置警示标志”
    #[arg(long)]
    text: String,
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct EscalatedArgs {
    /// 只列未整改的
    #[arg(long)]
    open: bool,
    /// 网格（名称或编号）
    #[arg(long)]
    grid: Option<String>,
    /// 类别
    #[arg(long)]
    category: Option<String>,
    /// 只列重大隐患
    #[arg(long)]
    major: bool,
    /// 导出为 .xlsx
    #[arg(long, value_name = "F.xlsx", conflicts_with = "pdf")]
    xlsx: Option<PathBuf>,
    /// 生成可打印的 PDF
    #[arg(long, value_name = "F.pdf")]
    pdf: Option<PathBuf>,
    /// 输出 JSON（数组；导出文件时为文件信息）
    #[arg(long)]
    json: bool,
}

pub fn escalate(api: &mut Api, a: EscalateArgs) -> Result<(), Error> {
    let z = api.hazards_resolve(&a.id)?;
    let input = EscalationInput {
        escalated_to: a.to,
        escalated_on: a.date,
        note: a.note,
        measures: a.measures,
    };
    let after = if a.edit {
        api.hazards_update_escalation(&z.id, &input)?
    } else {
        api.hazards_escalate(&z.id, &input)?
    };
    if a.json {
        return json(&after);
    }
    if let Some(e) = &after.escalation {
        println!(
            "{}：{} {}，{}上报{}。",
            if a.edit {
                "已更正上报"
            } else {
                "已上报"
            },
            after.household_name,
            after.description,
            cn(&e.escalated_on),
            e.escalated_to
        );
    }
    if after.measure_count > z.measure_count {
        if let Some(m) = &after.latest_measure {
            println!("已记录防控措施：{} {}", cn(&m.taken_on), m.description);
        }
    }
    Ok(())
}

pub fn unescalate(api: &mut Api, id: &str, as_json: bool) -> Result<(), Error> {
    let z = api.hazards_resolve(id)?;
    let z = api.hazards_undo_escalation(&z.id)?;
    if as_json {
        return json(&z);
    }
    println!("已撤销上报：{} {}", z.household_name, z.description);
    Ok(())
}

pub fn measure(api: &mut Api, a: MeasureArgs) -> Result<(), Error> {
    let z = api.hazards_resolve(&a.id)?;
    let m = api.hazards_add_measure(
        &z.id,
        &MeasureInput {
            taken_on: a.date,
            description: a.text,
        },
    )?;
    if a.json {
        return json(&m);
    }
    println!(
        "已记录防控措施：{} {}，{}：{}（措施编号 {}）",
        z.household_name,
        z.description,
        cn(&m.taken_on),
        m.description,
        short(&m.id)
    );
    Ok(())
}

pub fn delete_measure(api: &mut Api, id: &str) -> Result<(), Error> {
    let m = api.hazards_resolve_measure(id)?;
    api.hazards_delete_measure(&m.id)?;
    println!("已删除防控措施：{} {}", cn(&m.taken_on), m.description);
    Ok(())
}

pub fn escalated(api: &Api, a: EscalatedArgs) -> Result<(), Error> {
    let grid_id = match &a.grid {
        Some(g) => Some(api.grids_resolve(g)?.id),
        None => None,
    };
    let q = HazardQuery {
        view: if a.open {
            HazardView::Open
        } else {
            HazardView::All
        },
        grid_id,
        category: a.category.as_deref().map(Category::check).transpose()?,
        major_only: a.major,
        escalated: true,
        ..Default::default()
    };
    if let Some(out) = &a.xlsx {
        let x = api.hazards_export_escalated(&q, &out.to_string_lossy())?;
        if a.json {
            return json(&x);
        }
        println!("已导出上报清单：{}（{} 条）", x.path, x.rows.unwrap_or(0));
        return Ok(());
    }
    if let Some(pdf) = &a.pdf {
        let x = api.hazards_print_escalated(&q, &pdf.to_string_lossy())?;
        if a.json {
            return json(&x);
        }
        println!(
            "已生成上报清单 PDF：{}（{} 页）",
            x.path,
            x.pages.unwrap_or(0)
        );
        for w in &x.warnings {
            println!("提醒：{w}");
        }
        return Ok(());
    }
    let rows = api.hazards_escalated(&q)?;
    if a.json {
        return json(&rows);
    }
    for r in &rows {
        let h = &r.hazard;
        let (to, on) = h
            .escalation
            .as_ref()
            .map(|e| (e.escalated_to.as_str(), cn(&e.escalated_on)))
            .unwrap_or_default();
        println!(
            "{}{}{}{}{}{}{}",
            pad(&short(&h.id), 15),
            pad(&h.household_code, 8),
            pad(&h.household_name, 12),
            pad(&on, 16),
            pad(to, 18),
            if h.major { "【重大】" } else { "" },
            h.description
        );
        for m in &r.measures {
            println!(
                "{}防控措施 {}：{}",
                pad("", 23),
                cn(&m.taken_on),
                m.description
            );
        }
    }
    println!("上报清单：共 {} 条", rows.len());
    Ok(())
}
