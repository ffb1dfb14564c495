//! The merged ranges of an .xlsx sheet, found by scanning its XML for `<mergeCells>`
//! instead of parsing it a second time (what calamine's `merge_cells_by_sheet_name` does,
//! doubling the reading time of a large roster).

use crate::cell::{parse_a1, MergedRange};
use crate::limits::MAX_UNCOMPRESSED_BYTES;
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// What calamine does not expose cheaply: the path of each sheet's XML, to read its merged
/// ranges by scanning for `<mergeCells>`.
pub(crate) struct XlsxParts {
    bytes: Vec<u8>,
    /// Sheet name -> zip entry (xl/worksheets/sheet1.xml).
    paths: HashMap<String, String>,
}

impl XlsxParts {
    /// Locates the sheets' XML in the file's bytes (none located when the workbook's
    /// relationships cannot be read: the merges then come from calamine).
    pub(crate) fn new(bytes: Vec<u8>) -> XlsxParts {
        let paths = Self::sheet_paths(&bytes).unwrap_or_default();
        XlsxParts { bytes, paths }
    }

    /// True when the sheet's XML was located.
    pub(crate) fn has_sheet(&self, name: &str) -> bool {
        self.paths.contains_key(name)
    }

    fn entry(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
        let mut f = zip.by_name(name).ok()?;
        let mut out = Vec::with_capacity(f.size().min(MAX_UNCOMPRESSED_BYTES) as usize);
        f.read_to_end(&mut out).ok()?;
        Some(out)
    }

    /// Sheet name -> XML entry, from xl/workbook.xml (name -> relationship id) and
    /// xl/_rels/workbook.xml.rels (relationship id -> target).
    fn sheet_paths(bytes: &[u8]) -> Option<HashMap<String, String>> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
        let rels = Self::entry(&mut zip, "xl/_rels/workbook.xml.rels")?;
        let book = Self::entry(&mut zip, "xl/workbook.xml")?;
        let mut targets = HashMap::new();
        for_each_element(&rels, "Relationship", |a| {
            if let (Some(id), Some(target)) = (get(a, "Id"), get(a, "Target")) {
                let full = match target.strip_prefix('/') {
                    Some(abs) => abs.to_string(),
                    None => format!("xl/{target}"),
                };
                targets.insert(id, full);
            }
        })?;
        let mut paths = HashMap::new();
        for_each_element(&book, "sheet", |a| {
            if let (Some(name), Some(id)) = (get(a, "name"), get(a, "id")) {
                if let Some(t) = targets.get(&id) {
                    paths.insert(name, t.clone());
                }
            }
        })?;
        Some(paths)
    }

    /// The merged ranges of a sheet; None when the sheet's XML cannot be located.
    pub(crate) fn merges(&self, sheet: &str) -> Option<Vec<MergedRange>> {
        let path = self.paths.get(sheet)?;
        let mut zip = zip::ZipArchive::new(Cursor::new(self.bytes.as_slice())).ok()?;
        let xml = Self::entry(&mut zip, path)?;
        Some(scan_merges(&xml))
    }
}

/// Calls `f` with the attributes (local name, value) of every element named `local`
/// (start or empty tag, any namespace prefix); None when the XML is broken.
fn for_each_element(xml: &[u8], local: &str, mut f: impl FnMut(&[(String, String)])) -> Option<()> {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match r.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().into_inner() == local => {
                f(&attributes(&e))
            }
            Event::Eof => return Some(()),
            _ => {}
        }
        buf.clear();
    }
}

fn attributes(e: &quick_xml::events::BytesStart) -> Vec<(String, String)> {
    e.attributes()
        .filter_map(|a| a.ok())
        .filter_map(|a| {
            let key = a.key.local_name().into_inner().to_string();
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| (key, v.into_owned()))
        })
        .collect()
}

fn get(v: &[(String, String)], k: &str) -> Option<String> {
    v.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone())
}

/// The `<mergeCell ref="A1:C1"/>` ranges in a worksheet's XML (with or without a namespace
/// prefix), found by scanning for the `<mergeCells>` section after the cell data.
pub(crate) fn scan_merges(xml: &[u8]) -> Vec<MergedRange> {
    let mut out = Vec::new();
    let Some(start) = merge_section_start(xml) else {
        return out;
    };
    let end = memchr::memmem::find(&xml[start + 10..], b"mergeCells>")
        .map(|e| start + 10 + e)
        .unwrap_or(xml.len());
    let section = &xml[start..end];
    for pos in memchr::memmem::find_iter(section, b"ref=\"") {
        let rest = &section[pos + 5..];
        let Some(q) = memchr::memchr(b'"', rest) else {
            break;
        };
        let Ok(text) = std::str::from_utf8(&rest[..q]) else {
            continue;
        };
        let mut ends = text.split(':');
        let first = ends.next().and_then(parse_a1);
        let last = ends.next().and_then(parse_a1).or(first);
        if let (Some((r1, c1)), Some((r2, c2))) = (first, last) {
            out.push(MergedRange {
                first_row: r1.min(r2),
                first_col: c1.min(c2),
                last_row: r1.max(r2),
                last_col: c1.max(c2),
            });
        }
    }
    out
}

/// Where the name of the opening tag "<mergeCells" or "<x:mergeCells" (not
/// "</mergeCells") starts.
fn merge_section_start(xml: &[u8]) -> Option<usize> {
    let finder = memchr::memmem::Finder::new(b"mergeCells");
    for pos in finder.find_iter(xml) {
        let before = &xml[..pos];
        if let Some(t) = before.iter().rposition(|&b| b == b'<') {
            let name = &xml[t + 1..pos];
            if !name.starts_with(b"/")
                && name.iter().all(|b| b.is_ascii_alphanumeric() || *b == b':')
            {
                return Some(pos);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::Reader;
    use std::path::PathBuf;

    /// The merged ranges found by scanning the sheet XML are calamine's, for every .xlsx
    /// fixture and sheet (openpyxl and rust_xlsxwriter write them differently).
    #[test]
    fn scanned_merges_match_calamine() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let mut files = Vec::new();
        for sub in std::fs::read_dir(&dir).unwrap() {
            let sub = sub.unwrap().path();
            if let Ok(rd) = std::fs::read_dir(&sub) {
                for f in rd {
                    let f = f.unwrap().path();
                    if f.extension().is_some_and(|e| e == "xlsx") {
                        files.push(f);
                    }
                }
            }
        }
        let mut compared = 0;
        let mut with_merges = 0;
        for f in files {
            let bytes = std::fs::read(&f).unwrap();
            let Ok(mut wb) = calamine::Xlsx::new(Cursor::new(bytes.clone())) else {
                continue;
            };
            let parts = XlsxParts::new(bytes);
            for name in wb.sheet_names() {
                let Ok(theirs) = wb.merge_cells_by_sheet_name(&name) else {
                    continue;
                };
                let mut theirs: Vec<MergedRange> =
                    theirs.iter().map(MergedRange::from_dimensions).collect();
                let mut ours = parts.merges(&name).unwrap();
                let key = |m: &MergedRange| (m.first_row, m.first_col, m.last_row, m.last_col);
                theirs.sort_by_key(key);
                ours.sort_by_key(key);
                assert_eq!(ours, theirs, "{} / {name}", f.display());
                compared += 1;
                with_merges += usize::from(!ours.is_empty());
            }
        }
        assert!(
            compared >= 10 && with_merges >= 3,
            "{compared} {with_merges}"
        );
        assert_eq!(parse_a1("$AA$10"), Some((10, 27)));
        assert_eq!(parse_a1("A0"), None);
    }
}
