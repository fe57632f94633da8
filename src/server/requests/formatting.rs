//! `textDocument/formatting`: the edits (one per changed run of lines) that put the open spec in the form chant's own save
//! writes (`ide::format`). The editor applies it; a spec chant cannot load gets no edit (its
//! diagnostics already say why) and the reason is logged.

use tower_lsp_server::ls_types as lsp;

use crate::ide::format::formatting as format_spec_file;
use crate::server::{to_proto, Snapshot};

pub fn formatting(
    snap: &Snapshot,
    params: lsp::DocumentFormattingParams,
) -> anyhow::Result<Option<Vec<lsp::TextEdit>>> {
    let Some(file) = snap.file(&params.text_document.uri) else { return Ok(None) };
    let Some(spec_file) = file.spec_file() else { return Ok(None) };
    match format_spec_file(spec_file) {
        Ok(edits) => {
            let index = spec_file.spec.line_index();
            Ok(Some(edits.iter().map(|e| to_proto::text_edit(index, e, file.encoding)).collect()))
        }
        Err(not) => {
            tracing::info!("{}: not formatted: {}", file.path.display(), not.reason);
            Ok(None)
        }
    }
}
