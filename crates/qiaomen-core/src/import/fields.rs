//! The household fields a roster column can map to, their Chinese names, the header
//! wordings offices use for them, and header-row detection.

use crate::sheet::{Cell, Sheet};
use crate::text;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a roster column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "RosterField")]
pub enum Field {
    /// 户主姓名 / 检查对象名称 (required).
    Name,
    /// 地址, stored as written (white space tidied).
    Address,
    /// 村民小组; carried down from the block's first row when merged or written once per block,
    /// and used as the grid when no column maps to [`Field::Grid`].
    VillageGroup,
    /// 网格 by name, carried down like the 村民小组; a grid not yet known is created.
    Grid,
    /// 网格长; written to the grid only when the grid has no leader yet.
    GridLeader,
    /// 网格长电话; normalised, and written to the grid only when it has no leader phone yet.
    GridLeaderPhone,
    /// 联系人 of the household.
    Contact,
    /// 联系电话; normalised (13800138000.0, full-width digits); the first of several is kept,
    /// the others and a malformed one go to the note (a malformed one with a warning).
    Phone,
    /// 身份证号; one that fails the check or was stored as a number (digits lost) is not stored
    /// but kept in the note for checking.
    IdNumber,
    /// 居住人员总数 (a count of people).
    Residents,
    /// 弱势群体人数 (a count of people, not above the residents; a larger one is not imported).
    Vulnerable,
    /// 特殊人群类别: 独居老人, 留守儿童, 残疾人 ...
    VulnerableKind,
    /// 是否独居老人: 是/否.
    LivesAlone,
    /// 建筑层数 (a count of floors).
    Floors,
    /// 使用层数 as written (地上/地下/半地下 ...).
    FloorsUsed,
    /// 场所建筑面积 in m² (a unit suffix like ㎡ or 平方米 is accepted).
    Area,
    /// 场所性质 as written (居民住宅, 多合一场所 ...).
    Nature,
    /// 建筑结构; a short form is completed (砖混 → 砖混结构).
    Structure,
    /// 备注; several columns may map here, their values are joined.
    Note,
    /// 序号: recognised so that rows holding only a number are skipped; not stored.
    Serial,
}

/// A field with its Chinese name, for the mapping editor.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "RosterFieldInfo")]
pub struct FieldInfo {
    /// The field described.
    pub field: Field,
    /// The field's Chinese name, as in [`Field::label`].
    pub label: String,
    /// What the field becomes in the register, in Chinese.
    pub help: String,
    /// True only for [`Field::Name`]: a mapping without it cannot import.
    pub required: bool,
}

impl Field {
    /// Every field, in the order the mapping editor lists them.
    pub const ALL: [Field; 20] = [
        Field::Name,
        Field::Address,
        Field::VillageGroup,
        Field::Grid,
        Field::GridLeader,
        Field::GridLeaderPhone,
        Field::Contact,
        Field::Phone,
        Field::IdNumber,
        Field::Residents,
        Field::Vulnerable,
        Field::VulnerableKind,
        Field::LivesAlone,
        Field::Floors,
        Field::FloorsUsed,
        Field::Area,
        Field::Nature,
        Field::Structure,
        Field::Note,
        Field::Serial,
    ];

    /// The Chinese name shown to the clerk.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "户主姓名（检查对象名称）",
            Field::Address => "地址",
            Field::VillageGroup => "村民小组",
            Field::Grid => "网格",
            Field::GridLeader => "网格长",
            Field::GridLeaderPhone => "网格长电话",
            Field::Contact => "联系人",
            Field::Phone => "联系电话",
            Field::IdNumber => "身份证号",
            Field::Residents => "居住人员总数",
            Field::Vulnerable => "弱势群体人数",
            Field::VulnerableKind => "特殊人群类别",
            Field::LivesAlone => "是否独居老人",
            Field::Floors => "建筑层数",
            Field::FloorsUsed => "使用层数",
            Field::Area => "建筑面积",
            Field::Nature => "场所性质",
            Field::Structure => "建筑结构",
            Field::Note => "备注",
            Field::Serial => "序号",
        }
    }

    fn help(self) -> &'static str {
        match self {
            Field::Name => "必填；没有姓名的行不导入",
            Field::VillageGroup => "没有“网格”列时，村民小组同时作为网格",
            Field::Grid => "按名称归入网格，没有的网格会自动建立",
            Field::GridLeader | Field::GridLeaderPhone => "网格还没有网格长时写入网格",
            Field::IdNumber => "校验不通过或存成了数字的不保存，写入备注待核",
            Field::VulnerableKind | Field::LivesAlone => {
                "标记弱势群体；独居、孤寡老人记入特殊人群名单"
            }
            Field::Note => "可以选多列，合并写入备注",
            Field::Serial => "只用来识别空行，不导入",
            _ => "",
        }
    }

    /// The field with its Chinese name, help text and whether it is required.
    pub fn info(self) -> FieldInfo {
        FieldInfo {
            field: self,
            label: self.label().to_string(),
            help: self.help().to_string(),
            required: self == Field::Name,
        }
    }

    /// Several columns may map to this field (their values are joined).
    pub fn multi(self) -> bool {
        self == Field::Note
    }
}

/// Every field, for the mapping editor.
pub fn fields() -> Vec<FieldInfo> {
    Field::ALL.iter().map(|f| f.info()).collect()
}

/// Header wordings that mean a field exactly (after [`header_key`]).
const EXACT: &[(&str, Field)] = &[
    ("户主姓名", Field::Name),
    ("户主", Field::Name),
    ("姓名", Field::Name),
    ("户主名称", Field::Name),
    ("户名", Field::Name),
    ("住户姓名", Field::Name),
    ("户主名字", Field::Name),
    ("名称", Field::Name),
    ("检查对象", Field::Name),
    ("检查对象名称", Field::Name),
    ("检查地点名称", Field::Name),
    ("检查地点对象名称", Field::Name),
    ("场所名称", Field::Name),
    ("单位名称", Field::Name),
    ("户主或场所名称", Field::Name),
    ("地址", Field::Address),
    ("住址", Field::Address),
    ("门牌号", Field::Address),
    ("门牌", Field::Address),
    ("家庭住址", Field::Address),
    ("家庭地址", Field::Address),
    ("详细地址", Field::Address),
    ("现住址", Field::Address),
    ("居住地址", Field::Address),
    ("现居住地址", Field::Address),
    ("场所地址", Field::Address),
    ("村民小组", Field::VillageGroup),
    ("组别", Field::VillageGroup),
    ("小组", Field::VillageGroup),
    ("组", Field::VillageGroup),
    ("村组", Field::VillageGroup),
    ("所属小组", Field::VillageGroup),
    ("所在小组", Field::VillageGroup),
    ("所在组", Field::VillageGroup),
    ("组名", Field::VillageGroup),
    ("网格", Field::Grid),
    ("所属网格", Field::Grid),
    ("所在网格", Field::Grid),
    ("网格名称", Field::Grid),
    ("微网格", Field::Grid),
    ("网格号", Field::Grid),
    ("网格编号", Field::Grid),
    ("网格长", Field::GridLeader),
    ("网格长姓名", Field::GridLeader),
    ("网格员", Field::GridLeader),
    ("网格员姓名", Field::GridLeader),
    ("网格长电话", Field::GridLeaderPhone),
    ("网格长联系电话", Field::GridLeaderPhone),
    ("网格员电话", Field::GridLeaderPhone),
    ("网格员联系电话", Field::GridLeaderPhone),
    ("联系人", Field::Contact),
    ("联系人姓名", Field::Contact),
    ("监护人", Field::Contact),
    ("联系电话", Field::Phone),
    ("电话", Field::Phone),
    ("手机", Field::Phone),
    ("手机号", Field::Phone),
    ("手机号码", Field::Phone),
    ("电话号码", Field::Phone),
    ("联系方式", Field::Phone),
    ("户主电话", Field::Phone),
    ("联系人电话", Field::Phone),
    ("身份证号", Field::IdNumber),
    ("身份证号码", Field::IdNumber),
    ("身份证", Field::IdNumber),
    ("公民身份号码", Field::IdNumber),
    ("户主身份证号", Field::IdNumber),
    ("户主身份证号码", Field::IdNumber),
    ("家庭人口", Field::Residents),
    ("居住人数", Field::Residents),
    ("家庭人数", Field::Residents),
    ("人口", Field::Residents),
    ("人口数", Field::Residents),
    ("人数", Field::Residents),
    ("居住人员总数", Field::Residents),
    ("居住人员", Field::Residents),
    ("常住人口", Field::Residents),
    ("常住人数", Field::Residents),
    ("在家人数", Field::Residents),
    ("家庭成员数", Field::Residents),
    ("弱势群体人数", Field::Vulnerable),
    ("弱势群体", Field::Vulnerable),
    ("其中弱势群体", Field::Vulnerable),
    ("其中弱势群体人数", Field::Vulnerable),
    ("特殊人群人数", Field::Vulnerable),
    ("特殊人群类别", Field::VulnerableKind),
    ("特殊人群", Field::VulnerableKind),
    ("特殊群体", Field::VulnerableKind),
    ("特殊群体类别", Field::VulnerableKind),
    ("弱势群体类别", Field::VulnerableKind),
    ("人员类别", Field::VulnerableKind),
    ("人员类型", Field::VulnerableKind),
    ("是否独居老人", Field::LivesAlone),
    ("独居老人", Field::LivesAlone),
    ("是否独居", Field::LivesAlone),
    ("是否孤寡独居老人", Field::LivesAlone),
    ("建筑层数", Field::Floors),
    ("层数", Field::Floors),
    ("楼层数", Field::Floors),
    ("房屋层数", Field::Floors),
    ("使用层数", Field::FloorsUsed),
    ("建筑面积", Field::Area),
    ("场所建筑面积", Field::Area),
    ("面积", Field::Area),
    ("房屋面积", Field::Area),
    ("场所性质", Field::Nature),
    ("性质", Field::Nature),
    ("房屋用途", Field::Nature),
    ("用途", Field::Nature),
    ("场所类型", Field::Nature),
    ("房屋结构", Field::Structure),
    ("建筑结构", Field::Structure),
    ("结构", Field::Structure),
    ("房屋类型", Field::Structure),
    ("备注", Field::Note),
    ("说明", Field::Note),
    ("序号", Field::Serial),
    ("编号", Field::Serial),
    ("序", Field::Serial),
    ("no", Field::Serial),
];

/// Fragments that mean a field when contained in a longer header, tried in this order
/// (more specific first: 网格长电话 before 网格, 身份证 before 户主, 使用层数 before 层数).
const CONTAINS: &[(&str, Field)] = &[
    ("网格长电话", Field::GridLeaderPhone),
    ("网格员电话", Field::GridLeaderPhone),
    ("网格长手机", Field::GridLeaderPhone),
    ("网格长", Field::GridLeader),
    ("网格员", Field::GridLeader),
    ("网格", Field::Grid),
    ("身份证", Field::IdNumber),
    ("身份号码", Field::IdNumber),
    ("独居", Field::LivesAlone),
    ("类别", Field::VulnerableKind),
    ("特殊人群", Field::VulnerableKind),
    ("弱势群体", Field::Vulnerable),
    ("使用层数", Field::FloorsUsed),
    ("层数", Field::Floors),
    ("面积", Field::Area),
    ("结构", Field::Structure),
    ("性质", Field::Nature),
    ("电话", Field::Phone),
    ("手机", Field::Phone),
    ("联系方式", Field::Phone),
    ("联系人", Field::Contact),
    ("人口", Field::Residents),
    ("人数", Field::Residents),
    ("住址", Field::Address),
    ("地址", Field::Address),
    ("门牌", Field::Address),
    ("小组", Field::VillageGroup),
    ("组别", Field::VillageGroup),
    ("姓名", Field::Name),
    ("户主", Field::Name),
    ("名称", Field::Name),
    ("备注", Field::Note),
    ("序号", Field::Serial),
];

/// A header cell reduced for matching: half-width, no white space or line breaks, no
/// bracketed remarks ("联系电话（手机）" -> "联系电话"), no "*"/":", lower case.
pub fn header_key(s: &str) -> String {
    let half = text::to_half_width(s);
    let mut out = String::new();
    let mut depth = 0;
    for c in half.chars() {
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = (depth - 1).max(0),
            _ if depth > 0 => {}
            c if c.is_whitespace() => {}
            '*' | ':' | '、' | '/' | '\\' | '"' | '“' | '”' | '.' | '。' | '-' | '_' => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    // "检查地点(对象)名称" keeps its meaning without the bracket: match the bracket-less form
    // and, failing that, the form with the bracketed words kept.
    out
}

fn header_key_keep_brackets(s: &str) -> String {
    text::to_half_width(s)
        .chars()
        .filter(|c| !c.is_whitespace() && !"()[]【】〔〕*:\"“”".contains(*c))
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// The field a header cell means, if it is clear.
pub fn match_header(s: &str) -> Option<Field> {
    let keys = [header_key(s), header_key_keep_brackets(s)];
    for k in &keys {
        if k.is_empty() {
            continue;
        }
        if let Some((_, f)) = EXACT.iter().find(|(w, _)| w == k) {
            return Some(*f);
        }
    }
    let k = &keys[0];
    if k.is_empty() || k.chars().count() > 20 {
        return None;
    }
    CONTAINS
        .iter()
        .find(|(w, _)| k.contains(w))
        .map(|(_, f)| *f)
}

/// Rows searched for the header.
pub const HEADER_SEARCH_ROWS: u32 = 15;

/// A detected header: the Excel rows it spans and the field of each column.
#[derive(Debug, Clone)]
pub struct Header {
    /// First header row (a two-level header has a parent row above the sub-headers).
    pub first_row: u32,
    /// Last header row; data starts below it.
    pub last_row: u32,
    /// (column, header text, detected field), for every column with a header text.
    pub columns: Vec<(u32, String, Option<Field>)>,
}

impl Header {
    /// How many distinct fields were recognised.
    pub fn score(&self) -> usize {
        let mut seen: Vec<Field> = self.columns.iter().filter_map(|c| c.2).collect();
        seen.sort_by_key(|f| *f as u8);
        seen.dedup();
        seen.len()
    }

    /// True when some header column was detected as field `f`.
    pub fn has(&self, f: Field) -> bool {
        self.columns.iter().any(|c| c.2 == Some(f))
    }
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.trim().to_string(),
        _ => String::new(),
    }
}

/// The field of a header text, exact wordings only.
fn match_exact(s: &str) -> Option<Field> {
    let keys = [header_key(s), header_key_keep_brackets(s)];
    keys.iter()
        .filter(|k| !k.is_empty())
        .find_map(|k| EXACT.iter().find(|(w, _)| w == k).map(|(_, f)| *f))
}

/// The header as one row: each column's shown text (merged cells show their top-left value).
fn single_row(sheet: &Sheet, row: u32) -> Header {
    let mut columns = Vec::new();
    for col in 1..=sheet.width() {
        let t = cell_text(sheet.shown(row, col));
        if !t.is_empty() {
            let f = match_header(&t);
            columns.push((col, t, f));
        }
    }
    Header {
        first_row: row,
        last_row: row,
        columns,
    }
}

/// The parent text over a sub-header cell: the shown text of the parent row, or for files
/// without merge information (.ods, .csv) the nearest text to the left in the parent row
/// when the parent cell itself is blank.
fn parent_text(sheet: &Sheet, parent: u32, col: u32) -> String {
    let t = cell_text(sheet.shown(parent, col));
    if !t.is_empty() || !sheet.merges.is_empty() {
        return t;
    }
    (1..col)
        .rev()
        .map(|c| cell_text(sheet.cell(parent, c)))
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

/// True when `sub` is the second row of a two-level header under `parent` (e.g. 居住人员
/// merged over 总数 | 其中弱势群体): it holds only text, and most of its own cells name a
/// field, alone or together with their parent text.
fn is_subheader(sheet: &Sheet, parent: u32, sub: u32) -> bool {
    if parent == 0 || sheet.row_is_blank(sub) || sheet.row_is_blank(parent) {
        return false;
    }
    // A title row (one cell, often merged across the sheet) is not a parent header.
    if sheet.row(parent).iter().filter(|c| !c.is_blank()).count() < 2 {
        return false;
    }
    let own: Vec<(u32, &Cell)> = sheet
        .row(sub)
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_blank())
        .map(|(i, c)| (i as u32 + 1, c))
        .collect();
    if own.is_empty() || own.iter().any(|(_, c)| !matches!(c, Cell::Text(_))) {
        return false;
    }
    let matched = own
        .iter()
        .filter(|(col, c)| {
            let t = c.text();
            let up = parent_text(sheet, parent, *col);
            match_exact(&t).is_some()
                || (!up.is_empty() && match_exact(&format!("{up}{t}")).is_some())
        })
        .count();
    matched >= 1 && matched * 2 >= own.len()
}

/// The header spanning `parent` (the first row) and `sub` (the last row).
fn two_rows(sheet: &Sheet, parent: u32, sub: u32) -> Header {
    let mut columns = Vec::new();
    for col in 1..=sheet.width() {
        let own = cell_text(sheet.cell(sub, col));
        let up = parent_text(sheet, parent, col);
        if !own.is_empty() {
            let f = match_header(&own).or_else(|| {
                if up.is_empty() {
                    None
                } else {
                    match_header(&format!("{up}{own}"))
                }
            });
            let text = if up.is_empty() || up == own {
                own
            } else {
                format!("{up} / {own}")
            };
            columns.push((col, text, f));
        } else {
            // Merged down from the parent row, or a single-level column.
            let t = cell_text(sheet.shown(parent, col));
            let t = if t.is_empty() {
                cell_text(sheet.shown(sub, col))
            } else {
                t
            };
            if !t.is_empty() {
                let f = match_header(&t);
                columns.push((col, t, f));
            }
        }
    }
    Header {
        first_row: parent,
        last_row: sub,
        columns,
    }
}

/// The header whose last row is `row` as the clerk chose it (a two-level header when the
/// row above is its parent).
pub fn header_at(sheet: &Sheet, row: u32) -> Header {
    if row > 1 && is_subheader(sheet, row - 1, row) {
        two_rows(sheet, row - 1, row)
    } else {
        single_row(sheet, row)
    }
}

/// Finds the header among the first `HEADER_SEARCH_ROWS` (15) rows: the row that names the
/// most fields, one of them the name, extended to a two-level header when the row below
/// (or above) is a sub-header row. Title rows, blank rows and notes above it are passed over.
pub fn detect_header(sheet: &Sheet) -> Option<Header> {
    let mut best: Option<Header> = None;
    let last = sheet.height().min(HEADER_SEARCH_ROWS);
    for row in 1..=last {
        if sheet.row_is_blank(row) {
            continue;
        }
        let h = single_row(sheet, row);
        if !h.has(Field::Name) || h.score() < 2 {
            continue;
        }
        if best.as_ref().is_none_or(|b| h.score() > b.score()) {
            best = Some(h);
        }
    }
    let best = best?;
    let r = best.last_row;
    if is_subheader(sheet, r, r + 1) {
        Some(two_rows(sheet, r, r + 1))
    } else if r > 1 && is_subheader(sheet, r - 1, r) {
        Some(two_rows(sheet, r - 1, r))
    } else {
        Some(best)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wordings() {
        assert_eq!(match_header("户主姓名"), Some(Field::Name));
        assert_eq!(match_header("户 主\n姓 名"), Some(Field::Name));
        assert_eq!(match_header("检查地点（对象）名称"), Some(Field::Name));
        assert_eq!(match_header("组别"), Some(Field::VillageGroup));
        assert_eq!(match_header("门牌号"), Some(Field::Address));
        assert_eq!(match_header("联系电话\n（手机）"), Some(Field::Phone));
        assert_eq!(match_header("手机号"), Some(Field::Phone));
        assert_eq!(match_header("身份证号码"), Some(Field::IdNumber));
        assert_eq!(match_header("户主身份证号码"), Some(Field::IdNumber));
        assert_eq!(match_header("家庭人口"), Some(Field::Residents));
        assert_eq!(match_header("居住人数（人）"), Some(Field::Residents));
        assert_eq!(match_header("弱势群体人数"), Some(Field::Vulnerable));
        assert_eq!(match_header("特殊人群类别"), Some(Field::VulnerableKind));
        assert_eq!(match_header("是否独居老人"), Some(Field::LivesAlone));
        assert_eq!(match_header("房屋结构"), Some(Field::Structure));
        assert_eq!(match_header("建筑层数"), Some(Field::Floors));
        assert_eq!(match_header("使用层数"), Some(Field::FloorsUsed));
        assert_eq!(match_header("场所性质"), Some(Field::Nature));
        assert_eq!(match_header("网格"), Some(Field::Grid));
        assert_eq!(match_header("网格长"), Some(Field::GridLeader));
        assert_eq!(match_header("网格长电话"), Some(Field::GridLeaderPhone));
        assert_eq!(match_header("序号"), Some(Field::Serial));
        assert_eq!(match_header("出生日期"), None);
        assert_eq!(match_header("走访日期"), None);
        assert_eq!(match_header(""), None);
    }
}
