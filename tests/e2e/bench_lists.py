"""Issue 20's list figures through WebDriver in the real app (not part of the suite: run
`python -m pytest -q -s tests/e2e/bench_lists.py` under xvfb-run like the e2e tests).
Prints, never asserts: speed targets are recorded in BENCHMARKS.md.

- ledger: click on 隐患台账 → the first hazard row drawn, with 3,500 open hazards
- register: a key typed in the search box → the list showing the match, 20,000 households
"""
import statistics
import time

from selenium.webdriver.common.keys import Keys

import seed_many

# Clicks a button and reports, from inside the page, when the first list row is drawn (a
# WebDriver wait polls every 0.5 s: too coarse for these figures).
CLICK_UNTIL_ROWS = """
    const [button, want, done] = arguments;
    const t0 = performance.now();
    const look = () => document.querySelector('[data-testid="' + want + '"]')
      ? done(performance.now() - t0) : requestAnimationFrame(look);
    document.querySelector('[data-testid="' + button + '"]').click();
    requestAnimationFrame(look);
"""


def until(app, cond, timeout=30):
    """Polls `cond` as fast as WebDriver answers; returns the seconds it took."""
    t0 = time.monotonic()
    while not cond():
        if time.monotonic() - t0 > timeout:
            raise AssertionError("timed out")
    return time.monotonic() - t0


def test_ledger_open_3500(app_factory, cli):
    cli.run("init", "--unit", "东村村委会")
    seed_many.households(cli.db, 3500)
    seed_many.hazards(cli.db, 3500)
    app = app_factory()
    app.d.set_window_rect(x=0, y=0, width=1366, height=768)
    times = []
    for _ in range(5):
        app.el("nav-households").click()
        app.wait(lambda: not app.els("hz-row"))
        times.append(app.d.execute_async_script(CLICK_UNTIL_ROWS, "nav-hazards", "hz-row") / 1000)
    print(f"\nledger, 3,500 open hazards: click → rows {statistics.median(times) * 1000:.0f} ms median "
          f"({', '.join(f'{t * 1000:.0f}' for t in times)}); rows drawn {len(app.els('hz-row'))}")


def test_register_key_latency_20000(app_factory, cli):
    cli.run("init", "--unit", "东村村委会")
    seed_many.households(cli.db, 20000)
    app = app_factory()
    app.el("nav-households").click()  # the app opens on the 工作台
    app.wait(lambda: app.text("hh-total") == "20000", timeout=60)
    box = app.el("hh-search")
    times = []
    for n in (12345, 2345, 345, 19999, 777, 15000, 42, 9001):
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(Keys.BACKSPACE)
        app.wait(lambda: app.text("hh-total") == "20000", timeout=30)
        box.send_keys(f"住户{n}")
        times.append(until(app, lambda: (t := app.texts("hh-row")) and t[0].split("\t")[1:2] == [f"住户{n}"]))
    print(f"\nregister, 20,000 households: typing a name → its row first "
          f"{statistics.median(times) * 1000:.0f} ms median (includes the 120 ms pause); "
          f"rows drawn {len(app.els('hh-row'))}")
