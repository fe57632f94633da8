//! `fmt` and `textDocument/formatting`: a spec rewritten into exactly the bytes chant 0.23.2's
//! `Spec::save` writes for it, except that what chant would delete stays (see `kept.rs`).
//!
//! chant saves `"---\n" + serde_yaml::to_string(&frontmatter) + "---\n" + body`: the frontmatter
//! is its own struct (`syntax::typed::ChantFrontmatter` mirrors it, field for field and attribute
//! for attribute, and goes through the same serde_yaml release), `model` normalized on read, and
//! the body is what its splitter returned from the trimmed file (spec-format §2.3). A spec chant
//! cannot load is not rewritten: the reason is returned instead.

mod kept;

use crate::syntax::frontmatter::{chant_split, ChantSplit};
use crate::syntax::typed::ChantFrontmatter;
use crate::text::{TextEdit, TextRange};

/// A spec in chant's own form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formatted {
    pub text: String,
    /// The bytes of `text` chant's save would not write: the user's frontmatter comments and the
    /// keys chant does not know, kept where they were (whole lines with their line feed, or a
    /// trailing ` # comment` on a key's line). Without them `text` is chant's output exactly.
    pub kept: Vec<TextRange>,
}

/// Why a spec is left as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotFormatted {
    pub reason: String,
}

/// The spec `text` as chant would save it, keeping its comments and unknown keys.
pub fn format_spec(text: &str) -> Result<Formatted, NotFormatted> {
    format_with(text, None)
}

/// [`format_spec`] for a text whose frontmatter chant's verdict is already known (a parsed
/// [`crate::spec::Spec`]), sparing one deserialization.
fn format_with(text: &str, verdict: Option<ChantFrontmatter>) -> Result<Formatted, NotFormatted> {
    let (formatted, reading) = format_once(text, verdict)?;
    // What chant will read back from the result must be what it reads now, and formatting the
    // result again must change nothing; a kept line that breaks either is not risked.
    let (again, reread) = format_once(&formatted.text, None)
        .map_err(|e| not_kept(&format!("the result would not load in chant ({})", e.reason)))?;
    if again.text != formatted.text || reread != reading {
        return Err(not_kept("the result would read differently in chant or change when formatted again"));
    }
    Ok(formatted)
}

/// The edits turning `text` into its formatted form `formatted`: at most one for the frontmatter
/// (common ends left out) and one removing the blank space after the body, which chant keeps
/// byte for byte; so an answer to the editor is no bigger than the frontmatter.
pub fn edits(text: &str, formatted: &str) -> Vec<TextEdit> {
    let body = chant_body(text);
    if !formatted.ends_with(&text[body.as_usize()]) {
        // Not the formatter's output for `text`: one edit, whatever it takes.
        return minimal_edit(text, formatted).into_iter().collect();
    }
    let body_at = formatted.len() - body.len();
    let head = minimal_edit(&text[..body.start as usize], &formatted[..body_at]);
    let tail = (body.end as usize) < text.len();
    let tail = tail.then(|| TextEdit { range: TextRange::new(body.end as usize, text.len()), new_text: String::new() });
    head.into_iter().chain(tail).collect()
}

/// The smallest single edit turning `before` into `after` (common prefix and suffix left out,
/// cut on character boundaries); `None` when they are equal.
fn minimal_edit(before: &str, after: &str) -> Option<TextEdit> {
    if before == after {
        return None;
    }
    let mut start = before.bytes().zip(after.bytes()).take_while(|(a, b)| a == b).count();
    while !before.is_char_boundary(start) || !after.is_char_boundary(start) {
        start -= 1;
    }
    let max_suffix = before.len().min(after.len()) - start;
    let mut suffix = before.bytes().rev().zip(after.bytes().rev()).take(max_suffix).take_while(|(a, b)| a == b).count();
    while !before.is_char_boundary(before.len() - suffix) || !after.is_char_boundary(after.len() - suffix) {
        suffix -= 1;
    }
    Some(TextEdit {
        range: TextRange::new(start, before.len() - suffix),
        new_text: after[start..after.len() - suffix].to_string(),
    })
}

/// Where the body chant keeps lies in `text`: after its frontmatter, blank space trimmed.
fn chant_body(text: &str) -> TextRange {
    let from = match chant_split(text) {
        ChantSplit::NoFrontmatter => 0,
        ChantSplit::Frontmatter { cut, .. } => cut.end as usize,
    };
    let rest = &text[from..];
    let start = from + (rest.len() - rest.trim_start().len());
    TextRange::new(start, start + rest.trim().len())
}

/// The editor's formatting: the edits that bring the open spec into chant's form, none when it
/// is in that form already. Reads nothing but the spec's own text.
pub fn formatting(file: super::SpecFile) -> Result<Vec<TextEdit>, NotFormatted> {
    let verdict = file
        .spec
        .verdict
        .clone()
        .map_err(|e| NotFormatted { reason: format!("chant cannot load it: {}", e.message) })?;
    let formatted = format_with(&file.spec.text, Some(verdict))?;
    Ok(edits(&file.spec.text, &formatted.text))
}

fn not_kept(why: &str) -> NotFormatted {
    NotFormatted { reason: format!("its frontmatter comments or unknown keys cannot be kept in place: {why}") }
}

/// What chant reads from a spec: its frontmatter (model normalized) and body, or why it fails;
/// `verdict` is the frontmatter when already known.
fn chant_reading(text: &str, verdict: Option<ChantFrontmatter>) -> Result<(ChantFrontmatter, &str), String> {
    let yaml = match chant_split(text) {
        ChantSplit::NoFrontmatter => None,
        ChantSplit::Frontmatter { yaml, .. } => Some(yaml),
    };
    let body = &text[chant_body(text).as_usize()];
    let mut frontmatter = match (verdict, yaml) {
        (Some(known), _) => known,
        (None, None) => ChantFrontmatter::default(),
        (None, Some(range)) => serde_yaml::from_str::<ChantFrontmatter>(&text[range.as_usize()])
            .map_err(|e| format!("chant cannot load it: Failed to parse spec frontmatter: {e}"))?,
    };
    frontmatter.model = frontmatter.model.as_deref().map(normalize_model_name);
    Ok((frontmatter, body))
}

/// chant's `normalize_model_name`, applied when it reads a spec.
fn normalize_model_name(model: &str) -> String {
    let lower = model.to_lowercase();
    ["opus", "sonnet", "haiku"]
        .into_iter()
        .find(|short| lower.contains(short))
        .map_or_else(|| model.to_string(), str::to_string)
}

/// The spec formatted once, with what chant reads from it (to compare with the result's).
fn format_once(
    text: &str,
    verdict: Option<ChantFrontmatter>,
) -> Result<(Formatted, (ChantFrontmatter, &str)), NotFormatted> {
    let (frontmatter, body) = chant_reading(text, verdict).map_err(|reason| NotFormatted { reason })?;
    let rendered = serde_yaml::to_string(&frontmatter)
        .map_err(|e| NotFormatted { reason: format!("chant cannot write its frontmatter: {e}") })?;
    let source = match chant_split(text) {
        ChantSplit::Frontmatter { yaml, .. } => &text[yaml.as_usize()],
        ChantSplit::NoFrontmatter => "",
    };
    let (yaml, kept) = kept::merge(source, &rendered).map_err(|why| not_kept(&why))?;
    let offset = "---\n".len();
    let kept = kept.into_iter().map(|r| TextRange::new(r.start as usize + offset, r.end as usize + offset)).collect();
    Ok((Formatted { text: format!("---\n{yaml}---\n{body}"), kept }, (frontmatter, body)))
}

#[cfg(test)]
mod tests;
