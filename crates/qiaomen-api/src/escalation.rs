//! Hazards that cannot be fixed in time: 防控措施 (interim measures), 上报 (escalation) and
//! the 上报清单 as .xlsx and PDF (the entry area's ledger; core: `hazards::escalation`).

use crate::register::IdArgs;
use crate::{Api, Result, WrittenFile};
use qiaomen_core::hazards::{
    self, EscalatedHazard, EscalationInput, Hazard, HazardQuery, Measure, MeasureInput,
};
use serde::Deserialize;
use ts_rs::TS;

#[derive(Debug, Deserialize, TS)]
pub struct AddMeasureArgs {
    /// The hazard's id.
    pub id: String,
    pub input: MeasureInput,
}

#[derive(Debug, Deserialize, TS)]
pub struct EscalateArgs {
    /// The hazard's id.
    pub id: String,
    pub input: EscalationInput,
}

#[derive(Debug, Deserialize, TS)]
pub struct SaveEscalatedArgs {
    /// Which hazards (the ledger's filters; only escalated ones are listed).
    #[serde(default)]
    pub query: HazardQuery,
    /// Where to save (a path the clerk chose).
    pub out: String,
}

impl Api {
    pub fn hazards_add_measure(&mut self, id: &str, input: &MeasureInput) -> Result<Measure> {
        hazards::add_measure(self.store.conn(), id, input)
    }

    pub fn hazards_delete_measure(&mut self, measure_id: &str) -> Result<()> {
        hazards::delete_measure(self.store.conn(), measure_id)
    }

    /// A measure by id or a unique part of its id (the CLI).
    pub fn hazards_resolve_measure(&self, key: &str) -> Result<Measure> {
        hazards::resolve_measure(self.store.conn(), key)
    }

    pub fn hazards_escalate(&mut self, id: &str, input: &EscalationInput) -> Result<Hazard> {
        hazards::escalate(self.store.conn(), id, input)
    }

    pub fn hazards_update_escalation(
        &mut self,
        id: &str,
        input: &EscalationInput,
    ) -> Result<Hazard> {
        hazards::update_escalation(self.store.conn(), id, input)
    }

    pub fn hazards_undo_escalation(&mut self, id: &str) -> Result<Hazard> {
        hazards::undo_escalation(self.store.conn(), id)
    }

    /// The 上报清单: the escalated hazards `q` selects, with their measures.
    pub fn hazards_escalated(&self, q: &HazardQuery) -> Result<Vec<EscalatedHazard>> {
        hazards::escalated(self.store.conn(), q)
    }

    /// Saves the 上报清单 as .xlsx.
    pub fn hazards_export_escalated(&self, q: &HazardQuery, out: &str) -> Result<WrittenFile> {
        let path = self.writable(out)?;
        let rows = qiaomen_core::escalated_list::escalated_xlsx(self.store.conn(), q, &path)?;
        Ok(WrittenFile::with_rows(&path, rows))
    }

    /// Saves the 上报清单 as PDF.
    pub fn hazards_print_escalated(&self, q: &HazardQuery, out: &str) -> Result<WrittenFile> {
        self.writable(out)?;
        let r = qiaomen_core::escalated_list::escalated_pdf(self.store.conn(), q)?;
        self.save_pdf(out, r)
    }
}

crate::methods! {
    /// Records a 防控措施 (interim measure) on an open hazard.
    "hazards.add_measure" => |api, a: AddMeasureArgs| -> Measure { api.hazards_add_measure(&a.id, &a.input) },
    /// Deletes a 防控措施 entered by mistake.
    "hazards.delete_measure" => |api, a: IdArgs| -> () { api.hazards_delete_measure(&a.id) },
    /// Escalates (上报) an open hazard, with a measure if given.
    "hazards.escalate" => |api, a: EscalateArgs| -> Hazard { api.hazards_escalate(&a.id, &a.input) },
    /// Corrects a hazard's escalation (to whom, date, note).
    "hazards.update_escalation" => |api, a: EscalateArgs| -> Hazard { api.hazards_update_escalation(&a.id, &a.input) },
    /// Undoes an escalation recorded by mistake (撤销上报).
    "hazards.undo_escalation" => |api, a: IdArgs| -> Hazard { api.hazards_undo_escalation(&a.id) },
    /// The 上报清单: escalated hazards with their measures.
    "hazards.escalated" => |api, a: HazardQuery| -> Vec<EscalatedHazard> { api.hazards_escalated(&a) },
    /// Saves the 上报清单 as .xlsx.
    "hazards.export_escalated" => |api, a: SaveEscalatedArgs| -> WrittenFile { api.hazards_export_escalated(&a.query, &a.out) },
    /// Saves the 上报清单 as PDF.
    "hazards.print_escalated" => |api, a: SaveEscalatedArgs| -> WrittenFile { api.hazards_print_escalated(&a.query, &a.out) },
}

#[cfg(test)]
mod tests {
    use crate::{no_progress, Api, ErrorCode};
    use serde_json::json;

    #[test]
    fn escalate_and_filter_through_dispatch() {
        let mut api = Api::open_in_memory().unwrap();
        let h = api
            .dispatch("households.add", json!({"name": "张三"}), &no_progress)
            .unwrap();
        api.dispatch(
            "inspections.record",
            json!({
                "household_id": h["id"],
                "visit_date": "2024-12-03",
                "answers": [{"item_no": 5, "answer": "yes"}],
            }),
            &no_progress,
        )
        .unwrap();
        let list = api
            .dispatch("hazards.list", json!({"view": "open"}), &no_progress)
            .unwrap();
        let id = list["items"][0]["id"].clone();
        assert!(list["items"][0]["escalation"].is_null());
        let z = api
            .dispatch(
                "hazards.escalate",
                json!({"id": id, "input": {"escalated_to": "镇政府", "escalated_on": "2024-12-05", "measures": "关闭气源"}}),
                &no_progress,
            )
            .unwrap();
        assert_eq!(z["escalation"]["escalated_to"], "镇政府");
        assert_eq!(z["measure_count"], 1);
        let m = api
            .dispatch(
                "hazards.add_measure",
                json!({"id": id, "input": {"taken_on": "2024-12-06", "description": "每日巡查"}}),
                &no_progress,
            )
            .unwrap();
        assert_eq!(m["description"], "每日巡查");
        let esc = api
            .dispatch(
                "hazards.list",
                json!({"view": "all", "escalated": true, "with_measures": true}),
                &no_progress,
            )
            .unwrap();
        assert_eq!(esc["total"], 1);
        let rows = api
            .dispatch("hazards.escalated", json!({}), &no_progress)
            .unwrap();
        assert_eq!(rows[0]["measures"].as_array().unwrap().len(), 2);
        assert_eq!(rows[0]["household_name"], "张三");
        let err = api
            .dispatch(
                "hazards.escalate",
                json!({"id": id, "input": {"escalated_to": "", "escalated_on": "2024-12-05"}}),
                &no_progress,
            )
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict);
        let z = api
            .dispatch("hazards.undo_escalation", json!({"id": id}), &no_progress)
            .unwrap();
        assert!(z["escalation"].is_null());
    }
}
