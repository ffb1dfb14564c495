//! Size guards: what a file, its inflated entries and its sheets may hold before the reader
//! refuses them. A village roster is well under every limit; a hostile or broken file (a
//! zip bomb, a stray value in Excel's last row, an .ods whose repeat attributes claim a
//! billion cells) is refused with one sentence instead of taking all memory.

use crate::detect::{self, ZipKind};
use crate::error::{damaged, file_label, Error, ErrorKind, Result};
use std::io::Cursor;
use std::path::Path;

/// Largest file accepted (50 MB). A village roster is well under 5 MB.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// Largest total decompressed size of the entries of an .xlsx/.ods file (300 MB).
pub const MAX_UNCOMPRESSED_BYTES: u64 = 300 * 1024 * 1024;
/// Most rows read from one sheet: in an .xlsx, the rows holding at least one value; in the
/// other formats, counted to the last used row, as Excel numbers them.
pub const MAX_ROWS: u32 = 200_000;
/// Excel's last row (1,048,576). An .xlsx cell below it is not something Excel or WPS
/// writes: the file is treated as damaged.
pub(crate) const EXCEL_ROWS: u32 = 1_048_576;
/// Most columns read from one sheet.
pub const MAX_COLS: u32 = 1_000;

/// Refuses a file over [`MAX_FILE_BYTES`] before it is read.
pub(crate) fn check_file_size(path: &Path, len: u64) -> Result<()> {
    if len > MAX_FILE_BYTES {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!(
                "文件“{}”有 {:.1} MB，超过了 {} MB 的上限，请只保留花名册所在的工作表后再导入。",
                file_label(path),
                len as f64 / 1024.0 / 1024.0,
                MAX_FILE_BYTES / 1024 / 1024
            ),
        ));
    }
    Ok(())
}

/// A sheet over [`MAX_ROWS`] rows.
pub(crate) fn too_many_rows(path: &Path, sheet: &str) -> Error {
    Error::new(
        ErrorKind::TooLarge,
        format!(
            "文件“{}”的工作表“{sheet}”超过 {MAX_ROWS} 行，超出了导入上限；请删除多余的行或把花名册拆成几个文件。",
            file_label(path)
        ),
    )
}

/// A sheet over [`MAX_COLS`] columns.
pub(crate) fn too_many_cols(path: &Path, sheet: &str) -> Error {
    Error::new(
        ErrorKind::TooLarge,
        format!(
            "文件“{}”的工作表“{sheet}”超过 {MAX_COLS} 列，不像一份花名册；请删除右侧多余的列后再导入。",
            file_label(path)
        ),
    )
}

/// Refuses a dense range (.xls, .ods) that starts at 0-based (`r0`, `c0`) and is `h` × `w`
/// cells when it reaches beyond [`MAX_ROWS`] or [`MAX_COLS`].
pub(crate) fn check_range(
    path: &Path,
    sheet: &str,
    (r0, c0): (u32, u32),
    (h, w): (usize, usize),
) -> Result<()> {
    if r0 as u64 + h as u64 > MAX_ROWS as u64 {
        return Err(too_many_rows(path, sheet));
    }
    if c0 as u64 + w as u64 > MAX_COLS as u64 {
        return Err(too_many_cols(path, sheet));
    }
    Ok(())
}

/// Checks a zip-based file before calamine reads it: that it is a spreadsheet (not a
/// renamed .docx/.pptx), that it is complete, and that its entries do not inflate beyond
/// [`MAX_UNCOMPRESSED_BYTES`] in all. The sizes checked are the ones in the zip directory;
/// a directory that lies does not get past them either, because the `zip` crate (which
/// calamine reads through) fails an entry as soon as it inflates beyond its declared size.
pub(crate) fn check_zip(path: &Path, bytes: &[u8]) -> Result<ZipKind> {
    check_zip_within(path, bytes, MAX_UNCOMPRESSED_BYTES)
}

/// [`check_zip`] against another limit (the tests use a small one).
fn check_zip_within(path: &Path, bytes: &[u8], limit: u64) -> Result<ZipKind> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(path).with_source(e))?;
    let kind = detect::zip_kind(path, &mut zip)?;
    let mut declared: u64 = 0;
    for i in 0..zip.len() {
        let f = zip
            .by_index_raw(i)
            .map_err(|e| damaged(path).with_source(e))?;
        declared = declared.saturating_add(f.size());
    }
    if declared > limit {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!(
                "文件“{}”解压后超过 {} MB，不像一份花名册（文件可能已损坏），没有读取。",
                file_label(path),
                limit / 1024 / 1024
            ),
        ));
    }
    Ok(kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    #[test]
    fn zip_bomb_is_refused_before_calamine() {
        let dir = tempfile::tempdir().unwrap();
        let mut buf = Vec::new();
        {
            let mut w = zip::ZipWriter::new(Cursor::new(&mut buf));
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(true);
            w.start_file("xl/workbook.xml", opts).unwrap();
            w.write_all(b"<workbook/>").unwrap();
            w.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
            let zeros = vec![b' '; 1024 * 1024];
            for _ in 0..3 {
                w.write_all(&zeros).unwrap();
            }
            w.finish().unwrap();
        }
        assert!(buf.len() < 50 * 1024);
        let p = dir.path().join("bomb.xlsx");
        std::fs::write(&p, &buf).unwrap();
        // 3 MB inflated against a 2 MB limit (the real limit is the same code path).
        let e = check_zip_within(&p, &buf, 2 * 1024 * 1024).err().unwrap();
        assert!(
            e.message.contains("解压后超过") && e.message.contains("bomb.xlsx"),
            "{}",
            e.message
        );
        assert!(check_zip_within(&p, &buf, 4 * 1024 * 1024).is_ok());
        // A lying directory (declared sizes small) passes the check, but the zip crate
        // that calamine reads through stops the entry at its declared size: patch the
        // central directory's uncompressed size of the big entry to 1 byte.
        let mut lying = buf.clone();
        let cd = lying.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
        lying[cd + 24..cd + 28].copy_from_slice(&1u32.to_le_bytes());
        assert!(check_zip_within(&p, &lying, 2 * 1024 * 1024).is_ok());
        let mut z = zip::ZipArchive::new(Cursor::new(&lying)).unwrap();
        let mut entry = z.by_name("xl/worksheets/sheet1.xml").unwrap();
        let mut out = Vec::new();
        assert!(entry.read_to_end(&mut out).is_err());
        assert!(out.len() <= 64 * 1024, "inflated {} bytes", out.len());
    }
}
