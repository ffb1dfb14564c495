//! Reading the audit log: every insert, update and delete of every audited table, written by
//! triggers (migrations 0002 and 0004), so no code path can skip it.
//!
//! Update and delete entries hold the whole row as JSON (old -> new). Since migration 0004 an
//! insert entry says which row was inserted and when, without a copy of it: the values it was
//! inserted with are the `old` image of the row's next update or delete entry, or else the
//! row as it is now. [`history`] puts them back, so every entry reads old -> new. Since
//! migration 0009 an answer's insert writes no entry at all (one entry per changed record:
//! the form's own insert entry stands for its answers); its corrections are recorded.

use crate::error::{Context, Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;

/// The audited tables and how an entry's `entity_id` is made from a row (as the triggers do).
pub const AUDITED: &[(&str, &str)] = &[
    ("settings", "key"),
    ("grids", "id"),
    ("households", "id"),
    ("people", "id"),
    ("templates", "id || '@' || version"),
    ("rounds", "id"),
    ("inspections", "id"),
    ("answers", "inspection_id || '#' || item_no"),
    ("hazards", "id"),
    ("revisits", "id"),
    ("publicity", "id"),
    ("hazard_measures", "id"),
    ("hazard_escalations", "hazard_id"),
    ("double_entries", "inspection_id"),
    ("entry_resolutions", "id"),
];

/// One entry of a row's history, with the inserted values filled in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    /// Position in the audit log: increasing in the order the changes were made.
    pub seq: i64,
    /// UTC time, ISO 8601.
    pub at: String,
    /// insert, update or delete.
    pub action: String,
    /// The row's values before the change (column → value); None for an insert.
    pub old: Option<Value>,
    /// The row's values after the change; None for a delete.
    pub new: Option<Value>,
}

/// The row as it is now, as the JSON object the triggers write; None when it is gone.
pub fn current_row(conn: &Connection, entity: &str, entity_id: &str) -> Result<Option<Value>> {
    let key = AUDITED
        .iter()
        .find(|(t, _)| *t == entity)
        .map(|(_, k)| *k)
        .ok_or_else(|| Error::not_found(format!("没有“{entity}”这类记录的修改记录。")))?;
    let mut st = conn.prepare(&format!("SELECT name FROM pragma_table_info('{entity}')"))?;
    let cols: Vec<String> = st
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let fields: Vec<String> = cols.iter().map(|c| format!("'{c}', {c}")).collect();
    let sql = format!(
        "SELECT json_object({}) FROM {entity} WHERE {key} = ?1",
        fields.join(", ")
    );
    let json: Option<String> = conn
        .query_row(&sql, params![entity_id], |r| r.get(0))
        .optional()?;
    json.map(|j| parse(&j)).transpose()
}

fn parse(json: &str) -> Result<Value> {
    serde_json::from_str(json)
        .context(|| Error::internal("修改记录中的内容无法读取（程序内部错误）。"))
}

/// Every audit entry of one row, oldest first, each insert entry with the values the row was
/// inserted with.
pub fn history(conn: &Connection, entity: &str, entity_id: &str) -> Result<Vec<AuditEntry>> {
    let mut st = conn.prepare(
        "SELECT seq, at, action, old, new FROM audit_log
         WHERE entity = ?1 AND entity_id = ?2 ORDER BY seq",
    )?;
    let rows = st.query_map(params![entity, entity_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, at, action, old, new) = row?;
        out.push(AuditEntry {
            seq,
            at,
            action,
            old: old.as_deref().map(parse).transpose()?,
            new: new.as_deref().map(parse).transpose()?,
        });
    }
    let mut current: Option<Option<Value>> = None;
    for i in 0..out.len() {
        if out[i].action != "insert" || out[i].new.is_some() {
            continue;
        }
        let next_old = out[i + 1..].first().and_then(|e| e.old.clone());
        out[i].new = match next_old {
            Some(v) => Some(v),
            None => {
                if current.is_none() {
                    current = Some(current_row(conn, entity, entity_id)?);
                }
                current.clone().flatten()
            }
        };
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::households::{self, HouseholdInput};

    fn store() -> crate::db::Store {
        crate::db::Store::open_in_memory().unwrap()
    }

    #[test]
    fn inserted_values_come_back_from_the_next_entry_or_the_row() {
        let s = store();
        let c = s.conn();
        let input = HouseholdInput {
            name: "王𠮷".into(),
            address: "一组".into(),
            residents: Some(3),
            ..Default::default()
        };
        let h = households::add(c, &input).unwrap();
        // Only inserted: the row itself is the inserted image.
        let only = history(c, "households", &h.id).unwrap();
        assert_eq!(only.len(), 1);
        let first = only[0].new.clone().unwrap();
        assert_eq!(first["address"], "一组");
        assert_eq!(first["residents"], 3);
        assert_eq!(first["code"], h.code.as_str());
        // Updated, then deleted: the insert still reads 一组, the update 一组 -> 二组.
        let changed = HouseholdInput {
            address: "二组".into(),
            ..input.clone()
        };
        households::update(c, &h.id, &changed).unwrap();
        let after_update = history(c, "households", &h.id).unwrap();
        assert_eq!(after_update[0].new, Some(first.clone()));
        households::delete(c, &h.id).unwrap();
        let all = history(c, "households", &h.id).unwrap();
        assert_eq!(
            all.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
            ["insert", "update", "delete"]
        );
        assert_eq!(all[0].old, None);
        assert_eq!(all[0].new, Some(first));
        assert_eq!(all[1].old.as_ref().unwrap()["address"], "一组");
        assert_eq!(all[1].new.as_ref().unwrap()["address"], "二组");
        assert_eq!(all[2].old.as_ref().unwrap()["address"], "二组");
        assert_eq!(all[2].new, None);
        // The stored insert entry holds no copy.
        let stored: Option<String> = c
            .query_row(
                "SELECT new FROM audit_log WHERE entity_id = ?1 AND action = 'insert'",
                [&h.id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(stored, None);
    }

    #[test]
    fn composite_keys_and_unknown_entities() {
        let s = store();
        let c = s.conn();
        crate::settings::set_value(c, "unit_name", "幸福村").unwrap();
        let h = history(c, "settings", "unit_name").unwrap();
        assert_eq!(h[0].new.as_ref().unwrap()["value"], "幸福村");
        let e = history(c, "no_such_table", "x");
        assert!(e.unwrap().is_empty());
        assert!(current_row(c, "no_such_table", "x").is_err());
    }

    #[test]
    fn every_audited_table_has_a_key_that_works() {
        let s = store();
        for (t, _) in AUDITED {
            current_row(s.conn(), t, "nothing").unwrap();
        }
        // The same tables as the triggers (tools/gen_audit_triggers.py).
        let mut st = s
            .conn()
            .prepare("SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_%' ORDER BY 1")
            .unwrap();
        let triggered: Vec<String> = st
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let mut ours: Vec<&str> = AUDITED.iter().map(|(t, _)| *t).collect();
        ours.sort();
        assert_eq!(triggered, ours);
    }
}
