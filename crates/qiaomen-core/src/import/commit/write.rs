//! Writing the decided actions inside the import's transaction: grids created on first
//! use, household codes counted up per grid, new households and people inserted many rows
//! per statement, registered ones updated (their people's categories merged).

use crate::error::Result;
use crate::households;
use crate::import::analyse::Candidate;
use crate::import::decide::Action;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};

/// Writes the actions inside the import's transaction: grids created on first use, codes
/// counted up per grid, new households and people inserted many rows per statement.
pub(super) struct Writer<'c> {
    tx: &'c Connection,
    now: String,
    grid_ids: HashMap<String, (String, i64)>,
    leaders_done: HashSet<String>,
    next_seq: HashMap<Option<String>, (String, i64)>,
    /// Households to insert: code, grid id, the row.
    new_households: Vec<(String, Option<String>, Box<Candidate>)>,
    new_people: Vec<Value>,
}

/// Rows buffered before they are inserted.
const FLUSH_ROWS: usize = 1000;

impl<'c> Writer<'c> {
    pub(super) fn new(tx: &'c Connection) -> Result<Writer<'c>> {
        let mut grid_ids = HashMap::new();
        let mut st = tx.prepare("SELECT name, id, no FROM grids")?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for r in rows {
            let (name, id, no) = r?;
            grid_ids.insert(name, (id, no));
        }
        Ok(Writer {
            tx,
            now: crate::now_ts(),
            grid_ids,
            leaders_done: HashSet::new(),
            next_seq: HashMap::new(),
            new_households: Vec::new(),
            new_people: Vec::new(),
        })
    }

    /// The grid of a roster row (created on first use), with the roster's grid leader
    /// written where the grid has none yet.
    fn grid(&mut self, c: &Candidate) -> Result<Option<(String, i64)>> {
        if c.grid.is_empty() {
            return Ok(None);
        }
        if !self.grid_ids.contains_key(&c.grid) {
            let g = crate::grids::find_or_create(self.tx, &c.grid)?;
            self.grid_ids.insert(c.grid.clone(), (g.id, g.no));
        }
        let g = self.grid_ids.get(&c.grid).cloned();
        let has_leader = !c.grid_leader.is_empty() || !c.grid_leader_phone.is_empty();
        if has_leader && self.leaders_done.insert(c.grid.clone()) {
            if let Some((id, _)) = &g {
                self.tx.execute(
                    "UPDATE grids SET leader = CASE WHEN leader = '' THEN ?2 ELSE leader END,
                        leader_phone = CASE WHEN leader_phone = '' THEN ?3 ELSE leader_phone END,
                        updated_at = ?4
                     WHERE id = ?1 AND ((leader = '' AND ?2 <> '') OR (leader_phone = '' AND ?3 <> ''))",
                    params![id, c.grid_leader, c.grid_leader_phone, self.now],
                )?;
            }
        }
        Ok(g)
    }

    fn person_values(&mut self, household_id: &str, c: &Candidate) {
        let (gender, birth) = gender_birth(&c.input.id_number);
        self.new_people.extend([
            Value::Text(crate::new_id()),
            Value::Text(household_id.to_string()),
            Value::Text(c.input.name.clone()),
            Value::Text(c.person_categories.join(",")),
            Value::Text(gender.to_string()),
            birth.map(Value::Text).unwrap_or(Value::Null),
            Value::Text(c.input.id_number.clone()),
            Value::Text(c.input.phone.clone()),
            Value::Text(self.now.clone()),
            Value::Text(self.now.clone()),
        ]);
    }

    /// Writes one action (new households are buffered and inserted many at a time).
    pub(super) fn push(&mut self, action: Action) -> Result<()> {
        match action {
            Action::Add(c) => self.add(c)?,
            Action::Update {
                cand,
                id,
                grid_id,
                merged,
                grid_changed,
            } => self.update(&cand, &id, grid_id, &merged, grid_changed)?,
        }
        if self.new_households.len() >= FLUSH_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    fn add(&mut self, c: Box<Candidate>) -> Result<()> {
        let grid = self.grid(&c)?;
        let grid_id = grid.as_ref().map(|g| g.0.clone());
        let entry = match self.next_seq.get_mut(&grid_id) {
            Some(e) => e,
            None => {
                let code = households::next_code(self.tx, grid_id.as_deref())?;
                let prefix = format!("{:02}", grid.as_ref().map(|g| g.1).unwrap_or(0));
                let seq: i64 = code
                    .get(prefix.len()..)
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(1);
                self.next_seq
                    .entry(grid_id.clone())
                    .or_insert((prefix, seq))
            }
        };
        let code = format!("{}{:03}", entry.0, entry.1);
        entry.1 += 1;
        if !c.person_categories.is_empty() {
            let id = c.id.clone();
            self.person_values(&id, &c);
        }
        self.new_households.push((code, grid_id, c));
        Ok(())
    }

    fn update(
        &mut self,
        c: &Candidate,
        id: &str,
        grid_id: Option<String>,
        h: &households::HouseholdInput,
        grid_changed: bool,
    ) -> Result<()> {
        let grid_id = if grid_changed {
            self.grid(c)?.map(|g| g.0)
        } else {
            grid_id
        };
        self.tx
            .prepare_cached(
                "UPDATE households SET grid_id = ?2, name = ?3, name_initials = ?4, address = ?5,
                    village_group = ?6, floors = ?7, residents = ?8, vulnerable = ?9, area = ?10,
                    nature = ?11, structure = ?12, floors_used = ?13, contact = ?14, phone = ?15,
                    id_number = ?16, note = ?17, updated_at = ?18
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                grid_id,
                h.name,
                c.initials,
                h.address,
                h.village_group,
                h.floors,
                h.residents,
                h.vulnerable,
                h.area,
                h.nature,
                h.structure,
                h.floors_used,
                h.contact,
                h.phone,
                h.id_number,
                h.note,
                self.now
            ])?;
        if c.person_categories.is_empty() {
            return Ok(());
        }
        let existing: Option<(String, String)> = self
            .tx
            .prepare_cached(
                "SELECT id, categories FROM people WHERE household_id = ?1 AND name = ?2",
            )?
            .query_row(params![id, c.input.name], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        match existing {
            None => self.person_values(id, c),
            Some((pid, cats)) => {
                let mut all: Vec<String> = cats
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect();
                for k in &c.person_categories {
                    if !all.contains(k) {
                        all.push(k.clone());
                    }
                }
                let joined = all.join(",");
                if joined != cats {
                    self.tx
                        .prepare_cached(
                            "UPDATE people SET categories = ?2, updated_at = ?3 WHERE id = ?1",
                        )?
                        .execute(params![pid, joined, self.now])?;
                }
            }
        }
        Ok(())
    }

    /// Inserts the buffered households, then their people (who refer to them).
    pub(super) fn flush(&mut self) -> Result<()> {
        let now = &self.now;
        let mut values: Vec<&dyn rusqlite::ToSql> =
            Vec::with_capacity(self.new_households.len() * HOUSEHOLD_COLUMNS);
        for (code, grid_id, c) in &self.new_households {
            let h = &c.input;
            values.extend([
                &c.id as &dyn rusqlite::ToSql,
                code,
                grid_id,
                &h.name,
                &c.initials,
                &h.address,
                &h.village_group,
                &h.floors,
                &h.residents,
                &h.vulnerable,
                &h.area,
                &h.nature,
                &h.structure,
                &h.floors_used,
                &h.contact,
                &h.phone,
                &h.id_number,
                &h.template_id,
                &h.note,
                now,
                now,
            ]);
        }
        insert_rows(
            self.tx,
            "households (id, code, grid_id, name, name_initials, address, village_group, floors,
                residents, vulnerable, area, nature, structure, floors_used, contact, phone,
                id_number, template_id, note, created_at, updated_at)",
            HOUSEHOLD_COLUMNS,
            &values,
        )?;
        drop(values);
        self.new_households.clear();
        let people: Vec<&dyn rusqlite::ToSql> = self
            .new_people
            .iter()
            .map(|v| v as &dyn rusqlite::ToSql)
            .collect();
        insert_rows(
            self.tx,
            "people (id, household_id, name, categories, gender, birth_date, id_number, phone,
                created_at, updated_at)",
            10,
            &people,
        )?;
        drop(people);
        self.new_people.clear();
        Ok(())
    }
}

const HOUSEHOLD_COLUMNS: usize = 21;

/// Rows inserted per statement.
const BATCH_ROWS: usize = 50;

/// Inserts rows of `width` values each, [`BATCH_ROWS`] rows per statement.
fn insert_rows(
    tx: &Connection,
    table_and_columns: &str,
    width: usize,
    values: &[&dyn rusqlite::ToSql],
) -> Result<()> {
    if values.is_empty() {
        return Ok(());
    }
    let one = format!("({})", vec!["?"; width].join(","));
    let sql = |rows: usize| {
        format!(
            "INSERT INTO {table_and_columns} VALUES {}",
            vec![one.as_str(); rows].join(",")
        )
    };
    let mut full = tx.prepare_cached(&sql(BATCH_ROWS))?;
    for chunk in values.chunks(width * BATCH_ROWS) {
        if chunk.len() == width * BATCH_ROWS {
            full.execute(chunk)?;
        } else {
            tx.execute(&sql(chunk.len() / width), chunk)?;
        }
    }
    Ok(())
}

/// Gender and birth date read from a valid 18-digit ID (as the people list does).
fn gender_birth(id: &str) -> (&'static str, Option<String>) {
    if id.len() != 18 {
        return ("", None);
    }
    let gender = match id[16..17].parse::<u32>() {
        Ok(d) if d % 2 == 1 => "男",
        Ok(_) => "女",
        Err(_) => "",
    };
    let birth = chrono::NaiveDate::parse_from_str(&id[6..14], "%Y%m%d")
        .ok()
        .map(|d| d.format("%Y-%m-%d").to_string());
    (gender, birth)
}
