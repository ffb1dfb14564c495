//! The shared strings of an .xlsx (`xl/sharedStrings.xml`), read faster than calamine does.
//!
//! LibreOffice Calc and WPS write a cell that mixes Chinese and Latin characters
//! ("幸福村1组1号") as rich text: one run per script, each with its font properties. A
//! 20,000-household roster saved by Calc has 16.6 MB of shared strings, four fifths of it
//! run properties (`<rPr>`) that say nothing about the text. calamine reads them through a
//! buffered reader, one event copied at a time, with empty elements expanded and every
//! piece of text in its own `String`: about 1.4 billion instructions for that roster, more
//! than reading its sheet. Here the part is inflated once and scanned in place ([`fast`]:
//! run properties stepped over whole, each string built in one reused buffer), about a
//! seventh of that; anything not in the plain shape writers give it goes to quick-xml.
//!
//! The strings are exactly calamine's (`read_shared_strings` in calamine 0.38's
//! `xlsx/mod.rs`): the text of every `<t>` of an `<si>` that is not inside a phonetic run
//! (`<rPh>`), entities resolved, ASCII white space trimmed unless `xml:space="preserve"`,
//! Excel's `_xHHHH_` escapes decoded; an `<si>` without text is the empty string. The tests
//! (`strings/tests.rs`) compare the cells with calamine's on every .xlsx fixture and on
//! fixtures whose shared strings were replaced by tricky items.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

mod fast;

/// Why the shared strings could not be read (the file is then damaged, as calamine says).
#[derive(Debug)]
pub(crate) struct BadStrings(pub(crate) String);

impl std::fmt::Display for BadStrings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "sharedStrings.xml: {}", self.0)
    }
}

impl std::error::Error for BadStrings {}

fn bad(what: impl std::fmt::Display) -> BadStrings {
    BadStrings(what.to_string())
}

/// Parses the shared strings table from the inflated XML of `xl/sharedStrings.xml`: by
/// [`fast`] when the XML has the plain shape every writer we know gives it, else by quick-xml.
pub(crate) fn parse(xml: &[u8]) -> Result<Vec<String>, BadStrings> {
    match fast::parse(xml) {
        Some(strings) => Ok(strings),
        None => parse_xml(xml),
    }
}

/// Parses the shared strings table with quick-xml's reader (anything well-formed).
pub(crate) fn parse_xml(xml: &[u8]) -> Result<Vec<String>, BadStrings> {
    let mut r = Reader::from_reader(xml);
    let config = r.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = false;
    let mut strings = Vec::new();
    loop {
        match r.read_event().map_err(bad)? {
            Event::Start(e) if e.local_name().as_ref() == "sst" => {
                if let Some(n) = unique_count(&e) {
                    // The count is the file's word: reserve no more than its bytes allow.
                    strings.reserve(n.min(xml.len() / 8));
                }
                break;
            }
            // `<sst/>`: no strings.
            Event::Empty(e) if e.local_name().as_ref() == "sst" => return Ok(strings),
            Event::Eof => return Err(bad("no <sst>")),
            _ => {}
        }
    }
    let mut text = String::new();
    let mut piece = String::new();
    loop {
        match r.read_event().map_err(bad)? {
            Event::Start(e) if e.local_name().as_ref() == "si" => {
                read_item(&mut r, &mut text, &mut piece)?;
                strings.push(text.as_str().to_owned());
            }
            Event::Empty(e) if e.local_name().as_ref() == "si" => strings.push(String::new()),
            Event::End(e) if e.local_name().as_ref() == "sst" => return Ok(strings),
            Event::Eof => return Err(bad("no </sst>")),
            _ => {}
        }
    }
}

fn unique_count(e: &BytesStart<'_>) -> Option<usize> {
    let a = e.try_get_attribute("uniqueCount").ok()??;
    a.value.parse().ok()
}

/// Reads one `<si>` up to its end into `out` (cleared first); `piece` is scratch space.
fn read_item(
    r: &mut Reader<&[u8]>,
    out: &mut String,
    piece: &mut String,
) -> Result<(), BadStrings> {
    out.clear();
    let mut phonetic = false;
    loop {
        match r.read_event().map_err(bad)? {
            Event::Start(e) => match e.local_name().as_ref() {
                "rPh" => phonetic = true,
                "t" if !phonetic => {
                    let preserve = preserves_space(&e)?;
                    read_text(r, &e, piece)?;
                    append_text(out, piece, preserve);
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "si" => return Ok(()),
                "rPh" => phonetic = false,
                _ => {}
            },
            Event::Eof => return Err(bad("no </si>")),
            _ => {}
        }
    }
}

fn preserves_space(e: &BytesStart<'_>) -> Result<bool, BadStrings> {
    let a = e.try_get_attribute("xml:space").map_err(bad)?;
    Ok(a.is_some_and(|a| a.value.as_ref() == "preserve"))
}

/// The text of a `<t>` up to its end, entities resolved, into `piece` (cleared first).
fn read_text(
    r: &mut Reader<&[u8]>,
    start: &BytesStart<'_>,
    piece: &mut String,
) -> Result<(), BadStrings> {
    piece.clear();
    loop {
        match r.read_event().map_err(bad)? {
            Event::Text(t) => piece.push_str(&t.xml10_content()),
            Event::CData(t) => piece.push_str(&t.xml10_content()),
            Event::GeneralRef(g) => {
                let name: &str = g.as_ref();
                if let Some(s) = quick_xml::escape::resolve_xml_entity(name) {
                    piece.push_str(s);
                } else if let Some(c) = g.resolve_char_ref().map_err(bad)? {
                    piece.push(c);
                } else {
                    return Err(bad(format!("unknown entity &{name};")));
                }
            }
            Event::End(e) if e.name() == start.name() => return Ok(()),
            Event::Eof => return Err(bad("no </t>")),
            _ => {}
        }
    }
}

/// Appends a `<t>`'s text: trimmed of ASCII white space unless preserved (Unicode spaces
/// such as U+00A0 stay), Excel's `_xHHHH_` escapes decoded.
fn append_text(out: &mut String, piece: &str, preserve: bool) {
    let text = if preserve {
        piece
    } else {
        piece.trim_matches([' ', '\t', '\r', '\n'])
    };
    unescape_excel(text, out);
}

/// Excel writes a character XML cannot hold ("\r", a control character) as `_xHHHH_`, a
/// UTF-16 code unit (a surrogate pair as two escapes), and a literal "_x000D_" as
/// "_x005F_x000D_". Decodes them as calamine's `unescape_xml` does, appending to `out`.
pub(super) fn unescape_excel(s: &str, out: &mut String) {
    let b = s.as_bytes();
    let mut copied = 0;
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&b[from..], b"_x").map(|i| from + i) {
        let Some(unit) = escape_at(b, at) else {
            from = at + 1;
            continue;
        };
        out.push_str(&s[copied..at]);
        let mut next = at + ESCAPE_LEN;
        match unit {
            0xD800..=0xDBFF => match escape_at(b, next) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    let c =
                        0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                    out.push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
                    next += ESCAPE_LEN;
                }
                _ => out.push(char::REPLACEMENT_CHARACTER),
            },
            0xDC00..=0xDFFF => out.push(char::REPLACEMENT_CHARACTER),
            _ => out.push(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER)),
        }
        copied = next;
        from = next;
    }
    out.push_str(&s[copied..]);
}

/// `_xHHHH_` is seven bytes.
const ESCAPE_LEN: usize = 7;

/// The code unit of an `_xHHHH_` escape at `at` (four hex digits, either case).
fn escape_at(b: &[u8], at: usize) -> Option<u16> {
    let e = b.get(at..at + ESCAPE_LEN)?;
    if &e[..2] != b"_x" || e[6] != b'_' {
        return None;
    }
    let hex = std::str::from_utf8(&e[2..6]).ok()?;
    if !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    u16::from_str_radix(hex, 16).ok()
}

#[cfg(test)]
mod tests;
