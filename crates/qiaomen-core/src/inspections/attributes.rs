//! 属性项: answers that describe the place (弱势群体, 多合一场所) rather than a hazard. The
//! latest answer of each household to each such item is kept in `household_attributes`,
//! so that the register can list, say, every 多合一场所.

use crate::dates::iso;
use crate::error::Result;
use crate::templates::{self, Answer, Template};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// How many households an attribute is recorded for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttributeCount {
    /// 多合一场所, 弱势群体 ... (the template's 属性项).
    pub label: String,
    /// Households whose latest answer is 是.
    pub yes: i64,
    /// Households whose latest answer is 否.
    pub no: i64,
}

/// Records the attribute answers of an inspection just saved, where it is the household's
/// latest visit for that attribute.
pub(super) fn record(
    conn: &Connection,
    household_id: &str,
    inspection_id: &str,
    visit_date: chrono::NaiveDate,
    template: &Template,
    answers: &[super::AnswerEntry],
) -> Result<()> {
    let date = iso(visit_date);
    for item in template.items.iter() {
        let Some(label) = item.attribute.as_deref() else {
            continue;
        };
        let Some(a) = answers.iter().find(|a| a.item_no == item.no) else {
            continue;
        };
        conn.prepare_cached(
            "INSERT INTO household_attributes (household_id, label, value, inspection_id, visit_date)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (household_id, label) DO UPDATE SET value = excluded.value,
                inspection_id = excluded.inspection_id, visit_date = excluded.visit_date
             WHERE excluded.visit_date >= household_attributes.visit_date",
        )?
        .execute(params![household_id, label, a.answer.as_str(), inspection_id, date])?;
    }
    Ok(())
}

/// Recomputes a household's attributes from all its inspections (after an edit or a
/// deletion changed which answer is the latest).
pub(super) fn refresh(conn: &Connection, household_id: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM household_attributes WHERE household_id = ?1")?
        .execute([household_id])?;
    let mut st = conn.prepare(
        "SELECT id, template_id, template_version, visit_date FROM inspections
         WHERE household_id = ?1 ORDER BY visit_date, created_at",
    )?;
    let visits: Vec<(String, String, i64, String)> = st
        .query_map([household_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut cache: HashMap<(String, i64), Template> = HashMap::new();
    for (id, tid, tv, date) in visits {
        let key = (tid.clone(), tv);
        if !cache.contains_key(&key) {
            cache.insert(key.clone(), templates::get(conn, &tid, Some(tv))?);
        }
        let Some(t) = cache.get(&key) else { continue };
        if t.items.iter().all(|i| i.attribute.is_none()) {
            continue;
        }
        let answers = super::store::answers_of(conn, &id)?;
        let d = crate::dates::parse_iso(&date)?;
        record(conn, household_id, &id, d, t, &answers)?;
    }
    Ok(())
}

/// Fills `household_attributes` for data keyed before attributes existed (once).
pub fn backfill(conn: &Connection) -> Result<()> {
    let done: bool = conn.query_row(
        "SELECT count(*) > 0 FROM app_meta WHERE key = 'attributes_backfilled'",
        [],
        |r| r.get(0),
    )?;
    if done {
        return Ok(());
    }
    let tx = conn.unchecked_transaction()?;
    let ids: Vec<String> = tx
        .prepare("SELECT DISTINCT household_id FROM inspections")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for h in ids {
        refresh(&tx, &h)?;
    }
    tx.execute(
        "INSERT INTO app_meta (key, value) VALUES ('attributes_backfilled', ?1)",
        [crate::now_ts()],
    )?;
    tx.commit()?;
    Ok(())
}

/// Every attribute recorded, with how many households answered 是 and 否.
pub fn counts(conn: &Connection) -> Result<Vec<AttributeCount>> {
    let mut st = conn.prepare(
        "SELECT label, sum(value = 'yes'), sum(value = 'no') FROM household_attributes
         GROUP BY label ORDER BY label",
    )?;
    let rows = st.query_map([], |r| {
        Ok(AttributeCount {
            label: r.get(0)?,
            yes: r.get(1)?,
            no: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A household's attributes whose latest answer is 是.
pub fn of_household(conn: &Connection, household_id: &str) -> Result<Vec<String>> {
    let mut st = conn.prepare(
        "SELECT label FROM household_attributes WHERE household_id = ?1 AND value = ?2 ORDER BY label",
    )?;
    let rows = st.query_map(params![household_id, Answer::Yes.as_str()], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
