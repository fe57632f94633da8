//! `textDocument/references`: who points at a spec or an artifact.

use std::path::PathBuf;
use std::sync::Arc;

use tower_lsp_server::ls_types as lsp;

use crate::ide::references;
use crate::server::{from_proto, Snapshot};
use crate::workspace::Workspace;

pub fn references(snap: &Snapshot, params: lsp::ReferenceParams) -> anyhow::Result<Option<Vec<lsp::Location>>> {
    let at = params.text_document_position;
    let include_declaration = params.context.include_declaration;
    let Some(file) = snap.file(&at.text_document.uri) else {
        return Ok(outside_chant(snap, &at.text_document.uri).map(|(ws, path)| {
            let found = references::file_references_at(&ws, &path, include_declaration);
            found.iter().filter_map(|r| snap.location(&ws, &r.path, r.range)).collect()
        }));
    };
    // In a file that is not a spec the position does not matter: the file is the subject.
    let found = match file.position(at.position) {
        Some(position) => references::references(&file.ws, position, include_declaration),
        None => references::file_references_at(&file.ws, &file.path, include_declaration),
    };
    Ok(Some(found.iter().filter_map(|r| snap.location(&file.ws, &r.path, r.range)).collect()))
}

/// A file of the project outside `.chant/` (a tracked source file, a target file): specs name
/// those too, so the innermost workspace whose root holds it answers.
fn outside_chant(snap: &Snapshot, uri: &lsp::Uri) -> Option<(Arc<Workspace>, PathBuf)> {
    let path = from_proto::file_path(uri)?;
    let (_, ws) = snap.workspaces.workspaces.iter().rev().find(|(root, _)| path.starts_with(root))?;
    Some((Arc::clone(ws), path))
}
