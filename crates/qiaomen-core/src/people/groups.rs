//! The groups of vulnerable people (弱势群体类别) an office offers: the groups the notices
//! name (seeds 000–003: 独居老人 … 困境儿童, 孤儿, 特困分散供养人员 …), then the office's own
//! (单位设置, kept in the settings table under [`SETTING_KEY`] as a JSON list, not in code),
//! then 其他. The people screen and its export and the roster import all read a person's
//! groups through [`Groups`].

use crate::error::{Context, Error, Result};
use crate::settings;
use crate::text;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The groups the notices name, in the order lists are printed.
pub const BUILTIN_GROUPS: &[&str] = &[
    "独居老人",
    "孤寡老人",
    "失能/半失能",
    "留守儿童",
    "困境儿童",
    "孤儿",
    "五保户",
    "特困人员",
    "特困分散供养人员",
    "残疾人",
    "病残人员",
    "精神障碍患者",
    "留守妇女",
];

/// The group of anyone the other groups do not describe; always last.
pub const OTHER_GROUP: &str = "其他";

/// The settings key of the office's own groups.
pub const SETTING_KEY: &str = "people_groups";

/// At most this many groups of the office's own.
const MAX_ADDED: usize = 30;

/// Characters a group's name cannot hold: list separators (a person's groups are stored
/// and typed as a list, and a roster's 特殊人群类别 cell is split on them) and what a
/// worksheet's name cannot hold (each group exports to a sheet of its own).
const FORBIDDEN: &[char] = &[
    ',', '，', '、', ';', '；', '/', '／', '|', ':', '：', '\\', '?', '？', '*', '[', ']',
];

/// Wordings met in rosters and notices for the built-in groups.
const ALIASES: &[(&str, &str)] = &[
    ("失能", "失能/半失能"),
    ("半失能", "失能/半失能"),
    ("失能老人", "失能/半失能"),
    ("半失能老人", "失能/半失能"),
    ("失能半失能", "失能/半失能"),
    ("残疾", "残疾人"),
    ("残疾人员", "残疾人"),
    ("精神病人", "精神障碍患者"),
    ("精神障碍", "精神障碍患者"),
    ("特困", "特困人员"),
    ("特困户", "特困人员"),
    ("分散供养", "特困分散供养人员"),
    ("分散供养人员", "特困分散供养人员"),
    ("孤困儿童", "困境儿童"),
];

/// The office's list of groups, in the order lists are printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Groups {
    names: Vec<String>,
}

impl Groups {
    /// The notices' groups and 其他, without any of an office's own.
    pub fn builtin() -> Groups {
        Groups::with_added(&[])
    }

    /// The notices' groups, then `added`, then 其他.
    pub fn with_added(added: &[String]) -> Groups {
        let mut names: Vec<String> = BUILTIN_GROUPS.iter().map(|s| s.to_string()).collect();
        names.extend(added.iter().cloned());
        names.push(OTHER_GROUP.to_string());
        Groups { names }
    }

    /// The office's list.
    pub fn load(conn: &Connection) -> Result<Groups> {
        Ok(Groups::with_added(&added(conn)?))
    }

    /// Every group, in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Where a group sorts (unknown ones last).
    pub fn position(&self, group: &str) -> usize {
        self.names
            .iter()
            .position(|g| g == group)
            .unwrap_or(self.names.len())
    }

    /// A group as typed: exact, a known wording (失能 → 失能/半失能), or a part of exactly one
    /// group (独居 → 独居老人).
    pub fn check(&self, typed: &str) -> Result<String> {
        let c = text::clean(typed);
        if self.names.contains(&c) {
            return Ok(c);
        }
        if let Some((_, g)) = ALIASES.iter().find(|(a, _)| *a == c) {
            return Ok(g.to_string());
        }
        let mut hits = self
            .names
            .iter()
            .filter(|g| !c.is_empty() && g.contains(c.as_str()));
        if let (Some(only), None) = (hits.next(), hits.next()) {
            return Ok(only.clone());
        }
        Err(Error::invalid(format!(
            "人员类别“{c}”不对，应为以下之一：{}。",
            self.names.join("、")
        )))
    }
}

/// The groups as 单位设置 shows them: the notices' (fixed) and the office's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PeopleGroups {
    /// The groups the notices name (and 其他), always offered.
    pub builtin: Vec<String>,
    /// The office's own groups, in the order the office gave them.
    pub added: Vec<String>,
}

/// The office's own groups as saved.
pub fn added(conn: &Connection) -> Result<Vec<String>> {
    match settings::get_value(conn, SETTING_KEY)? {
        None => Ok(Vec::new()),
        Some(v) => serde_json::from_str(&v)
            .context(|| Error::internal("设置数据有误：本单位的弱势群体类别无法读取。")),
    }
}

/// The groups for 单位设置.
pub fn people_groups(conn: &Connection) -> Result<PeopleGroups> {
    let mut builtin: Vec<String> = BUILTIN_GROUPS.iter().map(|s| s.to_string()).collect();
    builtin.push(OTHER_GROUP.to_string());
    Ok(PeopleGroups {
        builtin,
        added: added(conn)?,
    })
}

/// Saves the office's own groups (blank lines are dropped). Refuses a name that is a
/// built-in group or given twice, one that holds a list separator, and the removal of a
/// group some people are registered under (they would lose it).
pub fn save_added(conn: &Connection, list: &[String]) -> Result<PeopleGroups> {
    let mut clean: Vec<String> = Vec::new();
    for g in list
        .iter()
        .map(|g| text::clean(g))
        .filter(|g| !g.is_empty())
    {
        if g.chars().count() > 20 {
            return Err(Error::invalid(format!(
                "类别名称“{g}”太长（最多 20 个字）。"
            )));
        }
        if let Some(ch) = g.chars().find(|c| FORBIDDEN.contains(c)) {
            return Err(Error::invalid(format!(
                "类别名称“{g}”里不能有“{ch}”；一个类别写一行。"
            )));
        }
        if g == OTHER_GROUP || BUILTIN_GROUPS.contains(&g.as_str()) {
            return Err(Error::invalid(format!(
                "“{g}”已经在类别列表中，不用再添加。"
            )));
        }
        if clean.contains(&g) {
            return Err(Error::invalid(format!("类别“{g}”写了两次。")));
        }
        clean.push(g);
    }
    if clean.len() > MAX_ADDED {
        return Err(Error::invalid(format!(
            "本单位最多可添加 {MAX_ADDED} 个类别。"
        )));
    }
    for old in added(conn)? {
        if clean.contains(&old) {
            continue;
        }
        let n: i64 = conn.query_row(
            "SELECT count(*) FROM people WHERE instr(',' || categories || ',', ?1) > 0",
            [format!(",{old},")],
            |r| r.get(0),
        )?;
        if n > 0 {
            return Err(Error::conflict(format!(
                "已有 {n} 人登记为“{old}”，不能删除这个类别；请先在弱势群体名单中修改这些人员的类别。"
            )));
        }
    }
    let json = serde_json::to_string(&clean)
        .context(|| Error::internal("程序内部错误：弱势群体类别无法保存。"))?;
    settings::set_value(conn, SETTING_KEY, &json)?;
    people_groups(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_groups() {
        let g = Groups::with_added(&["低保户".to_string()]);
        assert_eq!(g.check("独居").unwrap(), "独居老人");
        assert_eq!(g.check(" 孤儿 ").unwrap(), "孤儿");
        assert_eq!(g.check("特困").unwrap(), "特困人员");
        assert_eq!(g.check("分散供养").unwrap(), "特困分散供养人员");
        assert_eq!(g.check("困境").unwrap(), "困境儿童");
        assert_eq!(g.check("低保").unwrap(), "低保户");
        assert!(g.check("儿童").is_err(), "留守儿童 or 困境儿童");
        assert!(Groups::builtin().check("低保户").is_err());
        let names = g.names();
        assert_eq!(names.last().map(String::as_str), Some(OTHER_GROUP));
        assert!(g.position("低保户") < g.position(OTHER_GROUP));
        assert!(g.position("独居老人") < g.position("低保户"));
    }
}
