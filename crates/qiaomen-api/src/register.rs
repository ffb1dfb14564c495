//! The register: unit settings, grids, households.

use crate::{Api, Result};
use qiaomen_core::grids::{self, Grid, GridInput};
use qiaomen_core::households::{self, Household, HouseholdInput, HouseholdPage, HouseholdQuery};
use qiaomen_core::people::{self, PeopleGroups};
use qiaomen_core::settings::{self, UnitSettings};
use qiaomen_core::Category;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Deserialize, TS)]
pub struct IdArgs {
    pub id: String,
}

/// A text to read (a hazard's description ...).
#[derive(Debug, Deserialize, TS)]
pub struct TextArgs {
    pub text: String,
}

#[derive(Debug, Deserialize, TS)]
pub struct UpdateHouseholdArgs {
    pub id: String,
    pub input: HouseholdInput,
}

#[derive(Debug, Deserialize, TS)]
pub struct UpdateGridArgs {
    pub id: String,
    pub input: GridInput,
}

/// The office's own groups of vulnerable people, one per entry (blank ones are dropped).
#[derive(Debug, Deserialize, TS)]
pub struct PeopleGroupsArgs {
    pub added: Vec<String>,
}

/// What the app shows on start.
#[derive(Debug, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    pub schema_version: i64,
    /// False until the unit settings are saved the first time.
    pub initialized: bool,
    pub settings: UnitSettings,
    pub households: i64,
    pub grids: i64,
    /// 乡镇模式: a township's database (the app shows the township's screens).
    pub township: bool,
}

impl Api {
    pub fn app_info(&self) -> Result<AppInfo> {
        let c = self.store.conn();
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            db_path: self.store.path().display().to_string(),
            schema_version: self.store.schema_version()?,
            initialized: settings::is_initialized(c)?,
            settings: settings::load(c)?,
            households: c.query_row("SELECT count(*) FROM households", [], |r| r.get(0))?,
            grids: c.query_row("SELECT count(*) FROM grids", [], |r| r.get(0))?,
            township: qiaomen_core::township::is_township(c)?,
        })
    }

    pub fn settings_get(&self) -> Result<UnitSettings> {
        settings::load(self.store.conn())
    }

    pub fn settings_save(&mut self, s: &UnitSettings) -> Result<UnitSettings> {
        let saved = settings::save(self.store.conn(), s)?;
        // A village's identity (for its data packages) is made at its init.
        qiaomen_core::township::export::identity_at_init(self.store.conn())?;
        Ok(saved)
    }

    /// The groups of vulnerable people offered: the notices' and the office's own.
    pub fn settings_people_groups(&self) -> Result<PeopleGroups> {
        people::people_groups(self.store.conn())
    }

    /// Saves the office's own groups of vulnerable people.
    pub fn settings_save_people_groups(&mut self, added: &[String]) -> Result<PeopleGroups> {
        people::save_added_groups(self.store.conn(), added)
    }

    pub fn grids_list(&self) -> Result<Vec<Grid>> {
        grids::list(self.store.conn())
    }

    pub fn grids_add(&mut self, g: &GridInput) -> Result<Grid> {
        grids::add(self.store.conn(), g)
    }

    pub fn grids_update(&mut self, id: &str, g: &GridInput) -> Result<Grid> {
        grids::update(self.store.conn(), id, g)
    }

    pub fn grids_delete(&mut self, id: &str) -> Result<()> {
        grids::delete(self.store.conn(), id)
    }

    /// Finds a grid by id, name or number.
    pub fn grids_resolve(&self, key: &str) -> Result<Grid> {
        grids::resolve(self.store.conn(), key)
    }

    /// The register's list and search as you type, from the index kept in memory.
    pub fn households_list(&self, q: &HouseholdQuery) -> Result<HouseholdPage> {
        let mut cache = self.search.borrow_mut();
        households::list_cached(self.store.conn(), &mut cache, q)
    }

    pub fn households_get(&self, id: &str) -> Result<Household> {
        households::get(self.store.conn(), id)
    }

    /// Finds a household by id or short code.
    pub fn households_resolve(&self, key: &str) -> Result<Household> {
        households::resolve(self.store.conn(), key)
    }

    pub fn households_add(&mut self, h: &HouseholdInput) -> Result<Household> {
        let tx = self.store.conn_mut().transaction()?;
        let added = households::add(&tx, h)?;
        tx.commit()?;
        Ok(added)
    }

    pub fn households_update(&mut self, id: &str, h: &HouseholdInput) -> Result<Household> {
        households::update(self.store.conn(), id, h)
    }

    pub fn households_delete(&mut self, id: &str) -> Result<()> {
        households::delete(self.store.conn(), id)
    }
}

crate::methods! {
    /// What the app shows on start: version, database, unit settings, counts.
    "app.info" => |api, _: ()| -> AppInfo { api.app_info() },
    /// The unit's settings (单位设置).
    "settings.get" => |api, _: ()| -> UnitSettings { api.settings_get() },
    /// Saves the unit's settings.
    "settings.save" => |api, a: UnitSettings| -> UnitSettings { api.settings_save(&a) },
    /// The groups of vulnerable people offered (the notices' and the office's own).
    "settings.people_groups" => |api, _: ()| -> PeopleGroups { api.settings_people_groups() },
    /// Saves the office's own groups of vulnerable people (单位设置).
    "settings.save_people_groups" => |api, a: PeopleGroupsArgs| -> PeopleGroups { api.settings_save_people_groups(&a.added) },
    /// Every grid with its household count.
    "grids.list" => |api, _: ()| -> Vec<Grid> { api.grids_list() },
    /// Adds a grid.
    "grids.add" => |api, a: GridInput| -> Grid { api.grids_add(&a) },
    /// Renames a grid or changes its leader.
    "grids.update" => |api, a: UpdateGridArgs| -> Grid { api.grids_update(&a.id, &a.input) },
    /// Deletes a grid that no household belongs to.
    "grids.delete" => |api, a: IdArgs| -> () { api.grids_delete(&a.id) },
    /// One page of the register, searched and filtered.
    "households.list" => |api, a: HouseholdQuery| -> HouseholdPage { api.households_list(&a) },
    /// One household.
    "households.get" => |api, a: IdArgs| -> Household { api.households_get(&a.id) },
    /// Adds a household (its code is given if left empty).
    "households.add" => |api, a: HouseholdInput| -> Household { api.households_add(&a) },
    /// Changes a household.
    "households.update" => |api, a: UpdateHouseholdArgs| -> Household { api.households_update(&a.id, &a.input) },
    /// Deletes a household.
    "households.delete" => |api, a: IdArgs| -> () { api.households_delete(&a.id) },
    /// The 行动名称 a hazard described in words most likely belongs to.
    "categories.guess" => |_api, a: TextArgs| -> Category { Ok(Category::guess(&a.text)) },
}
