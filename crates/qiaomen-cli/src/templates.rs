//! `qiaomen templates …`: the office's checklist templates.

use crate::out::{json, pad};
use clap::{Args, Subcommand};
use qiaomen_api::Error;
use qiaomen_core::templates::rules::{GridRule, NatureRule};
use qiaomen_core::templates::store::ImportAction;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum TemplatesCmd {
    /// 列出检查表（编号、版本、表名、项目数）
    List {
        /// 也列出已停用的检查表
        #[arg(long)]
        all: bool,
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
    /// 导入检查表模板表格（Excel/WPS 填好的 .xlsx/.xls/.ods）：新表、新版本，或没有改动
    Import {
        /// 模板表格文件
        file: PathBuf,
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
    /// 把一张检查表（内置的也可以）导出为模板表格，改好后再导入
    Export(TemplateOut),
    /// 生成一张检查表的空白表 PDF（预览）
    Preview(TemplateOut),
    /// 选用检查表：作为本单位默认（--default），或给某种场所性质（--nature）、某个网格（--grid）使用
    Use {
        /// 检查表编号
        id: String,
        /// 作为本单位的默认检查表
        #[arg(long)]
        default: bool,
        /// 这种场所性质的户都用它（如 居民住宅、九小场所）
        #[arg(long)]
        nature: Option<String>,
        /// 这个网格的户都用它（名称或编号）
        #[arg(long)]
        grid: Option<String>,
    },
    /// 列出检查表的选用规则（按场所性质、按网格）
    Rules {
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
    /// 停用检查表（已录入的检查表不受影响，新录入和打印不再用它）
    Retire {
        /// 检查表编号
        id: String,
        /// 恢复使用
        #[arg(long)]
        undo: bool,
    },
}

#[derive(Args, Debug)]
pub struct TemplateOut {
    /// 检查表编号（如 xq2024）
    id: String,
    /// 版本（默认最新版）
    #[arg(long)]
    version: Option<i64>,
    /// 保存到的文件
    #[arg(long)]
    out: PathBuf,
    /// 输出 JSON
    #[arg(long)]
    json: bool,
}

fn path(p: &std::path::Path) -> String {
    p.to_string_lossy().to_string()
}

pub fn templates(db: &Option<PathBuf>, cmd: TemplatesCmd) -> Result<(), Error> {
    let mut api = crate::open(db)?;
    match cmd {
        TemplatesCmd::List { all, json: as_json } => {
            let list: Vec<_> = api
                .templates_list()?
                .into_iter()
                .filter(|t| all || !t.retired)
                .collect();
            if as_json {
                return json(&list);
            }
            println!(
                "{}{}{}{}表名",
                pad("编号", 12),
                pad("版本", 6),
                pad("项目数", 8),
                pad("已录入", 8)
            );
            for t in &list {
                let mut name = t.name.clone();
                if t.builtin {
                    name.push_str("（内置）");
                }
                if t.retired {
                    name.push_str("（已停用）");
                }
                println!(
                    "{}{}{}{}{}",
                    pad(&t.id, 12),
                    pad(&t.version.to_string(), 6),
                    pad(&t.items.to_string(), 8),
                    pad(&t.inspections.to_string(), 8),
                    name
                );
            }
            Ok(())
        }
        TemplatesCmd::Import {
            file,
            json: as_json,
        } => {
            let r = api.templates_import(&path(&file))?;
            if as_json {
                return json(&r);
            }
            println!("{}", r.message);
            if r.action != ImportAction::Unchanged {
                println!("编号：{}  版本：{}", r.template.id, r.template.version);
            }
            Ok(())
        }
        TemplatesCmd::Export(a) => {
            let f = api.templates_export(&a.id, a.version, &path(&a.out))?;
            if a.json {
                return json(&f);
            }
            println!("已导出检查表模板（{} 项）：{}", f.rows.unwrap_or(0), f.path);
            Ok(())
        }
        TemplatesCmd::Preview(a) => {
            let f = api.templates_preview(&a.id, a.version, &path(&a.out))?;
            if a.json {
                return json(&f);
            }
            for w in &f.warnings {
                eprintln!("注意：{w}");
            }
            println!("已生成空白表（{} 页）：{}", f.pages.unwrap_or(0), f.path);
            Ok(())
        }
        TemplatesCmd::Use {
            id,
            default,
            nature,
            grid,
        } => {
            if !default && nature.is_none() && grid.is_none() {
                return Err(Error::invalid(
                    "请说明给谁用：--default（本单位默认）、--nature 场所性质 或 --grid 网格。",
                ));
            }
            let t = api.templates_get(&id, None)?;
            if default {
                let mut s = api.settings_get()?;
                s.default_template = t.id.clone();
                api.settings_save(&s)?;
                println!("本单位默认检查表：{}", t.name);
            }
            let mut rules = api.templates_rules()?;
            if let Some(n) = nature {
                let n = n.trim().to_string();
                rules.by_nature.retain(|r| r.nature != n);
                rules.by_nature.push(NatureRule {
                    nature: n.clone(),
                    template_id: t.id.clone(),
                });
                println!("场所性质为“{n}”的户用：{}", t.name);
            }
            if let Some(g) = grid {
                let g = api.grids_resolve(&g)?;
                rules.by_grid.retain(|r| r.grid_id != g.id);
                rules.by_grid.push(GridRule {
                    grid_id: g.id.clone(),
                    template_id: t.id.clone(),
                });
                println!("网格“{}”的户用：{}", g.name, t.name);
            }
            api.templates_save_rules(&rules)?;
            Ok(())
        }
        TemplatesCmd::Rules { json: as_json } => {
            let rules = api.templates_rules()?;
            if as_json {
                return json(&rules);
            }
            let name = |id: &str| {
                api.templates_get(id, None)
                    .map(|t| t.name)
                    .unwrap_or_else(|_| id.to_string())
            };
            println!(
                "本单位默认：{}",
                name(&api.settings_get()?.default_template)
            );
            for r in &rules.by_nature {
                println!("场所性质“{}”：{}", r.nature, name(&r.template_id));
            }
            for r in &rules.by_grid {
                let g = api
                    .grids_resolve(&r.grid_id)
                    .map(|g| g.name)
                    .unwrap_or_else(|_| r.grid_id.clone());
                println!("网格“{g}”：{}", name(&r.template_id));
            }
            Ok(())
        }
        TemplatesCmd::Retire { id, undo } => {
            let t = api.templates_retire(&id, !undo)?;
            if t.retired {
                println!("已停用检查表“{}”。已录入的检查表不受影响。", t.name);
            } else {
                println!("检查表“{}”已恢复使用。", t.name);
            }
            Ok(())
        }
    }
}
