// Generated from the Rust types by qiaomen-api (src/bindings.rs). Do not edit:
// run `UPDATE_BINDINGS=1 cargo test -p qiaomen-api bindings` after changing them.

export type Error = { 
/**
 * What kind of failure this is (front ends branch on it).
 */
code: ErrorCode, 
/**
 * What the clerk reads, in Simplified Chinese.
 */
message: string, };

export type ErrorCode = "invalid" | "not_found" | "conflict" | "db_too_new" | "db_invalid" | "io" | "bad_file" | "forbidden" | "internal";

export type Progress = { done: number, total: number, 
/**
 * What is being done, in Chinese.
 */
label: string, };

export type WrittenFile = { 
/**
 * The file written.
 */
path: string, 
/**
 * Its size in bytes.
 */
bytes: number, 
/**
 * Pages, for a PDF.
 */
pages: number | null, 
/**
 * Data rows, for a spreadsheet or list.
 */
rows: number | null, 
/**
 * Characters no font has (they print as empty boxes), each once; PDFs only.
 */
missing_chars: Array<string>, 
/**
 * What the clerk should be told (Chinese), e.g. the missing characters by name.
 */
warnings: Array<string>, };

export type Desk = { 
/**
 * The day it is computed for (ISO).
 */
today: string, hazards: DeskHazards, 
/**
 * This round's coverage, grids under 100 % first (worst first); None without rounds.
 */
coverage?: Coverage, keyed: DeskKeyed, report: DeskReport, 
/**
 * None when the database has no backup folder (in memory).
 */
backup?: DeskBackup, weekly: DeskWeekly, 
/**
 * Open hazards by 行动名称, in the table's order.
 */
open_by_category: Array<CategoryOpen>, };

export type DeskHazards = { 
/**
 * Open with a deadline before today: the ledger's 已超期 view.
 */
overdue: number, 
/**
 * Open with a deadline from today to `due_by`.
 */
due_soon: number, 
/**
 * today + [`DUE_SOON_DAYS`] (ISO).
 */
due_by: string, 
/**
 * Grids with overdue or due-soon hazards, most overdue first.
 */
by_grid: Array<GridDue>, };

export type GridDue = { 
/**
 * The grid's id; `-` for households without a grid (the ledger's filter value).
 */
grid_id: string, grid: string, overdue: number, due_soon: number, };

export type DeskKeyed = { today: number, 
/**
 * The office's current period (本期).
 */
period: Period, in_period: number, 
/**
 * 双录入核对 of all forms (已核对 / 应核对, 未核对 = waiting + with differences), when the
 * office has it on or some form was keyed twice anyway; else none.
 */
double_entry: VerifySummary | null, };

export type DeskReport = { period: Period, 
/**
 * The day it is due (ISO): the 23rd after the period.
 */
due_on: string, 
/**
 * Days from today to `due_on` (0 = today, negative = late).
 */
days_left: number, 
/**
 * The newest save of this period's table (Excel or PDF), if any.
 */
saved?: ReportSave, 
/**
 * The newest save of this period's written report, if any.
 */
narrative_saved?: ReportSave, };

export type DeskBackup = { 
/**
 * The newest file in the backup folder.
 */
last?: BackupFile, 
/**
 * The last backup saved to a file the clerk chose (a USB stick).
 */
last_usb?: BackupFile, 
/**
 * Whether the data changed since `last`.
 */
changed_since_last: boolean, };

export type DeskWeekly = { season: Period, 
/**
 * The seven 行动名称, the order of `found` and `closed`.
 */
categories: Array<Category>, 
/**
 * The season's weeks up to today.
 */
weeks: Array<WeekCounts>, };

export type WeekCounts = { from: string, to: string, 
/**
 * 12月2日—12月8日
 */
label: string, 
/**
 * 12月2日
 */
short: string, 
/**
 * Hazards found (隐患总数) per category, as the statistics table of the week counts them.
 */
found: Array<number>, 
/**
 * Hazards closed (整改) per category.
 */
closed: Array<number>, };

export type CategoryOpen = { category: Category, open: number, overdue: number, major_open: number, };

export type SavedFormat = "xlsx" | "pdf" | "docx";

export type ReportSave = { format: SavedFormat, 
/**
 * The period's first and last day (ISO).
 */
from: string, to: string, 
/**
 * The file written.
 */
path: string, 
/**
 * Local time of the save, `YYYY-MM-DDTHH:MM:SS`.
 */
saved_at: string, 
/**
 * The same as the clerk reads it: 2024年12月23日 18:05.
 */
saved_cn: string, };

export type DeskArgs = { 
/**
 * The day to compute for (today when absent).
 */
today?: string, };

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
backup_keep: number, 
/**
 * First day of this winter's action (ISO), e.g. the notice's date; empty = 11月1日.
 * Read for the winter it falls in only (`stats::season::season_of`).
 */
season_start: string, 
/**
 * Last day of this winter's action (ISO), e.g. 2025-03-31; empty = 3月31日.
 */
season_end: string, };

export type PeriodMode = "month" | "cycle23";

export type Grid = { 
/**
 * Row id in `grids` (UUID v7); stable across edits, referenced by `households.grid_id`.
 */
id: string, 
/**
 * Small number that starts the codes of the grid's households.
 */
no: number, 
/**
 * The office's name for the grid (e.g. 一组, 东街网格); unique, at most 50 characters.
 */
name: string, 
/**
 * The grid leader (网格长); empty when not recorded.
 */
leader: string, 
/**
 * The grid leader's phone, normalised (11-digit mobile or landline); empty when not recorded.
 */
leader_phone: string, 
/**
 * Free note; empty when none.
 */
note: string, 
/**
 * Households registered in the grid.
 */
households: number, };

export type GridInput = { 
/**
 * Left empty, the next free number is taken.
 */
no?: number, 
/**
 * The grid's name; white space folded, required, at most 50 characters, unique.
 */
name: string, 
/**
 * The grid leader (网格长); may be empty.
 */
leader: string, 
/**
 * The leader's phone as typed (full-width digits, spaces, `+86` accepted); may be empty.
 */
leader_phone: string, 
/**
 * Free note; may be empty.
 */
note: string, };

export type Household = { id: string, code: string, grid_id: string | null, 
/**
 * Grid name ('' when none).
 */
grid: string, name: string, address: string, village_group: string, floors: number | null, residents: number | null, vulnerable: number | null, area: number | null, nature: string, structure: string, floors_used: string, contact: string, phone: string, id_number: string, template_id: string, note: string, created_at: string, updated_at: string, 
/**
 * What its latest inspection recorded about the place (属性项 answered 是: 多合一场所,
 * 弱势群体 ...).
 */
attributes: Array<string>, };

export type HouseholdInput = { name: string, address: string, grid_id?: string, village_group: string, floors?: number, residents?: number, vulnerable?: number, area?: number, nature: string, structure: string, floors_used: string, contact: string, phone: string, id_number: string, template_id: string, note: string, };

export type HouseholdQuery = { 
/**
 * Name, pinyin initials (zs), address, phone or code.
 */
search?: string, grid_id?: string, 
/**
 * Only households without a grid.
 */
no_grid: boolean, 
/**
 * Only households whose latest inspection answered 是 to this 属性项 (多合一场所 ...).
 */
attribute?: string, limit?: number, offset?: number, };

export type HouseholdPage = { items: Array<Household>, 
/**
 * How many households match the query in all.
 */
total: number, };

export type Template = { 
/**
 * Short ASCII id, printed in the form's code (xq2024).
 */
id: string, 
/**
 * 1, 2, ... A recorded inspection keeps the version it was keyed against.
 */
version: number, 
/**
 * 表名: how the office calls it (unique among the office's templates).
 */
name: string, 
/**
 * The notice it comes from (下政发〔2024〕52号 附件1).
 */
source: string, 
/**
 * 标题 printed at the top of the form.
 */
title: string, 
/**
 * The header cells (检查地点(对象)名称, 地址 ...).
 */
header_fields: Array<HeaderField>, 
/**
 * The numbered items.
 */
items: Array<TemplateItem>, 
/**
 * Label of the 其它隐患情况 box.
 */
other_hazards_label: string, 
/**
 * Label of the 现场交办整改事项 box.
 */
assigned_label: string, 
/**
 * The signature line.
 */
signature_label: string, 
/**
 * Label of the inspectors' line (入户检查人员).
 */
inspectors_label: string, 
/**
 * Label of the date line (填表日期).
 */
date_label: string, 
/**
 * The numbered notes printed under the form.
 */
footer_notes: Array<string>, };

export type TemplateInfo = { 
/**
 * The template's id (`xq2024`, `zymz2024`, or an imported one's); the same across versions.
 */
id: string, 
/**
 * The latest version.
 */
version: number, 
/**
 * The name the office knows it by, shown in pickers (安全隐患排查清单（民政版，四种建筑结构）);
 * not the title printed on the form.
 */
name: string, 
/**
 * Items of the latest version.
 */
items: number, 
/**
 * Shipped with the product (the office can still export, change and re-import it).
 */
builtin: boolean, 
/**
 * Retired: kept for the forms keyed under it, not offered for new ones.
 */
retired: boolean, 
/**
 * Inspections keyed under any version of it.
 */
inspections: number, 
/**
 * Where it comes from (文号).
 */
source: string, };

export type ImportAction = "added" | "new_version" | "updated" | "unchanged";

export type TemplateImport = { 
/**
 * Whether the template was added, got a new version, was changed in place or was unchanged.
 */
action: ImportAction, 
/**
 * The template as it is now (its latest version).
 */
template: TemplateInfo, 
/**
 * What happened, in words for the clerk.
 */
message: string, };

export type TemplateRules = { 
/**
 * Checked first: a place of this nature uses this template.
 */
by_nature: Array<NatureRule>, 
/**
 * Then: a household of this grid uses this template.
 */
by_grid: Array<GridRule>, };

export type NatureRule = { 
/**
 * 场所性质 as the register holds it (居民住宅, 九小场所, 工地 ...).
 */
nature: string, 
/**
 * The template places of this nature use; must exist and not be retired when saved.
 */
template_id: string, };

export type GridRule = { 
/**
 * Row id in `grids` of the grid; must exist when saved.
 */
grid_id: string, 
/**
 * The template the grid's households use; must exist and not be retired when saved.
 */
template_id: string, };

export type TemplateArgs = { id: string, version?: number, };

export type TemplateOutArgs = { id: string, version?: number, out: string, };

export type TemplateFileArgs = { path: string, };

export type RetireArgs = { id: string, retired: boolean, };

export type BlanksQuery = { 
/**
 * One grid ("-" for households without a grid).
 */
grid_id?: string, 
/**
 * Visits on or after (as typed).
 */
from?: string, 
/**
 * Visits on or before (as typed).
 */
to?: string, 
/**
 * Only each household's latest visit (default true: an older form answered again
 * since does not need going back to).
 */
latest_only: boolean, };

export type BlankRow = { 
/**
 * Row id in `inspections` of the form.
 */
inspection_id: string, 
/**
 * Row id in `households` of the household visited.
 */
household_id: string, 
/**
 * The household's short code (03017).
 */
household_code: string, 
/**
 * 检查地点(对象)名称 of the household.
 */
household_name: string, 
/**
 * The household's address; empty when not recorded.
 */
address: string, 
/**
 * Grid name ('' when none).
 */
grid: string, 
/**
 * 填表日期 of the form, ISO `YYYY-MM-DD`.
 */
visit_date: string, 
/**
 * 入户检查人员 as entered; empty when not recorded.
 */
inspectors: string, 
/**
 * The numbers of the items left blank.
 */
blank_items: Array<number>, 
/**
 * How many items the form has.
 */
items: number, };

export type BlankGrid = { 
/**
 * Grid name, or （未分网格） for households without a grid.
 */
grid: string, 
/**
 * Forms of the grid with at least one blank item.
 */
forms: number, 
/**
 * Blank items summed over those forms.
 */
blanks: number, };

export type Blanks = { 
/**
 * One entry per form with blank items, by grid number, household code, then visit date.
 */
rows: Array<BlankRow>, 
/**
 * Totals per grid, in the order of `rows`.
 */
by_grid: Array<BlankGrid>, };

export type AttributeCount = { 
/**
 * 多合一场所, 弱势群体 ... (the template's 属性项).
 */
label: string, 
/**
 * Households whose latest answer is 是.
 */
yes: number, 
/**
 * Households whose latest answer is 否.
 */
no: number, };

export type HeaderField = { 
/**
 * Household field this header cell shows (see [`FIELDS`]); empty: left blank to be
 * written by hand.
 */
key: string, 
/**
 * What the form prints.
 */
label: string, 
/**
 * Printed choices (建筑结构).
 */
options?: Array<string>, 
/**
 * How the value is printed, with {field} placeholders.
 */
format?: string, };

export type TemplateItem = { 
/**
 * 序号 as printed.
 */
no: number, 
/**
 * 检查内容 as printed.
 */
text: string, 
/**
 * "yes_no" for the items of the official sheets.
 */
answer: string, 
/**
 * The answer that is a hazard (隐患答案); None for items that are never hazards.
 */
hazard_when: Answer | null, 
/**
 * Statistics row (行动名称) a hazard from this item counts under.
 */
category?: Category, 
/**
 * Whether a hazard from this item is major by default (重大隐患).
 */
major: boolean, 
/**
 * Days to fix a hazard from this item (整改期限); None: the office's default.
 */
deadline_days?: number, 
/**
 * How a hazard from this item reads in the ledger and on the notice (隐患说法); empty:
 * the item's text and the answer.
 */
hazard_phrase: string, 
/**
 * 属性项: the answer describes the place (弱势群体, 多合一场所): it is recorded on the
 * household under this label and listed, never a hazard.
 */
attribute?: string, 
/**
 * A 是 marks the household as having vulnerable people (its header count).
 */
marks_vulnerable: boolean, };

export type Answer = "yes" | "no";

export type AppInfo = { version: string, db_path: string, schema_version: number, 
/**
 * False until the unit settings are saved the first time.
 */
initialized: boolean, settings: UnitSettings, households: number, grids: number, 
/**
 * 乡镇模式: a township's database (the app shows the township's screens).
 */
township: boolean, };

export type IdArgs = { id: string, };

export type TextArgs = { text: string, };

export type UpdateHouseholdArgs = { id: string, input: HouseholdInput, };

export type UpdateGridArgs = { id: string, input: GridInput, };

export type PeopleGroups = { 
/**
 * The groups the notices name (and 其他), always offered.
 */
builtin: Array<string>, 
/**
 * The office's own groups, in the order the office gave them.
 */
added: Array<string>, };

export type PeopleGroupsArgs = { added: Array<string>, };

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
 * The kind as the clerk reads it (每日自动备份 …).
 */
kind_label: string, 
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
 * Whether the data changed since the newer of `last` and `last_manual` (true when
 * there is no backup at all).
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

export type DiagnosticsFile = { 
/**
 * The names of the files inside, in order.
 */
entries: Array<string>, 
/**
 * The file written.
 */
path: string, 
/**
 * Its size in bytes.
 */
bytes: number, 
/**
 * Pages, for a PDF.
 */
pages: number | null, 
/**
 * Data rows, for a spreadsheet or list.
 */
rows: number | null, 
/**
 * Characters no font has (they print as empty boxes), each once; PDFs only.
 */
missing_chars: Array<string>, 
/**
 * What the clerk should be told (Chinese), e.g. the missing characters by name.
 */
warnings: Array<string>, };

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

export type AnswerEntry = { item_no: number, answer: Answer, };

export type ExtraHazardInput = { 
/**
 * The hazard this line edits (when editing an inspection); None for a new one. Without
 * an id, an existing other hazard with the same description is matched.
 */
id?: string, description: string, 
/**
 * The 行动名称 it counts under.
 */
category: Category, major: boolean, 
/**
 * Fixed during the visit.
 */
fixed_on_site: boolean, };

export type InspectionInput = { household_id: string, 
/**
 * Default: the household's template, else the office default (latest version); when
 * editing, the inspection's own.
 */
template_id?: string, template_version?: number, 
/**
 * 填表日期, as typed (2024-12-03, 2024年12月3日, 20241203 ...).
 */
visit_date: string, 
/**
 * 入户检查人员 (names separated by 、 , ， ; space).
 */
inspectors: string, 
/**
 * Unanswered items are left out.
 */
answers: Array<AnswerEntry>, 
/**
 * Item numbers whose hazard was fixed on the spot.
 */
fixed_on_site: Array<number>, extra_hazards: Array<ExtraHazardInput>, 
/**
 * 其它隐患情况 as written on paper; empty = the extra hazards' descriptions.
 */
other_hazards: string, 
/**
 * 现场交办整改事项
 */
assigned: string, 
/**
 * 被检查对象负责人签字
 */
signed: boolean, note: string, };

export type Inspection = { id: string, household: Household, template_id: string, template_version: number, template_name: string, visit_date: string, inspectors: string, 
/**
 * In item order; unanswered items are absent.
 */
answers: Array<AnswerEntry>, other_hazards: string, assigned: string, signed: boolean, 
/**
 * How it was entered.
 */
source: InspectionSource, note: string, created_at: string, updated_at: string, 
/**
 * Item hazards in item order, then other hazards.
 */
hazards: Array<Hazard>, };

export type Warning = { 
/**
 * visit_date, inspectors, answers, item_<n>, extra_hazards, household ...
 */
field: string, message: string, };

export type SavedInspection = { inspection: Inspection, warnings: Array<Warning>, hazards_added: number, hazards_removed: number, 
/**
 * Hazards no longer answered but kept because they are followed up (revisits, measures,
 * an escalation) or closed.
 */
hazards_kept: number, 
/**
 * Chosen for double entry (双录入核对) when it was saved.
 */
double_entry: boolean, };

export type InspectionSummary = { id: string, household_id: string, household_code: string, household_name: string, grid: string, visit_date: string, inspectors: string, template_id: string, template_version: number, signed: boolean, source: InspectionSource, hazards: number, open_hazards: number, created_at: string, 
/**
 * Double entry (双录入核对): pending and differences are 未核对.
 */
verify: VerifyState, };

export type InspectionQuery = { household_id?: string, grid_id?: string, from?: string, to?: string, 
/**
 * Household name, initials, code, address; or an inspector's name.
 */
search?: string, 
/**
 * Only the forms still to be verified (未核对: waiting for their second entry, or with
 * differences not settled).
 */
unverified?: boolean, limit?: number, offset?: number, };

export type InspectionPage = { items: Array<InspectionSummary>, total: number, };

export type EntryDefaults = { 
/**
 * The visit date last keyed today, else today (ISO).
 */
visit_date: string, 
/**
 * The inspectors last keyed.
 */
inspectors: string, today: string, deadline_days: number, default_template: string, };

export type HazardStatus = "open" | "fixed_on_site" | "closed";

export type Hazard = { id: string, inspection_id: string, household_id: string, household_code: string, household_name: string, household_address: string, grid_id: string | null, 
/**
 * Grid name ('' when none).
 */
grid: string, 
/**
 * Where it came from: a checklist answer or the 其它隐患情况.
 */
source: HazardSource, item_no: number | null, description: string, 
/**
 * The 行动名称 it counts under.
 */
category: Category, 
/**
 * 重大隐患
 */
major: boolean, status: HazardStatus, 
/**
 * The visit date of the inspection that found it.
 */
found_on: string, 
/**
 * 限期整改 (open hazards; kept after closing, none when fixed on the spot).
 */
deadline: string | null, 
/**
 * Closing date (closed) or the visit date (fixed on the spot).
 */
closed_on: string | null, 
/**
 * What the household must do (整改要求).
 */
rectification: string, note: string, 
/**
 * Open and past its deadline as of the query's date (today by default).
 */
overdue: boolean, 
/**
 * Number of revisits (回访).
 */
revisits: number, created_at: string, updated_at: string, 
/**
 * 上报: to whom and when, when it was escalated.
 */
escalation: Escalation | null, 
/**
 * Number of 防控措施 recorded.
 */
measure_count: number, 
/**
 * The newest 防控措施 (what is in place now), if any.
 */
latest_measure: Measure | null, };

export type Revisit = { id: string, hazard_id: string, visit_date: string, 
/**
 * Who went (回访人).
 */
visitor: string, 
/**
 * What was found (回访结果).
 */
result: string, note: string, created_at: string, };

export type RevisitInput = { 
/**
 * As the clerk typed it (2024-12-23, 2024年12月23日 ...).
 */
visit_date: string, visitor: string, result: string, note: string, };

export type HazardDetail = { hazard: Hazard, household: Household, revisits: Array<Revisit>, 
/**
 * 防控措施, oldest first (the escalation is on `hazard`).
 */
measures: Array<Measure>, 
/**
 * The visit that found it: date, inspectors (入户检查人员), rectification assigned on
 * the spot (现场交办整改事项).
 */
visit_date: string, inspectors: string, assigned: string, };

export type HazardEdit = { major: boolean, category: Category, 
/**
 * Empty: the default (found_on + the office's deadline days) for an open hazard.
 */
deadline?: string, rectification: string, note: string, 
/**
 * Only for other hazards (其它隐患情况); an item hazard keeps the item's wording.
 */
description?: string, };

export type HazardView = "all" | "open" | "overdue" | "fixed_on_site" | "closed" | "resolved";

export type HazardQuery = { view: HazardView, 
/**
 * The date "overdue" is judged against (default today).
 */
as_of?: string, grid_id?: string, category?: Category, major_only: boolean, 
/**
 * Only hazards escalated (已上报).
 */
escalated: boolean, 
/**
 * Only hazards with 防控措施 recorded (有防控措施).
 */
with_measures: boolean, household_id?: string, inspection_id?: string, 
/**
 * Found on or after.
 */
from?: string, 
/**
 * Found on or before.
 */
to?: string, 
/**
 * Household name, initials, code, address, or words of the description.
 */
search?: string, limit?: number, offset?: number, };

export type HazardPage = { items: Array<Hazard>, total: number, };

export type HazardCount = { 
/**
 * Grid id or category ('' for households without a grid).
 */
key: string, label: string, total: number, open: number, overdue: number, fixed_on_site: number, closed: number, major: number, major_open: number, };

export type HazardSummary = { as_of: string, by_grid: Array<HazardCount>, 
/**
 * Always the seven categories, in the official order.
 */
by_category: Array<HazardCount>, all: HazardCount, };

export type HouseholdHistory = { 
/**
 * The household itself, as the register holds it now.
 */
household: Household, 
/**
 * Newest first.
 */
inspections: Array<InspectionSummary>, 
/**
 * Newest first.
 */
hazards: Array<Hazard>, 
/**
 * Every revisit of the household's hazards, oldest first.
 */
revisits: Array<Revisit>, };

export type HazardSource = "item" | "other";

export type InspectionSource = "keyed" | "sheet";

export type Category = "防煤气中毒事故" | "防燃气爆炸事故" | "防小火亡人事故" | "防有限空间中毒事故" | "防建筑施工事故" | "防冰雪道路交通事故" | "防森林火灾";

export type Round = { 
/**
 * Row id in `rounds` (UUID v7); stable across edits.
 */
id: string, 
/**
 * The office's name for it (第一轮, 12月上半月); unique, at most 50 characters.
 */
name: string, 
/**
 * First day, ISO `YYYY-MM-DD`, inclusive.
 */
start_date: string, 
/**
 * Last day, ISO `YYYY-MM-DD`, inclusive; never before `start_date`.
 */
end_date: string, 
/**
 * Free note; empty when none.
 */
note: string, 
/**
 * When the row was created (UTC, `2024-12-01T08:00:00.000Z`).
 */
created_at: string, 
/**
 * When the row was last changed (UTC, same format as `created_at`).
 */
updated_at: string, };

export type RoundInput = { 
/**
 * The round's name; white space trimmed and folded, required, at most 50 characters,
 * unique among rounds.
 */
name: string, 
/**
 * As typed (2024-12-01, 2024年12月1日 ...).
 */
start_date: string, 
/**
 * Last day as typed, in any form `parse_date` accepts; must not be before the start.
 */
end_date: string, 
/**
 * Free note; trimmed; empty when omitted.
 */
note: string, };

export type GridCoverage = { 
/**
 * None for households without a grid.
 */
grid_id: string | null, 
/**
 * The grid's number (`grids.no`, the first digits of its household codes); None without a grid.
 */
grid_no: number | null, 
/**
 * The grid's name, or （未分网格） for households without a grid.
 */
grid: string, 
/**
 * The grid leader (网格长); empty when not recorded or without a grid.
 */
leader: string, 
/**
 * The grid leader's phone; empty when not recorded or without a grid.
 */
leader_phone: string, 
/**
 * Households in the grid (0 for a grid drawn but not yet filled).
 */
households: number, 
/**
 * Households with at least one inspection dated inside the round.
 */
visited: number, 
/**
 * `households - visited`: the households still to knock on.
 */
not_visited: number, };

export type Coverage = { 
/**
 * The round counted.
 */
round: Round, 
/**
 * One entry per grid, by grid number, grids without households included; the households
 * without a grid come last as （未分网格）.
 */
grids: Array<GridCoverage>, 
/**
 * All households, summed over `grids`.
 */
households: number, 
/**
 * Households visited inside the round, summed over `grids`.
 */
visited: number, 
/**
 * Households not visited inside the round, summed over `grids`.
 */
not_visited: number, };

export type MissingHousehold = { 
/**
 * Row id in `households`.
 */
household_id: string, 
/**
 * The household's short code printed on its forms (two-digit grid number + sequence, 03017).
 */
code: string, 
/**
 * 检查地点(对象)名称: the head of household or the place's name.
 */
name: string, 
/**
 * 地址; empty when not recorded.
 */
address: string, 
/**
 * The grid's name; empty for a household without a grid.
 */
grid: string, 
/**
 * The grid leader (网格长); empty when none.
 */
leader: string, 
/**
 * The household's contact person (联系人); empty when none.
 */
contact: string, 
/**
 * The household's phone (联系电话); empty when none.
 */
phone: string, 
/**
 * The last visit before the round, if any.
 */
last_visit: string | null, };

export type Person = { 
/**
 * Row id in `people` (UUID v7); stable across edits.
 */
id: string, 
/**
 * Row id in `households` of the household the person lives in.
 */
household_id: string, 
/**
 * The household's short code printed on its forms (03017).
 */
household_code: string, 
/**
 * The household's 检查地点(对象)名称 (usually the head of household).
 */
household_name: string, 
/**
 * The household's address; empty when not recorded.
 */
address: string, 
/**
 * The household's grid name; empty when the household has no grid.
 */
grid: string, 
/**
 * The person's name (white space between Chinese characters removed).
 */
name: string, 
/**
 * The groups the person is in (独居老人, 残疾人, ...), at least one, in the office's group order.
 */
categories: Array<string>, 
/**
 * 男, 女, or empty when unknown.
 */
gender: string, 
/**
 * Date of birth, ISO `YYYY-MM-DD`; None when neither typed nor readable from the ID number.
 */
birth_date: string | null, 
/**
 * Whole years as of today.
 */
age: number | null, 
/**
 * 身份证号, normalised (half-width, upper-case X) and checked; empty when not recorded.
 */
id_number: string, 
/**
 * The person's own phone, normalised and checked; empty when none.
 */
phone: string, 
/**
 * 监护人 / 联系人
 */
guardian: string, 
/**
 * The guardian's or contact's phone, normalised and checked; empty when none.
 */
guardian_phone: string, 
/**
 * Free note; empty when none.
 */
note: string, 
/**
 * When the row was created (UTC, `2024-12-01T08:00:00.000Z`).
 */
created_at: string, 
/**
 * When the row was last changed (UTC, same format as `created_at`).
 */
updated_at: string, };

export type PersonInput = { 
/**
 * Row id in `households` of the household the person lives in; must exist.
 */
household_id: string, 
/**
 * Required, at most 50 characters.
 */
name: string, 
/**
 * One or more of the office's groups ([`Groups`]).
 */
categories: Array<string>, 
/**
 * 男 / 女 / empty (taken from the ID number when empty).
 */
gender: string, 
/**
 * As typed; taken from the ID number when empty.
 */
birth_date?: string, 
/**
 * 身份证号 as typed (full-width digits, lower-case x accepted); must pass the GB 11643 check
 * when given; empty when unknown. Fills in gender and birth date when those are empty.
 */
id_number: string, 
/**
 * The person's own phone as typed (11-digit mobile or landline with area code); may be empty.
 */
phone: string, 
/**
 * 监护人 / 联系人: who to call about the person; may be empty.
 */
guardian: string, 
/**
 * The guardian's phone as typed; may be empty.
 */
guardian_phone: string, 
/**
 * Free note; may be empty.
 */
note: string, };

export type PeopleQuery = { 
/**
 * Only people in this group (a name or wording [`Groups::check`] accepts).
 */
category?: string, 
/**
 * Only people of this household (row id).
 */
household_id?: string, 
/**
 * Only people whose household is in this grid (row id).
 */
grid_id?: string, 
/**
 * Name, household name, code, address or phone.
 */
search?: string, };

export type CategoryCount = { 
/**
 * The group's name, in the office's order ([`Groups`]).
 */
category: string, 
/**
 * People in the group; a person in several groups counts in each.
 */
count: number, };

export type EntrySheetOptions = { 
/**
 * Template id (default: the office's default template).
 */
template_id?: string, 
/**
 * Only this grid's households.
 */
grid_id?: string, };

export type EntrySheetExport = { households: number, template_id: string, template_version: number, template_name: string, 
/**
 * Households of the grid left out because they use another template.
 */
other_template: number, 
/**
 * The file written.
 */
path: string, 
/**
 * Its size in bytes.
 */
bytes: number, 
/**
 * Pages, for a PDF.
 */
pages: number | null, 
/**
 * Data rows, for a spreadsheet or list.
 */
rows: number | null, 
/**
 * Characters no font has (they print as empty boxes), each once; PDFs only.
 */
missing_chars: Array<string>, 
/**
 * What the clerk should be told (Chinese), e.g. the missing characters by name.
 */
warnings: Array<string>, };

export type RowIssue = { 
/**
 * The row number as Excel shows it.
 */
row: number, reason: string, };

export type RowWarning = { row: number, field: string, message: string, };

export type ImportReport = { 
/**
 * Inspections imported.
 */
imported: number, 
/**
 * Hazards created.
 */
hazards: number, rejected: Array<RowIssue>, warnings: Array<RowWarning>, 
/**
 * Rows that hold no inspection (no date and no answers).
 */
blank_rows: number, template_id: string, template_version: number, sheet: string, };

export type EntryForm = { household: Household, 
/**
 * The template the visit is recorded against (the household's, else the office's).
 */
template: Template, defaults: EntryDefaults, 
/**
 * The household's latest visit, if any.
 */
last_inspection: InspectionSummary | null, };

export type HouseholdIdArgs = { household_id: string, };

export type UpdateInspectionArgs = { id: string, input: InspectionInput, };

export type CloseHazardArgs = { id: string, 
/**
 * The closing date as typed.
 */
date: string, note: string, };

export type RevisitArgs = { 
/**
 * The hazard's id.
 */
id: string, input: RevisitInput, };

export type UpdateHazardArgs = { id: string, edit: HazardEdit, };

export type AsOfArgs = { as_of?: string, };

export type UpdateRoundArgs = { id: string, input: RoundInput, };

export type RoundGridArgs = { 
/**
 * The round's id.
 */
id: string, 
/**
 * One grid only; "-" for households without a grid.
 */
grid_id?: string, };

export type ExportNotVisitedArgs = { id: string, grid_id?: string, 
/**
 * Where to save the .xlsx (a path the clerk chose).
 */
out: string, };

export type UpdatePersonArgs = { id: string, input: PersonInput, };

export type ExportPeopleArgs = { 
/**
 * One group only (e.g. 独居老人); all groups with people otherwise.
 */
category?: string, out: string, };

export type ExportEntrySheetArgs = { options: EntrySheetOptions, out: string, };

export type ImportInspectionsArgs = { 
/**
 * The spreadsheet the clerk chose.
 */
path: string, };

export type Measure = { 
/**
 * Row id in `hazard_measures` (UUID v7).
 */
id: string, 
/**
 * Row id in `hazards` of the hazard the measure is for.
 */
hazard_id: string, 
/**
 * The date it was put in place (ISO).
 */
taken_on: string, 
/**
 * What was done (设置警示标志、每日巡查、关闭气源……).
 */
description: string, 
/**
 * When the row was entered (UTC, `2024-12-01T08:00:00.000Z`); orders measures of the same day.
 */
created_at: string, };

export type MeasureInput = { 
/**
 * As typed (2024-12-23, 2024年12月23日 ...).
 */
taken_on: string, 
/**
 * What was done; required, white space folded, at most 500 characters.
 */
description: string, };

export type Escalation = { 
/**
 * 上报对象 (镇党委、镇政府, 镇应急办 ...).
 */
escalated_to: string, 
/**
 * 上报日期 (ISO).
 */
escalated_on: string, 
/**
 * 上报说明: free note (what was asked for); empty when none.
 */
note: string, 
/**
 * When the escalation was first recorded (UTC, `2024-12-01T08:00:00.000Z`).
 */
created_at: string, 
/**
 * When it was last corrected (UTC, same format as `created_at`).
 */
updated_at: string, };

export type EscalationInput = { 
/**
 * 上报对象 as typed; required, white space folded, at most 60 characters.
 */
escalated_to: string, 
/**
 * As typed.
 */
escalated_on: string, 
/**
 * 上报说明; may be empty, at most 500 characters.
 */
note: string, 
/**
 * A 防控措施 in place by then, recorded with the escalation's date in the same
 * transaction (the CLI's `--measures`); empty or absent: none.
 */
measures?: string, };

export type EscalatedHazard = { 
/**
 * Its 防控措施, oldest first; empty when none were recorded.
 */
measures: Array<Measure>, id: string, inspection_id: string, household_id: string, household_code: string, household_name: string, household_address: string, grid_id: string | null, 
/**
 * Grid name ('' when none).
 */
grid: string, 
/**
 * Where it came from: a checklist answer or the 其它隐患情况.
 */
source: HazardSource, item_no: number | null, description: string, 
/**
 * The 行动名称 it counts under.
 */
category: Category, 
/**
 * 重大隐患
 */
major: boolean, status: HazardStatus, 
/**
 * The visit date of the inspection that found it.
 */
found_on: string, 
/**
 * 限期整改 (open hazards; kept after closing, none when fixed on the spot).
 */
deadline: string | null, 
/**
 * Closing date (closed) or the visit date (fixed on the spot).
 */
closed_on: string | null, 
/**
 * What the household must do (整改要求).
 */
rectification: string, note: string, 
/**
 * Open and past its deadline as of the query's date (today by default).
 */
overdue: boolean, 
/**
 * Number of revisits (回访).
 */
revisits: number, created_at: string, updated_at: string, 
/**
 * 上报: to whom and when, when it was escalated.
 */
escalation: Escalation | null, 
/**
 * Number of 防控措施 recorded.
 */
measure_count: number, 
/**
 * The newest 防控措施 (what is in place now), if any.
 */
latest_measure: Measure | null, };

export type AddMeasureArgs = { 
/**
 * The hazard's id.
 */
id: string, input: MeasureInput, };

export type EscalateArgs = { 
/**
 * The hazard's id.
 */
id: string, input: EscalationInput, };

export type SaveEscalatedArgs = { 
/**
 * Which hazards (the ledger's filters; only escalated ones are listed).
 */
query: HazardQuery, 
/**
 * Where to save (a path the clerk chose).
 */
out: string, };

export type FormCode = { household_code: string, template_id: string, template_version: number, };

export type SecondEntryInput = { 
/**
 * Unanswered items are left out.
 */
answers: Array<AnswerEntry>, 
/**
 * The other hazards written on the paper (category and major flag as keyed).
 */
extra_hazards: Array<ExtraHazardInput>, 
/**
 * Who keyed it (录入人), as typed; may be empty.
 */
keyed_by: string, };

export type Mismatch = { 
/**
 * The item number; 0 for the 其它隐患情况.
 */
item: number, 
/**
 * The item's text as printed.
 */
text: string, 
/**
 * What the first entry says: 是 / 否 / - (the other hazards as text).
 */
first: string, 
/**
 * What the second entry says.
 */
second: string, };

export type VerifyState = "none" | "pending" | "differences" | "verified";

export type Resolution = { item: number, first: string, second: string, chosen: string, resolved_by: string, resolved_at: string, };

export type Verification = { inspection_id: string, state: VerifyState, 
/**
 * No difference left after a second entry.
 */
verified: boolean, 
/**
 * Chosen for double entry when the first entry was saved.
 */
required: boolean, 
/**
 * all, sample or '' (keyed by choice).
 */
chosen_by: string, keyed_by: string, keyed_at: string | null, 
/**
 * How many second entries were keyed.
 */
keying: number, 
/**
 * Differences found at the latest second entry (settled or not).
 */
differences: number, verified_at: string | null, 
/**
 * The differences not settled yet, in item order (the other hazards last).
 */
mismatches: Array<Mismatch>, 
/**
 * The differences settled after the latest second entry.
 */
resolutions: Array<Resolution>, };

export type Choice = "yes" | "no" | "blank" | "first" | "second";

export type Resolved = { verification: Verification, 
/**
 * Whether the inspection changed (the answer chosen was not the first entry's).
 */
changed: boolean, hazards_added: number, hazards_removed: number, };

export type DoubleEntryMode = "off" | "all" | "sample";

export type DoubleEntrySettings = { mode: DoubleEntryMode, 
/**
 * The share for `sample`, in per cent (1–100).
 */
percent: number, };

export type VerifyPeriod = { from?: string, to?: string, };

export type VerifySummary = { 
/**
 * Forms chosen for double entry or keyed twice anyway (应核对).
 */
due: number, 
/**
 * Of those, verified (已核对).
 */
verified: number, 
/**
 * Chosen, no second entry yet.
 */
waiting: number, 
/**
 * Second entry keyed, differences not all settled.
 */
with_differences: number, };

export type InspectorAgreement = { inspector: string, 
/**
 * Their forms keyed twice.
 */
forms: number, 
/**
 * Of those, forms whose two entries differed somewhere.
 */
disagreed: number, 
/**
 * Items that differed, over all those forms.
 */
items: number, 
/**
 * disagreed / forms, in per cent (one decimal).
 */
percent: number, };

export type ScanArgs = { 
/**
 * What the scanner typed (QM1:01002:xq2024:1).
 */
text: string, };

export type SecondEntryArgs = { 
/**
 * The inspection's id.
 */
id: string, input: SecondEntryInput, };

export type ResolveArgs = { 
/**
 * The inspection's id.
 */
id: string, 
/**
 * The item number; 0 for the 其它隐患情况.
 */
item: number, choice: Choice, 
/**
 * Who settled it (录入人), as typed.
 */
resolved_by: string, };

export type PeriodKind = "month" | "cycle" | "day" | "range" | "season";

export type Period = { kind: PeriodKind, from: string, to: string, 
/**
 * e.g. "2024年12月（2024年11月23日至2024年12月22日）".
 */
label: string, };

export type PeriodSpec = { "kind": "month", month: string, } | { "kind": "cycle", month: string, } | { "kind": "day", date: string, } | { "kind": "range", from: string, to: string, } | { "kind": "current", date: string, offset: number, } | { "kind": "due", date: string, } | { "kind": "season", date: string, };

export type StatsRow = { 
/**
 * The row's exact 行动名称 (合计 for the total).
 */
action: string, 
/**
 * 宣传情况 次数
 */
sessions: number, 
/**
 * 宣传情况 人数
 */
people: number, 
/**
 * 隐患总数（条）
 */
hazards: number, 
/**
 * 整改（条）
 */
rectified: number, 
/**
 * 其中：重大隐患（条）
 */
major: number, 
/**
 * 重大隐患 整改（条）
 */
major_rectified: number, };

export type StatsTable = { 
/**
 * 报送单位
 */
unit: string, 
/**
 * 联系人
 */
contact: string, 
/**
 * First day of the period (ISO).
 */
from: string, 
/**
 * Last day of the period (ISO), inclusive.
 */
to: string, 
/**
 * The seven rows in the official order.
 */
rows: Array<StatsRow>, 
/**
 * 合计
 */
total: StatsRow, };

export type Column = "sessions" | "people" | "hazards" | "rectified" | "major" | "major_rectified";

export type Uncounted = { hazards: number, events: number, };

export type HazardLine = { id: string, household_id: string, household_code: string, household_name: string, address: string, category: Category, major: boolean, description: string, status: HazardStatus, found_on: string, closed_on?: string, deadline?: string, rectification: string, };

export type CellDetail = { 
/**
 * The row (行动名称), or 合计.
 */
action: string, column: Column, 
/**
 * How the number is made, in words.
 */
explain: string, 
/**
 * The number in the table.
 */
value: number, 
/**
 * Hazards behind a hazard column (empty for publicity columns).
 */
hazards: Array<HazardLine>, 
/**
 * Events behind a publicity column (empty for hazard columns).
 */
events: Array<PublicityEvent>, 
/**
 * True when `hazards` holds only the first of `value` hazards.
 */
truncated: boolean, };

export type PublicityEvent = { 
/**
 * Row id in `publicity` (UUID v7); stable across edits.
 */
id: string, 
/**
 * ISO date of the event.
 */
date: string, 
/**
 * The 行动名称 it counts under.
 */
category: Category, 
/**
 * One of [`KINDS`].
 */
kind: string, 
/**
 * 次数
 */
sessions: number, 
/**
 * 人数
 */
people: number, 
/**
 * Free note (where, what was shown); white space folded; empty when none; at most 500 characters.
 */
note: string, 
/**
 * When the row was created (UTC, `2024-12-01T08:00:00.000Z`).
 */
created_at: string, 
/**
 * When the row was last changed (UTC, same format as `created_at`).
 */
updated_at: string, };

export type PublicityInput = { 
/**
 * The event's date as typed; required.
 */
date: string, 
/**
 * The 行动名称 (statistics row) the event counts under.
 */
category: Category, 
/**
 * The kind as typed: one of [`KINDS`] or a wording [`kind_from_text`] recognises (喇叭 → 广播).
 */
kind: string, 
/**
 * 次数: sessions held; not negative, at most 100 000; 0 allowed when `people` is not 0.
 */
sessions: number, 
/**
 * 人数: people reached; not negative, at most 10 000 000; 0 allowed when `sessions` is not 0.
 */
people: number, 
/**
 * Free note; at most 500 characters.
 */
note: string, };

export type PublicityQuery = { 
/**
 * First day (inclusive), as typed.
 */
from?: string, 
/**
 * Last day (inclusive), as typed.
 */
to?: string, 
/**
 * Only events counted under this 行动名称.
 */
category?: Category, };

export type ImportProblem = { 
/**
 * Row number as the spreadsheet shows it (1-based).
 */
row: number, 
/**
 * Why the row was not imported, in Chinese for the clerk (names the column and the value).
 */
message: string, };

export type PublicityImport = { 
/**
 * Events added.
 */
added: number, 
/**
 * Rows skipped because they repeat an event already stored (same date, category,
 * kind, sessions, people and note) — importing the same file twice adds nothing.
 */
duplicates: number, 
/**
 * Rows that could not be read; nothing else was held back because of them.
 */
problems: Array<ImportProblem>, };

export type BadCell = { 
/**
 * Its address as Excel shows it (C7).
 */
address: string, 
/**
 * What it holds, as text.
 */
text: string, 
/**
 * The row's 行动名称.
 */
action: string, 
/**
 * The column's header.
 */
column: string, };

export type Source = { 
/**
 * The file's name.
 */
file: string, 
/**
 * The full path as given.
 */
path: string, 
/**
 * The worksheet the table was found on.
 */
sheet: string, 
/**
 * 报送单位 (the file name when the table names none).
 */
unit: string, 
/**
 * 联系人 as written beside its label; empty when the table names none.
 */
contact: string, 
/**
 * 报送时间 as ISO when it could be read, else as written ('' when absent).
 */
report_date: string, 
/**
 * The period the table states (ISO), '' when it states none.
 */
from: string, 
/**
 * Last day of the stated period (ISO), '' when it states none.
 */
to: string, 
/**
 * The period in words, or 未注明.
 */
period: string, 
/**
 * The source's own numbers (its 合计 recomputed from its rows).
 */
total: StatsRow, 
/**
 * Cells that could not be read (counted as 0).
 */
unreadable: Array<BadCell>, 
/**
 * Other remarks (a missing row, a 合计 that does not add up...).
 */
notes: Array<string>, };

export type Aggregate = { 
/**
 * The township's 报送单位, as given by the caller (the office's unit name).
 */
unit: string, 
/**
 * The township's 联系人, as given by the caller.
 */
contact: string, 
/**
 * First day of the township's period (ISO): the one asked for, else the period all the
 * sources state; '' when not every source states the same one.
 */
from: string, 
/**
 * Last day of the township's period (ISO); '' as for `from`.
 */
to: string, 
/**
 * The seven 行动名称 rows in the official order, each the sum of the sources' same row.
 */
rows: Array<StatsRow>, 
/**
 * The 合计 row, recomputed from `rows`.
 */
total: StatsRow, 
/**
 * Every file read, in the order given.
 */
sources: Array<Source>, 
/**
 * Periods that differ, a unit that appears twice, unreadable cells.
 */
warnings: Array<string>, };

export type CsvEncoding = "utf8_bom" | "gbk";

export type ExportSummary = { 
/**
 * (sheet name, rows) for each table written.
 */
tables: Array<ExportedTable>, 
/**
 * The file written.
 */
path: string, 
/**
 * Its size in bytes.
 */
bytes: number, 
/**
 * Pages, for a PDF.
 */
pages: number | null, 
/**
 * Data rows, for a spreadsheet or list.
 */
rows: number | null, 
/**
 * Characters no font has (they print as empty boxes), each once; PDFs only.
 */
missing_chars: Array<string>, 
/**
 * What the clerk should be told (Chinese), e.g. the missing characters by name.
 */
warnings: Array<string>, };

export type ExportedTable = { 
/**
 * The table's key in [`TABLES`] (households, people, ...), as the CLI's `--table` takes it.
 */
key: string, 
/**
 * The sheet name in Chinese (住户和场所, 隐患台账, ...).
 */
name: string, 
/**
 * Data rows written, the header not counted.
 */
rows: number, };

export type ReportArgs = { from: string, to: string, };

export type ReportView = { table: StatsTable, 
/**
 * The period in words.
 */
label: string, 
/**
 * 联系电话 (printed after the contact).
 */
phone: string, 
/**
 * Records of the period whose category is none of the seven rows (normally 0).
 */
uncounted: Uncounted, };

export type ReportCellArgs = { from: string, to: string, 
/**
 * The row's 行动名称; absent or 合计 for the total row.
 */
action?: string, column: Column, 
/**
 * List at most this many hazards (the screen asks for the first few hundred).
 */
limit?: number, };

export type ReportSaveArgs = { from: string, to: string, 
/**
 * Where to save (a path the clerk chose).
 */
out: string, 
/**
 * 报送时间 (today when absent).
 */
report_date?: string, };

export type PublicityUpdateArgs = { id: string, input: PublicityInput, };

export type PublicityIdArgs = { id: string, };

export type PublicityImportArgs = { 
/**
 * The spreadsheet (a path the clerk chose).
 */
path: string, };

export type AggregateArgs = { 
/**
 * The villages' table files (.xlsx/.xls/.ods).
 */
paths: Array<string>, 
/**
 * The township's name (default: the 上级乡镇 setting, else the unit's name).
 */
unit?: string, 
/**
 * The township's period; default: the sources' common period when they state one.
 */
from?: string, to?: string, 
/**
 * Also save the township's table here (.xlsx).
 */
out?: string, };

export type ExportAllArgs = { out: string, };

export type ExportCsvArgs = { 
/**
 * One of [`ExportTable`]'s keys (households, people, inspections, hazards ...).
 */
table: string, encoding: CsvEncoding, out: string, };

export type ExportTable = { key: string, name: string, };

export type NarrativeArgs = { period: PeriodSpec, 
/**
 * Where to save the .docx (a path the clerk chose).
 */
out: string, 
/**
 * 报送时间, and the day open and overdue hazards are counted on (today when absent).
 */
report_date?: string, };

export type SheetFormat = "xlsx" | "xls" | "ods" | "csv";

export type RosterField = "name" | "address" | "village_group" | "grid" | "grid_leader" | "grid_leader_phone" | "contact" | "phone" | "id_number" | "residents" | "vulnerable" | "vulnerable_kind" | "lives_alone" | "floors" | "floors_used" | "area" | "nature" | "structure" | "note" | "serial";

export type RosterFieldInfo = { 
/**
 * The field described.
 */
field: RosterField, 
/**
 * The field's Chinese name, as in [`Field::label`].
 */
label: string, 
/**
 * What the field becomes in the register, in Chinese.
 */
help: string, 
/**
 * True only for [`Field::Name`]: a mapping without it cannot import.
 */
required: boolean, };

export type RosterImportOptions = { 
/**
 * Sheet name; the best-looking visible sheet when absent.
 */
sheet?: string, 
/**
 * Excel row number of the (last) header row; detected when absent.
 */
header_row?: number, 
/**
 * The clerk's mapping: replaces the detected field of each listed column.
 */
columns?: Array<RosterColumnChoice>, };

export type RosterColumnChoice = { 
/**
 * The column, 1-based as Excel numbers it (1 = A).
 */
col: number, 
/**
 * The field the column's values go to; None leaves the column out of the import.
 */
field: RosterField | null, };

export type RosterSheetInfo = { 
/**
 * The sheet's name as the workbook shows it on its tab.
 */
name: string, 
/**
 * Hidden in the workbook; hidden sheets are passed over when the sheet is chosen
 * automatically (unless the workbook has no other).
 */
hidden: boolean, 
/**
 * Fields recognised in its header (0 = does not look like a roster); None = not read.
 */
score: number | null, };

export type RosterColumn = { 
/**
 * The column, 1-based as Excel numbers it (1 = A).
 */
col: number, 
/**
 * Column letter as in Excel (A, B, … AA).
 */
letter: string, 
/**
 * Header text (two-level headers as "居住人员 / 总数").
 */
header: string, 
/**
 * The field the column is imported into (the clerk's choice, else the detected one); None:
 * not imported.
 */
field: RosterField | null, 
/**
 * What was detected automatically (to show what the clerk changed).
 */
detected: RosterField | null, };

export type RosterRowNote = { 
/**
 * Excel row number.
 */
row: number, 
/**
 * Why, in Chinese for the clerk (e.g. 合计行, 空行, 没有姓名).
 */
reason: string, 
/**
 * How many rows the note stands for: 1, or the length of a run of blank rows (so the
 * rows of `skipped` add up to `skipped_rows`, as the wizard's list and summary say).
 */
rows: number, };

export type RosterFieldNote = { 
/**
 * Excel row number (1-based, as the clerk sees it).
 */
row: number, 
/**
 * The field concerned.
 */
field: RosterField, 
/**
 * What happened to the value, in Chinese for the clerk.
 */
message: string, };

export type RosterImportReport = { 
/**
 * True for the dry run ([`ImportPlan`]): nothing was written.
 */
dry_run: boolean, 
/**
 * The file's name (without its folder), as the clerk knows it.
 */
file: string, 
/**
 * The sheet imported.
 */
sheet: string, 
/**
 * Households added or updated.
 */
imported: number, 
/**
 * Households that were new and were added.
 */
added: number, 
/**
 * Registered households (matched by a valid ID, else by name and address) that the roster
 * changed.
 */
updated: number, 
/**
 * Rows identical to an earlier row or to a registered household: imported once.
 */
duplicates: Array<RosterRowNote>, 
/**
 * Rows that are not households: blank, only a 序号, 合计, signature lines, repeated headers.
 * A run of blank rows is one note, at its first row.
 */
skipped: Array<RosterRowNote>, 
/**
 * How many rows were skipped (each row of a run of blank rows counted).
 */
skipped_rows: number, 
/**
 * Rows that look like households but cannot be imported, with the reason.
 */
rejected: Array<RosterRowNote>, 
/**
 * Imported, but something needs the clerk's attention (an ID not stored, a bad phone…).
 */
warnings: Array<RosterFieldNote>, 
/**
 * Values tidied on the way in (13800138000.0 -> 13800138000, 张 三 -> 张三, fill-down).
 */
normalised: Array<RosterFieldNote>, 
/**
 * Registered households updated, with the fields that changed.
 */
updates: Array<RosterRowNote>, 
/**
 * Grids created for 网格/村民小组 names not yet known.
 */
grids_created: Array<string>, 
/**
 * Rows added to the named list of vulnerable people.
 */
people_added: number, 
/**
 * Data rows looked at (below the header).
 */
rows_read: number, };

export type RosterRowStatus = "above" | "header" | "add" | "update" | "duplicate" | "skipped" | "rejected" | "unchecked";

export type RosterPreviewRow = { 
/**
 * Excel row number (1-based).
 */
row: number, 
/**
 * What the import does (or would do) with the row.
 */
status: RosterRowStatus, 
/**
 * Cell texts from column A to the last used column.
 */
cells: Array<string>, 
/**
 * Why skipped/rejected/duplicate, or what the warnings are.
 */
note: string, };

export type RosterImportPlan = { 
/**
 * The file's name (without its folder).
 */
file: string, 
/**
 * The file's type as detected from its content (xlsx, xls, ods, csv).
 */
format: SheetFormat, 
/**
 * Every sheet of the workbook, in tab order, with its score where it was read.
 */
sheets: Array<RosterSheetInfo>, 
/**
 * The sheet the plan is for (the one asked for, else the best-looking one).
 */
sheet: string, 
/**
 * Header rows (Excel numbers); 0 when no header was found.
 */
header_first_row: number, 
/**
 * Last header row (Excel number); data starts below it; 0 when no header was found.
 */
header_row: number, 
/**
 * Every column with a header text, with its detected and chosen field.
 */
columns: Array<RosterColumn>, 
/**
 * The rows above and in the header and up to 30 data rows ([`crate::import::PREVIEW_ROWS`]),
 * each with its status.
 */
preview: Array<RosterPreviewRow>, 
/**
 * Why nothing can be imported yet (no header found, no name column), in Chinese.
 */
problem: string | null, 
/**
 * The full report of what importing would do (`dry_run` = true).
 */
report: RosterImportReport, 
/**
 * Every field a column can be mapped to, for the mapping editor.
 */
fields: Array<RosterFieldInfo>, };

export type RosterPlanArgs = { 
/**
 * The file the clerk chose.
 */
path: string, options: RosterImportOptions, };

export type RosterImportArgs = { path: string, options: RosterImportOptions, 
/**
 * Report what would happen without writing.
 */
dry_run: boolean, };

export type TownshipKey = { 
/**
 * age1…
 */
key: string, 
/**
 * The township the file names ('' when typed).
 */
township: string, };

export type PackageCounts = { households: number, people: number, inspections: number, hazards: number, revisits: number, measures: number, escalations: number, publicity: number, rounds: number, grids: number, templates: number, };

export type PackageExport = { village: string, village_id: string, sequence: number, exported_at: string, 
/**
 * `key` (to the township's public key) or `passphrase`.
 */
encryption: string, 
/**
 * The township whose key it was encrypted to ('' for a passphrase or an unnamed key).
 */
township: string, counts: PackageCounts, 
/**
 * The file written.
 */
path: string, 
/**
 * Its size in bytes.
 */
bytes: number, 
/**
 * Pages, for a PDF.
 */
pages: number | null, 
/**
 * Data rows, for a spreadsheet or list.
 */
rows: number | null, 
/**
 * Characters no font has (they print as empty boxes), each once; PDFs only.
 */
missing_chars: Array<string>, 
/**
 * What the clerk should be told (Chinese), e.g. the missing characters by name.
 */
warnings: Array<string>, };

export type PackageStatus = { village_id: string, key: TownshipKey | null, 
/**
 * The last package's number (0: none yet) and time.
 */
last_sequence: number, last_exported_at: string, };

export type Changes = { added: number, changed: number, removed: number, };

export type ImportStatus = "imported" | "unchanged" | "refused";

export type PackageResult = { 
/**
 * The file's name.
 */
file: string, status: ImportStatus, 
/**
 * The village's name ('' when the package could not be read).
 */
village: string, village_id: string, sequence: number, 
/**
 * The number imported before this one (None for a village seen the first time).
 */
previous_sequence: number | null, exported_at: string, households: Changes, inspections: Changes, hazards: Changes, 
/**
 * Why it was refused (Chinese), or what happened in words.
 */
message: string, 
/**
 * The error's code when refused.
 */
code: ErrorCode | null, 
/**
 * What the clerk should check (two villages with one name, a renamed village).
 */
warnings: Array<string>, };

export type VillageRow = { 
/**
 * The township's number for the village (drill-down, `--village`).
 */
vid: number, 
/**
 * The village's identity (UUID).
 */
id: string, name: string, contact: string, phone: string, households: number, 
/**
 * The current round as of the as-of date (None: the village has no round yet).
 */
round: string | null, round_from: string | null, round_to: string | null, 
/**
 * Households visited in that round.
 */
visited: number, 
/**
 * visited / households in percent, one decimal (None without a round or households).
 */
visited_pct: number | null, hazards_open: number, hazards_overdue: number, major_open: number, escalated: number, 
/**
 * The newest package imported.
 */
sequence: number, exported_at: string, imported_at: string, 
/**
 * Another village has the same name (and another identity).
 */
same_name: boolean, };

export type VillagesView = { as_of: string, villages: Array<VillageRow>, 
/**
 * Sums over the villages (households, visited, hazards ...; vid 0).
 */
total: VillageRow, };

export type TwHazardQuery = { 
/**
 * The date overdue is judged against (today by default).
 */
as_of?: string, 
/**
 * Only open hazards past their deadline.
 */
overdue: boolean, 
/**
 * Only open hazards.
 */
open: boolean, 
/**
 * Only major hazards.
 */
major: boolean, 
/**
 * Only escalated hazards.
 */
escalated: boolean, 
/**
 * Only this village (vid).
 */
village?: number, 
/**
 * Only this household of that village.
 */
household_id?: string, 
/**
 * Household name, initials, code, address or words of the description.
 */
search?: string, limit?: number, offset?: number, };

export type TwHazard = { vid: number, village: string, id: string, household_id: string, household_code: string, household_name: string, address: string, phone: string, grid: string, description: string, category: string, major: boolean, 
/**
 * open | fixed_on_site | closed
 */
status: string, found_on: string, deadline: string | null, closed_on: string | null, rectification: string, 
/**
 * Days past the deadline as of the as-of date (open and overdue only).
 */
days_overdue: number | null, escalated_to: string | null, escalated_on: string | null, 
/**
 * The newest 防控措施.
 */
latest_measure: string | null, revisits: number, };

export type TwHazardPage = { as_of: string, items: Array<TwHazard>, total: number, };

export type TwHouseholdQuery = { village: number, 
/**
 * Name, pinyin initials, code, address or phone.
 */
search?: string, 
/**
 * Only households not visited in the current round (未入户).
 */
missing: boolean, 
/**
 * Only households with open hazards.
 */
with_open_hazards: boolean, as_of?: string, limit?: number, offset?: number, };

export type TwHousehold = { id: string, code: string, name: string, address: string, grid: string, leader: string, contact: string, phone: string, residents: number | null, vulnerable: number | null, attributes: string, 
/**
 * Visited in the current round (false when the village has no round).
 */
visited: boolean, 
/**
 * The last visit on or before the as-of date.
 */
last_visit: string | null, open_hazards: number, };

export type TwHouseholdPage = { village: string, round: string | null, round_from: string | null, round_to: string | null, items: Array<TwHousehold>, total: number, };

export type TwPerson = { name: string, categories: string, gender: string, birth_date: string | null, phone: string, guardian: string, guardian_phone: string, note: string, };

export type TwAnswer = { no: number, 
/**
 * The item's text (empty when the template is not in the package).
 */
text: string, 
/**
 * 是 / 否
 */
answer: string, 
/**
 * The answer is on the item's hazard side.
 */
hazard: boolean, };

export type TwInspection = { id: string, visit_date: string, inspectors: string, template: string, answers: Array<TwAnswer>, other_hazards: string, assigned: string, signed: boolean, note: string, };

export type TwHouseholdDetail = { vid: number, village: string, household: TwHousehold, village_group: string, nature: string, structure: string, note: string, people: Array<TwPerson>, 
/**
 * Newest first.
 */
inspections: Array<TwInspection>, hazards: Array<TwHazard>, };

export type VillageTable = { vid: number, village: string, rows: Array<StatsRow>, total: StatsRow, };

export type Difference = { 
/**
 * 行动名称 or 合计.
 */
action: string, column: Column, 
/**
 * From the village's records.
 */
records: number, 
/**
 * In the table the village sent.
 */
table: number, };

export type SentComparison = { id: string, file: string, 
/**
 * 报送单位 as the table names it.
 */
unit: string, 
/**
 * The village it was matched to by name (None: no village of that name).
 */
vid: number | null, village: string | null, report_date: string, differences: Array<Difference>, };

export type TownshipReport = { 
/**
 * The period in words.
 */
label: string, villages: Array<VillageTable>, 
/**
 * The villages' own tables of exactly this period.
 */
compared: Array<SentComparison>, 
/**
 * Records of the period whose category is none of the seven rows.
 */
uncounted: Uncounted, 
/**
 * 报送单位
 */
unit: string, 
/**
 * 联系人
 */
contact: string, 
/**
 * First day of the period (ISO).
 */
from: string, 
/**
 * Last day of the period (ISO), inclusive.
 */
to: string, 
/**
 * The seven rows in the official order.
 */
rows: Array<StatsRow>, 
/**
 * 合计
 */
total: StatsRow, };

export type TwCellHazard = { vid: number, village: string, id: string, household_id: string, household_code: string, household_name: string, address: string, category: Category, major: boolean, description: string, status: HazardStatus, found_on: string, closed_on?: string, deadline?: string, rectification: string, };

export type TwCellDetail = { action: string, column: Column, explain: string, value: number, hazards: Array<TwCellHazard>, 
/**
 * Publicity columns: (village, date, category, kind, sessions, people).
 */
events: Array<TwEvent>, truncated: boolean, };

export type TwEvent = { vid: number, village: string, date: string, category: string, kind: string, sessions: number, people: number, note: string, };

export type SentTable = { id: string, file: string, unit: string, vid: number | null, village: string | null, from: string, to: string, 
/**
 * The period in words (未注明 when the table states none).
 */
period: string, report_date: string, total: StatsRow, };

export type KeyTextArgs = { 
/**
 * The key file's text, or the key as typed; empty removes the stored key.
 */
text: string, };

export type PathArgs = { 
/**
 * A file the clerk chose.
 */
path: string, };

export type PackageExportArgs = { 
/**
 * Where to save (a path the clerk chose).
 */
out: string, 
/**
 * Encrypt with this passphrase instead of the township's key.
 */
passphrase?: string, };

export type TownshipStatus = { 
/**
 * 乡镇模式.
 */
township: boolean, unit: string, 
/**
 * Its key pair exists (packages encrypted to its public key can be opened).
 */
has_key: boolean, 
/**
 * age1… ('' without a key).
 */
public_key: string, 
/**
 * Where the private key is kept.
 */
key_path: string, villages: number, };

export type TownshipInitArgs = { unit: string, contact: string, phone: string, };

export type KeyExport = { public_key: string, 
/**
 * The key pair was made now (else the existing one was written again).
 */
made: boolean, 
/**
 * The file written.
 */
path: string, 
/**
 * Its size in bytes.
 */
bytes: number, 
/**
 * Pages, for a PDF.
 */
pages: number | null, 
/**
 * Data rows, for a spreadsheet or list.
 */
rows: number | null, 
/**
 * Characters no font has (they print as empty boxes), each once; PDFs only.
 */
missing_chars: Array<string>, 
/**
 * What the clerk should be told (Chinese), e.g. the missing characters by name.
 */
warnings: Array<string>, };

export type OutArgs = { out: string, };

export type TownshipImportArgs = { 
/**
 * The package files (paths the clerk chose).
 */
paths: Array<string>, 
/**
 * For packages locked with a passphrase.
 */
passphrase?: string, };

export type TwHouseholdArgs = { village: number, id: string, as_of?: string, };

export type TwPeriodArgs = { from: string, to: string, };

export type TwCellArgs = { from: string, to: string, 
/**
 * 行动名称; absent or 合计 for the total row.
 */
action?: string, column: Column, 
/**
 * One village (vid); absent for the whole township.
 */
village?: number, limit?: number, };

export type TwSaveReportArgs = { from: string, to: string, out: string, 
/**
 * 报送时间 (today when absent).
 */
report_date?: string, };

export type TwListArgs = { 
/**
 * The village: its name or its number (vid).
 */
village: string, out: string, as_of?: string, };

export type PathsArgs = { paths: Array<string>, };

export type IdArg = { id: string, };

/** The seven 行动名称 in the order of the statistics table (Rust: `Category::ALL`). */
export const CATEGORIES: Category[] = ['防煤气中毒事故', '防燃气爆炸事故', '防小火亡人事故', '防有限空间中毒事故', '防建筑施工事故', '防冰雪道路交通事故', '防森林火灾'];

/** Their colours in charts and in the written report's picture (Rust: `narrative::COLORS`). */
export const CATEGORY_COLORS: Record<Category, string> = {
  '防煤气中毒事故': '#c23b22',
  '防燃气爆炸事故': '#e08e0b',
  '防小火亡人事故': '#2f6fb3',
  '防有限空间中毒事故': '#6a4c93',
  '防建筑施工事故': '#7a6a4f',
  '防冰雪道路交通事故': '#1b8a8f',
  '防森林火灾': '#3d8b37',
};

/** Their short names (Rust: `Category::short`). */
export const CATEGORY_SHORT: Record<Category, string> = {
  '防煤气中毒事故': '煤气中毒',
  '防燃气爆炸事故': '燃气爆炸',
  '防小火亡人事故': '小火亡人',
  '防有限空间中毒事故': '有限空间',
  '防建筑施工事故': '建筑施工',
  '防冰雪道路交通事故': '冰雪道路',
  '防森林火灾': '森林火灾',
};

/** How a hazard's status reads (Rust: `HazardStatus::label`). */
export const HAZARD_STATUS_LABEL: Record<HazardStatus, string> = {
  open: '未整改',
  fixed_on_site: '现场整改',
  closed: '已销号',
};

/** Every API method with its argument and result types; `call` in api.ts is typed by it. */
export interface Rpc {
  /** The 工作台: hazards overdue and due soon, this round's coverage, checklists keyed, the */
  /** report due, the backups, the weekly figures of the season. */
  "desk.get": { args: DeskArgs; result: Desk };
  /** What the app shows on start: version, database, unit settings, counts. */
  "app.info": { args: null; result: AppInfo };
  /** The unit's settings (单位设置). */
  "settings.get": { args: null; result: UnitSettings };
  /** Saves the unit's settings. */
  "settings.save": { args: UnitSettings; result: UnitSettings };
  /** The groups of vulnerable people offered (the notices' and the office's own). */
  "settings.people_groups": { args: null; result: PeopleGroups };
  /** Saves the office's own groups of vulnerable people (单位设置). */
  "settings.save_people_groups": { args: PeopleGroupsArgs; result: PeopleGroups };
  /** Every grid with its household count. */
  "grids.list": { args: null; result: Array<Grid> };
  /** Adds a grid. */
  "grids.add": { args: GridInput; result: Grid };
  /** Renames a grid or changes its leader. */
  "grids.update": { args: UpdateGridArgs; result: Grid };
  /** Deletes a grid that no household belongs to. */
  "grids.delete": { args: IdArgs; result: null };
  /** One page of the register, searched and filtered. */
  "households.list": { args: HouseholdQuery; result: HouseholdPage };
  /** One household. */
  "households.get": { args: IdArgs; result: Household };
  /** Adds a household (its code is given if left empty). */
  "households.add": { args: HouseholdInput; result: Household };
  /** Changes a household. */
  "households.update": { args: UpdateHouseholdArgs; result: Household };
  /** Deletes a household. */
  "households.delete": { args: IdArgs; result: null };
  /** The 行动名称 a hazard described in words most likely belongs to. */
  "categories.guess": { args: TextArgs; result: Category };
  /** The automatic backups and when the last ones were made. */
  "backup.status": { args: null; result: BackupStatus };
  /** Saves a backup to a file the clerk chose (e.g. on a USB stick). */
  "backup.save": { args: BackupPathArgs; result: BackupFile };
  /** At start: the quick check, then the daily backup if none was made today. The desktop */
  /** shell runs it on its own connection, beside the other calls (`Api::detached`). */
  "backup.on_start": { args: null; result: StartReport };
  /** At exit: a backup into the rotation if anything changed. */
  "backup.on_exit": { args: null; result: AutoBackupResult };
  /** Checks the database (integrity, foreign keys, counts). */
  "backup.check": { args: null; result: CheckReport };
  /** What a backup file holds, checked; nothing changes. */
  "backup.inspect": { args: BackupPathArgs; result: BackupSummary };
  /** Replaces all data with a backup file (a safety copy is kept first). */
  "backup.restore": { args: BackupPathArgs; result: RestoreReport };
  /** What an automatic backup holds, by name. */
  "backup.inspect_named": { args: BackupNameArgs; result: BackupSummary };
  /** Restores an automatic backup, by name. */
  "backup.restore_named": { args: BackupNameArgs; result: RestoreReport };
  /** 导出诊断信息: a zip of the logs, the database check and the versions, without personal data. */
  "backup.diagnostics": { args: BackupPathArgs; result: DiagnosticsFile };
  /** Blank or pre-filled checklists as one PDF, reporting progress. */
  "print.checklists": { args: PrintChecklistsArgs; result: WrittenFile };
  /** The filled checklist of a recorded inspection (archive copy). */
  "print.inspection": { args: PrintInspectionArgs; result: WrittenFile };
  /** 明白卡 or 消防安全告知书, 1, 2 or 4 to a page. */
  "print.cards": { args: PrintCardsArgs; result: WrittenFile };
  /** The 隐患整改通知书 of one hazard. */
  "print.rectification": { args: PrintRectificationArgs; result: WrittenFile };
  /** The remembered visit date and inspectors for the next form. */
  "entry.defaults": { args: null; result: EntryDefaults };
  /** Everything the entry screen needs once the household is picked. */
  "entry.form": { args: HouseholdIdArgs; result: EntryForm };
  /** Writes the spreadsheet entry sheet (one row per household). */
  "entry.export_sheet": { args: ExportEntrySheetArgs; result: EntrySheetExport };
  /** Imports a filled entry sheet (one transaction), reporting progress. */
  "entry.import_sheet": { args: ImportInspectionsArgs; result: ImportReport };
  /** Records a visit and derives its hazards. */
  "inspections.record": { args: InspectionInput; result: SavedInspection };
  /** Changes a recorded visit; its hazards follow. */
  "inspections.update": { args: UpdateInspectionArgs; result: SavedInspection };
  /** Deletes a visit and the hazards that came only from it. */
  "inspections.delete": { args: IdArgs; result: null };
  /** One visit with its answers and hazards. */
  "inspections.get": { args: IdArgs; result: Inspection };
  /** One page of visits, filtered. */
  "inspections.list": { args: InspectionQuery; result: InspectionPage };
  /** 未答项: the forms with items left blank, by grid. */
  "inspections.blanks": { args: BlanksQuery; result: Blanks };
  /** The 属性项 recorded on households (多合一场所 ...), with how many answered 是 and 否. */
  "households.attributes": { args: null; result: Array<AttributeCount> };
  /** One page of the hazard ledger, filtered. */
  "hazards.list": { args: HazardQuery; result: HazardPage };
  /** One hazard with its household, visit and revisits. */
  "hazards.get": { args: IdArgs; result: HazardDetail };
  /** Counts of the ledger (open, overdue, major ...) as of a date. */
  "hazards.summary": { args: AsOfArgs; result: HazardSummary };
  /** Closes (销号) a hazard. */
  "hazards.close": { args: CloseHazardArgs; result: Hazard };
  /** Undoes a closing (撤销销号). */
  "hazards.reopen": { args: IdArgs; result: Hazard };
  /** Records a revisit (回访) of a hazard. */
  "hazards.revisit": { args: RevisitArgs; result: Revisit };
  /** Deletes a revisit. */
  "hazards.delete_revisit": { args: IdArgs; result: null };
  /** Changes a hazard's category, major flag, deadline or wording. */
  "hazards.update": { args: UpdateHazardArgs; result: Hazard };
  /** A household's visits and hazards (一户档案). */
  "households.history": { args: IdArgs; result: HouseholdHistory };
  /** Every round, newest first. */
  "rounds.list": { args: null; result: Array<Round> };
  /** Adds a round. */
  "rounds.add": { args: RoundInput; result: Round };
  /** Changes a round. */
  "rounds.update": { args: UpdateRoundArgs; result: Round };
  /** Deletes a round. */
  "rounds.delete": { args: IdArgs; result: null };
  /** The round running on a date (today when absent). */
  "rounds.current": { args: AsOfArgs; result: Round | null };
  /** A round's coverage per grid. */
  "rounds.coverage": { args: IdArgs; result: Coverage };
  /** The households not yet visited in a round (未入户名单). */
  "rounds.not_visited": { args: RoundGridArgs; result: Array<MissingHousehold> };
  /** Saves the 未入户名单 as .xlsx. */
  "rounds.export_not_visited": { args: ExportNotVisitedArgs; result: WrittenFile };
  /** Saves the 未入户名单 as PDF. */
  "rounds.print_not_visited": { args: ExportNotVisitedArgs; result: WrittenFile };
  /** The vulnerable people, filtered. */
  "people.list": { args: PeopleQuery; result: Array<Person> };
  /** Adds a person to a household's vulnerable-people list. */
  "people.add": { args: PersonInput; result: Person };
  /** Changes a person. */
  "people.update": { args: UpdatePersonArgs; result: Person };
  /** Deletes a person. */
  "people.delete": { args: IdArgs; result: null };
  /** How many people each category holds. */
  "people.categories": { args: null; result: Array<CategoryCount> };
  /** Saves the people lists as .xlsx (one category or all). */
  "people.export": { args: ExportPeopleArgs; result: WrittenFile };
  /** Records a 防控措施 (interim measure) on an open hazard. */
  "hazards.add_measure": { args: AddMeasureArgs; result: Measure };
  /** Deletes a 防控措施 entered by mistake. */
  "hazards.delete_measure": { args: IdArgs; result: null };
  /** Escalates (上报) an open hazard, with a measure if given. */
  "hazards.escalate": { args: EscalateArgs; result: Hazard };
  /** Corrects a hazard's escalation (to whom, date, note). */
  "hazards.update_escalation": { args: EscalateArgs; result: Hazard };
  /** Undoes an escalation recorded by mistake (撤销上报). */
  "hazards.undo_escalation": { args: IdArgs; result: Hazard };
  /** The 上报清单: escalated hazards with their measures. */
  "hazards.escalated": { args: HazardQuery; result: Array<EscalatedHazard> };
  /** Saves the 上报清单 as .xlsx. */
  "hazards.export_escalated": { args: SaveEscalatedArgs; result: WrittenFile };
  /** Saves the 上报清单 as PDF. */
  "hazards.print_escalated": { args: SaveEscalatedArgs; result: WrittenFile };
  /** Resolves a period choice (month, cycle, day, range, the office's current one). */
  "report.period": { args: PeriodSpec; result: Period };
  /** The statistics table (附件2) of a period. */
  "report.table": { args: ReportArgs; result: StatsTable };
  /** The table as the screen shows it, with the period in words. */
  "report.view": { args: ReportArgs; result: ReportView };
  /** The hazards or events behind one cell of the table. */
  "report.cell": { args: ReportCellArgs; result: CellDetail };
  /** Saves the table as .xlsx in the official layout. */
  "report.save_xlsx": { args: ReportSaveArgs; result: WrittenFile };
  /** Saves the table as PDF in the official layout. */
  "report.save_pdf": { args: ReportSaveArgs; result: WrittenFile };
  /** Saves the written report (工作开展情况 / 工作总结) of a period as .docx. */
  "report.narrative": { args: NarrativeArgs; result: WrittenFile };
  /** The publicity log, filtered. */
  "publicity.list": { args: PublicityQuery; result: Array<PublicityEvent> };
  /** Adds a publicity event. */
  "publicity.add": { args: PublicityInput; result: PublicityEvent };
  /** Changes a publicity event. */
  "publicity.update": { args: PublicityUpdateArgs; result: PublicityEvent };
  /** Deletes a publicity event. */
  "publicity.delete": { args: PublicityIdArgs; result: null };
  /** Imports publicity events from a spreadsheet (one transaction). */
  "publicity.import": { args: PublicityImportArgs; result: PublicityImport };
  /** Sums villages' statistics tables into the township's, reporting progress. */
  "aggregate.run": { args: AggregateArgs; result: Aggregate };
  /** The tables that can be exported as CSV. */
  "export.tables": { args: null; result: Array<ExportTable> };
  /** Exports every table into one workbook, reporting progress. */
  "export.all": { args: ExportAllArgs; result: ExportSummary };
  /** Exports one table as CSV in the chosen encoding. */
  "export.csv": { args: ExportCsvArgs; result: ExportSummary };
  /** The fields a roster column can be mapped to, with their Chinese names. */
  "import.fields": { args: null; result: Array<RosterFieldInfo> };
  /** The dry run the wizard shows: sheets, mapping, first rows and the full report. */
  "import.plan": { args: RosterPlanArgs; result: RosterImportPlan };
  /** Imports the roster in one transaction, reporting progress. */
  "import.households": { args: RosterImportArgs; result: RosterImportReport };
  /** The latest version of every checklist template. */
  "templates.list": { args: null; result: Array<TemplateInfo> };
  /** One template (its latest version unless one is asked for). */
  "templates.get": { args: TemplateArgs; result: Template };
  /** Imports a template workbook (a new template or a new version; nothing on a mistake). */
  "templates.import": { args: TemplateFileArgs; result: TemplateImport };
  /** Writes a template as a template workbook. */
  "templates.export": { args: TemplateOutArgs; result: WrittenFile };
  /** The blank form of a template as PDF. */
  "templates.preview": { args: TemplateOutArgs; result: WrittenFile };
  /** Retires a template (kept for the forms keyed under it) or brings it back. */
  "templates.retire": { args: RetireArgs; result: TemplateInfo };
  /** The rules choosing a household's template. */
  "templates.rules": { args: null; result: TemplateRules };
  /** Saves the rules choosing a household's template. */
  "templates.save_rules": { args: TemplateRules; result: TemplateRules };
  /** A scanned form code: the household's entry form under the template version printed. */
  "entry.scan": { args: ScanArgs; result: EntryForm };
  /** 双录入核对 in 单位设置. */
  "verify.settings": { args: null; result: DoubleEntrySettings };
  /** Saves 双录入核对. */
  "verify.save_settings": { args: DoubleEntrySettings; result: DoubleEntrySettings };
  /** A form's double entry: its state and the differences not settled. */
  "verify.get": { args: IdArgs; result: Verification };
  /** Keys a form's second entry (blind) and compares it with the first. */
  "verify.second_entry": { args: SecondEntryArgs; result: Verification };
  /** Settles one difference; the form's hazards follow the answer chosen. */
  "verify.resolve": { args: ResolveArgs; result: Resolved };
  /** 已核对 x / 应核对 y for the visits of a period. */
  "verify.summary": { args: VerifyPeriod; result: VerifySummary };
  /** How often each inspector's forms disagreed between the two entries. */
  "verify.by_inspector": { args: VerifyPeriod; result: Array<InspectorAgreement> };
  /** The village's 数据上报 state: its identity, the township key, the last package. */
  "package.status": { args: null; result: PackageStatus };
  /** Stores the township's public key as typed (or pasted); empty text removes it. */
  "package.set_key": { args: KeyTextArgs; result: TownshipKey | null };
  /** Reads the township's public key file the clerk chose and stores the key. */
  "package.import_key": { args: PathArgs; result: TownshipKey | null };
  /** Writes the village's data package (to the township's key, or with a passphrase). */
  "package.export": { args: PackageExportArgs; result: PackageExport };
  /** Whether this is a township's database, its key, how many villages it holds. */
  "township.status": { args: null; result: TownshipStatus };
  /** Makes this database the township's (乡镇模式). */
  "township.init": { args: TownshipInitArgs; result: UnitSettings };
  /** Makes the key pair on first use and saves the public key file for the villages. */
  "township.key_export": { args: OutArgs; result: KeyExport };
  /** Imports villages' data packages, reporting progress. */
  "township.import": { args: TownshipImportArgs; result: Array<PackageResult> };
  /** The villages table (coverage of the current round, hazards, last package). */
  "township.villages": { args: AsOfArgs; result: VillagesView };
  /** The cross-village hazard ledger, filtered. */
  "township.hazards": { args: TwHazardQuery; result: TwHazardPage };
  /** A village's households (visited this round or not). */
  "township.households": { args: TwHouseholdQuery; result: TwHouseholdPage };
  /** One household's whole record as its village keyed it. */
  "township.household": { args: TwHouseholdArgs; result: TwHouseholdDetail };
  /** The township's 附件2 table from the records, each village's, and the comparisons. */
  "township.report": { args: TwPeriodArgs; result: TownshipReport };
  /** The hazards or events behind one number of the township's table. */
  "township.cell": { args: TwCellArgs; result: TwCellDetail };
  /** Saves the township's table as .xlsx in the official layout. */
  "township.report_xlsx": { args: TwSaveReportArgs; result: WrittenFile };
  /** Saves the township's table as PDF in the official layout. */
  "township.report_pdf": { args: TwSaveReportArgs; result: WrittenFile };
  /** A village's 未入户名单 as PDF. */
  "township.missing_pdf": { args: TwListArgs; result: WrittenFile };
  /** A village's 未入户名单 as .xlsx. */
  "township.missing_xlsx": { args: TwListArgs; result: WrittenFile };
  /** A village's overdue hazards as PDF. */
  "township.overdue_pdf": { args: TwListArgs; result: WrittenFile };
  /** A village's overdue hazards as .xlsx. */
  "township.overdue_xlsx": { args: TwListArgs; result: WrittenFile };
  /** Keeps villages' own statistics tables to compare with their records. */
  "township.tables_add": { args: PathsArgs; result: Array<SentTable> };
  /** The villages' own tables kept. */
  "township.tables": { args: null; result: Array<SentTable> };
  /** Forgets one of the villages' own tables. */
  "township.tables_delete": { args: IdArg; result: null };
}
