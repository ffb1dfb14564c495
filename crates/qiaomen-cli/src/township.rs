//! The township's desk from the command line: `township init|key|import|villages|hazards|
//! report|households|household|missing|overdue|tables` (the village's side is `package.rs`).

use crate::out::{cn, json, pad};
use crate::package::read_passphrase;
use clap::{Args, Subcommand};
use qiaomen_api::township::{
    TownshipInitArgs, TwCellArgs, TwHouseholdArgs, TwListArgs, TwSaveReportArgs,
};
use qiaomen_api::{no_progress, Api, Error};
use qiaomen_core::stats::{Column, StatsRow};
use qiaomen_core::township::merge::ImportStatus;
use qiaomen_core::township::register::TwHouseholdQuery;
use qiaomen_core::township::views::TwHazardQuery;
use std::path::{Path, PathBuf};

#[derive(Subcommand, Debug)]
pub enum TownshipCmd {
    /// 建立乡镇数据库（乡镇模式）：乡镇名称、联系人、电话
    Init {
        /// 乡镇名称
        #[arg(long)]
        unit: String,
        /// 联系人
        #[arg(long, default_value = "")]
        contact: String,
        /// 联系电话
        #[arg(long, default_value = "")]
        phone: String,
    },
    /// 生成乡镇密钥（私钥留在本机数据文件夹），保存公钥文件发给各村
    Key {
        /// 公钥保存到这个文件（不写则只显示公钥）
        #[arg(long, value_name = "TOWNSHIP.pub")]
        out: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// 导入各村的数据包（可写多个）：新的替换旧的，同一个包导入两次不变，旧的拒绝
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// 用口令加密的数据包：口令写在这个文件的第一行
        #[arg(long, value_name = "F")]
        passphrase_file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// 各村情况：户数、本轮已入户（%）、未整改/超期/重大/已上报隐患、最近数据包
    Villages {
        /// 截至日期（默认今天）：判断当前轮次和是否超期
        #[arg(long, value_name = "D")]
        as_of: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 全乡镇隐患台账
    Hazards {
        /// 只列超期未整改的
        #[arg(long)]
        overdue: bool,
        /// 只列未整改的
        #[arg(long)]
        open: bool,
        /// 只列重大隐患
        #[arg(long)]
        major: bool,
        /// 只列已上报的
        #[arg(long)]
        escalated: bool,
        /// 只列这个村（名称或编号）
        #[arg(long, value_name = "NAME")]
        village: Option<String>,
        #[arg(long, value_name = "D")]
        as_of: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 乡镇工作统计表（附件2），由各村记录计算，格式与 report 相同
    Report(ReportCli),
    /// 一个村的住户和场所（可只列本轮未入户的）
    Households {
        /// 村（名称或编号）
        #[arg(long, value_name = "NAME")]
        village: String,
        #[arg(long)]
        search: Option<String>,
        /// 只列本轮未入户的
        #[arg(long)]
        missing: bool,
        #[arg(long, value_name = "D")]
        as_of: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 一户的全部记录（村编号 + 户编号）
    Household {
        #[arg(long, value_name = "NAME")]
        village: String,
        /// 户的编号
        code: String,
        #[arg(long)]
        json: bool,
    },
    /// 打印一个村本轮的未入户名单（PDF 或 .xlsx），发回该村
    Missing(ListCli),
    /// 打印一个村的超期未整改隐患清单（PDF 或 .xlsx），发回该村
    Overdue(ListCli),
    /// 收下各村自己报来的统计表，与其记录比对
    Tables {
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Debug)]
pub struct ReportCli {
    #[command(flatten)]
    period: crate::report::PeriodArgs,
    /// 保存为 Excel 表格（官方格式）
    #[arg(long, value_name = "F.xlsx")]
    xlsx: Option<PathBuf>,
    /// 保存为 PDF
    #[arg(long, value_name = "F.pdf")]
    pdf: Option<PathBuf>,
    /// 报送时间（默认今天）
    #[arg(long, value_name = "D")]
    report_date: Option<String>,
    /// 某一格的数字从哪里来：行动名称（或 合计）
    #[arg(long, requires = "column")]
    action: Option<String>,
    /// 某一格的数字从哪里来：列（hazards、rectified、major、major_rectified、sessions、people）
    #[arg(long, value_parser = crate::report::parse_column)]
    column: Option<Column>,
    /// 与 --column 一起：只看这个村
    #[arg(long, value_name = "NAME", requires = "column")]
    village: Option<String>,
    /// 输出 JSON：与 report 相同（unit, contact, from, to, rows, total），另有各村的表和比对
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct ListCli {
    /// 村（名称或编号）
    #[arg(long, value_name = "NAME")]
    village: String,
    #[arg(long, value_name = "F.pdf")]
    pdf: Option<PathBuf>,
    #[arg(long, value_name = "F.xlsx")]
    xlsx: Option<PathBuf>,
    #[arg(long, value_name = "D")]
    as_of: Option<String>,
    #[arg(long)]
    json: bool,
}

fn path_str(p: &Path) -> String {
    p.display().to_string()
}

pub fn township(db: &Option<PathBuf>, cmd: TownshipCmd) -> Result<(), Error> {
    let mut api = crate::open(db)?;
    match cmd {
        TownshipCmd::Init {
            unit,
            contact,
            phone,
        } => init(&mut api, unit, contact, phone),
        TownshipCmd::Key { out, json: as_json } => key(&mut api, out, as_json),
        TownshipCmd::Import {
            files,
            passphrase_file,
            json: as_json,
        } => import(&mut api, &files, passphrase_file, as_json),
        TownshipCmd::Villages {
            as_of,
            json: as_json,
        } => villages(&api, as_of, as_json),
        TownshipCmd::Hazards {
            overdue,
            open,
            major,
            escalated,
            village,
            as_of,
            json: as_json,
        } => {
            let q = TwHazardQuery {
                as_of,
                overdue,
                open,
                major,
                escalated,
                ..Default::default()
            };
            hazards(&api, q, village, as_json)
        }
        TownshipCmd::Report(r) => report(&api, r),
        TownshipCmd::Households {
            village,
            search,
            missing,
            as_of,
            json: as_json,
        } => households(&api, village, search, missing, as_of, as_json),
        TownshipCmd::Household {
            village,
            code,
            json: as_json,
        } => household(&api, village, code, as_json),
        TownshipCmd::Missing(l) => list(&api, l, true),
        TownshipCmd::Overdue(l) => list(&api, l, false),
        TownshipCmd::Tables {
            files,
            json: as_json,
        } => tables(&mut api, files, as_json),
    }
}

fn init(api: &mut Api, unit: String, contact: String, phone: String) -> Result<(), Error> {
    let s = api.township_init(&TownshipInitArgs {
        unit,
        contact,
        phone,
    })?;
    println!(
        "已建立乡镇数据库（乡镇模式）：{}（联系人：{}，电话：{}）\n数据库：{}",
        s.unit_name,
        s.contact,
        s.phone,
        api.db_path().display()
    );
    Ok(())
}

/// The cross-village ledger; `village` by name or number.
fn hazards(
    api: &Api,
    mut q: TwHazardQuery,
    village: Option<String>,
    as_json: bool,
) -> Result<(), Error> {
    q.village = match village {
        Some(v) => Some(api.township_resolve(&v)?.0),
        None => None,
    };
    let page = api.township_hazards(&q)?;
    if as_json {
        return json(&page.items);
    }
    for h in &page.items {
        println!(
            "{}{}{}{}{}{}",
            pad(&h.village, 12),
            pad(&h.household_code, 8),
            pad(&h.household_name, 12),
            pad(
                &format!("{}{}", h.description, if h.major { "（重大）" } else { "" }),
                40
            ),
            pad(&h.deadline.as_deref().map(cn).unwrap_or_default(), 16),
            h.days_overdue
                .map(|d| format!("超期 {d} 天"))
                .unwrap_or_else(|| status_label(&h.status).into())
        );
    }
    println!("共 {} 条（截至 {}）", page.total, cn(&page.as_of));
    Ok(())
}

fn households(
    api: &Api,
    village: String,
    search: Option<String>,
    missing: bool,
    as_of: Option<String>,
    as_json: bool,
) -> Result<(), Error> {
    let vid = api.township_resolve(&village)?.0;
    let page = api.township_households(&TwHouseholdQuery {
        village: vid,
        search,
        missing,
        as_of,
        ..Default::default()
    })?;
    if as_json {
        return json(&page);
    }
    for h in &page.items {
        println!(
            "{}{}{}{}{}{}",
            pad(&h.code, 8),
            pad(&h.name, 14),
            pad(&h.grid, 12),
            pad(&h.phone, 14),
            pad(
                if h.visited {
                    "本轮已入户"
                } else {
                    "本轮未入户"
                },
                12
            ),
            h.address
        );
    }
    println!("{} 共 {} 户", page.village, page.total);
    Ok(())
}

fn household(api: &Api, village: String, code: String, as_json: bool) -> Result<(), Error> {
    let vid = api.township_resolve(&village)?.0;
    let page = api.township_households(&TwHouseholdQuery {
        village: vid,
        search: Some(code.clone()),
        ..Default::default()
    })?;
    let h = page
        .items
        .iter()
        .find(|h| h.code == code)
        .ok_or_else(|| Error::not_found(format!("{}没有编号为 {code} 的户。", page.village)))?;
    let d = api.township_household(&TwHouseholdArgs {
        village: vid,
        id: h.id.clone(),
        as_of: None,
    })?;
    if as_json {
        return json(&d);
    }
    println!(
        "{} {} {} {}",
        d.village, d.household.code, d.household.name, d.household.address
    );
    for i in &d.inspections {
        let hz: Vec<String> = i
            .answers
            .iter()
            .filter(|a| a.hazard)
            .map(|a| format!("{}.{}", a.no, a.answer))
            .collect();
        println!(
            "  {} 检查（{}）隐患项：{}",
            cn(&i.visit_date),
            i.inspectors,
            hz.join(" ")
        );
    }
    for z in &d.hazards {
        println!(
            "  隐患：{} {} {}",
            z.description,
            status_label(&z.status),
            z.deadline.as_deref().map(cn).unwrap_or_default()
        );
    }
    Ok(())
}

fn tables(api: &mut Api, files: Vec<PathBuf>, as_json: bool) -> Result<(), Error> {
    let list = if files.is_empty() {
        api.township_tables()?
    } else {
        api.township_tables_add(&files.iter().map(|p| path_str(p)).collect::<Vec<_>>())?
    };
    if as_json {
        return json(&list);
    }
    for t in &list {
        println!(
            "{}  {}  {}  统计时段：{}  {}",
            t.file,
            t.unit,
            t.village.as_deref().unwrap_or("（没有同名的村）"),
            t.period,
            if t.report_date.is_empty() {
                ""
            } else {
                &t.report_date
            }
        );
    }
    Ok(())
}

fn status_label(s: &str) -> &'static str {
    match s {
        "open" => "未整改",
        "fixed_on_site" => "现场整改",
        _ => "已销号",
    }
}

fn key(api: &mut Api, out: Option<PathBuf>, as_json: bool) -> Result<(), Error> {
    match out {
        Some(out) => {
            let k = api.township_key_export(&path_str(&out))?;
            if as_json {
                return json(&k);
            }
            if k.made {
                println!(
                    "已生成乡镇密钥。私钥保存在本机：{}",
                    api.township_status()?.key_path
                );
                println!(
                    "请备份这个私钥文件（U盘另外保管）：丢了它，各村用公钥加密的数据包就打不开了。"
                );
            }
            println!(
                "公钥已保存到：{}（发给各村，在“单位设置 → 数据上报”中导入）",
                k.file.path
            );
            println!("公钥：{}", k.public_key);
        }
        None => {
            let s = api.township_status()?;
            if as_json {
                return json(&s);
            }
            if s.has_key {
                println!("公钥：{}", s.public_key);
                println!("私钥：{}", s.key_path);
            } else {
                println!("还没有生成密钥：用 qiaomen township key --out 乡镇公钥.pub 生成。");
            }
        }
    }
    Ok(())
}

fn import(
    api: &mut Api,
    files: &[PathBuf],
    passphrase_file: Option<PathBuf>,
    as_json: bool,
) -> Result<(), Error> {
    let pass = passphrase_file
        .as_deref()
        .map(read_passphrase)
        .transpose()?;
    let paths: Vec<String> = files.iter().map(|p| path_str(p)).collect();
    let results = api.township_import(&paths, pass.as_deref(), &no_progress)?;
    let refused = results
        .iter()
        .filter(|r| r.status == ImportStatus::Refused)
        .count();
    if as_json {
        json(&results)?;
    } else {
        for r in &results {
            match r.status {
                ImportStatus::Refused => println!("{}：未导入。{}", r.file, r.message),
                ImportStatus::Unchanged => println!("{}：{}", r.file, r.message),
                ImportStatus::Imported => {
                    let c = |x: &qiaomen_core::township::merge::Changes| {
                        format!("新增 {}，修改 {}，删除 {}", x.added, x.changed, x.removed)
                    };
                    println!("{}：{}", r.file, r.message);
                    println!("    住户和场所：{}", c(&r.households));
                    println!("    入户检查：{}", c(&r.inspections));
                    println!("    隐患：{}", c(&r.hazards));
                }
            }
            for w in &r.warnings {
                println!("    请注意：{w}");
            }
        }
    }
    if refused > 0 {
        let first = results
            .iter()
            .find(|r| r.status == ImportStatus::Refused)
            .map(|r| r.message.clone())
            .unwrap_or_default();
        return Err(if refused == results.len() && results.len() == 1 {
            Error::new(
                results[0].code.unwrap_or(qiaomen_api::ErrorCode::BadFile),
                first,
            )
        } else {
            Error::invalid(format!(
                "{} 个数据包中有 {refused} 个没有导入（见上面的说明）。",
                results.len()
            ))
        });
    }
    Ok(())
}

fn villages(api: &Api, as_of: Option<String>, as_json: bool) -> Result<(), Error> {
    let v = api.township_villages(as_of.as_deref())?;
    if as_json {
        return json(&v);
    }
    println!(
        "{}{}{}{}{}{}{}{}最近数据包",
        pad("村（社区）", 16),
        pad("户数", 8),
        pad("本轮已入户", 16),
        pad("未整改", 8),
        pad("超期", 6),
        pad("重大未改", 10),
        pad("已上报", 8),
        pad("轮次", 12),
    );
    for r in v.villages.iter().chain(std::iter::once(&v.total)) {
        let visited = match r.visited_pct {
            Some(p) => format!("{}（{p}%）", r.visited),
            None => "—".into(),
        };
        println!(
            "{}{}{}{}{}{}{}{}{}",
            pad(
                &format!("{}{}", r.name, if r.same_name { "（重名）" } else { "" }),
                16
            ),
            pad(&r.households.to_string(), 8),
            pad(&visited, 16),
            pad(&r.hazards_open.to_string(), 8),
            pad(&r.hazards_overdue.to_string(), 6),
            pad(&r.major_open.to_string(), 10),
            pad(&r.escalated.to_string(), 8),
            pad(r.round.as_deref().unwrap_or(""), 12),
            if r.sequence > 0 {
                format!(
                    "第 {} 号 {}",
                    r.sequence,
                    r.exported_at.get(..10).unwrap_or("")
                )
            } else {
                String::new()
            }
        );
    }
    println!("截至 {}", cn(&v.as_of));
    Ok(())
}

fn report(api: &Api, r: ReportCli) -> Result<(), Error> {
    let p = api.report_period(&r.period.spec())?;
    if let Some(column) = r.column {
        let village = match &r.village {
            Some(v) => Some(api.township_resolve(v)?.0),
            None => None,
        };
        let d = api.township_cell(&TwCellArgs {
            from: p.from.clone(),
            to: p.to.clone(),
            action: r.action.clone(),
            column,
            village,
            limit: None,
        })?;
        if r.json {
            return json(&d);
        }
        println!(
            "{} · {}：{}（{}，{}）",
            d.action,
            column.header(),
            d.value,
            d.explain,
            p.label
        );
        for h in &d.hazards {
            println!(
                "{}  {}  {}  {}  {}{}",
                h.village,
                h.hazard.found_on,
                h.hazard.household_code,
                h.hazard.household_name,
                h.hazard.description,
                if h.hazard.major { "（重大）" } else { "" }
            );
        }
        for e in &d.events {
            println!(
                "{}  {}  {}  {} 次  {} 人",
                e.village, e.date, e.category, e.sessions, e.people
            );
        }
        return Ok(());
    }
    let view = api.township_report(&p.from, &p.to)?;
    let save = |out: &PathBuf| TwSaveReportArgs {
        from: p.from.clone(),
        to: p.to.clone(),
        out: path_str(out),
        report_date: r.report_date.clone(),
    };
    let mut saved = Vec::new();
    if let Some(x) = &r.xlsx {
        saved.push(api.township_report_xlsx(&save(x))?);
    }
    if let Some(x) = &r.pdf {
        saved.push(api.township_report_pdf(&save(x))?);
    }
    if r.json {
        json(&view)?;
        for s in &saved {
            eprintln!("已保存：{}", s.path);
        }
    } else {
        crate::report::print_table(&view.table, &p.label);
        println!();
        println!("各村：");
        for v in &view.villages {
            println!("  {}{}", pad(&v.village, 16), row_text(&v.total));
        }
        for c in &view.compared {
            if c.differences.is_empty() {
                println!("{}（{}）报来的统计表与其记录一致。", c.unit, c.file);
            } else {
                println!("{}（{}）报来的统计表与其记录不一致：", c.unit, c.file);
                for d in &c.differences {
                    println!(
                        "    {} · {}：记录 {}，报表 {}",
                        d.action,
                        d.column.header(),
                        d.records,
                        d.table
                    );
                }
            }
        }
        for s in &saved {
            println!("已保存：{}", s.path);
        }
    }
    Ok(())
}

fn row_text(r: &StatsRow) -> String {
    Column::ALL
        .iter()
        .map(|c| format!("{} {}", c.header().trim_end_matches("（条）"), r.get(*c)))
        .collect::<Vec<_>>()
        .join("  ")
}

fn list(api: &Api, l: ListCli, missing: bool) -> Result<(), Error> {
    if l.pdf.is_none() && l.xlsx.is_none() {
        let vid = api.township_resolve(&l.village)?.0;
        if missing {
            let page = api.township_households(&TwHouseholdQuery {
                village: vid,
                missing: true,
                as_of: l.as_of.clone(),
                ..Default::default()
            })?;
            if l.json {
                return json(&page);
            }
            for h in &page.items {
                println!(
                    "{}{}{}{}{}",
                    pad(&h.grid, 12),
                    pad(&h.code, 8),
                    pad(&h.name, 14),
                    pad(&h.phone, 14),
                    h.address
                );
            }
            println!(
                "{}{} 未入户 {} 户",
                page.village,
                page.round.unwrap_or_default(),
                page.total
            );
        } else {
            let page = api.township_hazards(&TwHazardQuery {
                village: Some(vid),
                overdue: true,
                as_of: l.as_of.clone(),
                ..Default::default()
            })?;
            if l.json {
                return json(&page.items);
            }
            for h in &page.items {
                println!(
                    "{}{}{}超期 {} 天",
                    pad(&h.household_code, 8),
                    pad(&h.household_name, 14),
                    pad(&h.description, 40),
                    h.days_overdue.unwrap_or(0)
                );
            }
            println!("超期未整改 {} 条", page.total);
        }
        return Ok(());
    }
    let mut saved = Vec::new();
    for (out, pdf) in [(&l.pdf, true), (&l.xlsx, false)] {
        if let Some(out) = out {
            let a = TwListArgs {
                village: l.village.clone(),
                out: path_str(out),
                as_of: l.as_of.clone(),
            };
            saved.push(if missing {
                api.township_missing(&a, pdf)?
            } else {
                api.township_overdue(&a, pdf)?
            });
        }
    }
    if l.json {
        return json(&saved);
    }
    for s in &saved {
        println!("已保存：{}", s.path);
        for w in &s.warnings {
            eprintln!("提示：{w}");
        }
    }
    Ok(())
}
