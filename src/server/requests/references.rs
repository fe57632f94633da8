//! `textDocument/references`: who points at a spec or an artifact.

use tower_lsp_server::ls_types as lsp;

use crate::server::Snapshot;

pub fn references(_snap: &Snapshot, _params: lsp::ReferenceParams) -> anyhow::Result<Option<Vec<lsp::Location>>> {
    Ok(None)
}
