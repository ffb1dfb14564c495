//! File-type detection. The format is decided by the content, not the extension: a `.xls`
//! that is really an .xlsx is read as .xlsx, a tab-separated text named `.xls` (what some
//! web systems export) is read as text. The extension only has to be a supported one. What
//! is not a spreadsheet is named in the refusal: a renamed Word or PowerPoint file, an
//! OpenDocument text, a web page or XML file saved as `.xls`, a PDF, an RTF document, an
//! Excel binary workbook (.xlsb), a workbook with an opening password.

use crate::error::{encrypted, file_label, not_a_sheet, Error, ErrorKind, Result};
use std::io::Read;
use std::path::Path;

/// The extensions accepted (lower case): .et is WPS's own, .txt a tab-separated export.
const SUPPORTED: [&str; 7] = ["xlsx", "xlsm", "xls", "et", "ods", "csv", "txt"];

/// The file's extension in lower case; refuses one that no spreadsheet has.
pub(crate) fn extension(path: &Path) -> Result<String> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if SUPPORTED.contains(&ext.as_str()) {
        return Ok(ext);
    }
    let shown = if ext.is_empty() {
        "没有扩展名".to_string()
    } else {
        format!(".{ext}")
    };
    Err(Error::new(
        ErrorKind::Unsupported,
        format!(
            "不支持文件“{}”的格式（{shown}），请选择 .xlsx、.xls、.ods 或 .csv 表格文件。",
            file_label(path)
        ),
    ))
}

/// What the first bytes say the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Content {
    /// A zip archive: .xlsx or .ods (or a renamed .docx …, told apart by [`zip_kind`]).
    Zip,
    /// An OLE compound file: .xls (or a renamed Word 97 document …, see [`cfb_holds_book`]).
    Cfb,
    /// Text: CSV, or tab-separated.
    Text,
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const ZIP_EMPTY_MAGIC: &[u8] = b"PK\x05\x06";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Decides by the first bytes what kind of file this is; refuses an empty file and
/// everything that is known not to be a spreadsheet.
pub(crate) fn sniff(path: &Path, bytes: &[u8], ext: &str) -> Result<Content> {
    if bytes.is_empty() {
        return Err(Error::new(
            ErrorKind::Empty,
            format!("文件“{}”是空的（0 字节），无法读取。", file_label(path)),
        ));
    }
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(ZIP_EMPTY_MAGIC) {
        return Ok(Content::Zip);
    }
    if bytes.starts_with(CFB_MAGIC) {
        return Ok(Content::Cfb);
    }
    let head = &bytes[..bytes.len().min(8192)];
    let text_like = !head.contains(&0) || head.starts_with(&[0xFF, 0xFE]);
    if text_like {
        let lower = String::from_utf8_lossy(head).to_lowercase();
        let t = lower.trim_start_matches('\u{feff}').trim_start();
        if t.starts_with("<!doctype html")
            || t.starts_with("<html")
            || (t.starts_with('<') && lower.contains("<table"))
        {
            return Err(not_a_sheet(
                path,
                "是网页格式，常见于从网上系统导出的“xls”文件",
            ));
        }
        if t.starts_with("<?xml") {
            return Err(not_a_sheet(path, "是 XML 文件"));
        }
        // Text: a CSV (or a tab-separated file some systems name .xls).
        return Ok(Content::Text);
    }
    if head.starts_with(b"%PDF") {
        return Err(not_a_sheet(path, "是 PDF 文件"));
    }
    if head.starts_with(b"{\\rtf") {
        return Err(not_a_sheet(path, "是 RTF 文档"));
    }
    if ext == "csv" || ext == "txt" {
        return Err(not_a_sheet(path, "内容不是文字"));
    }
    Err(not_a_sheet(path, "无法识别的文件内容"))
}

/// The spreadsheets that come as zip archives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ZipKind {
    /// Office Open XML: xl/workbook.xml.
    Xlsx,
    /// OpenDocument spreadsheet: content.xml with the spreadsheet mimetype.
    Ods,
}

/// Tells an .xlsx from an .ods by the entries, and refuses the other zip-based files.
pub(crate) fn zip_kind<R: std::io::Read + std::io::Seek>(
    path: &Path,
    zip: &mut zip::ZipArchive<R>,
) -> Result<ZipKind> {
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok())
        .map(|n| n.into_owned())
        .collect();
    let has = |n: &str| names.iter().any(|x| x == n);
    if has("xl/workbook.xml") || has("xl/workbook.bin") {
        if has("xl/workbook.bin") && !has("xl/workbook.xml") {
            return Err(Error::new(
                ErrorKind::NotASpreadsheet,
                format!(
                    "文件“{}”是 Excel 二进制工作簿（.xlsb），请在 Excel 或 WPS 中另存为 .xlsx 后再导入。",
                    file_label(path)
                ),
            ));
        }
        Ok(ZipKind::Xlsx)
    } else if has("content.xml") && has("mimetype") {
        let mut mime = String::new();
        if let Ok(mut f) = zip.by_name("mimetype") {
            let _ = f.by_ref().take(200).read_to_string(&mut mime);
        }
        if mime.contains("opendocument.spreadsheet") {
            Ok(ZipKind::Ods)
        } else if mime.contains("opendocument.text") {
            Err(not_a_sheet(path, "是 OpenDocument 文字文档"))
        } else {
            Err(not_a_sheet(path, "是其他 OpenDocument 文件"))
        }
    } else if has("word/document.xml") {
        Err(not_a_sheet(path, "是 Word 文档"))
    } else if names.iter().any(|n| n.starts_with("ppt/")) {
        Err(not_a_sheet(path, "是 PowerPoint 演示文稿"))
    } else if has("EncryptedPackage") {
        Err(encrypted(path))
    } else {
        Err(not_a_sheet(path, "是一个压缩包"))
    }
}

/// Looks into an OLE compound file: an .xls, or a Word/PowerPoint 97-2003 file with the
/// wrong extension, or an encrypted Office file. The stream names are stored in UTF-16 in
/// the directory. Ok(true) when it holds a workbook stream; Ok(false) when it is none of
/// the known kinds (calamine is left to decide).
pub(crate) fn cfb_holds_book(path: &Path, bytes: &[u8]) -> Result<bool> {
    let is_word = contains(bytes, &utf16le("WordDocument"));
    let is_book = contains(bytes, &utf16le("Workbook")) || contains(bytes, &utf16le("Book"));
    if is_word && !is_book {
        return Err(not_a_sheet(path, "是 Word 文档"));
    }
    if contains(bytes, &utf16le("PowerPoint Document")) && !is_book {
        return Err(not_a_sheet(path, "是 PowerPoint 演示文稿"));
    }
    if contains(bytes, &utf16le("EncryptedPackage")) {
        return Err(encrypted(path));
    }
    Ok(is_book)
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}
