//! Property tests for incremental sync: random edits sent as `didChange` ranges leave the server
//! with the same text, and the same diagnostics, as opening the final text afresh. The final text
//! is computed by an independent string model of the LSP rules (`exercise/edit_model.rs`), never
//! by the server's own code.
//!
//! Inputs mix the characters that break position arithmetic: `é` (2 UTF-8 bytes, 1 UTF-16
//! unit), `😀` (4 bytes, a surrogate pair), CJK (3 bytes, 1 unit), CRLF and lone CR line ends;
//! columns and lines run past the end and ranges may be reversed.

use crate::support::edit_model;

use crate::support::{TempWorkspace, TestServer};
use chant_lsp::text::{edit, LineCol, PositionEncoding};
use edit_model::Change;
use proptest::prelude::*;
use ropey::Rope;
use serde_json::{json, Value};

/// Pieces random texts are built from: frontmatter lines chant knows, markdown structure, and
/// the characters and line ends that stress position conversion.
const PIECES: &[&str] = &[
    "---\n",
    "---\r\n",
    "type: code\n",
    "status: pendng\n",
    "status: completed\r\n",
    "depends_on:\n  - 2026-01-01-001-abc\n",
    "depends_on: [nope, 测试😀]\n",
    "target_files: [src/a.rs]\n",
    "# Title é\n",
    "## Acceptance Criteria\n",
    "- [ ] todo\n",
    "- [x] 😀 done\r\n",
    "```\n",
    "\r\n",
    "\r",
    "\n",
    "é",
    "😀",
    "测试",
    ": ",
    "- ",
    "x",
];

fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(PIECES)
}

fn text(max_pieces: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..max_pieces).prop_map(|p| p.concat())
}

/// Lines and columns reach past the ends of the small texts generated; start after end gives a
/// reversed range.
fn change() -> impl Strategy<Value = Change> {
    ((0u32..14, 0u32..24), (0u32..14, 0u32..24), text(4)).prop_map(|(start, end, text)| Change { start, end, text })
}

fn encoding() -> impl Strategy<Value = PositionEncoding> {
    prop_oneof![Just(PositionEncoding::Utf8), Just(PositionEncoding::Utf16)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    /// The server's rope edit agrees with the string model after every change.
    #[test]
    fn rope_edits_match_the_model(
        initial in text(24),
        changes in prop::collection::vec(change(), 1..10),
        enc in encoding(),
    ) {
        let mut rope = Rope::from_str(&initial);
        let mut model = initial.clone();
        for c in &changes {
            let at = |(line, col): (u32, u32)| LineCol { line, col };
            edit::replace(&mut rope, at(c.start), at(c.end), &c.text, enc);
            model = edit_model::apply(&model, c, enc);
            prop_assert_eq!(rope.to_string(), model.clone(), "after {:?}", c);
        }
    }
}

/// The cases the brief of incremental sync singles out, with the text each must produce.
#[test]
fn awkward_edits_follow_the_lsp_rules() {
    let cases: &[(&str, Change, PositionEncoding, &str)] = &[
        // Column 2 in UTF-16 is between the surrogates of 😀: the position snaps to its start.
        ("a😀b", ch((0, 2), (0, 2), "|"), PositionEncoding::Utf16, "a|😀b"),
        // Deleting from inside the pair to after it removes the whole emoji.
        ("a😀b", ch((0, 2), (0, 3), ""), PositionEncoding::Utf16, "ab"),
        // UTF-8 column 2 is inside `é`: snaps to its start.
        ("xé測", ch((0, 2), (0, 3), "!"), PositionEncoding::Utf8, "x!測"),
        // A column past the end of a CRLF line lands before the `\r`, never between `\r\n`.
        ("ab\r\ncd", ch((0, 9), (0, 9), "!"), PositionEncoding::Utf16, "ab!\r\ncd"),
        // Deleting a CRLF joins the lines.
        ("ab\r\ncd", ch((0, 2), (1, 0), ""), PositionEncoding::Utf16, "abcd"),
        // A lone CR ends a line.
        ("ab\rcd", ch((1, 1), (1, 1), "!"), PositionEncoding::Utf16, "ab\rc!d"),
        // Inserting `\n` after a lone `\r` makes a CRLF: one line break, not two.
        ("ab\rcd", ch((1, 0), (1, 0), "\n"), PositionEncoding::Utf16, "ab\r\ncd"),
        // A line past the end means the end of the text.
        ("ab\ncd", ch((7, 3), (9, 0), "!"), PositionEncoding::Utf16, "ab\ncd!"),
        // A reversed range replaces the same span as the ordered one.
        ("abc\ndef", ch((1, 2), (0, 1), "-"), PositionEncoding::Utf16, "a-f"),
    ];
    for (before, change, enc, after) in cases {
        assert_eq!(edit_model::apply(before, change, *enc), *after, "model: {change:?} on {before:?}");
        let mut rope = Rope::from_str(before);
        let at = |(line, col): (u32, u32)| LineCol { line, col };
        edit::replace(&mut rope, at(change.start), at(change.end), &change.text, *enc);
        assert_eq!(rope.to_string(), *after, "server: {change:?} on {before:?}");
    }
}

fn ch(start: (u32, u32), end: (u32, u32), text: &str) -> Change {
    Change { start, end, text: text.to_string() }
}

const SPEC: &str = ".chant/specs/2026-01-01-002-xyz.md";

/// What the server shows for `uri` once it has seen `version`: its diagnostics, document
/// symbols and folding ranges (all three are computed from the document it holds).
async fn server_view(server: &mut TestServer, uri: &str, version: i32) -> Value {
    let diagnostics = loop {
        let params = server.diagnostics(uri).await;
        if params["version"] == version {
            break params["diagnostics"].clone();
        }
    };
    let doc = json!({ "textDocument": { "uri": uri } });
    let symbols = server.request("textDocument/documentSymbol", doc.clone()).await;
    let folds = server.request("textDocument/foldingRange", doc).await;
    json!({ "diagnostics": diagnostics, "symbols": symbols, "folds": folds })
}

/// Sends `batches` of changes to a document opened with `initial`, then reopens it with the
/// model's final text: both views must be equal.
async fn incremental_matches_fresh(initial: String, batches: Vec<Vec<Change>>, enc: PositionEncoding) {
    let neighbour = "---\ntype: code\n---\n# A\n\n## Acceptance Criteria\n\n- [x] ok\n";
    let ws = TempWorkspace::new(&[(".chant/specs/2026-01-01-001-abc.md", neighbour)]);
    let encodings = match enc {
        PositionEncoding::Utf8 => json!(["utf-8"]),
        PositionEncoding::Utf16 => json!(["utf-16"]),
    };
    let mut server =
        TestServer::start(&ws.root, json!({ "capabilities": { "general": { "positionEncodings": encodings } } })).await;
    let uri = ws.uri(SPEC);
    server.open(&uri, 1, &initial).await;
    let mut expected = initial;
    let mut version = 1;
    for batch in &batches {
        version += 1;
        let changes: Vec<Value> = batch
            .iter()
            .map(|c| {
                let range = crate::support::range([c.start.0, c.start.1, c.end.0, c.end.1]);
                json!({ "range": range, "text": c.text })
            })
            .collect();
        let params = json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes });
        server.notify("textDocument/didChange", params).await;
        for c in batch {
            expected = edit_model::apply(&expected, c, enc);
        }
    }
    let incremental = server_view(&mut server, &uri, version).await;
    server.close(&uri).await;
    server.open(&uri, 1000, &expected).await;
    let fresh = server_view(&mut server, &uri, 1000).await;
    assert_eq!(incremental, fresh, "final text {expected:?}");
}

proptest! {
    // Each case starts a server; 24 cases keep the property to a few seconds.
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    /// Through the protocol: incremental edits, several per notification, publish what a fresh
    /// open of the final text publishes.
    #[test]
    fn incremental_sync_matches_a_fresh_open(
        initial in text(24),
        batches in prop::collection::vec(prop::collection::vec(change(), 1..4), 1..5),
        enc in encoding(),
    ) {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
        runtime.block_on(incremental_matches_fresh(initial, batches, enc));
    }
}
