//! The publicity log (宣传): broadcasts, WeChat-group posts, warning films, lectures,
//! door-to-door talks, card handouts. Each event counts toward one row of the statistics
//! table (次数 = sessions, 人数 = people reached).

use crate::category::Category;
use crate::error::{Error, Result};
use crate::sheet::Cell;
use crate::{new_id, now_ts, text};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The kinds of event the office records; the last one catches everything else.
pub const KINDS: [&str; 7] = [
    "广播",
    "微信群",
    "警示教育片",
    "讲座",
    "入户宣传",
    "发放明白卡",
    "其他",
];

/// Upper bounds that catch typing slips (an extra zero or two).
const MAX_SESSIONS: i64 = 100_000;
const MAX_PEOPLE: i64 = 10_000_000;

/// One publicity event (宣传) as stored in `publicity`; its sessions and people add up into
/// the 次数 / 人数 columns of the statistics table (附件2) for the period its date falls in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PublicityEvent {
    /// Row id in `publicity` (UUID v7); stable across edits.
    pub id: String,
    /// ISO date of the event.
    pub date: String,
    /// The 行动名称 it counts under.
    pub category: Category,
    /// One of [`KINDS`].
    pub kind: String,
    /// 次数
    pub sessions: i64,
    /// 人数
    pub people: i64,
    /// Free note (where, what was shown); white space folded; empty when none; at most 500 characters.
    pub note: String,
    /// When the row was created (UTC, `2024-12-01T08:00:00.000Z`).
    pub created_at: String,
    /// When the row was last changed (UTC, same format as `created_at`).
    pub updated_at: String,
}

/// What the clerk enters. `date` as typed (2024-12-23, 2024年12月23日 ...); `category`
/// the 行动名称; `kind` empty = 其他.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PublicityInput {
    /// The event's date as typed; required.
    pub date: String,
    /// The 行动名称 (statistics row) the event counts under.
    pub category: Category,
    /// The kind as typed: one of [`KINDS`] or a wording [`kind_from_text`] recognises (喇叭 → 广播).
    #[serde(default)]
    pub kind: String,
    /// 次数: sessions held; not negative, at most 100 000; 0 allowed when `people` is not 0.
    pub sessions: i64,
    /// 人数: people reached; not negative, at most 10 000 000; 0 allowed when `sessions` is not 0.
    pub people: i64,
    /// Free note; at most 500 characters.
    #[serde(default)]
    pub note: String,
}

/// Filters for [`list`]; every field None (or empty) means no filter on it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PublicityQuery {
    /// First day (inclusive), as typed.
    #[serde(default)]
    #[ts(optional)]
    pub from: Option<String>,
    /// Last day (inclusive), as typed.
    #[serde(default)]
    #[ts(optional)]
    pub to: Option<String>,
    /// Only events counted under this 行动名称.
    #[serde(default)]
    #[ts(optional)]
    pub category: Option<Category>,
}

const SELECT: &str = "SELECT id, event_date, category, kind, sessions, people, note, created_at,
    updated_at FROM publicity";

fn from_row(r: &Row) -> rusqlite::Result<PublicityEvent> {
    Ok(PublicityEvent {
        id: r.get(0)?,
        date: r.get(1)?,
        category: r.get(2)?,
        kind: r.get(3)?,
        sessions: r.get(4)?,
        people: r.get(5)?,
        note: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

/// The official kind a clerk's wording means, if any.
pub fn kind_from_text(s: &str) -> Option<&'static str> {
    let t: String = text::to_half_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.is_empty() {
        return Some("其他");
    }
    if let Some(k) = KINDS.iter().find(|k| **k == t) {
        return Some(k);
    }
    const KEYS: [(&[&str], usize); 7] = [
        (&["广播", "喇叭", "大喇叭"], 0),
        (&["微信", "公众号", "朋友圈"], 1),
        (&["教育片", "警示片", "警示教育", "视频", "电影"], 2),
        (&["讲座", "培训", "授课", "宣讲"], 3),
        (&["入户"], 4),
        (&["明白卡", "发放", "宣传单", "告知书", "传单"], 5),
        (&["其他", "其它"], 6),
    ];
    KEYS.iter()
        .find(|(keys, _)| keys.iter().any(|k| t.contains(k)))
        .map(|(_, i)| KINDS[*i])
}

/// Cleans and checks an input; errors name the field in Chinese.
pub fn normalize(input: &PublicityInput) -> Result<PublicityInput> {
    let mut p = input.clone();
    if p.date.trim().is_empty() {
        return Err(Error::invalid("请填写宣传活动的日期。"));
    }
    p.date = crate::parse_date(&p.date)?.to_string();
    let kind = text::clean(&p.kind);
    p.kind = match kind_from_text(&kind) {
        Some(k) => k.to_string(),
        None => {
            return Err(Error::invalid(format!(
                "宣传形式“{kind}”不在列表中。应为：{}。",
                KINDS.join("、")
            )))
        }
    };
    if p.sessions < 0 || p.people < 0 {
        return Err(Error::invalid("次数和人数不能是负数。"));
    }
    if p.sessions == 0 && p.people == 0 {
        return Err(Error::invalid("次数和人数不能都为 0。"));
    }
    if p.sessions > MAX_SESSIONS {
        return Err(Error::invalid(format!(
            "次数 {} 太大了，请检查是否多打了 0。",
            p.sessions
        )));
    }
    if p.people > MAX_PEOPLE {
        return Err(Error::invalid(format!(
            "人数 {} 太大了，请检查是否多打了 0。",
            p.people
        )));
    }
    p.note = text::clean(&p.note);
    if p.note.chars().count() > 500 {
        return Err(Error::invalid("备注太长（最多 500 个字）。"));
    }
    Ok(p)
}

/// The event with row id `id`; `not_found` when there is none (e.g. deleted meanwhile).
pub fn get(conn: &Connection, id: &str) -> Result<PublicityEvent> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("没有找到这条宣传记录，它可能已被删除。"))
}

fn insert_normalized(conn: &Connection, p: &PublicityInput) -> Result<String> {
    let id = new_id();
    let now = now_ts();
    conn.execute(
        "INSERT INTO publicity (id, event_date, category, kind, sessions, people, note,
                                created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![id, p.date, p.category, p.kind, p.sessions, p.people, p.note, now],
    )?;
    Ok(id)
}

/// Adds an event and returns it as stored (date as ISO, kind as one of [`KINDS`]).
/// Errors (`invalid`, message naming the field): empty or unreadable date, unknown kind,
/// negative counts, both counts 0, a count past the typing-slip bound, a note over 500 characters.
pub fn add(conn: &Connection, input: &PublicityInput) -> Result<PublicityEvent> {
    let p = normalize(input)?;
    let id = insert_normalized(conn, &p)?;
    get(conn, &id)
}

/// Changes the event `id` to `input` and returns it as stored.
/// Errors: `not_found` for an unknown id, otherwise as [`add`].
pub fn update(conn: &Connection, id: &str, input: &PublicityInput) -> Result<PublicityEvent> {
    get(conn, id)?;
    let p = normalize(input)?;
    conn.execute(
        "UPDATE publicity SET event_date = ?2, category = ?3, kind = ?4, sessions = ?5,
                people = ?6, note = ?7, updated_at = ?8
         WHERE id = ?1",
        params![
            id,
            p.date,
            p.category,
            p.kind,
            p.sessions,
            p.people,
            p.note,
            now_ts()
        ],
    )?;
    get(conn, id)
}

/// Deletes the event (its counts leave the statistics); `not_found` when there is none.
pub fn delete(conn: &Connection, id: &str) -> Result<()> {
    get(conn, id)?;
    conn.execute("DELETE FROM publicity WHERE id = ?1", [id])?;
    Ok(())
}

/// Events in a period (newest first).
pub fn list(conn: &Connection, q: &PublicityQuery) -> Result<Vec<PublicityEvent>> {
    let from = match q.from.as_deref().map(str::trim) {
        Some(f) if !f.is_empty() => crate::parse_date(f)?.to_string(),
        _ => "0000-01-01".to_string(),
    };
    let to = match q.to.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => crate::parse_date(t)?.to_string(),
        _ => "9999-12-31".to_string(),
    };
    let cat = q.category.map_or("", Category::name);
    let mut st = conn.prepare_cached(&format!(
        "{SELECT} WHERE event_date BETWEEN ?1 AND ?2 AND (?3 = '' OR category = ?3)
         ORDER BY event_date DESC, created_at DESC"
    ))?;
    let rows = st.query_map(params![from, to, cat], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---------------------------------------------------------------------------------------
// Import from a spreadsheet

/// One row that was not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportProblem {
    /// Row number as the spreadsheet shows it (1-based).
    pub row: i64,
    /// Why the row was not imported, in Chinese for the clerk (names the column and the value).
    pub message: String,
}

/// What [`import_file`] / [`import_rows`] did: counts and the rows they skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PublicityImport {
    /// Events added.
    pub added: i64,
    /// Rows skipped because they repeat an event already stored (same date, category,
    /// kind, sessions, people and note) — importing the same file twice adds nothing.
    pub duplicates: i64,
    /// Rows that could not be read; nothing else was held back because of them.
    pub problems: Vec<ImportProblem>,
}

/// Which field a header cell names.
fn header_field(h: &str) -> Option<usize> {
    let t: String = text::to_half_width(h)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.is_empty() {
        return None;
    }
    // 0 date, 1 category, 2 kind, 3 sessions, 4 people, 5 note
    if t.contains("日期") || t.contains("时间") {
        Some(0)
    } else if t.contains("行动名称")
        || t.contains("类别")
        || t.contains("事故")
        || (t.contains("类型") && !t.contains("宣传"))
    {
        Some(1)
    } else if t.contains("形式") || t.contains("方式") || t.contains("宣传类型") {
        Some(2)
    } else if t.contains("次数") || t.contains("场次") {
        Some(3)
    } else if t.contains("人数") || t.contains("人次") || t.contains("受众") || t.contains("覆盖")
    {
        Some(4)
    } else if t.contains("备注") || t.contains("内容") || t.contains("说明") || t.contains("地点")
    {
        Some(5)
    } else {
        None
    }
}

fn count_value(v: &Cell, what: &str) -> std::result::Result<i64, String> {
    match v {
        Cell::Empty => Ok(0),
        Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n < 1e12 => Ok(*n as i64),
        Cell::Number(n) => Err(format!("{what}“{n}”不是非负整数")),
        Cell::Date(_) => Err(format!("{what}是日期，不是数字")),
        Cell::Bool(_) => Err(format!("{what}不是数字")),
        Cell::Text(s) => {
            let t: String = text::to_half_width(s)
                .chars()
                .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '次' | '人' | '场'))
                .collect();
            if t.is_empty() || t == "-" || t == "无" {
                return Ok(0);
            }
            let t = t.strip_suffix(".0").unwrap_or(&t);
            t.parse::<i64>()
                .ok()
                .filter(|n| *n >= 0)
                .ok_or_else(|| format!("{what}“{}”不是数字", s.trim()))
        }
    }
}

/// Imports events from a spreadsheet file (.xlsx, .xls, .ods, .csv): the first visible
/// sheet that has a header row with 日期, 行动名称 and 次数/人数.
pub fn import_file(conn: &Connection, path: &std::path::Path) -> Result<PublicityImport> {
    let mut wb = crate::sheet::Workbook::open(path)?;
    let names: Vec<String> = wb
        .sheet_names()
        .iter()
        .filter(|n| !wb.is_hidden(n))
        .cloned()
        .collect();
    for name in &names {
        let sheet = wb.read_sheet(name)?;
        let rows: Vec<Vec<Cell>> = sheet.rows().map(|(_, r)| r.to_vec()).collect();
        if find_header(&rows).is_some() {
            return import_rows(conn, &rows);
        }
    }
    Err(Error::bad_file(format!(
        "文件“{}”里没有找到宣传记录的表头。表头应有“日期”“行动名称”“次数”“人数”等列（“宣传形式”“备注”可选）。",
        crate::sheet::file_label(path)
    )))
}

type HeaderMap = (usize, [Option<usize>; 6]);

fn find_header(rows: &[Vec<Cell>]) -> Option<HeaderMap> {
    for (i, row) in rows.iter().enumerate().take(30) {
        let mut cols: [Option<usize>; 6] = [None; 6];
        for (j, cell) in row.iter().enumerate() {
            if let Some(f) = header_field(&cell.text()) {
                if cols[f].is_none() {
                    cols[f] = Some(j);
                }
            }
        }
        if cols[0].is_some() && cols[1].is_some() && (cols[3].is_some() || cols[4].is_some()) {
            return Some((i, cols));
        }
    }
    None
}

/// Imports events from rows of cells (row 0 = spreadsheet row 1): the first row that names
/// at least a date, a category and a count column is the header; each later non-empty row
/// is one event. All good rows are written in one transaction; bad rows are listed and
/// skipped.
pub fn import_rows(conn: &Connection, rows: &[Vec<Cell>]) -> Result<PublicityImport> {
    let Some((header_row, cols)) = find_header(rows) else {
        return Err(Error::bad_file(
            "没有找到宣传记录的表头。第一行应有“日期”“行动名称”“次数”“人数”等列（“宣传形式”“备注”可选）。",
        ));
    };
    let get = |row: &Vec<Cell>, f: usize| -> Cell {
        cols[f]
            .and_then(|j| row.get(j))
            .cloned()
            .unwrap_or(Cell::Empty)
    };
    let tx = conn.unchecked_transaction()?;
    let mut out = PublicityImport {
        added: 0,
        duplicates: 0,
        problems: vec![],
    };
    type Key = (String, crate::category::Category, String, i64, i64, String);
    let mut existing: std::collections::HashMap<Key, i64> = std::collections::HashMap::new();
    for (i, row) in rows.iter().enumerate().skip(header_row + 1) {
        let line = i as i64 + 1;
        if row.iter().all(Cell::is_blank) {
            continue;
        }
        let date = match get(row, 0) {
            Cell::Date(d) => d.to_string(),
            Cell::Number(n) if (20000.0..80000.0).contains(&n) && n.fract() == 0.0 => {
                // An Excel date serial in a cell not formatted as a date.
                match chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
                    .and_then(|d| d.checked_add_signed(chrono::Duration::days(n as i64)))
                {
                    Some(d) => d.to_string(),
                    None => crate::sheet::number_text(n),
                }
            }
            other => other.text().trim().to_string(),
        };
        let raw_cat = get(row, 1).text().trim().to_string();
        let category = Category::read_loose(&raw_cat);
        let raw_kind = get(row, 2).text().trim().to_string();
        let mut note = get(row, 5).text().trim().to_string();
        let kind = match kind_from_text(&raw_kind) {
            Some(k) => k.to_string(),
            None => {
                // Keep the clerk's wording in the note rather than refusing the row.
                note = if note.is_empty() {
                    raw_kind.clone()
                } else {
                    format!("{raw_kind}；{note}")
                };
                "其他".to_string()
            }
        };
        let sessions = count_value(&get(row, 3), "次数");
        let people = count_value(&get(row, 4), "人数");
        let (sessions, people) = match (sessions, people) {
            (Ok(s), Ok(p)) => (s, p),
            (Err(m), _) | (_, Err(m)) => {
                out.problems.push(ImportProblem {
                    row: line,
                    message: format!("{m}，没有导入。"),
                });
                continue;
            }
        };
        let Some(category) = category else {
            out.problems.push(ImportProblem {
                row: line,
                message: if raw_cat.is_empty() {
                    "没有填行动名称，没有导入。".to_string()
                } else {
                    format!("行动名称“{raw_cat}”看不出属于哪一类，没有导入。")
                },
            });
            continue;
        };
        let input = PublicityInput {
            date,
            category,
            kind,
            sessions,
            people,
            note,
        };
        let p = match normalize(&input) {
            Ok(p) => p,
            Err(e) => {
                out.problems.push(ImportProblem {
                    row: line,
                    message: format!("{}该行没有导入。", e.message),
                });
                continue;
            }
        };
        // Rows that repeat events stored before this import are skipped (importing the
        // same file twice adds nothing); identical rows within the file all count.
        let key = (
            p.date.clone(),
            p.category,
            p.kind.clone(),
            p.sessions,
            p.people,
            p.note.clone(),
        );
        if !existing.contains_key(&key) {
            let n: i64 = tx.query_row(
                "SELECT count(*) FROM publicity WHERE event_date = ?1 AND category = ?2
                    AND kind = ?3 AND sessions = ?4 AND people = ?5 AND note = ?6",
                params![p.date, p.category, p.kind, p.sessions, p.people, p.note],
                |r| r.get(0),
            )?;
            existing.insert(key.clone(), n);
        }
        if let Some(n) = existing.get_mut(&key) {
            if *n > 0 {
                *n -= 1;
                out.duplicates += 1;
                continue;
            }
        }
        insert_normalized(&tx, &p)?;
        out.added += 1;
    }
    tx.commit()?;
    Ok(out)
}
