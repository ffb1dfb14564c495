//! 工作台: the home screen's numbers in one call (`qiaomen_core::desk`).

use crate::{Api, Result};
use qiaomen_core::desk::{self, Desk};
use serde::Deserialize;
use ts_rs::TS;

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct DeskArgs {
    /// The day to compute for (today when absent).
    #[serde(default)]
    #[ts(optional)]
    pub today: Option<String>,
}

impl Api {
    /// The 工作台 as of `today` (the clock's today when absent), with the backups of this
    /// database's backup folder (none for a database in memory).
    pub fn desk(&self, today: Option<&str>) -> Result<Desk> {
        let today = match today.map(str::trim).filter(|s| !s.is_empty()) {
            Some(t) => qiaomen_core::parse_date(t)?,
            None => qiaomen_core::today(),
        };
        let dir = self.backup_dir().ok();
        desk::compute(&self.store, today, dir.as_deref())
    }
}

crate::methods! {
    /// The 工作台: hazards overdue and due soon, this round's coverage, checklists keyed, the
    /// report due, the backups, the weekly figures of the season.
    "desk.get" => |api, a: DeskArgs| -> Desk { api.desk(a.today.as_deref()) },
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn desk_through_dispatch() {
        let mut api = Api::open_in_memory().unwrap();
        let p = crate::no_progress;
        let d = api
            .dispatch("desk.get", json!({"today": "2024-12-20"}), &p)
            .unwrap();
        assert_eq!(d["today"], "2024-12-20");
        assert_eq!(d["report"]["due_on"], "2024-12-23");
        assert_eq!(d["report"]["days_left"], 3);
        assert_eq!(d["weekly"]["weeks"].as_array().unwrap().len(), 8);
        assert!(d.get("backup").is_none() || d["backup"].is_null());
        let e = api
            .dispatch("desk.get", json!({"today": "明天"}), &p)
            .unwrap_err();
        assert_eq!(e.code, crate::ErrorCode::Invalid);
        api.dispatch("desk.get", serde_json::Value::Null, &p)
            .unwrap();
    }
}
