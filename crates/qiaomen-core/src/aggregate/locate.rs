//! Finding the table on a sheet: the column holding most of the seven 行动名称 gives the
//! rows, the header words above them give the six number columns.

use super::cells::{header_hit, HeaderHit};
use crate::category::Category;
use crate::sheet::{Cell, Sheet};
use crate::stats::Column;
use std::collections::BTreeMap;

/// Where the table is on its sheet.
pub(super) struct Located {
    /// The column of the 行动名称.
    pub label_col: u32,
    /// The row of each 行动名称 found.
    pub rows: BTreeMap<&'static str, u32>,
    /// The column of each number, in [`Column::ALL`] order.
    pub cols: [u32; 6],
    /// The first row of the header.
    pub header_top: u32,
    /// Rows the table lacks (counted as 0).
    pub notes: Vec<String>,
}

/// Finds the seven rows and six columns on a sheet, or says why it is not the table.
pub(super) fn locate(sheet: &Sheet) -> std::result::Result<Located, String> {
    // Rows: cells whose whole text is a 行动名称, grouped by column.
    let mut by_col: BTreeMap<u32, BTreeMap<&'static str, u32>> = BTreeMap::new();
    let mut notes = Vec::new();
    for (r, cells) in sheet.rows() {
        for (j, c) in cells.iter().enumerate() {
            if let Cell::Text(s) = c {
                if let Some(cat) = Category::parse(s).map(Category::name) {
                    by_col
                        .entry(j as u32 + 1)
                        .or_default()
                        .entry(cat)
                        .or_insert(r);
                }
            }
        }
    }
    let Some((label_col, rows)) = by_col
        .into_iter()
        .max_by_key(|(c, m)| (m.len(), u32::MAX - c))
    else {
        return Err("没有找到“防煤气中毒事故”“防燃气爆炸事故”等行动名称".into());
    };
    if rows.len() < 4 {
        return Err(format!(
            "只找到 {} 个行动名称（{}），统计表应有 7 行",
            rows.len(),
            rows.keys().copied().collect::<Vec<_>>().join("、")
        ));
    }
    for c in Category::NAMES {
        if !rows.contains_key(c) {
            notes.push(format!("表中没有“{c}”一行，按 0 计。"));
        }
    }
    let first_row = rows.values().copied().min().unwrap_or(1);

    // Columns: header cells above the first row, right of the names.
    let top = first_row.saturating_sub(8).max(1);
    let mut found: [Option<(u32, u32)>; 6] = [None; 6]; // (row, col)
    let mut rect: Vec<(u32, u32)> = Vec::new();
    for r in top..first_row {
        for (j, c) in sheet.row(r).iter().enumerate() {
            let col = j as u32 + 1;
            if col <= label_col {
                continue;
            }
            let Cell::Text(s) = c else { continue };
            match header_hit(s) {
                Some(HeaderHit::Col(k)) => {
                    let i = k as usize;
                    // The header nearest the rows wins; on the same row the leftmost.
                    if found[i].is_none_or(|(fr, _)| r > fr) {
                        found[i] = Some((r, col));
                    }
                }
                Some(HeaderHit::Rectified) => rect.push((r, col)),
                None => {}
            }
        }
    }
    rect.sort_by_key(|(_, c)| *c);
    let major_col = found[Column::Major as usize].map(|(_, c)| c);
    let hazards_col = found[Column::Hazards as usize].map(|(_, c)| c);
    for &(r, c) in &rect {
        let slot = match (major_col, hazards_col) {
            (Some(m), _) if c > m => Column::MajorRectified,
            (Some(m), Some(h)) if c > h && c < m => Column::Rectified,
            (None, _) | (_, None) => {
                if found[Column::Rectified as usize].is_none() {
                    Column::Rectified
                } else {
                    Column::MajorRectified
                }
            }
            _ => continue,
        };
        if found[slot as usize].is_none() {
            found[slot as usize] = Some((r, c));
        }
    }
    let mut cols = [0u32; 6];
    let mut missing = Vec::new();
    for (i, k) in Column::ALL.iter().enumerate() {
        match found[i] {
            Some((_, c)) => cols[i] = c,
            None => missing.push(match k {
                Column::Sessions => "次数",
                Column::People => "人数",
                Column::Hazards => "隐患总数",
                Column::Rectified => "整改",
                Column::Major => "重大隐患",
                Column::MajorRectified => "重大隐患的整改",
            }),
        }
    }
    if !missing.is_empty() {
        return Err(format!("表头中没有找到“{}”列", missing.join("”“")));
    }
    let mut seen = cols.to_vec();
    seen.sort_unstable();
    seen.dedup();
    if seen.len() != 6 {
        return Err("表头的列无法区分（两个栏目落在同一列）".into());
    }
    let header_top = found
        .iter()
        .flatten()
        .map(|(r, _)| *r)
        .min()
        .unwrap_or(first_row);
    Ok(Located {
        label_col,
        rows,
        cols,
        header_top,
        notes,
    })
}
