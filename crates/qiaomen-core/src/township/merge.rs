//! Merging packages into the township's database.
//!
//! A village is known by the identity its package carries (made at its `init`), never by
//! its name. For each package, in one transaction:
//! - a village not seen before is added (another village with the same name is kept too,
//!   and both are flagged);
//! - a package newer (higher sequence number) than the one imported replaces all of that
//!   village's records: its rows are deleted and the package's inserted;
//! - the same package again (same number, same content) changes nothing;
//! - an older package, or another package under a number already imported, is refused
//!   by name, and nothing changes.
//!
//! What changed is counted by comparing each household's, inspection's and hazard's
//! fingerprint (a hash of the record with its people, answers, revisits, measures and
//! escalation) with the one stored from the previous package.

use super::package::{self, Opened, Package, Unlock};
use crate::error::{Error, ErrorCode, Result};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use ts_rs::TS;

/// Added, changed and removed records of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Changes {
    /// Records in the package the township did not have.
    pub added: u64,
    /// Records the township had that the package changes.
    pub changed: u64,
    /// Records the township had that the package no longer holds (deleted in the village).
    pub removed: u64,
}

/// What became of one package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    /// Its records are now the village's records.
    Imported,
    /// It was imported before: nothing changed.
    Unchanged,
    /// Refused (see `message`): nothing changed.
    Refused,
}

/// The outcome of one package (the JSON of `township import`).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PackageResult {
    /// The file's name.
    pub file: String,
    /// Imported, unchanged or refused.
    pub status: ImportStatus,
    /// The village's name ('' when the package could not be read).
    pub village: String,
    /// The village's identity (UUID v7); '' when the package could not be read.
    pub village_id: String,
    /// The package's number (1, 2, 3 … per village); 0 when it could not be read.
    pub sequence: i64,
    /// The number imported before this one (None for a village seen the first time).
    pub previous_sequence: Option<i64>,
    /// When the village exported it (RFC 3339, UTC); '' when it could not be read.
    pub exported_at: String,
    /// Changes to the village's households.
    pub households: Changes,
    /// Changes to the village's inspections.
    pub inspections: Changes,
    /// Changes to the village's hazards.
    pub hazards: Changes,
    /// Why it was refused (Chinese), or what happened in words.
    pub message: String,
    /// The error's code when refused.
    pub code: Option<ErrorCode>,
    /// What the clerk should check (two villages with one name, a renamed village).
    pub warnings: Vec<String>,
}

impl PackageResult {
    fn refused(file: &str, e: &Error) -> PackageResult {
        PackageResult {
            file: file.to_string(),
            status: ImportStatus::Refused,
            village: String::new(),
            village_id: String::new(),
            sequence: 0,
            previous_sequence: None,
            exported_at: String::new(),
            households: Changes::default(),
            inspections: Changes::default(),
            hazards: Changes::default(),
            message: e.message.clone(),
            code: Some(e.code),
            warnings: vec![],
        }
    }
}

/// Reads and merges one package file; a file that cannot be read or merged is refused
/// (nothing changes) and says why.
pub fn import_file(conn: &Connection, path: &Path, unlock: &Unlock) -> PackageResult {
    let file = crate::sheet::file_label(path);
    let opened = match package::read(path, *unlock) {
        Ok(o) => o,
        Err(e) => return PackageResult::refused(&file, &e),
    };
    merged(conn, &opened, &file)
}

/// Reads and merges package files in order: while one is merged (one transaction each),
/// the next is decrypted and parsed on a second thread. `progress(done, total, file)`.
pub fn import_files(
    conn: &Connection,
    paths: &[std::path::PathBuf],
    unlock: &Unlock,
    progress: &dyn Fn(usize, usize, &str),
) -> Vec<PackageResult> {
    let total = paths.len();
    let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Opened>>(1);
    std::thread::scope(|s| {
        s.spawn(move || {
            for p in paths {
                if tx.send(package::read(p, *unlock)).is_err() {
                    break;
                }
            }
        });
        let mut out = Vec::with_capacity(total);
        for (i, p) in paths.iter().enumerate() {
            let file = crate::sheet::file_label(p);
            progress(i, total, &file);
            let opened = match rx.recv() {
                Ok(o) => o,
                Err(_) => Err(Error::internal("程序内部错误：读取数据包的线程意外结束。")),
            };
            out.push(match opened {
                Ok(o) => merged(conn, &o, &file),
                Err(e) => PackageResult::refused(&file, &e),
            });
        }
        progress(total, total, "");
        out
    })
}

fn merged(conn: &Connection, opened: &Opened, file: &str) -> PackageResult {
    match merge(conn, opened, file) {
        Ok(r) => r,
        Err(e) => {
            let mut r = PackageResult::refused(file, &e);
            r.village = opened.package.village.name.clone();
            r.village_id = opened.package.village.id.clone();
            r.sequence = opened.package.sequence;
            r.exported_at = opened.package.exported_at.clone();
            r
        }
    }
}

struct Known {
    name: String,
    sequence: i64,
    hash: String,
    exported_at: String,
}

fn when(ts: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(ts)
        .map(|d| {
            let local = d.with_timezone(&chrono::Local);
            format!(
                "{} {}",
                crate::date_cn(local.date_naive()),
                local.format("%H:%M")
            )
        })
        .unwrap_or_else(|_| ts.to_string())
}

/// Merges an opened package in one transaction.
pub fn merge(conn: &Connection, opened: &Opened, file: &str) -> Result<PackageResult> {
    let p = &opened.package;
    check_package(p)?;
    let tx = conn.unchecked_transaction()?;
    let known: Option<Known> = tx
        .query_row(
            "SELECT name, sequence, package_hash, exported_at FROM tw_villages WHERE uuid = ?1",
            [&p.village.id],
            |r| {
                Ok(Known {
                    name: r.get(0)?,
                    sequence: r.get(1)?,
                    hash: r.get(2)?,
                    exported_at: r.get(3)?,
                })
            },
        )
        .optional()?;
    let mut result = PackageResult {
        file: file.to_string(),
        status: ImportStatus::Imported,
        village: p.village.name.clone(),
        village_id: p.village.id.clone(),
        sequence: p.sequence,
        previous_sequence: known.as_ref().map(|k| k.sequence),
        exported_at: p.exported_at.clone(),
        households: Changes::default(),
        inspections: Changes::default(),
        hazards: Changes::default(),
        message: String::new(),
        code: None,
        warnings: vec![],
    };
    if let Some(k) = &known {
        if p.sequence == k.sequence && opened.hash == k.hash {
            result.status = ImportStatus::Unchanged;
            result.message = format!(
                "{}第 {} 号数据包已经导入过，没有变化。",
                p.village.name, p.sequence
            );
            return Ok(result);
        }
        if p.sequence == k.sequence {
            return Err(Error::conflict(format!(
                "数据包“{file}”是{}第 {} 号，但本乡镇已导入的第 {} 号（{}导出）内容与它不同，没有导入。请让该村重新导出一个新的数据包。",
                p.village.name, p.sequence, k.sequence, when(&k.exported_at)
            )));
        }
        if p.sequence < k.sequence {
            return Err(Error::conflict(format!(
                "数据包“{file}”是{}第 {} 号（{}导出），比已导入的第 {} 号（{}导出）旧，没有导入。",
                p.village.name,
                p.sequence,
                when(&p.exported_at),
                k.sequence,
                when(&k.exported_at)
            )));
        }
        if k.name != p.village.name {
            result.warnings.push(format!(
                "该村的名称由“{}”改为“{}”（同一个村，按数据包中的村标识识别）。",
                k.name, p.village.name
            ));
        }
    }
    let vid = upsert_village(&tx, opened)?;
    let fps = Fingerprints::of(p);
    if known.is_some() {
        result.households = diff(&tx, vid, "tw_households", &fps.households)?;
        result.inspections = diff(&tx, vid, "tw_inspections", &fps.inspections)?;
        result.hazards = diff(&tx, vid, "tw_hazards", &fps.hazards)?;
        delete_village_rows(&tx, vid)?;
    } else {
        result.households.added = p.households.len() as u64;
        result.inspections.added = p.inspections.len() as u64;
        result.hazards.added = p.hazards.len() as u64;
    }
    insert_rows(&tx, vid, p, &fps)?;
    let same_name: i64 = tx.query_row(
        "SELECT count(*) FROM tw_villages WHERE name = ?1 AND vid <> ?2",
        params![p.village.name, vid],
        |r| r.get(0),
    )?;
    if same_name > 0 {
        result.warnings.push(format!(
            "已有另一个也叫“{}”的村（数据包中的村标识不同），两个都保留并标出，请核实是否同一个村用了两个数据库。",
            p.village.name
        ));
    }
    let summary = serde_json::json!({
        "households": result.households, "inspections": result.inspections,
        "hazards": result.hazards,
    });
    tx.execute(
        "INSERT INTO tw_imports (vid, sequence, exported_at, imported_at, file, encryption, summary)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            vid,
            p.sequence,
            p.exported_at,
            crate::now_ts(),
            file,
            if opened.passphrase { "passphrase" } else { "key" },
            summary.to_string()
        ],
    )?;
    tx.commit()?;
    result.message = match result.previous_sequence {
        None => format!("新增：{}第 {} 号数据包。", p.village.name, p.sequence),
        Some(prev) => format!(
            "{}第 {} 号数据包替换了第 {prev} 号。",
            p.village.name, p.sequence
        ),
    };
    Ok(result)
}

/// What a package must hold before anything is written.
fn check_package(p: &Package) -> Result<()> {
    let bad = |what: &str| {
        Err(Error::bad_file(format!(
            "数据包内容有误（{what}），没有导入。请让该村用最新版本的软件重新导出。"
        )))
    };
    if uuid::Uuid::parse_str(&p.village.id).is_err() {
        return bad("村标识不对");
    }
    if p.village.name.trim().is_empty() {
        return bad("没有报送单位名称");
    }
    if p.sequence < 1 {
        return bad("序号不对");
    }
    Ok(())
}

/// Writes the village's row (new, or the same `uuid` replaced by its newer package) and
/// returns its `vid`.
fn upsert_village(tx: &Transaction, o: &Opened) -> Result<i64> {
    let p = &o.package;
    let v = &p.village;
    let vid = tx.query_row(
        "INSERT INTO tw_villages (uuid, name, township, contact, phone, period_mode,
            deadline_days, sequence, exported_at, imported_at, package_hash, format, app_version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT(uuid) DO UPDATE SET name = excluded.name, township = excluded.township,
            contact = excluded.contact, phone = excluded.phone,
            period_mode = excluded.period_mode, deadline_days = excluded.deadline_days,
            sequence = excluded.sequence, exported_at = excluded.exported_at,
            imported_at = excluded.imported_at, package_hash = excluded.package_hash,
            format = excluded.format, app_version = excluded.app_version
         RETURNING vid",
        params![
            v.id,
            v.name,
            v.township,
            v.contact,
            v.phone,
            p.settings.period_mode,
            p.settings.deadline_days,
            p.sequence,
            p.exported_at,
            crate::now_ts(),
            o.hash,
            p.format,
            p.app_version
        ],
        |r| r.get(0),
    )?;
    Ok(vid)
}

/// The fingerprints of a package's households, inspections and hazards, by id.
struct Fingerprints {
    households: HashMap<String, i64>,
    inspections: HashMap<String, i64>,
    hazards: HashMap<String, i64>,
}

/// FNV-1a, 64 bits, over bytes: stable across builds (stored, compared with the next).
fn fnv(parts: &[&[u8]]) -> i64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for part in parts {
        for b in *part {
            h ^= *b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x100000001b3);
    }
    h as i64
}

fn json<T: Serialize>(v: &T) -> Vec<u8> {
    serde_json::to_vec(v).unwrap_or_default()
}

impl Fingerprints {
    fn of(p: &Package) -> Fingerprints {
        let mut people: HashMap<&str, Vec<u8>> = HashMap::new();
        for x in &p.people {
            people
                .entry(x.household_id.as_str())
                .or_default()
                .extend(json(x));
        }
        let mut follow: HashMap<&str, Vec<u8>> = HashMap::new();
        for x in &p.revisits {
            follow
                .entry(x.hazard_id.as_str())
                .or_default()
                .extend(json(x));
        }
        for x in &p.measures {
            follow
                .entry(x.hazard_id.as_str())
                .or_default()
                .extend(json(x));
        }
        for x in &p.escalations {
            follow
                .entry(x.hazard_id.as_str())
                .or_default()
                .extend(json(x));
        }
        let empty: Vec<u8> = vec![];
        Fingerprints {
            households: p
                .households
                .iter()
                .map(|h| {
                    let more = people.get(h.id.as_str()).unwrap_or(&empty);
                    (h.id.clone(), fnv(&[&json(h), more]))
                })
                .collect(),
            inspections: p
                .inspections
                .iter()
                .map(|i| (i.id.clone(), fnv(&[&json(i)])))
                .collect(),
            hazards: p
                .hazards
                .iter()
                .map(|h| {
                    let more = follow.get(h.id.as_str()).unwrap_or(&empty);
                    (h.id.clone(), fnv(&[&json(h), more]))
                })
                .collect(),
        }
    }
}

fn diff(tx: &Transaction, vid: i64, table: &str, new: &HashMap<String, i64>) -> Result<Changes> {
    let mut c = Changes::default();
    let mut st = tx.prepare(&format!("SELECT id, fp FROM {table} WHERE vid = ?1"))?;
    let mut rows = st.query([vid])?;
    let mut seen = 0u64;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let fp: i64 = r.get(1)?;
        match new.get(&id) {
            None => c.removed += 1,
            Some(n) => {
                seen += 1;
                if *n != fp {
                    c.changed += 1;
                }
            }
        }
    }
    c.added = new.len() as u64 - seen;
    Ok(c)
}

/// Every table holding a village's records (tw_villages and tw_imports excepted).
const VILLAGE_TABLES: &[&str] = &[
    "tw_grids",
    "tw_households",
    "tw_people",
    "tw_templates",
    "tw_rounds",
    "tw_inspections",
    "tw_hazards",
    "tw_revisits",
    "tw_measures",
    "tw_escalations",
    "tw_publicity",
];

fn delete_village_rows(tx: &Transaction, vid: i64) -> Result<()> {
    for t in VILLAGE_TABLES {
        tx.execute(&format!("DELETE FROM {t} WHERE vid = ?1"), [vid])?;
    }
    Ok(())
}

/// A duplicate id inside one package (a hand-made or damaged file).
fn dup(e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => Error::bad_file(
            "数据包内容有误（同一条记录出现两次），没有导入。请让该村用最新版本的软件重新导出。",
        ),
        _ => e.into(),
    }
}

fn insert_rows(tx: &Transaction, vid: i64, p: &Package, fps: &Fingerprints) -> Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT INTO tw_grids (vid, id, no, name, leader, leader_phone) VALUES (?1,?2,?3,?4,?5,?6)",
    )?;
    for g in &p.grids {
        st.execute(params![vid, g.id, g.no, g.name, g.leader, g.leader_phone])
            .map_err(dup)?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO tw_households (vid, id, code, grid_id, name, name_initials, address,
            village_group, floors, residents, vulnerable, area, nature, structure, floors_used,
            contact, phone, template_id, note, attributes, fp)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21)",
    )?;
    for h in &p.households {
        st.execute(params![
            vid,
            h.id,
            h.code,
            h.grid_id,
            h.name,
            h.name_initials,
            h.address,
            h.village_group,
            h.floors,
            h.residents,
            h.vulnerable,
            h.area,
            h.nature,
            h.structure,
            h.floors_used,
            h.contact,
            h.phone,
            h.template_id,
            h.note,
            h.attributes.join("、"),
            fps.households.get(&h.id).copied().unwrap_or(0)
        ])
        .map_err(dup)?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO tw_people (vid, id, household_id, name, categories, gender, birth_date,
            phone, guardian, guardian_phone, note) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
    )?;
    for x in &p.people {
        st.execute(params![
            vid,
            x.id,
            x.household_id,
            x.name,
            x.categories,
            x.gender,
            x.birth_date,
            x.phone,
            x.guardian,
            x.guardian_phone,
            x.note
        ])
        .map_err(dup)?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO tw_templates (vid, id, version, name, body) VALUES (?1,?2,?3,?4,?5)",
    )?;
    for x in &p.templates {
        st.execute(params![vid, x.id, x.version, x.name, x.body])
            .map_err(dup)?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO tw_rounds (vid, id, name, start_date, end_date, note)
         VALUES (?1,?2,?3,?4,?5,?6)",
    )?;
    for x in &p.rounds {
        st.execute(params![vid, x.id, x.name, x.start_date, x.end_date, x.note])
            .map_err(dup)?;
    }
    insert_visits(tx, vid, p, fps)?;
    insert_follow_up(tx, vid, p)
}

fn insert_visits(tx: &Transaction, vid: i64, p: &Package, fps: &Fingerprints) -> Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT INTO tw_inspections (vid, id, household_id, template_id, template_version,
            visit_date, inspectors, other_hazards, assigned, signed, source, note, answers, fp)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)",
    )?;
    for x in &p.inspections {
        st.execute(params![
            vid,
            x.id,
            x.household_id,
            x.template_id,
            x.template_version,
            x.visit_date,
            x.inspectors,
            x.other_hazards,
            x.assigned,
            x.signed,
            x.source,
            x.note,
            x.answers,
            fps.inspections.get(&x.id).copied().unwrap_or(0)
        ])
        .map_err(dup)?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO tw_hazards (vid, id, inspection_id, household_id, source, item_no,
            description, category, major, status, found_on, deadline, closed_on,
            rectification, note, fp)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)",
    )?;
    for x in &p.hazards {
        st.execute(params![
            vid,
            x.id,
            x.inspection_id,
            x.household_id,
            x.source,
            x.item_no,
            x.description,
            x.category,
            x.major,
            x.status,
            x.found_on,
            x.deadline,
            x.closed_on,
            x.rectification,
            x.note,
            fps.hazards.get(&x.id).copied().unwrap_or(0)
        ])
        .map_err(dup)?;
    }
    Ok(())
}

fn insert_follow_up(tx: &Transaction, vid: i64, p: &Package) -> Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT INTO tw_revisits (vid, id, hazard_id, visit_date, visitor, result, note)
         VALUES (?1,?2,?3,?4,?5,?6,?7)",
    )?;
    for x in &p.revisits {
        st.execute(params![
            vid,
            x.id,
            x.hazard_id,
            x.visit_date,
            x.visitor,
            x.result,
            x.note
        ])
        .map_err(dup)?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO tw_measures (vid, id, hazard_id, taken_on, description)
         VALUES (?1,?2,?3,?4,?5)",
    )?;
    for x in &p.measures {
        st.execute(params![vid, x.id, x.hazard_id, x.taken_on, x.description])
            .map_err(dup)?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO tw_escalations (vid, hazard_id, escalated_to, escalated_on, note)
         VALUES (?1,?2,?3,?4,?5)",
    )?;
    for x in &p.escalations {
        st.execute(params![
            vid,
            x.hazard_id,
            x.escalated_to,
            x.escalated_on,
            x.note
        ])
        .map_err(dup)?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO tw_publicity (vid, id, event_date, category, kind, sessions, people, note)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
    )?;
    for x in &p.publicity {
        st.execute(params![
            vid, x.id, x.date, x.category, x.kind, x.sessions, x.people, x.note
        ])
        .map_err(dup)?;
    }
    Ok(())
}
