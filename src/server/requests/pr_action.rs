//! The "Fill PR description" action (`refactor.rewrite`): offered on any spec, it writes the
//! description assembled by `ide::pr_description` into the spec's `## Prepared PR Description`
//! section. The server never writes files; the action carries a `WorkspaceEdit`.

use std::collections::HashMap;

use tower_lsp_server::ls_types as lsp;

use crate::ide::pr_description::{describe, prepared_section_edit};
use crate::server::Snapshot;

pub const TITLE: &str = "Fill PR description";

pub fn actions(snap: &Snapshot, params: &lsp::CodeActionParams) -> anyhow::Result<Vec<lsp::CodeActionOrCommand>> {
    let kind = lsp::CodeActionKind::REFACTOR_REWRITE;
    if let Some(only) = &params.context.only {
        // `only: ["refactor"]` asks for every refactor, so a prefix of our kind matches too.
        let wanted =
            only.iter().any(|k| kind.as_str() == k.as_str() || kind.as_str().starts_with(&format!("{}.", k.as_str())));
        if !wanted {
            return Ok(Vec::new());
        }
    }
    let Some(file) = snap.file(&params.text_document.uri) else { return Ok(Vec::new()) };
    let Some(spec) = file.spec.clone() else { return Ok(Vec::new()) };
    let description = describe(&file.ws, &spec, None);
    let (range, new_text) = prepared_section_edit(&spec.text, &description.text);
    let Some(range) = file.range(range) else { return Ok(Vec::new()) };
    let changes = HashMap::from([(file.uri.clone(), vec![lsp::TextEdit { range, new_text }])]);
    let action = lsp::CodeAction {
        title: TITLE.to_string(),
        kind: Some(kind),
        edit: Some(lsp::WorkspaceEdit { changes: Some(changes), ..Default::default() }),
        ..Default::default()
    };
    Ok(vec![lsp::CodeActionOrCommand::CodeAction(action)])
}
