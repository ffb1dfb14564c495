//! `qiaomen`: the command-line front end. A thin adapter over qiaomen-api: it parses
//! arguments, calls the API and prints the result. Failures print a Chinese message on
//! stderr and exit non-zero; `--json` always prints one JSON document on stdout.

use clap::{Parser, Subcommand};
use qiaomen_api::{AnyFile, Api, Error};
use std::path::PathBuf;
use std::process::ExitCode;

mod out;
mod print;
mod register;

#[derive(Parser, Debug)]
#[command(
    name = "qiaomen",
    version,
    about = "敲门行动 村级工作台（命令行）",
    long_about = "冬季安全“敲门行动”村级工作台的命令行工具。数据保存在本机，与桌面程序共用同一个数据库文件。"
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
    /// 初始化：设置报送单位、联系人和电话
    Init(register::InitArgs),
    /// 户籍登记：添加、列出、查看、删除户
    #[command(subcommand)]
    Households(register::HouseholdsCmd),
    /// 网格：添加、列出
    #[command(subcommand)]
    Grids(register::GridsCmd),
    /// 显示数据库位置和单位设置
    Info(register::InfoArgs),
    /// 打印：检查表（空白/预填/已填）、明白卡、告知书、整改通知书，生成 PDF
    #[command(subcommand)]
    Print(print::PrintCmd),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{}", e.message);
            ExitCode::from(exit_code(&e))
        }
    }
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
        Command::Init(a) => register::init(&cli.db, a),
        Command::Households(c) => register::households(&cli.db, c),
        Command::Grids(c) => register::grids(&cli.db, c),
        Command::Info(a) => register::info(&cli.db, a),
        Command::Print(c) => print::print(&cli.db, c),
    }
}
