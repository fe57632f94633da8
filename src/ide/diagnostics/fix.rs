//! What a quick fix is, and the small edit kit the rules' fixes share. Each rule offers its own
//! fixes from its own file (`fixes` beside `check`); `code_actions` gathers and applies them.
//!
//! The rules own their suggestions and hand them over in `Diagnostic::hint`, so a fix never
//! offers something its diagnostic did not, and never depends on a message's wording.

use std::path::PathBuf;

use crate::spec::finding::{Diagnostic, Hint};
use crate::spec::Spec;
use crate::syntax::yaml::{NodeKind, YamlEntry, YamlNode};
use crate::text::TextRange;

/// Replace `range` of the spec's text with `new_text`.
pub use crate::text::TextEdit as Edit;

/// A file the fix creates, with its initial text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewFile {
    pub path: PathBuf,
    pub text: String,
}

/// One repair: edits to the spec itself (non-overlapping, in source order) and files to create.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    pub creates: Vec<NewFile>,
    /// Indices of the diagnostics (in the slice given to us) that this fix repairs.
    pub diagnostics: Vec<usize>,
    /// Removes something the user wrote: never applied by "fix all".
    pub deletes: bool,
    /// Keeps what the user wrote but changes what chant does with the spec (a dependency added
    /// blocks it): applied by "fix all" only with unsafe fixes.
    pub changes_meaning: bool,
    /// The single best choice for the diagnostic (the editor may apply it with one key).
    pub preferred: bool,
}

impl Fix {
    pub(crate) fn edit(title: impl Into<String>, index: usize, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            edits,
            creates: Vec::new(),
            diagnostics: vec![index],
            deletes: false,
            changes_meaning: false,
            preferred: false,
        }
    }
}

/// "Change to" each value the rule suggested, best first, in the quotes the value was written
/// with: the fix of `invalid-value`, `unknown-dependency` and `unknown-member`.
pub(crate) fn replace_with_suggestions(spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    let original = &spec.text[d.range.as_usize()];
    suggested(d)
        .into_iter()
        .map(|s| {
            let edit = Edit { range: d.range, new_text: requote(original, s) };
            Fix::edit(format!("Change to `{s}`"), index, vec![edit])
        })
        .collect()
}

/// The replacement values the rule suggested, best first.
pub(crate) fn suggested(d: &Diagnostic) -> Vec<&str> {
    match &d.hint {
        Hint::Replace(values) => values.iter().map(String::as_str).collect(),
        _ => Vec::new(),
    }
}

/// `new` in the quotes `original` was written with, so the file keeps its style.
pub(crate) fn requote(original: &str, new: &str) -> String {
    for q in ['"', '\''] {
        if original.len() >= 2 && original.starts_with(q) && original.ends_with(q) {
            return format!("{q}{new}{q}");
        }
    }
    new.to_string()
}

/// The whole lines an entry spans, terminators included: what removing it deletes.
pub(crate) fn entry_lines(text: &str, entry: &YamlEntry) -> TextRange {
    let end = entry.value.range.end.max(entry.key.range.end) as usize;
    let first = full_line(text, entry.key.range.start as usize);
    let last = full_line(text, end.saturating_sub(1).max(entry.key.range.start as usize));
    TextRange::new(first.start as usize, last.end as usize)
}

/// Edits adding `items` (source text) at the end of the list `seq`, in the list's own style.
pub(crate) fn append_items(text: &str, seq: &YamlNode, items: &[&str]) -> Option<Vec<Edit>> {
    let NodeKind::Seq { flow, items: existing } = &seq.kind else { return None };
    if *flow {
        let close = seq.range.end as usize - 1;
        let (at, sep) = match existing.last() {
            Some(last) => (last.range.end as usize, ", "),
            None => (close, ""),
        };
        let new_text = format!("{sep}{}", items.join(", "));
        return Some(vec![Edit { range: TextRange::empty(at), new_text }]);
    }
    let last = existing.last()?;
    let prefix = dash_prefix(text, last.range.start as usize)?;
    let nl = eol(text);
    let new_text: String = items.iter().map(|it| format!("{nl}{prefix}- {it}")).collect();
    Some(vec![Edit { range: TextRange::empty(last.range.end as usize), new_text }])
}

/// The indentation before the `-` of the block list item starting at `item_start`.
pub(crate) fn dash_prefix(text: &str, item_start: usize) -> Option<&str> {
    let dash = text[..item_start].rfind('-')?;
    let line_start = text[..dash].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..dash];
    prefix.chars().all(|c| c == ' ').then_some(prefix)
}

/// The line ending the file already uses, so inserted lines keep CRLF files CRLF.
pub(crate) fn eol(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// Byte range of the line holding `offset`, including its terminator. Searches bytes, not `str`
/// slices: `\n` never occurs inside a character, so an offset inside one cannot panic.
pub(crate) fn full_line(text: &str, offset: usize) -> TextRange {
    let bytes = text.as_bytes();
    let start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &bytes[offset..]).map_or(text.len(), |i| offset + i + 1);
    TextRange::new(start, end)
}

/// Column (in bytes) of `offset` on its line.
pub(crate) fn column(text: &str, offset: usize) -> usize {
    offset - text[..offset].rfind('\n').map_or(0, |i| i + 1)
}
