//! An .xlsx sheet handed over row by row while it is being read, so that the rows already
//! read can be used meanwhile (the roster import analyses and writes them while the file
//! is still being inflated and parsed). The cells come from calamine's cell reader on one
//! thread ([`XlsxRows::run`]); the merged ranges from the scan of the sheet's XML on
//! another ([`XlsxMerges::scan`]). A sheet read this way holds exactly the rows
//! [`crate::Workbook::read_sheet`] would give.

use super::{Cells, XlsxBook, XlsxParts};
use crate::cell::{Cell, MergedRange};
use crate::error::{damaged, Result};
use crate::guard::{guarded, or_none};
use crate::limits::MAX_ROWS;
use crate::sheet::RowCells;
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

/// Rows handed over at a time while a sheet is streamed.
const STREAM_BATCH_ROWS: usize = 256;

/// How a streamed read ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamEnd {
    /// Every row was handed over.
    Done,
    /// The receiver asked to stop.
    Stopped,
    /// The sheet lists a row after a row below it (no writer we know does this): the caller
    /// reads the file the ordinary way instead.
    OutOfOrder,
}

/// The rows of an .xlsx sheet, to be read by [`XlsxRows::run`] (from
/// [`crate::Workbook::xlsx_stream`]).
pub struct XlsxRows<'w> {
    pub(crate) path: &'w Path,
    pub(crate) name: String,
    pub(crate) xlsx: &'w mut XlsxBook,
}

/// The merged ranges of a streamed sheet (from [`crate::Workbook::xlsx_stream`]).
pub struct XlsxMerges<'w> {
    pub(crate) parts: &'w XlsxParts,
    pub(crate) name: String,
}

/// The rows being put together and handed over in batches.
struct Batcher<F> {
    sink: F,
    batch: Vec<RowCells>,
    /// The row being built (0-based) and its cells.
    row: Option<u32>,
    cells: Vec<Cell>,
}

impl<F: FnMut(Vec<RowCells>) -> bool> Batcher<F> {
    /// Hands over the row being built (trailing empty cells dropped; an empty row is not
    /// handed over) once the batch is full; false when the sink stopped.
    fn finish_row(&mut self, row: u32) -> bool {
        let cells = &mut self.cells;
        while cells.last().is_some_and(|c| matches!(c, Cell::Empty)) {
            cells.pop();
        }
        if !cells.is_empty() {
            let width = cells.len();
            let done = std::mem::replace(cells, Vec::with_capacity(width));
            self.batch.push((row + 1, done));
        }
        self.batch.len() < STREAM_BATCH_ROWS || (self.sink)(std::mem::take(&mut self.batch))
    }

    /// Adds a cell at 0-based (`r`, `c`); None when the sheet went back to an earlier row,
    /// Some(false) when the sink stopped.
    fn add(&mut self, r: u32, c: u32, cell: Cell) -> Option<bool> {
        match self.row {
            Some(cur) if cur == r => {}
            Some(cur) if r < cur => return None,
            Some(cur) => {
                if !self.finish_row(cur) {
                    return Some(false);
                }
                self.row = Some(r);
            }
            None => self.row = Some(r),
        }
        let c = c as usize;
        if self.cells.len() <= c {
            self.cells.resize(c + 1, Cell::Empty);
        }
        self.cells[c] = cell;
        Some(true)
    }

    /// Hands over the last row and what is left of the batch; false when the sink stopped.
    fn finish(mut self) -> bool {
        if let Some(cur) = self.row {
            if !self.finish_row(cur) {
                return false;
            }
        }
        self.batch.is_empty() || (self.sink)(self.batch)
    }
}

impl XlsxRows<'_> {
    /// Reads the sheet and hands `sink` its non-empty rows in order, in batches, with
    /// trailing empty cells dropped (the rows [`crate::Workbook::read_sheet`] would hold).
    /// `hint` gets the sheet's declared height first. Stops when `sink` returns false. The
    /// errors are those of [`crate::Workbook::read_sheet`]: damaged, too many rows or
    /// columns.
    pub fn run(
        self,
        hint: &AtomicU32,
        sink: impl FnMut(Vec<RowCells>) -> bool,
    ) -> Result<StreamEnd> {
        let XlsxRows { path, name, xlsx } = self;
        guarded(path, move || {
            let reader = xlsx
                .worksheet_cells_reader(&name)
                .map_err(|e| damaged(path).with_source(e))?;
            let dims = reader.dimensions();
            let mut reader = Cells::new(reader, path, &name);
            hint.store(
                dims.end.0.saturating_add(1).min(MAX_ROWS),
                Ordering::Relaxed,
            );
            let mut rows = Batcher {
                sink,
                batch: Vec::with_capacity(STREAM_BATCH_ROWS),
                row: None,
                cells: Vec::new(),
            };
            while let Some((r, c, cell)) = reader.next()? {
                match rows.add(r, c, cell) {
                    None => return Ok(StreamEnd::OutOfOrder),
                    Some(false) => return Ok(StreamEnd::Stopped),
                    Some(true) => {}
                }
            }
            Ok(if rows.finish() {
                StreamEnd::Done
            } else {
                StreamEnd::Stopped
            })
        })
    }
}

impl XlsxMerges<'_> {
    /// The merged ranges; None when the sheet's XML cannot be scanned.
    pub fn scan(&self) -> Option<Vec<MergedRange>> {
        or_none(|| self.parts.merges(&self.name))
    }
}
