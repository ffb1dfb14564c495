-- Indexes for the 工作台 (desk.rs), which the app opens on: with 20,000 households and a
-- season of visits (BENCHMARKS.md, "工作台") these two counts were full scans.
-- Checklists keyed today / this period count inspections by their record stamp.
CREATE INDEX inspections_created ON inspections(created_at);
-- Overdue and due-soon hazards by grid and category: only the open ones, with what the
-- counts read (a partial index stays small as hazards are closed).
CREATE INDEX hazards_open ON hazards(household_id, category, deadline, major)
    WHERE status = 'open';
