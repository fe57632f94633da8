//! `chant-lsp graph`: the JSON every editor view reads, the neighbourhood options and the
//! usage errors, run as a user runs the binary.

use std::process::Command;

use crate::support::TempWorkspace;
use expect_test::expect;

const WORKSPACE: &str = r#"
    //- /.chant/specs/a.md
    ---
    status: completed
    ---
    # Done
    //- /.chant/specs/b.md
    ---
    depends_on: [a, c, gone]
    informed_by: [.chant/research/notes.md]
    ---
    # Waits
    //- /.chant/specs/c.md
    ---
    status: in_progress
    ---
    # Running

    ## Acceptance Criteria

    - [x] one
    - [ ] two
    //- /.chant/research/notes.md
    Notes.
    //- /.chant/archive/2026-01-01/old.md
    ---
    status: completed
    ---
    # Old
"#;

fn graph(ws: &TempWorkspace, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_chant-lsp"))
        .arg("graph")
        .args(args)
        .current_dir(&ws.root)
        .output()
        .expect("run graph");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn json_of_the_whole_workspace() {
    let ws = TempWorkspace::fixture(WORKSPACE);
    let (code, stdout, _) = graph(&ws, &[]);
    assert_eq!(code, Some(0));
    expect![[r#"
        {
          "nodes": [
            {
              "id": ".chant/research/notes.md",
              "title": null,
              "status": "file",
              "type": null,
              "ready": false,
              "path": ".chant/research/notes.md"
            },
            {
              "id": "a",
              "title": "Done",
              "status": "completed",
              "type": "code",
              "ready": false,
              "path": ".chant/specs/a.md"
            },
            {
              "id": "b",
              "title": "Waits",
              "status": "pending",
              "type": "code",
              "ready": false,
              "blocked_by": [
                "c",
                "gone"
              ],
              "path": ".chant/specs/b.md"
            },
            {
              "id": "c",
              "title": "Running",
              "status": "in_progress",
              "type": "code",
              "ready": false,
              "path": ".chant/specs/c.md",
              "criteria": {
                "checked": 1,
                "total": 2
              }
            },
            {
              "id": "gone",
              "title": null,
              "status": "missing",
              "type": null,
              "ready": false,
              "path": null
            }
          ],
          "edges": [
            {
              "from": "b",
              "to": ".chant/research/notes.md",
              "kind": "informed_by",
              "blocking": false
            },
            {
              "from": "b",
              "to": "a",
              "kind": "depends_on",
              "blocking": false
            },
            {
              "from": "b",
              "to": "c",
              "kind": "depends_on",
              "blocking": true
            },
            {
              "from": "b",
              "to": "gone",
              "kind": "depends_on",
              "blocking": true
            }
          ]
        }
    "#]]
    .assert_eq(&stdout);
}

#[test]
fn neighbourhood_archive_and_errors() {
    let ws = TempWorkspace::fixture(WORKSPACE);
    let ids = |args: &[&str]| {
        let (code, stdout, stderr) = graph(&ws, args);
        let value: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_default();
        let nodes: Vec<&str> =
            value["nodes"].as_array().into_iter().flatten().filter_map(|n| n["id"].as_str()).collect();
        format!("{args:?} -> {code:?} {nodes:?} {}", stderr.trim())
    };
    let lines = [
        ids(&["--spec", "c", "--depth", "1"]),
        ids(&["--spec=a", "--depth=0"]),
        ids(&["--include-archive"]),
        ids(&["--spec", "nope"]),
        ids(&["--format", "svg"]),
        ids(&["--depth", "x"]),
    ];
    expect![[r#"
        ["--spec", "c", "--depth", "1"] -> Some(0) ["b", "c"] 
        ["--spec=a", "--depth=0"] -> Some(0) ["a"] 
        ["--include-archive"] -> Some(0) [".chant/research/notes.md", "a", "b", "c", "gone", "old"] 
        ["--spec", "nope"] -> Some(2) [] chant-lsp graph: no spec has the id `nope`
        ["--format", "svg"] -> Some(2) [] chant-lsp graph: unknown format `svg` (json, dot or mermaid)
        usage: chant-lsp graph [PATH] [--format json|dot|mermaid] [--spec ID [--depth N]] [--include-archive]
        ["--depth", "x"] -> Some(2) [] chant-lsp graph: --depth needs a number, not `x`
        usage: chant-lsp graph [PATH] [--format json|dot|mermaid] [--spec ID [--depth N]] [--include-archive]"#]]
    .assert_eq(&lines.join("\n"));
    let (code, stdout, _) = graph(&ws, &["--help"]);
    assert_eq!((code, stdout.contains("\nUsage: chant-lsp graph [PATH] [--format json|dot|mermaid]")), (Some(0), true));
}

/// A research file that is named but not there is drawn as missing, as a missing spec is, in
/// every format.
#[test]
fn a_missing_file_is_marked_missing() {
    let ws = TempWorkspace::fixture(
        r#"
    //- /.chant/specs/a.md
    ---
    informed_by: [.chant/research/here.md, .chant/research/gone.md]
    ---
    # Reads
    //- /.chant/research/here.md
    Here.
"#,
    );
    let (code, stdout, _) = graph(&ws, &[]);
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_default();
    let nodes: Vec<String> = value["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| format!("{} {}", n["id"].as_str().unwrap_or_default(), n["status"].as_str().unwrap_or_default()))
        .collect();
    assert_eq!(code, Some(0));
    expect![[r#"[".chant/research/gone.md missing", ".chant/research/here.md file", "a pending"]"#]]
        .assert_eq(&format!("{nodes:?}"));
    let (_, dot, _) = graph(&ws, &["--format", "dot"]);
    assert!(dot.contains(r#""(missing)"#) || dot.contains("gone.md\\n(missing)"), "{dot}");
}
