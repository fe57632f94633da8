//! Navigation over the protocol: definition, document links, references, rename and file
//! renames, with exact JSON answers; plus references on a copy of the oss-maintainer example.

use std::path::Path;

use crate::support::{at, location, range, TempWorkspace, TestServer};
use serde_json::{json, Value};

fn workspace() -> TempWorkspace {
    TempWorkspace::fixture(
        r#"
        //- /.chant/specs/001-a.md
        ---
        status: pending
        ---
        # Alpha

        ## Acceptance Criteria

        - [ ] done
        //- /.chant/specs/002-b.md
        ---
        depends_on:
          - 001-a
        informed_by:
          - .chant/research/notes.md
        ---
        # Beta after 001-a
        //- /.chant/research/notes.md
        # Notes
        "#,
    )
}

fn with(mut params: Value, key: &str, value: Value) -> Value {
    params[key] = value;
    params
}

#[tokio::test]
async fn definition_on_a_depends_on_entry_goes_to_the_title() {
    let ws = workspace();
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let answer = server.request("textDocument/definition", at(&ws.uri(".chant/specs/002-b.md"), 2, 5)).await;
    assert_eq!(answer, json!([location(&ws.uri(".chant/specs/001-a.md"), [3, 0, 3, 7])]));
    let path = server.request("textDocument/definition", at(&ws.uri(".chant/specs/002-b.md"), 4, 10)).await;
    assert_eq!(path, json!([location(&ws.uri(".chant/research/notes.md"), [0, 0, 0, 0])]));
    let nothing = server.request("textDocument/definition", at(&ws.uri(".chant/specs/002-b.md"), 0, 0)).await;
    assert_eq!(nothing, Value::Null);
}

#[tokio::test]
async fn document_links_cover_ids_paths_and_body_mentions() {
    let ws = workspace();
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let doc = json!({ "textDocument": { "uri": ws.uri(".chant/specs/002-b.md") } });
    let links = server.request("textDocument/documentLink", doc).await;
    let link = |r, rel: &str| json!({ "range": range(r), "target": ws.uri(rel) });
    assert_eq!(
        links,
        json!([
            link([2, 4, 2, 9], ".chant/specs/001-a.md"),
            link([4, 4, 4, 28], ".chant/research/notes.md"),
            link([6, 13, 6, 18], ".chant/specs/001-a.md"),
        ])
    );
}

#[tokio::test]
async fn references_on_an_artifact_and_on_a_spec() {
    let ws = workspace();
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let context = |include: bool| json!({ "includeDeclaration": include });
    let on_notes = with(at(&ws.uri(".chant/research/notes.md"), 0, 3), "context", context(false));
    let found = server.request("textDocument/references", on_notes).await;
    assert_eq!(found, json!([location(&ws.uri(".chant/specs/002-b.md"), [4, 4, 4, 28])]));
    let on_title = with(at(&ws.uri(".chant/specs/001-a.md"), 3, 2), "context", context(true));
    let found = server.request("textDocument/references", on_title).await;
    let beta = ws.uri(".chant/specs/002-b.md");
    assert_eq!(
        found,
        json!([
            location(&ws.uri(".chant/specs/001-a.md"), [3, 0, 3, 7]),
            location(&beta, [2, 4, 2, 9]),
            location(&beta, [6, 13, 6, 18]),
        ])
    );
}

#[tokio::test]
async fn prepare_rename_then_rename_edits_references_and_moves_the_file() {
    let ws = workspace();
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let beta = ws.uri(".chant/specs/002-b.md");
    server.open(&beta, 7, &ws.read(".chant/specs/002-b.md")).await;
    let prepared = server.request("textDocument/prepareRename", at(&beta, 2, 6)).await;
    assert_eq!(prepared, json!({ "range": range([2, 4, 2, 9]), "placeholder": "001-a" }));
    // A refusal is an error response, which carries no result.
    let refused = server.request("textDocument/prepareRename", at(&beta, 0, 1)).await;
    assert_eq!(refused, Value::Null);

    let params = with(at(&beta, 2, 6), "newName", json!("001-alpha"));
    let edit = server.request("textDocument/rename", params).await;
    let text_edit = |r| json!({ "range": range(r), "newText": "001-alpha" });
    assert_eq!(
        edit,
        json!({
            "documentChanges": [
                {
                    "textDocument": { "uri": beta, "version": 7 },
                    "edits": [text_edit([2, 4, 2, 9]), text_edit([6, 13, 6, 18])],
                },
                {
                    "kind": "rename",
                    "oldUri": ws.uri(".chant/specs/001-a.md"),
                    "newUri": ws.uri(".chant/specs/001-alpha.md"),
                },
            ],
        })
    );
    let taken = server.request("textDocument/rename", with(at(&beta, 2, 6), "newName", json!("002-b"))).await;
    assert_eq!(taken, Value::Null);
}

/// A client that cannot apply `RenameFile` is told why a spec id cannot be renamed from here,
/// before it asks for a new name.
#[tokio::test]
async fn rename_is_refused_with_a_reason_when_the_client_cannot_move_files() {
    let ws = workspace();
    let no_moves =
        json!({ "capabilities": { "workspace": { "workspaceEdit": { "resourceOperations": ["create"] } } } });
    let mut server = TestServer::start(&ws.root, no_moves).await;
    let beta = ws.uri(".chant/specs/002-b.md");
    let refusal = |answer: Value| answer["error"].clone();
    let expected = json!({
        "code": -32602,
        "message": "this editor cannot rename files through the language server, and a spec's id is its file name: \
                    rename the spec file instead (editors that send willRenameFiles get the references updated)",
    });
    assert_eq!(refusal(server.respond("textDocument/prepareRename", at(&beta, 2, 6)).await), expected);
    let params = with(at(&beta, 2, 6), "newName", json!("001-alpha"));
    assert_eq!(refusal(server.respond("textDocument/rename", params).await), expected);
}

#[tokio::test]
async fn renaming_a_spec_file_updates_its_references() {
    let ws = workspace();
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let files = json!({ "files": [{
        "oldUri": ws.uri(".chant/specs/001-a.md"),
        "newUri": ws.uri(".chant/specs/001-z.md"),
    }] });
    let edit = server.request("workspace/willRenameFiles", files).await;
    let text_edit = |r| json!({ "range": range(r), "newText": "001-z" });
    assert_eq!(
        edit,
        json!({ "documentChanges": [{
            "textDocument": { "uri": ws.uri(".chant/specs/002-b.md"), "version": null },
            "edits": [text_edit([2, 4, 2, 9]), text_edit([6, 13, 6, 18])],
        }] })
    );
    let same_stem = json!({ "files": [{
        "oldUri": ws.uri(".chant/specs/001-a.md"),
        "newUri": ws.uri(".chant/archive/001-a.md"),
    }] });
    assert_eq!(server.request("workspace/willRenameFiles", same_stem).await, Value::Null);
}

/// The specs that name the research file in a path field (checked with
/// `grep -rn issue-42-root-cause .chant`; body mentions are in code spans, not links).
#[tokio::test]
async fn oss_maintainer_example_references_on_the_root_cause_research() {
    let ws = TempWorkspace::new(&[]);
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/oss-maintainer-workflow");
    crate::support::copy_dir(&example, &ws.root);
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let research = ws.uri(".chant/research/issue-42-root-cause.md");
    let params = with(at(&research, 0, 0), "context", json!({ "includeDeclaration": false }));
    let found = server.request("textDocument/references", params).await;
    let files: Vec<String> = found
        .as_array()
        .expect("a list of locations")
        .iter()
        .map(|l| l["uri"].as_str().expect("uri").trim_start_matches(&crate::support::file_uri(&ws.root)).to_string())
        .collect();
    assert_eq!(
        files,
        [
            "/.chant/archive/003-root-c/003-root-cause.md",
            "/.chant/archive/004-sprawl/004-sprawl.md",
            "/.chant/archive/005-fork-f/005-fork-fix.md",
            "/.chant/archive/006-upstre/006-upstream-pr.md",
            "/.chant/specs/006-upstream-pr.md",
        ]
    );
    // A project file outside `.chant/`, named by a `target_files` entry.
    let store = ws.uri("src/storage/store.py");
    let params = with(at(&store, 3, 0), "context", json!({ "includeDeclaration": true }));
    let found = server.request("textDocument/references", params).await;
    let fork_fix = ws.uri(".chant/archive/005-fork-f/005-fork-fix.md");
    assert_eq!(found, json!([location(&store, [0, 0, 0, 0]), location(&fork_fix, [6, 2, 6, 22])]));
}

#[tokio::test]
async fn positions_past_the_end_are_clamped_and_unknown_files_get_nothing() {
    let ws = workspace();
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let beta = ws.uri(".chant/specs/002-b.md");
    let context = json!({ "includeDeclaration": false });
    // Clamped to the end of the last line, which holds no target.
    assert_eq!(server.request("textDocument/definition", at(&beta, 999, 999)).await, Value::Null);
    let past_line_end = server.request("textDocument/definition", at(&beta, 2, 999)).await;
    assert_eq!(past_line_end, json!([location(&ws.uri(".chant/specs/001-a.md"), [3, 0, 3, 7])]));
    let elsewhere = "file:///nowhere/at/all.md";
    assert_eq!(server.request("textDocument/definition", at(elsewhere, 0, 0)).await, Value::Null);
    let refs = with(at(elsewhere, 0, 0), "context", context);
    assert_eq!(server.request("textDocument/references", refs).await, Value::Null);
    let links = json!({ "textDocument": { "uri": elsewhere } });
    assert_eq!(server.request("textDocument/documentLink", links).await, Value::Null);
    assert_eq!(server.request("textDocument/prepareRename", at(elsewhere, 0, 0)).await, Value::Null);
}
