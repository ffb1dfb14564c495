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
today: string, 
/**
 * Overdue and due-soon hazards.
 */
hazards: DeskHazards, 
/**
 * This round's coverage, grids under 100 % first (worst first); None without rounds.
 */
coverage?: Coverage, 
/**
 * Checklists recorded today and in the current period.
 */
keyed: DeskKeyed, 
/**
 * The statistics report due (待报送) and whether it was saved.
 */
report: DeskReport, 
/**
 * None when the database has no backup folder (in memory).
 */
backup?: DeskBackup, 
/**
 * Hazards found and closed per week of this winter's action.
 */
weekly: DeskWeekly, 
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
grid_id: string, 
/**
 * The grid's name; （未分网格） for households without a grid.
 */
grid: string, 
/**
 * Open hazards with a deadline before today.
 */
overdue: number, 
/**
 * Open hazards with a deadline from today to [`DeskHazards::due_by`].
 */
due_soon: number, };

export type DeskKeyed = { 
/**
 * Checklists recorded (keyed or imported) today, local time, whatever their visit date.
 */
today: number, 
/**
 * The office's current period (本期).
 */
period: Period, 
/**
 * Checklists recorded during `period` (local days), whatever their visit date.
 */
in_period: number, 
/**
 * 双录入核对 of all forms (已核对 / 应核对, 未核对 = waiting + with differences), when the
 * office has it on or some form was keyed twice anyway; else none.
 */
double_entry: VerifySummary | null, };

export type DeskReport = { 
/**
 * The period whose report is due (the office's `period_mode`).
 */
period: Period, 
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

export type DeskWeekly = { 
/**
 * The winter's action (season settings, else 11月1日 to 3月31日).
 */
season: Period, 
/**
 * The seven 行动名称, the order of `found` and `closed`.
 */
categories: Array<Category>, 
/**
 * The season's weeks up to today.
 */
weeks: Array<WeekCounts>, };

export type WeekCounts = { 
/**
 * First day (ISO).
 */
from: string, 
/**
 * Last day (ISO), inclusive.
 */
to: string, 
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

export type CategoryOpen = { 
/**
 * The 行动名称.
 */
category: Category, 
/**
 * Open hazards (未整改).
 */
open: number, 
/**
 * Of them, past their deadline.
 */
overdue: number, 
/**
 * Open 重大隐患.
 */
major_open: number, };

export type SavedFormat = "xlsx" | "pdf" | "docx";

export type ReportSave = { 
/**
 * Which report and file type was saved (table as Excel or PDF, the written report).
 */
format: SavedFormat, 
/**
 * The period's first and last day (ISO).
 */
from: string, 
/**
 * The period's last day (ISO), inclusive.
 */
to: string, 
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

export type Household = { 
/**
 * Row id in `households` (UUID v7); stable across edits.
 */
id: string, 
/**
 * The short code printed on its forms (grid number + sequence, 03017); never changes.
 */
code: string, 
/**
 * Row id of its grid; None when it has none (one added without a grid gets a 00… code).
 */
grid_id: string | null, 
/**
 * Grid name ('' when none).
 */
grid: string, 
/**
 * 检查地点(对象)名称: the place's name or the head of household; at most 100 characters.
 */
name: string, 
/**
 * 地址; empty when not recorded.
 */
address: string, 
/**
 * 村民小组; empty when not recorded.
 */
village_group: string, 
/**
 * 建筑层数; None when not recorded.
 */
floors: number | null, 
/**
 * 居住人员总数; None when not recorded.
 */
residents: number | null, 
/**
 * Of them 弱势群体 (never more than `residents`); None when not recorded.
 */
vulnerable: number | null, 
/**
 * 场所建筑面积 in m²; None when not recorded.
 */
area: number | null, 
/**
 * 场所性质 (one of [`NATURES`] or the office's own word); empty when not recorded.
 */
nature: string, 
/**
 * 建筑结构 (one of [`STRUCTURES`] or another); empty when not recorded.
 */
structure: string, 
/**
 * 使用层数 (地上/地下/半地下); empty when not recorded.
 */
floors_used: string, 
/**
 * Contact person; empty when none.
 */
contact: string, 
/**
 * Contact phone, normalised and checked; empty when none.
 */
phone: string, 
/**
 * Head of household's 身份证号, normalised and checked; empty when not recorded.
 */
id_number: string, 
/**
 * Its own checklist template id; empty for the office's default.
 */
template_id: string, 
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
updated_at: string, 
/**
 * What its latest inspection recorded about the place (属性项 answered 是: 多合一场所,
 * 弱势群体 ...).
 */
attributes: Array<string>, };

export type HouseholdInput = { 
/**
 * 检查地点(对象)名称 or head of household; required, at most 100 characters.
 */
name: string, 
/**
 * 地址; may be empty.
 */
address: string, 
/**
 * Row id of its grid; None or empty for none. The code is given from it when added.
 */
grid_id?: string, 
/**
 * 村民小组; may be empty.
 */
village_group: string, 
/**
 * 建筑层数, 0–100,000; None when unknown.
 */
floors?: number, 
/**
 * 居住人员总数, 0–100,000; None when unknown.
 */
residents?: number, 
/**
 * Of them 弱势群体, at most `residents`; None when unknown.
 */
vulnerable?: number, 
/**
 * 场所建筑面积 in m², ≥ 0; None when unknown.
 */
area?: number, 
/**
 * 场所性质; may be empty.
 */
nature: string, 
/**
 * 建筑结构; may be empty.
 */
structure: string, 
/**
 * 使用层数; may be empty.
 */
floors_used: string, 
/**
 * Contact person; may be empty.
 */
contact: string, 
/**
 * Contact phone as typed (full-width digits, spaces accepted); may be empty.
 */
phone: string, 
/**
 * 身份证号 as typed; checked (length, check digit) when not empty.
 */
id_number: string, 
/**
 * Its own checklist template id; empty for the office's default; must exist.
 */
template_id: string, 
/**
 * Free note; may be empty.
 */
note: string, };

export type HouseholdQuery = { 
/**
 * Name, pinyin initials (zs), address, phone or code.
 */
search?: string, 
/**
 * Only households of this grid (row id).
 */
grid_id?: string, 
/**
 * Only households without a grid.
 */
no_grid: boolean, 
/**
 * Only households whose latest inspection answered 是 to this 属性项 (多合一场所 ...).
 */
attribute?: string, 
/**
 * Page size; None for every match.
 */
limit?: number, 
/**
 * Rows to skip before the page; None for 0.
 */
offset?: number, };

export type HouseholdPage = { 
/**
 * The households of the page.
 */
items: Array<Household>, 
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
name: string, 
/**
 * Why it was made: daily, at exit, by the clerk, before a restore, or a damaged file set aside.
 */
kind: BackupKind, 
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

export type BackupSummary = { 
/**
 * Full path of the backup file.
 */
path: string, 
/**
 * Size in bytes.
 */
size: number, 
/**
 * The database schema version in it (the number of the last migration applied).
 */
schema_version: number, 
/**
 * 报送单位 recorded in the backup ('' when not set).
 */
unit_name: string, 
/**
 * Households in it.
 */
households: number, 
/**
 * Inspections in it.
 */
inspections: number, 
/**
 * Hazards in it.
 */
hazards: number, 
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

export type TableCount = { 
/**
 * The table's name in the database.
 */
table: string, 
/**
 * Chinese name of the table.
 */
label: string, 
/**
 * Rows in it.
 */
rows: number, };

export type CheckReport = { 
/**
 * True when every check passed.
 */
ok: boolean, 
/**
 * Full path of the database file checked.
 */
db_path: string, 
/**
 * Its size in bytes.
 */
db_size: number, 
/**
 * `PRAGMA integrity_check` said "ok".
 */
integrity_ok: boolean, 
/**
 * What integrity_check and foreign_key_check reported (at most 50 lines), empty when ok.
 */
problems: Array<string>, 
/**
 * The schema version of the database (the number of the last migration applied).
 */
schema_version: number, 
/**
 * The schema version this program writes.
 */
program_schema_version: number, 
/**
 * Row counts of the main tables.
 */
counts: Array<TableCount>, 
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

export type ChecklistJob = { 
/**
 * Which forms to print.
 */
selection: ChecklistSelection, 
/**
 * Template id for every form; None: each household's own, else the office default.
 */
template?: string, };

export type ChecklistSelection = { "kind": "blank" } | { "kind": "all" } | { "kind": "grids", 
/**
 * Grids by row id, name or number.
 */
grids: Array<string>, } | { "kind": "households", 
/**
 * Households by row id or code.
 */
households: Array<string>, };

export type CardJob = { 
/**
 * 明白卡 or 消防安全告知书.
 */
kind: CardKind, 
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
unit?: string, 
/**
 * The grid leader's name to print; None or empty: each grid's leader (blank on the office's page).
 */
grid_leader?: string, 
/**
 * The grid leader's phone to print; None or empty: each grid's leader's phone.
 */
grid_leader_phone?: string, 
/**
 * The village office's phone to print; None or empty for the unit's phone in 单位设置.
 */
village_phone?: string, };

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

export type AnswerEntry = { 
/**
 * The item's number in the template (from 1).
 */
item_no: number, 
/**
 * 是 or 否.
 */
answer: Answer, };

export type ExtraHazardInput = { 
/**
 * The hazard this line edits (when editing an inspection); None for a new one. Without
 * an id, an existing other hazard with the same description is matched.
 */
id?: string, 
/**
 * What the hazard is, as written in 其它隐患情况.
 */
description: string, 
/**
 * The 行动名称 it counts under.
 */
category: Category, 
/**
 * 重大隐患.
 */
major: boolean, 
/**
 * Fixed during the visit.
 */
fixed_on_site: boolean, };

export type InspectionInput = { 
/**
 * Row id in `households` of the household or place visited.
 */
household_id: string, 
/**
 * Default: the household's template, else the office default (latest version); when
 * editing, the inspection's own.
 */
template_id?: string, 
/**
 * The version of `template_id` (None: its latest); not read without `template_id`.
 */
template_version?: number, 
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
fixed_on_site: Array<number>, 
/**
 * 其它隐患情况 as separate hazards, each with its category.
 */
extra_hazards: Array<ExtraHazardInput>, 
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
signed: boolean, 
/**
 * Free note; may be empty.
 */
note: string, };

export type Inspection = { 
/**
 * Row id in `inspections` (UUID v7); stable across edits.
 */
id: string, 
/**
 * The household or place visited, as it is now.
 */
household: Household, 
/**
 * Id of the checklist template it was keyed with.
 */
template_id: string, 
/**
 * Version of that template; the answers' item numbers refer to it.
 */
template_version: number, 
/**
 * The template's title (what the printed form is headed with).
 */
template_name: string, 
/**
 * 填表日期 (ISO).
 */
visit_date: string, 
/**
 * 入户检查人员 as saved; empty when not written.
 */
inspectors: string, 
/**
 * In item order; unanswered items are absent.
 */
answers: Array<AnswerEntry>, 
/**
 * 其它隐患情况 as written on paper; empty when none.
 */
other_hazards: string, 
/**
 * 现场交办整改事项; empty when none.
 */
assigned: string, 
/**
 * 被检查对象负责人签字: the household signed the form.
 */
signed: boolean, 
/**
 * How it was entered.
 */
source: InspectionSource, 
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
updated_at: string, 
/**
 * Item hazards in item order, then other hazards.
 */
hazards: Array<Hazard>, };

export type Warning = { 
/**
 * visit_date, inspectors, answers, `item_<n>`, extra_hazards, household ...
 */
field: string, 
/**
 * What to look at, in Chinese, for the clerk.
 */
message: string, };

export type SavedInspection = { 
/**
 * The inspection as saved.
 */
inspection: Inspection, 
/**
 * What the clerk should look at (empty when nothing).
 */
warnings: Array<Warning>, 
/**
 * Hazards created by this save.
 */
hazards_added: number, 
/**
 * Hazards deleted because their answers changed (only ones never followed up).
 */
hazards_removed: number, 
/**
 * Hazards no longer answered but kept because they are followed up (revisits, measures,
 * an escalation) or closed.
 */
hazards_kept: number, 
/**
 * Chosen for double entry (双录入核对) when it was saved.
 */
double_entry: boolean, };

export type InspectionSummary = { 
/**
 * Row id in `inspections`.
 */
id: string, 
/**
 * Row id of the household visited.
 */
household_id: string, 
/**
 * The household's short code (03017).
 */
household_code: string, 
/**
 * The household's 检查地点(对象)名称.
 */
household_name: string, 
/**
 * The household's grid name; empty when none.
 */
grid: string, 
/**
 * 填表日期 (ISO).
 */
visit_date: string, 
/**
 * 入户检查人员; empty when not written.
 */
inspectors: string, 
/**
 * Id of the template it was keyed with.
 */
template_id: string, 
/**
 * Version of that template.
 */
template_version: number, 
/**
 * The household signed the form.
 */
signed: boolean, 
/**
 * Keyed from paper or imported from an entry sheet.
 */
source: InspectionSource, 
/**
 * Hazards found by this visit.
 */
hazards: number, 
/**
 * Of them, still open.
 */
open_hazards: number, 
/**
 * When the row was created (UTC).
 */
created_at: string, 
/**
 * Double entry (双录入核对): pending and differences are 未核对.
 */
verify: VerifyState, };

export type InspectionQuery = { 
/**
 * Only visits to this household (row id).
 */
household_id?: string, 
/**
 * Only visits to households of this grid (row id).
 */
grid_id?: string, 
/**
 * Visited on or after (as typed; any accepted date form).
 */
from?: string, 
/**
 * Visited on or before (as typed).
 */
to?: string, 
/**
 * Household name, initials, code, address; or an inspector's name.
 */
search?: string, 
/**
 * Only the forms still to be verified (未核对: waiting for their second entry, or with
 * differences not settled).
 */
unverified?: boolean, 
/**
 * Page size; None for every match.
 */
limit?: number, 
/**
 * Rows to skip before the page; None or negative for 0.
 */
offset?: number, };

export type InspectionPage = { 
/**
 * The inspections of the page.
 */
items: Array<InspectionSummary>, 
/**
 * How many inspections match the query in all pages.
 */
total: number, };

export type EntryDefaults = { 
/**
 * The visit date last keyed today, else today (ISO).
 */
visit_date: string, 
/**
 * The inspectors last keyed.
 */
inspectors: string, 
/**
 * Today (ISO).
 */
today: string, 
/**
 * The office's default days to fix a hazard (限期整改).
 */
deadline_days: number, 
/**
 * Id of the office's default checklist template.
 */
default_template: string, };

export type HazardStatus = "open" | "fixed_on_site" | "closed";

export type Hazard = { 
/**
 * Row id in `hazards` (UUID v7); stable across edits.
 */
id: string, 
/**
 * Row id in `inspections` of the visit that found it.
 */
inspection_id: string, 
/**
 * Row id in `households` of the household or place it is at.
 */
household_id: string, 
/**
 * The household's short code printed on its forms (03017).
 */
household_code: string, 
/**
 * The household's 检查地点(对象)名称.
 */
household_name: string, 
/**
 * The household's address; empty when not recorded.
 */
household_address: string, 
/**
 * Row id of the household's grid; None when it has none.
 */
grid_id: string | null, 
/**
 * Grid name ('' when none).
 */
grid: string, 
/**
 * Where it came from: a checklist answer or the 其它隐患情况.
 */
source: HazardSource, 
/**
 * The checklist item number for item hazards; None for other hazards.
 */
item_no: number | null, 
/**
 * What is wrong: the item's wording, or the text written in 其它隐患情况.
 */
description: string, 
/**
 * The 行动名称 it counts under.
 */
category: Category, 
/**
 * 重大隐患
 */
major: boolean, 
/**
 * Open, fixed on the spot, or closed.
 */
status: HazardStatus, 
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
rectification: string, 
/**
 * Free note; empty when none.
 */
note: string, 
/**
 * Open and past its deadline as of the query's date (today by default).
 */
overdue: boolean, 
/**
 * Number of revisits (回访).
 */
revisits: number, 
/**
 * When the row was created (UTC, `2024-12-01T08:00:00.000Z`).
 */
created_at: string, 
/**
 * When the row was last changed (UTC, same format as `created_at`).
 */
updated_at: string, 
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

export type Revisit = { 
/**
 * Row id in `revisits` (UUID v7).
 */
id: string, 
/**
 * Row id of the hazard revisited.
 */
hazard_id: string, 
/**
 * Date of the revisit (ISO).
 */
visit_date: string, 
/**
 * Who went (回访人).
 */
visitor: string, 
/**
 * What was found (回访结果).
 */
result: string, 
/**
 * Free note; empty when none.
 */
note: string, 
/**
 * When the row was entered (UTC, `2024-12-01T08:00:00.000Z`).
 */
created_at: string, };

export type RevisitInput = { 
/**
 * As the clerk typed it (2024-12-23, 2024年12月23日 ...).
 */
visit_date: string, 
/**
 * 回访人; may be empty.
 */
visitor: string, 
/**
 * 回访结果; may be empty.
 */
result: string, 
/**
 * Free note; may be empty.
 */
note: string, };

export type HazardDetail = { 
/**
 * The hazard as in the ledger.
 */
hazard: Hazard, 
/**
 * The household or place it is at.
 */
household: Household, 
/**
 * Its revisits (回访), oldest first.
 */
revisits: Array<Revisit>, 
/**
 * 防控措施, oldest first (the escalation is on `hazard`).
 */
measures: Array<Measure>, 
/**
 * The visit that found it: date, inspectors (入户检查人员), rectification assigned on
 * the spot (现场交办整改事项).
 */
visit_date: string, 
/**
 * 入户检查人员 of that visit; empty when not written.
 */
inspectors: string, 
/**
 * 现场交办整改事项 of that visit; empty when none.
 */
assigned: string, };

export type HazardEdit = { 
/**
 * 重大隐患.
 */
major: boolean, 
/**
 * The 行动名称 it counts under.
 */
category: Category, 
/**
 * Empty: the default (found_on + the office's deadline days) for an open hazard.
 */
deadline?: string, 
/**
 * 整改要求; may be empty.
 */
rectification: string, 
/**
 * Free note; may be empty.
 */
note: string, 
/**
 * Only for other hazards (其它隐患情况); an item hazard keeps the item's wording.
 */
description?: string, };

export type HazardView = "all" | "open" | "overdue" | "fixed_on_site" | "closed" | "resolved";

export type HazardQuery = { 
/**
 * Which statuses to show (default all).
 */
view: HazardView, 
/**
 * The date "overdue" is judged against (default today).
 */
as_of?: string, 
/**
 * Only hazards of households in this grid (row id).
 */
grid_id?: string, 
/**
 * Only hazards counted under this 行动名称.
 */
category?: Category, 
/**
 * Only 重大隐患.
 */
major_only: boolean, 
/**
 * Only hazards escalated (已上报).
 */
escalated: boolean, 
/**
 * Only hazards with 防控措施 recorded (有防控措施).
 */
with_measures: boolean, 
/**
 * Only hazards of this household (row id).
 */
household_id?: string, 
/**
 * Only hazards found by this inspection (row id).
 */
inspection_id?: string, 
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
search?: string, 
/**
 * Page size; None for every match.
 */
limit?: number, 
/**
 * Rows to skip before the page; None or negative for 0.
 */
offset?: number, };

export type HazardPage = { 
/**
 * The hazards of the page; open and overdue views by deadline, others newest found first.
 */
items: Array<Hazard>, 
/**
 * How many hazards match the query in all pages.
 */
total: number, };

export type HazardCount = { 
/**
 * Grid id or category ('' for households without a grid).
 */
key: string, 
/**
 * The grid's name (（未分网格） for none), the category's name, or 全部.
 */
label: string, 
/**
 * All hazards of the group.
 */
total: number, 
/**
 * Open.
 */
open: number, 
/**
 * Open and past the deadline as of the summary's date.
 */
overdue: number, 
/**
 * Fixed on the spot.
 */
fixed_on_site: number, 
/**
 * Closed.
 */
closed: number, 
/**
 * 重大隐患, in any status.
 */
major: number, 
/**
 * 重大隐患 still open.
 */
major_open: number, };

export type HazardSummary = { 
/**
 * The date overdue is judged against (ISO; today unless asked otherwise).
 */
as_of: string, 
/**
 * One row per grid that has hazards, by grid number; households without a grid last.
 */
by_grid: Array<HazardCount>, 
/**
 * Always the seven categories, in the official order.
 */
by_category: Array<HazardCount>, 
/**
 * Every hazard (key '', label 全部).
 */
all: HazardCount, };

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

export type EntrySheetExport = { 
/**
 * Households in the sheet, one row each.
 */
households: number, 
/**
 * Id of the checklist template the sheet's item columns come from.
 */
template_id: string, 
/**
 * Its version (recorded in the 说明 sheet, read back on import).
 */
template_version: number, 
/**
 * Its title.
 */
template_name: string, 
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
row: number, 
/**
 * Why the row was not imported, in Chinese.
 */
reason: string, };

export type RowWarning = { 
/**
 * The row number as Excel shows it (the header row for a header warning).
 */
row: number, 
/**
 * What it is about: a column's header or a field name.
 */
field: string, 
/**
 * What to check, in Chinese.
 */
message: string, };

export type ImportReport = { 
/**
 * Inspections imported.
 */
imported: number, 
/**
 * Hazards created.
 */
hazards: number, 
/**
 * Rows not imported, each with its reason.
 */
rejected: Array<RowIssue>, 
/**
 * Imported rows (or headers) to check.
 */
warnings: Array<RowWarning>, 
/**
 * Rows that hold no inspection (no date and no answers).
 */
blank_rows: number, 
/**
 * Id of the template the sheet was read with.
 */
template_id: string, 
/**
 * Its version.
 */
template_version: number, 
/**
 * The name of the worksheet read.
 */
sheet: string, };

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
measures: Array<Measure>, 
/**
 * Row id in `hazards` (UUID v7); stable across edits.
 */
id: string, 
/**
 * Row id in `inspections` of the visit that found it.
 */
inspection_id: string, 
/**
 * Row id in `households` of the household or place it is at.
 */
household_id: string, 
/**
 * The household's short code printed on its forms (03017).
 */
household_code: string, 
/**
 * The household's 检查地点(对象)名称.
 */
household_name: string, 
/**
 * The household's address; empty when not recorded.
 */
household_address: string, 
/**
 * Row id of the household's grid; None when it has none.
 */
grid_id: string | null, 
/**
 * Grid name ('' when none).
 */
grid: string, 
/**
 * Where it came from: a checklist answer or the 其它隐患情况.
 */
source: HazardSource, 
/**
 * The checklist item number for item hazards; None for other hazards.
 */
item_no: number | null, 
/**
 * What is wrong: the item's wording, or the text written in 其它隐患情况.
 */
description: string, 
/**
 * The 行动名称 it counts under.
 */
category: Category, 
/**
 * 重大隐患
 */
major: boolean, 
/**
 * Open, fixed on the spot, or closed.
 */
status: HazardStatus, 
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
rectification: string, 
/**
 * Free note; empty when none.
 */
note: string, 
/**
 * Open and past its deadline as of the query's date (today by default).
 */
overdue: boolean, 
/**
 * Number of revisits (回访).
 */
revisits: number, 
/**
 * When the row was created (UTC, `2024-12-01T08:00:00.000Z`).
 */
created_at: string, 
/**
 * When the row was last changed (UTC, same format as `created_at`).
 */
updated_at: string, 
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

export type FormCode = { 
/**
 * The household's short code (01002).
 */
household_code: string, 
/**
 * Id of the checklist template the form was printed with.
 */
template_id: string, 
/**
 * Version of that template.
 */
template_version: number, };

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

export type Resolution = { 
/**
 * The item number; 0 for the 其它隐患情况.
 */
item: number, 
/**
 * What the first entry said: 是 / 否 / - (the other hazards as text).
 */
first: string, 
/**
 * What the second entry said.
 */
second: string, 
/**
 * The answer the clerk chose from the paper (the inspection now holds it).
 */
chosen: string, 
/**
 * Who settled it, as typed; may be empty.
 */
resolved_by: string, 
/**
 * When it was settled (UTC, `2024-12-01T08:00:00.000Z`).
 */
resolved_at: string, };

export type Verification = { 
/**
 * Row id in `inspections` of the form.
 */
inspection_id: string, 
/**
 * Where the form stands (none, pending, differences, verified).
 */
state: VerifyState, 
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
chosen_by: string, 
/**
 * Who keyed the latest second entry (录入人), as typed; empty when not given or none keyed.
 */
keyed_by: string, 
/**
 * When the latest second entry was keyed (UTC); None before any.
 */
keyed_at: string | null, 
/**
 * How many second entries were keyed.
 */
keying: number, 
/**
 * Differences found at the latest second entry (settled or not).
 */
differences: number, 
/**
 * When the form became verified (UTC); None while not.
 */
verified_at: string | null, 
/**
 * The differences not settled yet, in item order (the other hazards last).
 */
mismatches: Array<Mismatch>, 
/**
 * The differences settled after the latest second entry.
 */
resolutions: Array<Resolution>, };

export type Choice = "yes" | "no" | "blank" | "first" | "second";

export type Resolved = { 
/**
 * The form's double entry after settling.
 */
verification: Verification, 
/**
 * Whether the inspection changed (the answer chosen was not the first entry's).
 */
changed: boolean, 
/**
 * Hazards created because the chosen answer differs from the first entry's.
 */
hazards_added: number, 
/**
 * Hazards removed because the chosen answer differs from the first entry's.
 */
hazards_removed: number, };

export type DoubleEntryMode = "off" | "all" | "sample";

export type DoubleEntrySettings = { 
/**
 * Which forms are chosen for a second entry: off, all or a sample.
 */
mode: DoubleEntryMode, 
/**
 * The share for `sample`, in per cent (1–100).
 */
percent: number, };

export type VerifyPeriod = { 
/**
 * First visit date, as typed; None for no lower bound.
 */
from?: string, 
/**
 * Last visit date, as typed; None for no upper bound.
 */
to?: string, };

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

export type InspectorAgreement = { 
/**
 * 入户检查人员 as written on the forms.
 */
inspector: string, 
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

export type Period = { 
/**
 * What kind of period it is (sets how the label reads).
 */
kind: PeriodKind, 
/**
 * First day (ISO).
 */
from: string, 
/**
 * Last day (ISO), inclusive.
 */
to: string, 
/**
 * e.g. "2024年12月（2024年11月23日至2024年12月22日）".
 */
label: string, };

export type PeriodSpec = { "kind": "month", 
/**
 * The month as typed (2024-12, 2024年12月 …).
 */
month: string, } | { "kind": "cycle", 
/**
 * The month the cycle ends in, as typed (2024-12 for 2024-11-23 … 2024-12-22).
 */
month: string, } | { "kind": "day", 
/**
 * The day, as typed (any accepted date form).
 */
date: string, } | { "kind": "range", 
/**
 * First day, as typed.
 */
from: string, 
/**
 * Last day, as typed; not before `from`.
 */
to: string, } | { "kind": "current", 
/**
 * A day inside the period, as typed; empty for today.
 */
date: string, 
/**
 * Whole periods to move by (-1 = the previous one, 0 = the one holding `date`).
 */
offset: number, } | { "kind": "due", 
/**
 * The day the report is due, as typed; empty for today.
 */
date: string, } | { "kind": "season", 
/**
 * A day inside the winter, as typed; empty for today.
 */
date: string, };

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

export type Uncounted = { 
/**
 * Hazards found or closed in the period whose category is not one of the seven.
 */
hazards: number, 
/**
 * Publicity events in the period whose category is not one of the seven.
 */
events: number, };

export type HazardLine = { 
/**
 * Row id in `hazards`.
 */
id: string, 
/**
 * Row id in `households` of the household it is at.
 */
household_id: string, 
/**
 * The household's short code (03017).
 */
household_code: string, 
/**
 * The household's 检查地点(对象)名称.
 */
household_name: string, 
/**
 * The household's address; empty when not recorded.
 */
address: string, 
/**
 * The 行动名称 it counts under.
 */
category: Category, 
/**
 * 重大隐患.
 */
major: boolean, 
/**
 * What the hazard is.
 */
description: string, 
/**
 * Open, fixed on the spot, or closed.
 */
status: HazardStatus, 
/**
 * The visit date of the inspection that found it (ISO).
 */
found_on: string, 
/**
 * Closing date, or the visit date when fixed on the spot (ISO); None while open.
 */
closed_on?: string, 
/**
 * 限期整改 date (ISO); None when fixed on the spot.
 */
deadline?: string, 
/**
 * 整改要求; empty when none.
 */
rectification: string, };

export type CellDetail = { 
/**
 * The row (行动名称), or 合计.
 */
action: string, 
/**
 * The column of the cell.
 */
column: Column, 
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

export type PackageCounts = { 
/**
 * Households and places.
 */
households: number, 
/**
 * Vulnerable people (弱势群体).
 */
people: number, 
/**
 * Inspections (filled checklists).
 */
inspections: number, 
/**
 * Hazards.
 */
hazards: number, 
/**
 * Revisits (回访).
 */
revisits: number, 
/**
 * 防控措施.
 */
measures: number, 
/**
 * 上报.
 */
escalations: number, 
/**
 * Publicity events (宣传).
 */
publicity: number, 
/**
 * Inspection rounds (轮次).
 */
rounds: number, 
/**
 * Grids (网格).
 */
grids: number, 
/**
 * Checklist template versions.
 */
templates: number, };

export type PackageExport = { 
/**
 * The village's name (报送单位) as written in the package.
 */
village: string, 
/**
 * The village's identity (UUID v7).
 */
village_id: string, 
/**
 * The package's number: 1, 2, 3 … per village.
 */
sequence: number, 
/**
 * When it was exported (RFC 3339, UTC).
 */
exported_at: string, 
/**
 * `key` (to the township's public key) or `passphrase`.
 */
encryption: string, 
/**
 * The township whose key it was encrypted to ('' for a passphrase or an unnamed key).
 */
township: string, 
/**
 * Records of each kind in it.
 */
counts: PackageCounts, 
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

export type PackageStatus = { 
/**
 * The village's identity (UUID v7), made now if it had none.
 */
village_id: string, 
/**
 * The township's public key stored in 单位设置; None when none is stored.
 */
key: TownshipKey | null, 
/**
 * The last package's number (0: none yet) and time.
 */
last_sequence: number, 
/**
 * When the last package was written (RFC 3339 UTC); empty when none yet.
 */
last_exported_at: string, };

export type Changes = { 
/**
 * Records in the package the township did not have.
 */
added: number, 
/**
 * Records the township had that the package changes.
 */
changed: number, 
/**
 * Records the township had that the package no longer holds (deleted in the village).
 */
removed: number, };

export type ImportStatus = "imported" | "unchanged" | "refused";

export type PackageResult = { 
/**
 * The file's name.
 */
file: string, 
/**
 * Imported, unchanged or refused.
 */
status: ImportStatus, 
/**
 * The village's name ('' when the package could not be read).
 */
village: string, 
/**
 * The village's identity (UUID v7); '' when the package could not be read.
 */
village_id: string, 
/**
 * The package's number (1, 2, 3 … per village); 0 when it could not be read.
 */
sequence: number, 
/**
 * The number imported before this one (None for a village seen the first time).
 */
previous_sequence: number | null, 
/**
 * When the village exported it (RFC 3339, UTC); '' when it could not be read.
 */
exported_at: string, 
/**
 * Changes to the village's households.
 */
households: Changes, 
/**
 * Changes to the village's inspections.
 */
inspections: Changes, 
/**
 * Changes to the village's hazards.
 */
hazards: Changes, 
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
id: string, 
/**
 * The village's name (报送单位); 合计 on the total row.
 */
name: string, 
/**
 * The village's contact person; empty when not given.
 */
contact: string, 
/**
 * The contact's phone; empty when not given.
 */
phone: string, 
/**
 * Households in the village's register.
 */
households: number, 
/**
 * The current round as of the as-of date (None: the village has no round yet).
 */
round: string | null, 
/**
 * First day of that round (ISO); None without a round.
 */
round_from: string | null, 
/**
 * Last day of that round (ISO); None without a round.
 */
round_to: string | null, 
/**
 * Households visited in that round.
 */
visited: number, 
/**
 * visited / households in percent, one decimal (None without a round or households).
 */
visited_pct: number | null, 
/**
 * Hazards still open (未整改).
 */
hazards_open: number, 
/**
 * Of them, past their deadline as of the as-of date.
 */
hazards_overdue: number, 
/**
 * Open 重大隐患.
 */
major_open: number, 
/**
 * Hazards with a 上报 (any status).
 */
escalated: number, 
/**
 * The newest package imported.
 */
sequence: number, 
/**
 * When the village exported that package (RFC 3339, UTC).
 */
exported_at: string, 
/**
 * When the township imported it (UTC).
 */
imported_at: string, 
/**
 * Another village has the same name (and another identity).
 */
same_name: boolean, };

export type VillagesView = { 
/**
 * The date the counts are as of (ISO).
 */
as_of: string, 
/**
 * The villages, by name.
 */
villages: Array<VillageRow>, 
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
search?: string, 
/**
 * Page size; None for every match.
 */
limit?: number, 
/**
 * Rows to skip before the page; None for 0.
 */
offset?: number, };

export type TwHazard = { 
/**
 * The village's number in the township's database.
 */
vid: number, 
/**
 * The village's name.
 */
village: string, 
/**
 * The hazard's row id in its village (UUID v7).
 */
id: string, 
/**
 * The household's row id in its village.
 */
household_id: string, 
/**
 * The household's short code in its village (03017).
 */
household_code: string, 
/**
 * The household's 检查地点(对象)名称.
 */
household_name: string, 
/**
 * The household's address; empty when not recorded.
 */
address: string, 
/**
 * The household's contact phone; empty when none.
 */
phone: string, 
/**
 * The household's grid name; empty when none.
 */
grid: string, 
/**
 * What the hazard is.
 */
description: string, 
/**
 * The 行动名称 it counts under, as its Chinese name.
 */
category: string, 
/**
 * 重大隐患.
 */
major: boolean, 
/**
 * open | fixed_on_site | closed
 */
status: string, 
/**
 * Visit date of the inspection that found it (ISO).
 */
found_on: string, 
/**
 * 限期整改 date (ISO); None when fixed on the spot.
 */
deadline: string | null, 
/**
 * Closing date, or the visit date when fixed on the spot (ISO); None while open.
 */
closed_on: string | null, 
/**
 * 整改要求; empty when none.
 */
rectification: string, 
/**
 * Days past the deadline as of the as-of date (open and overdue only).
 */
days_overdue: number | null, 
/**
 * 上报对象; None when not escalated.
 */
escalated_to: string | null, 
/**
 * 上报日期 (ISO); None when not escalated.
 */
escalated_on: string | null, 
/**
 * The newest 防控措施.
 */
latest_measure: string | null, 
/**
 * Number of revisits (回访).
 */
revisits: number, };

export type TwHazardPage = { 
/**
 * The date overdue is judged against (ISO).
 */
as_of: string, 
/**
 * The hazards of the page.
 */
items: Array<TwHazard>, 
/**
 * How many hazards match the query in all pages.
 */
total: number, };

export type TwHouseholdQuery = { 
/**
 * The village (`tw_villages.vid`, the township's number for it).
 */
village: number, 
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
with_open_hazards: boolean, 
/**
 * The date the current round and the last visit are judged at (as typed); None for today.
 */
as_of?: string, 
/**
 * Page size; None for every match.
 */
limit?: number, 
/**
 * Rows to skip before the page; None for 0.
 */
offset?: number, };

export type TwHousehold = { 
/**
 * The household's row id in its village (UUID v7).
 */
id: string, 
/**
 * Its short code in the village (03017).
 */
code: string, 
/**
 * 检查地点(对象)名称.
 */
name: string, 
/**
 * 地址; empty when not recorded.
 */
address: string, 
/**
 * Its grid's name; empty when it has none.
 */
grid: string, 
/**
 * Its grid leader (网格长); empty when none.
 */
leader: string, 
/**
 * Contact person; empty when none.
 */
contact: string, 
/**
 * Contact phone; empty when none.
 */
phone: string, 
/**
 * 居住人员总数; None when not recorded.
 */
residents: number | null, 
/**
 * Of them 弱势群体; None when not recorded.
 */
vulnerable: number | null, 
/**
 * 属性项 its latest visit answered 是, joined with 、 (多合一场所、弱势群体); empty when none.
 */
attributes: string, 
/**
 * Visited in the current round (false when the village has no round).
 */
visited: boolean, 
/**
 * The last visit on or before the as-of date.
 */
last_visit: string | null, 
/**
 * Hazards at the household still open (未整改).
 */
open_hazards: number, };

export type TwHouseholdPage = { 
/**
 * The village's name (报送单位).
 */
village: string, 
/**
 * The village's current round's name; None when it has no round.
 */
round: string | null, 
/**
 * First day of that round (ISO); None without a round.
 */
round_from: string | null, 
/**
 * Last day of that round (ISO); None without a round.
 */
round_to: string | null, 
/**
 * The households of the page.
 */
items: Array<TwHousehold>, 
/**
 * How many households match the query in all pages.
 */
total: number, };

export type TwPerson = { 
/**
 * The person's name.
 */
name: string, 
/**
 * The person's groups (独居老人, 残疾人 …), comma-separated as the village stores them.
 */
categories: string, 
/**
 * 男, 女, or empty when unknown.
 */
gender: string, 
/**
 * Date of birth (ISO); None when unknown.
 */
birth_date: string | null, 
/**
 * The person's own phone; empty when none.
 */
phone: string, 
/**
 * 监护人 / 联系人; empty when none.
 */
guardian: string, 
/**
 * The guardian's phone; empty when none.
 */
guardian_phone: string, 
/**
 * Free note; empty when none.
 */
note: string, };

export type TwAnswer = { 
/**
 * The item's number in the template (from 1).
 */
no: number, 
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

export type TwInspection = { 
/**
 * The inspection's row id in its village (UUID v7).
 */
id: string, 
/**
 * 填表日期 (ISO).
 */
visit_date: string, 
/**
 * 入户检查人员; empty when not written.
 */
inspectors: string, 
/**
 * The template's title, or its id when the template is not in the package.
 */
template: string, 
/**
 * The answered items in item order.
 */
answers: Array<TwAnswer>, 
/**
 * 其它隐患情况; empty when none.
 */
other_hazards: string, 
/**
 * 现场交办整改事项; empty when none.
 */
assigned: string, 
/**
 * The household signed the form.
 */
signed: boolean, 
/**
 * Free note; empty when none.
 */
note: string, };

export type TwHouseholdDetail = { 
/**
 * The village (`tw_villages.vid`).
 */
vid: number, 
/**
 * The village's name.
 */
village: string, 
/**
 * The household with its visit state.
 */
household: TwHousehold, 
/**
 * 村民小组; empty when not recorded.
 */
village_group: string, 
/**
 * 场所性质; empty when not recorded.
 */
nature: string, 
/**
 * 建筑结构; empty when not recorded.
 */
structure: string, 
/**
 * Free note; empty when none.
 */
note: string, 
/**
 * Its vulnerable people (弱势群体名单), by name.
 */
people: Array<TwPerson>, 
/**
 * Newest first.
 */
inspections: Array<TwInspection>, 
/**
 * Hazards found at the household.
 */
hazards: Array<TwHazard>, };

export type VillageTable = { 
/**
 * The village's number in the township's database.
 */
vid: number, 
/**
 * The village's name.
 */
village: string, 
/**
 * The seven rows computed from the village's records, in the official order.
 */
rows: Array<StatsRow>, 
/**
 * The village's 合计 row.
 */
total: StatsRow, };

export type Difference = { 
/**
 * 行动名称 or 合计.
 */
action: string, 
/**
 * The column that differs.
 */
column: Column, 
/**
 * From the village's records.
 */
records: number, 
/**
 * In the table the village sent.
 */
table: number, };

export type SentComparison = { 
/**
 * Row id in `tw_sent_tables` (UUID v7).
 */
id: string, 
/**
 * The file's name as it was added.
 */
file: string, 
/**
 * 报送单位 as the table names it.
 */
unit: string, 
/**
 * The village it was matched to by name (None: no village of that name).
 */
vid: number | null, 
/**
 * The name of that village; None when no village matched.
 */
village: string | null, 
/**
 * 报送时间 as ISO when it could be read, else as written ('' when absent).
 */
report_date: string, 
/**
 * Every number that differs, row by row; empty when the table agrees with the records.
 */
differences: Array<Difference>, };

export type TownshipReport = { 
/**
 * The period in words.
 */
label: string, 
/**
 * Each village's table, by name.
 */
villages: Array<VillageTable>, 
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

export type TwCellHazard = { 
/**
 * The village's number in the township's database.
 */
vid: number, 
/**
 * The village's name.
 */
village: string, 
/**
 * Row id in `hazards`.
 */
id: string, 
/**
 * Row id in `households` of the household it is at.
 */
household_id: string, 
/**
 * The household's short code (03017).
 */
household_code: string, 
/**
 * The household's 检查地点(对象)名称.
 */
household_name: string, 
/**
 * The household's address; empty when not recorded.
 */
address: string, 
/**
 * The 行动名称 it counts under.
 */
category: Category, 
/**
 * 重大隐患.
 */
major: boolean, 
/**
 * What the hazard is.
 */
description: string, 
/**
 * Open, fixed on the spot, or closed.
 */
status: HazardStatus, 
/**
 * The visit date of the inspection that found it (ISO).
 */
found_on: string, 
/**
 * Closing date, or the visit date when fixed on the spot (ISO); None while open.
 */
closed_on?: string, 
/**
 * 限期整改 date (ISO); None when fixed on the spot.
 */
deadline?: string, 
/**
 * 整改要求; empty when none.
 */
rectification: string, };

export type TwCellDetail = { 
/**
 * The row (行动名称), or 合计.
 */
action: string, 
/**
 * The column of the cell.
 */
column: Column, 
/**
 * How the number is made, in words.
 */
explain: string, 
/**
 * The number in the table.
 */
value: number, 
/**
 * Hazards behind a hazard column, by village (empty for publicity columns).
 */
hazards: Array<TwCellHazard>, 
/**
 * Publicity columns: (village, date, category, kind, sessions, people).
 */
events: Array<TwEvent>, 
/**
 * True when `hazards` holds only the first of `value` hazards.
 */
truncated: boolean, };

export type TwEvent = { 
/**
 * The village's number in the township's database.
 */
vid: number, 
/**
 * The village's name.
 */
village: string, 
/**
 * Date of the event (ISO).
 */
date: string, 
/**
 * The 行动名称 it counts under, as its Chinese name.
 */
category: string, 
/**
 * The kind of publicity; empty when not recorded.
 */
kind: string, 
/**
 * 次数.
 */
sessions: number, 
/**
 * 人数.
 */
people: number, 
/**
 * Free note; empty when none.
 */
note: string, };

export type SentTable = { 
/**
 * Row id in `tw_sent_tables` (UUID v7).
 */
id: string, 
/**
 * The file's name as it was added.
 */
file: string, 
/**
 * 报送单位 as the table names it (the file name when it names none).
 */
unit: string, 
/**
 * The village it was matched to by name; None when no village matched.
 */
vid: number | null, 
/**
 * The name of that village; None when no village matched.
 */
village: string | null, 
/**
 * First day of the period the table states (ISO); empty when it states none.
 */
from: string, 
/**
 * Last day of that period (ISO); empty when it states none.
 */
to: string, 
/**
 * The period in words (未注明 when the table states none).
 */
period: string, 
/**
 * 报送时间 as ISO when it could be read, else as written ('' when absent).
 */
report_date: string, 
/**
 * The table's 合计 row as sent.
 */
total: StatsRow, };

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
