//! The log: what was done, how long the slow parts took, and every error with its code and
//! the library causes underneath — for the township's IT person (`导出诊断信息` zips it).
//!
//! **Never personal data.** Messages for the clerk are built from what the clerk typed
//! (names, ID numbers, phones, addresses), so they are never logged: only method names,
//! codes, counts, timings and the library causes, and those pass through [`scrub`] first.
//!
//! Files: `logs/` beside the database (for the desktop app `<app data>/logs/`), one file
//! per program and day, `app.YYYY-MM-DD.log` / `cli.YYYY-MM-DD.log` (UTC dates, as
//! tracing-appender names them), the newest [`KEEP_FILES`] of each kept and each capped at
//! [`MAX_FILE_BYTES`]. The desktop shell and the CLI both call [`init`]; the API's own
//! events (one line per call from [`log_call`], backups, the start-up check) go wherever
//! that put them, and nowhere when nothing did (tests, tools).

use crate::Error;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::fmt::MakeWriter;

/// The folder of the log files, beside the database.
pub const LOG_DIR: &str = "logs";
/// How many daily files of each program are kept.
pub const KEEP_FILES: usize = 14;
/// A day's file stops growing at this size (one line says so).
pub const MAX_FILE_BYTES: u64 = 5 << 20;
/// Calls slower than this are marked `slow=true`.
pub const SLOW: Duration = Duration::from_millis(200);
/// The suffix of log file names.
const SUFFIX: &str = "log";

/// The log folder that belongs to a database file: `logs/` beside it.
pub fn dir_for(db: &Path) -> PathBuf {
    match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join(LOG_DIR),
        _ => PathBuf::from(LOG_DIR),
    }
}

/// Starts logging into `dir` for `program` (`"app"` or `"cli"`: the file name prefix), and
/// writes the start-up line (versions, OS). Returns false, and the program runs on without
/// a log, when the folder cannot be made or a log was already started in this process.
pub fn init(dir: &Path, program: &str) -> bool {
    use tracing_subscriber::filter::Targets;
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::Layer;
    // Made first: the appender looks for old files to prune before it makes the folder.
    if std::fs::create_dir_all(dir).is_err() {
        return false;
    }
    let Ok(appender) = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(program)
        .filename_suffix(SUFFIX)
        .max_log_files(KEEP_FILES)
        .build(dir)
    else {
        return false;
    };
    let writer = Capped {
        inner: appender,
        dir: dir.to_path_buf(),
        program: program.to_string(),
        state: Mutex::new(None),
    };
    // Only our own crates' events: a dependency's could carry anything.
    let ours = Targets::new()
        .with_target("qiaomen_api", tracing::Level::INFO)
        .with_target("qiaomen_cli", tracing::Level::INFO)
        .with_target("qiaomen_app", tracing::Level::INFO)
        .with_target("qiaomen_core", tracing::Level::INFO);
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(writer)
        .with_ansi(false)
        .with_timer(tracing_subscriber::fmt::time::ChronoLocal::new(
            "%Y-%m-%d %H:%M:%S%.3f %:z".to_string(),
        ))
        .with_filter(ours);
    let subscriber = tracing_subscriber::registry().with(layer);
    if tracing::subscriber::set_global_default(subscriber).is_err() {
        return false;
    }
    tracing::info!(
        program,
        version = env!("CARGO_PKG_VERSION"),
        schema = qiaomen_core::db::SCHEMA_VERSION,
        sqlite = rusqlite::version(),
        os = std::env::consts::OS,
        arch = std::env::consts::ARCH,
        "started"
    );
    true
}

/// Logs one call of the API (or one CLI verb): its name and time, and on failure the
/// error's code and scrubbed cause chain — never its message.
pub fn log_call<T>(method: &str, elapsed: Duration, result: &Result<T, Error>) {
    let ms = elapsed.as_millis() as u64;
    let slow = elapsed > SLOW;
    match result {
        Ok(_) if slow => tracing::info!(method, ms, slow, "call"),
        Ok(_) => tracing::info!(method, ms, "call"),
        Err(e) => {
            let code = e.code.as_str();
            let causes = causes(e);
            if is_bug_or_system(e) {
                tracing::error!(method, ms, code, causes, "call failed");
            } else {
                tracing::warn!(method, ms, code, causes, "call failed");
            }
        }
    }
}

/// Runs `f` and logs it as the call `method` ([`log_call`]).
pub fn timed<T>(method: &str, f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    let started = Instant::now();
    let result = f();
    log_call(method, started.elapsed(), &result);
    result
}

/// Logs an error met outside a call (a backup at exit, the start-up check).
pub fn log_error(what: &str, e: &Error) {
    let code = e.code.as_str();
    let causes = causes(e);
    tracing::error!(what, code, causes, "failed");
}

/// Errors the clerk cannot fix by typing something else: the log marks them ERROR.
fn is_bug_or_system(e: &Error) -> bool {
    use crate::ErrorCode::*;
    matches!(e.code, Internal | Io | DbInvalid | DbTooNew)
}

/// The cause chain of `e`, scrubbed, nearest first, joined with ": " (empty without one).
/// A qiaomen error inside the chain shows as its code (its message may hold user input).
pub fn causes(e: &Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in e.causes() {
        let text = match c.downcast_ref::<Error>() {
            Some(ours) => format!("[{}]", ours.code.as_str()),
            None => scrub(&c.to_string()),
        };
        if parts.last() != Some(&text) {
            parts.push(text);
        }
    }
    parts.join(": ")
}

/// Makes library text safe for the log: the home folder becomes `~`, everything in double
/// quotes or backticks becomes `*`, every run of non-ASCII characters (Chinese names,
/// addresses) becomes `*`, and every run of six or more digits (ID numbers, phones) `#`.
/// The result is at most 500 characters.
pub fn scrub(text: &str) -> String {
    let s = hide_home(text);
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' || c == '`' {
            // Quoted text (serde quotes the value it could not read): hide it whole.
            out.push(c);
            out.push('*');
            for d in chars.by_ref() {
                if d == c {
                    out.push(c);
                    break;
                }
            }
        } else if !c.is_ascii() || c.is_ascii_control() {
            while chars
                .peek()
                .is_some_and(|d| !d.is_ascii() || d.is_ascii_control())
            {
                chars.next();
            }
            out.push('*');
        } else if c.is_ascii_digit() {
            let mut run = String::from(c);
            while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                run.push(d);
                chars.next();
            }
            out.push_str(if run.len() >= 6 { "#" } else { &run });
        } else {
            out.push(c);
        }
    }
    if out.len() > 500 {
        let mut end = 500;
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        out.truncate(end);
        out.push_str("...");
    }
    out
}

/// The current user's home folder (as written in paths), which holds the user's name.
fn home_dirs() -> Vec<String> {
    ["HOME", "USERPROFILE"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|h| PathBuf::from(h).display().to_string())
        .filter(|h| h.len() > 1)
        .collect()
}

/// Text with the home folder (which holds the user's name) shown as `~`.
pub fn hide_home(text: &str) -> String {
    let mut s = text.to_string();
    for home in home_dirs() {
        s = s.replace(&home, "~");
    }
    s
}

/// A path for the log or the diagnostics: the home folder shown as `~`.
pub fn show_path(p: &Path) -> String {
    hide_home(&p.display().to_string())
}

/// The log files in `dir` (ours only), oldest first.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".log") && n.is_ascii())
        })
        .collect();
    out.sort();
    out
}

/// The file writer with a daily size cap: past [`MAX_FILE_BYTES`] a day's lines are dropped,
/// after one line that says so (a loop of errors cannot fill the disk).
struct Capped {
    inner: RollingFileAppender,
    dir: PathBuf,
    program: String,
    /// The UTC day being written and how many bytes its file holds.
    state: Mutex<Option<(chrono::NaiveDate, u64)>>,
}

impl Capped {
    fn write_line(&self, buf: &[u8]) -> std::io::Result<()> {
        let Ok(mut state) = self.state.lock() else {
            return Ok(());
        };
        let today = chrono::Utc::now().date_naive();
        let written = match *state {
            Some((day, n)) if day == today => n,
            _ => {
                let name = format!("{}.{}.{SUFFIX}", self.program, today.format("%Y-%m-%d"));
                std::fs::metadata(self.dir.join(name)).map_or(0, |m| m.len())
            }
        };
        let mut w = self.inner.make_writer();
        let total = written + buf.len() as u64;
        if total <= MAX_FILE_BYTES {
            w.write_all(buf)?;
        } else if written <= MAX_FILE_BYTES {
            w.write_all(b"(log full for today: further lines are dropped)\n")?;
        }
        *state = Some((today, total));
        Ok(())
    }
}

/// One formatted event, written as a whole when dropped.
struct Line<'a> {
    cap: &'a Capped,
    buf: Vec<u8>,
}

impl Write for Line<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for Line<'_> {
    fn drop(&mut self) {
        if !self.buf.is_empty() {
            let _ = self.cap.write_line(&self.buf);
        }
    }
}

impl<'a> MakeWriter<'a> for Capped {
    type Writer = Line<'a>;
    fn make_writer(&'a self) -> Line<'a> {
        Line {
            cap: self,
            buf: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_hides_names_numbers_and_quoted_values() {
        let s = scrub(
            "invalid type: string \"张三\", expected i64 at line 1; id 11010519491231002X; \
             phone 13812345678; 𠮷田 幸福村3组15号; code 8; 2024-12-23",
        );
        assert!(
            !s.contains("张三") && !s.contains("𠮷") && !s.contains("幸福村"),
            "{s}"
        );
        assert!(
            !s.contains("110105194912") && !s.contains("13812345678"),
            "{s}"
        );
        assert!(s.contains("expected i64 at line 1"), "{s}");
        assert!(s.contains("code 8") && s.contains("2024-12-23"), "{s}");
        assert!(s.contains("string \"*\""), "{s}");
        let long = scrub(&"a".repeat(2000));
        assert!(long.len() <= 503);
    }

    #[test]
    fn the_cause_chain_shows_codes_of_our_errors_and_library_text() {
        let io = std::io::Error::from_raw_os_error(13);
        let inner = Error::file(Path::new("/村/张三.xlsx"), &io);
        let outer = Error::internal("保存“张三”时出错。").with_cause(inner);
        let c = causes(&outer);
        assert!(c.starts_with("[io]: "), "{c}");
        assert!(
            c.contains("Permission denied") || c.contains("os error 13"),
            "{c}"
        );
        assert!(!c.contains("张三"), "{c}");
        assert_eq!(causes(&Error::invalid("请填写姓名。")), "");
    }

    #[test]
    fn a_days_file_stops_at_the_cap_with_one_line_saying_so() {
        let tmp = tempfile::tempdir().unwrap();
        let cap = Capped {
            inner: RollingFileAppender::builder()
                .rotation(Rotation::DAILY)
                .filename_prefix("t")
                .filename_suffix(SUFFIX)
                .max_log_files(KEEP_FILES)
                .build(tmp.path())
                .unwrap(),
            dir: tmp.path().to_path_buf(),
            program: "t".into(),
            state: Mutex::new(None),
        };
        let line = [b'x'; 1023]
            .iter()
            .chain(b"\n")
            .copied()
            .collect::<Vec<u8>>();
        for _ in 0..(MAX_FILE_BYTES / 1024 + 100) {
            let mut w = cap.make_writer();
            w.write_all(&line).unwrap();
        }
        let files = files(tmp.path());
        assert_eq!(files.len(), 1, "{files:?}");
        let text = std::fs::read_to_string(&files[0]).unwrap();
        assert!(text.len() as u64 <= MAX_FILE_BYTES + 100, "{}", text.len());
        assert_eq!(text.matches("log full for today").count(), 1);
    }

    #[test]
    fn log_dir_is_beside_the_database() {
        assert_eq!(
            dir_for(Path::new("/data/qiaomen.sqlite3")),
            PathBuf::from("/data/logs")
        );
        assert_eq!(dir_for(Path::new("q.sqlite3")), PathBuf::from("logs"));
    }
}
