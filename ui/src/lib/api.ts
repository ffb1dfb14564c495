// The only module through which the UI reaches Rust. Every call goes to the shell's single
// `api` command, which hands it to qiaomen-api's `Api::dispatch`. Types come from
// bindings.ts, generated from the Rust types (never edit that file by hand).

import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type * as B from './bindings';

export type * from './bindings';

/** An error from the API: a stable code and a Chinese message for the clerk. */
export class ApiError extends Error {
  code: B.ErrorCode;
  constructor(code: B.ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

function toApiError(e: unknown): ApiError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const err = e as B.Error;
    return new ApiError(err.code, err.message);
  }
  return new ApiError('internal', `程序内部错误：${String(e)}`);
}

/** Calls an API method by name. Rejects with an ApiError. */
export async function call<T>(method: string, args: unknown = null): Promise<T> {
  try {
    return await invoke<T>('api', { method, args });
  } catch (e) {
    throw toApiError(e);
  }
}

export type FileFilter = { name: string; extensions: string[] };

/** Shows the system "open file" dialog; returns the chosen path (granted to the API) or null. */
export async function chooseOpenFile(filters: FileFilter[], title = '选择文件'): Promise<string | null> {
  try {
    return await invoke<string | null>('choose_open_file', { filters, title, multiple: false }).then((r) =>
      Array.isArray(r) ? (r[0] ?? null) : r,
    );
  } catch (e) {
    throw toApiError(e);
  }
}

/** Shows the "open files" dialog allowing several files; returns the granted paths. */
export async function chooseOpenFiles(filters: FileFilter[], title = '选择文件'): Promise<string[]> {
  try {
    const r = await invoke<string[] | string | null>('choose_open_file', { filters, title, multiple: true });
    return Array.isArray(r) ? r : r ? [r] : [];
  } catch (e) {
    throw toApiError(e);
  }
}

/** Shows the system "save file" dialog; returns the chosen path (granted to the API) or null. */
export async function chooseSaveFile(defaultName: string, filters: FileFilter[], title = '保存到'): Promise<string | null> {
  try {
    return await invoke<string | null>('choose_save_file', { defaultName, filters, title });
  } catch (e) {
    throw toApiError(e);
  }
}

/** Opens a file the app has written (a PDF, a spreadsheet) in the system's viewer. */
export async function openPath(path: string): Promise<void> {
  try {
    await invoke('open_path', { path });
  } catch (e) {
    throw toApiError(e);
  }
}

/** Listens to progress reports of long operations. */
export function onProgress(cb: (p: B.Progress) => void): Promise<UnlistenFn> {
  return listen<B.Progress>('progress', (e) => cb(e.payload));
}

/** The app was started again while this window was open: this window was brought forward. */
export function onSecondLaunch(cb: () => void): Promise<UnlistenFn> {
  return listen('second-launch', () => cb());
}

export const PDF: FileFilter[] = [{ name: 'PDF 文件', extensions: ['pdf'] }];
export const XLSX: FileFilter[] = [{ name: 'Excel 工作簿', extensions: ['xlsx'] }];
export const SHEETS: FileFilter[] = [
  { name: '表格文件', extensions: ['xlsx', 'xls', 'ods', 'csv', 'et'] },
];

// ---- register -------------------------------------------------------------------------
export const appInfo = () => call<B.AppInfo>('app.info');
export const settingsGet = () => call<B.UnitSettings>('settings.get');
export const settingsSave = (s: B.UnitSettings) => call<B.UnitSettings>('settings.save', s);
export const gridsList = () => call<B.Grid[]>('grids.list');
export const gridsAdd = (g: B.GridInput) => call<B.Grid>('grids.add', g);
export const gridsUpdate = (id: string, input: B.GridInput) => call<B.Grid>('grids.update', { id, input });
export const gridsDelete = (id: string) => call<null>('grids.delete', { id });
export const householdsList = (q: B.HouseholdQuery) => call<B.HouseholdPage>('households.list', q);
export const householdsGet = (id: string) => call<B.Household>('households.get', { id });
export const householdsAdd = (h: B.HouseholdInput) => call<B.Household>('households.add', h);
export const householdsUpdate = (id: string, input: B.HouseholdInput) =>
  call<B.Household>('households.update', { id, input });
export const householdsDelete = (id: string) => call<null>('households.delete', { id });
export const templatesList = () => call<B.TemplateInfo[]>('templates.list');
export const templatesGet = (id: string, version?: number) => call<B.Template>('templates.get', { id, version });

// ---- other areas add their typed wrappers below, one section each ----------------------

// ---- import: household rosters (花名册) ------------------------------------------------
export const importFields = () => call<B.RosterFieldInfo[]>('import.fields');
/** The dry run: sheets, mapping, first rows and the full report; writes nothing. */
export const importPlan = (path: string, options: B.RosterImportOptions) =>
  call<B.RosterImportPlan>('import.plan', { path, options });
/** Imports (one transaction); progress arrives through onProgress. */
export const importHouseholds = (path: string, options: B.RosterImportOptions, dry_run = false) =>
  call<B.RosterImportReport>('import.households', { path, options, dry_run });

// ---- entry: inspections, hazard ledger, rounds, people, entry sheet ---------------------
export const entryDefaults = () => call<B.EntryDefaults>('entry.defaults');
export const entryForm = (household_id: string) => call<B.EntryForm>('entry.form', { household_id });
export const entryExportSheet = (options: B.EntrySheetOptions, out: string) =>
  call<B.EntrySheetExport>('entry.export_sheet', { options, out });
export const entryImportSheet = (path: string) => call<B.ImportReport>('entry.import_sheet', { path });
export const inspectionsRecord = (input: B.InspectionInput) => call<B.SavedInspection>('inspections.record', input);
export const inspectionsUpdate = (id: string, input: B.InspectionInput) =>
  call<B.SavedInspection>('inspections.update', { id, input });
export const inspectionsDelete = (id: string) => call<null>('inspections.delete', { id });
export const inspectionsGet = (id: string) => call<B.Inspection>('inspections.get', { id });
export const inspectionsList = (q: B.InspectionQuery) => call<B.InspectionPage>('inspections.list', q);
export const hazardsList = (q: B.HazardQuery) => call<B.HazardPage>('hazards.list', q);
export const hazardsGet = (id: string) => call<B.HazardDetail>('hazards.get', { id });
export const hazardsSummary = (as_of?: string) => call<B.HazardSummary>('hazards.summary', { as_of });
export const hazardsClose = (id: string, date: string, note = '') => call<B.Hazard>('hazards.close', { id, date, note });
export const hazardsReopen = (id: string) => call<B.Hazard>('hazards.reopen', { id });
export const hazardsRevisit = (id: string, input: B.RevisitInput) => call<B.Revisit>('hazards.revisit', { id, input });
export const hazardsDeleteRevisit = (id: string) => call<null>('hazards.delete_revisit', { id });
export const hazardsUpdate = (id: string, edit: B.HazardEdit) => call<B.Hazard>('hazards.update', { id, edit });
export const householdsHistory = (id: string) => call<B.HouseholdHistory>('households.history', { id });
export const roundsList = () => call<B.Round[]>('rounds.list');
export const roundsAdd = (r: B.RoundInput) => call<B.Round>('rounds.add', r);
export const roundsUpdate = (id: string, input: B.RoundInput) => call<B.Round>('rounds.update', { id, input });
export const roundsDelete = (id: string) => call<null>('rounds.delete', { id });
export const roundsCurrent = (as_of?: string) => call<B.Round | null>('rounds.current', { as_of });
export const roundsCoverage = (id: string) => call<B.Coverage>('rounds.coverage', { id });
export const roundsNotVisited = (id: string, grid_id?: string) =>
  call<B.MissingHousehold[]>('rounds.not_visited', { id, grid_id });
export const roundsExportNotVisited = (id: string, out: string, grid_id?: string) =>
  call<B.XlsxResult>('rounds.export_not_visited', { id, grid_id, out });
export const roundsPrintNotVisited = (id: string, out: string, grid_id?: string) =>
  call<B.PdfResult>('rounds.print_not_visited', { id, grid_id, out });
export const peopleList = (q: B.PeopleQuery) => call<B.Person[]>('people.list', q);
export const peopleAdd = (p: B.PersonInput) => call<B.Person>('people.add', p);
export const peopleUpdate = (id: string, input: B.PersonInput) => call<B.Person>('people.update', { id, input });
export const peopleDelete = (id: string) => call<null>('people.delete', { id });
export const peopleCategories = () => call<B.CategoryCount[]>('people.categories');
export const peopleExport = (out: string, category?: string) => call<B.XlsxResult>('people.export', { category, out });
/** The 隐患整改通知书 of one hazard as PDF (the printing area's renderer). */
export const printHazardNotice = (hazard_id: string, out: string) =>
  call<{ path: string; pages: number; warnings: string[] }>('print.rectification', { hazard_id, out });

// ---- backup: backups, restore, database check ------------------------------------------
/** Backup files: ours are .sqlite3; any file may be picked (it is checked before use). */
export const BACKUP_FILES: FileFilter[] = [
  { name: '敲门行动备份', extensions: ['sqlite3', 'db'] },
  { name: '所有文件', extensions: ['*'] },
];
export const backupStatus = () => call<B.BackupStatus>('backup.status');
export const backupSave = (path: string) => call<B.BackupFile>('backup.save', { path });
export const backupCheck = () => call<B.CheckReport>('backup.check');
/** What a backup holds, checked; nothing changes. */
export const backupInspect = (path: string) => call<B.BackupSummary>('backup.inspect', { path });
export const backupInspectNamed = (name: string) => call<B.BackupSummary>('backup.inspect_named', { name });
/** Replaces all data with the backup (a safety copy is kept); reload the app afterwards. */
export const backupRestore = (path: string) => call<B.RestoreReport>('backup.restore', { path });
export const backupRestoreNamed = (name: string) => call<B.RestoreReport>('backup.restore_named', { name });
/** The shell calls these: at start (integrity check + daily backup) and at exit. */
export const backupOnStart = () => call<B.StartReport>('backup.on_start');
export const backupOnExit = () => call<B.AutoBackupResult>('backup.on_exit');
/** 导出诊断信息: logs, the database check and versions in a zip (no personal data). */
export const DIAGNOSTICS_FILES: FileFilter[] = [{ name: '压缩文件', extensions: ['zip'] }];
export const backupDiagnostics = (path: string) => call<B.DiagnosticsFile>('backup.diagnostics', { path });

// ---- report: statistics table (附件2), publicity log, township aggregation, export -------
export const reportPeriod = (spec: B.PeriodSpec) => call<B.Period>('report.period', spec);
export const reportView = (from: string, to: string) => call<B.ReportView>('report.view', { from, to });
/** The hazards or events behind one cell; action undefined = the 合计 row. */
export const reportCell = (from: string, to: string, column: B.Column, action?: string, limit = 500) =>
  call<B.CellDetail>('report.cell', { from, to, action, column, limit });
export const reportSaveXlsx = (from: string, to: string, out: string, report_date?: string) =>
  call<B.SavedFile>('report.save_xlsx', { from, to, out, report_date });
export const reportSavePdf = (from: string, to: string, out: string, report_date?: string) =>
  call<B.SavedFile>('report.save_pdf', { from, to, out, report_date });
export const publicityList = (q: B.PublicityQuery) => call<B.PublicityEvent[]>('publicity.list', q);
export const publicityAdd = (p: B.PublicityInput) => call<B.PublicityEvent>('publicity.add', p);
export const publicityUpdate = (id: string, input: B.PublicityInput) =>
  call<B.PublicityEvent>('publicity.update', { id, input });
export const publicityDelete = (id: string) => call<null>('publicity.delete', { id });
export const publicityImport = (path: string) => call<B.PublicityImport>('publicity.import', { path });
/** Sums villages' tables; with `out` also saves the township's table (.xlsx). */
export const aggregateRun = (a: B.AggregateArgs) => call<B.Aggregate>('aggregate.run', a);
export const exportTables = () => call<B.ExportTable[]>('export.tables');
export const exportAll = (out: string) => call<B.ExportSummary>('export.all', { out });
export const exportCsv = (table: string, encoding: B.CsvEncoding, out: string) =>
  call<B.ExportSummary>('export.csv', { table, encoding, out });
export const CSV: FileFilter[] = [{ name: 'CSV 文件', extensions: ['csv'] }];
/** The villages' statistics tables a township receives. */
export const STAT_TABLES: FileFilter[] = [{ name: '统计表', extensions: ['xlsx', 'xls', 'ods', 'et'] }];

// ---- print: the official forms as PDF files ---------------------------------------------
/** Blank or pre-filled checklists; reports `progress` while laying out long batches. */
export const printChecklists = (job: B.ChecklistJob, out: string) =>
  call<B.PrintResult>('print.checklists', { job, out });
/** 明白卡 or 消防安全告知书, 1, 2 or 4 to a page. */
export const printCards = (job: B.CardJob, out: string) => call<B.PrintResult>('print.cards', { job, out });
/** The filled checklist of a recorded inspection (archive copy). */
export const printInspection = (id: string, out: string) => call<B.PrintResult>('print.inspection', { id, out });
/** The 隐患整改通知书 of one hazard. */
export const printRectification = (hazard_id: string, out: string) =>
  call<B.PrintResult>('print.rectification', { hazard_id, out });
