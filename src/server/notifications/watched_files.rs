//! `workspace/didChangeWatchedFiles`: files created, changed or deleted outside the editor, as
//! the client's watchers report them (the server's own watcher queues the same tasks).

use tower_lsp_server::ls_types as lsp;

use crate::server::analysis::Task;
use crate::server::from_proto;
use crate::server::session::Backend;

/// Files changed on disk, outside the editor (or saved by it). Open documents keep their text.
pub fn did_change_watched_files(backend: &Backend, params: lsp::DidChangeWatchedFilesParams) {
    for event in params.changes {
        if let Some(path) = from_proto::file_path(&event.uri) {
            backend.analysis.send(Task::DiskChanged { path });
        }
    }
}
