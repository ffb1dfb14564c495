//! What the report tests share: a real database file with a unit and records written as
//! the entry module writes them, the fixtures, and the openpyxl read-back.

pub use qiaomen_core::aggregate;
pub use qiaomen_core::export_all::{self, CsvEncoding};
pub use qiaomen_core::publicity::{self, PublicityInput, PublicityQuery};
pub use qiaomen_core::report_xlsx::{self, Meta};
pub use qiaomen_core::settings::{self, PeriodMode, UnitSettings};
pub use qiaomen_core::stats::{self, Column, Period, PeriodSpec};
pub use serde_json::Value;
pub use std::path::{Path, PathBuf};

use qiaomen_core::Store;
use rusqlite::params;

/// The seven 行动名称 in the official order.
pub const CATEGORIES: [&str; 7] = qiaomen_core::Category::NAMES;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/stats").join(name)
}

pub fn d(s: &str) -> chrono::NaiveDate {
    qiaomen_core::parse_date(s).unwrap()
}

pub struct Db {
    _dir: tempfile::TempDir,
    store: Store,
    n: i64,
}

impl Db {
    pub fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let store = qiaomen_core::open(&dir.path().join("t.sqlite3")).unwrap();
        settings::save(
            store.conn(),
            &UnitSettings {
                unit_name: "红星村".into(),
                contact: "张丽".into(),
                phone: "13800138000".into(),
                ..Default::default()
            },
        )
        .unwrap();
        Db {
            _dir: dir,
            store,
            n: 0,
        }
    }

    pub fn conn(&self) -> &rusqlite::Connection {
        self.store.conn()
    }

    /// A household with one inspection on `visit`; returns (household, inspection).
    pub fn visit(&mut self, visit: &str) -> (String, String) {
        self.n += 1;
        let h = format!("h{}", self.n);
        let i = format!("i{}", self.n);
        let now = "2024-12-01T00:00:00.000Z";
        self.conn()
            .execute(
                "INSERT INTO households (id, code, name, address, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![
                    h,
                    format!("{:05}", self.n),
                    format!("户主{}", self.n),
                    "红星村一组",
                    now
                ],
            )
            .unwrap();
        self.conn()
            .execute(
                "INSERT INTO inspections (id, household_id, template_id, template_version, visit_date,
                    created_at, updated_at) VALUES (?1, ?2, 'xq2024', 1, ?3, ?4, ?4)",
                params![i, h, visit, now],
            )
            .unwrap();
        (h, i)
    }

    /// A hazard found on `found`; `closed` = (status, date).
    pub fn hazard(
        &mut self,
        cat: &str,
        major: bool,
        found: &str,
        closed: Option<(&str, &str)>,
    ) -> String {
        let (h, i) = self.visit(found);
        let id = format!("z{}", self.n);
        let (status, closed_on) = match closed {
            Some((s, d)) => (s, Some(d)),
            None => ("open", None),
        };
        self.conn()
            .execute(
                "INSERT INTO hazards (id, inspection_id, household_id, source, description, category,
                    major, status, found_on, closed_on, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'other', '测试隐患', ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                params![id, i, h, cat, major as i64, status, found, closed_on, "2024-12-01T00:00:00.000Z"],
            )
            .unwrap();
        id
    }

    pub fn event(&self, date: &str, cat: &str, sessions: i64, people: i64) {
        publicity::add(
            self.conn(),
            &PublicityInput {
                date: date.into(),
                category: cat.parse().unwrap(),
                kind: "广播".into(),
                sessions,
                people,
                note: String::new(),
            },
        )
        .unwrap();
    }
}

pub const GAS: &str = "防煤气中毒事故";
pub const FIRE: &str = "防小火亡人事故";
pub const FOREST: &str = "防森林火灾";

/// A month with hazards and events on, inside and outside the period's edges.
pub fn sample() -> Db {
    let mut db = Db::new();
    // Found in the period (Dec 2024).
    db.hazard(
        GAS,
        true,
        "2024-12-01",
        Some(("fixed_on_site", "2024-12-01")),
    );
    db.hazard(GAS, false, "2024-12-31", None);
    db.hazard(FIRE, false, "2024-12-10", Some(("closed", "2024-12-20")));
    db.hazard(FIRE, false, "2024-12-15", Some(("closed", "2025-01-03"))); // closed later
    db.hazard(FIRE, true, "2024-12-16", None);
    // Found before, closed in the period: counts as 整改 only.
    db.hazard(FIRE, true, "2024-11-28", Some(("closed", "2024-12-02")));
    // Outside entirely.
    db.hazard(
        GAS,
        false,
        "2024-11-30",
        Some(("fixed_on_site", "2024-11-30")),
    );
    db.hazard(FOREST, false, "2025-01-01", None);
    db.event("2024-12-01", GAS, 2, 150);
    db.event("2024-12-31", GAS, 1, 40);
    db.event("2024-11-30", GAS, 5, 500);
    db.event("2024-12-12", FOREST, 1, 60);
    db
}

/// Runs tests/stats/xlsx_dump.py (openpyxl) on a file.
pub fn openpyxl(path: &Path) -> Value {
    let out = std::process::Command::new("python3")
        .arg(root().join("tests/stats/xlsx_dump.py"))
        .arg(path)
        .output()
        .expect("python3 is needed for the read-back tests");
    assert!(
        out.status.success(),
        "openpyxl read-back failed (pip install openpyxl): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

pub fn expected() -> Value {
    let text = std::fs::read_to_string(fixture("expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

pub fn rows_of(t: &qiaomen_core::stats::StatsTable) -> Vec<Vec<i64>> {
    t.rows
        .iter()
        .map(|r| Column::ALL.iter().map(|c| r.get(*c)).collect())
        .collect()
}
