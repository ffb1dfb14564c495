//! Text normalisation shared by entry, import and search: full-width characters, stray
//! spaces, pinyin initials.

use pinyin::ToPinyin;

/// Converts full-width ASCII (１３８, ＡＢ, full-width space) to half-width.
pub fn to_half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Trims and folds runs of white space (ASCII, full-width, NBSP, line breaks) to one space.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{3000}' || c == '\u{00A0}' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// A person's or place's name: all white space removed between CJK characters
/// ("张 三" -> "张三"), kept single between Latin words.
pub fn clean_name(s: &str) -> String {
    let c = clean(s);
    let chars: Vec<char> = c.chars().collect();
    let mut out = String::with_capacity(c.len());
    for (i, &ch) in chars.iter().enumerate() {
        if ch == ' ' {
            let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
            let next = chars.get(i + 1).copied();
            let latin = |o: Option<char>| o.is_some_and(|x| x.is_ascii_alphanumeric());
            if latin(prev) && latin(next) {
                out.push(' ');
            }
        } else {
            out.push(ch);
        }
    }
    out
}

/// Pinyin initials of a name for search: 张三 -> "zs". Latin letters and digits are kept
/// (lower case); characters without a known reading are skipped.
pub fn pinyin_initials(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(p) = c.to_pinyin() {
            out.push_str(p.first_letter());
        }
    }
    out
}

/// Full-width digits and Latin letters to half-width, leaving CJK punctuation alone.
pub fn to_half_width_digits_only(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_width_and_spaces() {
        assert_eq!(to_half_width("１３８　００"), "138 00");
        assert_eq!(clean("  张\u{3000} 三\n "), "张 三");
        assert_eq!(clean_name(" 张\u{3000}三 "), "张三");
        assert_eq!(clean_name("Li  Ming"), "Li Ming");
    }

    #[test]
    fn initials() {
        assert_eq!(pinyin_initials("张三"), "zs");
        assert_eq!(pinyin_initials("王小明"), "wxm");
        // Rare characters must not break anything.
        assert!(pinyin_initials("李䶮").starts_with('l'));
        assert!(pinyin_initials("𠮷野家").len() <= 3);
        assert_eq!(pinyin_initials("A栋3号"), "ad3h");
    }
}
