//! Finding rows by what a clerk types: LIKE patterns and short record ids.

use crate::error::{Error, Result};
use rusqlite::{params, Connection};

/// Escapes `\`, `%` and `_` for a LIKE pattern written with `ESCAPE '\'`.
pub fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
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
