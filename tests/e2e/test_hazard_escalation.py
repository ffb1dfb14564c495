"""Issue 16 part 3: a hazard that cannot be fixed in time gets a 防控措施 and is 上报 in the
real app, by keyboard from the ledger; the 已上报 and 有防控措施 filters find it, the
上报清单 is saved as .xlsx, and the CLI sees the same escalation in the database file.
"""
import json
import subprocess
import sys
from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

ROOT = Path(__file__).resolve().parents[2]


def prepare(cli):
    """王䶮's visit on 2024-12-03: item 5 (gas leak, major) and item 3 are hazards."""
    cli.run("init", "--unit", "下曲村委会")
    cli.run("grids", "add", "--name", "三巷", "--no", "3")
    cli.run("households", "add", "--name", "王䶮", "--address", "下曲村三巷5号", "--grid", "三巷")
    cli.run("inspections", "add", "--household", "03001", "--date", "2024-12-03",
            "--yes", "5", "--no", "3", "--safe")
    [gas] = [h for h in cli.json("hazards", "list") if h["item_no"] == 5]
    return gas["id"]


def focused_testid(app):
    return app.d.execute_script(
        "return document.activeElement && document.activeElement.getAttribute('data-testid')")


def keys(app, *ks):
    chain = ActionChains(app.d)
    for k in ks:
        chain.send_keys(k)
    chain.perform()


def row_ids(app):
    return app.attrs("hz-row", "data-id")


def test_escalate_a_hazard_and_find_it_under_the_filter(app_factory, cli, tmp):
    gas = prepare(cli)
    app = app_factory()
    app.el("nav-hazards").click()
    app.wait(lambda: len(row_ids(app)) == 2, msg="two open hazards listed")
    assert not app.els("hz-row-escalated")

    # Choose the gas hazard (a click on its name), then E: the detail opens on 上报给.
    app.d.find_element(By.CSS_SELECTOR, f'[data-testid="hz-row"][data-id="{gas}"] td.name').click()
    app.wait(lambda: "selected" in app.d.find_element(
        By.CSS_SELECTOR, f'[data-testid="hz-row"][data-id="{gas}"]').get_attribute("class"))
    keys(app, "e")
    app.el("hz-detail-dialog")
    app.wait(lambda: focused_testid(app) == "hz-esc-to", msg="E puts the cursor on 上报给")
    keys(app, "镇党委、镇政府", Keys.ENTER)
    app.wait(lambda: "镇党委、镇政府" in app.text("hz-d-escalation"), msg="the escalation is shown")

    # A 防控措施, typed and saved with Enter.
    app.el("hz-m-text").click()
    keys(app, "关闭气源，设置警示标志", Keys.ENTER)
    app.wait(lambda: app.texts("hz-d-measure") and "关闭气源" in app.texts("hz-d-measure")[0],
             msg="the measure is listed")
    assert not app.els("hz-modal-error")
    app.screenshot("guide/hazard-escalation.png")  # the user guide's picture
    keys(app, Keys.ESCAPE)
    app.wait(lambda: not app.els("hz-detail-dialog"), msg="the detail closes with Esc")

    # 已上报: only the gas hazard, marked; 有防控措施 the same; neither: both hazards.
    app.el("hz-escalated-only").click()
    app.wait(lambda: row_ids(app) == [gas], msg="已上报 shows the escalated hazard only")
    assert app.texts("hz-row-escalated") == ["已上报"]
    assert app.text("hz-total") == "1"
    app.el("hz-escalated-only").click()
    app.wait(lambda: len(row_ids(app)) == 2, msg="without the filter both are listed")
    app.el("hz-measures-only").click()
    app.wait(lambda: row_ids(app) == [gas], msg="有防控措施 shows the hazard with a measure")
    app.el("hz-measures-only").click()

    # The 上报清单 as .xlsx, read back with openpyxl.
    out = tmp / "上报清单.xlsx"
    app.answer_dialogs(out)
    app.el("hz-escalated-xlsx").click()
    app.wait(lambda: out.exists(), timeout=20, msg="the 上报清单 is saved")
    dump = subprocess.run([sys.executable, str(ROOT / "tests/stats/xlsx_dump.py"), str(out)],
                          capture_output=True, text=True, check=True)
    cells = json.loads(dump.stdout)["上报清单"]["cells"]
    assert cells["C4"] == "王䶮" and cells["L4"] == "镇党委、镇政府", cells
    assert "关闭气源，设置警示标志" in cells["N4"], cells

    # The CLI reads the same database file.
    [row] = cli.json("hazards", "list", "--escalated")
    assert row["id"] == gas
    assert row["escalation"]["escalated_to"] == "镇党委、镇政府"
    assert row["measure_count"] == 1
