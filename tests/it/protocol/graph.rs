//! The spec graph over the protocol: call hierarchy on ids and on the spec itself, the
//! `chant-lsp.graph` command, and `chant-lsp/indexChanged` for clients that ask for it.

use crate::support::{range, TempWorkspace, TestServer};
use serde_json::{json, Value};

fn workspace() -> TempWorkspace {
    TempWorkspace::fixture(
        r#"
        //- /.chant/specs/a.md
        ---
        status: completed
        ---
        # Done
        //- /.chant/specs/b.md
        ---
        depends_on: [a, c]
        ---
        # Waits
        //- /.chant/specs/c.md
        ---
        status: in_progress
        ---
        # Running
        "#,
    )
}

fn names(calls: &Value, key: &str) -> Vec<String> {
    let list = calls.as_array().cloned().unwrap_or_default();
    list.iter().map(|c| format!("{} {}", c[key]["name"], c["fromRanges"])).collect()
}

#[tokio::test]
async fn call_hierarchy_walks_the_dependency_graph() {
    let ws = workspace();
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let b = ws.uri(".chant/specs/b.md");
    // On `c` in `depends_on: [a, c]`: the item is spec c.
    let at_c = json!({ "textDocument": { "uri": b }, "position": { "line": 1, "character": 16 } });
    let items = server.request("textDocument/prepareCallHierarchy", at_c).await;
    assert_eq!(items[0]["name"], "Running");
    assert_eq!(items[0]["detail"], "c · in_progress");
    assert_eq!(items[0]["uri"], ws.uri(".chant/specs/c.md"));
    assert_eq!(items[0]["selectionRange"], range([3, 0, 3, 9]));
    let incoming = server.request("callHierarchy/incomingCalls", json!({ "item": items[0] })).await;
    assert_eq!(names(&incoming, "from"), [format!("\"Waits\" {}", json!([range([1, 16, 1, 17])]))]);
    // On the title: the item is b itself; outgoing calls are its dependencies.
    let at_title = json!({ "textDocument": { "uri": b }, "position": { "line": 3, "character": 3 } });
    let items = server.request("textDocument/prepareCallHierarchy", at_title).await;
    assert_eq!(items[0]["detail"], "b · pending · blocked by 1");
    let outgoing = server.request("callHierarchy/outgoingCalls", json!({ "item": items[0] })).await;
    assert_eq!(
        names(&outgoing, "to"),
        [
            format!("\"Done\" {}", json!([range([1, 13, 1, 14])])),
            format!("\"Running\" {}", json!([range([1, 16, 1, 17])]))
        ]
    );
}

#[tokio::test]
async fn graph_command_and_index_notifications() {
    let ws = workspace();
    let caps = json!({ "capabilities": { "experimental": { "chantIndexChanged": true } } });
    let mut server = TestServer::start(&ws.root, caps).await;
    let b = ws.uri(".chant/specs/b.md");
    let args = json!({ "command": "chant-lsp.graph", "arguments": [{ "uri": b, "focus": true, "format": "mermaid" }] });
    let answer = server.request("workspace/executeCommand", args).await;
    let ids: Vec<&str> = answer["nodes"].as_array().expect("nodes").iter().filter_map(|n| n["id"].as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    let root = ws.uri("").trim_end_matches('/').to_string();
    assert_eq!(answer["root"], root);
    assert!(answer["text"].as_str().is_some_and(|t| t.starts_with("flowchart LR\n")));
    let bad = json!({ "command": "chant-lsp.graph", "arguments": [{ "format": "svg" }] });
    let error = server.respond("workspace/executeCommand", bad).await;
    assert_eq!(error["error"]["code"], -32602);

    // Indexing announced the workspace; then an edit changes the index again, and the client
    // that asked is told which workspace.
    let first = server.find_or_read("chant-lsp/indexChanged").await;
    assert_eq!(first["params"], json!({ "root": root }));
    let text = ws.read(".chant/specs/b.md");
    server.open(&b, 1, &text).await;
    server.change(&b, 2, [1, 0], [1, 18], "depends_on: [a]").await;
    let note = server.read_until("chant-lsp/indexChanged").await;
    assert_eq!(note["params"], json!({ "root": root }));
}
