-- Items whose answer describes the place (属性项: 弱势群体, 多合一场所) are recorded on the
-- household instead of being hazards. Additive: a new table, an archive table, and moving
-- the hazards of the built-in templates' item 15 (是否属于多合一场所) out of the ledger.

-- What the latest inspection answered to each attribute item of a household. Derived from
-- the audited answers (inspections::attributes keeps it in step), so not audited itself.
CREATE TABLE household_attributes (
    household_id  TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    label         TEXT NOT NULL,                  -- 多合一场所, 弱势群体 ... (the template's 属性项)
    value         TEXT NOT NULL CHECK (value IN ('yes', 'no')),
    inspection_id TEXT NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    visit_date    TEXT NOT NULL,
    PRIMARY KEY (household_id, label)
) STRICT;
CREATE INDEX household_attributes_label ON household_attributes(label, value);

-- Hazards taken out of the ledger by a change of rules, kept readable whole (with their
-- revisits) for anyone who asks what happened to them.
CREATE TABLE moved_hazards (
    id        TEXT PRIMARY KEY,                   -- the hazard's id
    hazard    TEXT NOT NULL,                      -- the hazards row as JSON
    revisits  TEXT NOT NULL,                      -- its revisits as a JSON array
    moved_at  TEXT NOT NULL,
    reason    TEXT NOT NULL
) STRICT;

INSERT INTO moved_hazards (id, hazard, revisits, moved_at, reason)
SELECT h.id,
       json_object('id', h.id, 'inspection_id', h.inspection_id, 'household_id', h.household_id,
                   'source', h.source, 'item_no', h.item_no, 'description', h.description,
                   'category', h.category, 'major', h.major, 'status', h.status,
                   'found_on', h.found_on, 'deadline', h.deadline, 'closed_on', h.closed_on,
                   'rectification', h.rectification, 'note', h.note,
                   'created_at', h.created_at, 'updated_at', h.updated_at),
       (SELECT json_group_array(json_object('id', r.id, 'visit_date', r.visit_date,
                   'visitor', r.visitor, 'result', r.result, 'note', r.note,
                   'created_at', r.created_at))
          FROM revisits r WHERE r.hazard_id = h.id),
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
       '第15项“是否属于含有生产、经营、仓储场所的多合一场所”改为属性项：记录在户上，不再算隐患'
  FROM hazards h JOIN inspections i ON i.id = h.inspection_id
 WHERE h.source = 'item' AND h.item_no = 15
   AND i.template_id IN ('xq2024', 'zymz2024') AND i.template_version = 1;

DELETE FROM revisits WHERE hazard_id IN (SELECT id FROM moved_hazards);
DELETE FROM hazards WHERE id IN (SELECT id FROM moved_hazards);
