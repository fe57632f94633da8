//! The index follows the disk: specs and referenced files created or deleted outside the editor
//! update the diagnostics of the specs they affect, whether the client watches files for us
//! (dynamic registration) or the server watches them itself.

use crate::support::{TempWorkspace, TestServer};
use serde_json::{json, Value};

const B: &str = "---\ndepends_on: [x]\n---\n# B\n\n## Acceptance Criteria\n\n- [x] ok\n";
const X: &str = "---\n---\n# X\n\n## Acceptance Criteria\n\n- [x] ok\n";

fn watching_client() -> Value {
    json!({ "capabilities": { "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } } })
}

/// The codes of a `publishDiagnostics` params.
fn codes(params: &Value) -> Vec<String> {
    let diagnostics = params["diagnostics"].as_array().cloned().unwrap_or_default();
    diagnostics.iter().map(|d| d["code"].as_str().unwrap_or_default().to_string()).collect()
}

/// Reads publishes for `uri` until one has exactly `expected` codes: the server may publish an
/// intermediate state first (one batch per burst of events), and every read has a deadline.
async fn until_codes(server: &mut TestServer, uri: &str, expected: &[&str]) {
    loop {
        let params = server.diagnostics(uri).await;
        if codes(&params) == expected {
            return;
        }
    }
}

#[tokio::test]
async fn the_client_watches_specs_and_referenced_files() {
    let c = "---\ncontext:\n  - docs/notes.md\n---\n# C\n\n## Acceptance Criteria\n\n- [x] ok\n";
    let ws = TempWorkspace::new(&[(".chant/specs/b.md", B), (".chant/specs/c.md", c)]);
    let (b, c, x) = (ws.uri(".chant/specs/b.md"), ws.uri(".chant/specs/c.md"), ws.uri(".chant/specs/x.md"));
    let mut server = TestServer::start(&ws.root, watching_client()).await;
    let first = server.find_or_read("client/registerCapability").await;
    assert_eq!(first["params"]["registrations"][0]["id"], "chant-lsp/watch-chant-folders");
    let second = server.find_or_read("client/registerCapability").await;
    let referenced = json!({ "registrations": [{
        "id": "chant-lsp/watch-referenced-files",
        "method": "workspace/didChangeWatchedFiles",
        "registerOptions": { "watchers": [{ "globPattern": "**/*", "kind": 5 }] },
    }] });
    assert_eq!(second["params"], referenced);

    ws.write(".chant/specs/x.md", X);
    server.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": x, "type": 1 }] })).await;
    until_codes(&mut server, &b, &[]).await;
    std::fs::remove_file(ws.path(".chant/specs/x.md")).expect("delete x.md");
    server.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": x, "type": 3 }] })).await;
    until_codes(&mut server, &b, &["unknown-dependency"]).await;

    // A folder of specs moved in and out is reported as the folder alone. (chant loads a spec in
    // a sub-folder, but its lint does not know it, hence `archived-dependency`.)
    let folder = ws.uri(".chant/specs/later");
    ws.write(".chant/specs/later/x.md", X);
    server.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": folder, "type": 1 }] })).await;
    until_codes(&mut server, &b, &["archived-dependency"]).await;
    std::fs::remove_dir_all(ws.path(".chant/specs/later")).expect("delete folder");
    server.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": folder, "type": 3 }] })).await;
    until_codes(&mut server, &b, &["unknown-dependency"]).await;

    // A file outside `.chant/` that a spec names appears, then goes again.
    let notes = ws.uri("docs/notes.md");
    ws.write("docs/notes.md", "notes\n");
    server.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": notes, "type": 1 }] })).await;
    until_codes(&mut server, &c, &[]).await;
    std::fs::remove_file(ws.path("docs/notes.md")).expect("delete notes");
    server.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": notes, "type": 3 }] })).await;
    until_codes(&mut server, &c, &["missing-file"]).await;
}

#[tokio::test]
async fn the_server_watches_by_itself_when_the_client_cannot() {
    let c = "---\ncontext:\n  - docs/notes.md\n---\n# C\n\n## Acceptance Criteria\n\n- [x] ok\n";
    let ws = TempWorkspace::new(&[(".chant/specs/b.md", B), (".chant/specs/c.md", c), ("docs/keep.md", "k\n")]);
    let (b, c) = (ws.uri(".chant/specs/b.md"), ws.uri(".chant/specs/c.md"));
    let mut server = TestServer::start(&ws.root, json!({})).await;
    assert!(server.skipped.iter().all(|m| m["method"] != "client/registerCapability"));

    // No notification from the client: the server sees the writes itself.
    ws.write(".chant/specs/x.md", X);
    until_codes(&mut server, &b, &[]).await;
    std::fs::rename(ws.path(".chant/specs/x.md"), ws.path(".chant/specs/y.md")).expect("rename x.md");
    until_codes(&mut server, &b, &["unknown-dependency"]).await;
    std::fs::rename(ws.path(".chant/specs/y.md"), ws.path(".chant/specs/x.md")).expect("rename back");
    until_codes(&mut server, &b, &[]).await;
    std::fs::remove_file(ws.path(".chant/specs/x.md")).expect("delete x.md");
    until_codes(&mut server, &b, &["unknown-dependency"]).await;

    ws.write("docs/notes.md", "notes\n");
    until_codes(&mut server, &c, &[]).await;
    // A rename away counts as a deletion.
    std::fs::rename(ws.path("docs/notes.md"), ws.path("docs/old-notes.md")).expect("rename notes");
    until_codes(&mut server, &c, &["missing-file"]).await;
}
