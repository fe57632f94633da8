//! Feature: code actions. Quick fixes for the diagnostics that have an obvious repair, toggles
//! for the acceptance criteria chant counts, and one combined "fix all" edit.
//!
//! Everything here works on the spec's current text and returns byte-range edits; the server
//! turns them into a `WorkspaceEdit` and never writes files itself.

mod criteria;
mod fixes;
mod offer;
#[cfg(test)]
mod tests;

use std::path::PathBuf;

use super::diagnostics::Diagnostic;
use super::limits::EDITS_PER_ACTION;
use crate::spec::Spec;
use crate::text::TextRange;
use crate::workspace::Workspace;

pub use criteria::{criteria_actions, CriteriaAction};
pub use offer::{code_actions, Asked, CodeActions, Offered, Repairs, Shown};

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
    fn edit(title: impl Into<String>, index: usize, edits: Vec<Edit>) -> Fix {
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

/// The quick fixes for `diagnostics[index]`, best first.
pub fn fixes_for(ws: &Workspace, spec: &Spec, diagnostics: &[Diagnostic], index: usize) -> Vec<Fix> {
    let mut found = fixes::fixes(ws, spec, &diagnostics[index], index);
    if let [only] = found.as_mut_slice() {
        only.preferred = !only.deletes;
    }
    found
}

/// Which fixes fix-all may apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applicability {
    /// The editor's fix-all and `check --fix`: a diagnostic's one fix that keeps what the user
    /// wrote.
    Safe,
    /// `check --fix --unsafe-fixes` also takes a diagnostic's only fix when it removes something
    /// (an unknown key without a suggestion, a self-dependency) or changes what chant does (a
    /// spec id named in the body added to `depends_on`): obvious, but it changes meaning.
    Unsafe,
}

/// Every unambiguous repair of the file in one edit: the diagnostics with exactly one
/// non-deleting fix, when it is a text fix that keeps the spec's meaning (and, when
/// `applicability` is [`Applicability::Unsafe`], also one that changes it, or a diagnostic's
/// only fix when that fix deletes). Fixes whose edits collide with one already taken wait for a second
/// run rather than guessing how to merge them. `None` when nothing qualifies. The editor's
/// fix-all and `check --fix` both call this, so they always make the same edits.
pub fn fix_all(ws: &Workspace, spec: &Spec, diagnostics: &[Diagnostic], applicability: Applicability) -> Option<Fix> {
    let mut taken: Vec<Edit> = Vec::new();
    let mut repaired = Vec::new();
    for index in 0..diagnostics.len() {
        let Some(fix) = single_fix(fixes_for(ws, spec, diagnostics, index), applicability) else { continue };
        if fix.edits.iter().any(|e| taken.iter().any(|t| collide(t.range, e.range))) {
            continue;
        }
        // A bounded edit list; what is left waits for the next run, as colliding fixes do.
        if taken.len() + fix.edits.len() > EDITS_PER_ACTION {
            break;
        }
        taken.extend(fix.edits);
        repaired.push(index);
    }
    if repaired.is_empty() {
        return None;
    }
    taken.sort_by_key(|e| (e.range.start, e.range.end));
    Some(Fix {
        title: "Fix all auto-fixable chant problems".to_string(),
        edits: taken,
        creates: Vec::new(),
        diagnostics: repaired,
        deletes: false,
        changes_meaning: applicability == Applicability::Unsafe,
        preferred: false,
    })
}

/// The one fix of a diagnostic that fix-all may take: its only fix that keeps what the user
/// wrote, when that fix creates no file (creating one, or picking the closest existing name, is
/// a choice for the user) and keeps the spec's meaning; with unsafe fixes, also such a fix that
/// changes the meaning, and a diagnostic's only fix when that fix deletes.
fn single_fix(fixes: Vec<Fix>, applicability: Applicability) -> Option<Fix> {
    let unsafe_ok = applicability == Applicability::Unsafe;
    let n_keeping = fixes.iter().filter(|f| !f.deletes).count();
    let eligible = match (n_keeping, fixes.len()) {
        (1, _) => fixes.into_iter().find(|f| !f.deletes),
        (0, 1) if unsafe_ok => fixes.into_iter().next(),
        _ => None,
    };
    eligible.filter(|f| f.creates.is_empty() && (unsafe_ok || !f.changes_meaning))
}

/// How fix-all treats `diagnostics[index]`: the policy of [`fix_all`], one finding at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixKind {
    /// No quick fix.
    None,
    /// Fix-all applies it (`check --fix`, the editor's fix-all).
    Safe,
    /// Fix-all applies it only with unsafe fixes (`--unsafe-fixes`).
    Unsafe,
    /// Quick fixes exist, but choosing one is the user's call: never applied by fix-all.
    Manual,
}

pub fn fix_kind(ws: &Workspace, spec: &Spec, diagnostics: &[Diagnostic], index: usize) -> FixKind {
    let fixes = fixes_for(ws, spec, diagnostics, index);
    if fixes.is_empty() {
        FixKind::None
    } else if single_fix(fixes.clone(), Applicability::Safe).is_some() {
        FixKind::Safe
    } else if single_fix(fixes, Applicability::Unsafe).is_some() {
        FixKind::Unsafe
    } else {
        FixKind::Manual
    }
}

/// Overlapping ranges, or two insertions at the same point (their order would be a guess).
fn collide(a: TextRange, b: TextRange) -> bool {
    (a.start < b.end && b.start < a.end) || a.start == b.start
}

/// The line ending the file already uses, so inserted lines keep CRLF files CRLF.
fn eol(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// Byte range of the line holding `offset`, including its terminator. Searches bytes, not `str`
/// slices: `\n` never occurs inside a character, so an offset inside one cannot panic.
fn full_line(text: &str, offset: usize) -> TextRange {
    let bytes = text.as_bytes();
    let start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &bytes[offset..]).map_or(text.len(), |i| offset + i + 1);
    TextRange::new(start, end)
}

/// Column (in bytes) of `offset` on its line.
fn column(text: &str, offset: usize) -> usize {
    offset - text[..offset].rfind('\n').map_or(0, |i| i + 1)
}
