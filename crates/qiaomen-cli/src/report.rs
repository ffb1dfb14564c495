//! report, publicity and export subcommands: the month's statistics table (附件2) as text,
//! JSON, .xlsx or .pdf; the township's aggregation of villages' tables; the publicity log;
//! the full data export (xlsx, CSV in UTF-8 with BOM or GBK).

use crate::out::{json, pad};
use clap::{Args, Subcommand};
use qiaomen_api::report::{AggregateArgs, NarrativeArgs, ReportCellArgs, ReportSaveArgs};
use qiaomen_api::{no_progress, Error};
use qiaomen_core::export_all::CsvEncoding;
use qiaomen_core::publicity::{PublicityInput, PublicityQuery};
use qiaomen_core::stats::{Column, PeriodSpec, StatsRow, StatsTable};
use qiaomen_core::Category;
use std::path::PathBuf;

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ReportArgs {
    #[command(subcommand)]
    sub: Option<ReportCmd>,
    #[command(flatten)]
    period: PeriodArgs,
    /// 保存为 Excel 表格（官方格式）
    #[arg(long, value_name = "F.xlsx")]
    xlsx: Option<PathBuf>,
    /// 保存为 PDF
    #[arg(long, value_name = "F.pdf")]
    pdf: Option<PathBuf>,
    /// 报送时间（默认今天，或 --today 给的日期）
    #[arg(long, value_name = "D")]
    report_date: Option<String>,
    /// 输出 JSON：{unit, contact, from, to, rows, total}
    #[arg(long)]
    json: bool,
}

/// The period: --from/--to, or --month / --cycle / --day, or --due (待报送); none = the
/// office's current period (setting 统计周期). --today stands for the clock in --due,
/// the current period and --previous.
#[derive(Args, Debug, Default)]
pub struct PeriodArgs {
    /// 开始日期（含）
    #[arg(long, value_name = "D", requires = "to", conflicts_with_all = ["month", "cycle", "day"])]
    from: Option<String>,
    /// 结束日期（含）
    #[arg(long, value_name = "D", requires = "from")]
    to: Option<String>,
    /// 自然月，如 2024-12
    #[arg(long, value_name = "YYYY-MM", conflicts_with_all = ["cycle", "day"])]
    month: Option<String>,
    /// 报送周期：上月23日至本月22日，如 2024-12 = 2024-11-23 至 2024-12-22
    #[arg(long, value_name = "YYYY-MM", conflicts_with = "day")]
    cycle: Option<String>,
    /// 某一天（日报）
    #[arg(long, value_name = "D")]
    day: Option<String>,
    /// 上一期（与默认周期一起用）
    #[arg(long, conflicts_with_all = ["from", "month", "cycle", "day", "due"])]
    previous: bool,
    /// 待报送：现在该报送的那一期（到本月22日为止的一期；统计周期为自然月时是上一个整月）
    #[arg(long, conflicts_with_all = ["from", "month", "cycle", "day"])]
    due: bool,
    /// 把这一天当作今天（默认取电脑的日期），如 2024-12-23
    #[arg(long, value_name = "YYYY-MM-DD", conflicts_with_all = ["from", "month", "cycle", "day"])]
    today: Option<String>,
}

impl PeriodArgs {
    pub(crate) fn spec(&self) -> PeriodSpec {
        if let (Some(from), Some(to)) = (&self.from, &self.to) {
            PeriodSpec::Range {
                from: from.clone(),
                to: to.clone(),
            }
        } else if let Some(m) = &self.month {
            PeriodSpec::Month { month: m.clone() }
        } else if let Some(m) = &self.cycle {
            PeriodSpec::Cycle { month: m.clone() }
        } else if let Some(d) = &self.day {
            PeriodSpec::Day { date: d.clone() }
        } else if self.due {
            PeriodSpec::Due {
                date: self.today.clone().unwrap_or_default(),
            }
        } else {
            PeriodSpec::Current {
                date: self.today.clone().unwrap_or_default(),
                offset: if self.previous { -1 } else { 0 },
            }
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum ReportCmd {
    /// 乡镇汇总：把各村（社区）报来的统计表逐行相加，生成本乡镇的统计表
    Aggregate(AggregateCli),
    /// 某一格的数字从哪里来：列出背后的隐患或宣传记录
    Cell(CellCli),
    /// 工作开展情况（Word 文档）：本期的数字写成文字，附统计表和每周情况图；--season 为整个行动的工作总结
    Narrative(NarrativeCli),
}

#[derive(Args, Debug)]
pub struct NarrativeCli {
    #[command(flatten)]
    period: PeriodArgs,
    /// 工作总结：整个行动（单位设置里的行动起止日期，默认11月1日至次年3月31日），另有各月情况
    #[arg(long, conflicts_with_all = ["from", "month", "cycle", "day", "due", "previous"])]
    season: bool,
    /// 保存为这个 Word 文档（.docx）
    #[arg(long, value_name = "F.docx")]
    out: PathBuf,
    /// 报送时间，也是统计未整改、超期隐患的日期（默认今天，或 --today 给的日期）
    #[arg(long, value_name = "D")]
    report_date: Option<String>,
    /// 输出 JSON：保存的文件
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct AggregateCli {
    /// 各村的统计表文件（.xlsx / .xls / .ods），可写多个
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// 汇总单位名称（默认：设置里的上级乡镇，否则本单位名称）
    #[arg(long)]
    unit: Option<String>,
    /// 汇总表的统计时段开始日期（默认：各村一致时沿用）
    #[arg(long, value_name = "D", requires = "to")]
    from: Option<String>,
    /// 汇总表的统计时段结束日期
    #[arg(long, value_name = "D", requires = "from")]
    to: Option<String>,
    /// 保存汇总表（官方格式，另附“汇总来源”工作表）
    #[arg(long, value_name = "F.xlsx")]
    xlsx: Option<PathBuf>,
    /// 输出 JSON：与 report 相同，另有 sources 和 warnings
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct CellCli {
    #[command(flatten)]
    period: PeriodArgs,
    /// 行动名称（默认：合计行）
    #[arg(long)]
    action: Option<String>,
    /// 列：sessions 次数, people 人数, hazards 隐患总数, rectified 整改,
    /// major 重大隐患, major_rectified 重大隐患整改
    #[arg(long, value_parser = parse_column)]
    column: Column,
    /// 输出 JSON
    #[arg(long)]
    json: bool,
}

pub(crate) fn parse_column(s: &str) -> Result<Column, String> {
    let c = match s.trim() {
        "sessions" | "次数" => Column::Sessions,
        "people" | "人数" => Column::People,
        "hazards" | "隐患总数" => Column::Hazards,
        "rectified" | "整改" => Column::Rectified,
        "major" | "重大隐患" => Column::Major,
        "major_rectified" | "重大隐患整改" => Column::MajorRectified,
        _ => {
            return Err(
                "应为 sessions、people、hazards、rectified、major 或 major_rectified".into(),
            )
        }
    };
    Ok(c)
}

#[derive(Subcommand, Debug)]
pub enum PublicityCmd {
    /// 添加一次宣传活动
    Add(PublicityAdd),
    /// 修改一条宣传记录
    Edit {
        /// 记录的 id
        id: String,
        #[command(flatten)]
        input: PublicityAdd,
    },
    /// 删除一条宣传记录
    Delete {
        /// 记录的 id
        id: String,
    },
    /// 列出宣传记录（可按日期筛选）
    List(PublicityList),
    /// 从表格导入宣传记录（表头：日期、行动名称、宣传形式、次数、人数、备注）
    Import {
        /// .xlsx / .xls / .ods / .csv 文件
        file: PathBuf,
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Debug)]
pub struct PublicityAdd {
    /// 日期，如 2024-12-23
    #[arg(long, value_name = "D")]
    date: String,
    /// 行动名称，如 防煤气中毒事故（也可写 煤气中毒）
    #[arg(long, value_name = "C")]
    category: String,
    /// 次数
    #[arg(long, value_name = "N")]
    sessions: i64,
    /// 人数
    #[arg(long, value_name = "N")]
    people: i64,
    /// 宣传形式：广播、微信群、警示教育片、讲座、入户宣传、发放明白卡、其他
    #[arg(long, value_name = "K", default_value = "")]
    kind: String,
    /// 备注
    #[arg(long, value_name = "T", default_value = "")]
    note: String,
    /// 输出 JSON
    #[arg(long)]
    json: bool,
}

impl PublicityAdd {
    fn input(&self) -> Result<PublicityInput, Error> {
        Ok(PublicityInput {
            date: self.date.clone(),
            category: Category::check(&self.category)?,
            kind: self.kind.clone(),
            sessions: self.sessions,
            people: self.people,
            note: self.note.clone(),
        })
    }
}

#[derive(Args, Debug)]
pub struct PublicityList {
    /// 开始日期（含）
    #[arg(long, value_name = "D")]
    from: Option<String>,
    /// 结束日期（含）
    #[arg(long, value_name = "D")]
    to: Option<String>,
    /// 只列某一行动名称
    #[arg(long, value_name = "C")]
    category: Option<String>,
    /// 输出 JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct ExportAllCli {
    /// 保存为这个 .xlsx 文件（每张表一个工作表）
    #[arg(long, value_name = "F.xlsx")]
    out: PathBuf,
    /// 输出 JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct ExportCsvCli {
    /// 哪张表：households 住户和场所, people 弱势群体, grids 网格, inspections 入户检查,
    /// hazards 隐患台账, revisits 隐患回访, publicity 宣传记录, rounds 轮次
    #[arg(long, value_name = "T")]
    table: String,
    /// 编码：utf8bom（UTF-8 带 BOM，新版 Excel/WPS）或 gbk（旧版 Excel）
    #[arg(long, value_name = "E", default_value = "utf8bom")]
    encoding: String,
    /// 保存为这个 .csv 文件
    #[arg(long, value_name = "F.csv")]
    out: PathBuf,
    /// 输出 JSON
    #[arg(long)]
    json: bool,
}

fn path_str(p: &std::path::Path) -> String {
    p.display().to_string()
}

/// Prints the table the way it looks on paper (CJK-aware padding).
pub(crate) fn print_table(t: &StatsTable, label: &str) {
    println!("{}", qiaomen_core::stats::TITLE);
    println!("统计时段：{label}");
    println!("报送单位（乡镇/部门）：{}    联系人：{}", t.unit, t.contact);
    println!();
    let heads = ["次数", "人数", "隐患总数", "整改", "重大隐患", "整改"];
    let mut line = pad("行动名称", 22);
    for h in heads {
        line.push_str(&pad(h, 10));
    }
    println!("{}", line.trim_end());
    let row = |r: &StatsRow| {
        let mut line = pad(&r.action, 22);
        for c in Column::ALL {
            line.push_str(&pad(&r.get(c).to_string(), 10));
        }
        println!("{}", line.trim_end());
    };
    for r in &t.rows {
        row(r);
    }
    row(&t.total);
}

fn period_label(from: &str, to: &str) -> String {
    match (qiaomen_core::parse_date(from), qiaomen_core::parse_date(to)) {
        (Ok(f), Ok(t)) => qiaomen_core::stats::Period::range(f, t)
            .map(|p| p.label)
            .unwrap_or_default(),
        _ => "未注明".to_string(),
    }
}

pub fn report(db: &Option<PathBuf>, a: ReportArgs) -> Result<(), Error> {
    match a.sub {
        Some(ReportCmd::Aggregate(g)) => return aggregate(db, g),
        Some(ReportCmd::Cell(c)) => return cell(db, c),
        Some(ReportCmd::Narrative(n)) => return narrative(db, n),
        None => {}
    }
    let api = crate::open(db)?;
    let p = api.report_period(&a.period.spec())?;
    let view = api.report_view(&p.from, &p.to)?;
    let save = |out: &PathBuf| ReportSaveArgs {
        from: p.from.clone(),
        to: p.to.clone(),
        out: path_str(out),
        report_date: a.report_date.clone().or_else(|| a.period.today.clone()),
    };
    let mut saved = Vec::new();
    if let Some(x) = &a.xlsx {
        saved.push(api.report_save_xlsx(&save(x))?);
    }
    if let Some(x) = &a.pdf {
        saved.push(api.report_save_pdf(&save(x))?);
    }
    let mut notes: Vec<String> = saved.iter().flat_map(|s| s.warnings.clone()).collect();
    if view.uncounted.hazards + view.uncounted.events > 0 {
        notes.push(format!(
            "本期有 {} 条隐患、{} 条宣传记录的行动名称不在统计表的七类中，没有计入。",
            view.uncounted.hazards, view.uncounted.events
        ));
    }
    if a.json {
        json(&view.table)?;
        for s in &saved {
            eprintln!("已保存：{}", s.path);
        }
    } else {
        print_table(&view.table, &p.label);
        for s in &saved {
            println!("已保存：{}", s.path);
        }
    }
    for n in notes {
        eprintln!("提示：{n}");
    }
    Ok(())
}

fn aggregate(db: &Option<PathBuf>, g: AggregateCli) -> Result<(), Error> {
    let api = crate::open(db)?;
    let args = AggregateArgs {
        paths: g.files.iter().map(|p| path_str(p)).collect(),
        unit: g.unit.clone(),
        from: g.from.clone(),
        to: g.to.clone(),
        out: g.xlsx.as_ref().map(|p| path_str(p)),
    };
    let agg = api.aggregate_run(&args, &no_progress)?;
    if g.json {
        json(&agg)?;
    } else {
        print_table(&agg.table(), &period_label(&agg.from, &agg.to));
        println!();
        println!("汇总来源（{} 个文件）：", agg.sources.len());
        for (i, s) in agg.sources.iter().enumerate() {
            println!(
                "{:>3}. {}  {}  统计时段：{}  报送时间：{}  隐患 {} 条、宣传 {} 次",
                i + 1,
                s.file,
                s.unit,
                s.period,
                if s.report_date.is_empty() {
                    "未注明"
                } else {
                    &s.report_date
                },
                s.total.hazards,
                s.total.sessions
            );
            for b in &s.unreadable {
                println!(
                    "     无法识别 {}（{} / {}）：“{}”，按 0 计",
                    b.address, b.action, b.column, b.text
                );
            }
            for n in &s.notes {
                println!("     {n}");
            }
        }
        if let Some(x) = &g.xlsx {
            println!("已保存：{}", x.display());
        }
    }
    for w in &agg.warnings {
        eprintln!("提示：{w}");
    }
    Ok(())
}

fn narrative(db: &Option<PathBuf>, n: NarrativeCli) -> Result<(), Error> {
    let api = crate::open(db)?;
    // The report date stands for today where the period moves with the clock.
    let report_date = n.report_date.clone().or_else(|| n.period.today.clone());
    let today = n.period.today.clone().or_else(|| n.report_date.clone());
    let period = match (n.season, n.period.spec()) {
        (true, _) => PeriodSpec::Season {
            date: today.unwrap_or_default(),
        },
        (false, PeriodSpec::Due { date }) if date.is_empty() => PeriodSpec::Due {
            date: today.unwrap_or_default(),
        },
        (false, PeriodSpec::Current { date, offset }) if date.is_empty() => PeriodSpec::Current {
            date: today.unwrap_or_default(),
            offset,
        },
        (false, other) => other,
    };
    let p = api.report_period(&period)?;
    let f = api.report_narrative(&NarrativeArgs {
        period,
        out: path_str(&n.out),
        report_date,
    })?;
    if n.json {
        return json(&f);
    }
    println!("{}", p.label);
    println!("已保存：{}", f.path);
    Ok(())
}

fn cell(db: &Option<PathBuf>, c: CellCli) -> Result<(), Error> {
    let api = crate::open(db)?;
    let p = api.report_period(&c.period.spec())?;
    let d = api.report_cell(&ReportCellArgs {
        from: p.from.clone(),
        to: p.to.clone(),
        action: c.action.clone(),
        column: c.column,
        limit: None,
    })?;
    if c.json {
        return json(&d);
    }
    println!(
        "{} · {}：{}（{}，{}）",
        d.action,
        c.column.header(),
        d.value,
        d.explain,
        p.label
    );
    for h in &d.hazards {
        println!(
            "{}  {}  {}  {}{}  {}  {}",
            h.found_on,
            h.household_code,
            h.household_name,
            h.description,
            if h.major { "（重大）" } else { "" },
            match h.status.as_str() {
                "open" => "未整改",
                "fixed_on_site" => "现场整改",
                _ => "已销号",
            },
            h.closed_on.clone().unwrap_or_default()
        );
    }
    for e in &d.events {
        println!(
            "{}  {}  {}  {} 次  {} 人  {}",
            e.date, e.category, e.kind, e.sessions, e.people, e.note
        );
    }
    Ok(())
}

pub fn publicity(db: &Option<PathBuf>, c: PublicityCmd) -> Result<(), Error> {
    let mut api = crate::open(db)?;
    match c {
        PublicityCmd::Add(a) => {
            let e = api.publicity_add(&a.input()?)?;
            if a.json {
                json(&e)
            } else {
                println!(
                    "已添加：{} {} {} {} 次 {} 人（id {}）",
                    e.date, e.category, e.kind, e.sessions, e.people, e.id
                );
                Ok(())
            }
        }
        PublicityCmd::Edit { id, input } => {
            let e = api.publicity_update(&id, &input.input()?)?;
            if input.json {
                json(&e)
            } else {
                println!(
                    "已修改：{} {} {} {} 次 {} 人",
                    e.date, e.category, e.kind, e.sessions, e.people
                );
                Ok(())
            }
        }
        PublicityCmd::Delete { id } => {
            api.publicity_delete(&id)?;
            println!("已删除。");
            Ok(())
        }
        PublicityCmd::List(l) => {
            let list = api.publicity_list(&PublicityQuery {
                from: l.from,
                to: l.to,
                category: l.category.as_deref().map(Category::check).transpose()?,
            })?;
            if l.json {
                return json(&list);
            }
            println!(
                "{}{}{}{}{}备注",
                pad("日期", 12),
                pad("行动名称", 20),
                pad("宣传形式", 12),
                pad("次数", 6),
                pad("人数", 8)
            );
            for e in &list {
                println!(
                    "{}{}{}{}{}{}",
                    pad(&e.date, 12),
                    pad(e.category.name(), 20),
                    pad(&e.kind, 12),
                    pad(&e.sessions.to_string(), 6),
                    pad(&e.people.to_string(), 8),
                    e.note
                );
            }
            let s: i64 = list.iter().map(|e| e.sessions).sum();
            let p: i64 = list.iter().map(|e| e.people).sum();
            println!("共 {} 条，{s} 次，{p} 人。", list.len());
            Ok(())
        }
        PublicityCmd::Import {
            file,
            json: as_json,
        } => {
            let r = api.publicity_import(&path_str(&file))?;
            if as_json {
                return json(&r);
            }
            println!(
                "导入 {} 条，{} 条与已有记录重复已跳过。",
                r.added, r.duplicates
            );
            for p in &r.problems {
                println!("第 {} 行：{}", p.row, p.message);
            }
            Ok(())
        }
    }
}

pub fn export_all(db: &Option<PathBuf>, a: ExportAllCli) -> Result<(), Error> {
    let api = crate::open(db)?;
    let s = api.export_all(&path_str(&a.out), &no_progress)?;
    if a.json {
        return json(&s);
    }
    for t in &s.tables {
        println!("{}：{} 行", t.name, t.rows);
    }
    println!("已保存：{}", s.file.path);
    Ok(())
}

pub fn export_csv(db: &Option<PathBuf>, a: ExportCsvCli) -> Result<(), Error> {
    let api = crate::open(db)?;
    let enc = CsvEncoding::parse(&a.encoding)?;
    let s = api.export_csv(&a.table, enc, &path_str(&a.out))?;
    if a.json {
        json(&s)?;
    } else {
        for t in &s.tables {
            println!("{}：{} 行，已保存：{}", t.name, t.rows, s.file.path);
        }
    }
    for w in &s.file.warnings {
        eprintln!("提示：{w}");
    }
    Ok(())
}
