//! One sheet in memory, addressed by the row and column numbers the clerk sees in Excel.

use crate::cell::{Cell, MergedRange};

static EMPTY: Cell = Cell::Empty;

/// One row of a sheet as it is read: its Excel row number and its cells from column A.
pub type RowCells = (u32, Vec<Cell>);

/// One sheet in memory. Row `r`, column `c` (both 1-based) is `cell(r, c)`.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// The sheet's name in the workbook (a CSV's is the file's name without extension).
    pub name: String,
    /// rows[r - 1][c - 1]; rows may be shorter than `width()` (missing cells are empty).
    rows: Vec<Vec<Cell>>,
    /// The merged ranges (.xlsx and .xls only: calamine gives none for .ods, CSV has none).
    pub merges: Vec<MergedRange>,
}

impl Sheet {
    /// A sheet from rows of cells starting at A1 (tests and generated sheets).
    pub fn from_rows(name: impl Into<String>, rows: Vec<Vec<Cell>>) -> Sheet {
        let mut s = Sheet {
            name: name.into(),
            rows,
            merges: Vec::new(),
        };
        s.trim();
        s
    }

    /// An empty sheet named `name`, to be filled by the readers.
    pub(crate) fn named(name: &str) -> Sheet {
        Sheet {
            name: name.to_string(),
            ..Default::default()
        }
    }

    /// The cell at Excel row `row`, column `col` (1-based); empty outside the used area.
    pub fn cell(&self, row: u32, col: u32) -> &Cell {
        if row == 0 || col == 0 {
            return &EMPTY;
        }
        self.rows
            .get(row as usize - 1)
            .and_then(|r| r.get(col as usize - 1))
            .unwrap_or(&EMPTY)
    }

    /// The last used row (0 for an empty sheet).
    pub fn height(&self) -> u32 {
        self.rows.len() as u32
    }

    /// The last used column over all rows (0 for an empty sheet).
    pub fn width(&self) -> u32 {
        self.rows.iter().map(|r| r.len()).max().unwrap_or(0) as u32
    }

    /// The cells of Excel row `row` (1-based), starting at column A; empty slice if none.
    pub fn row(&self, row: u32) -> &[Cell] {
        if row == 0 {
            return &[];
        }
        self.rows
            .get(row as usize - 1)
            .map(|r| r.as_slice())
            .unwrap_or(&[])
    }

    /// Every row with its Excel row number, including empty ones.
    pub fn rows(&self) -> impl Iterator<Item = (u32, &[Cell])> {
        self.rows
            .iter()
            .enumerate()
            .map(|(i, r)| (i as u32 + 1, r.as_slice()))
    }

    /// True when the row holds no value at all.
    pub fn row_is_blank(&self, row: u32) -> bool {
        self.row(row).iter().all(Cell::is_blank)
    }

    /// The merged range covering a cell, if any.
    pub fn merge_at(&self, row: u32, col: u32) -> Option<&MergedRange> {
        self.merges.iter().find(|m| m.contains(row, col))
    }

    /// The value shown in a cell, looking through merges: a cell inside a merged range
    /// shows the value of the range's top-left cell.
    pub fn shown(&self, row: u32, col: u32) -> &Cell {
        match self.merge_at(row, col) {
            Some(m) if (m.first_row, m.first_col) != (row, col) => {
                self.cell(m.first_row, m.first_col)
            }
            _ => self.cell(row, col),
        }
    }

    /// Drops trailing empty cells and rows so that `height()`/`width()` are the used area.
    pub(crate) fn trim(&mut self) {
        for r in &mut self.rows {
            while r.last().is_some_and(|c| matches!(c, Cell::Empty)) {
                r.pop();
            }
        }
        while self.rows.last().is_some_and(|r| r.is_empty()) {
            self.rows.pop();
        }
    }

    /// Sets the cell at 0-based `row0`, `col0`, growing the rows as needed.
    pub(crate) fn put(&mut self, row0: u32, col0: u32, cell: Cell) {
        let (r, c) = (row0 as usize, col0 as usize);
        if self.rows.len() <= r {
            self.rows.resize_with(r + 1, Vec::new);
        }
        let line = &mut self.rows[r];
        if line.len() <= c {
            line.resize(c + 1, Cell::Empty);
        }
        line[c] = cell;
    }

    /// Appends one row below the last (the CSV reader, row by row).
    pub(crate) fn push_row(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// An empty sheet with its merged ranges, to be filled by [`Sheet::push_rows`] while a
    /// sheet is streamed ([`crate::XlsxRows::run`]).
    pub fn streamed(name: String, merges: Vec<MergedRange>) -> Sheet {
        Sheet {
            name,
            rows: Vec::new(),
            merges,
        }
    }

    /// Appends rows read in order (from [`crate::XlsxRows::run`]); the rows between are
    /// empty. A row at or above the last one held is ignored.
    pub fn push_rows(&mut self, rows: Vec<RowCells>) {
        for (row, cells) in rows {
            let before = row.saturating_sub(1) as usize;
            if self.rows.len() < before {
                self.rows.resize_with(before, Vec::new);
            }
            if self.rows.len() == before {
                self.rows.push(cells);
            }
        }
    }
}
