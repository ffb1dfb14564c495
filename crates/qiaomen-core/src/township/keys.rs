//! Keys: the township's key pair and the village's copy of the township's public key.
//!
//! The township makes its key pair once (`township key`). The private key (an age X25519
//! identity, `AGE-SECRET-KEY-1…`) is a file beside the township's database, readable by its
//! owner only; the public key (`age1…`) goes to the villages as a small text file. A village
//! imports that file, or types the key, in 单位设置; its packages are then encrypted to it.

use crate::error::{Error, Result};
use crate::settings;
use age::secrecy::ExposeSecret;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use ts_rs::TS;

/// Settings key (village): the township's public key packages are encrypted to.
pub const TOWNSHIP_KEY: &str = "township_public_key";
/// Settings key (village): the township named in that key's file.
pub const TOWNSHIP_KEY_NAME: &str = "township_public_key_name";
/// Settings key (township): its own public key, as last written.
pub const OWN_PUBLIC_KEY: &str = "township_own_public_key";

/// The private key's file: beside the database, named after it.
pub fn private_key_path(db: &Path) -> PathBuf {
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "qiaomen.sqlite3".into());
    db.with_file_name(format!("{name}.township-key"))
}

/// The township's identity, made and saved on first use.
pub fn ensure_identity(db: &Path) -> Result<(age::x25519::Identity, bool)> {
    let path = private_key_path(db);
    if path.exists() {
        return Ok((load_identity(db)?, false));
    }
    let id = age::x25519::Identity::generate();
    let text = format!(
        "# 敲门行动 乡镇私钥：只留在本机，不要发给任何人，也不要删除（删除后各村发来的数据包就打不开了）。\n\
         # 公钥：{}\n{}\n",
        id.to_public(),
        id.to_string().expose_secret()
    );
    crate::db::create_private_file(&path)?;
    std::fs::write(&path, text).map_err(|e| Error::file(&path, &e))?;
    Ok((id, true))
}

/// The township's identity from its file.
pub fn load_identity(db: &Path) -> Result<age::x25519::Identity> {
    let path = private_key_path(db);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::not_found(format!(
                "本乡镇还没有密钥（或密钥文件“{}”不在了），打不开用公钥加密的数据包。请先生成密钥（qiaomen township key），把公钥发给各村。",
                path.display()
            )))
        }
        Err(e) => return Err(Error::file(&path, &e)),
    };
    text.lines()
        .map(str::trim)
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .and_then(|l| age::x25519::Identity::from_str(l).ok())
        .ok_or_else(|| {
            Error::bad_file(format!(
                "密钥文件“{}”已损坏，打不开用公钥加密的数据包。",
                path.display()
            ))
        })
}

/// The public key file a township hands its villages.
pub fn public_key_file(township: &str, key: &age::x25519::Recipient) -> String {
    format!(
        "# 敲门行动 乡镇数据上报公钥\n# 乡镇：{township}\n# 生成日期：{}\n\
         # 请各村（社区）在“单位设置 → 数据上报”中导入这个文件。它只能用来加密，不能解密。\n{key}\n",
        crate::date_cn(crate::today())
    )
}

/// A public key read from a key file or from what a clerk typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TownshipKey {
    /// age1…
    pub key: String,
    /// The township the file names ('' when typed).
    pub township: String,
}

/// Reads a public key from a key file's text or a typed key (spaces and line breaks from
/// copying are ignored).
pub fn parse_public_key(text: &str) -> Result<TownshipKey> {
    let township = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("# 乡镇："))
        .map(crate::text::clean)
        .next()
        .unwrap_or_default();
    let body: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect::<Vec<_>>()
        .join("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if body.starts_with("AGE-SECRET-KEY-") {
        return Err(Error::invalid(
            "这是乡镇的私钥，不是公钥！私钥不能发给各村。请让乡镇重新导出公钥文件。",
        ));
    }
    let body = body.to_lowercase();
    match age::x25519::Recipient::from_str(&body) {
        Ok(r) => Ok(TownshipKey {
            key: r.to_string(),
            township,
        }),
        Err(_) => Err(Error::invalid(
            "这不是乡镇的公钥：公钥以 age1 开头，共 62 个字母和数字。请导入乡镇发来的公钥文件，或核对抄写的公钥。",
        )),
    }
}

/// The village's stored township key, if any.
pub fn stored(conn: &Connection) -> Result<Option<TownshipKey>> {
    let key = settings::get_value(conn, TOWNSHIP_KEY)?;
    let township = settings::get_value(conn, TOWNSHIP_KEY_NAME)?.unwrap_or_default();
    Ok(key
        .filter(|k| !k.is_empty())
        .map(|key| TownshipKey { key, township }))
}

/// Stores the township key a village imported or typed (empty text removes it).
pub fn store(conn: &Connection, text: &str) -> Result<Option<TownshipKey>> {
    if text.trim().is_empty() {
        let tx = conn.unchecked_transaction()?;
        settings::set_value(&tx, TOWNSHIP_KEY, "")?;
        settings::set_value(&tx, TOWNSHIP_KEY_NAME, "")?;
        tx.commit()?;
        return Ok(None);
    }
    let k = parse_public_key(text)?;
    let tx = conn.unchecked_transaction()?;
    settings::set_value(&tx, TOWNSHIP_KEY, &k.key)?;
    settings::set_value(&tx, TOWNSHIP_KEY_NAME, &k.township)?;
    tx.commit()?;
    Ok(Some(k))
}

/// A recipient from a stored or given key text.
pub fn recipient(key: &str) -> Result<age::x25519::Recipient> {
    age::x25519::Recipient::from_str(key.trim())
        .map_err(|_| Error::invalid("乡镇公钥有误，请在“单位设置”中重新导入乡镇的公钥文件。"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_files_round_trip_and_typed_keys_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.sqlite3");
        let (id, made) = ensure_identity(&db).unwrap();
        assert!(made);
        let (again, made) = ensure_identity(&db).unwrap();
        assert!(!made);
        assert_eq!(id.to_public().to_string(), again.to_public().to_string());
        let file = public_key_file("青山镇", &id.to_public());
        let k = parse_public_key(&file).unwrap();
        assert_eq!(k.township, "青山镇");
        assert_eq!(k.key, id.to_public().to_string());
        // Typed with spaces and a line break, in capitals.
        let typed = k.key.to_uppercase();
        let typed = format!("{} \n {}", &typed[..30], &typed[30..]);
        assert_eq!(parse_public_key(&typed).unwrap().key, k.key);
        assert!(parse_public_key("age1xyz").is_err());
        let secret = std::fs::read_to_string(private_key_path(&db)).unwrap();
        assert!(parse_public_key(&secret)
            .unwrap_err()
            .message
            .contains("私钥"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(private_key_path(&db))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "{mode:o}");
        }
    }
}
