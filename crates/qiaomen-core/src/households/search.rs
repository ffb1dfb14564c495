//! The register's search as you type, from an index kept in memory.
//!
//! `households::list` answers a search with `LIKE '%…%'` over name, address, phone and
//! contact: a scan of the whole table, a count, then a sort of every match in walking
//! order — ~115 ms at 100,000 households, on every key. [`SearchCache`] keeps, in walking
//! order (grid number, then code), each household's rowid, grid and the searched text
//! (ASCII-lowercased, as `LIKE` compares it) in memory, rebuilt when the connection sees a
//! write. A search is then a substring scan of a few megabytes (memchr's SIMD `memmem`)
//! and one query for the page's rows by rowid. Measured against an FTS5 trigram index in
//! BENCHMARKS.md (trigram needs 3 characters; most searches here are 1–2: a surname,
//! `zs`), hence this.
//!
//! Same matches as the SQL: name, address, phone, contact contain the text; pinyin initials
//! start with it; a code starts with it, or equals it when it is a whole code.

use super::{from_row, list, HouseholdPage, HouseholdQuery, COLUMNS};
use crate::error::Result;
use crate::text;
use foldhash::HashMap;
use memchr::memmem;
use rusqlite::Connection;

/// Separates the searched fields of one household (never in cleaned text).
const SEP: u8 = 0x01;
/// `grid` of a household without one.
const NO_GRID: u32 = u32::MAX;

struct Entry {
    rowid: i64,
    grid: u32,
    /// Range of `SearchIndex::text`: name, address, phone, contact, separated by `SEP`.
    hay: (u32, u32),
    /// Range of `SearchIndex::text`: pinyin initials.
    initials: (u32, u32),
    /// Range of `SearchIndex::text`: the household code.
    code: (u32, u32),
}

/// The searched text of every household, in walking order.
struct SearchIndex {
    /// What the connection had seen when this was built: `PRAGMA data_version` (writes by
    /// other connections) and `total_changes()` (its own).
    key: (i64, i64),
    grids: HashMap<String, u32>,
    text: Vec<u8>,
    entries: Vec<Entry>,
}

/// The index of one connection, built on first use and again after any write.
#[derive(Default)]
pub struct SearchCache {
    index: Option<SearchIndex>,
}

impl std::fmt::Debug for SearchCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.index.as_ref().map(|i| i.entries.len());
        f.debug_struct("SearchCache")
            .field("households", &n)
            .finish()
    }
}

fn version_key(conn: &Connection) -> Result<(i64, i64)> {
    let v: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
    let own: i64 = conn.query_row("SELECT total_changes()", [], |r| r.get(0))?;
    Ok((v, own))
}

fn push(text: &mut Vec<u8>, s: &str) -> (u32, u32) {
    let start = text.len() as u32;
    text.extend(s.bytes().map(|b| b.to_ascii_lowercase()));
    (start, text.len() as u32)
}

fn text_or_null<'a>(r: &'a rusqlite::Row, i: usize) -> rusqlite::Result<Option<&'a str>> {
    r.get_ref(i)?.as_str_or_null().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn build(conn: &Connection, key: (i64, i64)) -> Result<SearchIndex> {
    let mut st = conn.prepare(
        "SELECT h.rowid, h.grid_id, h.name, h.address, h.phone, h.contact, h.name_initials, h.code
         FROM households h LEFT JOIN grids g ON g.id = h.grid_id
         ORDER BY coalesce(g.no, 1000000), h.code",
    )?;
    let mut rows = st.query([])?;
    let mut ix = SearchIndex {
        key,
        grids: HashMap::default(),
        text: Vec::new(),
        entries: Vec::new(),
    };
    while let Some(r) = rows.next()? {
        let grid = match text_or_null(r, 1)? {
            None => NO_GRID,
            Some(g) => {
                let n = ix.grids.len() as u32;
                *ix.grids.entry(g.to_string()).or_insert(n)
            }
        };
        let start = ix.text.len() as u32;
        for (i, col) in [2, 3, 4, 5].into_iter().enumerate() {
            if i > 0 {
                ix.text.push(SEP);
            }
            push(&mut ix.text, text_or_null(r, col)?.unwrap_or(""));
        }
        let hay = (start, ix.text.len() as u32);
        let initials = push(&mut ix.text, text_or_null(r, 6)?.unwrap_or(""));
        let code = push(&mut ix.text, text_or_null(r, 7)?.unwrap_or(""));
        ix.entries.push(Entry {
            rowid: r.get(0)?,
            grid,
            hay,
            initials,
            code,
        });
    }
    Ok(ix)
}

impl SearchIndex {
    fn slice(&self, (a, b): (u32, u32)) -> &[u8] {
        &self.text[a as usize..b as usize]
    }

    /// Rowids of the matching households in walking order, and how many match.
    fn matches(&self, q: &HouseholdQuery, needle: &[u8]) -> Option<(Vec<i64>, i64)> {
        let grid = match q.grid_id.as_deref().filter(|g| !g.is_empty()) {
            Some(g) => Some(*self.grids.get(g)?),
            None if q.no_grid => Some(NO_GRID),
            None => None,
        };
        let finder = memmem::Finder::new(needle);
        let (offset, limit) = page_bounds(q);
        let mut page = Vec::new();
        let mut total = 0i64;
        for e in &self.entries {
            if grid.is_some_and(|g| g != e.grid) {
                continue;
            }
            if !needle.is_empty()
                && finder.find(self.slice(e.hay)).is_none()
                && !self.slice(e.initials).starts_with(needle)
                && !code_matches(self.slice(e.code), needle)
            {
                continue;
            }
            if total >= offset && (limit < 0 || (page.len() as i64) < limit) {
                page.push(e.rowid);
            }
            total += 1;
        }
        Some((page, total))
    }
}

/// As the SQL: a whole code (`FULL_CODE` characters or more) exactly, a shorter one as a
/// prefix.
fn code_matches(code: &[u8], needle: &[u8]) -> bool {
    if std::str::from_utf8(needle).map_or(0, |s| s.chars().count()) >= super::FULL_CODE {
        code == needle
    } else {
        code.starts_with(needle)
    }
}

fn page_bounds(q: &HouseholdQuery) -> (i64, i64) {
    (q.offset.unwrap_or(0).max(0), q.limit.unwrap_or(-1))
}

/// What `households::list` returns, answered from the index: same rows, same order, same
/// total. Queries the index cannot answer (an attribute filter) go to `list`.
pub fn list_cached(
    conn: &Connection,
    cache: &mut SearchCache,
    q: &HouseholdQuery,
) -> Result<HouseholdPage> {
    let needle = q
        .search
        .as_deref()
        .map(|s| text::to_half_width(&text::clean(s)).to_ascii_lowercase())
        .unwrap_or_default();
    if q.attribute.as_deref().is_some_and(|a| !a.is_empty()) || needle.contains(SEP as char) {
        return list(conn, q);
    }
    let key = version_key(conn)?;
    if cache.index.as_ref().is_none_or(|ix| ix.key != key) {
        cache.index = None;
        cache.index = Some(build(conn, key)?);
    }
    let Some(ix) = cache.index.as_ref() else {
        return list(conn, q);
    };
    let Some((page, total)) = ix.matches(q, needle.as_bytes()) else {
        // A grid no household is in.
        return Ok(HouseholdPage {
            items: Vec::new(),
            total: 0,
        });
    };
    Ok(HouseholdPage {
        items: fetch(conn, &page)?,
        total,
    })
}

/// The rows of `rowids`, in that order.
fn fetch(conn: &Connection, rowids: &[i64]) -> Result<Vec<super::Household>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM households h LEFT JOIN grids g ON g.id = h.grid_id
         WHERE h.rowid = ?1"
    ))?;
    let mut out = Vec::with_capacity(rowids.len());
    for id in rowids {
        out.push(st.query_row([id], from_row)?);
    }
    Ok(out)
}
