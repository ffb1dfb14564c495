//! The statistics table as a PDF: the same table as the .xlsx (title, period, 报送单位/
//! 联系人/报送时间, the two-level header, seven rows, 合计, the form's note), A4 landscape,
//! drawn with the shared table-page renderer (`pdf::table`).

use crate::error::Result;
use crate::pdf::{render_table, Rendered, TableColumn, TablePage};
use crate::report_xlsx::{period_text, Meta};
use crate::stats::{Column, StatsTable, FOOTER_NOTE, TITLE};

/// The table page of a statistics table.
pub fn page(t: &StatsTable, meta: &Meta) -> TablePage {
    let contact = if meta.phone.is_empty() {
        t.contact.clone()
    } else {
        format!("{} {}", t.contact, meta.phone).trim().to_string()
    };
    let mut columns = vec![TableColumn::new("行动名称", 2.4).left()];
    for c in Column::ALL {
        let group = match c {
            Column::Sessions | Column::People => "宣传情况",
            _ => "隐患排查整改情况",
        };
        let w = if matches!(c, Column::Major) { 1.5 } else { 1.2 };
        columns.push(TableColumn::grouped(group, c.header(), w));
    }
    let mut rows: Vec<Vec<String>> = Vec::with_capacity(8);
    for r in t.rows.iter().chain(std::iter::once(&t.total)) {
        let mut line = vec![r.action.clone()];
        line.extend(Column::ALL.iter().map(|c| r.get(*c).to_string()));
        rows.push(line);
    }
    TablePage {
        title: TITLE.to_string(),
        header_lines: vec![
            period_text(&t.from, &t.to),
            format!(
                "报送单位（乡镇/部门）：{}        联系人：{}        报送时间：{}",
                t.unit,
                contact,
                crate::date_cn(meta.report_date)
            ),
        ],
        columns,
        rows,
        footer_lines: vec![FOOTER_NOTE.to_string()],
        landscape: true,
    }
}

/// Renders the table to PDF bytes.
pub fn render(t: &StatsTable, meta: &Meta) -> Result<Rendered> {
    render_table(&page(t, meta))
}
