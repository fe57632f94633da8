//! What the fuzz targets run: a spec text through parsing, diagnostics and every editor feature,
//! and a list of client edits applied the way the server applies them. The feature driver and the
//! edit model are the test suite's own (`tests/it/support/`), included by path so the fuzzers and
//! `cargo test` check the same invariants.

#[path = "../../tests/it/support/edit_model.rs"]
pub mod edit_model;
#[path = "../../tests/it/support/exercise.rs"]
pub mod exercise;

use std::path::PathBuf;

use arbitrary::Arbitrary;
use chant_lsp::text::{edit, LineCol, PositionEncoding};
use edit_model::Change;
use ropey::Rope;

/// The workspace root the targets pretend to work in; nothing is read from or written to it.
fn root() -> PathBuf {
    PathBuf::from("/nonexistent/chant-lsp-fuzz")
}

/// A handful of cursor offsets spread over the text, varied by its content so that mutations
/// move them: the ends, past the end, and points picked by a hash of the text.
fn offsets(text: &str) -> Vec<usize> {
    let len = text.len();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash = (hash ^ byte as u64).wrapping_mul(0x0100_0000_01b3);
    }
    let mut out = vec![0, len, len + 7];
    for _ in 0..4 {
        out.push((hash % (len as u64 + 1)) as usize);
        hash = hash.rotate_left(17).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    out
}

/// Bytes → spec → diagnostics → every feature at a few offsets.
pub fn spec_parse(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let offsets = offsets(&text);
    let (ws, path) = exercise::workspace_around(&root(), text);
    exercise::every_feature(&ws, &path, &offsets);
}

/// One client change as the fuzzer builds it: a range edit, or (`full`) a whole-text
/// replacement.
#[derive(Arbitrary, Debug)]
pub struct FuzzChange {
    start: (u16, u16),
    end: (u16, u16),
    text: String,
    full: bool,
}

/// An opened text, the encoding negotiated with the client and the changes it sends.
#[derive(Arbitrary, Debug)]
pub struct EditSession {
    initial: String,
    utf16: bool,
    changes: Vec<FuzzChange>,
}

/// Applies the changes to a rope exactly as the server does, checks the result against the
/// independent string model after every change, then analyses the final text with the cursor
/// on every edited spot.
pub fn edits_analysis(session: EditSession) {
    let enc = if session.utf16 { PositionEncoding::Utf16 } else { PositionEncoding::Utf8 };
    let mut rope = Rope::from_str(&session.initial);
    let mut model = session.initial.clone();
    let mut spots = Vec::new();
    for c in &session.changes {
        if c.full {
            rope = Rope::from_str(&c.text);
            model = c.text.clone();
            continue;
        }
        let change = Change {
            start: (c.start.0.into(), c.start.1.into()),
            end: (c.end.0.into(), c.end.1.into()),
            text: c.text.clone(),
        };
        let at = |(line, col): (u32, u32)| LineCol { line, col };
        edit::replace(&mut rope, at(change.start), at(change.end), &change.text, enc);
        spots.push(edit_model::offset(&model, change.start, enc).min(edit_model::offset(&model, change.end, enc)));
        model = edit_model::apply(&model, &change, enc);
        assert_eq!(rope.to_string(), model, "after {change:?} in {enc:?}");
    }
    spots.extend(offsets(&model));
    let (ws, path) = exercise::workspace_around(&root(), model);
    exercise::every_feature(&ws, &path, &spots);
}
