//! Cards handed to every household: the 明白卡 (seed 000 附件1) and the 消防安全告知书
//! (seed 002 附件1), 1, 2 or 4 to an A4 page with cut marks, with the office's contacts.
//! The texts are data in `assets/cards/`.

use super::canvas::{line_height, wrap, Align, Doc, Page, A4_H, A4_W};
use super::fonts::Fonts;
use super::{Rendered, PT_MM};
use crate::error::{Error, Result};
use serde::Deserialize;

/// The 明白卡's text (seed 000 附件1), compiled in from `assets/cards/mingbaika.json`.
pub const MINGBAIKA_JSON: &str = include_str!("../../../../assets/cards/mingbaika.json");
/// The 消防安全告知书's text (seed 002 附件1, thirteen points), compiled in from
/// `assets/cards/gaozhishu.json`.
pub const GAOZHISHU_JSON: &str = include_str!("../../../../assets/cards/gaozhishu.json");

/// A card's printed text.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CardText {
    /// Short ASCII name of the text (`mingbaika`, `gaozhishu`); not printed.
    pub id: String,
    /// Printed at the top of every card (“敲门行动”明白卡).
    pub title: String,
    /// Which notice the text comes from (e.g. 下政发〔2024〕52号 附件1); kept for reference, not printed.
    #[serde(default)]
    pub source: String,
    /// Step chips under the title (明白卡: 进室内 登信息 …).
    #[serde(default)]
    pub steps: Vec<String>,
    /// The body, in order; each section may start with a heading.
    pub sections: Vec<CardSection>,
}

/// One block of a card's body: an optional heading and its lines.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CardSection {
    /// Printed above the lines as white text on a dark label (进室内, 查隐患 ...); None for a
    /// block without heading.
    pub heading: Option<String>,
    /// The block's lines; a line starting with a number ("1. ", "一、") hangs its continuation
    /// lines under the text after the number.
    pub lines: Vec<String>,
}

impl CardText {
    /// Reads a card text from its JSON (the format of `assets/cards/*.json`); `bad_file` when
    /// the JSON does not match.
    pub fn parse(json: &str) -> Result<CardText> {
        serde_json::from_str(json)
            .map_err(|e| Error::bad_file(format!("卡片文字格式不正确：{e}")).with_cause(e))
    }

    /// The built-in 明白卡.
    pub fn mingbaika() -> Result<CardText> {
        CardText::parse(MINGBAIKA_JSON)
    }

    /// The built-in 消防安全告知书.
    pub fn gaozhishu() -> Result<CardText> {
        CardText::parse(GAOZHISHU_JSON)
    }
}

/// The office's contacts printed at the foot of a card.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Contacts {
    /// 单位 (the village or community office).
    pub unit: String,
    /// 网格长 and phone.
    pub grid_leader: String,
    /// The grid leader's phone, printed beside the name; empty prints a blank to fill in by hand.
    pub grid_leader_phone: String,
    /// 村（社区）值班电话.
    pub village_phone: String,
    /// Free line (e.g. the issuing date); '' for none.
    pub note: String,
}

impl Contacts {
    fn lines(&self) -> Vec<String> {
        let blank = "\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}";
        let or_blank = |s: &str| {
            if s.trim().is_empty() {
                blank.to_string()
            } else {
                s.to_string()
            }
        };
        let mut out = vec![
            format!("单位：{}", or_blank(&self.unit)),
            format!(
                "网格长：{}　电话：{}",
                or_blank(&self.grid_leader),
                or_blank(&self.grid_leader_phone)
            ),
            format!(
                "村（社区）电话：{}　火警：119",
                or_blank(&self.village_phone)
            ),
        ];
        if !self.note.is_empty() {
            out.push(self.note.clone());
        }
        out
    }
}

/// Cards per A4 page.
pub fn check_per_page(n: u32) -> Result<u32> {
    match n {
        1 | 2 | 4 => Ok(n),
        _ => Err(Error::invalid(format!(
            "每页张数只能是 1、2 或 4，不能是 {n}。"
        ))),
    }
}

/// Renders one A4 page per entry of `contacts`, each holding `per_page` copies of the card.
pub fn render(card: &CardText, contacts: &[Contacts], per_page: u32) -> Result<Rendered> {
    let per_page = check_per_page(per_page)?;
    let fonts = Fonts::builtin()?;
    let mut doc = Doc::new(fonts, &card.title);
    for c in contacts {
        let mut page = doc.page();
        let cells: Vec<(f32, f32, f32, f32)> = match per_page {
            1 => vec![(12.0, 12.0, A4_W - 24.0, A4_H - 24.0)],
            2 => {
                let h = A4_H / 2.0;
                (0..2)
                    .map(|i| (10.0, i as f32 * h + 9.0, A4_W - 20.0, h - 18.0))
                    .collect()
            }
            _ => {
                let (w, h) = (A4_W / 2.0, A4_H / 2.0);
                (0..4)
                    .map(|i| {
                        (
                            (i % 2) as f32 * w + 7.0,
                            (i / 2) as f32 * h + 8.0,
                            w - 14.0,
                            h - 16.0,
                        )
                    })
                    .collect()
            }
        };
        for &(x, y, w, h) in &cells {
            draw_card(&mut page, card, c, x, y, w, h);
            if per_page > 1 {
                page.cut_marks(x - 3.0, y - 3.0, w + 6.0, h + 6.0, 4.0);
            }
        }
        if per_page == 2 {
            page.dashed_line(3.0, A4_H / 2.0, A4_W - 3.0, A4_H / 2.0, 0.3);
        } else if per_page == 4 {
            page.dashed_line(3.0, A4_H / 2.0, A4_W - 3.0, A4_H / 2.0, 0.3);
            page.dashed_line(A4_W / 2.0, 3.0, A4_W / 2.0, A4_H - 3.0, 0.3);
        }
        doc.add(page);
    }
    doc.finish()
}

enum Row {
    Heading(String),
    Line { text: String, indent: f32 },
    Gap,
}

struct Laid {
    size: f32,
    columns: Vec<Vec<Row>>,
    col_w: f32,
}

/// Lays the sections out at `size` in `ncols` columns of height `col_h`; None if they do
/// not fit.
fn lay_out(
    fonts: &Fonts,
    card: &CardText,
    size: f32,
    col_w: f32,
    col_h: f32,
    ncols: usize,
) -> Option<Laid> {
    let lh = line_height(size);
    let hs = size * 1.1;
    let hh = line_height(hs) + 1.2;
    let mut rows: Vec<(Row, f32)> = Vec::new();
    for (i, s) in card.sections.iter().enumerate() {
        if i > 0 {
            rows.push((Row::Gap, lh * 0.35));
        }
        if let Some(h) = &s.heading {
            rows.push((Row::Heading(h.clone()), hh));
        }
        for l in &s.lines {
            // Hanging indent after "1. " or "一、".
            let prefix: String = match l.find(['、', ' ']) {
                Some(p) if p <= 9 => {
                    l[..p + l[p..].chars().next().map_or(0, char::len_utf8)].to_string()
                }
                _ => String::new(),
            };
            let indent = if prefix.is_empty() {
                0.0
            } else {
                fonts.width_mm(&prefix, size)
            };
            // Continuation lines hang under the text after the number; every line is wrapped
            // to the narrower width so that punctuation rules hold across the break.
            let lines: Vec<(String, f32)> = wrap(fonts, l, col_w - indent, size)
                .into_iter()
                .enumerate()
                .map(|(i, t)| (t, if i == 0 { 0.0 } else { indent }))
                .collect();
            for (text, indent) in lines {
                rows.push((Row::Line { text, indent }, lh));
            }
        }
    }
    let mut columns: Vec<Vec<Row>> = (0..ncols).map(|_| vec![]).collect();
    let mut col = 0;
    let mut used = 0.0;
    for (row, h) in rows {
        if used + h > col_h + 0.01 {
            if matches!(row, Row::Gap) {
                continue;
            }
            col += 1;
            used = 0.0;
            if col >= ncols {
                return None;
            }
        }
        if used == 0.0 && matches!(row, Row::Gap) {
            continue;
        }
        // Keep a heading with its first line.
        used += h;
        columns[col].push(row);
    }
    // Avoid a heading alone at the foot of a column.
    for c in 0..ncols.saturating_sub(1) {
        if matches!(columns[c].last(), Some(Row::Heading(_))) {
            if let Some(h) = columns[c].pop() {
                columns[c + 1].insert(0, h);
            }
        }
    }
    Some(Laid {
        size,
        columns,
        col_w,
    })
}

/// Sizes of a card's parts for a body text size `s`.
struct Sizes {
    title: f32,
    steps: f32,
    contacts: f32,
    pad: f32,
}

fn sizes(s: f32) -> Sizes {
    Sizes {
        title: s * 1.8,
        steps: s * 1.05,
        contacts: s,
        pad: (s * 0.55).max(3.0),
    }
}

/// Draws one card in the box (x, y, w, h): title, steps, sections (in two columns when the
/// box is wide), contacts. The body size is the largest (≤ 14 pt) at which all fits.
pub fn draw_card(
    page: &mut Page,
    card: &CardText,
    contacts: &Contacts,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
) {
    let fonts = page.fonts();
    let lines = contacts.lines();
    let ncols = if w > h * 1.1 { 2 } else { 1 };
    // Heights of the parts above and below the body at body size s.
    let frame = |s: f32| {
        let z = sizes(s);
        let mut top = z.pad + z.title * PT_MM + z.pad * 0.6;
        if !card.steps.is_empty() {
            top += line_height(z.steps) + z.pad * 0.5 + z.pad * 0.6;
        }
        let bottom =
            lines.len() as f32 * line_height(z.contacts) + z.pad * 0.6 + z.pad * 0.6 + z.pad;
        (top, bottom)
    };
    let mut size = 14.0;
    let laid = loop {
        let z = sizes(size);
        let (top, bottom) = frame(size);
        let iw = w - 2.0 * z.pad;
        let gutter = z.pad;
        let col_w = (iw - gutter * (ncols as f32 - 1.0)) / ncols as f32;
        if let Some(l) = lay_out(fonts, card, size, col_w, h - top - bottom, ncols) {
            break l;
        }
        if size <= 4.0 {
            // Cannot fit: print at the smallest size, overflowing the box.
            match lay_out(fonts, card, size, col_w, f32::MAX, 1) {
                Some(l) => break l,
                None => return,
            }
        }
        size -= 0.25;
    };
    let z = sizes(laid.size);
    let pad = z.pad;
    page.rect(x, y, w, h, 1.0);
    let (ix, iw) = (x + pad, w - 2.0 * pad);
    let mut cy = y + pad;
    page.text_line(ix, cy, iw, z.title, Align::Center, &card.title);
    cy += z.title * PT_MM + pad * 0.6;
    if !card.steps.is_empty() {
        let n = card.steps.len() as f32;
        let gap = pad * 0.6;
        let sw = (iw - gap * (n - 1.0)) / n;
        let sh = line_height(z.steps) + pad * 0.5;
        for (i, s) in card.steps.iter().enumerate() {
            let sx = ix + i as f32 * (sw + gap);
            page.fill_rect(sx, cy, sw, sh, 0.88);
            page.rect(sx, cy, sw, sh, 0.6);
            page.text_line(
                sx,
                cy + (sh - z.steps * PT_MM) / 2.0,
                sw,
                z.steps,
                Align::Center,
                s,
            );
        }
        cy += sh + pad * 0.6;
    }

    // Contacts at the foot.
    let ch = lines.len() as f32 * line_height(z.contacts) + pad * 0.6;
    let cty = y + h - pad - ch;
    page.rect(ix, cty, iw, ch, 0.8);
    let mut ly = cty + pad * 0.3;
    for l in &lines {
        page.text_line(ix + pad * 0.5, ly, iw - pad, z.contacts, Align::Left, l);
        ly += line_height(z.contacts);
    }

    // The sections.
    let lh = line_height(laid.size);
    let hs = laid.size * 1.1;
    let gutter = pad;
    for (c, rows) in laid.columns.iter().enumerate() {
        let colx = ix + c as f32 * (laid.col_w + gutter);
        let mut ry = cy;
        for (k, row) in rows.iter().enumerate() {
            match row {
                Row::Gap => {
                    if k > 0 {
                        ry += lh * 0.35;
                    }
                }
                Row::Heading(t) => {
                    let tw = page.measure(t, hs) + hs * PT_MM;
                    let hh = line_height(hs) + 0.4;
                    page.fill_rect(colx, ry, tw, hh, 0.2);
                    // White heading text on a dark label.
                    page.white_text(colx + hs * PT_MM * 0.5, ry + 0.2 + hs * PT_MM * 0.95, hs, t);
                    ry += hh + 0.8;
                }
                Row::Line { text, indent } => {
                    page.text(
                        colx + indent,
                        ry + laid.size * PT_MM * 0.88,
                        laid.size,
                        text,
                    );
                    ry += lh;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_cards_parse() {
        let m = CardText::mingbaika().unwrap();
        assert_eq!(m.steps.len(), 3);
        assert_eq!(m.sections.len(), 6);
        let g = CardText::gaozhishu().unwrap();
        assert_eq!(g.sections[0].lines.len(), 13);
        assert!(g.sections[0].lines[12].starts_with("十三、"));
        assert!(check_per_page(3).is_err());
    }
}
