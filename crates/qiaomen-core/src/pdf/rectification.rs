//! The 隐患整改通知书 handed to a household for one hazard (the DOMAIN's 限期整改): who,
//! what was found, what to do, by when, and the office. The lower part is the receipt the
//! household signs, cut off and kept by the office.

use super::canvas::{line_height, Align, Doc, VAlign, A4_W};
use super::fonts::Fonts;
use super::{Rendered, PT_MM};
use crate::error::Result;

/// What a rectification notice says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RectificationData {
    /// Notice number (e.g. the household code and the hazard's date).
    pub number: String,
    pub household_name: String,
    pub household_code: String,
    pub address: String,
    /// Visit date, as printed (2024年12月23日).
    pub found_on: String,
    /// 隐患情况
    pub description: String,
    /// 类别 (行动名称)
    pub category: String,
    pub major: bool,
    /// 整改要求
    pub rectification: String,
    /// 整改期限, as printed; '' when none was set.
    pub deadline: String,
    /// Issuing office, its contact and phone.
    pub unit: String,
    pub contact: String,
    pub phone: String,
    /// Issue date, as printed.
    pub issued_on: String,
}

const L: f32 = 22.0;
const W: f32 = A4_W - 44.0;
const S: f32 = 12.0;

/// Renders the notice on one A4 page.
pub fn render(d: &RectificationData) -> Result<Rendered> {
    let fonts = Fonts::builtin()?;
    let mut doc = Doc::new(fonts, "隐患整改通知书");
    let mut p = doc.page();
    let mut y = 20.0;
    p.text_line(L, y, W, 22.0, Align::Center, "隐患整改通知书");
    y += 13.0;
    if !d.number.is_empty() {
        p.text_line(L, y, W, 10.5, Align::Right, &format!("编号：{}", d.number));
    }
    y += 8.0;
    let unit = if d.unit.is_empty() {
        "本村（社区）"
    } else {
        d.unit.as_str()
    };
    let who = if d.household_code.is_empty() {
        d.household_name.clone()
    } else {
        format!("{}（户编号 {}）", d.household_name, d.household_code)
    };
    let para = |p: &mut super::Page, y: &mut f32, text: &str, indent: bool| {
        let t = if indent {
            format!("\u{3000}\u{3000}{text}")
        } else {
            text.to_string()
        };
        for l in p.wrap(&t, W, S) {
            p.text(L, *y + S * PT_MM * 0.88, S, &l);
            *y += line_height(S) + 1.0;
        }
    };
    para(&mut p, &mut y, &format!("{who}："), false);
    if !d.address.is_empty() {
        para(&mut p, &mut y, &format!("（地址：{}）", d.address), false);
    }
    let major = if d.major { "重大" } else { "" };
    para(
        &mut p,
        &mut y,
        &format!(
            "{}，{unit}在冬季安全“敲门行动”入户检查中，发现你户（单位）存在以下{major}安全隐患（{}）：",
            d.found_on, d.category
        ),
        true,
    );
    y += 2.0;
    let box_h = 34.0;
    p.rect(L, y, W, box_h, 0.8);
    p.text_box(
        L + 3.0,
        y + 3.0,
        W - 6.0,
        box_h - 6.0,
        S,
        7.0,
        Align::Left,
        VAlign::Top,
        &d.description,
    );
    y += box_h + 5.0;
    para(&mut p, &mut y, "整改要求：", false);
    y += 1.0;
    p.rect(L, y, W, box_h, 0.8);
    let req = if d.rectification.is_empty() {
        "请按上述隐患逐项整改。"
    } else {
        d.rectification.as_str()
    };
    p.text_box(
        L + 3.0,
        y + 3.0,
        W - 6.0,
        box_h - 6.0,
        S,
        7.0,
        Align::Left,
        VAlign::Top,
        req,
    );
    y += box_h + 5.0;
    let by = if d.deadline.is_empty() {
        "请立即整改".to_string()
    } else {
        format!("请于{}前整改到位", d.deadline)
    };
    para(
        &mut p,
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
        para(&mut p, &mut y, &contact, true);
    }
    y += 10.0;
    p.text_line(L, y, W - 10.0, S, Align::Right, &format!("{unit}（盖章）"));
    y += line_height(S) + 3.0;
    p.text_line(L, y, W - 10.0, S, Align::Right, &d.issued_on);

    // Receipt, cut off along the dashed line and kept by the office.
    let ry = 222.0_f32.max(y + 14.0);
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
        &mut p,
        &mut y,
        &format!(
            "{}（{}）已收到{}于{}开具的隐患整改通知书{}，知晓隐患情况和整改要求，将按期整改。",
            d.household_name,
            if d.household_code.is_empty() {
                "—"
            } else {
                d.household_code.as_str()
            },
            unit,
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
    doc.add(p);
    doc.finish()
}
