//! The streamed import: a roster .xlsx whose sheet is known without reading it is kept
//! open, and its rows are analysed and written while the rest of the file is still being
//! inflated and parsed ([`Roster`]). It ends exactly as reading the sheet first does; where
//! it cannot tell in time (rows out of order, merged ranges not found, a column that would
//! change the header), the sheet is read again the ordinary way.

use super::{commit, internal_import_error, write_actions, Analysed};
use crate::error::Result;
use crate::import::analyse::prepare;
use crate::import::decide::{Action, Checking, Decider, Register};
use crate::import::fields;
use crate::import::report::{ImportOptions, ImportReport};
use crate::import::source::Source;
use crate::import::Progress;
use crate::sheet::{self, Format, Sheet, Workbook};
use rusqlite::Connection;
use std::path::Path;

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

/// Imports an opened roster: the analysis and the transaction of [`super::commit`].
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
