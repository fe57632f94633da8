//! What the dependency chain of a spec records: issue numbers, research artifacts (with a short
//! excerpt of each), changed and test files, checked criteria and commits.
//!
//! Everything here is read from specs and files as they are; nothing is inferred. What a spec
//! names but cannot be found is collected in `missing` so the description can say so.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use regex::Regex;

use crate::spec::schema::{DEPENDS_ON, INFORMED_BY, TARGET_FILES};
use crate::spec::Spec;
use crate::syntax::markdown_lines::{condense, doc_sections};
use crate::syntax::typed::SpecType;
use crate::workspace::fs::{FileAccess, PR_SOURCE_LIMIT};
use crate::workspace::Workspace;

/// The heading of the section the code action writes into the spec (and that gathering the
/// sources skips, so filling twice reads the same sources).
pub const PREPARED_HEADING: &str = "## Prepared PR Description";

/// How the door words a path that does not exist.
const MISSING: &str = "does not exist";

/// A research document named by a spec of the chain.
#[derive(Clone, Debug)]
pub struct Artifact {
    /// As written in the spec (workspace-relative).
    pub path: String,
    /// The file stem, used for `{{research.<stem>}}`.
    pub stem: String,
    /// The file text, or `None` when the file does not exist (or may not be read).
    pub text: Option<String>,
    /// Only the first [`PR_SOURCE_LIMIT`] bytes were read.
    pub truncated: bool,
    /// Why there is no text, as the end of a sentence naming the path ("does not exist", "is
    /// outside the workspace", "is not a regular file (it is a FIFO)").
    pub why_unread: String,
}

impl Artifact {
    /// The door's reason when the file exists but was refused (outside the root, not a regular
    /// file, too large); `None` when it is readable or simply missing.
    pub fn refused(&self) -> Option<&str> {
        (self.text.is_none() && self.why_unread != MISSING).then_some(self.why_unread.as_str())
    }

    /// Reads `path` (workspace-relative, as the spec wrote it) through the workspace's door:
    /// nothing outside the root, no FIFO or device, at most [`PR_SOURCE_LIMIT`] bytes.
    pub fn read(fs: &dyn FileAccess, path: &str) -> Artifact {
        let stem = Path::new(path).file_stem().map(|x| x.to_string_lossy().into_owned()).unwrap_or_default();
        let (read, why_unread) = match fs.read_text(&fs.root().join(path), PR_SOURCE_LIMIT) {
            Ok(read) => (Some(read), String::new()),
            Err(err) => (None, err.to_string()),
        };
        let truncated = read.as_ref().is_some_and(|r| r.truncated);
        Artifact { path: path.to_string(), stem, text: read.map(|r| r.text), truncated, why_unread }
    }
}

/// A file a spec of the chain names in `target_files`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileEntry {
    pub path: String,
    pub spec_id: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commit {
    pub hash: String,
    pub spec_id: String,
    pub spec_title: String,
}

/// Something a spec names that could not be found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    /// A path or a spec id.
    pub what: String,
    /// ``"<spec id> `<field>`"`` for every spec that names it (or "the template").
    pub named_by: Vec<String>,
    /// Why a named file was not read, when it is there but refused ("is outside the
    /// workspace", "is not a regular file (it is a FIFO)"); `None` when it is simply missing.
    pub refused: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Sources {
    /// The chain, dependencies first, the spec itself last.
    pub chain: Vec<Arc<Spec>>,
    /// Issue numbers without `#`, in order of first mention.
    pub issues: Vec<String>,
    pub artifacts: Vec<Artifact>,
    pub files_changed: Vec<FileEntry>,
    pub tests: Vec<FileEntry>,
    /// Checked criteria of the specs that change files: `(spec id, criterion text)`.
    pub criteria: Vec<(String, String)>,
    pub commits: Vec<Commit>,
    pub missing: Vec<Missing>,
}

impl Sources {
    /// The specs of the chain that change project files: not research, with `target_files`.
    pub fn change_specs(&self) -> impl Iterator<Item = &Arc<Spec>> {
        self.chain.iter().filter(|s| changes_files(s))
    }

    pub fn note_missing(&mut self, what: &str, by: String) {
        self.note_unread(what, by, None);
    }

    /// Like `note_missing`, with the door's reason when the file was refused rather than absent.
    pub fn note_unread(&mut self, what: &str, by: String, refused: Option<String>) {
        match self.missing.iter_mut().find(|m| m.what == what) {
            Some(m) if !m.named_by.contains(&by) => m.named_by.push(by),
            Some(_) => {}
            None => self.missing.push(Missing { what: what.to_string(), named_by: vec![by], refused }),
        }
    }
}

/// A review gate or a group (no `target_files`) has criteria too, but they say nothing about
/// what the pull request changes.
fn changes_files(spec: &Spec) -> bool {
    !matches!(spec.spec_type(), Some(SpecType::Research | SpecType::Group | SpecType::Driver))
        && !spec.string_items(TARGET_FILES).is_empty()
}

/// Gathers the sources of `spec` and its transitive `depends_on` chain in `ws`.
pub fn gather(ws: &Workspace, spec: &Arc<Spec>) -> Sources {
    let mut out = Sources::default();
    let mut seen = HashSet::new();
    visit(ws, spec, &mut seen, &mut out);
    let chain = out.chain.clone();
    let mut artifact_seen: HashSet<String> = HashSet::new();
    for s in &chain {
        for issue in issues_in(s) {
            if !out.issues.contains(&issue) {
                out.issues.push(issue);
            }
        }
        let research = s.spec_type() == Some(SpecType::Research);
        let mut named: Vec<(&str, &str)> =
            s.string_items(INFORMED_BY).into_iter().map(|(p, _)| (p, INFORMED_BY)).collect();
        if research {
            named.extend(s.string_items(TARGET_FILES).into_iter().map(|(p, _)| (p, TARGET_FILES)));
        }
        for (path, field) in named {
            // Only documents are research; a source file named in `informed_by` is context.
            if !path.ends_with(".md") {
                continue;
            }
            let artifact = Artifact::read(&*ws.fs, path);
            if artifact.text.is_none() {
                let refused = artifact.refused().map(str::to_string);
                out.note_unread(path, format!("{} `{field}`", s.id), refused);
            }
            if artifact_seen.insert(path.to_string()) {
                out.artifacts.push(artifact);
            }
        }
        if changes_files(s) {
            for (path, _) in s.string_items(TARGET_FILES) {
                let entry = FileEntry { path: path.to_string(), spec_id: s.id.clone() };
                let list = if is_test_path(path) { &mut out.tests } else { &mut out.files_changed };
                if !list.iter().any(|e| e.path == entry.path) {
                    list.push(entry);
                }
            }
            for c in s.criteria.items.iter().filter(|c| c.checked) {
                let text = s.text[c.text.as_usize()].trim();
                if !text.is_empty() {
                    out.criteria.push((s.id.clone(), text.to_string()));
                }
            }
        }
        let title = s.title.as_ref().map(|t| t.text.clone()).unwrap_or_default();
        for (hash, _) in s.string_items("commits") {
            if !out.commits.iter().any(|c| c.hash == hash) {
                out.commits.push(Commit { hash: hash.to_string(), spec_id: s.id.clone(), spec_title: title.clone() });
            }
        }
    }
    out
}

/// Depth-first, dependencies before dependents, each id once (cycles stop at the second visit).
fn visit(ws: &Workspace, spec: &Arc<Spec>, seen: &mut HashSet<String>, out: &mut Sources) {
    if !seen.insert(spec.id.clone()) {
        return;
    }
    for (dep, _) in spec.string_items(DEPENDS_ON) {
        // The summary says where the dependency is; its text (criteria, sections) is read
        // from the file or the open document.
        let found = ws.lookup_path(dep).and_then(|path| ws.source(path));
        match found {
            Some(found) if found.id == spec.id => {}
            Some(found) => visit(ws, &found, seen, out),
            None => out.note_missing(dep, format!("{} `depends_on`", spec.id)),
        }
    }
    out.chain.push(Arc::clone(spec));
}

/// Files under a `tests/` (or `test/`) folder, or named `test_*` / `*_test.*` / `*.test.*`.
pub fn is_test_path(path: &str) -> bool {
    let p = Path::new(path);
    let in_test_dir = p.components().any(|c| matches!(c.as_os_str().to_str(), Some("tests" | "test" | "__tests__")));
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let stem = p.file_stem().and_then(|n| n.to_str()).unwrap_or("");
    in_test_dir
        || name.starts_with("test_")
        || stem.ends_with("_test")
        || stem.ends_with(".test")
        || stem.ends_with(".spec")
}

/// `#123` in the title and body, skipping machine-written transcripts and a previously prepared
/// description (so filling twice reads the same sources).
pub fn issues_in(spec: &Spec) -> Vec<String> {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"(?:^|[^\w&/#])#(\d+)\b").expect("valid regex"));
    let mut out: Vec<String> = Vec::new();
    for line in source_lines(spec.body()) {
        for cap in re.captures_iter(line) {
            let n = cap[1].to_string();
            if !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

/// The body lines that are the author's own words: `## Agent Output`-like sections and a
/// `## Prepared PR Description` section are left out.
pub fn source_lines(body: &str) -> impl Iterator<Item = &str> {
    let mut skipping = false;
    let mut in_fence = false;
    body.lines().filter(move |line| {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_fence = !in_fence;
        } else if !in_fence && trimmed.starts_with("## ") {
            let heading = trimmed[3..].trim().to_ascii_lowercase();
            skipping = heading.contains("agent output")
                || heading.contains("agent conversation")
                || heading.contains("execution result")
                || heading == PREPARED_HEADING[3..].to_ascii_lowercase();
        }
        !skipping
    })
}

/// A short excerpt of an artifact for a purpose: the first section (below the title) whose
/// heading contains one of `keywords` (tried in order), condensed to its first paragraph, plus
/// the list that paragraph introduces. Returns `(heading, excerpt)`.
pub fn excerpt(text: &str, keywords: &[&str]) -> Option<(String, String)> {
    let sections = doc_sections(text);
    for kw in keywords {
        for s in sections.iter().filter(|s| s.level >= 2) {
            if s.heading.to_ascii_lowercase().contains(kw) {
                if let Some(body) = condense(&s.body) {
                    return Some((s.heading.clone(), body));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_paths() {
        assert!(is_test_path("tests/regression/test_issue_42.py"));
        assert!(is_test_path("pkg/test_store.py"));
        assert!(is_test_path("src/store_test.go"));
        assert!(!is_test_path("src/storage/store.py"));
        assert!(!is_test_path("src/testing.rs"));
    }

    #[test]
    fn excerpt_skips_the_title_and_follows_keyword_order() {
        let doc =
            "# Root Cause Analysis\n\n## Context\n\nctx\n\n## Findings\n\nfound it\n\n## Root cause\n\nthe cause\n";
        assert_eq!(excerpt(doc, &["root cause", "findings"]), Some(("Root cause".into(), "the cause".into())));
        assert_eq!(excerpt(doc, &["summary"]), None);
    }
}
