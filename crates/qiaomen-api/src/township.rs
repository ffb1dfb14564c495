//! The township's desk (乡镇模式) and the village's 数据上报 (core: `township`).
//!
//! Village side (`package.*`): the township's public key in 单位设置, and the package
//! export. Township side (`township.*`): making the township database and its key pair,
//! importing packages, the villages table, the cross-village ledger, drill-down, the
//! township's table from the records (compared with the villages' own tables), and the
//! lists sent back to a village.

use crate::entry::AsOfArgs;
use crate::{Api, Error, Progress, ProgressFn, Result, WrittenFile};
use qiaomen_core::report_xlsx;
use qiaomen_core::settings::{self, UnitSettings};
use qiaomen_core::stats::Column;
use qiaomen_core::township::export::{self, ExportLock, PackageExport, PackageStatus};
use qiaomen_core::township::keys::{self, TownshipKey};
use qiaomen_core::township::merge::{self, PackageResult};
use qiaomen_core::township::package::Unlock;
use qiaomen_core::township::print::{self, ListDoc};
use qiaomen_core::township::register::{
    self, TwHouseholdDetail, TwHouseholdPage, TwHouseholdQuery,
};
use qiaomen_core::township::report::{self, SentTable, TownshipReport, TwCellDetail};
use qiaomen_core::township::views::{self, TwHazardPage, TwHazardQuery, VillagesView};
use qiaomen_core::township::{self as tw};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use ts_rs::TS;

#[derive(Debug, Deserialize, TS)]
pub struct KeyTextArgs {
    /// The key file's text, or the key as typed; empty removes the stored key.
    pub text: String,
}

#[derive(Debug, Deserialize, TS)]
pub struct PathArgs {
    /// A file the clerk chose.
    pub path: String,
}

#[derive(Debug, Deserialize, TS)]
pub struct PackageExportArgs {
    /// Where to save (a path the clerk chose).
    pub out: String,
    /// Encrypt with this passphrase instead of the township's key.
    #[serde(default)]
    #[ts(optional)]
    pub passphrase: Option<String>,
}

/// Whether this is a township's database and what it has.
#[derive(Debug, Serialize, TS)]
pub struct TownshipStatus {
    /// 乡镇模式.
    pub township: bool,
    pub unit: String,
    /// Its key pair exists (packages encrypted to its public key can be opened).
    pub has_key: bool,
    /// age1… ('' without a key).
    pub public_key: String,
    /// Where the private key is kept.
    pub key_path: String,
    pub villages: i64,
}

#[derive(Debug, Deserialize, TS)]
pub struct TownshipInitArgs {
    pub unit: String,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub phone: String,
}

/// The public key file written for the villages.
#[derive(Debug, Serialize, TS)]
pub struct KeyExport {
    #[serde(flatten)]
    pub file: WrittenFile,
    pub public_key: String,
    /// The key pair was made now (else the existing one was written again).
    pub made: bool,
}

#[derive(Debug, Deserialize, TS)]
pub struct OutArgs {
    pub out: String,
}

#[derive(Debug, Deserialize, TS)]
pub struct TownshipImportArgs {
    /// The package files (paths the clerk chose).
    pub paths: Vec<String>,
    /// For packages locked with a passphrase.
    #[serde(default)]
    #[ts(optional)]
    pub passphrase: Option<String>,
}

#[derive(Debug, Deserialize, TS)]
pub struct TwHouseholdArgs {
    pub village: i64,
    pub id: String,
    #[serde(default)]
    #[ts(optional)]
    pub as_of: Option<String>,
}

#[derive(Debug, Deserialize, TS)]
pub struct TwPeriodArgs {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Deserialize, TS)]
pub struct TwCellArgs {
    pub from: String,
    pub to: String,
    /// 行动名称; absent or 合计 for the total row.
    #[serde(default)]
    #[ts(optional)]
    pub action: Option<String>,
    pub column: Column,
    /// One village (vid); absent for the whole township.
    #[serde(default)]
    #[ts(optional)]
    pub village: Option<i64>,
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
}

#[derive(Debug, Deserialize, TS)]
pub struct TwSaveReportArgs {
    pub from: String,
    pub to: String,
    pub out: String,
    /// 报送时间 (today when absent).
    #[serde(default)]
    #[ts(optional)]
    pub report_date: Option<String>,
}

#[derive(Debug, Deserialize, TS)]
pub struct TwListArgs {
    /// The village: its name or its number (vid).
    pub village: String,
    pub out: String,
    #[serde(default)]
    #[ts(optional)]
    pub as_of: Option<String>,
}

#[derive(Debug, Deserialize, TS)]
pub struct PathsArgs {
    pub paths: Vec<String>,
}

#[derive(Debug, Deserialize, TS)]
pub struct IdArg {
    pub id: String,
}

impl Api {
    // ----- the village's side ------------------------------------------------------

    pub fn package_status(&self) -> Result<PackageStatus> {
        export::status(self.store.conn())
    }

    /// Stores the township's public key (a key file's text or a typed key).
    pub fn package_set_key(&mut self, text: &str) -> Result<Option<TownshipKey>> {
        keys::store(self.store.conn(), text)
    }

    /// Reads the township's public key file the clerk chose and stores the key.
    pub fn package_import_key(&mut self, path: &str) -> Result<Option<TownshipKey>> {
        let p = self.readable(path)?;
        let meta = std::fs::metadata(&p).map_err(|e| Error::file(&p, &e))?;
        if meta.len() > 64 * 1024 {
            return Err(Error::invalid(
                "这个文件太大，不是乡镇的公钥文件（公钥文件只有几行字）。",
            ));
        }
        let bytes = std::fs::read(&p).map_err(|e| Error::file(&p, &e))?;
        let text = String::from_utf8_lossy(&bytes);
        keys::parse_public_key(&text)?;
        keys::store(self.store.conn(), &text)
    }

    /// Writes the village's package: to the stored township key, to `key` (a key file's
    /// text or a typed key), or with a passphrase.
    pub fn package_export(
        &mut self,
        out: &str,
        key: Option<&str>,
        passphrase: Option<&str>,
    ) -> Result<PackageExport> {
        let path = self.writable(out)?;
        let lock = match (key, passphrase.filter(|p| !p.is_empty())) {
            (_, Some(p)) => ExportLock::Passphrase(p),
            (Some(k), None) => ExportLock::Key(k),
            (None, None) => ExportLock::Stored,
        };
        export::export(self.store.conn(), &path, lock)
    }

    // ----- the township's side -----------------------------------------------------

    pub fn township_status(&self) -> Result<TownshipStatus> {
        let c = self.store.conn();
        let key_path = keys::private_key_path(self.db_path());
        let public_key = if key_path.exists() {
            keys::load_identity(self.db_path())?.to_public().to_string()
        } else {
            String::new()
        };
        Ok(TownshipStatus {
            township: tw::is_township(c)?,
            unit: settings::load(c)?.unit_name,
            has_key: !public_key.is_empty(),
            public_key,
            key_path: key_path.display().to_string(),
            villages: c.query_row("SELECT count(*) FROM tw_villages", [], |r| r.get(0))?,
        })
    }

    pub fn township_init(&mut self, a: &TownshipInitArgs) -> Result<UnitSettings> {
        tw::init(self.store.conn(), &a.unit, &a.contact, &a.phone)
    }

    /// Makes the key pair on first use and writes the public key file for the villages.
    pub fn township_key_export(&mut self, out: &str) -> Result<KeyExport> {
        tw::require_township(self.store.conn())?;
        let path = self.writable(out)?;
        let (id, made) = keys::ensure_identity(self.db_path())?;
        let public = id.to_public();
        let unit = settings::load(self.store.conn())?.unit_name;
        qiaomen_core::write_atomic(&path, keys::public_key_file(&unit, &public).as_bytes())?;
        settings::set_value(self.store.conn(), keys::OWN_PUBLIC_KEY, &public.to_string())?;
        Ok(KeyExport {
            file: WrittenFile::at(&path),
            public_key: public.to_string(),
            made,
        })
    }

    /// Imports package files, each in its own transaction; the results say per file what
    /// was added, changed and removed, or why it was refused.
    pub fn township_import(
        &mut self,
        paths: &[String],
        passphrase: Option<&str>,
        progress: ProgressFn,
    ) -> Result<Vec<PackageResult>> {
        tw::require_township(self.store.conn())?;
        if paths.is_empty() {
            return Err(Error::invalid("请选择各村发来的数据包文件。"));
        }
        let mut files: Vec<PathBuf> = Vec::with_capacity(paths.len());
        for p in paths {
            files.push(self.readable(p)?);
        }
        let key = keys::load_identity(self.db_path());
        let no_key = || match &key {
            Err(e) => e.clone(),
            Ok(_) => Error::internal("程序内部错误：密钥。"),
        };
        let unlock = Unlock {
            key: key.as_ref().ok(),
            no_key: &no_key,
            passphrase: passphrase.filter(|p| !p.is_empty()),
        };
        Ok(merge::import_files(
            self.store.conn(),
            &files,
            &unlock,
            &|done, total, file| {
                progress(Progress {
                    done: done as u64,
                    total: total as u64,
                    label: if file.is_empty() {
                        "导入完成".into()
                    } else {
                        format!("正在导入 {file}")
                    },
                })
            },
        ))
    }

    pub fn township_villages(&self, as_of: Option<&str>) -> Result<VillagesView> {
        views::villages(self.store.conn(), as_of)
    }

    pub fn township_hazards(&self, q: &TwHazardQuery) -> Result<TwHazardPage> {
        views::hazards(self.store.conn(), q)
    }

    /// Finds a village by name, number or identity: (vid, name).
    pub fn township_resolve(&self, key: &str) -> Result<(i64, String)> {
        views::resolve_village(self.store.conn(), key)
    }

    pub fn township_households(&self, q: &TwHouseholdQuery) -> Result<TwHouseholdPage> {
        register::households(self.store.conn(), q)
    }

    pub fn township_household(&self, a: &TwHouseholdArgs) -> Result<TwHouseholdDetail> {
        register::household(self.store.conn(), a.village, &a.id, a.as_of.as_deref())
    }

    pub fn township_report(&self, from: &str, to: &str) -> Result<TownshipReport> {
        report::compute(self.store.conn(), from, to)
    }

    pub fn township_cell(&self, a: &TwCellArgs) -> Result<TwCellDetail> {
        report::cell(
            self.store.conn(),
            &a.from,
            &a.to,
            a.action.as_deref(),
            a.column,
            a.village,
            a.limit,
        )
    }

    pub fn township_report_xlsx(&self, a: &TwSaveReportArgs) -> Result<WrittenFile> {
        let path = self.writable(&a.out)?;
        let r = self.township_report(&a.from, &a.to)?;
        report_xlsx::save(&r.table, &self.report_meta(&a.report_date)?, &path)?;
        Ok(WrittenFile::with_rows(&path, r.table.rows.len()))
    }

    pub fn township_report_pdf(&self, a: &TwSaveReportArgs) -> Result<WrittenFile> {
        self.writable(&a.out)?;
        let r = self.township_report(&a.from, &a.to)?;
        let pdf = qiaomen_core::report_pdf::render(&r.table, &self.report_meta(&a.report_date)?)?;
        self.save_pdf(&a.out, pdf)
    }

    fn save_list(&self, doc: Result<ListDoc>, out: &str, pdf: bool) -> Result<WrittenFile> {
        let path = self.writable(out)?;
        let doc = doc?;
        if pdf {
            self.save_pdf(out, doc.pdf()?)
        } else {
            let rows = doc.xlsx(&path)?;
            Ok(WrittenFile::with_rows(&path, rows))
        }
    }

    /// A village's 未入户名单 (current round) as PDF or .xlsx.
    pub fn township_missing(&self, a: &TwListArgs, pdf: bool) -> Result<WrittenFile> {
        let doc = print::missing_list(self.store.conn(), &a.village, a.as_of.as_deref());
        self.save_list(doc, &a.out, pdf)
    }

    /// A village's overdue hazards as PDF or .xlsx.
    pub fn township_overdue(&self, a: &TwListArgs, pdf: bool) -> Result<WrittenFile> {
        let doc = print::overdue_list(self.store.conn(), &a.village, a.as_of.as_deref());
        self.save_list(doc, &a.out, pdf)
    }

    /// Keeps the villages' own statistics tables, to compare them with their records.
    pub fn township_tables_add(&mut self, paths: &[String]) -> Result<Vec<SentTable>> {
        let mut files = Vec::with_capacity(paths.len());
        for p in paths {
            files.push(self.readable(p)?);
        }
        report::add_sent_tables(self.store.conn(), &files)
    }

    pub fn township_tables(&self) -> Result<Vec<SentTable>> {
        report::sent_tables(self.store.conn())
    }

    pub fn township_tables_delete(&mut self, id: &str) -> Result<()> {
        report::delete_sent_table(self.store.conn(), id)
    }
}

crate::methods! {
    /// The village's 数据上报 state: its identity, the township key, the last package.
    "package.status" => |api, _: ()| -> PackageStatus { api.package_status() },
    /// Stores the township's public key as typed (or pasted); empty text removes it.
    "package.set_key" => |api, a: KeyTextArgs| -> Option<TownshipKey> { api.package_set_key(&a.text) },
    /// Reads the township's public key file the clerk chose and stores the key.
    "package.import_key" => |api, a: PathArgs| -> Option<TownshipKey> { api.package_import_key(&a.path) },
    /// Writes the village's data package (to the township's key, or with a passphrase).
    "package.export" => |api, a: PackageExportArgs| -> PackageExport { api.package_export(&a.out, None, a.passphrase.as_deref()) },
    /// Whether this is a township's database, its key, how many villages it holds.
    "township.status" => |api, _: ()| -> TownshipStatus { api.township_status() },
    /// Makes this database the township's (乡镇模式).
    "township.init" => |api, a: TownshipInitArgs| -> UnitSettings { api.township_init(&a) },
    /// Makes the key pair on first use and saves the public key file for the villages.
    "township.key_export" => |api, a: OutArgs| -> KeyExport { api.township_key_export(&a.out) },
    /// Imports villages' data packages, reporting progress.
    "township.import" => |api, a: TownshipImportArgs, progress| -> Vec<PackageResult> { api.township_import(&a.paths, a.passphrase.as_deref(), progress) },
    /// The villages table (coverage of the current round, hazards, last package).
    "township.villages" => |api, a: AsOfArgs| -> VillagesView { api.township_villages(a.as_of.as_deref()) },
    /// The cross-village hazard ledger, filtered.
    "township.hazards" => |api, a: TwHazardQuery| -> TwHazardPage { api.township_hazards(&a) },
    /// A village's households (visited this round or not).
    "township.households" => |api, a: TwHouseholdQuery| -> TwHouseholdPage { api.township_households(&a) },
    /// One household's whole record as its village keyed it.
    "township.household" => |api, a: TwHouseholdArgs| -> TwHouseholdDetail { api.township_household(&a) },
    /// The township's 附件2 table from the records, each village's, and the comparisons.
    "township.report" => |api, a: TwPeriodArgs| -> TownshipReport { api.township_report(&a.from, &a.to) },
    /// The hazards or events behind one number of the township's table.
    "township.cell" => |api, a: TwCellArgs| -> TwCellDetail { api.township_cell(&a) },
    /// Saves the township's table as .xlsx in the official layout.
    "township.report_xlsx" => |api, a: TwSaveReportArgs| -> WrittenFile { api.township_report_xlsx(&a) },
    /// Saves the township's table as PDF in the official layout.
    "township.report_pdf" => |api, a: TwSaveReportArgs| -> WrittenFile { api.township_report_pdf(&a) },
    /// A village's 未入户名单 as PDF.
    "township.missing_pdf" => |api, a: TwListArgs| -> WrittenFile { api.township_missing(&a, true) },
    /// A village's 未入户名单 as .xlsx.
    "township.missing_xlsx" => |api, a: TwListArgs| -> WrittenFile { api.township_missing(&a, false) },
    /// A village's overdue hazards as PDF.
    "township.overdue_pdf" => |api, a: TwListArgs| -> WrittenFile { api.township_overdue(&a, true) },
    /// A village's overdue hazards as .xlsx.
    "township.overdue_xlsx" => |api, a: TwListArgs| -> WrittenFile { api.township_overdue(&a, false) },
    /// Keeps villages' own statistics tables to compare with their records.
    "township.tables_add" => |api, a: PathsArgs| -> Vec<SentTable> { api.township_tables_add(&a.paths) },
    /// The villages' own tables kept.
    "township.tables" => |api, _: ()| -> Vec<SentTable> { api.township_tables() },
    /// Forgets one of the villages' own tables.
    "township.tables_delete" => |api, a: IdArg| -> () { api.township_tables_delete(&a.id) },
}
