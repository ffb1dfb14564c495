"""Issue 16 part 4, in the real app: the statistics screen opens on 待报送 — the period whose
report is due today — labelled with its real dates, and counts that period's records; the
groups of vulnerable people the notices name are offered, and the office adds its own in
单位设置 and finds it on the people screen.

The expected period is computed here from the machine's date by the rule of the issue
(23rd-to-22nd cycle, the office's default): the cycle ending on the 22nd of this month."""
import datetime
import sqlite3

from selenium.webdriver.common.by import By

GAS, FIRE = "防煤气中毒事故", "防小火亡人事故"


def cn(d):
    return f"{d.year}年{d.month}月{d.day}日"


def due_period(today):
    """The 23rd of last month to the 22nd of this month, whether today is before or after
    the 23rd."""
    y, m = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return datetime.date(y, m, 23), datetime.date(today.year, today.month, 22)


def seed(db, first, last):
    """Hazards on and just outside the period's edges, written as the entry module writes
    them (plain SQL, like test_report.py)."""
    day = datetime.timedelta(days=1)
    iso = lambda d: d.isoformat()  # noqa: E731
    rows = [  # n, found, status, closed, major, category
        (1, first, "fixed_on_site", first, 1, GAS),    # found and fixed on the first day
        (2, last, "open", None, 0, FIRE),               # found on the last day
        (3, first - day, "closed", last, 0, FIRE),      # found before, closed in the period
        (4, last + day, "open", None, 0, FIRE),         # the next period
        (5, first - day, "open", None, 1, GAS),         # the previous period
    ]
    c = sqlite3.connect(db)
    now = "2024-12-01T00:00:00.000Z"
    for n, found, status, closed, major, cat in rows:
        c.execute("INSERT INTO households (id, code, name, address, created_at, updated_at) "
                  "VALUES (?, ?, ?, ?, ?, ?)", (f"h{n}", f"0100{n}", f"王䶮{n}", f"东村{n}号", now, now))
        c.execute("INSERT INTO inspections (id, household_id, template_id, template_version, visit_date, "
                  "created_at, updated_at) VALUES (?, ?, 'xq2024', 1, ?, ?, ?)",
                  (f"i{n}", f"h{n}", iso(found), now, now))
        c.execute("INSERT INTO hazards (id, inspection_id, household_id, source, description, category, major, "
                  "status, found_on, closed_on, created_at, updated_at) "
                  "VALUES (?, ?, ?, 'other', '隐患', ?, ?, ?, ?, ?, ?, ?)",
                  (f"z{n}", f"i{n}", f"h{n}", cat, major, status, iso(found),
                   iso(closed) if closed else None, now, now))
    c.commit()
    c.close()


def cell(app, action, column):
    return app.d.find_element(
        By.CSS_SELECTOR, f'[data-testid="report-table"] tr[data-action="{action}"] [data-column="{column}"]')


def test_report_opens_on_the_period_due_and_groups_are_the_offices(app_factory, cli):
    cli.run("init", "--unit", "东村村民委员会", "--contact", "王秀英", "--phone", "13834561234",
            "--township", "下曲镇")
    first, last = due_period(datetime.date.today())
    seed(cli.db, first, last)
    cli.run("publicity", "add", "--date", first.isoformat(), "--category", GAS, "--sessions", "2",
            "--people", "150", "--kind", "广播")
    dates = f"{cn(first)}至{cn(last)}"
    app = app_factory()

    # The statistics screen opens on 待报送, labelled with its dates, never with a rule.
    app.el("nav-report").click()
    app.wait(lambda: app.els("period-due-dates") and app.text("period-due-dates") == f"（{dates}）",
             msg="待报送 not labelled with its dates")
    assert app.el("period-due").is_selected(), "the screen opens on 待报送"
    app.wait(lambda: dates in app.text("report-period"), msg="the table is not the period due")
    assert "上月23日" not in app.text("report-choose")
    assert app.text("period-previous-dates").startswith("（") and app.text("period-current-dates")
    # Only the period's own records (数据不累计).
    app.wait(lambda: cell(app, "合计", "hazards").text == "2")
    assert cell(app, GAS, "hazards").text == "1" and cell(app, GAS, "major_rectified").text == "1"
    assert cell(app, FIRE, "hazards").text == "1"
    assert cell(app, FIRE, "rectified").text == "1"  # found before the period, closed in it
    assert cell(app, "合计", "rectified").text == "2"
    assert cell(app, GAS, "sessions").text == "2" and cell(app, GAS, "people").text == "150"
    app.screenshot("guide/report.png")

    # The notices' groups are offered; the office adds its own in 单位设置.
    app.el("nav-settings").click()
    app.wait(lambda: len(app.els("pg-builtin")) > 10, msg="groups not listed")
    builtin = app.texts("pg-builtin")
    for g in ["困境儿童", "孤儿", "特困分散供养人员", "留守妇女", "精神障碍患者", "独居老人"]:
        assert g in builtin, builtin
    app.el("pg-new").send_keys("留守儿童")
    app.el("pg-add").click()
    app.wait(lambda: "已经在" in app.text("pg-error"), msg="a built-in group added twice")
    new = app.el("pg-new")
    new.clear()
    new.send_keys("低保户")
    app.el("pg-add").click()
    app.wait(lambda: app.attrs("pg-added", "data-group") == ["低保户"], msg="group not added")

    # The people screen offers it, before 其他.
    app.el("nav-people").click()
    app.wait(lambda: "低保户" in app.attrs("pp-cat", "data-category"), msg="group not offered")
    offered = app.attrs("pp-cat", "data-category")
    assert "困境儿童" in offered and offered.index("低保户") < offered.index("其他"), offered
