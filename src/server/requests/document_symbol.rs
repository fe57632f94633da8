//! `textDocument/documentSymbol`: frontmatter keys and the heading outline.

use tower_lsp_server::ls_types as lsp;

use crate::server::Snapshot;

pub fn document_symbol(
    _snap: &Snapshot,
    _params: lsp::DocumentSymbolParams,
) -> anyhow::Result<Option<lsp::DocumentSymbolResponse>> {
    Ok(None)
}
