//! print subcommands: checklists (blank, pre-filled), a recorded inspection, the 明白卡,
//! the 消防安全告知书 and the 隐患整改通知书, each as a PDF file.

use crate::out::json;
use clap::{Args, Subcommand};
use qiaomen_api::Error;
use qiaomen_api::WrittenFile;
use qiaomen_core::pdf::jobs::{CardJob, CardKind, ChecklistJob, ChecklistSelection};
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum PrintCmd {
    /// 安全隐患排查清单：空白表，或按户预先填好表头的表（每户一页，按网格和地址排序）
    Checklist(ChecklistArgs),
    /// 已录入的一次入户检查（勾选、文字和日期都填好，存档用）
    Inspection {
        /// 入户检查记录的 id
        id: String,
        #[command(flatten)]
        out: OutArgs,
    },
    /// “敲门行动”明白卡，每页 1、2 或 4 张，带裁切线和本村联系方式
    Card(CardArgs),
    /// 消防安全告知书（十三条），每页 1、2 或 4 张
    Notice(CardArgs),
    /// 一条隐患的隐患整改通知书（交给户主，回执留存）
    Rectification {
        /// 隐患的 id
        hazard_id: String,
        #[command(flatten)]
        out: OutArgs,
    },
}

#[derive(Args, Debug)]
pub struct OutArgs {
    /// 保存为这个 PDF 文件
    #[arg(long, value_name = "F.pdf")]
    out: PathBuf,
    /// 输出 JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
#[command(group = clap::ArgGroup::new("which").required(true).args(["blank", "all", "grid", "household"]))]
pub struct ChecklistArgs {
    /// 空白表（一页）
    #[arg(long)]
    blank: bool,
    /// 所有户，每户一页
    #[arg(long)]
    all: bool,
    /// 某个网格的户（名称或编号；可写多次）
    #[arg(long, value_name = "G")]
    grid: Vec<String>,
    /// 某一户（编号或 id；可写多次）
    #[arg(long, value_name = "ID_OR_CODE")]
    household: Vec<String>,
    /// 检查表模板（默认：各户自己的模板，否则本单位默认模板）
    #[arg(long, value_name = "T")]
    template: Option<String>,
    #[command(flatten)]
    out: OutArgs,
}

#[derive(Args, Debug)]
pub struct CardArgs {
    /// 每页张数：1、2 或 4
    #[arg(long, default_value_t = 1, value_name = "N")]
    per_page: u32,
    /// 按网格各印一页，填上该网格网格长的姓名和电话（名称或编号；可写多次）
    #[arg(long, value_name = "G")]
    grid: Vec<String>,
    /// 单位名称（默认：设置里的报送单位）
    #[arg(long)]
    unit: Option<String>,
    /// 网格长姓名
    #[arg(long)]
    leader: Option<String>,
    /// 网格长电话
    #[arg(long)]
    leader_phone: Option<String>,
    /// 村（社区）电话（默认：设置里的联系电话）
    #[arg(long)]
    phone: Option<String>,
    #[command(flatten)]
    out: OutArgs,
}

fn out_str(p: &std::path::Path) -> String {
    p.to_string_lossy().into_owned()
}

pub fn print(db: &Option<PathBuf>, cmd: PrintCmd) -> Result<(), Error> {
    let mut api = crate::open(db)?;
    let (result, o) = match cmd {
        PrintCmd::Checklist(a) => {
            let selection = if a.blank {
                ChecklistSelection::Blank
            } else if a.all {
                ChecklistSelection::All
            } else if !a.grid.is_empty() {
                ChecklistSelection::Grids { grids: a.grid }
            } else {
                ChecklistSelection::Households {
                    households: a.household,
                }
            };
            let job = ChecklistJob {
                selection,
                template: a.template,
            };
            let quiet = a.out.json;
            let progress = move |p: qiaomen_api::Progress| {
                if !quiet && p.total >= 50 {
                    eprint!("\r{}：{}/{}", p.label, p.done.min(p.total), p.total);
                    if p.done >= p.total {
                        eprintln!();
                    }
                }
            };
            (
                api.print_checklists(&job, &out_str(&a.out.out), &progress)?,
                a.out,
            )
        }
        PrintCmd::Inspection { id, out } => (api.print_inspection(&id, &out_str(&out.out))?, out),
        PrintCmd::Card(a) => card(&mut api, CardKind::Card, a)?,
        PrintCmd::Notice(a) => card(&mut api, CardKind::Notice, a)?,
        PrintCmd::Rectification { hazard_id, out } => (
            api.print_rectification(&hazard_id, &out_str(&out.out))?,
            out,
        ),
    };
    if o.json {
        return json(&result);
    }
    for w in &result.warnings {
        eprintln!("注意：{w}");
    }
    println!(
        "已生成 {}（{} 页）。",
        result.path,
        result.pages.unwrap_or(0)
    );
    Ok(())
}

fn card(
    api: &mut qiaomen_api::Api,
    kind: CardKind,
    a: CardArgs,
) -> Result<(WrittenFile, OutArgs), Error> {
    let job = CardJob {
        kind,
        per_page: a.per_page,
        grids: a.grid,
        unit: a.unit,
        grid_leader: a.leader,
        grid_leader_phone: a.leader_phone,
        village_phone: a.phone,
    };
    Ok((api.print_cards(&job, &out_str(&a.out.out))?, a.out))
}
