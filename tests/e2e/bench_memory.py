"""Issue 20's memory figure through WebDriver in the real app (not part of the suite: run
`python -m pytest -q -s tests/e2e/bench_memory.py` under xvfb-run like the e2e tests).
Prints, never asserts: figures are recorded in BENCHMARKS.md.

With 20,000 households and 3,500 open hazards the clerk opens the 工作台, the register
(scrolled to its end by keyboard), the ledger and the report; then the resident memory
(RSS, /proc/PID/status VmRSS) of the app's own process and of WebKit's processes is
printed: the app is ours, the webview is what WebKitGTK costs. Beside it, the floor of any
WebKitGTK window process (tools/bench_webview_floor.py: a bare GTK window with a WebKitWebView
showing a two-line page), run in the same display with the system's Python if it has
PyGObject.
"""
import shutil
import subprocess
from pathlib import Path

from selenium.webdriver.common.keys import Keys

import seed_many


def rss_kb(pid):
    """(VmRSS, RssAnon, RssFile) in KiB: all resident memory, the part the process made
    (heap, caches), the part mapped from files (its binary and libraries)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "RssAnon", "RssFile"):
            fields[key] = int(rest.split()[0])
    return fields.get("VmRSS", 0), fields.get("RssAnon", 0), fields.get("RssFile", 0)


def processes():
    """(pid, name) of every process of ours or of WebKit's, from /proc."""
    out = []
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            cmd = (p / "cmdline").read_bytes().split(b"\0")[0].decode(errors="replace")
        except OSError:
            continue
        name = Path(cmd).name
        if name.startswith("qiaomen-app") or name.startswith("WebKit"):
            out.append((int(p.name), name))
    return out


def test_memory_20000(app_factory, cli):
    cli.run("init", "--unit", "东村村委会")
    seed_many.households(cli.db, 20000)
    seed_many.hazards(cli.db, 3500)
    app = app_factory()
    app.d.set_window_rect(x=0, y=0, width=1366, height=768)
    app.el("nav-households").click()
    app.wait(lambda: app.text("hh-total") == "20000", timeout=60)
    box = app.el("hh-search")
    box.send_keys(Keys.ARROW_DOWN)
    for _ in range(20):
        app.d.switch_to.active_element.send_keys(Keys.PAGE_DOWN)
    app.el("nav-hazards").click()
    app.wait(lambda: app.els("hz-row"), timeout=60)
    app.el("nav-report").click()
    app.el("nav-desk").click()
    figures = {}
    for pid, name in processes():
        kb = rss_kb(pid)
        figures.setdefault(name, []).append(kb)
    print("\nRSS after 工作台, register (paged), ledger, report; 20,000 households, 3,500 hazards"
          " (all = made by the process + mapped from files):")
    for name, procs in sorted(figures.items()):
        for rss, anon, file in procs:
            print(f"  {name}: {rss / 1024:.0f} MB = {anon / 1024:.0f} + {file / 1024:.0f} MB")

    floor = Path(__file__).resolve().parents[2] / "tools" / "bench_webview_floor.py"
    py = "/usr/bin/python3"
    if shutil.which(py) and subprocess.run([py, "-c", "import gi"], capture_output=True).returncode == 0:
        out = subprocess.run([py, str(floor)], capture_output=True, text=True, timeout=60).stdout
        kb = {l.split(":")[0]: int(l.split()[1]) for l in out.splitlines() if ":" in l}
        if "VmRSS" in kb:
            print(f"  floor (GTK + one WebKitWebView, two-line page, in Python): {kb['VmRSS'] / 1024:.0f} MB = "
                  f"{kb['RssAnon'] / 1024:.0f} + {kb['RssFile'] / 1024:.0f} MB")
    else:
        print("  floor: not measured (the system Python has no PyGObject: apt install python3-gi gir1.2-webkit2-4.1)")
