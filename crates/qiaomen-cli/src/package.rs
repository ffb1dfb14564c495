//! The village's 数据上报 from the command line: `package export|key|status`.

use crate::out::json;
use clap::{Args, Subcommand};
use qiaomen_api::Error;
use std::path::{Path, PathBuf};

#[derive(Subcommand, Debug)]
pub enum PackageCmd {
    /// 导出数据包：本村的登记、检查、隐患、宣传、轮次、弱势群体名单，加密后交乡镇（不含身份证号）
    Export(ExportArgs),
    /// 导入乡镇的公钥（公钥文件，或直接写 age1 开头的公钥）
    Key {
        /// 公钥文件，或公钥本身
        key: String,
        #[arg(long)]
        json: bool,
    },
    /// 数据上报情况：村标识、乡镇公钥、上次导出的数据包
    Status {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// 保存为这个文件（如 东村-数据包.qmpkg，可放U盘或作为邮件附件）
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// 用这个乡镇公钥文件加密（默认：单位设置中导入的乡镇公钥）
    #[arg(long, value_name = "TOWNSHIP.pub", conflicts_with = "passphrase_file")]
    to_key: Option<PathBuf>,
    /// 改用口令加密：口令写在这个文件的第一行
    #[arg(long, value_name = "F")]
    passphrase_file: Option<PathBuf>,
    #[arg(long)]
    json: bool,
}

/// The first line of a passphrase file (a trailing line break is not part of it).
pub fn read_passphrase(p: &Path) -> Result<String, Error> {
    let text = std::fs::read_to_string(p).map_err(|e| Error::file(p, &e))?;
    let line = text.lines().next().unwrap_or("").trim_end_matches('\r');
    if line.is_empty() {
        return Err(Error::invalid(format!(
            "口令文件“{}”的第一行是空的。",
            p.display()
        )));
    }
    Ok(line.to_string())
}

pub fn package(db: &Option<PathBuf>, cmd: PackageCmd) -> Result<(), Error> {
    let mut api = crate::open(db)?;
    match cmd {
        PackageCmd::Export(a) => {
            let key = match &a.to_key {
                Some(p) => Some(std::fs::read_to_string(p).map_err(|e| Error::file(p, &e))?),
                None => None,
            };
            let pass = a
                .passphrase_file
                .as_deref()
                .map(read_passphrase)
                .transpose()?;
            let r = api.package_export(
                &a.out.display().to_string(),
                key.as_deref(),
                pass.as_deref(),
            )?;
            if a.json {
                return json(&r);
            }
            println!(
                "已导出 {} 第 {} 号数据包：{}（{} 字节，{}）",
                r.village,
                r.sequence,
                r.file.path,
                r.file.bytes,
                if r.encryption == "passphrase" {
                    "口令加密，请另行把口令告诉乡镇".to_string()
                } else if r.township.is_empty() {
                    "用乡镇公钥加密".to_string()
                } else {
                    format!("用{}的公钥加密", r.township)
                }
            );
            let c = &r.counts;
            println!(
                "其中：{} 户、{} 名弱势群体人员、{} 次入户检查、{} 条隐患、{} 次回访、{} 条宣传记录、{} 个轮次。",
                c.households, c.people, c.inspections, c.hazards, c.revisits, c.publicity, c.rounds
            );
            println!("数据包不含身份证号；含姓名、地址和电话，请妥善传递。");
            Ok(())
        }
        PackageCmd::Key { key, json: as_json } => {
            let p = Path::new(&key);
            let k = if !key.trim_start().starts_with("age1") && p.exists() {
                api.package_import_key(&key)?
            } else {
                api.package_set_key(&key)?
            };
            if as_json {
                return json(&k);
            }
            if let Some(k) = k {
                println!(
                    "已保存乡镇公钥{}：{}",
                    if k.township.is_empty() {
                        String::new()
                    } else {
                        format!("（{}）", k.township)
                    },
                    k.key
                );
            }
            Ok(())
        }
        PackageCmd::Status { json: as_json } => {
            let s = api.package_status()?;
            if as_json {
                return json(&s);
            }
            println!("村标识：{}", s.village_id);
            match &s.key {
                Some(k) => println!("乡镇公钥：{} {}", k.township, k.key),
                None => println!("乡镇公钥：（还没有导入）"),
            }
            if s.last_sequence > 0 {
                println!(
                    "上次导出：第 {} 号，{}",
                    s.last_sequence, s.last_exported_at
                );
            } else {
                println!("还没有导出过数据包。");
            }
            Ok(())
        }
    }
}
