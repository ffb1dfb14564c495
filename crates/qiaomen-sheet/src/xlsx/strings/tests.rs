//! The shared strings read here are calamine's: the fast path against quick-xml on tricky
//! items, and both against calamine's own reading on every .xlsx fixture and on fixtures
//! whose shared strings were replaced by the tricky items.

use super::*;
use calamine::Reader;
use std::io::{Cursor, Read, Write};
use std::path::PathBuf;

fn sst(items: &[&str]) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{n}\" uniqueCount=\"{n}\">{}</sst>",
        items.concat(),
        n = items.len()
    )
}

/// Items in the plain shape, with what they mean.
const PLAIN: &[(&str, &str)] = &[
    ("<si><t>张三</t></si>", "张三"),
    (
        "<si><t xml:space=\"preserve\">  a &amp; b &lt;c&gt; &quot;&apos; &#20013;&#x6587;&#10;</t></si>",
        "  a & b <c> \"' 中文\n",
    ),
    ("<si><t>  trimmed\t\n</t></si>", "trimmed"),
    ("<si><t>\u{a0}nbsp\u{a0}</t></si>", "\u{a0}nbsp\u{a0}"),
    (
        "<si><t>_x000D_a_x005F_x000D_ _xD83D__xDE00_ _xD83D_ _xDE00_ _x00zz_</t></si>",
        "\ra_x000D_ 😀 \u{fffd} \u{fffd} _x00zz_",
    ),
    (
        "<si><r><rPr><sz val=\"11\"/><rFont val=\"Noto Sans CJK SC\"/></rPr><t xml:space=\"preserve\">幸福村</t></r><r><rPr><rFont val=\"a&gt;b\"/><charset val=\"1\"/></rPr><t xml:space=\"preserve\">1</t></r><r><t>组 </t></r></si>",
        "幸福村1组",
    ),
    (
        "<si><r><t>王</t></r><rPh sb=\"0\" eb=\"1\"><t>ワン</t></rPh><rPh sb=\"1\" eb=\"2\"/><phoneticPr fontId=\"1\" type=\"noConversion\"/></si>",
        "王",
    ),
    ("<si/>", ""),
    ("<si></si>", ""),
    ("<si><t/></si>", ""),
    ("<si>\n  <t xml:space='preserve'> x </t>\n</si>", " x "),
    ("<si><t xml:space=\"default\"> y </t></si>", "y"),
    ("<si><r><rPr/><t>z</t></r></si>", "z"),
];

/// Items the fast path leaves to quick-xml, with what they mean.
const OTHER: &[(&str, &str)] = &[
    ("<si><t><![CDATA[a<b&c]]></t></si>", "a<b&c"),
    ("<si><!-- note --><t>x</t></si>", "x"),
    ("<si><t>a\r\nb\rc</t></si>", "a\nb\nc"),
    ("<si><t>a<b>bold</b>c</t></si>", "aboldc"),
    (
        "<si><r><rPr><t>in rPr</t></rPr><t>q</t></r></si>",
        "in rPrq",
    ),
];

#[test]
fn plain_items_are_read_by_the_fast_path_as_quick_xml_reads_them() {
    for (item, want) in PLAIN {
        let xml = sst(&[item]);
        let fast = fast::parse(xml.as_bytes());
        assert_eq!(fast, Some(vec![want.to_string()]), "{item}");
        assert_eq!(parse_xml(xml.as_bytes()).unwrap(), [*want], "{item}");
    }
    let all: Vec<&str> = PLAIN.iter().map(|(i, _)| *i).collect();
    let want: Vec<&str> = PLAIN.iter().map(|(_, w)| *w).collect();
    assert_eq!(parse(sst(&all).as_bytes()).unwrap(), want);
    assert_eq!(parse(b"<sst count=\"0\"/>").unwrap(), Vec::<String>::new());
}

#[test]
fn other_shapes_are_left_to_quick_xml() {
    for (item, want) in OTHER {
        let xml = sst(&["<si><t>a</t></si>", item]);
        assert_eq!(fast::parse(xml.as_bytes()), None, "{item}");
        assert_eq!(parse(xml.as_bytes()).unwrap(), ["a", want], "{item}");
    }
    // A namespace prefix, and a comment before <sst>.
    let prefixed = "<x:sst xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:si><x:t>前缀</x:t></x:si></x:sst>";
    assert_eq!(fast::parse(prefixed.as_bytes()), None);
    assert_eq!(parse(prefixed.as_bytes()).unwrap(), ["前缀"]);
    for commented in [
        "<?xml version=\"1.0\"?><!-- c --><sst><si><t>c</t></si></sst>",
        "<!-- <sst><si><t>no</t></si></sst> --><sst><si><t>c</t></si></sst>",
    ] {
        assert_eq!(fast::parse(commented.as_bytes()), None);
        assert_eq!(parse(commented.as_bytes()).unwrap(), ["c"]);
    }
}

#[test]
fn broken_shared_strings_are_an_error() {
    for xml in [
        "",
        "<sst><si><t>a</t></si>",
        "<sst><si><t>a</si></sst>",
        "<sst><si><t>a &bogus; b</t></si></sst>",
        "<sst><si><t>a &#0; b</t></si></sst>",
    ] {
        assert!(parse(xml.as_bytes()).is_err(), "{xml}");
    }
}

fn fixtures() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut files = Vec::new();
    for sub in std::fs::read_dir(&dir).unwrap() {
        if let Ok(rd) = std::fs::read_dir(sub.unwrap().path()) {
            for f in rd {
                let f = f.unwrap().path();
                if f.extension().is_some_and(|e| e == "xlsx") {
                    files.push(f);
                }
            }
        }
    }
    files.sort();
    files
}

/// Every cell of every sheet, as calamine's cell reader gives it.
fn cells(wb: &mut crate::xlsx::XlsxBook) -> Vec<String> {
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let Ok(mut r) = wb.worksheet_cells_reader(&name) else {
            continue;
        };
        while let Ok(Some(c)) = r.next_cell() {
            out.push(format!("{name} {:?} {:?}", c.get_position(), c.get_value()));
        }
    }
    out
}

/// The workbook as calamine reads it, and as [`crate::xlsx::open`] does.
fn both(bytes: Vec<u8>) -> Option<(Vec<String>, Vec<String>)> {
    let mut theirs = calamine::Xlsx::new(Cursor::new(bytes.clone())).ok()?;
    let (mut ours, _) = crate::xlsx::open("t.xlsx".as_ref(), bytes).unwrap();
    Some((cells(&mut theirs), cells(&mut ours)))
}

#[test]
fn cells_are_calamines_on_every_xlsx_fixture() {
    let mut compared = 0;
    for f in fixtures() {
        let Some((theirs, ours)) = both(std::fs::read(&f).unwrap()) else {
            continue;
        };
        assert_eq!(ours, theirs, "{}", f.display());
        compared += usize::from(!ours.is_empty());
    }
    assert!(compared >= 15, "{compared}");
}

/// A copy of an .xlsx whose shared strings are replaced by `xml`.
fn with_shared_strings(bytes: &[u8], xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    {
        let mut w = zip::ZipWriter::new(Cursor::new(&mut out));
        let opts = zip::write::SimpleFileOptions::default();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            if name == "xl/sharedStrings.xml" {
                data = xml.as_bytes().to_vec();
            }
            w.start_file(name, opts).unwrap();
            w.write_all(&data).unwrap();
        }
        w.finish().unwrap();
    }
    out
}

#[test]
fn tricky_shared_strings_give_calamines_cells() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/rosters");
    let bytes = std::fs::read(dir.join("basic_libreoffice.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
    let mut xml = Vec::new();
    let mut f = zip.by_name("xl/sharedStrings.xml").unwrap();
    f.read_to_end(&mut xml).unwrap();
    drop(f);
    let n = parse(&xml).unwrap().len();
    let items: Vec<&str> = PLAIN.iter().chain(OTHER).map(|(i, _)| *i).collect();
    assert!(n > items.len());
    // The plain items alone (the fast path), then with each of the others (quick-xml).
    let mut variants = vec![PLAIN.iter().map(|(i, _)| *i).collect::<Vec<_>>()];
    variants.extend(OTHER.iter().map(|(o, _)| {
        let mut v: Vec<&str> = PLAIN.iter().map(|(i, _)| *i).collect();
        v.push(o);
        v
    }));
    for mut v in variants {
        let fill = n - v.len();
        v.extend(std::iter::repeat_n("<si><t>填</t></si>", fill));
        let (theirs, ours) = both(with_shared_strings(&bytes, &sst(&v))).unwrap();
        assert_eq!(ours, theirs);
    }
}
