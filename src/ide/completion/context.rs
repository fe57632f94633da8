//! The cursor's context, read first: which frontmatter line it is on (the block as
//! `syntax::frontmatter` finds it), and whether a key, a nested key or a value is being typed
//! there, of which field, with what already listed. A frontmatter being typed is usually invalid
//! YAML (`depends_on: [a, 00`), so this reads the raw lines, never the YAML tree.

use crate::spec::schema;
use crate::spec::Spec;
use crate::syntax::frontmatter;
use crate::text::TextRange;

/// A frontmatter line: its range without the line break.
pub(super) type Line = TextRange;

/// The frontmatter's lines as `syntax::frontmatter` finds the block (to the end of the text
/// while it is still being typed), when `offset` lies on one of them.
pub(super) fn frontmatter_lines(spec: &Spec, offset: usize) -> Option<Vec<Line>> {
    let split = spec.split.as_ref()?;
    let inner: Vec<Line> = frontmatter::block_lines(&spec.text, split).collect();
    inner.iter().any(|l| l.start as usize <= offset && offset <= l.end as usize).then_some(inner)
}

pub(super) enum Context {
    /// A top-level key being typed at the start of a line.
    Key { edit: TextRange },
    /// A key of the mapping under `parent` (`approval:`), typed on an indented line.
    NestedKey { parent: &'static str, edit: TextRange },
    /// A value of `field` (`approval.status` for nested keys): `typed` is the part of the word
    /// before the cursor, `listed` the other entries already in the field; `pad` when the cursor
    /// touches the `:` or `-` before the value.
    Value { field: String, typed: String, edit: TextRange, listed: Vec<String>, pad: bool },
}

pub(super) fn context_at(text: &str, lines: &[Line], offset: usize) -> Option<Context> {
    let index = lines.iter().position(|l| l.start as usize <= offset && offset <= l.end as usize)?;
    let line = lines[index];
    let (start, end) = (line.start as usize, line.end as usize);
    if !text.is_char_boundary(offset) {
        return None;
    }
    let before = &text[start..offset];
    // serde_yaml, and so chant, writes block list items at column 0: `depends_on:\n- a`.
    let indented = before.starts_with([' ', '\t', '-']);
    if !indented && !before.contains(':') {
        // Inside an existing key (`sta|tus: x`) a key snippet would duplicate the colon.
        let rest = &text[offset..end];
        if !before.chars().all(is_key_char) || rest.contains(':') || rest.starts_with('-') {
            return None;
        }
        let word_end = offset + text[offset..end].find(|c| !is_key_char(c)).unwrap_or(end - offset);
        return Some(Context::Key { edit: TextRange::new(start, word_end) });
    }
    let trimmed = before.trim_start();
    if indented && trimmed.chars().all(is_key_char) && !text[offset..end].contains(':') {
        let parent = top_key(&text[lines[owner_line(text, lines, index)?].as_usize()])?;
        let parent = schema::field(parent).filter(|f| !schema::nested_fields(f.name).is_empty())?.name;
        let word_end = offset + text[offset..end].find(|c| !is_key_char(c)).unwrap_or(end - offset);
        return Some(Context::NestedKey { parent, edit: TextRange::new(offset - trimmed.len(), word_end) });
    }
    let field = if indented { nested_field(text, lines, index)? } else { top_key(&text[start..end])?.to_string() };
    let value_start = value_start(text, start, offset, indented)?;
    // Step over the whole break character: a no-break or line-separator space is several bytes.
    let typed = &text[value_start..offset];
    let word_start = value_start
        + typed.rfind(is_value_break).map_or(0, |i| i + typed[i..].chars().next().map_or(1, char::len_utf8));
    let word_end = offset + text[offset..end].find(is_value_break).unwrap_or(end - offset);
    let owner = owner_line(text, lines, index);
    let listed = listed_values(text, lines, owner).into_iter().filter(|(_, r)| r.start as usize != word_start);
    Some(Context::Value {
        field,
        typed: text[word_start..offset].to_string(),
        edit: TextRange::new(word_start, word_end),
        listed: listed.map(|(v, _)| v).collect(),
        pad: word_start == value_start,
    })
}

pub(super) fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Characters that end a value word: list syntax, quotes and spaces.
pub(super) fn is_value_break(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | '[' | ']' | '"' | '\'')
}

/// `key` of a `key: ...` line written at column 0.
pub(super) fn top_key(line: &str) -> Option<&str> {
    let (key, _) = line.split_once(':')?;
    (!key.is_empty() && key.chars().all(is_key_char)).then_some(key)
}

/// Where the value of the cursor's line starts: after `key:`, or after `- ` of a list item.
pub(super) fn value_start(text: &str, line_start: usize, offset: usize, indented: bool) -> Option<usize> {
    let before = &text[line_start..offset];
    let trimmed = before.trim_start();
    let indent = before.len() - trimmed.len();
    if indented && trimmed.starts_with('-') {
        return Some(line_start + indent + 1);
    }
    let colon = before.find(':')?;
    Some(line_start + colon + 1)
}

/// The field an indented line belongs to: the top-level key above it, or `parent.child` for a
/// `child: value` line nested under it.
pub(super) fn nested_field(text: &str, lines: &[Line], index: usize) -> Option<String> {
    let owner = owner_line(text, lines, index)?;
    let parent = top_key(&text[lines[owner].as_usize()])?;
    let own = text[lines[index].as_usize()].trim_start();
    if own.starts_with('-') {
        return Some(parent.to_string());
    }
    let (child, _) = own.split_once(':')?;
    Some(format!("{parent}.{}", child.trim_end()))
}

/// The nearest line at or above `index` that starts at column 0 with a key.
pub(super) fn owner_line(text: &str, lines: &[Line], index: usize) -> Option<usize> {
    (0..=index).rev().find(|&i| {
        let line = &text[lines[i].as_usize()];
        !line.starts_with([' ', '\t', '#']) && top_key(line).is_some()
    })
}

/// The values written under the key on line `owner` (flow items, block items or a scalar),
/// with their ranges, read from the raw text.
pub(super) fn listed_values(text: &str, lines: &[Line], owner: Option<usize>) -> Vec<(String, TextRange)> {
    let Some(owner) = owner else { return Vec::new() };
    let mut out = Vec::new();
    let key_line = lines[owner];
    let colon = text[key_line.as_usize()].find(':').map_or(key_line.end as usize, |i| key_line.start as usize + i + 1);
    words(text, TextRange::new(colon, key_line.end as usize), &mut out);
    for line in lines[owner + 1..].iter().take_while(|l| text[l.as_usize()].starts_with([' ', '\t', '-'])) {
        let content = &text[line.as_usize()];
        if let Some(dash) = content.trim_start().strip_prefix('-') {
            let from = line.end as usize - dash.len();
            words(text, TextRange::new(from, line.end as usize), &mut out);
        }
    }
    out
}

pub(super) fn words(text: &str, range: TextRange, out: &mut Vec<(String, TextRange)>) {
    let mut start = None;
    for (i, c) in text[range.as_usize()].char_indices().chain([(range.len(), ' ')]) {
        let at = range.start as usize + i;
        match (start, is_value_break(c)) {
            (None, false) => start = Some(at),
            (Some(s), true) => {
                out.push((text[s..at].to_string(), TextRange::new(s, at)));
                start = None;
            }
            _ => {}
        }
    }
}
