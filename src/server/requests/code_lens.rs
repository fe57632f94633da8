//! `textDocument/codeLens`: dependency counts on the title, criteria progress on the heading.
//!
//! Every lens carries a command, so clients never show a lens without one:
//! - a plain label has the empty command `""` (clients draw it and do nothing on click);
//! - a lens listing places has `SHOW_REFERENCES` with the arguments of VS Code's
//!   `editor.action.showReferences`: `[uri, position, locations]`. It is a client-side command
//!   (not advertised by the server): an editor extension maps it to its own location list;
//! - a lens fixing the criteria heading has `FIX_CRITERIA_HEADING` with one argument
//!   `{ uri, range, newText }`, run through `workspace/executeCommand`: the server answers by
//!   sending the edit back as `workspace/applyEdit`.

use serde_json::json;
use tower_lsp_server::ls_types as lsp;

use crate::ide::code_lens::{code_lenses, LensAction};
use crate::server::lsp_ext::{FIX_CRITERIA_HEADING, SHOW_REFERENCES};
use crate::server::requests::FileView;
use crate::server::Snapshot;

pub fn code_lens(snap: &Snapshot, params: lsp::CodeLensParams) -> anyhow::Result<Option<Vec<lsp::CodeLens>>> {
    let Some(file) = snap.file(&params.text_document.uri) else { return Ok(None) };
    let Some(spec_file) = file.spec_file() else { return Ok(None) };
    let lenses = code_lenses(&file.ws, spec_file)
        .into_iter()
        .filter_map(|lens| {
            let range = file.range(lens.range)?;
            let (command, arguments) = match lens.action {
                LensAction::None => (String::new(), None),
                LensAction::ShowLocations(places) => {
                    let locations: Vec<lsp::Location> = places
                        .iter()
                        .filter_map(|r| {
                            // This file's own ranges are converted with its current text.
                            if r.path == file.path {
                                Some(lsp::Location { uri: file.uri.clone(), range: file.range(r.range)? })
                            } else {
                                snap.location(&file.ws, &r.path, r.range)
                            }
                        })
                        .collect();
                    let args = vec![json!(file.uri), json!(range.start), json!(locations)];
                    (SHOW_REFERENCES.to_string(), Some(args))
                }
                // The server applies this fix with workspace/applyEdit; a client that cannot take
                // it sees the lens as a label.
                LensAction::ApplyEdit(_) if !snap.edits.apply_edit => (String::new(), None),
                LensAction::ApplyEdit(edit) => {
                    let arg = json!({ "uri": file.uri, "range": file.range(edit.range)?, "newText": edit.new_text });
                    (FIX_CRITERIA_HEADING.to_string(), Some(vec![arg]))
                }
            };
            let command = lsp::Command { title: lens.title, command, arguments };
            Some(lsp::CodeLens { range, command: Some(command), data: None })
        })
        .collect();
    Ok(Some(lenses))
}

/// The heading fix currently offered on `file` at `range`, as a workspace edit.
pub fn heading_fix(file: &FileView, range: lsp::Range) -> Option<lsp::WorkspaceEdit> {
    let edit = code_lenses(&file.ws, file.spec_file()?).into_iter().find_map(|lens| match lens.action {
        LensAction::ApplyEdit(edit) if file.range(edit.range) == Some(range) => Some(edit),
        _ => None,
    })?;
    let text_edit = lsp::TextEdit { range, new_text: edit.new_text };
    let changes = std::iter::once((file.uri.clone(), vec![text_edit])).collect();
    Some(lsp::WorkspaceEdit { changes: Some(changes), ..lsp::WorkspaceEdit::default() })
}
