//! Inspections from the command line: keying a paper checklist, listing, showing and
//! deleting visits, and one household's whole history; double entry and 未答项 in
//! [`crate::verify`].

use crate::out::{cn, json, pad, short};
use clap::{Args, Subcommand};
use qiaomen_api::{Api, Error};
use qiaomen_core::inspections::{AnswerEntry, ExtraHazardInput, InspectionInput, InspectionQuery};
use qiaomen_core::templates::{Answer, Template};
use qiaomen_core::Category;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum InspectionsCmd {
    /// 录入一张检查表
    Add(AddInspection),
    /// 列出检查记录
    List {
        /// 户的编号
        #[arg(long)]
        household: Option<String>,
        /// 只列还要核对的表（双录入核对：等第二次录入，或有差异未确定）
        #[arg(long)]
        unverified: bool,
        /// 起始日期
        #[arg(long)]
        from: Option<String>,
        /// 结束日期
        #[arg(long)]
        to: Option<String>,
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
    /// 查看一次检查（编号或其前几位）
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// 删除一次检查（已有回访或已销号的隐患时不能删除）
    Delete { id: String },
    /// 一户的全部记录：检查、隐患、回访
    History {
        /// 户的编号
        household: String,
        #[arg(long)]
        json: bool,
    },
    /// 双录入核对：第二次录入一张表（不看第一次的答案），与第一次比对
    Verify(crate::verify::VerifyArgs),
    /// 双录入核对：对照纸质表确定一处差异（隐患随之更新）
    Resolve(crate::verify::ResolveArgs),
    /// 双录入核对：各检查人员的表两次录入不一致的比例
    Quality(crate::verify::QualityArgs),
    /// 未答项：有题没有作答的表，按网格
    Blanks(crate::verify::BlanksArgs),
}

#[derive(Args, Debug)]
pub struct AddInspection {
    /// 户的编号
    #[arg(long)]
    household: String,
    /// 检查日期（默认：上次录入的日期）
    #[arg(long)]
    date: Option<String>,
    /// 入户检查人员（默认：上次录入的人员）
    #[arg(long)]
    inspectors: Option<String>,
    /// 按题号顺序的答案，如 NNYYNNNYYNYYNYNY（Y/1/是、N/0/否、- 不答）
    #[arg(long)]
    answers: Option<String>,
    /// 答“是”的题号，如 2,4
    #[arg(long, value_delimiter = ',')]
    yes: Vec<i64>,
    /// 答“否”的题号，如 3,8
    #[arg(long, value_delimiter = ',')]
    no: Vec<i64>,
    /// 其余未答的题都按“无隐患”的一方作答
    #[arg(long)]
    safe: bool,
    /// 现场整改的题号
    #[arg(long, value_delimiter = ',')]
    fixed: Vec<i64>,
    /// 其它隐患："描述|类别|重大"（类别、重大可省略），可写多次
    #[arg(long)]
    other: Vec<String>,
    /// 现场交办整改事项
    #[arg(long, default_value = "")]
    assigned: String,
    /// 被检查对象负责人已签字
    #[arg(long)]
    signed: bool,
    /// 备注
    #[arg(long, default_value = "")]
    note: String,
    #[arg(long)]
    json: bool,
}

fn parse_answer_char(c: char) -> Result<Option<Answer>, Error> {
    match c {
        'Y' | 'y' | '1' | '是' | '√' => Ok(Some(Answer::Yes)),
        'N' | 'n' | '0' | '否' | '×' => Ok(Some(Answer::No)),
        '-' | '_' | ' ' => Ok(None),
        _ => Err(Error::invalid(format!(
            "答案“{c}”看不懂：用 Y/1/是 表示“是”，N/0/否 表示“否”，- 表示不答。"
        ))),
    }
}

/// Reads an answer string (Y/N/-, one character per item, commas ignored): the i-th character
/// answers the template's i-th item, whatever its number (templates may number with gaps).
pub fn parse_answers(s: &str, t: &Template) -> Result<Vec<AnswerEntry>, Error> {
    let chars: Vec<char> = s.chars().filter(|c| !matches!(c, ',' | '，')).collect();
    if chars.len() > t.items.len() {
        return Err(Error::invalid(format!(
            "答案给了 {} 个，检查表只有 {} 项。",
            chars.len(),
            t.items.len()
        )));
    }
    let mut out = Vec::new();
    for (c, item) in chars.iter().zip(&t.items) {
        if let Some(answer) = parse_answer_char(*c)? {
            out.push(AnswerEntry {
                item_no: item.no,
                answer,
            });
        }
    }
    Ok(out)
}

pub fn parse_other(s: &str) -> Result<ExtraHazardInput, Error> {
    let parts: Vec<&str> = s.split(['|', '｜']).map(str::trim).collect();
    let description = parts.first().copied().unwrap_or("").to_string();
    let category = match parts.get(1).copied().filter(|c| !c.is_empty()) {
        Some(c) => Category::check(c)?,
        None => Category::guess(&description),
    };
    let major = match parts.get(2).copied().unwrap_or("") {
        "" | "否" | "0" | "一般" => false,
        "重大" | "是" | "1" | "major" => true,
        other => {
            return Err(Error::invalid(format!(
                "其它隐患“{description}”的第三部分“{other}”看不懂：写“重大”或省略。"
            )))
        }
    };
    Ok(ExtraHazardInput {
        id: None,
        description,
        category,
        major,
        fixed_on_site: false,
    })
}

fn add_inspection(api: &mut Api, a: AddInspection) -> Result<(), Error> {
    let h = api.households_resolve(&a.household)?;
    let form = api.entry_form(&h.id)?;
    let mut answers: Vec<AnswerEntry> = Vec::new();
    fn set(answers: &mut Vec<AnswerEntry>, no: i64, ans: Answer) {
        answers.retain(|x| x.item_no != no);
        answers.push(AnswerEntry {
            item_no: no,
            answer: ans,
        });
    }
    if let Some(s) = &a.answers {
        for x in parse_answers(s, &form.template)? {
            set(&mut answers, x.item_no, x.answer);
        }
    }
    for no in &a.yes {
        set(&mut answers, *no, Answer::Yes);
    }
    for no in &a.no {
        set(&mut answers, *no, Answer::No);
    }
    if a.safe {
        for item in &form.template.items {
            if answers.iter().any(|x| x.item_no == item.no) {
                continue;
            }
            let safe = match item.hazard_when {
                Some(Answer::No) => Answer::Yes,
                _ => Answer::No,
            };
            set(&mut answers, item.no, safe);
        }
    }
    answers.sort_by_key(|x| x.item_no);
    let extra_hazards = a
        .other
        .iter()
        .map(|s| parse_other(s))
        .collect::<Result<Vec<_>, _>>()?;
    let saved = api.inspections_record(&InspectionInput {
        household_id: h.id.clone(),
        template_id: Some(form.template.id.clone()),
        template_version: Some(form.template.version),
        visit_date: a.date.unwrap_or(form.defaults.visit_date),
        inspectors: a.inspectors.unwrap_or(form.defaults.inspectors),
        answers,
        fixed_on_site: a.fixed,
        extra_hazards,
        other_hazards: String::new(),
        assigned: a.assigned,
        signed: a.signed,
        note: a.note,
    })?;
    if a.json {
        return json(&saved);
    }
    let i = &saved.inspection;
    println!(
        "已录入：{}（编号 {}）{} 的检查，隐患 {} 条。检查记录编号 {}",
        i.household.name,
        i.household.code,
        cn(&i.visit_date),
        i.hazards.len(),
        i.id
    );
    if saved.double_entry {
        println!(
            "这张表被选中双录入核对：请另行录入第二次（qiaomen inspections verify {} --answers …）。",
            short(&i.id)
        );
    }
    for w in &saved.warnings {
        println!("提醒：{}", w.message);
    }
    Ok(())
}

pub fn inspections(db: &Option<PathBuf>, cmd: InspectionsCmd) -> Result<(), Error> {
    let mut api = crate::open(db)?;
    match cmd {
        InspectionsCmd::Add(a) => add_inspection(&mut api, a),
        InspectionsCmd::List {
            household,
            unverified,
            from,
            to,
            json: as_json,
        } => list(&api, household, unverified, from, to, as_json),
        InspectionsCmd::Show { id, json: as_json } => show(&api, &id, as_json),
        InspectionsCmd::Delete { id } => delete(&mut api, &id),
        InspectionsCmd::History {
            household,
            json: as_json,
        } => history(&api, &household, as_json),
        InspectionsCmd::Verify(a) => crate::verify::verify(&mut api, a),
        InspectionsCmd::Resolve(a) => crate::verify::resolve(&mut api, a),
        InspectionsCmd::Quality(a) => crate::verify::quality(&api, a),
        InspectionsCmd::Blanks(a) => crate::verify::blanks(&api, a),
    }
}

fn list(
    api: &Api,
    household: Option<String>,
    unverified: bool,
    from: Option<String>,
    to: Option<String>,
    as_json: bool,
) -> Result<(), Error> {
    let household_id = match household {
        Some(k) => Some(api.households_resolve(&k)?.id),
        None => None,
    };
    let page = api.inspections_list(&InspectionQuery {
        household_id,
        from,
        to,
        unverified: unverified.then_some(true),
        ..Default::default()
    })?;
    if as_json {
        return json(&page.items);
    }
    println!(
        "{}{}{}{}{}检查人员",
        pad("记录编号", 15),
        pad("日期", 16),
        pad("户编号", 8),
        pad("名称", 14),
        pad("隐患", 6),
    );
    for i in &page.items {
        let mark = i.verify.label();
        println!(
            "{}{}{}{}{}{}{}",
            pad(&short(&i.id), 15),
            pad(&cn(&i.visit_date), 16),
            pad(&i.household_code, 8),
            pad(&i.household_name, 14),
            pad(&format!("{}/{}", i.open_hazards, i.hazards), 6),
            i.inspectors,
            if mark.is_empty() {
                String::new()
            } else {
                format!("  [{mark}]")
            }
        );
    }
    println!("共 {} 次检查（隐患列为 未整改/全部）", page.total);
    Ok(())
}

fn show(api: &Api, id: &str, as_json: bool) -> Result<(), Error> {
    let i = api.inspections_resolve(id)?;
    if as_json {
        return json(&i);
    }
    let t = api.templates_get(&i.template_id, Some(i.template_version))?;
    println!(
        "{}（编号 {}）  {}",
        i.household.name, i.household.code, i.household.address
    );
    println!(
        "检查日期：{}  入户检查人员：{}",
        cn(&i.visit_date),
        i.inspectors
    );
    for item in &t.items {
        let ans = i
            .answers
            .iter()
            .find(|a| a.item_no == item.no)
            .map(|a| a.answer.label())
            .unwrap_or("（未答）");
        println!("{:>2}. {} —— {}", item.no, item.text, ans);
    }
    println!("其它隐患情况：{}", i.other_hazards);
    println!("现场交办整改事项：{}", i.assigned);
    println!("签字：{}", if i.signed { "已签字" } else { "未签字" });
    for h in &i.hazards {
        println!(
            "隐患 {}：{}（{}，{}）",
            short(&h.id),
            h.description,
            h.category,
            h.status.label()
        );
    }
    Ok(())
}

fn delete(api: &mut Api, id: &str) -> Result<(), Error> {
    let i = api.inspections_resolve(id)?;
    api.inspections_delete(&i.id)?;
    println!(
        "已删除 {} {} 的检查记录及其隐患。",
        i.household.name,
        cn(&i.visit_date)
    );
    Ok(())
}

fn history(api: &Api, household: &str, as_json: bool) -> Result<(), Error> {
    let h = api.households_resolve(household)?;
    let hist = api.households_history(&h.id)?;
    if as_json {
        return json(&hist);
    }
    println!("{}（编号 {}）{}", h.name, h.code, h.address);
    println!("检查 {} 次：", hist.inspections.len());
    for i in &hist.inspections {
        println!(
            "  {} {}  隐患 {} 条",
            cn(&i.visit_date),
            i.inspectors,
            i.hazards
        );
    }
    println!("隐患 {} 条：", hist.hazards.len());
    for z in &hist.hazards {
        println!(
            "  {} {} {}（{}）{}",
            cn(&z.found_on),
            z.status.label(),
            z.description,
            z.category,
            z.closed_on
                .as_deref()
                .map(|d| format!("，{}销号", cn(d)))
                .unwrap_or_default()
        );
    }
    println!("回访 {} 次：", hist.revisits.len());
    for r in &hist.revisits {
        println!("  {} {} {}", cn(&r.visit_date), r.visitor, r.result);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_answers;
    use qiaomen_core::templates::{Answer, Template, BUILTIN};

    /// `--answers` goes by the template's items in order, answering each by its printed
    /// number (items[i].no), not by i + 1: an office's own sheet may number 1, 2, 5 ….
    #[test]
    fn answers_map_to_the_items_printed_numbers() {
        let mut t = Template::parse(BUILTIN[0]).unwrap();
        for (i, it) in t.items.iter_mut().enumerate() {
            it.no = 10 * (i as i64 + 1);
        }
        let got = parse_answers("Y,N-1", &t).unwrap();
        let got: Vec<(i64, Answer)> = got.iter().map(|a| (a.item_no, a.answer)).collect();
        assert_eq!(
            got,
            vec![(10, Answer::Yes), (20, Answer::No), (40, Answer::Yes)]
        );
        let too_many = "N".repeat(t.items.len() + 1);
        assert!(parse_answers(&too_many, &t).is_err());
        assert!(parse_answers("NX", &t).is_err());
    }
}
