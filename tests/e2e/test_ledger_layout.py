"""Issue 20: the hazard ledger (隐患台账) at 1366×768 with 3,500 open hazards: one line a
hazard, 15+ on screen, the category as a short coloured tag, the household's address, the
deadline and the days overdue as columns; only the rows on screen are drawn. The picture
goes into docs/ledger.png."""
import time

from selenium.webdriver.common.keys import Keys

import seed_many

N = 3500


def visible_rows(app):
    """Rows fully inside the ledger's scrolling box, and how many rows are drawn at all."""
    return app.d.execute_script("""
        const box = document.querySelector('[data-testid="hz-scroll"]').getBoundingClientRect();
        const head = document.querySelector('[data-testid="hz-table"] thead').getBoundingClientRect();
        const rows = [...document.querySelectorAll('[data-testid="hz-row"]')];
        const inView = rows.filter(r => { const b = r.getBoundingClientRect();
          return b.top >= head.bottom - 1 && b.bottom <= box.bottom + 1 && b.bottom <= innerHeight; });
        return [inView.length, rows.length, [...new Set(rows.map(r => Math.round(r.getBoundingClientRect().height)))]];
    """)


def test_ledger_layout_at_1366x768(app_factory, cli):
    cli.run("init", "--unit", "东村村委会")
    seed_many.households(cli.db, N)
    seed_many.hazards(cli.db, N, found="2024-11-20", deadline="2024-11-27")
    app = app_factory()
    app.d.set_window_rect(x=0, y=0, width=1366, height=768)
    app.wait(lambda: app.d.execute_script("return innerWidth") >= 1300)
    t0 = time.monotonic()
    app.el("nav-hazards").click()
    app.wait(lambda: app.els("hz-row"), timeout=30)
    print(f"ledger with {N} open hazards: rows on screen {time.monotonic() - t0:.2f} s after the click")
    assert app.text("hz-total") == str(N)

    # As of 2024-12-02 the deadline 2024-11-27 is 5 days past.
    app.d.execute_script(
        "const e = document.querySelector('[data-testid=\"hz-asof\"]');"
        "e.value = '2024-12-02'; e.dispatchEvent(new Event('input', {bubbles: true}));"
        "e.dispatchEvent(new Event('change', {bubbles: true}));")
    app.wait(lambda: app.texts("hz-row-overdue")[:1] == ["5天"])

    in_view, drawn, heights = visible_rows(app)
    assert in_view >= 15, f"only {in_view} hazards fit on the screen"
    assert len(heights) == 1, f"rows of different heights (wrapped lines): {heights}"
    assert drawn < 120, f"{drawn} rows drawn for {in_view} on screen"

    first = app.d.find_element("css selector", '[data-testid="hz-row"]')
    cat = first.find_element("css selector", '[data-testid="hz-row-category"]')
    assert cat.text in {"煤气中毒", "燃气爆炸", "小火亡人", "有限空间", "建筑施工", "冰雪道路", "森林火灾"}
    assert cat.value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "transparent")
    assert app.texts("hz-row-address")[0].startswith("东村")
    assert app.texts("hz-row-deadline")[0] == "2024年11月27日"

    app.screenshot("ledger.png")

    # The keyboard goes past the rows loaded at first (300): they are fetched on the way,
    # and the rows drawn follow the selection.
    app.el("hz-search").click()
    app.el("hz-search").send_keys(*[Keys.PAGE_DOWN] * 35)
    app.wait(lambda: app.d.execute_script("""
        const sel = document.querySelector('[data-testid="hz-row"].selected');
        const box = document.querySelector('[data-testid="hz-scroll"]');
        if (!sel) return false;
        const r = sel.getBoundingClientRect(), b = box.getBoundingClientRect();
        // Hazard 351 at the bottom of the view: the list scrolled past about 335 rows.
        return box.scrollTop >= 330 * r.height && r.top >= b.top && r.bottom <= b.bottom;"""),
        msg="35 PageDowns should select hazard 351, in view")
    assert len(app.els("hz-row")) < 120
