//! Rounds and coverage from the command line (不漏一户): adding and listing rounds, each
//! grid's coverage, and the 未入户名单 as a list, .xlsx or PDF.

use crate::out::{cn, json, pad};
use clap::Subcommand;
use qiaomen_api::{Api, Error};
use qiaomen_core::rounds::{Round, RoundInput};
use std::path::PathBuf;

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
            let input = RoundInput {
                name,
                start_date: from,
                end_date: to,
                note: String::new(),
            };
            add(&mut api, &input, as_json)
        }
        RoundsCmd::List { json: as_json } => list(&api, as_json),
        RoundsCmd::Coverage {
            round,
            json: as_json,
        } => coverage(&api, round, as_json),
        RoundsCmd::Missing {
            round,
            grid,
            out,
            pdf,
            json: as_json,
        } => missing(&api, round, grid, out, pdf, as_json),
        RoundsCmd::Delete { round } => {
            let r = api.rounds_resolve(&round)?;
            api.rounds_delete(&r.id)?;
            println!("已删除轮次：{}", r.name);
            Ok(())
        }
    }
}

fn add(api: &mut Api, input: &RoundInput, as_json: bool) -> Result<(), Error> {
    let r = api.rounds_add(input)?;
    if as_json {
        return json(&r);
    }
    println!(
        "已添加轮次：{}（{}至{}）",
        r.name,
        cn(&r.start_date),
        cn(&r.end_date)
    );
    Ok(())
}

fn list(api: &Api, as_json: bool) -> Result<(), Error> {
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
    Ok(())
}

fn coverage(api: &Api, round: Option<String>, as_json: bool) -> Result<(), Error> {
    let r = round_or_current(api, round)?;
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
    Ok(())
}

fn missing(
    api: &Api,
    round: Option<String>,
    grid: Option<String>,
    out: Option<PathBuf>,
    pdf: Option<PathBuf>,
    as_json: bool,
) -> Result<(), Error> {
    let r = round_or_current(api, round)?;
    let grid_id = match &grid {
        Some(g) => Some(api.grids_resolve(g)?.id),
        None => None,
    };
    if let Some(pdf) = pdf {
        let x = api.rounds_print_not_visited(&r.id, grid_id.as_deref(), &pdf.to_string_lossy())?;
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
        let x = api.rounds_export_not_visited(&r.id, grid_id.as_deref(), &out.to_string_lossy())?;
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
    Ok(())
}
