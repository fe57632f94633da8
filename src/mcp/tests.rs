//! The MCP tools on a fixture workspace (`tests/fixtures/mcp`, its `_chant` folder becoming
//! `.chant` in a scratch copy, so that `check` over the fixtures does not find it), with their
//! exact answers. The protocol itself is exercised by a real client (the official Python SDK,
//! `editors/mcp/test/`).

use std::path::{Path, PathBuf};

use expect_test::{expect, Expect};
use serde_json::{json, Value};

use super::tools::{self, check, check_text, explain, fix, graph, pr_description, ready, references, spec};
use super::Root;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mcp")
}

/// A copy of the fixture in a fresh temporary folder, removed when dropped.
struct Scratch(Root);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0.dir);
    }
}

fn scratch(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("chant-lsp-mcp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&fixture(), &dir);
    Scratch(Root::find(Some(&dir)).expect("the copy is a workspace"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("list fixture").flatten() {
        let name = if entry.file_name() == "_chant" { ".chant".into() } else { entry.file_name() };
        let target = to.join(name);
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Calls a tool as the server does (arguments as JSON, answer bounded), pretty-printed.
fn call(root: &Root, name: &str, args: Value) -> String {
    let Value::Object(args) = args else { panic!("arguments are an object") };
    let tool = tools::find(name).expect("a tool");
    match (tool.call)(root, args) {
        Ok(value) => serde_json::to_string_pretty(&value).expect("serialise"),
        Err(message) => format!("error: {message}"),
    }
}

fn check_call(root: &Root, name: &str, args: Value, expected: Expect) {
    expected.assert_eq(&call(root, name, args));
}

#[test]
fn the_tools_are_listed_with_their_annotations() {
    let listed: Vec<String> = tools::TOOLS
        .iter()
        .map(|t| {
            let tool = (t.define)();
            let read_only = tool.annotations.as_ref().and_then(|a| a.read_only_hint);
            let output = tool.output_schema.as_ref().map(|s| s.get("type").cloned().unwrap_or_default());
            format!("{} read_only={read_only:?} output={output:?}", tool.name)
        })
        .collect();
    expect![[r#"
        [
            "check read_only=Some(true) output=Some(String(\"object\"))",
            "check_text read_only=Some(true) output=Some(String(\"object\"))",
            "fix read_only=Some(false) output=Some(String(\"object\"))",
            "explain read_only=Some(true) output=Some(String(\"object\"))",
            "spec read_only=Some(true) output=Some(String(\"object\"))",
            "ready read_only=Some(true) output=Some(String(\"object\"))",
            "graph read_only=Some(true) output=Some(String(\"object\"))",
            "references read_only=Some(true) output=Some(String(\"object\"))",
            "pr_description read_only=Some(true) output=Some(String(\"object\"))",
        ]
    "#]]
    .assert_debug_eq(&listed);
}

#[test]
fn check_reports_every_active_spec_with_fix_kinds() {
    check_call(
        &scratch("check_reports_every_active_spec_with_fix_kinds").0,
        "check",
        json!({}),
        expect![[r#"
        {
          "findings": [
            {
              "code": "missing-file",
              "fix": "manual",
              "message": "`docs/sessions.md` (context) does not exist: chant cannot inject it into the prompt",
              "path": ".chant/specs/002-session.md",
              "range": {
                "end": {
                  "column": 21,
                  "line": 7
                },
                "start": {
                  "column": 5,
                  "line": 7
                }
              },
              "severity": "warning"
            },
            {
              "code": "invalid-value",
              "fix": "safe",
              "message": "`implementation` is not a valid `type`: chant cannot load this spec (expected one of code, task, driver, documentation, research, group); did you mean `code`?",
              "path": ".chant/specs/004-draft.md",
              "range": {
                "end": {
                  "column": 21,
                  "line": 2
                },
                "start": {
                  "column": 7,
                  "line": 2
                }
              },
              "severity": "error"
            },
            {
              "code": "unknown-field",
              "fix": "unsafe",
              "message": "unknown key `pr`: chant ignores it and drops it when it rewrites the spec",
              "path": ".chant/specs/004-draft.md",
              "range": {
                "end": {
                  "column": 3,
                  "line": 4
                },
                "start": {
                  "column": 1,
                  "line": 4
                }
              },
              "severity": "warning"
            },
            {
              "code": "unknown-dependency",
              "fix": "safe",
              "message": "unknown dependency `002-sesion`: no spec has this id (ids are file names without `.md`, matched exactly); did you mean `002-session`?",
              "path": ".chant/specs/004-draft.md",
              "range": {
                "end": {
                  "column": 34,
                  "line": 5
                },
                "start": {
                  "column": 24,
                  "line": 5
                }
              },
              "severity": "error"
            },
            {
              "code": "invisible-criteria",
              "fix": "safe",
              "message": "1 checkbox(es) here are invisible to chant: chant only counts boxes under a heading that starts with exactly `## Acceptance Criteria`, so chant sees 0 criteria; rename the heading to `## Acceptance Criteria`",
              "path": ".chant/specs/004-draft.md",
              "range": {
                "end": {
                  "column": 24,
                  "line": 11
                },
                "start": {
                  "column": 1,
                  "line": 11
                }
              },
              "severity": "warning"
            }
          ],
          "summary": {
            "errors": 2,
            "fixable": 3,
            "fixable_unsafe": 1,
            "information": 0,
            "specs_checked": 4,
            "warnings": 3
          }
        }"#]],
    );
}

#[test]
fn check_takes_spec_files_and_folders_and_refuses_what_lies_outside() {
    let scratch = scratch("check_takes_spec_files_and_folders_and_refuses_what_lies_outside");
    let root = &scratch.0;
    let answers = [
        call(root, "check", json!({"paths": [".chant/specs/003-logout.md"]})),
        call(root, "check", json!({"paths": ["../elsewhere"]})),
        call(root, "check", json!({"paths": ["README.md"]})),
        call(root, "check", json!({"paths": 3})),
        call(root, "check", json!({"path": "x"})),
    ];
    expect![[r#"
        {
          "findings": [],
          "summary": {
            "errors": 0,
            "fixable": 0,
            "fixable_unsafe": 0,
            "information": 0,
            "specs_checked": 1,
            "warnings": 0
          }
        }
        error: `../elsewhere` is outside the workspace: give a path inside it, relative to its root (e.g. .chant/specs/ID.md)
        error: `README.md` is neither a spec nor a folder of the workspace (specs are the .md files under .chant/specs/ and .chant/archive/)
        error: invalid arguments for `check`: invalid type: integer `3`, expected a sequence; see the tool's input schema
        error: invalid arguments for `check`: unknown field `path`, expected `paths`; see the tool's input schema"#]].assert_eq(&answers.join("\n"));
}

#[test]
fn check_text_checks_a_draft_without_writing_it() {
    let scratch = scratch("check_text_checks_a_draft_without_writing_it");
    let root = &scratch.0;
    let draft = "---\ntype: code\nstatus: pending\ndepends_on: [003-logut]\n---\n# A new spec\n\n## Acceptance Criteria\n\n- [ ] Done\n";
    check_call(
        root,
        "check_text",
        json!({"path": ".chant/specs/005-new.md", "text": draft}),
        expect![[r#"
        {
          "findings": [
            {
              "code": "unknown-dependency",
              "fix": "safe",
              "message": "unknown dependency `003-logut`: no spec has this id (ids are file names without `.md`, matched exactly); did you mean `003-logout`?",
              "path": ".chant/specs/005-new.md",
              "range": {
                "end": {
                  "column": 23,
                  "line": 4
                },
                "start": {
                  "column": 14,
                  "line": 4
                }
              },
              "severity": "error"
            }
          ],
          "summary": {
            "errors": 1,
            "fixable": 1,
            "fixable_unsafe": 0,
            "information": 0,
            "specs_checked": 1,
            "warnings": 0
          }
        }"#]],
    );
    assert!(!root.dir.join(".chant/specs/005-new.md").exists());
    let refused = [
        call(root, "check_text", json!({"path": "notes/x.md", "text": draft})),
        call(root, "check_text", json!({"path": "/etc/passwd", "text": draft})),
        call(root, "check_text", json!({"path": ".chant/specs/x.md"})),
    ];
    expect![[r#"
        error: `notes/x.md` is not a spec path: specs are the .md files under .chant/specs/ and .chant/archive/
        error: `/etc/passwd` is outside the workspace: give a path inside it, relative to its root (e.g. .chant/specs/ID.md)
        error: invalid arguments for `check_text`: missing field `text`; see the tool's input schema"#]].assert_eq(&refused.join("\n"));
}

#[test]
fn check_text_of_an_existing_spec_stands_in_for_the_file() {
    let scratch = scratch("check_text_of_an_existing_spec_stands_in_for_the_file");
    let root = &scratch.0;
    let before = std::fs::read_to_string(root.dir.join(".chant/specs/003-logout.md")).expect("read");
    let draft = before.replace("002-session", "002-sessio");
    check_call(
        root,
        "check_text",
        json!({"path": ".chant/specs/003-logout.md", "text": draft}),
        expect![[r#"
        {
          "findings": [
            {
              "code": "unknown-dependency",
              "fix": "safe",
              "message": "unknown dependency `002-sessio`: no spec has this id (ids are file names without `.md`, matched exactly); did you mean `002-session`?",
              "path": ".chant/specs/003-logout.md",
              "range": {
                "end": {
                  "column": 15,
                  "line": 5
                },
                "start": {
                  "column": 5,
                  "line": 5
                }
              },
              "severity": "error"
            }
          ],
          "summary": {
            "errors": 1,
            "fixable": 1,
            "fixable_unsafe": 0,
            "information": 0,
            "specs_checked": 1,
            "warnings": 0
          }
        }"#]],
    );
    assert_eq!(std::fs::read_to_string(root.dir.join(".chant/specs/003-logout.md")).expect("read"), before);
}

#[test]
fn fix_dry_run_writes_nothing_and_fix_writes_through_the_door() {
    let scratch = scratch("fix");
    let root = &scratch.0;
    let draft = root.dir.join(".chant/specs/004-draft.md");
    let before = std::fs::read_to_string(&draft).expect("read");
    check_call(
        root,
        "fix",
        json!({"dry_run": true}),
        expect![[r#"
        {
          "diff": "--- a/.chant/specs/004-draft.md\n+++ b/.chant/specs/004-draft.md\n@@ -1,13 +1,13 @@\n ---\n-type: implementation\n+type: code\n status: pending\n pr: 17\n-depends_on: [001-auth, 002-sesion]\n+depends_on: [001-auth, 002-session]\n ---\n # A draft with problems\n \n Builds on 002-session.\n \n-### Acceptance Criteria\n+## Acceptance Criteria\n \n - [ ] Something works\n",
          "dry_run": true,
          "files": [
            ".chant/specs/004-draft.md"
          ],
          "fixes": 3,
          "not_written": []
        }"#]],
    );
    assert_eq!(std::fs::read_to_string(&draft).expect("read"), before);
    let fixed = call(root, "fix", json!({}));
    let after = std::fs::read_to_string(&draft).expect("read");
    let unsafe_fixed = call(root, "fix", json!({"unsafe": true}));
    let left = call(root, "check", json!({"paths": [".chant/specs/004-draft.md"]}));
    expect![[r#"
        {
          "diff": "--- a/.chant/specs/004-draft.md\n+++ b/.chant/specs/004-draft.md\n@@ -1,13 +1,13 @@\n ---\n-type: implementation\n+type: code\n status: pending\n pr: 17\n-depends_on: [001-auth, 002-sesion]\n+depends_on: [001-auth, 002-session]\n ---\n # A draft with problems\n \n Builds on 002-session.\n \n-### Acceptance Criteria\n+## Acceptance Criteria\n \n - [ ] Something works\n",
          "dry_run": false,
          "files": [
            ".chant/specs/004-draft.md"
          ],
          "fixes": 3,
          "not_written": []
        }
        ---
        type: code
        status: pending
        pr: 17
        depends_on: [001-auth, 002-session]
        ---
        # A draft with problems

        Builds on 002-session.

        ## Acceptance Criteria

        - [ ] Something works

        {
          "diff": "--- a/.chant/specs/004-draft.md\n+++ b/.chant/specs/004-draft.md\n@@ -1,7 +1,6 @@\n ---\n type: code\n status: pending\n-pr: 17\n depends_on: [001-auth, 002-session]\n ---\n # A draft with problems\n",
          "dry_run": false,
          "files": [
            ".chant/specs/004-draft.md"
          ],
          "fixes": 1,
          "not_written": []
        }
        {
          "findings": [],
          "summary": {
            "errors": 0,
            "fixable": 0,
            "fixable_unsafe": 0,
            "information": 0,
            "specs_checked": 1,
            "warnings": 0
          }
        }"#]].assert_eq(&[fixed, after, unsafe_fixed, left].join("\n"));
}

#[test]
fn check_sees_an_edit_on_disk_at_the_next_call() {
    let scratch = scratch("edit");
    let root = &scratch.0;
    let first = call(root, "check", json!({"paths": [".chant/specs/003-logout.md"]}));
    let logout = root.dir.join(".chant/specs/003-logout.md");
    let text = std::fs::read_to_string(&logout).expect("read").replace("- 002-session", "- 002-sessio");
    std::fs::write(&logout, text).expect("edit");
    let second = call(root, "check", json!({"paths": [".chant/specs/003-logout.md"]}));
    expect![[r#"
        {
          "findings": [],
          "summary": {
            "errors": 0,
            "fixable": 0,
            "fixable_unsafe": 0,
            "information": 0,
            "specs_checked": 1,
            "warnings": 0
          }
        }
        {
          "findings": [
            {
              "code": "unknown-dependency",
              "fix": "safe",
              "message": "unknown dependency `002-sessio`: no spec has this id (ids are file names without `.md`, matched exactly); did you mean `002-session`?",
              "path": ".chant/specs/003-logout.md",
              "range": {
                "end": {
                  "column": 15,
                  "line": 5
                },
                "start": {
                  "column": 5,
                  "line": 5
                }
              },
              "severity": "error"
            }
          ],
          "summary": {
            "errors": 1,
            "fixable": 1,
            "fixable_unsafe": 0,
            "information": 0,
            "specs_checked": 1,
            "warnings": 0
          }
        }"#]].assert_eq(&[first, second].join("\n"));
}

#[test]
fn explain_gives_a_codes_section() {
    let scratch = scratch("explain_gives_a_codes_section");
    let root = &scratch.0;
    let answer = explain::run("unknown-field").expect("a code");
    assert!(answer.text.starts_with("### `unknown-field`"), "{}", answer.text);
    expect!["unknown-field warning A top-level key is not one of chant's spec fields, or a key under `approval` or `retry_state` is not one of theirs."].assert_eq(&format!("{} {} {}", answer.code, answer.default_severity, answer.summary));
    let unknown = call(root, "explain", json!({"code": "no-such-code"}));
    assert!(unknown.starts_with("error: `no-such-code` is no diagnostic code; the codes are: "), "{unknown}");
}

#[test]
fn spec_describes_one_spec() {
    let scratch = scratch("spec_describes_one_spec");
    let root = &scratch.0;
    check_call(
        root,
        "spec",
        json!({"id": "003-logout"}),
        expect![[r#"
        {
          "archived": false,
          "criteria": {
            "open": 1,
            "total": 1
          },
          "dependencies": [
            {
              "id": "002-session",
              "path": ".chant/specs/002-session.md",
              "status": "pending"
            }
          ],
          "dependents": [],
          "files": [],
          "id": "003-logout",
          "path": ".chant/specs/003-logout.md",
          "readiness": {
            "reasons": [
              {
                "id": "002-session",
                "kind": "dependency",
                "text": "`002-session` (pending)"
              }
            ],
            "state": "blocked"
          },
          "status": "pending",
          "title": "Log out",
          "type": "code"
        }"#]],
    );
    let others = [call(root, "spec", json!({"id": "004"})), call(root, "spec", json!({"id": "999-none"}))];
    expect![[r#"
        {
          "archived": false,
          "criteria": {
            "open": 0,
            "total": 0
          },
          "dependencies": [
            {
              "id": "001-auth",
              "path": ".chant/specs/001-auth.md",
              "status": "completed"
            },
            {
              "id": "002-sesion",
              "path": null,
              "status": "missing"
            }
          ],
          "dependents": [],
          "files": [],
          "id": "004-draft",
          "path": ".chant/specs/004-draft.md",
          "readiness": {
            "reasons": [],
            "state": "not_loaded"
          },
          "status": "pending",
          "title": "A draft with problems",
          "type": "implementation (invalid)"
        }
        error: spec not found: 999-none"#]]
    .assert_eq(&others.join("\n"));
}

#[test]
fn ready_lists_ready_and_blocked_specs() {
    check_call(
        &scratch("ready_lists_ready_and_blocked_specs").0,
        "ready",
        json!({}),
        expect![[r#"
        {
          "blocked": [
            {
              "blocked_by": [
                {
                  "id": "002-session",
                  "kind": "dependency",
                  "text": "`002-session` (pending)"
                }
              ],
              "id": "003-logout",
              "path": ".chant/specs/003-logout.md",
              "title": "Log out"
            }
          ],
          "ready": [
            {
              "id": "002-session",
              "path": ".chant/specs/002-session.md",
              "title": "Keep the session"
            }
          ]
        }"#]],
    );
}

#[test]
fn graph_as_json_and_mermaid() {
    let scratch = scratch("graph_as_json_and_mermaid");
    let root = &scratch.0;
    check_call(
        root,
        "graph",
        json!({"spec": "003-logout", "depth": 1}),
        expect![[r#"
            {
              "format": "json",
              "graph": {
                "edges": [
                  {
                    "blocking": true,
                    "from": "003-logout",
                    "kind": "depends_on",
                    "to": "002-session"
                  }
                ],
                "nodes": [
                  {
                    "criteria": {
                      "checked": 0,
                      "total": 2
                    },
                    "id": "002-session",
                    "path": ".chant/specs/002-session.md",
                    "ready": true,
                    "status": "pending",
                    "title": "Keep the session",
                    "type": "code"
                  },
                  {
                    "blocked_by": [
                      "002-session"
                    ],
                    "criteria": {
                      "checked": 0,
                      "total": 1
                    },
                    "id": "003-logout",
                    "path": ".chant/specs/003-logout.md",
                    "ready": false,
                    "status": "pending",
                    "title": "Log out",
                    "type": "code"
                  }
                ]
              }
            }"#]],
    );
    check_call(
        root,
        "graph",
        json!({"format": "mermaid"}),
        expect![[r#"
        {
          "format": "mermaid",
          "mermaid": "flowchart LR\n  n0[\"001-auth<br/>Add authentication\"]\n  style n0 fill:#b6e3a8,stroke:#555\n  n1[\"002-sesion<br/>(missing)\"]\n  style n1 fill:#ffffff,stroke:#555\n  n2[\"002-session<br/>Keep the session\"]\n  style n2 fill:#fff1a6,stroke:#555\n  n3[\"003-logout<br/>Log out\"]\n  style n3 fill:#f2aaaa,stroke:#555\n  n4[\"004-draft<br/>A draft with problems\"]\n  style n4 fill:#ffffff,stroke:#555\n  n2 --> n0\n  n3 -- blocks --> n2\n  n4 --> n0\n  n4 --> n1\n  linkStyle 1 stroke:#c0392b,stroke-width:2px\n"
        }"#]],
    );
    let bad = [call(root, "graph", json!({"format": "dot"})), call(root, "graph", json!({"spec": "003-logot"}))];
    expect![[r#"
        error: invalid arguments for `graph`: unknown variant `dot`, expected `json` or `mermaid`; see the tool's input schema
        error: no spec has the id `003-logot` (near: 001-auth, 002-session, 003-logout, 004-draft)"#]].assert_eq(&bad.join("\n"));
}

#[test]
fn references_lists_every_mention() {
    check_call(
        &scratch("references_lists_every_mention").0,
        "references",
        json!({"id": "002-session"}),
        expect![[r#"
        {
          "exists": true,
          "id": "002-session",
          "references": [
            {
              "column": 5,
              "line": 5,
              "path": ".chant/specs/003-logout.md"
            },
            {
              "column": 11,
              "line": 9,
              "path": ".chant/specs/004-draft.md"
            }
          ]
        }"#]],
    );
}

#[test]
fn pr_description_fills_the_default_template() {
    check_call(
        &scratch("pr_description_fills_the_default_template").0,
        "pr_description",
        json!({"spec": "002-session"}),
        expect![[r###"
        {
          "missing": [],
          "spec": "002-session",
          "text": "## Summary\n- Add authentication (001-auth)\n\n## Problem\n_No source found: no spec in the chain records a research file with a Problem or Summary section._\n\n## Root Cause\n_No source found: no spec in the chain records a research file with a Root Cause section._\n\n## Solution\n- 001-auth:\n  - Users can sign in\n  - Wrong passwords are refused\n\n## Testing\n_No source found: no spec in the chain records test files in `target_files`._\n\n## Impact\n_No source found: no spec in the chain records a research file with an Impact section._\n\n## Files Changed\n- `src/auth.rs` (001-auth)\n\n## Commits\n_No source found: no spec in the chain records `commits`._\n"
        }"###]],
    );
}

#[test]
fn typed_runs_match_the_calls() {
    // The typed entry points the calls wrap; a test of the analysis needs no JSON.
    let scratch = scratch("typed_runs_match_the_calls");
    let root = &scratch.0;
    let checked = check::run(root, &check::CheckArgs::default()).expect("checked");
    let texted = check_text::run(
        root,
        check_text::CheckTextArgs { path: ".chant/specs/001-auth.md".into(), text: String::new() },
    )
    .expect("checked");
    let listed = ready::run(root);
    let drawn = graph::run(root, &graph::GraphArgs::default()).expect("drawn");
    let found = references::run(root, "001-auth").expect("found");
    let described = spec::run(root, "001-auth").expect("described");
    let pr = pr_description::run(root, "001-auth").expect("described");
    let fixed = fix::run(root, &fix::FixArgs { dry_run: true, ..Default::default() }).expect("fixed");
    let counts = (
        checked.findings.len(),
        texted.findings.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(),
        listed.list.ready.len(),
        drawn.graph.map(|g| g.nodes.len()),
        found.references.len(),
        described.spec.criteria,
        pr.missing.len(),
        fixed.fixes,
    );
    expect![[r#"
        (
            5,
            [
                "frontmatter-missing",
                "missing-title",
                "no-acceptance-criteria",
            ],
            1,
            Some(
                5,
            ),
            2,
            Criteria {
                open: 0,
                total: 2,
            },
            0,
            3,
        )
    "#]]
    .assert_debug_eq(&counts);
}
