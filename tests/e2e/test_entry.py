"""Issue 5: a clerk keys paper checklists by keyboard alone in the real app, and the CLI sees
the inspections and hazards in the same database file.

The figure that matters: a typical paper form (code, 16 answers, nothing else to write,
signed) in <= 40 keystrokes, no mouse. Both the keys this test sends and the app's own
counter (data-testid="entry-last-keys") are checked; the figure is printed (run pytest with
-s to see it) and recorded in BENCHMARKS.md.
"""
import json

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

# Item polarity of the built-in checklist (assets/templates/xq2024.json): the answer that
# is a hazard (None: item 1 marks vulnerable people).
HAZARD_WHEN = {1: None, 2: "yes", 3: "no", 4: "yes", 5: "yes", 6: "yes", 7: "yes", 8: "no",
               9: "no", 10: "yes", 11: "no", 12: "no", 13: "yes", 14: "no", 15: "yes", 16: "no"}


def safe_keys(hazards=()):
    """One key per item: the safe answer, or the hazard answer for the items listed."""
    out = []
    for no, when in HAZARD_WHEN.items():
        hazard = "y" if when in (None, "yes") else "n"
        safe = "n" if when in (None, "yes") else "y"
        out.append(hazard if no in hazards else safe)
    return out


class Keyboard:
    """Sends keys to whatever has the focus (no element is clicked) and counts them."""

    def __init__(self, app):
        self.app = app
        self.count = 0

    def press(self, *keys):
        chain = ActionChains(self.app.d)
        for k in keys:
            chain.send_keys(k)
            # A string is one key per character; a special key (Keys.ENTER) is one key.
            self.count += 1 if len(k) == 1 and "\ue000" <= k <= "\uf8ff" else len(k)
        chain.perform()

    def chord(self, mod, key):
        ActionChains(self.app.d).key_down(mod).send_keys(key).key_up(mod).perform()
        self.count += 2


def focused_testid(app):
    return app.d.execute_script(
        "return document.activeElement && document.activeElement.getAttribute('data-testid')")


def wait_focus(app, testid, msg=""):
    app.wait(lambda: focused_testid(app) == testid, msg=msg or f"focus should be on {testid}")


def key_entry_forms(app, cli):
    """The keying session; returns the keystrokes of the typical form."""
    app.el("nav-entry").click()  # choosing the screen is not part of a form
    wait_focus(app, "entry-hh-search")
    kb = Keyboard(app)

    # First form of the day: date and inspectors have to be typed once.
    kb.press("01001", Keys.ENTER)
    app.el("entry-form")
    wait_focus(app, "entry-inspectors", "with no inspectors remembered the cursor starts there")
    kb.chord(Keys.ALT, "d")
    wait_focus(app, "entry-date")
    kb.press("20241203", Keys.ENTER)
    wait_focus(app, "entry-inspectors")
    kb.press("李四 王五", Keys.ENTER)
    wait_focus(app, "entry-item-1")
    kb.press(*safe_keys(hazards={4}))
    wait_focus(app, "entry-other")
    kb.press(Keys.ENTER, Keys.ENTER, "y")
    wait_focus(app, "entry-save")
    assert app.text("entry-hazard-count") == "1"
    kb.press(Keys.ENTER)
    wait_focus(app, "entry-hh-search", "after saving, the next blank form starts at the household search")
    first_keys = kb.count

    # The typical paper form: date and inspectors remembered, nothing to write, signed.
    kb = Keyboard(app)
    kb.press("01002", Keys.ENTER)
    wait_focus(app, "entry-item-1", "date and inspectors are remembered: the cursor is on item 1")
    assert app.el("entry-date").get_attribute("value") == "2024-12-03"
    assert app.el("entry-inspectors").get_attribute("value") == "李四、王五"
    kb.press(*safe_keys())
    wait_focus(app, "entry-other")
    kb.press(Keys.ENTER, Keys.ENTER, "y")
    wait_focus(app, "entry-save")
    kb.press(Keys.ENTER)
    wait_focus(app, "entry-hh-search")
    typical = kb.count
    app_count = int(app.text("entry-last-keys"))
    assert app_count == typical, (app_count, typical)
    assert typical <= 40, typical

    # A form with more on it: found by pinyin initials, a gas-hose hazard fixed on the spot
    # (F on item 5), an other hazard with its category (4 = 有限空间) and major flag,
    # a rectification assigned, not signed.
    kb = Keyboard(app)
    kb.press("ww")
    app.wait(lambda: app.els("entry-hh-option"), msg="search by initials")
    kb.press(Keys.ENTER)
    wait_focus(app, "entry-item-1")
    keys = safe_keys(hazards={5})
    kb.press(*keys[:5])
    wait_focus(app, "entry-item-6")
    kb.press(Keys.ARROW_UP, "f", Keys.ARROW_DOWN)
    kb.press(*keys[5:])
    wait_focus(app, "entry-other")
    kb.press("化粪池无盖板", Keys.ENTER)
    wait_focus(app, "entry-extra-category")
    kb.press("4")
    wait_focus(app, "entry-extra-major")
    kb.press("y")
    wait_focus(app, "entry-other")
    kb.press(Keys.ENTER, "更换燃气软管", Keys.ENTER, "n")
    wait_focus(app, "entry-save")
    assert app.text("entry-hazard-count") == "2"
    kb.press(Keys.ENTER)
    wait_focus(app, "entry-hh-search")
    return first_keys, typical, kb.count


def check_database(cli):
    ins = cli.json("inspections", "list")
    assert len(ins) == 3
    assert {i["household_code"] for i in ins} == {"01001", "01002", "01003"}
    assert all(i["visit_date"] == "2024-12-03" for i in ins)
    assert all(i["inspectors"] == "李四、王五" for i in ins)
    hz = cli.json("hazards", "list")
    by_hh = {}
    for h in hz:
        by_hh.setdefault(h["household_code"], []).append(h)
    assert set(by_hh) == {"01001", "01003"}
    [wire] = by_hh["01001"]
    assert wire["status"] == "open" and wire["category"] == "防小火亡人事故"
    assert wire["deadline"] is not None
    third = {h["source"]: h for h in by_hh["01003"]}
    assert third["item"]["status"] == "fixed_on_site"
    assert third["item"]["closed_on"] == "2024-12-03"
    assert third["item"]["major"] is True
    assert third["other"]["category"] == "防有限空间中毒事故"
    assert third["other"]["major"] is True
    assert third["other"]["description"] == "化粪池无盖板"
    signed = {i["household_code"]: i["signed"] for i in ins}
    assert signed == {"01001": True, "01002": True, "01003": False}


def prepare(cli):
    cli.run("init", "--unit", "东村村委会")
    cli.run("grids", "add", "--name", "一组", "--no", "1")
    for name, addr in [("张三", "一组1号"), ("李䶮", "一组2号"), ("王五", "一组3号")]:
        cli.run("households", "add", "--name", name, "--address", addr, "--grid", "一组")


def test_key_paper_forms_by_keyboard(app_factory, cli):
    prepare(cli)
    app = app_factory()
    first, typical, fuller = key_entry_forms(app, cli)
    print(json.dumps({"first_form_keys": first, "typical_form_keys": typical,
                      "form_with_extras_keys": fuller}, ensure_ascii=False))
    check_database(cli)
