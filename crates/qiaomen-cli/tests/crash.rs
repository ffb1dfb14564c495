//! Crash safety, proven by killing the real `qiaomen` binary with SIGKILL at random moments
//! of a large write and checking the database every time:
//!
//! - `PRAGMA integrity_check` (and the foreign-key check) passes after reopening;
//! - the write is all-or-nothing: the data is exactly the state before or exactly the
//!   state after, never a mix;
//! - every record committed before the killed command is intact (same rows, same values);
//! - the database accepts a new write afterwards.
//!
//! Scenarios: `qiaomen restore` of a large backup, `qiaomen import households` of a large
//! roster, `qiaomen import inspections` of a filled entry sheet, and `qiaomen inspections
//! add` (saving one form, the API call the app makes). A scenario whose command is missing
//! from the build says so on stderr and is skipped.
//!
//! Trials per scenario: 10 by default (40 in all in the normal test run). The
//! benchmark-style run (figures in BENCHMARKS.md):
//! `QIAOMEN_CRASH_TRIALS=300 QIAOMEN_CRASH_SCALE=4 cargo test -p qiaomen-cli --release --test crash -- --nocapture --test-threads 1`.
//! `QIAOMEN_CRASH_SEED` repeats a run's random moments.
#![cfg(unix)]

use qiaomen_core::households::HouseholdInput;
use qiaomen_core::Store;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// The binary under test: this build's, or `QIAOMEN_CRASH_BIN` (a private copy, so that a
/// long run is not disturbed when another build replaces the one in the target folder).
fn bin() -> String {
    std::env::var("QIAOMEN_CRASH_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_qiaomen").to_string())
}

fn trials() -> usize {
    std::env::var("QIAOMEN_CRASH_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10)
}

/// Row counts are multiplied by `QIAOMEN_CRASH_SCALE` (default 1: sized for a debug build
/// in CI; the benchmark run uses a release build and a larger scale).
fn scaled(n: usize) -> usize {
    let f: f64 = std::env::var("QIAOMEN_CRASH_SCALE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1.0);
    ((n as f64 * f) as usize).max(1)
}

/// xorshift64*: reproducible random moments without a dependency.
struct Rng(u64);
impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("QIAOMEN_CRASH_SEED")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        eprintln!("crash harness seed: QIAOMEN_CRASH_SEED={seed}");
        Rng(seed)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Every household, inspection, answer, hazard and person, each row as one string (its
/// content, without generated ids of other rows), by the row's own key.
type Digest = BTreeMap<String, String>;

fn digest(store: &Store) -> Digest {
    let mut out = Digest::new();
    let queries = [
        "SELECT 'h' || id, code || '|' || name || '|' || address || '|' || phone || '|' || village_group \
         || '|' || coalesce(residents, '') || '|' || note FROM households",
        "SELECT 'i' || i.id, h.code || '|' || i.visit_date || '|' || i.inspectors || '|' || i.other_hazards \
         FROM inspections i JOIN households h ON h.id = i.household_id",
        "SELECT 'a' || inspection_id || ':' || item_no, item_no || '|' || answer FROM answers",
        "SELECT 'z' || id, coalesce(item_no, '') || '|' || status || '|' || category || '|' || description FROM hazards",
        "SELECT 'p' || id, name || '|' || categories FROM people",
    ];
    for q in queries {
        let mut st = store.conn().prepare(q).unwrap();
        let rows = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .unwrap();
        for row in rows {
            let (k, v) = row.unwrap();
            out.insert(k, v);
        }
    }
    out
}

/// The rows of `d` that are not in `before`, by content (ids of new rows differ per run).
fn added(d: &Digest, before: &Digest) -> Vec<String> {
    let mut v: Vec<String> = d
        .iter()
        .filter(|(k, _)| !before.contains_key(*k))
        .map(|(k, v)| format!("{}{v}", &k[..1]))
        .collect();
    v.sort();
    v
}

/// Opens the database as the app would after a crash, checks it, and returns its data.
fn open_checked(db: &Path) -> Digest {
    let store = qiaomen_core::open(db).expect("database opens after the kill");
    let report = qiaomen_core::backup::check(&store).unwrap();
    assert!(
        report.ok,
        "database damaged after kill: {:?}",
        report.problems
    );
    digest(&store)
}

fn add_households(db: &Path, n: usize, prefix: &str) {
    let mut s = qiaomen_core::open(db).unwrap();
    let tx = s.conn_mut().transaction().unwrap();
    for i in 0..n {
        qiaomen_core::households::add(
            &tx,
            &HouseholdInput {
                name: format!("{prefix}{i}"),
                address: format!("{prefix}村{i}号"),
                phone: format!("139{:08}", i),
                village_group: format!("{}组", i % 9 + 1),
                ..Default::default()
            },
        )
        .unwrap();
    }
    tx.commit().unwrap();
}

fn qiaomen(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

/// Whether this build of the CLI has a subcommand (e.g. `import households`).
fn has_command(words: &[&str]) -> bool {
    let out = Command::new(bin())
        .args(words)
        .arg("--help")
        .output()
        .unwrap();
    out.status.success()
}

/// One scenario: a template database, the killed command, and the expected end states.
struct Scenario<'a> {
    name: &'a str,
    /// Closed, checkpointed database each trial starts from.
    template: PathBuf,
    args: Vec<String>,
    /// The command replaces all data (restore): the result must be exactly the state before
    /// or exactly the state after. Otherwise it adds: earlier records must stay as they were
    /// and the new records must be all there or none.
    replaces: bool,
}

#[derive(Default, Debug)]
struct Tally {
    trials: usize,
    killed_while_running: usize,
    old_state: usize,
    new_state: usize,
}

/// Runs the scenario uninterrupted once (measuring it and taking the "after" state), then
/// `n` trials killed at a random moment in [0, 1.1 × that time].
fn run(s: &Scenario, work: &Path, rng: &mut Rng, n: usize) -> Tally {
    let before = open_checked(&s.template);
    let args: Vec<&str> = s.args.iter().map(String::as_str).collect();

    let trial_db = |i: usize| -> PathBuf {
        let d = work.join(format!("{}-{i}", s.name));
        std::fs::create_dir_all(&d).unwrap();
        let db = d.join("qiaomen.sqlite3");
        std::fs::copy(&s.template, &db).unwrap();
        db
    };

    // Calibration: the whole command, not killed.
    let db = trial_db(0);
    let t0 = Instant::now();
    let out = qiaomen(&db, &args).output().unwrap();
    let full = t0.elapsed();
    assert!(
        out.status.success(),
        "{}: uninterrupted run failed: {}",
        s.name,
        String::from_utf8_lossy(&out.stderr)
    );
    let after = open_checked(&db);
    let want_added = added(&after, &before);
    assert!(
        !want_added.is_empty(),
        "{}: the command added nothing",
        s.name
    );
    eprintln!(
        "{}: uninterrupted run {:.0} ms, {} → {} records",
        s.name,
        full.as_secs_f64() * 1000.0,
        before.len(),
        after.len()
    );

    let mut tally = Tally::default();
    for i in 1..=n {
        let db = trial_db(i);
        let wait = full.mul_f64(1.1 * rng.unit());
        let mut child = qiaomen(&db, &args).spawn().unwrap();
        std::thread::sleep(wait);
        let running = child.try_wait().unwrap().is_none();
        // Child::kill sends SIGKILL on Unix: no destructor, no rollback, no checkpoint runs.
        let _ = child.kill();
        let status = child.wait().unwrap();
        if running {
            tally.killed_while_running += 1;
        } else {
            assert!(status.success(), "{}: trial {i} failed on its own", s.name);
        }
        tally.trials += 1;
        let got = open_checked(&db);
        if s.replaces {
            if got == before {
                tally.old_state += 1;
            } else if got == after {
                tally.new_state += 1;
            } else {
                panic!(
                    "{}: trial {i} (killed after {wait:?}) left a mix: {} records, before {}, after {}",
                    s.name,
                    got.len(),
                    before.len(),
                    after.len()
                );
            }
        } else {
            check_added(s.name, i, wait, &got, &before, &want_added, &mut tally);
        }
        // The database takes new writes after the crash.
        let out = qiaomen(&db, &["households", "add", "--name", "崩溃后新增"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}: trial {i}: write after crash failed: {}",
            s.name,
            String::from_utf8_lossy(&out.stderr)
        );
        let _ = std::fs::remove_dir_all(db.parent().unwrap());
    }
    eprintln!("{}: {tally:?}", s.name);
    tally
}

/// Additive commands: earlier records unchanged, new records all there or none.
fn check_added(
    name: &str,
    i: usize,
    wait: std::time::Duration,
    got: &Digest,
    before: &Digest,
    want_added: &[String],
    tally: &mut Tally,
) {
    let missing = before.keys().filter(|k| !got.contains_key(*k)).count();
    let changed = before
        .iter()
        .filter(|(k, v)| got.get(*k).is_some_and(|g| g != *v))
        .count();
    assert!(
            missing == 0 && changed == 0,
            "{}: trial {i} (killed after {wait:?}): {missing} earlier records missing, {changed} changed",
            name
        );
    let new_rows = added(got, before);
    if new_rows.is_empty() {
        tally.old_state += 1;
    } else if new_rows == want_added {
        tally.new_state += 1;
    } else {
        panic!(
            "{}: trial {i} (killed after {wait:?}) left part of the write: {} of {} new records",
            name,
            new_rows.len(),
            want_added.len()
        );
    }
}

fn template_db(work: &Path, name: &str, households: usize) -> PathBuf {
    let db = work.join(format!("template-{name}.sqlite3"));
    {
        let s = qiaomen_core::open(&db).unwrap();
        let mut set = qiaomen_core::settings::load(s.conn()).unwrap();
        set.unit_name = "崩溃测试村".into();
        qiaomen_core::settings::save(s.conn(), &set).unwrap();
    }
    add_households(&db, households, "旧户");
    // Close cleanly: the template is one file, no -wal.
    {
        let s = qiaomen_core::open(&db).unwrap();
        s.conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    db
}

#[test]
fn kill_restore_at_random_moments() {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path();
    let mut rng = Rng::new();
    let template = template_db(work, "restore", scaled(800));
    // The backup being restored: other data, larger.
    let src_db = work.join("src/qiaomen.sqlite3");
    add_households(&src_db, scaled(2000), "新户");
    let backup = work.join("backup.sqlite3");
    {
        let s = qiaomen_core::open(&src_db).unwrap();
        qiaomen_core::backup::backup_to(&s, &backup).unwrap();
    }
    let s = Scenario {
        name: "restore",
        template,
        args: vec!["restore".into(), backup.display().to_string()],
        replaces: true,
    };
    let t = run(&s, work, &mut rng, trials());
    assert_eq!(t.trials, t.old_state + t.new_state);
}

/// A roster of `n` households as a UTF-8 CSV, the way an office exports one.
fn roster_csv(path: &Path, n: usize) {
    let mut s = String::from("序号,户主姓名,家庭住址,联系电话,村民小组,居住人数\n");
    for i in 0..n {
        s.push_str(&format!(
            "{},花名册户{i},幸福村{}组{i}号,138{:08},{}组,{}\n",
            i + 1,
            i % 12 + 1,
            i,
            i % 12 + 1,
            i % 6 + 1
        ));
    }
    std::fs::write(path, s).unwrap();
}

#[test]
fn kill_roster_import_at_random_moments() {
    if !has_command(&["import", "households"]) {
        eprintln!("SKIPPED: this build has no `qiaomen import households` yet");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path();
    let mut rng = Rng::new();
    let template = template_db(work, "import", scaled(500));
    let roster = work.join("花名册.csv");
    roster_csv(&roster, scaled(1500));
    let s = Scenario {
        name: "import-households",
        template,
        args: vec![
            "import".into(),
            "households".into(),
            roster.display().to_string(),
        ],
        replaces: false,
    };
    let t = run(&s, work, &mut rng, trials());
    assert_eq!(t.trials, t.old_state + t.new_state);
}

/// A filled entry sheet (CSV, found by header text): one inspection per household code,
/// every item answered, item 4 on the hazard side every third row.
fn entry_csv(path: &Path, codes: &[String]) {
    let t = qiaomen_core::templates::Template::parse(qiaomen_core::templates::BUILTIN[0]).unwrap();
    let mut w = String::from("编号,检查日期,入户检查人员");
    for it in &t.items {
        w.push_str(&format!(",\"{}\"", it.text.replace('"', "\"\"")));
    }
    w.push_str(",其它隐患情况\n");
    for (i, code) in codes.iter().enumerate() {
        w.push_str(&format!("{code},2024-12-{:02},网格员{}", i % 28 + 1, i % 7));
        for it in &t.items {
            let hazard = it.no == 4 && i % 3 == 0;
            let yes = match it.hazard_when {
                Some(qiaomen_core::templates::Answer::Yes) => hazard,
                Some(qiaomen_core::templates::Answer::No) => !hazard,
                None => false,
            };
            w.push_str(if yes { ",是" } else { ",否" });
        }
        w.push_str(if i % 10 == 0 {
            ",楼道堆放杂物\n"
        } else {
            ",\n"
        });
    }
    std::fs::write(path, w).unwrap();
}

#[test]
fn kill_inspection_import_at_random_moments() {
    if !has_command(&["import", "inspections"]) {
        eprintln!("SKIPPED: this build has no `qiaomen import inspections` yet");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path();
    let mut rng = Rng::new();
    let template = template_db(work, "inspections", scaled(150));
    let codes: Vec<String> = {
        let s = qiaomen_core::open(&template).unwrap();
        let mut st = s
            .conn()
            .prepare("SELECT code FROM households ORDER BY code")
            .unwrap();
        let v = st
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<Vec<String>, _>>()
            .unwrap();
        v
    };
    let sheet = work.join("入户检查录入.csv");
    entry_csv(&sheet, &codes);
    let s = Scenario {
        name: "import-inspections",
        template,
        args: vec![
            "import".into(),
            "inspections".into(),
            sheet.display().to_string(),
        ],
        replaces: false,
    };
    let t = run(&s, work, &mut rng, trials());
    assert_eq!(t.trials, t.old_state + t.new_state);
}

/// Saving one inspection (the same API call the app makes when the clerk saves a form):
/// the visit, its sixteen answers and the hazards derived from them, in one transaction.
#[test]
fn kill_saving_an_inspection_at_random_moments() {
    if !has_command(&["inspections", "add"]) {
        eprintln!("SKIPPED: this build has no `qiaomen inspections add` yet");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path();
    let mut rng = Rng::new();
    let template = template_db(work, "save", scaled(100));
    let code: String = {
        let s = qiaomen_core::open(&template).unwrap();
        s.conn()
            .query_row("SELECT min(code) FROM households", [], |r| r.get(0))
            .unwrap()
    };
    let s = Scenario {
        name: "save-inspection",
        template,
        args: [
            "inspections",
            "add",
            "--household",
            code.as_str(),
            "--date",
            "2024-12-05",
            "--inspectors",
            "张三、李四",
            "--yes",
            "4,5",
            "--safe",
            "--other",
            "楼道堆放杂物|防小火亡人事故",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        replaces: false,
    };
    let t = run(&s, work, &mut rng, trials());
    assert_eq!(t.trials, t.old_state + t.new_state);
}
