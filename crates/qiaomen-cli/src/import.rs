//! `qiaomen import households FILE [--sheet NAME] [--dry-run] [--json]`.
//!
//! The roster is opened before the database is: a file that is not a readable spreadsheet
//! leaves the database byte-for-byte untouched (exit 4, a Chinese sentence on stderr). A
//! single-sheet .xlsx is then read while it is imported (rows are checked and written
//! while the rest of the file is still being read); anything else is read in full first.
//! A reading error found half-way through a sheet (a damaged part, a stray cell past the
//! row limit) rolls the import's transaction back, so the database file is still exactly
//! what it was. Once the file is read the command exits 0, even when rows were rejected;
//! the report says which rows and why, by the row numbers the clerk sees in Excel.

use crate::out::json;
use clap::Args;
use qiaomen_api::{Error, Progress};
use qiaomen_core::import::{ImportOptions, ImportReport, Roster};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ImportHouseholdsArgs {
    /// 花名册文件（.xlsx、.xls、.ods、.csv）
    file: PathBuf,
    /// 工作表名称（默认：自动选出像花名册的工作表）
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// 表头所在的行号（默认：自动识别）
    #[arg(long, value_name = "ROW")]
    header_row: Option<u32>,
    /// 只检查、不写入：报告将会导入、跳过、拒绝哪些行
    #[arg(long)]
    dry_run: bool,
    /// 输出 JSON
    #[arg(long)]
    json: bool,
}

pub fn households(db: &Option<PathBuf>, a: ImportHouseholdsArgs) -> Result<(), Error> {
    let options = ImportOptions {
        sheet: a.sheet.clone(),
        header_row: a.header_row,
        columns: None,
    };
    // Open the file first: nothing touches the database if it is not a readable spreadsheet.
    let roster = Roster::open(&a.file, &options)?;
    let mut api = crate::open(db)?;
    let tty = !a.json && std::io::stderr().is_terminal();
    let progress = move |p: Progress| {
        if tty && p.total > 0 {
            eprint!("\r{} {}/{}   ", p.label, p.done, p.total);
        }
    };
    let report = api.import_roster(roster, &options, a.dry_run, &progress)?;
    if tty {
        eprintln!();
    }
    if a.json {
        return json(&report);
    }
    print_report(&report);
    Ok(())
}

fn print_report(r: &ImportReport) {
    let verb = if r.dry_run { "将导入" } else { "已导入" };
    println!(
        "{}（工作表“{}”）：{verb} {} 户（新增 {}，更新 {}）；重复 {} 行，跳过 {} 行，未导入 {} 行，提醒 {} 条。",
        r.file,
        r.sheet,
        r.imported,
        r.added,
        r.updated,
        r.duplicates.len(),
        r.skipped_rows,
        r.rejected.len(),
        r.warnings.len()
    );
    if r.dry_run {
        println!("（试运行，没有写入数据库。）");
    }
    if !r.grids_created.is_empty() {
        println!("新建网格：{}", r.grids_created.join("、"));
    }
    let section = |title: &str, lines: Vec<String>| {
        if !lines.is_empty() {
            println!("\n{title}：");
            for l in lines {
                println!("  {l}");
            }
        }
    };
    section(
        "未导入",
        r.rejected
            .iter()
            .map(|n| format!("第 {} 行：{}", n.row, n.reason))
            .collect(),
    );
    section(
        "提醒",
        r.warnings
            .iter()
            .map(|n| format!("第 {} 行 {}：{}", n.row, n.field.label(), n.message))
            .collect(),
    );
    section(
        "更新",
        r.updates
            .iter()
            .map(|n| format!("第 {} 行：{}", n.row, n.reason))
            .collect(),
    );
    section(
        "重复",
        r.duplicates
            .iter()
            .map(|n| format!("第 {} 行：{}", n.row, n.reason))
            .collect(),
    );
    section(
        "跳过",
        r.skipped
            .iter()
            .map(|n| format!("第 {} 行：{}", n.row, n.reason))
            .collect(),
    );
    section(
        "已整理",
        r.normalised
            .iter()
            .map(|n| format!("第 {} 行 {}：{}", n.row, n.field.label(), n.message))
            .collect(),
    );
}
