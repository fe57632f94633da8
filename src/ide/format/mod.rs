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
    let formatted = format_once(text)?;
    // What chant will read back from the result must be what it reads now, and formatting the
    // result again must change nothing; a kept line that breaks either is not risked.
    let again = format_once(&formatted.text)
        .map_err(|e| not_kept(&format!("the result would not load in chant ({})", e.reason)))?;
    if again.text != formatted.text || chant_reading(&formatted.text) != chant_reading(text) {
        return Err(not_kept("the result would read differently in chant or change when formatted again"));
    }
    Ok(formatted)
}

/// The smallest single edit turning `before` into `after` (common prefix and suffix left out,
/// cut on character boundaries); `None` when they are equal.
pub fn minimal_edit(before: &str, after: &str) -> Option<TextEdit> {
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

/// The editor's formatting: the one edit that brings the open spec into chant's form, `None`
/// when it is in that form already. Reads nothing but the spec's own text.
pub fn formatting(file: super::SpecFile) -> Result<Option<TextEdit>, NotFormatted> {
    let formatted = format_spec(&file.spec.text)?;
    Ok(minimal_edit(&file.spec.text, &formatted.text))
}

fn not_kept(why: &str) -> NotFormatted {
    NotFormatted { reason: format!("its frontmatter comments or unknown keys cannot be kept in place: {why}") }
}

/// What chant reads from a spec: its frontmatter (model normalized) and body, or why it fails.
fn chant_reading(text: &str) -> Result<(ChantFrontmatter, &str), String> {
    let (yaml, body) = match chant_split(text) {
        ChantSplit::NoFrontmatter => (None, text.trim()),
        ChantSplit::Frontmatter { yaml, cut } => (Some(yaml), text[cut.end as usize..].trim()),
    };
    let mut frontmatter = match yaml {
        None => ChantFrontmatter::default(),
        Some(range) => serde_yaml::from_str::<ChantFrontmatter>(&text[range.as_usize()])
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

fn format_once(text: &str) -> Result<Formatted, NotFormatted> {
    let (frontmatter, body) = chant_reading(text).map_err(|reason| NotFormatted { reason })?;
    let rendered = serde_yaml::to_string(&frontmatter)
        .map_err(|e| NotFormatted { reason: format!("chant cannot write its frontmatter: {e}") })?;
    let source = match chant_split(text) {
        ChantSplit::Frontmatter { yaml, .. } => &text[yaml.as_usize()],
        ChantSplit::NoFrontmatter => "",
    };
    let (yaml, kept) = kept::merge(source, &rendered).map_err(|why| not_kept(&why))?;
    let offset = "---\n".len();
    let kept = kept.into_iter().map(|r| TextRange::new(r.start as usize + offset, r.end as usize + offset)).collect();
    Ok(Formatted { text: format!("---\n{yaml}---\n{body}"), kept })
}

#[cfg(test)]
mod tests;
