"""Issue 20's start figure without WebDriver: starts the app on a database, reads its log
(written beside the database, <db dir>/logs/app.<date>.log) and prints, in ms after the
process was started, when the log says the window's API opened the database (open), when
the UI's first calls were answered (app.info, desk.get) and when the first screen was drawn
(the UI asks for the start-up check in the frame after the 工作台's numbers are drawn:
backup.on_start's start). Prints, never asserts; figures go to BENCHMARKS.md.

    xvfb-run -a -s "-screen 0 1366x768x24" python3 tools/bench_start.py APP DB [RUNS]

APP: the release app (`cargo build --release -p qiaomen-app`); DB: a database to open, e.g.
made with the CLI and tests/e2e/seed_many.py (20,000 households, 3,500 hazards)."""
import datetime
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path


def main():
    app, db = sys.argv[1], Path(sys.argv[2]).resolve()
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    for _ in range(runs):
        log = db.parent / "logs" / f"app.{datetime.date.today().isoformat()}.log"
        before = log.read_text(encoding="utf-8").count("\n") if log.exists() else 0
        env = dict(os.environ, QIAOMEN_DB=str(db), XDG_DATA_HOME=str(db.parent / "xdg"))
        t0 = time.time()
        p = subprocess.Popen([app], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        marks = {}
        while time.time() - t0 < 30 and "drawn" not in marks:
            time.sleep(0.01)
            if not log.exists():
                continue
            for line in log.read_text(encoding="utf-8").splitlines()[before:]:
                at = datetime.datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S.%f")
                ts = at.replace(tzinfo=datetime.timezone.utc).timestamp()
                for k in ("open", "app.info", "desk.get"):
                    if f'method="{k}"' in line and k not in marks:
                        marks[k] = ts - t0
                if 'method="backup.on_start"' in line and "drawn" not in marks:
                    ms = int(re.search(r"ms=(\d+)", line).group(1))
                    marks["drawn"] = ts - ms / 1000 - t0
        time.sleep(1)
        p.send_signal(signal.SIGTERM)
        p.wait()
        print(" ".join(f"{k} {v * 1000:.0f}" for k, v in sorted(marks.items(), key=lambda x: x[1])),
              "ms after the process started")


if __name__ == "__main__":
    main()
