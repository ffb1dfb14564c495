//! The township's desk (乡镇模式, issue 17): villages send their records as one encrypted
//! file, the township merges them into one database it can search, follow up and report
//! from.
//!
//! - [`package`]: the file format (versioned, documented there), writing and reading it;
//! - [`keys`]: the township's key pair, the village's copy of the public key;
//! - [`export`]: the village's side, gathering its records into a package;
//! - [`merge`]: the township's side, a package into its tables (`tw_*`, migration 0008),
//!   a village's records replaced in one transaction;
//! - [`views`]: the villages table, the cross-village hazard ledger, drill-down to a
//!   village's households and one household's record;
//! - [`register`]: a village's households (visited this round or not) and one
//!   household's whole record, the 未入户名单;
//! - [`report`]: the township's 附件2 table computed from the records, the numbers behind a
//!   cell, and where a village's own table disagrees with its records;
//! - [`mod@print`]: the 未入户名单 and the overdue list of one village, to send back.
//!
//! A township database is an ordinary qiaomen database whose setting `app_mode` is
//! `township` (made by [`init`]); its unit settings name the township.

use crate::error::{Error, Result};
use crate::settings::{self, UnitSettings};
use rusqlite::Connection;

pub mod export;
pub mod keys;
pub mod merge;
pub mod package;
pub mod print;
pub mod register;
pub mod report;
pub mod views;

/// Settings key: `township` in a township's database.
pub const MODE_KEY: &str = "app_mode";

/// Whether this database is a township's.
pub fn is_township(conn: &Connection) -> Result<bool> {
    Ok(settings::get_value(conn, MODE_KEY)?.as_deref() == Some("township"))
}

/// Refuses a township operation on a village's database.
pub fn require_township(conn: &Connection) -> Result<()> {
    if is_township(conn)? {
        return Ok(());
    }
    Err(Error::invalid(
        "这是村（社区）的数据库，不是乡镇的。乡镇请另建一个数据库：qiaomen --db 乡镇数据库文件 township init --unit 乡镇名称。",
    ))
}

/// Makes (or renames) a township database: the unit settings name the township, the mode
/// becomes 乡镇模式. A database that already holds a village's register is refused.
pub fn init(conn: &Connection, unit: &str, contact: &str, phone: &str) -> Result<UnitSettings> {
    let households: i64 = conn.query_row("SELECT count(*) FROM households", [], |r| r.get(0))?;
    let inspections: i64 = conn.query_row("SELECT count(*) FROM inspections", [], |r| r.get(0))?;
    if households + inspections > 0 {
        return Err(Error::conflict(format!(
            "这个数据库里已经有本村（社区）的 {households} 户登记，是村级数据库，不能改为乡镇模式。乡镇请用另一个数据库文件（--db）。"
        )));
    }
    let mut s = settings::load(conn)?;
    s.unit_name = unit.to_string();
    s.contact = contact.to_string();
    s.phone = phone.to_string();
    s.township = String::new();
    // Saved (and checked) first: a refused name leaves the database as it was.
    let s = settings::save(conn, &s)?;
    settings::set_value(conn, MODE_KEY, "township")?;
    Ok(s)
}
