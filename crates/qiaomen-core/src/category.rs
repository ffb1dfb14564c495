//! The seven 行动名称 of the statistics table (附件2): every hazard and every publicity
//! event counts under one of them. This is the one place that knows their names and reads
//! the ways clerks write them.
//!
//! - [`Category::parse`] reads a name strictly, as it stands in a 行动名称 cell or is typed
//!   as a category: the official name, with list numbering, spaces and quotes, without
//!   防/事故, or a short form that names one category (有限空间).
//! - [`Category::read_loose`] reads free wording (a publicity log's column, a hazard's
//!   description) by its keywords; [`Category::guess`] is that with 防小火亡人事故 as the
//!   default, for a hazard the clerk described in words.
//!
//! Categories cross every boundary (JSON, the database, spreadsheets) as their official
//! Chinese names.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One of the seven 行动名称, in the official order of the table's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, TS)]
pub enum Category {
    /// 防煤气中毒事故 (carbon monoxide: charcoal, stoves, water heaters).
    #[serde(rename = "防煤气中毒事故")]
    CoPoisoning,
    /// 防燃气爆炸事故 (gas pipes, hoses, cylinders).
    #[serde(rename = "防燃气爆炸事故")]
    GasExplosion,
    /// 防小火亡人事故 (small fires that kill: wiring, e-bikes, clutter).
    #[serde(rename = "防小火亡人事故")]
    SmallFire,
    /// 防有限空间中毒事故 (septic tanks, cellars, wells).
    #[serde(rename = "防有限空间中毒事故")]
    ConfinedSpace,
    /// 防建筑施工事故.
    #[serde(rename = "防建筑施工事故")]
    Construction,
    /// 防冰雪道路交通事故.
    #[serde(rename = "防冰雪道路交通事故")]
    IcyRoads,
    /// 防森林火灾.
    #[serde(rename = "防森林火灾")]
    ForestFire,
}

/// Keywords of free wording, each with the category it points to. When several match, the
/// longest wins (煤气罐 is gas, 煤气 alone is carbon monoxide); on a tie, the earlier one.
const KEYWORDS: &[(&str, Category)] = {
    use Category::*;
    &[
        ("有限空间", ConfinedSpace),
        ("化粪池", ConfinedSpace),
        ("沼气池", ConfinedSpace),
        ("窨井", ConfinedSpace),
        ("地窖", ConfinedSpace),
        ("菜窖", ConfinedSpace),
        ("红薯窖", ConfinedSpace),
        ("污水井", ConfinedSpace),
        ("粪池", ConfinedSpace),
        ("森林", ForestFire),
        ("山林", ForestFire),
        ("林区", ForestFire),
        ("烧荒", ForestFire),
        ("野外用火", ForestFire),
        ("上坟", ForestFire),
        ("祭祀", ForestFire),
        ("秸秆", ForestFire),
        ("建筑施工", Construction),
        ("施工", Construction),
        ("工地", Construction),
        ("脚手架", Construction),
        ("塔吊", Construction),
        ("基坑", Construction),
        ("高处作业", Construction),
        ("高空作业", Construction),
        ("冰雪", IcyRoads),
        ("结冰", IcyRoads),
        ("积雪", IcyRoads),
        ("路滑", IcyRoads),
        ("暗冰", IcyRoads),
        ("道路交通", IcyRoads),
        ("道路", IcyRoads),
        ("交通", IcyRoads),
        ("煤气中毒", CoPoisoning),
        ("一氧化碳", CoPoisoning),
        ("co中毒", CoPoisoning),
        ("煤气", CoPoisoning),
        ("煤炉", CoPoisoning),
        ("炭火", CoPoisoning),
        ("木炭", CoPoisoning),
        ("取暖", CoPoisoning),
        ("烟囱", CoPoisoning),
        ("烟道", CoPoisoning),
        ("热水器", CoPoisoning),
        ("蜂窝煤", CoPoisoning),
        ("燃气", GasExplosion),
        ("液化气", GasExplosion),
        ("天然气", GasExplosion),
        ("钢瓶", GasExplosion),
        ("气瓶", GasExplosion),
        ("煤气罐", GasExplosion),
        ("软管", GasExplosion),
        ("灶具", GasExplosion),
        ("漏气", GasExplosion),
        ("小火", SmallFire),
        ("亡人", SmallFire),
        ("火灾", SmallFire),
        ("消防", SmallFire),
        ("用电", SmallFire),
        ("电动车", SmallFire),
    ]
};

impl Category {
    /// All seven, in the table's order.
    pub const ALL: [Category; 7] = [
        Category::CoPoisoning,
        Category::GasExplosion,
        Category::SmallFire,
        Category::ConfinedSpace,
        Category::Construction,
        Category::IcyRoads,
        Category::ForestFire,
    ];

    /// The official name: 防煤气中毒事故.
    pub fn name(self) -> &'static str {
        match self {
            Category::CoPoisoning => "防煤气中毒事故",
            Category::GasExplosion => "防燃气爆炸事故",
            Category::SmallFire => "防小火亡人事故",
            Category::ConfinedSpace => "防有限空间中毒事故",
            Category::Construction => "防建筑施工事故",
            Category::IcyRoads => "防冰雪道路交通事故",
            Category::ForestFire => "防森林火灾",
        }
    }

    /// The name without 防 and 事故 (煤气中毒, 森林火灾): tags, narrow columns.
    pub fn short(self) -> &'static str {
        match self {
            Category::CoPoisoning => "煤气中毒",
            Category::GasExplosion => "燃气爆炸",
            Category::SmallFire => "小火亡人",
            Category::ConfinedSpace => "有限空间",
            Category::Construction => "建筑施工",
            Category::IcyRoads => "冰雪道路",
            Category::ForestFire => "森林火灾",
        }
    }

    /// The row number in the table, 1 to 7.
    pub fn number(self) -> usize {
        self as usize + 1
    }

    /// Reads a name strictly (see the module notes); None when it names no category or
    /// could name several.
    pub fn parse(s: &str) -> Option<Category> {
        let t = squeeze(s);
        let t = strip_numbering(&t);
        let t = t.strip_prefix('防').unwrap_or(t);
        let t = t.strip_suffix("事故").unwrap_or(t);
        let t = t.strip_suffix("类").unwrap_or(t);
        if t.is_empty() {
            return None;
        }
        if t == "森林防火" {
            return Some(Category::ForestFire);
        }
        let core = |c: Category| {
            let n = c.name().strip_prefix('防').unwrap_or(c.name());
            n.strip_suffix("事故").unwrap_or(n)
        };
        if let Some(c) = Category::ALL.into_iter().find(|c| core(*c) == t) {
            return Some(c);
        }
        // A short form of four characters or more that names exactly one (有限空间,
        // 燃气爆炸); shorter words (燃气, 火灾) are left to the keyword reading.
        if t.chars().count() < 4 {
            return None;
        }
        let mut hits = Category::ALL.into_iter().filter(|c| core(*c).contains(t));
        match (hits.next(), hits.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        }
    }

    /// Reads a category the clerk gave; the Chinese message lists the seven.
    pub fn check(s: &str) -> Result<Category> {
        Category::parse(s).ok_or_else(|| {
            Error::invalid(format!(
                "行动名称“{}”不是统计表中的类别，应为以下之一：{}。",
                s.trim(),
                Category::NAMES.join("、")
            ))
        })
    }

    /// Reads free wording: strictly first, then by keywords (the `KEYWORDS` table below).
    pub fn read_loose(s: &str) -> Option<Category> {
        if let Some(c) = Category::parse(s) {
            return Some(c);
        }
        let t = squeeze(s).to_lowercase();
        let mut best: Option<(usize, Category)> = None;
        for (k, c) in KEYWORDS {
            let len = k.chars().count();
            if t.contains(k) && best.is_none_or(|(l, _)| len > l) {
                best = Some((len, *c));
            }
        }
        best.map(|(_, c)| c)
    }

    /// The category a hazard described in words most likely belongs to; 防小火亡人事故
    /// when its words say nothing more specific.
    pub fn guess(description: &str) -> Category {
        Category::read_loose(description).unwrap_or(Category::SmallFire)
    }

    /// The seven official names in order (the same as `ALL.map(Category::name)`).
    pub const NAMES: [&'static str; 7] = [
        "防煤气中毒事故",
        "防燃气爆炸事故",
        "防小火亡人事故",
        "防有限空间中毒事故",
        "防建筑施工事故",
        "防冰雪道路交通事故",
        "防森林火灾",
    ];
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Category {
    type Err = Error;
    fn from_str(s: &str) -> Result<Category> {
        Category::check(s)
    }
}

/// JSON accepts what [`Category::parse`] accepts, so a front end or a template file may
/// write 有限空间 for 防有限空间中毒事故.
impl<'de> Deserialize<'de> for Category {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Category, D::Error> {
        let s = String::deserialize(d)?;
        Category::check(&s).map_err(|e| serde::de::Error::custom(e.message))
    }
}

impl rusqlite::ToSql for Category {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.name().into())
    }
}

impl rusqlite::types::FromSql for Category {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        crate::stored_text::from_sql_word(
            v,
            |s| Category::ALL.into_iter().find(|c| c.name() == s),
            "行动名称",
        )
    }
}

fn squeeze(s: &str) -> String {
    crate::text::to_half_width(s)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '"' | '“' | '”' | '\'' | '\u{00A0}'))
        .collect()
}

/// Strips a leading list number: "1.", "1、", "(1)", "一、", "①".
fn strip_numbering(s: &str) -> &str {
    let t = s.trim_start_matches(|c: char| {
        c.is_ascii_digit() || "一二三四五六七①②③④⑤⑥⑦⑧⑨⑩(（)）.、:：-".contains(c)
    });
    if t.is_empty() {
        s
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::Category::{self, *};

    #[test]
    fn strict_reading() {
        assert_eq!(Category::parse(" 防 煤气中毒 事故 "), Some(CoPoisoning));
        assert_eq!(Category::parse("3.防小火亡人事故"), Some(SmallFire));
        assert_eq!(
            Category::parse("（4）防有限空间中毒事故"),
            Some(ConfinedSpace)
        );
        assert_eq!(Category::parse("森林火灾"), Some(ForestFire));
        assert_eq!(Category::parse("森林防火"), Some(ForestFire));
        assert_eq!(Category::parse("有限空间"), Some(ConfinedSpace));
        assert_eq!(Category::parse("燃气爆炸"), Some(GasExplosion));
        assert_eq!(Category::parse("冬季安全“敲门行动”工作统计表"), None);
        assert_eq!(Category::parse("燃气"), None);
        assert_eq!(Category::parse("火灾"), None);
        assert_eq!(Category::parse("中毒"), None);
        assert_eq!(Category::parse(""), None);
        assert_eq!(Category::ALL.map(Category::name), Category::NAMES);
        for c in Category::ALL {
            assert_eq!(Category::parse(c.name()), Some(c));
            assert_eq!(Category::parse(c.short()), Some(c), "{}", c.short());
        }
        let e = Category::check("防外星人").unwrap_err();
        assert!(e.message.contains("防外星人") && e.message.contains("防森林火灾"));
    }

    #[test]
    fn free_wording() {
        assert_eq!(Category::read_loose("燃气"), Some(GasExplosion));
        assert_eq!(Category::read_loose("火灾"), Some(SmallFire));
        assert_eq!(Category::read_loose("一氧化碳中毒"), Some(CoPoisoning));
        assert_eq!(Category::read_loose("随便写写"), None);
        assert_eq!(Category::guess("化粪池无盖板"), ConfinedSpace);
        assert_eq!(Category::guess("燃气热水器装在浴室内"), CoPoisoning);
        assert_eq!(Category::guess("院内燃气钢瓶倒放"), GasExplosion);
        assert_eq!(Category::guess("煤气罐放在卧室"), GasExplosion);
        assert_eq!(Category::guess("门前坡道结冰"), IcyRoads);
        assert_eq!(Category::guess("私拉电线"), SmallFire);
    }

    #[test]
    fn crosses_json_and_sqlite_as_the_official_name() {
        assert_eq!(
            serde_json::to_string(&IcyRoads).unwrap(),
            "\"防冰雪道路交通事故\""
        );
        let c: Category = serde_json::from_str("\"有限空间\"").unwrap();
        assert_eq!(c, ConfinedSpace);
        assert!(serde_json::from_str::<Category>("\"火星\"").is_err());
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let back: Category = conn
            .query_row("SELECT ?1", [ForestFire], |r| r.get(0))
            .unwrap();
        assert_eq!(back, ForestFire);
        let bad: rusqlite::Result<Category> = conn.query_row("SELECT '火星'", [], |r| r.get(0));
        assert!(bad.is_err());
    }
}
