//! `qiaomen`: the command-line front end. A thin adapter over qiaomen-api: it parses
//! arguments, calls the API and prints the result. Failures print a Chinese message on
//! stderr and exit non-zero; `--json` always prints one JSON document on stdout.

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use qiaomen_api::{AnyFile, Api, Error};
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc: a roster import allocates on one thread and frees on another, which glibc's
/// allocator handles with locks and consolidation passes (a sixth of the import's time).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod backup;
mod desk;
mod entry_sheet;
mod escalation;
mod hazards;
mod import;
mod inspections;
mod out;
mod package;
mod people;
mod print;
mod register;
mod report;
mod rounds;
mod templates;
mod township;
mod verify;

#[derive(Parser, Debug)]
#[command(
    name = "qiaomen",
    version,
    about = "敲门行动 村级工作台（命令行）",
    long_about = "冬季安全“敲门行动”村级工作台的命令行工具。数据保存在本机，与桌面程序共用同一个数据库文件。",
    allow_negative_numbers = true
)]
struct Cli {
    /// 数据库文件（默认：与桌面程序相同的位置；也可用环境变量 QIAOMEN_DB 指定）
    #[arg(long, global = true, env = "QIAOMEN_DB", value_name = "FILE")]
    db: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// 工作台：超期隐患、本轮入户、录入、报送和备份，一目了然
    Desk(desk::DeskArgs),
    /// 初始化：设置报送单位、联系人和电话
    Init(register::InitArgs),
    /// 住户和场所：添加、列出、查看、删除户
    #[command(subcommand)]
    Households(register::HouseholdsCmd),
    /// 网格：添加、列出
    #[command(subcommand)]
    Grids(register::GridsCmd),
    /// 备份数据库：--out 文件（如U盘），或 --auto（每日/退出时的自动备份）
    Backup(backup::BackupArgs),
    /// 从备份文件恢复（先检查备份，并保留当前数据库的安全副本）
    Restore(backup::RestoreArgs),
    /// 检查数据库：完整性、数据版本、各表记录数
    Check(backup::CheckArgs),
    /// 导出诊断信息：运行日志、数据库检查结果和版本信息打包成 zip，交给乡镇信息员或软件维护人员（不含个人信息）
    Diagnostics(backup::DiagnosticsArgs),
    /// 显示数据库位置和单位设置
    Info(register::InfoArgs),
    /// 打印：检查表（空白/预填/已填）、明白卡、告知书、整改通知书，生成 PDF
    #[command(subcommand)]
    Print(print::PrintCmd),
    /// 入户检查：录入、列出、查看、删除，一户的全部记录
    #[command(subcommand)]
    Inspections(inspections::InspectionsCmd),
    /// 隐患台账：列出、销号、回访、撤销销号、修改、防控措施、上报、上报清单
    #[command(subcommand)]
    Hazards(hazards::HazardsCmd),
    /// 轮次与入户覆盖：不漏一户
    #[command(subcommand)]
    Rounds(rounds::RoundsCmd),
    /// 弱势群体人员名单
    #[command(subcommand)]
    People(people::PeopleCmd),
    /// 导入表格
    #[command(subcommand)]
    Import(ImportCmd),
    /// 导出表格
    #[command(subcommand)]
    Export(ExportCmd),
    /// 工作统计表（附件2）：按月、按报送周期（23日至22日）、按日或任意时段；乡镇汇总
    Report(report::ReportArgs),
    /// 宣传记录：添加、修改、删除、列出、从表格导入
    #[command(subcommand)]
    Publicity(report::PublicityCmd),
    /// 检查表管理：列出、导入模板表格、导出、预览空白表、停用
    #[command(subcommand)]
    Templates(templates::TemplatesCmd),
    /// 数据上报（村）：导出加密的数据包交乡镇，导入乡镇公钥
    #[command(subcommand)]
    Package(package::PackageCmd),
    /// 乡镇模式：建库、密钥、导入各村数据包、各村情况、隐患台账、统计表、未入户名单
    #[command(subcommand)]
    Township(township::TownshipCmd),
}

/// `qiaomen import …`: each area adds its variant.
#[derive(Subcommand, Debug)]
enum ImportCmd {
    /// 导入填好的入户检查录入表（qiaomen export entry-sheet 导出的表格）
    Inspections(entry_sheet::ImportInspectionsArgs),
    /// 导入花名册（.xlsx、.xls、.ods、.csv）：自动识别表头，已登记的户按身份证号或姓名+地址更新
    Households(import::ImportHouseholdsArgs),
}

/// `qiaomen export …`: each area adds its variant.
#[derive(Subcommand, Debug)]
enum ExportCmd {
    /// 导出入户检查录入表：每户一行，供网格员在 Excel/WPS 中填写后导入
    EntrySheet(entry_sheet::EntrySheetArgs),
    /// 全部数据导出：每张表一个工作表（.xlsx）
    All(report::ExportAllCli),
    /// 导出一张表为 CSV（UTF-8 带 BOM 或 GBK）
    Csv(report::ExportCsvCli),
}

fn main() -> ExitCode {
    let parsed = Cli::command()
        .try_get_matches()
        .and_then(|m| Ok((Cli::from_arg_matches(&m)?, verb(&m))));
    let (cli, verb) = match parsed {
        Ok(p) => p,
        Err(e) => return usage_error(e),
    };
    // The log beside the database, as the desktop app keeps it (qiaomen_api::log).
    let db = cli
        .db
        .clone()
        .unwrap_or_else(qiaomen_core::db::default_db_path);
    qiaomen_api::log::init(&qiaomen_api::log::dir_for(&db), "cli");
    match qiaomen_api::log::timed(&verb, || run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{}", e.message);
            ExitCode::from(exit_code(&e))
        }
    }
}

/// The subcommand path, e.g. `households.add` (never an argument: those hold personal data).
fn verb(m: &clap::ArgMatches) -> String {
    let mut parts = Vec::new();
    let mut m = m;
    while let Some((name, sub)) = m.subcommand() {
        parts.push(name.to_string());
        m = sub;
    }
    format!("cli.{}", parts.join("."))
}

/// Prints clap's help/version as usual, and its parse errors in Chinese (exit 2).
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let ctx = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = ctx(ContextKind::InvalidArg);
    let value = ctx(ContextKind::InvalidValue);
    let msg = match e.kind() {
        ErrorKind::UnknownArgument => format!("不认识的参数“{arg}”。"),
        ErrorKind::InvalidSubcommand => {
            format!("没有“{}”这个命令。", ctx(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必填参数：{arg}。"),
        ErrorKind::MissingSubcommand => "请指定要做什么（子命令）。".to_string(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            if value.is_empty() {
                format!("参数 {arg} 需要一个值。")
            } else {
                format!("参数 {arg} 的值“{value}”不对。")
            }
        }
        ErrorKind::ArgumentConflict => format!("参数 {arg} 不能和其他参数同时使用。"),
        ErrorKind::TooManyValues => format!("参数 {arg} 给多了。"),
        ErrorKind::InvalidUtf8 => "参数里有无法识别的字符。".to_string(),
        _ => "命令写得不对。".to_string(),
    };
    eprintln!("错误：{msg}用 qiaomen --help（或 qiaomen 命令 --help）查看用法。");
    ExitCode::from(2)
}

/// Exit codes: 1 for bad input or data, 3 when the database cannot be used, 4 for files.
fn exit_code(e: &Error) -> u8 {
    use qiaomen_api::ErrorCode::*;
    match e.code {
        DbTooNew | DbInvalid => 3,
        Io | BadFile => 4,
        Internal => 70,
        _ => 1,
    }
}

/// Opens the database named by --db / QIAOMEN_DB, or the app's default one.
pub fn open(db: &Option<PathBuf>) -> Result<Api, Error> {
    let path = db.clone().unwrap_or_else(qiaomen_core::db::default_db_path);
    Api::open(&path, Box::new(AnyFile))
}

fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Desk(a) => desk::desk(&cli.db, a),
        Command::Init(a) => register::init(&cli.db, a),
        Command::Households(c) => register::households(&cli.db, c),
        Command::Grids(c) => register::grids(&cli.db, c),
        Command::Info(a) => register::info(&cli.db, a),
        Command::Print(c) => print::print(&cli.db, c),
        Command::Inspections(c) => inspections::inspections(&cli.db, c),
        Command::Hazards(c) => hazards::hazards(&cli.db, c),
        Command::Rounds(c) => rounds::rounds(&cli.db, c),
        Command::People(c) => people::people(&cli.db, c),
        Command::Import(ImportCmd::Inspections(a)) => entry_sheet::import_inspections(&cli.db, a),
        Command::Import(ImportCmd::Households(a)) => import::households(&cli.db, a),
        Command::Export(ExportCmd::EntrySheet(a)) => entry_sheet::export_entry_sheet(&cli.db, a),
        Command::Export(ExportCmd::All(a)) => report::export_all(&cli.db, a),
        Command::Export(ExportCmd::Csv(a)) => report::export_csv(&cli.db, a),
        Command::Report(a) => report::report(&cli.db, a),
        Command::Publicity(c) => report::publicity(&cli.db, c),
        Command::Backup(a) => backup::backup(&cli.db, a),
        Command::Restore(a) => backup::restore(&cli.db, a),
        Command::Check(a) => backup::check(&cli.db, a),
        Command::Diagnostics(a) => backup::diagnostics(&cli.db, a),
        Command::Templates(c) => templates::templates(&cli.db, c),
        Command::Package(c) => package::package(&cli.db, c),
        Command::Township(c) => township::township(&cli.db, c),
    }
}
