//! Spec ids (file stems) and how chant relates them: members of drivers, cross-repo prefixes,
//! date ids in prose, and did-you-mean suggestions for ids that do not resolve.

use std::sync::LazyLock;

use regex::Regex;

/// What chant's generated ids look like: the creation date, a sequence and a random part of
/// three `[0-9a-z]` each (`2026-01-15-00a-x7k`), and a member's `.N` after it. The regex, the
/// byte test [`is_date_id`] and the tail [`starts_id_tail`] all spell this one shape; a test
/// holds them together.
const DATE_ID: &str = r"\d{4}-\d{2}-\d{2}-[0-9a-z]{3}-[0-9a-z]{3}(?:\.\d+)?";

/// chant's coupling pattern for date-based ids mentioned in prose (spec-format §5).
pub static DATE_ID_IN_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?-u:\b){DATE_ID}(?-u:\b)")).expect("valid regex"));

/// `id` is a whole date id (see [`DATE_ID`]), tested on bytes: completion asks it of every id
/// in the workspace on each keystroke.
pub fn is_date_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    let date =
        |b: &[u8]| b.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() });
    let member = |rest: &[u8]| match rest {
        [] => true,
        [b'.', digits @ ..] => !digits.is_empty() && digits.iter().all(u8::is_ascii_digit),
        _ => false,
    };
    bytes.len() >= 18 && date(&bytes[..10]) && starts_id_tail(&bytes[10..]) && member(&bytes[18..])
}

/// `-xxx-yyy` with each letter in `[0-9a-z]`: the end of every date id, after its date.
pub fn starts_id_tail(at: &[u8]) -> bool {
    let part = |b: &u8| b.is_ascii_digit() || b.is_ascii_lowercase();
    at.len() >= 8 && at[0] == b'-' && at[1..4].iter().all(part) && at[4] == b'-' && at[5..8].iter().all(part)
}

/// `repo:id` entries name a spec in another repository.
pub fn split_repo(entry: &str) -> Option<(&str, &str)> {
    let (repo, id) = entry.split_once(':')?;
    let valid = !repo.is_empty() && repo.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    valid.then_some((repo, id))
}

/// The driver of a member id, as chant's `extract_driver_id` finds it: everything before the
/// **first** `.`, when a digit follows it (`a.b.1` has no driver).
pub fn driver_of(id: &str) -> Option<&str> {
    let (driver, rest) = id.split_once('.')?;
    rest.starts_with(|c: char| c.is_ascii_digit()).then_some(driver)
}

/// The member number chant's `extract_member_number` reads: the digits right after the first `.`
/// (`x.3.2` is member 3), `None` when there are none or they overflow `u32`.
pub fn member_number(id: &str) -> Option<u32> {
    let (_, rest) = id.split_once('.')?;
    let digits = &rest[..rest.bytes().take_while(u8::is_ascii_digit).count()];
    digits.parse().ok()
}

/// chant's `is_member_of`: `id` is `driver` followed by `.` and at least one more character.
pub fn is_member_of(id: &str, driver: &str) -> bool {
    id.strip_prefix(driver).is_some_and(|rest| rest.len() > 1 && rest.starts_with('.'))
}

/// Ids that look like what the user meant, best first: chant's partial-id rules (unique suffix,
/// then substring) and then small edit distances.
pub fn suggestions<'a>(wanted: &str, own: &str, ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(usize, &'a str)> = ids
        .filter(|id| *id != wanted && *id != own)
        .filter_map(|id| {
            if id.ends_with(wanted) || wanted.ends_with(id) {
                Some((0, id))
            } else if id.contains(wanted) {
                Some((1, id))
            } else if wanted.len().abs_diff(id.len()) > (wanted.len() / 4).max(2) {
                // Cheap length filter: most of a large workspace is skipped without an edit distance.
                None
            } else {
                let d = edit_distance(wanted, id);
                (d <= (wanted.len() / 4).max(2)).then_some((2 + d, id))
            }
        })
        .collect();
    scored.sort();
    scored.into_iter().map(|(_, id)| id).take(3).collect()
}

/// Levenshtein distance over characters (`strsim`); inputs are short keys and ids.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

/// The nearest of `candidates` to `wanted`, if it is close enough to be a likely typo.
pub fn nearest<'a>(wanted: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(wanted, c), *c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(1) || c.starts_with(wanted) || wanted.starts_with(c))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert_eq!(driver_of("2026-01-22-001-x7m.2.1"), Some("2026-01-22-001-x7m"));
        assert_eq!(driver_of("005-fork-fix"), None);
        assert_eq!(driver_of("v1.x.2"), None);
        assert_eq!(member_number("2026-01-24-001-abc.3.2"), Some(3));
        assert_eq!(member_number("2026-01-24-001-abc.abc"), None);
        assert_eq!(member_number("x.99999999999"), None);
        assert!(is_member_of("x.y", "x") && !is_member_of("x.", "x") && !is_member_of("xy.1", "x"));
        assert_eq!(split_repo("backend:2026-01-27-001-abc"), Some(("backend", "2026-01-27-001-abc")));
        assert_eq!(suggestions("004-sprawl", "me", ["004-sprawl-x", "zzz", "me"].into_iter()), vec!["004-sprawl-x"]);
        assert_eq!(nearest("complete", super::super::schema::STATUSES), Some("completed"));
    }

    /// Characters, not bytes: `é` is one edit away from `e`.
    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("résumé", "resume"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    /// The byte test and the regex agree on what a whole date id is.
    #[test]
    fn one_shape_of_date_id() {
        let whole = Regex::new(&format!("^{DATE_ID}$")).unwrap();
        for id in [
            "2026-01-15-00a-x7k",
            "2026-01-15-00a-x7k.12",
            "2026-01-15-00a-x7k.",
            "2026-01-15-00a-x7k.a",
            "2026-01-15-00A-x7k",
            "2026-01-15-feature",
            "2026-01-15",
            "2026-1-15-00a-x7k",
            "2026-01-15-00a-x7kk",
            "fix-typo",
        ] {
            assert_eq!(is_date_id(id), whole.is_match(id), "{id}");
        }
    }
}
