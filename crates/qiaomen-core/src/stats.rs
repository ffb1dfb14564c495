//! The month's statistics table (附件2 冬季安全“敲门行动”工作统计表).
//!
//! A report covers one inclusive period of dates and holds only that period's numbers
//! ("数据不累计"). By DOMAIN.md's defaults:
//! - 隐患总数 = hazards found in the period (`found_on`);
//! - 整改 = hazards closed in the period, whenever found (`closed_on`, status `closed` or
//!   `fixed_on_site`; a hazard fixed on the spot is closed on the visit's date);
//! - 重大隐患 / its 整改 = the same for major hazards;
//! - 次数 / 人数 = the period's publicity sessions and people.
//!
//! Every number can be traced back to the hazards or events behind it ([`cell`]).

mod period;
pub mod season;

pub use period::{parse_month, resolve, Period, PeriodKind, PeriodSpec};

use crate::category::Category;
use crate::error::{Context, Error, Result};
use crate::hazards::HazardStatus;
use crate::publicity::{self, PublicityEvent};
use crate::settings;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The title of the official form.
pub const TITLE: &str = "冬季安全“敲门行动”工作统计表";

/// The footer note of the official form, verbatim.
pub const FOOTER_NOTE: &str = "本表由组织开展敲门行动的村（社区）或部门单位统计本级、本部门本单位开展情况，\
并逐级上报汇总，即：各村（社区）上报上级乡镇；乡镇上报县委办，县级各部门统计本单位开展情况报县委办。\
报送时间：每月23日前报送当月开展情况，数据不累计。";

/// The label of the total row.
pub const TOTAL_LABEL: &str = "合计";

// ---------------------------------------------------------------------------------------
// The table

/// One row of the table (or the total). JSON keys are the CLI's contract.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatsRow {
    /// The row's exact 行动名称 (合计 for the total).
    pub action: String,
    /// 宣传情况 次数
    pub sessions: i64,
    /// 宣传情况 人数
    pub people: i64,
    /// 隐患总数（条）
    pub hazards: i64,
    /// 整改（条）
    pub rectified: i64,
    /// 其中：重大隐患（条）
    pub major: i64,
    /// 重大隐患 整改（条）
    pub major_rectified: i64,
}

impl StatsRow {
    /// An all-zero row for the 行动名称 `action`.
    pub fn new(action: &str) -> StatsRow {
        StatsRow {
            action: action.to_string(),
            ..Default::default()
        }
    }

    /// The number in column `c`.
    pub fn get(&self, c: Column) -> i64 {
        match c {
            Column::Sessions => self.sessions,
            Column::People => self.people,
            Column::Hazards => self.hazards,
            Column::Rectified => self.rectified,
            Column::Major => self.major,
            Column::MajorRectified => self.major_rectified,
        }
    }

    /// Sets the number in column `c` to `v`.
    pub fn set(&mut self, c: Column, v: i64) {
        match c {
            Column::Sessions => self.sessions = v,
            Column::People => self.people = v,
            Column::Hazards => self.hazards = v,
            Column::Rectified => self.rectified = v,
            Column::Major => self.major = v,
            Column::MajorRectified => self.major_rectified = v,
        }
    }

    /// Adds another row's numbers (saturating: hand-typed tables may hold absurd values).
    pub fn add(&mut self, o: &StatsRow) {
        for c in Column::ALL {
            self.set(c, self.get(c).saturating_add(o.get(c)));
        }
    }
}

/// The statistics table of one unit for one period. Serialised, this is exactly the JSON
/// that `qiaomen report --json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatsTable {
    /// 报送单位
    pub unit: String,
    /// 联系人
    pub contact: String,
    /// First day of the period (ISO).
    pub from: String,
    /// Last day of the period (ISO), inclusive.
    pub to: String,
    /// The seven rows in the official order.
    pub rows: Vec<StatsRow>,
    /// 合计
    pub total: StatsRow,
}

impl StatsTable {
    /// An all-zero table with the seven rows.
    pub fn empty(unit: &str, contact: &str, from: &str, to: &str) -> StatsTable {
        StatsTable {
            unit: unit.to_string(),
            contact: contact.to_string(),
            from: from.to_string(),
            to: to.to_string(),
            rows: Category::ALL
                .iter()
                .map(|c| StatsRow::new(c.name()))
                .collect(),
            total: StatsRow::new(TOTAL_LABEL),
        }
    }

    /// Recomputes the total from the rows.
    pub fn sum_total(&mut self) {
        let mut t = StatsRow::new(TOTAL_LABEL);
        for r in &self.rows {
            t.add(r);
        }
        self.total = t;
    }

    /// The row whose 行动名称 is `name` (an official name).
    pub fn row_mut(&mut self, name: &str) -> Option<&mut StatsRow> {
        self.rows.iter_mut().find(|r| r.action == name)
    }

    /// The row of a category.
    pub fn row_of(&mut self, c: Category) -> &mut StatsRow {
        &mut self.rows[c as usize]
    }
}

/// The six number columns, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// 宣传情况 次数.
    Sessions,
    /// 宣传情况 人数.
    People,
    /// 隐患总数（条）.
    Hazards,
    /// 整改（条）: hazards closed or fixed on the spot in the period, whenever found.
    Rectified,
    /// 其中：重大隐患（条）.
    Major,
    /// 重大隐患 整改（条）.
    MajorRectified,
}

impl Column {
    /// The six columns in the table's order.
    pub const ALL: [Column; 6] = [
        Column::Sessions,
        Column::People,
        Column::Hazards,
        Column::Rectified,
        Column::Major,
        Column::MajorRectified,
    ];

    /// The second-level header text of the official form.
    pub fn header(self) -> &'static str {
        match self {
            Column::Sessions => "次数",
            Column::People => "人数",
            Column::Hazards => "隐患总数（条）",
            Column::Rectified => "整改（条）",
            Column::Major => "其中：重大隐患（条）",
            Column::MajorRectified => "整改（条）",
        }
    }

    /// How the number is made, for the clerk.
    pub fn explain(self) -> &'static str {
        match self {
            Column::Sessions => "本期宣传活动的次数之和",
            Column::People => "本期宣传活动覆盖人数之和",
            Column::Hazards => "本期发现（检查日期在本期内）的隐患条数",
            Column::Rectified => "本期整改销号（含现场整改）的隐患条数，不论何时发现",
            Column::Major => "本期发现的重大隐患条数",
            Column::MajorRectified => "本期整改销号（含现场整改）的重大隐患条数，不论何时发现",
        }
    }
}

fn check_range(from: &str, to: &str) -> Result<(String, String)> {
    let f = crate::parse_date(from)?;
    let t = crate::parse_date(to)?;
    if f > t {
        return Err(Error::invalid(format!(
            "开始日期（{}）晚于结束日期（{}）。",
            crate::date_cn(f),
            crate::date_cn(t)
        )));
    }
    Ok((f.to_string(), t.to_string()))
}

/// The statistics of the unit for the inclusive period `from`..=`to` (ISO or as typed).
pub fn compute(conn: &Connection, from: &str, to: &str) -> Result<StatsTable> {
    let (from, to) = check_range(from, to)?;
    let mut tables = compute_each(conn, &[(from, to)])?;
    tables
        .pop()
        .ok_or_else(|| Error::internal("程序内部错误：统计表没有算出来。"))
}

/// The statistics of several inclusive periods (ISO dates, checked by the caller or here),
/// one table each, in one pass over the indexes: the weeks of the 工作台's chart, the months
/// of the 工作总结. [`compute`] is this with one period, so every figure anywhere is made by
/// the same three queries.
pub fn compute_each(conn: &Connection, periods: &[(String, String)]) -> Result<Vec<StatsTable>> {
    let s = settings::load(conn)?;
    let mut checked = Vec::with_capacity(periods.len());
    for (f, t) in periods {
        checked.push(check_range(f, t)?);
    }
    let mut tables: Vec<StatsTable> = checked
        .iter()
        .map(|(f, t)| StatsTable::empty(&s.unit_name, &s.contact, f, t))
        .collect();
    let spans: Vec<[&str; 2]> = checked
        .iter()
        .map(|(f, t)| [f.as_str(), t.as_str()])
        .collect();
    let spans = serde_json::to_string(&spans)
        .context(|| Error::internal("程序内部错误：统计时段无法转换。"))?;

    // The periods as a table b(i, f, t) joined to the hazards; the seven names as
    // parameters ?2..?8: with them the covering indexes hazards_stats_found/closed
    // (migration 0003) answer each period's row by one index range.
    const B: &str = "WITH b AS (SELECT CAST(key AS INTEGER) AS i, value ->> 0 AS f,
        value ->> 1 AS t FROM json_each(?1))";
    const IN: &str = "h.category IN (?2, ?3, ?4, ?5, ?6, ?7, ?8)";
    let c = Category::ALL;
    let args = params![spans, c[0], c[1], c[2], c[3], c[4], c[5], c[6]];

    // Hazards found in the period.
    let mut st = conn.prepare_cached(&format!(
        "{B} SELECT b.i, h.category, count(*), coalesce(sum(h.major), 0)
         FROM b CROSS JOIN hazards h
         WHERE {IN} AND h.found_on BETWEEN b.f AND b.t GROUP BY b.i, h.category"
    ))?;
    let mut rows = st.query(args)?;
    while let Some(r) = rows.next()? {
        let row = table_at(&mut tables, r.get(0)?)?.row_of(r.get(1)?);
        row.hazards = r.get(2)?;
        row.major = r.get(3)?;
    }
    // Hazards closed in the period, whenever found.
    let mut st = conn.prepare_cached(&format!(
        "{B} SELECT b.i, h.category, count(*), coalesce(sum(h.major), 0)
         FROM b CROSS JOIN hazards h
         WHERE {IN} AND h.closed_on BETWEEN b.f AND b.t
           AND h.status IN ('closed', 'fixed_on_site')
         GROUP BY b.i, h.category"
    ))?;
    let mut rows = st.query(args)?;
    while let Some(r) = rows.next()? {
        let row = table_at(&mut tables, r.get(0)?)?.row_of(r.get(1)?);
        row.rectified = r.get(2)?;
        row.major_rectified = r.get(3)?;
    }
    // Publicity.
    let mut st = conn.prepare_cached(&format!(
        "{B} SELECT b.i, p.category, coalesce(sum(p.sessions), 0), coalesce(sum(p.people), 0)
         FROM b CROSS JOIN publicity p
         WHERE p.event_date BETWEEN b.f AND b.t GROUP BY b.i, p.category"
    ))?;
    let mut rows = st.query(params![spans])?;
    while let Some(r) = rows.next()? {
        let i: i64 = r.get(0)?;
        let cat: String = r.get(1)?;
        if let Some(row) = table_at(&mut tables, i)?.row_mut(&cat) {
            row.sessions = r.get(2)?;
            row.people = r.get(3)?;
        }
    }
    for t in &mut tables {
        t.sum_total();
    }
    Ok(tables)
}

fn table_at(tables: &mut [StatsTable], i: i64) -> Result<&mut StatsTable> {
    usize::try_from(i)
        .ok()
        .and_then(|i| tables.get_mut(i))
        .ok_or_else(|| Error::internal("程序内部错误：统计时段编号不对。"))
}

/// Records in the period whose category is not one of the seven rows (they cannot be
/// counted; the screen warns about them). Normally zero.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Uncounted {
    /// Hazards found or closed in the period whose category is not one of the seven.
    pub hazards: i64,
    /// Publicity events in the period whose category is not one of the seven.
    pub events: i64,
}

/// Counts the period's records that cannot be counted in a row (see [`Uncounted`]).
/// `from` and `to` are ISO dates, inclusive; errors: `invalid` for a bad date or range.
pub fn uncounted(conn: &Connection, from: &str, to: &str) -> Result<Uncounted> {
    let (from, to) = check_range(from, to)?;
    let list = Category::NAMES
        .iter()
        .map(|c| format!("'{c}'"))
        .collect::<Vec<_>>()
        .join(",");
    let hazards = conn.query_row(
        &format!(
            "SELECT count(*) FROM hazards WHERE category NOT IN ({list})
             AND (found_on BETWEEN ?1 AND ?2 OR closed_on BETWEEN ?1 AND ?2)"
        ),
        params![from, to],
        |r| r.get(0),
    )?;
    let events = conn.query_row(
        &format!(
            "SELECT count(*) FROM publicity WHERE category NOT IN ({list})
             AND event_date BETWEEN ?1 AND ?2"
        ),
        params![from, to],
        |r| r.get(0),
    )?;
    Ok(Uncounted { hazards, events })
}

// ---------------------------------------------------------------------------------------
// Drill-down

/// A hazard behind a number, with its household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HazardLine {
    /// Row id in `hazards`.
    pub id: String,
    /// Row id in `households` of the household it is at.
    pub household_id: String,
    /// The household's short code (03017).
    pub household_code: String,
    /// The household's 检查地点(对象)名称.
    pub household_name: String,
    /// The household's address; empty when not recorded.
    pub address: String,
    /// The 行动名称 it counts under.
    pub category: Category,
    /// 重大隐患.
    pub major: bool,
    /// What the hazard is.
    pub description: String,
    /// Open, fixed on the spot, or closed.
    pub status: HazardStatus,
    /// The visit date of the inspection that found it (ISO).
    pub found_on: String,
    /// Closing date, or the visit date when fixed on the spot (ISO); None while open.
    #[ts(optional)]
    pub closed_on: Option<String>,
    /// 限期整改 date (ISO); None when fixed on the spot.
    #[ts(optional)]
    pub deadline: Option<String>,
    /// 整改要求; empty when none.
    pub rectification: String,
}

/// What is behind one cell of the table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CellDetail {
    /// The row (行动名称), or 合计.
    pub action: String,
    /// The column of the cell.
    pub column: Column,
    /// How the number is made, in words.
    pub explain: String,
    /// The number in the table.
    pub value: i64,
    /// Hazards behind a hazard column (empty for publicity columns).
    pub hazards: Vec<HazardLine>,
    /// Events behind a publicity column (empty for hazard columns).
    pub events: Vec<PublicityEvent>,
    /// True when `hazards` holds only the first of `value` hazards.
    pub truncated: bool,
}

/// The hazards or events behind one cell. `action` None (or 合计) = the total row. `limit`
/// caps the hazards listed (the screen shows the first ones); `value` is always the full
/// count and `truncated` says whether the list was cut.
pub fn cell(
    conn: &Connection,
    from: &str,
    to: &str,
    action: Option<&str>,
    column: Column,
    limit: Option<i64>,
) -> Result<CellDetail> {
    let (from, to) = check_range(from, to)?;
    let category = match action.map(str::trim) {
        None | Some("") | Some(TOTAL_LABEL) => None,
        Some(a) => Some(Category::check(a)?),
    };
    let label = category.map_or(TOTAL_LABEL, Category::name).to_string();
    let cats: Vec<Category> = match category {
        Some(c) => vec![c],
        None => Category::ALL.to_vec(),
    };
    let cat_list = cats
        .iter()
        .map(|c| format!("'{}'", c.name()))
        .collect::<Vec<_>>()
        .join(",");
    let mut detail = CellDetail {
        action: label,
        column,
        explain: column.explain().to_string(),
        value: 0,
        hazards: vec![],
        events: vec![],
        truncated: false,
    };
    match column {
        Column::Sessions | Column::People => {
            let events = publicity::list(
                conn,
                &publicity::PublicityQuery {
                    from: Some(from.clone()),
                    to: Some(to.clone()),
                    category: None,
                },
            )?;
            detail.events = events
                .into_iter()
                .filter(|e| cats.contains(&e.category))
                .collect();
            detail.value = detail
                .events
                .iter()
                .map(|e| {
                    if column == Column::Sessions {
                        e.sessions
                    } else {
                        e.people
                    }
                })
                .sum();
        }
        _ => {
            let cond = match column {
                Column::Hazards => "h.found_on BETWEEN ?1 AND ?2",
                Column::Major => "h.found_on BETWEEN ?1 AND ?2 AND h.major = 1",
                Column::Rectified => {
                    "h.closed_on BETWEEN ?1 AND ?2 AND h.status IN ('closed', 'fixed_on_site')"
                }
                _ => {
                    "h.closed_on BETWEEN ?1 AND ?2 AND h.status IN ('closed', 'fixed_on_site') \
                     AND h.major = 1"
                }
            };
            let count_sql = format!(
                "SELECT count(*) FROM hazards h WHERE {cond} AND h.category IN ({cat_list})"
            );
            detail.value = conn.query_row(&count_sql, params![from, to], |r| r.get(0))?;
            let limit = limit.filter(|l| *l >= 0).unwrap_or(-1);
            let sql = format!(
                "SELECT h.id, h.household_id, hh.code, hh.name, hh.address, h.category, h.major,
                        h.description, h.status, h.found_on, h.closed_on, h.deadline, h.rectification
                 FROM hazards h JOIN households hh ON hh.id = h.household_id
                 WHERE {cond} AND h.category IN ({cat_list})
                 ORDER BY h.found_on, hh.code, h.item_no
                 LIMIT ?3"
            );
            let mut st = conn.prepare(&sql)?;
            let rows = st.query_map(params![from, to, limit], |r| {
                Ok(HazardLine {
                    id: r.get(0)?,
                    household_id: r.get(1)?,
                    household_code: r.get(2)?,
                    household_name: r.get(3)?,
                    address: r.get(4)?,
                    category: r.get(5)?,
                    major: r.get::<_, i64>(6)? != 0,
                    description: r.get(7)?,
                    status: r.get(8)?,
                    found_on: r.get(9)?,
                    closed_on: r.get(10)?,
                    deadline: r.get(11)?,
                    rectification: r.get(12)?,
                })
            })?;
            detail.hazards = rows.collect::<rusqlite::Result<_>>()?;
            detail.truncated = (detail.hazards.len() as i64) < detail.value;
        }
    }
    Ok(detail)
}
