//! The typed method table behind [`Api::dispatch`](crate::Api::dispatch).
//!
//! Each area of the API declares its methods once with [`methods!`](crate::methods): the
//! name the front end calls, the argument type, the result type and the body. From that one
//! declaration come both the dispatch entry (arguments deserialised once, straight into the
//! declared type) and the line of the generated TypeScript map `Rpc` in
//! `ui/src/lib/bindings.ts`, which types `call(method, args)` in `ui/src/lib/api.ts`. A renamed
//! method, a changed argument or result type therefore fails `svelte-check`, not a clerk's
//! click; `bindings_are_fresh` fails when the generated file is stale.

use crate::{Api, Context, Error, ErrorCode, ProgressFn, Result};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::OnceLock;
use ts_rs::Config;

/// One API method as the front ends see it.
pub struct Method {
    /// The name the UI calls, `area.verb` (e.g. `grids.update`).
    pub name: &'static str,
    /// The doc comment written above the method's declaration.
    pub doc: &'static str,
    /// Deserialises the arguments, runs the method, serialises the result.
    pub(crate) call: fn(&mut Api, Value, ProgressFn) -> Result<Value>,
    /// The TypeScript type of the arguments (`null` for none).
    pub(crate) args_ts: fn(&Config) -> String,
    /// The TypeScript type of the result (`null` for none).
    pub(crate) result_ts: fn(&Config) -> String,
}

impl std::fmt::Debug for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Method").field("name", &self.name).finish()
    }
}

/// Declares an area's API methods: `METHODS`, a table of [`Method`]s.
///
/// ```ignore
/// methods! {
///     /// Renames a grid or changes its leader.
///     "grids.update" => |api, a: UpdateGridArgs| -> Grid { api.grids_update(&a.id, &a.input) },
///     /// Methods that report progress name a third parameter.
///     "import.households" => |api, a: ImportArgs, progress| -> ImportReport { ... },
/// }
/// ```
/// A method without arguments takes `_: ()` (the UI then calls it with no argument).
#[macro_export]
macro_rules! methods {
    ($(
        $(#[doc = $doc:literal])*
        $name:literal => |$api:ident, $a:tt : $t:ty $(, $p:ident)?| -> $r:ty $body:block
    ),* $(,)?) => {
        /// The methods of this area (see `crate::rpc`).
        pub(crate) const METHODS: &[$crate::rpc::Method] = &[$(
            $crate::rpc::Method {
                name: $name,
                doc: concat!($($doc, "\n",)* ""),
                call: |$api: &mut $crate::Api, args: ::serde_json::Value, _progress: $crate::ProgressFn| {
                    let $a: $t = $crate::rpc::args($name, args)?;
                    $(let $p = _progress;)?
                    let result: $crate::Result<$r> = $body;
                    $crate::rpc::to_json(result)
                },
                args_ts: <$t as ::ts_rs::TS>::name,
                result_ts: <$r as ::ts_rs::TS>::name,
            },
        )*];
    };
}

/// Every area's method table, in the order the generated map lists them.
const AREAS: &[&[Method]] = &[
    crate::desk::METHODS,
    crate::register::METHODS,
    crate::backup::METHODS,
    crate::print::METHODS,
    crate::entry::METHODS,
    crate::escalation::METHODS,
    crate::report::METHODS,
    crate::import::METHODS,
    crate::templates::METHODS,
    crate::verify::METHODS,
    crate::township::METHODS,
];

/// All methods of all areas.
pub fn all() -> impl Iterator<Item = &'static Method> {
    AREAS.iter().flat_map(|a| a.iter())
}

fn registry() -> &'static HashMap<&'static str, &'static Method> {
    static REGISTRY: OnceLock<HashMap<&'static str, &'static Method>> = OnceLock::new();
    REGISTRY.get_or_init(|| all().map(|m| (m.name, m)).collect())
}

/// Finds a method by the name the front end called.
pub fn find(name: &str) -> Option<&'static Method> {
    registry().get(name).copied()
}

/// Runs a method by name: the arguments are moved into the one method that has the name.
pub(crate) fn dispatch(
    api: &mut Api,
    method: &str,
    args: Value,
    progress: ProgressFn,
) -> Result<Value> {
    match find(method) {
        Some(m) => (m.call)(api, args, progress),
        None => Err(Error::new(
            ErrorCode::Internal,
            format!("程序内部错误：未知的操作“{method}”。请把这句话告诉软件维护人员。"),
        )),
    }
}

/// Deserialises a method's arguments; a mismatch is a front-end bug, reported as such.
/// "No arguments" may come as `null` or `{}`: either fits a method without arguments and
/// an argument type whose fields are all optional.
pub fn args<T: DeserializeOwned>(method: &str, v: Value) -> Result<T> {
    let empty = match &v {
        Value::Null => true,
        Value::Object(m) => m.is_empty(),
        _ => false,
    };
    let parsed = if empty {
        serde_json::from_value(Value::Null)
            .or_else(|_| serde_json::from_value(Value::Object(serde_json::Map::new())))
    } else {
        serde_json::from_value(v)
    };
    parsed.context(|| {
        Error::new(
            ErrorCode::Invalid,
            format!("程序内部错误：操作“{method}”的参数不对（详情已写入日志）。"),
        )
    })
}

/// Serialises a method's result.
pub fn to_json<T: Serialize>(r: Result<T>) -> Result<Value> {
    r.and_then(|v| {
        serde_json::to_value(v).context(|| Error::internal("程序内部错误：结果无法转换。"))
    })
}

/// The TypeScript map of every method to its argument and result types.
pub(crate) fn render_schema(cfg: &Config) -> String {
    let mut out = String::from(
        "/** Every API method with its argument and result types; `call` in api.ts is typed by it. */\n\
         export interface Rpc {\n",
    );
    for m in all() {
        for line in m.doc.lines() {
            let line = line.trim();
            if !line.is_empty() {
                out.push_str(&format!("  /** {line} */\n"));
            }
        }
        out.push_str(&format!(
            "  \"{}\": {{ args: {}; result: {} }};\n",
            m.name,
            (m.args_ts)(cfg),
            (m.result_ts)(cfg)
        ));
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_names_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for m in all() {
            assert!(seen.insert(m.name), "method {} is declared twice", m.name);
            let (area, verb) = m.name.split_once('.').expect("area.verb");
            let ok =
                |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '_');
            assert!(ok(area) && ok(verb), "method name {}", m.name);
        }
        assert_eq!(registry().len(), seen.len());
    }

    #[test]
    fn unknown_method_is_an_internal_error_in_chinese() {
        let mut api = Api::open_in_memory().unwrap();
        let e = api
            .dispatch("grids.nope", Value::Null, &crate::no_progress)
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Internal);
        assert!(e.message.contains("grids.nope"));
    }

    #[test]
    fn wrong_arguments_are_refused_and_null_fits_optional_fields() {
        let mut api = Api::open_in_memory().unwrap();
        let e = api
            .dispatch(
                "grids.update",
                serde_json::json!({"id": 1}),
                &crate::no_progress,
            )
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Invalid);
        // hazards.summary takes { as_of?: string }: no arguments at all is fine.
        api.dispatch("hazards.summary", Value::Null, &crate::no_progress)
            .unwrap();
        api.dispatch("app.info", Value::Null, &crate::no_progress)
            .unwrap();
    }
}
