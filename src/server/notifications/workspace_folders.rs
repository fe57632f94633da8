//! `workspace/didChangeWorkspaceFolders`: folders added to or removed from the editor window.

use tower_lsp_server::ls_types as lsp;

use crate::server::analysis::Task;
use crate::server::lifecycle::roots_of;
use crate::server::session::Backend;

/// Folders added to or removed from a multi-root editor window: index the new workspaces,
/// forget the closed ones.
pub fn did_change_workspace_folders(backend: &Backend, params: lsp::DidChangeWorkspaceFoldersParams) {
    let added: Vec<lsp::Uri> = params.event.added.iter().map(|f| f.uri.clone()).collect();
    let removed: Vec<lsp::Uri> = params.event.removed.iter().map(|f| f.uri.clone()).collect();
    let removed = roots_of(&removed);
    if !removed.is_empty() {
        backend.analysis.send(Task::RemoveRoots { roots: removed });
    }
    let added = roots_of(&added);
    if !added.is_empty() {
        backend.analysis.send(Task::InitialIndex { roots: added, progress: None });
    }
}
