//! Text primitives shared by every analysis layer: byte ranges and the line index.
//!
//! Everything below `server/` speaks byte offsets into the UTF-8 text; conversion to the client's
//! position encoding happens once, at the protocol edge, through [`LineIndex`].

pub mod edit;
mod line_index;

pub use line_index::{LineCol, LineIndex, PositionEncoding};

/// Replace `range` of a text with `new_text`: the one edit type every feature produces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub range: TextRange,
    pub new_text: String,
}

/// A half-open byte range `start..end` into a document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    pub fn new(start: usize, end: usize) -> TextRange {
        debug_assert!(start <= end, "inverted range {start}..{end}");
        TextRange { start: start as u32, end: end.max(start) as u32 }
    }

    pub fn empty(at: usize) -> TextRange {
        TextRange::new(at, at)
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn contains(self, offset: usize) -> bool {
        self.start as usize <= offset && offset < self.end as usize
    }

    /// Like [`TextRange::contains`], but also true at the end offset (a cursor just after a word).
    pub fn touches(self, offset: usize) -> bool {
        self.start as usize <= offset && offset <= self.end as usize
    }

    pub fn shifted(self, by: usize) -> TextRange {
        TextRange::new(self.start as usize + by, self.end as usize + by)
    }

    pub fn as_usize(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}
