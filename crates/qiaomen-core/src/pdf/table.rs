//! A generic "table page": title, header lines, a bordered table with a one- or two-level
//! (merged) header, rows, and footer lines. Used for the statistics table and any list that
//! should print like the official sheets.

use super::canvas::{fit, line_height, Align, Doc, Page, VAlign};
use super::fonts::Fonts;
use super::Rendered;
use crate::error::{Error, Result};

/// One column of a [`TablePage`].
#[derive(Debug, Clone, PartialEq)]
pub struct TableColumn {
    /// Upper header cell, merged over consecutive columns with the same group; None: the
    /// column's label spans both header rows.
    pub group: Option<String>,
    /// The column's header text (lower header row when grouped); shrinks down to 6 pt to fit.
    pub label: String,
    /// Relative width (the columns share the page width in proportion).
    pub width: f32,
    /// How the column's cells are aligned (header cells are always centred).
    pub align: Align,
}

impl TableColumn {
    /// An ungrouped, centred column: `label` spans the whole header; `width` is relative.
    pub fn new(label: &str, width: f32) -> TableColumn {
        TableColumn {
            group: None,
            label: label.into(),
            width,
            align: Align::Center,
        }
    }

    /// A column under the merged upper header cell `group` (consecutive columns with the same
    /// group share it), e.g. 宣传情况 over 次数 and 人数; `width` is relative.
    pub fn grouped(group: &str, label: &str, width: f32) -> TableColumn {
        TableColumn {
            group: Some(group.into()),
            ..TableColumn::new(label, width)
        }
    }

    /// The same column with its cells left-aligned (names, addresses, long text).
    pub fn left(mut self) -> TableColumn {
        self.align = Align::Left;
        self
    }
}

/// A table printed on one or more pages (the header is repeated on every page).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TablePage {
    /// Printed centred at the top of every page, 16 pt; also the PDF's document title.
    pub title: String,
    /// Lines under the title (报送单位：…  联系人：…  报送时间：…).
    pub header_lines: Vec<String>,
    /// The columns, left to right; must not be empty (`invalid` from [`render_table`]).
    pub columns: Vec<TableColumn>,
    /// The body: one entry per row, one string per column (missing cells print empty, extra ones
    /// are ignored); a row grows in height to fit wrapped text, at 10.5 pt.
    pub rows: Vec<Vec<String>>,
    /// Notes printed under the table.
    pub footer_lines: Vec<String>,
    /// A4 landscape when true, portrait otherwise.
    pub landscape: bool,
}

const MARGIN: f32 = 15.0;

/// Renders a [`TablePage`] to a PDF with the built-in fonts.
pub fn render_table(t: &TablePage) -> Result<Rendered> {
    let fonts = Fonts::builtin()?;
    let mut doc = Doc::new(fonts, &t.title);
    table_pages(&mut doc, t)?;
    doc.finish()
}

/// Draws a [`TablePage`] into a document (one or more pages).
pub fn table_pages(doc: &mut Doc, t: &TablePage) -> Result<()> {
    if t.columns.is_empty() {
        return Err(Error::invalid("表格没有列。"));
    }
    let fonts = doc.fonts();
    let mut page = new_page(doc, t.landscape);
    let width = page.width() - 2.0 * MARGIN;
    let total: f32 = t.columns.iter().map(|c| c.width.max(0.1)).sum();
    let widths: Vec<f32> = t
        .columns
        .iter()
        .map(|c| c.width.max(0.1) / total * width)
        .collect();
    let size = 10.5;
    let pad = 1.5;

    let mut y = heading(&mut page, t);
    y = header(&mut page, t, &widths, y, size);
    let mut row_no = 0;
    while row_no < t.rows.len() {
        let row = &t.rows[row_no];
        let h = row_height(fonts, row, &widths, size, pad);
        if y + h > page.height() - MARGIN - footer_height(t) && y > 60.0 {
            doc.add(page);
            page = new_page(doc, t.landscape);
            y = heading(&mut page, t);
            y = header(&mut page, t, &widths, y, size);
        }
        let mut x = MARGIN;
        for (i, w) in widths.iter().enumerate() {
            let text = row.get(i).map(String::as_str).unwrap_or("");
            page.rect(x, y, *w, h, 0.6);
            page.text_box(
                x + pad,
                y + pad,
                w - 2.0 * pad,
                h - 2.0 * pad,
                size,
                6.0,
                t.columns[i].align,
                VAlign::Middle,
                text,
            );
            x += w;
        }
        y += h;
        row_no += 1;
    }
    let mut fy = y + 3.0;
    for l in &t.footer_lines {
        for line in page.wrap(l, width, 9.0) {
            page.text_line(MARGIN, fy, width, 9.0, Align::Left, &line);
            fy += line_height(9.0);
        }
    }
    doc.add(page);
    Ok(())
}

fn new_page<'f>(doc: &Doc<'f>, landscape: bool) -> Page<'f> {
    if landscape {
        doc.page_landscape()
    } else {
        doc.page()
    }
}

fn footer_height(t: &TablePage) -> f32 {
    t.footer_lines.len() as f32 * line_height(9.0) * 2.0
}

fn heading(page: &mut Page, t: &TablePage) -> f32 {
    let w = page.width() - 2.0 * MARGIN;
    let mut y = MARGIN;
    page.text_box(
        MARGIN,
        y,
        w,
        10.0,
        16.0,
        10.0,
        Align::Center,
        VAlign::Middle,
        &t.title,
    );
    y += 13.0;
    for l in &t.header_lines {
        page.text_line(MARGIN, y, w, 10.5, Align::Left, l);
        y += line_height(10.5) + 1.0;
    }
    y + 1.0
}

fn row_height(fonts: &Fonts, row: &[String], widths: &[f32], size: f32, pad: f32) -> f32 {
    let mut h: f32 = 8.0;
    for (i, w) in widths.iter().enumerate() {
        let text = row.get(i).map(String::as_str).unwrap_or("");
        let (_, lines) = fit(fonts, text, w - 2.0 * pad, f32::MAX, size, size);
        h = h.max(lines.len() as f32 * line_height(size) + 2.0 * pad);
    }
    h
}

fn header(page: &mut Page, t: &TablePage, widths: &[f32], y: f32, size: f32) -> f32 {
    let two = t.columns.iter().any(|c| c.group.is_some());
    let rh = 9.0;
    let mut x = MARGIN;
    let mut i = 0;
    while i < t.columns.len() {
        let c = &t.columns[i];
        match &c.group {
            None => {
                let h = if two { 2.0 * rh } else { rh };
                page.rect(x, y, widths[i], h, 0.6);
                page.text_box(
                    x + 1.0,
                    y + 1.0,
                    widths[i] - 2.0,
                    h - 2.0,
                    size,
                    6.0,
                    Align::Center,
                    VAlign::Middle,
                    &c.label,
                );
                x += widths[i];
                i += 1;
            }
            Some(g) => {
                let mut j = i;
                let mut gw = 0.0;
                while j < t.columns.len() && t.columns[j].group.as_ref() == Some(g) {
                    gw += widths[j];
                    j += 1;
                }
                page.rect(x, y, gw, rh, 0.6);
                page.text_box(
                    x + 1.0,
                    y + 1.0,
                    gw - 2.0,
                    rh - 2.0,
                    size,
                    6.0,
                    Align::Center,
                    VAlign::Middle,
                    g,
                );
                let mut cx = x;
                for (k, &cw) in widths.iter().enumerate().take(j).skip(i) {
                    page.rect(cx, y + rh, cw, rh, 0.6);
                    page.text_box(
                        cx + 1.0,
                        y + rh + 1.0,
                        cw - 2.0,
                        rh - 2.0,
                        size,
                        6.0,
                        Align::Center,
                        VAlign::Middle,
                        &t.columns[k].label,
                    );
                    cx += cw;
                }
                x += gw;
                i = j;
            }
        }
    }
    y + if two { 2.0 * rh } else { rh }
}
