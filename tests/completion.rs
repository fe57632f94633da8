//! Completion over the protocol: the items the editor receives for the text it has now (not
//! yet saved), with their exact edit ranges.

#[allow(dead_code)] // Each test binary uses a different part of the harness.
mod common;

use common::{TempWorkspace, TestServer};
use expect_test::expect;
use serde_json::json;

const DONE: &str = "---\nstatus: completed\n---\n# Parser rewrite\n\n## Acceptance Criteria\n\n- [x] ok\n";
const OPEN: &str = "---\n---\n# Fix the lexer\n\n## Acceptance Criteria\n\n- [ ] ok\n";

#[tokio::test]
async fn spec_ids_in_a_depends_on_list_of_unsaved_text() {
    let ws = TempWorkspace::new(&[
        (".chant/specs/2026-01-02-001-abc.md", DONE),
        (".chant/specs/2026-01-03-002-def.md", OPEN),
        (".chant/specs/2026-01-04-001-cur.md", "---\n---\n# Current\n"),
    ]);
    let uri = ws.uri(".chant/specs/2026-01-04-001-cur.md");
    let mut server = TestServer::start(&ws.root, json!({})).await;
    // The editor has typed a list the disk does not have yet; the cursor is after `2026-01`.
    server.open(&uri, 1, "---\ndepends_on:\n  - 2026-01-03-002-def\n  - 2026-01\n---\n# Current\n").await;
    let position = json!({ "textDocument": { "uri": uri }, "position": { "line": 3, "character": 11 } });
    let items = server.request("textDocument/completion", position).await;
    let pretty = serde_json::to_string_pretty(&items).expect("json");
    expect![[r#"
        [
          {
            "detail": "completed · Parser rewrite",
            "filterText": "2026-01-02-001-abc Parser rewrite",
            "kind": 18,
            "label": "2026-01-02-001-abc",
            "sortText": "00000",
            "textEdit": {
              "newText": "2026-01-02-001-abc",
              "range": {
                "end": {
                  "character": 11,
                  "line": 3
                },
                "start": {
                  "character": 4,
                  "line": 3
                }
              }
            }
          }
        ]"#]]
    .assert_eq(&pretty);
}
