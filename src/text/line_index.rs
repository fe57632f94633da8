//! Maps byte offsets to (line, column) pairs in UTF-8 or UTF-16 and back, with clamping.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, exactly as LSP defines them. Only lines holding
//! non-ASCII characters pay for a per-character table, so an ASCII spec costs one `Vec<u32>`.

use std::collections::HashMap;

use rustc_hash::FxBuildHasher;

/// Non-ASCII characters by line. Keys are small line numbers: a fast hash, not a keyed one.
type WideMap = HashMap<u32, Vec<WideChar>, FxBuildHasher>;

/// The column unit negotiated with the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PositionEncoding {
    Utf8,
    Utf16,
}

/// A zero-based line and a column counted in the chosen encoding's code units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// A non-ASCII character inside a line: its byte offset from the line start and its sizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct WideChar {
    start: u32,
    len_utf8: u8,
    len_utf16: u8,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset at which each line starts; always begins with 0.
    line_starts: Starts,
    /// The lines ending in `\r\n` (two bytes), sorted; every other line but the last ends in
    /// one byte. Kept instead of every line's end: the index of every spec stays in memory.
    crlf_lines: Box<[u32]>,
    /// Non-ASCII characters by line; `None` for an ASCII text (most specs), which saves the
    /// map's own size in every summary.
    wide_chars: Option<Box<WideMap>>,
    len: u32,
}

/// Line starts, two bytes each when the text is shorter than 64 KiB (every real spec), which
/// halves the largest part of the index kept for every spec.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Starts {
    Narrow(Box<[u16]>),
    Wide(Box<[u32]>),
}

impl Starts {
    fn new(starts: Vec<u32>, text_len: usize) -> Starts {
        if text_len <= usize::from(u16::MAX) {
            Starts::Narrow(starts.into_iter().map(|s| s as u16).collect())
        } else {
            Starts::Wide(starts.into_boxed_slice())
        }
    }

    fn len(&self) -> usize {
        match self {
            Starts::Narrow(s) => s.len(),
            Starts::Wide(s) => s.len(),
        }
    }

    fn get(&self, i: usize) -> Option<u32> {
        match self {
            Starts::Narrow(s) => s.get(i).map(|&x| u32::from(x)),
            Starts::Wide(s) => s.get(i).copied(),
        }
    }

    /// How many lines start at or before `offset`.
    fn count_at_or_before(&self, offset: u32) -> usize {
        match self {
            Starts::Narrow(s) => s.partition_point(|&start| u32::from(start) <= offset),
            Starts::Wide(s) => s.partition_point(|&start| start <= offset),
        }
    }
}

fn boxed_wide(map: WideMap) -> Option<Box<WideMap>> {
    (!map.is_empty()).then(|| Box::new(map))
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        // Nearly every spec has no `\r`: its lines end at each `\n`, found in one pass, and its
        // wide characters are found by one scan for non-ASCII bytes. The per-line `memchr2`
        // and ASCII check of the general path cost a third of a summary.
        if memchr::memchr(b'\r', text.as_bytes()).is_none() {
            return LineIndex::new_lf_only(text);
        }
        LineIndex::new_general(text)
    }

    /// A text whose only line terminator is `\n`.
    fn new_lf_only(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
        line_starts.push(0u32);
        line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|at| at as u32 + 1));
        let wide_chars = boxed_wide(wide_chars_by_line(text, &line_starts));
        let line_starts = Starts::new(line_starts, bytes.len());
        LineIndex { line_starts, crlf_lines: Box::default(), wide_chars, len: bytes.len() as u32 }
    }

    /// Any text: each line found with `memchr2` and checked for non-ASCII on its own.
    fn new_general(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0u32];
        let mut crlf_lines = Vec::new();
        let mut wide_chars = WideMap::default();
        let mut line_start = 0usize;
        // Specs are long (agent transcripts), so terminators are found with memchr and each
        // line's ASCII check runs a word at a time; only non-ASCII lines are walked by character.
        loop {
            let end = memchr::memchr2(b'\n', b'\r', &bytes[line_start..]).map_or(bytes.len(), |i| line_start + i);
            let line = &text[line_start..end];
            if !line.is_ascii() {
                let wide = line.char_indices().filter(|(_, ch)| !ch.is_ascii()).map(|(at, ch)| WideChar {
                    start: at as u32,
                    len_utf8: ch.len_utf8() as u8,
                    len_utf16: ch.len_utf16() as u8,
                });
                wide_chars.insert((line_starts.len() - 1) as u32, wide.collect());
            }
            if end == bytes.len() {
                break;
            }
            let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
            if crlf {
                crlf_lines.push((line_starts.len() - 1) as u32);
            }
            let next = if crlf { end + 2 } else { end + 1 };
            line_starts.push(next as u32);
            line_start = next;
        }
        wide_chars.shrink_to_fit();
        LineIndex {
            line_starts: Starts::new(line_starts, bytes.len()),
            crlf_lines: crlf_lines.into_boxed_slice(),
            wide_chars: boxed_wide(wide_chars),
            len: bytes.len() as u32,
        }
    }

    pub fn len(&self) -> u32 {
        self.len
    }

    fn wide_on(&self, line: u32) -> Option<&Vec<WideChar>> {
        self.wide_chars.as_ref()?.get(&line)
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }

    /// The zero-based line holding `offset` (offsets past the end map to the last line).
    pub fn line_of(&self, offset: u32) -> u32 {
        let offset = offset.min(self.len);
        (self.line_starts.count_at_or_before(offset) - 1) as u32
    }

    pub fn line_start(&self, line: u32) -> u32 {
        self.line_starts.get((line as usize).min(self.line_starts.len() - 1)).unwrap_or(0)
    }

    pub fn line_end(&self, line: u32) -> u32 {
        let line = line.min(self.line_count() - 1);
        let Some(next) = self.line_starts.get(line as usize + 1) else { return self.len };
        let terminator = if self.crlf_lines.binary_search(&line).is_ok() { 2 } else { 1 };
        next - terminator
    }

    /// Converts a byte offset to a line and column; offsets inside a terminator or a multi-byte
    /// character snap back to a valid boundary rather than failing.
    pub fn line_col(&self, offset: u32, enc: PositionEncoding) -> LineCol {
        self.line_col_in_units(offset, |ch| match enc {
            PositionEncoding::Utf8 => ch.len_utf8 as u32,
            PositionEncoding::Utf16 => ch.len_utf16 as u32,
        })
    }

    /// The line and the column counted in characters, as people and CI annotations count.
    pub fn line_char_col(&self, offset: u32) -> LineCol {
        self.line_col_in_units(offset, |_| 1)
    }

    fn line_col_in_units(&self, offset: u32, units: impl Fn(&WideChar) -> u32) -> LineCol {
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let byte_col = offset.min(self.line_end(line)).saturating_sub(start);
        let mut col = byte_col;
        if let Some(chars) = self.wide_on(line) {
            col = 0;
            let mut consumed = 0u32;
            for ch in chars {
                if ch.start >= byte_col {
                    break;
                }
                // ASCII bytes before this char count one unit each.
                col += ch.start - consumed;
                if ch.start + ch.len_utf8 as u32 > byte_col {
                    // The offset falls inside this character: snap to its start.
                    consumed = byte_col;
                    break;
                }
                col += units(ch);
                consumed = ch.start + ch.len_utf8 as u32;
            }
            col += byte_col.saturating_sub(consumed);
        }
        LineCol { line, col }
    }

    /// Converts a line and column back to a byte offset, clamping a column past the end of the
    /// line to the line end and a line past the end of the text to the end of the text.
    pub fn offset(&self, pos: LineCol, enc: PositionEncoding) -> u32 {
        if pos.line as usize >= self.line_starts.len() {
            return self.len;
        }
        let start = self.line_start(pos.line);
        let line_len = self.line_end(pos.line) - start;
        let Some(chars) = self.wide_on(pos.line) else {
            return start + pos.col.min(line_len);
        };
        let mut units = 0u32;
        let mut byte = 0u32;
        for ch in chars {
            let ascii_run = ch.start - byte;
            if units + ascii_run >= pos.col {
                return start + byte + (pos.col - units);
            }
            units += ascii_run;
            byte = ch.start;
            let width = match enc {
                PositionEncoding::Utf8 => ch.len_utf8 as u32,
                PositionEncoding::Utf16 => ch.len_utf16 as u32,
            };
            if units + width > pos.col {
                // Inside a character (e.g. between UTF-16 surrogates): snap to its start.
                return start + byte;
            }
            units += width;
            byte += ch.len_utf8 as u32;
        }
        start + (byte + (pos.col - units)).min(line_len)
    }
}

/// The non-ASCII characters of `text` grouped by line (`line_starts` of a `\n`-only text), each
/// with its byte offset from its line's start.
fn wide_chars_by_line(text: &str, line_starts: &[u32]) -> WideMap {
    let bytes = text.as_bytes();
    let mut out = WideMap::default();
    let mut line = 0usize;
    let mut chars: Vec<WideChar> = Vec::new();
    let mut at = 0usize;
    while let Some(found) = first_non_ascii(&bytes[at..]) {
        let pos = at + found;
        let ch = text[pos..].chars().next().expect("a non-ASCII byte after ASCII ones starts a character");
        // The character's line is the last one starting at or before it.
        let char_line = line + line_starts[line + 1..].partition_point(|&start| start as usize <= pos);
        if char_line != line && !chars.is_empty() {
            out.insert(line as u32, std::mem::take(&mut chars));
        }
        line = char_line;
        chars.push(WideChar {
            start: pos as u32 - line_starts[line],
            len_utf8: ch.len_utf8() as u8,
            len_utf16: ch.len_utf16() as u8,
        });
        at = pos + ch.len_utf8();
    }
    if !chars.is_empty() {
        out.insert(line as u32, chars);
    }
    // The index of every spec stays in memory.
    out.values_mut().for_each(Vec::shrink_to_fit);
    out.shrink_to_fit();
    out
}

/// Where the first byte of `bytes` at or above 0x80 is. Blocks of 32 bytes are tested by OR-ing
/// them together, which compiles to vector instructions; the byte itself is looked for only in
/// the block that has one.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    const BLOCK: usize = 32;
    let mut blocks = bytes.chunks_exact(BLOCK);
    let block = blocks.position(|block| block.iter().fold(0, |acc, &b| acc | b) >= 0x80);
    let from = block.map_or(bytes.len() - bytes.len() % BLOCK, |i| i * BLOCK);
    bytes[from..].iter().position(|&b| b >= 0x80).map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str, enc: PositionEncoding) -> Vec<(u32, LineCol)> {
        let index = LineIndex::new(text);
        text.char_indices()
            .filter(|(_, c)| *c != '\r' && *c != '\n')
            .map(|(i, _)| {
                let lc = index.line_col(i as u32, enc);
                assert_eq!(index.offset(lc, enc), i as u32, "offset {i} in {text:?}");
                (i as u32, lc)
            })
            .collect()
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "a\u{e9}\u{6d4b}\u{1F600}b\r\nx";
        let cols: Vec<_> =
            round_trip(text, PositionEncoding::Utf16).into_iter().map(|(_, lc)| (lc.line, lc.col)).collect();
        assert_eq!(cols, vec![(0, 0), (0, 1), (0, 2), (0, 3), (0, 5), (1, 0)]);
    }

    #[test]
    fn utf8_columns_are_bytes() {
        let text = "\u{e9}\u{1F600}z\rq";
        let cols: Vec<_> =
            round_trip(text, PositionEncoding::Utf8).into_iter().map(|(_, lc)| (lc.line, lc.col)).collect();
        assert_eq!(cols, vec![(0, 0), (0, 2), (0, 6), (1, 0)]);
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let index = LineIndex::new("ab\ncd");
        let enc = PositionEncoding::Utf16;
        assert_eq!(index.offset(LineCol { line: 0, col: 99 }, enc), 2);
        assert_eq!(index.offset(LineCol { line: 9, col: 0 }, enc), 5);
        assert_eq!(index.line_col(99, enc), LineCol { line: 1, col: 2 });
        let emoji = LineIndex::new("\u{1F600}x");
        assert_eq!(emoji.offset(LineCol { line: 0, col: 1 }, enc), 0);
        assert_eq!(emoji.line_col(2, enc), LineCol { line: 0, col: 0 });
    }

    /// Texts of every shape the fast path takes or refuses (CRLF, lone CR, wide characters,
    /// empty, no final newline) index exactly as the general path indexes them.
    #[test]
    fn lf_only_path_matches_the_general_one() {
        let long = "abc\u{e9}".repeat(20) + "\n" + &"x".repeat(70) + "\u{1D11E}\n\n";
        let samples = ["", "\n", "a", "a\n", "\u{e9}", "\u{e9}\n\u{1D11E}z\n", "a\r\nb", "a\rb\n", "\r", &long];
        for text in samples {
            assert_eq!(LineIndex::new(text), LineIndex::new_general(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, failure_persistence: None, ..Default::default() })]
        #[test]
        fn both_paths_agree_on_random_texts(text in "[ab\r\n\u{e9}\u{1D11E}]{0,80}") {
            proptest::prop_assert_eq!(LineIndex::new(&text), LineIndex::new_general(&text));
        }
    }

    #[test]
    fn first_non_ascii_finds_the_byte_in_every_block_position() {
        for len in 0..100 {
            for at in 0..=len {
                let mut bytes = vec![b'a'; len];
                if at < len {
                    bytes[at] = 0xc3;
                }
                assert_eq!(first_non_ascii(&bytes), (at < len).then_some(at), "{len} {at}");
            }
        }
    }
}
