//! What the township looks at: the villages table (coverage of the current round, hazards
//! open / overdue / major / escalated, the last package), the cross-village hazard ledger,
//! and drill-down from a village to its households and to one household's whole record.
//!
//! Counts follow the villages' own definitions, so that each equals what the village sees:
//! a household is visited in a round when it has an inspection dated inside the round
//! (`rounds::coverage`); the current round is the one running on the as-of date, else the
//! last one started (`rounds::current`); a hazard is overdue when open with its deadline
//! before the as-of date (`hazards::summary`); escalated = has a 上报 (`hazards list
//! --escalated`).

use super::require_township;
use crate::dates::iso;
use crate::error::{Error, Result};
use crate::lookup::escape_like;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One village in the villages table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VillageRow {
    /// The township's number for the village (drill-down, `--village`).
    pub vid: i64,
    /// The village's identity (UUID).
    pub id: String,
    /// The village's name (报送单位); 合计 on the total row.
    pub name: String,
    /// The village's contact person; empty when not given.
    pub contact: String,
    /// The contact's phone; empty when not given.
    pub phone: String,
    /// Households in the village's register.
    pub households: i64,
    /// The current round as of the as-of date (None: the village has no round yet).
    pub round: Option<String>,
    /// First day of that round (ISO); None without a round.
    pub round_from: Option<String>,
    /// Last day of that round (ISO); None without a round.
    pub round_to: Option<String>,
    /// Households visited in that round.
    pub visited: i64,
    /// visited / households in percent, one decimal (None without a round or households).
    pub visited_pct: Option<f64>,
    /// Hazards still open (未整改).
    pub hazards_open: i64,
    /// Of them, past their deadline as of the as-of date.
    pub hazards_overdue: i64,
    /// Open 重大隐患.
    pub major_open: i64,
    /// Hazards with a 上报 (any status).
    pub escalated: i64,
    /// The newest package imported.
    pub sequence: i64,
    /// When the village exported that package (RFC 3339, UTC).
    pub exported_at: String,
    /// When the township imported it (UTC).
    pub imported_at: String,
    /// Another village has the same name (and another identity).
    pub same_name: bool,
}

/// The villages table: one row per village, by name, and the total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VillagesView {
    /// The date the counts are as of (ISO).
    pub as_of: String,
    /// The villages, by name.
    pub villages: Vec<VillageRow>,
    /// Sums over the villages (households, visited, hazards ...; vid 0).
    pub total: VillageRow,
}

pub(super) fn as_of_or_today(as_of: Option<&str>) -> Result<String> {
    match as_of.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => crate::parse_date(s)
            .map(iso)
            .map_err(|e| Error::invalid(format!("截至日期：{}", e.message))),
        None => Ok(iso(crate::today())),
    }
}

/// A village's current round as of `day` (as `rounds::current`): (name, from, to).
pub(super) fn current_round(
    conn: &Connection,
    vid: i64,
    day: &str,
) -> Result<Option<(String, String, String)>> {
    let get = |r: &Row| Ok((r.get(0)?, r.get(1)?, r.get(2)?));
    let inside = conn
        .query_row(
            "SELECT name, start_date, end_date FROM tw_rounds
             WHERE vid = ?1 AND start_date <= ?2 AND end_date >= ?2
             ORDER BY start_date DESC LIMIT 1",
            params![vid, day],
            get,
        )
        .optional()?;
    if inside.is_some() {
        return Ok(inside);
    }
    Ok(conn
        .query_row(
            "SELECT name, start_date, end_date FROM tw_rounds
             WHERE vid = ?1 AND start_date <= ?2 ORDER BY end_date DESC LIMIT 1",
            params![vid, day],
            get,
        )
        .optional()?)
}

fn count(conn: &Connection, sql: &str, p: impl rusqlite::Params) -> Result<i64> {
    Ok(conn
        .query_row(sql, p, |r| r.get::<_, Option<i64>>(0))?
        .unwrap_or(0))
}

/// The villages table as of a date (today by default), sorted by name.
pub fn villages(conn: &Connection, as_of: Option<&str>) -> Result<VillagesView> {
    require_township(conn)?;
    let day = as_of_or_today(as_of)?;
    let mut st = conn.prepare(
        "SELECT v.vid, v.uuid, v.name, v.contact, v.phone, v.sequence, v.exported_at,
                v.imported_at,
                (SELECT count(*) FROM tw_villages o WHERE o.name = v.name AND o.vid <> v.vid)
         FROM tw_villages v ORDER BY v.name, v.vid",
    )?;
    let base: Vec<VillageRow> = st
        .query_map([], |r| {
            Ok(VillageRow {
                vid: r.get(0)?,
                id: r.get(1)?,
                name: r.get(2)?,
                contact: r.get(3)?,
                phone: r.get(4)?,
                households: 0,
                round: None,
                round_from: None,
                round_to: None,
                visited: 0,
                visited_pct: None,
                hazards_open: 0,
                hazards_overdue: 0,
                major_open: 0,
                escalated: 0,
                sequence: r.get(5)?,
                exported_at: r.get(6)?,
                imported_at: r.get(7)?,
                same_name: r.get::<_, i64>(8)? > 0,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(base.len());
    for mut v in base {
        v.households = count(
            conn,
            "SELECT count(*) FROM tw_households WHERE vid = ?1",
            [v.vid],
        )?;
        if let Some((name, from, to)) = current_round(conn, v.vid, &day)? {
            v.visited = count(
                conn,
                "SELECT count(*) FROM tw_households h WHERE h.vid = ?1 AND EXISTS
                   (SELECT 1 FROM tw_inspections i WHERE i.vid = ?1 AND i.household_id = h.id
                      AND i.visit_date BETWEEN ?2 AND ?3)",
                params![v.vid, from, to],
            )?;
            v.visited_pct = pct(v.visited, v.households);
            v.round = Some(name);
            v.round_from = Some(from);
            v.round_to = Some(to);
        }
        let (open, overdue, major): (i64, i64, i64) = conn.query_row(
            "SELECT count(*), coalesce(sum(deadline IS NOT NULL AND deadline < ?2), 0),
                    coalesce(sum(major = 1), 0)
             FROM tw_hazards WHERE vid = ?1 AND status = 'open'",
            params![v.vid, day],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        v.hazards_open = open;
        v.hazards_overdue = overdue;
        v.major_open = major;
        v.escalated = count(
            conn,
            "SELECT count(*) FROM tw_escalations e WHERE e.vid = ?1
               AND EXISTS (SELECT 1 FROM tw_hazards h WHERE h.vid = e.vid AND h.id = e.hazard_id)",
            [v.vid],
        )?;
        out.push(v);
    }
    let mut total = VillageRow {
        vid: 0,
        id: String::new(),
        name: "合计".into(),
        contact: String::new(),
        phone: String::new(),
        households: 0,
        round: None,
        round_from: None,
        round_to: None,
        visited: 0,
        visited_pct: None,
        hazards_open: 0,
        hazards_overdue: 0,
        major_open: 0,
        escalated: 0,
        sequence: 0,
        exported_at: String::new(),
        imported_at: String::new(),
        same_name: false,
    };
    for v in &out {
        total.households += v.households;
        total.hazards_open += v.hazards_open;
        total.hazards_overdue += v.hazards_overdue;
        total.major_open += v.major_open;
        total.escalated += v.escalated;
        if v.round.is_some() {
            total.visited += v.visited;
        }
    }
    let in_rounds: i64 = out
        .iter()
        .filter(|v| v.round.is_some())
        .map(|v| v.households)
        .sum();
    total.visited_pct = pct(total.visited, in_rounds);
    Ok(VillagesView {
        as_of: day,
        villages: out,
        total,
    })
}

fn pct(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0)
}

/// Finds a village by its name, its number (vid) or the start of its identity.
pub fn resolve_village(conn: &Connection, key: &str) -> Result<(i64, String)> {
    require_township(conn)?;
    let key = crate::text::clean(key);
    if key.is_empty() {
        return Err(Error::invalid("请指定村（社区）的名称。"));
    }
    let mut st = conn.prepare(
        "SELECT vid, name, uuid FROM tw_villages
         WHERE name = ?1 OR CAST(vid AS TEXT) = ?1 OR uuid LIKE ?2 ESCAPE '\\' ORDER BY vid",
    )?;
    let found: Vec<(i64, String, String)> = st
        .query_map(
            params![key, format!("{}%", escape_like(&key.to_lowercase()))],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?
        .collect::<rusqlite::Result<_>>()?;
    match found.as_slice() {
        [] => Err(Error::not_found(format!(
            "没有名为“{key}”的村（社区）：还没有导入它的数据包，或名称写得不一样。"
        ))),
        [(vid, name, _)] => Ok((*vid, name.clone())),
        many => Err(Error::invalid(format!(
            "有 {} 个村都叫“{key}”（村标识不同），请用编号指定：{}。",
            many.len(),
            many.iter()
                .map(|(vid, _, uuid)| format!("{vid}（标识 {}…）", &uuid[..8.min(uuid.len())]))
                .collect::<Vec<_>>()
                .join("、")
        ))),
    }
}

/// Which hazards the cross-village ledger shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct TwHazardQuery {
    /// The date overdue is judged against (today by default).
    #[serde(default)]
    #[ts(optional)]
    pub as_of: Option<String>,
    /// Only open hazards past their deadline.
    #[serde(default)]
    pub overdue: bool,
    /// Only open hazards.
    #[serde(default)]
    pub open: bool,
    /// Only major hazards.
    #[serde(default)]
    pub major: bool,
    /// Only escalated hazards.
    #[serde(default)]
    pub escalated: bool,
    /// Only this village (vid).
    #[serde(default)]
    #[ts(optional)]
    pub village: Option<i64>,
    /// Only this household of that village.
    #[serde(default)]
    #[ts(optional)]
    pub household_id: Option<String>,
    /// Household name, initials, code, address or words of the description.
    #[serde(default)]
    #[ts(optional)]
    pub search: Option<String>,
    /// Page size; None for every match.
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
    /// Rows to skip before the page; None for 0.
    #[serde(default)]
    #[ts(optional)]
    pub offset: Option<i64>,
}

/// One line of the cross-village ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TwHazard {
    /// The village's number in the township's database.
    pub vid: i64,
    /// The village's name.
    pub village: String,
    /// The hazard's row id in its village (UUID v7).
    pub id: String,
    /// The household's row id in its village.
    pub household_id: String,
    /// The household's short code in its village (03017).
    pub household_code: String,
    /// The household's 检查地点(对象)名称.
    pub household_name: String,
    /// The household's address; empty when not recorded.
    pub address: String,
    /// The household's contact phone; empty when none.
    pub phone: String,
    /// The household's grid name; empty when none.
    pub grid: String,
    /// What the hazard is.
    pub description: String,
    /// The 行动名称 it counts under, as its Chinese name.
    pub category: String,
    /// 重大隐患.
    pub major: bool,
    /// open | fixed_on_site | closed
    pub status: String,
    /// Visit date of the inspection that found it (ISO).
    pub found_on: String,
    /// 限期整改 date (ISO); None when fixed on the spot.
    pub deadline: Option<String>,
    /// Closing date, or the visit date when fixed on the spot (ISO); None while open.
    pub closed_on: Option<String>,
    /// 整改要求; empty when none.
    pub rectification: String,
    /// Days past the deadline as of the as-of date (open and overdue only).
    pub days_overdue: Option<i64>,
    /// 上报对象; None when not escalated.
    pub escalated_to: Option<String>,
    /// 上报日期 (ISO); None when not escalated.
    pub escalated_on: Option<String>,
    /// The newest 防控措施.
    pub latest_measure: Option<String>,
    /// Number of revisits (回访).
    pub revisits: i64,
}

/// One page of the cross-village ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TwHazardPage {
    /// The date overdue is judged against (ISO).
    pub as_of: String,
    /// The hazards of the page.
    pub items: Vec<TwHazard>,
    /// How many hazards match the query in all pages.
    pub total: i64,
}

/// The cross-village ledger, filtered; overdue first by days overdue, else newest first.
pub fn hazards(conn: &Connection, q: &TwHazardQuery) -> Result<TwHazardPage> {
    require_township(conn)?;
    let day = as_of_or_today(q.as_of.as_deref())?;
    let mut args: Vec<rusqlite::types::Value> = vec![day.clone().into()];
    let mut cond = vec!["1 = 1".to_string()];
    if q.overdue {
        cond.push("h.status = 'open' AND h.deadline IS NOT NULL AND h.deadline < ?1".into());
    } else if q.open {
        cond.push("h.status = 'open'".into());
    }
    if q.major {
        cond.push("h.major = 1".into());
    }
    if q.escalated {
        cond.push("e.hazard_id IS NOT NULL".into());
    }
    if let Some(v) = q.village {
        args.push(v.into());
        cond.push(format!("h.vid = ?{}", args.len()));
    }
    if let Some(hh) = q.household_id.as_ref().filter(|s| !s.is_empty()) {
        args.push(hh.clone().into());
        cond.push(format!("h.household_id = ?{}", args.len()));
    }
    if let Some(s) = q.search.as_ref() {
        let s = crate::text::to_half_width(&crate::text::clean(s));
        if !s.is_empty() {
            args.push(format!("%{}%", escape_like(&s)).into());
            let a = args.len();
            args.push(format!("{}%", escape_like(&s.to_lowercase())).into());
            let b = args.len();
            cond.push(format!(
                "(hh.name LIKE ?{a} ESCAPE '\\' OR hh.address LIKE ?{a} ESCAPE '\\'
                  OR h.description LIKE ?{a} ESCAPE '\\' OR v.name LIKE ?{a} ESCAPE '\\'
                  OR hh.name_initials LIKE ?{b} ESCAPE '\\' OR hh.code LIKE ?{b} ESCAPE '\\')"
            ));
        }
    }
    let cond = cond.join(" AND ");
    let from = "FROM tw_hazards h JOIN tw_villages v ON v.vid = h.vid
        LEFT JOIN tw_households hh ON hh.vid = h.vid AND hh.id = h.household_id
        LEFT JOIN tw_grids g ON g.vid = h.vid AND g.id = hh.grid_id
        LEFT JOIN tw_escalations e ON e.vid = h.vid AND e.hazard_id = h.id";
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) {from} WHERE {cond} AND ?1 IS NOT NULL"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let order = if q.overdue {
        "h.deadline, v.name, hh.code"
    } else {
        "h.found_on DESC, v.name, hh.code"
    };
    let limit = q.limit.unwrap_or(-1);
    let offset = q.offset.unwrap_or(0).max(0);
    let sql = format!(
        "SELECT h.vid, v.name, h.id, h.household_id, coalesce(hh.code, ''), coalesce(hh.name, ''),
            coalesce(hh.address, ''), coalesce(hh.phone, ''), coalesce(g.name, ''),
            h.description, h.category, h.major, h.status, h.found_on, h.deadline, h.closed_on,
            h.rectification,
            CASE WHEN h.status = 'open' AND h.deadline IS NOT NULL AND h.deadline < ?1
                 THEN CAST(julianday(?1) - julianday(h.deadline) AS INTEGER) END,
            e.escalated_to, e.escalated_on,
            (SELECT m.description FROM tw_measures m WHERE m.vid = h.vid AND m.hazard_id = h.id
               ORDER BY m.taken_on DESC, m.id DESC LIMIT 1),
            (SELECT count(*) FROM tw_revisits r WHERE r.vid = h.vid AND r.hazard_id = h.id)
         {from} WHERE {cond} ORDER BY {order} LIMIT {limit} OFFSET {offset}"
    );
    let mut st = conn.prepare(&sql)?;
    let items = st
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok(TwHazard {
                vid: r.get(0)?,
                village: r.get(1)?,
                id: r.get(2)?,
                household_id: r.get(3)?,
                household_code: r.get(4)?,
                household_name: r.get(5)?,
                address: r.get(6)?,
                phone: r.get(7)?,
                grid: r.get(8)?,
                description: r.get(9)?,
                category: r.get(10)?,
                major: r.get::<_, i64>(11)? != 0,
                status: r.get(12)?,
                found_on: r.get(13)?,
                deadline: r.get(14)?,
                closed_on: r.get(15)?,
                rectification: r.get(16)?,
                days_overdue: r.get(17)?,
                escalated_to: r.get(18)?,
                escalated_on: r.get(19)?,
                latest_measure: r.get(20)?,
                revisits: r.get(21)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(TwHazardPage {
        as_of: day,
        items,
        total,
    })
}
