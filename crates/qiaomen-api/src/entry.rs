//! Entry and follow-up: keying inspections, the hazard ledger, rounds and coverage, the
//! vulnerable-people lists, and the spreadsheet entry sheet.

use crate::register::IdArgs;
use crate::{Api, Progress, ProgressFn, Result, WrittenFile};
use qiaomen_core::entry_sheet::{self, EntrySheetExport, EntrySheetOptions, ImportReport};
use qiaomen_core::hazards::{
    self, Hazard, HazardDetail, HazardEdit, HazardPage, HazardQuery, HazardSummary, Revisit,
    RevisitInput,
};
use qiaomen_core::history::{self, HouseholdHistory};
use qiaomen_core::households::Household;
use qiaomen_core::inspections::attributes::{self, AttributeCount};
use qiaomen_core::inspections::blanks::{self, Blanks, BlanksQuery};
use qiaomen_core::inspections::{
    self, EntryDefaults, Inspection, InspectionInput, InspectionPage, InspectionQuery,
    InspectionSummary, SavedInspection,
};
use qiaomen_core::people::{self, CategoryCount, PeopleQuery, Person, PersonInput};
use qiaomen_core::rounds::{self, Coverage, MissingHousehold, Round, RoundInput};
use qiaomen_core::templates::Template;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Everything the entry screen needs once the household is picked.
#[derive(Debug, Clone, Serialize, TS)]
pub struct EntryForm {
    pub household: Household,
    /// The template the visit is recorded against (the household's, else the office's).
    pub template: Template,
    pub defaults: EntryDefaults,
    /// The household's latest visit, if any.
    pub last_inspection: Option<InspectionSummary>,
}

#[derive(Debug, Deserialize, TS)]
pub struct HouseholdIdArgs {
    pub household_id: String,
}

#[derive(Debug, Deserialize, TS)]
pub struct UpdateInspectionArgs {
    pub id: String,
    pub input: InspectionInput,
}

#[derive(Debug, Deserialize, TS)]
pub struct CloseHazardArgs {
    pub id: String,
    /// The closing date as typed.
    pub date: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Deserialize, TS)]
pub struct RevisitArgs {
    /// The hazard's id.
    pub id: String,
    pub input: RevisitInput,
}

#[derive(Debug, Deserialize, TS)]
pub struct UpdateHazardArgs {
    pub id: String,
    pub edit: HazardEdit,
}

#[derive(Debug, Default, Deserialize, TS)]
pub struct AsOfArgs {
    #[serde(default)]
    #[ts(optional)]
    pub as_of: Option<String>,
}

#[derive(Debug, Deserialize, TS)]
pub struct UpdateRoundArgs {
    pub id: String,
    pub input: RoundInput,
}

#[derive(Debug, Deserialize, TS)]
pub struct RoundGridArgs {
    /// The round's id.
    pub id: String,
    /// One grid only; "-" for households without a grid.
    #[serde(default)]
    #[ts(optional)]
    pub grid_id: Option<String>,
}

#[derive(Debug, Deserialize, TS)]
pub struct ExportNotVisitedArgs {
    pub id: String,
    #[serde(default)]
    #[ts(optional)]
    pub grid_id: Option<String>,
    /// Where to save the .xlsx (a path the clerk chose).
    pub out: String,
}

#[derive(Debug, Deserialize, TS)]
pub struct UpdatePersonArgs {
    pub id: String,
    pub input: PersonInput,
}

#[derive(Debug, Deserialize, TS)]
pub struct ExportPeopleArgs {
    /// One group only (e.g. 独居老人); all groups with people otherwise.
    #[serde(default)]
    #[ts(optional)]
    pub category: Option<String>,
    pub out: String,
}

#[derive(Debug, Deserialize, TS)]
pub struct ExportEntrySheetArgs {
    #[serde(default)]
    pub options: EntrySheetOptions,
    pub out: String,
}

#[derive(Debug, Deserialize, TS)]
pub struct ImportInspectionsArgs {
    /// The spreadsheet the clerk chose.
    pub path: String,
}

impl Api {
    // ---- inspections ----

    pub fn entry_defaults(&self) -> Result<EntryDefaults> {
        inspections::entry_defaults(self.store.conn())
    }

    /// The blank form for a household: its template, the remembered date and inspectors.
    pub fn entry_form(&self, household_id: &str) -> Result<EntryForm> {
        let c = self.store.conn();
        let household = qiaomen_core::households::get(c, household_id)?;
        let template = inspections::template_for(c, &household)?;
        let last_inspection = inspections::list(
            c,
            &InspectionQuery {
                household_id: Some(household.id.clone()),
                limit: Some(1),
                ..Default::default()
            },
        )?
        .items
        .into_iter()
        .next();
        Ok(EntryForm {
            household,
            template,
            defaults: inspections::entry_defaults(c)?,
            last_inspection,
        })
    }

    pub fn inspections_record(&mut self, input: &InspectionInput) -> Result<SavedInspection> {
        inspections::record(self.store.conn(), input)
    }

    pub fn inspections_update(
        &mut self,
        id: &str,
        input: &InspectionInput,
    ) -> Result<SavedInspection> {
        inspections::update(self.store.conn(), id, input)
    }

    pub fn inspections_delete(&mut self, id: &str) -> Result<()> {
        inspections::delete(self.store.conn(), id)
    }

    pub fn inspections_get(&self, id: &str) -> Result<Inspection> {
        inspections::get(self.store.conn(), id)
    }

    pub fn inspections_list(&self, q: &InspectionQuery) -> Result<InspectionPage> {
        inspections::list(self.store.conn(), q)
    }

    // ---- hazards ----

    /// A hazard by id or a unique prefix of its id (the CLI).
    pub fn hazards_resolve(&self, key: &str) -> Result<Hazard> {
        hazards::resolve(self.store.conn(), key)
    }

    /// An inspection by id or a unique prefix of its id (the CLI).
    pub fn inspections_resolve(&self, key: &str) -> Result<Inspection> {
        let c = self.store.conn();
        inspections::get(
            c,
            &qiaomen_core::resolve_id(c, "inspections", key, "检查记录")?,
        )
    }

    /// A person by id or a unique prefix of the id (the CLI).
    pub fn people_resolve(&self, key: &str) -> Result<Person> {
        let c = self.store.conn();
        people::get(c, &qiaomen_core::resolve_id(c, "people", key, "人员")?)
    }

    pub fn hazards_list(&self, q: &HazardQuery) -> Result<HazardPage> {
        hazards::list(self.store.conn(), q)
    }

    pub fn hazards_get(&self, id: &str) -> Result<HazardDetail> {
        hazards::get(self.store.conn(), id)
    }

    pub fn hazards_summary(&self, as_of: Option<&str>) -> Result<HazardSummary> {
        hazards::summary(self.store.conn(), as_of)
    }

    pub fn hazards_close(&mut self, id: &str, date: &str, note: &str) -> Result<Hazard> {
        hazards::close(self.store.conn(), id, date, note)
    }

    pub fn hazards_reopen(&mut self, id: &str) -> Result<Hazard> {
        hazards::reopen(self.store.conn(), id)
    }

    pub fn hazards_revisit(&mut self, id: &str, input: &RevisitInput) -> Result<Revisit> {
        hazards::revisit(self.store.conn(), id, input)
    }

    pub fn hazards_delete_revisit(&mut self, revisit_id: &str) -> Result<()> {
        hazards::delete_revisit(self.store.conn(), revisit_id)
    }

    pub fn hazards_update(&mut self, id: &str, edit: &HazardEdit) -> Result<Hazard> {
        hazards::update(self.store.conn(), id, edit)
    }

    /// A household's whole history: visits, hazards, revisits.
    pub fn households_history(&self, household_id: &str) -> Result<HouseholdHistory> {
        history::history(self.store.conn(), household_id)
    }

    // ---- rounds ----

    pub fn rounds_list(&self) -> Result<Vec<Round>> {
        rounds::list(self.store.conn())
    }

    pub fn rounds_add(&mut self, input: &RoundInput) -> Result<Round> {
        rounds::add(self.store.conn(), input)
    }

    pub fn rounds_update(&mut self, id: &str, input: &RoundInput) -> Result<Round> {
        rounds::update(self.store.conn(), id, input)
    }

    pub fn rounds_delete(&mut self, id: &str) -> Result<()> {
        rounds::delete(self.store.conn(), id)
    }

    /// Finds a round by id or name.
    pub fn rounds_resolve(&self, key: &str) -> Result<Round> {
        rounds::resolve(self.store.conn(), key)
    }

    pub fn rounds_current(&self, as_of: Option<&str>) -> Result<Option<Round>> {
        rounds::current(self.store.conn(), as_of)
    }

    pub fn rounds_coverage(&self, id: &str) -> Result<Coverage> {
        rounds::coverage(self.store.conn(), id)
    }

    pub fn rounds_not_visited(
        &self,
        id: &str,
        grid_id: Option<&str>,
    ) -> Result<Vec<MissingHousehold>> {
        rounds::not_visited(self.store.conn(), id, grid_id)
    }

    pub fn rounds_export_not_visited(
        &self,
        id: &str,
        grid_id: Option<&str>,
        out: &str,
    ) -> Result<WrittenFile> {
        let path = self.writable(out)?;
        let rows = rounds::export_not_visited(self.store.conn(), id, grid_id, &path)?;
        Ok(WrittenFile::with_rows(&path, rows))
    }

    /// The not-yet-visited list as a PDF (the print area's table page).
    pub fn rounds_print_not_visited(
        &self,
        id: &str,
        grid_id: Option<&str>,
        out: &str,
    ) -> Result<WrittenFile> {
        self.writable(out)?;
        let r = rounds::not_visited_pdf(self.store.conn(), id, grid_id)?;
        self.save_pdf(out, r)
    }

    // ---- people ----

    pub fn people_list(&self, q: &PeopleQuery) -> Result<Vec<Person>> {
        people::list(self.store.conn(), q)
    }

    pub fn people_add(&mut self, input: &PersonInput) -> Result<Person> {
        people::add(self.store.conn(), input)
    }

    pub fn people_update(&mut self, id: &str, input: &PersonInput) -> Result<Person> {
        people::update(self.store.conn(), id, input)
    }

    pub fn people_delete(&mut self, id: &str) -> Result<()> {
        people::delete(self.store.conn(), id)
    }

    pub fn people_categories(&self) -> Result<Vec<CategoryCount>> {
        people::category_counts(self.store.conn())
    }

    pub fn people_export(&self, category: Option<&str>, out: &str) -> Result<WrittenFile> {
        let path = self.writable(out)?;
        let rows = people::export_xlsx(self.store.conn(), category, &path)?;
        Ok(WrittenFile::with_rows(&path, rows))
    }

    // ---- the entry sheet ----

    pub fn entry_export_sheet(
        &self,
        options: &EntrySheetOptions,
        out: &str,
    ) -> Result<EntrySheetExport> {
        let path = self.writable(out)?;
        entry_sheet::export(self.store.conn(), options, &path)
    }

    pub fn entry_import_sheet(&mut self, path: &str, progress: ProgressFn) -> Result<ImportReport> {
        let path = self.readable(path)?;
        let report = |done: u64, total: u64| {
            progress(Progress {
                done,
                total,
                label: "正在导入入户检查".into(),
            })
        };
        entry_sheet::import(self.store.conn(), &path, &report)
    }
}

crate::methods! {
    /// The remembered visit date and inspectors for the next form.
    "entry.defaults" => |api, _: ()| -> EntryDefaults { api.entry_defaults() },
    /// Everything the entry screen needs once the household is picked.
    "entry.form" => |api, a: HouseholdIdArgs| -> EntryForm { api.entry_form(&a.household_id) },
    /// Writes the spreadsheet entry sheet (one row per household).
    "entry.export_sheet" => |api, a: ExportEntrySheetArgs| -> EntrySheetExport { api.entry_export_sheet(&a.options, &a.out) },
    /// Imports a filled entry sheet (one transaction), reporting progress.
    "entry.import_sheet" => |api, a: ImportInspectionsArgs, progress| -> ImportReport { api.entry_import_sheet(&a.path, progress) },
    /// Records a visit and derives its hazards.
    "inspections.record" => |api, a: InspectionInput| -> SavedInspection { api.inspections_record(&a) },
    /// Changes a recorded visit; its hazards follow.
    "inspections.update" => |api, a: UpdateInspectionArgs| -> SavedInspection { api.inspections_update(&a.id, &a.input) },
    /// Deletes a visit and the hazards that came only from it.
    "inspections.delete" => |api, a: IdArgs| -> () { api.inspections_delete(&a.id) },
    /// One visit with its answers and hazards.
    "inspections.get" => |api, a: IdArgs| -> Inspection { api.inspections_get(&a.id) },
    /// One page of visits, filtered.
    "inspections.list" => |api, a: InspectionQuery| -> InspectionPage { api.inspections_list(&a) },
    /// 未答项: the forms with items left blank, by grid.
    "inspections.blanks" => |api, a: BlanksQuery| -> Blanks { blanks::list(api.store.conn(), &a) },
    /// The 属性项 recorded on households (多合一场所 ...), with how many answered 是 and 否.
    "households.attributes" => |api, _: ()| -> Vec<AttributeCount> { attributes::counts(api.store.conn()) },
    /// One page of the hazard ledger, filtered.
    "hazards.list" => |api, a: HazardQuery| -> HazardPage { api.hazards_list(&a) },
    /// One hazard with its household, visit and revisits.
    "hazards.get" => |api, a: IdArgs| -> HazardDetail { api.hazards_get(&a.id) },
    /// Counts of the ledger (open, overdue, major ...) as of a date.
    "hazards.summary" => |api, a: AsOfArgs| -> HazardSummary { api.hazards_summary(a.as_of.as_deref()) },
    /// Closes (销号) a hazard.
    "hazards.close" => |api, a: CloseHazardArgs| -> Hazard { api.hazards_close(&a.id, &a.date, &a.note) },
    /// Undoes a closing (撤销销号).
    "hazards.reopen" => |api, a: IdArgs| -> Hazard { api.hazards_reopen(&a.id) },
    /// Records a revisit (回访) of a hazard.
    "hazards.revisit" => |api, a: RevisitArgs| -> Revisit { api.hazards_revisit(&a.id, &a.input) },
    /// Deletes a revisit.
    "hazards.delete_revisit" => |api, a: IdArgs| -> () { api.hazards_delete_revisit(&a.id) },
    /// Changes a hazard's category, major flag, deadline or wording.
    "hazards.update" => |api, a: UpdateHazardArgs| -> Hazard { api.hazards_update(&a.id, &a.edit) },
    /// A household's visits and hazards (一户档案).
    "households.history" => |api, a: IdArgs| -> HouseholdHistory { api.households_history(&a.id) },
    /// Every round, newest first.
    "rounds.list" => |api, _: ()| -> Vec<Round> { api.rounds_list() },
    /// Adds a round.
    "rounds.add" => |api, a: RoundInput| -> Round { api.rounds_add(&a) },
    /// Changes a round.
    "rounds.update" => |api, a: UpdateRoundArgs| -> Round { api.rounds_update(&a.id, &a.input) },
    /// Deletes a round.
    "rounds.delete" => |api, a: IdArgs| -> () { api.rounds_delete(&a.id) },
    /// The round running on a date (today when absent).
    "rounds.current" => |api, a: AsOfArgs| -> Option<Round> { api.rounds_current(a.as_of.as_deref()) },
    /// A round's coverage per grid.
    "rounds.coverage" => |api, a: IdArgs| -> Coverage { api.rounds_coverage(&a.id) },
    /// The households not yet visited in a round (未入户名单).
    "rounds.not_visited" => |api, a: RoundGridArgs| -> Vec<MissingHousehold> { api.rounds_not_visited(&a.id, a.grid_id.as_deref()) },
    /// Saves the 未入户名单 as .xlsx.
    "rounds.export_not_visited" => |api, a: ExportNotVisitedArgs| -> WrittenFile { api.rounds_export_not_visited(&a.id, a.grid_id.as_deref(), &a.out) },
    /// Saves the 未入户名单 as PDF.
    "rounds.print_not_visited" => |api, a: ExportNotVisitedArgs| -> WrittenFile { api.rounds_print_not_visited(&a.id, a.grid_id.as_deref(), &a.out) },
    /// The vulnerable people, filtered.
    "people.list" => |api, a: PeopleQuery| -> Vec<Person> { api.people_list(&a) },
    /// Adds a person to a household's vulnerable-people list.
    "people.add" => |api, a: PersonInput| -> Person { api.people_add(&a) },
    /// Changes a person.
    "people.update" => |api, a: UpdatePersonArgs| -> Person { api.people_update(&a.id, &a.input) },
    /// Deletes a person.
    "people.delete" => |api, a: IdArgs| -> () { api.people_delete(&a.id) },
    /// How many people each category holds.
    "people.categories" => |api, _: ()| -> Vec<CategoryCount> { api.people_categories() },
    /// Saves the people lists as .xlsx (one category or all).
    "people.export" => |api, a: ExportPeopleArgs| -> WrittenFile { api.people_export(a.category.as_deref(), &a.out) },
}

#[cfg(test)]
mod tests {
    use crate::{no_progress, Api};
    use serde_json::json;

    #[test]
    fn keyed_inspection_through_dispatch() {
        let mut api = Api::open_in_memory().unwrap();
        let mut s = api.settings_get().unwrap();
        s.unit_name = "测试村".into();
        api.settings_save(&s).unwrap();
        let h = api
            .dispatch("households.add", json!({"name": "张三"}), &no_progress)
            .unwrap();
        let hid = h["id"].as_str().unwrap().to_string();
        let form = api
            .dispatch("entry.form", json!({"household_id": hid}), &no_progress)
            .unwrap();
        assert_eq!(form["template"]["items"].as_array().unwrap().len(), 16);
        let saved = api
            .dispatch(
                "inspections.record",
                json!({
                    "household_id": hid,
                    "visit_date": "2024-12-03",
                    "inspectors": "李四",
                    "answers": [{"item_no": 5, "answer": "yes"}, {"item_no": 3, "answer": "no"}],
                    "fixed_on_site": [3],
                    "extra_hazards": [{"description": "化粪池无盖板", "category": "防有限空间中毒事故", "major": true}],
                    "signed": true
                }),
                &no_progress,
            )
            .unwrap();
        assert_eq!(saved["hazards_added"], 3);
        let list = api
            .dispatch("hazards.list", json!({"view": "open"}), &no_progress)
            .unwrap();
        assert_eq!(list["total"], 2);
        let id = list["items"][0]["id"].as_str().unwrap().to_string();
        let closed = api
            .dispatch(
                "hazards.close",
                json!({"id": id, "date": "2024-12-05"}),
                &no_progress,
            )
            .unwrap();
        assert_eq!(closed["status"], "closed");
        let err = api
            .dispatch(
                "hazards.close",
                json!({"id": id, "date": "2024-12-06"}),
                &no_progress,
            )
            .unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::Conflict);
        let d = api
            .dispatch("entry.defaults", json!({}), &no_progress)
            .unwrap();
        assert_eq!(d["inspectors"], "李四");
    }
}
