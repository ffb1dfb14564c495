//! Printing: the official forms as PDF files that print on an ordinary A4 printer.
//!
//! - [`canvas`]: a small layer over printpdf (A4 pages in millimetres from the top-left,
//!   text with per-character font fallback, wrapped text in boxes, lines, vector check
//!   boxes and ticks, cut marks, title and creation date).
//! - [`fonts`]: the font chain (Noto Sans CJK SC, embedded) and the coverage check.
//! - [`checklist`]: blank, pre-filled (batch) and filled 安全隐患排查清单.
//! - [`card`]: the 明白卡 and the 消防安全告知书, 1, 2 or 4 to a page.
//! - [`rectification`]: the 隐患整改通知书 for one hazard.
//! - [`table`]: a generic table page (title, header lines, two-level header, rows).
//! - [`qr`]: QR codes as vector rectangles (the code on every pre-filled form).
//! - `shared`: a template's text and rules stored once for a whole batch (form XObjects).
//! - [`jobs`]: the print jobs the front ends call, reading what they need from the store.
//!
//! Renderers take plain input structs and return [`Rendered`]: the PDF bytes, the page
//! count and the characters no font could draw (to warn the clerk, naming them).

pub mod canvas;
pub mod card;
pub mod checklist;
pub mod fonts;
pub mod jobs;
pub mod qr;
pub mod rectification;
pub(crate) mod shared;
pub mod table;

pub use canvas::{Align, Doc, Layer, Page, VAlign};
pub use fonts::{missing_warning, Fonts};
pub use table::{render_table, table_pages, TableColumn, TablePage};

use crate::error::Result;
use std::path::Path;

/// Millimetres per point.
pub const PT_MM: f32 = 25.4 / 72.0;

/// A finished PDF.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The PDF file's bytes.
    pub bytes: Vec<u8>,
    /// Number of pages.
    pub pages: usize,
    /// Characters that no font of the chain has (printed as empty boxes).
    pub missing_chars: Vec<char>,
}

impl Rendered {
    /// Warnings for the clerk (in Chinese).
    pub fn warnings(&self) -> Vec<String> {
        missing_warning(&self.missing_chars).into_iter().collect()
    }

    /// Writes the PDF to `path` (through a temporary file, so that a failed write never
    /// leaves half a PDF under the chosen name).
    pub fn write_to(&self, path: &Path) -> Result<()> {
        crate::files::write_atomic(path, &self.bytes)
    }
}

/// Progress of a long print job: (done, total).
pub type Progress<'a> = &'a (dyn Fn(u64, u64) + Sync);
