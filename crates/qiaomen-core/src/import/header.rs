//! The header and the mapping in force: the header row detected (or the one the clerk
//! pointed at), each column's field, the clerk's changes to it, and the checks that make a
//! mapping usable (a name column; one column per field, 备注 excepted).

use super::fields::{self, detect_header, header_at, Field};
use super::report::{ColumnInfo, ImportOptions};
use crate::error::{Error, Result};
use crate::sheet::{self, Sheet};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

/// The mapping in force: header rows and each column's field.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mapping {
    pub(crate) first_row: u32,
    pub(crate) last_row: u32,
    pub(crate) columns: Vec<ColumnInfo>,
}

impl Mapping {
    pub(crate) fn cols_of(&self, f: Field) -> Vec<u32> {
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
pub(crate) fn raw_mapping(sheet: &Sheet, opts: &ImportOptions) -> Result<Mapping> {
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
pub(crate) fn check_mapping(m: &Mapping) -> Result<()> {
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
