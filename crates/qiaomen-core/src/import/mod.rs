//! Importing household rosters (花名册) from the spreadsheets offices really have.
//!
//! Two steps share one code path: [`plan()`] (a dry run: detected mapping, first rows and the
//! full validation report, nothing written) and [`commit()`] (the same analysis, then one
//! transaction: every accepted row is in, or none is). The clerk may edit the mapping
//! between the two ([`ImportOptions::columns`]).
//!
//! [`import_file`] (the CLI) and the app's import go through [`Roster`]: a single-sheet
//! .xlsx with a detected header is analysed and written while it is still being read, the
//! rows handed over from calamine's cell reader on a thread of its own; everything else is
//! read in full first. Both give the same report and the same database (a test checks it
//! for every roster fixture).
//!
//! How each trap of a real roster is handled (row numbers are always Excel's):
//! - **Formats**: .xlsx, .xls, .ods, .csv (GBK or UTF-8, BOM or not) via [`crate::sheet`];
//!   a file that is not a spreadsheet is one Chinese sentence and nothing is written.
//! - **Several sheets**: without a chosen sheet the visible sheet whose header names the
//!   most fields is taken; every sheet is listed with its score so the clerk can choose.
//! - **Title rows, blank rows, notes above the header**: the header is the row among the
//!   first 15 that names the most fields (one of them the name); line breaks, spaces,
//!   full-width characters and bracketed remarks in header cells are ignored; a two-level
//!   header (居住人员 over 总数 | 其中弱势群体) is read as one.
//! - **Header wording**: synonyms per field (`fields.rs`); unknown columns (序号, dates,
//!   remarks) are ignored unless the clerk maps them.
//! - **Vertically merged cells**: a merged value fills every row of its range; a blank
//!   村民小组/网格 cell under a filled one takes the value above (the group written once for
//!   a block, merged or not — .ods and .csv carry no merge information), reported as
//!   normalised.
//! - **Footer rows** (合计/总计/小计, 填表人/审核人/制表人…, 注/说明) and rows holding only a
//!   序号, blank rows, repeated header rows: skipped, with the reason.
//! - **Numbers where text was meant**: 13800138000.0 and full-width digits become
//!   13800138000; spaces (ASCII and full-width) inside names and phones are removed; an ID
//!   stored as a number (or written as 1.10105E+17) has lost its last digits: the household
//!   is imported, the ID is not stored, a warning says so and the note asks for it.
//! - **Bad ID check digit**: the household is imported, the ID is not stored (the register
//!   only holds valid IDs), the typed ID goes into the note with the reason, and a warning.
//! - **Duplicates**: a row identical to an earlier row of the file, or to a registered
//!   household, is imported once and reported under `duplicates`.
//! - **Re-importing an updated roster** matches rows to registered households — first by a
//!   valid ID number, else by the same name and the same address (when the address is blank:
//!   same name, 村民小组 and phone) — and updates the fields the roster fills in; a blank cell
//!   never erases stored data. Two households with the same head's name but different
//!   addresses stay two households. Two registered households a row could match, or two rows
//!   matching the same household, are rejected with the reason rather than guessed.
//! - **Vulnerable people**: see [`VULNERABLE_DECISION`].
//!
//! The code, by stage (row numbers are Excel's throughout):
//!
//! | file | stage |
//! |---|---|
//! | `source.rs` | reading the file, choosing the sheet ([`Source`]) |
//! | `fields.rs`, `header.rs` | header detection: the fields and their wordings, the header row, the mapping and the clerk's changes to it |
//! | `analyse/` | row analysis: what is not a household (`classify`), cells as the clerk meant them (`values`), one row into a household with its warnings (`row`) |
//! | `decide/` | decisions: duplicates within the file, matching against the register, add / update / nothing |
//! | `commit/` | commit: the transaction, the writing (`write`), the streamed .xlsx ([`Roster`], `stream`) |
//! | `plan.rs`, `report.rs` | the dry run and its preview; the options, plan and report types |

mod analyse;
mod commit;
mod decide;
mod fields;
mod header;
mod plan;
mod report;
mod source;

pub use commit::{commit, import_file, import_roster, Roster};
pub use fields::{detect_header, fields, header_at, match_header, Field, FieldInfo, Header};
pub use plan::plan;
pub use report::{
    ColumnChoice, ColumnInfo, FieldNote, ImportOptions, ImportPlan, ImportReport, PreviewRow,
    RowNote, RowStatus, SheetInfo,
};
pub use source::Source;

/// How the vulnerable-people columns are stored, and why.
///
/// - `households.vulnerable` (the form header's "其中：弱势群体 x 人") takes 弱势群体人数 when the
///   roster has it; when it only says 特殊人群类别 or 是否独居老人 = 是, the count is at least 1
///   (a roster row says *that* someone is vulnerable, not how many).
/// - A `people` row is written only for 独居老人/孤寡老人 (from either column): an
///   elderly person living alone *is* the household's only resident, so the roster row's
///   name, phone and ID are that person's — this is the named list seed 003 asks for
///   (社区独居老人统计表). Other categories (留守儿童, 残疾人, 五保户 …) may be any member of the
///   household, whose name the roster does not give; writing the head's name on them would
///   be wrong, so they go into the household's note (特殊人群：留守儿童) and the count.
pub const VULNERABLE_DECISION: &str =
    "独居/孤寡老人记入特殊人群名单（即户主本人）；其他类别写入该户备注，并计入弱势群体人数。";

/// Called now and then during long steps: (done, total, what is being done in Chinese).
pub type Progress<'a> = &'a (dyn Fn(u64, u64, &str) + Sync);

/// A progress callback that ignores progress.
pub fn no_progress(_: u64, _: u64, _: &str) {}

/// Most rows shown in a plan's preview.
pub const PREVIEW_ROWS: usize = 30;
