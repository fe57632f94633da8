//! LSP → analysis conversions: positions to byte offsets (clamped, never panicking), URIs to
//! paths, and the diagnostics a client sends back with a code action request. Every position
//! the client sends goes through here.

use std::path::PathBuf;

use tower_lsp_server::ls_types as lsp;

use super::to_proto::SOURCE;
use crate::ide::code_actions::Shown;
use crate::ide::diagnostics::{Code, DiagnosticData, Severity};
use crate::spec::Spec;
use crate::text::{LineCol, LineIndex, PositionEncoding, TextRange};

/// The byte offset of `pos`; a column past the line end clamps to the line end.
pub fn offset(index: &LineIndex, pos: lsp::Position, enc: PositionEncoding) -> u32 {
    index.offset(line_col(pos), enc)
}

/// The analysis layer's line and column for `pos`, still in the client's encoding.
pub fn line_col(pos: lsp::Position) -> LineCol {
    LineCol { line: pos.line, col: pos.character }
}

/// The local path of a `file:` URI; other schemes (untitled buffers, remote files) have none.
pub fn file_path(uri: &lsp::Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// The byte range of `range` in a text indexed by `index` (clamped; a reversed one is empty).
pub fn text_range(index: &LineIndex, range: lsp::Range, enc: PositionEncoding) -> TextRange {
    let (start, end) = (offset(index, range.start, enc) as usize, offset(index, range.end, enc) as usize);
    TextRange::new(start, end.max(start))
}

/// A diagnostic the client showed on `spec`, as code actions take it; `None` when it is not
/// ours (another source, or a code we do not have). Data that does not parse counts as dropped.
pub fn shown_diagnostic(d: &lsp::Diagnostic, spec: &Spec, enc: PositionEncoding) -> Option<Shown> {
    if d.source.as_deref().is_some_and(|s| s != SOURCE) {
        return None;
    }
    let code = match &d.code {
        Some(lsp::NumberOrString::String(name)) => Code::from_str(name)?,
        _ => return None,
    };
    let severity = match d.severity {
        Some(lsp::DiagnosticSeverity::ERROR) => Severity::Error,
        Some(lsp::DiagnosticSeverity::WARNING) => Severity::Warning,
        Some(lsp::DiagnosticSeverity::INFORMATION) => Severity::Information,
        Some(lsp::DiagnosticSeverity::HINT) => Severity::Hint,
        _ => code.default_severity(),
    };
    let data = d.data.clone().and_then(|v| serde_json::from_value::<DiagnosticData>(v).ok());
    let range = text_range(spec.line_index(), d.range, enc);
    Some(Shown::from_client(spec, code, range, severity, d.message.clone(), data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_file_uris_have_paths() {
        let file: lsp::Uri = "file:///tmp/a%20b/x.md".parse().expect("uri");
        assert_eq!(file_path(&file), Some(PathBuf::from("/tmp/a b/x.md")));
        let untitled: lsp::Uri = "untitled:Untitled-1".parse().expect("uri");
        assert_eq!(file_path(&untitled), None);
    }
}
