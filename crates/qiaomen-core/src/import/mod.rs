//! Importing household rosters (花名册) from the spreadsheets offices really have.
//!
//! Two steps share one code path: [`plan`] (a dry run: detected mapping, first rows and the
//! full validation report, nothing written) and [`commit`] (the same analysis, then one
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
//! - **Header wording**: synonyms per field ([`fields`]); unknown columns (序号, dates,
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

mod fields;

pub use fields::{detect_header, fields, header_at, match_header, Field, FieldInfo, Header};

use crate::error::{Error, Result};
use crate::sheet::{self, Cell, Format, Sheet, Workbook};
use crate::{households, text, validate};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
// foldhash: the keys are short strings from the roster; SipHash was a tenth of the checking time.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::path::{Path, PathBuf};
use ts_rs::TS;

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

/// The clerk's choices: sheet, header row, and column mapping.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "RosterImportOptions")]
pub struct ImportOptions {
    /// Sheet name; the best-looking visible sheet when absent.
    #[serde(default)]
    #[ts(optional)]
    pub sheet: Option<String>,
    /// Excel row number of the (last) header row; detected when absent.
    #[serde(default)]
    #[ts(optional)]
    pub header_row: Option<u32>,
    /// The clerk's mapping: replaces the detected field of each listed column.
    #[serde(default)]
    #[ts(optional)]
    pub columns: Option<Vec<ColumnChoice>>,
}

/// One column's field as chosen by the clerk (`field: null` = do not import this column).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "RosterColumnChoice")]
pub struct ColumnChoice {
    pub col: u32,
    pub field: Option<Field>,
}

/// A sheet of the workbook, for choosing.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "RosterSheetInfo")]
pub struct SheetInfo {
    pub name: String,
    pub hidden: bool,
    /// Fields recognised in its header (0 = does not look like a roster); None = not read.
    pub score: Option<u32>,
}

/// A column as detected or chosen.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(rename = "RosterColumn")]
pub struct ColumnInfo {
    pub col: u32,
    /// Column letter as in Excel (A, B, … AA).
    pub letter: String,
    /// Header text (two-level headers as "居住人员 / 总数").
    pub header: String,
    pub field: Option<Field>,
    /// What was detected automatically (to show what the clerk changed).
    pub detected: Option<Field>,
}

/// A note about a row.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(rename = "RosterRowNote")]
pub struct RowNote {
    /// Excel row number.
    pub row: u32,
    pub reason: String,
}

/// A note about one field of a row.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(rename = "RosterFieldNote")]
pub struct FieldNote {
    pub row: u32,
    pub field: Field,
    pub message: String,
}

/// What happened (or, in a dry run, would happen) to each row.
#[derive(Debug, Clone, Default, Serialize, TS)]
#[ts(rename = "RosterImportReport")]
pub struct ImportReport {
    pub dry_run: bool,
    pub file: String,
    pub sheet: String,
    /// Households added or updated.
    pub imported: u32,
    pub added: u32,
    pub updated: u32,
    /// Rows identical to an earlier row or to a registered household: imported once.
    pub duplicates: Vec<RowNote>,
    /// Rows that are not households: blank, only a 序号, 合计, signature lines, repeated headers.
    /// A run of blank rows is one note, at its first row.
    pub skipped: Vec<RowNote>,
    /// How many rows were skipped (each row of a run of blank rows counted).
    pub skipped_rows: u32,
    /// Rows that look like households but cannot be imported, with the reason.
    pub rejected: Vec<RowNote>,
    /// Imported, but something needs the clerk's attention (an ID not stored, a bad phone…).
    pub warnings: Vec<FieldNote>,
    /// Values tidied on the way in (13800138000.0 -> 13800138000, 张 三 -> 张三, fill-down).
    pub normalised: Vec<FieldNote>,
    /// Registered households updated, with the fields that changed.
    pub updates: Vec<RowNote>,
    /// Grids created for 网格/村民小组 names not yet known.
    pub grids_created: Vec<String>,
    /// Rows added to the named list of vulnerable people.
    pub people_added: u32,
    /// Data rows looked at (below the header).
    pub rows_read: u32,
}

/// Status of a previewed row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "RosterRowStatus")]
pub enum RowStatus {
    /// Above the header (title, blank, notes).
    Above,
    Header,
    Add,
    Update,
    Duplicate,
    Skipped,
    Rejected,
    /// Not checked yet (no usable mapping).
    Unchecked,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "RosterPreviewRow")]
pub struct PreviewRow {
    pub row: u32,
    pub status: RowStatus,
    /// Cell texts from column A to the last used column.
    pub cells: Vec<String>,
    /// Why skipped/rejected/duplicate, or what the warnings are.
    pub note: String,
}

/// The dry run shown before importing.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "RosterImportPlan")]
pub struct ImportPlan {
    pub file: String,
    pub format: Format,
    pub sheets: Vec<SheetInfo>,
    pub sheet: String,
    /// Header rows (Excel numbers); 0 when no header was found.
    pub header_first_row: u32,
    pub header_row: u32,
    pub columns: Vec<ColumnInfo>,
    pub preview: Vec<PreviewRow>,
    /// Why nothing can be imported yet (no header found, no name column), in Chinese.
    pub problem: Option<String>,
    pub report: ImportReport,
    pub fields: Vec<FieldInfo>,
}

/// A spreadsheet read into memory with its chosen sheet: reading happens once, before
/// the database is touched.
#[derive(Debug)]
pub struct Source {
    pub path: PathBuf,
    pub format: Format,
    pub sheets: Vec<SheetInfo>,
    pub sheet: Sheet,
}

impl Source {
    /// Reads the file and the sheet to import (the named one, else the best-looking one).
    pub fn load(path: &Path, sheet: Option<&str>) -> Result<Source> {
        Source::from_workbook(Workbook::open(path)?, sheet)
    }

    /// Reads the sheet to import from an opened workbook (as [`Source::load`]).
    pub fn from_workbook(mut wb: Workbook, sheet: Option<&str>) -> Result<Source> {
        let path = wb.path().to_path_buf();
        let path = path.as_path();
        let names: Vec<String> = wb.sheet_names().to_vec();
        let mut infos: Vec<SheetInfo> = names
            .iter()
            .map(|n| SheetInfo {
                name: n.clone(),
                hidden: wb.is_hidden(n),
                score: None,
            })
            .collect();
        if names.is_empty() {
            return Err(Error::bad_file(format!(
                "文件“{}”里没有工作表。",
                sheet::file_label(path)
            )));
        }
        let chosen = match sheet {
            Some(name) => {
                let s = wb.read_sheet(name)?;
                if let Some(i) = infos.iter_mut().find(|i| i.name == name) {
                    i.score = Some(detect_header(&s).map(|h| h.score() as u32).unwrap_or(0));
                }
                s
            }
            None => {
                let mut best: Option<(u32, Sheet)> = None;
                for (i, name) in names.iter().enumerate() {
                    if infos[i].hidden && names.len() > 1 {
                        continue;
                    }
                    let s = wb.read_sheet(name)?;
                    let score = detect_header(&s).map(|h| h.score() as u32).unwrap_or(0);
                    infos[i].score = Some(score);
                    if best.as_ref().is_none_or(|(b, _)| score > *b) {
                        best = Some((score, s));
                    }
                }
                match best {
                    Some((_, s)) => s,
                    None => wb.read_sheet_at(0)?,
                }
            }
        };
        Ok(Source {
            path: path.to_path_buf(),
            format: wb.format(),
            sheets: infos,
            sheet: chosen,
        })
    }

    pub fn file_label(&self) -> String {
        sheet::file_label(&self.path)
    }
}

/// The mapping in force: header rows and each column's field.
#[derive(Debug, Clone, PartialEq)]
struct Mapping {
    first_row: u32,
    last_row: u32,
    columns: Vec<ColumnInfo>,
}

impl Mapping {
    fn cols_of(&self, f: Field) -> Vec<u32> {
        self.columns
            .iter()
            .filter(|c| c.field == Some(f))
            .map(|c| c.col)
            .collect()
    }
}

fn no_header_message(sheet: &Sheet) -> String {
    format!(
        "在工作表“{}”的前 {} 行没有找到表头：需要有“户主姓名”（或“姓名”“户主”）一列和至少一个其他列名。请在预览中指定表头所在的行，或检查是否选错了工作表。",
        sheet.name,
        fields::HEADER_SEARCH_ROWS
    )
}

/// Works out the mapping: detected, then the clerk's header row and column choices.
fn raw_mapping(sheet: &Sheet, opts: &ImportOptions) -> Result<Mapping> {
    let header = match opts.header_row {
        Some(r) => {
            if r == 0 || r > sheet.height() {
                return Err(Error::invalid(format!(
                    "表头行号 {r} 不在表格范围内（共 {} 行）。",
                    sheet.height()
                )));
            }
            header_at(sheet, r)
        }
        None => detect_header(sheet).ok_or_else(|| Error::invalid(no_header_message(sheet)))?,
    };
    let mut columns: Vec<ColumnInfo> = Vec::new();
    let mut taken: HashSet<Field> = HashSet::new();
    for (col, text, field) in &header.columns {
        // The first column of a field wins; a second 电话 column is not guessed at.
        let field = field.filter(|f| f.multi() || taken.insert(*f));
        columns.push(ColumnInfo {
            col: *col,
            letter: sheet::column_letters(*col),
            header: text.clone(),
            field,
            detected: field,
        });
    }
    if let Some(choices) = &opts.columns {
        for ch in choices {
            match columns.iter_mut().find(|c| c.col == ch.col) {
                Some(c) => c.field = ch.field,
                None => {
                    if ch.col == 0 || ch.col > sheet.width().max(1) {
                        return Err(Error::invalid(format!("第 {} 列不在表格范围内。", ch.col)));
                    }
                    columns.push(ColumnInfo {
                        col: ch.col,
                        letter: sheet::column_letters(ch.col),
                        header: String::new(),
                        field: ch.field,
                        detected: None,
                    });
                }
            }
        }
        columns.sort_by_key(|c| c.col);
    }
    Ok(Mapping {
        first_row: header.first_row,
        last_row: header.last_row,
        columns,
    })
}

/// Checks a mapping: one column per field (备注 excepted), and a name column.
fn check_mapping(m: &Mapping) -> Result<()> {
    let mut seen: HashMap<Field, u32> = HashMap::new();
    for c in &m.columns {
        if let Some(f) = c.field {
            if f.multi() {
                continue;
            }
            if let Some(prev) = seen.insert(f, c.col) {
                return Err(Error::invalid(format!(
                    "{} 列和 {} 列都选成了“{}”，每个项目只能对应一列，请改掉其中一列。",
                    sheet::column_letters(prev),
                    c.letter,
                    f.label()
                )));
            }
        }
    }
    if !m.columns.iter().any(|c| c.field == Some(Field::Name)) {
        return Err(Error::invalid(format!(
            "还没有指定哪一列是“{}”，请在列对应关系中选择。",
            Field::Name.label()
        )));
    }
    Ok(())
}

/// A set of fields (which ones a row filled in).
#[derive(Debug, Clone, Copy, Default)]
struct FieldSet(u32);

impl FieldSet {
    fn insert(&mut self, f: Field) {
        self.0 |= 1 << (f as u32);
    }
    fn contains(&self, f: &Field) -> bool {
        self.0 & (1 << (*f as u32)) != 0
    }
}

/// A roster row ready to be written.
#[derive(Debug, Clone)]
struct Candidate {
    /// The new household's id (given when it is added).
    id: String,
    /// Pinyin initials of the name, for search.
    initials: String,
    input: households::HouseholdInput,
    grid: String,
    grid_leader: String,
    grid_leader_phone: String,
    /// Categories for a `people` row (the head lives alone), empty when none.
    person_categories: Vec<String>,
    /// What the roster filled in (a blank cell never erases stored data).
    provided: FieldSet,
}

impl Candidate {
    /// Everything that is imported, to recognise exact duplicates.
    fn content_key(&self) -> String {
        let h = &self.input;
        format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            h.name,
            h.address,
            h.village_group,
            self.grid,
            h.floors,
            h.residents,
            h.vulnerable,
            h.area,
            h.nature,
            h.structure,
            h.floors_used,
            h.contact,
            h.phone,
            h.id_number,
            h.note,
            self.person_categories.join(","),
            self.grid_leader,
        )
    }
}

/// Who a household is, when there is no valid ID: name + address, or, without an address,
/// name + 村民小组 + phone.
fn identity_key(name: &str, address: &str, group: &str, phone: &str) -> String {
    if address.is_empty() {
        format!("{name}\u{1f}\u{1f}{group}\u{1f}{phone}")
    } else {
        format!("{name}\u{1f}{address}")
    }
}

const FOOTER_WORDS: &[&str] = &[
    "合计",
    "总计",
    "小计",
    "共计",
    "总数",
    "累计",
    "填表人",
    "填报人",
    "制表人",
    "审核人",
    "审核",
    "统计人",
    "负责人",
    "单位负责人",
    "主要负责人",
    "村负责人",
    "分管领导",
    "经办人",
    "联系人：",
    "填表日期",
    "制表日期",
    "填报日期",
    "报送日期",
    "日期：",
    "注：",
    "注:",
    "说明：",
    "说明:",
    "备注：",
    "备注:",
    "签字",
    "盖章",
    "(盖章)",
    "（盖章）",
];

fn squash(s: &str) -> String {
    text::to_half_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .replace(':', "：")
}

/// The footer words as compared (squashed once).
fn footer_words() -> &'static [(String, &'static str)] {
    &footer_table().0
}

/// The first characters footer words start with (a quick filter).
fn footer_firsts() -> &'static [char] {
    &footer_table().1
}

#[allow(clippy::type_complexity)]
fn footer_table() -> &'static (Vec<(String, &'static str)>, Vec<char>) {
    static TABLE: std::sync::OnceLock<(Vec<(String, &'static str)>, Vec<char>)> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let words = footer_words_init();
        let mut firsts: Vec<char> = words.iter().filter_map(|(w, _)| w.chars().next()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        (words, firsts)
    })
}

fn footer_words_init() -> Vec<(String, &'static str)> {
    {
        FOOTER_WORDS
            .iter()
            .map(|w| {
                let kind = if ["合计", "总计", "小计", "共计", "总数", "累计"].contains(w)
                {
                    "合计行"
                } else if w.starts_with("注") || w.starts_with("说明") || w.starts_with("备注")
                {
                    "表尾说明"
                } else {
                    "签名/日期行"
                };
                (squash(w), kind)
            })
            .collect()
    }
}

/// Why a row is a footer (合计, signature lines, notes), if it is one.
fn footer_reason(cells: &[Cell]) -> Option<String> {
    let words = footer_words();
    for c in cells {
        if let Cell::Text(t) = c {
            // Cheap test first: footers start with one of a few characters.
            let first = t.chars().find(|c| !c.is_whitespace() && *c != '\u{3000}');
            let Some(first) = first else { continue };
            let first = match first {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(first as u32 - 0xFEE0).unwrap_or(first),
                c => c,
            };
            if footer_firsts().binary_search(&first).is_err() {
                continue;
            }
            let s = squash(t);
            if let Some((_, kind)) = words.iter().find(|(w, _)| s.starts_with(w.as_str())) {
                return Some(format!("{kind}（“{}”），不是户", shorten(t.trim(), 20)));
            }
        }
    }
    None
}

fn shorten(s: &str, n: usize) -> String {
    let t: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        format!("{t}…")
    } else {
        t
    }
}

/// An integer count as typed: 3, 3.0, "3人", "３", "无" (0).
fn parse_count(c: &Cell) -> std::result::Result<Option<i64>, String> {
    match c {
        Cell::Empty => Ok(None),
        Cell::Number(n) => {
            if n.fract() == 0.0 && (0.0..1e9).contains(n) {
                Ok(Some(*n as i64))
            } else {
                Err(format!(
                    "“{}”不是一个不小于 0 的整数",
                    sheet::number_text(*n)
                ))
            }
        }
        Cell::Text(t) => {
            let s: String = text::to_half_width(t)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let s = s.trim_end_matches(['人', '层', '户', '口', '个', '名', '位']);
            if s.is_empty() || ["-", "—", "/", "无", "否", "0"].contains(&s) {
                return Ok(if s.is_empty() || s == "-" || s == "—" || s == "/" {
                    None
                } else {
                    Some(0)
                });
            }
            match s.parse::<f64>() {
                Ok(n) if n.fract() == 0.0 && (0.0..1e9).contains(&n) => Ok(Some(n as i64)),
                _ => Err(format!("“{}”不是一个不小于 0 的整数", t.trim())),
            }
        }
        other => Err(format!("“{}”不是一个整数", other.text())),
    }
}

/// An area as typed: 120, "120㎡", "120平方米".
fn parse_area(c: &Cell) -> std::result::Result<Option<f64>, String> {
    match c {
        Cell::Empty => Ok(None),
        Cell::Number(n) if n.is_finite() && *n >= 0.0 => Ok(Some(*n)),
        Cell::Text(t) => {
            let s: String = text::to_half_width(t)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let s = s
                .trim_end_matches("平方米")
                .trim_end_matches("平米")
                .trim_end_matches('㎡')
                .trim_end_matches("m²")
                .trim_end_matches("m2");
            if s.is_empty() || s == "-" || s == "/" {
                return Ok(None);
            }
            match s.parse::<f64>() {
                Ok(n) if n.is_finite() && n >= 0.0 => Ok(Some(n)),
                _ => Err(format!("“{}”不是面积数字", t.trim())),
            }
        }
        other => Err(format!("“{}”不是面积数字", other.text())),
    }
}

/// 是/否 as typed: 是, √, Y, TRUE, 1, 独居 …
fn parse_yes(c: &Cell) -> std::result::Result<Option<bool>, String> {
    match c {
        Cell::Empty => Ok(None),
        Cell::Bool(b) => Ok(Some(*b)),
        Cell::Number(n) if *n == 1.0 => Ok(Some(true)),
        Cell::Number(n) if *n == 0.0 => Ok(Some(false)),
        _ => {
            let s = squash(&c.text()).to_lowercase();
            let yes = [
                "是",
                "√",
                "✓",
                "✔",
                "y",
                "yes",
                "true",
                "1",
                "有",
                "独居",
                "是独居",
            ];
            let no = [
                "否", "×", "✗", "n", "no", "false", "0", "无", "不是", "-", "—", "/",
            ];
            if s.is_empty() {
                Ok(None)
            } else if yes.contains(&s.as_str()) {
                Ok(Some(true))
            } else if no.contains(&s.as_str()) {
                Ok(Some(false))
            } else {
                Err(format!("“{}”看不出是“是”还是“否”", c.text().trim()))
            }
        }
    }
}

/// Categories of vulnerable people from a 特殊人群类别 cell ("独居老人、残疾人"; "无" = none).
fn parse_kinds(t: &str) -> Vec<String> {
    let s = text::to_half_width(t);
    s.split(|c: char| ",，、;；/|".contains(c) || c.is_whitespace())
        .map(|p| p.trim())
        .filter(|p| !p.is_empty() && !["无", "否", "-", "—", "/", "0", "不是"].contains(p))
        .map(|p| p.to_string())
        .collect()
}

/// Groups that can only mean the household head (an elderly person living alone).
const ALONE: &[&str] = &["独居老人", "孤寡老人"];

/// A phone cell: the first valid number, the others for the note; Err(raw) when none is valid.
fn parse_phones(raw: &str) -> (Option<String>, Vec<String>) {
    let whole = validate::normalize_phone(raw);
    if validate::check_phone(&whole).is_ok() {
        return (Some(whole), Vec::new());
    }
    let parts: Vec<String> = text::to_half_width(raw)
        .split(|c: char| "/、,，;；|".contains(c) || c == '或')
        .map(validate::normalize_phone)
        .filter(|p| !p.is_empty())
        .collect();
    let mut first = None;
    let mut others = Vec::new();
    for p in parts {
        if first.is_none() && validate::check_phone(&p).is_ok() {
            first = Some(p);
        } else {
            others.push(p);
        }
    }
    (first, others)
}

/// A cell's text without copying a text cell.
fn cell_cow(c: &Cell) -> std::borrow::Cow<'_, str> {
    match c {
        Cell::Text(t) => std::borrow::Cow::Borrowed(t.as_str()),
        other => std::borrow::Cow::Owned(cell_str(other)),
    }
}

/// Characters that [`text::clean`] / [`text::to_half_width_digits_only`] would change.
fn needs_tidying(c: char) -> bool {
    c.is_whitespace() || matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// `text::clean(text::to_half_width_digits_only(s))`, without the work when nothing would
/// change (most cells): single spaces between words are all it may keep.
fn tidy(s: &str) -> String {
    let b = s.as_bytes();
    let plain = !s.is_empty()
        && b[0] != b' '
        && b[b.len() - 1] != b' '
        && !s.contains("  ")
        && s.chars().all(|c| c == ' ' || !needs_tidying(c));
    if plain || s.is_empty() {
        s.to_string()
    } else {
        text::clean(&text::to_half_width_digits_only(s))
    }
}

/// `text::clean_name(text::to_half_width_digits_only(s))`, fast when nothing would change.
fn tidy_name(s: &str) -> String {
    if s.chars().all(|c| !needs_tidying(c)) {
        s.to_string()
    } else {
        text::clean_name(&text::to_half_width_digits_only(s))
    }
}

fn cell_str(c: &Cell) -> String {
    match c {
        Cell::Number(n) => sheet::number_text(*n),
        other => other.text(),
    }
}

/// What one data row turned out to be.
enum Outcome {
    /// Nothing in the row (runs of blank rows are reported as one note).
    Blank,
    Skipped(String),
    Rejected(String),
    /// A candidate, with its warnings and normalisation notes.
    Row(Box<Candidate>, Vec<FieldNote>, Vec<FieldNote>),
}

/// What every row's analysis shares. The sheet is passed alongside, so that rows can be
/// appended to it while a file is streamed; [`RowCtx::extend`] prepares the rows, in order,
/// before they are analysed.
struct RowCtx {
    mapped: Vec<(u32, Field)>,
    header_texts: HashMap<u32, String>,
    name_col: u32,
    serial_cols: Vec<u32>,
    /// Merged ranges that start inside the data area and span rows.
    data_merges: Vec<sheet::MergedRange>,
    merged_down: HashMap<(u32, u32), (u32, u32)>,
    is_mapped: [bool; Field::ALL.len()],
    /// For 村民小组 and 网格: per data row from `data_start`, the row whose value a blank
    /// cell takes (0 = none).
    carry_group: Vec<u32>,
    carry_grid: Vec<u32>,
    /// The latest prepared row with a 村民小组 / 网格 value (0 = none).
    last_group: u32,
    last_grid: u32,
    data_start: u32,
    /// Rows prepared so far.
    ready: u32,
    /// The office's groups of vulnerable people (单位设置).
    groups: crate::people::Groups,
}

impl RowCtx {
    /// A value merged down from a cell above (inside the data area).
    fn merged_value<'s>(&self, sheet: &'s Sheet, row: u32, col: u32) -> Option<&'s Cell> {
        self.merged_down
            .get(&(row, col))
            .map(|&(r, c)| sheet.cell(r, c))
    }

    /// The cell of the first column mapped to `f` in `row`, merged values filled in.
    fn field_cell<'s>(&self, sheet: &'s Sheet, row: u32, f: Field) -> Option<&'s Cell> {
        let (col, _) = self.mapped.iter().find(|(_, g)| *g == f)?;
        let c = sheet.cell(row, *col);
        if c.is_blank() {
            if let Some(m) = self.merged_value(sheet, row, *col) {
                return Some(m);
            }
        }
        Some(c)
    }

    /// Prepares the data rows up to `upto`, all of which `sheet` must hold: the values
    /// merged down into them, and for each the latest earlier row with a 村民小组 / 网格
    /// value (the group written once at the top of its block).
    fn extend(&mut self, sheet: &Sheet, upto: u32) {
        let from = (self.ready + 1).max(self.data_start);
        if upto < from {
            return;
        }
        for m in &self.data_merges {
            for r in (m.first_row + 1).max(from)..=m.last_row.min(upto) {
                for c in m.first_col..=m.last_col {
                    self.merged_down.insert((r, c), (m.first_row, m.first_col));
                }
            }
        }
        for f in [Field::VillageGroup, Field::Grid] {
            if !self.is_mapped[f as usize] {
                continue;
            }
            let mut last = match f {
                Field::VillageGroup => self.last_group,
                _ => self.last_grid,
            };
            let mut out = Vec::with_capacity((upto + 1 - from) as usize);
            for row in from..=upto {
                out.push(last);
                if self
                    .field_cell(sheet, row, f)
                    .is_some_and(|c| !c.is_blank())
                {
                    last = row;
                }
            }
            if f == Field::VillageGroup {
                self.carry_group.extend(out);
                self.last_group = last;
            } else {
                self.carry_grid.extend(out);
                self.last_grid = last;
            }
        }
        self.ready = upto;
    }

    fn carried(&self, sheet: &Sheet, row: u32, f: Field) -> Option<String> {
        let table = match f {
            Field::VillageGroup => &self.carry_group,
            Field::Grid => &self.carry_grid,
            _ => return None,
        };
        let src = *table.get((row - self.data_start) as usize)?;
        if src == 0 {
            return None;
        }
        let v = text::clean(&text::to_half_width_digits_only(&cell_str(
            self.field_cell(sheet, src, f)?,
        )));
        (!v.is_empty()).then_some(v)
    }
}

/// Looks at one data row: classifies, normalises and validates it.
fn analyse_row(ctx: &RowCtx, sheet: &Sheet, row: u32) -> Outcome {
    let carry = |f: Field| ctx.carried(sheet, row, f);
    let raw = sheet.row(row);
    if raw.iter().all(Cell::is_blank) {
        return Outcome::Blank;
    }
    if let Some(reason) = footer_reason(raw) {
        let name_blank_or_footer = sheet.cell(row, ctx.name_col).is_blank()
            || footer_reason(std::slice::from_ref(sheet.cell(row, ctx.name_col))).is_some();
        if name_blank_or_footer {
            return Outcome::Skipped(reason);
        }
    }
    // A repeated header (printed rosters repeat it on every page): its name cell
    // repeats the name header.
    let name_repeats_header = match sheet.cell(row, ctx.name_col) {
        Cell::Text(t) => {
            let k = fields::header_key(t);
            !k.is_empty()
                && ctx
                    .header_texts
                    .get(&ctx.name_col)
                    .is_some_and(|h| h.ends_with(&k))
        }
        _ => false,
    };
    if name_repeats_header {
        let same_as_header = ctx
            .mapped
            .iter()
            .filter(|(col, _)| {
                let t = fields::header_key(&sheet.cell(row, *col).text());
                !t.is_empty() && ctx.header_texts.get(col).is_some_and(|h| h.ends_with(&t))
            })
            .count();
        if same_as_header >= 2 && same_as_header * 2 >= ctx.mapped.len() {
            return Outcome::Skipped("重复的表头行".into());
        }
    }
    // Only a 序号 (or a number in an unmapped first column).
    let content: Vec<(u32, &Cell)> = raw
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_blank())
        .map(|(i, c)| (i as u32 + 1, c))
        .collect();
    let only_serial = content.iter().all(|(col, c)| {
        ctx.serial_cols.contains(col)
            || (!ctx.mapped.iter().any(|(m, _)| m == col) && matches!(c, Cell::Number(_)))
    });
    if only_serial {
        return Outcome::Skipped("只有序号，没有内容".into());
    }

    // Gather each field's cell, filling merged ranges down.
    // Each field's cell (the first column of a field; 备注 may have several).
    let mut values: [Option<&Cell>; Field::ALL.len()] = [None; Field::ALL.len()];
    let mut note_cells: Vec<&Cell> = Vec::new();
    let mut normalised: Vec<FieldNote> = Vec::new();
    let mut warnings: Vec<FieldNote> = Vec::new();
    for (col, f) in &ctx.mapped {
        let mut c = sheet.cell(row, *col);
        if c.is_blank() {
            if let Some(m) = ctx.merged_value(sheet, row, *col) {
                c = m;
            }
        }
        if *f == Field::Note {
            note_cells.push(c);
        } else if values[*f as usize].is_none() {
            values[*f as usize] = Some(c);
        }
    }
    static EMPTY: Cell = Cell::Empty;
    let get = |f: Field| -> &Cell { values[f as usize].unwrap_or(&EMPTY) };

    let name_cell = get(Field::Name);
    if name_cell.is_blank() {
        let reason = format!(
            "没有{}，无法作为一户导入（{} 列为空）",
            Field::Name.label(),
            sheet::cell_address(row, ctx.name_col)
        );
        return Outcome::Rejected(reason);
    }
    if let Cell::Number(n) = name_cell {
        let reason = format!(
            "{}是数字“{}”，看起来不是姓名或名称，请核对这一行的列是否错位",
            Field::Name.label(),
            sheet::number_text(*n)
        );
        return Outcome::Rejected(reason);
    }
    let raw_name = cell_cow(name_cell);
    let name = tidy_name(&raw_name);
    if name != raw_name.trim() {
        normalised.push(FieldNote {
            row,
            field: Field::Name,
            message: format!("“{}”整理为“{name}”", raw_name.trim()),
        });
    }

    let mut h = households::HouseholdInput {
        name,
        ..Default::default()
    };
    let mut notes: Vec<String> = Vec::new();
    let mut provided = FieldSet::default();

    // Plain text fields.
    let plain = |c: &Cell| tidy(&cell_cow(c));
    h.address = plain(get(Field::Address));
    h.nature = plain(get(Field::Nature));
    h.floors_used = plain(get(Field::FloorsUsed));
    h.contact = tidy_name(&cell_cow(get(Field::Contact)));
    let structure = plain(get(Field::Structure));
    h.structure = match households::STRUCTURES
        .iter()
        .find(|s| **s == format!("{structure}结构"))
    {
        Some(full) => {
            normalised.push(FieldNote {
                row,
                field: Field::Structure,
                message: format!("“{structure}”整理为“{full}”"),
            });
            full.to_string()
        }
        None => structure,
    };

    // 村民小组 / 网格: merged or written once per block -> carried down.
    let group_like = |f: Field, normalised: &mut Vec<FieldNote>| -> String {
        if !ctx.is_mapped[f as usize] {
            return String::new();
        }
        let v = plain(get(f));
        if v.is_empty() {
            if let Some(prev) = carry(f) {
                normalised.push(FieldNote {
                    row,
                    field: f,
                    message: format!(
                        "{}为空，按上一户填为“{prev}”（同一组只在第一行填写或合并了单元格）",
                        f.label()
                    ),
                });
                return prev;
            }
            return v;
        }
        v
    };
    h.village_group = group_like(Field::VillageGroup, &mut normalised);
    let mut grid = group_like(Field::Grid, &mut normalised);
    if grid.is_empty() && !ctx.is_mapped[Field::Grid as usize] {
        // Rosters often carry only the 村民小组: it serves as the grid.
        grid = h.village_group.clone();
    }
    let grid_leader = tidy_name(&cell_cow(get(Field::GridLeader)));
    let grid_leader_phone = {
        let raw = cell_str(get(Field::GridLeaderPhone));
        let p = validate::normalize_phone(&raw);
        if !p.is_empty() && validate::check_phone(&p).is_err() {
            warnings.push(FieldNote {
                row,
                field: Field::GridLeaderPhone,
                message: format!("网格长电话“{}”格式不对，未保存", raw.trim()),
            });
            String::new()
        } else {
            p
        }
    };

    // Phone.
    let phone_cell = get(Field::Phone);
    if !phone_cell.is_blank() {
        let raw = match &phone_cell {
            Cell::Text(t) => t.clone(),
            other => cell_str(other),
        };
        let (first, others) = parse_phones(&raw);
        match first {
            Some(p) => {
                if p != raw.trim() {
                    normalised.push(FieldNote {
                        row,
                        field: Field::Phone,
                        message: format!("“{}”整理为“{p}”", raw.trim()),
                    });
                }
                if !others.is_empty() {
                    notes.push(format!("其他电话：{}", others.join("、")));
                    normalised.push(FieldNote {
                        row,
                        field: Field::Phone,
                        message: format!(
                            "有多个号码，第一个作为联系电话，其余写入备注：{}",
                            others.join("、")
                        ),
                    });
                }
                h.phone = p;
            }
            None => {
                let shown = raw.trim().to_string();
                let why = if matches!(phone_cell, Cell::Number(_)) && !shown.starts_with('1') {
                    "（存成数字后区号前的 0 可能已丢失）"
                } else {
                    ""
                };
                warnings.push(FieldNote {
                    row,
                    field: Field::Phone,
                    message: format!(
                        "联系电话“{shown}”格式不对{why}，未保存为电话，已写入备注待核"
                    ),
                });
                notes.push(format!("电话待核：{shown}"));
            }
        }
    }

    // ID number.
    let id_cell = get(Field::IdNumber);
    match &id_cell {
        Cell::Empty => {}
        Cell::Number(n) => {
            if *n >= 1e14 {
                warnings.push(FieldNote {
                    row,
                    field: Field::IdNumber,
                    message: format!(
                        "身份证号在表格里存成了数字（显示为 {}），Excel 只保留 15 位有效数字，后几位已经丢失、无法恢复；本户照常导入，身份证号没有保存，请补录",
                        sheet::number_text(*n)
                    ),
                });
                notes.push("身份证号待补录（原表格中存成了数字，已失真）".into());
            } else {
                warnings.push(FieldNote {
                    row,
                    field: Field::IdNumber,
                    message: format!(
                        "身份证号“{}”位数不对，没有保存，已写入备注待核",
                        sheet::number_text(*n)
                    ),
                });
                notes.push(format!("身份证号待核：{}", sheet::number_text(*n)));
            }
        }
        other => {
            let raw = other.text();
            let id = validate::normalize_id(&raw);
            let scientific = id.contains("E+")
                && id
                    .replace(['.', 'E', '+'], "")
                    .chars()
                    .all(|c| c.is_ascii_digit());
            if scientific {
                warnings.push(FieldNote {
                    row,
                    field: Field::IdNumber,
                    message: format!(
                        "身份证号“{}”是科学计数法（表格中存成了数字），后几位已经丢失、无法恢复；本户照常导入，身份证号没有保存，请补录",
                        raw.trim()
                    ),
                });
                notes.push("身份证号待补录（原表格中存成了数字，已失真）".into());
            } else if !id.is_empty() {
                match validate::check_id_number(&id) {
                    Ok(()) => {
                        if id != raw.trim() {
                            normalised.push(FieldNote {
                                row,
                                field: Field::IdNumber,
                                message: format!("“{}”整理为“{id}”", raw.trim()),
                            });
                        }
                        h.id_number = id;
                    }
                    Err(why) => {
                        warnings.push(FieldNote {
                            row,
                            field: Field::IdNumber,
                            message: format!(
                                "{why}（“{id}”）；本户照常导入，身份证号没有保存，已写入备注待核"
                            ),
                        });
                        notes.push(format!("身份证号待核：{id}（{why}）"));
                    }
                }
            }
        }
    }

    // Counts and area.
    let count = |f: Field, warnings: &mut Vec<FieldNote>| -> Option<i64> {
        match parse_count(get(f)) {
            Ok(Some(n)) if n > 100_000 => {
                warnings.push(FieldNote {
                    row,
                    field: f,
                    message: format!("{}（{n}）太大，没有导入这一项，请核对", f.label()),
                });
                None
            }
            Ok(v) => v,
            Err(why) => {
                warnings.push(FieldNote {
                    row,
                    field: f,
                    message: format!("{}：{why}，没有导入这一项", f.label()),
                });
                None
            }
        }
    };
    h.residents = count(Field::Residents, &mut warnings);
    h.vulnerable = count(Field::Vulnerable, &mut warnings);
    h.floors = count(Field::Floors, &mut warnings);
    h.area = match parse_area(get(Field::Area)) {
        Ok(v) => v,
        Err(why) => {
            warnings.push(FieldNote {
                row,
                field: Field::Area,
                message: format!("{}：{why}，没有导入这一项", Field::Area.label()),
            });
            None
        }
    };

    // Vulnerable people (see VULNERABLE_DECISION).
    let mut kinds = parse_kinds(&cell_cow(get(Field::VulnerableKind)));
    match parse_yes(get(Field::LivesAlone)) {
        Ok(Some(true)) => {
            if !kinds
                .iter()
                .any(|k| k.contains("独居") || k.contains("孤寡"))
            {
                kinds.insert(0, "独居老人".into());
            }
        }
        Ok(_) => {}
        Err(why) => warnings.push(FieldNote {
            row,
            field: Field::LivesAlone,
            message: format!("是否独居老人：{why}，没有导入这一项"),
        }),
    }
    // The office's names for the groups (独居 -> 独居老人); unknown ones -> 其他.
    let mut canonical: Vec<String> = Vec::new();
    for k in &kinds {
        let c = ctx
            .groups
            .check(k)
            .unwrap_or_else(|_| crate::people::OTHER_GROUP.into());
        if !canonical.contains(&c) {
            canonical.push(c);
        }
    }
    let alone = canonical.iter().any(|k| ALONE.contains(&k.as_str()));
    let person_categories: Vec<String> = if alone {
        let mut c = canonical.clone();
        c.sort_by_key(|x| ctx.groups.position(x));
        c
    } else {
        Vec::new()
    };
    if !alone && !kinds.is_empty() {
        notes.push(format!("特殊人群：{}", kinds.join("、")));
    }
    if !kinds.is_empty() {
        match h.vulnerable {
            None => h.vulnerable = Some(1),
            Some(0) => {
                warnings.push(FieldNote {
                    row,
                    field: Field::Vulnerable,
                    message: format!(
                        "弱势群体人数为 0，但特殊人群类别为“{}”，按 1 人导入",
                        kinds.join("、")
                    ),
                });
                h.vulnerable = Some(1);
            }
            _ => {}
        }
    }
    if let (Some(r), Some(v)) = (h.residents, h.vulnerable) {
        if v > r {
            warnings.push(FieldNote {
                row,
                field: Field::Vulnerable,
                message: format!(
                    "弱势群体人数（{v}）多于居住人员总数（{r}），弱势群体人数没有导入，请核对"
                ),
            });
            h.vulnerable = None;
        }
    }

    // Notes from 备注 columns, then the flags above.
    let mut note_parts: Vec<String> = note_cells
        .iter()
        .map(|c| text::clean(&cell_str(c)))
        .filter(|s| !s.is_empty())
        .collect();
    note_parts.extend(notes);
    h.note = note_parts.join("；");

    // The register's own rules (households::normalize) hold for every candidate: the
    // values above are cleaned the same way, and a test checks that normalize leaves
    // them unchanged. The name length is the one rule not covered above.
    if h.name.chars().count() > 100 {
        return Outcome::Rejected(format!("{}太长（最多 100 个字）", Field::Name.label()));
    }
    h.note = h.note.trim().to_string();
    let checked = h;

    for (f, present) in [
        (Field::Address, !checked.address.is_empty()),
        (Field::VillageGroup, !checked.village_group.is_empty()),
        (Field::Grid, !grid.is_empty()),
        (Field::Contact, !checked.contact.is_empty()),
        (Field::Phone, !checked.phone.is_empty()),
        (Field::IdNumber, !checked.id_number.is_empty()),
        (Field::Residents, checked.residents.is_some()),
        (Field::Vulnerable, checked.vulnerable.is_some()),
        (Field::Floors, checked.floors.is_some()),
        (Field::FloorsUsed, !checked.floors_used.is_empty()),
        (Field::Area, checked.area.is_some()),
        (Field::Nature, !checked.nature.is_empty()),
        (Field::Structure, !checked.structure.is_empty()),
        (Field::Note, !checked.note.is_empty()),
    ] {
        if present {
            provided.insert(f);
        }
    }

    Outcome::Row(
        Box::new(Candidate {
            id: String::new(),
            initials: text::pinyin_initials(&checked.name),
            input: checked,
            grid,
            grid_leader,
            grid_leader_phone,
            person_categories,
            provided,
        }),
        warnings,
        normalised,
    )
}

/// A registered household as needed for matching.
#[derive(Debug, Clone)]
struct Registered {
    id: String,
    code: String,
    grid: String,
    h: households::HouseholdInput,
}

/// What matching needs from the database, read once before the rows are looked at.
struct Register {
    rows: Vec<Registered>,
    /// Registered vulnerable people: (household id, name) -> categories.
    people: HashMap<(String, String), String>,
    grids: HashSet<String>,
    /// The office's groups of vulnerable people.
    groups: crate::people::Groups,
}

impl Register {
    fn load(conn: &Connection) -> Result<Register> {
        let mut st = conn.prepare(
            "SELECT h.id, h.code, coalesce(g.name, ''), h.name, h.address, h.village_group,
                    h.floors, h.residents, h.vulnerable, h.area, h.nature, h.structure,
                    h.floors_used, h.contact, h.phone, h.id_number, h.note, h.grid_id,
                    h.template_id
             FROM households h LEFT JOIN grids g ON g.id = h.grid_id",
        )?;
        let rows = st.query_map([], |r| {
            Ok(Registered {
                id: r.get(0)?,
                code: r.get(1)?,
                grid: r.get(2)?,
                h: households::HouseholdInput {
                    name: r.get(3)?,
                    address: r.get(4)?,
                    village_group: r.get(5)?,
                    floors: r.get(6)?,
                    residents: r.get(7)?,
                    vulnerable: r.get(8)?,
                    area: r.get(9)?,
                    nature: r.get(10)?,
                    structure: r.get(11)?,
                    floors_used: r.get(12)?,
                    contact: r.get(13)?,
                    phone: r.get(14)?,
                    id_number: r.get(15)?,
                    note: r.get(16)?,
                    grid_id: r.get(17)?,
                    template_id: r.get(18)?,
                },
            })
        })?;
        let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        let mut st = conn.prepare("SELECT household_id, name, categories FROM people")?;
        let people = st
            .query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?
            .collect::<rusqlite::Result<HashMap<_, _>>>()?;
        let mut st = conn.prepare("SELECT name FROM grids")?;
        let grids = st
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<HashSet<_>>>()?;
        Ok(Register {
            rows,
            people,
            grids,
            groups: crate::people::Groups::load(conn)?,
        })
    }
}

/// What to do with an accepted row.
#[derive(Debug, Clone)]
enum Action {
    Add(Box<Candidate>),
    /// Update a registered household with the merged values.
    Update {
        cand: Box<Candidate>,
        id: String,
        /// The household's grid now (kept unless the roster names another).
        grid_id: Option<String>,
        merged: Box<households::HouseholdInput>,
        grid_changed: bool,
    },
}

/// Merges a roster row into a registered household: filled cells win, blank cells keep
/// what is stored; a note is appended unless already there. Returns the changed fields.
fn merge(reg: &Registered, c: &Candidate) -> (households::HouseholdInput, Vec<&'static str>, bool) {
    let mut m = reg.h.clone();
    let mut changed: Vec<&'static str> = Vec::new();
    let p = &c.provided;
    let i = &c.input;
    macro_rules! text_field {
        ($f:ident, $field:expr) => {
            if p.contains(&$field) && m.$f != i.$f {
                m.$f = i.$f.clone();
                changed.push($field.label());
            }
        };
    }
    if m.name != i.name {
        m.name = i.name.clone();
        changed.push(Field::Name.label());
    }
    text_field!(address, Field::Address);
    text_field!(village_group, Field::VillageGroup);
    text_field!(contact, Field::Contact);
    text_field!(phone, Field::Phone);
    text_field!(id_number, Field::IdNumber);
    text_field!(floors_used, Field::FloorsUsed);
    text_field!(nature, Field::Nature);
    text_field!(structure, Field::Structure);
    text_field!(residents, Field::Residents);
    text_field!(vulnerable, Field::Vulnerable);
    text_field!(floors, Field::Floors);
    text_field!(area, Field::Area);
    if p.contains(&Field::Note) && !i.note.is_empty() && !m.note.contains(&i.note) {
        m.note = if m.note.is_empty() {
            i.note.clone()
        } else {
            format!("{}；{}", m.note, i.note)
        };
        changed.push(Field::Note.label());
    }
    let grid_changed = p.contains(&Field::Grid) && reg.grid != c.grid;
    if grid_changed {
        changed.push(Field::Grid.label());
    }
    (m, changed, grid_changed)
}

/// Takes the rows one by one, in order: records skipped and rejected rows, deduplicates
/// within the file and matches against the register, and says what to write.
struct Decider {
    register: Register,
    by_id: HashMap<String, usize>,
    by_key: HashMap<String, Vec<usize>>,
    seen_content: HashMap<String, u32>,
    seen_id: HashMap<String, u32>,
    seen_key: HashMap<String, u32>,
    matched: HashMap<usize, u32>,
    report: ImportReport,
    /// Every checked row's status, except blank rows (the plan's preview calls a row it
    /// does not find here a blank row).
    statuses: HashMap<u32, (RowStatus, String)>,
    /// The run of blank rows being reported as one skipped note: the note's index in
    /// `report.skipped`, and the run's last row. A value typed by mistake far below a
    /// roster makes a run of a million rows: one note, not a million.
    blank_run: Option<(usize, u32)>,
}

impl Decider {
    /// `rows`: how many rows the sheet has (the maps are sized once).
    fn new(register: Register, report: ImportReport, rows: usize) -> Decider {
        let mut by_id = HashMap::with_capacity(register.rows.len());
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::with_capacity(register.rows.len());
        for (i, r) in register.rows.iter().enumerate() {
            if !r.h.id_number.is_empty() {
                by_id.insert(r.h.id_number.clone(), i);
            }
            by_key
                .entry(identity_key(
                    &r.h.name,
                    &r.h.address,
                    &r.h.village_group,
                    &r.h.phone,
                ))
                .or_default()
                .push(i);
        }
        Decider {
            register,
            by_id,
            by_key,
            seen_content: HashMap::with_capacity(rows),
            seen_id: HashMap::with_capacity(rows),
            seen_key: HashMap::with_capacity(rows),
            matched: HashMap::new(),
            report,
            statuses: HashMap::with_capacity(rows),
            blank_run: None,
        }
    }

    /// Notes a blank row: a new skipped note, or the one of the run it continues.
    fn blank(&mut self, row: u32) {
        self.report.skipped_rows += 1;
        match &mut self.blank_run {
            Some((_, last)) if *last + 1 == row => *last = row,
            _ => {
                self.end_blank_run();
                self.report.skipped.push(RowNote {
                    row,
                    reason: "空行".into(),
                });
                self.blank_run = Some((self.report.skipped.len() - 1, row));
            }
        }
    }

    /// Says how long the last run of blank rows was, if it was more than one row (called
    /// when the next run starts, and at the end: the run's last row is known by then).
    fn end_blank_run(&mut self) {
        let Some((i, last)) = self.blank_run.take() else {
            return;
        };
        if let Some(note) = self.report.skipped.get_mut(i) {
            if last > note.row {
                note.reason = format!("空行（连续 {} 行，到第 {last} 行）", last - note.row + 1);
            }
        }
    }

    fn note(&mut self, row: u32, status: RowStatus, reason: String) {
        self.statuses.insert(row, (status, reason.clone()));
        let list = match status {
            RowStatus::Skipped => &mut self.report.skipped,
            RowStatus::Rejected => &mut self.report.rejected,
            RowStatus::Duplicate => &mut self.report.duplicates,
            RowStatus::Update => &mut self.report.updates,
            _ => return,
        };
        list.push(RowNote { row, reason });
    }

    /// The action for one analysed row, if anything is to be written.
    fn accept(&mut self, row: u32, outcome: Outcome) -> Option<Action> {
        self.report.rows_read += 1;
        let c = match outcome {
            Outcome::Blank => {
                self.blank(row);
                return None;
            }
            Outcome::Skipped(reason) => {
                self.report.skipped_rows += 1;
                self.note(row, RowStatus::Skipped, reason);
                return None;
            }
            Outcome::Rejected(reason) => {
                self.note(row, RowStatus::Rejected, reason);
                return None;
            }
            Outcome::Row(c, warnings, normalised) => {
                self.report.warnings.extend(warnings);
                self.report.normalised.extend(normalised);
                c
            }
        };
        let content = c.content_key();
        if let Some(first) = self.seen_content.get(&content) {
            let reason = format!("与第 {first} 行完全相同，只导入一次");
            self.note(row, RowStatus::Duplicate, reason);
            return None;
        }
        let i = &c.input;
        let ikey = identity_key(&i.name, &i.address, &i.village_group, &i.phone);
        if !i.id_number.is_empty() {
            if let Some(first) = self.seen_id.get(&i.id_number) {
                let reason =
                    format!("身份证号与第 {first} 行相同，但其他内容不同；请核对后只保留一行");
                self.note(row, RowStatus::Rejected, reason);
                return None;
            }
        }
        if let Some(first) = self.seen_key.get(&ikey) {
            let what = if i.address.is_empty() {
                "同名且没有地址"
            } else {
                "同名同地址"
            };
            let reason =
                format!("与第 {first} 行{what}，但其他内容不同；请核对是否同一户，合并后再导入");
            self.note(row, RowStatus::Rejected, reason);
            return None;
        }

        // Against the register: a valid ID first, else who the household is.
        let reg = &self.register.rows;
        let mut target: Option<usize> = None;
        if !i.id_number.is_empty() {
            target = self.by_id.get(&i.id_number).copied();
        }
        if target.is_none() {
            let cands: Vec<usize> = self
                .by_key
                .get(&ikey)
                .map(|v| {
                    v.iter()
                        .copied()
                        .filter(|&k| {
                            let rid = &reg[k].h.id_number;
                            rid.is_empty() || i.id_number.is_empty() || *rid == i.id_number
                        })
                        .collect()
                })
                .unwrap_or_default();
            match cands.len() {
                0 => {}
                1 => target = Some(cands[0]),
                _ => {
                    let codes: Vec<&str> = cands.iter().map(|&k| reg[k].code.as_str()).collect();
                    let reason = format!(
                        "登记册中有 {} 户与这一行同名同地址（编号 {}），无法确定更新哪一户；请先在“住户和场所”中核对",
                        cands.len(),
                        codes.join("、")
                    );
                    self.note(row, RowStatus::Rejected, reason);
                    return None;
                }
            }
        }
        if let Some(k) = target {
            if let Some(first) = self.matched.get(&k) {
                let reason = format!(
                    "与第 {first} 行对应登记册中的同一户（编号 {}），请核对后只保留一行",
                    reg[k].code
                );
                self.note(row, RowStatus::Rejected, reason);
                return None;
            }
        }
        self.seen_content.insert(content, row);
        if !c.input.id_number.is_empty() {
            self.seen_id.insert(c.input.id_number.clone(), row);
        }
        self.seen_key.insert(ikey, row);
        if !c.grid.is_empty()
            && !self.register.grids.contains(&c.grid)
            && !self.report.grids_created.contains(&c.grid)
        {
            self.report.grids_created.push(c.grid.clone());
        }
        let Some(k) = target else {
            let mut c = c;
            c.id = crate::new_id();
            self.statuses.insert(row, (RowStatus::Add, String::new()));
            self.report.added += 1;
            if !c.person_categories.is_empty() {
                self.report.people_added += 1;
            }
            return Some(Action::Add(c));
        };
        self.matched.insert(k, row);
        let r = &self.register.rows[k];
        let (merged, changed, grid_changed) = merge(r, &c);
        let person_needed = !c.person_categories.is_empty()
            && match self
                .register
                .people
                .get(&(r.id.clone(), c.input.name.clone()))
            {
                None => true,
                Some(cats) => {
                    let have: Vec<&str> = cats.split(',').collect();
                    c.person_categories
                        .iter()
                        .any(|x| !have.contains(&x.as_str()))
                }
            };
        if changed.is_empty() && !person_needed {
            let reason = format!("与已登记的 {} {} 相同，没有重复导入", r.code, r.h.name);
            self.note(row, RowStatus::Duplicate, reason);
            return None;
        }
        let what = if changed.is_empty() {
            "特殊人群名单".to_string()
        } else {
            changed.join("、")
        };
        let reason = format!("更新已登记的 {} {}：{what}", r.code, r.h.name);
        let (id, grid_id) = (r.id.clone(), r.h.grid_id.clone());
        self.note(row, RowStatus::Update, reason);
        self.report.updated += 1;
        if person_needed {
            self.report.people_added += 1;
        }
        Some(Action::Update {
            cand: c,
            id,
            grid_id,
            merged: Box::new(merged),
            grid_changed,
        })
    }

    fn finish(mut self) -> (ImportReport, HashMap<u32, (RowStatus, String)>) {
        self.end_blank_run();
        let r = &mut self.report;
        r.imported = r.added + r.updated;
        r.skipped.sort_by_key(|n| n.row);
        r.rejected.sort_by_key(|n| n.row);
        r.duplicates.sort_by_key(|n| n.row);
        r.updates.sort_by_key(|n| n.row);
        (self.report, self.statuses)
    }
}

/// The data rows checked in order, as far as they are available, with progress every
/// 2,000 rows: all at once for a sheet read in full, batch by batch for a streamed one.
struct Checking<'p> {
    decider: Decider,
    /// The next row to check.
    next: u32,
    /// Rows expected (grows when a streamed sheet turns out longer than it said).
    total: u64,
    progress: Progress<'p>,
}

impl<'p> Checking<'p> {
    const LABEL: &'static str = "正在检查并导入";

    /// Starts at the first data row; `last` is the last row expected.
    fn new(ctx: &RowCtx, decider: Decider, last: u32, progress: Progress<'p>) -> Checking<'p> {
        let total = (last + 1).saturating_sub(ctx.data_start) as u64;
        progress(0, total, Self::LABEL);
        Checking {
            decider,
            next: ctx.data_start,
            total,
            progress,
        }
    }

    /// Checks the rows up to `upto` (prepared in `ctx`), handing the actions to `sink`;
    /// false when the sink stopped taking them.
    fn upto(
        &mut self,
        ctx: &RowCtx,
        sheet: &Sheet,
        upto: u32,
        sink: &mut dyn FnMut(Action) -> bool,
    ) -> bool {
        while self.next <= upto {
            let row = self.next;
            self.next += 1;
            if let Some(action) = self.decider.accept(row, analyse_row(ctx, sheet, row)) {
                if !sink(action) {
                    return false;
                }
            }
            let done = (self.next - ctx.data_start) as u64;
            if done.is_multiple_of(2000) {
                self.total = self.total.max(done);
                (self.progress)(done, self.total, Self::LABEL);
            }
        }
        true
    }

    fn finish(self, ctx: &RowCtx) -> (ImportReport, HashMap<u32, (RowStatus, String)>) {
        let done = self.next.saturating_sub(ctx.data_start) as u64;
        (self.progress)(done, done, Self::LABEL);
        self.decider.finish()
    }
}

/// Looks at every data row in order and decides about it; `sink` gets the actions.
fn run_rows(
    ctx: &RowCtx,
    sheet: &Sheet,
    decider: Decider,
    progress: Progress,
    mut sink: impl FnMut(Action) -> bool,
) -> (ImportReport, HashMap<u32, (RowStatus, String)>) {
    let mut checking = Checking::new(ctx, decider, sheet.height(), progress);
    checking.upto(ctx, sheet, sheet.height(), &mut sink);
    checking.finish(ctx)
}

/// Writes the actions inside the import's transaction: grids created on first use, codes
/// counted up per grid, new households and people inserted many rows per statement.
struct Writer<'c> {
    tx: &'c Connection,
    now: String,
    grid_ids: HashMap<String, (String, i64)>,
    leaders_done: HashSet<String>,
    next_seq: HashMap<Option<String>, (String, i64)>,
    /// Households to insert: code, grid id, the row.
    new_households: Vec<(String, Option<String>, Box<Candidate>)>,
    new_people: Vec<Value>,
}

/// Rows buffered before they are inserted.
const FLUSH_ROWS: usize = 1000;

impl<'c> Writer<'c> {
    fn new(tx: &'c Connection) -> Result<Writer<'c>> {
        let mut grid_ids = HashMap::new();
        let mut st = tx.prepare("SELECT name, id, no FROM grids")?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for r in rows {
            let (name, id, no) = r?;
            grid_ids.insert(name, (id, no));
        }
        Ok(Writer {
            tx,
            now: crate::now_ts(),
            grid_ids,
            leaders_done: HashSet::new(),
            next_seq: HashMap::new(),
            new_households: Vec::new(),
            new_people: Vec::new(),
        })
    }

    /// The grid of a roster row (created on first use), with the roster's grid leader
    /// written where the grid has none yet.
    fn grid(&mut self, c: &Candidate) -> Result<Option<(String, i64)>> {
        if c.grid.is_empty() {
            return Ok(None);
        }
        if !self.grid_ids.contains_key(&c.grid) {
            let g = crate::grids::find_or_create(self.tx, &c.grid)?;
            self.grid_ids.insert(c.grid.clone(), (g.id, g.no));
        }
        let g = self.grid_ids.get(&c.grid).cloned();
        let has_leader = !c.grid_leader.is_empty() || !c.grid_leader_phone.is_empty();
        if has_leader && self.leaders_done.insert(c.grid.clone()) {
            if let Some((id, _)) = &g {
                self.tx.execute(
                    "UPDATE grids SET leader = CASE WHEN leader = '' THEN ?2 ELSE leader END,
                        leader_phone = CASE WHEN leader_phone = '' THEN ?3 ELSE leader_phone END,
                        updated_at = ?4
                     WHERE id = ?1 AND ((leader = '' AND ?2 <> '') OR (leader_phone = '' AND ?3 <> ''))",
                    params![id, c.grid_leader, c.grid_leader_phone, self.now],
                )?;
            }
        }
        Ok(g)
    }

    fn person_values(&mut self, household_id: &str, c: &Candidate) {
        let (gender, birth) = gender_birth(&c.input.id_number);
        self.new_people.extend([
            Value::Text(crate::new_id()),
            Value::Text(household_id.to_string()),
            Value::Text(c.input.name.clone()),
            Value::Text(c.person_categories.join(",")),
            Value::Text(gender.to_string()),
            birth.map(Value::Text).unwrap_or(Value::Null),
            Value::Text(c.input.id_number.clone()),
            Value::Text(c.input.phone.clone()),
            Value::Text(self.now.clone()),
            Value::Text(self.now.clone()),
        ]);
    }

    fn push(&mut self, action: Action) -> Result<()> {
        match action {
            Action::Add(c) => self.add(c)?,
            Action::Update {
                cand,
                id,
                grid_id,
                merged,
                grid_changed,
            } => self.update(&cand, &id, grid_id, &merged, grid_changed)?,
        }
        if self.new_households.len() >= FLUSH_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    fn add(&mut self, c: Box<Candidate>) -> Result<()> {
        let grid = self.grid(&c)?;
        let grid_id = grid.as_ref().map(|g| g.0.clone());
        let entry = match self.next_seq.get_mut(&grid_id) {
            Some(e) => e,
            None => {
                let code = households::next_code(self.tx, grid_id.as_deref())?;
                let prefix = format!("{:02}", grid.as_ref().map(|g| g.1).unwrap_or(0));
                let seq: i64 = code
                    .get(prefix.len()..)
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(1);
                self.next_seq
                    .entry(grid_id.clone())
                    .or_insert((prefix, seq))
            }
        };
        let code = format!("{}{:03}", entry.0, entry.1);
        entry.1 += 1;
        if !c.person_categories.is_empty() {
            let id = c.id.clone();
            self.person_values(&id, &c);
        }
        self.new_households.push((code, grid_id, c));
        Ok(())
    }

    fn update(
        &mut self,
        c: &Candidate,
        id: &str,
        grid_id: Option<String>,
        h: &households::HouseholdInput,
        grid_changed: bool,
    ) -> Result<()> {
        let grid_id = if grid_changed {
            self.grid(c)?.map(|g| g.0)
        } else {
            grid_id
        };
        self.tx
            .prepare_cached(
                "UPDATE households SET grid_id = ?2, name = ?3, name_initials = ?4, address = ?5,
                    village_group = ?6, floors = ?7, residents = ?8, vulnerable = ?9, area = ?10,
                    nature = ?11, structure = ?12, floors_used = ?13, contact = ?14, phone = ?15,
                    id_number = ?16, note = ?17, updated_at = ?18
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                grid_id,
                h.name,
                c.initials,
                h.address,
                h.village_group,
                h.floors,
                h.residents,
                h.vulnerable,
                h.area,
                h.nature,
                h.structure,
                h.floors_used,
                h.contact,
                h.phone,
                h.id_number,
                h.note,
                self.now
            ])?;
        if c.person_categories.is_empty() {
            return Ok(());
        }
        let existing: Option<(String, String)> = self
            .tx
            .prepare_cached(
                "SELECT id, categories FROM people WHERE household_id = ?1 AND name = ?2",
            )?
            .query_row(params![id, c.input.name], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        match existing {
            None => self.person_values(id, c),
            Some((pid, cats)) => {
                let mut all: Vec<String> = cats
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect();
                for k in &c.person_categories {
                    if !all.contains(k) {
                        all.push(k.clone());
                    }
                }
                let joined = all.join(",");
                if joined != cats {
                    self.tx
                        .prepare_cached(
                            "UPDATE people SET categories = ?2, updated_at = ?3 WHERE id = ?1",
                        )?
                        .execute(params![pid, joined, self.now])?;
                }
            }
        }
        Ok(())
    }

    /// Inserts the buffered households, then their people (who refer to them).
    fn flush(&mut self) -> Result<()> {
        let now = &self.now;
        let mut values: Vec<&dyn rusqlite::ToSql> =
            Vec::with_capacity(self.new_households.len() * HOUSEHOLD_COLUMNS);
        for (code, grid_id, c) in &self.new_households {
            let h = &c.input;
            values.extend([
                &c.id as &dyn rusqlite::ToSql,
                code,
                grid_id,
                &h.name,
                &c.initials,
                &h.address,
                &h.village_group,
                &h.floors,
                &h.residents,
                &h.vulnerable,
                &h.area,
                &h.nature,
                &h.structure,
                &h.floors_used,
                &h.contact,
                &h.phone,
                &h.id_number,
                &h.template_id,
                &h.note,
                now,
                now,
            ]);
        }
        insert_rows(
            self.tx,
            "households (id, code, grid_id, name, name_initials, address, village_group, floors,
                residents, vulnerable, area, nature, structure, floors_used, contact, phone,
                id_number, template_id, note, created_at, updated_at)",
            HOUSEHOLD_COLUMNS,
            &values,
        )?;
        drop(values);
        self.new_households.clear();
        let people: Vec<&dyn rusqlite::ToSql> = self
            .new_people
            .iter()
            .map(|v| v as &dyn rusqlite::ToSql)
            .collect();
        insert_rows(
            self.tx,
            "people (id, household_id, name, categories, gender, birth_date, id_number, phone,
                created_at, updated_at)",
            10,
            &people,
        )?;
        drop(people);
        self.new_people.clear();
        Ok(())
    }
}

const HOUSEHOLD_COLUMNS: usize = 21;

/// The analysis set up for a sheet and mapping; no row prepared yet ([`RowCtx::extend`]).
fn prepare(
    sheet: &Sheet,
    opts: &ImportOptions,
    groups: &crate::people::Groups,
) -> Result<(Mapping, RowCtx)> {
    let mapping = raw_mapping(sheet, opts)?;
    check_mapping(&mapping)?;
    let mapped: Vec<(u32, Field)> = mapping
        .columns
        .iter()
        .filter_map(|c| c.field.map(|f| (c.col, f)))
        .collect();
    let header_texts: HashMap<u32, String> = mapping
        .columns
        .iter()
        .map(|c| (c.col, fields::header_key(&c.header)))
        .collect();
    let data_start = mapping.last_row + 1;
    let data_merges = sheet
        .merges
        .iter()
        .filter(|m| m.first_row >= data_start && m.last_row > m.first_row)
        .copied()
        .collect();
    let mut is_mapped = [false; Field::ALL.len()];
    for (_, f) in &mapped {
        is_mapped[*f as usize] = true;
    }
    let ctx = RowCtx {
        name_col: mapping.cols_of(Field::Name)[0],
        serial_cols: mapping.cols_of(Field::Serial),
        mapped,
        header_texts,
        data_merges,
        merged_down: HashMap::new(),
        is_mapped,
        carry_group: Vec::new(),
        carry_grid: Vec::new(),
        last_group: 0,
        last_grid: 0,
        data_start,
        ready: 0,
        groups: groups.clone(),
    };
    Ok((mapping, ctx))
}

/// The analysis set up for a sheet read in full, every row prepared.
fn prepare_all(
    sheet: &Sheet,
    opts: &ImportOptions,
    groups: &crate::people::Groups,
) -> Result<(Mapping, RowCtx)> {
    let (mapping, mut ctx) = prepare(sheet, opts, groups)?;
    ctx.extend(sheet, sheet.height());
    Ok((mapping, ctx))
}

fn base_report(src: &Source) -> ImportReport {
    ImportReport {
        file: src.file_label(),
        sheet: src.sheet.name.clone(),
        ..Default::default()
    }
}

/// The dry run: detected (or chosen) mapping, the first rows, and the full report of what
/// importing would do. Nothing is written. When no header can be found, the plan still
/// shows the first rows and says why in `problem`, so the clerk can point at the header.
pub fn plan(conn: &Connection, src: &Source, opts: &ImportOptions) -> Result<ImportPlan> {
    let sheet = &src.sheet;
    let width = sheet.width();
    let row_cells =
        |row: u32| -> Vec<String> { (1..=width).map(|c| sheet.cell(row, c).text()).collect() };
    let base = ImportPlan {
        file: src.file_label(),
        format: src.format,
        sheets: src.sheets.clone(),
        sheet: sheet.name.clone(),
        header_first_row: 0,
        header_row: 0,
        columns: Vec::new(),
        preview: Vec::new(),
        problem: None,
        report: ImportReport {
            dry_run: true,
            ..base_report(src)
        },
        fields: fields(),
    };
    let register = Register::load(conn)?;
    let (mapping, ctx) = match prepare_all(sheet, opts, &register.groups) {
        Ok(v) => v,
        Err(e) if e.code == crate::ErrorCode::Invalid => {
            // Show the sheet as it is, with the columns the header row (if any) names.
            let raw = raw_mapping(sheet, opts).ok();
            let (first, last, columns) = match raw {
                Some(m) => (m.first_row, m.last_row, m.columns),
                None => (0, 0, Vec::new()),
            };
            let preview = (1..=sheet.height().min((PREVIEW_ROWS as u32).max(last + 10)))
                .map(|row| PreviewRow {
                    row,
                    status: if last == 0 {
                        RowStatus::Unchecked
                    } else if row < first {
                        RowStatus::Above
                    } else if row <= last {
                        RowStatus::Header
                    } else {
                        RowStatus::Unchecked
                    },
                    cells: row_cells(row),
                    note: String::new(),
                })
                .collect();
            return Ok(ImportPlan {
                preview,
                columns,
                header_row: last,
                header_first_row: first,
                problem: Some(e.message),
                ..base
            });
        }
        Err(e) => return Err(e),
    };
    let decider = Decider::new(register, base_report(src), src.sheet.height() as usize);
    let (mut report, statuses) = run_rows(&ctx, sheet, decider, &no_progress, |_| true);
    report.dry_run = true;
    let mut preview = Vec::new();
    let warn_by_row: HashMap<u32, Vec<&FieldNote>> =
        report.warnings.iter().fold(HashMap::new(), |mut m, w| {
            m.entry(w.row).or_default().push(w);
            m
        });
    for row in 1..=sheet.height() {
        let (status, note) = if row < mapping.first_row {
            (RowStatus::Above, String::new())
        } else if row <= mapping.last_row {
            (RowStatus::Header, String::new())
        } else {
            // Every checked row has a status except the blank ones.
            let (s, n) = statuses
                .get(&row)
                .cloned()
                .unwrap_or_else(|| (RowStatus::Skipped, "空行".into()));
            let n = match warn_by_row.get(&row) {
                Some(ws) if n.is_empty() || s == RowStatus::Update => {
                    let w: Vec<String> = ws.iter().map(|w| w.message.clone()).collect();
                    if n.is_empty() {
                        w.join("；")
                    } else {
                        format!("{n}；{}", w.join("；"))
                    }
                }
                _ => n,
            };
            (s, n)
        };
        preview.push(PreviewRow {
            row,
            status,
            cells: row_cells(row),
            note,
        });
        if row > mapping.last_row && preview.len() >= PREVIEW_ROWS + mapping.last_row as usize {
            break;
        }
    }
    Ok(ImportPlan {
        header_first_row: mapping.first_row,
        header_row: mapping.last_row,
        columns: mapping.columns,
        preview,
        report,
        ..base
    })
}

/// Imports: the same analysis as [`plan`], written in one transaction (all accepted rows or
/// none). The rows are looked at on one thread while the accepted ones are written on this
/// one. With `dry_run` nothing is written and the report says what would happen.
pub fn commit(
    conn: &mut Connection,
    src: &Source,
    opts: &ImportOptions,
    dry_run: bool,
    progress: Progress,
) -> Result<ImportReport> {
    let sheet = &src.sheet;
    let register = Register::load(conn)?;
    let (_mapping, ctx) = prepare_all(sheet, opts, &register.groups)?;
    let decider = Decider::new(register, base_report(src), sheet.height() as usize);
    let ctx = &ctx;
    let report = write_actions(conn, dry_run, progress, move |sink| {
        Ok(Some(run_rows(ctx, sheet, decider, progress, sink).0))
    })?;
    report.ok_or_else(internal_import_error)
}

fn internal_import_error() -> Error {
    Error::internal("导入时出错（内部错误），没有导入任何数据。请把这句话告诉软件维护人员。")
}

/// What an analysis ends with: its report, or None when a streamed sheet has to be read
/// again the ordinary way (rows out of order, merged ranges not found, or a column right of
/// the first rows that changes the detected header).
type Analysed = Result<Option<ImportReport>>;

/// Runs `analyse` on a thread of its own and writes the actions it hands over on this one,
/// in one transaction, committed only when the analysis ends with a report: any error, and
/// a None, leave the database as it was. With `dry_run` nothing is written.
fn write_actions(
    conn: &mut Connection,
    dry_run: bool,
    progress: Progress,
    analyse: impl FnOnce(&mut dyn FnMut(Action) -> bool) -> Analysed + Send,
) -> Analysed {
    if dry_run {
        let mut report = analyse(&mut |_| true)?;
        if let Some(r) = report.as_mut() {
            r.dry_run = true;
        }
        return Ok(report);
    }
    // A large roster touches more pages than SQLite's default 2 MB cache holds; a bigger
    // cache for this one transaction keeps it from spilling to the WAL half-way.
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    conn.execute_batch("PRAGMA cache_size = -65536")?;
    let result = std::thread::scope(|s| -> Analysed {
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Action>>(8);
        let producer = s.spawn(move || {
            let mut batch = Vec::with_capacity(500);
            let mut open = true;
            let out = analyse(&mut |action| {
                batch.push(action);
                if batch.len() >= 500 {
                    open = send.send(std::mem::take(&mut batch)).is_ok();
                }
                open
            });
            if open && !batch.is_empty() {
                let _ = send.send(batch);
            }
            out
        });
        let tx = conn.transaction()?;
        let written = (|| -> Result<()> {
            let mut w = Writer::new(&tx)?;
            for batch in receive {
                for action in batch {
                    w.push(action)?;
                }
            }
            w.flush()
        })();
        // On a write error the receiver is gone: the producer stops at its next batch.
        let analysed = producer.join().map_err(|_| internal_import_error())?;
        written?;
        // None: dropping the transaction rolls it back.
        let Some(report) = analysed? else {
            return Ok(None);
        };
        progress(1, 1, "正在保存");
        tx.commit()?;
        Ok(Some(report))
    });
    conn.execute_batch(&format!("PRAGMA cache_size = {cache}"))?;
    result
}

/// The analysis of an .xlsx sheet while it is being read: the reader (calamine's cell
/// reader, on its own thread) hands over rows in batches; once the first rows are in, the
/// header is detected and from then on every row is analysed as soon as it has arrived.
/// Everything the analysis of a row looks at is in it or above it (merged values and
/// carried groups come from above), so the outcome is that of [`commit`] on the whole
/// sheet; the one exception, a column right of the first rows that would change the
/// header, is checked at the end and answered with None.
fn analyse_streamed(
    rows: sheet::XlsxRows<'_>,
    merges: sheet::XlsxMerges<'_>,
    opts: &ImportOptions,
    (register, report): (Register, ImportReport),
    progress: Progress,
    sink: &mut dyn FnMut(Action) -> bool,
) -> Analysed {
    use std::sync::atomic::{AtomicU32, Ordering};
    let hint = AtomicU32::new(0);
    let name = report.sheet.clone();
    std::thread::scope(|s| {
        let (send, receive) = std::sync::mpsc::channel::<Vec<sheet::RowCells>>();
        let hint = &hint;
        let reader = s.spawn(move || rows.run(hint, |batch| send.send(batch).is_ok()));
        let analysed = (|| -> Analysed {
            let Some(found) = merges.scan() else {
                return Ok(None);
            };
            let mut sheet = Sheet::streamed(name, found);
            let mut eof = false;
            let more = |sheet: &mut Sheet, eof: &mut bool| match receive.recv() {
                Ok(batch) => sheet.push_rows(batch),
                Err(_) => *eof = true,
            };
            // The header is among the first rows (and a two-level header's second row).
            while !eof && sheet.height() <= fields::HEADER_SEARCH_ROWS + 1 {
                more(&mut sheet, &mut eof);
            }
            let groups = register.groups.clone();
            let (mapping, mut ctx) = prepare(&sheet, opts, &groups)?;
            let width = sheet.width();
            let declared = hint.load(Ordering::Relaxed);
            let decider = Decider::new(register, report, declared as usize);
            let mut checking = Checking::new(&ctx, decider, declared, progress);
            loop {
                let upto = sheet.height();
                ctx.extend(&sheet, upto);
                if !checking.upto(&ctx, &sheet, upto, sink) {
                    return Ok(Some(checking.finish(&ctx).0));
                }
                if eof {
                    break;
                }
                more(&mut sheet, &mut eof);
            }
            if sheet.width() > width && prepare(&sheet, opts, &groups)?.0 != mapping {
                return Ok(None);
            }
            Ok(Some(checking.finish(&ctx).0))
        })();
        // Let the reader finish: a reading error is what the clerk has to fix first, and it
        // would have stopped the ordinary import before any row was looked at.
        while receive.recv().is_ok() {}
        let end = reader.join().map_err(|_| internal_import_error())??;
        match end {
            sheet::StreamEnd::OutOfOrder => Ok(None),
            sheet::StreamEnd::Done | sheet::StreamEnd::Stopped => analysed,
        }
    })
}

/// Rows inserted per statement.
const BATCH_ROWS: usize = 50;

/// Inserts rows of `width` values each, [`BATCH_ROWS`] rows per statement.
fn insert_rows(
    tx: &Connection,
    table_and_columns: &str,
    width: usize,
    values: &[&dyn rusqlite::ToSql],
) -> Result<()> {
    if values.is_empty() {
        return Ok(());
    }
    let one = format!("({})", vec!["?"; width].join(","));
    let sql = |rows: usize| {
        format!(
            "INSERT INTO {table_and_columns} VALUES {}",
            vec![one.as_str(); rows].join(",")
        )
    };
    let mut full = tx.prepare_cached(&sql(BATCH_ROWS))?;
    for chunk in values.chunks(width * BATCH_ROWS) {
        if chunk.len() == width * BATCH_ROWS {
            full.execute(chunk)?;
        } else {
            tx.execute(&sql(chunk.len() / width), chunk)?;
        }
    }
    Ok(())
}

/// Gender and birth date read from a valid 18-digit ID (as the people list does).
fn gender_birth(id: &str) -> (&'static str, Option<String>) {
    if id.len() != 18 {
        return ("", None);
    }
    let gender = match id[16..17].parse::<u32>() {
        Ok(d) if d % 2 == 1 => "男",
        Ok(_) => "女",
        Err(_) => "",
    };
    let birth = chrono::NaiveDate::parse_from_str(&id[6..14], "%Y%m%d")
        .ok()
        .map(|d| d.format("%Y-%m-%d").to_string());
    (gender, birth)
}

/// A roster file opened for importing. An .xlsx whose sheet is known without reading it
/// (the named one, or the only visible one) and whose header is detected is kept open and
/// read while it is imported: its rows are analysed and written while the rest of the file
/// is still being inflated and parsed. Anything else is read in full first.
pub struct Roster {
    inner: RosterInner,
}

enum RosterInner {
    Read(Box<Source>),
    Open { wb: Box<Workbook>, sheet: String },
}

impl Roster {
    /// Opens a roster with the errors of [`Source::load`]: not a spreadsheet, damaged, too
    /// large, no such sheet. What cannot be streamed is read here.
    pub fn open(path: &Path, opts: &ImportOptions) -> Result<Roster> {
        let wb = Workbook::open(path)?;
        let detected = opts.header_row.is_none() && opts.columns.is_none();
        if wb.format() == Format::Xlsx && detected {
            if let Some(sheet) = Roster::known_sheet(&wb, opts.sheet.as_deref()) {
                return Ok(Roster {
                    inner: RosterInner::Open {
                        wb: Box::new(wb),
                        sheet,
                    },
                });
            }
        }
        let src = Source::from_workbook(wb, opts.sheet.as_deref())?;
        Ok(Roster {
            inner: RosterInner::Read(Box::new(src)),
        })
    }

    /// The sheet [`Source::load`] takes when it needs no reading to tell: the named one, or
    /// the only candidate.
    fn known_sheet(wb: &Workbook, sheet: Option<&str>) -> Option<String> {
        let names = wb.sheet_names();
        match sheet {
            Some(name) => names.iter().any(|n| n == name).then(|| name.to_string()),
            None => {
                let mut candidates = names
                    .iter()
                    .filter(|n| names.len() == 1 || !wb.is_hidden(n));
                match (candidates.next(), candidates.next()) {
                    (Some(only), None) => Some(only.clone()),
                    _ => None,
                }
            }
        }
    }

    /// True when the file will be read while it is imported.
    pub fn is_streamed(&self) -> bool {
        matches!(self.inner, RosterInner::Open { .. })
    }
}

/// Imports an opened roster: the analysis and the transaction of [`commit`].
pub fn import_roster(
    conn: &mut Connection,
    roster: Roster,
    opts: &ImportOptions,
    dry_run: bool,
    progress: Progress,
) -> Result<ImportReport> {
    let (mut wb, name) = match roster.inner {
        RosterInner::Read(src) => return commit(conn, &src, opts, dry_run, progress),
        RosterInner::Open { wb, sheet } => (wb, sheet),
    };
    let report = ImportReport {
        file: sheet::file_label(wb.path()),
        sheet: name.clone(),
        ..Default::default()
    };
    let register = Register::load(conn)?;
    if let Some((rows, merges)) = wb.xlsx_stream(&name) {
        let streamed = write_actions(conn, dry_run, progress, move |sink| {
            analyse_streamed(rows, merges, opts, (register, report), progress, sink)
        })?;
        if let Some(report) = streamed {
            return Ok(report);
        }
    }
    let src = Source::from_workbook(*wb, Some(&name))?;
    commit(conn, &src, opts, dry_run, progress)
}

/// Reads a roster and imports it in one go (what the CLI does): streamed where it can be
/// ([`Roster`]), else read in full before the database is touched.
pub fn import_file(
    conn: &mut Connection,
    path: &Path,
    opts: &ImportOptions,
    dry_run: bool,
    progress: Progress,
) -> Result<ImportReport> {
    let roster = Roster::open(path, opts)?;
    import_roster(conn, roster, opts, dry_run, progress)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_yes_no() {
        assert_eq!(parse_count(&Cell::Number(3.0)), Ok(Some(3)));
        assert_eq!(parse_count(&Cell::Text("３人".into())), Ok(Some(3)));
        assert_eq!(parse_count(&Cell::Text("无".into())), Ok(Some(0)));
        assert_eq!(parse_count(&Cell::Text("/".into())), Ok(None));
        assert!(parse_count(&Cell::Text("三".into())).is_err());
        assert!(parse_count(&Cell::Number(2.5)).is_err());
        assert_eq!(parse_yes(&Cell::Text("是".into())), Ok(Some(true)));
        assert_eq!(parse_yes(&Cell::Text(" √ ".into())), Ok(Some(true)));
        assert_eq!(parse_yes(&Cell::Text("否".into())), Ok(Some(false)));
        assert!(parse_yes(&Cell::Text("也许".into())).is_err());
        assert_eq!(parse_area(&Cell::Text("120㎡".into())), Ok(Some(120.0)));
        assert_eq!(parse_kinds("独居老人、残疾人"), vec!["独居老人", "残疾人"]);
        assert!(parse_kinds("无").is_empty());
    }

    /// The register's own normalisation leaves every imported household unchanged: the
    /// import cleans and checks the same way (so it need not call it per row).
    #[test]
    fn candidates_pass_the_register_rules_unchanged() {
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/rosters");
        let store = crate::Store::open_in_memory().unwrap();
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let Ok(src) = Source::load(&path, None) else {
                continue;
            };
            let Ok((_, ctx)) = prepare_all(
                &src.sheet,
                &ImportOptions::default(),
                &crate::people::Groups::builtin(),
            ) else {
                continue;
            };
            for row in ctx.data_start..=src.sheet.height() {
                if let Outcome::Row(c, _, _) = analyse_row(&ctx, &src.sheet, row) {
                    let n = households::normalize(store.conn(), &c.input).unwrap();
                    assert_eq!(n, c.input, "{} row {row}", path.display());
                    seen += 1;
                }
            }
        }
        assert!(seen > 50, "{seen}");
    }

    #[test]
    fn fast_tidying_is_the_same_as_the_text_module() {
        for s in [
            "",
            " ",
            "张三",
            " 张三",
            "张三 ",
            "张 三",
            "张  三",
            "张\u{3000}三",
            "Li Ming",
            "Li  Ming",
            "幸福村１组",
            "ＡＢ栋3号",
            "a\tb",
            "x\ny",
            "\u{00A0}王",
            "吴䶮",
            "𠮷野家",
        ] {
            assert_eq!(
                tidy(s),
                text::clean(&text::to_half_width_digits_only(s)),
                "{s:?}"
            );
            assert_eq!(
                tidy_name(s),
                text::clean_name(&text::to_half_width_digits_only(s)),
                "{s:?}"
            );
        }
    }

    #[test]
    fn phones_and_footers() {
        assert_eq!(
            parse_phones("13800138000.0").0.as_deref(),
            Some("13800138000")
        );
        assert_eq!(
            parse_phones("１３８ ００１３ ８０００").0.as_deref(),
            Some("13800138000")
        );
        let (p, o) = parse_phones("13800138000/13900139000");
        assert_eq!(p.as_deref(), Some("13800138000"));
        assert_eq!(o, vec!["13900139000"]);
        assert!(parse_phones("12345").0.is_none());
        assert!(footer_reason(&[Cell::Text("合 计".into())]).is_some());
        assert!(footer_reason(&[Cell::Empty, Cell::Text("填表人：王五".into())]).is_some());
        assert!(footer_reason(&[Cell::Text("张三".into())]).is_none());
    }
}
