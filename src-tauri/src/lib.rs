//! The desktop shell: a thin adapter that hands every UI call to qiaomen-api's
//! `Api::dispatch`, opens file dialogs on the Rust side (granting only the chosen paths),
//! and forwards progress as events. It holds no product logic.

mod commands;
mod grants;

use grants::Grants;
use qiaomen_api::{Api, Error};
use std::sync::Mutex;
use tauri::{Emitter, Manager};

/// What the commands share: the open API (or why it could not be opened) and the grants.
pub struct Shell {
    pub api: Mutex<Result<Api, Error>>,
    pub grants: Grants,
}

/// The database file: `QIAOMEN_DB` if set (tests, a second office), else the app-data folder
/// of the app's identifier (the CLI uses the same default).
fn db_path(app: &tauri::App) -> std::path::PathBuf {
    if let Some(p) = std::env::var_os("QIAOMEN_DB").filter(|p| !p.is_empty()) {
        return p.into();
    }
    match app.path().app_data_dir() {
        Ok(dir) => dir.join("qiaomen.sqlite3"),
        Err(_) => qiaomen_core::db::default_db_path(),
    }
}

pub fn run() {
    let mut builder = tauri::Builder::default();
    // One writer per database: a second launch on the office's database focuses the first
    // window instead of opening a second one. A run on an explicit QIAOMEN_DB file (tests,
    // another office's file) is a different database and is not tied to it.
    if std::env::var_os("QIAOMEN_DB").is_none_or(|p| p.is_empty()) {
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
            // The window says why nothing new opened (tests/e2e/test_single_instance.py).
            let _ = app.emit("second-launch", ());
        }));
    }
    let built = builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let grants = Grants::default();
            let path = db_path(app);
            // The log beside the database: <app data>/logs (qiaomen_api::log).
            qiaomen_api::log::init(&qiaomen_api::log::dir_for(&path), "app");
            let api = Api::open(&path, Box::new(grants.clone()));
            app.manage(Shell {
                api: Mutex::new(api),
                grants,
            });
            Ok(())
        })
        .on_window_event(|window, event| {
            // Files the clerk drops on the window count as chosen (乡镇汇总 takes them).
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                let shell: tauri::State<Shell> = window.state();
                for p in paths {
                    shell.grants.grant_read(p.clone());
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::api,
            commands::choose_open_file,
            commands::choose_save_file,
            commands::open_path,
        ])
        .build(tauri::generate_context!());
    let app = match built {
        Ok(app) => app,
        Err(e) => {
            eprintln!("敲门行动无法启动：{e}");
            std::process::exit(1);
        }
    };
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            backup_on_exit(handle);
        }
    });
}

/// When the app closes: a backup into the automatic rotation if anything changed. (The
/// integrity check and the daily backup run at start, asked for by the UI: `backup.on_start`.)
fn backup_on_exit(handle: &tauri::AppHandle) {
    let shell: tauri::State<Shell> = handle.state();
    let Ok(mut guard) = shell.api.lock() else {
        return;
    };
    if let Ok(api) = guard.as_mut() {
        if let Err(e) = api.backup_on_exit() {
            eprintln!("退出时自动备份失败：{}", e.message);
        }
    }
}

#[cfg(test)]
mod tests {
    //! Least privilege: the UI gets exactly the commands it uses and nothing else, and the
    //! page may load nothing from outside the app.
    use serde_json::Value;

    fn read(path: &str) -> Value {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn capability_grants_exactly_the_used_commands() {
        let cap = read("src-tauri/capabilities/main.json");
        let mut perms: Vec<String> = cap["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .collect();
        perms.sort();
        assert_eq!(
            perms,
            [
                "allow-api",
                "allow-choose-open-file",
                "allow-choose-save-file",
                "allow-open-path",
                "core:event:allow-listen",
                "core:event:allow-unlisten",
            ]
        );
        assert_eq!(cap["windows"], serde_json::json!(["main"]));
        // Only one capability file exists.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/capabilities");
        let files: Vec<_> = std::fs::read_dir(dir).unwrap().collect();
        assert_eq!(files.len(), 1);
    }

    #[test]
    fn csp_allows_no_remote_origin() {
        let conf = read("tauri.conf.json");
        let csp = conf["app"]["security"]["csp"].as_str().unwrap();
        assert!(csp.contains("default-src 'self'"));
        assert!(csp.contains("script-src 'self';"), "{csp}");
        for bad in ["http://", "https://", "*", "unsafe-eval", "ws:", "wss:"] {
            let hits: Vec<&str> = csp
                .split(';')
                .filter(|d| d.contains(bad) && !d.contains("http://ipc.localhost"))
                .collect();
            assert!(hits.is_empty(), "CSP allows {bad}: {hits:?}");
        }
        // No plugin permission sets are granted implicitly through the config.
        assert_eq!(
            conf["app"]["security"]["capabilities"],
            serde_json::json!(["main"])
        );
    }
}
