//! `textDocument/completion`: ids, paths, keys, enum values and prompt names.

use tower_lsp_server::ls_types as lsp;

use crate::server::Snapshot;

pub fn completion(_snap: &Snapshot, _params: lsp::CompletionParams) -> anyhow::Result<Option<lsp::CompletionResponse>> {
    Ok(None)
}
