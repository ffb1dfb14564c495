"""Issue 6: the month's statistics table on screen like the paper (click a number to see what
is behind it, save Excel and PDF), the publicity log, the township's aggregation of hand-made
village tables, and the full export — in the real app, checked with openpyxl."""
import sqlite3
from pathlib import Path

from openpyxl import load_workbook
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "stats"
GAS, FIRE = "防煤气中毒事故", "防小火亡人事故"


def seed(db):
    """Hazards written as the entry module writes them (plain SQL, like the Rust tests)."""
    c = sqlite3.connect(db)
    now = "2024-12-01T00:00:00.000Z"
    rows = [  # n, found, status, closed, major, category
        (1, "2024-12-02", "fixed_on_site", "2024-12-02", 1, GAS),
        (2, "2024-12-05", "open", None, 0, FIRE),
        (3, "2024-11-20", "closed", "2024-12-03", 0, FIRE),
        (4, "2025-01-02", "open", None, 0, FIRE),
    ]
    for n, found, status, closed, major, cat in rows:
        c.execute("INSERT INTO households (id, code, name, address, created_at, updated_at) "
                  "VALUES (?, ?, ?, ?, ?, ?)", (f"h{n}", f"0100{n}", f"李䶮{n}", f"东村{n}号", now, now))
        c.execute("INSERT INTO inspections (id, household_id, template_id, template_version, visit_date, "
                  "created_at, updated_at) VALUES (?, ?, 'xq2024', 1, ?, ?, ?)", (f"i{n}", f"h{n}", found, now, now))
        c.execute("INSERT INTO hazards (id, inspection_id, household_id, source, description, category, major, "
                  "status, found_on, closed_on, created_at, updated_at) VALUES (?, ?, ?, 'other', '隐患', ?, ?, ?, ?, ?, ?, ?)",
                  (f"z{n}", f"i{n}", f"h{n}", cat, major, status, found, closed, now, now))
    c.commit()
    c.close()


def set_value(app, testid, value):
    """Sets a date/month input the way the browser would after picking a value."""
    el = app.el(testid)
    app.d.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", el, value)


def cell(app, action, column):
    return app.d.find_element(
        By.CSS_SELECTOR, f'[data-testid="report-table"] tr[data-action="{action}"] [data-column="{column}"]')


def test_statistics_table_publicity_and_aggregation(app_factory, cli, tmp):
    cli.run("init", "--unit", "东村", "--contact", "王文书", "--phone", "13800138000", "--township", "青山镇")
    seed(cli.db)
    app = app_factory()

    # Publicity: add one event through the form.
    app.el("nav-publicity").click()
    app.el("pub-add").click()
    set_value(app, "pf-date", "2024-12-10")
    set_value(app, "pf-category", GAS)
    app.el("pf-people").send_keys("１２０")   # full-width digits, as typed on Chinese IMEs
    app.el("pf-note").send_keys("村委会广场")
    app.el("pf-save").click()
    app.wait(lambda: len(app.els("pub-row")) == 1, msg="event not listed")
    assert "120" in app.text("pub-people")

    # The table for December 2024 (calendar month).
    app.el("nav-report").click()
    app.el("period-month").click()
    set_value(app, "period-month-input", "2024-12")
    app.wait(lambda: "2024年12月1日至2024年12月31日" in app.text("report-period"))
    assert app.text("report-unit") == "东村"
    assert app.attrs("report-row", "data-action")[:3] == [GAS, "防燃气爆炸事故", FIRE]
    assert cell(app, GAS, "sessions").text == "1"
    assert cell(app, GAS, "people").text == "120"
    assert cell(app, FIRE, "hazards").text == "1"
    assert cell(app, FIRE, "rectified").text == "1"  # found in November, closed in December
    assert cell(app, "合计", "hazards").text == "2"
    assert cell(app, "合计", "major_rectified").text == "1"

    # Click a number: the hazards behind it.
    cell(app, FIRE, "rectified").click()
    detail = app.el("detail-hazards")
    assert "01003" in detail.text and "2024年11月20日" in detail.text
    app.d.switch_to.active_element.send_keys(Keys.ESCAPE)  # focus is inside the dialog
    app.wait(lambda: not app.els("report-detail"))
    app.screenshot("report.png")

    # Save Excel and PDF.
    xlsx, pdf = tmp / "统计表.xlsx", tmp / "统计表.pdf"
    app.answer_dialogs(xlsx)
    app.el("report-save-xlsx").click()
    app.wait(lambda: xlsx.exists(), msg="xlsx not written")
    app.answer_dialogs(pdf)
    app.el("report-save-pdf").click()
    app.wait(lambda: pdf.exists() and pdf.stat().st_size > 1000, msg="pdf not written")
    ws = load_workbook(xlsx, data_only=True).active
    assert ws["A1"].value == "冬季安全“敲门行动”工作统计表"
    assert ws["A6"].value == GAS and ws["C6"].value == 120
    assert ws["D13"].value == 2  # 合计 with its stored result
    assert "B4:C4" in [str(m) for m in ws.merged_cells.ranges]

    # Township aggregation of hand-made tables.
    app.el("nav-aggregate").click()
    files = [FIX / "v_official.xlsx", FIX / "v_shifted.xlsx", FIX / "v_reordered.xls"]
    app.answer_dialogs("|".join(str(f) for f in files))
    app.el("agg-choose").click()
    app.wait(lambda: len(app.d.find_elements(By.CSS_SELECTOR, '[data-testid="agg-files"] li')) == 3)
    app.el("agg-run").click()
    app.wait(lambda: len(app.els("agg-source")) == 3, msg="no sources listed")
    assert "F10" in app.text("agg-warnings")
    sources = app.text("agg-sources")
    assert "红星村" in sources and "李家村" in sources and "东风社区" in sources
    out = tmp / "青山镇.xlsx"
    app.answer_dialogs(out)
    app.el("agg-save").click()
    app.wait(lambda: out.exists(), msg="township table not written")
    ws = load_workbook(out, data_only=True)["工作统计表"]
    assert ws["A3"].value == "报送单位（乡镇/部门）：青山镇"
    assert ws["B6"].value == 2 + 3 + 1  # 次数 of 防煤气中毒事故 in the three villages

    # Full export.
    app.el("nav-export").click()
    every = tmp / "全部.xlsx"
    app.answer_dialogs(every)
    app.el("export-all-go").click()
    app.wait(lambda: app.els("export-result"), timeout=20)
    wb = load_workbook(every, read_only=True)
    assert wb.sheetnames[:2] == ["住户和场所", "弱势群体"]
