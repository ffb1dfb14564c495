// The app's own commands get generated permissions (allow-api, ...) so that the capability
// file grants each one by name: nothing is callable from the UI unless listed there.
fn main() {
    const COMMANDS: &[&str] = &["api", "choose_open_file", "choose_save_file", "open_path"];
    let attrs = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attrs) {
        eprintln!("tauri-build failed: {e:#}");
        std::process::exit(1);
    }
}
