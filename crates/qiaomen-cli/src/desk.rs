//! `qiaomen desk`: the 工作台 as text or JSON — what to do today at a glance.

use crate::out::{cn, json};
use clap::Args;
use qiaomen_api::Error;
use qiaomen_core::desk::Desk;
use qiaomen_core::narrative::percent;

#[derive(Args, Debug)]
pub struct DeskArgs {
    /// 把这一天当作今天（默认取电脑的日期），如 2024-12-20
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<String>,
    /// 输出 JSON（与桌面程序工作台的数字相同）
    #[arg(long)]
    json: bool,
}

pub fn desk(db: &Option<std::path::PathBuf>, a: DeskArgs) -> Result<(), Error> {
    let api = crate::open(db)?;
    let d = api.desk(a.today.as_deref())?;
    if a.json {
        return json(&d);
    }
    print(&d);
    Ok(())
}

fn print(d: &Desk) {
    println!("工作台（{}）", cn(&d.today));
    let h = &d.hazards;
    println!(
        "隐患：已超期 {} 条，3 天内到期 {} 条（{}前）",
        h.overdue,
        h.due_soon,
        cn(&h.due_by)
    );
    for g in &h.by_grid {
        println!("  {}：超期 {}，将到期 {}", g.grid, g.overdue, g.due_soon);
    }
    match &d.coverage {
        Some(c) => {
            println!(
                "入户：{}（{}至{}）已入户 {}/{} 户（{}）",
                c.round.name,
                cn(&c.round.start_date),
                cn(&c.round.end_date),
                c.visited,
                c.households,
                percent(c.visited, c.households)
            );
            for g in c.grids.iter().filter(|g| g.not_visited > 0) {
                println!(
                    "  {}：{}/{} 户，未入户 {} 户",
                    g.grid, g.visited, g.households, g.not_visited
                );
            }
        }
        None => println!("入户：还没有设置轮次（qiaomen rounds add）"),
    }
    println!(
        "录入：今天 {} 份检查表，本期（{}至{}）{} 份",
        d.keyed.today,
        cn(&d.keyed.period.from),
        cn(&d.keyed.period.to),
        d.keyed.in_period
    );
    if let Some(v) = &d.keyed.double_entry {
        println!(
            "双录入核对：已核对 {} / 应核对 {}，未核对 {} 份（待第二遍录入 {}，有差异未处理 {}）",
            v.verified,
            v.due,
            v.due - v.verified,
            v.waiting,
            v.with_differences
        );
    }
    let r = &d.report;
    let when = match r.days_left {
        0 => "今天报送".to_string(),
        n if n > 0 => format!("还有 {n} 天"),
        n => format!("已过 {} 天", -n),
    };
    let saved = match &r.saved {
        Some(s) => format!("统计表已于 {} 保存", s.saved_cn),
        None => "统计表还没有保存".to_string(),
    };
    println!(
        "报送：待报送 {}，{}截止，{when}；{saved}",
        r.period.label,
        cn(&r.due_on)
    );
    if let Some(b) = &d.backup {
        let last = b
            .last
            .as_ref()
            .map_or("没有".to_string(), |f| f.created_cn.clone());
        let usb = b
            .last_usb
            .as_ref()
            .map_or("没有".to_string(), |f| f.created_cn.clone());
        println!("备份：最近一次 {last}；最近一次备份到U盘等位置 {usb}");
    }
}
