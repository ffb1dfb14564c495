//! Township aggregation (乡镇汇总): sums many villages' statistics tables row by row into
//! the township's own table.
//!
//! The tables come from this product or were filled by hand in Excel/WPS from the official
//! blank, so nothing is read from a fixed address: rows are found by their 行动名称 text
//! (the column holding most of the seven names), columns by their header text above those
//! rows (次数, 人数, 隐患总数, 整改, 重大隐患, 整改), and the unit, contact, report date and
//! period by their labels wherever they are. Numbers typed as text are read, empty cells
//! are 0, and a cell that cannot be read counts 0 and is listed with its address.
//! A file that is not such a table is refused with a message naming it.
//!
//! One job per file: `cells` reads what a clerk types into a cell (counts, dates, labels,
//! header words), `locate` finds the table's rows and columns on a sheet, `read` reads
//! one file into a table and its [`Source`], `sum` adds the tables up and says what the
//! clerk should check, `save` writes the township's workbook.

mod cells;
mod locate;
mod read;
mod save;
mod sum;

pub use read::read_table;
pub use save::save_xlsx;
pub use sum::aggregate;

use crate::stats::{StatsRow, StatsTable};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A cell whose value could not be read as a count (it was counted as 0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BadCell {
    /// Its address as Excel shows it (C7).
    pub address: String,
    /// What it holds, as text.
    pub text: String,
    /// The row's 行动名称.
    pub action: String,
    /// The column's header.
    pub column: String,
}

/// One input file as it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Source {
    /// The file's name.
    pub file: String,
    /// The full path as given.
    pub path: String,
    /// The worksheet the table was found on.
    pub sheet: String,
    /// 报送单位 (the file name when the table names none).
    pub unit: String,
    /// 联系人 as written beside its label; empty when the table names none.
    pub contact: String,
    /// 报送时间 as ISO when it could be read, else as written ('' when absent).
    pub report_date: String,
    /// The period the table states (ISO), '' when it states none.
    pub from: String,
    /// Last day of the stated period (ISO), '' when it states none.
    pub to: String,
    /// The period in words, or 未注明.
    pub period: String,
    /// The source's own numbers (its 合计 recomputed from its rows).
    pub total: StatsRow,
    /// Cells that could not be read (counted as 0).
    pub unreadable: Vec<BadCell>,
    /// Other remarks (a missing row, a 合计 that does not add up...).
    pub notes: Vec<String>,
}

/// The township's table, the sources it was made from and what the clerk should check.
/// Serialised: the JSON of `qiaomen report` plus `sources` and `warnings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Aggregate {
    /// The township's 报送单位, as given by the caller (the office's unit name).
    pub unit: String,
    /// The township's 联系人, as given by the caller.
    pub contact: String,
    /// First day of the township's period (ISO): the one asked for, else the period all the
    /// sources state; '' when not every source states the same one.
    pub from: String,
    /// Last day of the township's period (ISO); '' as for `from`.
    pub to: String,
    /// The seven 行动名称 rows in the official order, each the sum of the sources' same row.
    pub rows: Vec<StatsRow>,
    /// The 合计 row, recomputed from `rows`.
    pub total: StatsRow,
    /// Every file read, in the order given.
    pub sources: Vec<Source>,
    /// Periods that differ, a unit that appears twice, unreadable cells.
    pub warnings: Vec<String>,
}

impl Aggregate {
    /// The summed table alone.
    pub fn table(&self) -> StatsTable {
        StatsTable {
            unit: self.unit.clone(),
            contact: self.contact.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            rows: self.rows.clone(),
            total: self.total.clone(),
        }
    }
}
