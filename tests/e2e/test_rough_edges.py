"""Issue 20's rough edges, each as a clerk meets it in the real app: a back-dated entry form
dating the next ones silently, item 1 changing 弱势群体人数 silently, the backup screen after
立即备份 and after 恢复, 轮次覆盖 without rounds, and messages carried to the next screen."""
import datetime
import sqlite3

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys


def cn(d):
    return f"{d.year}年{d.month}月{d.day}日"


def press(app, *keys):
    chain = ActionChains(app.d)
    for k in keys:
        chain.send_keys(k)
    chain.perform()


def prepare(cli):
    cli.run("init", "--unit", "东村村委会")
    cli.run("grids", "add", "--name", "一组", "--no", "1")
    for name, addr in [("张三", "一组1号"), ("李䶮", "一组2号")]:
        cli.run("households", "add", "--name", name, "--address", addr, "--grid", "一组")


def open_form(app, code):
    app.el("nav-entry").click()
    app.wait(lambda: app.d.execute_script(
        "return document.activeElement && document.activeElement.getAttribute('data-testid')") == "entry-hh-search")
    press(app, code, Keys.ENTER)
    app.el("entry-form")


def test_back_dated_entry_and_item_one(app_factory, cli):
    prepare(cli)
    # Yesterday's paper form keyed today, back-dated to 2024-12-03.
    cli.run("inspections", "add", "--household", "01001", "--date", "2024-12-03", "--inspectors", "李四",
            "--no", "1", "--safe")
    app = app_factory()
    open_form(app, "01002")
    # The date in use is the back date: said in words, with a way back to today.
    assert app.text("entry-date-cn") == "2024年12月3日"
    assert "不是今天" in app.text("entry-date-note")
    app.el("entry-date-today").click()
    app.wait(lambda: app.text("entry-date-cn") == cn(datetime.date.today()))
    assert not app.els("entry-date-note")

    # Item 1 answered 是 on a household without vulnerable people: the change is shown.
    app.el("entry-item-1").click()
    press(app, "1")
    assert "弱势群体人数" in app.text("entry-vulnerable-note")
    app.el("entry-item-1").click()
    press(app, "0")
    app.wait(lambda: not app.els("entry-vulnerable-note"))


def test_a_new_day_starts_on_today(app_factory, cli):
    prepare(cli)
    cli.run("inspections", "add", "--household", "01001", "--date", "2024-12-03", "--inspectors", "李四",
            "--no", "1", "--safe")
    # As if that form was keyed yesterday: the remembered date is from another day.
    c = sqlite3.connect(cli.db)
    c.execute("UPDATE settings SET value = '2024-12-03' WHERE key = 'entry_last_date_on'")
    c.commit()
    c.close()
    app = app_factory()
    open_form(app, "01002")
    assert app.text("entry-date-cn") == cn(datetime.date.today())
    assert not app.els("entry-date-note")


def test_backup_screen_after_backup_and_restore(app_factory, cli, tmp):
    prepare(cli)
    app = app_factory()
    # The start's automatic backup runs after the first screen (the 工作台 now, which has no
    # list to wait for): 王五 comes after it.
    app.wait(lambda: "启动检查通过" in (app.texts("start-note") or [""])[0], timeout=30,
             msg="the start-up check and backup did not run")
    app.invoke("households.add", {"name": "王五", "address": "一组3号"})
    app.el("nav-backup").click()
    app.el("backup-changed")  # the start's automatic backup is older than 王五

    usb = tmp / "U盘" / "备份.sqlite3"
    usb.parent.mkdir()
    app.answer_dialogs(usb)
    app.el("backup-save").click()
    app.wait(lambda: usb.exists())
    app.el("backup-unchanged")
    assert not app.els("backup-changed")
    # The top names the backup just made, not the morning's automatic one.
    st = app.invoke("backup.status")["ok"]
    assert st["last"]["created_at"] <= st["last_manual"]["created_at"]
    assert app.text("backup-last") == st["last_manual"]["created_cn"]
    assert app.text("backup-last-manual") == str(usb)

    # 恢复 from that file: the window comes back and says it worked.
    app.invoke("households.add", {"name": "赵六", "address": "一组4号"})
    app.answer_dialogs(usb)
    app.el("backup-restore").click()
    app.el("restore-ok").click()
    assert "已恢复" in app.text("backup-restored", timeout=30)
    assert "已恢复" in app.text("flash")
    app.el("nav-households").click()
    app.wait(lambda: app.text("hh-total") == "3")


def test_rounds_without_rounds_and_messages_stay_on_their_screen(app_factory, cli):
    prepare(cli)
    app = app_factory()
    app.el("nav-rounds").click()
    assert app.text("rd-none") == "还没有轮次"
    assert not app.els("rd-round")

    # A message of the register does not follow the clerk to the next screen.
    app.el("nav-households").click()
    app.el("hh-add").click()
    app.el("hf-name").send_keys("孙七")
    app.el("hf-save").click()
    assert "已登记" in app.text("flash")
    app.el("nav-grids").click()
    assert not app.els("flash")
