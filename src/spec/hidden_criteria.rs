//! Checkbox lists chant cannot see: task boxes under an acceptance-criteria heading that is not
//! the one chant counts (`### Acceptance Criteria`, `## Acceptance criteria`, or an earlier
//! `## Acceptance Criteria` that a later one shadows). Shared by the `invisible-criteria` rule
//! and the code lens that offers the heading fix.

use super::Spec;
use crate::text::TextRange;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HiddenCriteria {
    /// The heading's range (its line without the terminator).
    pub heading: TextRange,
    /// How many task boxes under it chant does not count.
    pub hidden: usize,
    /// The heading is an earlier `## Acceptance Criteria` that a later one replaces.
    pub shadowed: bool,
    /// The heading is the line chant takes as the spec's title: its name, never to be renamed
    /// into a criteria heading (chant would report `Missing title`).
    pub title: bool,
}

impl Spec {
    pub fn hidden_criteria(&self) -> Vec<HiddenCriteria> {
        if !self.has_other_criteria_heading() || !self.has_uncounted_box() {
            return Vec::new();
        }
        let counted: Vec<u32> = self.criteria.items.iter().map(|c| c.range.start).collect();
        let md = self.markdown();
        let mut out = Vec::new();
        let title_line = self.title.as_ref().map(|t| t.line);
        for (i, heading) in md.headings.iter().enumerate() {
            if !heading.text.to_lowercase().contains("acceptance criteria") {
                continue;
            }
            let end = md.headings[i + 1..]
                .iter()
                .find(|h| h.level <= heading.level)
                .map_or(self.text.len() as u32, |h| h.range.start);
            let hidden = md
                .task_boxes
                .iter()
                .filter(|b| {
                    b.range.start > heading.range.end && b.range.start < end && !counted.contains(&b.range.start)
                })
                .count();
            if hidden == 0 {
                continue;
            }
            let shadowed = self
                .criteria
                .shadowed_headings
                .iter()
                .any(|h| h.start <= heading.range.start && heading.range.start <= h.end);
            let title = title_line.is_some_and(|t| t.start <= heading.range.start && heading.range.start <= t.end);
            out.push(HiddenCriteria { heading: heading.range, hidden, shadowed, title });
        }
        out
    }

    /// True when some `#` line other than the heading chant counts mentions acceptance criteria:
    /// a cheap test (a SIMD substring search) that decides whether the markdown outline is worth
    /// building for this spec.
    fn has_other_criteria_heading(&self) -> bool {
        let text = self.text.as_bytes();
        let counted = self.criteria.heading.map(|h| h.start as usize);
        let found = |needle: &[u8]| -> bool {
            // Each line is looked at once, at its first occurrence: a long line holding the word
            // many times must not be scanned and lowercased once per occurrence.
            let mut line_done_at = 0;
            memchr::memmem::find_iter(&text[self.body_start..], needle).any(|at| {
                let at = self.body_start + at;
                if at < line_done_at {
                    return false;
                }
                let line_start = memchr::memrchr(b'\n', &text[..at]).map_or(0, |i| i + 1);
                let line = &self.text[line_start..];
                let line = &line[..line.find('\n').unwrap_or(line.len())];
                line_done_at = line_start + line.len();
                line.trim_start().starts_with('#')
                    && line.to_ascii_lowercase().contains("acceptance criteria")
                    && Some(line_start) != counted
            })
        };
        found(b"cceptance") || found(b"CCEPTANCE")
    }

    /// True when the body has a `[`, any byte, `]` that is not one of the boxes chant counts:
    /// every task box CommonMark sees starts with one, so without it nothing is hidden and the
    /// outline need not be built. That is the usual case for a spec whose title or an example
    /// heading mentions acceptance criteria: its only boxes are the counted ones.
    fn has_uncounted_box(&self) -> bool {
        let text = self.text.as_bytes();
        // The counted boxes, in text order, by the offset of their `[`.
        let counted = &self.criteria.items;
        let boxes = memchr::memchr_iter(b'[', &text[self.body_start..]).map(|at| self.body_start + at);
        boxes
            .filter(|&at| text.get(at + 2) == Some(&b']'))
            .any(|at| counted.binary_search_by_key(&(at as u32), |c| c.range.start).is_err())
    }
}

#[cfg(test)]
mod tests {
    use crate::spec::{Spec, SpecLocation};

    fn hidden(text: &str) -> Vec<(usize, bool)> {
        let spec = Spec::parse("x".into(), SpecLocation::Active, text.into());
        spec.hidden_criteria().iter().map(|h| (h.hidden, h.shadowed)).collect()
    }

    /// The outline is skipped only when every box is counted; any other box, in whatever list
    /// shape CommonMark reads as a task, still reaches it.
    #[test]
    fn only_counted_boxes_hide_nothing() {
        assert_eq!(hidden("# Check acceptance criteria\n## Acceptance Criteria\n- [ ] a\n* - [x] b\n"), []);
        assert_eq!(hidden("### Acceptance Criteria\n- [ ] a\n## Acceptance Criteria\n- [ ] b\n"), [(1, false)]);
        assert_eq!(hidden("### Acceptance Criteria\n1. [x] a\n## Acceptance Criteria\n- [ ] b\n"), [(1, false)]);
        assert_eq!(hidden("### Acceptance Criteria\n-  [\t] a\n## Acceptance Criteria\n- [ ] b\n"), [(1, false)]);
        assert_eq!(hidden("## Acceptance Criteria\n> - [ ] a\n## Acceptance Criteria\n"), [(1, true)]);
    }

    /// Boxes under the title chant reads are found, and the heading is marked as the title; a
    /// later level-1 heading is not the title.
    #[test]
    fn the_title_heading_is_marked() {
        let titles = |text: &str| -> Vec<bool> {
            let spec = Spec::parse("x".into(), SpecLocation::Active, text.into());
            spec.hidden_criteria().iter().map(|h| h.title).collect()
        };
        assert_eq!(titles("# Check the acceptance criteria\n- [ ] a\n"), [true]);
        assert_eq!(titles("---\n---\n\n  # Acceptance Criteria\n- [ ] a\n"), [true]);
        assert_eq!(titles("# T\n# Acceptance Criteria\n- [ ] a\n"), [false]);
    }
}
