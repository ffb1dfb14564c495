//! 检查表管理: the office's checklist templates: list, import from a template workbook,
//! export any template (the built-in ones too) as a workbook, preview its blank form, retire
//! it, and the rules that choose a household's template.

use crate::{Api, Result, WrittenFile};
use qiaomen_core::pdf::checklist;
use qiaomen_core::templates::rules::{self, TemplateRules};
use qiaomen_core::templates::store::{self, TemplateImport};
use qiaomen_core::templates::{self, workbook, Template, TemplateInfo};
use serde::Deserialize;
use ts_rs::TS;

/// A template by id, its latest version unless one is asked for.
#[derive(Debug, Deserialize, TS)]
pub struct TemplateArgs {
    pub id: String,
    #[serde(default)]
    #[ts(optional)]
    pub version: Option<i64>,
}

/// A template written to a file the clerk chose.
#[derive(Debug, Deserialize, TS)]
pub struct TemplateOutArgs {
    pub id: String,
    #[serde(default)]
    #[ts(optional)]
    pub version: Option<i64>,
    pub out: String,
}

/// A template workbook the clerk chose.
#[derive(Debug, Deserialize, TS)]
pub struct TemplateFileArgs {
    pub path: String,
}

/// Retire a template (true) or bring it back (false).
#[derive(Debug, Deserialize, TS)]
pub struct RetireArgs {
    pub id: String,
    pub retired: bool,
}

impl Api {
    /// The latest version of every template.
    pub fn templates_list(&self) -> Result<Vec<TemplateInfo>> {
        templates::list(self.store.conn())
    }

    /// One template (its latest version unless one is asked for).
    pub fn templates_get(&self, id: &str, version: Option<i64>) -> Result<Template> {
        templates::get(self.store.conn(), id, version)
    }

    /// Reads a template workbook and stores it: a new template, a new version, or nothing
    /// when it is unchanged. A workbook with mistakes changes nothing.
    pub fn templates_import(&mut self, path: &str) -> Result<TemplateImport> {
        let path = self.readable(path)?;
        let t = workbook::read(&path)?;
        store::import(self.store.conn(), t)
    }

    /// Writes a template as a template workbook (to change it and import it back).
    pub fn templates_export(
        &self,
        id: &str,
        version: Option<i64>,
        out: &str,
    ) -> Result<WrittenFile> {
        let path = self.writable(out)?;
        let t = templates::get(self.store.conn(), id, version)?;
        workbook::write(&t, &path)?;
        Ok(WrittenFile::with_rows(&path, t.items.len()))
    }

    /// The blank form of a template as PDF.
    pub fn templates_preview(
        &self,
        id: &str,
        version: Option<i64>,
        out: &str,
    ) -> Result<WrittenFile> {
        self.writable(out)?;
        let t = templates::get(self.store.conn(), id, version)?;
        self.save_pdf(out, checklist::render_blank(&t)?)
    }

    /// Retires a template or brings it back.
    pub fn templates_retire(&mut self, id: &str, retired: bool) -> Result<TemplateInfo> {
        store::set_retired(self.store.conn(), id, retired)
    }

    /// The rules choosing a household's template (by 场所性质, by grid).
    pub fn templates_rules(&self) -> Result<TemplateRules> {
        rules::load(self.store.conn())
    }

    /// Saves the rules.
    pub fn templates_save_rules(&mut self, r: &TemplateRules) -> Result<TemplateRules> {
        rules::save(self.store.conn(), r)
    }
}

crate::methods! {
    /// The latest version of every checklist template.
    "templates.list" => |api, _: ()| -> Vec<TemplateInfo> { api.templates_list() },
    /// One template (its latest version unless one is asked for).
    "templates.get" => |api, a: TemplateArgs| -> Template { api.templates_get(&a.id, a.version) },
    /// Imports a template workbook (a new template or a new version; nothing on a mistake).
    "templates.import" => |api, a: TemplateFileArgs| -> TemplateImport { api.templates_import(&a.path) },
    /// Writes a template as a template workbook.
    "templates.export" => |api, a: TemplateOutArgs| -> WrittenFile { api.templates_export(&a.id, a.version, &a.out) },
    /// The blank form of a template as PDF.
    "templates.preview" => |api, a: TemplateOutArgs| -> WrittenFile { api.templates_preview(&a.id, a.version, &a.out) },
    /// Retires a template (kept for the forms keyed under it) or brings it back.
    "templates.retire" => |api, a: RetireArgs| -> TemplateInfo { api.templates_retire(&a.id, a.retired) },
    /// The rules choosing a household's template.
    "templates.rules" => |api, _: ()| -> TemplateRules { api.templates_rules() },
    /// Saves the rules choosing a household's template.
    "templates.save_rules" => |api, a: TemplateRules| -> TemplateRules { api.templates_save_rules(&a) },
}
