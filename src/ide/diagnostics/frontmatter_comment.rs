//! `frontmatter-comment`: a YAML comment in the frontmatter, whole-line or trailing. chant
//! rewrites the frontmatter from its own struct on every save (`chant work`, `finalize`,
//! `approve`, `cancel`, …), so the comment is lost without a word. Its fix, beside the rule,
//! moves the comments into the body, where chant keeps every byte.
//!
//! Comments are found from the YAML scanner's view, not by searching for `#`: a `#` inside a
//! quoted or block scalar is part of the value. saphyr emits no comment tokens, so a comment is a
//! `#` at a line start or after a blank that lies inside no scalar the scanner produced.

use super::fix::{Edit, Fix};
use super::Diagnostic;
use super::{Acc, Code, Ctx};
use crate::ide::limits::EDITS_PER_ACTION;
use crate::spec::Spec;
use crate::syntax::yaml::{NodeKind, YamlNode};
use crate::text::TextRange;
use crate::workspace::Workspace;

const MESSAGE: &str =
    "chant deletes this comment the next time it saves the spec (chant work, finalize, approve, cancel, …)";

/// One frontmatter comment: from its `#` to the end of its line (terminator excluded).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Comment {
    pub range: TextRange,
    /// Nothing but blanks before the `#` on its line.
    pub whole_line: bool,
}

pub(super) fn check(ctx: &Ctx, acc: &mut Acc) {
    for comment in comments(ctx.spec) {
        acc.push(Code::FrontmatterComment, comment.range, MESSAGE);
    }
}

/// The comments of the frontmatter chant reads, in order. None when the YAML has an error (its
/// spans cannot be trusted; chant cannot load the spec anyway) or the block is not closed.
pub(crate) fn comments(spec: &Spec) -> Vec<Comment> {
    let (Some(fm), Some(root), None) = (&spec.split, &spec.yaml, &spec.yaml_error) else { return Vec::new() };
    if fm.close.is_none() {
        return Vec::new();
    }
    let mut scalars = Vec::new();
    scalar_ranges(root, &mut scalars);
    scalars.sort_by_key(|r| r.start);
    let bytes = spec.text.as_bytes();
    let (start, end) = (fm.yaml.start as usize, fm.yaml.end as usize);
    let mut out = Vec::new();
    let mut line_done = 0;
    for at in memchr::memchr_iter(b'#', &bytes[start..end]).map(|i| start + i) {
        // Only the first comment sign of a line starts a comment; the rest is its text.
        if at < line_done || (at > 0 && !matches!(bytes[at - 1], b' ' | b'\t' | b'\n' | b'\r')) {
            continue;
        }
        if inside(&scalars, at) {
            continue;
        }
        let line_end = memchr::memchr(b'\n', &bytes[at..end]).map_or(end, |i| at + i);
        let content_end = if line_end > at && bytes[line_end - 1] == b'\r' { line_end - 1 } else { line_end };
        let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let whole_line = bytes[line_start..at].iter().all(|b| matches!(b, b' ' | b'\t'));
        out.push(Comment { range: TextRange::new(at, content_end), whole_line });
        line_done = line_end;
    }
    out
}

/// Every scalar's range (keys, values, items): what the scanner read as content.
fn scalar_ranges(node: &YamlNode, out: &mut Vec<TextRange>) {
    match &node.kind {
        NodeKind::Scalar { .. } => out.push(node.range),
        NodeKind::Seq { items, .. } => items.iter().for_each(|it| scalar_ranges(it, out)),
        NodeKind::Map { entries, .. } => entries.iter().for_each(|e| {
            scalar_ranges(&e.key, out);
            scalar_ranges(&e.value, out);
        }),
        NodeKind::Alias => {}
    }
}

/// Whether `at` lies inside one of the sorted, disjoint `scalars`.
fn inside(scalars: &[TextRange], at: usize) -> bool {
    let after = scalars.partition_point(|r| r.start as usize <= at);
    after > 0 && at < scalars[after - 1].end as usize
}

/// The fix: every frontmatter comment moves, verbatim inside an HTML comment, to the lines right
/// after the closing `---`. There chant keeps it, and it stays a comment a reader sees in the
/// source: it cannot become chant's title (the line starts with `<!--`, not `# `), sits above
/// any `## Acceptance Criteria` section (no criterion counted or hidden) and leaves the YAML
/// chant deserializes unchanged. All comments move at once: fixes inserting at one point would
/// collide and wait for another pass each.
///
/// It changes what chant does with the spec, so fix-all takes it only with unsafe fixes: the body
/// is what chant gives the agent as the spec's description, so the agent now reads the comment,
/// and a trailing comment leaves the key it annotated.
pub(super) fn fixes(ws: &Workspace, spec: &Spec, _d: &Diagnostic, index: usize) -> Vec<Fix> {
    let Some(close) = spec.split.as_ref().and_then(|fm| fm.close) else { return Vec::new() };
    let mut found = comments(spec);
    // One edit per comment plus the insertion, within the bound of an action's edits; running
    // the fix again moves the next ones.
    found.truncate(EDITS_PER_ACTION - 1);
    let text = spec.text.as_str();
    // `-->` would end the HTML comment early and show the rest as text.
    if found.is_empty() || found.iter().any(|c| text[c.range.as_usize()].contains("-->")) {
        return Vec::new();
    }
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut edits: Vec<Edit> =
        found.iter().map(|c| Edit { range: removal(text, c), new_text: String::new() }).collect();
    let moved: String = found.iter().map(|c| format!("{nl}<!-- {} -->", &text[c.range.as_usize()])).collect();
    edits.push(Edit { range: TextRange::empty(close.end as usize), new_text: moved });
    let what = match found.len() {
        1 => "Move the frontmatter comment into the body, where chant keeps it".to_string(),
        n => format!("Move the {n} frontmatter comments into the body, where chant keeps them"),
    };
    let title = format!("{what}{}", consequence(ws, spec, &edits));
    vec![Fix {
        title,
        edits,
        creates: Vec::new(),
        diagnostics: vec![index],
        deletes: false,
        changes_meaning: true,
        preferred: false,
    }]
}

/// What a comment's removal deletes: its whole line, or the blanks before it and the comment.
fn removal(text: &str, c: &Comment) -> TextRange {
    let bytes = text.as_bytes();
    let start = c.range.start as usize;
    if c.whole_line {
        let line_start = memchr::memrchr(b'\n', &bytes[..start]).map_or(0, |i| i + 1);
        let line_end = memchr::memchr(b'\n', &bytes[start..]).map_or(text.len(), |i| start + i + 1);
        return TextRange::new(line_start, line_end);
    }
    let blanks = bytes[..start].iter().rev().take_while(|b| matches!(b, b' ' | b'\t')).count();
    TextRange::new(start - blanks, c.range.end as usize)
}

/// What `chant lint` reports once the comments are body text, for the fix's title: a spec id in
/// the text is a `coupling` warning, and more words can cross the `complexity` word threshold.
fn consequence(ws: &Workspace, spec: &Spec, edits: &[Edit]) -> String {
    let mut text = spec.text.clone();
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    for e in sorted {
        text.replace_range(e.range.as_usize(), &e.new_text);
    }
    let after = Spec::parse(spec.id.clone(), spec.location, text);
    let ids = |s: &Spec| {
        super::local_findings(std::path::Path::new(""), s).iter().filter(|d| d.code == Code::SpecIdInBody).count()
    };
    let mut notes = Vec::new();
    if ids(&after) > ids(spec) {
        notes.push("`chant lint` warns `coupling`: a comment names a spec id".to_string());
    }
    let limit = ws.config.thresholds.complexity_words;
    if ws.config.words_rule_enabled() && after.n_words() as u64 > limit && spec.n_words() as u64 <= limit {
        notes.push(format!("the body passes {limit} words: `chant lint` warns `complexity`"));
    }
    match notes.is_empty() {
        true => String::new(),
        false => format!(" ({})", notes.join("; ")),
    }
}

#[cfg(test)]
mod tests {
    use crate::ide::diagnostics::Code;
    use crate::ide::test_fixture::check;
    use expect_test::expect;

    #[test]
    fn comments_the_scanner_sees() {
        check(
            Code::FrontmatterComment,
            r##"
                ---
                # owner: alice
                type: code # keep
                status: "pending # not a comment"
                labels: [a, b] # after a list
                description: |
                  # inside a block scalar
                  text
                  # still inside
                # after the block
                prompt: a#b
                model: 'x' #tail
                ---
                # T
            "##,
            expect![[r##"
                ---
                # owner: alice
                ^^^^^^^^^^^^^^ warning[frontmatter-comment]: chant deletes this comment the next time it saves the spec (chant work, finalize, approve, cancel, …)
                type: code # keep
                           ^^^^^^ warning[frontmatter-comment]: chant deletes this comment the next time it saves the spec (chant work, finalize, approve, cancel, …)
                status: "pending # not a comment"
                labels: [a, b] # after a list
                               ^^^^^^^^^^^^^^ warning[frontmatter-comment]: chant deletes this comment the next time it saves the spec (chant work, finalize, approve, cancel, …)
                description: |
                  # inside a block scalar
                  text
                  # still inside
                # after the block
                ^^^^^^^^^^^^^^^^^ warning[frontmatter-comment]: chant deletes this comment the next time it saves the spec (chant work, finalize, approve, cancel, …)
                prompt: a#b
                model: 'x' #tail
                           ^^^^^ warning[frontmatter-comment]: chant deletes this comment the next time it saves the spec (chant work, finalize, approve, cancel, …)
                ---
                # T
            "##]],
        );
    }
}

#[cfg(test)]
mod fix_tests {
    use crate::ide::code_actions::{fix_all, Applicability, Fix};
    use crate::ide::test_fixture::fixes::*;

    /// The comments move, word for word, into HTML comments right after the closing `---`; the
    /// YAML chant reads, the title and the criteria stay as they were. The fix changes what the
    /// agent reads, so only unsafe fix-all takes it.
    #[test]
    fn frontmatter_comments_move_into_the_body() {
        let fixture = r#"
                ---
                # owner: alice
                type: code # kind
                status: "pending # value"
                ---

                # T
                ## Acceptance Criteria
                - [ ] a
            "#;
        let fx = with_cursor(&fixture.replacen("# owner", "$0# owner", 1));
        check_fix(
            &fixture.replacen("# owner", "$0# owner", 1),
            Code::FrontmatterComment,
            "Move the 2 frontmatter comments into the body, where chant keeps them",
            expect![[r#"
                offered: ["Move the 2 frontmatter comments into the body, where chant keeps them"]
                ---
                type: code
                status: "pending # value"
                ---
                <!-- # owner: alice -->
                <!-- # kind -->

                # T
                ## Acceptance Criteria
                - [ ] a
            "#]],
        );
        let diagnostics = diagnose(&fx.ws, &fx.file, &SeverityOverrides::default());
        let comments = |fix: Option<Fix>| {
            fix.map_or(0, |f| {
                f.diagnostics.iter().filter(|&&i| diagnostics[i].code == Code::FrontmatterComment).count()
            })
        };
        assert_eq!(comments(fix_all(&fx.ws, fx.spec(), &diagnostics, Applicability::Safe)), 0);
        assert_eq!(comments(fix_all(&fx.ws, fx.spec(), &diagnostics, Applicability::Unsafe)), 1);
    }
}
