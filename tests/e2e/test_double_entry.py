"""Issue 18, 双录入核对 in the real app by keyboard alone: two paper forms are keyed a
second time, blind (Alt+V, the household code, the answers, Enter, Enter); one agrees and is
verified at once; the other differs on one item, which the screen lists side by side and the
clerk settles with one key; the hazards follow. The keys of a second entry are counted by
this test and by the app (data-last-keys) and printed (pytest -s) for BENCHMARKS.md.
"""
import json

from selenium.webdriver.common.keys import Keys

from test_entry import Keyboard, safe_keys, wait_focus


def prepare(cli):
    cli.run("init", "--unit", "东村村委会")
    cli.run("grids", "add", "--name", "一组", "--no", "1")
    for name, addr in [("张三", "一组1号"), ("李䶮", "一组2号")]:
        cli.run("households", "add", "--name", name, "--address", addr, "--grid", "一组")


def hazard_items(cli, code):
    return sorted(h["item_no"] for h in cli.json("hazards", "list", "--household", code) if h["item_no"])


def second_entry(app, code, keys):
    """Keys one blind second entry; returns the keystrokes."""
    kb = Keyboard(app)
    kb.press(code, Keys.ENTER)
    app.wait(lambda: app.els("entry-form") and app.el("entry-form").get_attribute("data-mode") == "second",
             msg="the second entry opened")
    wait_focus(app, "entry-item-1")
    assert all(a == "" for a in app.attrs("entry-item-4", "data-answer")), "blind: no first answers shown"
    kb.press(*keys)
    wait_focus(app, "entry-other")
    kb.press(Keys.ENTER)
    wait_focus(app, "entry-save")
    kb.press(Keys.ENTER)
    return kb.count


def test_double_entry_by_keyboard(app_factory, cli):
    prepare(cli)
    app = app_factory()
    assert app.invoke("verify.save_settings", {"mode": "all", "percent": 10}).get("ok")
    # The first entries (item 4, old wiring, is a hazard on the first paper).
    first = "".join(k.upper() for k in safe_keys(hazards={4}))
    cli.run("inspections", "add", "--household", "01001", "--date", "2024-12-03",
            "--inspectors", "李四", "--answers", first)
    cli.run("inspections", "add", "--household", "01002", "--date", "2024-12-03",
            "--inspectors", "李四", "--answers", "".join(k.upper() for k in safe_keys()))
    assert len(cli.json("inspections", "list", "--unverified")) == 2
    assert hazard_items(cli, "01001") == [4]

    app.el("nav-entry").click()
    wait_focus(app, "entry-hh-search")
    Keyboard(app).chord(Keys.ALT, "v")
    app.wait(lambda: app.el("entry-pick").get_attribute("data-mode") == "second", msg="Alt+V: 第二次录入")
    wait_focus(app, "entry-hh-search")

    # 01002 keyed the same: verified at once.
    same = second_entry(app, "01002", safe_keys())
    app.wait(lambda: "已核对" in app.text("flash"), msg="verified")
    app_keys = int(app.el("entry-pick").get_attribute("data-last-keys"))
    assert app_keys == same, (app_keys, same)
    assert same <= 26, same

    # 01001 keyed with item 5 (gas hose) as a hazard too: one difference, nothing changed yet.
    wait_focus(app, "entry-hh-search")
    differing = second_entry(app, "01001", safe_keys(hazards={4, 5}))
    app.el("diffs")
    rows = app.attrs("diff-row", "data-item")
    assert rows == ["5"], rows
    assert app.texts("diff-first") == ["否"] and app.texts("diff-second") == ["是"]
    assert hazard_items(cli, "01001") == [4], "no hazard changes before the difference is settled"
    wait_focus(app, "diffs-list")

    # The paper says 是: → takes the second entry's answer.
    Keyboard(app).press(Keys.ARROW_RIGHT)
    app.wait(lambda: not app.els("diffs"), msg="all differences settled")
    app.wait(lambda: "已核对" in app.text("flash"))
    assert hazard_items(cli, "01001") == [4, 5], "the hazards follow the settled answer"
    assert cli.json("inspections", "list", "--unverified") == []
    q = cli.json("inspections", "quality")
    assert q[0]["inspector"] == "李四" and q[0]["forms"] == 2 and q[0]["disagreed"] == 1

    print(json.dumps({"second_entry_keys": same, "second_entry_with_difference_keys": differing,
                      "settling_keys": 1}))
