//! `textDocument/references`: who points at a spec or an artifact.

use tower_lsp_server::ls_types as lsp;

use crate::ide::references;
use crate::server::Snapshot;

pub fn references(snap: &Snapshot, params: lsp::ReferenceParams) -> anyhow::Result<Option<Vec<lsp::Location>>> {
    let at = params.text_document_position;
    let Some(file) = snap.file(&at.text_document.uri) else { return Ok(None) };
    // In a file that is not a spec the position does not matter: the file is the subject.
    let offset = file.offset(at.position).unwrap_or(0);
    let include_declaration = params.context.include_declaration;
    let found = references::references(&file.ws, &file.path, file.spec.as_deref(), offset, include_declaration);
    Ok(Some(found.iter().filter_map(|r| snap.location(&file.ws, &r.path, r.range)).collect()))
}
