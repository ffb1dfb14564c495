//! The hazard ledger (隐患台账): every problem found on a visit, followed until it is closed.
//!
//! Hazards are created by [`crate::inspections`] (derived from answers, or entered as other
//! hazards) and followed here: revisits (回访), closing (销号) with its date, reopening,
//! editing the major flag, category, deadline and rectification.
//!
//! Conventions the statistics rely on:
//! - `found_on` is the visit date of the inspection that found the hazard;
//! - a hazard fixed on the spot has status `fixed_on_site` and `closed_on` = the visit date
//!   (and no deadline);
//! - a closed hazard has status `closed` and `closed_on` = the closing date (≥ `found_on`);
//! - an open hazard has `deadline` = `found_on` + the office's `deadline_days` unless the
//!   clerk set another one; it is overdue when the deadline has passed (deadline < as-of).

use crate::error::{Error, Result};
use crate::households::{self, Household};
use crate::{new_id, now_ts, text, CATEGORIES};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a hazard stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HazardStatus {
    /// Found, not yet fixed (未整改).
    Open,
    /// Fixed during the visit (现场整改).
    FixedOnSite,
    /// Fixed later and closed (已销号).
    Closed,
}

impl HazardStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            HazardStatus::Open => "open",
            HazardStatus::FixedOnSite => "fixed_on_site",
            HazardStatus::Closed => "closed",
        }
    }
    pub fn parse(s: &str) -> Option<HazardStatus> {
        match s {
            "open" => Some(HazardStatus::Open),
            "fixed_on_site" => Some(HazardStatus::FixedOnSite),
            "closed" => Some(HazardStatus::Closed),
            _ => None,
        }
    }
    /// How the status is shown to the clerk.
    pub fn label(self) -> &'static str {
        match self {
            HazardStatus::Open => "未整改",
            HazardStatus::FixedOnSite => "现场整改",
            HazardStatus::Closed => "已销号",
        }
    }
}

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Hazard {
    pub id: String,
    pub inspection_id: String,
    pub household_id: String,
    pub household_code: String,
    pub household_name: String,
    pub household_address: String,
    pub grid_id: Option<String>,
    /// Grid name ('' when none).
    pub grid: String,
    /// "item" (derived from a checklist answer) or "other" (其它隐患情况).
    pub source: String,
    pub item_no: Option<i64>,
    pub description: String,
    /// One of the seven 行动名称 ([`crate::CATEGORIES`]).
    pub category: String,
    /// 重大隐患
    pub major: bool,
    pub status: HazardStatus,
    /// The visit date of the inspection that found it.
    pub found_on: String,
    /// 限期整改 (open hazards; kept after closing, none when fixed on the spot).
    pub deadline: Option<String>,
    /// Closing date (closed) or the visit date (fixed on the spot).
    pub closed_on: Option<String>,
    /// What the household must do (整改要求).
    pub rectification: String,
    pub note: String,
    /// Open and past its deadline as of the query's date (today by default).
    pub overdue: bool,
    /// Number of revisits (回访).
    pub revisits: i64,
    pub created_at: String,
    pub updated_at: String,
}

/// A revisit (回访) of a hazard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Revisit {
    pub id: String,
    pub hazard_id: String,
    pub visit_date: String,
    /// Who went (回访人).
    pub visitor: String,
    /// What was found (回访结果).
    pub result: String,
    pub note: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct RevisitInput {
    /// As the clerk typed it (2024-12-23, 2024年12月23日 ...).
    pub visit_date: String,
    #[serde(default)]
    pub visitor: String,
    #[serde(default)]
    pub result: String,
    #[serde(default)]
    pub note: String,
}

/// Everything about one hazard: what the 隐患整改通知书 prints and the detail view shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HazardDetail {
    pub hazard: Hazard,
    pub household: Household,
    pub revisits: Vec<Revisit>,
    /// The visit that found it: date, inspectors (入户检查人员), rectification assigned on
    /// the spot (现场交办整改事项).
    pub visit_date: String,
    pub inspectors: String,
    pub assigned: String,
}

/// What the clerk may change on a hazard in the ledger.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct HazardEdit {
    pub major: bool,
    pub category: String,
    /// Empty: the default (found_on + the office's deadline days) for an open hazard.
    #[serde(default)]
    #[ts(optional)]
    pub deadline: Option<String>,
    #[serde(default)]
    pub rectification: String,
    #[serde(default)]
    pub note: String,
    /// Only for other hazards (其它隐患情况); an item hazard keeps the item's wording.
    #[serde(default)]
    #[ts(optional)]
    pub description: Option<String>,
}

/// Which hazards a ledger view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum HazardView {
    #[default]
    All,
    /// Status open.
    Open,
    /// Open with the deadline passed as of `as_of`.
    Overdue,
    FixedOnSite,
    Closed,
    /// Fixed on the spot or closed.
    Resolved,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct HazardQuery {
    #[serde(default)]
    pub view: HazardView,
    /// The date "overdue" is judged against (default today).
    #[serde(default)]
    #[ts(optional)]
    pub as_of: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub grid_id: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub category: Option<String>,
    #[serde(default)]
    pub major_only: bool,
    #[serde(default)]
    #[ts(optional)]
    pub household_id: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub inspection_id: Option<String>,
    /// Found on or after.
    #[serde(default)]
    #[ts(optional)]
    pub from: Option<String>,
    /// Found on or before.
    #[serde(default)]
    #[ts(optional)]
    pub to: Option<String>,
    /// Household name, initials, code, address, or words of the description.
    #[serde(default)]
    #[ts(optional)]
    pub search: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
    #[serde(default)]
    #[ts(optional)]
    pub offset: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HazardPage {
    pub items: Vec<Hazard>,
    pub total: i64,
}

/// Counts of hazards in one group (a grid or a category).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HazardCount {
    /// Grid id or category ('' for households without a grid).
    pub key: String,
    pub label: String,
    pub total: i64,
    pub open: i64,
    pub overdue: i64,
    pub fixed_on_site: i64,
    pub closed: i64,
    pub major: i64,
    pub major_open: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HazardSummary {
    pub as_of: String,
    pub by_grid: Vec<HazardCount>,
    /// Always the seven categories, in the official order.
    pub by_category: Vec<HazardCount>,
    pub all: HazardCount,
}

const SELECT: &str = "SELECT h.id, h.inspection_id, h.household_id, hh.code, hh.name, hh.address,
    hh.grid_id, coalesce(g.name, ''), h.source, h.item_no, h.description, h.category, h.major,
    h.status, h.found_on, h.deadline, h.closed_on, h.rectification, h.note,
    (h.status = 'open' AND h.deadline IS NOT NULL AND h.deadline < ?1),
    (SELECT count(*) FROM revisits r WHERE r.hazard_id = h.id), h.created_at, h.updated_at
    FROM hazards h JOIN households hh ON hh.id = h.household_id
    LEFT JOIN grids g ON g.id = hh.grid_id";

fn from_row(r: &Row) -> rusqlite::Result<Hazard> {
    let status: String = r.get(13)?;
    Ok(Hazard {
        id: r.get(0)?,
        inspection_id: r.get(1)?,
        household_id: r.get(2)?,
        household_code: r.get(3)?,
        household_name: r.get(4)?,
        household_address: r.get(5)?,
        grid_id: r.get(6)?,
        grid: r.get(7)?,
        source: r.get(8)?,
        item_no: r.get(9)?,
        description: r.get(10)?,
        category: r.get(11)?,
        major: r.get(12)?,
        status: HazardStatus::parse(&status).unwrap_or(HazardStatus::Open),
        found_on: r.get(14)?,
        deadline: r.get(15)?,
        closed_on: r.get(16)?,
        rectification: r.get(17)?,
        note: r.get(18)?,
        overdue: r.get(19)?,
        revisits: r.get(20)?,
        created_at: r.get(21)?,
        updated_at: r.get(22)?,
    })
}

fn revisit_from_row(r: &Row) -> rusqlite::Result<Revisit> {
    Ok(Revisit {
        id: r.get(0)?,
        hazard_id: r.get(1)?,
        visit_date: r.get(2)?,
        visitor: r.get(3)?,
        result: r.get(4)?,
        note: r.get(5)?,
        created_at: r.get(6)?,
    })
}

const REVISIT_SELECT: &str =
    "SELECT id, hazard_id, visit_date, visitor, result, note, created_at FROM revisits";

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn parse_iso(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| Error::internal(format!("数据库中的日期“{s}”格式不对。")))
}

/// The office's default number of days to fix a hazard.
pub fn deadline_days(conn: &Connection) -> Result<i64> {
    Ok(crate::settings::load(conn)?.deadline_days)
}

/// found_on + days, as ISO text.
pub fn default_deadline(found_on: NaiveDate, days: i64) -> String {
    let d = found_on
        .checked_add_days(chrono::Days::new(days.max(0) as u64))
        .unwrap_or(found_on);
    iso(d)
}

/// Checks a category against the seven 行动名称; the message lists them.
pub fn check_category(c: &str) -> Result<String> {
    let c = text::clean(c);
    if CATEGORIES.contains(&c.as_str()) {
        return Ok(c);
    }
    // Let the clerk type the short form (煤气中毒, 燃气爆炸, 小火亡人 ...).
    let hits: Vec<&str> = CATEGORIES
        .iter()
        .copied()
        .filter(|full| !c.is_empty() && full.contains(c.as_str()))
        .collect();
    if hits.len() == 1 {
        return Ok(hits[0].to_string());
    }
    Err(Error::invalid(format!(
        "隐患类别“{c}”不对，应为以下之一：{}。",
        CATEGORIES.join("、")
    )))
}

/// One hazard (as of today for the overdue flag).
pub fn get_hazard(conn: &Connection, id: &str) -> Result<Hazard> {
    conn.query_row(
        &format!("{SELECT} WHERE h.id = ?2"),
        params![iso(crate::today()), id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("没有找到这条隐患，它可能已被删除。"))
}

/// Finds a row id by its full id, or a unique prefix or suffix of at least 6 characters
/// (lists show the last 8: the first characters of a UUID v7 are a timestamp shared by
/// rows written together). `table` is one of this crate's table names, never user text;
/// `what` names the thing in the messages.
pub fn resolve_id(conn: &Connection, table: &str, key: &str, what: &str) -> Result<String> {
    let key = key.trim().to_lowercase();
    if key.chars().count() < 6 || !key.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(Error::invalid(format!(
            "{what}编号“{key}”不对：请写出列表中显示的编号（至少 6 位）。"
        )));
    }
    let mut st = conn.prepare(&format!(
        "SELECT id FROM {table} WHERE id = ?1 OR id LIKE ?2 ESCAPE '\\' OR id LIKE ?3 ESCAPE '\\' LIMIT 2"
    ))?;
    let like = escape_like(&key);
    let ids: Vec<String> = st
        .query_map(params![key, format!("{like}%"), format!("%{like}")], |r| {
            r.get(0)
        })?
        .collect::<rusqlite::Result<_>>()?;
    if ids.contains(&key) {
        return Ok(key);
    }
    match ids.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(Error::not_found(format!("没有编号为“{key}”的{what}。"))),
        _ => Err(Error::invalid(format!(
            "编号含“{key}”的{what}不止一条，请写完整的编号。"
        ))),
    }
}

/// A hazard by id or unique id prefix.
pub fn resolve(conn: &Connection, key: &str) -> Result<Hazard> {
    get_hazard(conn, &resolve_id(conn, "hazards", key, "隐患")?)
}

/// Everything about one hazard: the household, its revisits, and the visit that found it.
/// The 隐患整改通知书 is printed from this.
pub fn get(conn: &Connection, id: &str) -> Result<HazardDetail> {
    let hazard = get_hazard(conn, id)?;
    let household = households::get(conn, &hazard.household_id)?;
    let (visit_date, inspectors, assigned): (String, String, String) = conn.query_row(
        "SELECT visit_date, inspectors, assigned FROM inspections WHERE id = ?1",
        [&hazard.inspection_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let revisits = revisits_of(conn, id)?;
    Ok(HazardDetail {
        hazard,
        household,
        revisits,
        visit_date,
        inspectors,
        assigned,
    })
}

/// The revisits of a hazard, oldest first.
pub fn revisits_of(conn: &Connection, hazard_id: &str) -> Result<Vec<Revisit>> {
    let mut st = conn.prepare(&format!(
        "{REVISIT_SELECT} WHERE hazard_id = ?1 ORDER BY visit_date, created_at"
    ))?;
    let rows = st.query_map([hazard_id], revisit_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

fn opt_date(label: &str, s: &Option<String>) -> Result<Option<String>> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(v) => crate::parse_date(v)
            .map(|d| Some(iso(d)))
            .map_err(|e| Error::invalid(format!("{label}：{}", e.message))),
        None => Ok(None),
    }
}

/// The ledger, filtered. Ordered by found date (newest first); the overdue view by
/// deadline (longest overdue first).
pub fn list(conn: &Connection, q: &HazardQuery) -> Result<HazardPage> {
    let as_of = opt_date("截止日期", &q.as_of)?.unwrap_or_else(|| iso(crate::today()));
    let mut args: Vec<String> = vec![as_of];
    let mut cond: Vec<String> = vec!["1 = 1".into()];
    let push = |args: &mut Vec<String>, v: String| {
        args.push(v);
        args.len()
    };
    match q.view {
        HazardView::All => {}
        HazardView::Open => cond.push("h.status = 'open'".into()),
        HazardView::Overdue => {
            cond.push("h.status = 'open' AND h.deadline IS NOT NULL AND h.deadline < ?1".into())
        }
        HazardView::FixedOnSite => cond.push("h.status = 'fixed_on_site'".into()),
        HazardView::Closed => cond.push("h.status = 'closed'".into()),
        HazardView::Resolved => cond.push("h.status IN ('fixed_on_site', 'closed')".into()),
    }
    if let Some(g) = q.grid_id.as_ref().filter(|g| !g.is_empty()) {
        if g == "-" {
            cond.push("hh.grid_id IS NULL".into());
        } else {
            let n = push(&mut args, g.clone());
            cond.push(format!("hh.grid_id = ?{n}"));
        }
    }
    if let Some(c) = q.category.as_ref().filter(|c| !c.is_empty()) {
        let c = check_category(c)?;
        let n = push(&mut args, c);
        cond.push(format!("h.category = ?{n}"));
    }
    if q.major_only {
        cond.push("h.major = 1".into());
    }
    if let Some(hh) = q.household_id.as_ref().filter(|s| !s.is_empty()) {
        let n = push(&mut args, hh.clone());
        cond.push(format!("h.household_id = ?{n}"));
    }
    if let Some(i) = q.inspection_id.as_ref().filter(|s| !s.is_empty()) {
        let n = push(&mut args, i.clone());
        cond.push(format!("h.inspection_id = ?{n}"));
    }
    if let Some(f) = opt_date("起始日期", &q.from)? {
        let n = push(&mut args, f);
        cond.push(format!("h.found_on >= ?{n}"));
    }
    if let Some(t) = opt_date("结束日期", &q.to)? {
        let n = push(&mut args, t);
        cond.push(format!("h.found_on <= ?{n}"));
    }
    if let Some(s) = q.search.as_ref() {
        let s = text::to_half_width(&text::clean(s));
        if !s.is_empty() {
            let a = push(&mut args, format!("%{}%", escape_like(&s)));
            let b = push(&mut args, format!("{}%", escape_like(&s.to_lowercase())));
            cond.push(format!(
                "(hh.name LIKE ?{a} ESCAPE '\\' OR hh.address LIKE ?{a} ESCAPE '\\'
                  OR h.description LIKE ?{a} ESCAPE '\\' OR hh.name_initials LIKE ?{b} ESCAPE '\\'
                  OR hh.code LIKE ?{b} ESCAPE '\\')"
            ));
        }
    }
    let cond = cond.join(" AND ");
    let total: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM hazards h JOIN households hh ON hh.id = h.household_id
             WHERE {cond} AND ?1 IS NOT NULL"
        ),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let order = match q.view {
        HazardView::Overdue | HazardView::Open => "h.deadline, hh.code, h.item_no",
        _ => "h.found_on DESC, hh.code, coalesce(h.item_no, 1000), h.created_at",
    };
    let limit = q.limit.unwrap_or(-1);
    let offset = q.offset.unwrap_or(0).max(0);
    let mut st = conn.prepare(&format!(
        "{SELECT} WHERE {cond} ORDER BY {order} LIMIT {limit} OFFSET {offset}"
    ))?;
    let rows = st.query_map(rusqlite::params_from_iter(args.iter()), from_row)?;
    Ok(HazardPage {
        items: rows.collect::<rusqlite::Result<_>>()?,
        total,
    })
}

/// Counts by grid and by category (open, overdue as of `as_of`, closed, major).
pub fn summary(conn: &Connection, as_of: Option<&str>) -> Result<HazardSummary> {
    let as_of =
        opt_date("截止日期", &as_of.map(str::to_string))?.unwrap_or_else(|| iso(crate::today()));
    let counts = "count(*),
        sum(h.status = 'open'),
        sum(h.status = 'open' AND h.deadline IS NOT NULL AND h.deadline < ?1),
        sum(h.status = 'fixed_on_site'),
        sum(h.status = 'closed'),
        sum(h.major = 1),
        sum(h.major = 1 AND h.status = 'open')";
    let count_row = |r: &Row, key: String, label: String| -> rusqlite::Result<HazardCount> {
        Ok(HazardCount {
            key,
            label,
            total: r.get(0)?,
            open: r.get::<_, Option<i64>>(1)?.unwrap_or(0),
            overdue: r.get::<_, Option<i64>>(2)?.unwrap_or(0),
            fixed_on_site: r.get::<_, Option<i64>>(3)?.unwrap_or(0),
            closed: r.get::<_, Option<i64>>(4)?.unwrap_or(0),
            major: r.get::<_, Option<i64>>(5)?.unwrap_or(0),
            major_open: r.get::<_, Option<i64>>(6)?.unwrap_or(0),
        })
    };
    let all = conn.query_row(&format!("SELECT {counts} FROM hazards h"), [&as_of], |r| {
        count_row(r, String::new(), "全部".into())
    })?;
    let mut by_category = Vec::new();
    for c in CATEGORIES {
        by_category.push(conn.query_row(
            &format!("SELECT {counts} FROM hazards h WHERE h.category = ?2"),
            params![as_of, c],
            |r| count_row(r, c.to_string(), c.to_string()),
        )?);
    }
    let mut st = conn.prepare(&format!(
        "SELECT {counts}, coalesce(hh.grid_id, ''), coalesce(g.name, '（未分网格）')
         FROM hazards h JOIN households hh ON hh.id = h.household_id
         LEFT JOIN grids g ON g.id = hh.grid_id
         GROUP BY hh.grid_id ORDER BY coalesce(g.no, 1000000)"
    ))?;
    let rows = st.query_map([&as_of], |r| {
        let key: String = r.get(7)?;
        let label: String = r.get(8)?;
        count_row(r, key, label)
    })?;
    Ok(HazardSummary {
        as_of,
        by_grid: rows.collect::<rusqlite::Result<_>>()?,
        by_category,
        all,
    })
}

/// Closes (销号) an open hazard on `date` (as typed; must not be before it was found, nor in
/// the future). The note, if any, is appended to the hazard's note.
pub fn close(conn: &Connection, id: &str, date: &str, note: &str) -> Result<Hazard> {
    let h = get_hazard(conn, id)?;
    match h.status {
        HazardStatus::Open => {}
        HazardStatus::Closed => {
            return Err(Error::conflict(format!(
                "这条隐患已于 {} 销号。",
                h.closed_on.as_deref().map(show_date).unwrap_or_default()
            )))
        }
        HazardStatus::FixedOnSite => {
            return Err(Error::conflict(
                "这条隐患已在检查时现场整改，不需要再销号。",
            ))
        }
    }
    if date.trim().is_empty() {
        return Err(Error::invalid("请填写销号（整改完成）日期。"));
    }
    let d = crate::parse_date(date)?;
    let found = parse_iso(&h.found_on)?;
    if d < found {
        return Err(Error::invalid(format!(
            "销号日期 {} 早于发现隐患的日期 {}，请核对。",
            crate::date_cn(d),
            crate::date_cn(found)
        )));
    }
    if d > crate::today() {
        return Err(Error::invalid(format!(
            "销号日期 {} 还没到，请填写实际整改完成的日期。",
            crate::date_cn(d)
        )));
    }
    let note = append_note(&h.note, &text::clean(note));
    conn.execute(
        "UPDATE hazards SET status = 'closed', closed_on = ?2, note = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, iso(d), note, now_ts()],
    )?;
    get_hazard(conn, id)
}

fn append_note(old: &str, add: &str) -> String {
    match (old.is_empty(), add.is_empty()) {
        (_, true) => old.to_string(),
        (true, false) => add.to_string(),
        (false, false) => format!("{old}；{add}"),
    }
}

fn show_date(s: &str) -> String {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(crate::date_cn)
        .unwrap_or_else(|_| s.to_string())
}

/// Reopens a closed or fixed-on-the-spot hazard (a mistake, or it came back). It gets its
/// deadline back (the default one when it had none).
pub fn reopen(conn: &Connection, id: &str) -> Result<Hazard> {
    let h = get_hazard(conn, id)?;
    if h.status == HazardStatus::Open {
        return Err(Error::conflict("这条隐患本来就是未整改状态。"));
    }
    let deadline = match h.deadline {
        Some(d) => d,
        None => default_deadline(parse_iso(&h.found_on)?, deadline_days(conn)?),
    };
    conn.execute(
        "UPDATE hazards SET status = 'open', closed_on = NULL, deadline = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, deadline, now_ts()],
    )?;
    get_hazard(conn, id)
}

/// Records a revisit (回访). The date must not be before the hazard was found nor in the
/// future; the result is required.
pub fn revisit(conn: &Connection, hazard_id: &str, input: &RevisitInput) -> Result<Revisit> {
    let h = get_hazard(conn, hazard_id)?;
    if input.visit_date.trim().is_empty() {
        return Err(Error::invalid("请填写回访日期。"));
    }
    let d = crate::parse_date(&input.visit_date)?;
    let found = parse_iso(&h.found_on)?;
    if d < found {
        return Err(Error::invalid(format!(
            "回访日期 {} 早于发现隐患的日期 {}，请核对。",
            crate::date_cn(d),
            crate::date_cn(found)
        )));
    }
    if d > crate::today() {
        return Err(Error::invalid(format!(
            "回访日期 {} 还没到，请在回访之后再记录。",
            crate::date_cn(d)
        )));
    }
    let result = text::clean(&input.result);
    if result.is_empty() {
        return Err(Error::invalid(
            "请填写回访结果（例如：已整改、正在整改、未整改）。",
        ));
    }
    let id = new_id();
    conn.execute(
        "INSERT INTO revisits (id, hazard_id, visit_date, visitor, result, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            hazard_id,
            iso(d),
            text::clean(&input.visitor),
            result,
            input.note.trim(),
            now_ts()
        ],
    )?;
    Ok(conn.query_row(
        &format!("{REVISIT_SELECT} WHERE id = ?1"),
        [&id],
        revisit_from_row,
    )?)
}

/// Deletes a revisit entered by mistake (audited).
pub fn delete_revisit(conn: &Connection, revisit_id: &str) -> Result<()> {
    let n = conn.execute("DELETE FROM revisits WHERE id = ?1", [revisit_id])?;
    if n == 0 {
        return Err(Error::not_found("没有找到这条回访记录。"));
    }
    Ok(())
}

/// Edits the major flag, category, deadline, rectification and note (and the wording of
/// an other hazard).
pub fn update(conn: &Connection, id: &str, e: &HazardEdit) -> Result<Hazard> {
    let h = get_hazard(conn, id)?;
    let category = check_category(&e.category)?;
    let found = parse_iso(&h.found_on)?;
    let deadline = match opt_date("整改期限", &e.deadline)? {
        Some(d) => {
            if d < h.found_on {
                return Err(Error::invalid(format!(
                    "整改期限 {} 早于发现隐患的日期 {}。",
                    show_date(&d),
                    crate::date_cn(found)
                )));
            }
            Some(d)
        }
        None if h.status == HazardStatus::FixedOnSite => None,
        None => Some(default_deadline(found, deadline_days(conn)?)),
    };
    let description = match (&e.description, h.source.as_str()) {
        (Some(d), "other") => {
            let d = text::clean(d);
            if d.is_empty() {
                return Err(Error::invalid("请填写隐患情况。"));
            }
            d
        }
        _ => h.description.clone(),
    };
    conn.execute(
        "UPDATE hazards SET major = ?2, category = ?3, deadline = ?4, rectification = ?5,
            note = ?6, description = ?7, updated_at = ?8 WHERE id = ?1",
        params![
            id,
            e.major,
            category,
            deadline,
            e.rectification.trim(),
            e.note.trim(),
            description,
            now_ts()
        ],
    )?;
    get_hazard(conn, id)
}

/// A household's whole history: visits, hazards and revisits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HouseholdHistory {
    pub household: Household,
    /// Newest first.
    pub inspections: Vec<crate::inspections::InspectionSummary>,
    /// Newest first.
    pub hazards: Vec<Hazard>,
    /// Every revisit of the household's hazards, oldest first.
    pub revisits: Vec<Revisit>,
}

pub fn history(conn: &Connection, household_id: &str) -> Result<HouseholdHistory> {
    let household = households::get(conn, household_id)?;
    let inspections = crate::inspections::list(
        conn,
        &crate::inspections::InspectionQuery {
            household_id: Some(household_id.to_string()),
            ..Default::default()
        },
    )?
    .items;
    let hazards = list(
        conn,
        &HazardQuery {
            household_id: Some(household_id.to_string()),
            ..Default::default()
        },
    )?
    .items;
    let mut st = conn.prepare(
        "SELECT r.id, r.hazard_id, r.visit_date, r.visitor, r.result, r.note, r.created_at
         FROM revisits r JOIN hazards h ON h.id = r.hazard_id
         WHERE h.household_id = ?1 ORDER BY r.visit_date, r.created_at",
    )?;
    let revisits = st
        .query_map([household_id], revisit_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(HouseholdHistory {
        household,
        inspections,
        hazards,
        revisits,
    })
}
