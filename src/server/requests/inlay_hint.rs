//! `textDocument/inlayHint`: title and status after each `depends_on` / `members` id.

use tower_lsp_server::ls_types as lsp;

use crate::ide;
use crate::server::{to_proto, Snapshot};

pub fn inlay_hint(snap: &Snapshot, params: lsp::InlayHintParams) -> anyhow::Result<Option<Vec<lsp::InlayHint>>> {
    let Some(file) = snap.file(&params.text_document.uri) else { return Ok(None) };
    let Some(within) = file.file_range(params.range) else { return Ok(None) };
    let spec = within.spec;
    let hints = ide::inlay_hints::inlay_hints(&file.ws, within)
        .into_iter()
        .map(|hint| lsp::InlayHint {
            position: to_proto::position(spec.line_index(), hint.offset as u32, file.encoding),
            label: lsp::InlayHintLabel::String(hint.label),
            kind: None,
            text_edits: None,
            tooltip: None,
            padding_left: Some(true),
            padding_right: None,
            data: None,
        })
        .collect();
    Ok(Some(hints))
}
