-- Covering indexes for the statistics table (附件2, stats.rs): each of the seven rows counts
-- the hazards found, and those closed, in a date range without reading the table itself.
-- With 300,000 inspections a month's table goes from ~0.6 s to a few milliseconds
-- (BENCHMARKS.md, "Statistics table"). Additive: the older hazards_found/hazards_closed stay.
CREATE INDEX hazards_stats_found ON hazards(category, found_on, major);
CREATE INDEX hazards_stats_closed ON hazards(category, closed_on, status, major);
