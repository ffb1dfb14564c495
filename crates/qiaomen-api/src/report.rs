//! Reports: the month's statistics table (附件2) with drill-down, saved as .xlsx/.pdf; the
//! publicity log; the township's aggregation of villages' tables; the full data export.

use crate::{Api, Progress, ProgressFn, Result, WrittenFile};
use qiaomen_core::aggregate::{self, Aggregate};
use qiaomen_core::export_all::{self, CsvEncoding, ExportSummary};
use qiaomen_core::narrative;
use qiaomen_core::publicity::{
    self, PublicityEvent, PublicityImport, PublicityInput, PublicityQuery,
};
use qiaomen_core::report_saves::{self, SavedFormat};
use qiaomen_core::report_xlsx::{self, Meta};
use qiaomen_core::settings;
use qiaomen_core::stats::{self, CellDetail, Column, Period, PeriodSpec, StatsTable, Uncounted};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use ts_rs::TS;

/// An inclusive period as typed (2024-12-01, 2024年12月1日 ...).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReportArgs {
    pub from: String,
    pub to: String,
}

/// The table on screen.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReportView {
    pub table: StatsTable,
    /// The period in words.
    pub label: String,
    /// 联系电话 (printed after the contact).
    pub phone: String,
    /// Records of the period whose category is none of the seven rows (normally 0).
    pub uncounted: Uncounted,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReportCellArgs {
    pub from: String,
    pub to: String,
    /// The row's 行动名称; absent or 合计 for the total row.
    #[serde(default)]
    #[ts(optional)]
    pub action: Option<String>,
    pub column: Column,
    /// List at most this many hazards (the screen asks for the first few hundred).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReportSaveArgs {
    pub from: String,
    pub to: String,
    /// Where to save (a path the clerk chose).
    pub out: String,
    /// 报送时间 (today when absent).
    #[serde(default)]
    #[ts(optional)]
    pub report_date: Option<String>,
}

/// The written report (工作开展情况, or 工作总结 for `{kind: "season"}`).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NarrativeArgs {
    pub period: PeriodSpec,
    /// Where to save the .docx (a path the clerk chose).
    pub out: String,
    /// 报送时间, and the day open and overdue hazards are counted on (today when absent).
    #[serde(default)]
    #[ts(optional)]
    pub report_date: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PublicityUpdateArgs {
    pub id: String,
    pub input: PublicityInput,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PublicityIdArgs {
    pub id: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PublicityImportArgs {
    /// The spreadsheet (a path the clerk chose).
    pub path: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AggregateArgs {
    /// The villages' table files (.xlsx/.xls/.ods).
    pub paths: Vec<String>,
    /// The township's name (default: the 上级乡镇 setting, else the unit's name).
    #[serde(default)]
    #[ts(optional)]
    pub unit: Option<String>,
    /// The township's period; default: the sources' common period when they state one.
    #[serde(default)]
    #[ts(optional)]
    pub from: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub to: Option<String>,
    /// Also save the township's table here (.xlsx).
    #[serde(default)]
    #[ts(optional)]
    pub out: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ExportAllArgs {
    pub out: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ExportCsvArgs {
    /// One of [`ExportTable`]'s keys (households, people, inspections, hazards ...).
    pub table: String,
    pub encoding: CsvEncoding,
    pub out: String,
}

/// A table that can be exported.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportTable {
    pub key: String,
    pub name: String,
}

impl Api {
    /// Resolves a period choice (month, cycle, day, range, the office's current one).
    pub fn report_period(&self, spec: &PeriodSpec) -> Result<Period> {
        stats::resolve(self.store.conn(), spec)
    }

    pub fn report_table(&self, from: &str, to: &str) -> Result<StatsTable> {
        stats::compute(self.store.conn(), from, to)
    }

    /// The table with what the screen shows around it.
    pub fn report_view(&self, from: &str, to: &str) -> Result<ReportView> {
        let c = self.store.conn();
        let table = stats::compute(c, from, to)?;
        let f = qiaomen_core::parse_date(&table.from)?;
        let t = qiaomen_core::parse_date(&table.to)?;
        let label = stats::Period::range(f, t)?.label;
        Ok(ReportView {
            uncounted: stats::uncounted(c, from, to)?,
            phone: settings::load(c)?.phone,
            label,
            table,
        })
    }

    /// The hazards or events behind one cell.
    pub fn report_cell(&self, a: &ReportCellArgs) -> Result<CellDetail> {
        stats::cell(
            self.store.conn(),
            &a.from,
            &a.to,
            a.action.as_deref(),
            a.column,
            a.limit,
        )
    }

    /// The table's 填报日期 (the date typed, else today) and the office's phone, as the
    /// village's and the township's saved tables print them.
    pub(crate) fn report_meta(&self, date: &Option<String>) -> Result<Meta> {
        let report_date = match date.as_deref().map(str::trim) {
            Some(d) if !d.is_empty() => qiaomen_core::parse_date(d)?,
            _ => qiaomen_core::today(),
        };
        Ok(Meta {
            phone: settings::load(self.store.conn())?.phone,
            report_date,
        })
    }

    pub fn report_save_xlsx(&self, a: &ReportSaveArgs) -> Result<WrittenFile> {
        let path = self.writable(&a.out)?;
        let t = self.report_table(&a.from, &a.to)?;
        report_xlsx::save(&t, &self.report_meta(&a.report_date)?, &path)?;
        report_saves::record(self.store.conn(), SavedFormat::Xlsx, &t.from, &t.to, &path)?;
        Ok(WrittenFile::with_rows(&path, t.rows.len()))
    }

    pub fn report_save_pdf(&self, a: &ReportSaveArgs) -> Result<WrittenFile> {
        self.writable(&a.out)?;
        let t = self.report_table(&a.from, &a.to)?;
        let r = qiaomen_core::report_pdf::render(&t, &self.report_meta(&a.report_date)?)?;
        let f = self.save_pdf(&a.out, r)?;
        let path = std::path::Path::new(&f.path);
        report_saves::record(self.store.conn(), SavedFormat::Pdf, &t.from, &t.to, path)?;
        Ok(f)
    }

    /// Writes the written report of a period (or the season) as .docx.
    pub fn report_narrative(&self, a: &NarrativeArgs) -> Result<WrittenFile> {
        let path = self.writable(&a.out)?;
        let date = self.report_meta(&a.report_date)?.report_date;
        narrative::save(self.store.conn(), &a.period, date, &path)
    }

    pub fn publicity_list(&self, q: &PublicityQuery) -> Result<Vec<PublicityEvent>> {
        publicity::list(self.store.conn(), q)
    }

    pub fn publicity_add(&mut self, p: &PublicityInput) -> Result<PublicityEvent> {
        publicity::add(self.store.conn(), p)
    }

    pub fn publicity_update(&mut self, id: &str, p: &PublicityInput) -> Result<PublicityEvent> {
        publicity::update(self.store.conn(), id, p)
    }

    pub fn publicity_delete(&mut self, id: &str) -> Result<()> {
        publicity::delete(self.store.conn(), id)
    }

    pub fn publicity_import(&mut self, path: &str) -> Result<PublicityImport> {
        let path = self.readable(path)?;
        publicity::import_file(self.store.conn(), &path)
    }

    /// Sums villages' tables into the township's; saves it when `out` is given.
    pub fn aggregate_run(&self, a: &AggregateArgs, progress: ProgressFn) -> Result<Aggregate> {
        let s = settings::load(self.store.conn())?;
        let unit = match a.unit.as_deref().map(qiaomen_core::text::clean) {
            Some(u) if !u.is_empty() => u,
            _ if !s.township.is_empty() => s.township.clone(),
            _ => s.unit_name.clone(),
        };
        let period = match (a.from.as_deref(), a.to.as_deref()) {
            (Some(f), Some(t)) if !f.trim().is_empty() && !t.trim().is_empty() => {
                let p = Period::range(qiaomen_core::parse_date(f)?, qiaomen_core::parse_date(t)?)?;
                Some((p.from, p.to))
            }
            _ => None,
        };
        let mut paths: Vec<PathBuf> = Vec::with_capacity(a.paths.len());
        for p in &a.paths {
            paths.push(self.readable(p)?);
        }
        let out = match &a.out {
            Some(o) if !o.trim().is_empty() => Some(self.writable(o)?),
            _ => None,
        };
        progress(Progress {
            done: 0,
            total: paths.len() as u64,
            label: "正在读取各村统计表".into(),
        });
        let agg = aggregate::aggregate(&paths, &unit, &s.contact, period)?;
        if let Some(out) = out {
            let meta = Meta {
                phone: s.phone.clone(),
                report_date: qiaomen_core::today(),
            };
            aggregate::save_xlsx(&agg, &meta, &out)?;
        }
        progress(Progress {
            done: paths.len() as u64,
            total: paths.len() as u64,
            label: "汇总完成".into(),
        });
        Ok(agg)
    }

    pub fn export_tables(&self) -> Vec<ExportTable> {
        export_all::TABLES
            .iter()
            .map(|(k, n)| ExportTable {
                key: k.to_string(),
                name: n.to_string(),
            })
            .collect()
    }

    pub fn export_all(&self, out: &str, progress: ProgressFn) -> Result<ExportSummary> {
        let path = self.writable(out)?;
        export_all::export_all(self.store.conn(), &path, &|done, total, label| {
            progress(Progress {
                done,
                total,
                label: label.to_string(),
            })
        })
    }

    pub fn export_csv(
        &self,
        table: &str,
        encoding: CsvEncoding,
        out: &str,
    ) -> Result<ExportSummary> {
        let path = self.writable(out)?;
        export_all::export_csv(self.store.conn(), table, encoding, &path)
    }
}

crate::methods! {
    /// Resolves a period choice (month, cycle, day, range, the office's current one).
    "report.period" => |api, a: PeriodSpec| -> Period { api.report_period(&a) },
    /// The statistics table (附件2) of a period.
    "report.table" => |api, a: ReportArgs| -> StatsTable { api.report_table(&a.from, &a.to) },
    /// The table as the screen shows it, with the period in words.
    "report.view" => |api, a: ReportArgs| -> ReportView { api.report_view(&a.from, &a.to) },
    /// The hazards or events behind one cell of the table.
    "report.cell" => |api, a: ReportCellArgs| -> CellDetail { api.report_cell(&a) },
    /// Saves the table as .xlsx in the official layout.
    "report.save_xlsx" => |api, a: ReportSaveArgs| -> WrittenFile { api.report_save_xlsx(&a) },
    /// Saves the table as PDF in the official layout.
    "report.save_pdf" => |api, a: ReportSaveArgs| -> WrittenFile { api.report_save_pdf(&a) },
    /// Saves the written report (工作开展情况 / 工作总结) of a period as .docx.
    "report.narrative" => |api, a: NarrativeArgs| -> WrittenFile { api.report_narrative(&a) },
    /// The publicity log, filtered.
    "publicity.list" => |api, a: PublicityQuery| -> Vec<PublicityEvent> { api.publicity_list(&a) },
    /// Adds a publicity event.
    "publicity.add" => |api, a: PublicityInput| -> PublicityEvent { api.publicity_add(&a) },
    /// Changes a publicity event.
    "publicity.update" => |api, a: PublicityUpdateArgs| -> PublicityEvent { api.publicity_update(&a.id, &a.input) },
    /// Deletes a publicity event.
    "publicity.delete" => |api, a: PublicityIdArgs| -> () { api.publicity_delete(&a.id) },
    /// Imports publicity events from a spreadsheet (one transaction).
    "publicity.import" => |api, a: PublicityImportArgs| -> PublicityImport { api.publicity_import(&a.path) },
    /// Sums villages' statistics tables into the township's, reporting progress.
    "aggregate.run" => |api, a: AggregateArgs, progress| -> Aggregate { api.aggregate_run(&a, progress) },
    /// The tables that can be exported as CSV.
    "export.tables" => |api, _: ()| -> Vec<ExportTable> { Ok(api.export_tables()) },
    /// Exports every table into one workbook, reporting progress.
    "export.all" => |api, a: ExportAllArgs, progress| -> ExportSummary { api.export_all(&a.out, progress) },
    /// Exports one table as CSV in the chosen encoding.
    "export.csv" => |api, a: ExportCsvArgs| -> ExportSummary { api.export_csv(&a.table, a.encoding, &a.out) },
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dispatch_covers_the_report_area() {
        let mut api = Api::open_in_memory().unwrap();
        let p = crate::no_progress;
        let s = json!({"unit_name": "红星村", "township": "青山镇", "contact": "张丽", "phone": "",
            "clerk": "", "period_mode": "cycle23", "deadline_days": 7, "default_template": "xq2024",
            "backup_keep": 14});
        api.dispatch("settings.save", s, &p).unwrap();
        let period = api
            .dispatch(
                "report.period",
                json!({"kind": "cycle", "month": "2024-12"}),
                &p,
            )
            .unwrap();
        assert_eq!(period["from"], "2024-11-23");
        assert_eq!(period["to"], "2024-12-22");
        let e = api
            .dispatch(
                "publicity.add",
                json!({"date": "2024-12-01", "category": "防煤气中毒事故", "kind": "广播", "sessions": 2, "people": 100}),
                &p,
            )
            .unwrap();
        let id = e["id"].as_str().unwrap().to_string();
        api.dispatch(
            "publicity.update",
            json!({"id": id, "input": {"date": "2024-12-02", "category": "防煤气中毒事故", "sessions": 3, "people": 100}}),
            &p,
        )
        .unwrap();
        let v = api
            .dispatch(
                "report.view",
                json!({"from": "2024-11-23", "to": "2024-12-22"}),
                &p,
            )
            .unwrap();
        assert_eq!(v["table"]["rows"][0]["sessions"], 3);
        assert_eq!(v["table"]["total"]["people"], 100);
        assert_eq!(v["table"]["unit"], "红星村");
        let cell = api
            .dispatch(
                "report.cell",
                json!({"from": "2024-11-23", "to": "2024-12-22", "column": "sessions"}),
                &p,
            )
            .unwrap();
        assert_eq!(cell["events"].as_array().unwrap().len(), 1);
        assert_eq!(cell["action"], "合计");
        let list = api.dispatch("publicity.list", json!({}), &p).unwrap();
        assert_eq!(list.as_array().unwrap().len(), 1);
        api.dispatch("publicity.delete", json!({"id": id}), &p)
            .unwrap();
        let err = api
            .dispatch("publicity.delete", json!({"id": id}), &p)
            .unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::NotFound);

        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("t.xlsx");
        let o = out.display().to_string();
        api.dispatch(
            "report.save_xlsx",
            json!({"from": "2024-12-01", "to": "2024-12-31", "out": o}),
            &p,
        )
        .unwrap();
        let agg = api
            .dispatch("aggregate.run", json!({"paths": [o, o]}), &p)
            .unwrap();
        assert_eq!(agg["unit"], "青山镇", "the township setting names the sum");
        assert_eq!(agg["sources"].as_array().unwrap().len(), 2);
        assert!(agg["warnings"][0].as_str().unwrap().contains("红星村"));
        let tables = api.dispatch("export.tables", json!(null), &p).unwrap();
        assert_eq!(tables[0]["key"], "households");
        let csv = dir.path().join("p.csv").display().to_string();
        let r = api
            .dispatch(
                "export.csv",
                json!({"table": "publicity", "encoding": "gbk", "out": csv}),
                &p,
            )
            .unwrap();
        assert_eq!(r["tables"][0]["rows"], 0);
    }

    #[test]
    fn saves_are_remembered_for_the_desk() {
        let mut api = Api::open_in_memory().unwrap();
        let p = crate::no_progress;
        let dir = tempfile::tempdir().unwrap();
        let out = |n: &str| dir.path().join(n).display().to_string();
        let due = json!({"today": "2024-12-20"});
        let d = api.dispatch("desk.get", due.clone(), &p).unwrap();
        assert!(d["report"]["saved"].is_null());
        api.dispatch(
            "report.narrative",
            json!({"period": {"kind": "due", "date": ""}, "out": out("n.docx"),
                   "report_date": "2024-12-20"}),
            &p,
        )
        .unwrap();
        let d = api.dispatch("desk.get", due.clone(), &p).unwrap();
        assert!(
            d["report"]["saved"].is_null(),
            "the written report is not the table"
        );
        assert_eq!(d["report"]["narrative_saved"]["format"], "docx");
        api.dispatch(
            "report.save_xlsx",
            json!({"from": "2024-11-23", "to": "2024-12-22", "out": out("t.xlsx")}),
            &p,
        )
        .unwrap();
        let d = api.dispatch("desk.get", due, &p).unwrap();
        assert_eq!(d["report"]["saved"]["format"], "xlsx");
        assert!(d["report"]["saved"]["path"]
            .as_str()
            .unwrap()
            .ends_with("t.xlsx"));
    }
}
