//! The vulnerable-people lists (弱势群体) from the command line: adding, listing,
//! exporting and deleting people.

use crate::out::{json, pad, short};
use clap::{Args, Subcommand};
use qiaomen_api::Error;
use qiaomen_core::people::{PeopleQuery, PersonInput};
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum PeopleCmd {
    /// 登记一名弱势群体人员
    Add(AddPerson),
    /// 列出弱势群体人员
    List {
        /// 类别（独居老人、留守儿童……）
        #[arg(long)]
        category: Option<String>,
        /// 户的编号
        #[arg(long)]
        household: Option<String>,
        /// 网格（名称或编号）
        #[arg(long)]
        grid: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 导出名单到 .xlsx（每类一张表，如“社区独居老人统计表”）
    Export {
        /// 保存到
        #[arg(long, value_name = "F.xlsx")]
        out: PathBuf,
        /// 只导出这一类
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 删除一名人员（编号或其前几位）
    Delete { id: String },
}

#[derive(Args, Debug)]
pub struct AddPerson {
    /// 所在户的编号
    #[arg(long)]
    household: String,
    /// 姓名
    #[arg(long)]
    name: String,
    /// 类别，可写多次或用逗号分隔（独居老人、孤寡老人、失能/半失能、留守儿童、五保户……）
    #[arg(long, required = true)]
    category: Vec<String>,
    /// 性别（男/女；不填时按身份证号）
    #[arg(long, default_value = "")]
    gender: String,
    /// 出生日期（不填时按身份证号）
    #[arg(long)]
    birth: Option<String>,
    /// 身份证号
    #[arg(long, default_value = "")]
    id_number: String,
    /// 联系电话
    #[arg(long, default_value = "")]
    phone: String,
    /// 监护人（联系人）
    #[arg(long, default_value = "")]
    guardian: String,
    /// 监护人电话
    #[arg(long, default_value = "")]
    guardian_phone: String,
    /// 备注
    #[arg(long, default_value = "")]
    note: String,
    #[arg(long)]
    json: bool,
}

pub fn people(db: &Option<PathBuf>, cmd: PeopleCmd) -> Result<(), Error> {
    let mut api = crate::open(db)?;
    match cmd {
        PeopleCmd::Add(a) => {
            let h = api.households_resolve(&a.household)?;
            let p = api.people_add(&PersonInput {
                household_id: h.id,
                name: a.name,
                categories: a.category,
                gender: a.gender,
                birth_date: a.birth,
                id_number: a.id_number,
                phone: a.phone,
                guardian: a.guardian,
                guardian_phone: a.guardian_phone,
                note: a.note,
            })?;
            if a.json {
                return json(&p);
            }
            println!(
                "已登记：{}（{}），{} {}",
                p.name,
                p.categories.join("、"),
                p.household_name,
                p.household_code
            );
        }
        PeopleCmd::List {
            category,
            household,
            grid,
            json: as_json,
        } => {
            let household_id = match household {
                Some(k) => Some(api.households_resolve(&k)?.id),
                None => None,
            };
            let grid_id = match grid {
                Some(g) => Some(api.grids_resolve(&g)?.id),
                None => None,
            };
            let list = api.people_list(&PeopleQuery {
                category,
                household_id,
                grid_id,
                search: None,
            })?;
            if as_json {
                return json(&list);
            }
            for p in &list {
                println!(
                    "{}{}{}{}{}{}",
                    pad(&short(&p.id), 15),
                    pad(&p.name, 10),
                    pad(&p.age.map(|a| format!("{a}岁")).unwrap_or_default(), 7),
                    pad(&p.categories.join("、"), 22),
                    pad(&p.household_code, 8),
                    p.address
                );
            }
            println!("共 {} 人", list.len());
        }
        PeopleCmd::Export {
            out,
            category,
            json: as_json,
        } => {
            let x = api.people_export(category.as_deref(), &out.to_string_lossy())?;
            if as_json {
                return json(&x);
            }
            println!(
                "已导出弱势群体名单：{}（{} 行）",
                x.path,
                x.rows.unwrap_or(0)
            );
        }
        PeopleCmd::Delete { id } => {
            let p = api.people_resolve(&id)?;
            api.people_delete(&p.id)?;
            println!("已删除：{}", p.name);
        }
    }
    Ok(())
}
