//! A small YAML tree with exact byte spans, built from saphyr-parser's events.
//!
//! serde_yaml decides what chant accepts but keeps no positions; this tree is where every key,
//! value and list item is located. saphyr counts characters, so spans are converted to bytes once
//! here. Only the first document is kept; a scanner error stops the tree and is returned.

use std::borrow::Cow;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use crate::text::TextRange;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlNode {
    pub range: TextRange,
    pub kind: NodeKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeKind {
    Scalar { value: String, plain: bool },
    Seq { flow: bool, items: Vec<YamlNode> },
    Map { flow: bool, entries: Vec<YamlEntry> },
    Alias,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlEntry {
    pub key: YamlNode,
    pub value: YamlNode,
}

impl YamlNode {
    pub fn as_scalar(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// True for `key:` with nothing after it, and for `~` / `null`, which serde reads as `None`.
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, NodeKind::Scalar { value, plain: true } if value.is_empty() || value == "~" || value == "null" || value == "Null" || value == "NULL")
    }

    pub fn entries(&self) -> &[YamlEntry] {
        match &self.kind {
            NodeKind::Map { entries, .. } => entries,
            _ => &[],
        }
    }

    pub fn get(&self, key: &str) -> Option<&YamlNode> {
        self.entries().iter().find(|e| e.key.as_scalar() == Some(key)).map(|e| &e.value)
    }

    /// Scalar items of a sequence, or the node itself when it is a single scalar.
    pub fn scalar_items(&self) -> Vec<&YamlNode> {
        match &self.kind {
            NodeKind::Seq { items, .. } => items.iter().filter(|it| it.as_scalar().is_some()).collect(),
            NodeKind::Scalar { .. } if !self.is_null() => vec![self],
            _ => Vec::new(),
        }
    }

    /// The innermost node whose range starts at `offset`, for placing serde's error locations.
    pub fn innermost_at(&self, offset: usize) -> Option<&YamlNode> {
        let children: Vec<&YamlNode> = match &self.kind {
            NodeKind::Seq { items, .. } => items.iter().collect(),
            NodeKind::Map { entries, .. } => entries.iter().flat_map(|e| [&e.key, &e.value]).collect(),
            _ => Vec::new(),
        };
        children
            .into_iter()
            .find_map(|child| child.innermost_at(offset))
            .or_else(|| (self.range.start as usize == offset).then_some(self))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub offset: usize,
    pub message: String,
}

/// Converts saphyr's character indices into byte offsets of the parsed text.
struct CharToByte {
    /// `None` when the text is ASCII and the two coincide.
    table: Option<Vec<u32>>,
    len: usize,
}

impl CharToByte {
    fn new(text: &str) -> CharToByte {
        let table = (!text.is_ascii()).then(|| text.char_indices().map(|(i, _)| i as u32).collect());
        CharToByte { table, len: text.len() }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.table {
            None => char_index.min(self.len),
            Some(table) => table.get(char_index).map_or(self.len, |&b| b as usize),
        }
    }
}

struct Builder<'a> {
    src: &'a str,
    base: usize,
    map: CharToByte,
}

impl Builder<'_> {
    fn range(&self, span: Span) -> TextRange {
        TextRange::new(self.base + self.map.byte(span.start.index()), self.base + self.map.byte(span.end.index()))
    }

    /// Quoted scalars' spans can run past the closing quote; trim back to it.
    fn scalar_range(&self, span: Span, style: ScalarStyle) -> TextRange {
        let range = self.range(span);
        let quote = match style {
            ScalarStyle::SingleQuoted => '\'',
            ScalarStyle::DoubleQuoted => '"',
            _ => return trim_trailing_ws(self.src, self.base, range),
        };
        let text = &self.src[range.start as usize - self.base..range.end as usize - self.base];
        match text.rfind(quote) {
            Some(i) if i > 0 => TextRange::new(range.start as usize, range.start as usize + i + 1),
            _ => range,
        }
    }
}

fn trim_trailing_ws(src: &str, base: usize, range: TextRange) -> TextRange {
    let text = &src[range.start as usize - base..range.end as usize - base];
    TextRange::new(range.start as usize, range.start as usize + text.trim_end().len())
}

/// Parses `src` (which sits at byte `base` of the file) into a tree of the first document.
pub fn parse(src: &str, base: usize) -> (Option<YamlNode>, Option<YamlError>) {
    let builder = Builder { src, base, map: CharToByte::new(src) };
    let mut parser = Parser::new_from_str(src);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<YamlNode> = None;
    let mut too_deep = TooDeep::default();
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(it) => it,
            Err(err) => {
                let offset = base + builder.map.byte(err.marker().index());
                return (root, Some(YamlError { offset, message: err.info().to_string() }));
            }
        };
        let node = if too_deep.depth > 0 || (stack.len() >= MAX_DEPTH && is_start(&event)) {
            too_deep.feed(&event, builder.range(span))
        } else {
            match event {
                Event::Scalar(value, style, _, _) => Some(YamlNode {
                    range: builder.scalar_range(span, style),
                    kind: NodeKind::Scalar { value: cow_string(value), plain: style == ScalarStyle::Plain },
                }),
                Event::Alias(_) => Some(YamlNode { range: builder.range(span), kind: NodeKind::Alias }),
                Event::SequenceStart(..) => {
                    stack.push(Frame::new(builder.range(span), src, base, true));
                    None
                }
                Event::MappingStart(..) => {
                    stack.push(Frame::new(builder.range(span), src, base, false));
                    None
                }
                Event::SequenceEnd | Event::MappingEnd => stack.pop().map(|f| f.finish(builder.range(span), src, base)),
                Event::DocumentEnd => break,
                _ => None,
            }
        };
        let Some(node) = node else { continue };
        match stack.last_mut() {
            Some(frame) => frame.push(node),
            None => {
                root = Some(node);
            }
        }
    }
    (root, None)
}

/// Containers nested deeper than this are kept as one empty placeholder node. serde_yaml, which
/// gives chant's verdict, stops at 128 levels too; and every walk over the tree (rules, cursor,
/// dropping it) may then recurse without risking the stack on a 10,000-deep document.
pub const MAX_DEPTH: usize = 128;

fn is_start(event: &Event) -> bool {
    matches!(event, Event::SequenceStart(..) | Event::MappingStart(..))
}

/// Skips the events of a container below `MAX_DEPTH`, then stands for it as one empty node.
#[derive(Default)]
struct TooDeep {
    depth: usize,
    start: Option<(TextRange, bool)>,
}

impl TooDeep {
    fn feed(&mut self, event: &Event, range: TextRange) -> Option<YamlNode> {
        match event {
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if self.depth == 0 {
                    self.start = Some((range, matches!(event, Event::SequenceStart(..))));
                }
                self.depth += 1;
                None
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.depth -= 1;
                if self.depth > 0 {
                    return None;
                }
                let (start, is_seq) = self.start.take()?;
                let range = TextRange::new(start.start as usize, (range.end as usize).max(start.start as usize));
                let kind = if is_seq {
                    NodeKind::Seq { flow: false, items: Vec::new() }
                } else {
                    NodeKind::Map { flow: false, entries: Vec::new() }
                };
                Some(YamlNode { range, kind })
            }
            _ => None,
        }
    }
}

fn cow_string(value: Cow<'_, str>) -> String {
    value.into_owned()
}

struct Frame {
    start: TextRange,
    flow: bool,
    is_seq: bool,
    items: Vec<YamlNode>,
}

impl Frame {
    fn new(start: TextRange, src: &str, base: usize, is_seq: bool) -> Frame {
        let flow = src[start.start as usize - base..].starts_with(if is_seq { '[' } else { '{' });
        Frame { start, flow, is_seq, items: Vec::new() }
    }

    fn push(&mut self, node: YamlNode) {
        self.items.push(node);
    }

    fn finish(self, end: TextRange, src: &str, base: usize) -> YamlNode {
        let last_end = self.items.iter().map(|it| it.range.end).max().unwrap_or(self.start.end);
        let end = if self.flow { end.end } else { last_end };
        let range = trim_trailing_ws(
            src,
            base,
            TextRange::new(self.start.start as usize, (end as usize).max(self.start.start as usize)),
        );
        let kind = if self.is_seq {
            NodeKind::Seq { flow: self.flow, items: self.items }
        } else {
            let mut entries = Vec::new();
            let mut it = self.items.into_iter();
            while let (Some(key), Some(value)) = (it.next(), it.next()) {
                entries.push(YamlEntry { key, value });
            }
            NodeKind::Map { flow: self.flow, entries }
        };
        YamlNode { range, kind }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_bytes_and_quotes_are_kept() {
        let src = "t: \u{e9}\u{e9}\nl: [a, \"b\"]\n";
        let (root, err) = parse(src, 10);
        assert_eq!(err, None);
        let root = root.unwrap();
        let t = root.get("t").unwrap();
        assert_eq!(t.range, TextRange::new(13, 17));
        let items = root.get("l").unwrap().scalar_items();
        let ranges: Vec<_> = items.iter().map(|it| it.range).collect();
        assert_eq!(ranges, vec![TextRange::new(22, 23), TextRange::new(25, 28)]);
    }

    /// A 10,000-deep document keeps 128 levels and one placeholder, so walking or dropping the
    /// tree cannot overflow the stack.
    #[test]
    fn nesting_below_the_limit_becomes_one_placeholder() {
        let src = format!("labels:\n  {}x\nstatus: pending\n", "- ".repeat(10_000));
        let (root, err) = parse(&src, 0);
        assert_eq!(err, None);
        let root = root.unwrap();
        let (mut depth, mut node) = (0, root.get("labels").unwrap());
        while let NodeKind::Seq { items, .. } = &node.kind {
            let Some(first) = items.first() else { break };
            depth += 1;
            node = first;
        }
        assert_eq!(depth, MAX_DEPTH - 1);
        assert_eq!(node.kind, NodeKind::Seq { flow: false, items: Vec::new() });
        assert_eq!(root.get("status").and_then(YamlNode::as_scalar), Some("pending"));
    }

    #[test]
    fn scanner_error_is_located() {
        let (_, err) = parse("a: \"open\nb: 1\n", 0);
        assert!(err.is_some());
    }
}
