//! backup, restore, check and diagnostics subcommands. None of them asks questions, so they can run
//! from scripts and cron; each prints what it did.

use crate::out::json;
use clap::Args;
use qiaomen_api::{Error, ErrorCode};
use qiaomen_core::backup::{self, AutoBackupResult, BackupFile, BackupSummary, CheckReport};
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
#[command(group = clap::ArgGroup::new("what").required(true).args(["out", "auto", "exit", "list"]))]
pub struct BackupArgs {
    /// 备份到这个文件（例如U盘上的 敲门备份.sqlite3；已存在则覆盖）
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// 自动备份（与桌面程序启动时相同）：先检查数据库，今天还没有备份就备份一份到备份文件夹，并删除超出保留份数的旧备份。适合放进计划任务（cron）。
    #[arg(long)]
    auto: bool,
    /// 退出时的自动备份（与桌面程序关闭时相同）：数据有改动才备份
    #[arg(long)]
    exit: bool,
    /// 列出备份文件夹里的备份
    #[arg(long)]
    list: bool,
    /// 输出 JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct RestoreArgs {
    /// 备份文件的路径，或备份文件夹里某个备份的文件名（见 qiaomen backup --list）
    file: PathBuf,
    /// 输出 JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// 输出 JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct DiagnosticsArgs {
    /// 保存到这个 zip 文件（已存在则覆盖）
    #[arg(long, value_name = "FILE.zip")]
    out: PathBuf,
    /// 输出 JSON
    #[arg(long)]
    json: bool,
}

fn db_path(db: &Option<PathBuf>) -> PathBuf {
    db.clone().unwrap_or_else(qiaomen_core::db::default_db_path)
}

/// A size as the clerk reads it.
fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1u64 << 20) as f64)
    } else {
        format!("{:.0} KB", (bytes as f64 / 1024.0).ceil())
    }
}

fn print_auto(r: &AutoBackupResult) {
    if let Some(f) = &r.made {
        println!("已备份：{}（{}，{}）", f.path, f.created_cn, size(f.size));
    }
    if let Some(why) = &r.skipped {
        println!("没有备份：{why}");
    }
    if !r.removed.is_empty() {
        println!(
            "已删除超出保留份数的旧备份 {} 个：{}",
            r.removed.len(),
            r.removed.join("、")
        );
    }
}

fn print_list(dir: &Path, list: &[BackupFile]) {
    println!("备份文件夹：{}", dir.display());
    if list.is_empty() {
        println!("（还没有备份）");
    }
    for f in list {
        println!(
            "{}  {}  {}  {}",
            f.created_cn,
            f.kind.label(),
            size(f.size),
            f.name
        );
    }
}

pub fn backup(db: &Option<PathBuf>, a: BackupArgs) -> Result<(), Error> {
    let mut api = crate::open(db)?;
    if let Some(out) = &a.out {
        let f = api.backup_save(&out.display().to_string())?;
        if a.json {
            return json(&f);
        }
        println!("已备份到：{}（{}，{}）", f.path, f.created_cn, size(f.size));
        return Ok(());
    }
    if a.list {
        let st = api.backup_status()?;
        if a.json {
            return json(&st);
        }
        print_list(Path::new(&st.dir), &st.backups);
        return Ok(());
    }
    if a.exit {
        let r = api.backup_on_exit()?;
        if a.json {
            return json(&r);
        }
        print_auto(&r);
        return Ok(());
    }
    // --auto: what the app does at start.
    let r = api.backup_on_start()?;
    if a.json {
        json(&r)?;
    }
    if !r.check.ok {
        return Err(check_failed(&r.check));
    }
    if let Some(e) = r.backup_error {
        return Err(e);
    }
    if !a.json {
        if let Some(b) = &r.backup {
            print_auto(b);
        }
    }
    Ok(())
}

fn check_failed(r: &CheckReport) -> Error {
    Error::new(ErrorCode::DbInvalid, r.advice.clone())
}

fn print_summary(s: &BackupSummary) {
    let unit = if s.unit_name.is_empty() {
        "（未设置）"
    } else {
        s.unit_name.as_str()
    };
    println!(
        "报送单位：{unit}；{} 户，{} 次入户检查，{} 条隐患{}",
        s.households,
        s.inspections,
        s.hazards,
        s.last_change_cn
            .as_deref()
            .map(|t| format!("；最后修改于 {t}"))
            .unwrap_or_default()
    );
}

pub fn restore(db: &Option<PathBuf>, a: RestoreArgs) -> Result<(), Error> {
    let path = db_path(db);
    let dir = backup::dir_for(&path)?;
    // A bare name of a file in the backup folder is accepted too.
    let src = if !a.file.exists() && a.file.components().count() == 1 && dir.join(&a.file).is_file()
    {
        dir.join(&a.file)
    } else {
        a.file.clone()
    };
    let report = match crate::open(db) {
        Ok(mut api) => api.backup_restore(&src.display().to_string())?,
        // The current database cannot be opened (damaged or not ours): move it aside.
        Err(e) if e.code == ErrorCode::DbInvalid || e.code == ErrorCode::Internal => {
            if !a.json {
                println!(
                    "当前数据库无法打开（{}），将把它移到备份文件夹后再恢复。",
                    e.message
                );
            }
            backup::restore_offline(&path, &src, &dir)?
        }
        Err(e) => return Err(e),
    };
    if a.json {
        return json(&report);
    }
    println!("已从“{}”恢复数据。", src.display());
    print_summary(&report.restored);
    if report.upgraded {
        println!(
            "这个备份来自较早版本的软件，已升级到当前数据版本（{}）。",
            qiaomen_core::db::SCHEMA_VERSION
        );
    }
    println!(
        "恢复前的数据库已另存为：{}（{}）",
        report.safety_copy.path,
        report.safety_copy.kind.label()
    );
    println!("数据库：{}", path.display());
    Ok(())
}

pub fn check(db: &Option<PathBuf>, a: CheckArgs) -> Result<(), Error> {
    let path = db_path(db);
    let api = match crate::open(db) {
        Ok(api) => api,
        Err(e) if e.code == ErrorCode::DbInvalid => {
            let dir = backup::dir_for(&path)?;
            let hint = match backup::list(&dir)?.first() {
                Some(f) => format!(
                    "最新的备份：{}（{}）。可运行 qiaomen restore {}",
                    f.path, f.created_cn, f.name
                ),
                None => {
                    "备份文件夹里没有备份，请用U盘上的备份文件：qiaomen restore 文件".to_string()
                }
            };
            return Err(Error::new(
                e.code,
                format!("{}\n数据库：{}\n{hint}", e.message, path.display()),
            ));
        }
        Err(e) => return Err(e),
    };
    let r = api.backup_check()?;
    if a.json {
        json(&r)?;
    } else {
        println!("数据库：{}（{}）", r.db_path, size(r.db_size));
        println!(
            "完整性检查：{}",
            if r.integrity_ok {
                "通过"
            } else {
                "没有通过"
            }
        );
        println!(
            "数据版本：{}（本软件：{}）",
            r.schema_version, r.program_schema_version
        );
        for c in &r.counts {
            println!("  {}：{}", c.label, c.rows);
        }
        for p in &r.problems {
            println!("问题：{p}");
        }
        if r.ok {
            println!("{}", r.advice);
        }
    }
    if !r.ok {
        return Err(check_failed(&r));
    }
    Ok(())
}

pub fn diagnostics(db: &Option<PathBuf>, a: DiagnosticsArgs) -> Result<(), Error> {
    let f = match crate::open(db) {
        Ok(api) => api.backup_diagnostics(&a.out.display().to_string())?,
        // A database that cannot be opened is what the IT person most needs to hear about:
        // the zip is written anyway, with why it could not be opened instead of the check.
        Err(e) => qiaomen_api::diagnostics::write_zip(&a.out, &db_path(db), Err(&e))?,
    };
    if a.json {
        return json(&f);
    }
    println!("已导出诊断信息：{}（{}）", f.file.path, size(f.file.bytes));
    println!("其中有：{}", f.entries.join("、"));
    println!(
        "请把这个文件交给乡镇信息员或软件维护人员。其中不含姓名、身份证号、电话、地址等个人信息。"
    );
    Ok(())
}
