//! `textDocument/codeAction`: quick fixes for diagnostics, criteria toggles, fix-all, and
//! "Fill PR description". Each family lives in its own module; this one only gathers them.

use tower_lsp_server::ls_types as lsp;

use super::{pr_action, quick_fix};
use crate::server::Snapshot;

pub fn code_action(snap: &Snapshot, params: lsp::CodeActionParams) -> anyhow::Result<Option<lsp::CodeActionResponse>> {
    let mut actions = quick_fix::actions(snap, &params)?;
    actions.extend(pr_action::actions(snap, &params)?);
    Ok(Some(actions))
}

/// `codeAction/resolve`: fills the edit of an action offered without one; any other action
/// comes back as it was sent.
pub fn resolve(snap: &Snapshot, action: lsp::CodeAction) -> anyhow::Result<lsp::CodeAction> {
    pr_action::resolve(snap, action)
}
