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
    /// Position in `SearchIndex::hays` (the order the rows were read in).
    read: u32,
    /// Range of `SearchIndex::keys`: pinyin initials (lower case).
    initials: (u32, u32),
    /// Range of `SearchIndex::keys`: the household code, as stored.
    code: (u32, u32),
}

/// The searched text of every household; `entries` in walking order.
struct SearchIndex {
    /// What the connection had seen when this was built: `PRAGMA data_version` (writes by
    /// other connections) and `total_changes()` (its own).
    key: (i64, i64),
    grids: HashMap<String, u32>,
    /// Name, address, phone, contact of each household (ASCII-lowercased as LIKE compares),
    /// separated by `SEP`, each household ending with `SEP`: one buffer, scanned once.
    hays: Vec<u8>,
    /// Where each household's part of `hays` starts, in read order.
    hay_starts: Vec<u32>,
    keys: Vec<u8>,
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

fn push(text: &mut Vec<u8>, s: &str, lower: bool) -> (u32, u32) {
    let start = text.len() as u32;
    if lower {
        text.extend(s.bytes().map(|b| b.to_ascii_lowercase()));
    } else {
        text.extend_from_slice(s.as_bytes());
    }
    (start, text.len() as u32)
}

fn text_or_null<'a>(r: &'a rusqlite::Row, i: usize) -> rusqlite::Result<Option<&'a str>> {
    r.get_ref(i)?.as_str_or_null().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn build(conn: &Connection, key: (i64, i64)) -> Result<SearchIndex> {
    // Read in table order and sorted here: SQLite's ORDER BY would sort every row with all
    // its columns (most of the time of a build at 100,000 households).
    let mut st = conn.prepare(
        "SELECT h.rowid, h.grid_id, coalesce(g.no, 1000000), h.name, h.address, h.phone,
                h.contact, h.name_initials, h.code
         FROM households h LEFT JOIN grids g ON g.id = h.grid_id",
    )?;
    let mut rows = st.query([])?;
    let mut ix = SearchIndex {
        key,
        grids: HashMap::default(),
        hays: Vec::new(),
        hay_starts: Vec::new(),
        keys: Vec::new(),
        entries: Vec::new(),
    };
    let mut grid_nos = Vec::new();
    while let Some(r) = rows.next()? {
        let grid = match text_or_null(r, 1)? {
            None => NO_GRID,
            Some(g) => {
                let n = ix.grids.len() as u32;
                *ix.grids.entry(g.to_string()).or_insert(n)
            }
        };
        ix.hay_starts.push(ix.hays.len() as u32);
        for col in 3..=6 {
            push(&mut ix.hays, text_or_null(r, col)?.unwrap_or(""), true);
            ix.hays.push(SEP);
        }
        let initials = push(&mut ix.keys, text_or_null(r, 7)?.unwrap_or(""), true);
        let code = push(&mut ix.keys, text_or_null(r, 8)?.unwrap_or(""), false);
        grid_nos.push(r.get::<_, i64>(2)?);
        ix.entries.push(Entry {
            rowid: r.get(0)?,
            grid,
            read: ix.entries.len() as u32,
            initials,
            code,
        });
    }
    // Walking order: grid number, then code (byte order, as SQLite's BINARY collation).
    let keys = &ix.keys;
    let code = |e: &Entry| &keys[e.code.0 as usize..e.code.1 as usize];
    ix.entries.sort_unstable_by(|a, b| {
        (grid_nos[a.read as usize], code(a)).cmp(&(grid_nos[b.read as usize], code(b)))
    });
    Ok(ix)
}

impl SearchIndex {
    fn key(&self, (a, b): (u32, u32)) -> &[u8] {
        &self.keys[a as usize..b as usize]
    }

    /// Which households (by read position) hold `needle` in name, address, phone or
    /// contact: one scan of the whole buffer.
    fn hay_hits(&self, needle: &[u8]) -> Vec<bool> {
        let mut hits = vec![false; self.hay_starts.len()];
        let finder = memmem::Finder::new(needle);
        let mut pos = 0;
        while let Some(at) = finder.find(&self.hays[pos..]) {
            let at = pos + at;
            // The household whose part holds `at`; go on after its part.
            let k = self.hay_starts.partition_point(|&s| s as usize <= at) - 1;
            hits[k] = true;
            pos = self
                .hay_starts
                .get(k + 1)
                .map_or(self.hays.len(), |&s| s as usize);
        }
        hits
    }

    /// Rowids of the matching households in walking order, and how many match.
    fn matches(&self, q: &HouseholdQuery, needle: &[u8]) -> Option<(Vec<i64>, i64)> {
        let grid = match q.grid_id.as_deref().filter(|g| !g.is_empty()) {
            Some(g) => Some(*self.grids.get(g)?),
            None if q.no_grid => Some(NO_GRID),
            None => None,
        };
        let hits = (!needle.is_empty()).then(|| self.hay_hits(needle));
        let whole_code =
            std::str::from_utf8(needle).map_or(0, |s| s.chars().count()) >= super::FULL_CODE;
        let (offset, limit) = page_bounds(q);
        let mut page = Vec::new();
        let mut total = 0i64;
        for e in &self.entries {
            if grid.is_some_and(|g| g != e.grid) {
                continue;
            }
            if let Some(hits) = &hits {
                let code = self.key(e.code);
                let code_hit = if whole_code {
                    code.eq_ignore_ascii_case(needle)
                } else {
                    code.len() >= needle.len() && code[..needle.len()].eq_ignore_ascii_case(needle)
                };
                if !hits[e.read as usize] && !self.key(e.initials).starts_with(needle) && !code_hit
                {
                    continue;
                }
            }
            if total >= offset && (limit < 0 || (page.len() as i64) < limit) {
                page.push(e.rowid);
            }
            total += 1;
        }
        Some((page, total))
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
