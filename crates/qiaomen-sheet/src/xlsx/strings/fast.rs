//! The shared strings in the shape Excel, WPS, LibreOffice and openpyxl write them, found
//! with memchr instead of an XML tokenizer: `<sst …>`, then `<si>` items holding `<t>`
//! elements, directly or in rich-text runs (`<r><rPr>…</rPr><t>…</t></r>`), and phonetic
//! runs (`<rPh>`) whose text is left out; nothing but white space between the items.
//!
//! Everything else — a namespace prefix, a comment, CDATA, a processing instruction, an
//! element inside `<t>`, an unknown entity, a carriage return (which XML turns into a line
//! feed), text that is not UTF-8, an unclosed tag — makes [`parse`] give up (None) and the
//! caller use quick-xml on the whole part, which decides what the file means, or that it
//! is damaged. So on well-formed XML the fast path gives what the full parse would.

use memchr::{memchr, memchr3, memmem};

/// The searchers, built once.
struct Finders {
    rpr_end: memmem::Finder<'static>,
    t: memmem::Finder<'static>,
}

fn finders() -> &'static Finders {
    static FINDERS: std::sync::OnceLock<Finders> = std::sync::OnceLock::new();
    FINDERS.get_or_init(|| Finders {
        rpr_end: memmem::Finder::new(b"</rPr>"),
        t: memmem::Finder::new(b"<t"),
    })
}

/// The strings, or None when the XML is not in the plain shape (see the module's doc).
pub(super) fn parse(xml: &[u8]) -> Option<Vec<String>> {
    let sst = memmem::find(xml, b"<sst")?;
    // The prolog holds nothing but the declaration and white space (no comment).
    let prolog = &xml[..sst];
    if memchr::memchr_iter(b'<', prolog).any(|i| prolog.get(i + 1) != Some(&b'?')) {
        return None;
    }
    let (tag, mut at) = tag_at(xml, sst)?;
    if tag.name != b"sst" || tag.end {
        return None;
    }
    let mut strings = Vec::new();
    if tag.empty {
        return Some(strings);
    }
    if let Some(n) = unique_count(tag.raw) {
        strings.reserve(n.min(xml.len() / 8));
    }
    let mut text = String::new();
    loop {
        at = skip_space(xml, at)?;
        let (tag, next) = tag_at(xml, at)?;
        at = next;
        match (tag.name, tag.end, tag.empty) {
            (b"si", false, true) => strings.push(String::new()),
            (b"si", false, false) => {
                at = item(xml, at, &mut text)?;
                strings.push(text.as_str().to_owned());
            }
            (b"sst", true, _) => return Some(strings),
            _ => return None,
        }
    }
}

/// A tag: its name (no prefix allowed), whether it is an end tag or an empty element, and
/// its raw bytes from '<' to '>'.
struct Tag<'x> {
    name: &'x [u8],
    end: bool,
    empty: bool,
    raw: &'x [u8],
}

/// The tag starting at `at` (which holds '<') and the position after its '>'. None for
/// comments, CDATA, processing instructions, prefixed names and unclosed tags.
fn tag_at(xml: &[u8], at: usize) -> Option<(Tag<'_>, usize)> {
    let rest = xml.get(at + 1..)?;
    let end = rest.first() == Some(&b'/');
    let name_from = usize::from(end);
    let name_len = rest[name_from..]
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())?;
    let name = &rest[name_from..name_from + name_len];
    let after = rest[name_from + name_len];
    if name.is_empty() || !matches!(after, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>') {
        return None;
    }
    // Attribute values may hold '>': step over quoted values.
    let mut i = name_from + name_len;
    let close = loop {
        let j = i + memchr3(b'>', b'"', b'\'', &rest[i..])?;
        match rest[j] {
            b'>' => break j,
            q => i = j + 1 + memchr(q, &rest[j + 1..])? + 1,
        }
    };
    let empty = !end && close > 0 && rest[close - 1] == b'/';
    let raw = &xml[at..at + 1 + close + 1];
    Some((
        Tag {
            name,
            end,
            empty,
            raw,
        },
        at + 1 + close + 1,
    ))
}

fn skip_space(xml: &[u8], mut at: usize) -> Option<usize> {
    while let Some(b) = xml.get(at) {
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => at += 1,
            b'<' => return Some(at),
            _ => return None,
        }
    }
    None
}

/// Reads an `<si>`'s content from `at` (after its start tag) into `out`; the position after
/// its `</si>`.
fn item(xml: &[u8], mut at: usize, out: &mut String) -> Option<usize> {
    out.clear();
    let mut phonetic = false;
    loop {
        if xml.get(at) != Some(&b'<') {
            at += memchr(b'<', &xml[at..])?;
        }
        // The tags as writers spell them are recognised without parsing them.
        let rest = &xml[at..];
        let (name, end, empty, raw, next) = if rest.starts_with(b"<r>") {
            (&b"r"[..], false, false, &b""[..], at + 3)
        } else if rest.starts_with(b"</r>") {
            (&b"r"[..], true, false, &b""[..], at + 4)
        } else if rest.starts_with(b"<rPr>") {
            (&b"rPr"[..], false, false, &b""[..], at + 5)
        } else if rest.starts_with(b"<t>") {
            (&b"t"[..], false, false, &rest[..3], at + 3)
        } else if rest.starts_with(PRESERVED) {
            (
                &b"t"[..],
                false,
                false,
                &rest[..PRESERVED.len()],
                at + PRESERVED.len(),
            )
        } else if rest.starts_with(b"</si>") {
            return Some(at + 5);
        } else {
            let (tag, next) = tag_at(xml, at)?;
            (tag.name, tag.end, tag.empty, tag.raw, next)
        };
        at = next;
        match (name, end) {
            (b"si", true) => return Some(at),
            (b"si", false) => return None,
            (b"rPh", end) => phonetic = !end && !empty,
            // Run properties (four fifths of a LibreOffice file) are property elements
            // only: stepped over whole; a `<t` among them is not the plain shape.
            (b"rPr", false) if !empty => {
                let len = finders().rpr_end.find(&xml[at..])?;
                if finders().t.find(&xml[at..at + len]).is_some() {
                    return None;
                }
                at += len + b"</rPr>".len();
            }
            (b"t", false) if !empty => {
                let len = memchr(b'<', &xml[at..])?;
                let text_raw = &xml[at..at + len];
                at += len;
                if xml[at..].starts_with(b"</t>") {
                    at += 4;
                } else {
                    let (close, next) = tag_at(xml, at)?;
                    if close.name != b"t" || !close.end {
                        return None;
                    }
                    at = next;
                }
                if !phonetic {
                    text(text_raw, preserves_space(raw)?, out)?;
                }
            }
            _ => {}
        }
    }
}

/// The start tag of a `<t>` whose spaces count, as every writer spells it.
const PRESERVED: &[u8] = b"<t xml:space=\"preserve\">";

/// Appends a `<t>`'s raw text: entities resolved, then as [`super::append_text`].
fn text(raw: &[u8], preserve: bool, out: &mut String) -> Option<()> {
    if memchr(b'\r', raw).is_some() {
        return None;
    }
    let s = std::str::from_utf8(raw).ok()?;
    if memchr(b'&', raw).is_none() {
        super::append_text(out, s, preserve);
        return Some(());
    }
    let mut plain = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        plain.push_str(&rest[..amp]);
        let semi = rest[amp..].find(';')? + amp;
        plain.push(entity(&rest[amp + 1..semi])?);
        rest = &rest[semi + 1..];
    }
    plain.push_str(rest);
    super::append_text(out, &plain, preserve);
    Some(())
}

/// The character of an entity or character reference (the name between '&' and ';').
fn entity(name: &str) -> Option<char> {
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            // quick-xml refuses the NUL character reference; let it say so.
            if code == 0 {
                return None;
            }
            char::from_u32(code)?
        }
    })
}

/// Whether a `<t …>` start tag says `xml:space="preserve"`; None when its attributes are
/// not simple.
fn preserves_space(raw: &[u8]) -> Option<bool> {
    match raw {
        b"<t>" => return Some(false),
        b"<t xml:space=\"preserve\">" => return Some(true),
        _ => {}
    }
    let Some(at) = memmem::find(raw, b"xml:space") else {
        return Some(false);
    };
    let rest = &raw[at + 9..];
    let eq = rest.iter().position(|b| !b.is_ascii_whitespace())?;
    if rest[eq] != b'=' {
        return None;
    }
    let rest = &rest[eq + 1..];
    let q = rest.iter().position(|b| !b.is_ascii_whitespace())?;
    let quote = rest[q];
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let value = &rest[q + 1..];
    let end = memchr(quote, value)?;
    Some(&value[..end] == b"preserve")
}

/// The `uniqueCount` attribute of `<sst …>`, a hint for reserving.
fn unique_count(raw: &[u8]) -> Option<usize> {
    let at = memmem::find(raw, b"uniqueCount=\"")? + 13;
    let end = memchr(b'"', &raw[at..])?;
    std::str::from_utf8(&raw[at..at + end]).ok()?.parse().ok()
}
