//! Grids (网格 / 微网格): 5-10 neighbouring households, at most 15, one grid leader.

use crate::error::{Error, Result};
use crate::{new_id, now_ts, text, validate};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A grid (网格 / 微网格) as listed: the `grids` row and how many households it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Grid {
    /// Row id in `grids` (UUID v7); stable across edits, referenced by `households.grid_id`.
    pub id: String,
    /// Small number that starts the codes of the grid's households.
    pub no: i64,
    /// The office's name for the grid (e.g. 一组, 东街网格); unique, at most 50 characters.
    pub name: String,
    /// The grid leader (网格长); empty when not recorded.
    pub leader: String,
    /// The grid leader's phone, normalised (11-digit mobile or landline); empty when not recorded.
    pub leader_phone: String,
    /// Free note; empty when none.
    pub note: String,
    /// Households registered in the grid.
    pub households: i64,
}

/// What the clerk fills in to add or change a grid; checked by [`add`] / [`update`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct GridInput {
    /// Left empty, the next free number is taken.
    #[serde(default)]
    #[ts(optional)]
    pub no: Option<i64>,
    /// The grid's name; white space folded, required, at most 50 characters, unique.
    pub name: String,
    /// The grid leader (网格长); may be empty.
    #[serde(default)]
    pub leader: String,
    /// The leader's phone as typed (full-width digits, spaces, `+86` accepted); may be empty.
    #[serde(default)]
    pub leader_phone: String,
    /// Free note; may be empty.
    #[serde(default)]
    pub note: String,
}

/// The most households a grid should hold (seed 003: 5-10, at most 15).
pub const GRID_MAX_HOUSEHOLDS: i64 = 15;

const SELECT: &str = "SELECT g.id, g.no, g.name, g.leader, g.leader_phone, g.note,
    (SELECT count(*) FROM households h WHERE h.grid_id = g.id) FROM grids g";

fn from_row(r: &Row) -> rusqlite::Result<Grid> {
    Ok(Grid {
        id: r.get(0)?,
        no: r.get(1)?,
        name: r.get(2)?,
        leader: r.get(3)?,
        leader_phone: r.get(4)?,
        note: r.get(5)?,
        households: r.get(6)?,
    })
}

/// All grids, by number.
pub fn list(conn: &Connection) -> Result<Vec<Grid>> {
    let mut st = conn.prepare(&format!("{SELECT} ORDER BY g.no"))?;
    let rows = st.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The grid with row id `id`; `not_found` when there is none (e.g. deleted meanwhile).
pub fn get(conn: &Connection, id: &str) -> Result<Grid> {
    conn.query_row(&format!("{SELECT} WHERE g.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("没有找到这个网格，它可能已被删除。"))
}

/// Finds a grid by id, exact name or number (as typed in the CLI or a roster).
pub fn resolve(conn: &Connection, key: &str) -> Result<Grid> {
    let key = text::clean(key);
    let found = conn
        .query_row(
            &format!("{SELECT} WHERE g.id = ?1 OR g.name = ?1 OR CAST(g.no AS TEXT) = ?1 ORDER BY g.name = ?1 DESC LIMIT 1"),
            [&key],
            from_row,
        )
        .optional()?;
    found.ok_or_else(|| Error::not_found(format!("没有名为“{key}”的网格。请先在“网格”页添加。")))
}

fn normalize(input: &GridInput) -> Result<GridInput> {
    let mut g = input.clone();
    g.name = text::clean(&g.name);
    g.leader = text::clean_name(&g.leader);
    g.leader_phone = validate::normalize_phone(&g.leader_phone);
    g.note = text::clean(&g.note);
    if g.name.is_empty() {
        return Err(Error::invalid("请填写网格名称。"));
    }
    if g.name.chars().count() > 50 {
        return Err(Error::invalid("网格名称太长（最多 50 个字）。"));
    }
    if !g.leader_phone.is_empty() {
        validate::check_phone(&g.leader_phone)
            .map_err(|m| Error::invalid(format!("网格长电话：{m}")))?;
    }
    if let Some(no) = g.no {
        if !(1..=9999).contains(&no) {
            return Err(Error::invalid("网格编号应在 1 到 9999 之间。"));
        }
    }
    Ok(g)
}

fn check_unique(conn: &Connection, g: &GridInput, except: &str) -> Result<()> {
    let clash: Option<String> = conn
        .query_row(
            "SELECT name FROM grids WHERE name = ?1 AND id <> ?2",
            params![g.name, except],
            |r| r.get(0),
        )
        .optional()?;
    if clash.is_some() {
        return Err(Error::conflict(format!("已有名为“{}”的网格。", g.name)));
    }
    if let Some(no) = g.no {
        let clash: Option<String> = conn
            .query_row(
                "SELECT name FROM grids WHERE no = ?1 AND id <> ?2",
                params![no, except],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(other) = clash {
            return Err(Error::conflict(format!(
                "编号 {no} 已被网格“{other}”使用。"
            )));
        }
    }
    Ok(())
}

/// Adds a grid and returns it as stored (0 households).
/// Errors: `invalid` for an empty or too long name, a bad phone or a number outside 1–9999;
/// `conflict` when another grid has the same name or number.
pub fn add(conn: &Connection, input: &GridInput) -> Result<Grid> {
    let g = normalize(input)?;
    check_unique(conn, &g, "")?;
    let no = match g.no {
        Some(n) => n,
        None => conn.query_row("SELECT coalesce(max(no), 0) + 1 FROM grids", [], |r| {
            r.get(0)
        })?,
    };
    let id = new_id();
    let now = now_ts();
    conn.execute(
        "INSERT INTO grids (id, no, name, leader, leader_phone, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![id, no, g.name, g.leader, g.leader_phone, g.note, now],
    )?;
    get(conn, &id)
}

/// Changes the grid `id` to `input` (an empty number keeps the old one) and returns it.
/// Household codes already given do not change with the number.
/// Errors: `not_found` for an unknown id, otherwise as [`add`].
pub fn update(conn: &Connection, id: &str, input: &GridInput) -> Result<Grid> {
    let old = get(conn, id)?;
    let mut g = normalize(input)?;
    if g.no.is_none() {
        g.no = Some(old.no);
    }
    check_unique(conn, &g, id)?;
    conn.execute(
        "UPDATE grids SET no = ?2, name = ?3, leader = ?4, leader_phone = ?5, note = ?6, updated_at = ?7
         WHERE id = ?1",
        params![id, g.no, g.name, g.leader, g.leader_phone, g.note, now_ts()],
    )?;
    get(conn, id)
}

/// Deletes an empty grid. Errors: `not_found` for an unknown id; `conflict` while households
/// are still in it (move them to other grids first).
pub fn delete(conn: &Connection, id: &str) -> Result<()> {
    let g = get(conn, id)?;
    if g.households > 0 {
        return Err(Error::conflict(format!(
            "网格“{}”里还有 {} 户，请先把这些户调到其他网格再删除。",
            g.name, g.households
        )));
    }
    conn.execute("DELETE FROM grids WHERE id = ?1", [id])?;
    Ok(())
}

/// Finds the grid with this name or creates it (rosters often carry only the 村民小组).
pub fn find_or_create(conn: &Connection, name: &str) -> Result<Grid> {
    let name = text::clean(name);
    let existing = conn
        .query_row(&format!("{SELECT} WHERE g.name = ?1"), [&name], from_row)
        .optional()?;
    match existing {
        Some(g) => Ok(g),
        None => add(
            conn,
            &GridInput {
                name,
                ..Default::default()
            },
        ),
    }
}
