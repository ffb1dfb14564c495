//! Row analysis: each data row below the header classified (blank, footer, repeated header,
//! only a 序号 — [`classify`]), its cells read as the clerk meant them ([`values`]), and
//! turned into a household ready to be written, with its warnings and what was tidied
//! ([`row`]). What every row's analysis shares — the mapping's columns, values merged down
//! from above, the 村民小组/网格 carried down a block — is prepared once in [`RowCtx`].
//!
//! The analysis of a row looks only at that row and the rows above it, so a sheet can be
//! analysed while it is still being read ([`RowCtx::extend`] prepares rows as they come).

mod classify;
mod row;
mod values;

pub(crate) use row::analyse_row;

use super::fields::{self, Field};
use super::header::{check_mapping, raw_mapping, Mapping};
use super::report::{FieldNote, ImportOptions};
use crate::error::Result;
use crate::sheet::{Cell, MergedRange, Sheet};
use crate::{households, text};
use foldhash::{HashMap, HashMapExt};
use values::cell_str;

/// A set of fields (which ones a row filled in).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FieldSet(u32);

impl FieldSet {
    pub(crate) fn insert(&mut self, f: Field) {
        self.0 |= 1 << (f as u32);
    }
    pub(crate) fn contains(&self, f: &Field) -> bool {
        self.0 & (1 << (*f as u32)) != 0
    }
}

/// A roster row ready to be written.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// The new household's id (given when it is added).
    pub(crate) id: String,
    /// Pinyin initials of the name, for search.
    pub(crate) initials: String,
    pub(crate) input: households::HouseholdInput,
    pub(crate) grid: String,
    pub(crate) grid_leader: String,
    pub(crate) grid_leader_phone: String,
    /// Categories for a `people` row (the head lives alone), empty when none.
    pub(crate) person_categories: Vec<String>,
    /// What the roster filled in (a blank cell never erases stored data).
    pub(crate) provided: FieldSet,
}

impl Candidate {
    /// Everything that is imported, to recognise exact duplicates.
    pub(crate) fn content_key(&self) -> String {
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
pub(crate) fn identity_key(name: &str, address: &str, group: &str, phone: &str) -> String {
    if address.is_empty() {
        format!("{name}\u{1f}\u{1f}{group}\u{1f}{phone}")
    } else {
        format!("{name}\u{1f}{address}")
    }
}

/// What one data row turned out to be.
pub(crate) enum Outcome {
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
pub(crate) struct RowCtx {
    mapped: Vec<(u32, Field)>,
    header_texts: HashMap<u32, String>,
    name_col: u32,
    serial_cols: Vec<u32>,
    /// Merged ranges that start inside the data area and span rows.
    data_merges: Vec<MergedRange>,
    merged_down: HashMap<(u32, u32), (u32, u32)>,
    is_mapped: [bool; Field::ALL.len()],
    /// For 村民小组 and 网格: per data row from `data_start`, the row whose value a blank
    /// cell takes (0 = none).
    carry_group: Vec<u32>,
    carry_grid: Vec<u32>,
    /// The latest prepared row with a 村民小组 / 网格 value (0 = none).
    last_group: u32,
    last_grid: u32,
    pub(crate) data_start: u32,
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
    pub(crate) fn extend(&mut self, sheet: &Sheet, upto: u32) {
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

/// The analysis set up for a sheet and mapping; no row prepared yet ([`RowCtx::extend`]).
pub(crate) fn prepare(
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
pub(crate) fn prepare_all(
    sheet: &Sheet,
    opts: &ImportOptions,
    groups: &crate::people::Groups,
) -> Result<(Mapping, RowCtx)> {
    let (mapping, mut ctx) = prepare(sheet, opts, groups)?;
    ctx.extend(sheet, sheet.height());
    Ok((mapping, ctx))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Source;

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
}
