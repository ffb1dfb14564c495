//! The household register (检查对象): homes, shops, 九小场所, work sites, dormitories.
//! Every household has a UUID v7 id and a short code (grid number + sequence, e.g. 03017)
//! that is printed on its pre-filled forms so that keying a returned form starts by typing
//! the code. The code never changes once given, even if the household moves to another grid.

use crate::error::{Error, Result};
use crate::lookup::escape_like;
use crate::{new_id, now_ts, text, validate};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

mod search;
pub use search::{list_cached, SearchCache};

/// A household or place (检查对象) as listed: the `households` row with its grid's name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Household {
    /// Row id in `households` (UUID v7); stable across edits.
    pub id: String,
    /// The short code printed on its forms (grid number + sequence, 03017); never changes.
    pub code: String,
    /// Row id of its grid; None when it has none (one added without a grid gets a 00… code).
    pub grid_id: Option<String>,
    /// Grid name ('' when none).
    pub grid: String,
    /// 检查地点(对象)名称: the place's name or the head of household; at most 100 characters.
    pub name: String,
    /// 地址; empty when not recorded.
    pub address: String,
    /// 村民小组; empty when not recorded.
    pub village_group: String,
    /// 建筑层数; None when not recorded.
    pub floors: Option<i64>,
    /// 居住人员总数; None when not recorded.
    pub residents: Option<i64>,
    /// Of them 弱势群体 (never more than `residents`); None when not recorded.
    pub vulnerable: Option<i64>,
    /// 场所建筑面积 in m²; None when not recorded.
    pub area: Option<f64>,
    /// 场所性质 (one of [`NATURES`] or the office's own word); empty when not recorded.
    pub nature: String,
    /// 建筑结构 (one of [`STRUCTURES`] or another); empty when not recorded.
    pub structure: String,
    /// 使用层数 (地上/地下/半地下); empty when not recorded.
    pub floors_used: String,
    /// Contact person; empty when none.
    pub contact: String,
    /// Contact phone, normalised and checked; empty when none.
    pub phone: String,
    /// Head of household's 身份证号, normalised and checked; empty when not recorded.
    pub id_number: String,
    /// Its own checklist template id; empty for the office's default.
    pub template_id: String,
    /// Free note; empty when none.
    pub note: String,
    /// When the row was created (UTC, `2024-12-01T08:00:00.000Z`).
    pub created_at: String,
    /// When the row was last changed (UTC, same format as `created_at`).
    pub updated_at: String,
    /// What its latest inspection recorded about the place (属性项 answered 是: 多合一场所,
    /// 弱势群体 ...).
    pub attributes: Vec<String>,
}

/// What the clerk enters for a household. Text fields are cleaned (spaces, full-width
/// digits); numbers must be ≥ 0; the ID number and phone are checked.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct HouseholdInput {
    /// 检查地点(对象)名称 or head of household; required, at most 100 characters.
    pub name: String,
    /// 地址; may be empty.
    #[serde(default)]
    pub address: String,
    /// Row id of its grid; None or empty for none. The code is given from it when added.
    #[serde(default)]
    #[ts(optional)]
    pub grid_id: Option<String>,
    /// 村民小组; may be empty.
    #[serde(default)]
    pub village_group: String,
    /// 建筑层数, 0–100,000; None when unknown.
    #[serde(default)]
    #[ts(optional)]
    pub floors: Option<i64>,
    /// 居住人员总数, 0–100,000; None when unknown.
    #[serde(default)]
    #[ts(optional)]
    pub residents: Option<i64>,
    /// Of them 弱势群体, at most `residents`; None when unknown.
    #[serde(default)]
    #[ts(optional)]
    pub vulnerable: Option<i64>,
    /// 场所建筑面积 in m², ≥ 0; None when unknown.
    #[serde(default)]
    #[ts(optional)]
    pub area: Option<f64>,
    /// 场所性质; may be empty.
    #[serde(default)]
    pub nature: String,
    /// 建筑结构; may be empty.
    #[serde(default)]
    pub structure: String,
    /// 使用层数; may be empty.
    #[serde(default)]
    pub floors_used: String,
    /// Contact person; may be empty.
    #[serde(default)]
    pub contact: String,
    /// Contact phone as typed (full-width digits, spaces accepted); may be empty.
    #[serde(default)]
    pub phone: String,
    /// 身份证号 as typed; checked (length, check digit) when not empty.
    #[serde(default)]
    pub id_number: String,
    /// Its own checklist template id; empty for the office's default; must exist.
    #[serde(default)]
    pub template_id: String,
    /// Free note; may be empty.
    #[serde(default)]
    pub note: String,
}

/// A household list query: filters (all optional, combined with AND) and the page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct HouseholdQuery {
    /// Name, pinyin initials (zs), address, phone or code.
    #[serde(default)]
    #[ts(optional)]
    pub search: Option<String>,
    /// Only households of this grid (row id).
    #[serde(default)]
    #[ts(optional)]
    pub grid_id: Option<String>,
    /// Only households without a grid.
    #[serde(default)]
    pub no_grid: bool,
    /// Only households whose latest inspection answered 是 to this 属性项 (多合一场所 ...).
    #[serde(default)]
    #[ts(optional)]
    pub attribute: Option<String>,
    /// Page size; None for every match.
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
    /// Rows to skip before the page; None for 0.
    #[serde(default)]
    #[ts(optional)]
    pub offset: Option<i64>,
}

/// One page of the household list, in walking order (grid, then code).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HouseholdPage {
    /// The households of the page.
    pub items: Vec<Household>,
    /// How many households match the query in all.
    pub total: i64,
}

/// Suggested values for 场所性质 (the form lists these; others are allowed).
pub const NATURES: &[&str] = &["居民住宅", "多合一场所", "九小场所", "工地", "宿舍", "其他"];
/// Suggested values for 建筑结构 (seed 001's four).
pub const STRUCTURES: &[&str] = &["木结构", "砖木结构", "砖混结构", "钢结构"];

const COLUMNS: &str = "h.id, h.code, h.grid_id, coalesce(g.name, ''), h.name, h.address,
    h.village_group, h.floors, h.residents, h.vulnerable, h.area, h.nature, h.structure,
    h.floors_used, h.contact, h.phone, h.id_number, h.template_id, h.note, h.created_at,
    h.updated_at, (SELECT group_concat(a.label, char(31)) FROM household_attributes a
                   WHERE a.household_id = h.id AND a.value = 'yes')";

fn from_row(r: &Row) -> rusqlite::Result<Household> {
    Ok(Household {
        id: r.get(0)?,
        code: r.get(1)?,
        grid_id: r.get(2)?,
        grid: r.get(3)?,
        name: r.get(4)?,
        address: r.get(5)?,
        village_group: r.get(6)?,
        floors: r.get(7)?,
        residents: r.get(8)?,
        vulnerable: r.get(9)?,
        area: r.get(10)?,
        nature: r.get(11)?,
        structure: r.get(12)?,
        floors_used: r.get(13)?,
        contact: r.get(14)?,
        phone: r.get(15)?,
        id_number: r.get(16)?,
        template_id: r.get(17)?,
        note: r.get(18)?,
        created_at: r.get(19)?,
        updated_at: r.get(20)?,
        attributes: r
            .get::<_, Option<String>>(21)?
            .map(|s| s.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default(),
    })
}

/// Cleans and checks an input. Errors name the field in Chinese.
pub fn normalize(conn: &Connection, input: &HouseholdInput) -> Result<HouseholdInput> {
    let mut h = input.clone();
    h.name = text::clean_name(&text::to_half_width_digits_only(&h.name));
    h.address = text::clean(&h.address);
    h.village_group = text::clean(&h.village_group);
    h.nature = text::clean(&h.nature);
    h.structure = text::clean(&h.structure);
    h.floors_used = text::clean(&h.floors_used);
    h.contact = text::clean_name(&h.contact);
    h.phone = validate::normalize_phone(&h.phone);
    h.id_number = validate::normalize_id(&h.id_number);
    h.template_id = text::clean(&h.template_id);
    h.note = h.note.trim().to_string();
    h.grid_id = h.grid_id.filter(|g| !g.trim().is_empty());
    if h.name.is_empty() {
        return Err(Error::invalid("请填写检查地点（对象）名称或户主姓名。"));
    }
    if h.name.chars().count() > 100 {
        return Err(Error::invalid("名称太长（最多 100 个字）。"));
    }
    for (label, v) in [
        ("建筑层数", h.floors),
        ("居住人员总数", h.residents),
        ("弱势群体人数", h.vulnerable),
    ] {
        if let Some(n) = v {
            if n < 0 {
                return Err(Error::invalid(format!("{label}不能是负数。")));
            }
            if n > 100_000 {
                return Err(Error::invalid(format!("{label}（{n}）太大，请核对。")));
            }
        }
    }
    if let (Some(r), Some(v)) = (h.residents, h.vulnerable) {
        if v > r {
            return Err(Error::invalid(format!(
                "弱势群体人数（{v}）不能多于居住人员总数（{r}）。"
            )));
        }
    }
    if let Some(a) = h.area {
        if !a.is_finite() || a < 0.0 {
            return Err(Error::invalid("场所建筑面积不能是负数。"));
        }
    }
    if !h.phone.is_empty() {
        validate::check_phone(&h.phone).map_err(|m| Error::invalid(format!("联系电话：{m}。")))?;
    }
    if !h.id_number.is_empty() {
        validate::check_id_number(&h.id_number).map_err(|m| Error::invalid(format!("{m}。")))?;
    }
    if let Some(g) = &h.grid_id {
        crate::grids::get(conn, g)?;
    }
    if !h.template_id.is_empty() {
        crate::templates::get(conn, &h.template_id, None)?;
    }
    Ok(h)
}

/// The length of the shortest whole code (two-digit grid, three-digit sequence): a search
/// this long or longer matches codes exactly, a shorter one as a prefix.
pub const FULL_CODE: usize = 5;

/// The next free code in a grid: two-digit grid number + three-digit sequence (03017).
pub fn next_code(conn: &Connection, grid_id: Option<&str>) -> Result<String> {
    let grid_no: i64 = match grid_id {
        Some(g) => crate::grids::get(conn, g)?.no,
        None => 0,
    };
    let prefix = format!("{grid_no:02}");
    let max_seq: Option<i64> = conn.query_row(
        "SELECT max(CAST(substr(code, ?2) AS INTEGER)) FROM households
         WHERE code GLOB ?1 AND length(code) > length(?3)",
        params![
            format!("{prefix}[0-9][0-9][0-9]*"),
            prefix.len() as i64 + 1,
            prefix
        ],
        |r| r.get(0),
    )?;
    Ok(format!("{prefix}{:03}", max_seq.unwrap_or(0) + 1))
}

/// Adds a household after [`normalize`] and gives it the next free code of its grid.
/// Errors: `invalid` for a bad field (named in Chinese); `not_found` for an unknown grid or template.
pub fn add(conn: &Connection, input: &HouseholdInput) -> Result<Household> {
    let h = normalize(conn, input)?;
    insert_normalized(conn, &h)
}

/// Inserts an already normalised input (import uses this inside its transaction).
pub fn insert_normalized(conn: &Connection, h: &HouseholdInput) -> Result<Household> {
    let id = new_id();
    let code = next_code(conn, h.grid_id.as_deref())?;
    let now = now_ts();
    conn.execute(
        "INSERT INTO households (id, code, grid_id, name, name_initials, address, village_group,
            floors, residents, vulnerable, area, nature, structure, floors_used, contact, phone,
            id_number, template_id, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?20, ?20)",
        params![
            id,
            code,
            h.grid_id,
            h.name,
            text::pinyin_initials(&h.name),
            h.address,
            h.village_group,
            h.floors,
            h.residents,
            h.vulnerable,
            h.area,
            h.nature,
            h.structure,
            h.floors_used,
            h.contact,
            h.phone,
            h.id_number,
            h.template_id,
            h.note,
            now
        ],
    )?;
    get(conn, &id)
}

/// Changes household `id` to `input` (checked as by [`add`]); its code stays.
/// Errors: `not_found` for an unknown id, grid or template; `invalid` for a bad field.
pub fn update(conn: &Connection, id: &str, input: &HouseholdInput) -> Result<Household> {
    get(conn, id)?;
    let h = normalize(conn, input)?;
    update_normalized(conn, id, &h)
}

/// Writes an already normalised input over household `id` (import uses this inside its
/// transaction); the code stays. Returns the household as stored.
pub fn update_normalized(conn: &Connection, id: &str, h: &HouseholdInput) -> Result<Household> {
    conn.execute(
        "UPDATE households SET grid_id = ?2, name = ?3, name_initials = ?4, address = ?5,
            village_group = ?6, floors = ?7, residents = ?8, vulnerable = ?9, area = ?10,
            nature = ?11, structure = ?12, floors_used = ?13, contact = ?14, phone = ?15,
            id_number = ?16, template_id = ?17, note = ?18, updated_at = ?19
         WHERE id = ?1",
        params![
            id,
            h.grid_id,
            h.name,
            text::pinyin_initials(&h.name),
            h.address,
            h.village_group,
            h.floors,
            h.residents,
            h.vulnerable,
            h.area,
            h.nature,
            h.structure,
            h.floors_used,
            h.contact,
            h.phone,
            h.id_number,
            h.template_id,
            h.note,
            now_ts()
        ],
    )?;
    get(conn, id)
}

/// The household with row id `id`; `not_found` when there is none (e.g. deleted meanwhile).
pub fn get(conn: &Connection, id: &str) -> Result<Household> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM households h LEFT JOIN grids g ON g.id = h.grid_id WHERE h.id = ?1"
    ))?
    .query_row([id], from_row)
    .optional()?
    .ok_or_else(|| Error::not_found("没有找到这一户，它可能已被删除。"))
}

/// Finds a household by id or by its short code.
pub fn resolve(conn: &Connection, key: &str) -> Result<Household> {
    let key = text::to_half_width(key.trim());
    conn.prepare_cached(
        &format!("SELECT {COLUMNS} FROM households h LEFT JOIN grids g ON g.id = h.grid_id WHERE h.id = ?1 OR h.code = ?1"),
    )?
    .query_row([&key], from_row)
    .optional()?
    .ok_or_else(|| Error::not_found(format!("没有编号为“{key}”的户。")))
}

fn where_clause(q: &HouseholdQuery) -> (String, Vec<String>) {
    let mut cond = vec!["1 = 1".to_string()];
    let mut args: Vec<String> = vec![];
    if let Some(g) = q.grid_id.as_ref().filter(|g| !g.is_empty()) {
        args.push(g.clone());
        cond.push(format!("h.grid_id = ?{}", args.len()));
    }
    if q.no_grid {
        cond.push("h.grid_id IS NULL".into());
    }
    if let Some(a) = q.attribute.as_ref().filter(|a| !a.is_empty()) {
        args.push(a.clone());
        cond.push(format!(
            "EXISTS (SELECT 1 FROM household_attributes a WHERE a.household_id = h.id
                     AND a.label = ?{} AND a.value = 'yes')",
            args.len()
        ));
    }
    if let Some(s) = q.search.as_ref() {
        let s = text::to_half_width(&text::clean(s));
        if !s.is_empty() {
            let like = format!("%{}%", escape_like(&s));
            let lower = format!("{}%", escape_like(&s.to_lowercase()));
            args.push(like);
            let a = args.len();
            args.push(lower);
            let b = args.len();
            // A whole code (5 characters or more) finds that code only: 01100 is not a
            // prefix of 011000 (codes grow a digit past 999 in a grid). Shorter: a prefix.
            args.push(if s.chars().count() >= FULL_CODE {
                escape_like(&s)
            } else {
                format!("{}%", escape_like(&s))
            });
            let c = args.len();
            cond.push(format!(
                "(h.name LIKE ?{a} ESCAPE '\\' OR h.address LIKE ?{a} ESCAPE '\\' OR h.phone LIKE ?{a} ESCAPE '\\'
                  OR h.contact LIKE ?{a} ESCAPE '\\' OR h.name_initials LIKE ?{b} ESCAPE '\\' OR h.code LIKE ?{c} ESCAPE '\\')"
            ));
        }
    }
    (cond.join(" AND "), args)
}

/// Households matching the query, ordered by grid and code (the walking order).
pub fn list(conn: &Connection, q: &HouseholdQuery) -> Result<HouseholdPage> {
    let (cond, args) = where_clause(q);
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM households h WHERE {cond}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let limit = q.limit.unwrap_or(-1);
    let offset = q.offset.unwrap_or(0).max(0);
    let sql = format!(
        "SELECT {COLUMNS} FROM households h LEFT JOIN grids g ON g.id = h.grid_id
         WHERE {cond} ORDER BY coalesce(g.no, 1000000), h.code LIMIT {limit} OFFSET {offset}"
    );
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(args.iter()), from_row)?;
    Ok(HouseholdPage {
        items: rows.collect::<rusqlite::Result<_>>()?,
        total,
    })
}

/// Deletes a household never visited. Errors: `not_found` for an unknown id; `conflict` when
/// it has inspections (the ledger keeps them).
pub fn delete(conn: &Connection, id: &str) -> Result<()> {
    let h = get(conn, id)?;
    let visits: i64 = conn
        .prepare_cached("SELECT count(*) FROM inspections WHERE household_id = ?1")?
        .query_row([id], |r| r.get(0))?;
    if visits > 0 {
        return Err(Error::conflict(format!(
            "“{}”已有 {visits} 次入户检查记录，为保留台账不能删除。",
            h.name
        )));
    }
    conn.execute("DELETE FROM households WHERE id = ?1", [id])?;
    Ok(())
}
