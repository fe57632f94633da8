//! `textDocument/documentLink`: every id, path, prompt and link of a spec, clickable.

use tower_lsp_server::ls_types as lsp;

use crate::ide::document_links;
use crate::server::{to_proto, Snapshot};

pub fn document_link(
    snap: &Snapshot,
    params: lsp::DocumentLinkParams,
) -> anyhow::Result<Option<Vec<lsp::DocumentLink>>> {
    let Some(file) = snap.file(&params.text_document.uri) else { return Ok(None) };
    let Some(spec_file) = file.spec_file() else { return Ok(None) };
    let links = document_links::document_links(&file.ws, spec_file)
        .into_iter()
        .filter_map(|link| {
            Some(lsp::DocumentLink {
                range: file.range(link.range)?,
                target: Some(to_proto::file_uri(&link.target)?),
                tooltip: None,
                data: None,
            })
        })
        .collect();
    Ok(Some(links))
}
