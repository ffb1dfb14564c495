//! Helpers shared by the roster-import tests: fixtures, a database, reading it back.

pub use qiaomen_core::import::{self, Field, ImportOptions, ImportReport, RowStatus, Source};
pub use qiaomen_core::{ErrorCode, Store};
pub use rusqlite::Connection;
pub use std::path::PathBuf;

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/rosters")
        .join(name)
}

pub struct Db {
    _dir: tempfile::TempDir,
    pub store: Store,
}

pub fn db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let store = qiaomen_core::open(&dir.path().join("qiaomen.db")).unwrap();
    Db { _dir: dir, store }
}

pub fn run(db: &mut Db, name: &str) -> ImportReport {
    run_with(db, name, &ImportOptions::default())
}

pub fn run_with(db: &mut Db, name: &str, opts: &ImportOptions) -> ImportReport {
    import::import_file(
        db.store.conn_mut(),
        &fixture(name),
        opts,
        false,
        &import::no_progress,
    )
    .unwrap_or_else(|e| panic!("{name}: {}", e.message))
}

#[derive(Debug, Clone, PartialEq)]
pub struct H {
    pub name: String,
    pub group: String,
    pub grid: String,
    pub address: String,
    pub phone: String,
    pub id: String,
    pub residents: Option<i64>,
    pub vulnerable: Option<i64>,
    pub note: String,
}

pub fn households(conn: &Connection) -> Vec<H> {
    let mut st = conn
        .prepare(
            "SELECT h.name, h.village_group, coalesce(g.name, ''), h.address, h.phone, h.id_number,
                    h.residents, h.vulnerable, h.note
             FROM households h LEFT JOIN grids g ON g.id = h.grid_id ORDER BY h.code",
        )
        .unwrap();
    st.query_map([], |r| {
        Ok(H {
            name: r.get(0)?,
            group: r.get(1)?,
            grid: r.get(2)?,
            address: r.get(3)?,
            phone: r.get(4)?,
            id: r.get(5)?,
            residents: r.get(6)?,
            vulnerable: r.get(7)?,
            note: r.get(8)?,
        })
    })
    .unwrap()
    .map(|r| r.unwrap())
    .collect()
}

pub fn find<'a>(hs: &'a [H], name: &str) -> &'a H {
    hs.iter()
        .find(|h| h.name == name)
        .unwrap_or_else(|| panic!("{name} not imported: {hs:#?}"))
}

pub fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

pub fn rows(notes: &[import::RowNote]) -> Vec<u32> {
    notes.iter().map(|n| n.row).collect()
}
