//! Drill-down into one village: its households (with whether each was visited in the
//! village's current round), the 未入户名单, and one household's whole record as the
//! village keyed it (inspections with their answers, hazards with their follow-up).

use super::require_township;
use super::views::{as_of_or_today, current_round, hazards, TwHazard, TwHazardQuery};
use crate::error::{Error, Result};
use crate::lookup::escape_like;
use crate::templates::Template;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A query over one village's households in the township's database.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct TwHouseholdQuery {
    /// The village (`tw_villages.vid`, the township's number for it).
    pub village: i64,
    /// Name, pinyin initials, code, address or phone.
    #[serde(default)]
    #[ts(optional)]
    pub search: Option<String>,
    /// Only households not visited in the current round (未入户).
    #[serde(default)]
    pub missing: bool,
    /// Only households with open hazards.
    #[serde(default)]
    pub with_open_hazards: bool,
    /// The date the current round and the last visit are judged at (as typed); None for today.
    #[serde(default)]
    #[ts(optional)]
    pub as_of: Option<String>,
    /// Page size; None for every match.
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
    /// Rows to skip before the page; None for 0.
    #[serde(default)]
    #[ts(optional)]
    pub offset: Option<i64>,
}

/// One household of a village as the township sees it, with its visit state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TwHousehold {
    /// The household's row id in its village (UUID v7).
    pub id: String,
    /// Its short code in the village (03017).
    pub code: String,
    /// 检查地点(对象)名称.
    pub name: String,
    /// 地址; empty when not recorded.
    pub address: String,
    /// Its grid's name; empty when it has none.
    pub grid: String,
    /// Its grid leader (网格长); empty when none.
    pub leader: String,
    /// Contact person; empty when none.
    pub contact: String,
    /// Contact phone; empty when none.
    pub phone: String,
    /// 居住人员总数; None when not recorded.
    pub residents: Option<i64>,
    /// Of them 弱势群体; None when not recorded.
    pub vulnerable: Option<i64>,
    /// 属性项 its latest visit answered 是, joined with 、 (多合一场所、弱势群体); empty when none.
    pub attributes: String,
    /// Visited in the current round (false when the village has no round).
    pub visited: bool,
    /// The last visit on or before the as-of date.
    pub last_visit: Option<String>,
    /// Hazards at the household still open (未整改).
    pub open_hazards: i64,
}

/// One page of a village's households, in grid and code order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TwHouseholdPage {
    /// The village's name (报送单位).
    pub village: String,
    /// The village's current round's name; None when it has no round.
    pub round: Option<String>,
    /// First day of that round (ISO); None without a round.
    pub round_from: Option<String>,
    /// Last day of that round (ISO); None without a round.
    pub round_to: Option<String>,
    /// The households of the page.
    pub items: Vec<TwHousehold>,
    /// How many households match the query in all pages.
    pub total: i64,
}

fn village_name(conn: &Connection, vid: i64) -> Result<String> {
    conn.query_row("SELECT name FROM tw_villages WHERE vid = ?1", [vid], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| Error::not_found("没有这个村（社区）的数据。"))
}

/// A village's households, in grid and code order.
pub fn households(conn: &Connection, q: &TwHouseholdQuery) -> Result<TwHouseholdPage> {
    require_township(conn)?;
    let village = village_name(conn, q.village)?;
    let day = as_of_or_today(q.as_of.as_deref())?;
    let round = current_round(conn, q.village, &day)?;
    // Without a round nothing counts as visited: the far-future range matches no visit.
    let (from, to) = round
        .as_ref()
        .map(|(_, f, t)| (f.clone(), t.clone()))
        .unwrap_or_else(|| ("9999-12-31".into(), "9999-12-31".into()));
    let mut args: Vec<rusqlite::types::Value> =
        vec![q.village.into(), from.into(), to.into(), day.into()];
    let mut cond = vec!["h.vid = ?1".to_string()];
    let visited = "EXISTS (SELECT 1 FROM tw_inspections i WHERE i.vid = ?1
        AND i.household_id = h.id AND i.visit_date BETWEEN ?2 AND ?3)";
    if q.missing {
        cond.push(format!("NOT {visited}"));
    }
    if q.with_open_hazards {
        cond.push(
            "EXISTS (SELECT 1 FROM tw_hazards z WHERE z.vid = ?1 AND z.household_id = h.id
                AND z.status = 'open')"
                .into(),
        );
    }
    if let Some(s) = q.search.as_ref() {
        let s = crate::text::to_half_width(&crate::text::clean(s));
        if !s.is_empty() {
            args.push(format!("%{}%", escape_like(&s)).into());
            let a = args.len();
            args.push(format!("{}%", escape_like(&s.to_lowercase())).into());
            let b = args.len();
            cond.push(format!(
                "(h.name LIKE ?{a} ESCAPE '\\' OR h.address LIKE ?{a} ESCAPE '\\'
                  OR h.phone LIKE ?{a} ESCAPE '\\' OR h.name_initials LIKE ?{b} ESCAPE '\\'
                  OR h.code LIKE ?{b} ESCAPE '\\')"
            ));
        }
    }
    let cond = cond.join(" AND ");
    let total: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM tw_households h WHERE {cond}
             AND ?2 IS NOT NULL AND ?3 IS NOT NULL AND ?4 IS NOT NULL"
        ),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let limit = q.limit.unwrap_or(-1);
    let offset = q.offset.unwrap_or(0).max(0);
    let sql = format!(
        "SELECT h.id, h.code, h.name, h.address, coalesce(g.name, ''), coalesce(g.leader, ''),
            h.contact, h.phone, h.residents, h.vulnerable, h.attributes, {visited},
            (SELECT max(i.visit_date) FROM tw_inspections i WHERE i.vid = ?1
               AND i.household_id = h.id AND i.visit_date <= ?4),
            (SELECT count(*) FROM tw_hazards z WHERE z.vid = ?1 AND z.household_id = h.id
               AND z.status = 'open')
         FROM tw_households h LEFT JOIN tw_grids g ON g.vid = h.vid AND g.id = h.grid_id
         WHERE {cond}
         ORDER BY coalesce(g.no, 1000000), h.code LIMIT {limit} OFFSET {offset}"
    );
    let mut st = conn.prepare(&sql)?;
    let items = st
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok(TwHousehold {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                address: r.get(3)?,
                grid: r.get(4)?,
                leader: r.get(5)?,
                contact: r.get(6)?,
                phone: r.get(7)?,
                residents: r.get(8)?,
                vulnerable: r.get(9)?,
                attributes: r.get(10)?,
                visited: r.get(11)?,
                last_visit: r.get(12)?,
                open_hazards: r.get(13)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let (round, round_from, round_to) = match round {
        Some((n, f, t)) => (Some(n), Some(f), Some(t)),
        None => (None, None, None),
    };
    Ok(TwHouseholdPage {
        village,
        round,
        round_from,
        round_to,
        items,
        total,
    })
}

/// A village's 未入户名单 for its current round (all of it).
pub fn missing(conn: &Connection, vid: i64, as_of: Option<&str>) -> Result<TwHouseholdPage> {
    let page = households(
        conn,
        &TwHouseholdQuery {
            village: vid,
            missing: true,
            as_of: as_of.map(str::to_string),
            ..Default::default()
        },
    )?;
    if page.round.is_none() {
        return Err(Error::not_found(format!(
            "{}还没有设置轮次，无法列出未入户名单。",
            page.village
        )));
    }
    Ok(page)
}

/// A person of the household (弱势群体名单), without ID number (never sent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TwPerson {
    /// The person's name.
    pub name: String,
    /// The person's groups (独居老人, 残疾人 …), comma-separated as the village stores them.
    pub categories: String,
    /// 男, 女, or empty when unknown.
    pub gender: String,
    /// Date of birth (ISO); None when unknown.
    pub birth_date: Option<String>,
    /// The person's own phone; empty when none.
    pub phone: String,
    /// 监护人 / 联系人; empty when none.
    pub guardian: String,
    /// The guardian's phone; empty when none.
    pub guardian_phone: String,
    /// Free note; empty when none.
    pub note: String,
}

/// One answer as the form printed the item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TwAnswer {
    /// The item's number in the template (from 1).
    pub no: i64,
    /// The item's text (empty when the template is not in the package).
    pub text: String,
    /// 是 / 否
    pub answer: String,
    /// The answer is on the item's hazard side.
    pub hazard: bool,
}

/// One filled checklist of the household as the township sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TwInspection {
    /// The inspection's row id in its village (UUID v7).
    pub id: String,
    /// 填表日期 (ISO).
    pub visit_date: String,
    /// 入户检查人员; empty when not written.
    pub inspectors: String,
    /// The template's title, or its id when the template is not in the package.
    pub template: String,
    /// The answered items in item order.
    pub answers: Vec<TwAnswer>,
    /// 其它隐患情况; empty when none.
    pub other_hazards: String,
    /// 现场交办整改事项; empty when none.
    pub assigned: String,
    /// The household signed the form.
    pub signed: bool,
    /// Free note; empty when none.
    pub note: String,
}

/// One household's whole record as its village keyed it (see [`household`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TwHouseholdDetail {
    /// The village (`tw_villages.vid`).
    pub vid: i64,
    /// The village's name.
    pub village: String,
    /// The household with its visit state.
    pub household: TwHousehold,
    /// 村民小组; empty when not recorded.
    pub village_group: String,
    /// 场所性质; empty when not recorded.
    pub nature: String,
    /// 建筑结构; empty when not recorded.
    pub structure: String,
    /// Free note; empty when none.
    pub note: String,
    /// Its vulnerable people (弱势群体名单), by name.
    pub people: Vec<TwPerson>,
    /// Newest first.
    pub inspections: Vec<TwInspection>,
    /// Hazards found at the household.
    pub hazards: Vec<TwHazard>,
}

/// One household's whole record as its village keyed it.
pub fn household(
    conn: &Connection,
    vid: i64,
    id: &str,
    as_of: Option<&str>,
) -> Result<TwHouseholdDetail> {
    require_township(conn)?;
    let village = village_name(conn, vid)?;
    let page = households(
        conn,
        &TwHouseholdQuery {
            village: vid,
            as_of: as_of.map(str::to_string),
            ..Default::default()
        },
    )?;
    let h = page
        .items
        .into_iter()
        .find(|h| h.id == id)
        .ok_or_else(|| Error::not_found("没有找到这一户。"))?;
    let (village_group, nature, structure, note): (String, String, String, String) = conn
        .query_row(
            "SELECT village_group, nature, structure, note FROM tw_households
             WHERE vid = ?1 AND id = ?2",
            params![vid, id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
    let mut st = conn.prepare(
        "SELECT name, categories, gender, birth_date, phone, guardian, guardian_phone, note
         FROM tw_people WHERE vid = ?1 AND household_id = ?2 ORDER BY name",
    )?;
    let people = st
        .query_map(params![vid, id], |r| {
            Ok(TwPerson {
                name: r.get(0)?,
                categories: r.get(1)?,
                gender: r.get(2)?,
                birth_date: r.get(3)?,
                phone: r.get(4)?,
                guardian: r.get(5)?,
                guardian_phone: r.get(6)?,
                note: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let inspections = inspections_of(conn, vid, id)?;
    let hz = hazards(
        conn,
        &TwHazardQuery {
            village: Some(vid),
            household_id: Some(id.to_string()),
            as_of: as_of.map(str::to_string),
            ..Default::default()
        },
    )?;
    Ok(TwHouseholdDetail {
        vid,
        village,
        household: h,
        village_group,
        nature,
        structure,
        note,
        people,
        inspections,
        hazards: hz.items,
    })
}

fn inspections_of(conn: &Connection, vid: i64, household: &str) -> Result<Vec<TwInspection>> {
    let mut st = conn.prepare(
        "SELECT i.id, i.visit_date, i.inspectors, i.other_hazards, i.assigned, i.signed,
            i.note, i.answers, coalesce(t.name, i.template_id), t.body
         FROM tw_inspections i LEFT JOIN tw_templates t ON t.vid = i.vid
            AND t.id = i.template_id AND t.version = i.template_version
         WHERE i.vid = ?1 AND i.household_id = ?2 ORDER BY i.visit_date DESC, i.id DESC",
    )?;
    let rows = st.query_map(params![vid, household], |r| {
        let answers: String = r.get(7)?;
        let body: Option<String> = r.get(9)?;
        Ok(TwInspection {
            id: r.get(0)?,
            visit_date: r.get(1)?,
            inspectors: r.get(2)?,
            other_hazards: r.get(3)?,
            assigned: r.get(4)?,
            signed: r.get::<_, i64>(5)? != 0,
            note: r.get(6)?,
            template: r.get(8)?,
            answers: decode_answers(&answers, body.as_deref()),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The answer string (Y/N/- per item number) read against the template's items.
pub fn decode_answers(answers: &str, template_body: Option<&str>) -> Vec<TwAnswer> {
    let t: Option<Template> = template_body.and_then(|b| serde_json::from_str(b).ok());
    answers
        .chars()
        .enumerate()
        .filter_map(|(i, c)| {
            let a = match c {
                'Y' => crate::templates::Answer::Yes,
                'N' => crate::templates::Answer::No,
                _ => return None,
            };
            let no = i as i64 + 1;
            let item = t.as_ref().and_then(|t| t.items.iter().find(|x| x.no == no));
            Some(TwAnswer {
                no,
                text: item.map(|x| x.text.clone()).unwrap_or_default(),
                answer: a.label().to_string(),
                hazard: item.is_some_and(|x| x.is_hazard(a)),
            })
        })
        .collect()
}
