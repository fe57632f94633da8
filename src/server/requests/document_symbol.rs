//! `textDocument/documentSymbol`: frontmatter keys and the heading outline.

use tower_lsp_server::ls_types as lsp;

use crate::ide::document_symbols::{document_symbols, DocumentSymbol, SymbolKind};
use crate::server::requests::FileView;
use crate::server::Snapshot;

pub fn document_symbol(
    snap: &Snapshot,
    params: lsp::DocumentSymbolParams,
) -> anyhow::Result<Option<lsp::DocumentSymbolResponse>> {
    let Some(file) = snap.file(&params.text_document.uri) else { return Ok(None) };
    let Some(spec_file) = file.spec_file() else { return Ok(None) };
    let symbols = document_symbols(&file.ws, spec_file).iter().filter_map(|s| convert(&file, s)).collect();
    Ok(Some(lsp::DocumentSymbolResponse::Nested(symbols)))
}

// `deprecated` must still be written out: the type has no other way to leave it unset.
#[allow(deprecated)]
fn convert(file: &FileView, symbol: &DocumentSymbol) -> Option<lsp::DocumentSymbol> {
    let children: Vec<lsp::DocumentSymbol> = symbol.children.iter().filter_map(|c| convert(file, c)).collect();
    Some(lsp::DocumentSymbol {
        name: symbol.name.clone(),
        detail: None,
        kind: match symbol.kind {
            SymbolKind::Frontmatter => lsp::SymbolKind::NAMESPACE,
            SymbolKind::Key => lsp::SymbolKind::PROPERTY,
            SymbolKind::Heading => lsp::SymbolKind::STRING,
        },
        tags: None,
        deprecated: None,
        range: file.range(symbol.range)?,
        selection_range: file.range(symbol.selection_range)?,
        children: (!children.is_empty()).then_some(children),
    })
}
