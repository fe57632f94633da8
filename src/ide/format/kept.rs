//! Where `fmt` keeps what chant's save would delete: frontmatter comments and unknown keys.
//!
//! chant writes each known key as serde_yaml renders it (a "block": the key's line and its
//! indented or `- ` lines), in its struct's order. Around those blocks the user's lines go here:
//! - **A comment above a known key** (comment lines, blank lines between them dropped, up to the
//!   key) stays right above that key's block, wherever chant's order puts the key.
//! - **A trailing comment on a known key's line** stays at the end of that line when chant writes
//!   the key on one line (`status: done  # until Friday`), its spacing kept; otherwise it becomes
//!   a whole line right after the key's block.
//! - **A comment inside a known key's value** (between list items, trailing an item) becomes a
//!   whole line right after the key's block, in the order written.
//! - **An unknown key** is kept verbatim, its value and the comments above it with it, right after
//!   the block of the known key written before it in the file (at the top when there is none).
//! - A known key chant leaves out (empty, `~`) is gone, as in chant; its comments go where an
//!   unknown key there would.
//!
//! Blank lines between kept lines are dropped, as chant drops them everywhere in the frontmatter.
//! Removing the kept lines (and trailing comments) from the result gives chant's output exactly.

use std::collections::BTreeMap;

use crate::syntax::yaml::{self, NodeKind, YamlNode};
use crate::text::TextRange;

/// Where a kept piece goes, in output order: above block `b` (`2b`) or below it (`2b + 1`).
type Slot = usize;

fn above(block: usize) -> Slot {
    2 * block
}

fn below(block: usize) -> Slot {
    2 * block + 1
}

/// chant's rendered frontmatter `rendered` with what `source` has beyond it kept in place;
/// returns the YAML and the ranges of the kept bytes in it.
pub(super) fn merge(source: &str, rendered: &str) -> Result<(String, Vec<TextRange>), String> {
    if source.trim().is_empty() || nothing_to_keep(source) {
        return Ok((rendered.to_string(), Vec::new()));
    }
    let blocks = Blocks::split(rendered);
    let (root, error) = yaml::parse(source, 0);
    if let Some(error) = error {
        return Err(format!("its YAML cannot be read with positions ({})", error.message));
    }
    let lines = Lines::new(source, root.as_ref());
    let entries = match &root {
        Some(YamlNode { kind: NodeKind::Map { flow: false, entries }, .. }) => entries.as_slice(),
        Some(YamlNode { kind: NodeKind::Map { flow: true, entries }, .. })
            if lines.has_comment()
                || entries
                    .iter()
                    .any(|e| crate::spec::schema::field(e.key.as_scalar().unwrap_or_default()).is_none()) =>
        {
            return Err("the frontmatter is a flow mapping `{…}` with comments or keys chant does not know".into())
        }
        _ => &[],
    };
    let mut plan = Plan::default();
    let key_lines: Vec<usize> = entries.iter().map(|e| lines.line_of(e.key.range.start as usize)).collect();
    if key_lines.windows(2).any(|w| w[0] == w[1]) {
        return Err("two keys share a line".into());
    }
    // Each entry owns its key line, the lines after it, and the comment lines right above it.
    let leads: Vec<usize> = key_lines.iter().map(|&k| lines.lead_start(k)).collect();
    let first_line = leads.first().copied().unwrap_or(lines.len());
    plan.comment_lines(&lines, 0..first_line, above(0));
    let mut last_written: Option<usize> = None;
    for (i, entry) in entries.iter().enumerate() {
        let end = leads.get(i + 1).copied().unwrap_or(lines.len());
        let name = entry.key.as_scalar().unwrap_or_default();
        let block = crate::spec::schema::field(name).and_then(|_| blocks.index(name));
        let after_last = last_written.map_or(above(0), below);
        match block {
            None if crate::spec::schema::field(name).is_none() => {
                plan.verbatim(&lines, leads[i]..end, after_last);
            }
            None => {
                plan.comment_lines(&lines, leads[i]..key_lines[i], after_last);
                plan.trailing(&lines, key_lines[i]..end, after_last);
            }
            Some(b) => {
                plan.comment_lines(&lines, leads[i]..key_lines[i], above(b));
                let nested = nested_unknown_lines(name, &entry.value, &lines, end)?;
                for range in &nested {
                    plan.verbatim(&lines, range.clone(), below(b));
                }
                let mut rest: Vec<usize> =
                    (key_lines[i]..end).filter(|l| !nested.iter().any(|r| r.contains(l))).collect();
                if blocks.is_one_line(b) {
                    if let Some(comment) = lines.trailing_comment(key_lines[i]) {
                        plan.inline.insert(b, comment);
                        rest.retain(|&l| l != key_lines[i]);
                    }
                }
                plan.trailing(&lines, rest, below(b));
                last_written = Some(b);
            }
        }
    }
    Ok(plan.emit(&blocks))
}

/// A quick look that proves there is nothing to keep without parsing: no `#` at all, and every
/// line at the left edge a known key of a plain shape (`approval` and `retry_state` could hold
/// unknown keys) or a `- ` list item; anything else takes the full look.
fn nothing_to_keep(source: &str) -> bool {
    use crate::spec::schema::{field, FieldShape};
    let known_plain = |line: &str| {
        let key = line.split_once(':').map_or("", |(key, _)| key);
        field(key).is_some_and(|f| f.shape != FieldShape::Map)
    };
    !source.contains('#')
        && source.lines().filter(|l| !l.trim().is_empty()).enumerate().all(|(i, line)| {
            let indented = line.starts_with([' ', '\t']);
            (i > 0 && (indented || line.starts_with('-'))) || known_plain(line)
        })
}

/// The line ranges of the keys chant does not know inside the known mapping `value` of `parent`
/// (`approval:` with a `note:`), each up to the next key of that mapping or `end`; kept verbatim
/// right after the parent's block, where they stay inside the mapping.
fn nested_unknown_lines(
    parent: &str,
    value: &YamlNode,
    lines: &Lines,
    end: usize,
) -> Result<Vec<std::ops::Range<usize>>, String> {
    let NodeKind::Map { flow, entries } = &value.kind else { return Ok(Vec::new()) };
    let unknown = |e: &yaml::YamlEntry| {
        let key = e.key.as_scalar().unwrap_or_default();
        crate::spec::schema::any_field(&format!("{parent}.{key}")).is_none()
    };
    if *flow && entries.iter().any(unknown) {
        return Err(format!("`{parent}` is written as `{{…}}` with a key chant does not know"));
    }
    let starts: Vec<usize> = entries.iter().map(|e| lines.line_of(e.key.range.start as usize)).collect();
    Ok(entries
        .iter()
        .enumerate()
        .filter(|(_, e)| unknown(e))
        .map(|(j, _)| starts[j]..starts.get(j + 1).copied().unwrap_or(end))
        .collect())
}

/// chant's rendering cut into one block per top-level key.
struct Blocks<'a> {
    blocks: Vec<(&'a str, &'a str)>,
}

impl<'a> Blocks<'a> {
    fn split(rendered: &'a str) -> Blocks<'a> {
        let mut blocks: Vec<(&str, &str)> = Vec::new();
        let mut start = 0;
        let mut names = Vec::new();
        for (offset, line) in line_spans(rendered) {
            let is_key = !line.starts_with([' ', '-']) && line.contains(':');
            if is_key {
                names.push((offset, line.split(':').next().unwrap_or_default()));
            }
        }
        for (i, &(offset, name)) in names.iter().enumerate() {
            let end = names.get(i + 1).map_or(rendered.len(), |n| n.0);
            blocks.push((name, &rendered[offset..end]));
            start = end;
        }
        debug_assert_eq!(start, rendered.len());
        Blocks { blocks }
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.blocks.iter().position(|(n, _)| *n == name)
    }

    fn is_one_line(&self, block: usize) -> bool {
        self.blocks[block].1.trim_end_matches('\n').lines().count() == 1
    }
}

/// Each line of `text` with its byte offset, terminators left out.
fn line_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |line| {
        let start = offset;
        offset += line.len();
        (start, line.trim_end_matches(['\n', '\r']))
    })
}

/// The source frontmatter's lines, with where each one's comment begins.
struct Lines<'a> {
    starts: Vec<usize>,
    texts: Vec<&'a str>,
    comments: Vec<Option<usize>>,
}

impl<'a> Lines<'a> {
    fn new(source: &'a str, root: Option<&YamlNode>) -> Lines<'a> {
        let mut scalars = Vec::new();
        if let Some(root) = root {
            scalar_ranges(root, &mut scalars);
        }
        scalars.sort_by_key(|r| r.start);
        let (starts, texts): (Vec<usize>, Vec<&str>) = line_spans(source).unzip();
        let comments = starts.iter().zip(&texts).map(|(&s, t)| comment_start(t, s, &scalars)).collect();
        Lines { starts, texts, comments }
    }

    fn len(&self) -> usize {
        self.texts.len()
    }

    fn has_comment(&self) -> bool {
        self.comments.iter().any(Option::is_some)
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    fn is_blank(&self, line: usize) -> bool {
        self.texts[line].trim().is_empty()
    }

    fn is_comment_only(&self, line: usize) -> bool {
        self.comments[line].is_some_and(|c| self.texts[line][..c].trim().is_empty())
    }

    /// The first line of the run of comment and blank lines right above line `key`.
    fn lead_start(&self, key: usize) -> usize {
        let mut start = key;
        while start > 0 && (self.is_comment_only(start - 1) || self.is_blank(start - 1)) {
            start -= 1;
        }
        start
    }

    /// The comment ending line `line`, with the spacing before it, when text comes first.
    fn trailing_comment(&self, line: usize) -> Option<&'a str> {
        let text = self.texts[line];
        let at = self.comments[line]?;
        let before = text[..at].trim_end();
        (!before.trim().is_empty()).then(|| text[before.len()..].trim_end())
    }
}

/// Collects the range of every scalar (keys included): a `#` inside one is text, not a comment.
fn scalar_ranges(node: &YamlNode, acc: &mut Vec<TextRange>) {
    match &node.kind {
        NodeKind::Scalar { .. } => acc.push(node.range),
        NodeKind::Seq { items, .. } => items.iter().for_each(|it| scalar_ranges(it, acc)),
        NodeKind::Map { entries, .. } => entries.iter().for_each(|e| {
            scalar_ranges(&e.key, acc);
            scalar_ranges(&e.value, acc);
        }),
        NodeKind::Alias => {}
    }
}

/// Where the comment of `line` (at byte `start` of the source) begins: a `#` at the line's start
/// or after a blank, outside every scalar.
fn comment_start(line: &str, start: usize, scalars: &[TextRange]) -> Option<usize> {
    let bytes = line.as_bytes();
    (0..bytes.len()).find(|&i| {
        bytes[i] == b'#' && (i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') && {
            let at = start + i;
            let inside = scalars.partition_point(|r| (r.start as usize) <= at);
            scalars[..inside].last().is_none_or(|r| at >= r.end as usize)
        }
    })
}

/// The kept pieces by slot (in source order within a slot) and the inline comments by block.
#[derive(Default)]
struct Plan<'a> {
    pieces: BTreeMap<Slot, Vec<String>>,
    inline: BTreeMap<usize, &'a str>,
}

impl<'a> Plan<'a> {
    /// The comment-only lines of `range`, verbatim.
    fn comment_lines(&mut self, lines: &Lines<'a>, range: std::ops::Range<usize>, slot: Slot) {
        for line in range.filter(|&l| lines.is_comment_only(l)) {
            self.pieces.entry(slot).or_default().push(lines.texts[line].to_string());
        }
    }

    /// Every comment of `range`: comment lines verbatim, trailing ones as lines of their own.
    fn trailing(&mut self, lines: &Lines<'a>, range: impl IntoIterator<Item = usize>, slot: Slot) {
        for line in range {
            let Some(at) = lines.comments[line] else { continue };
            let text = if lines.is_comment_only(line) { lines.texts[line] } else { lines.texts[line][at..].trim_end() };
            self.pieces.entry(slot).or_default().push(text.to_string());
        }
    }

    /// The lines of `range` as written, without the blank lines around them.
    fn verbatim(&mut self, lines: &Lines<'a>, range: std::ops::Range<usize>, slot: Slot) {
        let mut kept: Vec<usize> = range.collect();
        while kept.first().is_some_and(|&l| lines.is_blank(l)) {
            kept.remove(0);
        }
        while kept.last().is_some_and(|&l| lines.is_blank(l)) {
            kept.pop();
        }
        let piece = self.pieces.entry(slot).or_default();
        piece.extend(kept.into_iter().map(|l| lines.texts[l].to_string()));
    }

    fn emit(self, blocks: &Blocks) -> (String, Vec<TextRange>) {
        let mut out = String::new();
        let mut kept = Vec::new();
        for (b, (_, text)) in blocks.blocks.iter().enumerate() {
            self.put(above(b), &mut out, &mut kept);
            match self.inline.get(&b) {
                Some(comment) => {
                    out.push_str(text.trim_end_matches('\n'));
                    let start = out.len();
                    out.push_str(comment);
                    // Only the comment's bytes are kept: the line feed is chant's.
                    kept.push(TextRange::new(start, out.len()));
                    out.push('\n');
                }
                None => out.push_str(text),
            }
            self.put(below(b), &mut out, &mut kept);
        }
        (out, kept)
    }

    fn put(&self, slot: Slot, out: &mut String, kept: &mut Vec<TextRange>) {
        for line in self.pieces.get(&slot).into_iter().flatten() {
            let start = out.len();
            out.push_str(line);
            out.push('\n');
            kept.push(TextRange::new(start, out.len()));
        }
    }
}
