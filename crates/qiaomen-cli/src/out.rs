//! Output helpers shared by all subcommands.

use qiaomen_api::{Context, Error};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// Prints one JSON document on stdout.
pub fn json<T: Serialize>(v: &T) -> Result<(), Error> {
    use std::io::Write;
    let s = serde_json::to_string_pretty(v)
        .context(|| Error::internal("程序内部错误：结果无法输出。"))?;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{s}") {
        // `qiaomen … --json | head`: the reader went away; that is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("无法输出结果。").with_cause(e)),
        Ok(()) => Ok(()),
    }
}

/// Pads a string with spaces to a display width in a terminal: CJK characters take two
/// columns, combining marks none (Unicode's East Asian Width, from `unicode-width`).
pub fn pad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// Renders an optional number ('' when missing).
pub fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// 2024-12-03 -> 2024年12月3日 (as printed); other text unchanged.
pub fn cn(d: &str) -> String {
    qiaomen_core::parse_date(d)
        .map(qiaomen_core::date_cn)
        .unwrap_or_else(|_| d.to_string())
}

/// The short id shown in lists: the last 8 characters (random in UUID v7; the first ones
/// are a timestamp shared by rows written together). Commands accept it back.
pub fn short(id: &str) -> String {
    let n = id.chars().count();
    id.chars().skip(n.saturating_sub(8)).collect()
}

#[cfg(test)]
mod tests {
    use super::pad;

    #[test]
    fn pads_by_terminal_columns() {
        assert_eq!(pad("ab", 5), "ab   ");
        assert_eq!(pad("李䶮", 6), "李䶮  "); // Extension A is wide too
        assert_eq!(pad("（3/1）", 8), "（3/1） "); // full-width brackets: two columns each
        assert_eq!(pad("e\u{301}", 3), "e\u{301}  "); // e + combining acute: one column
        assert_eq!(pad("东村一组3号", 4), "东村一组3号"); // never cut
    }
}
