//! Statistics table, publicity log, xlsx layout, township aggregation and full export,
//! on real SQLite files and real spreadsheets. Read-back uses openpyxl (a reader that is
//! not ours) through tests/stats/xlsx_dump.py; fixtures made by hand with openpyxl and
//! LibreOffice are in tests/fixtures/stats (regenerate: tools/make_stats_fixtures.py).
//!
//! One test binary, one file per subject: `periods`, `table`, `publicity`, `files` (xlsx and
//! PDF of the table), `aggregate` (township), `export` (全部数据导出); `common` holds the
//! database with sample records and the read-back helpers.

mod aggregate;
mod common;
mod export;
mod files;
mod periods;
mod publicity;
mod table;
