//! Paper read back from the command line (issue 18): double entry (双录入核对) — the second
//! entry of a form (`inspections verify`), settling a difference (`inspections resolve`), the
//! disagreement per inspector (`inspections quality`) — and 未答项 (`inspections blanks`).
//! Answer strings map to the template's items by position, as in `inspections add`.

use crate::inspections::{parse_answers, parse_other};
use crate::out::{cn, json, pad, short};
use clap::Args;
use qiaomen_api::{Api, Error};
use qiaomen_core::inspections::blanks::BlanksQuery;
use qiaomen_core::inspections::verify::{Choice, SecondEntryInput, Verification};
use qiaomen_core::inspections::verify_stats::VerifyPeriod;

#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// 检查记录编号（或其末几位）
    id: String,
    /// 第二次录入的答案，按题的顺序，如 NNYYNNNYYNYYNYNY（Y/1/是、N/0/否、- 不答）
    #[arg(long)]
    answers: String,
    /// 第二次录入的其它隐患："描述|类别|重大"（类别、重大可省略），可写多次
    #[arg(long)]
    other: Vec<String>,
    /// 录入人
    #[arg(long, default_value = "")]
    by: String,
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct ResolveArgs {
    /// 检查记录编号（或其末几位）
    id: String,
    /// 题号（0 表示其它隐患情况）
    #[arg(long)]
    item: i64,
    /// 核对纸质表后的答案：是、否 或 -（不答）；其它隐患情况写 第一次 或 第二次
    #[arg(long)]
    answer: String,
    /// 核对人
    #[arg(long, default_value = "")]
    by: String,
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct BlanksArgs {
    /// 只看一个网格（名称或编号；- 表示未分网格的户）
    #[arg(long)]
    grid: Option<String>,
    /// 起始日期
    #[arg(long)]
    from: Option<String>,
    /// 结束日期
    #[arg(long)]
    to: Option<String>,
    /// 每户的每次检查都列出（默认只看每户最近一次）
    #[arg(long)]
    all_visits: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct QualityArgs {
    /// 起始日期（检查日期）
    #[arg(long)]
    from: Option<String>,
    /// 结束日期
    #[arg(long)]
    to: Option<String>,
    #[arg(long)]
    json: bool,
}

fn print_mismatches(v: &Verification) {
    for m in &v.mismatches {
        let what = if m.item == 0 {
            m.text.clone()
        } else {
            format!("第 {} 项 {}", m.item, m.text)
        };
        println!(
            "  {what}\n      第一次：{}    第二次：{}",
            m.first, m.second
        );
    }
}

pub fn verify(api: &mut Api, a: VerifyArgs) -> Result<(), Error> {
    let i = api.inspections_resolve(&a.id)?;
    let t = api.templates_get(&i.template_id, Some(i.template_version))?;
    let input = SecondEntryInput {
        answers: parse_answers(&a.answers, &t)?,
        extra_hazards: a
            .other
            .iter()
            .map(|s| parse_other(s))
            .collect::<Result<Vec<_>, _>>()?,
        keyed_by: a.by,
    };
    let v = api.verify_second_entry(&i.id, &input)?;
    if a.json {
        return json(&v);
    }
    let who = format!(
        "{}（编号 {}）{}",
        i.household.name,
        i.household.code,
        cn(&i.visit_date)
    );
    if v.verified {
        println!("已核对：{who} 两次录入一致。");
    } else {
        println!(
            "{who} 两次录入有 {} 处不同，请对照纸质表用 qiaomen inspections resolve {} --item 题号 --answer 是|否|- 逐项确定：",
            v.mismatches.len(),
            short(&i.id)
        );
        print_mismatches(&v);
    }
    Ok(())
}

pub fn resolve(api: &mut Api, a: ResolveArgs) -> Result<(), Error> {
    let i = api.inspections_resolve(&a.id)?;
    let choice = Choice::read(&a.answer)?;
    let r = api.verify_resolve(&i.id, a.item, choice, &a.by)?;
    if a.json {
        return json(&r);
    }
    let what = if a.item == 0 {
        "其它隐患情况".to_string()
    } else {
        format!("第 {} 项", a.item)
    };
    let chosen = r
        .verification
        .resolutions
        .iter()
        .rfind(|x| x.item == a.item)
        .map(|x| x.chosen.clone())
        .unwrap_or_default();
    println!("{what} 定为：{chosen}");
    if r.changed {
        println!(
            "检查记录已改正，隐患新增 {} 条、删除 {} 条。",
            r.hazards_added, r.hazards_removed
        );
    }
    if r.verification.verified {
        println!("已核对：这张表的差异都已确定。");
    } else {
        println!("还有 {} 处不同：", r.verification.mismatches.len());
        print_mismatches(&r.verification);
    }
    Ok(())
}

pub fn blanks(api: &Api, a: BlanksArgs) -> Result<(), Error> {
    let grid_id = match a.grid.as_deref() {
        Some("-") => Some("-".to_string()),
        Some(g) => Some(api.grids_resolve(g)?.id),
        None => None,
    };
    let b = api.inspections_blanks(&BlanksQuery {
        grid_id,
        from: a.from,
        to: a.to,
        latest_only: !a.all_visits,
    })?;
    if a.json {
        return json(&b);
    }
    println!(
        "{}{}{}{}未答的题",
        pad("户编号", 8),
        pad("名称", 14),
        pad("网格", 12),
        pad("日期", 16)
    );
    for r in &b.rows {
        let items: Vec<String> = r.blank_items.iter().map(i64::to_string).collect();
        println!(
            "{}{}{}{}{}",
            pad(&r.household_code, 8),
            pad(&r.household_name, 14),
            pad(&r.grid, 12),
            pad(&cn(&r.visit_date), 16),
            items.join("、")
        );
    }
    for g in &b.by_grid {
        println!("{}：{} 张表，未答 {} 题", g.grid, g.forms, g.blanks);
    }
    println!("共 {} 张表有未答的题", b.rows.len());
    Ok(())
}

pub fn quality(api: &Api, a: QualityArgs) -> Result<(), Error> {
    let p = VerifyPeriod {
        from: a.from,
        to: a.to,
    };
    let list = api.verify_by_inspector(&p)?;
    if a.json {
        return json(&list);
    }
    let s = api.verify_summary(&p)?;
    println!("已核对 {} / 应核对 {}", s.verified, s.due);
    println!(
        "{}{}{}差异比例（不同的题数）",
        pad("检查人员", 14),
        pad("双录入表数", 12),
        pad("有差异的表", 12),
    );
    for q in &list {
        println!(
            "{}{}{}{}%（{} 题）",
            pad(&q.inspector, 14),
            pad(&q.forms.to_string(), 12),
            pad(&q.disagreed.to_string(), 12),
            q.percent,
            q.items
        );
    }
    if list.is_empty() {
        println!("还没有录入过第二次的表。");
    }
    Ok(())
}
