//! The village's side: gathering its records into a [`Package`] and writing it, encrypted,
//! for the township (数据上报).

use super::package::{
    self, scrub, Lock, Package, PackageSettings, PkEscalation, PkGrid, PkHazard, PkHousehold,
    PkInspection, PkMeasure, PkPerson, PkPublicity, PkRevisit, PkRound, PkTemplate, VillageInfo,
};
use super::{is_township, keys};
use crate::error::{Error, Result};
use crate::settings;
use crate::written::WrittenFile;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use ts_rs::TS;

/// Settings key: the village's identity (a UUID v7 made at its init).
pub const VILLAGE_ID: &str = "village_id";
/// Settings key: the sequence number of the last package written.
pub const LAST_SEQUENCE: &str = "package_sequence";
/// Settings key: when the last package was written (RFC 3339 UTC).
pub const LAST_EXPORTED: &str = "package_exported_at";

/// The village's identity, made on first need (at `init`, or for a database made before
/// packages existed, at its first export).
pub fn village_id(conn: &Connection) -> Result<String> {
    if let Some(id) = settings::get_value(conn, VILLAGE_ID)?.filter(|v| !v.is_empty()) {
        return Ok(id);
    }
    let id = crate::new_id();
    settings::set_value(conn, VILLAGE_ID, &id)?;
    Ok(id)
}

/// At `init` (the first save of the unit settings): a village's identity is made now, so
/// that its packages carry it from the first one on. Nothing in a township's database.
pub fn identity_at_init(conn: &Connection) -> Result<()> {
    if !is_township(conn)? {
        village_id(conn)?;
    }
    Ok(())
}

/// How many records of each kind a package holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PackageCounts {
    /// Households and places.
    pub households: u64,
    /// Vulnerable people (弱势群体).
    pub people: u64,
    /// Inspections (filled checklists).
    pub inspections: u64,
    /// Hazards.
    pub hazards: u64,
    /// Revisits (回访).
    pub revisits: u64,
    /// 防控措施.
    pub measures: u64,
    /// 上报.
    pub escalations: u64,
    /// Publicity events (宣传).
    pub publicity: u64,
    /// Inspection rounds (轮次).
    pub rounds: u64,
    /// Grids (网格).
    pub grids: u64,
    /// Checklist template versions.
    pub templates: u64,
}

impl PackageCounts {
    /// The counts of package `p`.
    pub fn of(p: &Package) -> PackageCounts {
        let n = |v: usize| v as u64;
        PackageCounts {
            households: n(p.households.len()),
            people: n(p.people.len()),
            inspections: n(p.inspections.len()),
            hazards: n(p.hazards.len()),
            revisits: n(p.revisits.len()),
            measures: n(p.measures.len()),
            escalations: n(p.escalations.len()),
            publicity: n(p.publicity.len()),
            rounds: n(p.rounds.len()),
            grids: n(p.grids.len()),
            templates: n(p.templates.len()),
        }
    }
}

/// What exporting a package did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PackageExport {
    /// The package file written (path, name, size).
    #[serde(flatten)]
    pub file: WrittenFile,
    /// The village's name (报送单位) as written in the package.
    pub village: String,
    /// The village's identity (UUID v7).
    pub village_id: String,
    /// The package's number: 1, 2, 3 … per village.
    pub sequence: i64,
    /// When it was exported (RFC 3339, UTC).
    pub exported_at: String,
    /// `key` (to the township's public key) or `passphrase`.
    pub encryption: String,
    /// The township whose key it was encrypted to ('' for a passphrase or an unnamed key).
    pub township: String,
    /// Records of each kind in it.
    pub counts: PackageCounts,
}

/// What the 数据上报 panel shows before an export.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PackageStatus {
    /// The village's identity (UUID v7), made now if it had none.
    pub village_id: String,
    /// The township's public key stored in 单位设置; None when none is stored.
    pub key: Option<keys::TownshipKey>,
    /// The last package's number (0: none yet) and time.
    pub last_sequence: i64,
    /// When the last package was written (RFC 3339 UTC); empty when none yet.
    pub last_exported_at: String,
}

/// The village's package state for the 数据上报 panel (makes the village's identity if missing).
pub fn status(conn: &Connection) -> Result<PackageStatus> {
    Ok(PackageStatus {
        village_id: village_id(conn)?,
        key: keys::stored(conn)?,
        last_sequence: last_sequence(conn)?,
        last_exported_at: settings::get_value(conn, LAST_EXPORTED)?.unwrap_or_default(),
    })
}

fn last_sequence(conn: &Connection) -> Result<i64> {
    Ok(settings::get_value(conn, LAST_SEQUENCE)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0))
}

/// How the clerk chose to lock the package.
pub enum ExportLock<'a> {
    /// The township key stored in 单位设置.
    Stored,
    /// A key given for this export (a key file's text or a typed key).
    Key(&'a str),
    /// A passphrase the clerk will tell the township.
    Passphrase(&'a str),
}

/// Writes the village's package to `path`: gathers the records, takes the next sequence
/// number, encrypts, writes the file whole (temp file + rename), then records the number.
pub fn export(conn: &Connection, path: &Path, lock: ExportLock) -> Result<PackageExport> {
    if is_township(conn)? {
        return Err(Error::invalid(
            "这是乡镇的数据库，不能导出村级数据包。数据包由各村（社区）导出，乡镇导入。",
        ));
    }
    if !settings::is_initialized(conn)? {
        return Err(Error::invalid(
            "请先在“单位设置”中填写报送单位名称，再导出数据包。",
        ));
    }
    let (recipient, township, encryption) = match lock {
        ExportLock::Stored => match keys::stored(conn)? {
            Some(k) => (Some(keys::recipient(&k.key)?), k.township, "key"),
            None => {
                return Err(Error::invalid(
                    "还没有乡镇的公钥：请先在“单位设置 → 数据上报”中导入乡镇发来的公钥文件，或改用口令加密。",
                ))
            }
        },
        ExportLock::Key(text) => {
            let k = keys::parse_public_key(text)?;
            (Some(keys::recipient(&k.key)?), k.township, "key")
        }
        ExportLock::Passphrase(p) => {
            check_passphrase(p)?;
            (None, String::new(), "passphrase")
        }
    };
    let tx = conn.unchecked_transaction()?;
    let sequence = last_sequence(&tx)? + 1;
    let pkg = gather(&tx, sequence)?;
    let lock = match (&recipient, &lock) {
        (Some(r), _) => Lock::Key(r),
        (None, ExportLock::Passphrase(p)) => Lock::Passphrase(p),
        (None, _) => return Err(Error::internal("程序内部错误：没有加密方式。")),
    };
    package::write(path, &pkg, lock)?;
    settings::set_value(&tx, LAST_SEQUENCE, &sequence.to_string())?;
    settings::set_value(&tx, LAST_EXPORTED, &pkg.exported_at)?;
    tx.commit()?;
    Ok(PackageExport {
        file: WrittenFile::at(path),
        village: pkg.village.name.clone(),
        village_id: pkg.village.id.clone(),
        sequence,
        exported_at: pkg.exported_at.clone(),
        encryption: encryption.to_string(),
        township,
        counts: PackageCounts::of(&pkg),
    })
}

/// A passphrase long enough not to be guessed by trying.
pub fn check_passphrase(p: &str) -> Result<()> {
    if p.chars().count() < 8 {
        return Err(Error::invalid(
            "口令太短：至少 8 个字（可用汉字、字母、数字），并用电话等别的途径告诉乡镇。",
        ));
    }
    Ok(())
}

fn t(s: String) -> String {
    match scrub(&s) {
        std::borrow::Cow::Borrowed(_) => s,
        std::borrow::Cow::Owned(o) => o,
    }
}

/// The village's records as a package with the given sequence number.
pub fn gather(conn: &Connection, sequence: i64) -> Result<Package> {
    let s = settings::load(conn)?;
    let village = VillageInfo {
        id: village_id(conn)?,
        name: t(s.unit_name.clone()),
        township: t(s.township.clone()),
        contact: t(s.contact.clone()),
        phone: s.phone.clone(),
    };
    let settings = PackageSettings {
        period_mode: match s.period_mode {
            settings::PeriodMode::Month => "month".into(),
            settings::PeriodMode::Cycle23 => "cycle23".into(),
        },
        deadline_days: s.deadline_days,
    };
    Ok(Package {
        format: package::FORMAT,
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        village,
        sequence,
        exported_at: crate::now_ts(),
        settings,
        grids: grids(conn)?,
        households: households(conn)?,
        people: people(conn)?,
        templates: templates(conn)?,
        rounds: rounds(conn)?,
        inspections: inspections(conn)?,
        hazards: hazards(conn)?,
        revisits: revisits(conn)?,
        measures: measures(conn)?,
        escalations: escalations(conn)?,
        publicity: publicity(conn)?,
    })
}

fn all<T>(
    conn: &Connection,
    sql: &str,
    f: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut st = conn.prepare(sql)?;
    let rows = st.query_map([], f)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn grids(conn: &Connection) -> Result<Vec<PkGrid>> {
    all(
        conn,
        "SELECT id, no, name, leader, leader_phone FROM grids ORDER BY no",
        |r| {
            Ok(PkGrid {
                id: r.get(0)?,
                no: r.get(1)?,
                name: t(r.get(2)?),
                leader: t(r.get(3)?),
                leader_phone: r.get(4)?,
            })
        },
    )
}

fn households(conn: &Connection) -> Result<Vec<PkHousehold>> {
    let mut attrs: HashMap<String, Vec<String>> = HashMap::new();
    let mut st = conn.prepare(
        "SELECT household_id, label FROM household_attributes WHERE value = 'yes'
         ORDER BY household_id, label",
    )?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        attrs.entry(r.get(0)?).or_default().push(t(r.get(1)?));
    }
    // id_number is never selected: ID numbers do not leave the village.
    all(
        conn,
        "SELECT id, code, grid_id, name, name_initials, address, village_group, floors,
                residents, vulnerable, area, nature, structure, floors_used, contact, phone,
                template_id, note
         FROM households ORDER BY id",
        |r| {
            let id: String = r.get(0)?;
            Ok(PkHousehold {
                attributes: attrs.remove(&id).unwrap_or_default(),
                id,
                code: r.get(1)?,
                grid_id: r.get(2)?,
                name: t(r.get(3)?),
                name_initials: r.get(4)?,
                address: t(r.get(5)?),
                village_group: t(r.get(6)?),
                floors: r.get(7)?,
                residents: r.get(8)?,
                vulnerable: r.get(9)?,
                area: r.get(10)?,
                nature: t(r.get(11)?),
                structure: t(r.get(12)?),
                floors_used: t(r.get(13)?),
                contact: t(r.get(14)?),
                phone: t(r.get(15)?),
                template_id: r.get(16)?,
                note: t(r.get(17)?),
            })
        },
    )
}

fn people(conn: &Connection) -> Result<Vec<PkPerson>> {
    // id_number is never selected.
    all(
        conn,
        "SELECT id, household_id, name, categories, gender, birth_date, phone, guardian,
                guardian_phone, note FROM people ORDER BY id",
        |r| {
            Ok(PkPerson {
                id: r.get(0)?,
                household_id: r.get(1)?,
                name: t(r.get(2)?),
                categories: t(r.get(3)?),
                gender: r.get(4)?,
                birth_date: r.get(5)?,
                phone: t(r.get(6)?),
                guardian: t(r.get(7)?),
                guardian_phone: t(r.get(8)?),
                note: t(r.get(9)?),
            })
        },
    )
}

fn templates(conn: &Connection) -> Result<Vec<PkTemplate>> {
    all(
        conn,
        "SELECT t.id, t.version, t.name, t.body FROM templates t
         WHERE EXISTS (SELECT 1 FROM inspections i
                       WHERE i.template_id = t.id AND i.template_version = t.version)
         ORDER BY t.id, t.version",
        |r| {
            Ok(PkTemplate {
                id: r.get(0)?,
                version: r.get(1)?,
                name: r.get(2)?,
                body: t(r.get(3)?),
            })
        },
    )
}

fn rounds(conn: &Connection) -> Result<Vec<PkRound>> {
    all(
        conn,
        "SELECT id, name, start_date, end_date, note FROM rounds ORDER BY start_date",
        |r| {
            Ok(PkRound {
                id: r.get(0)?,
                name: t(r.get(1)?),
                start_date: r.get(2)?,
                end_date: r.get(3)?,
                note: t(r.get(4)?),
            })
        },
    )
}

/// Most items an answer string may describe (templates hold at most this many).
const MAX_ITEM: i64 = crate::templates::MAX_ITEMS as i64;

fn inspections(conn: &Connection) -> Result<Vec<PkInspection>> {
    let mut answers: HashMap<String, Vec<u8>> = HashMap::new();
    let mut st = conn.prepare("SELECT inspection_id, item_no, answer FROM answers")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let no: i64 = r.get(1)?;
        if !(1..=MAX_ITEM).contains(&no) {
            continue;
        }
        let a: String = r.get(2)?;
        let s = answers.entry(r.get(0)?).or_default();
        let i = (no - 1) as usize;
        if s.len() <= i {
            s.resize(i + 1, b'-');
        }
        s[i] = if a == "yes" { b'Y' } else { b'N' };
    }
    all(
        conn,
        "SELECT id, household_id, template_id, template_version, visit_date, inspectors,
                other_hazards, assigned, signed, source, note FROM inspections ORDER BY id",
        |r| {
            let id: String = r.get(0)?;
            let ans = answers
                .remove(&id)
                .map(|v| String::from_utf8_lossy(&v).into_owned())
                .unwrap_or_default();
            Ok(PkInspection {
                answers: ans,
                id,
                household_id: r.get(1)?,
                template_id: r.get(2)?,
                template_version: r.get(3)?,
                visit_date: r.get(4)?,
                inspectors: t(r.get(5)?),
                other_hazards: t(r.get(6)?),
                assigned: t(r.get(7)?),
                signed: r.get::<_, i64>(8)? != 0,
                source: r.get(9)?,
                note: t(r.get(10)?),
            })
        },
    )
}

fn hazards(conn: &Connection) -> Result<Vec<PkHazard>> {
    all(
        conn,
        "SELECT id, inspection_id, household_id, source, item_no, description, category, major,
                status, found_on, deadline, closed_on, rectification, note
         FROM hazards ORDER BY id",
        |r| {
            Ok(PkHazard {
                id: r.get(0)?,
                inspection_id: r.get(1)?,
                household_id: r.get(2)?,
                source: r.get(3)?,
                item_no: r.get(4)?,
                description: t(r.get(5)?),
                category: r.get(6)?,
                major: r.get::<_, i64>(7)? != 0,
                status: r.get(8)?,
                found_on: r.get(9)?,
                deadline: r.get(10)?,
                closed_on: r.get(11)?,
                rectification: t(r.get(12)?),
                note: t(r.get(13)?),
            })
        },
    )
}

fn revisits(conn: &Connection) -> Result<Vec<PkRevisit>> {
    all(
        conn,
        "SELECT id, hazard_id, visit_date, visitor, result, note FROM revisits ORDER BY id",
        |r| {
            Ok(PkRevisit {
                id: r.get(0)?,
                hazard_id: r.get(1)?,
                visit_date: r.get(2)?,
                visitor: t(r.get(3)?),
                result: t(r.get(4)?),
                note: t(r.get(5)?),
            })
        },
    )
}

fn measures(conn: &Connection) -> Result<Vec<PkMeasure>> {
    all(
        conn,
        "SELECT id, hazard_id, taken_on, description FROM hazard_measures ORDER BY id",
        |r| {
            Ok(PkMeasure {
                id: r.get(0)?,
                hazard_id: r.get(1)?,
                taken_on: r.get(2)?,
                description: t(r.get(3)?),
            })
        },
    )
}

fn escalations(conn: &Connection) -> Result<Vec<PkEscalation>> {
    all(
        conn,
        "SELECT hazard_id, escalated_to, escalated_on, note FROM hazard_escalations
         ORDER BY hazard_id",
        |r| {
            Ok(PkEscalation {
                hazard_id: r.get(0)?,
                escalated_to: t(r.get(1)?),
                escalated_on: r.get(2)?,
                note: t(r.get(3)?),
            })
        },
    )
}

fn publicity(conn: &Connection) -> Result<Vec<PkPublicity>> {
    all(
        conn,
        "SELECT id, event_date, category, kind, sessions, people, note FROM publicity
         ORDER BY id",
        |r| {
            Ok(PkPublicity {
                id: r.get(0)?,
                date: r.get(1)?,
                category: r.get(2)?,
                kind: t(r.get(3)?),
                sessions: r.get(4)?,
                people: r.get(5)?,
                note: t(r.get(6)?),
            })
        },
    )
}
