//! `textDocument/inlayHint`: title and status after each `depends_on` / `members` id.

use tower_lsp_server::ls_types as lsp;

use crate::server::Snapshot;

pub fn inlay_hint(_snap: &Snapshot, _params: lsp::InlayHintParams) -> anyhow::Result<Option<Vec<lsp::InlayHint>>> {
    Ok(None)
}
