//! JSON builders for the LSP positions, ranges and locations the protocol tests send and expect,
//! so every test spells them the same way (and a change of shape is made once).

// Every test binary compiles this module; each uses some of these builders.
#![allow(dead_code)]

use serde_json::{json, Value};

/// A `Position`.
pub fn position(line: u32, character: u32) -> Value {
    json!({ "line": line, "character": character })
}

/// A `Range` from `[start line, start character, end line, end character]`.
pub fn range(r: [u32; 4]) -> Value {
    json!({ "start": position(r[0], r[1]), "end": position(r[2], r[3]) })
}

/// A `Location`: `uri` and `range` as in [`range`].
pub fn location(uri: &str, r: [u32; 4]) -> Value {
    json!({ "uri": uri, "range": range(r) })
}

/// `TextDocumentPositionParams`: the document `uri` at `line`, `character`.
pub fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": position(line, character) })
}
