//! `textDocument/foldingRange`: frontmatter, sections and code fences.

use tower_lsp_server::ls_types as lsp;

use crate::server::Snapshot;

pub fn folding_range(
    _snap: &Snapshot,
    _params: lsp::FoldingRangeParams,
) -> anyhow::Result<Option<Vec<lsp::FoldingRange>>> {
    Ok(None)
}
