//! A small drawing layer over printpdf: A4 pages measured in millimetres from the top-left
//! corner, text runs split per character over the font chain, wrapped text in boxes, lines,
//! rectangles, vector check boxes and ticks, cut marks, and the document's metadata.

use super::fonts::Fonts;
use super::{Rendered, PT_MM};
use crate::error::{Error, Result};
use printpdf::{
    Codepoint, Color, FontId, Greyscale, Line, LineCapStyle, LineJoinStyle, LinePoint, Mm, Op,
    PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
    TextMatrix, WindingOrder,
};
use std::collections::HashSet;

/// Width of an A4 page in mm.
pub const A4_W: f32 = 210.0;
/// Height of an A4 page in mm.
pub const A4_H: f32 = 297.0;

/// Horizontal alignment of text in a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush with the box's left edge.
    Left,
    /// Centred in the box.
    Center,
    /// Flush with the box's right edge.
    Right,
}

/// Vertical alignment of text in a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VAlign {
    /// At the box's top.
    Top,
    /// Centred between top and bottom.
    Middle,
    /// At the box's bottom.
    Bottom,
}

/// Height of one line of text at `size` points, in mm.
pub fn line_height(size: f32) -> f32 {
    size * PT_MM * 1.32
}

/// A document being built.
pub struct Doc<'f> {
    fonts: &'f Fonts,
    doc: PdfDocument,
    font_ids: Vec<FontId>,
    pages: Vec<PdfPage>,
    missing: Vec<char>,
    seen_missing: HashSet<char>,
}

/// The part of a page that drawing goes to.
///
/// A batch of pre-filled forms prints the same template on every page: its text, rules and
/// boxes are drawn into the [`Layer::Shared`] layer, which the PDF stores once (a form XObject,
/// see `pdf::shared`) however many pages show it; the household's values go to the page's
/// own layer. Both are drawn on the page, the shared one first; pages that draw nothing shared
/// are written as before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// Only this page's (the default).
    Own,
    /// The same on many pages: must not depend on anything but what they share.
    Shared,
}

/// The content of one layer of a page.
#[derive(Default)]
struct Strokes {
    /// Graphics (lines, boxes, fills), drawn first.
    ops: Vec<Op>,
    /// Text, drawn after the graphics in one text section with absolute positions.
    text: Vec<Op>,
    /// Font and size last set in `text` (avoids repeating Tf).
    cur_font: Option<(usize, f32)>,
    /// Line width last set in `ops`; None: not set yet.
    cur_width: Option<f32>,
}

impl Strokes {
    /// The layer's operations: graphics, then the text in one text section.
    fn into_ops(self, out: &mut Vec<Op>) {
        out.extend(self.ops);
        if !self.text.is_empty() {
            out.push(Op::StartTextSection);
            out.extend(self.text);
            out.push(Op::EndTextSection);
        }
    }
}

/// One page being drawn.
pub struct Page<'f> {
    fonts: &'f Fonts,
    font_ids: Vec<FontId>,
    /// What is drawn in the page's own layer and in the shared one ([`Layer`]).
    layers: [Strokes; 2],
    /// The layer drawn into now.
    layer: Layer,
    width: f32,
    height: f32,
    missing: Vec<char>,
    seen_missing: HashSet<char>,
}

impl<'f> Doc<'f> {
    /// A new document with its title (shown by PDF viewers) and today's creation date.
    pub fn new(fonts: &'f Fonts, title: &str) -> Doc<'f> {
        let mut doc = PdfDocument::new(title);
        // Short resource names (QMFNAA, QMFNAB …), repeated at every font change. printpdf
        // also uses the name as the subset tag, which PDF wants as six capital letters.
        let font_ids = fonts
            .faces()
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let letter = |n: usize| char::from(b'A' + (n % 26) as u8);
                let id = FontId(format!("QMFN{}{}", letter(i / 26), letter(i)));
                doc.resources
                    .fonts
                    .map
                    .insert(id.clone(), printpdf::PdfFont::new(f.font.clone()));
                id
            })
            .collect();
        let now = printpdf::OffsetDateTime::now();
        let info = &mut doc.metadata.info;
        info.document_title = title.to_string();
        info.creation_date = now;
        info.modification_date = now;
        info.metadata_date = now;
        info.creator = "敲门行动村级工作台".to_string();
        info.producer = format!("qiaomen {}", env!("CARGO_PKG_VERSION"));
        Doc {
            fonts,
            doc,
            font_ids,
            pages: Vec::new(),
            missing: Vec::new(),
            seen_missing: HashSet::new(),
        }
    }

    /// The font chain the document draws with.
    pub fn fonts(&self) -> &'f Fonts {
        self.fonts
    }

    /// A blank A4 portrait page.
    pub fn page(&self) -> Page<'f> {
        self.page_sized(A4_W, A4_H)
    }

    /// A blank A4 landscape page.
    pub fn page_landscape(&self) -> Page<'f> {
        self.page_sized(A4_H, A4_W)
    }

    fn page_sized(&self, width: f32, height: f32) -> Page<'f> {
        Page {
            fonts: self.fonts,
            font_ids: self.font_ids.clone(),
            layers: Default::default(),
            layer: Layer::Own,
            width,
            height,
            missing: Vec::new(),
            seen_missing: HashSet::new(),
        }
    }

    /// Adds a finished page.
    pub fn add(&mut self, page: Page<'f>) {
        for c in page.missing {
            if self.seen_missing.insert(c) {
                self.missing.push(c);
            }
        }
        let [own, shared] = page.layers;
        let mut ops = Vec::with_capacity(own.ops.len() + own.text.len() + shared.ops.len() + 8);
        if !shared.ops.is_empty() || !shared.text.is_empty() {
            ops.push(Op::BeginMarkedContent {
                tag: super::shared::TAG.to_string(),
            });
            shared.into_ops(&mut ops);
            ops.push(Op::EndMarkedContent);
        }
        own.into_ops(&mut ops);
        self.pages
            .push(PdfPage::new(Mm(page.width), Mm(page.height), ops));
    }

    /// Pages added so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Serialises the document (fonts subset to the glyphs used).
    pub fn finish(mut self) -> Result<Rendered> {
        if self.pages.is_empty() {
            return Err(Error::invalid("没有可打印的内容。"));
        }
        let pages = self.pages.len();
        let opts = PdfSaveOptions {
            subset_fonts: true,
            ..Default::default()
        };
        let mut warnings = Vec::new();
        let mut lo = self
            .doc
            .with_pages(std::mem::take(&mut self.pages))
            .to_lopdf_document(&opts, &mut warnings);
        super::shared::factor_out(&mut lo)?;
        // Compressed streams, and the page dictionaries in object streams with an xref
        // stream (PDF 1.5): a thousand-page batch is a third smaller than printpdf's default.
        lo.compress();
        lo.version = "1.5".to_string();
        let mut bytes = Vec::new();
        let saved = lo.save_modern(&mut bytes);
        if saved.is_err() || bytes.len() < 100 {
            return Err(Error::internal(
                "生成 PDF 失败，请把这句话告诉软件维护人员。",
            ));
        }
        Ok(Rendered {
            bytes,
            pages,
            missing_chars: self.missing,
        })
    }
}

/// Millimetres to points, rounded to 1/100 pt (shorter content streams, invisible).
fn pt(mm: f32) -> Pt {
    Pt((mm / PT_MM * 100.0).round() / 100.0)
}

impl<'f> Page<'f> {
    /// Draws into `layer` from now on.
    pub fn set_layer(&mut self, layer: Layer) {
        self.layer = layer;
    }

    fn strokes(&mut self) -> &mut Strokes {
        match self.layer {
            Layer::Own => &mut self.layers[0],
            Layer::Shared => &mut self.layers[1],
        }
    }

    /// Adds graphics operations to the current layer (the QR code).
    pub(crate) fn push_ops(&mut self, ops: impl IntoIterator<Item = Op>) {
        self.strokes().ops.extend(ops);
    }

    /// The page's width in mm.
    pub fn width(&self) -> f32 {
        self.width
    }

    /// The page's height in mm.
    pub fn height(&self) -> f32 {
        self.height
    }

    /// The font chain the page draws with.
    pub fn fonts(&self) -> &'f Fonts {
        self.fonts
    }

    fn point(&self, x: f32, y: f32) -> Point {
        Point {
            x: pt(x),
            y: pt(self.height - y),
        }
    }

    /// Width of `text` at `size` points, in mm.
    pub fn measure(&self, text: &str, size: f32) -> f32 {
        self.fonts.width_mm(text, size)
    }

    /// Draws one line of text with its baseline at (x, y); returns its width in mm. Each run
    /// of characters is drawn with the first face of the chain that has them; characters no
    /// face has are drawn with the first face (an empty box) and remembered for the warning.
    pub fn text(&mut self, x: f32, baseline: f32, size: f32, text: &str) -> f32 {
        let mut cursor = x;
        let mut run: Vec<Codepoint> = Vec::new();
        let mut run_face = usize::MAX;
        let mut run_x = x;
        for c in text.chars() {
            if c.is_control() {
                continue;
            }
            let g = self.fonts.glyph(c);
            let face = match g.face {
                Some(f) => f,
                None => {
                    if self.seen_missing.insert(c) {
                        self.missing.push(c);
                    }
                    0
                }
            };
            if face != run_face && !run.is_empty() {
                self.run(run_x, baseline, size, run_face, std::mem::take(&mut run));
            }
            if run.is_empty() {
                run_x = cursor;
                run_face = face;
            }
            run.push(Codepoint {
                gid: g.gid,
                offset: 0.0,
                cid: Some(c.to_string()),
            });
            cursor += g.advance_em * size * PT_MM;
        }
        if !run.is_empty() {
            self.run(run_x, baseline, size, run_face, run);
        }
        cursor - x
    }

    /// Like [`Page::text`], in white (on a dark label).
    pub fn white_text(&mut self, x: f32, baseline: f32, size: f32, text: &str) -> f32 {
        let grey = |percent| Op::SetFillColor {
            col: Color::Greyscale(Greyscale {
                percent,
                icc_profile: None,
            }),
        };
        self.strokes().text.push(grey(1.0));
        let w = self.text(x, baseline, size, text);
        self.strokes().text.push(grey(0.0));
        w
    }

    /// One run of glyphs of one face, positioned absolutely (Tm), shown by glyph id with
    /// the character kept for copy and search (ToUnicode).
    fn run(&mut self, x: f32, baseline: f32, size: f32, face: usize, glyphs: Vec<Codepoint>) {
        let font = PdfFontHandle::External(self.font_ids[face].clone());
        let p = self.point(x, baseline);
        let l = self.strokes();
        if l.cur_font != Some((face, size)) {
            l.text.push(Op::SetFont {
                font,
                size: Pt(size),
            });
            l.cur_font = Some((face, size));
        }
        l.text.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(p.x, p.y),
        });
        l.text.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(glyphs)],
        });
    }

    fn set_width(&mut self, width_pt: f32) {
        let l = self.strokes();
        if l.cur_width != Some(width_pt) {
            l.ops.push(Op::SetOutlineThickness { pt: Pt(width_pt) });
            l.cur_width = Some(width_pt);
        }
    }

    /// Draws one line of text whose em box starts at `top`, aligned in [x, x + w].
    pub fn text_line(&mut self, x: f32, top: f32, w: f32, size: f32, align: Align, text: &str) {
        let tw = self.measure(text, size);
        let tx = match align {
            Align::Left => x,
            Align::Center => x + (w - tw) / 2.0,
            Align::Right => x + w - tw,
        };
        self.text(tx, top + size * PT_MM * 0.88, size, text);
    }

    /// Breaks `text` into lines no wider than `width` mm at `size` points. Explicit line
    /// breaks are kept; Latin words and numbers are not split unless longer than a line;
    /// closing punctuation never starts a line.
    pub fn wrap(&self, text: &str, width: f32, size: f32) -> Vec<String> {
        wrap(self.fonts, text, width, size)
    }

    /// Draws wrapped text in a box, shrinking the size (down to `min_size`) until it fits.
    /// Returns the size used.
    #[allow(clippy::too_many_arguments)]
    pub fn text_box(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        size: f32,
        min_size: f32,
        align: Align,
        valign: VAlign,
        text: &str,
    ) -> f32 {
        let (size, lines) = fit(self.fonts, text, w, h, size, min_size);
        let lh = line_height(size);
        let total = lh * lines.len() as f32 - (lh - size * PT_MM);
        let mut top = match valign {
            VAlign::Top => y,
            VAlign::Middle => y + (h - total) / 2.0,
            VAlign::Bottom => y + h - total,
        };
        for l in &lines {
            self.text_line(x, top, w, size, align, l);
            top += lh;
        }
        size
    }

    /// A straight line.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width_pt: f32) {
        let (p1, p2) = (self.point(x1, y1), self.point(x2, y2));
        self.set_width(width_pt);
        self.strokes().ops.extend([Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint {
                        p: p1,
                        bezier: false,
                    },
                    LinePoint {
                        p: p2,
                        bezier: false,
                    },
                ],
                is_closed: false,
            },
        }]);
    }

    /// A dashed straight line (cut lines).
    pub fn dashed_line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width_pt: f32) {
        self.strokes().ops.push(Op::SetLineDashPattern {
            dash: printpdf::LineDashPattern::new(0.0, &[4.0, 3.0]),
        });
        self.line(x1, y1, x2, y2, width_pt);
        self.strokes().ops.push(Op::SetLineDashPattern {
            dash: printpdf::LineDashPattern::solid(),
        });
    }

    /// A rectangle outline.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, width_pt: f32) {
        self.set_width(width_pt);
        let rectangle = self.pdf_rect(x, y, w, h, PaintMode::Stroke);
        self.strokes().ops.push(Op::DrawRectangle { rectangle });
    }

    fn pdf_rect(&self, x: f32, y: f32, w: f32, h: f32, mode: PaintMode) -> Rect {
        let p = self.point(x, y + h);
        Rect {
            x: p.x,
            y: p.y,
            width: pt(w),
            height: pt(h),
            mode: Some(mode),
            winding_order: Some(WindingOrder::NonZero),
        }
    }

    /// A filled grey rectangle (0.0 black … 1.0 white).
    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, grey: f32) {
        let fill = |percent: f32| Op::SetFillColor {
            col: Color::Greyscale(Greyscale {
                percent: percent.clamp(0.0, 1.0),
                icc_profile: None,
            }),
        };
        let rectangle = self.pdf_rect(x, y, w, h, PaintMode::Fill);
        self.strokes()
            .ops
            .extend([fill(grey), Op::DrawRectangle { rectangle }, fill(0.0)]);
    }

    /// A square check box of side `s` mm with its top-left corner at (x, y); a tick is drawn
    /// in it when `checked`. Vector shapes: CJK fonts have no ☐/☑.
    pub fn check_box(&mut self, x: f32, y: f32, s: f32, checked: bool) {
        self.rect(x, y, s, s, 0.6);
        if checked {
            self.tick(x, y, s);
        }
    }

    /// A tick mark in the square (x, y, s), slightly overflowing it as a pen would.
    pub fn tick(&mut self, x: f32, y: f32, s: f32) {
        let pts = [
            (x + 0.15 * s, y + 0.5 * s),
            (x + 0.42 * s, y + 0.82 * s),
            (x + 1.05 * s, y - 0.15 * s),
        ];
        let points = pts
            .iter()
            .map(|&(px, py)| LinePoint {
                p: self.point(px, py),
                bezier: false,
            })
            .collect();
        self.strokes().ops.extend([
            Op::SaveGraphicsState,
            Op::SetLineJoinStyle {
                join: LineJoinStyle::Round,
            },
            Op::SetLineCapStyle {
                cap: LineCapStyle::Round,
            },
            Op::SetOutlineThickness {
                pt: Pt((s * 0.16 / PT_MM).max(1.0)),
            },
            Op::DrawLine {
                line: Line {
                    points,
                    is_closed: false,
                },
            },
            Op::RestoreGraphicsState,
        ]);
    }

    /// Cut marks at the corners of the cell (x, y, w, h), outside it, `len` mm long.
    pub fn cut_marks(&mut self, x: f32, y: f32, w: f32, h: f32, len: f32) {
        let gap = 1.0;
        for (cx, sx) in [(x, -1.0), (x + w, 1.0)] {
            for (cy, sy) in [(y, -1.0), (y + h, 1.0)] {
                self.line(cx + sx * gap, cy, cx + sx * (gap + len), cy, 0.4);
                self.line(cx, cy + sy * gap, cx, cy + sy * (gap + len), 0.4);
            }
        }
    }
}

/// Chooses the largest size in [min_size, size] (0.5 pt steps) at which `text` wrapped to
/// `w` fits the height `h`; returns the size and the lines.
pub fn fit(
    fonts: &Fonts,
    text: &str,
    w: f32,
    h: f32,
    size: f32,
    min_size: f32,
) -> (f32, Vec<String>) {
    let mut s = size;
    loop {
        let lines = wrap(fonts, text, w, s);
        let needed = line_height(s) * lines.len() as f32 - (line_height(s) - s * PT_MM);
        if needed <= h + 0.01 || s - 0.5 < min_size {
            return (s, lines);
        }
        s -= 0.5;
    }
}

const NO_LINE_START: &str = "，。、；：！？）》」』”’〕】…,.;:!?)]%";
const NO_LINE_END: &str = "（《「『“‘〔【([";

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '@' | '/' | '+')
}

/// See [`Page::wrap`].
pub fn wrap(fonts: &Fonts, text: &str, width: f32, size: f32) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.split('\n') {
        let chars: Vec<char> = para.chars().filter(|c| *c != '\r').collect();
        let mut line: Vec<char> = Vec::new();
        let mut w = 0.0;
        let mut i = 0;
        while i < chars.len() {
            // A token: a Latin word/number, or a single other character.
            let mut j = i + 1;
            if is_word_char(chars[i]) {
                while j < chars.len() && is_word_char(chars[j]) {
                    j += 1;
                }
            }
            let token = &chars[i..j];
            let tw: f32 = token.iter().map(|&c| fonts.advance_em(c)).sum::<f32>() * size * PT_MM;
            if w + tw > width + 0.01 && !line.is_empty() {
                if token.len() > 1 && tw > width {
                    // A word longer than the line: fill the line char by char.
                    let mut k = i;
                    while k < j {
                        let cw = fonts.advance_em(chars[k]) * size * PT_MM;
                        if w + cw > width + 0.01 && !line.is_empty() {
                            out.push(line.iter().collect());
                            line.clear();
                            w = 0.0;
                        }
                        line.push(chars[k]);
                        w += cw;
                        k += 1;
                    }
                    i = j;
                    continue;
                }
                if token.len() == 1 && NO_LINE_START.contains(token[0]) {
                    // Carry the last character (with any closing punctuation after it) down
                    // with the punctuation; if that would empty the line, let it overhang.
                    let mut k = line.len();
                    while k > 0 && NO_LINE_START.contains(line[k - 1]) {
                        k -= 1;
                    }
                    if k <= 1 {
                        line.push(token[0]);
                        out.push(line.iter().collect());
                        line.clear();
                        w = 0.0;
                        i = j;
                        continue;
                    }
                    let carry = line.split_off(k - 1);
                    out.push(line.iter().collect());
                    line = carry;
                    w = line.iter().map(|&c| fonts.advance_em(c)).sum::<f32>() * size * PT_MM;
                } else {
                    // An opening bracket does not end a line.
                    let carry = match line.last() {
                        Some(&c) if NO_LINE_END.contains(c) && line.len() > 1 => line.pop(),
                        _ => None,
                    };
                    out.push(line.iter().collect());
                    line.clear();
                    w = 0.0;
                    if let Some(c) = carry {
                        line.push(c);
                        w = fonts.advance_em(c) * size * PT_MM;
                    }
                }
            }
            line.extend_from_slice(token);
            w += tw;
            i = j;
        }
        out.push(line.iter().collect());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_and_punctuation_rules() {
        let f = Fonts::builtin().unwrap();
        let size = 10.0;
        let em = size * PT_MM;
        // Five ideographs per line.
        let lines = wrap(f, "一二三四五六七八九十", em * 5.0, size);
        assert_eq!(lines, vec!["一二三四五", "六七八九十"]);
        // A comma never starts a line: the last ideograph comes down with it.
        let lines = wrap(f, "一二三四五，六七", em * 5.0, size);
        assert_eq!(lines, vec!["一二三四", "五，六七"]);
        // Nor does a run of closing punctuation.
        let lines = wrap(f, "一二三（四）；五", em * 5.0, size);
        assert_eq!(lines, vec!["一二三（", "四）；五"]);
        // A phone number is not split.
        let lines = wrap(f, "电话13800138000", em * 7.0, size);
        assert_eq!(lines, vec!["电话", "13800138000"]);
        // Explicit line breaks are kept.
        assert_eq!(wrap(f, "甲\n乙", em * 5.0, size), vec!["甲", "乙"]);
        // No line is wider than asked (except a lone over-long character).
        let text = "是否做到“三清三关”(清走道、清阳台、清厨房,关电源、关气源)";
        for l in wrap(f, text, 40.0, size) {
            assert!(f.width_mm(&l, size) <= 40.0 + 0.01, "{l}");
        }
    }

    #[test]
    fn fit_shrinks_until_the_text_fits() {
        let f = Fonts::builtin().unwrap();
        let text = "一".repeat(200);
        let (s, lines) = fit(f, &text, 50.0, 20.0, 12.0, 5.0);
        assert!(s < 12.0);
        let needed = line_height(s) * lines.len() as f32;
        assert!(needed <= 20.0 + line_height(s), "{s} {}", lines.len());
    }
}
