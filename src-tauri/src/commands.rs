//! The commands the UI may call (each granted by name in capabilities/main.json).

use crate::Shell;
use qiaomen_api::{Context, Error, ErrorCode, Progress};
use serde::Deserialize;
use serde_json::Value;
use std::path::PathBuf;
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

/// Every product operation: `method` and JSON `args`, handled by `Api::dispatch`. Runs off
/// the main thread so the window stays responsive during long operations.
#[tauri::command]
pub async fn api(app: AppHandle, method: String, args: Value) -> Result<Value, Error> {
    tauri::async_runtime::spawn_blocking(move || {
        let shell: State<Shell> = app.state();
        let mut guard = shell
            .api
            .lock()
            .map_err(|_| Error::internal("程序内部错误：数据连接不可用，请重新启动软件。"))?;
        let api = guard.as_mut().map_err(|e| e.clone())?;
        // The start-up check and daily backup run on their own connection, without the
        // lock: the register's calls go on meanwhile.
        if let Some(job) = api.detached(&method) {
            drop(guard);
            return job();
        }
        let emit = |p: Progress| {
            let _ = app.emit("progress", p);
        };
        api.dispatch(&method, args, &emit)
    })
    .await
    .context(|| Error::internal("程序内部错误：操作意外中断，请重新启动软件后再试。"))?
}

#[derive(Debug, Deserialize)]
pub struct Filter {
    name: String,
    extensions: Vec<String>,
}

/// Test hook (cargo feature `e2e`, end-to-end tests only): when QIAOMEN_TEST_DIALOG_QUEUE
/// names a file, dialogs are not shown; each call takes the next line of that file as the
/// clerk's answer (an empty line = cancel). This lets the end-to-end tests drive the real
/// app through WebDriver. Builds without the feature hold neither the hook nor its name.
#[cfg(feature = "e2e")]
fn test_answer() -> Option<Option<String>> {
    let queue = std::env::var_os("QIAOMEN_TEST_DIALOG_QUEUE")?;
    let text = std::fs::read_to_string(&queue).unwrap_or_default();
    let mut lines = text.lines();
    let first = lines.next().map(str::to_string);
    let rest: Vec<&str> = lines.collect();
    let _ = std::fs::write(&queue, rest.join("\n"));
    Some(first.filter(|l| !l.trim().is_empty()))
}

#[cfg(not(feature = "e2e"))]
fn test_answer() -> Option<Option<String>> {
    None
}

/// In the end-to-end tests files are not opened in the system viewer.
#[cfg(feature = "e2e")]
fn test_mode() -> bool {
    std::env::var_os("QIAOMEN_TEST_DIALOG_QUEUE").is_some()
}

#[cfg(not(feature = "e2e"))]
fn test_mode() -> bool {
    false
}

fn builder(
    app: &AppHandle,
    title: &str,
    filters: &[Filter],
) -> tauri_plugin_dialog::FileDialogBuilder<tauri::Wry> {
    let mut b = app.dialog().file().set_title(title);
    if let Some(w) = app.get_webview_window("main") {
        b = b.set_parent(&w);
    }
    for f in filters {
        let exts: Vec<&str> = f.extensions.iter().map(String::as_str).collect();
        b = b.add_filter(&f.name, &exts);
    }
    b
}

fn to_path(fp: tauri_plugin_dialog::FilePath) -> Result<PathBuf, Error> {
    fp.into_path().map_err(|_| {
        Error::new(
            ErrorCode::Io,
            "选定的位置不是本机上的文件，请选择本机或U盘上的文件。",
        )
    })
}

/// Opens a file dialog; the chosen file(s) become readable by the API. Returns the path
/// (or a list when `multiple`), or null when the clerk cancelled.
#[tauri::command]
pub async fn choose_open_file(
    app: AppHandle,
    title: String,
    filters: Vec<Filter>,
    multiple: bool,
) -> Result<Value, Error> {
    let shell: State<Shell> = app.state();
    if let Some(answer) = test_answer() {
        let paths: Vec<PathBuf> = answer
            .map(|a| a.split('|').map(PathBuf::from).collect())
            .unwrap_or_default();
        for p in &paths {
            shell.grants.grant_read(p.clone());
        }
        return Ok(paths_value(paths, multiple));
    }
    let b = builder(&app, &title, &filters);
    let paths: Vec<PathBuf> = if multiple {
        match b.blocking_pick_files() {
            Some(list) => list.into_iter().map(to_path).collect::<Result<_, _>>()?,
            None => vec![],
        }
    } else {
        match b.blocking_pick_file() {
            Some(fp) => vec![to_path(fp)?],
            None => vec![],
        }
    };
    for p in &paths {
        shell.grants.grant_read(p.clone());
    }
    Ok(paths_value(paths, multiple))
}

fn paths_value(paths: Vec<PathBuf>, multiple: bool) -> Value {
    let strs: Vec<Value> = paths
        .into_iter()
        .map(|p| Value::String(p.display().to_string()))
        .collect();
    if multiple {
        Value::Array(strs)
    } else {
        strs.into_iter().next().unwrap_or(Value::Null)
    }
}

/// Opens a save dialog; the chosen path becomes writable by the API. Null when cancelled.
#[tauri::command]
pub async fn choose_save_file(
    app: AppHandle,
    title: String,
    default_name: String,
    filters: Vec<Filter>,
) -> Result<Option<String>, Error> {
    let shell: State<Shell> = app.state();
    let chosen = match test_answer() {
        Some(a) => a.map(PathBuf::from),
        None => builder(&app, &title, &filters)
            .set_file_name(&default_name)
            .blocking_save_file()
            .map(to_path)
            .transpose()?,
    };
    Ok(chosen.map(|p| {
        shell.grants.grant_write(p.clone());
        p.display().to_string()
    }))
}

/// Opens a file the clerk chose or the app wrote (a PDF, a spreadsheet) in the system viewer.
#[tauri::command]
pub async fn open_path(app: AppHandle, path: String) -> Result<(), Error> {
    let shell: State<Shell> = app.state();
    let p = PathBuf::from(&path);
    if !shell.grants.can_read(&p) {
        return Err(Error::new(
            ErrorCode::Forbidden,
            "只能打开本软件刚保存或选定的文件。",
        ));
    }
    if test_mode() {
        eprintln!("open_path (test mode, not opened): {path}");
        return Ok(());
    }
    app.opener()
        .open_path(path, None::<&str>)
        .context(|| Error::new(ErrorCode::Io, "无法打开文件，请在文件夹中双击打开它。"))
}
