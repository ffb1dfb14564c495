//! Writes a [`Narrative`] as a Word document in the layout of a Chinese official report:
//! A4, title in 黑体, body in 仿宋 三号 with 28 pt lines and two-character indents, the
//! statistics table with the official two-level header, the weekly chart as a picture.
//! Word, WPS and LibreOffice substitute the fonts they have.

use super::chart;
use super::{percent, Narrative};
use crate::category::Category;
use crate::dates::show_iso;
use crate::error::{Error, Result};
use crate::hazards::{EscalatedHazard, Hazard};
use crate::rounds::Coverage;
use crate::stats::{Column, StatsRow, StatsTable, TITLE};
use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph, Pic,
    Run, RunFonts, SpecialIndentType, Table, TableCell, TableRow, VAlignType, VMergeType,
    WidthType,
};

/// Font sizes in half-points: 二号 (title), 三号 (body), 五号 (tables).
const TITLE_SIZE: usize = 44;
const BODY: usize = 32;
const SMALL: usize = 21;
/// The text width of A4 with the official margins (twips).
const TEXT_WIDTH: usize = 8844;
/// The picture's width on the page: 15.6 cm in EMU.
const PICTURE_EMU: u32 = 5_616_000;
const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn fonts(name: &str) -> RunFonts {
    RunFonts::new().east_asia(name).ascii(name).hi_ansi(name)
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(font)).size(size)
}

fn spacing() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(560)
}

/// A body paragraph: 仿宋, two characters of first-line indent.
fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, "仿宋", BODY))
        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
        .line_spacing(spacing())
}

/// A first-level heading (一、…) in 黑体.
fn heading(n: usize, text: &str) -> Paragraph {
    let numeral = NUMERALS.get(n).copied().unwrap_or("");
    Paragraph::new()
        .add_run(run(&format!("{numeral}、{text}"), "黑体", BODY))
        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
        .line_spacing(spacing())
        .keep_next(true)
}

fn centered(text: &str, font: &str, size: usize) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, font, size))
        .align(AlignmentType::Center)
        .line_spacing(spacing())
}

/// A table cell with one line of small text.
fn cell(text: &str, width: usize, align: AlignmentType) -> TableCell {
    TableCell::new()
        .add_paragraph(
            Paragraph::new()
                .add_run(run(text, "宋体", SMALL))
                .align(align),
        )
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
}

fn head(text: &str, width: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(
            Paragraph::new()
                .add_run(run(text, "黑体", SMALL))
                .align(AlignmentType::Center),
        )
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
}

fn table(widths: &[usize], rows: Vec<TableRow>) -> Table {
    Table::new(rows)
        .set_grid(widths.to_vec())
        .width(widths.iter().sum(), WidthType::Dxa)
}

/// A simple table: one header row, then the rows; the first column left-aligned.
fn simple_table(columns: &[(&str, usize)], rows: &[Vec<String>]) -> Table {
    let widths: Vec<usize> = columns.iter().map(|c| c.1).collect();
    let mut out = vec![TableRow::new(
        columns.iter().map(|(t, w)| head(t, *w)).collect(),
    )];
    for r in rows {
        out.push(TableRow::new(
            r.iter()
                .zip(&widths)
                .enumerate()
                .map(|(i, (t, w))| {
                    let a = if i == 0 || t.chars().count() > 8 {
                        AlignmentType::Left
                    } else {
                        AlignmentType::Center
                    };
                    cell(t, *w, a)
                })
                .collect(),
        ));
    }
    table(&widths, out)
}

/// 宣传2次、150人，排查隐患3条、整改2条，其中重大隐患1条、整改1条。
pub(super) fn figures(r: &StatsRow) -> String {
    format!(
        "宣传{}次、{}人，排查隐患{}条、整改{}条，其中重大隐患{}条、整改{}条。",
        r.sessions, r.people, r.hazards, r.rectified, r.major, r.major_rectified
    )
}

/// The statistics table with the official two-level header and the seven rows.
fn stats_table(t: &StatsTable) -> Table {
    let first = 2400;
    let w = (TEXT_WIDTH - first) / 6;
    let mut widths = vec![first];
    widths.extend([w; 6]);
    let top = TableRow::new(vec![
        head("行动名称", first).vertical_merge(VMergeType::Restart),
        head("宣传情况", 2 * w).grid_span(2),
        head("隐患排查整改情况", 4 * w).grid_span(4),
    ]);
    let mut second = vec![head("", first).vertical_merge(VMergeType::Continue)];
    second.extend(Column::ALL.iter().map(|c| head(c.header(), w)));
    let mut rows = vec![top, TableRow::new(second)];
    for r in &t.rows {
        let mut cells = vec![cell(&r.action, first, AlignmentType::Left)];
        cells.extend(
            Column::ALL
                .iter()
                .map(|c| cell(&r.get(*c).to_string(), w, AlignmentType::Center)),
        );
        rows.push(TableRow::new(cells));
    }
    table(&widths, rows)
}

fn overview(n: &Narrative) -> String {
    let t = &n.table.total;
    let when = if n.summary { "本次行动" } else { "本期" };
    format!(
        "{when}（{}至{}），{}共开展安全宣传{}次、覆盖{}人；入户检查{}户次，涉及{}户；排查隐患{}条，\
         整改{}条，其中重大隐患{}条、整改{}条。",
        show_iso(&n.period.from),
        show_iso(&n.period.to),
        n.settings.unit_name,
        t.sessions,
        t.people,
        n.visits,
        n.visited_households,
        t.hazards,
        t.rectified,
        t.major,
        t.major_rectified
    )
}

fn round_text(c: &Coverage) -> String {
    let mut s = format!(
        "{}（{}至{}）：应入户{}户，已入户{}户，未入户{}户，覆盖率{}。",
        c.round.name,
        show_iso(&c.round.start_date),
        show_iso(&c.round.end_date),
        c.households,
        c.visited,
        c.not_visited,
        percent(c.visited, c.households)
    );
    let behind: Vec<String> = c
        .grids
        .iter()
        .filter(|g| g.not_visited > 0)
        .map(|g| format!("{}（未入户{}户）", g.grid, g.not_visited))
        .collect();
    if behind.is_empty() {
        s.push_str("各网格均已全部入户。");
    } else {
        s.push_str(&format!("尚未全部入户的网格：{}。", behind.join("、")));
    }
    s
}

fn overdue_rows(n: &Narrative) -> Vec<Vec<String>> {
    let days = |h: &Hazard| {
        h.deadline
            .as_deref()
            .and_then(|d| crate::parse_date(d).ok())
            .map(|d| (n.report_date - d).num_days().to_string())
            .unwrap_or_default()
    };
    n.overdue
        .iter()
        .enumerate()
        .map(|(i, h)| {
            vec![
                (i + 1).to_string(),
                h.household_name.clone(),
                h.household_address.clone(),
                h.description.clone(),
                show_iso(&h.found_on),
                h.deadline.as_deref().map(show_iso).unwrap_or_default(),
                days(h),
            ]
        })
        .collect()
}

fn escalated_text(i: usize, e: &EscalatedHazard) -> String {
    let h = &e.hazard;
    let mut s = format!(
        "{}. {}（{}）：{}",
        i + 1,
        h.household_name,
        h.household_address,
        h.description
    );
    if let Some(x) = &h.escalation {
        s.push_str(&format!(
            "，{}上报{}",
            show_iso(&x.escalated_on),
            x.escalated_to
        ));
        if !x.note.trim().is_empty() {
            s.push_str(&format!("（{}）", x.note.trim()));
        }
    }
    if e.measures.is_empty() {
        s.push_str("；尚未记录防控措施");
    } else {
        let m: Vec<String> = e
            .measures
            .iter()
            .map(|m| format!("{}{}", show_iso(&m.taken_on), m.description))
            .collect();
        s.push_str(&format!("；防控措施：{}", m.join("；")));
    }
    s.push_str(&format!("。目前{}。", h.status.label()));
    s
}

fn month_rows(n: &Narrative) -> Vec<Vec<String>> {
    let line = |label: &str, r: &StatsRow| {
        let mut v = vec![label.to_string()];
        v.extend(Column::ALL.iter().map(|c| r.get(*c).to_string()));
        v
    };
    let mut rows: Vec<Vec<String>> = n
        .months
        .iter()
        .map(|(p, t)| line(&p.label, &t.total))
        .collect();
    rows.push(line("合计", &n.table.total));
    rows
}

/// The document's parts in order.
fn document(n: &Narrative, picture: Vec<u8>) -> Docx {
    let mut d = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(2098)
                .bottom(1984)
                .left(1588)
                .right(1474),
        )
        .default_fonts(fonts("仿宋"))
        .default_size(BODY)
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .add_page_num(PageNum::new())
                    .align(AlignmentType::Center),
            ),
        )
        .add_paragraph(centered(&n.title, "黑体", TITLE_SIZE))
        .add_paragraph(centered(
            &format!(
                "（{}至{}）",
                show_iso(&n.period.from),
                show_iso(&n.period.to)
            ),
            "楷体",
            BODY,
        ))
        .add_paragraph(Paragraph::new());
    let mut sec = 0;
    let mut next = |d: Docx, text: &str| {
        let p = heading(sec, text);
        sec += 1;
        d.add_paragraph(p)
    };
    d = next(d, "总体情况").add_paragraph(body(&overview(n)));
    d = next(d, "各类行动开展情况");
    for (i, r) in n.table.rows.iter().enumerate() {
        let name = Category::ALL.get(i).map_or(r.action.as_str(), |c| c.name());
        d = d.add_paragraph(body(&format!("（{}）{name}。{}", NUMERALS[i], figures(r))));
    }
    d = next(d, "入户覆盖情况");
    if n.rounds.is_empty() {
        d = d.add_paragraph(body("本期没有设置入户轮次。"));
    }
    for c in &n.rounds {
        d = d.add_paragraph(body(&round_text(c)));
    }
    d = next(d, "未整改和超期隐患");
    let mut s = format!(
        "截至{}，{}以前发现的隐患中尚有{}条未整改",
        crate::date_cn(n.report_date),
        show_iso(&n.period.to),
        n.open
    );
    s.push_str(&match (n.open, n.overdue.len()) {
        (0, _) => "。".to_string(),
        (_, 0) => "，均在整改期限内。".to_string(),
        (_, k) => format!("，其中{k}条已超过整改期限，见下表。"),
    });
    d = d.add_paragraph(body(&s));
    if !n.overdue.is_empty() {
        let cols = [
            ("序号", 700),
            ("户主/场所", 1160),
            ("地址", 1900),
            ("隐患", 2084),
            ("发现日期", 1100),
            ("整改期限", 1100),
            ("超期天数", 800),
        ];
        d = d.add_table(simple_table(&cols, &overdue_rows(n)));
    }
    d = next(d, "上报和防控措施");
    if n.escalated.is_empty() {
        d = d.add_paragraph(body("本期没有需要上报的隐患。"));
    } else {
        d = d.add_paragraph(body(&format!(
            "{}条隐患一时无法整改，已向上级报告并落实防控措施：",
            n.escalated.len()
        )));
        for (i, e) in n.escalated.iter().enumerate() {
            d = d.add_paragraph(body(&escalated_text(i, e)));
        }
    }
    d = next(d, "统计表");
    d = d
        .add_paragraph(centered(TITLE, "黑体", BODY))
        .add_paragraph(body(&format!(
            "报送单位（乡镇/部门）：{}　联系人：{}　报送时间：{}",
            n.settings.unit_name,
            n.settings.contact,
            crate::date_cn(n.report_date)
        )))
        .add_table(stats_table(&n.table))
        .add_paragraph(Paragraph::new());
    d = next(d, "每周情况");
    let h = (u64::from(PICTURE_EMU) * u64::from(chart::HEIGHT) / u64::from(chart::WIDTH)) as u32;
    d = d.add_paragraph(
        Paragraph::new()
            .add_run(Run::new().add_image(
                Pic::new_with_dimensions(picture, chart::WIDTH, chart::HEIGHT).size(PICTURE_EMU, h),
            ))
            .align(AlignmentType::Center),
    );
    if n.summary {
        d = next(d, "各月情况");
        let w = 1074;
        let cols = [
            ("报送期", TEXT_WIDTH - 6 * w),
            ("宣传次数", w),
            ("宣传人数", w),
            ("隐患总数", w),
            ("整改", w),
            ("重大隐患", w),
            ("重大隐患整改", w),
        ];
        d = d.add_table(simple_table(&cols, &month_rows(n)));
    }
    let right = |t: &str| {
        Paragraph::new()
            .add_run(run(t, "仿宋", BODY))
            .align(AlignmentType::Right)
            .line_spacing(spacing())
    };
    let mut contact = format!("联系人：{}", n.settings.contact);
    if !n.settings.phone.is_empty() {
        contact.push_str(&format!("　联系电话：{}", n.settings.phone));
    }
    d.add_paragraph(Paragraph::new())
        .add_paragraph(right(&n.settings.unit_name))
        .add_paragraph(right(&crate::date_cn(n.report_date)))
        .add_paragraph(right(&contact))
}

/// The .docx file's bytes.
pub(super) fn write(n: &Narrative) -> Result<Vec<u8>> {
    let picture = chart::weekly_png(&n.weeks, "各周发现和整改的隐患条数")?;
    let mut out = std::io::Cursor::new(Vec::new());
    document(n, picture)
        .build()
        .pack(&mut out)
        .map_err(|e| Error::internal("程序内部错误：Word 文档没有生成出来。").with_cause(e))?;
    Ok(out.into_inner())
}
