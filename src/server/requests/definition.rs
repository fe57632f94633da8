//! `textDocument/definition`: from an id, path, prompt or link to its target.

use tower_lsp_server::ls_types as lsp;

use crate::server::Snapshot;

pub fn goto_definition(
    _snap: &Snapshot,
    _params: lsp::GotoDefinitionParams,
) -> anyhow::Result<Option<lsp::GotoDefinitionResponse>> {
    Ok(None)
}
