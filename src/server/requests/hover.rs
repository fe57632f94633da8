//! `textDocument/hover`: spec summaries, artifact previews, field documentation.

use tower_lsp_server::ls_types as lsp;

use crate::server::Snapshot;

pub fn hover(_snap: &Snapshot, _params: lsp::HoverParams) -> anyhow::Result<Option<lsp::Hover>> {
    Ok(None)
}
