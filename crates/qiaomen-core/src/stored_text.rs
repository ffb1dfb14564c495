//! Closed sets of values stored as text columns (a hazard's status, where it came from, how
//! a form was entered, where its double entry stands): one declaration gives the stored
//! words both ways and rusqlite's conversions, and an unknown word read back from a file is
//! a Chinese error naming it, never a panic.

/// Declares how the enum `$ty` is stored: `as_str` and `parse` between each variant and its
/// word, and `ToSql`/`FromSql` through them; `$what` names the value in the error message
/// for a word no variant has ("未知的{what}“{word}”").
macro_rules! stored_as_text {
    ($ty:ident, $what:literal, { $($variant:ident => $word:literal),+ $(,)? }) => {
        impl $ty {
            #[doc = concat!("As stored: ", $("`", $word, "` "),+)]
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $word,)+
                }
            }
            /// The value stored as `s`; None for any other word.
            pub fn parse(s: &str) -> Option<$ty> {
                match s {
                    $($word => Some($ty::$variant),)+
                    _ => None,
                }
            }
        }

        impl rusqlite::ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $ty {
            fn column_result(
                v: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                $crate::stored_text::from_sql_word(v, $ty::parse, $what)
            }
        }
    };
}
pub(crate) use stored_as_text;

/// Reads a text column through `parse`; a word it does not know is an error naming `what`
/// and the word. Also for values stored by another name than `as_str` ([`crate::Category`]).
pub(crate) fn from_sql_word<T>(
    v: rusqlite::types::ValueRef<'_>,
    parse: impl Fn(&str) -> Option<T>,
    what: &str,
) -> rusqlite::types::FromSqlResult<T> {
    let s = v.as_str()?;
    parse(s)
        .ok_or_else(|| rusqlite::types::FromSqlError::Other(format!("未知的{what}“{s}”").into()))
}

#[cfg(test)]
mod tests {
    use crate::hazards::{HazardSource, HazardStatus};
    use crate::inspections::{InspectionSource, VerifyState};
    use rusqlite::Connection;

    /// Every variant goes in and out of a real SQLite column unchanged; a word none has is
    /// refused with the value's Chinese name.
    #[test]
    fn words_round_trip_and_unknown_words_are_named() {
        let c = Connection::open_in_memory().unwrap();
        let back = |v: &dyn rusqlite::ToSql| -> String {
            c.query_row("SELECT ?1", [v], |r| r.get(0)).unwrap()
        };
        for s in [
            HazardStatus::Open,
            HazardStatus::FixedOnSite,
            HazardStatus::Closed,
        ] {
            assert_eq!(HazardStatus::parse(&back(&s)), Some(s));
        }
        for s in [HazardSource::Item, HazardSource::Other] {
            assert_eq!(HazardSource::parse(&back(&s)), Some(s));
        }
        for s in [InspectionSource::Keyed, InspectionSource::Sheet] {
            assert_eq!(InspectionSource::parse(&back(&s)), Some(s));
        }
        for s in [
            VerifyState::None,
            VerifyState::Pending,
            VerifyState::Differences,
            VerifyState::Verified,
        ] {
            let got: VerifyState = c.query_row("SELECT ?1", [s], |r| r.get(0)).unwrap();
            assert_eq!(got, s);
        }
        let err = c
            .query_row("SELECT 'reopened'", [], |r| r.get::<_, HazardStatus>(0))
            .unwrap_err();
        assert!(
            err.to_string().contains("未知的隐患状态“reopened”"),
            "{err}"
        );
        let err = c
            .query_row("SELECT 'paper'", [], |r| r.get::<_, InspectionSource>(0))
            .unwrap_err();
        assert!(err.to_string().contains("未知的录入方式“paper”"), "{err}");
    }
}
