"""Issue 20: the household dialog fits a 1280×720 screen: its 保存 is on screen and can be
clicked without scrolling (it was cut off at 1280×740); so is every screen's button in the
navigation column."""

FITS = """
    const e = document.querySelector(arguments[0]);
    const r = e.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    return r.top >= 0 && r.bottom <= innerHeight && r.right <= innerWidth
      && document.elementFromPoint(x, y) === e;
"""


def test_household_dialog_save_reachable_at_1280x720(app_factory, cli):
    cli.run("init", "--unit", "东村村委会")
    app = app_factory()
    app.d.set_window_rect(x=0, y=0, width=1280, height=720)
    app.wait(lambda: app.d.execute_script("return innerHeight") <= 720)
    assert app.d.execute_script(FITS, '[data-testid="nav-settings"]'), "the last screen's button is cut off"
    app.el("nav-households").click()  # the app opens on the 工作台
    app.el("hh-add").click()
    app.el("household-form")
    assert app.d.execute_script(FITS, '[data-testid="hf-save"]'), "保存 is not on screen"
    # And it saves: the whole form was usable at this size.
    app.el("hf-name").send_keys("李䶮")
    app.el("hf-save").click()
    app.wait(lambda: not app.els("household-form"))
    app.wait(lambda: app.text("hh-total") == "1")
