//! The cells of a roster row read as the clerk meant them: counts written as "3人" or "无",
//! areas with their unit, 是/否 in a dozen spellings, several phone numbers in one cell,
//! full-width digits and stray spaces — each tidied the way the register's own rules
//! (`households::normalize`) would, but without the work when nothing needs changing.

use crate::sheet::{self, Cell};
use crate::{text, validate};

/// An integer count as typed: 3, 3.0, "3人", "３", "无" (0).
pub(super) fn parse_count(c: &Cell) -> std::result::Result<Option<i64>, String> {
    match c {
        Cell::Empty => Ok(None),
        Cell::Number(n) => {
            if n.fract() == 0.0 && (0.0..1e9).contains(n) {
                Ok(Some(*n as i64))
            } else {
                Err(format!(
                    "“{}”不是一个不小于 0 的整数",
                    sheet::number_text(*n)
                ))
            }
        }
        Cell::Text(t) => {
            let s: String = text::to_half_width(t)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let s = s.trim_end_matches(['人', '层', '户', '口', '个', '名', '位']);
            if s.is_empty() || ["-", "—", "/", "无", "否", "0"].contains(&s) {
                return Ok(if s.is_empty() || s == "-" || s == "—" || s == "/" {
                    None
                } else {
                    Some(0)
                });
            }
            match s.parse::<f64>() {
                Ok(n) if n.fract() == 0.0 && (0.0..1e9).contains(&n) => Ok(Some(n as i64)),
                _ => Err(format!("“{}”不是一个不小于 0 的整数", t.trim())),
            }
        }
        other => Err(format!("“{}”不是一个整数", other.text())),
    }
}

/// An area as typed: 120, "120㎡", "120平方米".
pub(super) fn parse_area(c: &Cell) -> std::result::Result<Option<f64>, String> {
    match c {
        Cell::Empty => Ok(None),
        Cell::Number(n) if n.is_finite() && *n >= 0.0 => Ok(Some(*n)),
        Cell::Text(t) => {
            let s: String = text::to_half_width(t)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let s = s
                .trim_end_matches("平方米")
                .trim_end_matches("平米")
                .trim_end_matches('㎡')
                .trim_end_matches("m²")
                .trim_end_matches("m2");
            if s.is_empty() || s == "-" || s == "/" {
                return Ok(None);
            }
            match s.parse::<f64>() {
                Ok(n) if n.is_finite() && n >= 0.0 => Ok(Some(n)),
                _ => Err(format!("“{}”不是面积数字", t.trim())),
            }
        }
        other => Err(format!("“{}”不是面积数字", other.text())),
    }
}

/// 是/否 as typed: 是, √, Y, TRUE, 1, 独居 …
pub(super) fn parse_yes(c: &Cell) -> std::result::Result<Option<bool>, String> {
    match c {
        Cell::Empty => Ok(None),
        Cell::Bool(b) => Ok(Some(*b)),
        Cell::Number(n) if *n == 1.0 => Ok(Some(true)),
        Cell::Number(n) if *n == 0.0 => Ok(Some(false)),
        _ => {
            let s = squash(&c.text()).to_lowercase();
            let yes = [
                "是",
                "√",
                "✓",
                "✔",
                "y",
                "yes",
                "true",
                "1",
                "有",
                "独居",
                "是独居",
            ];
            let no = [
                "否", "×", "✗", "n", "no", "false", "0", "无", "不是", "-", "—", "/",
            ];
            if s.is_empty() {
                Ok(None)
            } else if yes.contains(&s.as_str()) {
                Ok(Some(true))
            } else if no.contains(&s.as_str()) {
                Ok(Some(false))
            } else {
                Err(format!("“{}”看不出是“是”还是“否”", c.text().trim()))
            }
        }
    }
}

/// Categories of vulnerable people from a 特殊人群类别 cell ("独居老人、残疾人"; "无" = none).
pub(super) fn parse_kinds(t: &str) -> Vec<String> {
    let s = text::to_half_width(t);
    s.split(|c: char| ",，、;；/|".contains(c) || c.is_whitespace())
        .map(|p| p.trim())
        .filter(|p| !p.is_empty() && !["无", "否", "-", "—", "/", "0", "不是"].contains(p))
        .map(|p| p.to_string())
        .collect()
}

/// Groups that can only mean the household head (an elderly person living alone).
pub(super) const ALONE: &[&str] = &["独居老人", "孤寡老人"];

/// A phone cell: the first valid number, the others for the note; None when none is valid.
pub(super) fn parse_phones(raw: &str) -> (Option<String>, Vec<String>) {
    let whole = validate::normalize_phone(raw);
    if validate::check_phone(&whole).is_ok() {
        return (Some(whole), Vec::new());
    }
    let parts: Vec<String> = text::to_half_width(raw)
        .split(|c: char| "/、,，;；|".contains(c) || c == '或')
        .map(validate::normalize_phone)
        .filter(|p| !p.is_empty())
        .collect();
    let mut first = None;
    let mut others = Vec::new();
    for p in parts {
        if first.is_none() && validate::check_phone(&p).is_ok() {
            first = Some(p);
        } else {
            others.push(p);
        }
    }
    (first, others)
}

/// A cell's text without copying a text cell.
pub(super) fn cell_cow(c: &Cell) -> std::borrow::Cow<'_, str> {
    match c {
        Cell::Text(t) => std::borrow::Cow::Borrowed(t.as_str()),
        other => std::borrow::Cow::Owned(cell_str(other)),
    }
}

/// Characters that [`text::clean`] / [`text::to_half_width_digits_only`] would change.
fn needs_tidying(c: char) -> bool {
    c.is_whitespace() || matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// `text::clean(text::to_half_width_digits_only(s))`, without the work when nothing would
/// change (most cells): single spaces between words are all it may keep.
pub(super) fn tidy(s: &str) -> String {
    let b = s.as_bytes();
    let plain = !s.is_empty()
        && b[0] != b' '
        && b[b.len() - 1] != b' '
        && !s.contains("  ")
        && s.chars().all(|c| c == ' ' || !needs_tidying(c));
    if plain || s.is_empty() {
        s.to_string()
    } else {
        text::clean(&text::to_half_width_digits_only(s))
    }
}

/// `text::clean_name(text::to_half_width_digits_only(s))`, fast when nothing would change.
pub(super) fn tidy_name(s: &str) -> String {
    if s.chars().all(|c| !needs_tidying(c)) {
        s.to_string()
    } else {
        text::clean_name(&text::to_half_width_digits_only(s))
    }
}

/// A cell's text, numbers without a spurious ".0".
pub(super) fn cell_str(c: &Cell) -> String {
    match c {
        Cell::Number(n) => sheet::number_text(*n),
        other => other.text(),
    }
}

/// Half-width, without white space, with full-width colons (the footer words and 是/否 as
/// compared).
pub(super) fn squash(s: &str) -> String {
    text::to_half_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .replace(':', "：")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_yes_no() {
        assert_eq!(parse_count(&Cell::Number(3.0)), Ok(Some(3)));
        assert_eq!(parse_count(&Cell::Text("３人".into())), Ok(Some(3)));
        assert_eq!(parse_count(&Cell::Text("无".into())), Ok(Some(0)));
        assert_eq!(parse_count(&Cell::Text("/".into())), Ok(None));
        assert!(parse_count(&Cell::Text("三".into())).is_err());
        assert!(parse_count(&Cell::Number(2.5)).is_err());
        assert_eq!(parse_yes(&Cell::Text("是".into())), Ok(Some(true)));
        assert_eq!(parse_yes(&Cell::Text(" √ ".into())), Ok(Some(true)));
        assert_eq!(parse_yes(&Cell::Text("否".into())), Ok(Some(false)));
        assert!(parse_yes(&Cell::Text("也许".into())).is_err());
        assert_eq!(parse_area(&Cell::Text("120㎡".into())), Ok(Some(120.0)));
        assert_eq!(parse_kinds("独居老人、残疾人"), vec!["独居老人", "残疾人"]);
        assert!(parse_kinds("无").is_empty());
    }

    #[test]
    fn fast_tidying_is_the_same_as_the_text_module() {
        for s in [
            "",
            " ",
            "张三",
            " 张三",
            "张三 ",
            "张 三",
            "张  三",
            "张\u{3000}三",
            "Li Ming",
            "Li  Ming",
            "幸福村１组",
            "ＡＢ栋3号",
            "a\tb",
            "x\ny",
            "\u{00A0}王",
            "吴䶮",
            "𠮷野家",
        ] {
            assert_eq!(
                tidy(s),
                text::clean(&text::to_half_width_digits_only(s)),
                "{s:?}"
            );
            assert_eq!(
                tidy_name(s),
                text::clean_name(&text::to_half_width_digits_only(s)),
                "{s:?}"
            );
        }
    }

    #[test]
    fn phones() {
        assert_eq!(
            parse_phones("13800138000.0").0.as_deref(),
            Some("13800138000")
        );
        assert_eq!(
            parse_phones("１３８ ００１３ ８０００").0.as_deref(),
            Some("13800138000")
        );
        let (p, o) = parse_phones("13800138000/13900139000");
        assert_eq!(p.as_deref(), Some("13800138000"));
        assert_eq!(o, vec!["13900139000"]);
        assert!(parse_phones("12345").0.is_none());
    }
}
