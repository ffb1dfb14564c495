"""Big databases for the list and ledger tests, written with plain SQL as the Rust tests do
(thousands of households and hazards in a second, instead of minutes through the CLI)."""
import sqlite3

CATEGORIES = ["防煤气中毒事故", "防燃气爆炸事故", "防小火亡人事故", "防有限空间中毒事故",
              "防建筑施工事故", "防冰雪道路交通事故", "防森林火灾"]
NOW = "2024-12-01T00:00:00.000Z"


def households(db, n, grid_no=1):
    """`n` households in one grid (codes 01001…), named 住户N, at 东村N号."""
    c = sqlite3.connect(db)
    gid = f"g{grid_no}"
    c.execute("INSERT OR IGNORE INTO grids (id, no, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
              (gid, grid_no, f"{grid_no}组", NOW, NOW))
    c.executemany(
        "INSERT INTO households (id, code, grid_id, name, address, phone, residents, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(f"h{i}", f"{grid_no:02d}{i:0{max(3, len(str(n)))}d}", gid, f"住户{i}", f"东村{i}号",
          f"1380000{i:04d}", 3, NOW, NOW) for i in range(1, n + 1)])
    c.commit()
    c.close()


def hazards(db, n, found="2024-11-20", deadline="2024-11-27"):
    """`n` open hazards, one visit each on households h1…hn (which must exist)."""
    c = sqlite3.connect(db)
    c.executemany(
        "INSERT INTO inspections (id, household_id, template_id, template_version, visit_date, "
        "created_at, updated_at) VALUES (?, ?, 'xq2024', 1, ?, ?, ?)",
        [(f"i{i}", f"h{i}", found, NOW, NOW) for i in range(1, n + 1)])
    c.executemany(
        "INSERT INTO hazards (id, inspection_id, household_id, source, description, category, major, "
        "status, found_on, deadline, created_at, updated_at) VALUES (?, ?, ?, 'other', ?, ?, ?, 'open', ?, ?, ?, ?)",
        [(f"z{i}", f"i{i}", f"h{i}", f"厨房煤炉无烟囱，门窗紧闭，未装一氧化碳报警器（第{i}条）",
          CATEGORIES[i % 7], int(i % 50 == 0), found, deadline, NOW, NOW) for i in range(1, n + 1)])
    c.commit()
    c.close()
