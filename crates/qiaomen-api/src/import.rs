//! Importing household rosters (花名册): the dry-run plan the wizard shows, and the import.

use crate::{Api, Progress, ProgressFn, Result};
use qiaomen_core::import::{
    self, FieldInfo, ImportOptions, ImportPlan, ImportReport, Roster, Source,
};
use serde::Deserialize;
use ts_rs::TS;

#[derive(Debug, Deserialize, TS)]
#[ts(rename = "RosterPlanArgs")]
pub struct PlanArgs {
    /// The file the clerk chose.
    pub path: String,
    #[serde(default)]
    pub options: ImportOptions,
}

#[derive(Debug, Deserialize, TS)]
#[ts(rename = "RosterImportArgs")]
pub struct ImportArgs {
    pub path: String,
    #[serde(default)]
    pub options: ImportOptions,
    /// Report what would happen without writing.
    #[serde(default)]
    pub dry_run: bool,
}

impl Api {
    /// The fields a roster column can be mapped to, with their Chinese names.
    pub fn import_fields(&self) -> Result<Vec<FieldInfo>> {
        Ok(import::fields())
    }

    /// The dry run the wizard shows: sheets, detected (or chosen) mapping, the first rows
    /// with their status, and the full validation report. Writes nothing.
    pub fn import_plan(&self, path: &str, options: &ImportOptions) -> Result<ImportPlan> {
        let path = self.readable(path)?;
        let src = Source::load(&path, options.sheet.as_deref())?;
        import::plan(self.store.conn(), &src, options)
    }

    /// Imports a roster file: every accepted row or none (one transaction).
    pub fn import_households(
        &mut self,
        path: &str,
        options: &ImportOptions,
        dry_run: bool,
        progress: ProgressFn,
    ) -> Result<ImportReport> {
        let path = self.readable(path)?;
        progress(Progress {
            done: 0,
            total: 1,
            label: "正在读取表格文件".into(),
        });
        let roster = Roster::open(&path, options)?;
        self.import_roster(roster, options, dry_run, progress)
    }

    /// Imports a roster already opened (the CLI opens the file before the database, so
    /// that a file that is not a readable spreadsheet leaves the database untouched).
    pub fn import_roster(
        &mut self,
        roster: Roster,
        options: &ImportOptions,
        dry_run: bool,
        progress: ProgressFn,
    ) -> Result<ImportReport> {
        let report = |done: u64, total: u64, label: &str| {
            progress(Progress {
                done,
                total,
                label: label.to_string(),
            })
        };
        import::import_roster(self.store.conn_mut(), roster, options, dry_run, &report)
    }
}

crate::methods! {
    /// The fields a roster column can be mapped to, with their Chinese names.
    "import.fields" => |api, _: ()| -> Vec<FieldInfo> { api.import_fields() },
    /// The dry run the wizard shows: sheets, mapping, first rows and the full report.
    "import.plan" => |api, a: PlanArgs| -> ImportPlan { api.import_plan(&a.path, &a.options) },
    /// Imports the roster in one transaction, reporting progress.
    "import.households" => |api, a: ImportArgs, progress| -> ImportReport { api.import_households(&a.path, &a.options, a.dry_run, progress) },
}

#[cfg(test)]
mod tests {
    use crate::{no_progress, Api};
    use serde_json::json;
    use std::path::PathBuf;

    fn fixture(name: &str) -> String {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/rosters")
            .join(name)
            .display()
            .to_string()
    }

    #[test]
    fn plan_edit_and_import_through_dispatch() {
        let mut api = Api::open_in_memory().unwrap();
        let plan = api
            .dispatch(
                "import.plan",
                json!({"path": fixture("header_variants.xlsx")}),
                &no_progress,
            )
            .unwrap();
        assert_eq!(plan["header_row"], 5);
        assert_eq!(plan["columns"][0]["field"], "name");
        assert_eq!(plan["report"]["added"], 3);
        // The clerk drops the 说明 column (N = 14) and imports.
        let seen = std::sync::Mutex::new(0u32);
        let progress = |_p: crate::Progress| *seen.lock().unwrap() += 1;
        let report = api
            .dispatch(
                "import.households",
                json!({
                    "path": fixture("header_variants.xlsx"),
                    "options": {"columns": [{"col": 14, "field": null}]}
                }),
                &progress,
            )
            .unwrap();
        assert_eq!(report["imported"], 3);
        assert_eq!(report["dry_run"], false);
        assert!(*seen.lock().unwrap() >= 2);
        let list = api
            .dispatch("households.list", json!({"search": "钱二"}), &no_progress)
            .unwrap();
        let note = list["items"][0]["note"].as_str().unwrap();
        assert!(!note.contains("外出务工"), "{note}");
        let fields = api
            .dispatch("import.fields", json!({}), &no_progress)
            .unwrap();
        assert_eq!(fields[0]["field"], "name");
        // A file that is not a spreadsheet: one Chinese sentence.
        let e = api
            .dispatch(
                "import.households",
                json!({"path": fixture("word_renamed.xlsx")}),
                &no_progress,
            )
            .unwrap_err();
        assert_eq!(e.code, crate::ErrorCode::BadFile);
    }
}
