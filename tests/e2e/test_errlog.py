"""Issue 15 (part 5): errors keep their cause in the log, and 导出诊断信息.

The real app on a database file made read-only: saving a household shows the clerk a
Chinese message, and the log beside the database gets the call, its code and SQLite's own
cause. Then 备份与恢复 → 导出诊断信息 writes a zip of the logs, the check and the versions
that holds none of the household's personal data.
"""
import os
import stat
import zipfile

from selenium.webdriver.common.keys import Keys

from test_register import type_into

NAME = "𠮷田龘"
ID = "14072519580917403X"
PHONE = "13912345678"
ADDRESS = "幸福村三组17号院"
TYPED = "李四䶮"  # what the clerk types into the refused form
PERSONAL = [NAME, "𠮷", "龘", ID, "1958091740", PHONE, ADDRESS, "幸福村", TYPED, "䶮"]


def read_only_prefix():
    """Root (as in CI) may write any file: run the app without the capabilities for that."""
    if os.geteuid() != 0:
        return None
    return ["setpriv", "--inh-caps", "-all",
            "--bounding-set", "-dac_override,-dac_read_search,-fowner"]


def log_text(tmp):
    logs = tmp / "logs"
    return "".join(p.read_text(encoding="utf-8") for p in sorted(logs.glob("*.log")))


def test_read_only_database_message_log_and_diagnostics(app_factory, cli, tmp):
    cli.run("init", "--unit", "东村村委会", "--contact", "王文书", "--phone", "13800138000")
    cli.run("households", "add", "--name", NAME, "--id-number", ID, "--phone", PHONE,
            "--address", ADDRESS)
    os.chmod(cli.db, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)

    app = app_factory(prefix=read_only_prefix())
    app.el("nav-households").click()
    app.wait(lambda: app.text("hh-total") == "1")

    # Saving a household fails: the clerk reads Chinese, nothing English.
    app.el("hh-search").send_keys(Keys.INSERT)
    type_into(app, "hf-name", TYPED)
    type_into(app, "hf-address", "东村一组3号")
    app.el("hf-save").click()
    msg = app.text("form-error")
    assert "无法打开或写入数据库文件" in msg, msg
    assert "readonly" not in msg, msg
    app.el("hf-name").send_keys(Keys.ESCAPE)
    app.wait(lambda: not app.els("household-form"))
    assert app.text("hh-total") == "1"

    # The log (tmp/logs, beside the database) has the call, its code and SQLite's cause.
    log = log_text(tmp)
    failed = [l for l in log.splitlines()
              if "call failed" in l and 'method="households.add"' in l]
    assert failed, log
    assert 'code="io"' in failed[-1] and "readonly database" in failed[-1], failed[-1]
    # The start-up check runs after the register's first page (issue 20): wait for it.
    app.wait(lambda: "database check" in log_text(tmp), timeout=30,
             msg="the start-up check was not logged")
    log = log_text(tmp)
    assert 'program="app"' in log and "database check" in log, log

    # 导出诊断信息 from the Backup screen, saved where the clerk chose.
    out = tmp / "诊断信息.zip"
    app.el("nav-backup").click()
    app.answer_dialogs(out)
    app.el("diagnostics-export").click()
    app.wait(lambda: out.exists(), timeout=20, msg="the zip was not written")
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        assert {"README.txt", "versions.json", "check.json", "backups.json"} <= set(names), names
        logs = [n for n in names if n.startswith("logs/app.")]
        assert logs, names
        for n in names:
            text = z.read(n).decode("utf-8", errors="replace")
            for p in PERSONAL:
                assert p not in text, f"{n} contains {p!r}"
        assert "readonly database" in "".join(z.read(n).decode() for n in logs)
