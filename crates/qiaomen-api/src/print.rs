//! Printing: the official forms as PDF files (checklists blank / pre-filled / filled, the
//! 明白卡, the 消防安全告知书, the 隐患整改通知书). Every method writes to a file the clerk
//! chose and returns warnings to show, such as characters no font can print.

use crate::{Api, Progress, ProgressFn, Result, WrittenFile};
use qiaomen_core::pdf::jobs::{self, CardJob, ChecklistJob};
use serde::Deserialize;
use ts_rs::TS;

#[derive(Debug, Deserialize, TS)]
pub struct PrintChecklistsArgs {
    pub job: ChecklistJob,
    /// Where to save the PDF (a path the clerk chose).
    pub out: String,
}

#[derive(Debug, Deserialize, TS)]
pub struct PrintInspectionArgs {
    /// The inspection's id.
    pub id: String,
    pub out: String,
}

#[derive(Debug, Deserialize, TS)]
pub struct PrintCardsArgs {
    pub job: CardJob,
    pub out: String,
}

#[derive(Debug, Deserialize, TS)]
pub struct PrintRectificationArgs {
    pub hazard_id: String,
    pub out: String,
}

impl Api {
    /// Blank or pre-filled checklists (for a grid, several grids, some households or all).
    pub fn print_checklists(
        &mut self,
        job: &ChecklistJob,
        out: &str,
        progress: ProgressFn,
    ) -> Result<WrittenFile> {
        // Check the destination before the work.
        self.writable(out)?;
        let report = |done: u64, total: u64| {
            progress(Progress {
                done,
                total,
                label: "正在生成检查表".into(),
            })
        };
        let r = jobs::checklists(self.store.conn(), job, &report)?;
        self.save_pdf(out, r)
    }

    /// The filled checklist of a recorded inspection.
    pub fn print_inspection(&mut self, id: &str, out: &str) -> Result<WrittenFile> {
        self.writable(out)?;
        let r = jobs::inspection(self.store.conn(), id)?;
        self.save_pdf(out, r)
    }

    /// 明白卡 or 消防安全告知书, 1, 2 or 4 to a page, with the office's contacts.
    pub fn print_cards(&mut self, job: &CardJob, out: &str) -> Result<WrittenFile> {
        self.writable(out)?;
        let r = jobs::cards(self.store.conn(), job)?;
        self.save_pdf(out, r)
    }

    /// The 隐患整改通知书 of one hazard.
    pub fn print_rectification(&mut self, hazard_id: &str, out: &str) -> Result<WrittenFile> {
        self.writable(out)?;
        let r = jobs::rectification(self.store.conn(), hazard_id)?;
        self.save_pdf(out, r)
    }
}

crate::methods! {
    /// Blank or pre-filled checklists as one PDF, reporting progress.
    "print.checklists" => |api, a: PrintChecklistsArgs, progress| -> WrittenFile { api.print_checklists(&a.job, &a.out, progress) },
    /// The filled checklist of a recorded inspection (archive copy).
    "print.inspection" => |api, a: PrintInspectionArgs| -> WrittenFile { api.print_inspection(&a.id, &a.out) },
    /// 明白卡 or 消防安全告知书, 1, 2 or 4 to a page.
    "print.cards" => |api, a: PrintCardsArgs| -> WrittenFile { api.print_cards(&a.job, &a.out) },
    /// The 隐患整改通知书 of one hazard.
    "print.rectification" => |api, a: PrintRectificationArgs| -> WrittenFile { api.print_rectification(&a.hazard_id, &a.out) },
}

#[cfg(test)]
mod tests {
    use crate::Api;
    use serde_json::json;

    #[test]
    fn dispatch_prints_a_blank_checklist_and_reports_pages() {
        let mut api = Api::open_in_memory().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("blank.pdf");
        let v = api
            .dispatch(
                "print.checklists",
                json!({"job": {"selection": {"kind": "blank"}}, "out": out.to_str().unwrap()}),
                &crate::no_progress,
            )
            .unwrap();
        assert_eq!(v["pages"], 1);
        assert_eq!(v["warnings"].as_array().unwrap().len(), 0);
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        // No households yet: a clear Chinese error, no file.
        let out2 = dir.path().join("all.pdf");
        let e = api
            .dispatch(
                "print.checklists",
                json!({"job": {"selection": {"kind": "all"}}, "out": out2.to_str().unwrap()}),
                &crate::no_progress,
            )
            .unwrap_err();
        assert!(e.message.contains("还没有登记"), "{}", e.message);
        assert!(!out2.exists());
        // Bad card layout.
        let e = api
            .dispatch(
                "print.cards",
                json!({"job": {"kind": "card", "per_page": 3}, "out": out2.to_str().unwrap()}),
                &crate::no_progress,
            )
            .unwrap_err();
        assert!(e.message.contains("1、2 或 4"), "{}", e.message);
    }
}
