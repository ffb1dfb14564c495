//! The log and 导出诊断信息 from the command line, on real database files: errors that
//! mention a household's name, ID number, phone and address reach the clerk in Chinese and
//! the log with their causes, and the diagnostics zip holds none of that personal data.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
mod common;
use common::*;

/// The fixture household: a name with characters outside the BMP and Extension A, a valid
/// 18-character ID number, a mobile number and an address.
const NAME: &str = "𠮷田龘";
const ID: &str = "14072519580917403X";
const PHONE: &str = "13912345678";
const ADDRESS: &str = "幸福村三组17号院";

/// Text that must never reach the log or the zip (parts too: a surname, the ID's digits).
const PERSONAL: &[&str] = &[
    NAME,
    "𠮷",
    "龘",
    ID,
    "14072519580917403",
    "1958091740",
    PHONE,
    "1391234567",
    ADDRESS,
    "幸福村",
    "三组17号",
];

/// Everything in the log folder beside `db`.
fn log_text(db: &Path) -> String {
    let dir = db.parent().unwrap().join("logs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no log file in {}", dir.display());
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect()
}

fn add_fixture(db: &Path) {
    ok(
        db,
        &[
            "households",
            "add",
            "--name",
            NAME,
            "--id-number",
            ID,
            "--phone",
            PHONE,
            "--address",
            ADDRESS,
        ],
    );
}

#[test]
fn diagnostics_hold_the_logs_and_no_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("村").join("qiaomen.sqlite3");
    add_fixture(&db);
    ok(&db, &["backup", "--auto"]);
    ok(&db, &["check"]);

    // Errors whose Chinese messages carry the personal data: the clerk sees it, the log not.
    let bad_id = format!("{}1", &ID[..17]);
    let errors: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["households".into(), "delete".into(), NAME.into()],
            NAME,
        ),
        (vec!["households".into(), "delete".into(), ID.into()], ID),
        (
            vec!["households".into(), "delete".into(), PHONE.into()],
            PHONE,
        ),
        (
            vec!["households".into(), "delete".into(), ADDRESS.into()],
            ADDRESS,
        ),
        (
            vec![
                "households".into(),
                "add".into(),
                "--name".into(),
                NAME.into(),
                "--id-number".into(),
                bad_id.clone(),
            ],
            "校验位",
        ),
        (
            vec![
                "households".into(),
                "add".into(),
                "--name".into(),
                NAME.into(),
                "--phone".into(),
                format!("{PHONE}9"),
            ],
            PHONE,
        ),
    ];
    for (args, shown) in &errors {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let err = fails(&db, &args);
        assert!(err.contains(shown), "{args:?}: {err}");
    }
    // A roster file and a backup named after the household, with the ID inside.
    let roster = dir.path().join(format!("{NAME} {ADDRESS}.xlsx"));
    let err = fails(&db, &["import", "households", roster.to_str().unwrap()]);
    assert!(err.contains(NAME) && err.contains("不存在"), "{err}");
    let fake = dir.path().join(format!("{NAME}.sqlite3"));
    std::fs::write(&fake, format!("{NAME} {ID} {PHONE} {ADDRESS}").repeat(200)).unwrap();
    let err = fails(&db, &["restore", fake.to_str().unwrap()]);
    assert!(err.contains(NAME), "{err}");

    // The log has a line for each of them, with codes and causes.
    let log = log_text(&db);
    let failed = log.matches("call failed").count();
    assert!(
        failed >= errors.len() + 2,
        "{failed} failures logged:\n{log}"
    );
    assert!(log.contains(r#"method="cli.import.households""#), "{log}");
    assert!(log.contains("No such file or directory"), "{log}");
    assert!(log.contains("database check"), "{log}");

    let out = dir.path().join("诊断信息.zip");
    let printed = ok(&db, &["diagnostics", "--out", out.to_str().unwrap()]);
    assert!(printed.contains("已导出诊断信息"), "{printed}");

    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut names = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for p in PERSONAL {
            assert!(!text.contains(p), "{name} contains “{p}”:\n{text}");
        }
        names.push((name, text.into_owned()));
    }
    let get = |n: &str| {
        names
            .iter()
            .find(|(name, _)| name == n)
            .map(|(_, t)| t.clone())
            .unwrap_or_else(|| panic!("{n} missing from {:?}", names.iter().map(|x| &x.0)))
    };
    let check: serde_json::Value = serde_json::from_str(&get("check.json")).unwrap();
    assert_eq!(check["ok"], true, "{check}");
    let hh = check["counts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["table"] == "households")
        .unwrap();
    assert_eq!(hh["rows"], 1);
    let versions: serde_json::Value = serde_json::from_str(&get("versions.json")).unwrap();
    for key in ["app", "schema_program", "schema_database", "sqlite", "os"] {
        assert!(!versions[key].is_null(), "{key}: {versions}");
    }
    let backups: serde_json::Value = serde_json::from_str(&get("backups.json")).unwrap();
    assert_eq!(backups["files"].as_array().unwrap().len(), 1, "{backups}");
    // The zip's logs are the log files, whole.
    let zipped_logs: String = names
        .iter()
        .filter(|(n, _)| n.starts_with("logs/") && n.ends_with(".log"))
        .map(|(_, t)| t.as_str())
        .collect();
    assert!(
        zipped_logs.matches("call failed").count() >= failed,
        "{zipped_logs}"
    );
    assert!(get("README.txt").contains("不含"));
}

/// A database that opens when its folder is gone (a stick pulled out) or is damaged: the zip
/// is still written, saying why instead of the check.
#[test]
fn diagnostics_of_a_damaged_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("qiaomen.sqlite3");
    std::fs::write(&db, "不是数据库".repeat(400)).unwrap();
    let out = dir.path().join("d.zip");
    let o = qm(
        &db,
        &["diagnostics", "--out", out.to_str().unwrap(), "--json"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut check = String::new();
    zip.by_name("check.json")
        .unwrap()
        .read_to_string(&mut check)
        .unwrap();
    let check: serde_json::Value = serde_json::from_str(&check).unwrap();
    assert_eq!(check["opened"], false);
    assert_eq!(check["code"], "db_invalid");
    assert!(
        check["causes"].as_str().unwrap().contains("not a database"),
        "{check}"
    );
}

/// The command that runs `qiaomen` so that a read-only file really is read-only: root (as in
/// CI) writes to any file, so it runs without the capabilities that allow that.
#[cfg(unix)]
fn read_only_runner() -> Command {
    let uid = Command::new("id").arg("-u").output().unwrap();
    if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
        return Command::new(env!("CARGO_BIN_EXE_qiaomen"));
    }
    let mut c = Command::new("setpriv");
    c.args([
        "--inh-caps",
        "-all",
        "--bounding-set",
        "-dac_override,-dac_read_search,-fowner",
        env!("CARGO_BIN_EXE_qiaomen"),
    ]);
    c
}

#[cfg(unix)]
#[test]
fn a_read_only_database_fails_in_chinese_and_logs_the_cause() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("qiaomen.sqlite3");
    add_fixture(&db);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();

    let o = read_only_runner()
        .arg("--db")
        .arg(&db)
        .args(["households", "add", "--name", "李四", "--address", "2号"])
        .env_remove("QIAOMEN_DB")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(4), "{err}");
    assert!(
        err.starts_with("错误：") && err.contains("无法打开或写入数据库文件"),
        "{err}"
    );
    assert!(
        !err.contains("readonly"),
        "the clerk reads Chinese only: {err}"
    );

    let log = log_text(&db);
    let line = log
        .lines()
        .find(|l| l.contains("call failed") && l.contains(r#"method="cli.households.add""#))
        .unwrap_or_else(|| panic!("no failed households.add in the log:\n{log}"));
    assert!(
        line.contains("ERROR") && line.contains(r#"code="io""#),
        "{line}"
    );
    assert!(line.contains("readonly database"), "{line}");
    assert!(!line.contains("李四") && !line.contains("2号"), "{line}");

    // Nothing was written; reading still works.
    let list = ok(&db, &["households", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
}
