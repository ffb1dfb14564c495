//! CSV and other separated text (calamine does not read CSV).
//!
//! Chinese Excel and WPS save CSV in GBK by default; newer versions and web systems write
//! UTF-8, with or without a byte-order mark; a few write UTF-16. The text is decoded by
//! trying, in order: UTF-16 with its BOM, strict UTF-8, then GB18030 (the superset of GBK)
//! without replacement — so a file that is neither is refused rather than read as
//! gibberish. The separator (comma, tab or semicolon) is guessed from the first lines. Rows
//! keep Excel's numbering even when a quoted cell holds a line break.

use crate::cell::{text_cell, Cell};
use crate::error::{damaged, file_label, Error, ErrorKind, Result};
use crate::limits::{too_many_cols, too_many_rows, MAX_COLS, MAX_ROWS};
use crate::sheet::Sheet;
use std::path::Path;

/// Reads a text file as one sheet named after the file.
pub(crate) fn read(path: &Path, bytes: &[u8]) -> Result<Sheet> {
    let text = decode_text(path, bytes)?;
    let mut sheet = parse_csv(path, &text)?;
    sheet.name = sheet_name(path);
    Ok(sheet)
}

/// The name of a text file's one sheet: the file's name without its extension.
pub(crate) fn sheet_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Sheet1".into())
}

/// Decodes a text file: UTF-16 with a BOM; strict UTF-8 (BOM or not); else GB18030, the
/// superset of the GBK that Chinese Excel and WPS write by default.
fn decode_text(path: &Path, bytes: &[u8]) -> Result<String> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let (s, had_errors) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        if !had_errors {
            return Ok(s.into_owned());
        }
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let (s, had_errors) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        if !had_errors {
            return Ok(s.into_owned());
        }
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(body) {
        return Ok(s.to_string());
    }
    if let Some(s) = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)
    {
        return Ok(s.into_owned());
    }
    Err(Error::new(
        ErrorKind::Encoding,
        format!(
            "文件“{}”的文字编码无法识别（既不是 UTF-8 也不是 GBK），请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。",
            file_label(path)
        ),
    ))
}

/// Guesses the separator from the first lines: comma, tab or semicolon.
fn sniff_delimiter(text: &str) -> u8 {
    let sample: Vec<&str> = text.lines().take(20).collect();
    let count = |ch: char| -> usize {
        sample
            .iter()
            .map(|l| l.chars().filter(|c| *c == ch).count())
            .sum()
    };
    let (comma, tab, semi) = (count(','), count('\t'), count(';'));
    if tab > comma && tab >= semi {
        b'\t'
    } else if semi > comma && semi > tab {
        b';'
    } else {
        b','
    }
}

/// The records of the text as rows, within the row and column limits.
fn parse_csv(path: &Path, text: &str) -> Result<Sheet> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(text))
        .from_reader(text.as_bytes());
    let mut sheet = Sheet::default();
    let name = file_label(path);
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| damaged(path).with_source(e))?;
        if i as u64 >= MAX_ROWS as u64 {
            return Err(too_many_rows(path, &name));
        }
        if rec.len() as u64 > MAX_COLS as u64 {
            return Err(too_many_cols(path, &name));
        }
        let mut row: Vec<Cell> = rec.iter().map(text_cell).collect();
        while row.last().is_some_and(|c| matches!(c, Cell::Empty)) {
            row.pop();
        }
        sheet.push_row(row);
    }
    Ok(sheet)
}

#[cfg(test)]
mod tests {
    use crate::{read, Cell};
    use std::path::{Path, PathBuf};

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    #[test]
    fn csv_utf8_bom_and_gbk() {
        let dir = tempfile::tempdir().unwrap();
        let body = "户主姓名,电话\n张三,13800138000\n";
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(body.as_bytes());
        let (gbk, _, _) = encoding_rs::GBK.encode(body);
        for (name, bytes) in [
            ("plain.csv", body.as_bytes().to_vec()),
            ("bom.csv", bom),
            ("gbk.csv", gbk.into_owned()),
        ] {
            let p = write(dir.path(), name, &bytes);
            let s = read(&p, None).unwrap();
            assert_eq!(s.cell(1, 1), &Cell::Text("户主姓名".into()), "{name}");
            assert_eq!(s.cell(2, 1), &Cell::Text("张三".into()), "{name}");
            assert_eq!(s.cell(2, 2).text(), "13800138000");
            assert_eq!(s.height(), 2);
            assert_eq!(s.width(), 2);
        }
    }

    #[test]
    fn csv_tabs_and_quoted_line_breaks_keep_excel_row_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "t.txt",
            "姓名\t地址\n\"李\n四\"\t一组\n王五\t二组\n".as_bytes(),
        );
        let s = read(&p, None).unwrap();
        assert_eq!(s.cell(2, 1).text(), "李\n四");
        assert_eq!(s.cell(3, 1).text(), "王五");
        assert_eq!(s.cell(3, 2).text(), "二组");
    }
}
