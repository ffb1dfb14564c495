//! Commit: the analysis of every row run on one thread while the accepted rows are
//! written on another, in one transaction that is committed only when the analysis ends
//! with a report — all accepted rows are in, or none is ([`write`](mod@write) does the writing). A
//! single-sheet .xlsx is analysed while it is still being read ([`stream`]).

mod stream;
mod write;

pub use stream::{import_file, import_roster, Roster};

use super::analyse::prepare_all;
use super::decide::{run_rows, Action, Decider, Register};
use super::report::{ImportOptions, ImportReport};
use super::source::{base_report, Source};
use super::Progress;
use crate::error::{Error, Result};
use rusqlite::Connection;
use write::Writer;

/// Imports: the same analysis as [`crate::import::plan()`], written in one transaction (all accepted rows or
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

/// A bug in the import: nothing was written.
pub(crate) fn internal_import_error() -> Error {
    Error::internal("导入时出错（内部错误），没有导入任何数据。请把这句话告诉软件维护人员。")
}

/// What an analysis ends with: its report, or None when a streamed sheet has to be read
/// again the ordinary way (rows out of order, merged ranges not found, or a column right of
/// the first rows that changes the detected header).
pub(crate) type Analysed = Result<Option<ImportReport>>;

/// Runs `analyse` on a thread of its own and writes the actions it hands over on this one,
/// in one transaction, committed only when the analysis ends with a report: any error, and
/// a None, leave the database as it was. With `dry_run` nothing is written.
pub(crate) fn write_actions(
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
