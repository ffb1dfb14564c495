"""Issue 19 in the real app: it opens on the 工作台, whose numbers are the ledger's, the round's
coverage and the statistics table's (checked against the CLI on the same database); the
overdue card leads to the ledger filtered to overdue, by click and by key; the written report
(工作开展情况) is saved from the statistics screen through the save dialog and read back with
python-docx.

The app uses the machine's clock, so the village is made around today: a round running now,
visits over the last weeks, hazards whose deadlines fell before today, around today and after."""
import datetime
import json
import random
import sqlite3

import docx

CATS = ["防煤气中毒事故", "防燃气爆炸事故", "防小火亡人事故", "防有限空间中毒事故",
        "防建筑施工事故", "防冰雪道路交通事故", "防森林火灾"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["秀英", "建国", "玉兰", "志强", "桂芳", "国华", "淑珍", "海燕", "德明", "春梅", "䶮", "堃", "喆", "晓东"]
HAZARDS = [("电气线路老化", 2, 0), ("电动车在楼道充电", 2, 0), ("燃气软管破裂", 1, 1),
           ("炭火取暖屋内封闭", 0, 1), ("杂物堆放堵塞通道", 2, 0), ("热水器废气未直排", 0, 0)]


def season_around(today):
    """This winter's dates as the office would set them, containing today and the visits."""
    w = today.year if today.month >= 7 else today.year - 1
    start = max(today - datetime.timedelta(days=45), datetime.date(w, 7, 1))
    end = min(today + datetime.timedelta(days=60), datetime.date(w + 1, 6, 30))
    return start, end


def seed(db, today):
    """Eight grids of households, a round running since 9 days ago, a season of visits with
    hazards, publicity; two checklists keyed today. Written as the entry module writes them."""
    rnd = random.Random(19)
    day = datetime.timedelta(days=1)
    start, end = season_around(today)
    c = sqlite3.connect(db)
    old = "2024-01-01T00:00:00.000Z"
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    for key, value in [("season_start", start.isoformat()), ("season_end", end.isoformat())]:
        c.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, json.dumps(value)))
    c.execute("INSERT INTO rounds (id, name, start_date, end_date, created_at, updated_at) "
              "VALUES ('r1', '本轮', ?, ?, ?, ?)", ((today - 9 * day).isoformat(), (today + 6 * day).isoformat(), old, old))
    n = 0
    for g in range(1, 9):
        c.execute("INSERT INTO grids (id, no, name, leader, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                  (f"g{g}", g, f"第{g}网格", f"网格长{g}", old, old))
        for k in range(1, 9):
            n += 1
            name = rnd.choice(SURNAMES) + rnd.choice(GIVEN)
            c.execute("INSERT INTO households (id, code, grid_id, name, address, created_at, updated_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)", (f"h{n}", f"{g:02d}{k:03d}", f"g{g}", name, f"东村{g}组{k}号", old, old))
    visits = 0
    for h in range(1, n + 1):
        # The better-covered grids first; the last grids lag behind in this round.
        grid = (h - 1) // 8 + 1
        if rnd.random() < 1.1 - grid * 0.08:
            visit = today - rnd.randint(0, 8) * day
        else:
            visit = today - rnd.randint(10, 40) * day
        visit = max(visit, start)
        visits += 1
        c.execute("INSERT INTO inspections (id, household_id, template_id, template_version, visit_date, "
                  "created_at, updated_at) VALUES (?, ?, 'xq2024', 1, ?, ?, ?)",
                  (f"i{h}", f"h{h}", visit.isoformat(), now if h in (3, 11) else old, old))
        if rnd.random() < 0.45:
            desc, cat, major = rnd.choice(HAZARDS)
            roll = rnd.random()
            if roll < 0.3:
                status, closed, deadline = "fixed_on_site", visit, None
            elif roll < 0.55 and visit + 3 * day <= today:
                status, closed, deadline = "closed", visit + 3 * day, None
            else:
                status, closed, deadline = "open", None, visit + 7 * day
            c.execute("INSERT INTO hazards (id, inspection_id, household_id, source, description, category, major, "
                      "status, found_on, deadline, closed_on, created_at, updated_at) "
                      "VALUES (?, ?, ?, 'other', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      (f"z{h}", f"i{h}", f"h{h}", desc, CATS[cat], major, status, visit.isoformat(),
                       deadline and deadline.isoformat(), closed and closed.isoformat(), old, old))
    for k in range(6):
        c.execute("INSERT INTO publicity (id, event_date, category, kind, sessions, people, created_at, updated_at) "
                  "VALUES (?, ?, ?, '广播', ?, ?, ?, ?)",
                  (f"p{k}", max(start, today - rnd.randint(0, 30) * day).isoformat(), CATS[k % 3], 1 + k % 2,
                   40 + 20 * k, old, old))
    c.commit()
    c.close()


def test_desk_opens_first_and_leads_to_the_ledger_and_the_written_report(app_factory, cli, tmp):
    cli.run("init", "--unit", "东村村民委员会", "--contact", "王秀英", "--phone", "13834561234")
    today = datetime.date.today()
    seed(cli.db, today)
    overdue = cli.json("hazards", "list", "--overdue")
    assert len(overdue) > 0, "the village has overdue hazards"
    desk = cli.json("desk")
    app = app_factory()

    # The app opens on the 工作台, with the ledger's overdue count.
    assert app.el("nav-desk").get_attribute("aria-current") == "page"
    app.wait(lambda: app.els("desk-overdue-count") and app.text("desk-overdue-count") == str(len(overdue)),
             msg="the overdue count is not the ledger's")
    assert app.text("desk-due-soon-count") == str(desk["hazards"]["due_soon"])
    # Coverage: the round's, as `rounds coverage` counts it.
    cov = cli.json("rounds", "coverage")
    assert f"已入户 {cov['visited']}/{cov['households']} 户" in app.text("desk-coverage-total")
    assert app.text("desk-keyed-today") == "2"
    assert not app.els("desk-unverified"), "double entry is off: no 未核对 line"
    # The charts are drawn by ECharts, a script chunk of its own read after the numbers.
    app.wait(lambda: app.d.find_elements("css selector", "[data-testid=desk-weekly-chart] canvas"),
             msg="the weekly chart was not drawn")
    # The bundled face for rare characters is not read at start: no name on this screen needs
    # it (issue 20: listed first in the font stack, WebKit fetched the 16 MB font each start).
    # Checked before the first screenshot, which loads it on purpose.
    status = app.d.execute_script(
        "return [...document.fonts].filter(f => f.family.includes('Qiaomen Rare')).map(f => f.status)")
    assert status == ["unloaded"], status
    app.screenshot("desk.png")
    # The charts below the cards (the guide shows them too).
    app.d.execute_script("arguments[0].scrollIntoView({block: 'end'})", app.el("desk-weekly-chart"))
    app.screenshot("desk-charts.png")

    # Every chart's numbers one click away, equal to the statistics of each week.
    app.el("desk-weekly-chart-toggle").click()
    app.wait(lambda: len(app.els("desk-weekly-chart-row")) == len(desk["weekly"]["weeks"]))
    rows = app.texts("desk-weekly-chart-row")
    for w, row in zip(desk["weekly"]["weeks"], rows):
        table = cli.json("report", "--from", w["from"], "--to", w["to"])
        cells = row.split("\t")
        assert cells[:3] == [w["label"], str(table["total"]["hazards"]), str(table["total"]["rectified"])], row
    app.el("desk-coverage-chart-toggle").click()
    app.wait(lambda: len(app.els("desk-coverage-chart-row")) == len(cov["grids"]))
    by_grid = {g["grid"]: g for g in cov["grids"]}
    for row in app.texts("desk-coverage-chart-row"):
        grid, households, visited, missing, _ = row.split("\t")
        g = by_grid[grid]
        assert [int(households), int(visited), int(missing)] == [g["households"], g["visited"], g["not_visited"]]

    # The overdue card leads to the ledger filtered to overdue: by click…
    app.el("desk-overdue").click()
    app.wait(lambda: app.el("hz-view-overdue").get_attribute("aria-selected") == "true",
             msg="the ledger did not open on 已超期")
    app.wait(lambda: sorted(app.attrs("hz-row", "data-id")) == sorted(h["id"] for h in overdue))
    # …and by its key, from the 工作台 opened again.
    app.el("nav-desk").click()
    app.wait(lambda: app.els("desk-overdue-count"))
    app.d.find_element("css selector", "body").send_keys("1")
    app.wait(lambda: app.els("hz-view-overdue") and
             app.el("hz-view-overdue").get_attribute("aria-selected") == "true")
    # A grid's line opens that grid's overdue hazards.
    app.el("nav-desk").click()
    line = app.el("desk-grid-due")
    grid_id = line.get_attribute("data-grid")
    line.click()
    want = [h["id"] for h in overdue if (h.get("grid_id") or "-") == grid_id]
    app.wait(lambda: sorted(app.attrs("hz-row", "data-id")) == sorted(want), msg="the grid's overdue hazards")

    # The written report, saved by dialog from the statistics screen.
    out = tmp / "工作开展情况.docx"
    app.el("nav-report").click()
    app.wait(lambda: app.els("report-table"))
    app.answer_dialogs(out)
    app.el("report-save-narrative").click()
    app.wait(lambda: out.exists() and "已保存" in app.text("flash"), timeout=30, msg="the .docx was not saved")
    d = docx.Document(str(out))
    table = next(t for t in d.tables if t.rows[0].cells[0].text == "行动名称")
    assert [r.cells[0].text for r in table.rows[2:]] == CATS
    text = "\n".join(p.text for p in d.paragraphs)
    assert "东村村民委员会冬季安全“敲门行动”工作开展情况" in text
    # Back on the 工作台: the written report is remembered, the table not yet saved.
    app.el("nav-desk").click()
    app.wait(lambda: app.els("desk-report-saved"))
    assert app.text("desk-report-saved") == "统计表还没有保存"
