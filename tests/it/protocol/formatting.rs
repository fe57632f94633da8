//! `textDocument/formatting` through the real server: the exact edit that puts an open spec in
//! chant's saved form (comments kept), none for a spec already in it, and none for a spec chant
//! cannot load.

use crate::support::{TempWorkspace, TestServer};
use serde_json::{json, Value};

async fn format(server: &mut TestServer, uri: &str) -> Value {
    let params = json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } });
    server.request("textDocument/formatting", params).await
}

#[tokio::test]
async fn formatting_returns_the_edit_to_chants_form() {
    let messy = "---\nstatus: pending # güte 🙂\ntype: code\nlabels: [a, b]\n---\n\n# Messy\n";
    let tidy = "---\ntype: code\nstatus: pending\n---\n# Tidy";
    let broken = "---\ntype: docs\n---\n# Broken\n";
    let ws = TempWorkspace::new(&[
        (".chant/specs/messy.md", messy),
        (".chant/specs/tidy.md", tidy),
        (".chant/specs/broken.md", broken),
    ]);
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let uri = ws.uri(".chant/specs/messy.md");
    server.open(&uri, 1, messy).await;
    assert_eq!(
        format(&mut server, &uri).await,
        json!([
            {
                "range": { "start": { "line": 1, "character": 0 }, "end": { "line": 5, "character": 0 } },
                "newText": "type: code\nstatus: pending # güte 🙂\nlabels:\n- a\n- b\n---",
            },
            { "range": { "start": { "line": 6, "character": 7 }, "end": { "line": 7, "character": 0 } }, "newText": "" },
        ])
    );
    // Only the trailing blanks go: the edit starts after the emoji, which counts two in UTF-16.
    let wide_uri = ws.uri(".chant/specs/wide.md");
    server.open(&wide_uri, 1, "---\ntype: code\nstatus: pending\n---\n# Émoji 🙂 title  \n\n").await;
    assert_eq!(
        format(&mut server, &wide_uri).await,
        json!([{ "range": { "start": { "line": 4, "character": 16 }, "end": { "line": 6, "character": 0 } }, "newText": "" }])
    );
    let tidy_uri = ws.uri(".chant/specs/tidy.md");
    server.open(&tidy_uri, 1, tidy).await;
    assert_eq!(format(&mut server, &tidy_uri).await, json!([]));
    let broken_uri = ws.uri(".chant/specs/broken.md");
    server.open(&broken_uri, 1, broken).await;
    assert_eq!(format(&mut server, &broken_uri).await, Value::Null);
}
