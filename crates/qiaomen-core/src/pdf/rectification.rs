//! The 隐患整改通知书 handed to a household for one hazard (the DOMAIN's 限期整改): who,
//! what was found, what to do, by when, the 防控措施 in place and whether it was reported
//! (上报) upward, and the office. The lower part is the receipt the household signs, cut off
//! and kept by the office.

use super::canvas::{fit, line_height, Align, Doc, Page, VAlign, A4_W};
use super::fonts::Fonts;
use super::{Rendered, PT_MM};
use crate::error::Result;

/// What a rectification notice says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RectificationData {
    /// Notice number (e.g. the household code and the hazard's date).
    pub number: String,
    /// 检查地点(对象)名称: whom the notice is addressed to.
    pub household_name: String,
    /// The household's short code (03017), printed beside the name; empty leaves it out.
    pub household_code: String,
    /// The household's address, printed under the name; empty leaves the line out.
    pub address: String,
    /// Visit date, as printed (2024年12月23日).
    pub found_on: String,
    /// 隐患情况
    pub description: String,
    /// 类别 (行动名称)
    pub category: String,
    /// 重大隐患: prints "存在以下重大安全隐患" instead of "安全隐患".
    pub major: bool,
    /// 整改要求
    pub rectification: String,
    /// 整改期限, as printed; '' when none was set.
    pub deadline: String,
    /// Issuing office, its contact and phone.
    pub unit: String,
    /// The office's contact person (联系人); empty leaves it out.
    pub contact: String,
    /// The office's phone; empty leaves it out.
    pub phone: String,
    /// Issue date, as printed.
    pub issued_on: String,
    /// 防控措施 in place, oldest first: (date as printed, what was done).
    pub measures: Vec<(String, String)>,
    /// 上报: to whom ('' when the hazard was not escalated) and the date, as printed.
    pub escalated_to: String,
    /// 上报 date as printed (2024年12月23日); used only when `escalated_to` is not empty.
    pub escalated_on: String,
}

const L: f32 = 22.0;
const W: f32 = A4_W - 44.0;
const S: f32 = 12.0;
/// The receipt starts here unless the notice runs longer.
const RECEIPT_TOP: f32 = 222.0;

/// Renders the notice on one A4 page.
pub fn render(d: &RectificationData) -> Result<Rendered> {
    let fonts = Fonts::builtin()?;
    let mut doc = Doc::new(fonts, "隐患整改通知书");
    let mut p = doc.page();
    let y = notice(&mut p, d);
    receipt(&mut p, d, RECEIPT_TOP.max(y + 14.0));
    doc.add(p);
    doc.finish()
}

/// The issuing office as printed.
fn unit(d: &RectificationData) -> &str {
    if d.unit.is_empty() {
        "本村（社区）"
    } else {
        d.unit.as_str()
    }
}

/// A wrapped paragraph at `y` (moved past it), indented by two ideographic spaces.
fn para(p: &mut Page, y: &mut f32, text: &str, indent: bool) {
    let t = if indent {
        format!("\u{3000}\u{3000}{text}")
    } else {
        text.to_string()
    };
    for l in p.wrap(&t, W, S) {
        p.text(L, *y + S * PT_MM * 0.88, S, &l);
        *y += line_height(S) + 1.0;
    }
}

/// A bordered box of height `h` at `y` holding `text` (shrunk to fit); `y` moves past it.
fn boxed(p: &mut Page, y: &mut f32, h: f32, text: &str) {
    p.rect(L, *y, W, h, 0.8);
    p.text_box(
        L + 3.0,
        *y + 3.0,
        W - 6.0,
        h - 6.0,
        S,
        7.0,
        Align::Left,
        VAlign::Top,
        text,
    );
    *y += h + 5.0;
}

/// The notice itself, from the title to the issue date; returns where it ends.
fn notice(p: &mut Page, d: &RectificationData) -> f32 {
    let mut y = 20.0;
    p.text_line(L, y, W, 22.0, Align::Center, "隐患整改通知书");
    y += 13.0;
    if !d.number.is_empty() {
        p.text_line(L, y, W, 10.5, Align::Right, &format!("编号：{}", d.number));
    }
    y += 8.0;
    let who = if d.household_code.is_empty() {
        d.household_name.clone()
    } else {
        format!("{}（户编号 {}）", d.household_name, d.household_code)
    };
    para(p, &mut y, &format!("{who}："), false);
    if !d.address.is_empty() {
        para(p, &mut y, &format!("（地址：{}）", d.address), false);
    }
    let major = if d.major { "重大" } else { "" };
    para(
        p,
        &mut y,
        &format!(
            "{}，{}在冬季安全“敲门行动”入户检查中，发现你户（单位）存在以下{major}安全隐患（{}）：",
            d.found_on,
            unit(d),
            d.category
        ),
        true,
    );
    y += 2.0;
    // With measures or an escalation to print, the two boxes give them room.
    let follow_up = !d.measures.is_empty() || !d.escalated_to.is_empty();
    let box_h = if follow_up { 24.0 } else { 34.0 };
    boxed(p, &mut y, box_h, &d.description);
    para(p, &mut y, "整改要求：", false);
    y += 1.0;
    let req = if d.rectification.is_empty() {
        "请按上述隐患逐项整改。"
    } else {
        d.rectification.as_str()
    };
    boxed(p, &mut y, box_h, req);
    if follow_up {
        measures_and_escalation(p, &mut y, d);
    }
    let by = if d.deadline.is_empty() {
        "请立即整改".to_string()
    } else {
        format!("请于{}前整改到位", d.deadline)
    };
    para(
        p,
        &mut y,
        &format!("{by}。整改期间请做好防范措施，确保安全。我们将上门回访，帮助你户（单位）把隐患整改到位。"),
        true,
    );
    let mut contact = String::new();
    if !d.contact.is_empty() {
        contact.push_str(&format!("联系人：{}", d.contact));
    }
    if !d.phone.is_empty() {
        if !contact.is_empty() {
            contact.push('　');
        }
        contact.push_str(&format!("电话：{}", d.phone));
    }
    if !contact.is_empty() {
        para(p, &mut y, &contact, true);
    }
    y += 10.0;
    p.text_line(
        L,
        y,
        W - 10.0,
        S,
        Align::Right,
        &format!("{}（盖章）", unit(d)),
    );
    y += line_height(S) + 3.0;
    p.text_line(L, y, W - 10.0, S, Align::Right, &d.issued_on);
    y
}

/// 已落实的防控措施 (a box, one line each) and the 上报 sentence.
fn measures_and_escalation(p: &mut Page, y: &mut f32, d: &RectificationData) {
    if !d.measures.is_empty() {
        para(p, y, "已落实的防控措施：", false);
        *y += 1.0;
        let text = measures_text(p, &d.measures, MEASURES_H);
        boxed(p, y, MEASURES_H, &text);
    }
    if !d.escalated_to.is_empty() {
        para(
            p,
            y,
            &format!(
                "该隐患一时难以整改到位，{}已于{}上报{}协调解决。",
                unit(d),
                d.escalated_on,
                d.escalated_to
            ),
            true,
        );
    }
}

/// Height of the measures box: the notice stays one page however many there are.
const MEASURES_H: f32 = 22.0;
/// The smallest size the measures are printed at; older ones give way below it.
const MEASURES_MIN: f32 = 8.0;

/// The measures, one a line, that fit a box of height `h` at 8 pt or more: the newest
/// ones, with a line saying how many older ones the ledger holds. A single measure too long
/// for the box is cut with "……".
fn measures_text(p: &Page, measures: &[(String, String)], h: f32) -> String {
    let inner_w = W - 6.0;
    let inner_h = h - 6.0;
    let fits = |text: &str| {
        let (size, lines) = fit(p.fonts(), text, inner_w, inner_h, S, MEASURES_MIN);
        let lh = line_height(size);
        lh * lines.len() as f32 - (lh - size * PT_MM) <= inner_h + 0.01
    };
    let line = |(date, what): &(String, String)| format!("{date}　{what}");
    for skip in 0..measures.len() {
        let mut lines: Vec<String> = Vec::new();
        if skip > 0 {
            lines.push(format!("（另有较早的 {skip} 条，见隐患台账）"));
        }
        lines.extend(measures[skip..].iter().map(line));
        let text = lines.join("\n");
        if fits(&text) {
            return text;
        }
    }
    // Only the newest is left and it is still too long: cut it.
    let newest = measures.last().map(line).unwrap_or_default();
    let mut chars: Vec<char> = newest.chars().collect();
    let prefix = if measures.len() > 1 {
        format!("（另有较早的 {} 条，见隐患台账）\n", measures.len() - 1)
    } else {
        String::new()
    };
    while !chars.is_empty() {
        chars.pop();
        let text = format!("{prefix}{}……", chars.iter().collect::<String>());
        if fits(&text) {
            return text;
        }
    }
    prefix
}

/// The receipt below the dashed line at `ry`, cut off and kept by the office.
fn receipt(p: &mut Page, d: &RectificationData, ry: f32) {
    p.dashed_line(10.0, ry, A4_W - 10.0, ry, 0.5);
    p.text_line(
        L,
        ry - 4.2,
        W,
        8.0,
        Align::Center,
        "（沿虚线剪下，回执由村（社区）留存）",
    );
    let mut y = ry + 8.0;
    p.text_line(L, y, W, 15.0, Align::Center, "隐患整改通知书回执");
    y += 11.0;
    para(
        p,
        &mut y,
        &format!(
            "{}（{}）已收到{}于{}开具的隐患整改通知书{}，知晓隐患情况和整改要求，将按期整改。",
            d.household_name,
            if d.household_code.is_empty() {
                "—"
            } else {
                d.household_code.as_str()
            },
            unit(d),
            d.issued_on,
            if d.number.is_empty() {
                String::new()
            } else {
                format!("（编号：{}）", d.number)
            }
        ),
        true,
    );
    y += 10.0;
    let base = y + S * PT_MM * 0.88;
    let lw = p.text(L, base, S, "签收人：");
    p.line(L + lw, base + 1.2, L + 70.0, base + 1.2, 0.5);
    let dx = L + 95.0;
    let dw = p.text(dx, base, S, "签收日期：");
    let mut x = dx + dw;
    for (unit, width) in [("年", 14.0), ("月", 8.0), ("日", 8.0)] {
        p.line(x, base + 1.2, x + width, base + 1.2, 0.5);
        x += width;
        x += p.text(x, base, S, unit);
    }
}
