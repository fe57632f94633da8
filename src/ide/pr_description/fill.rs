//! Filling a template from the sources: `{{variables}}`, placeholder comments and bracketed
//! placeholders are replaced, empty recognised sections get their content, and list sections
//! get the items their prose does not mention yet.
//!
//! A section or placeholder with no source keeps a visible `_No source found: …_` marker, so a
//! reviewer sees what is missing instead of a gap that looks complete.

use regex::Regex;

use super::sources::{self, Artifact, Sources};
use super::template::{section_kind, SectionKind};
use crate::spec::Spec;
use crate::syntax::markdown_lines::{condense, doc_sections, fence_marker};
use crate::workspace::fs::{FileAccess, PR_SOURCE_LIMIT};

/// Fills `template` for `spec`; paths in `[Reference: path]` are read through `fs`.
/// Missing files met in the template are added to `src.missing`.
pub fn fill(template: &str, spec: &Spec, src: &mut Sources, fs: &dyn FileAccess) -> String {
    let sections = doc_sections(template);
    let mut out = String::new();
    let mut present: Vec<SectionKind> = Vec::new();
    // Added sections take the level of the template's first recognised section.
    let level = sections.iter().find(|s| s.level > 0 && section_kind(&s.heading).is_some()).map_or(2, |s| s.level);
    for section in &sections {
        let kind = section_kind(&section.heading);
        present.extend(kind);
        let mut filler = Filler { spec, src, fs, kind, used: false };
        if section.level > 0 {
            let heading = filler.variables_only(&section.heading);
            out.push_str(&format!("{} {heading}\n", "#".repeat(section.level)));
        }
        let body = filler.body(&section.body);
        out.push_str(&body);
    }
    // The chain's file and commit lists are the point of the description: a template without
    // those sections still gets them, at the end.
    for kind in [SectionKind::Testing, SectionKind::FilesChanged, SectionKind::Commits] {
        if present.contains(&kind) {
            continue;
        }
        let Some(content) = content(kind, spec, src) else { continue };
        if !out.ends_with("\n\n") && !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("{} {}\n{content}\n", "#".repeat(level), heading_of(kind)));
    }
    let mut out = out.trim_end().to_string();
    out.push('\n');
    if !src.missing.is_empty() {
        out.push_str("\n---\n\n_Sources named but not found:_\n");
        for m in &src.missing {
            let refused = m.refused.as_ref().map_or(String::new(), |why| format!(": it {why}"));
            out.push_str(&format!("- `{}` (named in {}){refused}\n", m.what, m.named_by.join(", ")));
        }
    }
    out
}

fn heading_of(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::Testing => "Testing",
        SectionKind::FilesChanged => "Files Changed",
        SectionKind::Commits => "Commits",
        _ => "",
    }
}

struct Filler<'a> {
    spec: &'a Spec,
    src: &'a mut Sources,
    fs: &'a dyn FileAccess,
    kind: Option<SectionKind>,
    /// The section's generated content was already placed (by a placeholder).
    used: bool,
}

fn placeholder_re() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?s)\{\{\s*([\w.\-]+)\s*\}\}|<!--(.*?)-->|\[([^\[\]\n]+)\]").expect("valid regex"))
}

impl Filler<'_> {
    fn body(&mut self, body: &str) -> String {
        // Placeholders are replaced outside code fences only: a fenced example is literal.
        let mut out = String::new();
        let mut prose = String::new();
        let mut fence: Option<String> = None;
        for line in body.split_inclusive('\n') {
            let trimmed = line.trim_start();
            match &fence {
                Some(open) => {
                    out.push_str(line);
                    if trimmed.starts_with(open.as_str()) {
                        fence = None;
                    }
                    continue;
                }
                None => {
                    if let Some(m) = fence_marker(trimmed) {
                        out.push_str(&self.replace(&std::mem::take(&mut prose)));
                        out.push_str(line);
                        fence = Some(m);
                        continue;
                    }
                }
            }
            prose.push_str(line);
        }
        out.push_str(&self.replace(&prose));
        self.complete(out)
    }

    /// Empty sections get their content; list sections get what the prose does not name.
    fn complete(&mut self, body: String) -> String {
        let Some(kind) = self.kind else { return body };
        if kind == SectionKind::Checklist {
            // A checklist is for the author to tick; nothing in the chain can answer it.
            return body;
        }
        if is_blank(&body) {
            let content = if self.used {
                String::new()
            } else {
                content(kind, self.spec, self.src).unwrap_or_else(|| marker(kind))
            };
            return format!("{content}\n\n");
        }
        if self.used {
            return body;
        }
        let items: Vec<(String, String)> = match kind {
            SectionKind::Testing => self.src.tests.iter().map(|f| (f.path.clone(), file_item(f))).collect(),
            SectionKind::FilesChanged => {
                self.src.files_changed.iter().map(|f| (f.path.clone(), file_item(f))).collect()
            }
            SectionKind::Commits => self.src.commits.iter().map(|c| (c.hash.clone(), commit_item(c))).collect(),
            _ => Vec::new(),
        };
        let extra: Vec<String> =
            items.into_iter().filter(|(key, _)| !body.contains(key.as_str())).map(|(_, i)| i).collect();
        if extra.is_empty() {
            return body;
        }
        let mut body = body.trim_end().to_string();
        body.push('\n');
        for item in extra {
            body.push_str(&item);
            body.push('\n');
        }
        body.push('\n');
        body
    }

    /// Headings take `{{variables}}` but no placeholders: `[…]` there is the author's text.
    fn variables_only(&mut self, text: &str) -> String {
        let re = placeholder_re();
        re.replace_all(text, |cap: &regex::Captures| match cap.get(1) {
            Some(var) => self.variable(var.as_str()),
            None => cap[0].to_string(),
        })
        .into_owned()
    }

    fn replace(&mut self, text: &str) -> String {
        let re = placeholder_re();
        let spans = code_spans(text);
        let mut out = String::new();
        let mut last = 0;
        for cap in re.captures_iter(text) {
            let m = cap.get(0).expect("whole match");
            // `a[i + 1]` or `<!-- x -->` inside a code span is literal; a variable there is
            // still wanted (`{{spec.id}}` in backticks is a common way to show an id).
            let in_code = spans.iter().any(|r| r.contains(&m.start()));
            let replacement = if let Some(var) = cap.get(1) {
                Some(self.variable(var.as_str()))
            } else if in_code {
                None
            } else if let Some(comment) = cap.get(2) {
                self.comment(comment.as_str())
            } else {
                let inner = cap.get(3).expect("bracket group").as_str();
                if is_bracket_placeholder(text, m.start(), m.end(), inner) {
                    Some(self.bracket(inner))
                } else {
                    None
                }
            };
            if let Some(r) = replacement {
                out.push_str(&text[last..m.start()]);
                out.push_str(&r);
                last = m.end();
            }
        }
        out.push_str(&text[last..]);
        out
    }

    /// The section's own content, once; later placeholders of the same section become empty.
    fn section_content(&mut self) -> Option<String> {
        let kind = self.kind?;
        if kind == SectionKind::Checklist {
            return None;
        }
        if self.used {
            return Some(String::new());
        }
        self.used = true;
        Some(content(kind, self.spec, self.src).unwrap_or_else(|| marker(kind)))
    }

    /// `<!-- … -->` in a recognised section is the place for its content; elsewhere it is an
    /// instruction to the author and stays (it does not render).
    fn comment(&mut self, _inner: &str) -> Option<String> {
        self.section_content()
    }

    fn bracket(&mut self, inner: &str) -> String {
        let trimmed = inner.trim();
        let lower = trimmed.to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("reference:").map(|_| trimmed["reference:".len()..].trim()) {
            let path = rest.trim_matches('`');
            return self.reference(path);
        }
        if let Some(artifact) = matching_artifact(&self.src.artifacts, trimmed).cloned() {
            return match &artifact.text {
                Some(text) => excerpt_for(&artifact, text, self.kind),
                None => format!("_[No source found: `{}` {}]_", artifact.path, artifact.why_unread),
            };
        }
        match self.section_content() {
            Some(content) => content,
            None => format!("_[No source found for: {trimmed}]_"),
        }
    }

    fn reference(&mut self, path: &str) -> String {
        let known = self.src.artifacts.iter().find(|a| a.path == path).cloned();
        let artifact = known.unwrap_or_else(|| Artifact::read(self.fs, path));
        match &artifact.text {
            Some(text) => excerpt_for(&artifact, text, self.kind),
            None => {
                self.src.note_missing(path, "the template".to_string());
                format!("_[No source found: `{path}` {}]_", artifact.why_unread)
            }
        }
    }

    fn variable(&mut self, name: &str) -> String {
        let src = &*self.src;
        let list = |v: Option<String>, what: &str| v.unwrap_or_else(|| format!("_No source found: {what}._"));
        match name {
            "spec.id" => self.spec.id.clone(),
            "spec.title" => {
                self.spec.title.as_ref().map_or_else(|| format!("_No title in {}_", self.spec.id), |t| t.text.clone())
            }
            "issue" => {
                list(src.issues.first().map(|n| format!("#{n}")), "no spec in the chain mentions an issue number")
            }
            "issues" => list(
                (!src.issues.is_empty())
                    .then(|| src.issues.iter().map(|n| format!("#{n}")).collect::<Vec<_>>().join(", ")),
                "no spec in the chain mentions an issue number",
            ),
            "files_changed" => {
                content(SectionKind::FilesChanged, self.spec, src).unwrap_or_else(|| marker(SectionKind::FilesChanged))
            }
            "tests" => content(SectionKind::Testing, self.spec, src).unwrap_or_else(|| marker(SectionKind::Testing)),
            "commits" => content(SectionKind::Commits, self.spec, src).unwrap_or_else(|| marker(SectionKind::Commits)),
            "criteria" => {
                content(SectionKind::Solution, self.spec, src).unwrap_or_else(|| marker(SectionKind::Solution))
            }
            "summary" => content(SectionKind::Summary, self.spec, src).unwrap_or_else(|| marker(SectionKind::Summary)),
            "problem" => content(SectionKind::Problem, self.spec, src).unwrap_or_else(|| marker(SectionKind::Problem)),
            "root_cause" => {
                content(SectionKind::RootCause, self.spec, src).unwrap_or_else(|| marker(SectionKind::RootCause))
            }
            "impact" => content(SectionKind::Impact, self.spec, src).unwrap_or_else(|| marker(SectionKind::Impact)),
            other => match other.strip_prefix("research.") {
                Some(stem) => match src.artifacts.iter().find(|a| a.stem == stem) {
                    Some(a) => match &a.text {
                        Some(text) => excerpt_for(a, text, None),
                        None => format!("_[No source found: `{}` {}]_", a.path, a.why_unread),
                    },
                    None => format!("_[No source found: no spec in the chain names a research file `{stem}`]_"),
                },
                None => format!("_[unknown variable: {other}]_"),
            },
        }
    }
}

/// Byte ranges of inline code spans: a run of backticks up to the next run of the same length.
fn code_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let run_at = |i: usize| bytes[i..].iter().take_while(|b| **b == b'`').count();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let n = run_at(i);
        let mut j = i + n;
        let mut close = None;
        while j < bytes.len() {
            if bytes[j] == b'`' {
                let m = run_at(j);
                if m == n {
                    close = Some(j + m);
                    break;
                }
                j += m;
            } else {
                j += 1;
            }
        }
        match close {
            Some(end) => {
                out.push(i..end);
                i = end;
            }
            None => i += n,
        }
    }
    out
}

/// Nothing but whitespace, empty bullets and (already handled) comments.
fn is_blank(body: &str) -> bool {
    body.lines().all(|l| matches!(l.trim(), "" | "-" | "*" | "1."))
}

/// A `[…]` that reads as an instruction, not markdown: not a link (`[x](…)`, `[x][…]`, `[x]:`),
/// not an image, not a task box, not a footnote, and more than one word.
fn is_bracket_placeholder(text: &str, start: usize, end: usize, inner: &str) -> bool {
    let next = text[end..].chars().next();
    let prev = text[..start].chars().next_back();
    if matches!(next, Some('(' | '[' | ':')) || matches!(prev, Some('!' | ']' | '\\')) {
        return false;
    }
    let t = inner.trim();
    !t.starts_with('^') && t.contains(' ') && t.chars().any(char::is_alphabetic)
}

/// The artifact whose distinctive name words (`sprawl` in `issue-42-sprawl`) the text mentions.
fn matching_artifact<'a>(artifacts: &'a [Artifact], text: &str) -> Option<&'a Artifact> {
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    artifacts.iter().find(|a| {
        a.stem
            .to_ascii_lowercase()
            .split(['-', '_', '.'])
            .filter(|w| w.len() >= 4 && *w != "issue" && !w.chars().all(|c| c.is_ascii_digit()))
            .any(|w| words.contains(&w))
    })
}

fn keywords(kind: Option<SectionKind>) -> &'static [&'static str] {
    match kind {
        Some(SectionKind::Problem) => &["problem statement", "problem", "summary", "overview", "observed"],
        Some(SectionKind::RootCause) => &["root cause", "problematic", "cause", "buggy code", "findings", "summary"],
        Some(SectionKind::Impact) => &["impact", "scope", "risk", "compatibility", "summary"],
        Some(SectionKind::Solution) => &["recommended solution", "solution", "recommendation", "fix", "summary"],
        _ => &["summary", "root cause", "findings", "conclusion", "problem statement", "overview"],
    }
}

/// The condensed excerpt of an artifact for a section, with its source named.
fn excerpt_for(artifact: &Artifact, text: &str, kind: Option<SectionKind>) -> String {
    let found = sources::excerpt(text, keywords(kind)).or_else(|| {
        // No section with a telling heading: the first section below the title.
        doc_sections(text).into_iter().filter(|s| s.level >= 2).find_map(|s| Some((s.heading, condense(&s.body)?)))
    });
    match found {
        Some((heading, body)) if artifact.truncated => format!(
            "{body}\n\n_Source: `{}` ({heading}; truncated: only the first {} KiB of the file were read)_",
            artifact.path,
            PR_SOURCE_LIMIT.max_bytes / 1024
        ),
        Some((heading, body)) => format!("{body}\n\n_Source: `{}` ({heading})_", artifact.path),
        None => format!("_[No source found: `{}` has no section to quote]_", artifact.path),
    }
}

fn file_item(f: &sources::FileEntry) -> String {
    format!("- `{}` ({})", f.path, f.spec_id)
}

fn commit_item(c: &sources::Commit) -> String {
    if c.spec_title.is_empty() {
        format!("- `{}` {}", c.hash, c.spec_id)
    } else {
        format!("- `{}` {}: {}", c.hash, c.spec_id, c.spec_title)
    }
}

/// Research artifacts for a section, the ones whose name fits the section first.
fn ranked<'a>(src: &'a Sources, hints: &[&str]) -> Vec<&'a Artifact> {
    let fits = |a: &Artifact| hints.iter().any(|h| a.stem.to_ascii_lowercase().contains(h));
    let mut out: Vec<&Artifact> = src.artifacts.iter().filter(|a| fits(a)).collect();
    out.extend(src.artifacts.iter().filter(|a| !fits(a)));
    out
}

fn research_content(src: &Sources, kind: SectionKind, hints: &[&str]) -> Option<String> {
    ranked(src, hints).into_iter().find_map(|a| {
        let text = a.text.as_deref()?;
        let (heading, body) = sources::excerpt(text, keywords(Some(kind)))?;
        Some(format!("{body}\n\n_Source: `{}` ({heading})_", a.path))
    })
}

/// What the chain records for a section, or `None` when it records nothing.
pub fn content(kind: SectionKind, spec: &Spec, src: &Sources) -> Option<String> {
    let bullets = |items: Vec<String>| (!items.is_empty()).then(|| items.join("\n"));
    match kind {
        SectionKind::Summary => {
            let mut parts = Vec::new();
            if !src.issues.is_empty() {
                let refs: Vec<String> = src.issues.iter().map(|n| format!("#{n}")).collect();
                parts.push(format!("Fixes {}.", refs.join(", ")));
            }
            let titles: Vec<String> =
                src.change_specs().filter_map(|s| Some(format!("- {} ({})", s.title.as_ref()?.text, s.id))).collect();
            if !titles.is_empty() {
                parts.push(titles.join("\n"));
            } else if let Some(t) = &spec.title {
                parts.push(t.text.clone());
            }
            (!parts.is_empty()).then(|| parts.join("\n\n"))
        }
        SectionKind::Problem => research_content(src, kind, &["comprehension", "problem", "investigation"]),
        SectionKind::RootCause => research_content(src, kind, &["root-cause", "root_cause", "cause"]),
        SectionKind::Impact => research_content(src, kind, &["impact", "sprawl", "scope"]),
        SectionKind::Solution => {
            // Grouped by spec, so each criterion reads as written.
            let mut lines: Vec<String> = Vec::new();
            let mut current: Option<&str> = None;
            for (id, text) in &src.criteria {
                if current != Some(id.as_str()) {
                    lines.push(format!("- {id}:"));
                    current = Some(id.as_str());
                }
                lines.push(format!("  - {text}"));
            }
            bullets(lines)
        }
        SectionKind::Testing => bullets(src.tests.iter().map(file_item).collect()),
        SectionKind::FilesChanged => bullets(src.files_changed.iter().map(file_item).collect()),
        SectionKind::Commits => bullets(src.commits.iter().map(commit_item).collect()),
        SectionKind::Checklist => None,
    }
}

/// The visible marker for a section nothing in the chain speaks to.
pub fn marker(kind: SectionKind) -> String {
    let what = match kind {
        SectionKind::Summary => "an issue number or a title",
        SectionKind::Problem => "a research file with a Problem or Summary section",
        SectionKind::RootCause => "a research file with a Root Cause section",
        SectionKind::Solution => "checked acceptance criteria of a spec that changes files",
        SectionKind::Testing => "test files in `target_files`",
        SectionKind::Impact => "a research file with an Impact section",
        SectionKind::FilesChanged => "`target_files` of a spec that changes files",
        SectionKind::Commits => "`commits`",
        SectionKind::Checklist => "a checklist",
    };
    format!("_No source found: no spec in the chain records {what}._")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_that_are_markdown_or_code_are_not_placeholders() {
        let text = "[Describe it] [link](x) [ref][1] ![img alt](p) [x] [^note] `a[i + 1]` [two words]:";
        let found: Vec<&str> = placeholder_re()
            .captures_iter(text)
            .filter_map(|c| {
                let m = c.get(0)?;
                let code = code_spans(text).iter().any(|r| r.contains(&m.start()));
                (!code && is_bracket_placeholder(text, m.start(), m.end(), c.get(3)?.as_str())).then_some(m.as_str())
            })
            .collect();
        assert_eq!(found, ["[Describe it]"]);
    }

    #[test]
    fn placeholders_name_the_research_file_their_words_point_to() {
        let artifacts = [
            Artifact {
                path: "r/issue-42-root-cause.md".into(),
                stem: "issue-42-root-cause".into(),
                text: None,
                truncated: false,
                why_unread: "does not exist".into(),
            },
            Artifact {
                path: "r/issue-42-sprawl.md".into(),
                stem: "issue-42-sprawl".into(),
                text: None,
                truncated: false,
                why_unread: "does not exist".into(),
            },
        ];
        assert_eq!(
            matching_artifact(&artifacts, "list locations from sprawl phase").map(|a| a.stem.as_str()),
            Some("issue-42-sprawl")
        );
        assert_eq!(matching_artifact(&artifacts, "see issue 42").map(|a| a.stem.as_str()), None);
    }
}
