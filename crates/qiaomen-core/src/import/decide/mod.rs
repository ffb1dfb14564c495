//! Decisions: each analysed row, in order, recorded in the report and, when it is a
//! household, checked against the rows above it (the same row twice is imported once; the
//! same ID or the same household with other content is rejected) and matched against the
//! register (by a valid ID, else by name and address), to say what to write: add, update,
//! or nothing.

mod register;

pub(crate) use register::Register;

use super::analyse::{analyse_row, identity_key, Candidate, Outcome, RowCtx};
use super::report::{ImportReport, RowNote, RowStatus};
use super::Progress;
use crate::households;
use crate::sheet::Sheet;
// foldhash: the keys are short strings from the roster; SipHash was a tenth of the checking time.
use foldhash::{HashMap, HashMapExt};
use register::merge;

/// Why a row is not written: its status (duplicate or rejected) and the reason.
type Refusal = (RowStatus, String);

/// What to do with an accepted row.
#[derive(Debug, Clone)]
pub(crate) enum Action {
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

/// Takes the rows one by one, in order: records skipped and rejected rows, deduplicates
/// within the file and matches against the register, and says what to write.
pub(crate) struct Decider {
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
    pub(crate) fn new(register: Register, report: ImportReport, rows: usize) -> Decider {
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
                    rows: 1,
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
                note.rows = last - note.row + 1;
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
        list.push(RowNote {
            row,
            reason,
            rows: 1,
        });
    }

    /// The action for one analysed row, if anything is to be written.
    fn accept(&mut self, row: u32, outcome: Outcome) -> Option<Action> {
        self.report.rows_read += 1;
        let c = self.candidate(row, outcome)?;
        let content = c.content_key();
        let i = &c.input;
        let ikey = identity_key(&i.name, &i.address, &i.village_group, &i.phone);
        let target = self
            .same_in_file(&c, &content, &ikey)
            .and_then(|()| self.registered(&c, &ikey));
        let target = match target {
            Ok(target) => target,
            Err((status, reason)) => {
                self.note(row, status, reason);
                return None;
            }
        };
        self.remember(row, &c, content, ikey);
        match target {
            None => Some(self.add(row, c)),
            Some(k) => self.update(row, k, c),
        }
    }

    /// The candidate of a row that is one; notes the others (blank, skipped, rejected).
    fn candidate(&mut self, row: u32, outcome: Outcome) -> Option<Box<Candidate>> {
        match outcome {
            Outcome::Blank => {
                self.blank(row);
                None
            }
            Outcome::Skipped(reason) => {
                self.report.skipped_rows += 1;
                self.note(row, RowStatus::Skipped, reason);
                None
            }
            Outcome::Rejected(reason) => {
                self.note(row, RowStatus::Rejected, reason);
                None
            }
            Outcome::Row(c, warnings, normalised) => {
                self.report.warnings.extend(warnings);
                self.report.normalised.extend(normalised);
                Some(c)
            }
        }
    }

    /// Within the file: the same row again (a duplicate), or the same ID or the same
    /// household with other content (rejected, not guessed).
    fn same_in_file(&self, c: &Candidate, content: &str, ikey: &str) -> Result<(), Refusal> {
        if let Some(first) = self.seen_content.get(content) {
            let reason = format!("与第 {first} 行完全相同，只导入一次");
            return Err((RowStatus::Duplicate, reason));
        }
        let i = &c.input;
        if !i.id_number.is_empty() {
            if let Some(first) = self.seen_id.get(&i.id_number) {
                let reason =
                    format!("身份证号与第 {first} 行相同，但其他内容不同；请核对后只保留一行");
                return Err((RowStatus::Rejected, reason));
            }
        }
        if let Some(first) = self.seen_key.get(ikey) {
            let what = if i.address.is_empty() {
                "同名且没有地址"
            } else {
                "同名同地址"
            };
            let reason =
                format!("与第 {first} 行{what}，但其他内容不同；请核对是否同一户，合并后再导入");
            return Err((RowStatus::Rejected, reason));
        }
        Ok(())
    }

    /// The registered household the row is (a valid ID first, else who the household is),
    /// if any; rejected when two could be meant, or when an earlier row already was it.
    fn registered(&self, c: &Candidate, ikey: &str) -> Result<Option<usize>, Refusal> {
        let reg = &self.register.rows;
        let i = &c.input;
        let mut target: Option<usize> = None;
        if !i.id_number.is_empty() {
            target = self.by_id.get(&i.id_number).copied();
        }
        if target.is_none() {
            let cands: Vec<usize> = self
                .by_key
                .get(ikey)
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
                    return Err((RowStatus::Rejected, reason));
                }
            }
        }
        if let Some(k) = target {
            if let Some(first) = self.matched.get(&k) {
                let reason = format!(
                    "与第 {first} 行对应登记册中的同一户（编号 {}），请核对后只保留一行",
                    reg[k].code
                );
                return Err((RowStatus::Rejected, reason));
            }
        }
        Ok(target)
    }

    /// Remembers an accepted row for the rows below it, and the grid it creates.
    fn remember(&mut self, row: u32, c: &Candidate, content: String, ikey: String) {
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
    }

    /// A new household.
    fn add(&mut self, row: u32, mut c: Box<Candidate>) -> Action {
        c.id = crate::new_id();
        self.statuses.insert(row, (RowStatus::Add, String::new()));
        self.report.added += 1;
        if !c.person_categories.is_empty() {
            self.report.people_added += 1;
        }
        Action::Add(c)
    }

    /// The update of registered household `k`; None when the row changes nothing (a
    /// duplicate of what is registered).
    fn update(&mut self, row: u32, k: usize, c: Box<Candidate>) -> Option<Action> {
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

    /// The report, its notes in row order, and every checked row's status.
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
pub(crate) struct Checking<'p> {
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
    pub(crate) fn new(
        ctx: &RowCtx,
        decider: Decider,
        last: u32,
        progress: Progress<'p>,
    ) -> Checking<'p> {
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
    pub(crate) fn upto(
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

    /// The report and the rows' statuses, after the last progress call.
    pub(crate) fn finish(self, ctx: &RowCtx) -> (ImportReport, HashMap<u32, (RowStatus, String)>) {
        let done = self.next.saturating_sub(ctx.data_start) as u64;
        (self.progress)(done, done, Self::LABEL);
        self.decider.finish()
    }
}

/// Looks at every data row in order and decides about it; `sink` gets the actions.
pub(crate) fn run_rows(
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
