//! The spreadsheet entry sheet from the command line: `qiaomen export entry-sheet` writes
//! one row per household for the grid workers, `qiaomen import inspections` reads it back.

use crate::out::json;
use clap::Args;
use qiaomen_api::{no_progress, Error};
use qiaomen_core::entry_sheet::EntrySheetOptions;
use std::path::PathBuf;

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
