//! Household-roster import over files written by real third-party writers (openpyxl,
//! LibreOffice, GBK/UTF-8 CSV), one per trap of issue 3. Regenerate the fixtures with
//! `python3 tools/make_roster_fixtures.py`.

mod common;
mod formats;
mod writing;
