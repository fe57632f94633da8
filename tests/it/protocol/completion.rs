//! Completion over the protocol: the items the editor receives for the text it has now (not
//! yet saved), with their exact edit ranges.

use crate::support::{TempWorkspace, TestServer};
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
    let position = crate::support::at(&uri, 3, 11);
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

#[tokio::test]
async fn paths_after_a_non_ascii_folder_in_utf16_columns() {
    let ws = TempWorkspace::new(&[
        (".chant/specs/a.md", "---\n---\n# A\n"),
        ("données/été.md", "notes\n"),
        ("données/sous-dossier/x.md", "x\n"),
    ]);
    let uri = ws.uri(".chant/specs/a.md");
    let mut server = TestServer::start(&ws.root, json!({})).await;
    // `  - "données/` is 13 UTF-16 units (14 bytes): the edit starts at character 13.
    server.open(&uri, 1, "---\ncontext:\n  - \"données/\n---\n# A\n").await;
    let position = crate::support::at(&uri, 2, 13);
    let items = server.request("textDocument/completion", position).await;
    let summary: Vec<String> = items
        .as_array()
        .expect("a list of items")
        .iter()
        .map(|item| {
            let range = &item["textEdit"]["range"];
            format!(
                "{} kind={} {}:{}-{}:{} command={}",
                item["label"].as_str().unwrap_or_default(),
                item["kind"],
                range["start"]["line"],
                range["start"]["character"],
                range["end"]["line"],
                range["end"]["character"],
                item["command"]["command"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    expect![[r#"
        sous-dossier/ kind=19 2:13-2:13 command=editor.action.triggerSuggest
        été.md kind=17 2:13-2:13 command=-"#]]
    .assert_eq(&summary.join("\n"));
}
