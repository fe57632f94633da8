//! chant's acceptance-criteria rule (spec-format §6), reproduced line for line so that our count
//! is chant's count: the section after the **last** line outside ```` ``` ```` fences whose
//! left-trimmed text starts with `## Acceptance Criteria`, up to the next line starting with `## `;
//! every `- [ ]` / `- [x]` / `- [X]` substring on a non-fence line in it is a criterion.

use std::sync::LazyLock;

use memchr::memmem;

use crate::text::{TextEdit, TextRange};

pub const MARKER: &str = "## Acceptance Criteria";

/// The edit that renames a heading to chant's marker, keeping what follows the words
/// (`### acceptance criteria (v2)` becomes `## Acceptance Criteria (v2)`): `line` is the
/// heading line without its break. `None` when the line does not name the criteria. The code
/// lens and the `invisible-criteria` quick fix both rename with it.
pub fn marker_rename(text: &str, line: TextRange) -> Option<TextEdit> {
    const WORDS: &str = "acceptance criteria";
    let at = text[line.as_usize()].to_ascii_lowercase().find(WORDS)?;
    let range = TextRange::new(line.start as usize, line.start as usize + at + WORDS.len());
    Some(TextEdit { range, new_text: MARKER.to_string() })
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Criterion {
    /// The `[ ]` / `[x]` bytes of this box.
    pub range: TextRange,
    pub checked: bool,
    /// The text after the box up to the end of the line (trimmed), possibly empty.
    pub text: TextRange,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Criteria {
    /// The heading line chant counts from, if any.
    pub heading: Option<TextRange>,
    /// Earlier marker lines that chant ignores because a later one wins.
    pub shadowed_headings: Vec<TextRange>,
    /// The byte range of the counted section (heading line to section end).
    pub section: Option<TextRange>,
    pub items: Vec<Criterion>,
}

impl Criteria {
    pub fn unchecked(&self) -> impl Iterator<Item = &Criterion> {
        self.items.iter().filter(|c| !c.checked)
    }

    pub fn n_checked(&self) -> usize {
        self.items.iter().filter(|c| c.checked).count()
    }

    /// [`has_acceptance_criteria`] for the text these criteria were read from. Nothing before
    /// the first marker line matters to it, and that line sits outside a fence, so the walk
    /// starts there (a spec without one needs no walk at all).
    pub fn has_acceptance_criteria(&self, text: &str) -> bool {
        let first = self.shadowed_headings.first().or(self.heading.as_ref());
        first.is_some_and(|marker| has_acceptance_criteria(text, marker.start as usize))
    }
}

/// A body line with its fence state, as chant's loops see it.
pub struct BodyLine {
    pub range: TextRange,
    /// True for fence-delimiter lines and the lines between them.
    pub in_fence: bool,
}

/// Splits `text[start..]` into lines, tracking chant's fence toggle: any line whose left-trimmed
/// text starts with three backticks flips the state (no info-string or length matching).
pub fn body_lines(text: &str, start: usize) -> impl Iterator<Item = BodyLine> + '_ {
    let mut in_fence = false;
    let mut pos = start;
    // Line ends found with the vectorised memchr: every spec's body is walked several times.
    let ends = memchr::memchr_iter(b'\n', &text.as_bytes()[start..]).map(move |i| start + i + 1);
    let ends = ends.chain((text.len() > start && !text.ends_with('\n')).then_some(text.len()));
    ends.map(move |end| {
        let line = text.as_bytes()[pos..end].strip_suffix(b"\n").unwrap_or(&text.as_bytes()[pos..end]);
        let content_len = line.len() - line.iter().rev().take_while(|&&b| b == b'\r').count();
        let range = TextRange::new(pos, pos + content_len);
        let content = &text[pos..pos + content_len];
        pos = end;
        if trimmed_starts_with(content, "```") {
            in_fence = !in_fence;
            return BodyLine { range, in_fence: true };
        }
        BodyLine { range, in_fence }
    })
}

/// `line.trim_start().starts_with(prefix)` for a prefix starting with an ASCII non-space byte,
/// as chant tests its lines. Every body line is tested several times, so the usual case, a
/// line starting with another plain ASCII byte, is answered from that byte without decoding.
fn trimmed_starts_with(line: &str, prefix: &str) -> bool {
    match line.as_bytes().first() {
        None => false,
        // `char::is_whitespace` on ASCII: tab to carriage return, and space.
        Some(&first) if first.is_ascii() && !matches!(first, b'\t'..=b'\r' | b' ') => line.starts_with(prefix),
        Some(_) => line.trim_start().starts_with(prefix),
    }
}

fn is_marker(text: &str, line: &BodyLine) -> bool {
    !line.in_fence && trimmed_starts_with(&text[line.range.as_usize()], MARKER)
}

/// chant's count, in two passes: find the last marker line, then read its section. The section
/// is re-scanned from the marker, which always sits outside a fence, so the fence state restarts
/// correctly there.
pub fn criteria(text: &str, body_start: usize) -> Criteria {
    let mut markers = marker_lines(text, body_start);
    let Some(last) = markers.pop() else {
        return Criteria::default();
    };
    let mut res = Criteria { heading: Some(last), shadowed_headings: markers, ..Criteria::default() };
    let mut end = last.end;
    for line in body_lines(text, last.start as usize).skip(1) {
        let content = &text[line.range.as_usize()];
        if !line.in_fence && trimmed_starts_with(content, "## ") {
            break;
        }
        end = line.range.end;
        if !line.in_fence {
            collect_boxes(content, line.range.start as usize, &mut res.items);
        }
    }
    res.section = Some(TextRange::new(last.start as usize, end as usize));
    res
}

/// The marker lines outside fences: `body_lines` filtered by `is_marker`, found without walking
/// every line (that walk was most of the count). A marker is outside a fence when an even number
/// of fence lines comes before it.
fn marker_lines(text: &str, body_start: usize) -> Vec<TextRange> {
    let mut fences = fence_line_starts(text, body_start).peekable();
    let mut fences_before = 0usize;
    let mut out = Vec::new();
    for line_start in line_starts_with(text, body_start, MARKER) {
        while fences.next_if(|&fence| fence < line_start).is_some() {
            fences_before += 1;
        }
        if fences_before % 2 == 1 {
            continue;
        }
        let line = &text.as_bytes()[line_start..];
        let line = &line[..memchr::memchr(b'\n', line).unwrap_or(line.len())];
        let content_len = line.len() - line.iter().rev().take_while(|&&b| b == b'\r').count();
        out.push(TextRange::new(line_start, line_start + content_len));
    }
    out
}

/// Where the lines of `text[start..]` that flip chant's fence state start, in order: the lines
/// `body_lines` marks as fence delimiters, found by a substring search instead of a line walk.
pub fn fence_line_starts(text: &str, start: usize) -> impl Iterator<Item = usize> + '_ {
    line_starts_with(text, start, "```")
}

/// Where the lines of `text[start..]` (split as `body_lines` splits them) whose left-trimmed text
/// starts with `prefix` start, in order. The first occurrence on a line is the only one that can
/// start its trimmed text, and none spans lines, so each line is found once.
fn line_starts_with<'a>(text: &'a str, start: usize, prefix: &'a str) -> impl Iterator<Item = usize> + 'a {
    let body = &text.as_bytes()[start..];
    // Later occurrences on a line already looked at are skipped without scanning it again, so
    // a long line holding the prefix many times costs one pass, not one per occurrence.
    let mut line_done_at = 0;
    memmem::find_iter(body, prefix.as_bytes()).filter_map(move |at| {
        if at < line_done_at {
            return None;
        }
        line_done_at = memchr::memchr(b'\n', &body[at..]).map_or(body.len(), |i| at + i + 1);
        let line_start = start + memchr::memrchr(b'\n', &body[..at]).map_or(0, |i| i + 1);
        text[line_start..start + at].trim_start().is_empty().then_some(line_start)
    })
}

fn collect_boxes(line: &str, base: usize, acc: &mut Vec<Criterion>) {
    // Every `- [ ]`, `- [x]` and `- [X]`, in order: none of them can overlap another, so one
    // search for their shared `- [` finds them all (three substring searches per line cost more
    // than the rest of the count).
    let bytes = line.as_bytes();
    // The searcher is built once: setting one up per line cost as much as the search.
    static BOX_START: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new("- ["));
    let found: Vec<(usize, bool)> = BOX_START
        .find_iter(bytes)
        .filter(|&i| bytes.get(i + 4) == Some(&b']'))
        .filter_map(|i| match bytes.get(i + 3) {
            Some(b' ') => Some((i, false)),
            Some(b'x' | b'X') => Some((i, true)),
            _ => None,
        })
        .collect();
    for (k, &(i, checked)) in found.iter().enumerate() {
        let text_start = i + 5;
        let text_end = found.get(k + 1).map_or(line.len(), |&(next, _)| next);
        let raw = &line[text_start..text_end];
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        acc.push(Criterion {
            range: TextRange::new(base + i + 2, base + i + 5),
            checked,
            text: TextRange::new(base + text_start + lead, base + text_start + lead + trimmed.len()),
        });
    }
}

/// chant's `Spec::has_acceptance_criteria`, which decides whether a spec with members waits for
/// them: a box line (`- [ ] `, `- [x] `, `- [X] `, left-trimmed, with the space) after the
/// **first** marker line outside a fence, before the next line starting with `## `. Unlike the
/// count above, it reads fenced lines inside the section too.
pub fn has_acceptance_criteria(text: &str, body_start: usize) -> bool {
    let mut in_section = false;
    for line in body_lines(text, body_start) {
        let trimmed = text[line.range.as_usize()].trim_start();
        if is_marker(text, &line) {
            in_section = true;
            continue;
        }
        if in_section && trimmed.starts_with("## ") {
            return false;
        }
        if in_section && ["- [ ] ", "- [x] ", "- [X] "].iter().any(|b| trimmed.starts_with(b)) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(body: &str) -> (usize, usize) {
        let c = criteria(body, 0);
        (c.items.len(), c.unchecked().count())
    }

    #[test]
    fn last_section_outside_fences_wins() {
        let body = "## Acceptance Criteria\n- [ ] a\n```\n## Acceptance Criteria\n```\n## Other\n## Acceptance Criteria (v2)\n- [ ] b - [x] c\n  - [ ] nested\n```\n- [ ] fenced\n```\n### Sub\n- [X] d\n## End\n- [ ] after\n";
        assert_eq!(count(body), (4, 2));
    }

    #[test]
    fn has_criteria_reads_the_first_section_and_fenced_boxes() {
        let has = |body: &str| has_acceptance_criteria(body, 0);
        assert!(has("## Acceptance Criteria\n```\n- [ ] fenced\n```\n"));
        assert!(!has("## Acceptance Criteria\n- [ ]\n## Next\n- [ ] later\n"));
        assert!(!has("### Acceptance Criteria\n- [ ] a\n"));
        assert!(has("## Acceptance Criteria (v2)\n### Sub\n  - [X] done\n"));
    }

    #[test]
    fn invisible_headings_count_nothing() {
        assert_eq!(count("### Acceptance Criteria\n- [ ] a\n## Acceptance criteria\n- [ ] b\n"), (0, 0));
    }

    /// The shortcuts (first-byte line tests, one `- [` search, the walk from the first marker)
    /// agree with the plain forms on random bodies of fences, markers, boxes and odd spaces.
    mod shortcuts {
        use super::super::*;
        use proptest::prelude::*;

        const PIECES: &[&str] = &[
            "## Acceptance Criteria",
            "## ",
            "```",
            "- [ ] ",
            "- [x]",
            "- [X] a",
            "- [",
            "]",
            "\n",
            "\r",
            " ",
            "\u{a0}",
            "\u{2003}",
            "\u{0b}",
            "x",
            "é",
        ];

        fn boxes_by_three_searches(line: &str) -> Vec<(usize, bool)> {
            let mut found = Vec::new();
            for (pat, checked) in [("- [ ]", false), ("- [x]", true), ("- [X]", true)] {
                found.extend(line.match_indices(pat).map(|(i, _)| (i, checked)));
            }
            found.sort_unstable();
            found
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]
            #[test]
            fn agree_with_the_plain_forms(picks in proptest::collection::vec(0..PIECES.len(), 0..60)) {
                let text: String = picks.iter().map(|&i| PIECES[i]).collect();
                for prefix in ["```", MARKER, "## "] {
                    for line in text.split('\n') {
                        prop_assert_eq!(trimmed_starts_with(line, prefix), line.trim_start().starts_with(prefix));
                    }
                }
                let plain: Vec<(usize, usize, bool)> = text
                    .split_inclusive('\n')
                    .scan(0, |pos, line| {
                        let start = *pos;
                        *pos += line.len();
                        let content = line.trim_end_matches(['\n', '\r']);
                        Some((start, start + content.len(), content.trim_start().starts_with("```")))
                    })
                    .collect();
                let fast: Vec<(usize, usize, bool)> = body_lines(&text, 0)
                    .map(|l| (l.range.start as usize, l.range.end as usize, trimmed_starts_with(&text[l.range.as_usize()], "```")))
                    .collect();
                prop_assert_eq!(fast, plain);
                let mut boxes = Vec::new();
                collect_boxes(&text, 0, &mut boxes);
                let found: Vec<(usize, bool)> = boxes.iter().map(|b| (b.range.start as usize - 2, b.checked)).collect();
                prop_assert_eq!(found, boxes_by_three_searches(&text));
                prop_assert_eq!(criteria(&text, 0).has_acceptance_criteria(&text), has_acceptance_criteria(&text, 0));
                for body_start in [0, text.len() / 2, text.len()] {
                    if text.is_char_boundary(body_start) {
                        let walked: Vec<TextRange> =
                            body_lines(&text, body_start).filter(|l| is_marker(&text, l)).map(|l| l.range).collect();
                        prop_assert_eq!(marker_lines(&text, body_start), walked);
                    }
                }
            }
        }
    }
}
