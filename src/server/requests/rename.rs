//! `textDocument/prepareRename`, `textDocument/rename` and `workspace/willRenameFiles`: rename a
//! spec id everywhere, as one WorkspaceEdit the client applies.

use tower_lsp_server::ls_types as lsp;

use crate::server::Snapshot;

pub fn prepare_rename(
    _snap: &Snapshot,
    _params: lsp::TextDocumentPositionParams,
) -> anyhow::Result<Option<lsp::PrepareRenameResponse>> {
    Ok(None)
}

pub fn rename(_snap: &Snapshot, _params: lsp::RenameParams) -> anyhow::Result<Option<lsp::WorkspaceEdit>> {
    Ok(None)
}

pub fn will_rename_files(
    _snap: &Snapshot,
    _params: lsp::RenameFilesParams,
) -> anyhow::Result<Option<lsp::WorkspaceEdit>> {
    Ok(None)
}
