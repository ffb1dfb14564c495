//! Panics inside calamine become the "damaged file" error.
//!
//! calamine 0.38 panics on some damaged .xls files (found by fuzzing; the inputs are in
//! `fuzz/known-crashes`). Every call into calamine runs under [`guarded`], which catches
//! the panic with [`std::panic::catch_unwind`] and answers with the Chinese sentence for a
//! damaged file. Nothing global is changed: the process's panic hook is left as it is, so
//! the panic's own message still goes wherever the program sends panics (stderr, or a log)
//! — which is where a maintainer looks for it — while the clerk gets the sentence.

use crate::error::{damaged, Result};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// Runs a calamine call and turns a panic inside it into the "damaged file" error for
/// `path`, with the panic's message as the error's source.
///
/// `AssertUnwindSafe` is sound here: what `f` may leave half-changed after a panic is the
/// calamine reader it was given, and a reader that panicked belongs to a file the caller
/// refuses as damaged.
pub(crate) fn guarded<T>(path: &Path, f: impl FnOnce() -> Result<T>) -> Result<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| Err(panicked(path, &*payload)))
}

/// Runs `f`, giving None when it panics (for optional work, such as the scan of an .xlsx
/// sheet's merged ranges, whose absence the caller makes up for).
pub(crate) fn or_none<T>(f: impl FnOnce() -> Option<T>) -> Option<T> {
    catch_unwind(AssertUnwindSafe(f)).ok().flatten()
}

fn panicked(path: &Path, payload: &(dyn std::any::Any + Send)) -> crate::Error {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into());
    damaged(path).with_source(format!("the spreadsheet library panicked: {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn a_panic_is_the_damaged_file_error_with_its_message_underneath() {
        let e = guarded(Path::new("坏.xls"), || -> Result<()> {
            panic!("slice index starts at 7680 but ends at 7476")
        })
        .unwrap_err();
        assert_eq!(e.kind, crate::ErrorKind::Damaged);
        assert!(e.message.contains("坏.xls") && e.message.contains("已损坏"));
        let cause = e.source().unwrap().to_string();
        assert!(cause.contains("7680"), "{cause}");
        assert_eq!(guarded(Path::new("a.xls"), || Ok(3)).unwrap(), 3);
        assert_eq!(or_none(|| -> Option<u8> { panic!("x") }), None);
    }
}
