//! `textDocument/codeLens`: dependency counts on the title, criteria progress on the heading.

use tower_lsp_server::ls_types as lsp;

use crate::server::Snapshot;

pub fn code_lens(_snap: &Snapshot, _params: lsp::CodeLensParams) -> anyhow::Result<Option<Vec<lsp::CodeLens>>> {
    Ok(None)
}
