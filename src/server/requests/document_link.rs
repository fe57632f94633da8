//! `textDocument/documentLink`: every id, path, prompt and link of a spec, clickable.

use tower_lsp_server::ls_types as lsp;

use crate::server::Snapshot;

pub fn document_link(
    _snap: &Snapshot,
    _params: lsp::DocumentLinkParams,
) -> anyhow::Result<Option<Vec<lsp::DocumentLink>>> {
    Ok(None)
}
