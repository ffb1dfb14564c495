//! TypeScript types for everything that crosses IPC, generated from the Rust types with
//! ts-rs into `ui/src/lib/bindings.ts`. The test `bindings_are_fresh` fails when the file is
//! stale; `UPDATE_BINDINGS=1 cargo test -p qiaomen-api bindings` rewrites it.

use ts_rs::{Config, TS};

/// How ts-rs writes our types: 64-bit integers are plain numbers (counts and ids never
/// exceed 2^53).
fn config() -> Config {
    Config::new().with_large_int("number")
}

/// Declarations of every IPC type, in a stable order: area by area. Add new types to
/// their area's list.
pub fn declarations() -> Vec<String> {
    let cfg = config();
    [
        shared(&cfg),
        desk(&cfg),
        register(&cfg),
        backup(&cfg),
        print(&cfg),
        entry(&cfg),
        paper(&cfg),
        report(&cfg),
        import(&cfg),
        township(&cfg),
    ]
    .concat()
}

/// One `export …` declaration per type.
macro_rules! decls {
    ($cfg:expr; $($t:ty),* $(,)?) => { vec![$(format!("export {}", <$t as TS>::decl($cfg))),*] };
}

/// Errors, progress and written files: every area uses them.
fn shared(cfg: &Config) -> Vec<String> {
    use qiaomen_core as core;
    decls![
        cfg;
        core::Error,
        core::ErrorCode,
        crate::Progress,
        core::WrittenFile,
    ]
}

/// The 工作台 (issue 19) and the remembered report saves.
fn desk(cfg: &Config) -> Vec<String> {
    use qiaomen_core as core;
    decls![
        cfg;
        core::desk::Desk,
        core::desk::DeskHazards,
        core::desk::GridDue,
        core::desk::DeskKeyed,
        core::desk::DeskReport,
        core::desk::DeskBackup,
        core::desk::DeskWeekly,
        core::desk::WeekCounts,
        core::desk::CategoryOpen,
        core::report_saves::SavedFormat,
        core::report_saves::ReportSave,
        crate::desk::DeskArgs,
    ]
}

/// The office's register: settings, grids, households, templates.
fn register(cfg: &Config) -> Vec<String> {
    use qiaomen_core as core;
    decls![
        cfg;
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
        core::templates::store::ImportAction,
        core::templates::store::TemplateImport,
        core::templates::rules::TemplateRules,
        core::templates::rules::NatureRule,
        core::templates::rules::GridRule,
        crate::templates::TemplateArgs,
        crate::templates::TemplateOutArgs,
        crate::templates::TemplateFileArgs,
        crate::templates::RetireArgs,
        core::inspections::blanks::BlanksQuery,
        core::inspections::blanks::BlankRow,
        core::inspections::blanks::BlankGrid,
        core::inspections::blanks::Blanks,
        core::inspections::attributes::AttributeCount,
        core::templates::HeaderField,
        core::templates::TemplateItem,
        core::templates::Answer,
        crate::register::AppInfo,
        crate::register::IdArgs,
        crate::register::TextArgs,
        crate::register::UpdateHouseholdArgs,
        crate::register::UpdateGridArgs,
        core::people::PeopleGroups,
        crate::register::PeopleGroupsArgs,
    ]
}

/// Backups, restore, the database check, diagnostics.
fn backup(cfg: &Config) -> Vec<String> {
    use qiaomen_core as core;
    decls![
        cfg;
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
    ]
}

/// Printing: blank, pre-filled and filled forms, the 明白卡.
fn print(cfg: &Config) -> Vec<String> {
    use qiaomen_core as core;
    decls![
        cfg;
        core::pdf::jobs::ChecklistJob,
        core::pdf::jobs::ChecklistSelection,
        core::pdf::jobs::CardJob,
        core::pdf::jobs::CardKind,
        crate::print::PrintChecklistsArgs,
        crate::print::PrintInspectionArgs,
        crate::print::PrintCardsArgs,
        crate::print::PrintRectificationArgs,
    ]
}

/// Entry: inspections, hazards, rounds, people, the entry sheet.
fn entry(cfg: &Config) -> Vec<String> {
    use qiaomen_core as core;
    decls![
        cfg;
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
        core::history::HouseholdHistory,
        core::hazards::HazardSource,
        core::inspections::InspectionSource,
        core::Category,
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
        core::hazards::Measure,
        core::hazards::MeasureInput,
        core::hazards::Escalation,
        core::hazards::EscalationInput,
        core::hazards::EscalatedHazard,
        crate::escalation::AddMeasureArgs,
        crate::escalation::EscalateArgs,
        crate::escalation::SaveEscalatedArgs,
    ]
}

/// Paper read back: form codes, double entry (issue 18).
fn paper(cfg: &Config) -> Vec<String> {
    use qiaomen_core as core;
    decls![
        cfg;
        core::formcode::FormCode,
        core::inspections::verify::SecondEntryInput,
        core::inspections::verify::Mismatch,
        core::inspections::verify::VerifyState,
        core::inspections::verify::Resolution,
        core::inspections::verify::Verification,
        core::inspections::verify::Choice,
        core::inspections::verify::Resolved,
        core::inspections::verify_stats::DoubleEntryMode,
        core::inspections::verify_stats::DoubleEntrySettings,
        core::inspections::verify_stats::VerifyPeriod,
        core::inspections::verify_stats::VerifySummary,
        core::inspections::verify_stats::InspectorAgreement,
        crate::verify::ScanArgs,
        crate::verify::SecondEntryArgs,
        crate::verify::ResolveArgs,
    ]
}

/// Reports: statistics, publicity, aggregation, export.
fn report(cfg: &Config) -> Vec<String> {
    use qiaomen_core as core;
    decls![
        cfg;
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
        crate::report::PublicityUpdateArgs,
        crate::report::PublicityIdArgs,
        crate::report::PublicityImportArgs,
        crate::report::AggregateArgs,
        crate::report::ExportAllArgs,
        crate::report::ExportCsvArgs,
        crate::report::ExportTable,
        crate::report::NarrativeArgs,
    ]
}

/// Roster import.
fn import(cfg: &Config) -> Vec<String> {
    use qiaomen_core as core;
    decls![
        cfg;
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

/// The township (乡镇模式) and the village's 数据上报.
fn township(cfg: &Config) -> Vec<String> {
    use qiaomen_core as core;
    decls![
        cfg;
        core::township::keys::TownshipKey,
        core::township::export::PackageCounts,
        core::township::export::PackageExport,
        core::township::export::PackageStatus,
        core::township::merge::Changes,
        core::township::merge::ImportStatus,
        core::township::merge::PackageResult,
        core::township::views::VillageRow,
        core::township::views::VillagesView,
        core::township::views::TwHazardQuery,
        core::township::views::TwHazard,
        core::township::views::TwHazardPage,
        core::township::register::TwHouseholdQuery,
        core::township::register::TwHousehold,
        core::township::register::TwHouseholdPage,
        core::township::register::TwPerson,
        core::township::register::TwAnswer,
        core::township::register::TwInspection,
        core::township::register::TwHouseholdDetail,
        core::township::report::VillageTable,
        core::township::report::Difference,
        core::township::report::SentComparison,
        core::township::report::TownshipReport,
        core::township::report::TwCellHazard,
        core::township::report::TwCellDetail,
        core::township::report::TwEvent,
        core::township::report::SentTable,
        crate::township::KeyTextArgs,
        crate::township::PathArgs,
        crate::township::PackageExportArgs,
        crate::township::TownshipStatus,
        crate::township::TownshipInitArgs,
        crate::township::KeyExport,
        crate::township::OutArgs,
        crate::township::TownshipImportArgs,
        crate::township::TwHouseholdArgs,
        crate::township::TwPeriodArgs,
        crate::township::TwCellArgs,
        crate::township::TwSaveReportArgs,
        crate::township::TwListArgs,
        crate::township::PathsArgs,
        crate::township::IdArg,
    ]
}

/// Values the UI needs as well as types: the seven 行动名称 in order with short names, and
/// how a hazard's status reads.
fn constants() -> String {
    use qiaomen_core::hazards::HazardStatus;
    use qiaomen_core::Category;
    let status: Vec<String> = [
        HazardStatus::Open,
        HazardStatus::FixedOnSite,
        HazardStatus::Closed,
    ]
    .iter()
    .map(|s| format!("  {}: '{}',", s.as_str(), s.label()))
    .collect();
    let names: Vec<String> = Category::ALL
        .iter()
        .map(|c| format!("'{}'", c.name()))
        .collect();
    let short: Vec<String> = Category::ALL
        .iter()
        .map(|c| format!("  '{}': '{}',", c.name(), c.short()))
        .collect();
    let colors: Vec<String> = Category::ALL
        .iter()
        .zip(qiaomen_core::narrative::COLORS)
        .map(|(c, (r, g, b))| format!("  '{}': '#{r:02x}{g:02x}{b:02x}',", c.name()))
        .collect();
    format!(
        "/** The seven 行动名称 in the order of the statistics table (Rust: `Category::ALL`). */\n\
         export const CATEGORIES: Category[] = [{}];\n\n\
         /** Their colours in charts and in the written report's picture (Rust: `narrative::COLORS`). */\n\
         export const CATEGORY_COLORS: Record<Category, string> = {{\n{}\n}};\n\n\
         /** Their short names (Rust: `Category::short`). */\n\
         export const CATEGORY_SHORT: Record<Category, string> = {{\n{}\n}};\n\n\
         /** How a hazard's status reads (Rust: `HazardStatus::label`). */\n\
         export const HAZARD_STATUS_LABEL: Record<HazardStatus, string> = {{\n{}\n}};\n\n",
        names.join(", "),
        colors.join("\n"),
        short.join("\n"),
        status.join("\n")
    )
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
    out.push_str(&constants());
    out.push_str(&crate::rpc::render_schema(&config()));
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
