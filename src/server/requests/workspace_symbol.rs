//! `workspace/symbol`: every spec by id and title, fuzzy.

use tower_lsp_server::ls_types as lsp;

use crate::server::Snapshot;

pub fn workspace_symbol(
    _snap: &Snapshot,
    _params: lsp::WorkspaceSymbolParams,
) -> anyhow::Result<Option<lsp::WorkspaceSymbolResponse>> {
    Ok(None)
}
