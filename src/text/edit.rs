//! Incremental edits to an open document's rope: the clamping rules the server applies to a
//! client's change, kept free of protocol types so tests and fuzzers replay them exactly.

use ropey::Rope;

use super::{LineCol, LineIndex, PositionEncoding};

/// The byte offset of `pos` in a rope being edited. Only the addressed line is indexed, so an
/// edit costs its line, not the document; the line's own `LineIndex` does the clamping: a line
/// past the end means the end of the text, a column past the line end means the line end, and a
/// column inside a character (between UTF-16 surrogates) snaps to the character's start.
pub fn rope_offset(rope: &Rope, pos: LineCol, enc: PositionEncoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let line_text = rope.line(line).to_string();
    let col = LineIndex::new(&line_text).offset(LineCol { line: 0, col: pos.col }, enc);
    rope.line_to_byte(line) + col as usize
}

/// Replaces the text between `start` and `end` with `new_text`. Both ends are clamped by
/// [`rope_offset`]; a reversed range (end before start) is taken as the same span in order, since
/// LSP gives no meaning to it and dropping the edit would silently desynchronise the document.
pub fn replace(text: &mut Rope, start: LineCol, end: LineCol, new_text: &str, enc: PositionEncoding) {
    let a = rope_offset(text, start, enc);
    let b = rope_offset(text, end, enc);
    let (start, end) = (text.byte_to_char(a.min(b)), text.byte_to_char(a.max(b)));
    text.remove(start..end);
    text.insert(start, new_text);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, col: u32) -> LineCol {
        LineCol { line, col }
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
    fn reversed_ranges_replace_the_same_span() {
        let mut rope = Rope::from_str("abc\ndef");
        replace(&mut rope, pos(1, 2), pos(0, 1), "-", PositionEncoding::Utf16);
        assert_eq!(rope.to_string(), "a-f");
    }
}
