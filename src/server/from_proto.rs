//! LSP → analysis conversions: positions to byte offsets (clamped, never panicking) and URIs to
//! paths. Every position the client sends goes through here.

use std::path::PathBuf;

use tower_lsp_server::ls_types as lsp;

use crate::text::{LineCol, LineIndex, PositionEncoding};

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
