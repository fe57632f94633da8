//! `textDocument/definition`: from an id, path, prompt or link to its target.

use tower_lsp_server::ls_types as lsp;

use crate::ide::goto_definition;
use crate::server::Snapshot;

pub fn goto_definition(
    snap: &Snapshot,
    params: lsp::GotoDefinitionParams,
) -> anyhow::Result<Option<lsp::GotoDefinitionResponse>> {
    let at = params.text_document_position_params;
    let Some(file) = snap.file(&at.text_document.uri) else { return Ok(None) };
    let Some(position) = file.position(at.position) else { return Ok(None) };
    let targets = goto_definition::goto_definition(&file.ws, position);
    let locations: Vec<lsp::Location> =
        targets.iter().filter_map(|t| snap.location(&file.ws, &t.path, t.range)).collect();
    Ok((!locations.is_empty()).then_some(lsp::GotoDefinitionResponse::Array(locations)))
}
