//! Feature: code actions. Quick fixes for the diagnostics that have an obvious repair, toggles
//! for the acceptance criteria chant counts, and one combined "fix all" edit.
//!
//! Each rule offers its own quick fixes from its own file (`ide::diagnostics::fixes`); this
//! module decides which are offered and combines them. Everything here works on the spec's
//! current text and returns byte-range edits; the server turns them into a `WorkspaceEdit` and
//! never writes files itself.

mod criteria;
mod fix_all;
mod offer;
#[cfg(test)]
mod tests;

pub use crate::ide::diagnostics::fix::{Edit, Fix, NewFile};
pub use criteria::{criteria_actions, CriteriaAction};
pub use fix_all::{fix_all, fix_kind, fixes_for, Applicability, FixKind};
pub use offer::{code_actions, Asked, CodeActions, Offered, Repairs, Shown};
