//! The township's statistics table (附件2) computed from the villages' records, with the
//! same rules as a village's own table (`stats::compute`): hazards found in the period,
//! hazards closed in the period whenever found, the major ones of each, and publicity.
//! The township's table is the sum of the villages' tables, which come with it.
//!
//! When villages also sent their own tables (files read like 乡镇汇总 reads them, kept in
//! `tw_sent_tables`), each one of the same period is compared with the village's records
//! and every number that differs is listed.

use super::require_township;
use crate::aggregate;
use crate::category::Category;
use crate::error::{Error, Result};
use crate::settings;
use crate::stats::{self, Column, HazardLine, StatsRow, StatsTable, TOTAL_LABEL};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;

/// One village's table for the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VillageTable {
    /// The village's number in the township's database.
    pub vid: i64,
    /// The village's name.
    pub village: String,
    /// The seven rows computed from the village's records, in the official order.
    pub rows: Vec<StatsRow>,
    /// The village's 合计 row.
    pub total: StatsRow,
}

/// A number where a village's own table and its records differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Difference {
    /// 行动名称 or 合计.
    pub action: String,
    /// The column that differs.
    pub column: Column,
    /// From the village's records.
    pub records: i64,
    /// In the table the village sent.
    pub table: i64,
}

/// A table a village sent, compared with its records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SentComparison {
    /// Row id in `tw_sent_tables` (UUID v7).
    pub id: String,
    /// The file's name as it was added.
    pub file: String,
    /// 报送单位 as the table names it.
    pub unit: String,
    /// The village it was matched to by name (None: no village of that name).
    pub vid: Option<i64>,
    /// The name of that village; None when no village matched.
    pub village: Option<String>,
    /// 报送时间 as ISO when it could be read, else as written ('' when absent).
    pub report_date: String,
    /// Every number that differs, row by row; empty when the table agrees with the records.
    pub differences: Vec<Difference>,
}

/// The township's table, the villages' tables and the comparisons. Serialised, the keys
/// of `qiaomen report --json` (unit, contact, from, to, rows, total) come first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TownshipReport {
    /// The township's own table: the sum of the villages' tables.
    #[serde(flatten)]
    pub table: StatsTable,
    /// The period in words.
    pub label: String,
    /// Each village's table, by name.
    pub villages: Vec<VillageTable>,
    /// The villages' own tables of exactly this period.
    pub compared: Vec<SentComparison>,
    /// Records of the period whose category is none of the seven rows.
    pub uncounted: stats::Uncounted,
}

fn range(from: &str, to: &str) -> Result<(String, String)> {
    let f = crate::parse_date(from)?;
    let t = crate::parse_date(to)?;
    let p = stats::Period::range(f, t)?;
    Ok((p.from, p.to))
}

/// The township's table for the inclusive period, with each village's.
pub fn compute(conn: &Connection, from: &str, to: &str) -> Result<TownshipReport> {
    require_township(conn)?;
    let (from, to) = range(from, to)?;
    let s = settings::load(conn)?;
    let mut villages: BTreeMap<i64, VillageTable> = BTreeMap::new();
    let mut st = conn.prepare("SELECT vid, name FROM tw_villages ORDER BY name, vid")?;
    let names: Vec<(i64, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (vid, name) in &names {
        let t = StatsTable::empty(name, "", &from, &to);
        villages.insert(
            *vid,
            VillageTable {
                vid: *vid,
                village: name.clone(),
                rows: t.rows,
                total: t.total,
            },
        );
    }
    let c = Category::ALL;
    let args = params![from, to, c[0], c[1], c[2], c[3], c[4], c[5], c[6]];
    const IN: &str = "category IN (?3, ?4, ?5, ?6, ?7, ?8, ?9)";
    let mut add = |sql: &str, set: &dyn Fn(&mut StatsRow, i64, i64)| -> Result<()> {
        let mut st = conn.prepare_cached(sql)?;
        let mut rows = st.query(args)?;
        while let Some(r) = rows.next()? {
            let vid: i64 = r.get(0)?;
            let cat: String = r.get(1)?;
            let Some(v) = villages.get_mut(&vid) else {
                continue;
            };
            if let Some(row) = v.rows.iter_mut().find(|x| x.action == cat) {
                set(row, r.get(2)?, r.get(3)?);
            }
        }
        Ok(())
    };
    add(
        &format!(
            "SELECT vid, category, count(*), coalesce(sum(major), 0) FROM tw_hazards
             WHERE {IN} AND found_on BETWEEN ?1 AND ?2 GROUP BY vid, category"
        ),
        &|row, n, m| {
            row.hazards = n;
            row.major = m;
        },
    )?;
    add(
        &format!(
            "SELECT vid, category, count(*), coalesce(sum(major), 0) FROM tw_hazards
             WHERE {IN} AND closed_on BETWEEN ?1 AND ?2 AND status IN ('closed', 'fixed_on_site')
             GROUP BY vid, category"
        ),
        &|row, n, m| {
            row.rectified = n;
            row.major_rectified = m;
        },
    )?;
    add(
        &format!(
            "SELECT vid, category, coalesce(sum(sessions), 0), coalesce(sum(people), 0)
             FROM tw_publicity WHERE {IN} AND event_date BETWEEN ?1 AND ?2
             GROUP BY vid, category"
        ),
        &|row, n, m| {
            row.sessions = n;
            row.people = m;
        },
    )?;
    let mut table = StatsTable::empty(&s.unit_name, &s.contact, &from, &to);
    let mut out: Vec<VillageTable> = Vec::with_capacity(villages.len());
    for (vid, _) in &names {
        if let Some(mut v) = villages.remove(vid) {
            let mut t = StatsRow::new(TOTAL_LABEL);
            for (i, r) in v.rows.iter().enumerate() {
                t.add(r);
                table.rows[i].add(r);
            }
            v.total = t;
            out.push(v);
        }
    }
    table.sum_total();
    let compared = compare(conn, &from, &to, &out)?;
    let label = stats::Period::range(crate::parse_date(&from)?, crate::parse_date(&to)?)?.label;
    Ok(TownshipReport {
        uncounted: uncounted(conn, &from, &to)?,
        table,
        label,
        villages: out,
        compared,
    })
}

fn uncounted(conn: &Connection, from: &str, to: &str) -> Result<stats::Uncounted> {
    let list = Category::NAMES
        .iter()
        .map(|c| format!("'{c}'"))
        .collect::<Vec<_>>()
        .join(",");
    Ok(stats::Uncounted {
        hazards: conn.query_row(
            &format!(
                "SELECT count(*) FROM tw_hazards WHERE category NOT IN ({list})
                 AND (found_on BETWEEN ?1 AND ?2 OR closed_on BETWEEN ?1 AND ?2)"
            ),
            params![from, to],
            |r| r.get(0),
        )?,
        events: conn.query_row(
            &format!(
                "SELECT count(*) FROM tw_publicity WHERE category NOT IN ({list})
                 AND event_date BETWEEN ?1 AND ?2"
            ),
            params![from, to],
            |r| r.get(0),
        )?,
    })
}

/// The hazards behind one number: a row (or 合计) and a column, of one village or all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TwCellHazard {
    /// The village's number in the township's database.
    pub vid: i64,
    /// The village's name.
    pub village: String,
    /// The hazard, with its household in the village.
    #[serde(flatten)]
    pub hazard: HazardLine,
}

/// What is behind one cell of the township's (or one village's) table; see [`cell`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TwCellDetail {
    /// The row (行动名称), or 合计.
    pub action: String,
    /// The column of the cell.
    pub column: Column,
    /// How the number is made, in words.
    pub explain: String,
    /// The number in the table.
    pub value: i64,
    /// Hazards behind a hazard column, by village (empty for publicity columns).
    pub hazards: Vec<TwCellHazard>,
    /// Publicity columns: (village, date, category, kind, sessions, people).
    pub events: Vec<TwEvent>,
    /// True when `hazards` holds only the first of `value` hazards.
    pub truncated: bool,
}

/// A publicity event (宣传) of a village, behind a publicity cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TwEvent {
    /// The village's number in the township's database.
    pub vid: i64,
    /// The village's name.
    pub village: String,
    /// Date of the event (ISO).
    pub date: String,
    /// The 行动名称 it counts under, as its Chinese name.
    pub category: String,
    /// The kind of publicity; empty when not recorded.
    pub kind: String,
    /// 次数.
    pub sessions: i64,
    /// 人数.
    pub people: i64,
    /// Free note; empty when none.
    pub note: String,
}

/// What is behind one cell of the township's (or one village's) table.
pub fn cell(
    conn: &Connection,
    from: &str,
    to: &str,
    action: Option<&str>,
    column: Column,
    village: Option<i64>,
    limit: Option<i64>,
) -> Result<TwCellDetail> {
    require_township(conn)?;
    let (from, to) = range(from, to)?;
    let category = match action.map(str::trim) {
        None | Some("") | Some(TOTAL_LABEL) => None,
        Some(a) => Some(Category::check(a)?),
    };
    let cats = match category {
        Some(c) => format!("'{}'", c.name()),
        None => Category::NAMES
            .iter()
            .map(|c| format!("'{c}'"))
            .collect::<Vec<_>>()
            .join(","),
    };
    let vcond = if village.is_some() {
        "AND h.vid = ?3"
    } else {
        "AND ?3 IS NULL"
    };
    let mut d = TwCellDetail {
        action: category.map_or(TOTAL_LABEL, Category::name).to_string(),
        column,
        explain: column.explain().to_string(),
        value: 0,
        hazards: vec![],
        events: vec![],
        truncated: false,
    };
    if matches!(column, Column::Sessions | Column::People) {
        let mut st = conn.prepare(&format!(
            "SELECT h.vid, v.name, h.event_date, h.category, h.kind, h.sessions, h.people, h.note
             FROM tw_publicity h JOIN tw_villages v ON v.vid = h.vid
             WHERE h.event_date BETWEEN ?1 AND ?2 AND h.category IN ({cats}) {vcond}
             ORDER BY h.event_date, v.name"
        ))?;
        d.events = st
            .query_map(params![from, to, village], |r| {
                Ok(TwEvent {
                    vid: r.get(0)?,
                    village: r.get(1)?,
                    date: r.get(2)?,
                    category: r.get(3)?,
                    kind: r.get(4)?,
                    sessions: r.get(5)?,
                    people: r.get(6)?,
                    note: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        d.value = d
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
        return Ok(d);
    }
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
    d.value = conn.query_row(
        &format!(
            "SELECT count(*) FROM tw_hazards h WHERE {cond} AND h.category IN ({cats}) {vcond}"
        ),
        params![from, to, village],
        |r| r.get(0),
    )?;
    let limit = limit.filter(|l| *l >= 0).unwrap_or(-1);
    let mut st = conn.prepare(&format!(
        "SELECT h.vid, v.name, h.id, h.household_id, coalesce(hh.code, ''), coalesce(hh.name, ''),
            coalesce(hh.address, ''), h.category, h.major, h.description, h.status, h.found_on,
            h.closed_on, h.deadline, h.rectification
         FROM tw_hazards h JOIN tw_villages v ON v.vid = h.vid
         LEFT JOIN tw_households hh ON hh.vid = h.vid AND hh.id = h.household_id
         WHERE {cond} AND h.category IN ({cats}) {vcond}
         ORDER BY v.name, h.found_on, hh.code LIMIT ?4"
    ))?;
    d.hazards = st
        .query_map(params![from, to, village, limit], |r| {
            Ok(TwCellHazard {
                vid: r.get(0)?,
                village: r.get(1)?,
                hazard: HazardLine {
                    id: r.get(2)?,
                    household_id: r.get(3)?,
                    household_code: r.get(4)?,
                    household_name: r.get(5)?,
                    address: r.get(6)?,
                    category: r.get(7)?,
                    major: r.get::<_, i64>(8)? != 0,
                    description: r.get(9)?,
                    status: r.get(10)?,
                    found_on: r.get(11)?,
                    closed_on: r.get(12)?,
                    deadline: r.get(13)?,
                    rectification: r.get(14)?,
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    d.truncated = (d.hazards.len() as i64) < d.value;
    Ok(d)
}

/// A village's own table, kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SentTable {
    /// Row id in `tw_sent_tables` (UUID v7).
    pub id: String,
    /// The file's name as it was added.
    pub file: String,
    /// 报送单位 as the table names it (the file name when it names none).
    pub unit: String,
    /// The village it was matched to by name; None when no village matched.
    pub vid: Option<i64>,
    /// The name of that village; None when no village matched.
    pub village: Option<String>,
    /// First day of the period the table states (ISO); empty when it states none.
    pub from: String,
    /// Last day of that period (ISO); empty when it states none.
    pub to: String,
    /// The period in words (未注明 when the table states none).
    pub period: String,
    /// 报送时间 as ISO when it could be read, else as written ('' when absent).
    pub report_date: String,
    /// The table's 合计 row as sent.
    pub total: StatsRow,
}

/// The village a table's 报送单位 names: the same name, else the one name contained in it
/// (东村村委会 → 东村) or containing it.
fn match_village(conn: &Connection, unit: &str) -> Result<Option<(i64, String)>> {
    let exact: Vec<(i64, String)> = {
        let mut st = conn.prepare("SELECT vid, name FROM tw_villages WHERE name = ?1")?;
        let rows = st.query_map([unit], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if exact.len() == 1 {
        return Ok(exact.into_iter().next());
    }
    if exact.len() > 1 {
        return Ok(None);
    }
    let mut st = conn.prepare("SELECT vid, name FROM tw_villages")?;
    let all: Vec<(i64, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let near: Vec<(i64, String)> = all
        .into_iter()
        .filter(|(_, n)| !n.is_empty() && (unit.contains(n.as_str()) || n.contains(unit)))
        .collect();
    Ok(if near.len() == 1 {
        near.into_iter().next()
    } else {
        None
    })
}

/// Reads villages' own tables and keeps them (each file in full or not at all).
pub fn add_sent_tables(conn: &Connection, paths: &[std::path::PathBuf]) -> Result<Vec<SentTable>> {
    require_township(conn)?;
    let mut read = Vec::with_capacity(paths.len());
    for p in paths {
        read.push(aggregate::read_table(p)?);
    }
    let tx = conn.unchecked_transaction()?;
    let mut out = Vec::new();
    for ((t, src), p) in read.into_iter().zip(paths) {
        let m = match_village(&tx, &src.unit)?;
        let id = crate::new_id();
        let rows = serde_json::to_string(&t.rows)?;
        tx.execute(
            "INSERT INTO tw_sent_tables (id, vid, unit, file, from_date, to_date, report_date,
                rows, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                id,
                m.as_ref().map(|x| x.0),
                src.unit,
                crate::sheet::file_label(Path::new(p)),
                src.from,
                src.to,
                src.report_date,
                rows,
                crate::now_ts()
            ],
        )?;
        out.push(SentTable {
            id,
            file: src.file,
            unit: src.unit,
            vid: m.as_ref().map(|x| x.0),
            village: m.map(|x| x.1),
            from: src.from,
            to: src.to,
            period: src.period,
            report_date: src.report_date,
            total: t.total,
        });
    }
    tx.commit()?;
    Ok(out)
}

/// The tables kept, newest first.
pub fn sent_tables(conn: &Connection) -> Result<Vec<SentTable>> {
    require_township(conn)?;
    let mut st = conn.prepare(
        "SELECT s.id, s.file, s.unit, s.vid, v.name, s.from_date, s.to_date, s.report_date,
            s.rows FROM tw_sent_tables s LEFT JOIN tw_villages v ON v.vid = s.vid
         ORDER BY s.added_at DESC, s.file",
    )?;
    let rows = st.query_map([], |r| {
        let from: String = r.get(5)?;
        let to: String = r.get(6)?;
        let rows: String = r.get(8)?;
        Ok((
            SentTable {
                id: r.get(0)?,
                file: r.get(1)?,
                unit: r.get(2)?,
                vid: r.get(3)?,
                village: r.get(4)?,
                period: period_words(&from, &to),
                from,
                to,
                report_date: r.get(7)?,
                total: StatsRow::new(TOTAL_LABEL),
            },
            rows,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (mut t, rows) = row?;
        let rows: Vec<StatsRow> = serde_json::from_str(&rows)?;
        for r in &rows {
            t.total.add(r);
        }
        out.push(t);
    }
    Ok(out)
}

fn period_words(from: &str, to: &str) -> String {
    match (crate::parse_date(from), crate::parse_date(to)) {
        (Ok(f), Ok(t)) => stats::Period::range(f, t)
            .map(|p| p.label)
            .unwrap_or_default(),
        _ => "未注明".into(),
    }
}

/// Forgets a kept table.
pub fn delete_sent_table(conn: &Connection, id: &str) -> Result<()> {
    require_township(conn)?;
    let n = conn.execute("DELETE FROM tw_sent_tables WHERE id = ?1", [id])?;
    if n == 0 {
        return Err(Error::not_found("没有找到这张统计表，它可能已被移除。"));
    }
    Ok(())
}

/// The kept tables of exactly this period, each compared with its village's records.
fn compare(
    conn: &Connection,
    from: &str,
    to: &str,
    villages: &[VillageTable],
) -> Result<Vec<SentComparison>> {
    let mut st = conn.prepare(
        "SELECT s.id, s.file, s.unit, s.vid, v.name, s.report_date, s.rows
         FROM tw_sent_tables s LEFT JOIN tw_villages v ON v.vid = s.vid
         WHERE s.from_date = ?1 AND s.to_date = ?2 ORDER BY s.unit, s.added_at",
    )?;
    let rows = st.query_map(params![from, to], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<i64>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, file, unit, vid, village, report_date, rows) = row?;
        let sent: Vec<StatsRow> = serde_json::from_str(&rows)?;
        let mut differences = Vec::new();
        if let Some(v) = vid.and_then(|vid| villages.iter().find(|x| x.vid == vid)) {
            for r in &v.rows {
                let other = sent.iter().find(|s| s.action == r.action);
                for c in Column::ALL {
                    let table = other.map_or(0, |o| o.get(c));
                    if table != r.get(c) {
                        differences.push(Difference {
                            action: r.action.clone(),
                            column: c,
                            records: r.get(c),
                            table,
                        });
                    }
                }
            }
        }
        out.push(SentComparison {
            id,
            file,
            unit,
            vid,
            village,
            report_date,
            differences,
        });
    }
    Ok(out)
}

/// The first day of the oldest and the last day of the newest record (for the screen's
/// default period); None when nothing was imported.
pub fn span(conn: &Connection) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT min(found_on), max(found_on) FROM tw_hazards",
            [],
            |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, Option<String>>(1)?,
                ))
            },
        )
        .optional()?
        .and_then(|(a, b)| Some((a?, b?))))
}
