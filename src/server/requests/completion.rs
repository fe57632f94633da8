//! `textDocument/completion`: ids, paths, keys, enum values and prompt names.

use tower_lsp_server::ls_types as lsp;

use crate::ide::completion::{completions, Completion, CompletionKind};
use crate::ide::limits::COMPLETION_ITEMS;
use crate::server::requests::FileView;
use crate::server::Snapshot;

pub fn completion(snap: &Snapshot, params: lsp::CompletionParams) -> anyhow::Result<Option<lsp::CompletionResponse>> {
    let position = params.text_document_position;
    let Some(file) = snap.file(&position.text_document.uri) else { return Ok(None) };
    let Some(at) = file.position(position.position) else { return Ok(None) };
    let found = completions(&file.ws, at);
    if found.is_empty() {
        return Ok(None);
    }
    let items = found.iter().enumerate().filter_map(|(i, item)| to_item(&file, i, item)).collect();
    // A list cut at the cap is incomplete: the editor asks again as the user types more.
    if found.len() >= COMPLETION_ITEMS {
        return Ok(Some(lsp::CompletionResponse::List(lsp::CompletionList { is_incomplete: true, items })));
    }
    Ok(Some(lsp::CompletionResponse::Array(items)))
}

fn to_item(file: &FileView, index: usize, item: &Completion) -> Option<lsp::CompletionItem> {
    let edit = lsp::TextEdit { range: file.range(item.edit)?, new_text: item.insert.clone() };
    let documentation = item
        .documentation
        .clone()
        .map(|value| lsp::Documentation::MarkupContent(lsp::MarkupContent { kind: lsp::MarkupKind::Markdown, value }));
    // The analysis already ordered the items; the index keeps the editor from re-sorting by label.
    Some(lsp::CompletionItem {
        label: item.label.clone(),
        kind: Some(kind(item.kind)),
        detail: item.detail.clone(),
        documentation,
        sort_text: Some(format!("{index:05}")),
        filter_text: item.filter_text.clone(),
        insert_text_format: item.snippet.then_some(lsp::InsertTextFormat::SNIPPET),
        text_edit: Some(lsp::CompletionTextEdit::Edit(edit)),
        command: item.retrigger.then(retrigger),
        ..Default::default()
    })
}

fn kind(kind: CompletionKind) -> lsp::CompletionItemKind {
    match kind {
        CompletionKind::SpecId => lsp::CompletionItemKind::REFERENCE,
        CompletionKind::Folder => lsp::CompletionItemKind::FOLDER,
        CompletionKind::File | CompletionKind::Prompt => lsp::CompletionItemKind::FILE,
        CompletionKind::Key => lsp::CompletionItemKind::PROPERTY,
        CompletionKind::Value => lsp::CompletionItemKind::ENUM_MEMBER,
    }
}

/// Opens the suggestions again after a folder or a key whose values can be proposed; editors
/// without this command ignore it.
fn retrigger() -> lsp::Command {
    lsp::Command { title: "Suggest".to_string(), command: "editor.action.triggerSuggest".to_string(), arguments: None }
}
