//! Code lenses over the protocol: the exact `textDocument/codeLens` answer on a spec, and the
//! heading fix run through `workspace/executeCommand`, which the server sends back as
//! `workspace/applyEdit`.

use crate::support::{location, position, range, TempWorkspace, TestServer};
use serde_json::{json, Value};

fn workspace() -> TempWorkspace {
    TempWorkspace::fixture(
        r#"
        //- /.chant/specs/001-a.md
        ---
        status: completed
        ---
        # Alpha
        //- /.chant/specs/002-b.md
        ---
        depends_on:
          - 001-a
        ---
        # Beta

        ## Acceptance Criteria

        - [x] one
        - [ ] two
        //- /.chant/archive/003-c.md
        ---
        depends_on: [002-b]
        ---
        # Gamma
        //- /.chant/specs/004-d.md
        ---
        ---
        # Hidden

        ### Acceptance criteria
        - [ ] a
        "#,
    )
}

fn show(title: &str, uri: &str, at: [u32; 2], locations: Vec<Value>) -> Value {
    json!({
        "title": title,
        "command": "chant-lsp.showReferences",
        "arguments": [uri, position(at[0], at[1]), locations],
    })
}

#[tokio::test]
async fn lenses_on_a_spec() {
    let ws = workspace();
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let beta = ws.uri(".chant/specs/002-b.md");
    let lenses = server.request("textDocument/codeLens", json!({ "textDocument": { "uri": beta } })).await;
    assert_eq!(
        lenses,
        json!([
            {
                "range": range([4, 0, 4, 6]),
                "command": { "title": "ready", "command": "" },
            },
            {
                "range": range([4, 0, 4, 6]),
                "command": show("depends on 1", &beta, [4, 0], vec![location(&ws.uri(".chant/specs/001-a.md"), [3, 0, 3, 7])]),
            },
            {
                "range": range([4, 0, 4, 6]),
                "command": show("required by 1", &beta, [4, 0], vec![location(&ws.uri(".chant/archive/003-c.md"), [1, 13, 1, 18])]),
            },
            {
                "range": range([6, 0, 6, 22]),
                "command": show("1/2 done", &beta, [6, 0], vec![location(&beta, [9, 6, 9, 9])]),
            },
        ])
    );
    // A count with nothing to list is a label: its command is empty.
    let alpha = ws.uri(".chant/specs/001-a.md");
    let lenses = server.request("textDocument/codeLens", json!({ "textDocument": { "uri": alpha } })).await;
    assert_eq!(
        lenses[0],
        json!({ "range": range([3, 0, 3, 7]), "command": { "title": "depends on 0", "command": "" } })
    );
}

#[tokio::test]
async fn the_heading_fix_is_applied_through_execute_command() {
    let ws = workspace();
    let mut server =
        TestServer::start(&ws.root, json!({ "capabilities": { "workspace": { "applyEdit": true } } })).await;
    let hidden = ws.uri(".chant/specs/004-d.md");
    let lenses = server.request("textDocument/codeLens", json!({ "textDocument": { "uri": hidden } })).await;
    let fix = json!({ "uri": hidden, "range": range([4, 0, 4, 23]), "newText": "## Acceptance Criteria" });
    assert_eq!(
        lenses[3],
        json!({
            "range": range([4, 0, 4, 23]),
            "command": {
                "title": "chant sees 0 of 1 criterion here — rename heading to `## Acceptance Criteria`",
                "command": "chant-lsp.fixCriteriaHeading",
                "arguments": [fix.clone()],
            },
        })
    );
    let command = lenses[3]["command"].clone();
    let params = json!({ "command": command["command"], "arguments": command["arguments"] });
    let answer = server.request("workspace/executeCommand", params).await;
    assert_eq!(answer, Value::Null);
    let apply = server.find_or_read("workspace/applyEdit").await;
    let edit = json!({ "range": range([4, 0, 4, 23]), "newText": "## Acceptance Criteria" });
    assert_eq!(apply["params"]["edit"], json!({ "changes": { hidden.clone(): [edit] } }));

    // A fix the document no longer offers (wrong range) is not applied.
    let stale = json!({ "uri": hidden, "range": range([2, 0, 2, 8]), "newText": "## Acceptance Criteria" });
    let params = json!({ "command": "chant-lsp.fixCriteriaHeading", "arguments": [stale] });
    assert_eq!(server.request("workspace/executeCommand", params).await, Value::Null);
    assert!(server.skipped.iter().all(|m| m["method"] != "workspace/applyEdit"));
}

#[tokio::test]
async fn lenses_follow_unsaved_edits() {
    let ws = workspace();
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let beta = ws.uri(".chant/specs/002-b.md");
    let saved = ws.read(".chant/specs/002-b.md");
    server.open(&beta, 1, &saved).await;
    // Two lines added above the title, and the open criterion checked: not saved.
    let edited = saved.replace("# Beta\n", "Intro.\n\n# Beta\n").replace("- [ ] two", "- [x] two");
    server.change(&beta, 2, [0, 0], [10, 0], &edited).await;
    let lenses = server.request("textDocument/codeLens", json!({ "textDocument": { "uri": beta } })).await;
    let titles: Vec<(&Value, &Value)> = lenses
        .as_array()
        .expect("lenses")
        .iter()
        .map(|l| (&l["range"]["start"]["line"], &l["command"]["title"]))
        .collect();
    assert_eq!(
        titles,
        [
            (&json!(6), &json!("ready")),
            (&json!(6), &json!("depends on 1")),
            (&json!(6), &json!("required by 1")),
            (&json!(8), &json!("2/2 done"))
        ]
    );
}

/// Without `workspace/applyEdit` the server could not apply the heading fix, so its lens is a
/// label (the quick fix on the diagnostic still repairs it).
#[tokio::test]
async fn the_heading_fix_lens_is_a_label_for_clients_without_apply_edit() {
    let ws = workspace();
    let mut server =
        TestServer::start(&ws.root, json!({ "capabilities": { "workspace": { "applyEdit": false } } })).await;
    let hidden = ws.uri(".chant/specs/004-d.md");
    let lenses = server.request("textDocument/codeLens", json!({ "textDocument": { "uri": hidden } })).await;
    assert_eq!(
        lenses[3],
        json!({
            "range": range([4, 0, 4, 23]),
            "command": {
                "title": "chant sees 0 of 1 criterion here — rename heading to `## Acceptance Criteria`",
                "command": "",
            },
        })
    );
}
