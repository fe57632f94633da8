//! Workspace symbols: every spec by id and title, filtered by a fuzzy query. Exact and prefix
//! matches rank first, active specs before nested and archived ones.

use std::path::{Path, PathBuf};

use crate::spec::info::SpecInfo;
use crate::spec::SpecLocation;
use crate::text::TextRange;
use crate::workspace::Workspace;

/// Editors show a few dozen results; more only costs time on every keystroke.
pub const LIMIT: usize = super::limits::WORKSPACE_SYMBOLS;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecSymbol {
    pub id: String,
    pub title: Option<String>,
    pub location: SpecLocation,
    pub path: PathBuf,
    /// The title line, or the start of the file when there is none.
    pub range: TextRange,
}

/// How well a query matches, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Score {
    Exact,
    Prefix,
    Substring,
    Subsequence,
}

pub fn workspace_symbols(ws: &Workspace, query: &str) -> Vec<SpecSymbol> {
    let query = query.trim().to_lowercase();
    let mut hits: Vec<(Score, u8, &crate::workspace::SpecPath, &SpecInfo)> = ws
        .specs()
        .filter_map(|(path, spec)| {
            let title = spec.title.as_ref().map(|t| t.text.to_lowercase());
            let score =
                [Some(spec.id.to_lowercase()), title].into_iter().flatten().filter_map(|s| score(&s, &query)).min()?;
            Some((score, rank(spec.location), path, spec.as_ref()))
        })
        .collect();
    hits.sort_by(|a, b| (a.0, a.1, &a.3.id, a.2).cmp(&(b.0, b.1, &b.3.id, b.2)));
    hits.into_iter().take(LIMIT).map(|(_, _, path, spec)| symbol(path, spec)).collect()
}

fn score(candidate: &str, query: &str) -> Option<Score> {
    if candidate == query {
        Some(Score::Exact)
    } else if candidate.starts_with(query) {
        Some(Score::Prefix)
    } else if candidate.contains(query) {
        Some(Score::Substring)
    } else {
        is_subsequence(candidate, query).then_some(Score::Subsequence)
    }
}

fn is_subsequence(candidate: &str, query: &str) -> bool {
    let mut chars = candidate.chars();
    query.chars().all(|q| chars.any(|c| c == q))
}

fn rank(location: SpecLocation) -> u8 {
    match location {
        SpecLocation::Active => 0,
        SpecLocation::Nested => 1,
        SpecLocation::Archived => 2,
    }
}

fn symbol(path: &Path, spec: &SpecInfo) -> SpecSymbol {
    SpecSymbol {
        id: spec.id.clone(),
        title: spec.title.as_ref().map(|t| t.text.clone()),
        location: spec.location,
        path: path.to_path_buf(),
        range: spec.title.as_ref().map_or(TextRange::empty(0), |t| t.line),
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;
    use crate::ide::test_fixture::with_cursor;

    const SPECS: &str = r#"
//- /.chant/specs/002-fix-race.md
# Fix race condition$0
//- /.chant/specs/010-fix.md
# Unrelated
//- /.chant/specs/sub/003-ünï.md
# Ünïcode 🚀
//- /.chant/archive/002-old/001-fix.md
# Old fix
//- /.chant/specs/001-fix.md
no title
"#;

    #[track_caller]
    fn check(query: &str, expect: Expect) {
        let f = with_cursor(SPECS);
        let actual: String = workspace_symbols(&f.ws, query)
            .iter()
            .map(|s| {
                let spec = f.ws.source(&s.path).expect("spec");
                let at = &spec.text[s.range.as_usize()];
                format!("{} {:?} {:?} {} [{at}]\n", s.id, s.title, s.location, f.rel(&s.path))
            })
            .collect();
        expect.assert_eq(&actual);
    }

    #[test]
    fn exact_and_prefix_first_active_before_archived() {
        check(
            "001-FIX",
            expect![[r#"
                001-fix None Active .chant/specs/001-fix.md []
                001-fix Some("Old fix") Archived .chant/archive/002-old/001-fix.md [# Old fix]
            "#]],
        );
        check(
            "fix",
            expect![[r#"
                002-fix-race Some("Fix race condition") Active .chant/specs/002-fix-race.md [# Fix race condition]
                001-fix None Active .chant/specs/001-fix.md []
                010-fix Some("Unrelated") Active .chant/specs/010-fix.md [# Unrelated]
                001-fix Some("Old fix") Archived .chant/archive/002-old/001-fix.md [# Old fix]
            "#]],
        );
    }

    #[test]
    fn subsequence_and_non_ascii() {
        check(
            "frc",
            expect![[r#"
                002-fix-race Some("Fix race condition") Active .chant/specs/002-fix-race.md [# Fix race condition]
            "#]],
        );
        check(
            "ÜNÏ",
            expect![[r#"
                003-ünï Some("Ünïcode 🚀") Nested .chant/specs/sub/003-ünï.md [# Ünïcode 🚀]
            "#]],
        );
        assert_eq!(workspace_symbols(&with_cursor(SPECS).ws, "").len(), 5);
    }
}
