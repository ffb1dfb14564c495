// Generated from the Rust types by qiaomen-api (src/bindings.rs). Do not edit:
// run `UPDATE_BINDINGS=1 cargo test -p qiaomen-api bindings` after changing them.

export type Error = { code: ErrorCode, message: string, };

export type ErrorCode = "invalid" | "not_found" | "conflict" | "db_too_new" | "db_invalid" | "io" | "bad_file" | "forbidden" | "internal";

export type Progress = { done: number, total: number, 
/**
 * What is being done, in Chinese.
 */
label: string, };

export type UnitSettings = { 
/**
 * 报送单位（村/社区/部门）
 */
unit_name: string, 
/**
 * 上级乡镇
 */
township: string, 
/**
 * 联系人
 */
contact: string, 
/**
 * 联系电话
 */
phone: string, 
/**
 * 录入人（文书）
 */
clerk: string, 
/**
 * Statistics period by default.
 */
period_mode: PeriodMode, 
/**
 * Default number of days to fix a hazard (限期整改).
 */
deadline_days: number, 
/**
 * Checklist template for households without their own.
 */
default_template: string, 
/**
 * How many automatic backups to keep.
 */
backup_keep: number, };

export type PeriodMode = "month" | "cycle23";

export type Grid = { id: string, 
/**
 * Small number that starts the codes of the grid's households.
 */
no: number, name: string, leader: string, leader_phone: string, note: string, 
/**
 * Households registered in the grid.
 */
households: number, };

export type GridInput = { 
/**
 * Left empty, the next free number is taken.
 */
no?: number, name: string, leader: string, leader_phone: string, note: string, };

export type Household = { id: string, code: string, grid_id: string | null, 
/**
 * Grid name ('' when none).
 */
grid: string, name: string, address: string, village_group: string, floors: number | null, residents: number | null, vulnerable: number | null, area: number | null, nature: string, structure: string, floors_used: string, contact: string, phone: string, id_number: string, template_id: string, note: string, created_at: string, updated_at: string, };

export type HouseholdInput = { name: string, address: string, grid_id?: string, village_group: string, floors?: number, residents?: number, vulnerable?: number, area?: number, nature: string, structure: string, floors_used: string, contact: string, phone: string, id_number: string, template_id: string, note: string, };

export type HouseholdQuery = { 
/**
 * Name, pinyin initials (zs), address, phone or code.
 */
search?: string, grid_id?: string, 
/**
 * Only households without a grid.
 */
no_grid: boolean, limit?: number, offset?: number, };

export type HouseholdPage = { items: Array<Household>, 
/**
 * How many households match the query in all.
 */
total: number, };

export type Template = { id: string, version: number, name: string, source: string, title: string, header_fields: Array<HeaderField>, items: Array<TemplateItem>, other_hazards_label: string, assigned_label: string, signature_label: string, inspectors_label: string, date_label: string, footer_notes: Array<string>, };

export type TemplateInfo = { id: string, version: number, name: string, };

export type HeaderField = { 
/**
 * Household field this header cell shows (name, address, floors, residents, ...).
 */
key: string, label: string, 
/**
 * Printed choices (建筑结构).
 */
options?: Array<string>, 
/**
 * How the value is printed, with {field} placeholders.
 */
format?: string, };

export type TemplateItem = { no: number, text: string, 
/**
 * "yes_no" for the sixteen items of the official sheet.
 */
answer: string, 
/**
 * The answer that is a hazard; None for items that are not hazards (item 1).
 */
hazard_when: Answer | null, 
/**
 * Statistics row (行动名称) a hazard from this item counts under.
 */
category?: string, 
/**
 * Whether a hazard from this item is major by default.
 */
major: boolean, 
/**
 * A "yes" marks the household as having vulnerable people (item 1).
 */
marks_vulnerable: boolean, };

export type Answer = "yes" | "no";

export type AppInfo = { version: string, db_path: string, schema_version: number, 
/**
 * False until the unit settings are saved the first time.
 */
initialized: boolean, settings: UnitSettings, households: number, grids: number, };

export type IdArgs = { id: string, };

export type UpdateHouseholdArgs = { id: string, input: HouseholdInput, };

export type UpdateGridArgs = { id: string, input: GridInput, };

export type TemplateArgs = { id: string, version?: number, };

export type BackupKind = "daily" | "exit" | "manual" | "before_restore" | "damaged";

export type BackupFile = { 
/**
 * Full path of the file.
 */
path: string, 
/**
 * File name only.
 */
name: string, kind: BackupKind, 
/**
 * Local time the backup was made, `YYYY-MM-DDTHH:MM:SS`.
 */
created_at: string, 
/**
 * The same as the clerk reads it: 2024年12月23日 18:05.
 */
created_cn: string, 
/**
 * Size in bytes.
 */
size: number, };

export type AutoBackupResult = { 
/**
 * The backup made, if one was needed.
 */
made: BackupFile | null, 
/**
 * Why no backup was made (Chinese), when none was.
 */
skipped: string | null, 
/**
 * Names of old automatic backups removed by the rotation.
 */
removed: Array<string>, };

export type BackupStatus = { 
/**
 * Folder of the automatic backups.
 */
dir: string, 
/**
 * How many automatic backups are kept (setting `backup_keep`).
 */
keep: number, 
/**
 * The newest file in the backup folder (any kind but damaged).
 */
last: BackupFile | null, 
/**
 * The last backup the clerk saved to a file of their choice.
 */
last_manual: BackupFile | null, 
/**
 * Whether the data changed since `last` (true when there is no backup at all).
 */
changed_since_last: boolean, 
/**
 * Every file in the backup folder, newest first.
 */
backups: Array<BackupFile>, };

export type BackupSummary = { path: string, size: number, schema_version: number, 
/**
 * 报送单位 recorded in the backup ('' when not set).
 */
unit_name: string, households: number, inspections: number, hazards: number, 
/**
 * When the data in it was last changed (local time, as the clerk reads it), if known.
 */
last_change_cn: string | null, };

export type RestoreReport = { 
/**
 * What was restored.
 */
restored: BackupSummary, 
/**
 * The copy of the database as it was before the restore.
 */
safety_copy: BackupFile, 
/**
 * Whether the backup had an older schema and was brought up to date.
 */
upgraded: boolean, };

export type TableCount = { table: string, 
/**
 * Chinese name of the table.
 */
label: string, rows: number, };

export type CheckReport = { 
/**
 * True when every check passed.
 */
ok: boolean, db_path: string, db_size: number, 
/**
 * `PRAGMA integrity_check` said "ok".
 */
integrity_ok: boolean, 
/**
 * What integrity_check and foreign_key_check reported (at most 50 lines), empty when ok.
 */
problems: Array<string>, schema_version: number, 
/**
 * The schema version this program writes.
 */
program_schema_version: number, counts: Array<TableCount>, 
/**
 * What to do, in plain Chinese.
 */
advice: string, };

export type BackupPathArgs = { path: string, };

export type BackupNameArgs = { name: string, };

export type StartReport = { 
/**
 * The database check; when `check.ok` is false the app tells the clerk to restore and
 * no automatic backup is made (it would push good backups out of the rotation).
 */
check: CheckReport, 
/**
 * The daily backup, when the check passed and the backup worked.
 */
backup: AutoBackupResult | null, 
/**
 * Why the daily backup failed (the app still starts).
 */
backup_error: Error | null, 
/**
 * The backup state after all this, for the status line.
 */
status: BackupStatus | null, };

export type ChecklistJob = { selection: ChecklistSelection, 
/**
 * Template id for every form; None: each household's own, else the office default.
 */
template?: string, };

export type ChecklistSelection = { "kind": "blank" } | { "kind": "all" } | { "kind": "grids", grids: Array<string>, } | { "kind": "households", households: Array<string>, };

export type CardJob = { kind: CardKind, 
/**
 * 1, 2 or 4 cards to an A4 page.
 */
per_page: number, 
/**
 * Grids (id, name or number): one page each with the grid leader's name and phone.
 */
grids: Array<string>, 
/**
 * Overrides of the printed contacts ('' or absent: from the settings / grid).
 */
unit?: string, grid_leader?: string, grid_leader_phone?: string, village_phone?: string, };

export type CardKind = "card" | "notice";

export type PrintResult = { 
/**
 * The PDF written.
 */
path: string, pages: number, bytes: number, 
/**
 * Characters no font has (they print as empty boxes), each once.
 */
missing_chars: Array<string>, 
/**
 * What the clerk should be told (Chinese), e.g. the missing characters by name.
 */
warnings: Array<string>, };

export type PrintChecklistsArgs = { job: ChecklistJob, 
/**
 * Where to save the PDF (a path the clerk chose).
 */
out: string, };

export type PrintInspectionArgs = { 
/**
 * The inspection's id.
 */
id: string, out: string, };

export type PrintCardsArgs = { job: CardJob, out: string, };

export type PrintRectificationArgs = { hazard_id: string, out: string, };

