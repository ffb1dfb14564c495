//! The village's data package (数据包): one file a village sends its township, holding
//! everything the township needs to follow the village's work, and nothing it does not.
//!
//! # Format, version 1
//!
//! ```text
//! QIAOMEN-PACKAGE/1\n        the container line: ASCII, unencrypted
//! <an age v1 file>           https://age-encryption.org/v1, binary (not armored), with
//!                            one recipient: the township's X25519 public key (age1…),
//!                            or one scrypt passphrase stanza
//! ```
//!
//! The age payload (encrypted and authenticated in 64 KiB chunks: a changed byte, a cut
//! file or a wrong key fails, never yields other data) is a raw DEFLATE stream (RFC 1951)
//! of one UTF-8 JSON object, [`Package`]:
//!
//! | key | what |
//! |---|---|
//! | `format` | [`FORMAT`]; a reader refuses a package whose `format` is newer than its own |
//! | `app_version` | the qiaomen version that wrote it |
//! | `village` | `id` (a UUID v7 made at the village's `init`), `name` (报送单位), `township`, `contact`, `phone` |
//! | `sequence` | 1, 2, 3 … per village: each export takes the next number |
//! | `exported_at` | RFC 3339 UTC time of the export |
//! | `settings` | the village's `period_mode` and `deadline_days` |
//! | `grids`, `households`, `people`, `templates`, `rounds`, `inspections`, `hazards`, `revisits`, `measures`, `escalations`, `publicity` | the records, one array each (fields as in the village's tables; see the structs below) |
//!
//! What is left out: ID numbers (身份证号) of households and people — never, in no field:
//! any run of 15 or more digits in any text is replaced by [`ID_REMOVED`] —, the audit log,
//! backups, settings other than the two above. Phones, names and addresses are in it (the
//! township calls households and grid leaders); the clerk is told so on the screen.
//!
//! Inspections carry their answers as one string, a character per item number from 1:
//! `Y` 是, `N` 否, `-` not answered (e.g. `NNY-N…`).
//!
//! Compatibility: later versions of format 1 may add keys (readers ignore keys they do not
//! know, and fill missing optional ones with their defaults); anything else is a new
//! `format` number (or a new container line), which an older reader refuses with a message
//! asking for the newer program.

use crate::error::{Error, Result};
use age::secrecy::SecretString;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;

/// The first line of every package file.
pub const MAGIC: &[u8] = b"QIAOMEN-PACKAGE/";
/// The container version this build writes and reads.
pub const CONTAINER: u32 = 1;
/// The JSON format version this build writes; it reads this and older.
pub const FORMAT: u32 = 1;
/// What replaces a long number (an ID number typed into a note) in any text of a package.
pub const ID_REMOVED: &str = "（证件号已隐去）";
/// The suggested file extension.
pub const EXTENSION: &str = "qmpkg";
/// Most bytes a package may inflate to (a village of 100,000 households is ~200 MB).
const MAX_PLAINTEXT: u64 = 2 << 30;

/// The village that wrote a package: who it is and whom the township calls about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VillageInfo {
    /// The village's own id (UUID v7 made at its `init`); the township keys its villages by it.
    pub id: String,
    /// The 报送单位 (village or community name).
    pub name: String,
    /// The township (上级乡镇) the village reports to; empty when not set.
    #[serde(default)]
    pub township: String,
    /// The village's contact person (联系人); empty when not set.
    #[serde(default)]
    pub contact: String,
    /// The contact's phone; empty when not set.
    #[serde(default)]
    pub phone: String,
}

/// The two village settings the township needs to read the village's figures the same way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PackageSettings {
    /// `month` (calendar month) or `cycle23` (23rd to 22nd); empty in a package that lacks it.
    #[serde(default)]
    pub period_mode: String,
    /// Default days to fix a hazard (限期整改); 0 in a package that lacks it.
    #[serde(default)]
    pub deadline_days: i64,
}

/// A grid (网格) of the village.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PkGrid {
    /// Row id in the village's `grids` (UUID v7).
    pub id: String,
    /// The grid's number, which starts its households' codes.
    pub no: i64,
    /// The grid's name (一组, 东街网格 …).
    pub name: String,
    /// The grid leader (网格长); empty when not recorded.
    #[serde(default)]
    pub leader: String,
    /// The grid leader's phone; empty when not recorded.
    #[serde(default)]
    pub leader_phone: String,
}

/// A household or place (检查对象) of the village; no ID number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PkHousehold {
    /// Row id in the village's `households` (UUID v7).
    pub id: String,
    /// The short code printed on its forms (e.g. 03017).
    pub code: String,
    /// Row id of its grid; None when it has none.
    #[serde(default)]
    pub grid_id: Option<String>,
    /// 检查地点(对象)名称: the place's name or the head of household.
    pub name: String,
    /// Pinyin initials of the name, for search; empty when none.
    #[serde(default)]
    pub name_initials: String,
    /// 地址; empty when not recorded.
    #[serde(default)]
    pub address: String,
    /// 村民小组; empty when not recorded.
    #[serde(default)]
    pub village_group: String,
    /// 建筑层数; None when not recorded.
    #[serde(default)]
    pub floors: Option<i64>,
    /// 居住人员总数; None when not recorded.
    #[serde(default)]
    pub residents: Option<i64>,
    /// Of them 弱势群体; None when not recorded.
    #[serde(default)]
    pub vulnerable: Option<i64>,
    /// 场所建筑面积 in m²; None when not recorded.
    #[serde(default)]
    pub area: Option<f64>,
    /// 场所性质 (居民住宅, 多合一场所 …); empty when not recorded.
    #[serde(default)]
    pub nature: String,
    /// 建筑结构 (砖木结构 …); empty when not recorded.
    #[serde(default)]
    pub structure: String,
    /// 使用层数 (地上/地下/半地下); empty when not recorded.
    #[serde(default)]
    pub floors_used: String,
    /// Contact person; empty when none.
    #[serde(default)]
    pub contact: String,
    /// Contact phone; empty when none.
    #[serde(default)]
    pub phone: String,
    /// The household's own checklist template id; empty for the office's default.
    #[serde(default)]
    pub template_id: String,
    /// Free note (long digit runs scrubbed); empty when none.
    #[serde(default)]
    pub note: String,
    /// 属性项 answered 是 by the latest visit (多合一场所, 弱势群体 …).
    #[serde(default)]
    pub attributes: Vec<String>,
}

/// A vulnerable person (弱势群体) of a household; no ID number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PkPerson {
    /// Row id in the village's `people` (UUID v7).
    pub id: String,
    /// Row id of the household the person lives in.
    pub household_id: String,
    /// The person's name.
    pub name: String,
    /// The person's groups (独居老人, 残疾人 …), comma-separated as the village stores them.
    #[serde(default)]
    pub categories: String,
    /// 男, 女, or empty when unknown.
    #[serde(default)]
    pub gender: String,
    /// Date of birth (ISO); None when unknown.
    #[serde(default)]
    pub birth_date: Option<String>,
    /// The person's own phone; empty when none.
    #[serde(default)]
    pub phone: String,
    /// 监护人 / 联系人; empty when none.
    #[serde(default)]
    pub guardian: String,
    /// The guardian's phone; empty when none.
    #[serde(default)]
    pub guardian_phone: String,
    /// Free note; empty when none.
    #[serde(default)]
    pub note: String,
}

/// A checklist template version used by the village's inspections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PkTemplate {
    /// Template id (e.g. the built-in `000`).
    pub id: String,
    /// Version number; inspections name the version they were keyed with.
    pub version: i64,
    /// The template's title.
    pub name: String,
    /// The template as JSON text (crate::templates::Template).
    pub body: String,
}

/// An inspection round (轮次) of the village.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PkRound {
    /// Row id in the village's `rounds` (UUID v7).
    pub id: String,
    /// The round's name (第一轮 …).
    pub name: String,
    /// First day (ISO).
    pub start_date: String,
    /// Last day (ISO).
    pub end_date: String,
    /// Free note; empty when none.
    #[serde(default)]
    pub note: String,
}

/// One filled checklist (入户检查) of the village.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PkInspection {
    /// Row id in the village's `inspections` (UUID v7).
    pub id: String,
    /// Row id of the household visited.
    pub household_id: String,
    /// Id of the template the form was keyed with.
    pub template_id: String,
    /// Version of that template; item numbers in `answers` refer to it.
    pub template_version: i64,
    /// 填表日期 (ISO).
    pub visit_date: String,
    /// 入户检查人员, as written on the form; empty when not written.
    #[serde(default)]
    pub inspectors: String,
    /// 其它隐患情况; empty when none.
    #[serde(default)]
    pub other_hazards: String,
    /// 现场交办整改事项; empty when none.
    #[serde(default)]
    pub assigned: String,
    /// The household signed the form.
    #[serde(default)]
    pub signed: bool,
    /// How it was entered: `keyed` or `sheet`.
    #[serde(default)]
    pub source: String,
    /// Free note; empty when none.
    #[serde(default)]
    pub note: String,
    /// One character per item number from 1: Y 是, N 否, - not answered.
    #[serde(default)]
    pub answers: String,
}

/// A hazard (隐患) of the village's ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PkHazard {
    /// Row id in the village's `hazards` (UUID v7).
    pub id: String,
    /// Row id of the inspection that found it.
    pub inspection_id: String,
    /// Row id of the household it is at.
    pub household_id: String,
    /// `item` (from a checklist answer) or `other` (其它隐患情况).
    pub source: String,
    /// The checklist item number for `item` hazards; None for other hazards.
    #[serde(default)]
    pub item_no: Option<i64>,
    /// What the hazard is.
    pub description: String,
    /// The 行动名称 it counts under, as its Chinese name (防燃气爆炸事故 …).
    pub category: String,
    /// 重大隐患.
    #[serde(default)]
    pub major: bool,
    /// `open`, `fixed_on_site` or `closed`.
    pub status: String,
    /// Visit date of the inspection that found it (ISO).
    pub found_on: String,
    /// 限期整改 date (ISO); None when fixed on the spot.
    #[serde(default)]
    pub deadline: Option<String>,
    /// Closing date, or the visit date when fixed on the spot (ISO); None while open.
    #[serde(default)]
    pub closed_on: Option<String>,
    /// 整改要求; empty when none.
    #[serde(default)]
    pub rectification: String,
    /// Free note; empty when none.
    #[serde(default)]
    pub note: String,
}

/// A revisit (回访) of a hazard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PkRevisit {
    /// Row id in the village's `revisits` (UUID v7).
    pub id: String,
    /// Row id of the hazard revisited.
    pub hazard_id: String,
    /// Date of the revisit (ISO).
    pub visit_date: String,
    /// 回访人; empty when not recorded.
    #[serde(default)]
    pub visitor: String,
    /// 回访结果; empty when not recorded.
    #[serde(default)]
    pub result: String,
    /// Free note; empty when none.
    #[serde(default)]
    pub note: String,
}

/// A 防控措施 taken for a hazard that cannot be fixed in time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PkMeasure {
    /// Row id in the village's `hazard_measures` (UUID v7).
    pub id: String,
    /// Row id of the hazard.
    pub hazard_id: String,
    /// The date it was put in place (ISO).
    pub taken_on: String,
    /// What was done.
    pub description: String,
}

/// The 上报 of a hazard (at most one per hazard).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PkEscalation {
    /// Row id of the hazard escalated.
    pub hazard_id: String,
    /// 上报对象 (镇党委、镇政府, 镇应急办 …).
    pub escalated_to: String,
    /// Date of the report (ISO).
    pub escalated_on: String,
    /// Free note; empty when none.
    #[serde(default)]
    pub note: String,
}

/// A publicity event (宣传) of the village.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PkPublicity {
    /// Row id in the village's `publicity` (UUID v7).
    pub id: String,
    /// Date of the event (ISO).
    pub date: String,
    /// The 行动名称 it counts under, as its Chinese name.
    pub category: String,
    /// The kind of publicity (one of the village's kinds); empty when not recorded.
    #[serde(default)]
    pub kind: String,
    /// 次数.
    #[serde(default)]
    pub sessions: i64,
    /// 人数.
    #[serde(default)]
    pub people: i64,
    /// Free note; empty when none.
    #[serde(default)]
    pub note: String,
}

/// A village's package: see the module documentation for the format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Package {
    /// The JSON format version ([`FORMAT`] when written by this build).
    pub format: u32,
    /// The qiaomen version that wrote it; empty when not recorded.
    #[serde(default)]
    pub app_version: String,
    /// The village that wrote it.
    pub village: VillageInfo,
    /// 1, 2, 3 … per village: each export takes the next number.
    pub sequence: i64,
    /// When it was exported (RFC 3339, UTC).
    pub exported_at: String,
    /// The village's period mode and deadline days.
    #[serde(default)]
    pub settings: PackageSettings,
    /// The village's grids.
    #[serde(default)]
    pub grids: Vec<PkGrid>,
    /// The village's households and places.
    #[serde(default)]
    pub households: Vec<PkHousehold>,
    /// The village's vulnerable people.
    #[serde(default)]
    pub people: Vec<PkPerson>,
    /// The template versions its inspections use.
    #[serde(default)]
    pub templates: Vec<PkTemplate>,
    /// The village's inspection rounds.
    #[serde(default)]
    pub rounds: Vec<PkRound>,
    /// The village's filled checklists.
    #[serde(default)]
    pub inspections: Vec<PkInspection>,
    /// The village's hazard ledger.
    #[serde(default)]
    pub hazards: Vec<PkHazard>,
    /// Revisits of its hazards.
    #[serde(default)]
    pub revisits: Vec<PkRevisit>,
    /// 防控措施 of its hazards.
    #[serde(default)]
    pub measures: Vec<PkMeasure>,
    /// 上报 of its hazards.
    #[serde(default)]
    pub escalations: Vec<PkEscalation>,
    /// The village's publicity events.
    #[serde(default)]
    pub publicity: Vec<PkPublicity>,
}

/// Only what a reader checks before the records: read first, so that a newer format is
/// refused by its number even when its records would not parse.
#[derive(Debug, Deserialize)]
struct Head {
    format: u32,
}

/// How a package is locked.
pub enum Lock<'a> {
    /// To the township's public key (age1…).
    Key(&'a age::x25519::Recipient),
    /// With a passphrase the township was told.
    Passphrase(&'a str),
}

/// How packages are opened: with the township's key, a passphrase, or either.
#[derive(Clone, Copy)]
pub struct Unlock<'a> {
    /// The township's private key, when it has one.
    pub key: Option<&'a age::x25519::Identity>,
    /// Why there is no key, said when a package needs it.
    pub no_key: &'a (dyn Fn() -> Error + Sync),
    /// The passphrase the clerk typed, if any.
    pub passphrase: Option<&'a str>,
}

/// A package read back: its records, and the SHA-256 of its plaintext (hex), which tells
/// the same package from another one with the same number.
#[derive(Debug)]
pub struct Opened {
    /// The package's records.
    pub package: Package,
    /// SHA-256 of the plaintext, lower-case hex.
    pub hash: String,
    /// Locked with a passphrase (else to a key).
    pub passphrase: bool,
}

/// scrypt's work factor for passphrase packages (N = 2^17: 128 MiB, well under a second).
/// age's own default is calibrated to ~1 s on the machine that writes, which on an idle fast
/// PC chose 2^20 — 1 GiB of memory on both sides (measured: 1,079 MB to export, 1,086 MB to
/// import); a village's old PC and the township's must not need that.
const SCRYPT_LOG_N: u8 = 17;
/// The most a package may ask of the township when opened (2^18: 256 MiB): a file with a
/// larger factor (another tool's, or made to exhaust memory) is refused, not tried.
const SCRYPT_MAX_LOG_N: u8 = 18;

/// Writes a package to `path` (through a temporary file and a rename).
pub fn write(path: &Path, package: &Package, lock: Lock) -> Result<u64> {
    let json = serde_json::to_vec(package)?;
    let mut deflated = flate2::write::DeflateEncoder::new(
        Vec::with_capacity(json.len() / 4),
        flate2::Compression::default(),
    );
    deflated.write_all(&json)?;
    let deflated = deflated.finish()?;
    drop(json);
    let encryptor = match lock {
        Lock::Key(r) => age::Encryptor::with_recipients(std::iter::once(r as &dyn age::Recipient))
            .map_err(|e| {
                Error::internal("程序内部错误：无法加密数据包（详情已写入日志）。").with_cause(e)
            })?,
        Lock::Passphrase(p) => {
            let mut r = age::scrypt::Recipient::new(SecretString::from(p.to_string()));
            r.set_work_factor(SCRYPT_LOG_N);
            age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient)).map_err(
                |e| {
                    Error::internal("程序内部错误：无法加密数据包（详情已写入日志）。")
                        .with_cause(e)
                },
            )?
        }
    };
    let mut out = Vec::with_capacity(deflated.len() + 1024);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(format!("{CONTAINER}\n").as_bytes());
    let mut w = encryptor.wrap_output(&mut out)?;
    w.write_all(&deflated)?;
    w.finish()?;
    crate::files::write_atomic(path, &out)?;
    Ok(out.len() as u64)
}

fn name_of(path: &Path) -> String {
    crate::sheet::file_label(path)
}

/// The package is damaged or cut short (changed on the way, not copied whole).
fn damaged(path: &Path) -> Error {
    Error::bad_file(format!(
        "数据包“{}”已损坏或不完整（可能在复制、发送时出了错），没有导入。请让该村重新导出、重新发送。",
        name_of(path)
    ))
}

/// Reads the container line; returns a reader positioned at the age file.
fn open_container(path: &Path) -> Result<BufReader<std::fs::File>> {
    let f = std::fs::File::open(path).map_err(|e| Error::file(path, &e))?;
    let mut r = BufReader::with_capacity(1 << 16, f);
    let mut line = Vec::with_capacity(32);
    (&mut r).take(64).read_until(b'\n', &mut line)?;
    let not_package = || {
        Error::bad_file(format!(
            "文件“{}”不是敲门行动的数据包（数据包由村里“数据上报”导出，文件名以 .{EXTENSION} 结尾）。",
            name_of(path)
        ))
    };
    let Some(rest) = line.strip_prefix(MAGIC) else {
        return Err(not_package());
    };
    let version = std::str::from_utf8(rest)
        .ok()
        .and_then(|v| v.trim_end_matches('\n').parse::<u32>().ok())
        .ok_or_else(|| damaged(path))?;
    if version > CONTAINER {
        return Err(newer(path));
    }
    Ok(r)
}

fn newer(path: &Path) -> Error {
    Error::bad_file(format!(
        "数据包“{}”由更新版本的敲门行动软件导出，本软件看不懂它的格式，没有导入。请先把本软件升级到最新版本。",
        name_of(path)
    ))
}

/// Opens, decrypts and reads a package. Nothing is written anywhere; every failure is one
/// Chinese sentence naming the file.
pub fn read(path: &Path, unlock: Unlock) -> Result<Opened> {
    let r = open_container(path)?;
    let decryptor = age::Decryptor::new_buffered(r).map_err(|e| match e {
        age::DecryptError::UnknownFormat => newer(path),
        e => damaged(path).with_cause(e),
    })?;
    let passphrase = decryptor.is_scrypt();
    let plain = if passphrase {
        let Some(p) = unlock.passphrase.filter(|p| !p.is_empty()) else {
            return Err(Error::invalid(format!(
                "数据包“{}”是用口令加密的，请输入该村告诉您的口令再导入。",
                name_of(path)
            )));
        };
        let mut id = age::scrypt::Identity::new(SecretString::from(p.to_string()));
        id.set_max_work_factor(SCRYPT_MAX_LOG_N);
        decryptor.decrypt(std::iter::once(&id as &dyn age::Identity))
    } else {
        let Some(id) = unlock.key else {
            return Err((unlock.no_key)());
        };
        decryptor.decrypt(std::iter::once(id as &dyn age::Identity))
    };
    let plain = plain.map_err(|e| match e {
        age::DecryptError::NoMatchingKeys => Error::invalid(format!(
            "数据包“{}”不是发给本乡镇的（它用别的公钥加密），无法打开，没有导入。请让该村在“单位设置”中导入本乡镇的公钥后重新导出。",
            name_of(path)
        )),
        age::DecryptError::DecryptionFailed | age::DecryptError::KeyDecryptionFailed
            if passphrase =>
        {
            Error::invalid(format!(
                "口令不对，打不开数据包“{}”，没有导入。请向该村核对口令。",
                name_of(path)
            ))
        }
        age::DecryptError::ExcessiveWork { .. } => Error::bad_file(format!(
            "数据包“{}”的口令加密强度超出本机能处理的范围，没有导入。请让该村用乡镇公钥重新导出。",
            name_of(path)
        )),
        e => damaged(path).with_cause(e),
    })?;
    let mut hasher = Sha256::new();
    let mut json = Vec::new();
    let hashing = HashingReader {
        inner: plain,
        hasher: &mut hasher,
    };
    flate2::read::DeflateDecoder::new(hashing)
        .take(MAX_PLAINTEXT)
        .read_to_end(&mut json)
        .map_err(|e| damaged(path).with_cause(e))?;
    let head: Head = serde_json::from_slice(&json).map_err(|e| damaged(path).with_cause(e))?;
    if head.format > FORMAT {
        return Err(newer(path));
    }
    let package: Package =
        serde_json::from_slice(&json).map_err(|e| damaged(path).with_cause(e))?;
    Ok(Opened {
        package,
        hash: hex(&hasher.finalize()),
        passphrase,
    })
}

/// Passes bytes through while hashing them.
struct HashingReader<'a, R> {
    inner: R,
    hasher: &'a mut Sha256,
}

impl<R: Read> Read for HashingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Replaces every run of 15 or more digits (half- or full-width, an ID number's final X
/// included) with [`ID_REMOVED`]. Phones (at most 12 digits in a row) are kept.
pub fn scrub(s: &str) -> std::borrow::Cow<'_, str> {
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let chars: Vec<char> = s.chars().collect();
    let mut run = 0usize;
    let mut longest = 0usize;
    for &c in &chars {
        run = if is_digit(c) { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    if longest < 15 {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        while j < chars.len() && is_digit(chars[j]) {
            j += 1;
        }
        if j - i >= 15 {
            if j < chars.len() && matches!(chars[j], 'X' | 'x' | 'Ｘ' | 'ｘ') {
                j += 1;
            }
            out.push_str(ID_REMOVED);
            i = j;
        } else if j > i {
            out.extend(&chars[i..j]);
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_removes_long_numbers_and_keeps_phones() {
        assert_eq!(scrub("电话13800138000"), "电话13800138000");
        assert_eq!(scrub("0351-12345678"), "0351-12345678");
        assert_eq!(
            scrub("身份证11010519491231002X，已核"),
            format!("身份证{ID_REMOVED}，已核")
        );
        assert_eq!(scrub("１１０１０５１９４９１２３１００２"), ID_REMOVED);
        assert_eq!(
            scrub("卡号6222020200112233445"),
            format!("卡号{ID_REMOVED}")
        );
    }
}
