#!/usr/bin/env python3
"""What the 防控措施 / 上报 columns cost the hazard ledger's query (issue 16 part 3).

Builds a database with the real migrations (20,000 households, one hazard each, a tenth of
them with 1-3 measures, a thirtieth escalated) and times the ledger's SELECT before and
after migration 0006's columns, in Python's sqlite3 (C, optimised) — the SQL is the cost.

    python3 tools/bench/hazard_ledger_escalation.py [DB]   (figures go in BENCHMARKS.md)
"""
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

M = str(Path(__file__).resolve().parents[2] / "crates/qiaomen-core/migrations") + "/"
db = sys.argv[1] if len(sys.argv) > 1 else os.path.join(tempfile.mkdtemp(), "bench.sqlite3")
if os.path.exists(db):
    os.remove(db)
c = sqlite3.connect(db)
for f in ["0001_init.sql","0002_audit_triggers.sql","0003_stats_indexes.sql","0004_audit_insert_entries.sql","0006_hazard_escalation.sql"]:
    c.executescript(open(M+f, encoding="utf-8").read())
ts = "2024-12-01T00:00:00Z"
random.seed(1)
c.execute("PRAGMA foreign_keys=OFF")
c.execute("INSERT INTO templates VALUES ('xq2024',1,'t','{}',?)", (ts,))
N = 20000
c.executemany("INSERT INTO grids (id,no,name,created_at,updated_at) VALUES (?,?,?,?,?)",
              [(f"g{i}", i, f"网格{i}", ts, ts) for i in range(N // 10)])
hh = [(f"h{i}", f"{i:05d}", f"g{i // 10}", f"户主{i}", f"hz{i}", f"地址{i}", ts, ts) for i in range(N)]
c.executemany("INSERT INTO households (id,code,grid_id,name,name_initials,address,created_at,updated_at) VALUES (?,?,?,?,?,?,?,?)", hh)
c.executemany("INSERT INTO inspections (id,household_id,template_id,template_version,visit_date,inspectors,created_at,updated_at) VALUES (?,?,?,?,?,?,?,?)",
              [(f"i{i}", f"h{i}", "xq2024", 1, f"2024-12-{1 + i % 28:02d}", "李四", ts, ts) for i in range(N)])
hz = []
for i in range(N):
    st = random.choice(["open", "open", "closed", "fixed_on_site"])
    hz.append((f"z{i}", f"i{i}", f"h{i}", "item", 5, "燃气管道漏气", "防燃气爆炸事故", 1, st, f"2024-12-{1 + i % 28:02d}", "2024-12-30", None if st == "open" else "2024-12-29", ts, ts))
c.executemany("INSERT INTO hazards (id,inspection_id,household_id,source,item_no,description,category,major,status,found_on,deadline,closed_on,created_at,updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", hz)
ms = []
for i in range(0, N, 10):
    for k in range(random.randint(1, 3)):
        ms.append((f"m{i}-{k}", f"z{i}", f"2024-12-{10 + k:02d}", "关闭气源，设置警示标志", ts))
c.executemany("INSERT INTO hazard_measures VALUES (?,?,?,?,?)", ms)
c.executemany("INSERT INTO hazard_escalations VALUES (?,?,?,?,?,?)",
              [(f"z{i}", "镇党委、镇政府", "2024-12-12", "", ts, ts) for i in range(0, N, 30)])
c.commit()
c.execute("ANALYZE")
OLD = """SELECT h.id, h.inspection_id, h.household_id, hh.code, hh.name, hh.address,
    hh.grid_id, coalesce(g.name, ''), h.source, h.item_no, h.description, h.category, h.major,
    h.status, h.found_on, h.deadline, h.closed_on, h.rectification, h.note,
    (h.status = 'open' AND h.deadline IS NOT NULL AND h.deadline < ?1),
    (SELECT count(*) FROM revisits r WHERE r.hazard_id = h.id), h.created_at, h.updated_at
    FROM hazards h JOIN households hh ON hh.id = h.household_id
    LEFT JOIN grids g ON g.id = hh.grid_id"""
NEW = OLD.replace("h.created_at, h.updated_at\n", """h.created_at, h.updated_at,
    e.hazard_id, e.escalated_to, e.escalated_on, e.note, e.created_at, e.updated_at,
    (SELECT count(*) FROM hazard_measures m WHERE m.hazard_id = h.id),
    lm.id, lm.taken_on, lm.description, lm.created_at
""").replace("LEFT JOIN grids g ON g.id = hh.grid_id", """LEFT JOIN grids g ON g.id = hh.grid_id
    LEFT JOIN hazard_escalations e ON e.hazard_id = h.id
    LEFT JOIN hazard_measures lm ON lm.id = (SELECT m.id FROM hazard_measures m
        WHERE m.hazard_id = h.id ORDER BY m.taken_on DESC, m.created_at DESC LIMIT 1)""")
assert NEW != OLD
def run(sql, tail, reps=5):
    best = 1e9
    for _ in range(reps):
        t = time.perf_counter()
        rows = c.execute(sql + tail, ("2024-12-25",)).fetchall()
        best = min(best, time.perf_counter() - t)
    return len(rows), best * 1000
for label, tail in [
    ("all", " WHERE 1=1 ORDER BY h.found_on DESC, hh.code, coalesce(h.item_no, 1000), h.created_at"),
    ("open first 500", " WHERE h.status = 'open' ORDER BY h.deadline, hh.code, h.item_no LIMIT 500"),
]:
    n, o = run(OLD, tail)
    _, nw = run(NEW, tail)
    print(f"{label}: {n} rows  old {o:.1f} ms  new {nw:.1f} ms")
esc = " WHERE EXISTS (SELECT 1 FROM hazard_escalations x WHERE x.hazard_id = h.id) ORDER BY h.found_on DESC, hh.code"
n, t = run(NEW, esc)
print(f"escalated filter: {n} rows {t:.1f} ms")
wm = " WHERE EXISTS (SELECT 1 FROM hazard_measures x WHERE x.hazard_id = h.id) ORDER BY h.found_on DESC, hh.code"
n, t = run(NEW, wm)
print(f"with-measures filter: {n} rows {t:.1f} ms")
print(len(hz), "hazards", len(ms), "measures", sqlite3.sqlite_version)
