//! The desktop shell: a thin adapter that hands every UI call to qiaomen-api's
//! `Api::dispatch`, opens file dialogs on the Rust side (granting only the chosen paths),
//! and forwards progress as events. It holds no product logic.

mod commands;
mod grants;

use grants::Grants;
use qiaomen_api::{Api, Error};
use std::sync::Mutex;
use tauri::Manager;

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
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            // A second launch focuses the first window instead of opening a second writer.
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let grants = Grants::default();
            let path = db_path(app);
            let api = Api::open(&path, Box::new(grants.clone()));
            app.manage(Shell {
                api: Mutex::new(api),
                grants,
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::api,
            commands::choose_open_file,
            commands::choose_save_file,
            commands::open_path,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("敲门行动无法启动：{e}");
        std::process::exit(1);
    }
}
