"""Issue 2: a clerk sets up the unit, registers households in the real app, finds them by
pinyin initials, edits and deletes one — and the CLI sees the same database file."""
from selenium.webdriver.common.keys import Keys


def type_into(app, testid, text):
    """Replaces a field's text by typing, as a person would (fires real input events)."""
    el = app.el(testid)
    el.send_keys(Keys.CONTROL, "a")
    el.send_keys(Keys.BACKSPACE)
    if text:
        el.send_keys(text)
    return el


def test_register_households_and_find_them_with_cli(app_factory, cli):
    app = app_factory()
    # First run: the settings screen asks for the unit.
    app.el("welcome")
    type_into(app, "s-unit", "东村村委会")
    type_into(app, "s-contact", "王文书")
    type_into(app, "s-phone", "13800138000")
    app.el("s-save").click()
    app.wait(lambda: app.text("unit-name") == "东村村委会")

    # A grid.
    app.el("nav-grids").click()
    type_into(app, "grid-name", "一组")
    type_into(app, "grid-leader", "张德山")
    type_into(app, "grid-phone", "13912345678")
    app.el("grid-save").click()
    app.wait(lambda: len(app.els("grid-row")) == 1)

    # Households, keyboard only: Insert opens the form, Ctrl+Enter saves.
    app.el("nav-households").click()
    people = [
        ("李䶮", "东村一组3号", "13800138001", "3", "1"),
        ("王堃", "东村一组5号", "0358-3312345", "5", ""),
        ("张喆便利店", "东村主街12号", "", "2", ""),
    ]
    for name, addr, phone, residents, vulnerable in people:
        app.el("hh-search").send_keys(Keys.INSERT)
        type_into(app, "hf-name", name)
        type_into(app, "hf-address", addr)
        if phone:
            type_into(app, "hf-phone", phone)
        type_into(app, "hf-residents", residents)
        if vulnerable:
            type_into(app, "hf-vulnerable", vulnerable)
        app.el("hf-grid").send_keys("01")
        app.el("hf-name").send_keys(Keys.CONTROL, Keys.ENTER)
        app.wait(lambda: not app.els("household-form"), msg=f"form for {name} did not close")
    app.wait(lambda: app.text("hh-total") == "3")

    # Validation: a wrong ID check digit is refused with a Chinese message; nothing saved.
    app.el("hh-add").click()
    type_into(app, "hf-name", "赵错号")
    type_into(app, "hf-id", "110105194912310021")
    app.el("hf-save").click()
    assert "校验位" in app.text("form-error")
    app.el("hf-name").send_keys(Keys.ESCAPE)
    app.wait(lambda: not app.els("household-form"))
    assert app.text("hh-total") == "3"

    # Search as you type by pinyin initials (李䶮 -> ly), then by phone.
    type_into(app, "hh-search", "ly")
    app.wait(lambda: app.attrs("hh-row", "data-code") == ["01001"])
    assert "李䶮" in app.texts("hh-row")[0]
    type_into(app, "hh-search", "3312345")
    app.wait(lambda: (t := app.texts("hh-row")) and len(t) == 1 and "王堃" in t[0])

    # Edit with Enter, change the address, save.
    app.el("hh-search").send_keys(Keys.ENTER)
    type_into(app, "hf-address", "东村一组7号")
    app.el("hf-save").click()
    app.wait(lambda: not app.els("household-form"))
    app.wait(lambda: (t := app.texts("hh-row")) and "东村一组7号" in t[0])

    # Delete 张喆便利店 with confirmation (focus starts on 取消).
    type_into(app, "hh-search", "便利店")
    # The list reloads once the typing pauses: wait for the match, not just for one row.
    app.wait(lambda: (t := app.texts("hh-row")) and len(t) == 1 and "便利店" in t[0])
    app.els("hh-delete")[0].click()
    app.el("confirm-ok").click()
    app.wait(lambda: app.text("hh-total") == "0")
    type_into(app, "hh-search", "")
    app.wait(lambda: app.text("hh-total") == "2")

    # The CLI reads the same database file.
    rows = cli.json("households", "list")
    by_name = {r["name"]: r for r in rows}
    assert set(by_name) == {"李䶮", "王堃"}
    assert by_name["李䶮"]["code"] == "01001"
    assert by_name["李䶮"]["grid"] == "一组"
    assert by_name["李䶮"]["residents"] == 3 and by_name["李䶮"]["vulnerable"] == 1
    assert by_name["王堃"]["address"] == "东村一组7号"
    assert by_name["王堃"]["phone"] == "0358-3312345"


def test_data_survives_restart(app_factory, cli):
    """Households written earlier (here by the CLI) are there when the app starts, rare
    characters intact; this is also the screenshot in the README."""
    cli.run("init", "--unit", "西村村委会", "--contact", "王文书")
    cli.run("grids", "add", "--name", "一组", "--leader", "张德山", "--phone", "13912345678")
    cli.run("grids", "add", "--name", "二组", "--leader", "刘桂香")
    rows = [
        ("李䶮", "西村一组3号", "一组", "3", "1", "13800138001", "居民住宅"),
        ("吉𠮷", "西村一组5号", "一组", "1", "1", "", "居民住宅"),
        ("王堃", "西村一组8号", "一组", "5", "0", "0358-3312345", "居民住宅"),
        ("张喆便利店", "西村主街12号", "二组", "2", "0", "13700001234", "九小场所"),
        ("刘玥", "西村二组2号", "二组", "4", "2", "", "居民住宅"),
        ("陈昇", "西村二组6号", "二组", "6", "0", "13600002222", "多合一场所"),
    ]
    for name, addr, grid, res, vul, phone, nature in rows:
        args = ["households", "add", "--name", name, "--address", addr, "--grid", grid,
                "--residents", res, "--vulnerable", vul, "--nature", nature]
        if phone:
            args += ["--phone", phone]
        cli.run(*args)
    app = app_factory()
    app.el("nav-households").click()  # the app opens on the 工作台
    app.wait(lambda: app.text("hh-total") == "6")
    names = app.texts("hh-row")
    for name, *_ in rows:
        assert any(name in t for t in names), name
    app.screenshot("register.png")


def test_database_from_newer_version_is_refused_in_the_window(app_factory, cli):
    import sqlite3
    cli.run("init", "--unit", "北村")
    con = sqlite3.connect(cli.db)
    con.execute("PRAGMA user_version = 999")
    con.commit()
    con.close()
    app = app_factory()
    assert "更新版本" in app.text("load-error")
