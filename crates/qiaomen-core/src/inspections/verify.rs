//! Double entry (双录入核对, issue 18): a paper form keyed a second time, blind, by the same
//! keys as the first; the two compared item by item (and the other hazards); each difference
//! settled by the clerk looking at the paper.
//!
//! - The first entry is the inspection as recorded: statistics count it at once, whatever
//!   the setting. A second entry is stored beside it (migration 0007) and changes nothing.
//! - A difference is listed (item, first, second) until settled. Settling it with the
//!   first entry's answer changes nothing; with another answer it edits the inspection like
//!   any correction: one transaction, audited, hazards re-derived ([`super::update_in`]).
//! - A form is verified once a second entry exists and no difference is left.
//! - Which forms need a second entry ([`super::verify_stats`]): the office's setting, applied
//!   when a keyed form is first saved and recorded on the form.
//!
//! Answers are written 是 / 否 / - (blank), as `qiaomen inspections resolve --answer` takes
//! them; item 0 is the 其它隐患情况 (its hazards as text).

use super::{get, update_in, AnswerEntry, ExtraHazardInput, Inspection, InspectionInput};
use crate::error::{Context, Error, Result};
use crate::hazards::{HazardSource, HazardStatus};
use crate::templates::{self, Answer, Template};
use crate::{new_id, now_ts, text, Category};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A second entry as keyed (blind: the first entry's answers are not shown).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct SecondEntryInput {
    /// Unanswered items are left out.
    #[serde(default)]
    pub answers: Vec<AnswerEntry>,
    /// The other hazards written on the paper (category and major flag as keyed).
    #[serde(default)]
    pub extra_hazards: Vec<ExtraHazardInput>,
    /// Who keyed it (录入人), as typed; may be empty.
    #[serde(default)]
    pub keyed_by: String,
}

/// One difference between the two entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Mismatch {
    /// The item number; 0 for the 其它隐患情况.
    pub item: i64,
    /// The item's text as printed.
    pub text: String,
    /// What the first entry says: 是 / 否 / - (the other hazards as text).
    pub first: String,
    /// What the second entry says.
    pub second: String,
}

/// Where a form stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VerifyState {
    /// Not chosen for double entry and no second entry keyed.
    None,
    /// Chosen, waiting for its second entry (未核对).
    Pending,
    /// Second entry keyed, differences not all settled (未核对).
    Differences,
    /// 已核对.
    Verified,
}

impl VerifyState {
    /// As lists print it.
    pub fn label(self) -> &'static str {
        match self {
            VerifyState::None => "",
            VerifyState::Pending => "未核对",
            VerifyState::Differences => "未核对（有差异）",
            VerifyState::Verified => "已核对",
        }
    }

    /// The SQL expression of the state of inspection `i` with its `double_entries` row `d`
    /// (LEFT JOINed).
    pub(crate) const SQL: &'static str = "CASE WHEN d.inspection_id IS NULL THEN 'none'
        WHEN d.verified_at IS NOT NULL THEN 'verified'
        WHEN d.answers IS NOT NULL THEN 'differences'
        WHEN d.required = 1 THEN 'pending' ELSE 'none' END";
}

crate::stored_text::stored_as_text!(VerifyState, "核对状态", {
    None => "none",
    Pending => "pending",
    Differences => "differences",
    Verified => "verified",
});

/// A settled difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Resolution {
    /// The item number; 0 for the 其它隐患情况.
    pub item: i64,
    /// What the first entry said: 是 / 否 / - (the other hazards as text).
    pub first: String,
    /// What the second entry said.
    pub second: String,
    /// The answer the clerk chose from the paper (the inspection now holds it).
    pub chosen: String,
    /// Who settled it, as typed; may be empty.
    pub resolved_by: String,
    /// When it was settled (UTC, `2024-12-01T08:00:00.000Z`).
    pub resolved_at: String,
}

/// The double entry of one form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Verification {
    /// Row id in `inspections` of the form.
    pub inspection_id: String,
    /// Where the form stands (none, pending, differences, verified).
    pub state: VerifyState,
    /// No difference left after a second entry.
    pub verified: bool,
    /// Chosen for double entry when the first entry was saved.
    pub required: bool,
    /// all, sample or '' (keyed by choice).
    pub chosen_by: String,
    /// Who keyed the latest second entry (录入人), as typed; empty when not given or none keyed.
    pub keyed_by: String,
    /// When the latest second entry was keyed (UTC); None before any.
    pub keyed_at: Option<String>,
    /// How many second entries were keyed.
    pub keying: i64,
    /// Differences found at the latest second entry (settled or not).
    pub differences: i64,
    /// When the form became verified (UTC); None while not.
    pub verified_at: Option<String>,
    /// The differences not settled yet, in item order (the other hazards last).
    pub mismatches: Vec<Mismatch>,
    /// The differences settled after the latest second entry.
    pub resolutions: Vec<Resolution>,
}

/// How the clerk settles a difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    /// 是
    Yes,
    /// 否
    No,
    /// - (not ticked on paper)
    Blank,
    /// What the first entry says.
    First,
    /// What the second entry says.
    Second,
}

impl Choice {
    /// Reads 是 / 否 / - (and Y, N, 1, 0), 第一次 / 第二次 (1st, 2nd) as typed.
    pub fn read(s: &str) -> Result<Choice> {
        let t = text::to_half_width(s.trim()).to_lowercase();
        Ok(match t.as_str() {
            "-" | "_" | "空" | "不答" | "blank" => Choice::Blank,
            "first" | "第一次" | "一" | "1st" => Choice::First,
            "second" | "第二次" | "二" | "2nd" => Choice::Second,
            _ => match Answer::read(&t) {
                Some(Answer::Yes) => Choice::Yes,
                Some(Answer::No) => Choice::No,
                None => {
                    return Err(Error::invalid(format!(
                        "“{}”看不懂：写 是、否 或 -（不答），其它隐患情况写 第一次 或 第二次。",
                        s.trim()
                    )))
                }
            },
        })
    }
}

/// 是 / 否 / - for an answer.
pub fn answer_text(a: Option<Answer>) -> String {
    a.map(|a| a.label()).unwrap_or("-").to_string()
}

/// An other hazard as the two entries are compared: wording without spaces and punctuation
/// differences (full/half width), category, major flag.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) struct OtherKey {
    pub description: String,
    pub category: Category,
    pub major: bool,
}

fn other_key(description: &str, category: Category, major: bool) -> OtherKey {
    let d: String = text::to_half_width(&text::clean(description))
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '。' | '.' | '，' | ',' | '；' | ';'))
        .collect();
    OtherKey {
        description: d,
        category,
        major,
    }
}

fn others_text(list: &[OtherKey]) -> String {
    if list.is_empty() {
        return "无".to_string();
    }
    list.iter()
        .map(|o| {
            format!(
                "{}（{}{}）",
                o.description,
                o.category.name(),
                if o.major { "，重大" } else { "" }
            )
        })
        .collect::<Vec<_>>()
        .join("；")
}

fn first_others(i: &Inspection) -> Vec<OtherKey> {
    let mut v: Vec<OtherKey> = i
        .hazards
        .iter()
        .filter(|h| h.source == HazardSource::Other)
        .map(|h| other_key(&h.description, h.category, h.major))
        .collect();
    v.sort();
    v
}

/// The stored row of a form's double entry.
struct Row {
    required: bool,
    chosen_by: String,
    answers: Option<Vec<AnswerEntry>>,
    other: Vec<OtherKey>,
    keyed_by: String,
    keyed_at: Option<String>,
    keying: i64,
    differences: i64,
    verified_at: Option<String>,
}

fn parse_json<T: serde::de::DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_str(s).context(|| Error::internal("双录入数据无法读取（程序内部错误）。"))
}

fn row(conn: &Connection, id: &str) -> Result<Option<Row>> {
    type Raw = (
        bool,
        String,
        Option<String>,
        Option<String>,
        String,
        Option<String>,
        i64,
        i64,
        Option<String>,
    );
    let raw: Option<Raw> = conn
        .query_row(
            "SELECT required, chosen_by, answers, other, keyed_by, keyed_at, keying, differences,
                verified_at FROM double_entries WHERE inspection_id = ?1",
            [id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                ))
            },
        )
        .optional()?;
    let Some(r) = raw else { return Ok(None) };
    Ok(Some(Row {
        required: r.0,
        chosen_by: r.1,
        answers: r.2.as_deref().map(parse_json).transpose()?,
        other: match r.3.as_deref() {
            Some(s) => parse_json(s)?,
            None => Vec::new(),
        },
        keyed_by: r.4,
        keyed_at: r.5,
        keying: r.6,
        differences: r.7,
        verified_at: r.8,
    }))
}

fn resolutions(conn: &Connection, id: &str, keying: i64) -> Result<Vec<Resolution>> {
    let mut st = conn.prepare(
        "SELECT item_no, first, second, chosen, resolved_by, resolved_at FROM entry_resolutions
         WHERE inspection_id = ?1 AND keying = ?2 ORDER BY resolved_at, id",
    )?;
    let rows = st.query_map(params![id, keying], |r| {
        Ok(Resolution {
            item: r.get(0)?,
            first: r.get(1)?,
            second: r.get(2)?,
            chosen: r.get(3)?,
            resolved_by: r.get(4)?,
            resolved_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every difference between the inspection as it is and the second entry, settled or not.
fn compare(
    t: &Template,
    i: &Inspection,
    second: &[AnswerEntry],
    other: &[OtherKey],
) -> Vec<Mismatch> {
    let mut out = Vec::new();
    let of =
        |list: &[AnswerEntry], no: i64| list.iter().find(|a| a.item_no == no).map(|a| a.answer);
    for item in t.items.iter().filter(|it| it.answer == "yes_no") {
        let (a, b) = (of(&i.answers, item.no), of(second, item.no));
        if a != b {
            out.push(Mismatch {
                item: item.no,
                text: item.text.clone(),
                first: answer_text(a),
                second: answer_text(b),
            });
        }
    }
    let first = first_others(i);
    if first != other {
        out.push(Mismatch {
            item: 0,
            text: t.other_hazards_label.clone(),
            first: others_text(&first),
            second: others_text(other),
        });
    }
    out
}

/// The double entry of one inspection (a form never chosen and never keyed twice: state
/// `none`, nothing keyed).
pub fn get_verification(conn: &Connection, id: &str) -> Result<Verification> {
    let i = get(conn, id)?;
    let r = row(conn, id)?;
    let Some(r) = r else {
        return Ok(Verification {
            inspection_id: id.to_string(),
            state: VerifyState::None,
            verified: false,
            required: false,
            chosen_by: String::new(),
            keyed_by: String::new(),
            keyed_at: None,
            keying: 0,
            differences: 0,
            verified_at: None,
            mismatches: vec![],
            resolutions: vec![],
        });
    };
    let settled = resolutions(conn, id, r.keying)?;
    let mismatches = match &r.answers {
        Some(second) => {
            let t = templates::get(conn, &i.template_id, Some(i.template_version))?;
            compare(&t, &i, second, &r.other)
                .into_iter()
                .filter(|m| !settled.iter().any(|s| s.item == m.item))
                .collect()
        }
        None => vec![],
    };
    let state = match (&r.answers, &r.verified_at) {
        (_, Some(_)) => VerifyState::Verified,
        (Some(_), None) => VerifyState::Differences,
        (None, None) if r.required => VerifyState::Pending,
        _ => VerifyState::None,
    };
    Ok(Verification {
        inspection_id: id.to_string(),
        state,
        verified: r.verified_at.is_some(),
        required: r.required,
        chosen_by: r.chosen_by,
        keyed_by: r.keyed_by,
        keyed_at: r.keyed_at,
        keying: r.keying,
        differences: r.differences,
        verified_at: r.verified_at,
        mismatches,
        resolutions: settled,
    })
}

/// Marks the form verified when a second entry exists and no difference is left (and
/// un-marks it otherwise). Returns the verification.
fn settle_state(conn: &Connection, id: &str) -> Result<Verification> {
    let v = get_verification(conn, id)?;
    let done = v.keying > 0 && v.mismatches.is_empty();
    if done != v.verified {
        let now = now_ts();
        conn.execute(
            "UPDATE double_entries SET verified_at = ?2, updated_at = ?3 WHERE inspection_id = ?1",
            params![id, done.then_some(now.clone()), now],
        )?;
        return get_verification(conn, id);
    }
    Ok(v)
}

/// Keys the second entry of inspection `id` (one transaction). It is compared with the
/// inspection as it is now; the inspection and its hazards do not change. A form may get a
/// second entry whatever the office's setting, and again (the latest replaces the earlier).
pub fn second_entry(conn: &Connection, id: &str, input: &SecondEntryInput) -> Result<Verification> {
    let tx = conn.unchecked_transaction()?;
    let i = get(&tx, id)?;
    let t = templates::get(&tx, &i.template_id, Some(i.template_version))?;
    let mut answers: Vec<AnswerEntry> = Vec::new();
    for a in &input.answers {
        let item = t.item(a.item_no).ok_or_else(|| {
            Error::invalid(format!("检查表“{}”没有第 {} 项。", t.name, a.item_no))
        })?;
        if item.answer != "yes_no" {
            return Err(Error::invalid(format!("第 {} 项不是是/否题。", item.no)));
        }
        if answers.iter().any(|x| x.item_no == a.item_no) {
            return Err(Error::invalid(format!("第 {} 项答了两次。", a.item_no)));
        }
        answers.push(*a);
    }
    answers.sort_by_key(|a| a.item_no);
    let mut other: Vec<OtherKey> = input
        .extra_hazards
        .iter()
        .filter(|e| !text::clean(&e.description).is_empty())
        .map(|e| other_key(&e.description, e.category, e.major))
        .collect();
    other.sort();
    let differences = compare(&t, &i, &answers, &other).len() as i64;
    let now = now_ts();
    let answers_json = serde_json::to_string(&answers)
        .context(|| Error::internal("程序内部错误：第二次录入无法保存。"))?;
    let other_json = serde_json::to_string(&other)
        .context(|| Error::internal("程序内部错误：第二次录入无法保存。"))?;
    tx.execute(
        "INSERT INTO double_entries (inspection_id, created_at, updated_at) VALUES (?1, ?2, ?2)
         ON CONFLICT (inspection_id) DO NOTHING",
        params![id, now],
    )?;
    tx.execute(
        "UPDATE double_entries SET answers = ?2, other = ?3, keyed_by = ?4, keyed_at = ?5,
            keying = keying + 1, differences = ?6, verified_at = NULL, updated_at = ?5
         WHERE inspection_id = ?1",
        params![
            id,
            answers_json,
            other_json,
            text::clean(&input.keyed_by),
            now,
            differences
        ],
    )?;
    let v = settle_state(&tx, id)?;
    tx.commit()?;
    Ok(v)
}

/// The inspection as an input that records it unchanged (the base of a settled difference).
fn input_of(i: &Inspection) -> InspectionInput {
    InspectionInput {
        household_id: i.household.id.clone(),
        template_id: Some(i.template_id.clone()),
        template_version: Some(i.template_version),
        visit_date: i.visit_date.clone(),
        inspectors: i.inspectors.clone(),
        answers: i.answers.clone(),
        fixed_on_site: i
            .hazards
            .iter()
            .filter(|h| h.source == HazardSource::Item && h.status == HazardStatus::FixedOnSite)
            .filter_map(|h| h.item_no)
            .collect(),
        extra_hazards: i
            .hazards
            .iter()
            .filter(|h| h.source == HazardSource::Other)
            .map(|h| ExtraHazardInput {
                id: Some(h.id.clone()),
                description: h.description.clone(),
                category: h.category,
                major: h.major,
                fixed_on_site: h.status == HazardStatus::FixedOnSite,
            })
            .collect(),
        other_hazards: i.other_hazards.clone(),
        assigned: i.assigned.clone(),
        signed: i.signed,
        note: i.note.clone(),
    }
}

/// The result of settling one difference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Resolved {
    /// The form's double entry after settling.
    pub verification: Verification,
    /// Whether the inspection changed (the answer chosen was not the first entry's).
    pub changed: bool,
    /// Hazards created because the chosen answer differs from the first entry's.
    pub hazards_added: i64,
    /// Hazards removed because the chosen answer differs from the first entry's.
    pub hazards_removed: i64,
}

/// Settles the difference on item `item` (0: the other hazards) of inspection `id` with
/// `choice` (one transaction). The inspection takes the chosen answer and its hazards follow.
pub fn resolve(
    conn: &Connection,
    id: &str,
    item: i64,
    choice: Choice,
    resolved_by: &str,
) -> Result<Resolved> {
    let tx = conn.unchecked_transaction()?;
    let v = get_verification(&tx, id)?;
    if v.keying == 0 {
        return Err(Error::invalid("这张表还没有第二次录入，没有要核对的差异。"));
    }
    let m = v
        .mismatches
        .iter()
        .find(|m| m.item == item)
        .ok_or_else(|| {
            Error::invalid(if item == 0 {
                "其它隐患情况两次录入一致（或已核对），不用再选。".to_string()
            } else {
                format!("第 {item} 项两次录入一致（或已核对），不用再选。")
            })
        })?
        .clone();
    let i = get(&tx, id)?;
    let r = row(&tx, id)?.ok_or_else(|| Error::internal("程序内部错误：双录入记录不见了。"))?;
    let mut input = input_of(&i);
    let chosen: String = if item == 0 {
        match choice {
            Choice::First => m.first.clone(),
            Choice::Second => {
                // The second entry's other hazards replace the first's; one with the same
                // wording keeps its id (and any follow-up).
                let old = std::mem::take(&mut input.extra_hazards);
                input.other_hazards = String::new();
                for o in &r.other {
                    let id = old
                        .iter()
                        .find(|e| {
                            other_key(&e.description, e.category, e.major).description
                                == o.description
                        })
                        .and_then(|e| e.id.clone());
                    input.extra_hazards.push(ExtraHazardInput {
                        id,
                        description: o.description.clone(),
                        category: o.category,
                        major: o.major,
                        fixed_on_site: false,
                    });
                }
                m.second.clone()
            }
            _ => return Err(Error::invalid("其它隐患情况请选 第一次 或 第二次 的录入。")),
        }
    } else {
        let second = r
            .answers
            .as_ref()
            .and_then(|a| a.iter().find(|x| x.item_no == item))
            .map(|x| x.answer);
        let first = i
            .answers
            .iter()
            .find(|x| x.item_no == item)
            .map(|x| x.answer);
        let answer = match choice {
            Choice::Yes => Some(Answer::Yes),
            Choice::No => Some(Answer::No),
            Choice::Blank => None,
            Choice::First => first,
            Choice::Second => second,
        };
        input.answers.retain(|x| x.item_no != item);
        if let Some(a) = answer {
            input.answers.push(AnswerEntry {
                item_no: item,
                answer: a,
            });
            input.answers.sort_by_key(|x| x.item_no);
        }
        answer_text(answer)
    };
    let before = input_of(&i);
    let changed = input.answers != before.answers || input.extra_hazards != before.extra_hazards;
    let (mut added, mut removed) = (0, 0);
    if changed {
        // A fixed-on-the-spot mark only stays on an item that is still a hazard.
        let t = templates::get(&tx, &i.template_id, Some(i.template_version))?;
        input.fixed_on_site.retain(|no| {
            input
                .answers
                .iter()
                .any(|a| a.item_no == *no && t.item(*no).is_some_and(|it| it.is_hazard(a.answer)))
        });
        let saved = update_in(&tx, id, &input)?;
        added = saved.hazards_added;
        removed = saved.hazards_removed;
    }
    tx.execute(
        "INSERT INTO entry_resolutions (id, inspection_id, keying, item_no, first, second, chosen,
            resolved_by, resolved_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            new_id(),
            id,
            r.keying,
            item,
            m.first,
            m.second,
            chosen,
            text::clean(resolved_by),
            now_ts()
        ],
    )?;
    let verification = settle_state(&tx, id)?;
    tx.commit()?;
    Ok(Resolved {
        verification,
        changed,
        hazards_added: added,
        hazards_removed: removed,
    })
}
