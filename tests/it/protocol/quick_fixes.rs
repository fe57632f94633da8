//! Code actions over the protocol: a quick fix attached to the client's diagnostic, fix-all on
//! request, "Mark done" on an open document, and a file creation as a resource operation.

use crate::support::{range, TempWorkspace, TestServer};
use serde_json::{json, Value};

const SPEC: &str =
    "---\nstatus: complete\ntype: implementation\n---\n# A\n\n## Acceptance Criteria\n\n- [ ] one\n- [x] two\n";

fn params(uri: &str, r: [u32; 4], context: Value) -> Value {
    json!({ "textDocument": { "uri": uri }, "range": range(r), "context": context })
}

#[tokio::test]
async fn quick_fix_names_the_diagnostic_it_repairs() {
    let ws = TempWorkspace::new(&[(".chant/specs/a.md", SPEC)]);
    let uri = ws.uri(".chant/specs/a.md");
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let shown = json!({ "range": range([1, 8, 1, 16]), "code": "invalid-value", "message": "as the client shows it" });
    let answer = server
        .request(
            "textDocument/codeAction",
            params(&uri, [1, 10, 1, 10], json!({ "diagnostics": [shown], "only": ["quickfix", "source.fixAll"] })),
        )
        .await;
    let edit = |edits: Value| json!({ "documentChanges": [{ "textDocument": { "uri": uri, "version": null }, "edits": edits }] });
    let status = json!({ "range": range([1, 8, 1, 16]), "newText": "completed" });
    let kind = json!({ "range": range([2, 6, 2, 20]), "newText": "code" });
    assert_eq!(
        answer,
        json!([
            {
                "title": "Change to `completed`",
                "kind": "quickfix",
                "diagnostics": [shown],
                "edit": edit(json!([status])),
                "isPreferred": true,
            },
            {
                "title": "Fix all auto-fixable chant problems",
                "kind": "source.fixAll.chant",
                "diagnostics": [
                    shown,
                    {
                        "range": range([2, 6, 2, 20]),
                        "severity": 1,
                        "code": "invalid-value",
                        "source": "chant-lsp",
                        "message": "`implementation` is not a valid `type`: chant cannot load this spec (expected one of code, task, driver, documentation, research, group); did you mean `code`?",
                        // What its fix needs, published with it and sent back by the client.
                        "data": { "start": 27, "end": 41, "text": "implementation", "hint": { "replace": ["code"] } },
                    },
                ],
                "edit": edit(json!([status, kind])),
            },
        ])
    );
}

#[tokio::test]
async fn fix_all_on_request_and_nothing_else() {
    let ws = TempWorkspace::new(&[(".chant/specs/a.md", SPEC)]);
    let uri = ws.uri(".chant/specs/a.md");
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let context = json!({ "diagnostics": [], "only": ["source.fixAll"] });
    let answer = server.request("textDocument/codeAction", params(&uri, [0, 0, 0, 0], context)).await;
    let actions = answer.as_array().expect("a list");
    assert_eq!(actions.len(), 1, "{answer:#}");
    assert_eq!(actions[0]["kind"], "source.fixAll.chant");
    let edits = &actions[0]["edit"]["documentChanges"][0]["edits"];
    assert_eq!(
        edits,
        &json!([
            { "range": range([1, 8, 1, 16]), "newText": "completed" },
            { "range": range([2, 6, 2, 20]), "newText": "code" },
        ])
    );
}

/// Drops "Fill PR description", which every spec offers under `refactor` too.
fn without_pr_action(answer: Value) -> Value {
    let actions = answer.as_array().expect("a list").iter().filter(|a| a["title"] != "Fill PR description");
    Value::Array(actions.cloned().collect())
}

#[tokio::test]
async fn mark_done_edits_the_box_of_the_open_version() {
    let ws = TempWorkspace::new(&[(".chant/specs/a.md", SPEC)]);
    let uri = ws.uri(".chant/specs/a.md");
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let open = SPEC.replace("status: complete\ntype: implementation\n", "status: pending\n");
    server.open(&uri, 4, &open).await;
    let context = json!({ "diagnostics": [], "only": ["refactor"] });
    let on_one =
        without_pr_action(server.request("textDocument/codeAction", params(&uri, [7, 3, 7, 3], context.clone())).await);
    assert_eq!(
        on_one,
        json!([{
            "title": "Mark done",
            "kind": "refactor.rewrite",
            "edit": { "documentChanges": [{
                "textDocument": { "uri": uri, "version": 4 },
                "edits": [{ "range": range([7, 3, 7, 4]), "newText": "x" }],
            }] },
        }])
    );
    let on_heading = server.request("textDocument/codeAction", params(&uri, [5, 0, 5, 0], context)).await;
    assert_eq!(on_heading[0]["title"], "Mark all criteria done");
    assert_eq!(on_heading[0]["edit"]["documentChanges"][0]["edits"][0]["range"], range([7, 3, 7, 4]));
    // The open text is what counts: the invalid values on disk are gone from it.
    let fix_all = json!({ "diagnostics": [], "only": ["source.fixAll.chant"] });
    let nothing = server.request("textDocument/codeAction", params(&uri, [0, 0, 0, 0], fix_all)).await;
    assert_eq!(nothing, json!([]));
}

#[tokio::test]
async fn missing_file_is_created_with_a_heading() {
    let spec =
        "---\ninformed_by:\n  - .chant/research/issue-42-sprawl.md\n---\n# A\n\n## Acceptance Criteria\n\n- [ ] one\n";
    let ws = TempWorkspace::new(&[(".chant/specs/a.md", spec)]);
    let uri = ws.uri(".chant/specs/a.md");
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let answer =
        server.request("textDocument/codeAction", params(&uri, [2, 6, 2, 6], json!({ "diagnostics": [] }))).await;
    let create = answer
        .as_array()
        .expect("a list")
        .iter()
        .find(|a| a["title"] == "Create `.chant/research/issue-42-sprawl.md`")
        .unwrap_or_else(|| panic!("no create action in {answer:#}"));
    let new_uri = ws.uri(".chant/research/issue-42-sprawl.md");
    assert_eq!(
        create["edit"],
        json!({ "documentChanges": [
            { "kind": "create", "uri": new_uri, "options": { "overwrite": false, "ignoreIfExists": true } },
            {
                "textDocument": { "uri": new_uri, "version": null },
                "edits": [{ "range": range([0, 0, 0, 0]), "newText": "# Issue 42 sprawl\n" }],
            },
        ] })
    );
    assert!(!ws.path(".chant/research/issue-42-sprawl.md").exists(), "the server never writes files");
}

/// A client that declares neither `documentChanges` nor file operations: text fixes come as the
/// plain `changes` map, and the fix that would create a file is not offered at all.
#[tokio::test]
async fn a_client_without_document_changes_gets_plain_changes_and_no_file_creation() {
    let spec = "---\nstatus: pending\ninformed_by:\n  - .chant/research/issue-42-sprawl.md\n---\n# A\n\n## Acceptance Criteria\n\n- [ ] one\n";
    let ws = TempWorkspace::new(&[(".chant/specs/a.md", spec)]);
    let uri = ws.uri(".chant/specs/a.md");
    let basic = json!({ "capabilities": { "workspace": {
        "applyEdit": false,
        "workspaceEdit": { "documentChanges": false, "resourceOperations": [] },
    } } });
    let mut server = TestServer::start(&ws.root, basic).await;
    let on_path =
        server.request("textDocument/codeAction", params(&uri, [3, 6, 3, 6], json!({ "diagnostics": [] }))).await;
    let titles: Vec<&str> = on_path.as_array().expect("a list").iter().filter_map(|a| a["title"].as_str()).collect();
    assert!(!titles.iter().any(|t| t.starts_with("Create")), "{titles:?}");
    // The same request from a client that can create files is offered the fix.
    let mut modern = TestServer::start(&ws.root, json!({})).await;
    let offered =
        modern.request("textDocument/codeAction", params(&uri, [3, 6, 3, 6], json!({ "diagnostics": [] }))).await;
    assert!(offered
        .as_array()
        .expect("a list")
        .iter()
        .any(|a| a["title"] == "Create `.chant/research/issue-42-sprawl.md`"));

    let context = json!({ "diagnostics": [], "only": ["refactor"] });
    let on_box =
        without_pr_action(server.request("textDocument/codeAction", params(&uri, [9, 3, 9, 3], context)).await);
    assert_eq!(
        on_box,
        json!([{
            "title": "Mark done",
            "kind": "refactor.rewrite",
            "edit": { "changes": { uri.clone(): [{ "range": range([9, 3, 9, 4]), "newText": "x" }] } },
        }])
    );
}
