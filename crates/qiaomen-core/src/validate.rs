//! Field validation: Chinese ID numbers (GB 11643), phone numbers.

use crate::text::to_half_width;

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// Normalises an ID number as typed (full-width digits, lower-case x, spaces).
pub fn normalize_id(s: &str) -> String {
    to_half_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Checks a resident ID number: 18 characters (17 digits, a valid birth date, and the GB
/// 11643 check character), or a first-generation 15-digit number (issued until 2004: area,
/// a birth date 19YYMMDD written YYMMDD, a sequence number, no check digit). Returns a
/// Chinese reason when it is not valid.
pub fn check_id_number(id: &str) -> Result<(), String> {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() == 15 {
        return check_first_generation(id);
    }
    if chars.len() != 18 {
        return Err(format!("身份证号应为 18 位，这里是 {} 位", chars.len()));
    }
    let mut sum = 0u32;
    for (i, c) in chars[..17].iter().enumerate() {
        match c.to_digit(10) {
            Some(d) => sum += d * ID_WEIGHTS[i],
            None => return Err("身份证号前 17 位只能是数字".into()),
        }
    }
    let birth: String = chars[6..14].iter().collect();
    if chrono::NaiveDate::parse_from_str(&birth, "%Y%m%d").is_err() {
        return Err(format!("身份证号中的出生日期“{birth}”不存在"));
    }
    let expected = ID_CHECK[(sum % 11) as usize];
    if chars[17] != expected {
        return Err(format!(
            "身份证号校验位不对（最后一位应为 {expected}），请核对是否抄错"
        ));
    }
    Ok(())
}

/// A 15-digit first-generation ID: digits only, its birth date (19YYMMDD) a real date.
fn check_first_generation(id: &str) -> Result<(), String> {
    if !id.chars().all(|c| c.is_ascii_digit()) {
        return Err("15 位的一代身份证号只能是数字".into());
    }
    let birth = format!("19{}", &id[6..12]);
    if chrono::NaiveDate::parse_from_str(&birth, "%Y%m%d").is_err() {
        return Err(format!(
            "身份证号应为 18 位（或 15 位的一代身份证号），这里 15 位中的出生日期“{}”不存在",
            &id[6..12]
        ));
    }
    Ok(())
}

/// Normalises a phone number as typed or as it comes from a spreadsheet: full-width digits,
/// spaces, a trailing ".0" from a number cell, "+86"/"86" prefixes.
pub fn normalize_phone(s: &str) -> String {
    let mut p: String = to_half_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if let Some(stripped) = p.strip_suffix(".0") {
        p = stripped.to_string();
    }
    if let Some(rest) = p.strip_prefix("+86") {
        p = rest.trim_start_matches('-').to_string();
    } else if p.len() == 13 && p.starts_with("86") && p[2..].starts_with('1') {
        p = p[2..].to_string();
    }
    // 0351 1234567 -> 0351-1234567 (spaces were removed above; "（0351）" style too)
    let p = p.replace(['（', '('], "").replace(['）', ')'], "-");
    let p = p.replace("--", "-");
    let digits: String = p.chars().filter(|c| *c != '-').collect();
    if digits.len() == 11 && digits.starts_with('1') && digits.chars().all(|c| c.is_ascii_digit()) {
        return digits;
    }
    p
}

/// Checks a normalised phone number: an 11-digit mobile, or a landline with its area code
/// (0xx-xxxxxxxx / 0xxx-xxxxxxx, the dash optional, an extension allowed).
pub fn check_phone(p: &str) -> Result<(), String> {
    let digits_only = p.chars().all(|c| c.is_ascii_digit());
    if digits_only && p.len() == 11 && p.starts_with('1') {
        let second = p.as_bytes()[1];
        if (b'3'..=b'9').contains(&second) {
            return Ok(());
        }
        return Err(format!("手机号“{p}”的第二位应为 3 到 9"));
    }
    if p.starts_with('0') {
        let parts: Vec<&str> = p.split('-').collect();
        let all_digits = parts
            .iter()
            .all(|x| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit()));
        if all_digits {
            let ok = match parts.as_slice() {
                [one] => (10..=12).contains(&one.len()),
                [area, local] | [area, local, _] => {
                    (3..=4).contains(&area.len()) && (7..=8).contains(&local.len())
                }
                _ => false,
            };
            if ok {
                return Ok(());
            }
        }
    }
    Err(format!(
        "电话号码“{p}”格式不对：手机号为 11 位数字，座机请带区号（如 0358-1234567）"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_numbers() {
        // GB 11643 example number.
        assert!(check_id_number("11010519491231002X").is_ok());
        assert!(check_id_number("110105194912310021").is_err());
        assert!(check_id_number("11010519491331002X").is_err()); // month 13
        assert!(check_id_number("1101051949123100").is_err());
        // First generation, 15 digits: 1949-12-31, sequence 002.
        assert!(check_id_number("110105491231002").is_ok());
        assert!(check_id_number("110105491331002").is_err()); // month 13
        assert!(check_id_number("11010549123100X").is_err());
        assert_eq!(
            normalize_id(" １１０１０５１９４９１２３１００２x "),
            "11010519491231002X"
        );
        assert!(check_id_number(&normalize_id("11010519491231002x")).is_ok());
    }

    #[test]
    fn phones() {
        assert_eq!(normalize_phone("13800138000.0"), "13800138000");
        assert_eq!(normalize_phone("１３８ ００１３ ８０００"), "13800138000");
        assert_eq!(normalize_phone("+86 138-0013-8000"), "13800138000");
        assert!(check_phone("13800138000").is_ok());
        assert!(check_phone("12800138000").is_err());
        assert!(check_phone("0358-1234567").is_ok());
        assert!(check_phone("03581234567").is_ok());
        assert!(check_phone(&normalize_phone("（0358）1234567")).is_ok());
        assert!(check_phone("12345").is_err());
        assert!(check_phone("1380013800").is_err());
    }
}
