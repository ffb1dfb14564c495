//! Rounds (轮次) and coverage: "不漏一户". The office names its rounds (第一轮 by the end of
//! November, then two a month); for a round, each grid shows how many of its households
//! have been visited (at least one inspection dated inside the round) and which have not —
//! the list a township inspector checks.

use crate::dates::{iso, show_iso};
use crate::error::{Error, Result};
use crate::{new_id, now_ts, text};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// A round (轮次) as stored in `rounds`: a named, inclusive date range within which every
/// household should be visited once ("不漏一户").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Round {
    /// Row id in `rounds` (UUID v7); stable across edits.
    pub id: String,
    /// The office's name for it (第一轮, 12月上半月); unique, at most 50 characters.
    pub name: String,
    /// First day, ISO `YYYY-MM-DD`, inclusive.
    pub start_date: String,
    /// Last day, ISO `YYYY-MM-DD`, inclusive; never before `start_date`.
    pub end_date: String,
    /// Free note; empty when none.
    pub note: String,
    /// When the row was created (UTC, `2024-12-01T08:00:00.000Z`).
    pub created_at: String,
    /// When the row was last changed (UTC, same format as `created_at`).
    pub updated_at: String,
}

/// What the clerk fills in to add or change a round; checked by [`add`] / [`update`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct RoundInput {
    /// The round's name; white space trimmed and folded, required, at most 50 characters,
    /// unique among rounds.
    pub name: String,
    /// As typed (2024-12-01, 2024年12月1日 ...).
    pub start_date: String,
    /// Last day as typed, in any form `parse_date` accepts; must not be before the start.
    pub end_date: String,
    /// Free note; trimmed; empty when omitted.
    #[serde(default)]
    pub note: String,
}

/// Coverage of one grid in a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GridCoverage {
    /// None for households without a grid.
    pub grid_id: Option<String>,
    /// The grid's number (`grids.no`, the first digits of its household codes); None without a grid.
    pub grid_no: Option<i64>,
    /// The grid's name, or （未分网格） for households without a grid.
    pub grid: String,
    /// The grid leader (网格长); empty when not recorded or without a grid.
    pub leader: String,
    /// The grid leader's phone; empty when not recorded or without a grid.
    pub leader_phone: String,
    /// Households in the grid (0 for a grid drawn but not yet filled).
    pub households: i64,
    /// Households with at least one inspection dated inside the round.
    pub visited: i64,
    /// `households - visited`: the households still to knock on.
    pub not_visited: i64,
}

/// Coverage of a round: per grid and in total, how many households have been visited.
/// Made by [`coverage`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Coverage {
    /// The round counted.
    pub round: Round,
    /// One entry per grid, by grid number, grids without households included; the households
    /// without a grid come last as （未分网格）.
    pub grids: Vec<GridCoverage>,
    /// All households, summed over `grids`.
    pub households: i64,
    /// Households visited inside the round, summed over `grids`.
    pub visited: i64,
    /// Households not visited inside the round, summed over `grids`.
    pub not_visited: i64,
}

/// A household not yet visited in a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MissingHousehold {
    /// Row id in `households`.
    pub household_id: String,
    /// The household's short code printed on its forms (two-digit grid number + sequence, 03017).
    pub code: String,
    /// 检查地点(对象)名称: the head of household or the place's name.
    pub name: String,
    /// 地址; empty when not recorded.
    pub address: String,
    /// The grid's name; empty for a household without a grid.
    pub grid: String,
    /// The grid leader (网格长); empty when none.
    pub leader: String,
    /// The household's contact person (联系人); empty when none.
    pub contact: String,
    /// The household's phone (联系电话); empty when none.
    pub phone: String,
    /// The last visit before the round, if any.
    pub last_visit: Option<String>,
}

const SELECT: &str =
    "SELECT id, name, start_date, end_date, note, created_at, updated_at FROM rounds";

fn from_row(r: &Row) -> rusqlite::Result<Round> {
    Ok(Round {
        id: r.get(0)?,
        name: r.get(1)?,
        start_date: r.get(2)?,
        end_date: r.get(3)?,
        note: r.get(4)?,
        created_at: r.get(5)?,
        updated_at: r.get(6)?,
    })
}

struct Checked {
    name: String,
    start: String,
    end: String,
    note: String,
}

fn check(conn: &Connection, input: &RoundInput, except: &str) -> Result<Checked> {
    let name = text::clean(&input.name);
    if name.is_empty() {
        return Err(Error::invalid("请填写轮次名称（例如：第一轮）。"));
    }
    if name.chars().count() > 50 {
        return Err(Error::invalid("轮次名称太长（最多 50 个字）。"));
    }
    if input.start_date.trim().is_empty() || input.end_date.trim().is_empty() {
        return Err(Error::invalid("请填写轮次的开始和结束日期。"));
    }
    let start = crate::parse_date(&input.start_date)
        .map_err(|e| Error::invalid(format!("开始日期：{}", e.message)))?;
    let end = crate::parse_date(&input.end_date)
        .map_err(|e| Error::invalid(format!("结束日期：{}", e.message)))?;
    if end < start {
        return Err(Error::invalid(format!(
            "结束日期 {} 早于开始日期 {}。",
            crate::date_cn(end),
            crate::date_cn(start)
        )));
    }
    let clash: Option<String> = conn
        .query_row(
            "SELECT id FROM rounds WHERE name = ?1 AND id <> ?2",
            params![name, except],
            |r| r.get(0),
        )
        .optional()?;
    if clash.is_some() {
        return Err(Error::conflict(format!("已有名为“{name}”的轮次。")));
    }
    Ok(Checked {
        name,
        start: iso(start),
        end: iso(end),
        note: input.note.trim().to_string(),
    })
}

/// Adds a round and returns it as stored (dates as ISO).
/// Errors: `invalid` for an empty or too long name, a missing or unreadable date, or an end
/// before the start; `conflict` when another round has the same name.
pub fn add(conn: &Connection, input: &RoundInput) -> Result<Round> {
    let c = check(conn, input, "")?;
    let id = new_id();
    conn.execute(
        "INSERT INTO rounds (id, name, start_date, end_date, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![id, c.name, c.start, c.end, c.note, now_ts()],
    )?;
    get(conn, &id)
}

/// Changes the round `id` to `input` and returns it as stored; visits are not touched, only
/// which of them count for the round. Errors: `not_found` for an unknown id, otherwise as [`add`].
pub fn update(conn: &Connection, id: &str, input: &RoundInput) -> Result<Round> {
    get(conn, id)?;
    let c = check(conn, input, id)?;
    conn.execute(
        "UPDATE rounds SET name = ?2, start_date = ?3, end_date = ?4, note = ?5, updated_at = ?6
         WHERE id = ?1",
        params![id, c.name, c.start, c.end, c.note, now_ts()],
    )?;
    get(conn, id)
}

/// Deletes a round (only the name and dates: visits are not touched).
pub fn delete(conn: &Connection, id: &str) -> Result<()> {
    get(conn, id)?;
    conn.execute("DELETE FROM rounds WHERE id = ?1", [id])?;
    Ok(())
}

/// The round with row id `id`; `not_found` when there is none (e.g. deleted meanwhile).
pub fn get(conn: &Connection, id: &str) -> Result<Round> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("没有找到这个轮次，它可能已被删除。"))
}

/// Finds a round by id or exact name.
pub fn resolve(conn: &Connection, key: &str) -> Result<Round> {
    let key = text::clean(key);
    conn.query_row(
        &format!("{SELECT} WHERE id = ?1 OR name = ?1 LIMIT 1"),
        [&key],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found(format!("没有名为“{key}”的轮次。")))
}

/// All rounds, latest first.
pub fn list(conn: &Connection) -> Result<Vec<Round>> {
    let mut st = conn.prepare(&format!("{SELECT} ORDER BY start_date DESC, name"))?;
    let rows = st.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The round running on `as_of` (today by default): the one whose dates contain it (the
/// latest started if several do); else the last one that has started.
pub fn current(conn: &Connection, as_of: Option<&str>) -> Result<Option<Round>> {
    let day = match as_of.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => crate::parse_date(s)?,
        None => crate::today(),
    };
    let day = iso(day);
    let inside = conn
        .query_row(
            &format!(
                "{SELECT} WHERE start_date <= ?1 AND end_date >= ?1 ORDER BY start_date DESC LIMIT 1"
            ),
            [&day],
            from_row,
        )
        .optional()?;
    if inside.is_some() {
        return Ok(inside);
    }
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE start_date <= ?1 ORDER BY end_date DESC LIMIT 1"),
            [&day],
            from_row,
        )
        .optional()?)
}

/// Per grid: households, visited in the round, not yet visited.
pub fn coverage(conn: &Connection, round_id: &str) -> Result<Coverage> {
    let round = get(conn, round_id)?;
    let mut st = conn.prepare(
        "SELECT h.grid_id, g.no, coalesce(g.name, '（未分网格）'), coalesce(g.leader, ''),
            coalesce(g.leader_phone, ''), count(*),
            sum(EXISTS (SELECT 1 FROM inspections i WHERE i.household_id = h.id
                        AND i.visit_date BETWEEN ?1 AND ?2))
         FROM households h LEFT JOIN grids g ON g.id = h.grid_id
         GROUP BY h.grid_id ORDER BY coalesce(g.no, 1000000)",
    )?;
    let rows = st.query_map(params![round.start_date, round.end_date], |r| {
        let households: i64 = r.get(5)?;
        let visited: i64 = r.get::<_, Option<i64>>(6)?.unwrap_or(0);
        Ok(GridCoverage {
            grid_id: r.get(0)?,
            grid_no: r.get(1)?,
            grid: r.get(2)?,
            leader: r.get(3)?,
            leader_phone: r.get(4)?,
            households,
            visited,
            not_visited: households - visited,
        })
    })?;
    let mut grids: Vec<GridCoverage> = rows.collect::<rusqlite::Result<_>>()?;
    // Grids without households still show (a new grid must not look "done").
    let mut empty = conn.prepare(
        "SELECT id, no, name, leader, leader_phone FROM grids g
         WHERE NOT EXISTS (SELECT 1 FROM households h WHERE h.grid_id = g.id) ORDER BY no",
    )?;
    let empty_rows = empty.query_map([], |r| {
        Ok(GridCoverage {
            grid_id: r.get(0)?,
            grid_no: r.get(1)?,
            grid: r.get(2)?,
            leader: r.get(3)?,
            leader_phone: r.get(4)?,
            households: 0,
            visited: 0,
            not_visited: 0,
        })
    })?;
    for g in empty_rows {
        grids.push(g?);
    }
    grids.sort_by_key(|g| g.grid_no.unwrap_or(i64::MAX));
    let households = grids.iter().map(|g| g.households).sum();
    let visited = grids.iter().map(|g| g.visited).sum();
    Ok(Coverage {
        round,
        grids,
        households,
        visited,
        not_visited: households - visited,
    })
}

/// The households not visited in the round (of one grid, or all; `"-"` = without a grid),
/// in walking order.
pub fn not_visited(
    conn: &Connection,
    round_id: &str,
    grid_id: Option<&str>,
) -> Result<Vec<MissingHousehold>> {
    let round = get(conn, round_id)?;
    let grid_cond = match grid_id.filter(|g| !g.is_empty()) {
        None => "1 = 1",
        Some("-") => "h.grid_id IS NULL",
        Some(_) => "h.grid_id = ?3",
    };
    let sql = format!(
        "SELECT h.id, h.code, h.name, h.address, coalesce(g.name, ''), coalesce(g.leader, ''),
            h.contact, h.phone,
            (SELECT max(i.visit_date) FROM inspections i WHERE i.household_id = h.id AND i.visit_date < ?1)
         FROM households h LEFT JOIN grids g ON g.id = h.grid_id
         WHERE {grid_cond} AND NOT EXISTS (SELECT 1 FROM inspections i WHERE i.household_id = h.id
                              AND i.visit_date BETWEEN ?1 AND ?2)
         ORDER BY coalesce(g.no, 1000000), h.code"
    );
    let mut st = conn.prepare(&sql)?;
    let map = |r: &Row| {
        Ok(MissingHousehold {
            household_id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            address: r.get(3)?,
            grid: r.get(4)?,
            leader: r.get(5)?,
            contact: r.get(6)?,
            phone: r.get(7)?,
            last_visit: r.get(8)?,
        })
    };
    let rows = match grid_id.filter(|g| !g.is_empty() && *g != "-") {
        Some(g) => st
            .query_map(params![round.start_date, round.end_date, g], map)?
            .collect::<rusqlite::Result<Vec<_>>>()?,
        None => st
            .query_map(params![round.start_date, round.end_date], map)?
            .collect::<rusqlite::Result<Vec<_>>>()?,
    };
    Ok(rows)
}

/// Writes the not-yet-visited list (and the coverage per grid) to an .xlsx file: A4,
/// header row repeated on every printed page. Returns how many households are listed.
pub fn export_not_visited(
    conn: &Connection,
    round_id: &str,
    grid_id: Option<&str>,
    path: &Path,
) -> Result<usize> {
    use crate::xlsx::{xlsx_err, XlsxStyles};
    use rust_xlsxwriter::Workbook;
    let cov = coverage(conn, round_id)?;
    let rows = not_visited(conn, round_id, grid_id)?;
    let unit = crate::settings::load(conn)?.unit_name;
    let title = format!(
        "{}{}未入户名单（{}至{}）",
        unit,
        cov.round.name,
        show_iso(&cov.round.start_date),
        show_iso(&cov.round.end_date)
    );
    let st = XlsxStyles::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    (|| -> Result<(), rust_xlsxwriter::XlsxError> {
        ws.set_name("未入户名单")?;
        let headers = [
            ("序号", 6.0),
            ("网格", 14.0),
            ("编号", 9.0),
            ("检查地点(对象)名称", 18.0),
            ("地址", 28.0),
            ("联系人", 10.0),
            ("联系电话", 15.0),
            ("上次检查", 14.0),
            ("备注", 16.0),
        ];
        ws.merge_range(0, 0, 0, headers.len() as u16 - 1, &title, &st.title)?;
        ws.set_row_height(0, 28)?;
        ws.merge_range(
            1,
            0,
            1,
            headers.len() as u16 - 1,
            &format!(
                "共 {} 户未入户（全部 {} 户，已入户 {} 户）　导出日期：{}",
                rows.len(),
                cov.households,
                cov.visited,
                crate::date_cn(crate::today())
            ),
            &st.note,
        )?;
        for (c, (h, w)) in headers.iter().enumerate() {
            ws.write_string_with_format(2, c as u16, *h, &st.header)?;
            ws.set_column_width(c as u16, *w)?;
        }
        for (i, m) in rows.iter().enumerate() {
            let r = 3 + i as u32;
            ws.write_number_with_format(r, 0, (i + 1) as f64, &st.cell)?;
            let cells = [
                m.grid.clone(),
                m.code.clone(),
                m.name.clone(),
                m.address.clone(),
                m.contact.clone(),
                m.phone.clone(),
                m.last_visit.as_deref().map(show_iso).unwrap_or_default(),
                String::new(),
            ];
            for (c, v) in cells.iter().enumerate() {
                ws.write_string_with_format(r, c as u16 + 1, v, &st.cell)?;
            }
        }
        ws.set_repeat_rows(2, 2)?;
        ws.set_paper_size(9);
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_print_center_horizontally(true);
        ws.set_freeze_panes(3, 0)?;
        Ok(())
    })()
    .map_err(xlsx_err)?;

    let ws = wb.add_worksheet();
    (|| -> Result<(), rust_xlsxwriter::XlsxError> {
        ws.set_name("各网格覆盖情况")?;
        let headers = [
            ("网格", 16.0),
            ("网格长", 10.0),
            ("电话", 15.0),
            ("户数", 8.0),
            ("已入户", 8.0),
            ("未入户", 8.0),
        ];
        ws.merge_range(
            0,
            0,
            0,
            headers.len() as u16 - 1,
            &format!("{}{}入户覆盖情况", unit, cov.round.name),
            &st.title,
        )?;
        for (c, (h, w)) in headers.iter().enumerate() {
            ws.write_string_with_format(1, c as u16, *h, &st.header)?;
            ws.set_column_width(c as u16, *w)?;
        }
        let mut r = 2u32;
        for g in &cov.grids {
            ws.write_string_with_format(r, 0, &g.grid, &st.cell)?;
            ws.write_string_with_format(r, 1, &g.leader, &st.cell)?;
            ws.write_string_with_format(r, 2, &g.leader_phone, &st.cell)?;
            ws.write_number_with_format(r, 3, g.households as f64, &st.cell)?;
            ws.write_number_with_format(r, 4, g.visited as f64, &st.cell)?;
            ws.write_number_with_format(r, 5, g.not_visited as f64, &st.cell)?;
            r += 1;
        }
        ws.write_string_with_format(r, 0, "合计", &st.header)?;
        ws.write_string_with_format(r, 1, "", &st.header)?;
        ws.write_string_with_format(r, 2, "", &st.header)?;
        ws.write_number_with_format(r, 3, cov.households as f64, &st.header)?;
        ws.write_number_with_format(r, 4, cov.visited as f64, &st.header)?;
        ws.write_number_with_format(r, 5, cov.not_visited as f64, &st.header)?;
        ws.set_paper_size(9);
        ws.set_print_fit_to_pages(1, 0);
        Ok(())
    })()
    .map_err(xlsx_err)?;
    crate::xlsx::save_workbook(&mut wb, path)?;
    Ok(rows.len())
}

/// The not-yet-visited list as a printable A4 PDF (the print area's table page), with the
/// round, the coverage totals and a signature line for the township inspector's check.
#[cfg(feature = "pdf")]
pub fn not_visited_pdf(
    conn: &Connection,
    round_id: &str,
    grid_id: Option<&str>,
) -> Result<crate::pdf::Rendered> {
    use crate::pdf::{render_table, TableColumn, TablePage};
    let cov = coverage(conn, round_id)?;
    let rows = not_visited(conn, round_id, grid_id)?;
    let s = crate::settings::load(conn)?;
    let scope = match grid_id.filter(|g| !g.is_empty()) {
        None => "全部网格".to_string(),
        Some("-") => "未分网格".to_string(),
        Some(g) => crate::grids::get(conn, g)?.name,
    };
    let table = TablePage {
        title: format!("{}未入户名单", cov.round.name),
        header_lines: vec![
            format!(
                "单位：{}　　范围：{}　　轮次：{}至{}",
                s.unit_name,
                scope,
                show_iso(&cov.round.start_date),
                show_iso(&cov.round.end_date)
            ),
            format!(
                "全部 {} 户，已入户 {} 户，未入户 {} 户（本表 {} 户）　　打印日期：{}",
                cov.households,
                cov.visited,
                cov.not_visited,
                rows.len(),
                crate::date_cn(crate::today())
            ),
        ],
        columns: vec![
            TableColumn::new("序号", 0.6),
            TableColumn::new("网格", 1.3).left(),
            TableColumn::new("编号", 0.9),
            TableColumn::new("检查地点(对象)名称", 2.0).left(),
            TableColumn::new("地址", 2.6).left(),
            TableColumn::new("联系电话", 1.4),
            TableColumn::new("上次检查", 1.5),
            TableColumn::new("备注", 1.3),
        ],
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, m)| {
                vec![
                    (i + 1).to_string(),
                    m.grid.clone(),
                    m.code.clone(),
                    m.name.clone(),
                    m.address.clone(),
                    m.phone.clone(),
                    m.last_visit
                        .as_deref()
                        .map(show_iso)
                        .unwrap_or_else(|| "从未检查".into()),
                    String::new(),
                ]
            })
            .collect(),
        footer_lines: vec!["核查人：　　　　　　　　核查日期：　　　　年　　月　　日".into()],
        landscape: true,
    };
    render_table(&table)
}
