//! The "Fill PR description" action (`refactor.rewrite`): offered on any spec, it writes the
//! description assembled by `ide::pr_description` into the spec's `## Prepared PR Description`
//! section. The server never writes files; the action carries a `WorkspaceEdit`.
//!
//! Assembling the description reads the chain's research files, too much to do on every
//! `codeAction` request (editors ask on each cursor move). When the client resolves edits
//! lazily, the action is offered with only `data` naming the spec, and the edit is computed in
//! `codeAction/resolve`, once the user picks it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types as lsp;

use crate::ide::pr_description::{describe, prepared_section_edit};
use crate::server::Snapshot;

pub const TITLE: &str = "Fill PR description";

/// What a lazily offered action carries until it is resolved.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct FillData {
    fill_pr_description: lsp::Uri,
}

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
    let uri = &params.text_document.uri;
    let Some(file) = snap.file(uri) else { return Ok(Vec::new()) };
    if file.spec.is_none() {
        return Ok(Vec::new());
    }
    let mut action = lsp::CodeAction { title: TITLE.to_string(), kind: Some(kind), ..Default::default() };
    if snap.lazy_action_edits {
        action.data = Some(serde_json::to_value(FillData { fill_pr_description: uri.clone() })?);
    } else {
        let Some(edit) = fill_edit(snap, uri) else { return Ok(Vec::new()) };
        action.edit = Some(edit);
    }
    Ok(vec![lsp::CodeActionOrCommand::CodeAction(action)])
}

/// Fills the edit of a lazily offered "Fill PR description"; other actions are returned as sent.
pub fn resolve(snap: &Snapshot, mut action: lsp::CodeAction) -> anyhow::Result<lsp::CodeAction> {
    let Some(data) = action.data.clone() else { return Ok(action) };
    let Ok(FillData { fill_pr_description: uri }) = serde_json::from_value(data) else { return Ok(action) };
    action.edit = fill_edit(snap, &uri);
    if action.edit.is_none() {
        // The document stopped being a spec between the offer and the choice.
        action.disabled = Some(lsp::CodeActionDisabled { reason: "this file is no longer a chant spec".to_string() });
    }
    Ok(action)
}

fn fill_edit(snap: &Snapshot, uri: &lsp::Uri) -> Option<lsp::WorkspaceEdit> {
    let file = snap.file(uri)?;
    let spec = file.spec.clone()?;
    let description = describe(&file.ws, &spec, None);
    let (range, new_text) = prepared_section_edit(&spec.text, &description.text);
    let range = file.range(range)?;
    let changes = HashMap::from([(file.uri.clone(), vec![lsp::TextEdit { range, new_text }])]);
    Some(lsp::WorkspaceEdit { changes: Some(changes), ..Default::default() })
}
