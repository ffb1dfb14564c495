//! The 安全隐患排查清单 (seed 000/001 附件1) driven by a [`Template`]: blank, pre-filled with
//! a household's header (one page per household, its code printed prominently and as a QR
//! code, see [`crate::formcode`]) and filled from a recorded inspection (answers ticked, texts
//! and date filled in). The blank form has a box for writing the code by hand.
//!
//! The template's text, rules and boxes are drawn into the page's shared layer and the
//! household's values into its own ([`Layer`]): a batch stores the template once.

use super::canvas::{fit, line_height, Align, Doc, Layer, Page, VAlign};
use super::fonts::Fonts;
use super::{Progress, Rendered, PT_MM};
use crate::error::Result;
use crate::households::Household;
use crate::templates::{Answer, HeaderField, Template};
use chrono::Datelike;
use std::collections::BTreeMap;

/// What is written on one checklist page besides the template's own text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChecklistData {
    /// Household code printed prominently at the top ('' on a blank form: a box to write it).
    pub code: String,
    /// The text of the QR code printed beside it ('' for none; see [`crate::formcode`]).
    pub qr: String,
    /// Grid name printed at the top ('' when none).
    pub grid: String,
    /// Header values by [`HeaderField::key`] (name, address, floors, residents, vulnerable,
    /// area, nature, structure, floors_used, contact, phone).
    pub header: BTreeMap<String, String>,
    /// Answers by item number.
    pub answers: BTreeMap<i64, Answer>,
    /// 入户检查人员
    pub inspectors: String,
    /// 填表日期
    pub date: Option<chrono::NaiveDate>,
    /// 其它隐患情况
    pub other_hazards: String,
    /// 现场交办整改事项
    pub assigned: String,
    /// Whether the household's responsible person signed the paper form.
    pub signed: bool,
    /// A line printed small at the foot of the page (e.g. "存档联 · 录入于 …").
    pub footer: String,
}

fn num<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

impl ChecklistData {
    /// The header of a household, answers left blank (a pre-filled form).
    pub fn from_household(h: &Household) -> ChecklistData {
        let area = h.area.map(|a| {
            let s = format!("{a:.2}");
            let s = s.trim_end_matches('0').trim_end_matches('.').to_string();
            format!("{s}平方米")
        });
        let pairs = [
            ("name", h.name.clone()),
            ("address", h.address.clone()),
            ("floors", num(h.floors)),
            ("residents", num(h.residents)),
            ("vulnerable", num(h.vulnerable)),
            ("area", area.unwrap_or_default()),
            ("nature", h.nature.clone()),
            ("structure", h.structure.clone()),
            ("floors_used", h.floors_used.clone()),
            ("contact", h.contact.clone()),
            ("phone", h.phone.clone()),
            ("village_group", h.village_group.clone()),
        ];
        ChecklistData {
            code: h.code.clone(),
            grid: h.grid.clone(),
            header: pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            ..Default::default()
        }
    }

    /// Every text printed from this data (for the coverage check).
    pub fn all_text(&self) -> String {
        let mut s = String::new();
        for v in self.header.values() {
            s.push_str(v);
        }
        for v in [
            &self.code,
            &self.grid,
            &self.inspectors,
            &self.other_hazards,
            &self.assigned,
            &self.footer,
        ] {
            s.push_str(v);
        }
        s
    }
}

/// The QR code's side and top edge (mm): at the top right, beside the code box and the title,
/// above the date line, so that no form grows by it. 23 mm for 25 modules (0.92 mm each,
/// 5.4 pixels in a 150 dpi scan) still decodes from a blurred, tilted photo of the page; the
/// top edge stays clear of what printers cannot print (about 4 mm).
const QR_SIZE: f32 = 23.0;
const QR_TOP: f32 = 5.0;

/// The blank form of a template.
pub fn render_blank(t: &Template) -> Result<Rendered> {
    render(&[(t, ChecklistData::default())], &t.title, &|_, _| {})
}

/// Checklists, one (or more, for long templates) page per entry, in the order given.
pub fn render(
    pages: &[(&Template, ChecklistData)],
    title: &str,
    progress: Progress,
) -> Result<Rendered> {
    let fonts = Fonts::builtin()?;
    let mut doc = Doc::new(fonts, title);
    let total = pages.len() as u64;
    for (i, (t, d)) in pages.iter().enumerate() {
        draw(&mut doc, t, d)?;
        if i % 20 == 19 {
            progress(i as u64 + 1, total + total / 10);
        }
    }
    let out = doc.finish()?;
    progress(total + total / 10, total + total / 10);
    Ok(out)
}

const LEFT: f32 = 15.0;
const RIGHT: f32 = 195.0;
const TOP: f32 = 11.0;
const BOTTOM: f32 = 287.0;
const LINE: f32 = 0.7;
const SIZE: f32 = 10.5;

/// Fills `{key}` placeholders of a header format with values (blank ones as spaces).
fn format_value(fmt: &str, d: &ChecklistData) -> String {
    let mut out = String::new();
    let mut rest = fmt;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        match rest[start..].find('}') {
            Some(end) => {
                let key = &rest[start + 1..start + end];
                match d.header.get(key).filter(|v| !v.is_empty()) {
                    Some(v) => out.push_str(v),
                    None => out.push_str("\u{3000}\u{3000}"),
                }
                rest = &rest[start + end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Draws the value cell of a header field.
fn header_value(
    page: &mut Page,
    f: &HeaderField,
    d: &ChecklistData,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
) {
    let value = d.header.get(&f.key).cloned().unwrap_or_default();
    page.set_layer(Layer::Own);
    if let Some(opts) = &f.options {
        // Options as check boxes, the household's ticked; a value that is not an option is
        // written after them.
        let size = 9.5;
        let bs = 3.2;
        let mut items: Vec<(f32, &str)> = opts
            .iter()
            .map(|o| (bs + 1.0 + page.measure(o, size) + 3.0, o.as_str()))
            .collect();
        let other = !value.is_empty() && !opts.contains(&value);
        let other_text = format!("其他：{value}");
        // The boxes and labels are the template's unless a value outside them moves them.
        page.set_layer(if other { Layer::Own } else { Layer::Shared });
        if other {
            items.push((page.measure(&other_text, size) + 2.0, other_text.as_str()));
        }
        let mut lines: Vec<Vec<(f32, &str)>> = vec![vec![]];
        let mut lw = 0.0;
        for it in items {
            if lw + it.0 > w - 2.0 && !lines.last().is_some_and(|l| l.is_empty()) {
                lines.push(vec![]);
                lw = 0.0;
            }
            lw += it.0;
            if let Some(l) = lines.last_mut() {
                l.push(it);
            }
        }
        let lh = line_height(size) + 0.8;
        let mut ty = y + (h - lh * lines.len() as f32) / 2.0 + 0.4;
        for l in lines {
            let mut tx = x + 1.5;
            for (iw, label) in l {
                if opts.iter().any(|o| o == label) {
                    let by = ty + (size * PT_MM - bs) / 2.0 + 0.1;
                    page.check_box(tx, by, bs, false);
                    page.text(tx + bs + 1.0, ty + size * PT_MM * 0.88, size, label);
                    if value == label {
                        page.set_layer(Layer::Own);
                        page.tick(tx, by, bs);
                        page.set_layer(if other { Layer::Own } else { Layer::Shared });
                    }
                } else {
                    page.text(tx, ty + size * PT_MM * 0.88, size, label);
                }
                tx += iw;
            }
            ty += lh;
        }
        page.set_layer(Layer::Own);
        return;
    }
    let text = match &f.format {
        Some(fmt) => format_value(fmt, d),
        None => value,
    };
    // One line if it fits at a readable size, else wrapped.
    let mut s = SIZE;
    while s > 8.0 && page.measure(&text, s) > w - 3.0 {
        s -= 0.5;
    }
    page.text_box(
        x + 1.5,
        y + 0.8,
        w - 3.0,
        h - 1.6,
        s,
        6.0,
        Align::Left,
        VAlign::Middle,
        &text,
    );
}

fn header_height(fonts: &Fonts, label: &str, w: f32) -> f32 {
    let (_, lines) = fit(fonts, label, w - 3.0, f32::MAX, 9.5, 9.5);
    (lines.len() as f32 * line_height(9.5) + 3.0).max(9.0)
}

/// The top of a page: QR code and code box, grid, title, inspectors and date. Returns the y
/// below it. Leaves the page drawing into its shared layer.
fn top(page: &mut Page, t: &Template, d: &ChecklistData, continued: bool) -> Result<f32> {
    let w = RIGHT - LEFT;
    let label = "户编号";
    let cs = 20.0;
    let mut right = RIGHT;
    page.set_layer(Layer::Own);
    if !d.qr.is_empty() && !continued {
        super::qr::draw(page, &d.qr, RIGHT - QR_SIZE, QR_TOP, QR_SIZE)?;
        right -= QR_SIZE + 4.0;
    }
    if !d.code.is_empty() {
        let cw = page.measure(&d.code, cs) + page.measure(label, 9.0) + 7.0;
        let bx = right - cw;
        page.rect(bx, TOP - 4.0, cw, 11.0, 1.2);
        page.text(bx + 2.0, TOP + 2.6, 9.0, label);
        page.text(bx + 4.0 + page.measure(label, 9.0), TOP + 5.2, cs, &d.code);
    }
    if !d.grid.is_empty() {
        page.text(LEFT, TOP + 1.0, 9.0, &format!("网格：{}", d.grid));
    }
    page.set_layer(Layer::Shared);
    if d.code.is_empty() {
        // A box to write the household's code by hand (the blank form).
        let cw = page.measure("000000", cs) + page.measure(label, 9.0) + 7.0;
        let bx = right - cw;
        page.rect(bx, TOP - 4.0, cw, 11.0, 1.2);
        page.text(bx + 2.0, TOP + 2.6, 9.0, label);
    }
    let mut y = TOP + 9.0;
    let title = if continued {
        format!("{}（续）", t.title)
    } else {
        t.title.clone()
    };
    // A long title is made smaller rather than run into the QR code.
    let room = 2.0 * (RIGHT - QR_SIZE - 4.0 - (LEFT + RIGHT) / 2.0);
    let mut ts = 17.0;
    while ts > 11.0 && page.measure(&title, ts) > room {
        ts -= 0.5;
    }
    page.text_line(
        LEFT,
        y + (17.0 - ts) * PT_MM * 0.5,
        w,
        ts,
        Align::Center,
        &title,
    );
    y += 11.0;
    if continued {
        return Ok(y);
    }
    let s = SIZE;
    let base = y + s * PT_MM * 0.88;
    let lw = page.text(LEFT, base, s, &format!("{}：", t.inspectors_label));
    page.line(LEFT + lw, base + 1.2, LEFT + 100.0, base + 1.2, 0.5);
    page.set_layer(Layer::Own);
    if !d.inspectors.is_empty() {
        page.text_box(
            LEFT + lw + 1.0,
            y - 0.5,
            100.0 - lw - 2.0,
            s * PT_MM + 1.0,
            s,
            6.0,
            Align::Left,
            VAlign::Bottom,
            &d.inspectors,
        );
    }
    let (yy, mm, dd) = match d.date {
        Some(dt) => (
            dt.year().to_string(),
            dt.month().to_string(),
            dt.day().to_string(),
        ),
        None => (String::new(), String::new(), String::new()),
    };
    let dx = RIGHT - 62.0;
    page.set_layer(Layer::Shared);
    let lw = page.text(dx, base, s, &format!("{}：", t.date_label));
    let mut x = dx + lw;
    // The units go with the values, so that the date reads as one text (2024年12月23日).
    for (v, unit, width) in [(yy, "年", 14.0), (mm, "月", 8.0), (dd, "日", 8.0)] {
        page.line(x, base + 1.2, x + width, base + 1.2, 0.5);
        page.set_layer(Layer::Own);
        page.text_line(x, y, width, s, Align::Center, &v);
        x += width;
        x += page.text(x, base, s, unit);
        page.set_layer(Layer::Shared);
    }
    Ok(y + 8.0)
}

/// The free-text boxes (其它隐患情况, 现场交办整改事项, the signature): the template's labels
/// in the shared layer, the household's text in its own. Returns the y below them.
fn free_text_boxes(page: &mut Page, t: &Template, d: &ChecklistData, mut y: f32) -> f32 {
    let w = RIGHT - LEFT;
    let sig = if d.signed { "（已签字）" } else { "" };
    for (label, text, h) in [
        (
            t.other_hazards_label.as_str(),
            d.other_hazards.as_str(),
            20.0,
        ),
        (t.assigned_label.as_str(), d.assigned.as_str(), 20.0),
        (t.signature_label.as_str(), sig, 13.0),
    ] {
        page.rect(LEFT, y, w, h, LINE);
        let lw = page.text(
            LEFT + 1.5,
            y + 1.2 + SIZE * PT_MM * 0.88,
            SIZE,
            &format!("{label}："),
        );
        page.set_layer(Layer::Own);
        if !text.is_empty() {
            // Text starts after the label on the first line and may use the whole box.
            let first_w = w - 3.0 - lw;
            let lines = page.wrap(text, first_w, SIZE);
            let mut ty = y + 1.2;
            let first = lines.first().cloned().unwrap_or_default();
            page.text(LEFT + 1.5 + lw, ty + SIZE * PT_MM * 0.88, SIZE, &first);
            let rest: String = lines.iter().skip(1).cloned().collect::<Vec<_>>().join("");
            ty += line_height(SIZE);
            if !rest.is_empty() {
                page.text_box(
                    LEFT + 1.5,
                    ty,
                    w - 3.0,
                    h - (ty - y) - 0.8,
                    SIZE,
                    6.0,
                    Align::Left,
                    VAlign::Top,
                    &rest,
                );
            }
        }
        page.set_layer(Layer::Shared);
        y += h;
    }

    y
}

/// Draws one checklist (one page, more if the template has very many items).
pub fn draw(doc: &mut Doc, t: &Template, d: &ChecklistData) -> Result<()> {
    let fonts = doc.fonts();
    let mut page = doc.page();
    let mut y = top(&mut page, t, d, false)?;
    let w = RIGHT - LEFT;

    // Header: pairs of (label, value) in a four-column bordered table.
    let cols = [33.0, 55.0, 44.0, 48.0];
    let xs = [
        LEFT,
        LEFT + cols[0],
        LEFT + cols[0] + cols[1],
        LEFT + cols[0] + cols[1] + cols[2],
    ];
    for pair in t.header_fields.chunks(2) {
        let mut h: f32 = 9.0;
        for (i, f) in pair.iter().enumerate() {
            h = h.max(header_height(fonts, &f.label, cols[i * 2]));
            if f.options.as_ref().is_some_and(|o| o.len() > 2) {
                h = h.max(2.0 * line_height(9.5) + 4.0);
            }
        }
        for (i, f) in pair.iter().enumerate() {
            let (lx, lw, vx, vw) = if pair.len() == 1 {
                (xs[0], cols[0], xs[1], w - cols[0])
            } else {
                (xs[i * 2], cols[i * 2], xs[i * 2 + 1], cols[i * 2 + 1])
            };
            page.rect(lx, y, lw, h, LINE);
            page.text_box(
                lx + 1.5,
                y + 1.0,
                lw - 3.0,
                h - 2.0,
                9.5,
                6.0,
                Align::Center,
                VAlign::Middle,
                &f.label,
            );
            page.rect(vx, y, vw, h, LINE);
            header_value(&mut page, f, d, vx, y, vw, h);
            page.set_layer(Layer::Shared);
        }
        y += h;
    }

    // Items: number | text | 是/否 boxes.
    let below = 20.0 + 20.0 + 13.0 + notes_height(fonts, t) + 4.0;
    let n = t.items.len().max(1) as f32;
    let rh = ((BOTTOM - below - y) / n).clamp(6.6, 9.0);
    let (nw, aw) = (9.0, 32.0);
    let tw = w - nw - aw;
    for item in &t.items {
        if y + rh > BOTTOM - 2.0 {
            // Very long templates continue on another page.
            doc.add(page);
            page = doc.page();
            y = top(&mut page, t, d, true)?;
        }
        page.rect(LEFT, y, nw, rh, LINE);
        page.text_box(
            LEFT,
            y,
            nw,
            rh,
            SIZE,
            6.0,
            Align::Center,
            VAlign::Middle,
            &item.no.to_string(),
        );
        page.rect(LEFT + nw, y, tw, rh, LINE);
        page.text_box(
            LEFT + nw + 1.5,
            y + 0.5,
            tw - 3.0,
            rh - 1.0,
            SIZE,
            7.0,
            Align::Left,
            VAlign::Middle,
            &item.text,
        );
        let ax = LEFT + nw + tw;
        page.rect(ax, y, aw, rh, LINE);
        let bs = 3.4;
        let by = y + (rh - bs) / 2.0;
        let answer = d.answers.get(&item.no).copied();
        for (k, a) in [Answer::Yes, Answer::No].into_iter().enumerate() {
            let bx = ax + 5.0 + k as f32 * 14.0;
            page.check_box(bx, by, bs, false);
            if answer == Some(a) {
                page.set_layer(Layer::Own);
                page.tick(bx, by, bs);
                page.set_layer(Layer::Shared);
            }
            page.text(
                bx + bs + 1.2,
                y + rh / 2.0 + SIZE * PT_MM * 0.36,
                SIZE,
                a.label(),
            );
        }
        y += rh;
    }

    if y + below > BOTTOM + 0.5 {
        doc.add(page);
        page = doc.page();
        y = top(&mut page, t, d, true)?;
    }
    y = free_text_boxes(&mut page, t, d, y);

    // Footer notes.
    y += 2.5;
    let ns = 8.5;
    let prefix = "注：";
    let pw = page.measure(prefix, ns);
    page.text(LEFT, y + ns * PT_MM * 0.88, ns, prefix);
    for (i, note) in t.footer_notes.iter().enumerate() {
        let text = format!("{}. {}", i + 1, note);
        for l in page.wrap(&text, w - pw, ns) {
            page.text(LEFT + pw, y + ns * PT_MM * 0.88, ns, &l);
            y += line_height(ns);
        }
    }
    page.set_layer(Layer::Own);
    if !d.footer.is_empty() {
        page.text_line(LEFT, BOTTOM + 3.0, w, 7.5, Align::Right, &d.footer);
    }
    doc.add(page);
    Ok(())
}

fn notes_height(fonts: &Fonts, t: &Template) -> f32 {
    let ns = 8.5;
    let w = RIGHT - LEFT - fonts.width_mm("注：", ns);
    t.footer_notes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            super::canvas::wrap(fonts, &format!("{}. {n}", i + 1), w, ns).len() as f32
                * line_height(ns)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_fill_placeholders_and_leave_blanks() {
        let mut d = ChecklistData::default();
        d.header.insert("residents".into(), "4".into());
        let s = format_value("{residents}人，其中：弱势群体{vulnerable}人", &d);
        assert_eq!(s, "4人，其中：弱势群体\u{3000}\u{3000}人");
    }
}
