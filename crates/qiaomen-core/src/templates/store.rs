//! Templates in the database: the built-in ones installed on open, the office's imported
//! ones, their versions, and retiring a template the office no longer uses.

use super::{Template, BUILTIN};
use crate::error::{Error, Result};
use crate::kv;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Settings key: the ids of retired templates (a JSON list).
const RETIRED_KEY: &str = "retired_templates";

/// A template as pickers and the 检查表管理 list show it (its latest version).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TemplateInfo {
    /// The template's id (`xq2024`, `zymz2024`, or an imported one's); the same across versions.
    pub id: String,
    /// The latest version.
    pub version: i64,
    /// The name the office knows it by, shown in pickers (安全隐患排查清单（民政版，四种建筑结构）);
    /// not the title printed on the form.
    pub name: String,
    /// Items of the latest version.
    pub items: i64,
    /// Shipped with the product (the office can still export, change and re-import it).
    pub builtin: bool,
    /// Retired: kept for the forms keyed under it, not offered for new ones.
    pub retired: bool,
    /// Inspections keyed under any version of it.
    pub inspections: i64,
    /// Where it comes from (文号).
    pub source: String,
}

/// What importing a template did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportAction {
    /// A template the office did not have.
    Added,
    /// The latest version had forms keyed under it: the change is a new version.
    NewVersion,
    /// The latest version had no forms yet: it was changed in place.
    Updated,
    /// The workbook holds what the office already has.
    Unchanged,
}

/// The result of importing a template workbook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TemplateImport {
    /// Whether the template was added, got a new version, was changed in place or was unchanged.
    pub action: ImportAction,
    /// The template as it is now (its latest version).
    pub template: TemplateInfo,
    /// What happened, in words for the clerk.
    pub message: String,
}

fn shipped() -> Result<Vec<Template>> {
    BUILTIN.iter().map(|j| Template::parse(j)).collect()
}

fn is_builtin_id(id: &str) -> bool {
    shipped().is_ok_and(|all| all.iter().any(|t| t.id == id))
}

/// Stores the built-in templates that are not yet in the database (idempotent). A stored
/// built-in that prints the same form but was shipped before templates carried their rules
/// (隐患说法, 属性项) gets the rules in place; anything else that differs is refused.
pub fn install_builtin(conn: &Connection) -> Result<()> {
    for t in shipped()? {
        match load_body(conn, &t.id, Some(t.version))? {
            None => insert(conn, &t)?,
            Some(stored) if stored == t => {}
            Some(stored) if stored.same_form(&t) && !has_rules(&stored) => {
                replace(conn, &t)?;
                apply_phrases(conn, &stored, &t)?;
            }
            Some(_) => {
                return Err(Error::conflict(format!(
                    "检查表模板“{}”第 {} 版与已保存的同版本内容不同。修改模板时请提高版本号。",
                    t.name, t.version
                )))
            }
        }
    }
    Ok(())
}

/// Item hazards of `new`'s (id, version) still worded the old way ("text：answer") read by
/// their item's 隐患说法.
fn apply_phrases(conn: &Connection, old: &Template, new: &Template) -> Result<()> {
    for (o, n) in old.items.iter().zip(&new.items) {
        let (Some(a), false) = (o.hazard_when, n.hazard_phrase.is_empty()) else {
            continue;
        };
        conn.execute(
            "UPDATE hazards SET description = ?1, updated_at = ?2
             WHERE source = 'item' AND item_no = ?3 AND description = ?4
               AND inspection_id IN (SELECT id FROM inspections WHERE template_id = ?5 AND template_version = ?6)",
            params![
                n.hazard_phrase,
                crate::now_ts(),
                n.no,
                o.hazard_description(a),
                new.id,
                new.version
            ],
        )?;
    }
    Ok(())
}

/// Whether a stored template carries the rules added after the first release.
fn has_rules(t: &Template) -> bool {
    t.items
        .iter()
        .any(|i| !i.hazard_phrase.is_empty() || i.attribute.is_some() || i.deadline_days.is_some())
}

fn body_json(t: &Template) -> Result<String> {
    serde_json::to_string(t)
        .map_err(|e| Error::internal("程序内部错误：检查表模板无法保存。").with_cause(e))
}

fn insert(conn: &Connection, t: &Template) -> Result<()> {
    conn.execute(
        "INSERT INTO templates (id, version, name, body, loaded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![t.id, t.version, t.name, body_json(t)?, crate::now_ts()],
    )?;
    Ok(())
}

fn replace(conn: &Connection, t: &Template) -> Result<()> {
    conn.execute(
        "UPDATE templates SET name = ?3, body = ?4, loaded_at = ?5 WHERE id = ?1 AND version = ?2",
        params![t.id, t.version, t.name, body_json(t)?, crate::now_ts()],
    )?;
    Ok(())
}

fn load_body(conn: &Connection, id: &str, version: Option<i64>) -> Result<Option<Template>> {
    let body: Option<String> = match version {
        Some(v) => conn
            .prepare_cached("SELECT body FROM templates WHERE id = ?1 AND version = ?2")?
            .query_row(params![id, v], |r| r.get(0))
            .optional()?,
        None => conn
            .prepare_cached(
                "SELECT body FROM templates WHERE id = ?1 ORDER BY version DESC LIMIT 1",
            )?
            .query_row(params![id], |r| r.get(0))
            .optional()?,
    };
    body.map(|b| parse_cached(&b)).transpose()
}

/// Parses a template body, from a small per-thread cache of the bodies parsed last: the
/// entry sheet's import asks for the same template once per row (3,000 rows), and
/// parsing and checking it each time was a good part of a row's cost.
fn parse_cached(body: &str) -> Result<Template> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static PARSED: RefCell<HashMap<String, Template>> = RefCell::new(HashMap::new());
    }
    if let Some(t) = PARSED.with(|c| c.borrow().get(body).cloned()) {
        return Ok(t);
    }
    let t = Template::parse(body)?;
    PARSED.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= 16 {
            c.clear();
        }
        c.insert(body.to_string(), t.clone());
    });
    Ok(t)
}

/// Loads one template by id and version (latest version when `version` is None).
pub fn get(conn: &Connection, id: &str, version: Option<i64>) -> Result<Template> {
    load_body(conn, id, version)?.ok_or_else(|| match version {
        Some(v) => Error::not_found(format!("没有找到检查表模板“{id}”第 {v} 版。")),
        None => Error::not_found(format!("没有找到检查表模板“{id}”。")),
    })
}

/// The ids of retired templates.
pub fn retired(conn: &Connection) -> Result<Vec<String>> {
    Ok(kv::get_value(conn, RETIRED_KEY)?
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default())
}

/// Retires a template (`retire` true) or brings it back. The office's default template
/// and templates its rules name cannot be retired.
pub fn set_retired(conn: &Connection, id: &str, retire: bool) -> Result<TemplateInfo> {
    let t = get(conn, id, None)?;
    let mut list = retired(conn)?;
    if retire {
        if super::rules::default_template(conn)? == t.id {
            return Err(Error::conflict(format!(
                "“{}”是本单位的默认检查表，不能停用。请先在单位设置中另选默认检查表。",
                t.name
            )));
        }
        if super::rules::load(conn)?.names(&t.id) {
            return Err(Error::conflict(format!(
                "“{}”还在检查表选用规则中（按场所性质或网格），请先改掉这些规则再停用。",
                t.name
            )));
        }
        if !list.contains(&t.id) {
            list.push(t.id.clone());
        }
    } else {
        list.retain(|x| x != &t.id);
    }
    let json = serde_json::to_string(&list)
        .map_err(|e| Error::internal("程序内部错误：设置无法保存。").with_cause(e))?;
    kv::set_value(conn, RETIRED_KEY, &json)?;
    info(conn, &t.id)
}

/// Checks that a template exists and is not retired (for new forms and prints).
pub fn check_usable(conn: &Connection, id: &str) -> Result<Template> {
    let t = get(conn, id, None)?;
    if retired(conn)?.contains(&t.id) {
        return Err(Error::invalid(format!(
            "检查表“{}”已停用，不能用于新的检查表。",
            t.name
        )));
    }
    Ok(t)
}

fn inspections_of(conn: &Connection, id: &str, version: Option<i64>) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM inspections WHERE template_id = ?1 AND (?2 IS NULL OR template_version = ?2)",
        params![id, version],
        |r| r.get(0),
    )?)
}

/// One template's list entry.
pub fn info(conn: &Connection, id: &str) -> Result<TemplateInfo> {
    let t = get(conn, id, None)?;
    Ok(TemplateInfo {
        version: t.version,
        name: t.name.clone(),
        items: t.items.len() as i64,
        builtin: is_builtin_id(&t.id),
        retired: retired(conn)?.contains(&t.id),
        inspections: inspections_of(conn, &t.id, None)?,
        source: t.source.clone(),
        id: t.id,
    })
}

/// The latest version of every template, built-in first, then by name.
pub fn list(conn: &Connection) -> Result<Vec<TemplateInfo>> {
    let ids: Vec<String> = conn
        .prepare("SELECT DISTINCT id FROM templates")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = ids
        .iter()
        .map(|id| info(conn, id))
        .collect::<Result<Vec<_>>>()?;
    out.sort_by(|a, b| (!a.builtin, &a.name).cmp(&(!b.builtin, &b.name)));
    Ok(out)
}

/// A short ASCII id for a new template: the pinyin initials of its name, made unique.
fn new_id(conn: &Connection, name: &str) -> Result<String> {
    let mut base: String = crate::text::pinyin_initials(name)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(8)
        .collect();
    if base.is_empty() {
        base = "jcb".into();
    }
    for n in 1..10_000 {
        let id = if n == 1 {
            base.clone()
        } else {
            format!("{base}{n}")
        };
        let taken: bool = conn.query_row(
            "SELECT count(*) > 0 FROM templates WHERE id = ?1",
            [&id],
            |r| r.get(0),
        )?;
        if !taken {
            return Ok(id);
        }
    }
    Err(Error::internal("程序内部错误：无法给检查表编号。"))
}

/// Refuses a name that another template already has.
fn check_name_free(conn: &Connection, name: &str, own_id: &str) -> Result<()> {
    for t in list(conn)? {
        if t.id != own_id && t.name.trim() == name.trim() {
            return Err(Error::conflict(format!(
                "已有名为“{}”的检查表（编号 {}）。请换一个表名；要修改那张表，请先导出它，改好后再导入。",
                t.name, t.id
            )));
        }
    }
    Ok(())
}

/// Stores an imported template (one transaction): a new template, a new version of one the
/// office has (when forms were keyed under the latest version, or it is a built-in one), the
/// latest version changed in place (no forms yet), or nothing when it is unchanged.
pub fn import(conn: &Connection, mut t: Template) -> Result<TemplateImport> {
    let tx = conn.unchecked_transaction()?;
    if t.id.trim().is_empty() {
        t.id = new_id(&tx, &t.name)?;
    }
    check_name_free(&tx, &t.name, &t.id)?;
    let latest = load_body(&tx, &t.id, None)?;
    let action = match latest {
        None => {
            t.version = 1;
            t.validate()?;
            insert(&tx, &t)?;
            ImportAction::Added
        }
        Some(latest) => {
            t.version = latest.version;
            if t == latest {
                ImportAction::Unchanged
            } else if inspections_of(&tx, &t.id, Some(latest.version))? > 0 || is_builtin_id(&t.id)
            {
                t.version = latest.version + 1;
                t.validate()?;
                insert(&tx, &t)?;
                ImportAction::NewVersion
            } else {
                t.validate()?;
                replace(&tx, &t)?;
                ImportAction::Updated
            }
        }
    };
    let template = info(&tx, &t.id)?;
    tx.commit()?;
    let message = match action {
        ImportAction::Added => format!(
            "已添加检查表“{}”（编号 {}，{} 项）。",
            t.name,
            t.id,
            t.items.len()
        ),
        ImportAction::NewVersion => format!(
            "检查表“{}”已有按旧版录入的检查表，改动保存为第 {} 版；旧的检查记录仍按原来的版本打印和统计，新的检查表用第 {} 版。",
            t.name, t.version, t.version
        ),
        ImportAction::Updated => format!(
            "已更新检查表“{}”第 {} 版（还没有按它录入的检查表）。",
            t.name, t.version
        ),
        ImportAction::Unchanged => format!("检查表“{}”没有改动，无需导入。", t.name),
    };
    Ok(TemplateImport {
        action,
        template,
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::Answer;

    fn db() -> crate::db::Store {
        let s = crate::db::Store::open_in_memory().unwrap();
        install_builtin(s.conn()).unwrap();
        s
    }

    #[test]
    fn install_is_idempotent_and_refuses_silent_change() {
        let s = db();
        install_builtin(s.conn()).unwrap();
        assert_eq!(list(s.conn()).unwrap().len(), 2);
        let mut t = Template::parse(BUILTIN[0]).unwrap();
        t.items[1].text = "改过的文字".into();
        replace(s.conn(), &t).unwrap();
        let err = install_builtin(s.conn()).unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::Conflict);
    }

    #[test]
    fn first_release_builtins_get_their_rules_in_place() {
        let s = db();
        let mut old = Template::parse(BUILTIN[0]).unwrap();
        for i in &mut old.items {
            i.hazard_phrase.clear();
            i.attribute = None;
        }
        replace(s.conn(), &old).unwrap();
        install_builtin(s.conn()).unwrap();
        let t = get(s.conn(), "xq2024", Some(1)).unwrap();
        assert_eq!(t.item(15).unwrap().attribute.as_deref(), Some("多合一场所"));
    }

    #[test]
    fn versions_follow_the_forms_keyed() {
        let s = db();
        let c = s.conn();
        let mut t = get(c, "xq2024", None).unwrap();
        t.id = String::new();
        t.name = "居民住房消防安全排查表".into();
        let r = import(c, t.clone()).unwrap();
        assert_eq!(r.action, ImportAction::Added);
        let id = r.template.id.clone();
        assert_eq!(id, "jmzfxfaq");
        t.id = id.clone();
        assert_eq!(
            import(c, t.clone()).unwrap().action,
            ImportAction::Unchanged
        );
        // No forms yet: changed in place.
        t.items[2].major = true;
        let r = import(c, t.clone()).unwrap();
        assert_eq!((r.action, r.template.version), (ImportAction::Updated, 1));
        // A form keyed under version 1: the next change is version 2.
        c.execute(
            "INSERT INTO households (id, code, name, created_at, updated_at) VALUES ('h', '01001', '甲', 'x', 'x')",
            [],
        )
        .unwrap();
        c.execute(
            "INSERT INTO inspections (id, household_id, template_id, template_version, visit_date, created_at, updated_at)
             VALUES ('i', 'h', ?1, 1, '2024-12-01', 'x', 'x')",
            [&id],
        )
        .unwrap();
        t.items[2].hazard_when = Some(Answer::Yes);
        let r = import(c, t.clone()).unwrap();
        assert_eq!(
            (r.action, r.template.version),
            (ImportAction::NewVersion, 2)
        );
        assert_eq!(
            get(c, &id, Some(1)).unwrap().items[2].hazard_when,
            Some(Answer::No)
        );
        // A built-in changed by the office is always a new version.
        let mut b = get(c, "xq2024", None).unwrap();
        b.items[1].major = true;
        assert_eq!(import(c, b).unwrap().action, ImportAction::NewVersion);
        // Names are unique.
        let mut dup = get(c, "zymz2024", None).unwrap();
        dup.name = "居民住房消防安全排查表".into();
        assert_eq!(import(c, dup).unwrap_err().code, crate::ErrorCode::Conflict);
    }

    #[test]
    fn retiring() {
        let s = db();
        let c = s.conn();
        assert!(set_retired(c, "xq2024", true).is_err(), "the default");
        let i = set_retired(c, "zymz2024", true).unwrap();
        assert!(i.retired);
        assert!(check_usable(c, "zymz2024").is_err());
        assert!(get(c, "zymz2024", None).is_ok());
        set_retired(c, "zymz2024", false).unwrap();
        assert!(check_usable(c, "zymz2024").is_ok());
    }
}
