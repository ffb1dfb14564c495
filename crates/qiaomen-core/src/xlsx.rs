//! Spreadsheet output shared by every workbook the product writes (entry sheets, lists,
//! the statistics table, exports): the cell styles, errors, and saving.

use crate::error::{Error, Result};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use std::path::Path;

/// A rust_xlsxwriter error as a clerk-facing error.
pub fn xlsx_err(e: XlsxError) -> Error {
    Error::from(e)
}

/// Formats shared by the product's workbooks.
pub struct XlsxStyles {
    /// A sheet's title line.
    pub title: Format,
    /// Notes under the title.
    pub note: Format,
    /// Column headings.
    pub header: Format,
    /// An ordinary bordered cell.
    pub cell: Format,
    /// A cell filled in from the register (grey, text).
    pub prefilled: Format,
    /// A date cell.
    pub date: Format,
}

impl Default for XlsxStyles {
    fn default() -> Self {
        Self::new()
    }
}

impl XlsxStyles {
    /// The styles: 宋体, thin borders, a light blue heading row.
    pub fn new() -> XlsxStyles {
        let border = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_font_name("宋体")
            .set_font_size(11);
        XlsxStyles {
            title: Format::new()
                .set_bold()
                .set_font_name("宋体")
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            note: Format::new().set_font_name("宋体").set_font_size(10),
            header: border
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color("#E8EEF7"),
            cell: border.clone().set_text_wrap(),
            prefilled: border
                .clone()
                .set_num_format("@")
                .set_background_color("#F2F2F2"),
            date: border
                .set_num_format("yyyy-mm-dd")
                .set_align(FormatAlign::Center),
        }
    }
}

/// Saves a workbook whole (see [`crate::files::write_atomic`]).
pub fn save_workbook(wb: &mut Workbook, path: &Path) -> Result<()> {
    let bytes = wb.save_to_buffer().map_err(xlsx_err)?;
    crate::files::write_atomic(path, &bytes)
}
