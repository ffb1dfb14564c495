//! Reading what a clerk types into a cell: counts, dates, periods, labels and the header
//! words of the number columns.

use crate::sheet::Cell;
use crate::stats::Column;
use chrono::NaiveDate;

/// Text without white space, full-width ASCII folded to half-width.
pub(super) fn squeeze(s: &str) -> String {
    crate::text::to_half_width(s)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{00A0}')
        .collect()
}

/// Which number column a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HeaderHit {
    Col(Column),
    /// 整改 without 重大: the first or the second 整改 column, decided by position.
    Rectified,
}

pub(super) fn header_hit(s: &str) -> Option<HeaderHit> {
    let t = squeeze(s);
    if t.is_empty() || t.chars().count() > 20 || t.contains("情况") {
        return None;
    }
    if t.contains("次数") || t == "次" || t == "场次" {
        return Some(HeaderHit::Col(Column::Sessions));
    }
    if t.contains("人数") || t == "人次" {
        return Some(HeaderHit::Col(Column::People));
    }
    if t.contains("重大") {
        return Some(HeaderHit::Col(if t.contains("整改") {
            Column::MajorRectified
        } else {
            Column::Major
        }));
    }
    if t.contains("整改") {
        return Some(HeaderHit::Rectified);
    }
    if t.contains("隐患总数") || t.contains("隐患数") || t.starts_with("隐患") || t.contains("总数")
    {
        return Some(HeaderHit::Col(Column::Hazards));
    }
    None
}

/// A count as typed: numbers, numbers typed as text (全角 too, with 条/次/人), empty = 0.
pub(super) fn read_count(c: &Cell) -> std::result::Result<i64, ()> {
    match c {
        Cell::Empty => Ok(0),
        Cell::Number(n) if n.is_finite() && n.fract() == 0.0 && *n >= 0.0 && *n < 1e12 => {
            Ok(*n as i64)
        }
        Cell::Text(s) => {
            let t: String = squeeze(s)
                .chars()
                .filter(|c| !matches!(c, ',' | '，' | '条' | '次' | '人' | '个' | '场' | '户'))
                .collect();
            if t.is_empty() || matches!(t.as_str(), "-" | "—" | "--" | "——" | "/" | "无" | "0")
            {
                return Ok(0);
            }
            let t = t.strip_suffix(".0").unwrap_or(&t);
            t.parse::<i64>().ok().filter(|n| *n >= 0).ok_or(())
        }
        _ => Err(()),
    }
}

pub(super) const LABEL_STOPS: [&str; 9] = [
    "报送单位",
    "填报单位",
    "联系人",
    "联系电话",
    "电话",
    "报送时间",
    "填报时间",
    "报送日期",
    "填报日期",
];

/// The text after `label` in `s`: skips a bracketed qualifier "（乡镇/部门）" and a colon,
/// stops at the next label. None when `s` does not hold the label.
pub(super) fn after_label(s: &str, labels: &[&str]) -> Option<String> {
    let (pos, len) = labels
        .iter()
        .filter_map(|l| s.find(l).map(|p| (p, l.len())))
        .min_by_key(|(p, _)| *p)?;
    let mut rest = s[pos + len..].trim_start();
    if rest.starts_with('（') || rest.starts_with('(') {
        if let Some(end) = rest.find(['）', ')']) {
            let close = rest[end..].chars().next().map_or(1, char::len_utf8);
            rest = &rest[end + close..];
        }
    }
    let rest = rest.trim_start_matches([':', '：', ' ', '\u{3000}', '\t']);
    let cut = LABEL_STOPS
        .iter()
        .filter_map(|l| rest.find(l))
        .min()
        .unwrap_or(rest.len());
    Some(
        crate::text::clean(&rest[..cut])
            .trim_end_matches([':', '：', ',', '，', ';', '；'])
            .trim()
            .to_string(),
    )
}

/// A date written in a cell: a date cell, an Excel serial, or text as clerks type it.
pub(super) fn cell_date(c: &Cell) -> Option<NaiveDate> {
    match c {
        Cell::Date(d) => Some(*d),
        Cell::Number(n) if (30000.0..80000.0).contains(n) && n.fract() == 0.0 => {
            NaiveDate::from_ymd_opt(1899, 12, 30)?
                .checked_add_signed(chrono::Duration::days(*n as i64))
        }
        Cell::Text(s) => text_date(s),
        _ => None,
    }
}

pub(super) fn text_date(s: &str) -> Option<NaiveDate> {
    let t = squeeze(s);
    let t = t.trim_end_matches(['。', '.']);
    crate::parse_date(t).ok()
}

/// Splits "2024年11月23日至2024年12月22日" (至 / 到 / ~ / — / –) into two dates.
pub(super) fn text_range(s: &str) -> Option<(NaiveDate, NaiveDate)> {
    let t = squeeze(s);
    for sep in ["至", "到", "~", "～", "—", "–", "－"] {
        if let Some((a, b)) = t.split_once(sep) {
            let b = b.trim_start_matches(sep);
            if let (Some(a), Some(b)) = (text_date(a), text_date(b)) {
                return Some((a, b));
            }
        }
    }
    // 2024-11-23-2024-12-22
    if t.len() == 21 && t.is_char_boundary(10) && t.as_bytes().get(10) == Some(&b'-') {
        if let (Some(a), Some(b)) = (text_date(&t[..10]), text_date(&t[11..])) {
            return Some((a, b));
        }
    }
    None
}

/// "2024年12月" in a title: the month it names.
pub(super) fn text_month(s: &str) -> Option<(i32, u32)> {
    let t = squeeze(s);
    let y = t.find('年')?;
    let head = &t[..y];
    let digits: String = head
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if digits.len() != 4 {
        return None;
    }
    let rest = &t[y + '年'.len_utf8()..];
    let m_end = rest.find('月')?;
    let m: u32 = rest[..m_end].parse().ok()?;
    let yv: i32 = digits.parse().ok()?;
    ((1..=12).contains(&m)).then_some((yv, m))
}
