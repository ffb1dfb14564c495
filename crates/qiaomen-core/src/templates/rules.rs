//! Which template a household's form uses: its own choice, else the office's rules by
//! 场所性质 (a shop gets the 生产经营性场所 sheet, a home the 居民住房 one), else by grid,
//! else the office's default template.

use super::{store, Template};
use crate::error::{Error, Result};
use crate::kv;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// Settings key holding the rules (JSON).
const KEY: &str = "template_rules";

/// A template for every place of one 场所性质.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NatureRule {
    /// 场所性质 as the register holds it (居民住宅, 九小场所, 工地 ...).
    pub nature: String,
    /// The template places of this nature use; must exist and not be retired when saved.
    pub template_id: String,
}

/// A template for every household of one grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GridRule {
    /// Row id in `grids` of the grid; must exist when saved.
    pub grid_id: String,
    /// The template the grid's households use; must exist and not be retired when saved.
    pub template_id: String,
}

/// The office's rules for choosing a household's template.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateRules {
    /// Checked first: a place of this nature uses this template.
    #[serde(default)]
    pub by_nature: Vec<NatureRule>,
    /// Then: a household of this grid uses this template.
    #[serde(default)]
    pub by_grid: Vec<GridRule>,
}

impl TemplateRules {
    /// Whether any rule names template `id`.
    pub fn names(&self, id: &str) -> bool {
        self.by_nature.iter().any(|r| r.template_id == id)
            || self.by_grid.iter().any(|r| r.template_id == id)
    }
}

/// The office's rules (none set: empty).
pub fn load(conn: &Connection) -> Result<TemplateRules> {
    match kv::get_value(conn, KEY)? {
        Some(v) => serde_json::from_str(&v)
            .map_err(|e| Error::internal("检查表选用规则数据有误（程序内部错误）。").with_cause(e)),
        None => Ok(TemplateRules::default()),
    }
}

/// Checks and saves the rules: every template usable, every grid existing, a nature or a
/// grid named once.
pub fn save(conn: &Connection, rules: &TemplateRules) -> Result<TemplateRules> {
    let mut r = rules.clone();
    for n in &mut r.by_nature {
        n.nature = crate::text::clean(&n.nature);
        if n.nature.is_empty() {
            return Err(Error::invalid("请填写场所性质（如 居民住宅、九小场所）。"));
        }
        store::check_usable(conn, &n.template_id)?;
    }
    for g in &r.by_grid {
        crate::grids::get(conn, &g.grid_id)?;
        store::check_usable(conn, &g.template_id)?;
    }
    let mut natures: Vec<&str> = r.by_nature.iter().map(|n| n.nature.as_str()).collect();
    natures.sort_unstable();
    if let Some(w) = natures.windows(2).find(|w| w[0] == w[1]) {
        return Err(Error::invalid(format!("场所性质“{}”出现了两次。", w[0])));
    }
    let mut grids: Vec<&str> = r.by_grid.iter().map(|g| g.grid_id.as_str()).collect();
    grids.sort_unstable();
    if grids.windows(2).any(|w| w[0] == w[1]) {
        return Err(Error::invalid("同一个网格出现了两次。"));
    }
    let json = serde_json::to_string(&r)
        .map_err(|e| Error::internal("程序内部错误：设置无法保存。").with_cause(e))?;
    kv::set_value(conn, KEY, &json)?;
    Ok(r)
}

/// Chooses templates for many households with the settings read once and each template
/// loaded once (batch printing, the entry sheet).
pub struct Chooser {
    default: String,
    rules: TemplateRules,
    retired: Vec<String>,
    loaded: HashMap<String, Template>,
}

impl Chooser {
    /// Reads the office's default, rules and retired templates.
    pub fn new(conn: &Connection) -> Result<Chooser> {
        Ok(Chooser {
            default: default_template(conn)?,
            rules: load(conn)?,
            retired: store::retired(conn)?,
            loaded: HashMap::new(),
        })
    }

    /// The id of the template a place uses, from its own choice (`own`, '' for none), its
    /// 场所性质 and its grid. A retired template chosen for the place itself is passed
    /// over for the rules.
    pub fn id_for(&self, own: &str, nature: &str, grid_id: Option<&str>) -> String {
        let usable = |id: &str| !id.is_empty() && !self.retired.iter().any(|r| r == id);
        if usable(own) {
            return own.to_string();
        }
        let nature = crate::text::clean(nature);
        if let Some(r) = self.rules.by_nature.iter().find(|r| r.nature == nature) {
            return r.template_id.clone();
        }
        if let Some(g) = grid_id {
            if let Some(r) = self.rules.by_grid.iter().find(|r| r.grid_id == g) {
                return r.template_id.clone();
            }
        }
        self.default.clone()
    }

    /// The latest version of the template a place uses (see [`Chooser::id_for`]).
    pub fn template_for(
        &mut self,
        conn: &Connection,
        own: &str,
        nature: &str,
        grid_id: Option<&str>,
    ) -> Result<&Template> {
        let id = self.id_for(own, nature, grid_id);
        if !self.loaded.contains_key(&id) {
            let t = store::get(conn, &id, None)?;
            self.loaded.insert(id.clone(), t);
        }
        self.loaded
            .get(&id)
            .ok_or_else(|| Error::internal("程序内部错误：检查表模板没有载入。"))
    }
}

/// The office's default template (单位设置), as stored with the other settings.
pub fn default_template(conn: &Connection) -> Result<String> {
    Ok(kv::get_value(conn, "default_template")?
        .and_then(|v| serde_json::from_str::<String>(&v).ok())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| super::DEFAULT_TEMPLATE_ID.to_string()))
}
