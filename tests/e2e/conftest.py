"""End-to-end harness: drives the real desktop app under Xvfb through WebDriver.

tauri-driver (crates.io) bridges WebDriver to WebKitWebDriver (Debian webkit2gtk-driver),
which starts the app binary. Each test gets its own database file and dialog queue, passed
to the app through the environment of the tauri-driver process.
"""
import json
import mmap
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
TARGET = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
APP = Path(os.environ.get("QIAOMEN_APP_BIN") or TARGET / "debug" / "qiaomen-app")
CLI = Path(os.environ.get("QIAOMEN_CLI_BIN") or TARGET / "debug" / "qiaomen")
DOCS = ROOT / "docs"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, timeout=20.0):
    end = time.time() + timeout
    while time.time() < end:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"tauri-driver did not listen on {port}")


class Cli:
    """The qiaomen command-line tool on the test's database."""

    def __init__(self, db):
        self.db = db

    def run(self, *args, check=True):
        p = subprocess.run([str(CLI), "--db", str(self.db), *args], capture_output=True, text=True)
        if check and p.returncode != 0:
            raise AssertionError(f"qiaomen {' '.join(args)} failed: {p.stderr}")
        return p

    def json(self, *args):
        return json.loads(self.run(*args, "--json").stdout)


# Svelte replaces list rows when their data changes. An element found a moment ago may be
# gone by the time it is read; a wait must then look again instead of failing the test.
STALE = (StaleElementReferenceException,)


class App:
    """A running app session: WebDriver plus helpers that speak the UI's data-testids."""

    def __init__(self, driver, tmp):
        self.d = driver
        self.tmp = tmp
        self.queue = tmp / "dialogs.txt"

    def el(self, testid, timeout=10):
        return WebDriverWait(self.d, timeout, ignored_exceptions=STALE).until(
            lambda d: d.find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"]'))

    def els(self, testid):
        return self.d.find_elements(By.CSS_SELECTOR, f'[data-testid="{testid}"]')

    def texts(self, testid):
        """The visible text of every element with this testid, read in one step in the page
        (a list re-rendered between finding and reading cannot make it fail)."""
        return self.d.execute_script(
            "return [...document.querySelectorAll(arguments[0])].map(e => e.innerText);",
            f'[data-testid="{testid}"]')

    def attrs(self, testid, name):
        """One attribute of every element with this testid, read in one step in the page."""
        return self.d.execute_script(
            "return [...document.querySelectorAll(arguments[0])]"
            ".map(e => e.getAttribute(arguments[1]));",
            f'[data-testid="{testid}"]', name)

    def wait(self, cond, timeout=10, msg=""):
        return WebDriverWait(self.d, timeout, ignored_exceptions=STALE).until(
            lambda d: cond(), message=msg)

    def text(self, testid, timeout=10):
        # Read the text inside the wait, so that a re-rendered element is looked up again.
        return WebDriverWait(self.d, timeout, ignored_exceptions=STALE).until(
            lambda d: (d.find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"]').text,))[0]

    def answer_dialogs(self, *answers):
        """The next file dialogs answer with these paths ('' = cancel)."""
        self.queue.write_text("\n".join(str(a) for a in answers), encoding="utf-8")

    def invoke(self, method, args=None):
        """Calls the API like the UI does (setup shortcuts; assertions go through the DOM)."""
        return self.d.execute_async_script(
            "const [m, a, done] = arguments;"
            "window.__TAURI__.core.invoke('api', {method: m, args: a})"
            ".then(r => done({ok: r}), e => done({err: e}));", method, args)

    def screenshot(self, name):
        # The bundled face for rare characters loads lazily (unicode-range): wait for it.
        self.d.execute_async_script(
            "const done = arguments[0];"
            "document.fonts.load('17px \"Qiaomen Rare\"', document.body.innerText)"
            ".then(() => document.fonts.ready).then(() => setTimeout(done, 300), () => done());")
        DOCS.mkdir(exist_ok=True)
        path = DOCS / name
        if shutil.which("import") and os.environ.get("DISPLAY"):
            subprocess.run(["import", "-window", "root", str(path)], check=False)
        else:
            self.d.save_screenshot(str(path))
        return path


def app_pids(env):
    """The running app processes started with this environment (its XDG_DATA_HOME)."""
    want = APP.resolve()
    mark = ("XDG_DATA_HOME=" + env["XDG_DATA_HOME"]).encode()
    pids = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            if Path(os.readlink(d / "exe")) != want:
                continue
            if mark in (d / "environ").read_bytes().split(b"\0"):
                pids.append(int(d.name))
        except OSError:
            continue
    return pids


_HOOK_CHECKED = []


def require_test_hooks():
    """The app must be built with the `e2e` feature, or its file dialogs would open for real
    and wait for a person (release builds leave the hook out)."""
    if _HOOK_CHECKED:
        return
    with open(APP, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
        if m.find(b"QIAOMEN_TEST_DIALOG_QUEUE") < 0:
            pytest.fail(f"{APP} was built without the test hooks: "
                        "cargo build -p qiaomen-app --features e2e")
    _HOOK_CHECKED.append(True)


@pytest.fixture
def tmp(tmp_path):
    return tmp_path


@pytest.fixture
def cli(tmp):
    return Cli(tmp / "qiaomen.sqlite3")


@pytest.fixture
def app_factory(tmp, cli):
    """Starts tauri-driver and the app; call it (after preparing the DB) to get an App."""
    procs, drivers = [], []

    def start(default_db=False, extra_env=None, prefix=None):
        """default_db: the app uses its app-data database (as on the office PC) instead of
        QIAOMEN_DB; extra_env: more environment for the app; prefix: a command that runs
        tauri-driver (and so the app), e.g. setpriv with fewer capabilities."""
        if not APP.exists():
            pytest.fail(f"app binary not built: {APP}")
        require_test_hooks()
        port, native = free_port(), free_port()
        env = dict(os.environ)
        env.pop("QIAOMEN_DB", None)
        if not default_db:
            env["QIAOMEN_DB"] = str(cli.db)
        env["XDG_DATA_HOME"] = str(tmp / "xdg-data")  # never touch the real app-data folder
        env.update(extra_env or {})
        env["QIAOMEN_TEST_DIALOG_QUEUE"] = str(tmp / "dialogs.txt")
        (tmp / "dialogs.txt").touch()
        drv = shutil.which("tauri-driver") or str(Path.home() / ".cargo/bin/tauri-driver")
        log = open(tmp / "tauri-driver.log", "w")
        p = subprocess.Popen([*(prefix or []), drv, "--port", str(port), "--native-port", str(native)],
                             env=env, stdout=log, stderr=subprocess.STDOUT)
        procs.append(p)
        wait_port(port)
        wait_port(native)  # WebKitWebDriver, started by tauri-driver, must be up too
        opts = webdriver.common.options.ArgOptions()
        opts.set_capability("browserName", "wry")
        opts.set_capability("tauri:options", {"application": str(APP)})
        d = webdriver.Remote(command_executor=f"http://127.0.0.1:{port}", options=opts)
        d.set_script_timeout(30)
        drivers.append(d)
        a = App(d, tmp)
        a.env = env
        a.wait(lambda: a.els("unit-name") and not a.d.find_elements(By.XPATH, "//*[text()='正在打开数据……']"),
               timeout=30, msg="app did not load")
        return a

    yield start
    for d in drivers:
        try:
            d.quit()
        except Exception:
            pass
    for p in procs:
        p.terminate()
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
