"""The webview's floor (issue 20's memory figure): what any program that shows a page in
WebKitGTK costs in its own process before it does anything else — a GTK window with one
WebKitWebView showing a two-line page, in Python (whose interpreter alone is ~8 MB).

Run with the system's Python, which has PyGObject (Debian: python3-gi, gir1.2-webkit2-4.1):
    xvfb-run -a -s "-screen 0 1366x768x24" /usr/bin/python3 tools/bench_webview_floor.py
tests/e2e/bench_memory.py runs it beside the app. Prints the window process's resident
memory after 6 s, in KiB, as /proc/self/status has it (VmRSS, RssAnon, RssFile)."""
import os

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402


def report():
    for line in open(f"/proc/{os.getpid()}/status"):
        if line.split(":")[0] in ("VmRSS", "RssAnon", "RssFile"):
            print(line.strip())
    Gtk.main_quit()


window = Gtk.Window()
window.set_default_size(1366, 768)
view = WebKit2.WebView()
window.add(view)
view.load_html("<html><body><h1>敲门行动</h1><p>工作台</p></body></html>", "about:blank")
window.show_all()
GLib.timeout_add(6000, report)
Gtk.main()
