//! `textDocument/prepareCallHierarchy`, `callHierarchy/incomingCalls` and `outgoingCalls`: the
//! spec graph browsed with the editor's own call-hierarchy view.
//!
//! Each item carries its spec id in `data`, so the follow-up requests need no position; an item
//! without it (a client that drops `data`) is identified by its file.

use serde_json::json;
use tower_lsp_server::ls_types as lsp;

use crate::ide::call_hierarchy::{self, Call, SpecItem};
use crate::server::{to_proto, Snapshot};
use crate::workspace::Workspace;

pub fn prepare(
    snap: &Snapshot,
    params: lsp::CallHierarchyPrepareParams,
) -> anyhow::Result<Option<Vec<lsp::CallHierarchyItem>>> {
    let at = params.text_document_position_params;
    let Some(file) = snap.file(&at.text_document.uri) else { return Ok(None) };
    let Some(position) = file.position(at.position) else { return Ok(None) };
    let Some(found) = call_hierarchy::prepare(&file.ws, position) else { return Ok(None) };
    Ok(item(snap, &file.ws, &found).map(|item| vec![item]))
}

pub fn incoming(
    snap: &Snapshot,
    params: lsp::CallHierarchyIncomingCallsParams,
) -> anyhow::Result<Option<Vec<lsp::CallHierarchyIncomingCall>>> {
    let Some((ws, id)) = subject(snap, &params.item) else { return Ok(None) };
    let (calls, _) = call_hierarchy::incoming(&ws, &id);
    // The ranges of an incoming call lie in the caller's file.
    let convert = |call: &Call| {
        let from = item(snap, &ws, &call.item)?;
        let from_ranges = ranges_in(snap, &ws, &call.item, call);
        Some(lsp::CallHierarchyIncomingCall { from, from_ranges })
    };
    Ok(Some(calls.iter().filter_map(convert).collect()))
}

pub fn outgoing(
    snap: &Snapshot,
    params: lsp::CallHierarchyOutgoingCallsParams,
) -> anyhow::Result<Option<Vec<lsp::CallHierarchyOutgoingCall>>> {
    let Some((ws, id)) = subject(snap, &params.item) else { return Ok(None) };
    let Some(own) = call_hierarchy::item(&ws, &id) else { return Ok(None) };
    let (calls, _) = call_hierarchy::outgoing(&ws, &id);
    // The ranges of an outgoing call lie in the file of the item asked about.
    let convert = |call: &Call| {
        let to = item(snap, &ws, &call.item)?;
        Some(lsp::CallHierarchyOutgoingCall { to, from_ranges: ranges_in(snap, &ws, &own, call) })
    };
    Ok(Some(calls.iter().filter_map(convert).collect()))
}

/// The workspace and spec id an item names.
fn subject(snap: &Snapshot, item: &lsp::CallHierarchyItem) -> Option<(std::sync::Arc<Workspace>, String)> {
    let file = snap.file(&item.uri)?;
    let from_data = item.data.as_ref().and_then(|d| d.get("id")).and_then(|id| id.as_str()).map(str::to_string);
    let id = from_data.or_else(|| file.spec.as_ref().map(|s| s.id.clone()))?;
    Some((file.ws.clone(), id))
}

fn item(snap: &Snapshot, ws: &Workspace, found: &SpecItem) -> Option<lsp::CallHierarchyItem> {
    let spec = ws.spec(&found.path)?;
    let index = &spec.line_index;
    Some(lsp::CallHierarchyItem {
        name: found.name.clone(),
        kind: lsp::SymbolKind::FILE,
        tags: None,
        detail: Some(format!("{} · {}", found.id, found.detail)),
        uri: to_proto::file_uri(&found.path)?,
        range: to_proto::range(index, found.range, snap.encoding),
        selection_range: to_proto::range(index, found.selection, snap.encoding),
        data: Some(json!({ "id": found.id })),
    })
}

fn ranges_in(snap: &Snapshot, ws: &Workspace, holder: &SpecItem, call: &Call) -> Vec<lsp::Range> {
    let Some(spec) = ws.spec(&holder.path) else { return Vec::new() };
    call.from_ranges.iter().map(|r| to_proto::range(&spec.line_index, *r, snap.encoding)).collect()
}
