//! The font chain: an ordered list of font faces; each character is drawn with the first
//! face that has a glyph for it. The built-in chain is Noto Sans CJK SC (OFL, see
//! `assets/fonts/README.md`), embedded in the binary so that the CLI and the desktop app
//! print without looking for files at run time.

use crate::error::{Error, Result};
use printpdf::ParsedFont;
use std::collections::{HashMap, HashSet};
use std::sync::{OnceLock, RwLock};

/// Noto Sans CJK SC Regular 1.004 (16 MB): all of GBK, CJK Extension A (Unicode 3.0),
/// 2,293 Extension B+ characters (𠮷 …).
pub static NOTO_SANS_CJK_SC: &[u8] =
    include_bytes!("../../../../assets/fonts/NotoSansCJKsc-Regular.otf");

/// One face of the chain.
pub struct Face {
    /// A name for messages and debugging (Noto Sans CJK SC).
    pub name: String,
    /// The parsed font, as printpdf embeds it (subset to the glyphs used).
    pub font: ParsedFont,
    units_per_em: f32,
}

/// An ordered list of faces (the fallback chain).
pub struct Fonts {
    faces: Vec<Face>,
    /// Glyph lookups already made. The font's own cmap lookup scans its format-12 groups
    /// one by one (slow for a CJK font); a page asks for the same characters many times.
    cache: RwLock<HashMap<char, Glyph>>,
}

/// Where a character's glyph is: the face (None: no face has it), its glyph id there (0
/// when missing) and its advance in em.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Index of the face in the chain ([`Fonts::faces`]); None when no face has the character.
    pub face: Option<usize>,
    /// Glyph id within that face; 0 (the .notdef box) when missing.
    pub gid: u16,
    /// Horizontal advance in em (multiply by the size for the width); 1.0 for a missing glyph, 0.0
    /// for characters that need none (line breaks, zero-width marks).
    pub advance_em: f32,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.faces.iter().map(|x| x.name.as_str()).collect();
        f.debug_struct("Fonts").field("faces", &names).finish()
    }
}

/// Characters that need no glyph (line breaks, tabs, zero-width marks).
fn needs_glyph(c: char) -> bool {
    !(c.is_control() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}'))
}

impl Fonts {
    /// Parses a chain from (name, font bytes) pairs, first face first. A TrueType/OpenType
    /// collection is read at face index 0.
    pub fn from_faces(faces: &[(&str, &[u8])]) -> Result<Fonts> {
        if faces.is_empty() {
            return Err(Error::internal("打印用的字库为空。"));
        }
        let mut out = Vec::with_capacity(faces.len());
        for (name, bytes) in faces {
            let mut warnings = Vec::new();
            let font = ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or_else(|| {
                Error::internal(format!("打印用的字库“{name}”无法读取，请重新安装本软件。"))
            })?;
            let upem = f32::from(font.font_metrics.units_per_em.max(1));
            out.push(Face {
                name: name.to_string(),
                font,
                units_per_em: upem,
            });
        }
        Ok(Fonts {
            faces: out,
            cache: RwLock::new(HashMap::new()),
        })
    }

    /// The built-in chain, parsed once per process.
    pub fn builtin() -> Result<&'static Fonts> {
        static CELL: OnceLock<std::result::Result<Fonts, Error>> = OnceLock::new();
        CELL.get_or_init(|| Fonts::from_faces(&[("Noto Sans CJK SC", NOTO_SANS_CJK_SC)]))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The faces of the chain, first tried first.
    pub fn faces(&self) -> &[Face] {
        &self.faces
    }

    /// The glyph for `c`: first face of the chain that has it.
    pub fn glyph(&self, c: char) -> Glyph {
        if let Some(g) = self.cache.read().ok().and_then(|m| m.get(&c).copied()) {
            return g;
        }
        let mut g = Glyph {
            face: None,
            gid: 0,
            advance_em: 1.0,
        };
        if !needs_glyph(c) {
            g.advance_em = 0.0;
        } else {
            for (i, f) in self.faces.iter().enumerate() {
                if let Some(gid) = f.font.lookup_glyph_index(c as u32).filter(|&g| g != 0) {
                    g = Glyph {
                        face: Some(i),
                        gid,
                        advance_em: f32::from(f.font.get_horizontal_advance(gid)) / f.units_per_em,
                    };
                    break;
                }
            }
        }
        if let Ok(mut m) = self.cache.write() {
            m.insert(c, g);
        }
        g
    }

    /// The first face with a glyph for `c`; None when no face has one.
    pub fn face_of(&self, c: char) -> Option<usize> {
        self.glyph(c).face
    }

    /// Characters of `text` that no face of the chain can draw, each once, in order of
    /// first appearance. They would print as empty boxes.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut seen = HashSet::new();
        text.chars()
            .filter(|&c| needs_glyph(c) && self.face_of(c).is_none() && seen.insert(c))
            .collect()
    }

    /// Advance width of `c` in em (a missing glyph counts as one em).
    pub fn advance_em(&self, c: char) -> f32 {
        self.glyph(c).advance_em
    }

    /// Width of `text` in millimetres at `size` points.
    pub fn width_mm(&self, text: &str, size: f32) -> f32 {
        let em: f32 = text.chars().map(|c| self.advance_em(c)).sum();
        em * size * super::PT_MM
    }
}

/// Makes the clerk-facing warning for characters no font can print.
pub fn missing_warning(chars: &[char]) -> Option<String> {
    if chars.is_empty() {
        return None;
    }
    let list: Vec<String> = chars
        .iter()
        .take(30)
        .map(|c| format!("“{c}”（U+{:04X}）", *c as u32))
        .collect();
    let more = if chars.len() > 30 {
        format!("等 {} 个字", chars.len())
    } else {
        String::new()
    };
    Some(format!(
        "以下字符字库里没有，打印出来会是空白方框，请在纸上手写补上：{}{more}。",
        list.join("、")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_chain_covers_rare_name_characters_and_gbk() {
        let f = Fonts::builtin().unwrap();
        assert!(f.missing("䶮𠮷堃喆玥昇张三").is_empty());
        // Every GBK character (GB 2312 + CJK Unified + Extension A subset in GBK).
        let mut gbk = String::new();
        for b1 in 0x81u8..=0xFE {
            for b2 in 0x40u8..=0xFE {
                if b2 == 0x7F {
                    continue;
                }
                let bytes = [b1, b2];
                let (s, _, bad) = encoding_rs::GBK.decode(&bytes);
                // Skip the user-defined areas (decoded to private-use code points).
                if !bad && !s.chars().any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c)) {
                    gbk.push_str(&s);
                }
            }
        }
        assert!(gbk.chars().count() > 21_000);
        assert_eq!(f.missing(&gbk), Vec::<char>::new());
        // CJK Extension A as first encoded (U+3400..U+4DB5).
        let ext_a: String = (0x3400u32..=0x4DB5).filter_map(char::from_u32).collect();
        assert_eq!(f.missing(&ext_a), Vec::<char>::new());
    }

    #[test]
    fn missing_characters_are_named_once() {
        let f = Fonts::builtin().unwrap();
        // U+4DB6 (Extension A, Unicode 13) and a private-use character are not in the font.
        let m = f.missing("张\u{4DB6}三\u{E000}\u{4DB6}\n");
        assert_eq!(m, vec!['\u{4DB6}', '\u{E000}']);
        let w = missing_warning(&m).unwrap();
        assert!(w.contains("U+4DB6") && w.contains("U+E000"), "{w}");
        assert!(missing_warning(&[]).is_none());
    }

    #[test]
    fn widths_are_measured_from_the_font() {
        let f = Fonts::builtin().unwrap();
        // Ideographs are one em wide; Latin digits narrower.
        assert!((f.advance_em('中') - 1.0).abs() < 0.01);
        let d = f.advance_em('1');
        assert!(d > 0.3 && d < 0.7, "{d}");
        let w = f.width_mm("中文", 10.0);
        assert!((w - 2.0 * 10.0 * 25.4 / 72.0).abs() < 0.1, "{w}");
    }
}
