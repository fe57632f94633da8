//! `textDocument/foldingRange`: frontmatter, sections and code fences.

use tower_lsp_server::ls_types as lsp;

use crate::ide::folding_ranges::{folding_ranges, FoldKind};
use crate::server::Snapshot;

pub fn folding_range(
    snap: &Snapshot,
    params: lsp::FoldingRangeParams,
) -> anyhow::Result<Option<Vec<lsp::FoldingRange>>> {
    let Some(file) = snap.file(&params.text_document.uri) else { return Ok(None) };
    let Some(spec_file) = file.spec_file() else { return Ok(None) };
    let index = spec_file.spec.line_index();
    let folds = folding_ranges(&file.ws, spec_file)
        .into_iter()
        .map(|fold| lsp::FoldingRange {
            start_line: index.line_of(fold.range.start),
            start_character: None,
            end_line: index.line_of(fold.range.end),
            end_character: None,
            kind: match fold.kind {
                FoldKind::Region => Some(lsp::FoldingRangeKind::Region),
                FoldKind::Code => None,
            },
            collapsed_text: None,
        })
        .collect();
    Ok(Some(folds))
}
