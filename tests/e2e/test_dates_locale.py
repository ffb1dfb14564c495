"""Issue 20: dates and months read 2024年12月23日 / 2024年12月 under a non-Chinese system
locale (WebKit's <input type=date|month> showed 12/02/2026 and Dec 2026 under en_US), and
↓ in the month field goes back one month, never a year."""
import re

from selenium.webdriver.common.keys import Keys

EN = {"LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8", "LANGUAGE": "en_US"}


def shown(app, testid):
    return app.d.execute_script(
        "return document.querySelector(arguments[0]).value", f'[data-testid="{testid}"]')


def test_dates_and_months_in_chinese_under_en_us(app_factory, cli):
    cli.run("init", "--unit", "东村村委会")
    app = app_factory(extra_env=EN)
    assert app.d.execute_script("return navigator.language").lower().startswith("en")

    app.el("nav-hazards").click()
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", shown(app, "hz-asof")), shown(app, "hz-asof")

    app.el("nav-report").click()
    app.el("period-month").click()
    month = app.el("period-month-input")
    assert re.fullmatch(r"\d{4}年\d{1,2}月", shown(app, "period-month-input"))
    # Typed as a clerk would, then ↓: one month back, the year as it was.
    month.click()
    month.send_keys(Keys.CONTROL, "a")
    month.send_keys("2024年12月", Keys.ENTER)
    app.wait(lambda: shown(app, "period-month-input") == "2024年12月")
    month.send_keys(Keys.ARROW_DOWN)
    app.wait(lambda: shown(app, "period-month-input") == "2024年11月")
    month.send_keys(Keys.ARROW_UP, Keys.ARROW_UP)
    app.wait(lambda: shown(app, "period-month-input") == "2025年1月")

    # A date typed in figures reads back in Chinese.
    app.el("period-day").click()
    day = app.el("period-day-input")
    day.click()
    day.send_keys(Keys.CONTROL, "a")
    day.send_keys("2024-12-23", Keys.TAB)
    app.wait(lambda: shown(app, "period-day-input") == "2024年12月23日")
