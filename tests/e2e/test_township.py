"""Issue 17: the township's desk in the real app. Two villages (built with the CLI) export
their data packages to the township's public key; the township, in 乡镇模式, imports both
through the file dialog, sees the villages table with each village's numbers, and follows
an overdue hazard from its count to the ledger. A village exports its package from
备份与恢复 → 数据上报 by dialog, and the township's CLI imports it.
"""
from pathlib import Path

from conftest import Cli


def village(tmp, name, n, gas):
    """A village database: n households, a round in December, visits on 2024-12-03 with
    item 4 (old wiring) for the first two and item 5 (gas leak, major) for `gas` of them."""
    v = Cli(tmp / f"{name}.sqlite3")
    v.run("init", "--unit", name, "--township", "青山镇")
    v.run("grids", "add", "--name", "一组", "--no", "1", "--leader", "赵一")
    for i in range(n):
        v.run("households", "add", "--name", f"{name}户{i}", "--address", f"{name}{i}号",
              "--grid", "一组", "--phone", f"1390000{i:04d}", "--id-number", "11010519491231002X" if i == 0 else "")
    v.run("rounds", "add", "--name", "第二轮", "--from", "2024-12-01", "--to", "2024-12-15")
    for i in range(n - 1):
        args = ["inspections", "add", "--household", f"01{i + 1:03d}", "--date", "2024-12-03", "--safe"]
        if i < 2:
            args += ["--yes", "4"]
        if i < gas:
            args += ["--yes", "5"]
        v.run(*args)
    return v


def test_township_imports_two_packages_by_dialog(app_factory, cli, tmp):
    cli.run("township", "init", "--unit", "青山镇", "--contact", "李镇长")
    pub = tmp / "青山镇.pub"
    cli.run("township", "key", "--out", str(pub))
    east = village(tmp, "东村", 5, 1)
    west = village(tmp, "西村", 4, 0)
    packages = []
    for v, name in ((east, "东村"), (west, "西村")):
        v.run("package", "key", str(pub))
        p = tmp / f"{name}.qmpkg"
        v.run("package", "export", "--out", str(p))
        packages.append(p)

    app = app_factory()
    app.wait(lambda: app.els("township-mode"), msg="the app is in 乡镇模式")
    assert app.els("nav-tw-villages") and not app.els("nav-entry")
    app.wait(lambda: app.els("tw-no-villages"), msg="no village yet")

    app.el("nav-tw-import").click()
    app.wait(lambda: app.els("tw-public-key"), msg="the township's key is shown")
    app.answer_dialogs("|".join(str(p) for p in packages))
    app.el("tw-import-choose").click()
    app.wait(lambda: len(app.els("tw-import-result")) == 2, timeout=30, msg="two packages imported")
    assert app.attrs("tw-import-result", "data-status") == ["imported", "imported"]
    rows = app.texts("tw-import-result")
    assert "东村" in rows[0] and "新增 5" in rows[0], rows
    assert "西村" in rows[1], rows

    app.el("nav-tw-villages").click()
    app.wait(lambda: len(app.els("tw-village-row")) == 2, msg="the villages table lists both")
    names = app.attrs("tw-village-row", "data-village")
    assert sorted(names) == ["东村", "西村"]
    table = app.text("tw-villages")
    assert "第二轮" in table
    # Each village's numbers as its own CLI says them (as of today, the clock of both).
    for v, name in ((east, "东村"), (west, "西村")):
        row = app.d.find_element("css selector", f'[data-testid="tw-village-row"][data-village="{name}"]')
        cells = row.find_elements("css selector", "td")
        households = v.json("info")["households"]
        visited = v.json("rounds", "coverage", "第二轮")["visited"]
        overdue = len(v.json("hazards", "list", "--overdue"))
        assert cells[1].text == str(households), (name, cells[1].text)
        assert cells[3].text.startswith(str(visited)), (name, cells[3].text)
        assert cells[6].text == str(overdue), (name, cells[6].text)
    app.screenshot("guide/township-villages.png")  # the user guide's picture

    # An overdue hazard: 东村's overdue count opens the ledger with its hazards.
    row = app.d.find_element("css selector", '[data-testid="tw-village-row"][data-village="东村"]')
    row.find_element("css selector", '[data-testid="tw-n-overdue"]').click()
    app.wait(lambda: app.els("tw-hazard-row"), msg="the overdue ledger lists 东村's hazards")
    hazards = app.texts("tw-hazard-row")
    assert len(hazards) == len(east.json("hazards", "list", "--overdue"))
    assert all("东村" in h for h in hazards)
    assert any("燃气" in h and "（重大）" in h for h in hazards), hazards
    assert all("超期" in t and "天" in t for t in app.texts("tw-days-overdue"))
    app.screenshot("guide/township-overdue.png")

    # Drill-down from a hazard to its household's whole record.
    app.els("tw-hazard-row")[0].find_element("css selector", "td").click()
    app.wait(lambda: app.els("tw-household-detail"), msg="the household's record opens")
    detail = app.text("tw-household-detail")
    assert "入户检查" in detail and "2024年12月3日" in detail, detail


def test_village_exports_its_package_from_backup(app_factory, cli, tmp):
    town = Cli(tmp / "town.sqlite3")
    town.run("township", "init", "--unit", "青山镇")
    pub = tmp / "青山镇.pub"
    town.run("township", "key", "--out", str(pub))
    east = village(tmp, "东村", 3, 1)
    east.run("package", "key", str(pub))

    app = app_factory(extra_env={"QIAOMEN_DB": str(east.db)})
    app.el("nav-backup").click()
    panel = app.text("package-panel")
    assert "青山镇" in panel and "不含任何身份证号" in panel and "联系电话" in panel, panel
    out = tmp / "东村-上报.qmpkg"
    app.answer_dialogs(str(out))
    app.el("package-export").click()
    app.wait(lambda: out.exists() and app.els("flash") and "第 1 号" in app.text("flash"),
             timeout=30, msg="the package is written")
    app.wait(lambda: "上次导出：第 1 号" in app.text("package-last"))
    r = town.json("township", "import", str(out))
    assert r[0]["status"] == "imported" and r[0]["village"] == "东村"
    assert r[0]["households"]["added"] == 3
    assert b"11010519491231002X" not in Path(town.db).read_bytes()
