"""Starts an app binary through tauri-driver (WebDriver -> WebKitWebDriver) and watches its
window: a small copy of what tests/e2e/conftest.py does, for a binary that has no test hooks
(the installed one)."""
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


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


def processes_of(binary, env):
    """Running processes of `binary` started with this environment (its XDG_DATA_HOME)."""
    want = Path(binary).resolve()
    mark = ("XDG_DATA_HOME=" + env["XDG_DATA_HOME"]).encode()
    pids = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            if Path(os.readlink(d / "exe")) == want and mark in (d / "environ").read_bytes().split(b"\0"):
                pids.append(int(d.name))
        except OSError:
            continue
    return pids


def x_windows():
    """(name, width, height) of every named top-level window on the X display."""
    out = subprocess.run(["xwininfo", "-root", "-children"], capture_output=True, text=True,
                         check=True).stdout
    wins = []
    for line in out.splitlines():
        line = line.strip()
        if not line.startswith("0x") or '"' not in line:
            continue
        name = line.split('"')[1]
        size = line.rsplit(")", 1)[-1].split()[0]  # "  1280x740+43+14  +43+14"
        w, h = size.split("+")[0].split("x")
        wins.append((name, int(w), int(h)))
    return wins


class AppSession:
    def __init__(self, binary, env, log_path):
        port, native = free_port(), free_port()
        drv = shutil.which("tauri-driver") or str(Path.home() / ".cargo/bin/tauri-driver")
        self.log = open(log_path, "w")
        self.proc = subprocess.Popen([drv, "--port", str(port), "--native-port", str(native)],
                                     env=env, stdout=self.log, stderr=subprocess.STDOUT)
        wait_port(port)
        wait_port(native)
        opts = webdriver.common.options.ArgOptions()
        opts.set_capability("browserName", "wry")
        opts.set_capability("tauri:options", {"application": str(binary)})
        self.driver = webdriver.Remote(command_executor=f"http://127.0.0.1:{port}", options=opts)

    def wait_for_text(self, testid, text, timeout=30, msg=""):
        def seen(d):
            els = d.find_elements(By.CSS_SELECTOR, f'[data-testid="{testid}"]')
            return els and els[0].text == text
        WebDriverWait(self.driver, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(
            seen, message=msg)

    def shot(self, path):
        """The whole screen, once the page has painted its fonts."""
        self.driver.execute_async_script(
            "const done = arguments[0];"
            "document.fonts.ready.then(() => setTimeout(done, 500), () => done());")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        if shutil.which("import") and os.environ.get("DISPLAY"):
            subprocess.run(["import", "-window", "root", str(path)], check=False)

    def close(self):
        try:
            self.driver.quit()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            self.log.close()
