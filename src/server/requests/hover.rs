//! `textDocument/hover`: spec summaries, artifact previews, field documentation.

use tower_lsp_server::ls_types as lsp;

use crate::ide;
use crate::server::Snapshot;

pub fn hover(snap: &Snapshot, params: lsp::HoverParams) -> anyhow::Result<Option<lsp::Hover>> {
    let at = params.text_document_position_params;
    let Some(file) = snap.file(&at.text_document.uri) else { return Ok(None) };
    let Some(position) = file.position(at.position) else { return Ok(None) };
    let Some(found) = ide::hover::hover(&file.ws, position) else { return Ok(None) };
    let contents = lsp::MarkupContent { kind: lsp::MarkupKind::Markdown, value: found.markdown };
    Ok(Some(lsp::Hover { contents: lsp::HoverContents::Markup(contents), range: file.range(found.range) }))
}
