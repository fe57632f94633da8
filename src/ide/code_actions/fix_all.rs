//! A diagnostic's quick fixes as offered (the single one preferred), and fix-all: every
//! unambiguous repair of a file in one edit, shared by the editor and `check --fix`.

use crate::ide::diagnostics::fix::{Edit, Fix};
use crate::ide::diagnostics::Diagnostic;
use crate::ide::limits::EDITS_PER_ACTION;
use crate::spec::Spec;
use crate::text::TextRange;
use crate::workspace::Workspace;

/// The quick fixes for `diagnostics[index]`, best first.
pub fn fixes_for(ws: &Workspace, spec: &Spec, diagnostics: &[Diagnostic], index: usize) -> Vec<Fix> {
    let mut found = crate::ide::diagnostics::fixes(ws, spec, &diagnostics[index], index);
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
