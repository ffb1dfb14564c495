//! Paper the computer reads back (issue 18): a scanned form code opens the household's entry
//! form under the template version printed on the paper, and double entry (双录入核对): the
//! office's setting, the blind second entry, the differences settled one by one, and the
//! figures (已核对 x / 应核对 y, disagreement per inspector).

use crate::entry::EntryForm;
use crate::register::IdArgs;
use crate::{Api, Result};
use qiaomen_core::formcode;
use qiaomen_core::inspections::blanks::{self, Blanks, BlanksQuery};
use qiaomen_core::inspections::verify::{self, Choice, Resolved, SecondEntryInput, Verification};
use qiaomen_core::inspections::verify_stats::{
    self, DoubleEntrySettings, InspectorAgreement, VerifyPeriod, VerifySummary,
};
use qiaomen_core::inspections::{self, InspectionQuery};
use serde::Deserialize;
use ts_rs::TS;

#[derive(Debug, Deserialize, TS)]
pub struct ScanArgs {
    /// What the scanner typed (QM1:01002:xq2024:1).
    pub text: String,
}

#[derive(Debug, Deserialize, TS)]
pub struct SecondEntryArgs {
    /// The inspection's id.
    pub id: String,
    pub input: SecondEntryInput,
}

#[derive(Debug, Deserialize, TS)]
pub struct ResolveArgs {
    /// The inspection's id.
    pub id: String,
    /// The item number; 0 for the 其它隐患情况.
    pub item: i64,
    pub choice: Choice,
    /// Who settled it (录入人), as typed.
    #[serde(default)]
    pub resolved_by: String,
}

impl Api {
    /// The entry form a scanned code opens: the household, the template version printed on
    /// its paper, the remembered date and inspectors.
    pub fn entry_scan(&self, text: &str) -> Result<EntryForm> {
        let c = self.store.conn();
        let s = formcode::scan(c, text)?;
        let mut form = self.entry_form(&s.household.id)?;
        form.template = s.template;
        Ok(form)
    }

    pub fn verify_settings(&self) -> Result<DoubleEntrySettings> {
        verify_stats::load_settings(self.store.conn())
    }

    pub fn verify_save_settings(&mut self, s: &DoubleEntrySettings) -> Result<DoubleEntrySettings> {
        verify_stats::save_settings(self.store.conn(), s)
    }

    pub fn verify_get(&self, id: &str) -> Result<Verification> {
        verify::get_verification(self.store.conn(), id)
    }

    /// Keys the second entry of a form (blind); the JSON says `verified` and lists
    /// `mismatches`.
    pub fn verify_second_entry(
        &mut self,
        id: &str,
        input: &SecondEntryInput,
    ) -> Result<Verification> {
        verify::second_entry(self.store.conn(), id, input)
    }

    pub fn verify_resolve(
        &mut self,
        id: &str,
        item: i64,
        choice: Choice,
        resolved_by: &str,
    ) -> Result<Resolved> {
        verify::resolve(self.store.conn(), id, item, choice, resolved_by)
    }

    pub fn verify_summary(&self, p: &VerifyPeriod) -> Result<VerifySummary> {
        verify_stats::summary(self.store.conn(), p)
    }

    pub fn verify_by_inspector(&self, p: &VerifyPeriod) -> Result<Vec<InspectorAgreement>> {
        verify_stats::by_inspector(self.store.conn(), p)
    }

    /// 未答项: the forms with items left blank, by grid (the CLI's `inspections blanks`).
    pub fn inspections_blanks(&self, q: &BlanksQuery) -> Result<Blanks> {
        blanks::list(self.store.conn(), q)
    }

    /// The forms still to be verified, newest visit first.
    pub fn verify_unverified(&self) -> Result<inspections::InspectionPage> {
        inspections::list(
            self.store.conn(),
            &InspectionQuery {
                unverified: Some(true),
                ..Default::default()
            },
        )
    }
}

crate::methods! {
    /// A scanned form code: the household's entry form under the template version printed.
    "entry.scan" => |api, a: ScanArgs| -> EntryForm { api.entry_scan(&a.text) },
    /// 双录入核对 in 单位设置.
    "verify.settings" => |api, _: ()| -> DoubleEntrySettings { api.verify_settings() },
    /// Saves 双录入核对.
    "verify.save_settings" => |api, a: DoubleEntrySettings| -> DoubleEntrySettings { api.verify_save_settings(&a) },
    /// A form's double entry: its state and the differences not settled.
    "verify.get" => |api, a: IdArgs| -> Verification { api.verify_get(&a.id) },
    /// Keys a form's second entry (blind) and compares it with the first.
    "verify.second_entry" => |api, a: SecondEntryArgs| -> Verification { api.verify_second_entry(&a.id, &a.input) },
    /// Settles one difference; the form's hazards follow the answer chosen.
    "verify.resolve" => |api, a: ResolveArgs| -> Resolved { api.verify_resolve(&a.id, a.item, a.choice, &a.resolved_by) },
    /// 已核对 x / 应核对 y for the visits of a period.
    "verify.summary" => |api, a: VerifyPeriod| -> VerifySummary { api.verify_summary(&a) },
    /// How often each inspector's forms disagreed between the two entries.
    "verify.by_inspector" => |api, a: VerifyPeriod| -> Vec<InspectorAgreement> { api.verify_by_inspector(&a) },
}
