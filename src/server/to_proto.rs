//! Analysis → LSP conversions: byte offsets to positions in the negotiated encoding, and
//! diagnostics to `lsp::Diagnostic` (source `chant-lsp`, code from the catalogue, and the
//! context its quick fixes need as `data`, which the client sends back with code actions).

use std::path::Path;

use tower_lsp_server::ls_types as lsp;

use super::capabilities::EditSupport;
use crate::ide::diagnostics::{Diagnostic, DiagnosticData, Severity};
use crate::spec::Spec;
use crate::text::{LineIndex, PositionEncoding, TextRange};

pub const SOURCE: &str = "chant-lsp";

pub fn position(index: &LineIndex, offset: u32, enc: PositionEncoding) -> lsp::Position {
    let lc = index.line_col(offset, enc);
    lsp::Position { line: lc.line, character: lc.col }
}

pub fn range(index: &LineIndex, range: TextRange, enc: PositionEncoding) -> lsp::Range {
    lsp::Range { start: position(index, range.start, enc), end: position(index, range.end, enc) }
}

pub fn severity(severity: Severity) -> lsp::DiagnosticSeverity {
    match severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Information => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

/// A `file:` URI for a path on disk.
pub fn file_uri(path: &Path) -> Option<lsp::Uri> {
    lsp::Uri::from_file_path(path)
}

/// Where a related location lives: its URI and the line index of its text.
pub type RelatedLookup<'a> = dyn Fn(&Path) -> Option<(lsp::Uri, &'a LineIndex)> + 'a;

/// Converts one diagnostic of a spec whose positions `index` maps. Related locations in files
/// the lookup cannot resolve are dropped rather than pointed at a wrong place. The fix context
/// (`data`) needs the text, so it travels only when the caller has it (an open document): a
/// client asking for fixes on a diagnostic without it gets them by re-running the rules.
pub fn diagnostic(
    d: &Diagnostic,
    index: &LineIndex,
    source: Option<&Spec>,
    enc: PositionEncoding,
    related: &RelatedLookup<'_>,
) -> lsp::Diagnostic {
    let related_information: Vec<lsp::DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            let (uri, other_index) = related(&r.path)?;
            let location = lsp::Location { uri, range: range(other_index, r.range, enc) };
            Some(lsp::DiagnosticRelatedInformation { location, message: r.message.clone() })
        })
        .collect();
    lsp::Diagnostic {
        range: range(index, d.range, enc),
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.code.as_str().to_string())),
        source: Some(SOURCE.to_string()),
        message: d.message.clone(),
        related_information: (!related_information.is_empty()).then_some(related_information),
        data: source.and_then(|spec| serde_json::to_value(DiagnosticData::of(d, spec)).ok()),
        ..Default::default()
    }
}

/// One of our byte-range edits as an LSP `TextEdit`.
pub fn text_edit(index: &LineIndex, edit: &crate::text::TextEdit, enc: PositionEncoding) -> lsp::TextEdit {
    lsp::TextEdit { range: range(index, edit.range, enc), new_text: edit.new_text.clone() }
}

/// Our edits of one document as an LSP `TextDocumentEdit`; `version` is the open document's,
/// or `None` for a file the editor does not have open.
pub fn text_document_edit(
    index: &LineIndex,
    uri: lsp::Uri,
    version: Option<i32>,
    edits: &[crate::text::TextEdit],
    enc: PositionEncoding,
) -> lsp::TextDocumentEdit {
    let edits = edits.iter().map(|e| lsp::OneOf::Left(text_edit(index, e, enc))).collect();
    lsp::TextDocumentEdit { text_document: lsp::OptionalVersionedTextDocumentIdentifier { uri, version }, edits }
}

/// Text edits as one `WorkspaceEdit` the client can apply: versioned `documentChanges` when it
/// supports them, otherwise the plain `changes` map (edits of one document merged).
pub fn workspace_edit(edits: Vec<lsp::TextDocumentEdit>, support: EditSupport) -> lsp::WorkspaceEdit {
    if support.document_changes {
        return lsp::WorkspaceEdit { document_changes: Some(lsp::DocumentChanges::Edits(edits)), ..Default::default() };
    }
    let mut changes: std::collections::HashMap<lsp::Uri, Vec<lsp::TextEdit>> = Default::default();
    for document in edits {
        let plain = document.edits.into_iter().map(|e| match e {
            lsp::OneOf::Left(edit) => edit,
            lsp::OneOf::Right(annotated) => annotated.text_edit,
        });
        changes.entry(document.text_document.uri).or_default().extend(plain);
    }
    lsp::WorkspaceEdit { changes: Some(changes), ..Default::default() }
}
