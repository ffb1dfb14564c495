//! Vulnerable people (弱势群体 / 特殊人群), one row per person: the action's first priority.
//! Seed 002/003 ask for a named list of elderly people living alone (社区独居老人统计表); the
//! other groups get the same list. One person may be in several groups; a household may hold
//! several such people.
//!
//! households.vulnerable stays the header count written on the form; adding people raises
//! it to at least the number of named people of the household (never above its residents),
//! and never lowers it (the count may include people not named here).

use crate::error::{Error, Result};
use crate::lookup::escape_like;
use crate::{new_id, now_ts, text, validate};
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

mod groups;

pub use groups::{
    added as added_groups, people_groups, save_added as save_added_groups, Groups, PeopleGroups,
    BUILTIN_GROUPS, OTHER_GROUP,
};

/// A named vulnerable person (弱势群体) as listed: the `people` row joined with the household
/// and grid it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Person {
    /// Row id in `people` (UUID v7); stable across edits.
    pub id: String,
    /// Row id in `households` of the household the person lives in.
    pub household_id: String,
    /// The household's short code printed on its forms (03017).
    pub household_code: String,
    /// The household's 检查地点(对象)名称 (usually the head of household).
    pub household_name: String,
    /// The household's address; empty when not recorded.
    pub address: String,
    /// The household's grid name; empty when the household has no grid.
    pub grid: String,
    /// The person's name (white space between Chinese characters removed).
    pub name: String,
    /// The groups the person is in (独居老人, 残疾人, ...), at least one, in the office's group order.
    pub categories: Vec<String>,
    /// 男, 女, or empty when unknown.
    pub gender: String,
    /// Date of birth, ISO `YYYY-MM-DD`; None when neither typed nor readable from the ID number.
    pub birth_date: Option<String>,
    /// Whole years as of today.
    pub age: Option<i64>,
    /// 身份证号, normalised (half-width, upper-case X) and checked; empty when not recorded.
    pub id_number: String,
    /// The person's own phone, normalised and checked; empty when none.
    pub phone: String,
    /// 监护人 / 联系人
    pub guardian: String,
    /// The guardian's or contact's phone, normalised and checked; empty when none.
    pub guardian_phone: String,
    /// Free note; empty when none.
    pub note: String,
    /// When the row was created (UTC, `2024-12-01T08:00:00.000Z`).
    pub created_at: String,
    /// When the row was last changed (UTC, same format as `created_at`).
    pub updated_at: String,
}

/// What the clerk fills in to add or change a person; checked by [`add`] / [`update`]
/// (`invalid` with a Chinese message for anything wrong, `not_found` for an unknown household).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct PersonInput {
    /// Row id in `households` of the household the person lives in; must exist.
    pub household_id: String,
    /// Required, at most 50 characters.
    pub name: String,
    /// One or more of the office's groups ([`Groups`]).
    pub categories: Vec<String>,
    /// 男 / 女 / empty (taken from the ID number when empty).
    #[serde(default)]
    pub gender: String,
    /// As typed; taken from the ID number when empty.
    #[serde(default)]
    #[ts(optional)]
    pub birth_date: Option<String>,
    /// 身份证号 as typed (full-width digits, lower-case x accepted); must pass the GB 11643 check
    /// when given; empty when unknown. Fills in gender and birth date when those are empty.
    #[serde(default)]
    pub id_number: String,
    /// The person's own phone as typed (11-digit mobile or landline with area code); may be empty.
    #[serde(default)]
    pub phone: String,
    /// 监护人 / 联系人: who to call about the person; may be empty.
    #[serde(default)]
    pub guardian: String,
    /// The guardian's phone as typed; may be empty.
    #[serde(default)]
    pub guardian_phone: String,
    /// Free note; may be empty.
    #[serde(default)]
    pub note: String,
}

/// Filters for [`list`]; every field None (or empty) means no filter on it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct PeopleQuery {
    /// Only people in this group (a name or wording [`Groups::check`] accepts).
    #[serde(default)]
    #[ts(optional)]
    pub category: Option<String>,
    /// Only people of this household (row id).
    #[serde(default)]
    #[ts(optional)]
    pub household_id: Option<String>,
    /// Only people whose household is in this grid (row id).
    #[serde(default)]
    #[ts(optional)]
    pub grid_id: Option<String>,
    /// Name, household name, code, address or phone.
    #[serde(default)]
    #[ts(optional)]
    pub search: Option<String>,
}

/// How many people are in each group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CategoryCount {
    /// The group's name, in the office's order ([`Groups`]).
    pub category: String,
    /// People in the group; a person in several groups counts in each.
    pub count: i64,
}

const SELECT: &str = "SELECT p.id, p.household_id, h.code, h.name, h.address, coalesce(g.name, ''),
    p.name, p.categories, p.gender, p.birth_date, p.id_number, p.phone, p.guardian,
    p.guardian_phone, p.note, p.created_at, p.updated_at
    FROM people p JOIN households h ON h.id = p.household_id LEFT JOIN grids g ON g.id = h.grid_id";

fn age_on(birth: &str, today: NaiveDate) -> Option<i64> {
    let b = NaiveDate::parse_from_str(birth, "%Y-%m-%d").ok()?;
    let mut age = today.year() - b.year();
    if (today.month(), today.day()) < (b.month(), b.day()) {
        age -= 1;
    }
    Some(age as i64)
}

fn from_row(r: &Row) -> rusqlite::Result<Person> {
    let cats: String = r.get(7)?;
    let birth: Option<String> = r.get(9)?;
    Ok(Person {
        id: r.get(0)?,
        household_id: r.get(1)?,
        household_code: r.get(2)?,
        household_name: r.get(3)?,
        address: r.get(4)?,
        grid: r.get(5)?,
        name: r.get(6)?,
        categories: cats
            .split(',')
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect(),
        gender: r.get(8)?,
        age: birth.as_deref().and_then(|b| age_on(b, crate::today())),
        birth_date: birth,
        id_number: r.get(10)?,
        phone: r.get(11)?,
        guardian: r.get(12)?,
        guardian_phone: r.get(13)?,
        note: r.get(14)?,
        created_at: r.get(15)?,
        updated_at: r.get(16)?,
    })
}

struct Checked {
    name: String,
    categories: String,
    gender: String,
    birth_date: Option<String>,
    id_number: String,
    phone: String,
    guardian: String,
    guardian_phone: String,
    note: String,
}

fn check(conn: &Connection, p: &PersonInput) -> Result<Checked> {
    crate::households::get(conn, &p.household_id)?;
    let name = text::clean_name(&p.name);
    if name.is_empty() {
        return Err(Error::invalid("请填写姓名。"));
    }
    if name.chars().count() > 50 {
        return Err(Error::invalid("姓名太长（最多 50 个字）。"));
    }
    let groups = Groups::load(conn)?;
    let mut cats: Vec<String> = Vec::new();
    for c in p
        .categories
        .iter()
        .flat_map(|c| c.split([',', '，', '、']))
        .filter(|c| !c.trim().is_empty())
    {
        let c = groups.check(c)?;
        if !cats.contains(&c) {
            cats.push(c);
        }
    }
    if cats.is_empty() {
        return Err(Error::invalid(format!(
            "请选择人员类别（{}）。",
            groups.names().join("、")
        )));
    }
    cats.sort_by_key(|c| groups.position(c));
    let id_number = validate::normalize_id(&p.id_number);
    if !id_number.is_empty() {
        validate::check_id_number(&id_number).map_err(|m| Error::invalid(format!("{m}。")))?;
    }
    let mut gender = text::clean(&p.gender);
    let from_id = |i: usize| id_number.chars().nth(i).and_then(|c| c.to_digit(10));
    if gender.is_empty() && id_number.len() == 18 {
        if let Some(d) = from_id(16) {
            gender = if d % 2 == 1 { "男" } else { "女" }.into();
        }
    }
    if !matches!(gender.as_str(), "" | "男" | "女") {
        return Err(Error::invalid("性别请填“男”或“女”。"));
    }
    let mut birth_date = match p
        .birth_date
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(b) => {
            let d = crate::parse_date(b)
                .map_err(|e| Error::invalid(format!("出生日期：{}", e.message)))?;
            if d > crate::today() {
                return Err(Error::invalid("出生日期不能晚于今天。"));
            }
            Some(d.format("%Y-%m-%d").to_string())
        }
        None => None,
    };
    if birth_date.is_none() && id_number.len() == 18 {
        birth_date = NaiveDate::parse_from_str(&id_number[6..14], "%Y%m%d")
            .ok()
            .map(|d| d.format("%Y-%m-%d").to_string());
    }
    let phone = validate::normalize_phone(&p.phone);
    if !phone.is_empty() {
        validate::check_phone(&phone).map_err(|m| Error::invalid(format!("联系电话：{m}。")))?;
    }
    let guardian_phone = validate::normalize_phone(&p.guardian_phone);
    if !guardian_phone.is_empty() {
        validate::check_phone(&guardian_phone)
            .map_err(|m| Error::invalid(format!("监护人电话：{m}。")))?;
    }
    Ok(Checked {
        name,
        categories: cats.join(","),
        gender,
        birth_date,
        id_number,
        phone,
        guardian: text::clean_name(&p.guardian),
        guardian_phone,
        note: p.note.trim().to_string(),
    })
}

/// Raises the household's vulnerable count to the number of its named people.
fn sync_count(conn: &Connection, household_id: &str) -> Result<()> {
    conn.execute(
        "UPDATE households SET vulnerable = (SELECT count(*) FROM people WHERE household_id = ?1),
            updated_at = ?2
         WHERE id = ?1
           AND coalesce(vulnerable, 0) < (SELECT count(*) FROM people WHERE household_id = ?1)
           AND (residents IS NULL OR residents >= (SELECT count(*) FROM people WHERE household_id = ?1))",
        params![household_id, now_ts()],
    )?;
    Ok(())
}

/// Adds a person and raises the household's vulnerable count (`households.vulnerable`) to the
/// number of its named people (never above its residents), in one transaction; returns the
/// person as stored.
/// Errors: `not_found` for an unknown household, `invalid` for an empty or too long name, no
/// or an unknown group, a bad ID number, gender, birth date (also one after today) or phone.
pub fn add(conn: &Connection, p: &PersonInput) -> Result<Person> {
    let c = check(conn, p)?;
    let id = new_id();
    let tx = conn.unchecked_transaction()?;
    tx.execute(
        "INSERT INTO people (id, household_id, name, categories, gender, birth_date, id_number,
            phone, guardian, guardian_phone, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            id,
            p.household_id,
            c.name,
            c.categories,
            c.gender,
            c.birth_date,
            c.id_number,
            c.phone,
            c.guardian,
            c.guardian_phone,
            c.note,
            now_ts()
        ],
    )?;
    sync_count(&tx, &p.household_id)?;
    tx.commit()?;
    get(conn, &id)
}

/// Changes the person `id` to `p` (the household may change) and raises the new household's
/// vulnerable count as [`add`] does; the old household's count is left as it is.
/// Errors: `not_found` for an unknown person or household, otherwise as [`add`].
pub fn update(conn: &Connection, id: &str, p: &PersonInput) -> Result<Person> {
    get(conn, id)?;
    let c = check(conn, p)?;
    let tx = conn.unchecked_transaction()?;
    tx.execute(
        "UPDATE people SET household_id = ?2, name = ?3, categories = ?4, gender = ?5,
            birth_date = ?6, id_number = ?7, phone = ?8, guardian = ?9, guardian_phone = ?10,
            note = ?11, updated_at = ?12 WHERE id = ?1",
        params![
            id,
            p.household_id,
            c.name,
            c.categories,
            c.gender,
            c.birth_date,
            c.id_number,
            c.phone,
            c.guardian,
            c.guardian_phone,
            c.note,
            now_ts()
        ],
    )?;
    sync_count(&tx, &p.household_id)?;
    tx.commit()?;
    get(conn, id)
}

/// Deletes the person; the household's vulnerable count stays (it is the number on the form).
/// `not_found` when there is no such person.
pub fn delete(conn: &Connection, id: &str) -> Result<()> {
    get(conn, id)?;
    conn.execute("DELETE FROM people WHERE id = ?1", [id])?;
    Ok(())
}

/// The person with row id `id`, with household and age; `not_found` when there is none.
pub fn get(conn: &Connection, id: &str) -> Result<Person> {
    conn.query_row(&format!("{SELECT} WHERE p.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("没有找到这个人员，可能已被删除。"))
}

/// People matching the query, in walking order (grid, household code), then by name.
pub fn list(conn: &Connection, q: &PeopleQuery) -> Result<Vec<Person>> {
    let mut args: Vec<String> = Vec::new();
    let mut cond = vec!["1 = 1".to_string()];
    if let Some(c) = q.category.as_deref().filter(|c| !c.trim().is_empty()) {
        let c = Groups::load(conn)?.check(c)?;
        args.push(format!(",{c},"));
        cond.push(format!(
            "instr(',' || p.categories || ',', ?{}) > 0",
            args.len()
        ));
    }
    if let Some(h) = q.household_id.as_ref().filter(|s| !s.is_empty()) {
        args.push(h.clone());
        cond.push(format!("p.household_id = ?{}", args.len()));
    }
    if let Some(g) = q.grid_id.as_ref().filter(|s| !s.is_empty()) {
        args.push(g.clone());
        cond.push(format!("h.grid_id = ?{}", args.len()));
    }
    if let Some(s) = q.search.as_ref() {
        let s = text::to_half_width(&text::clean(s));
        if !s.is_empty() {
            args.push(format!("%{}%", escape_like(&s)));
            let a = args.len();
            args.push(format!("{}%", escape_like(&s.to_lowercase())));
            let b = args.len();
            cond.push(format!(
                "(p.name LIKE ?{a} ESCAPE '\\' OR h.name LIKE ?{a} ESCAPE '\\' OR h.address LIKE ?{a} ESCAPE '\\'
                  OR p.phone LIKE ?{a} ESCAPE '\\' OR h.code LIKE ?{b} ESCAPE '\\' OR h.name_initials LIKE ?{b} ESCAPE '\\')"
            ));
        }
    }
    let mut st = conn.prepare(&format!(
        "{SELECT} WHERE {} ORDER BY coalesce(g.no, 1000000), h.code, p.name",
        cond.join(" AND ")
    ))?;
    let rows = st.query_map(rusqlite::params_from_iter(args.iter()), from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The number of people in each of the office's groups (every group listed, in order).
pub fn category_counts(conn: &Connection) -> Result<Vec<CategoryCount>> {
    let mut out = Vec::new();
    for c in Groups::load(conn)?.names() {
        let n: i64 = conn.query_row(
            "SELECT count(*) FROM people WHERE instr(',' || categories || ',', ?1) > 0",
            [format!(",{c},")],
            |r| r.get(0),
        )?;
        out.push(CategoryCount {
            category: c.to_string(),
            count: n,
        });
    }
    Ok(out)
}

/// The title of a group's list: 社区独居老人统计表 for the elderly living alone.
pub fn list_title(category: &str) -> String {
    match category {
        "独居老人" => "社区独居老人统计表".to_string(),
        c => format!("{}统计表", c.replace('/', "、")),
    }
}

/// Writes the lists to .xlsx: one sheet per group that has people (or only `category`),
/// each titled like seed 002's 社区独居老人统计表, A4 landscape with the header repeated.
/// Returns the number of rows written over all sheets.
pub fn export_xlsx(conn: &Connection, category: Option<&str>, path: &Path) -> Result<usize> {
    use crate::xlsx::{save_workbook, xlsx_err, XlsxStyles};
    use rust_xlsxwriter::Workbook;
    let groups: Vec<String> = match category.filter(|c| !c.trim().is_empty()) {
        Some(c) => vec![Groups::load(conn)?.check(c)?],
        None => category_counts(conn)?
            .into_iter()
            .filter(|c| c.count > 0)
            .map(|c| c.category)
            .collect(),
    };
    let unit = crate::settings::load(conn)?.unit_name;
    let st = XlsxStyles::new();
    let mut wb = Workbook::new();
    let mut written = 0;
    if groups.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name("弱势群体").map_err(xlsx_err)?;
        ws.write_string(0, 0, "还没有登记弱势群体人员。")
            .map_err(xlsx_err)?;
    }
    for g in &groups {
        let people = list(
            conn,
            &PeopleQuery {
                category: Some(g.clone()),
                ..Default::default()
            },
        )?;
        written += people.len();
        let ws = wb.add_worksheet();
        (|| -> Result<(), rust_xlsxwriter::XlsxError> {
            ws.set_name(g.replace('/', "、"))?;
            let headers = [
                ("序号", 6.0),
                ("姓名", 10.0),
                ("性别", 6.0),
                ("年龄", 6.0),
                ("身份证号", 21.0),
                ("联系电话", 14.0),
                ("家庭住址", 24.0),
                ("所属网格", 12.0),
                ("户编号", 8.0),
                ("监护人（联系人）", 12.0),
                ("监护人电话", 14.0),
                ("人员类别", 16.0),
                ("备注", 14.0),
            ];
            let last = headers.len() as u16 - 1;
            ws.merge_range(0, 0, 0, last, &list_title(g), &st.title)?;
            ws.set_row_height(0, 30)?;
            ws.merge_range(
                1,
                0,
                1,
                last,
                &format!(
                    "填报单位：{unit}　　共 {} 人　　填报日期：{}",
                    people.len(),
                    crate::date_cn(crate::today())
                ),
                &st.note,
            )?;
            for (c, (h, w)) in headers.iter().enumerate() {
                ws.write_string_with_format(2, c as u16, *h, &st.header)?;
                ws.set_column_width(c as u16, *w)?;
            }
            for (i, p) in people.iter().enumerate() {
                let r = 3 + i as u32;
                ws.write_number_with_format(r, 0, (i + 1) as f64, &st.cell)?;
                let age = p.age.map(|a| a.to_string()).unwrap_or_default();
                let cells = [
                    &p.name,
                    &p.gender,
                    &age,
                    &p.id_number,
                    &p.phone,
                    &p.address,
                    &p.grid,
                    &p.household_code,
                    &p.guardian,
                    &p.guardian_phone,
                    &p.categories.join("、"),
                    &p.note,
                ];
                for (c, v) in cells.iter().enumerate() {
                    // Text cells: ID numbers and phones must never become numbers.
                    ws.write_string_with_format(r, c as u16 + 1, *v, &st.cell)?;
                }
            }
            ws.set_repeat_rows(2, 2)?;
            ws.set_paper_size(9);
            ws.set_landscape();
            ws.set_print_fit_to_pages(1, 0);
            ws.set_print_center_horizontally(true);
            Ok(())
        })()
        .map_err(xlsx_err)?;
    }
    save_workbook(&mut wb, path)?;
    Ok(written)
}
