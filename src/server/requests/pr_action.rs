//! The "Fill PR description" action (`refactor.rewrite`).

use tower_lsp_server::ls_types as lsp;

use crate::server::Snapshot;

pub fn actions(_snap: &Snapshot, _params: &lsp::CodeActionParams) -> anyhow::Result<Vec<lsp::CodeActionOrCommand>> {
    Ok(Vec::new())
}
