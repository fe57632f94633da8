//! Protocol tests for the read-only presentation requests: hover, inlay hints, document and
//! workspace symbols, folding ranges. Exact JSON out of the real server.

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::support::{at, location, range, TempWorkspace, TestServer};
use expect_test::expect;
use serde_json::{json, Value};

const DEP: &str =
    "---\nstatus: completed\n---\n# Fix race condition\n\nWrites get lost.\n\n## Acceptance Criteria\n\n- [x] fixed\n";
const MAIN: &str = "---\ndepends_on:\n  - 001-fix\n  - gone\ninformed_by: [notes/ré.md]\n---\n# Ünïcode 🚀\n\n## Plan\n\n```\ncode\n```\n";

/// 2026-01-02 03:04 UTC, so previews show a fixed modification time.
const PINNED: u64 = 1_767_323_040;

fn pin_mtimes(dir: &Path) {
    for entry in std::fs::read_dir(dir).expect("read folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            pin_mtimes(&path);
        } else {
            let file = std::fs::File::options().write(true).open(&path).expect("open file");
            file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(PINNED)).expect("set mtime");
        }
    }
}

fn workspace() -> TempWorkspace {
    let ws = TempWorkspace::new(&[
        (".chant/specs/001-fix.md", DEP),
        (".chant/specs/002-main.md", MAIN),
        ("notes/ré.md", "# Notes\n\nFirst line.\n"),
    ]);
    pin_mtimes(&ws.root);
    ws
}

fn hover_text(hover: &Value) -> String {
    hover["contents"]["value"].as_str().expect("markdown hover").to_string()
}

#[tokio::test]
async fn hover_on_an_id_and_on_a_path() {
    let ws = workspace();
    let uri = ws.uri(".chant/specs/002-main.md");
    let mut server = TestServer::start(&ws.root, json!({})).await;

    let on_id = server.request("textDocument/hover", at(&uri, 2, 6)).await;
    assert_eq!(on_id["contents"]["kind"], "markdown");
    assert_eq!(on_id["range"], range([2, 4, 2, 11]));
    expect![[r#"
        **Fix race condition**

        `001-fix` · completed · code · criteria 1/1 · active `.chant/specs/001-fix.md`

        ---

        Writes get lost."#]]
    .assert_eq(&hover_text(&on_id));

    let missing = server.request("textDocument/hover", at(&uri, 3, 5)).await;
    assert_eq!(hover_text(&missing), "no spec with id `gone`");

    // UTF-16 columns: `é` is one unit.
    let on_path = server.request("textDocument/hover", at(&uri, 4, 20)).await;
    assert_eq!(on_path["range"], range([4, 14, 4, 25]));
    expect![[r#"
        **`notes/ré.md`** · 21 bytes · modified 2026-01-02 03:04 UTC

        Consumed by `002-main`

        Outline:
        - Notes

        ```markdown
        # Notes

        First line.
        ```"#]]
    .assert_eq(&hover_text(&on_path));

    let nothing = server.request("textDocument/hover", at(&uri, 99, 99)).await;
    assert_eq!(nothing, Value::Null);
}

#[tokio::test]
async fn inlay_hints_after_dependency_ids() {
    let ws = workspace();
    let uri = ws.uri(".chant/specs/002-main.md");
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let params = json!({ "textDocument": { "uri": uri }, "range": range([0, 0, 6, 0]) });
    let hints = server.request("textDocument/inlayHint", params).await;
    assert_eq!(
        hints,
        json!([
            { "position": { "line": 2, "character": 11 }, "label": "Fix race condition · completed", "paddingLeft": true },
            { "position": { "line": 3, "character": 8 }, "label": "⚠ not found", "paddingLeft": true },
        ])
    );
}

#[tokio::test]
async fn document_symbols_nest_keys_and_headings() {
    let ws = workspace();
    let uri = ws.uri(".chant/specs/002-main.md");
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let symbols = server.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } })).await;
    let key = |name: &str, line: u32, end: [u32; 2]| {
        json!({
            "name": name, "kind": 7,
            "range": range([line, 0, end[0], end[1]]), "selectionRange": range([line, 0, line, name.len() as u32]),
        })
    };
    assert_eq!(
        symbols,
        json!([
            {
                "name": "frontmatter", "kind": 3,
                "range": range([0, 0, 5, 3]), "selectionRange": range([0, 0, 0, 3]),
                "children": [key("depends_on", 1, [3, 8]), key("informed_by", 4, [4, 26])],
            },
            {
                "name": "Ünïcode 🚀", "kind": 15,
                "range": range([6, 0, 12, 3]), "selectionRange": range([6, 0, 6, 12]),
                "children": [{
                    "name": "Plan", "kind": 15,
                    "range": range([8, 0, 12, 3]), "selectionRange": range([8, 0, 8, 7]),
                }],
            },
        ])
    );
}

#[tokio::test]
async fn workspace_symbols_by_id_and_title() {
    let ws = workspace();
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let symbols = server.request("workspace/symbol", json!({ "query": "frc" })).await;
    assert_eq!(
        symbols,
        json!([{
            "name": "001-fix — Fix race condition",
            "kind": 1,
            "location": location(&ws.uri(".chant/specs/001-fix.md"), [3, 0, 3, 20]),
            "containerName": "active",
        }])
    );
}

#[tokio::test]
async fn folding_ranges_for_frontmatter_sections_and_fences() {
    let ws = workspace();
    let uri = ws.uri(".chant/specs/002-main.md");
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let folds = server.request("textDocument/foldingRange", json!({ "textDocument": { "uri": uri } })).await;
    assert_eq!(
        folds,
        json!([
            { "startLine": 0, "endLine": 5, "kind": "region" },
            { "startLine": 6, "endLine": 12, "kind": "region" },
            { "startLine": 8, "endLine": 12, "kind": "region" },
            { "startLine": 10, "endLine": 12 },
        ])
    );
}

/// The issue's acceptance check: in a copy of the OSS maintainer example, hovering the root-cause
/// research path in the upstream-PR spec previews that document.
#[tokio::test]
async fn hover_previews_the_root_cause_document_of_the_example() {
    let ws = TempWorkspace::new(&[]);
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/oss-maintainer-workflow");
    crate::support::copy_dir(&example, &ws.root);
    pin_mtimes(&ws.root);
    let uri = ws.uri(".chant/specs/006-upstream-pr.md");
    let text = std::fs::read_to_string(ws.path(".chant/specs/006-upstream-pr.md")).expect("example spec");
    let line = text.lines().position(|l| l == "- .chant/research/issue-42-root-cause.md").expect("names it") as u32;
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let hover = server.request("textDocument/hover", at(&uri, line, 20)).await;
    assert_eq!(hover["range"], range([line, 2, line, 40]));
    let markdown = hover_text(&hover);
    let header = markdown.lines().next().expect("header");
    assert!(header.starts_with("**`.chant/research/issue-42-root-cause.md`** · "), "{header}");
    assert!(header.ends_with(" · modified 2026-01-02 03:04 UTC"), "{header}");
    for expected in [
        "\nOutline:\n- Issue #42 Root Cause Analysis\n  - The Buggy Code\n    - The Problematic Pattern\n  - The Race Condition\n",
        // The opening lines hold a ```python fence, so the preview fence is one backtick longer.
        "\n````markdown\n# Issue #42 Root Cause Analysis\n\n## The Buggy Code\n\n**File:** `src/storage/store.py`\n",
        "\n\nProduced by `003-root-cause`\n\nConsumed by `004-sprawl`, `005-fork-fix`, `006-upstream-pr`\n\n",
    ] {
        assert!(markdown.contains(expected), "missing {expected:?} in:\n{markdown}");
    }
}
