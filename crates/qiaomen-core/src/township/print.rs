//! What the township sends back to a village: its 未入户名单 for the current round and its
//! list of overdue hazards, as an A4 PDF (the print area's table page) or an .xlsx.

use super::register::missing;
use super::views::{hazards, resolve_village, TwHazardQuery};
use crate::dates::show_iso;
use crate::error::Result;
#[cfg(feature = "pdf")]
use crate::pdf::{render_table, Rendered, TableColumn, TablePage};
use crate::xlsx::{save_workbook, xlsx_err, XlsxStyles};
use rusqlite::Connection;
use rust_xlsxwriter::Workbook;
use std::path::Path;

/// A list ready to print or save: a title, lines under it, columns and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct ListDoc {
    /// The list's title (e.g. 未入户名单).
    pub title: String,
    /// Lines under the title (village, round, as-of date …).
    pub lines: Vec<String>,
    /// (label, relative width, left-aligned)
    pub columns: Vec<(&'static str, f32, bool)>,
    /// The rows, one string per column.
    pub rows: Vec<Vec<String>>,
    /// Lines printed under the table (what to do, who checked).
    pub footer: Vec<String>,
}

impl ListDoc {
    /// The list as an A4 table PDF (title, lines, table, footer).
    #[cfg(feature = "pdf")]
    pub fn pdf(&self) -> Result<Rendered> {
        render_table(&TablePage {
            title: self.title.clone(),
            header_lines: self.lines.clone(),
            columns: self
                .columns
                .iter()
                .map(|(l, w, left)| {
                    let c = TableColumn::new(l, *w);
                    if *left {
                        c.left()
                    } else {
                        c
                    }
                })
                .collect(),
            rows: self.rows.clone(),
            footer_lines: self.footer.clone(),
            landscape: true,
        })
    }

    /// Saves the list as one sheet: A4 landscape, heading row repeated on every page.
    pub fn xlsx(&self, path: &Path) -> Result<usize> {
        let st = XlsxStyles::new();
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let last = self.columns.len().saturating_sub(1) as u16;
        (|| -> Result<(), rust_xlsxwriter::XlsxError> {
            ws.merge_range(0, 0, 0, last, &self.title, &st.title)?;
            ws.set_row_height(0, 28)?;
            let mut r = 1u32;
            for l in &self.lines {
                ws.merge_range(r, 0, r, last, l, &st.note)?;
                r += 1;
            }
            let head = r;
            for (c, (label, w, _)) in self.columns.iter().enumerate() {
                ws.write_string_with_format(head, c as u16, *label, &st.header)?;
                ws.set_column_width(c as u16, (*w as f64 * 8.0).max(6.0))?;
            }
            for (i, row) in self.rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    ws.write_string_with_format(head + 1 + i as u32, c as u16, v, &st.cell)?;
                }
            }
            let mut r = head + 1 + self.rows.len() as u32;
            for l in &self.footer {
                r += 1;
                ws.merge_range(r, 0, r, last, l, &st.note)?;
            }
            ws.set_repeat_rows(head, head)?;
            ws.set_paper_size(9);
            ws.set_landscape();
            ws.set_print_fit_to_pages(1, 0);
            ws.set_freeze_panes(head + 1, 0)?;
            Ok(())
        })()
        .map_err(xlsx_err)?;
        save_workbook(&mut wb, path)?;
        Ok(self.rows.len())
    }
}

fn township_name(conn: &Connection) -> Result<String> {
    Ok(crate::settings::load(conn)?.unit_name)
}

/// A village's 未入户名单 for its current round as of `as_of` (today by default).
pub fn missing_list(conn: &Connection, village: &str, as_of: Option<&str>) -> Result<ListDoc> {
    let (vid, _) = resolve_village(conn, village)?;
    let page = missing(conn, vid, as_of)?;
    let all = super::register::households(
        conn,
        &super::register::TwHouseholdQuery {
            village: vid,
            as_of: as_of.map(str::to_string),
            limit: Some(0),
            ..Default::default()
        },
    )?;
    let round = page.round.clone().unwrap_or_default();
    Ok(ListDoc {
        title: format!("{}{}未入户名单", page.village, round),
        lines: vec![
            format!(
                "轮次：{round}（{}至{}）　　全部 {} 户，已入户 {} 户，未入户 {} 户",
                show_iso(page.round_from.as_deref().unwrap_or("")),
                show_iso(page.round_to.as_deref().unwrap_or("")),
                all.total,
                all.total - page.total,
                page.total
            ),
            format!(
                "{}根据该村报送的数据整理　　打印日期：{}",
                township_name(conn)?,
                crate::date_cn(crate::today())
            ),
        ],
        columns: vec![
            ("序号", 0.6, false),
            ("网格", 1.3, true),
            ("网格长", 0.9, false),
            ("编号", 0.9, false),
            ("检查地点(对象)名称", 1.9, true),
            ("地址", 2.5, true),
            ("联系电话", 1.4, false),
            ("上次检查", 1.4, false),
            ("备注", 1.1, false),
        ],
        rows: page
            .items
            .iter()
            .enumerate()
            .map(|(i, h)| {
                vec![
                    (i + 1).to_string(),
                    h.grid.clone(),
                    h.leader.clone(),
                    h.code.clone(),
                    h.name.clone(),
                    h.address.clone(),
                    h.phone.clone(),
                    h.last_visit
                        .as_deref()
                        .map(show_iso)
                        .unwrap_or_else(|| "从未检查".into()),
                    String::new(),
                ]
            })
            .collect(),
        footer: vec!["请于本轮结束前完成入户，并在下次报送的数据包中反映。核查人：　　　　　　核查日期：　　　　年　　月　　日".into()],
    })
}

/// A village's open hazards past their deadline as of `as_of`, longest overdue first.
pub fn overdue_list(conn: &Connection, village: &str, as_of: Option<&str>) -> Result<ListDoc> {
    let (vid, name) = resolve_village(conn, village)?;
    let page = hazards(
        conn,
        &TwHazardQuery {
            as_of: as_of.map(str::to_string),
            overdue: true,
            village: Some(vid),
            ..Default::default()
        },
    )?;
    Ok(ListDoc {
        title: format!("{name}超期未整改隐患清单"),
        lines: vec![format!(
            "截至 {}：超期未整改隐患 {} 条　　{}根据该村报送的数据整理　　打印日期：{}",
            show_iso(&page.as_of),
            page.total,
            township_name(conn)?,
            crate::date_cn(crate::today())
        )],
        columns: vec![
            ("序号", 0.6, false),
            ("编号", 0.8, false),
            ("户名", 1.2, true),
            ("地址", 1.9, true),
            ("联系电话", 1.3, false),
            ("隐患", 2.4, true),
            ("类别", 1.4, false),
            ("重大", 0.5, false),
            ("发现日期", 1.3, false),
            ("整改期限", 1.3, false),
            ("超期天数", 0.8, false),
            ("上报/防控措施", 1.8, true),
        ],
        rows: page
            .items
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let follow = match (&h.escalated_to, &h.latest_measure) {
                    (Some(to), Some(m)) => format!("已上报{to}；{m}"),
                    (Some(to), None) => format!("已上报{to}"),
                    (None, Some(m)) => m.clone(),
                    (None, None) => String::new(),
                };
                vec![
                    (i + 1).to_string(),
                    h.household_code.clone(),
                    h.household_name.clone(),
                    h.address.clone(),
                    h.phone.clone(),
                    h.description.clone(),
                    h.category.clone(),
                    if h.major { "是" } else { "" }.to_string(),
                    show_iso(&h.found_on),
                    h.deadline.as_deref().map(show_iso).unwrap_or_default(),
                    h.days_overdue.map(|d| d.to_string()).unwrap_or_default(),
                    follow,
                ]
            })
            .collect(),
        footer: vec!["请督促整改，整改后及时销号，并在下次报送的数据包中反映。".into()],
    })
}
