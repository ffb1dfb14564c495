//! Rows below the header that are not households: blank rows, footers (合计/总计/小计,
//! 填表人/审核人/制表人…, 注/说明), header rows repeated on every printed page, and rows that
//! hold only a 序号.

use super::values::squash;
use super::{Outcome, RowCtx};
use crate::import::fields;
use crate::sheet::{Cell, Sheet};

/// What the row is when it is not a household (None: analyse it as one).
pub(super) fn not_a_household(ctx: &RowCtx, sheet: &Sheet, row: u32) -> Option<Outcome> {
    let raw = sheet.row(row);
    if raw.iter().all(Cell::is_blank) {
        return Some(Outcome::Blank);
    }
    if let Some(reason) = footer_reason(raw) {
        let name_blank_or_footer = sheet.cell(row, ctx.name_col).is_blank()
            || footer_reason(std::slice::from_ref(sheet.cell(row, ctx.name_col))).is_some();
        if name_blank_or_footer {
            return Some(Outcome::Skipped(reason));
        }
    }
    if repeats_header(ctx, sheet, row) {
        return Some(Outcome::Skipped("重复的表头行".into()));
    }
    if only_serial(ctx, raw) {
        return Some(Outcome::Skipped("只有序号，没有内容".into()));
    }
    None
}

/// A repeated header (printed rosters repeat it on every page): its name cell repeats the
/// name header, and so do at least half of the mapped cells (two at least).
fn repeats_header(ctx: &RowCtx, sheet: &Sheet, row: u32) -> bool {
    let name_repeats_header = match sheet.cell(row, ctx.name_col) {
        Cell::Text(t) => {
            let k = fields::header_key(t);
            !k.is_empty()
                && ctx
                    .header_texts
                    .get(&ctx.name_col)
                    .is_some_and(|h| h.ends_with(&k))
        }
        _ => false,
    };
    if !name_repeats_header {
        return false;
    }
    let same_as_header = ctx
        .mapped
        .iter()
        .filter(|(col, _)| {
            let t = fields::header_key(&sheet.cell(row, *col).text());
            !t.is_empty() && ctx.header_texts.get(col).is_some_and(|h| h.ends_with(&t))
        })
        .count();
    same_as_header >= 2 && same_as_header * 2 >= ctx.mapped.len()
}

/// Only a 序号 (or a number in an unmapped column).
fn only_serial(ctx: &RowCtx, raw: &[Cell]) -> bool {
    raw.iter()
        .enumerate()
        .filter(|(_, c)| !c.is_blank())
        .map(|(i, c)| (i as u32 + 1, c))
        .all(|(col, c)| {
            ctx.serial_cols.contains(&col)
                || (!ctx.mapped.iter().any(|(m, _)| *m == col) && matches!(c, Cell::Number(_)))
        })
}

const FOOTER_WORDS: &[&str] = &[
    "合计",
    "总计",
    "小计",
    "共计",
    "总数",
    "累计",
    "填表人",
    "填报人",
    "制表人",
    "审核人",
    "审核",
    "统计人",
    "负责人",
    "单位负责人",
    "主要负责人",
    "村负责人",
    "分管领导",
    "经办人",
    "联系人：",
    "填表日期",
    "制表日期",
    "填报日期",
    "报送日期",
    "日期：",
    "注：",
    "注:",
    "说明：",
    "说明:",
    "备注：",
    "备注:",
    "签字",
    "盖章",
    "(盖章)",
    "（盖章）",
];

/// The footer words as compared (squashed once).
fn footer_words() -> &'static [(String, &'static str)] {
    &footer_table().0
}

/// The first characters footer words start with (a quick filter).
fn footer_firsts() -> &'static [char] {
    &footer_table().1
}

#[allow(clippy::type_complexity)]
fn footer_table() -> &'static (Vec<(String, &'static str)>, Vec<char>) {
    static TABLE: std::sync::OnceLock<(Vec<(String, &'static str)>, Vec<char>)> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let words = footer_words_init();
        let mut firsts: Vec<char> = words.iter().filter_map(|(w, _)| w.chars().next()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        (words, firsts)
    })
}

fn footer_words_init() -> Vec<(String, &'static str)> {
    {
        FOOTER_WORDS
            .iter()
            .map(|w| {
                let kind = if ["合计", "总计", "小计", "共计", "总数", "累计"].contains(w)
                {
                    "合计行"
                } else if w.starts_with("注") || w.starts_with("说明") || w.starts_with("备注")
                {
                    "表尾说明"
                } else {
                    "签名/日期行"
                };
                (squash(w), kind)
            })
            .collect()
    }
}

/// Why a row is a footer (合计, signature lines, notes), if it is one.
fn footer_reason(cells: &[Cell]) -> Option<String> {
    let words = footer_words();
    for c in cells {
        if let Cell::Text(t) = c {
            // Cheap test first: footers start with one of a few characters.
            let first = t.chars().find(|c| !c.is_whitespace() && *c != '\u{3000}');
            let Some(first) = first else { continue };
            let first = match first {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(first as u32 - 0xFEE0).unwrap_or(first),
                c => c,
            };
            if footer_firsts().binary_search(&first).is_err() {
                continue;
            }
            let s = squash(t);
            if let Some((_, kind)) = words.iter().find(|(w, _)| s.starts_with(w.as_str())) {
                return Some(format!("{kind}（“{}”），不是户", shorten(t.trim(), 20)));
            }
        }
    }
    None
}

fn shorten(s: &str, n: usize) -> String {
    let t: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        format!("{t}…")
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footers() {
        assert!(footer_reason(&[Cell::Text("合 计".into())]).is_some());
        assert!(footer_reason(&[Cell::Empty, Cell::Text("填表人：王五".into())]).is_some());
        assert!(footer_reason(&[Cell::Text("张三".into())]).is_none());
    }
}
