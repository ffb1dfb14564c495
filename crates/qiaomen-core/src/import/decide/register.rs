//! The register as the import sees it: every registered household read once before the
//! rows are looked at, and how a roster row is merged into the household it matches.

use crate::error::Result;
use crate::households;
use crate::import::analyse::Candidate;
use crate::import::fields::Field;
use foldhash::{HashMap, HashSet};
use rusqlite::Connection;

/// A registered household as needed for matching.
#[derive(Debug, Clone)]
pub(super) struct Registered {
    pub(super) id: String,
    pub(super) code: String,
    pub(super) grid: String,
    pub(super) h: households::HouseholdInput,
}

/// What matching needs from the database, read once before the rows are looked at.
pub(crate) struct Register {
    pub(super) rows: Vec<Registered>,
    /// Registered vulnerable people: (household id, name) -> categories.
    pub(super) people: HashMap<(String, String), String>,
    pub(super) grids: HashSet<String>,
    /// The office's groups of vulnerable people.
    pub(crate) groups: crate::people::Groups,
}

impl Register {
    /// Reads the register: every household, the named vulnerable people, the grids.
    pub(crate) fn load(conn: &Connection) -> Result<Register> {
        let mut st = conn.prepare(
            "SELECT h.id, h.code, coalesce(g.name, ''), h.name, h.address, h.village_group,
                    h.floors, h.residents, h.vulnerable, h.area, h.nature, h.structure,
                    h.floors_used, h.contact, h.phone, h.id_number, h.note, h.grid_id,
                    h.template_id
             FROM households h LEFT JOIN grids g ON g.id = h.grid_id",
        )?;
        let rows = st.query_map([], |r| {
            Ok(Registered {
                id: r.get(0)?,
                code: r.get(1)?,
                grid: r.get(2)?,
                h: households::HouseholdInput {
                    name: r.get(3)?,
                    address: r.get(4)?,
                    village_group: r.get(5)?,
                    floors: r.get(6)?,
                    residents: r.get(7)?,
                    vulnerable: r.get(8)?,
                    area: r.get(9)?,
                    nature: r.get(10)?,
                    structure: r.get(11)?,
                    floors_used: r.get(12)?,
                    contact: r.get(13)?,
                    phone: r.get(14)?,
                    id_number: r.get(15)?,
                    note: r.get(16)?,
                    grid_id: r.get(17)?,
                    template_id: r.get(18)?,
                },
            })
        })?;
        let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        let mut st = conn.prepare("SELECT household_id, name, categories FROM people")?;
        let people = st
            .query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?
            .collect::<rusqlite::Result<HashMap<_, _>>>()?;
        let mut st = conn.prepare("SELECT name FROM grids")?;
        let grids = st
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<HashSet<_>>>()?;
        Ok(Register {
            rows,
            people,
            grids,
            groups: crate::people::Groups::load(conn)?,
        })
    }
}

/// Merges a roster row into a registered household: filled cells win, blank cells keep
/// what is stored; a note is appended unless already there. Returns the changed fields.
pub(super) fn merge(
    reg: &Registered,
    c: &Candidate,
) -> (households::HouseholdInput, Vec<&'static str>, bool) {
    let mut m = reg.h.clone();
    let mut changed: Vec<&'static str> = Vec::new();
    let p = &c.provided;
    let i = &c.input;
    macro_rules! text_field {
        ($f:ident, $field:expr) => {
            if p.contains(&$field) && m.$f != i.$f {
                m.$f = i.$f.clone();
                changed.push($field.label());
            }
        };
    }
    if m.name != i.name {
        m.name = i.name.clone();
        changed.push(Field::Name.label());
    }
    text_field!(address, Field::Address);
    text_field!(village_group, Field::VillageGroup);
    text_field!(contact, Field::Contact);
    text_field!(phone, Field::Phone);
    text_field!(id_number, Field::IdNumber);
    text_field!(floors_used, Field::FloorsUsed);
    text_field!(nature, Field::Nature);
    text_field!(structure, Field::Structure);
    text_field!(residents, Field::Residents);
    text_field!(vulnerable, Field::Vulnerable);
    text_field!(floors, Field::Floors);
    text_field!(area, Field::Area);
    if p.contains(&Field::Note) && !i.note.is_empty() && !m.note.contains(&i.note) {
        m.note = if m.note.is_empty() {
            i.note.clone()
        } else {
            format!("{}；{}", m.note, i.note)
        };
        changed.push(Field::Note.label());
    }
    let grid_changed = p.contains(&Field::Grid) && reg.grid != c.grid;
    if grid_changed {
        changed.push(Field::Grid.label());
    }
    (m, changed, grid_changed)
}
