//! A development bridge: serves the built UI (ui/dist) over http://127.0.0.1 and answers the
//! UI's `api` calls with the real `Api::dispatch` on a database file, so the screens can be
//! driven in a plain WebKit browser without building the desktop shell.
//!
//!     cargo run -p qiaomen-api --example ui_bridge -- DB.sqlite3 [PORT] [UI_DIST]
//!
//! The page gets a small shim for `window.__TAURI_INTERNALS__` that posts every `invoke`
//! to `/invoke`. File dialogs answer from the queue file named by QIAOMEN_TEST_DIALOG_QUEUE
//! (one path per line, as the shell's test hook does). Development and tests only: it
//! listens on 127.0.0.1 and is not part of the product.

use qiaomen_api::{no_progress, AnyFile, Api};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

const SHIM: &str = r#"<script>
(function () {
  let next = 1;
  const callbacks = {};
  async function invoke(cmd, args) {
    const r = await fetch('/invoke', { method: 'POST', body: JSON.stringify({ cmd, args: args ?? null }) });
    const body = await r.json();
    if ('err' in body) throw body.err;
    return body.ok;
  }
  window.__TAURI_INTERNALS__ = {
    invoke,
    transformCallback(cb) { const id = next++; callbacks[id] = cb; return id; },
    unregisterCallback(id) { delete callbacks[id]; },
    convertFileSrc(p) { return p; },
    metadata: { currentWindow: { label: 'main' }, currentWebview: { label: 'main', windowLabel: 'main' } },
  };
  window.__TAURI_EVENT_PLUGIN_INTERNALS__ = { unregisterListener() {} };
  window.__TAURI__ = { core: { invoke } };
})();
</script>"#;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(db) = args.next() else {
        eprintln!("用法：ui_bridge 数据库文件 [端口] [ui/dist 目录]");
        std::process::exit(2);
    };
    let port: u16 = args.next().and_then(|p| p.parse().ok()).unwrap_or(5174);
    let dist = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/dist"));
    let mut api = match Api::open(Path::new(&db), Box::new(AnyFile)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("错误：{}", e.message);
            std::process::exit(3);
        }
    };
    let listener = match TcpListener::bind(("127.0.0.1", port)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("错误：无法监听端口 {port}：{e}");
            std::process::exit(4);
        }
    };
    println!("ui_bridge: http://127.0.0.1:{port}/ ({})", dist.display());
    for stream in listener.incoming().flatten() {
        if let Err(e) = serve(stream, &mut api, &dist) {
            eprintln!("ui_bridge: {e}");
        }
    }
}

fn serve(mut s: TcpStream, api: &mut Api, dist: &Path) -> std::io::Result<()> {
    let mut r = BufReader::new(s.try_clone()?);
    let mut line = String::new();
    r.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let path = parts.next().unwrap_or("/").to_string();
    let mut len = 0usize;
    loop {
        let mut h = String::new();
        if r.read_line(&mut h)? == 0 || h == "\r\n" || h == "\n" {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                len = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0u8; len];
    r.read_exact(&mut body)?;
    if method == "POST" && path == "/invoke" {
        let req: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        let out = invoke(api, &req);
        return reply(&mut s, "application/json", out.to_string().as_bytes());
    }
    let rel = path
        .split('?')
        .next()
        .unwrap_or("/")
        .trim_start_matches('/');
    let rel = if rel.is_empty() { "index.html" } else { rel };
    if rel.contains("..") {
        return reply_status(&mut s, "404 Not Found");
    }
    // Fonts are referenced relative to the repository (../../assets/fonts in app.css).
    let file = if rel.starts_with("assets/fonts/") {
        dist.join("../..").join(rel)
    } else {
        dist.join(rel)
    };
    match std::fs::read(&file) {
        Ok(mut bytes) => {
            let ctype = match file.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript",
                Some("css") => "text/css",
                Some("otf") => "font/otf",
                Some("svg") => "image/svg+xml",
                _ => "application/octet-stream",
            };
            if rel == "index.html" {
                let html =
                    String::from_utf8_lossy(&bytes).replacen("<head>", &format!("<head>{SHIM}"), 1);
                bytes = html.into_bytes();
            }
            reply(&mut s, ctype, &bytes)
        }
        Err(_) => reply_status(&mut s, "404 Not Found"),
    }
}

fn invoke(api: &mut Api, req: &Value) -> Value {
    let cmd = req["cmd"].as_str().unwrap_or("");
    let args = &req["args"];
    match cmd {
        "api" => {
            let method = args["method"].as_str().unwrap_or("");
            match api.dispatch(method, args["args"].clone(), &no_progress) {
                Ok(v) => json!({ "ok": v }),
                Err(e) => json!({ "err": e }),
            }
        }
        "choose_open_file" | "choose_save_file" => json!({ "ok": next_dialog_answer() }),
        "open_path" => json!({ "ok": null }),
        _ => json!({ "ok": null }),
    }
}

/// The next line of the dialog queue ('' or none = cancelled).
fn next_dialog_answer() -> Value {
    let Some(q) = std::env::var_os("QIAOMEN_TEST_DIALOG_QUEUE") else {
        return Value::Null;
    };
    let text = std::fs::read_to_string(&q).unwrap_or_default();
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("").to_string();
    let rest: Vec<&str> = lines.collect();
    let _ = std::fs::write(&q, rest.join("\n"));
    if first.is_empty() {
        Value::Null
    } else {
        Value::String(first)
    }
}

fn reply(s: &mut TcpStream, ctype: &str, body: &[u8]) -> std::io::Result<()> {
    write!(
        s,
        "HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\nCache-Control: no-store\r\n\r\n",
        body.len()
    )?;
    s.write_all(body)
}

fn reply_status(s: &mut TcpStream, status: &str) -> std::io::Result<()> {
    write!(
        s,
        "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
}
