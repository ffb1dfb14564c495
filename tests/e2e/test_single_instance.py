"""Issue 7: one writer per database. On the office PC the app opens its app-data database; a
second launch (a double click on the icon while the window is open) must bring the first
window forward and exit, never open a second writer.

tauri-plugin-single-instance finds the first instance over the D-Bus session bus, as on a
desktop; the test starts a private bus because Xvfb has none.
"""
import shutil
import signal
import subprocess
import time

import pytest

from conftest import APP, app_pids


@pytest.fixture
def session_bus(tmp):
    daemon = shutil.which("dbus-daemon")
    if not daemon:
        pytest.fail("dbus-daemon is missing (Debian package dbus)")
    p = subprocess.Popen([daemon, "--session", "--nofork", "--print-address=1"],
                         stdout=subprocess.PIPE, text=True)
    address = p.stdout.readline().strip()
    assert address.startswith("unix:"), address
    yield address
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=10)


def test_second_launch_focuses_the_first_window(app_factory, tmp, session_bus):
    env = {"DBUS_SESSION_BUS_ADDRESS": session_bus, "NO_AT_BRIDGE": "1"}
    app = app_factory(default_db=True, extra_env=env)
    db = tmp / "xdg-data" / "cn.qiaomen.desktop" / "qiaomen.sqlite3"
    app.wait(lambda: db.exists(), msg="the app opens its app-data database")
    first = app_pids(app.env)
    assert len(first) == 1, first
    app.el("nav-grids").click()

    t0 = time.time()
    second = subprocess.run([str(APP)], env=app.env, capture_output=True, text=True, timeout=60)
    took = time.time() - t0
    assert second.returncode == 0, second.stderr
    print(f"second launch exited after {took:.1f} s")

    # The first window is still the only one, says why nothing new opened, has the focus,
    # and still works.
    assert app_pids(app.env) == first
    app.wait(lambda: "已经打开" in "".join(app.texts("flash")),
             msg="the first window says the app is already open")
    assert app.d.execute_script("return document.hasFocus()") is True
    assert len(app.d.window_handles) == 1
    app.el("nav-households").click()
    app.el("unit-name")

