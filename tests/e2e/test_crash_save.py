"""Issue 7: the app process killed (SIGKILL, as when the PC loses power or the process dies)
while the clerk saves a checklist. Each trial starts the real app, keys a whole form by
keyboard, presses Enter on 保存 and kills the app after a random delay (0-400 ms, most of
them in the first few, so some kills land before the save reaches the database, some
during it, some after). Then:

- the database passes the integrity check (`qiaomen check`);
- the form is either entirely there (one inspection, its 16 answers, its hazard) or not at
  all — never an inspection without its answers or a hazard without its inspection;
- every record committed before the trial is unchanged (the keyed household's own header
  may be updated by its form).

QIAOMEN_E2E_CRASH_TRIALS sets the number of trials (CI: 6; BENCHMARKS.md records a longer
run). The CLI harness (crates/qiaomen-cli/tests/crash.rs) kills far more often inside the
write itself; this one proves the same for the app's own save path.
"""
import json
import os
import random
import signal
import sqlite3
import time
from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from conftest import app_pids
from test_entry import safe_keys, wait_focus

TRIALS = int(os.environ.get("QIAOMEN_E2E_CRASH_TRIALS", "6"))


def press(app, *keys):
    chain = ActionChains(app.d)
    for k in keys:
        chain.send_keys(k)
    chain.perform()


def wait_dead(pid, timeout=10):
    """Until every thread of the killed process is gone. A thread inside fsync finishes that
    call first (while the file locks are still held); reading the database before then sees
    it as another connection left it, and a commit whose WAL frames were on their way to the
    disk shows up only at the next open. /proc/PID/exe vanishes earlier than that."""
    end = time.time() + timeout
    while time.time() < end:
        try:
            state = (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0])
            tasks = os.listdir(f"/proc/{pid}/task")
        except (FileNotFoundError, ProcessLookupError):
            return
        if state == "Z" and len(tasks) <= 1:
            return
        time.sleep(0.02)
    raise AssertionError(f"the app (pid {pid}) did not die")


def snapshot(db):
    """Every committed row that matters, read by Python's own sqlite3 (not our code)."""
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        out = {}
        for table, order in [("households", "id"), ("inspections", "id"),
                             ("answers", "inspection_id, item_no"), ("hazards", "id")]:
            out[table] = c.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
        return out
    finally:
        c.close()


def form_state(db, code):
    """(inspections, answers, hazards) of the household with this code."""
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        ins = c.execute("SELECT i.id FROM inspections i JOIN households h ON h.id = i.household_id "
                        "WHERE h.code = ?", (code,)).fetchall()
        ids = [r[0] for r in ins]
        answers = sum(c.execute("SELECT count(*) FROM answers WHERE inspection_id = ?", (i,))
                      .fetchone()[0] for i in ids)
        hazards = c.execute("SELECT count(*) FROM hazards h JOIN households x ON x.id = h.household_id "
                            "WHERE x.code = ?", (code,)).fetchone()[0]
        orphans = c.execute("SELECT count(*) FROM answers WHERE inspection_id NOT IN "
                            "(SELECT id FROM inspections)").fetchone()[0]
        orphans += c.execute("SELECT count(*) FROM hazards WHERE "
                             "inspection_id NOT IN (SELECT id FROM inspections)").fetchone()[0]
        return len(ids), answers, hazards, orphans
    finally:
        c.close()


def test_killed_while_saving_a_form(app_factory, cli):
    rng = random.Random(int(os.environ.get("QIAOMEN_E2E_CRASH_SEED", "7")))
    cli.run("init", "--unit", "东村村委会")
    cli.run("grids", "add", "--name", "一组", "--no", "1")
    for n in range(TRIALS + 1):
        cli.run("households", "add", "--name", f"住户{n}", "--address", f"一组{n}号", "--grid", "一组")
    # An earlier form, committed before any trial; it also sets the remembered date and
    # inspectors, so each trial's form starts on item 1.
    cli.run("inspections", "add", "--household", "01001", "--date", "2024-12-03",
            "--inspectors", "李四、王五", "--safe", "--yes", "4", "--signed")

    outcomes = []
    for trial in range(TRIALS):
        code = f"01{trial + 2:03d}"
        before = snapshot(cli.db)
        app = app_factory()
        app.el("nav-entry").click()
        wait_focus(app, "entry-hh-search")
        press(app, code, Keys.ENTER)
        wait_focus(app, "entry-item-1")
        press(app, *safe_keys(hazards={4}))
        wait_focus(app, "entry-other")
        press(app, Keys.ENTER, Keys.ENTER, "y")
        wait_focus(app, "entry-save")
        [pid] = app_pids(app.env)
        # Skewed towards the first milliseconds, when the save is on its way to the disk.
        delay = 0.4 * rng.random() ** 3
        press(app, Keys.ENTER)
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        wait_dead(pid)

        check = json.loads(cli.run("check", "--json").stdout)
        assert check["ok"] and check["integrity_ok"], check
        inspections, answers, hazards, orphans = form_state(cli.db, code)
        assert orphans == 0
        assert (inspections, answers, hazards) in [(0, 0, 0), (1, 16, 1)], \
            (trial, delay, inspections, answers, hazards)
        after = snapshot(cli.db)
        for table, rows in before.items():
            # Saving a form may update its own household's header fields; nothing else.
            kept = {r for r in rows if not (table == "households" and r[1] == code)}
            lost = kept - set(after[table])
            assert not lost, f"trial {trial}: committed {table} rows changed:\n" + "\n".join(
                f"before {r}\nafter  {[a for a in after[table] if a[0] == r[0]]}" for r in lost)
        outcomes.append({"trial": trial, "delay_ms": round(delay * 1000), "saved": inspections == 1})

    saved = sum(o["saved"] for o in outcomes)
    print(json.dumps({"trials": TRIALS, "saved": saved, "not_saved": TRIALS - saved,
                      "outcomes": outcomes}, ensure_ascii=False))
