//! The `settings` table as key/value rows: the office's settings ([`crate::settings`]) and
//! the other choices the product remembers (template rules, retired templates, the entry
//! form's last date ...). Values are text; most are JSON.

use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};

/// The value stored under `key`, if any.
pub fn get_value(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Stores `value` under `key` (audited like every settings row).
pub fn set_value(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
