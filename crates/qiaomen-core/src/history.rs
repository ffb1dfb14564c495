//! A household's whole history (一户档案): its visits, hazards and revisits. It sits above
//! both [`crate::inspections`] and [`crate::hazards`], which do not know each other's lists.

use crate::error::Result;
use crate::hazards::{self, Hazard, HazardQuery, Revisit};
use crate::households::{self, Household};
use crate::inspections::{self, InspectionQuery, InspectionSummary};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A household's whole history: visits, hazards and revisits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HouseholdHistory {
    /// The household itself, as the register holds it now.
    pub household: Household,
    /// Newest first.
    pub inspections: Vec<InspectionSummary>,
    /// Newest first.
    pub hazards: Vec<Hazard>,
    /// Every revisit of the household's hazards, oldest first.
    pub revisits: Vec<Revisit>,
}

/// Everything recorded about one household.
pub fn history(conn: &Connection, household_id: &str) -> Result<HouseholdHistory> {
    let household = households::get(conn, household_id)?;
    let inspections = inspections::list(
        conn,
        &InspectionQuery {
            household_id: Some(household_id.to_string()),
            ..Default::default()
        },
    )?
    .items;
    let hazards = hazards::list(
        conn,
        &HazardQuery {
            household_id: Some(household_id.to_string()),
            ..Default::default()
        },
    )?
    .items;
    let mut st = conn.prepare(
        "SELECT r.id, r.hazard_id, r.visit_date, r.visitor, r.result, r.note, r.created_at
         FROM revisits r JOIN hazards h ON h.id = r.hazard_id
         WHERE h.household_id = ?1 ORDER BY r.visit_date, r.created_at",
    )?;
    let revisits = st
        .query_map([household_id], hazards::revisit_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(HouseholdHistory {
        household,
        inspections,
        hazards,
        revisits,
    })
}
