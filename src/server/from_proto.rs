//! LSP → analysis conversions: positions to byte offsets (clamped, never panicking) and URIs to
//! paths. Every position the client sends goes through here.

use std::path::PathBuf;

use ropey::Rope;
use tower_lsp_server::ls_types as lsp;

use crate::text::{LineCol, LineIndex, PositionEncoding};

/// The byte offset of `pos`; a column past the line end clamps to the line end.
pub fn offset(index: &LineIndex, pos: lsp::Position, enc: PositionEncoding) -> u32 {
    index.offset(LineCol { line: pos.line, col: pos.character }, enc)
}

/// The byte offset of `pos` in a rope being edited. Only the addressed line is indexed, so an
/// edit costs its line, not the document; the line's own `LineIndex` does the clamping.
pub fn rope_offset(rope: &Rope, pos: lsp::Position, enc: PositionEncoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let line_text = rope.line(line).to_string();
    let line_index = LineIndex::new(&line_text);
    let col = offset(&line_index, lsp::Position { line: 0, character: pos.character }, enc);
    rope.line_to_byte(line) + col as usize
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

    fn pos(line: u32, character: u32) -> lsp::Position {
        lsp::Position { line, character }
    }

    #[test]
    fn rope_offsets_clamp_and_respect_encoding() {
        let rope = Rope::from_str("a\u{1F600}b\r\nxy");
        assert_eq!(rope_offset(&rope, pos(0, 3), PositionEncoding::Utf16), 5);
        assert_eq!(rope_offset(&rope, pos(0, 5), PositionEncoding::Utf8), 5);
        // Between the surrogates of the emoji: snaps to its start.
        assert_eq!(rope_offset(&rope, pos(0, 2), PositionEncoding::Utf16), 1);
        assert_eq!(rope_offset(&rope, pos(0, 99), PositionEncoding::Utf16), 6);
        assert_eq!(rope_offset(&rope, pos(1, 1), PositionEncoding::Utf16), 9);
        assert_eq!(rope_offset(&rope, pos(7, 0), PositionEncoding::Utf16), 10);
    }

    #[test]
    fn only_file_uris_have_paths() {
        let file: lsp::Uri = "file:///tmp/a%20b/x.md".parse().expect("uri");
        assert_eq!(file_path(&file), Some(PathBuf::from("/tmp/a b/x.md")));
        let untitled: lsp::Uri = "untitled:Untitled-1".parse().expect("uri");
        assert_eq!(file_path(&untitled), None);
    }
}
