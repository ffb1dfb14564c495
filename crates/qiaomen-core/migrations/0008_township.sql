-- The township's side (乡镇模式, issue 17): the villages' records as they arrive in their
-- data packages (township/package.rs), merged into one database the township searches,
-- follows up and reports from. Additive: new tables only, unused by a village's database.
--
-- Every table below holds copies of one village's records, keyed by `vid` (the village's
-- small local number, tw_villages.vid) first: a village's rows are one contiguous range of
-- each primary key, so replacing a village (a newer package) is one range delete and a run
-- of inserts inside one transaction, and cross-village queries filter by category, date or
-- status through their own indexes. Ids inside a village are the village's own UUIDs.
--
-- These are copies, replaced whole by the next package: they are not audited (the village's
-- own audit log holds their history); tw_imports records every package that changed them.
-- No ID number (身份证号) is ever stored here: packages do not carry them.

CREATE TABLE tw_villages (
    vid           INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,      -- the village's identity, made at its init
    name          TEXT NOT NULL,             -- 报送单位 as the village set it
    township      TEXT NOT NULL DEFAULT '',  -- the village's 上级乡镇 setting
    contact       TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    period_mode   TEXT NOT NULL DEFAULT '',  -- the village's statistics period setting
    deadline_days INTEGER NOT NULL DEFAULT 0,
    sequence      INTEGER NOT NULL,          -- the newest package's sequence number
    exported_at   TEXT NOT NULL,             -- when the village wrote that package (UTC)
    imported_at   TEXT NOT NULL,             -- when the township imported it (UTC)
    package_hash  TEXT NOT NULL,             -- SHA-256 of its plaintext (same package twice)
    format        INTEGER NOT NULL,
    app_version   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX tw_villages_name ON tw_villages(name);

-- One row per package that changed the township's records.
CREATE TABLE tw_imports (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    vid          INTEGER NOT NULL REFERENCES tw_villages(vid) ON DELETE CASCADE,
    sequence     INTEGER NOT NULL,
    exported_at  TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    file         TEXT NOT NULL DEFAULT '',   -- the file's name (not its folder)
    encryption   TEXT NOT NULL,              -- key | passphrase
    summary      TEXT NOT NULL               -- the counts added/changed/removed (JSON)
) STRICT;

CREATE TABLE tw_grids (
    vid          INTEGER NOT NULL,
    id           TEXT NOT NULL,
    no           INTEGER NOT NULL,
    name         TEXT NOT NULL,
    leader       TEXT NOT NULL DEFAULT '',
    leader_phone TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (vid, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE tw_households (
    vid           INTEGER NOT NULL,
    id            TEXT NOT NULL,
    code          TEXT NOT NULL,
    grid_id       TEXT,
    name          TEXT NOT NULL,
    name_initials TEXT NOT NULL DEFAULT '',
    address       TEXT NOT NULL DEFAULT '',
    village_group TEXT NOT NULL DEFAULT '',
    floors        INTEGER,
    residents     INTEGER,
    vulnerable    INTEGER,
    area          REAL,
    nature        TEXT NOT NULL DEFAULT '',
    structure     TEXT NOT NULL DEFAULT '',
    floors_used   TEXT NOT NULL DEFAULT '',
    contact       TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    template_id   TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    attributes    TEXT NOT NULL DEFAULT '',  -- 属性项 answered 是 by the latest visit, '、'-joined
    fp            INTEGER NOT NULL,          -- fingerprint of the record (changed or not)
    PRIMARY KEY (vid, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX tw_households_code ON tw_households(vid, code);

CREATE TABLE tw_people (
    vid            INTEGER NOT NULL,
    id             TEXT NOT NULL,
    household_id   TEXT NOT NULL,
    name           TEXT NOT NULL,
    categories     TEXT NOT NULL DEFAULT '',
    gender         TEXT NOT NULL DEFAULT '',
    birth_date     TEXT,
    phone          TEXT NOT NULL DEFAULT '',
    guardian       TEXT NOT NULL DEFAULT '',
    guardian_phone TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (vid, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX tw_people_household ON tw_people(vid, household_id);

-- The checklist templates the village's inspections were keyed under (their JSON body).
CREATE TABLE tw_templates (
    vid     INTEGER NOT NULL,
    id      TEXT NOT NULL,
    version INTEGER NOT NULL,
    name    TEXT NOT NULL,
    body    TEXT NOT NULL,
    PRIMARY KEY (vid, id, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE tw_rounds (
    vid        INTEGER NOT NULL,
    id         TEXT NOT NULL,
    name       TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date   TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (vid, id)
) STRICT, WITHOUT ROWID;

-- Inspections with their answers in one column: one character per item number
-- (position 1 = item 1): Y = 是, N = 否, '-' = not answered.
CREATE TABLE tw_inspections (
    vid              INTEGER NOT NULL,
    id               TEXT NOT NULL,
    household_id     TEXT NOT NULL,
    template_id      TEXT NOT NULL,
    template_version INTEGER NOT NULL,
    visit_date       TEXT NOT NULL,
    inspectors       TEXT NOT NULL DEFAULT '',
    other_hazards    TEXT NOT NULL DEFAULT '',
    assigned         TEXT NOT NULL DEFAULT '',
    signed           INTEGER NOT NULL DEFAULT 0,
    source           TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    answers          TEXT NOT NULL DEFAULT '',
    fp               INTEGER NOT NULL,
    PRIMARY KEY (vid, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX tw_inspections_visit ON tw_inspections(vid, visit_date, household_id);
CREATE INDEX tw_inspections_household ON tw_inspections(vid, household_id, visit_date);

CREATE TABLE tw_hazards (
    vid           INTEGER NOT NULL,
    id            TEXT NOT NULL,
    inspection_id TEXT NOT NULL,
    household_id  TEXT NOT NULL,
    source        TEXT NOT NULL,
    item_no       INTEGER,
    description   TEXT NOT NULL,
    category      TEXT NOT NULL,
    major         INTEGER NOT NULL DEFAULT 0,
    status        TEXT NOT NULL,
    found_on      TEXT NOT NULL,
    deadline      TEXT,
    closed_on     TEXT,
    rectification TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    fp            INTEGER NOT NULL,
    PRIMARY KEY (vid, id)
) STRICT, WITHOUT ROWID;
-- The township's statistics table (as migration 0003 for a village's own).
CREATE INDEX tw_hazards_found ON tw_hazards(category, found_on, major);
CREATE INDEX tw_hazards_closed ON tw_hazards(category, closed_on, status, major);
-- The follow-up views: open and overdue per village, a household's hazards.
CREATE INDEX tw_hazards_status ON tw_hazards(vid, status, deadline, major);
CREATE INDEX tw_hazards_household ON tw_hazards(vid, household_id);

CREATE TABLE tw_revisits (
    vid        INTEGER NOT NULL,
    id         TEXT NOT NULL,
    hazard_id  TEXT NOT NULL,
    visit_date TEXT NOT NULL,
    visitor    TEXT NOT NULL DEFAULT '',
    result     TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (vid, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX tw_revisits_hazard ON tw_revisits(vid, hazard_id);

CREATE TABLE tw_measures (
    vid         INTEGER NOT NULL,
    id          TEXT NOT NULL,
    hazard_id   TEXT NOT NULL,
    taken_on    TEXT NOT NULL,
    description TEXT NOT NULL,
    PRIMARY KEY (vid, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX tw_measures_hazard ON tw_measures(vid, hazard_id);

CREATE TABLE tw_escalations (
    vid          INTEGER NOT NULL,
    hazard_id    TEXT NOT NULL,
    escalated_to TEXT NOT NULL,
    escalated_on TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (vid, hazard_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE tw_publicity (
    vid        INTEGER NOT NULL,
    id         TEXT NOT NULL,
    event_date TEXT NOT NULL,
    category   TEXT NOT NULL,
    kind       TEXT NOT NULL DEFAULT '',
    sessions   INTEGER NOT NULL DEFAULT 0,
    people     INTEGER NOT NULL DEFAULT 0,
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (vid, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX tw_publicity_date ON tw_publicity(event_date, category);

-- The villages' own statistics tables (附件2 files they also sent, read like 乡镇汇总 reads
-- them), kept to show where a village's table and its records disagree.
CREATE TABLE tw_sent_tables (
    id          TEXT PRIMARY KEY,
    vid         INTEGER REFERENCES tw_villages(vid) ON DELETE SET NULL,
    unit        TEXT NOT NULL,
    file        TEXT NOT NULL,
    from_date   TEXT NOT NULL DEFAULT '',
    to_date     TEXT NOT NULL DEFAULT '',
    report_date TEXT NOT NULL DEFAULT '',
    rows        TEXT NOT NULL,               -- the seven rows as JSON (StatsRow)
    added_at    TEXT NOT NULL
) STRICT;
CREATE INDEX tw_sent_tables_period ON tw_sent_tables(from_date, to_date);
