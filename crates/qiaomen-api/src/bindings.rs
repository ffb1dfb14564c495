//! TypeScript types for everything that crosses IPC, generated from the Rust types with
//! ts-rs into `ui/src/lib/bindings.ts`. The test `bindings_are_fresh` fails when the file is
//! stale; `UPDATE_BINDINGS=1 cargo test -p qiaomen-api bindings` rewrites it.

use ts_rs::{Config, TS};

/// Declarations of every IPC type, in a stable order. Add new types here.
pub fn declarations() -> Vec<String> {
    let cfg = Config::new().with_large_int("number");
    macro_rules! decls {
        ($($t:ty),* $(,)?) => { vec![$(format!("export {}", <$t as TS>::decl(&cfg))),*] };
    }
    use qiaomen_core as core;
    decls![
        core::Error,
        core::ErrorCode,
        crate::Progress,
        // register
        core::settings::UnitSettings,
        core::settings::PeriodMode,
        core::grids::Grid,
        core::grids::GridInput,
        core::households::Household,
        core::households::HouseholdInput,
        core::households::HouseholdQuery,
        core::households::HouseholdPage,
        core::templates::Template,
        core::templates::TemplateInfo,
        core::templates::HeaderField,
        core::templates::TemplateItem,
        core::templates::Answer,
        crate::register::AppInfo,
        crate::register::IdArgs,
        crate::register::UpdateHouseholdArgs,
        crate::register::UpdateGridArgs,
        crate::register::TemplateArgs,
        // backup
        core::backup::BackupKind,
        core::backup::BackupFile,
        core::backup::AutoBackupResult,
        core::backup::BackupStatus,
        core::backup::BackupSummary,
        core::backup::RestoreReport,
        core::backup::TableCount,
        core::backup::CheckReport,
        crate::backup::BackupPathArgs,
        crate::backup::BackupNameArgs,
        crate::backup::StartReport,
        crate::diagnostics::DiagnosticsFile,
        // print
        core::pdf::jobs::ChecklistJob,
        core::pdf::jobs::ChecklistSelection,
        core::pdf::jobs::CardJob,
        core::pdf::jobs::CardKind,
        crate::print::PrintResult,
        crate::print::PrintChecklistsArgs,
        crate::print::PrintInspectionArgs,
        crate::print::PrintCardsArgs,
        crate::print::PrintRectificationArgs,
        // entry: inspections, hazards, rounds, people, entry sheet
        core::inspections::AnswerEntry,
        core::inspections::ExtraHazardInput,
        core::inspections::InspectionInput,
        core::inspections::Inspection,
        core::inspections::Warning,
        core::inspections::SavedInspection,
        core::inspections::InspectionSummary,
        core::inspections::InspectionQuery,
        core::inspections::InspectionPage,
        core::inspections::EntryDefaults,
        core::hazards::HazardStatus,
        core::hazards::Hazard,
        core::hazards::Revisit,
        core::hazards::RevisitInput,
        core::hazards::HazardDetail,
        core::hazards::HazardEdit,
        core::hazards::HazardView,
        core::hazards::HazardQuery,
        core::hazards::HazardPage,
        core::hazards::HazardCount,
        core::hazards::HazardSummary,
        core::hazards::HouseholdHistory,
        core::rounds::Round,
        core::rounds::RoundInput,
        core::rounds::GridCoverage,
        core::rounds::Coverage,
        core::rounds::MissingHousehold,
        core::people::Person,
        core::people::PersonInput,
        core::people::PeopleQuery,
        core::people::CategoryCount,
        core::entry_sheet::EntrySheetOptions,
        core::entry_sheet::EntrySheetExport,
        core::entry_sheet::RowIssue,
        core::entry_sheet::RowWarning,
        core::entry_sheet::ImportReport,
        crate::entry::EntryForm,
        crate::entry::HouseholdIdArgs,
        crate::entry::UpdateInspectionArgs,
        crate::entry::CloseHazardArgs,
        crate::entry::RevisitArgs,
        crate::entry::UpdateHazardArgs,
        crate::entry::AsOfArgs,
        crate::entry::UpdateRoundArgs,
        crate::entry::RoundGridArgs,
        crate::entry::ExportNotVisitedArgs,
        crate::entry::UpdatePersonArgs,
        crate::entry::ExportPeopleArgs,
        crate::entry::ExportEntrySheetArgs,
        crate::entry::ImportInspectionsArgs,
        crate::entry::XlsxResult,
        crate::entry::PdfResult,
        // report: statistics, publicity, aggregation, export
        core::stats::PeriodKind,
        core::stats::Period,
        core::stats::PeriodSpec,
        core::stats::StatsRow,
        core::stats::StatsTable,
        core::stats::Column,
        core::stats::Uncounted,
        core::stats::HazardLine,
        core::stats::CellDetail,
        core::publicity::PublicityEvent,
        core::publicity::PublicityInput,
        core::publicity::PublicityQuery,
        core::publicity::ImportProblem,
        core::publicity::PublicityImport,
        core::aggregate::BadCell,
        core::aggregate::Source,
        core::aggregate::Aggregate,
        core::export_all::CsvEncoding,
        core::export_all::ExportSummary,
        core::export_all::ExportedTable,
        crate::report::ReportArgs,
        crate::report::ReportView,
        crate::report::ReportCellArgs,
        crate::report::ReportSaveArgs,
        crate::report::SavedFile,
        crate::report::PublicityUpdateArgs,
        crate::report::PublicityIdArgs,
        crate::report::PublicityImportArgs,
        crate::report::AggregateArgs,
        crate::report::ExportAllArgs,
        crate::report::ExportCsvArgs,
        crate::report::ExportTable,
        // import (household rosters)
        core::sheet::Format,
        core::import::Field,
        core::import::FieldInfo,
        core::import::ImportOptions,
        core::import::ColumnChoice,
        core::import::SheetInfo,
        core::import::ColumnInfo,
        core::import::RowNote,
        core::import::FieldNote,
        core::import::ImportReport,
        core::import::RowStatus,
        core::import::PreviewRow,
        core::import::ImportPlan,
        crate::import::PlanArgs,
        crate::import::ImportArgs,
    ]
}

/// The whole bindings file.
pub fn render() -> String {
    let mut out = String::from(
        "// Generated from the Rust types by qiaomen-api (src/bindings.rs). Do not edit:\n\
         // run `UPDATE_BINDINGS=1 cargo test -p qiaomen-api bindings` after changing them.\n\n",
    );
    for d in declarations() {
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    fn path() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings.ts")
    }

    #[test]
    fn bindings_are_fresh() {
        let want = super::render();
        if std::env::var("UPDATE_BINDINGS").is_ok_and(|v| v == "1") {
            std::fs::write(path(), &want).unwrap();
        }
        let have = std::fs::read_to_string(path()).unwrap_or_default();
        assert!(
            have == want,
            "ui/src/lib/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p qiaomen-api bindings`"
        );
    }
}
