//! "Fill the PR description": a pull-request body assembled from a spec and its transitive
//! `depends_on` chain (active or archived), for the OSS maintainer workflow (spec-format §9.2).
//!
//! Pure analysis over a [`Workspace`]: it reads the research files the specs name, but writes
//! nothing. The CLI prints [`PrDescription::text`]; the server turns [`prepared_section_edit`]
//! into a code action.
//!
//! Template variables (replaced anywhere outside code fences):
//! `{{spec.id}}`, `{{spec.title}}`, `{{issue}}` (first issue, `#42`), `{{issues}}` (all),
//! `{{research.<stem>}}` (excerpt of that research file), `{{summary}}`, `{{problem}}`,
//! `{{root_cause}}`, `{{impact}}`, `{{criteria}}`, `{{files_changed}}`, `{{tests}}`,
//! `{{commits}}`. An unknown variable becomes a visible `_[unknown variable: …]_`.

pub mod fill;
pub mod sources;
pub mod template;

use std::path::PathBuf;
use std::sync::Arc;

pub use sources::{Missing, PREPARED_HEADING};
pub use template::{Origin, Template};

use crate::spec::Spec;
use crate::text::TextRange;
use crate::workspace::Workspace;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrDescription {
    /// The markdown body, ending with a newline.
    pub text: String,
    /// Files and specs the chain names that could not be found (also listed in `text`).
    pub missing: Vec<Missing>,
    pub origin: Origin,
}

/// The description for `spec`; `template` overrides the search (`--template PATH`).
pub fn describe(ws: &Workspace, spec: &Arc<Spec>, template: Option<Template>) -> PrDescription {
    let template = template.unwrap_or_else(|| template::find(&*ws.fs, spec));
    let mut src = sources::gather(ws, spec);
    let text = fill::fill(&template.text, spec, &mut src, &*ws.fs);
    PrDescription { text, missing: src.missing, origin: template.origin }
}

/// Resolves a CLI argument to a spec id the way chant resolves partial ids: exact, then a
/// unique suffix, then a unique substring.
pub fn resolve_id(ws: &Workspace, arg: &str) -> Result<String, String> {
    if ws.lookup(arg).is_some() {
        return Ok(arg.to_string());
    }
    let mut ids: Vec<&str> = ws.ids().collect();
    ids.sort_unstable();
    for matches in [
        ids.iter().filter(|id| id.ends_with(arg)).copied().collect::<Vec<_>>(),
        ids.iter().filter(|id| id.contains(arg)).copied().collect::<Vec<_>>(),
    ] {
        match matches.as_slice() {
            [] => continue,
            [one] => return Ok(one.to_string()),
            many => return Err(format!("ambiguous spec id `{arg}`; matches: {}", many.join(", "))),
        }
    }
    Err(format!("spec not found: {arg}"))
}

/// The path of the spec `arg` names (an id or a partial id).
pub fn resolve_path(ws: &Workspace, arg: &str) -> Result<PathBuf, String> {
    let id = resolve_id(ws, arg)?;
    ws.lookup_path(&id).map(|p| p.to_path_buf()).ok_or_else(|| format!("spec not found: {arg}"))
}

/// The edit that writes `description` into `spec_text` as a `## Prepared PR Description`
/// section holding a fenced markdown block: it replaces that section when there is one (up to
/// the next `## ` heading outside fences) and is appended at the end otherwise.
/// Returns the replaced range and the new text; both are empty-equal when nothing changes.
pub fn prepared_section_edit(spec_text: &str, description: &str) -> (TextRange, String) {
    let fence = fence_for(description);
    let section = format!("{PREPARED_HEADING}\n\n{fence}markdown\n{description}{fence}\n");
    match find_prepared(spec_text) {
        Some((start, end)) => {
            // Keep one blank line before a following section.
            let replacement = if end < spec_text.len() { format!("{section}\n") } else { section };
            (TextRange::new(start, end), replacement)
        }
        None => {
            let sep = if spec_text.is_empty() || spec_text.ends_with("\n\n") {
                ""
            } else if spec_text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            (TextRange::empty(spec_text.len()), format!("{sep}{section}"))
        }
    }
}

/// A backtick fence longer than any run of backticks at a line start in `text`.
fn fence_for(text: &str) -> String {
    let longest = text.lines().map(|l| l.trim_start().chars().take_while(|c| *c == '`').count()).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// `[start, end)` of an existing prepared section: its heading line to the next `## ` heading
/// outside fences (or the end of the file).
fn find_prepared(text: &str) -> Option<(usize, usize)> {
    let mut pos = 0;
    let mut fence: Option<String> = None;
    let mut start: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        if let Some(open) = &fence {
            if trimmed.starts_with(open.as_str()) && trimmed.trim_start_matches(['`', '~']).trim().is_empty() {
                fence = None;
            }
        } else if let Some(m) = crate::syntax::markdown_lines::fence_marker(trimmed) {
            fence = Some(m);
        } else if trimmed.starts_with("## ") {
            if start.is_some() {
                return Some((start?, pos));
            }
            if content.trim().eq_ignore_ascii_case(PREPARED_HEADING) {
                start = Some(pos);
            }
        }
        pos += line.len();
    }
    start.map(|s| (s, text.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::test_fixture::trim_indent;

    #[test]
    fn the_section_is_appended_then_replaced_in_place() {
        let spec = "# T\n\nBody\n";
        let (range, new) = prepared_section_edit(spec, "## Summary\nA\n");
        assert_eq!(range, TextRange::empty(spec.len()));
        let once = format!("{spec}{new}");
        expect_test::expect![[r#"
            # T

            Body

            ## Prepared PR Description

            ```markdown
            ## Summary
            A
            ```
        "#]]
        .assert_eq(&once);
        let (range, again) = prepared_section_edit(&once, "## Summary\nA\n");
        assert_eq!(&once[range.as_usize()], again);
        let with_next = format!("{once}\n## Next\n\nkept\n");
        let (range, new) = prepared_section_edit(&with_next, "B\n");
        let mut applied = with_next.clone();
        applied.replace_range(range.as_usize(), &new);
        assert_eq!(applied, "# T\n\nBody\n\n## Prepared PR Description\n\n```markdown\nB\n```\n\n## Next\n\nkept\n");
    }

    /// Specs indexed from `files`, over an in-memory file system holding nothing else.
    fn workspace(files: &[(&str, &str)]) -> Workspace {
        let root = std::path::PathBuf::from("/prdesc");
        let mut ws = Workspace::with_fs(Arc::new(crate::workspace::fs::MemoryFs::new(root.clone())));
        for (rel, text) in files {
            let path = root.join(rel);
            let spec = crate::workspace::load::parse_spec_file(&root, &path, trim_indent(text)).expect("a spec path");
            ws.upsert_kept(path, Arc::new(spec));
        }
        ws
    }

    /// A research file larger than the PR-source limit is quoted from its first 256 KiB, and
    /// the source line says the file was cut.
    #[test]
    fn a_huge_source_is_read_in_part_and_says_so() {
        let spec = r#"
            ---
            informed_by: [research/big.md]
            ---
            # T

            ## PR Description Template

            ```markdown
            ## Root cause

            [Reference: research/big.md]
            ```
        "#;
        let mut ws = workspace(&[(".chant/specs/a.md", spec)]);
        let filler = "filler line\n".repeat(40_000);
        let memory = crate::workspace::fs::MemoryFs::new("/prdesc");
        memory.write("research/big.md", &format!("# Big\n\n## Root Cause\n\nThe lock is dropped early.\n\n{filler}"));
        ws.fs = Arc::new(memory);
        let desc = describe(&ws, &ws.source(ws.lookup_path("a").unwrap()).unwrap(), None);
        expect_test::expect![[r#"
            ## Root cause

            The lock is dropped early.

            _Source: `research/big.md` (Root Cause; truncated: only the first 256 KiB of the file were read)_
        "#]]
        .assert_eq(&desc.text);
    }

    /// Nothing is invented: a spec with no chain and no research keeps a marker per section,
    /// and an unknown dependency is named.
    #[test]
    fn every_section_without_a_source_keeps_a_marker() {
        let ws = workspace(&[(
            ".chant/specs/a.md",
            r#"
                ---
                depends_on: [gone]
                ---
                # Tidy up
            "#,
        )]);
        let spec = ws.source(ws.lookup_path("a").unwrap()).unwrap();
        let desc = describe(&ws, &spec, None);
        assert_eq!(desc.origin, Origin::Default);
        expect_test::expect![[r#"
            ## Summary
            Tidy up

            ## Problem
            _No source found: no spec in the chain records a research file with a Problem or Summary section._

            ## Root Cause
            _No source found: no spec in the chain records a research file with a Root Cause section._

            ## Solution
            _No source found: no spec in the chain records checked acceptance criteria of a spec that changes files._

            ## Testing
            _No source found: no spec in the chain records test files in `target_files`._

            ## Impact
            _No source found: no spec in the chain records a research file with an Impact section._

            ## Files Changed
            _No source found: no spec in the chain records `target_files` of a spec that changes files._

            ## Commits
            _No source found: no spec in the chain records `commits`._

            ---

            _Sources named but not found:_
            - `gone` (named in a `depends_on`)
        "#]]
        .assert_eq(&desc.text);
        assert_eq!(
            desc.missing,
            vec![Missing { what: "gone".into(), named_by: vec!["a `depends_on`".into()], refused: None }]
        );
    }

    #[test]
    fn partial_ids_resolve_like_chant() {
        let spec = "# T\n";
        let ws = workspace(&[
            (".chant/specs/001-alpha.md", spec),
            (".chant/specs/002-beta.md", spec),
            (".chant/archive/002-beta/002-beta.md", spec),
        ]);
        assert_eq!(resolve_id(&ws, "002-beta"), Ok("002-beta".into()));
        assert_eq!(resolve_id(&ws, "alpha"), Ok("001-alpha".into()));
        assert_eq!(resolve_id(&ws, "bet"), Ok("002-beta".into()));
        assert_eq!(resolve_id(&ws, "0"), Err("ambiguous spec id `0`; matches: 001-alpha, 002-beta".into()));
        assert_eq!(resolve_id(&ws, "zzz"), Err("spec not found: zzz".into()));
        let active = ws.root.join(".chant/specs/002-beta.md");
        assert_eq!(resolve_path(&ws, "beta"), Ok(active));
    }

    #[test]
    fn a_fence_in_the_description_gets_a_longer_fence() {
        let (_, new) = prepared_section_edit("", "```py\nx\n```\n");
        assert!(new.contains("````markdown\n```py\nx\n```\n````\n"), "{new}");
        // A `## ` line inside the block does not end the section.
        let spec = "# T\n\n## Prepared PR Description\n\n```markdown\n## Summary\n```\n\n## After\n";
        assert_eq!(find_prepared(spec), Some((5, spec.find("## After").unwrap())));
    }
}
