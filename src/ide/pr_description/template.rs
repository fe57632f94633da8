//! Where the PR template comes from, and which sections of it we know how to fill.
//!
//! Order: a fenced block under a "PR Description Template" heading in the spec itself (the
//! author's own wording wins), then the repository's pull-request template in GitHub's
//! conventional locations, then a built-in default. `--template PATH` bypasses the search.

use std::path::{Path, PathBuf};

use crate::spec::Spec;
use crate::workspace::fs::{FileAccess, TEMPLATE_LIMIT};

/// Where the template text came from (reported by the CLI on stderr).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Spec,
    Repository(PathBuf),
    Given(PathBuf),
    Default,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub text: String,
    pub origin: Origin,
}

pub const DEFAULT: &str = "## Summary\n\n## Problem\n\n## Root Cause\n\n## Solution\n\n## Testing\n\n## Impact\n\n\
## Files Changed\n\n## Commits\n";

/// The sections the filler recognises by heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionKind {
    Summary,
    Problem,
    RootCause,
    Solution,
    Testing,
    Impact,
    FilesChanged,
    Commits,
    Checklist,
}

/// Recognises a section by its heading text, case-insensitively. Headings are matched as a
/// whole (after dropping punctuation and a leading emoji), so "Testing" matches but
/// "Testing notes for reviewers" does not claim to be the test list.
pub fn section_kind(heading: &str) -> Option<SectionKind> {
    let words: String =
        heading.chars().map(|c| if c.is_alphanumeric() || c == ' ' { c.to_ascii_lowercase() } else { ' ' }).collect();
    let norm = words.split_whitespace().collect::<Vec<_>>().join(" ");
    use SectionKind::*;
    let kind = match norm.as_str() {
        "summary" | "description" | "overview" | "what" | "tl dr" | "tldr" | "summary of changes" | "pr summary" => {
            Summary
        }
        "problem" | "problem statement" | "motivation" | "context" | "background" | "why" | "the problem" | "issue"
        | "bug" => Problem,
        "root cause" | "root cause analysis" | "cause" | "analysis" => RootCause,
        "solution" | "changes" | "changes made" | "what changed" | "proposed changes" | "implementation" | "fix"
        | "the fix" | "approach" | "how" => Solution,
        "testing"
        | "tests"
        | "test plan"
        | "how to test"
        | "how has this been tested"
        | "verification"
        | "testing done" => Testing,
        "impact" | "risk" | "risks" | "scope" | "compatibility" | "breaking changes" => Impact,
        "files changed" | "changed files" | "files" | "affected files" | "files modified" => FilesChanged,
        "commits" | "commit list" | "commit history" => Commits,
        "checklist" | "pr checklist" | "review checklist" | "before submitting" => Checklist,
        _ => return None,
    };
    Some(kind)
}

/// The template for `spec`: in the spec, else in the repository around the workspace, else the
/// default. Repository templates are read through the door, bounded by [`TEMPLATE_LIMIT`].
pub fn find(fs: &dyn FileAccess, spec: &Spec) -> Template {
    if let Some(text) = in_spec(spec) {
        return Template { text, origin: Origin::Spec };
    }
    if let Some((path, Ok(read))) = search(fs, |door, path| door.read_text(path, TEMPLATE_LIMIT)) {
        return Template { text: read.text, origin: Origin::Repository(path) };
    }
    Template { text: DEFAULT.to_string(), origin: Origin::Default }
}

/// The first fenced block after a heading containing "PR Description Template" (any level),
/// before the next heading of the same or a higher level.
pub fn in_spec(spec: &Spec) -> Option<String> {
    let md = spec.markdown();
    for (i, h) in md.headings.iter().enumerate() {
        if !h.text.to_ascii_lowercase().contains("pr description template") {
            continue;
        }
        let end = md.headings[i + 1..]
            .iter()
            .find(|n| n.level <= h.level)
            .map_or(spec.text.len(), |n| n.range.start as usize);
        let block =
            md.code_blocks.iter().find(|b| b.start as usize > h.range.end as usize && (b.start as usize) < end)?;
        return Some(fence_content(&spec.text[block.as_usize()]));
    }
    None
}

/// The lines between the opening and the closing fence (an unclosed fence runs to the end).
fn fence_content(block: &str) -> String {
    let mut lines: Vec<&str> = block.lines().collect();
    if lines.is_empty() {
        return String::new();
    }
    let open = crate::syntax::markdown_lines::fence_marker(lines[0].trim_start()).unwrap_or_default();
    lines.remove(0);
    if lines.last().is_some_and(|l| !open.is_empty() && l.trim_start().starts_with(open.as_str())) {
        lines.pop();
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// GitHub's conventional pull-request template locations, searched in the chant workspace root
/// and then in each parent up to the repository root (the folder holding `.git`).
pub fn in_repository(fs: &dyn FileAccess) -> Option<PathBuf> {
    search(fs, |_, _| ()).map(|(path, ())| path)
}

/// The first template found, with `then` applied through the door that found it: the
/// workspace's own, or one rooted at the enclosing repository for the folders above the root.
fn search<T>(fs: &dyn FileAccess, then: impl Fn(&dyn FileAccess, &Path) -> T) -> Option<(PathBuf, T)> {
    if let Some(found) = in_dir(fs, fs.root()) {
        let got = then(fs, &found);
        return Some((found, got));
    }
    let (repo, dirs) = fs.enclosing_repository()?;
    let found = dirs.iter().find_map(|dir| in_dir(&*repo, dir))?;
    let got = then(&*repo, &found);
    Some((found, got))
}

fn in_dir(fs: &dyn FileAccess, dir: &Path) -> Option<PathBuf> {
    const NAME: &str = "pull_request_template.md";
    for sub in [".github", "docs", ""] {
        let folder = if sub.is_empty() { Some(dir.to_path_buf()) } else { child_ci(fs, dir, sub, true) };
        if let Some(found) = folder.and_then(|f| child_ci(fs, &f, NAME, false)) {
            return Some(found);
        }
    }
    let multi = child_ci(fs, dir, ".github", true).and_then(|g| child_ci(fs, &g, "PULL_REQUEST_TEMPLATE", true))?;
    let mut files: Vec<PathBuf> = fs
        .list(&multi)
        .ok()?
        .into_iter()
        .map(|e| e.path().to_path_buf())
        .filter(|p| fs.is_file(p) && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("md")))
        .collect();
    files.sort();
    files.into_iter().next()
}

/// The entry of `dir` named `name` in any letter case (GitHub accepts either).
fn child_ci(fs: &dyn FileAccess, dir: &Path, name: &str, want_dir: bool) -> Option<PathBuf> {
    let mut names: Vec<PathBuf> = fs
        .list(dir)
        .ok()?
        .into_iter()
        .filter(|e| e.name().is_some_and(|n| n.eq_ignore_ascii_case(name)))
        .filter(|e| if want_dir { e.is_dir_in(fs) } else { fs.is_file(e.path()) })
        .map(|e| e.path().to_path_buf())
        .collect();
    // Exact spelling first, so the pick does not depend on directory order.
    names.sort_by_key(|p| p.file_name().and_then(|n| n.to_str()) != Some(name));
    names.into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::test_fixture::trim_indent;
    use crate::spec::SpecLocation;
    use crate::workspace::fs::RealFs;

    #[test]
    fn headings_are_recognised_case_insensitively() {
        use SectionKind::*;
        let cases = [
            ("Summary", Some(Summary)),
            ("What Changed", Some(Solution)),
            ("ROOT CAUSE", Some(RootCause)),
            ("Changes", Some(Solution)),
            ("Test plan", Some(Testing)),
            ("How Has This Been Tested?", Some(Testing)),
            ("Files changed", Some(FilesChanged)),
            ("✅ Checklist", Some(Checklist)),
            ("Commits", Some(Commits)),
            ("Impact", Some(Impact)),
            ("Problem Statement", Some(Problem)),
            ("Testing notes for reviewers", None),
        ];
        for (heading, want) in cases {
            assert_eq!(section_kind(heading), want, "{heading}");
        }
    }

    #[test]
    fn the_spec_block_wins_and_stops_at_the_next_heading() {
        let text = r#"
            ---
            type: code
            ---
            # T

            ### PR Description Template

            ```markdown
            ## Summary
            X
            ```
        "#;
        let spec = Spec::parse("t".into(), SpecLocation::Active, trim_indent(text));
        assert_eq!(in_spec(&spec).as_deref(), Some("## Summary\nX\n"));
        let other = "# T\n\n## PR Description Template\n\nnone yet\n\n## Next\n\n```\nnot it\n```\n";
        let spec = Spec::parse("t".into(), SpecLocation::Active, other.into());
        assert_eq!(in_spec(&spec), None);
    }

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("chant-lsp-prtpl-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(".git")).expect("create temp folder");
        dir
    }

    #[test]
    fn repository_templates_in_github_order() {
        let dir = temp("order");
        let door = |d: &Path| RealFs::new(d.to_path_buf());
        assert_eq!(in_repository(&door(&dir)), None);
        std::fs::create_dir_all(dir.join(".github/PULL_REQUEST_TEMPLATE")).unwrap();
        std::fs::write(dir.join(".github/PULL_REQUEST_TEMPLATE/z.md"), "z").unwrap();
        std::fs::write(dir.join(".github/PULL_REQUEST_TEMPLATE/b.md"), "b").unwrap();
        assert_eq!(in_repository(&door(&dir)), Some(dir.join(".github/PULL_REQUEST_TEMPLATE/b.md")));
        std::fs::write(dir.join("Pull_Request_Template.md"), "root").unwrap();
        assert_eq!(in_repository(&door(&dir)), Some(dir.join("Pull_Request_Template.md")));
        std::fs::create_dir_all(dir.join("docs")).unwrap();
        std::fs::write(dir.join("docs/pull_request_template.md"), "docs").unwrap();
        assert_eq!(in_repository(&door(&dir)), Some(dir.join("docs/pull_request_template.md")));
        std::fs::write(dir.join(".github/PULL_REQUEST_TEMPLATE.md"), "gh").unwrap();
        assert_eq!(in_repository(&door(&dir)), Some(dir.join(".github/PULL_REQUEST_TEMPLATE.md")));
        // A chant workspace below the repository root finds the repository's template.
        std::fs::create_dir_all(dir.join("sub/.chant")).unwrap();
        assert_eq!(in_repository(&door(&dir.join("sub"))), Some(dir.join(".github/PULL_REQUEST_TEMPLATE.md")));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn default_when_nothing_is_found() {
        let dir = temp("default");
        let spec = Spec::parse("t".into(), SpecLocation::Active, "# T\n".into());
        assert_eq!(
            find(&RealFs::new(dir.clone()), &spec),
            Template { text: DEFAULT.to_string(), origin: Origin::Default }
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
