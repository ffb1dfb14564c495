"""Issue 20: the register by keyboard from the search box (↓ into the list, Delete on the
selected row), one reload per pause in typing, and 20,000 households drawn only where they
are on screen."""
import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

import seed_many

def list_calls(tmp):
    """households.list calls so far, from the app's log (one line per API call)."""
    return sum(f.read_text(encoding="utf-8").count('method="households.list"')
               for f in (tmp / "logs").glob("app.*.log"))


def focused(app):
    return app.d.execute_script(
        "const e = document.activeElement; return e && [e.getAttribute('data-testid'), e.getAttribute('data-code')]")


def press(app, *keys):
    chain = ActionChains(app.d)
    for k in keys:
        chain.send_keys(k)
    chain.perform()


def test_keys_from_the_search_box_and_one_reload_per_pause(app_factory, cli, tmp):
    cli.run("init", "--unit", "东村村委会")
    seed_many.households(cli.db, 30)
    app = app_factory()
    app.el("nav-households").click()  # the app opens on the 工作台
    app.wait(lambda: app.text("hh-total") == "30")

    # Typing "住户1" quickly: one list call after the pause, not one per key and effect.
    time.sleep(0.5)
    before = list_calls(tmp)
    app.el("hh-search").send_keys("住户1")
    app.wait(lambda: app.text("hh-total") == "11")  # 住户1, 住户10 … 住户19
    time.sleep(1)
    assert list_calls(tmp) - before == 1

    # ↓ from the search box puts the focus on the first row; ↓ again on the second.
    press(app, Keys.ARROW_DOWN)
    app.wait(lambda: focused(app) == ["hh-row", "01001"], msg="↓ did not move into the list")
    press(app, Keys.ARROW_DOWN)
    app.wait(lambda: focused(app) == ["hh-row", "01010"])
    # Delete on the selected row asks; Esc keeps the household.
    press(app, Keys.DELETE)
    assert "01010" in app.text("confirm")
    press(app, Keys.ESCAPE)
    app.wait(lambda: not app.els("confirm"))
    # ↑ from the first row goes back to the search box.
    press(app, Keys.ARROW_UP, Keys.ARROW_UP)
    app.wait(lambda: focused(app)[0] == "hh-search")


def test_twenty_thousand_households_draw_only_the_rows_on_screen(app_factory, cli):
    cli.run("init", "--unit", "东村村委会")
    seed_many.households(cli.db, 20000)
    t0 = time.monotonic()
    app = app_factory()
    app.el("nav-households").click()  # the app opens on the 工作台
    app.wait(lambda: app.text("hh-total") == "20000", timeout=30)
    app.wait(lambda: app.els("hh-row"))
    print(f"register with 20,000 households: rows shown {time.monotonic() - t0:.2f} s after start")
    assert len(app.els("hh-row")) < 150

    # Keys from the search box to far down the list: the selected row is drawn and in view.
    app.el("hh-search").click()
    press(app, Keys.ARROW_DOWN)
    for row in (101, 201, 301):  # rows past the first page are fetched as the list nears them
        press(app, *[Keys.PAGE_DOWN] * 10)
        app.wait(lambda: focused(app) == ["hh-row", f"01{row:05d}"],
                 msg=f"PageDown should reach row {row}: {focused(app)}")
    inside = app.d.execute_script("""
        const r = document.activeElement.getBoundingClientRect();
        const b = document.querySelector('[data-testid="hh-scroll"]').getBoundingClientRect();
        return r.top >= b.top && r.bottom <= b.bottom;""")
    assert inside
    # Scrolling down fetches the rest as the end of what is loaded comes near.
    def at_end():
        app.d.execute_script("const b = document.querySelector('[data-testid=\"hh-scroll\"]');"
                             "b.scrollTop = b.scrollHeight;")
        return "0120000" in app.attrs("hh-row", "data-code")
    app.wait(at_end, timeout=60)
    assert len(app.els("hh-row")) < 150
