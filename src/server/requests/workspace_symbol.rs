//! `workspace/symbol`: every spec by id and title, fuzzy.

use tower_lsp_server::ls_types as lsp;

use crate::ide::workspace_symbols::{workspace_symbols, SpecSymbol, LIMIT};
use crate::server::Snapshot;
use crate::spec::SpecLocation;
use crate::workspace::Workspace;

pub fn workspace_symbol(
    snap: &Snapshot,
    params: lsp::WorkspaceSymbolParams,
) -> anyhow::Result<Option<lsp::WorkspaceSymbolResponse>> {
    let symbols = snap
        .workspaces
        .workspaces
        .values()
        .flat_map(|ws| workspace_symbols(ws, &params.query).into_iter().filter_map(|s| convert(snap, ws, s)))
        .take(LIMIT)
        .collect();
    Ok(Some(lsp::WorkspaceSymbolResponse::Flat(symbols)))
}

// `deprecated` must still be written out: the type has no other way to leave it unset.
#[allow(deprecated)]
fn convert(snap: &Snapshot, ws: &Workspace, symbol: SpecSymbol) -> Option<lsp::SymbolInformation> {
    let name = match &symbol.title {
        Some(title) => format!("{} — {title}", symbol.id),
        None => symbol.id.clone(),
    };
    let container = match symbol.location {
        SpecLocation::Active => "active",
        SpecLocation::Nested => "nested",
        SpecLocation::Archived => "archived",
    };
    Some(lsp::SymbolInformation {
        name,
        kind: lsp::SymbolKind::FILE,
        tags: None,
        deprecated: None,
        location: snap.location(ws, &symbol.path, symbol.range)?,
        container_name: Some(container.to_string()),
    })
}
