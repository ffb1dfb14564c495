//! .ods (OpenDocument, from LibreOffice and WPS). calamine reads an .ods sheet into a dense
//! range and lists no merged ranges for it: a value merged over several rows is only in
//! the range's top-left cell, with nothing to say it covers the others (the roster import
//! fills such blanks down where it makes sense).
//!
//! calamine expands the repeat attributes (`table:number-rows-repeated`,
//! `number-columns-repeated`) of the XML, so a few hundred bytes can claim a billion
//! cells; calamine caps them at Excel's sheet size, and [`crate::range::from_range`]
//! refuses a range beyond the row and column limits.

use crate::error::{damaged, Result};
use crate::guard::guarded;
use crate::range::from_range;
use crate::sheet::Sheet;
use calamine::Reader;
use std::io::Cursor;
use std::path::Path;

/// calamine's .ods reader over the file's bytes.
pub(crate) type OdsBook = calamine::Ods<Cursor<Vec<u8>>>;

/// Opens an .ods whose zip entries were checked ([`crate::limits::check_zip`]).
pub(crate) fn open(path: &Path, bytes: Vec<u8>) -> Result<OdsBook> {
    guarded(path, || {
        calamine::Ods::new(Cursor::new(bytes)).map_err(|e| damaged(path).with_source(e))
    })
}

/// Reads one sheet of an .ods (call under [`guarded`]).
pub(crate) fn read(path: &Path, wb: &mut OdsBook, name: &str) -> Result<Sheet> {
    let range = wb
        .worksheet_range(name)
        .map_err(|e| damaged(path).with_source(e))?;
    from_range(path, name, &range)
}
