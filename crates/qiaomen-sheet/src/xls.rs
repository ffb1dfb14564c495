//! .xls (BIFF8 from Excel 97-2003 and WPS), and the checks of its OLE container that come
//! before calamine sees it.
//!
//! An .xls is an OLE compound file: a small file system of 512- or 4096-byte sectors whose
//! allocation table (FAT) chains them into streams. A damaged file can make a chain loop
//! back onto itself, or list more FAT sectors than the file has; calamine 0.38 follows a
//! looping chain without end (growing one buffer until memory runs out: a 13 KB .xls asked
//! for 2 GB) and takes every listed FAT sector at its word. [`chains_malformed`] rebuilds
//! the table as calamine does and refuses such a file as damaged first.

use crate::cell::MergedRange;
use crate::detect;
use crate::error::{damaged, not_a_sheet, Result};
use crate::guard::guarded;
use crate::range::from_range;
use crate::sheet::Sheet;
use calamine::Reader;
use std::io::Cursor;
use std::path::Path;

/// calamine's .xls reader over the file's bytes.
pub(crate) type XlsBook = calamine::Xls<Cursor<Vec<u8>>>;

/// Opens an OLE compound file as an .xls: refuses Word/PowerPoint/encrypted files by
/// their stream names, a malformed allocation table, and what calamine cannot open.
pub(crate) fn open(path: &Path, bytes: Vec<u8>) -> Result<XlsBook> {
    let is_book = detect::cfb_holds_book(path, &bytes)?;
    let refuse = || {
        if is_book {
            damaged(path)
        } else {
            not_a_sheet(path, "无法识别的 Office 文件")
        }
    };
    if chains_malformed(&bytes) {
        return Err(refuse());
    }
    guarded(path, || {
        calamine::Xls::new(Cursor::new(bytes)).map_err(|e| refuse().with_source(e))
    })
}

/// Reads one sheet of an .xls with its merged ranges (call under [`guarded`]).
pub(crate) fn read(path: &Path, wb: &mut XlsBook, name: &str) -> Result<Sheet> {
    let range = wb
        .worksheet_range(name)
        .map_err(|e| damaged(path).with_source(e))?;
    let mut s = from_range(path, name, &range)?;
    s.merges = wb
        .merge_cells_by_sheet_name(name)
        .map(|m| m.iter().map(MergedRange::from_dimensions).collect())
        .unwrap_or_default();
    Ok(s)
}

/// True when an OLE compound file's allocation table (FAT) cannot be a real one: a sector
/// chain that links back onto itself, or more FAT sectors than the file has sectors.
/// calamine 0.38 follows a looping chain without end, growing one buffer until memory runs
/// out (found by fuzzing: a 13 KB .xls asked for 2 GB), and takes every listed FAT sector
/// at its word. The FAT is rebuilt here as calamine builds it and checked first.
pub(crate) fn chains_malformed(bytes: &[u8]) -> bool {
    if bytes.len() < 512 {
        return false;
    }
    let size: usize = match (bytes[30], bytes[31]) {
        (9, 0) => 512,
        (12, 0) => 4096,
        _ => return false,
    };
    let Some(fat) = allocation_table(bytes, size) else {
        return true;
    };
    chains_loop(&fat)
}

/// Little-endian 32-bit words.
fn words(b: &[u8]) -> Vec<u32> {
    b.chunks_exact(4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
        .collect()
}

/// The FAT as calamine builds it: the sectors listed in the header's DIFAT and in the
/// DIFAT's own sector chain, concatenated. None when the DIFAT chain loops or lists more
/// FAT sectors than the file has sectors.
fn allocation_table(bytes: &[u8], size: usize) -> Option<Vec<u32>> {
    const RESERVED: u32 = 0xFFFF_FFFA;
    const DIFSECT: u32 = 0xFFFF_FFFC;
    // Sector `id` follows the header, which takes one sector.
    let sector = |id: u32| -> &[u8] {
        let start = (id as usize).saturating_add(1).saturating_mul(size);
        match bytes.get(start..) {
            Some(rest) => &rest[..rest.len().min(size)],
            None => &[],
        }
    };
    let max_id = bytes.len() / size;
    let mut difat = words(&bytes[76..512]);
    let mut id = u32::from_le_bytes([bytes[68], bytes[69], bytes[70], bytes[71]]);
    let mut steps = 0;
    while id < RESERVED {
        steps += 1;
        if steps > max_id + 1 {
            return None;
        }
        difat.extend(words(sector(id)));
        id = difat.pop()?;
    }
    let fat_sectors: Vec<u32> = difat.into_iter().filter(|id| *id < DIFSECT).collect();
    if fat_sectors.len() > max_id + 1 {
        return None;
    }
    Some(
        fat_sectors
            .iter()
            .flat_map(|id| words(sector(*id)))
            .collect(),
    )
}

/// True when a chain of the table comes back onto itself; every chain must end at a
/// special value or outside the table.
fn chains_loop(fat: &[u32]) -> bool {
    let n = fat.len();
    let mut state = vec![0u8; n]; // 0 unseen, 1 on the path being followed, 2 ends well
    let mut path = Vec::new();
    for start in 0..n {
        let mut at = start;
        while at < n && state[at] == 0 {
            state[at] = 1;
            path.push(at);
            at = fat[at] as usize;
        }
        if at < n && state[at] == 1 {
            return true;
        }
        for p in path.drain(..) {
            state[p] = 2;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 512-byte-sector header whose one FAT sector (sector 0) holds `fat`.
    fn compound_file(fat: &[u32]) -> Vec<u8> {
        let mut b = vec![0u8; 1024];
        b[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        b[30] = 9;
        b[68..72].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes()); // no DIFAT sectors
        for w in b[76..512].chunks_exact_mut(4) {
            w.copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        }
        b[76..80].copy_from_slice(&0u32.to_le_bytes()); // FAT sector 0
        for (i, v) in fat.iter().enumerate() {
            b[512 + i * 4..516 + i * 4].copy_from_slice(&v.to_le_bytes());
        }
        b
    }

    #[test]
    fn a_chain_that_loops_is_malformed_one_that_ends_is_not() {
        const END: u32 = 0xFFFF_FFFE;
        const FATSECT: u32 = 0xFFFF_FFFD;
        assert!(!chains_malformed(&compound_file(&[FATSECT, 2, 3, END])));
        assert!(chains_malformed(&compound_file(&[FATSECT, 2, 3, 1])));
        assert!(!chains_malformed(b"too short"));
    }
}
