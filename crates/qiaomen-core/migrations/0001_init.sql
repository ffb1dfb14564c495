-- qiaomen schema, version 1. Additive only from here on: later migrations may add tables,
-- columns, indexes and (re)create triggers and views, never drop or rename what this wrote.
-- All ids are UUID v7 text; all dates are ISO 'YYYY-MM-DD' text; timestamps are RFC 3339 UTC.

-- Marks the file as a qiaomen database (checked on open and on restore).
CREATE TABLE app_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Office settings as key/value: unit name, contact, phone, clerk, statistics period mode,
-- default rectification deadline, backup rotation ... (see settings.rs for the keys).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Grids (网格 / 微网格). `no` is the small number that starts every household code of the grid.
CREATE TABLE grids (
    id           TEXT PRIMARY KEY,
    no           INTEGER NOT NULL UNIQUE CHECK (no >= 0),
    name         TEXT NOT NULL UNIQUE,
    leader       TEXT NOT NULL DEFAULT '',
    leader_phone TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

-- Households and other places (检查对象): every header field of the checklist.
CREATE TABLE households (
    id             TEXT PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,          -- short human code printed on forms
    grid_id        TEXT REFERENCES grids(id) ON DELETE RESTRICT,
    name           TEXT NOT NULL,                 -- 检查地点(对象)名称 / 户主
    name_initials  TEXT NOT NULL DEFAULT '',      -- pinyin initials for search (张三 -> zs)
    address        TEXT NOT NULL DEFAULT '',
    village_group  TEXT NOT NULL DEFAULT '',      -- 村民小组 as in the roster
    floors         INTEGER CHECK (floors IS NULL OR floors >= 0),        -- 建筑层数
    residents      INTEGER CHECK (residents IS NULL OR residents >= 0),  -- 居住人员总数
    vulnerable     INTEGER CHECK (vulnerable IS NULL OR vulnerable >= 0),-- 其中弱势群体人数
    area           REAL CHECK (area IS NULL OR area >= 0),               -- 场所建筑面积 (m²)
    nature         TEXT NOT NULL DEFAULT '',      -- 场所性质
    structure      TEXT NOT NULL DEFAULT '',      -- 建筑结构
    floors_used    TEXT NOT NULL DEFAULT '',      -- 使用层数 (地上/地下/半地下)
    contact        TEXT NOT NULL DEFAULT '',      -- 联系人
    phone          TEXT NOT NULL DEFAULT '',      -- 联系电话
    id_number      TEXT NOT NULL DEFAULT '',      -- 户主身份证号 (validated, may be empty)
    template_id    TEXT NOT NULL DEFAULT '',      -- checklist template used for this place ('' = office default)
    note           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;
CREATE INDEX households_grid ON households(grid_id);
CREATE INDEX households_name ON households(name);

-- Vulnerable people, one row per person: seed 003 asks for a named list (社区独居老人统计表),
-- one person may be in several groups (comma-separated categories), and a household may hold
-- several such people. households.vulnerable stays the count written on the form header.
CREATE TABLE people (
    id           TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    categories   TEXT NOT NULL DEFAULT '',        -- e.g. '独居老人,残疾人'
    gender       TEXT NOT NULL DEFAULT '',
    birth_date   TEXT,
    id_number    TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    guardian     TEXT NOT NULL DEFAULT '',        -- 监护人/联系人
    guardian_phone TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX people_household ON people(household_id);

-- Checklist templates (forms are data). The JSON body is the template as loaded from
-- assets/templates; a recorded inspection keeps (template_id, template_version).
CREATE TABLE templates (
    id         TEXT NOT NULL,
    version    INTEGER NOT NULL,
    name       TEXT NOT NULL,
    body       TEXT NOT NULL,
    loaded_at  TEXT NOT NULL,
    PRIMARY KEY (id, version)
) STRICT;

-- Rounds (轮次): the office's named date ranges for "不漏一户" coverage.
CREATE TABLE rounds (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    end_date    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (start_date <= end_date)
) STRICT;

-- Inspection visits (入户检查): one filled checklist.
CREATE TABLE inspections (
    id               TEXT PRIMARY KEY,
    household_id     TEXT NOT NULL REFERENCES households(id) ON DELETE RESTRICT,
    template_id      TEXT NOT NULL,
    template_version INTEGER NOT NULL,
    visit_date       TEXT NOT NULL,                 -- 填表日期
    inspectors       TEXT NOT NULL DEFAULT '',      -- 入户检查人员
    other_hazards    TEXT NOT NULL DEFAULT '',      -- 其它隐患情况 (free text as on paper)
    assigned         TEXT NOT NULL DEFAULT '',      -- 现场交办整改事项
    signed           INTEGER NOT NULL DEFAULT 0 CHECK (signed IN (0, 1)),
    source           TEXT NOT NULL DEFAULT 'keyed', -- keyed | sheet (bulk import)
    note             TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    FOREIGN KEY (template_id, template_version) REFERENCES templates(id, version)
) STRICT;
CREATE INDEX inspections_household ON inspections(household_id, visit_date);
CREATE INDEX inspections_date ON inspections(visit_date);

-- Answers to the yes/no items of the template.
CREATE TABLE answers (
    inspection_id TEXT NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    item_no       INTEGER NOT NULL,
    answer        TEXT NOT NULL CHECK (answer IN ('yes', 'no')),
    PRIMARY KEY (inspection_id, item_no)
) STRICT, WITHOUT ROWID;

-- Hazards (隐患台账). Derived from answers (source 'item') or entered as other hazards
-- (source 'other'); they follow edits of their inspection.
CREATE TABLE hazards (
    id             TEXT PRIMARY KEY,
    inspection_id  TEXT NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    household_id   TEXT NOT NULL REFERENCES households(id) ON DELETE RESTRICT,
    source         TEXT NOT NULL CHECK (source IN ('item', 'other')),
    item_no        INTEGER,
    description    TEXT NOT NULL,
    category       TEXT NOT NULL,                  -- one of the seven 行动名称
    major          INTEGER NOT NULL DEFAULT 0 CHECK (major IN (0, 1)),
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'fixed_on_site', 'closed')),
    found_on       TEXT NOT NULL,
    deadline       TEXT,
    closed_on      TEXT,
    rectification  TEXT NOT NULL DEFAULT '',       -- what the household must do
    note           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;
CREATE INDEX hazards_found ON hazards(found_on, category);
CREATE INDEX hazards_closed ON hazards(closed_on, category);
CREATE INDEX hazards_household ON hazards(household_id);
CREATE INDEX hazards_inspection ON hazards(inspection_id);

-- Revisits (回访) of a hazard.
CREATE TABLE revisits (
    id          TEXT PRIMARY KEY,
    hazard_id   TEXT NOT NULL REFERENCES hazards(id) ON DELETE CASCADE,
    visit_date  TEXT NOT NULL,
    visitor     TEXT NOT NULL DEFAULT '',
    result      TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX revisits_hazard ON revisits(hazard_id);

-- Publicity events (宣传).
CREATE TABLE publicity (
    id          TEXT PRIMARY KEY,
    event_date  TEXT NOT NULL,
    category    TEXT NOT NULL,                     -- one of the seven 行动名称
    kind        TEXT NOT NULL DEFAULT '',          -- 广播, 微信群, 警示教育片, 讲座, 入户宣传, 发放明白卡, 其他
    sessions    INTEGER NOT NULL DEFAULT 0 CHECK (sessions >= 0),
    people      INTEGER NOT NULL DEFAULT 0 CHECK (people >= 0),
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX publicity_date ON publicity(event_date);

-- Audit log: every insert/update/delete of the tables above, filled by triggers so that no
-- code path can forget it. old/new are JSON objects of the row.
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    old        TEXT,
    new        TEXT
) STRICT;
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
