"""Issue 16, in the real app: the clerk imports the office's own checklist (a template
workbook written by openpyxl, tests/fixtures/templates) through the file dialog, makes it
the sheet for homes (场所性质 居民住宅), keys a paper form under it by keyboard — an item left
blank, the 属性项 answered — and finds the template's categories, 重大 flags, deadlines and
隐患说法 on the hazards; the statistics screen then opens on the 待报送 period.
"""
import datetime
from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "templates" / "jmzf_openpyxl.xlsx"


def focused(app):
    return app.d.execute_script(
        "return document.activeElement && document.activeElement.getAttribute('data-testid')")


def press(app, *keys):
    chain = ActionChains(app.d)
    for k in keys:
        chain.send_keys(k)
    chain.perform()


def cn(d):
    return f"{d.year}年{d.month}月{d.day}日"


def test_import_a_template_key_a_form_under_it_and_see_the_period_due(app_factory, cli):
    cli.run("init", "--unit", "三江镇东村", "--contact", "王文书")
    cli.run("grids", "add", "--name", "一组", "--no", "1")
    cli.run("households", "add", "--name", "张䶮", "--grid", "一组", "--nature", "居民住宅",
            "--residents", "3")
    app = app_factory()

    # 检查表管理: import the workbook through the dialog.
    app.el("nav-templates").click()
    app.answer_dialogs(FIXTURE)
    app.el("tpl-import").click()
    app.wait(lambda: app.els("tpl-result") and "已添加检查表“居民住房消防安全排查表”" in app.text("tpl-result"),
             msg="the template was not imported")
    assert "jmzfxfaq" in app.attrs("tpl-row", "data-id")

    # Homes use it.
    app.el("rule-nature-add").click()
    app.el("rule-nature-text").send_keys("居民住宅")
    Select(app.el("rule-nature-template")).select_by_value("jmzfxfaq")
    app.el("rules-save").click()
    app.wait(lambda: "检查表选用规则已保存" in "".join(app.texts("flash")), msg="rules not saved")

    # Key the paper form under it, keyboard only.
    app.el("nav-entry").click()
    app.wait(lambda: focused(app) == "entry-hh-search")
    press(app, "01001", Keys.ENTER)
    app.wait(lambda: app.els("entry-template") and "居民住房消防安全排查表 第 1 版" in app.text("entry-template"),
             msg="the form is not the office's template")
    app.wait(lambda: focused(app) in ("entry-inspectors", "entry-item-1"))
    if focused(app) == "entry-inspectors":
        press(app, "李四", Keys.ENTER)
    app.wait(lambda: focused(app) == "entry-item-1")
    # 1 属性项 是; 2 是 (hazard); 3 是 (major, 3 days); 4-6 safe; 7 left blank (Space);
    # 8 否 (hazard); 9 属性项 否; 10 是 (safe).
    press(app, "y", "y", "y", "n", "n", "y", " ", "n", "n", "y")
    app.wait(lambda: focused(app) == "entry-other", msg="the last item should lead to 其它隐患情况")
    assert app.attrs("entry-item-7", "data-answer") == [""], "item 7 is left blank"
    assert app.text("entry-hazard-count") == "3"
    press(app, Keys.ENTER, Keys.ENTER, "y")
    app.wait(lambda: focused(app) == "entry-save")
    press(app, Keys.ENTER)
    app.wait(lambda: "已保存" in "".join(app.texts("flash")), msg="not saved")

    hazards = cli.json("hazards", "list", "--household", "01001")
    got = sorted((h["item_no"], h["category"], h["major"], h["description"]) for h in hazards)
    assert got == [
        (2, "防小火亡人事故", False, "电气线路私拉乱接、老化破损"),
        (3, "防燃气爆炸事故", True, "燃气软管老化、破损或超期使用"),
        (8, "防小火亡人事故", False, "未做到“三清三关”"),
    ], got
    found = datetime.date.fromisoformat(hazards[0]["found_on"])
    deadlines = {h["item_no"]: h["deadline"] for h in hazards}
    assert deadlines[3] == (found + datetime.timedelta(days=3)).isoformat(), "item 3's own 3 days"
    assert deadlines[2] == (found + datetime.timedelta(days=7)).isoformat()
    listed = cli.json("households", "list", "--attribute", "弱势群体")
    assert [h["code"] for h in listed] == ["01001"]

    # The blank item is in 未答项.
    app.el("entry-blanks-open").click()
    app.wait(lambda: app.els("blanks-items") and "第 7 项" in app.text("blanks-items"))
    app.el("blanks-close").click()

    # The statistics screen opens on the period due, with its real dates.
    app.el("nav-report").click()
    today = datetime.date.today()
    y, m = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    dates = f"{cn(datetime.date(y, m, 23))}至{cn(datetime.date(today.year, today.month, 22))}"
    app.wait(lambda: app.els("period-due-dates") and app.text("period-due-dates") == f"（{dates}）",
             msg="the statistics screen does not show the period due")
    assert app.el("period-due").is_selected()
