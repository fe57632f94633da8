//! An independent model of how an LSP client's incremental change applies to a text, written
//! from the LSP specification on plain strings, to check the server's rope-based code against.
//!
//! The rules: lines end at `\n`, `\r\n` or a lone `\r`; a column counts UTF-8 bytes or UTF-16
//! code units; a line past the last one means the end of the text; a column past the end of its
//! line means the end of the line (before its terminator); a column inside a character (between
//! the two surrogates of an emoji) means the start of that character; a range whose end comes
//! before its start replaces the same span as the ordered range.

use chant_lsp::text::PositionEncoding;

/// One incremental change: `(line, column)` ends and the replacement.
#[derive(Clone, Debug)]
pub struct Change {
    pub start: (u32, u32),
    pub end: (u32, u32),
    pub text: String,
}

/// Each line's `(start, content end)` byte offsets, the terminator excluded.
fn lines(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push((start, i));
                start = i + 1;
            }
            b'\r' => {
                out.push((start, i));
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push((start, bytes.len()));
    out
}

/// The byte offset `(line, col)` designates under the rules above.
pub fn offset(text: &str, (line, col): (u32, u32), enc: PositionEncoding) -> usize {
    let lines = lines(text);
    let Some(&(start, end)) = lines.get(line as usize) else {
        return text.len();
    };
    let mut units = 0u32;
    for (at, ch) in text[start..end].char_indices() {
        let width = match enc {
            PositionEncoding::Utf8 => ch.len_utf8(),
            PositionEncoding::Utf16 => ch.len_utf16(),
        } as u32;
        if col < units + width {
            return start + at;
        }
        units += width;
    }
    end
}

/// `text` after `change`.
pub fn apply(text: &str, change: &Change, enc: PositionEncoding) -> String {
    let (a, b) = (offset(text, change.start, enc), offset(text, change.end, enc));
    let (lo, hi) = (a.min(b), a.max(b));
    format!("{}{}{}", &text[..lo], change.text, &text[hi..])
}
