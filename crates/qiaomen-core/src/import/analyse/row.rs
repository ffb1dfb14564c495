//! One data row into a household ready to be written: each field's cell found (merged
//! values filled down), read and tidied, checked as the register checks it, with a warning
//! for what cannot be stored and a note for what was tidied.

use super::classify::not_a_household;
use super::values::{
    cell_cow, cell_str, parse_area, parse_count, parse_kinds, parse_phones, parse_yes, tidy,
    tidy_name, ALONE,
};
use super::{Candidate, FieldSet, Outcome, RowCtx};
use crate::households::{self, HouseholdInput};
use crate::import::fields::Field;
use crate::import::report::FieldNote;
use crate::sheet::{self, Cell, Sheet};
use crate::{text, validate};

/// Looks at one data row: classifies, normalises and validates it.
pub(crate) fn analyse_row(ctx: &RowCtx, sheet: &Sheet, row: u32) -> Outcome {
    if let Some(outcome) = not_a_household(ctx, sheet, row) {
        return outcome;
    }
    let cells = FieldCells::gather(ctx, sheet, row);
    let mut notes = Notes {
        row,
        warnings: Vec::new(),
        normalised: Vec::new(),
        remarks: Vec::new(),
    };
    let name = match head_name(ctx, &cells, &mut notes) {
        Ok(name) => name,
        Err(reason) => return Outcome::Rejected(reason),
    };
    let mut h = HouseholdInput {
        name,
        ..Default::default()
    };
    if h.name.contains(['?', '？', '\u{FFFD}']) {
        notes.warn(
            Field::Name,
            format!(
                "名称“{}”里有问号：多半是表格另存为 GBK 等编码时丢失的生僻字。本户照常导入，请对照纸质花名册改正",
                h.name
            ),
        );
    }
    text_fields(&mut h, &cells, &mut notes);
    // 村民小组 / 网格: merged or written once per block -> carried down.
    h.village_group = group_like(ctx, sheet, &cells, Field::VillageGroup, &mut notes);
    let mut grid = group_like(ctx, sheet, &cells, Field::Grid, &mut notes);
    if grid.is_empty() && !ctx.is_mapped[Field::Grid as usize] {
        // Rosters often carry only the 村民小组: it serves as the grid.
        grid = h.village_group.clone();
    }
    let mut grid_leader = tidy_name(&cell_cow(cells.get(Field::GridLeader)));
    // One column for both, "第1网格/万秀兰" (a header such as 网格/网格长): split it.
    if !ctx.is_mapped[Field::Grid as usize] {
        if let Some((g, leader)) = split_grid_and_leader(&grid_leader) {
            grid = g;
            grid_leader = leader;
        }
    } else if !ctx.is_mapped[Field::GridLeader as usize] {
        if let Some((g, leader)) = split_grid_and_leader(&grid) {
            grid = g;
            grid_leader = leader;
        }
    }
    let grid_leader_phone = grid_leader_phone(cells.get(Field::GridLeaderPhone), &mut notes);
    phone(&mut h, cells.get(Field::Phone), &mut notes);
    id_number(&mut h, cells.get(Field::IdNumber), &mut notes);
    counts(&mut h, &cells, &mut notes);
    let person_categories = vulnerable(ctx, &mut h, &cells, &mut notes);
    // Notes from 备注 columns, then the flags above.
    let mut note_parts: Vec<String> = cells
        .notes
        .iter()
        .map(|c| text::clean(&cell_str(c)))
        .filter(|s| !s.is_empty())
        .collect();
    note_parts.extend(notes.remarks);
    h.note = note_parts.join("；").trim().to_string();
    let provided = provided(&h, &grid);
    Outcome::Row(
        Box::new(Candidate {
            id: String::new(),
            initials: text::pinyin_initials(&h.name),
            input: h,
            grid,
            grid_leader,
            grid_leader_phone,
            person_categories,
            provided,
        }),
        notes.warnings,
        notes.normalised,
    )
}

/// "第1网格/万秀兰" -> ("第1网格", "万秀兰"): a grid and its leader in one cell, split at
/// the first slash when both halves hold something.
fn split_grid_and_leader(v: &str) -> Option<(String, String)> {
    let (g, leader) = v.split_once(['/', '／', '\\'])?;
    let (g, leader) = (tidy(g), tidy_name(leader));
    (!g.is_empty() && !leader.is_empty()).then_some((g, leader))
}

static EMPTY: Cell = Cell::Empty;

/// Each field's cell in a row: the first column of a field (备注 may have several), a
/// blank cell taking the value merged down into it.
struct FieldCells<'s> {
    values: [Option<&'s Cell>; Field::ALL.len()],
    notes: Vec<&'s Cell>,
}

impl<'s> FieldCells<'s> {
    fn gather(ctx: &RowCtx, sheet: &'s Sheet, row: u32) -> FieldCells<'s> {
        let mut cells = FieldCells {
            values: [None; Field::ALL.len()],
            notes: Vec::new(),
        };
        for (col, f) in &ctx.mapped {
            let mut c = sheet.cell(row, *col);
            if c.is_blank() {
                if let Some(m) = ctx.merged_value(sheet, row, *col) {
                    c = m;
                }
            }
            if *f == Field::Note {
                cells.notes.push(c);
            } else if cells.values[*f as usize].is_none() {
                cells.values[*f as usize] = Some(c);
            }
        }
        cells
    }

    /// The field's cell (empty when the field is not mapped).
    fn get(&self, f: Field) -> &'s Cell {
        self.values[f as usize].unwrap_or(&EMPTY)
    }
}

/// What the analysis of a row says besides the household.
struct Notes {
    row: u32,
    /// Imported, but something needs the clerk's attention.
    warnings: Vec<FieldNote>,
    /// Values tidied on the way in.
    normalised: Vec<FieldNote>,
    /// Remarks for the household's note (其他电话, 身份证号待核 …).
    remarks: Vec<String>,
}

impl Notes {
    fn warn(&mut self, field: Field, message: String) {
        self.warnings.push(FieldNote {
            row: self.row,
            field,
            message,
        });
    }

    fn tidied(&mut self, field: Field, message: String) {
        self.normalised.push(FieldNote {
            row: self.row,
            field,
            message,
        });
    }
}

/// The name of the household's head, tidied; Err(reason) when the row cannot be a
/// household without it.
fn head_name(ctx: &RowCtx, cells: &FieldCells, notes: &mut Notes) -> Result<String, String> {
    let name_cell = cells.get(Field::Name);
    if name_cell.is_blank() {
        return Err(format!(
            "没有{}，无法作为一户导入（{} 列为空）",
            Field::Name.label(),
            sheet::cell_address(notes.row, ctx.name_col)
        ));
    }
    if let Cell::Number(n) = name_cell {
        return Err(format!(
            "{}是数字“{}”，看起来不是姓名或名称，请核对这一行的列是否错位",
            Field::Name.label(),
            sheet::number_text(*n)
        ));
    }
    let raw_name = cell_cow(name_cell);
    let name = tidy_name(&raw_name);
    // The register's own rules (households::normalize) hold for every candidate: the
    // values are cleaned the same way, and a test checks that normalize leaves them
    // unchanged. The name length is the one rule not covered by the cleaning.
    if name.chars().count() > 100 {
        return Err(format!("{}太长（最多 100 个字）", Field::Name.label()));
    }
    if name != raw_name.trim() {
        notes.tidied(Field::Name, format!("“{}”整理为“{name}”", raw_name.trim()));
    }
    Ok(name)
}

/// The plain text fields: address, nature, floors used, contact, structure (砖混 ->
/// 砖混结构).
fn text_fields(h: &mut HouseholdInput, cells: &FieldCells, notes: &mut Notes) {
    let plain = |f: Field| tidy(&cell_cow(cells.get(f)));
    h.address = plain(Field::Address);
    h.nature = plain(Field::Nature);
    h.floors_used = plain(Field::FloorsUsed);
    h.contact = tidy_name(&cell_cow(cells.get(Field::Contact)));
    let structure = plain(Field::Structure);
    h.structure = match households::STRUCTURES
        .iter()
        .find(|s| **s == format!("{structure}结构"))
    {
        Some(full) => {
            notes.tidied(Field::Structure, format!("“{structure}”整理为“{full}”"));
            full.to_string()
        }
        None => structure,
    };
}

/// 村民小组 or 网格: the cell's value, else the value carried down from the block's first
/// row (merged, or written once per block); empty when the field is not mapped.
fn group_like(
    ctx: &RowCtx,
    sheet: &Sheet,
    cells: &FieldCells,
    f: Field,
    notes: &mut Notes,
) -> String {
    if !ctx.is_mapped[f as usize] {
        return String::new();
    }
    let v = tidy(&cell_cow(cells.get(f)));
    if v.is_empty() {
        if let Some(prev) = ctx.carried(sheet, notes.row, f) {
            notes.tidied(
                f,
                format!(
                    "{}为空，按上一户填为“{prev}”（同一组只在第一行填写或合并了单元格）",
                    f.label()
                ),
            );
            return prev;
        }
    }
    v
}

/// The grid leader's phone; not kept when it is not a phone number.
fn grid_leader_phone(cell: &Cell, notes: &mut Notes) -> String {
    let raw = cell_str(cell);
    let p = validate::normalize_phone(&raw);
    if !p.is_empty() && validate::check_phone(&p).is_err() {
        notes.warn(
            Field::GridLeaderPhone,
            format!("网格长电话“{}”格式不对，未保存", raw.trim()),
        );
        String::new()
    } else {
        p
    }
}

/// The phone: the first valid number of the cell, the others into the note; a cell with
/// no valid number goes into the note to be checked.
fn phone(h: &mut HouseholdInput, cell: &Cell, notes: &mut Notes) {
    if cell.is_blank() {
        return;
    }
    let raw = match cell {
        Cell::Text(t) => t.clone(),
        other => cell_str(other),
    };
    let (first, others) = parse_phones(&raw);
    let Some(p) = first else {
        let shown = raw.trim().to_string();
        let why = if matches!(cell, Cell::Number(_)) && !shown.starts_with('1') {
            "（存成数字后区号前的 0 可能已丢失）"
        } else {
            ""
        };
        notes.warn(
            Field::Phone,
            format!("联系电话“{shown}”格式不对{why}，未保存为电话，已写入备注待核"),
        );
        notes.remarks.push(format!("电话待核：{shown}"));
        return;
    };
    if p != raw.trim() {
        notes.tidied(Field::Phone, format!("“{}”整理为“{p}”", raw.trim()));
    }
    if !others.is_empty() {
        notes
            .remarks
            .push(format!("其他电话：{}", others.join("、")));
        notes.tidied(
            Field::Phone,
            format!(
                "有多个号码，第一个作为联系电话，其余写入备注：{}",
                others.join("、")
            ),
        );
    }
    h.phone = p;
}

/// The ID number, stored only when it is a valid one. An ID stored as a number has lost
/// its last digits; an ID with a bad check digit goes into the note; either way the
/// household is imported and a warning says so.
fn id_number(h: &mut HouseholdInput, cell: &Cell, notes: &mut Notes) {
    match cell {
        Cell::Empty => {}
        // 15 digits fit Excel's 15 significant digits exactly: a first-generation ID, checked
        // as one (its birth date), not an 18-digit one that lost its end.
        Cell::Number(n) if (1e14..1e15).contains(n) && n.fract() == 0.0 => {
            id_text(h, &sheet::number_text(*n), notes)
        }
        Cell::Number(n) if *n >= 1e15 => {
            notes.warn(
                Field::IdNumber,
                format!(
                    "身份证号在表格里存成了数字（显示为 {}），Excel 只保留 15 位有效数字，后几位已经丢失、无法恢复；本户照常导入，身份证号没有保存，请补录",
                    sheet::number_text(*n)
                ),
            );
            notes
                .remarks
                .push("身份证号待补录（原表格中存成了数字，已失真）".into());
        }
        Cell::Number(n) => {
            notes.warn(
                Field::IdNumber,
                format!(
                    "身份证号“{}”位数不对，没有保存，已写入备注待核",
                    sheet::number_text(*n)
                ),
            );
            notes
                .remarks
                .push(format!("身份证号待核：{}", sheet::number_text(*n)));
        }
        other => id_text(h, &other.text(), notes),
    }
}

/// An ID number written as text (or as scientific notation, "1.10105E+17").
fn id_text(h: &mut HouseholdInput, raw: &str, notes: &mut Notes) {
    let id = validate::normalize_id(raw);
    let scientific = id.contains("E+")
        && id
            .replace(['.', 'E', '+'], "")
            .chars()
            .all(|c| c.is_ascii_digit());
    if scientific {
        notes.warn(
            Field::IdNumber,
            format!(
                "身份证号“{}”是科学计数法（表格中存成了数字），后几位已经丢失、无法恢复；本户照常导入，身份证号没有保存，请补录",
                raw.trim()
            ),
        );
        notes
            .remarks
            .push("身份证号待补录（原表格中存成了数字，已失真）".into());
        return;
    }
    if id.is_empty() {
        return;
    }
    match validate::check_id_number(&id) {
        Ok(()) => {
            if id != raw.trim() {
                notes.tidied(Field::IdNumber, format!("“{}”整理为“{id}”", raw.trim()));
            }
            h.id_number = id;
        }
        Err(why) => {
            notes.warn(
                Field::IdNumber,
                format!("{why}（“{id}”）；本户照常导入，身份证号没有保存，已写入备注待核"),
            );
            notes.remarks.push(format!("身份证号待核：{id}（{why}）"));
        }
    }
}

/// The counts (居住人员, 弱势群体, 层数) and the area; a value that cannot be one is not
/// imported, with a warning.
fn counts(h: &mut HouseholdInput, cells: &FieldCells, notes: &mut Notes) {
    let mut count = |f: Field| -> Option<i64> {
        match parse_count(cells.get(f)) {
            Ok(Some(n)) if n > 100_000 => {
                notes.warn(
                    f,
                    format!("{}（{n}）太大，没有导入这一项，请核对", f.label()),
                );
                None
            }
            Ok(v) => v,
            Err(why) => {
                notes.warn(f, format!("{}：{why}，没有导入这一项", f.label()));
                None
            }
        }
    };
    h.residents = count(Field::Residents);
    h.vulnerable = count(Field::Vulnerable);
    h.floors = count(Field::Floors);
    h.area = match parse_area(cells.get(Field::Area)) {
        Ok(v) => v,
        Err(why) => {
            notes.warn(
                Field::Area,
                format!("{}：{why}，没有导入这一项", Field::Area.label()),
            );
            None
        }
    };
}

/// Vulnerable people (see [`crate::import::VULNERABLE_DECISION`]): the categories for a
/// `people` row when the head lives alone (returned), the others into the note, and the
/// household's count at least 1 when any is named.
fn vulnerable(
    ctx: &RowCtx,
    h: &mut HouseholdInput,
    cells: &FieldCells,
    notes: &mut Notes,
) -> Vec<String> {
    let mut kinds = parse_kinds(&cell_cow(cells.get(Field::VulnerableKind)));
    match parse_yes(cells.get(Field::LivesAlone)) {
        Ok(Some(true)) => {
            if !kinds
                .iter()
                .any(|k| k.contains("独居") || k.contains("孤寡"))
            {
                kinds.insert(0, "独居老人".into());
            }
        }
        Ok(_) => {}
        Err(why) => notes.warn(
            Field::LivesAlone,
            format!("是否独居老人：{why}，没有导入这一项"),
        ),
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
        let mut c = canonical;
        c.sort_by_key(|x| ctx.groups.position(x));
        c
    } else {
        Vec::new()
    };
    if !alone && !kinds.is_empty() {
        notes
            .remarks
            .push(format!("特殊人群：{}", kinds.join("、")));
    }
    if !kinds.is_empty() {
        match h.vulnerable {
            None => h.vulnerable = Some(1),
            Some(0) => {
                notes.warn(
                    Field::Vulnerable,
                    format!(
                        "弱势群体人数为 0，但特殊人群类别为“{}”，按 1 人导入",
                        kinds.join("、")
                    ),
                );
                h.vulnerable = Some(1);
            }
            _ => {}
        }
    }
    if let (Some(r), Some(v)) = (h.residents, h.vulnerable) {
        if v > r {
            notes.warn(
                Field::Vulnerable,
                format!("弱势群体人数（{v}）多于居住人员总数（{r}），弱势群体人数没有导入，请核对"),
            );
            h.vulnerable = None;
        }
    }
    person_categories
}

/// The fields the roster filled in (a blank cell never erases stored data).
fn provided(h: &HouseholdInput, grid: &str) -> FieldSet {
    let mut provided = FieldSet::default();
    for (f, present) in [
        (Field::Address, !h.address.is_empty()),
        (Field::VillageGroup, !h.village_group.is_empty()),
        (Field::Grid, !grid.is_empty()),
        (Field::Contact, !h.contact.is_empty()),
        (Field::Phone, !h.phone.is_empty()),
        (Field::IdNumber, !h.id_number.is_empty()),
        (Field::Residents, h.residents.is_some()),
        (Field::Vulnerable, h.vulnerable.is_some()),
        (Field::Floors, h.floors.is_some()),
        (Field::FloorsUsed, !h.floors_used.is_empty()),
        (Field::Area, h.area.is_some()),
        (Field::Nature, !h.nature.is_empty()),
        (Field::Structure, !h.structure.is_empty()),
        (Field::Note, !h.note.is_empty()),
    ] {
        if present {
            provided.insert(f);
        }
    }
    provided
}
