//! init, info, households and grids subcommands.

use crate::out::{json, opt, pad};
use clap::{Args, Subcommand};
use qiaomen_api::Error;
use qiaomen_core::grids::GridInput;
use qiaomen_core::households::{HouseholdInput, HouseholdQuery};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct InitArgs {
    /// 报送单位（村/社区名称）
    #[arg(long)]
    unit: String,
    /// 联系人
    #[arg(long, default_value = "")]
    contact: String,
    /// 联系电话
    #[arg(long, default_value = "")]
    phone: String,
    /// 录入人（文书）
    #[arg(long)]
    clerk: Option<String>,
    /// 上级乡镇
    #[arg(long)]
    township: Option<String>,
}

#[derive(Args, Debug)]
pub struct InfoArgs {
    /// 输出 JSON
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand, Debug)]
pub enum HouseholdsCmd {
    /// 添加一户（或一个场所）
    #[command(allow_negative_numbers = true)]
    Add(Box<AddHousehold>),
    /// 列出户，可搜索（姓名、拼音首字母、地址、电话、编号）
    List(ListHouseholds),
    /// 删除一户（按编号或 id；已有检查记录的不能删除）
    Delete {
        /// 户的编号或 id
        key: String,
    },
}

#[derive(Args, Debug)]
pub struct AddHousehold {
    /// 检查地点（对象）名称或户主姓名
    #[arg(long)]
    name: String,
    /// 地址
    #[arg(long, default_value = "")]
    address: String,
    /// 联系电话
    #[arg(long, default_value = "")]
    phone: String,
    /// 网格（名称或编号）
    #[arg(long)]
    grid: Option<String>,
    /// 居住人员总数
    #[arg(long)]
    residents: Option<i64>,
    /// 其中弱势群体人数
    #[arg(long)]
    vulnerable: Option<i64>,
    /// 建筑层数
    #[arg(long)]
    floors: Option<i64>,
    /// 场所建筑面积（平方米）
    #[arg(long)]
    area: Option<f64>,
    /// 场所性质（居民住宅、多合一场所、工地、宿舍等）
    #[arg(long, default_value = "")]
    nature: String,
    /// 建筑结构（木结构、砖木结构、砖混结构、钢结构）
    #[arg(long, default_value = "")]
    structure: String,
    /// 使用层数（地上、地下、半地下）
    #[arg(long, default_value = "")]
    floors_used: String,
    /// 联系人
    #[arg(long, default_value = "")]
    contact: String,
    /// 户主身份证号
    #[arg(long, default_value = "")]
    id_number: String,
    /// 村民小组
    #[arg(long, default_value = "")]
    group: String,
    /// 备注
    #[arg(long, default_value = "")]
    note: String,
    /// 输出 JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
pub struct ListHouseholds {
    /// 搜索：姓名、拼音首字母（如 zs）、地址、电话或编号
    #[arg(long)]
    search: Option<String>,
    /// 只列出这个网格（名称或编号）
    #[arg(long)]
    grid: Option<String>,
    /// 只列出最近一次检查在这个属性项上答“是”的户（如 多合一场所、弱势群体）
    #[arg(long)]
    attribute: Option<String>,
    /// 输出 JSON
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand, Debug)]
pub enum GridsCmd {
    /// 添加网格
    Add {
        /// 网格名称
        #[arg(long)]
        name: String,
        /// 网格编号（户编号的前两位；不填自动编号）
        #[arg(long)]
        no: Option<i64>,
        /// 网格长
        #[arg(long, default_value = "")]
        leader: String,
        /// 网格长电话
        #[arg(long, default_value = "")]
        phone: String,
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
    /// 列出网格
    List {
        /// 输出 JSON
        #[arg(long)]
        json: bool,
    },
}

pub fn init(db: &Option<PathBuf>, a: InitArgs) -> Result<(), Error> {
    let mut api = crate::open(db)?;
    let mut s = api.settings_get()?;
    s.unit_name = a.unit;
    s.contact = a.contact;
    s.phone = a.phone;
    if let Some(c) = a.clerk {
        s.clerk = c;
    }
    if let Some(t) = a.township {
        s.township = t;
    }
    let s = api.settings_save(&s)?;
    println!(
        "已设置报送单位：{}（联系人：{}，电话：{}）\n数据库：{}",
        s.unit_name,
        s.contact,
        s.phone,
        api.db_path().display()
    );
    Ok(())
}

pub fn info(db: &Option<PathBuf>, a: InfoArgs) -> Result<(), Error> {
    let api = crate::open(db)?;
    let info = api.app_info()?;
    if a.json {
        return json(&info);
    }
    println!("数据库：{}", info.db_path);
    println!("数据版本：{}", info.schema_version);
    println!(
        "报送单位：{}",
        if info.initialized {
            info.settings.unit_name.as_str()
        } else {
            "（尚未设置，请运行 qiaomen init --unit 名称）"
        }
    );
    println!("登记户数：{}，网格数：{}", info.households, info.grids);
    Ok(())
}

/// The JSON shape of one household in `households list --json`.
#[derive(Serialize)]
struct HouseholdRow<'a> {
    #[serde(flatten)]
    h: &'a qiaomen_core::households::Household,
}

pub fn households(db: &Option<PathBuf>, cmd: HouseholdsCmd) -> Result<(), Error> {
    let mut api = crate::open(db)?;
    match cmd {
        HouseholdsCmd::Add(a) => {
            let grid_id = match &a.grid {
                Some(g) => Some(api.grids_resolve(g)?.id),
                None => None,
            };
            let h = api.households_add(&HouseholdInput {
                name: a.name,
                address: a.address,
                grid_id,
                village_group: a.group,
                floors: a.floors,
                residents: a.residents,
                vulnerable: a.vulnerable,
                area: a.area,
                nature: a.nature,
                structure: a.structure,
                floors_used: a.floors_used,
                contact: a.contact,
                phone: a.phone,
                id_number: a.id_number,
                template_id: String::new(),
                note: a.note,
            })?;
            if a.json {
                return json(&h);
            }
            println!("已登记：{} {}（编号 {}）", h.name, h.address, h.code);
        }
        HouseholdsCmd::List(a) => {
            let grid_id = match &a.grid {
                Some(g) => Some(api.grids_resolve(g)?.id),
                None => None,
            };
            let page = api.households_list(&HouseholdQuery {
                search: a.search,
                grid_id,
                attribute: a.attribute,
                ..Default::default()
            })?;
            if a.json {
                let rows: Vec<HouseholdRow> =
                    page.items.iter().map(|h| HouseholdRow { h }).collect();
                return json(&rows);
            }
            println!(
                "{}{}{}{}{}地址",
                pad("编号", 8),
                pad("名称", 14),
                pad("网格", 12),
                pad("电话", 14),
                pad("人数", 6)
            );
            for h in &page.items {
                println!(
                    "{}{}{}{}{}{}",
                    pad(&h.code, 8),
                    pad(&h.name, 14),
                    pad(&h.grid, 12),
                    pad(&h.phone, 14),
                    pad(&opt(h.residents), 6),
                    h.address
                );
            }
            println!("共 {} 户", page.total);
        }
        HouseholdsCmd::Delete { key } => {
            let h = api.households_resolve(&key)?;
            api.households_delete(&h.id)?;
            println!("已删除：{}（编号 {}）", h.name, h.code);
        }
    }
    Ok(())
}

pub fn grids(db: &Option<PathBuf>, cmd: GridsCmd) -> Result<(), Error> {
    let mut api = crate::open(db)?;
    match cmd {
        GridsCmd::Add {
            name,
            no,
            leader,
            phone,
            json: as_json,
        } => {
            let g = api.grids_add(&GridInput {
                no,
                name,
                leader,
                leader_phone: phone,
                note: String::new(),
            })?;
            if as_json {
                return json(&g);
            }
            println!("已添加网格：{}（编号 {:02}）", g.name, g.no);
        }
        GridsCmd::List { json: as_json } => {
            let list = api.grids_list()?;
            if as_json {
                return json(&list);
            }
            for g in &list {
                println!(
                    "{:02}  {}{}{}{} 户",
                    g.no,
                    pad(&g.name, 14),
                    pad(&g.leader, 10),
                    pad(&g.leader_phone, 14),
                    g.households
                );
            }
        }
    }
    Ok(())
}
