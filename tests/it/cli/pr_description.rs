//! "Fill the PR description" end to end: the `pr-description` command on a copy of the
//! oss-maintainer example (full output snapshot), its exit codes, `--template`, and the code
//! action over the protocol, applied twice.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::{TempWorkspace, TestServer};
use serde_json::{json, Value};

/// A throw-away copy of `examples/oss-maintainer-workflow` (the repository copy is never touched).
fn example() -> TempWorkspace {
    let ws = TempWorkspace::new(&[]);
    crate::support::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/oss-maintainer-workflow"), &ws.root);
    ws
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chant-lsp"))
        .arg("pr-description")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run chant-lsp")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 output")
}

/// The spec's own "PR Description Template" is used; the chain 001…005 (archived) supplies
/// the root cause excerpt, the changed files and the commits; the two research files named
/// but never written are listed at the end and on stderr.
#[test]
fn oss_example_description_from_the_spec_chain() {
    let ws = example();
    let out = run(&ws.root, &["006-upstream-pr"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("#42"));
    assert!(text.contains("read-modify-write race condition"));
    assert!(text.contains("- `src/storage/store.py` (005-fork-fix)"));
    assert!(text.contains("tests/regression/test_issue_42.py"));
    assert!(text.contains("`f51948f`"));
    assert!(text.contains("issue-42-sprawl.md"));
    expect_test::expect![[r#"
        ## Summary
        Fixes #42 - Concurrent write data loss in storage layer

        ## Problem
        When two processes write to the same key simultaneously, one write silently
        disappears. This happens because the storage layer uses read-modify-write
        without locking, allowing race conditions.

        Reproduction test: tests/regression/test_issue_42.py

        ## Root Cause
        This is a classic **read-modify-write race condition** without any locking:

        1. `_read_all()` reads the entire storage file into memory
        2. The in-memory dictionary is modified
        3. `_write_all()` writes the entire dictionary back to disk

        _Source: `.chant/research/issue-42-root-cause.md` (The Problematic Pattern)_

        The `Store.set()` method in src/storage/store.py:
        1. Reads the current file contents
        2. Modifies the data structure
        3. Writes back to disk

        Between steps 1 and 3, another process can write, causing the first write
        to overwrite the second.

        ## Solution
        Added file-based locking using fcntl to ensure atomic read-modify-write:
        - Acquire exclusive lock before reading
        - Perform modification
        - Write and release lock

        Also fixed 2 similar patterns in _[No source found: `.chant/research/issue-42-sprawl.md` does not exist]_.

        ## Testing
        - New regression test added: tests/regression/test_issue_42.py
        - Tested under high concurrency (100 concurrent writes)
        - All existing tests pass
        - No performance degradation measured

        ## Impact
        - Fixes data loss affecting ~2% of concurrent writes
        - Backward compatible - no API changes
        - Small performance overhead (<5ms per operation)

        ## Files Changed
        - `src/storage/store.py` (005-fork-fix)

        ## Commits
        - `12db6ed` 001-comprehension: Phase 1: Comprehension - Understand Issue #42
        - `247af2d` 002-reproduction: Phase 2: Reproduction - Create failing test for Issue #42
        - `311326f` 003-root-cause: Phase 3: Root Cause Analysis - Find the bug in Issue #42
        - `9ce29be` 004-sprawl: Phase 4: Impact Map - Assess impact of Issue #42 bug pattern
        - `f51948f` 005-fork-fix: Phase 5: Fork Fix - Implement fix for Issue #42

        ---

        _Sources named but not found:_
        - `.chant/research/issue-42-impact-map.md` (named in 004-sprawl `target_files`)
        - `.chant/research/issue-42-sprawl.md` (named in 005-fork-fix `informed_by`, 006-upstream-pr `informed_by`)
    "#]]
    .assert_eq(&text);
    expect_test::expect![[r#"
        warning: not found: .chant/research/issue-42-impact-map.md (named in 004-sprawl `target_files`)
        warning: not found: .chant/research/issue-42-sprawl.md (named in 005-fork-fix `informed_by`, 006-upstream-pr `informed_by`)
    "#]]
    .assert_eq(&stderr(&out));
    // A path and a partial id name the same spec; the repository copy was not modified.
    let by_path = run(&ws.root, &[".chant/specs/006-upstream-pr.md"]);
    assert_eq!(stdout(&by_path), text);
    assert_eq!(stdout(&run(&ws.root.join("src"), &["upstream"])), text);
}

/// The built-in default template (005-fork-fix has no template block of its own and the
/// example has no repository template): every section filled from the chain or marked.
#[test]
fn default_template_on_the_fork_fix_spec() {
    let ws = example();
    let out = run(&ws.root, &["005-fork-fix"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    expect_test::expect![[r#"
        ## Summary
        Fixes #42.

        - Phase 2: Reproduction - Create failing test for Issue #42 (002-reproduction)
        - Phase 5: Fork Fix - Implement fix for Issue #42 (005-fork-fix)

        ## Problem
        **Observed behavior**: When two API workers update different fields of the same user profile simultaneously, sometimes only one update persists. The other update is lost without any error being logged.

        _Source: `.chant/research/issue-42-comprehension.md` (Problem Statement)_

        ## Root Cause
        This is a classic **read-modify-write race condition** without any locking:

        1. `_read_all()` reads the entire storage file into memory
        2. The in-memory dictionary is modified
        3. `_write_all()` writes the entire dictionary back to disk

        _Source: `.chant/research/issue-42-root-cause.md` (The Problematic Pattern)_

        ## Solution
        - 002-reproduction:
          - Test file created at `tests/regression/test_issue_42.py`
          - Test uses concurrent execution (threading/multiprocessing)
          - Test writes to the same key from multiple threads/processes
          - Test verifies both writes are persisted
          - Test currently fails (demonstrating the bug)
          - Test includes clear comments explaining what it's checking
        - 005-fork-fix:
          - Fix implemented in `src/storage/store.py`
          - Race condition eliminated using proper locking
          - Test from phase 2 now passes
          - Code includes comments explaining the fix
          - Similar patterns from phase 4 also fixed
          - No existing functionality broken

        ## Testing
        - `tests/regression/test_issue_42.py` (002-reproduction)

        ## Impact
        **Who is affected**: Any production system using this storage layer with multiple API workers

        _Source: `.chant/research/issue-42-comprehension.md` (Impact)_

        ## Files Changed
        - `src/storage/store.py` (005-fork-fix)

        ## Commits
        - `12db6ed` 001-comprehension: Phase 1: Comprehension - Understand Issue #42
        - `247af2d` 002-reproduction: Phase 2: Reproduction - Create failing test for Issue #42
        - `311326f` 003-root-cause: Phase 3: Root Cause Analysis - Find the bug in Issue #42
        - `9ce29be` 004-sprawl: Phase 4: Impact Map - Assess impact of Issue #42 bug pattern
        - `f51948f` 005-fork-fix: Phase 5: Fork Fix - Implement fix for Issue #42

        ---

        _Sources named but not found:_
        - `.chant/research/issue-42-impact-map.md` (named in 004-sprawl `target_files`)
        - `.chant/research/issue-42-sprawl.md` (named in 005-fork-fix `informed_by`)
    "#]].assert_eq(&stdout(&out));
}

#[test]
fn template_option_variables_and_placeholders() {
    let ws = example();
    ws.write(
        "tpl.md",
        "# {{spec.title}}\n\nCloses {{issue}} ({{spec.id}}).\n\n## Summary\n<!-- What does this PR do? -->\n\n\
## Changes\n- \n\n## Testing\n- [ ] Tests pass locally\n\n## Root Cause\n[Reference: .chant/research/nope.md]\n\n\
## Notes\n[Describe anything reviewers should know]\n\n\
{{research.issue-42-comprehension}}\n\n{{nope}}\n",
    );
    let out = run(&ws.root, &["005", "--template", "tpl.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    expect_test::expect![[r#"
        # Phase 5: Fork Fix - Implement fix for Issue #42

        Closes #42 (005-fork-fix).

        ## Summary
        Fixes #42.

        - Phase 2: Reproduction - Create failing test for Issue #42 (002-reproduction)
        - Phase 5: Fork Fix - Implement fix for Issue #42 (005-fork-fix)

        ## Changes
        - 002-reproduction:
          - Test file created at `tests/regression/test_issue_42.py`
          - Test uses concurrent execution (threading/multiprocessing)
          - Test writes to the same key from multiple threads/processes
          - Test verifies both writes are persisted
          - Test currently fails (demonstrating the bug)
          - Test includes clear comments explaining what it's checking
        - 005-fork-fix:
          - Fix implemented in `src/storage/store.py`
          - Race condition eliminated using proper locking
          - Test from phase 2 now passes
          - Code includes comments explaining the fix
          - Similar patterns from phase 4 also fixed
          - No existing functionality broken

        ## Testing
        - [ ] Tests pass locally
        - `tests/regression/test_issue_42.py` (002-reproduction)

        ## Root Cause
        _[No source found: `.chant/research/nope.md` does not exist]_

        ## Notes
        _[No source found for: Describe anything reviewers should know]_

        **Location**: `src/storage/store.py:31-42` (and similarly in `update()` at lines 44-58 and `delete()` at lines 60-68)

        _Source: `.chant/research/issue-42-comprehension.md` (Root Cause)_

        _[unknown variable: nope]_

        ## Files Changed
        - `src/storage/store.py` (005-fork-fix)

        ## Commits
        - `12db6ed` 001-comprehension: Phase 1: Comprehension - Understand Issue #42
        - `247af2d` 002-reproduction: Phase 2: Reproduction - Create failing test for Issue #42
        - `311326f` 003-root-cause: Phase 3: Root Cause Analysis - Find the bug in Issue #42
        - `9ce29be` 004-sprawl: Phase 4: Impact Map - Assess impact of Issue #42 bug pattern
        - `f51948f` 005-fork-fix: Phase 5: Fork Fix - Implement fix for Issue #42

        ---

        _Sources named but not found:_
        - `.chant/research/issue-42-impact-map.md` (named in 004-sprawl `target_files`)
        - `.chant/research/issue-42-sprawl.md` (named in 005-fork-fix `informed_by`)
        - `.chant/research/nope.md` (named in the template)
    "#]].assert_eq(&stdout(&out));
}

#[test]
fn repository_template_is_found() {
    let ws = example();
    ws.write(".github/pull_request_template.md", "## Summary\n\n## Checklist\n- [ ] Docs updated\n");
    let out = run(&ws.root, &["fork-fix"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    expect_test::expect![[r#"
        ## Summary
        Fixes #42.

        - Phase 2: Reproduction - Create failing test for Issue #42 (002-reproduction)
        - Phase 5: Fork Fix - Implement fix for Issue #42 (005-fork-fix)

        ## Checklist
        - [ ] Docs updated

        ## Testing
        - `tests/regression/test_issue_42.py` (002-reproduction)

        ## Files Changed
        - `src/storage/store.py` (005-fork-fix)

        ## Commits
        - `12db6ed` 001-comprehension: Phase 1: Comprehension - Understand Issue #42
        - `247af2d` 002-reproduction: Phase 2: Reproduction - Create failing test for Issue #42
        - `311326f` 003-root-cause: Phase 3: Root Cause Analysis - Find the bug in Issue #42
        - `9ce29be` 004-sprawl: Phase 4: Impact Map - Assess impact of Issue #42 bug pattern
        - `f51948f` 005-fork-fix: Phase 5: Fork Fix - Implement fix for Issue #42

        ---

        _Sources named but not found:_
        - `.chant/research/issue-42-impact-map.md` (named in 004-sprawl `target_files`)
        - `.chant/research/issue-42-sprawl.md` (named in 005-fork-fix `informed_by`)
    "#]]
    .assert_eq(&stdout(&out));
}

#[test]
fn usage_unknown_and_ambiguous_exit_2() {
    let ws = example();
    let cases: [(&[&str], &str); 5] = [
        (&[], "chant-lsp pr-description: missing the spec path or id\nusage: chant-lsp pr-description <SPEC_PATH_OR_ID> [--template PATH]\n"),
        (&["nothing-like-it"], "chant-lsp pr-description: spec not found: nothing-like-it\n"),
        (&["00"], "chant-lsp pr-description: ambiguous spec id `00`; matches: 001-comprehension, 002-reproduction, 003-root-cause, 004-sprawl, 005-fork-fix, 006-upstream-pr\n"),
        (&["006", "--template", "absent.md"], "chant-lsp pr-description: absent.md: the template does not exist\n"),
        (&["006", "--bogus"], "chant-lsp pr-description: unknown option `--bogus`\nusage: chant-lsp pr-description <SPEC_PATH_OR_ID> [--template PATH]\n"),
    ];
    for (args, want) in cases {
        let out = run(&ws.root, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&out), want, "{args:?}");
        assert!(out.stdout.is_empty());
    }
    let outside = TempWorkspace::bare();
    let out = run(&outside.root, &["006"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The UTF-16 offset of an LSP position in `text` (the spec has non-ASCII text: ✓, ×, ←).
fn offset(text: &str, pos: &Value) -> usize {
    let line = pos["line"].as_u64().expect("line") as usize;
    let character = pos["character"].as_u64().expect("character") as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, ch) in text[start..].char_indices() {
        if units >= character || ch == '\n' {
            return start + i;
        }
        units += ch.len_utf16();
    }
    text.len()
}

/// The "Fill PR description" action of a code-action answer, applied to `text`.
fn apply_fill_action(answer: &Value, uri: &str, text: &str) -> (String, Value) {
    let action = answer
        .as_array()
        .expect("a list of actions")
        .iter()
        .find(|a| a["title"] == "Fill PR description")
        .expect("the Fill PR description action")
        .clone();
    assert_eq!(action["kind"], "refactor.rewrite");
    let edits = action["edit"]["changes"][uri].as_array().expect("edits for the spec").clone();
    assert_eq!(edits.len(), 1);
    let edit = &edits[0];
    let (start, end) = (offset(text, &edit["range"]["start"]), offset(text, &edit["range"]["end"]));
    let mut out = text.to_string();
    out.replace_range(start..end, edit["newText"].as_str().expect("new text"));
    (out, edit.clone())
}

#[tokio::test]
async fn code_action_writes_the_section_and_is_idempotent() {
    let ws = example();
    let rel = ".chant/specs/006-upstream-pr.md";
    let uri = ws.uri(rel);
    let text = std::fs::read_to_string(ws.path(rel)).expect("read spec");
    let mut server = TestServer::start(&ws.root, json!({})).await;
    server.open(&uri, 1, &text).await;
    let params = |line: u32| {
        json!({
            "textDocument": { "uri": uri },
            "range": crate::support::range([line, 0, line, 0]),
            "context": { "diagnostics": [] },
        })
    };
    let first = server.request("textDocument/codeAction", params(12)).await;
    let (once, edit) = apply_fill_action(&first, &uri, &text);
    // Appended after the last line (the file has no final newline).
    let last = text.lines().count() as u32 - 1;
    let end = text.lines().last().unwrap().len() as u32;
    assert_eq!(edit["range"]["start"], crate::support::position(last, end));
    let cli = stdout(&run(&ws.root, &["006-upstream-pr"]));
    assert!(once.starts_with(&text));
    assert_eq!(&once[text.len()..], format!("\n\n## Prepared PR Description\n\n```markdown\n{cli}```\n"));

    // Apply it in the editor, ask again: the same section comes back, so nothing changes.
    let (s, e) = (edit["range"]["start"].clone(), edit["range"]["end"].clone());
    let at = |p: &Value| [p["line"].as_u64().unwrap() as u32, p["character"].as_u64().unwrap() as u32];
    server.change(&uri, 2, at(&s), at(&e), edit["newText"].as_str().unwrap()).await;
    let second = server.request("textDocument/codeAction", params(12)).await;
    let (twice, edit2) = apply_fill_action(&second, &uri, &once);
    assert_eq!(twice, once);
    assert_ne!(edit2["range"]["start"], edit2["range"]["end"], "the second edit replaces the section in place");

    // Asking only for quick fixes leaves it out.
    let mut only = params(0);
    only["context"]["only"] = json!(["quickfix"]);
    let answer = server.request("textDocument/codeAction", only).await;
    assert!(answer.as_array().expect("a list").iter().all(|a| a["title"] != "Fill PR description"));
    let mut refactor = params(0);
    refactor["context"]["only"] = json!(["refactor"]);
    let answer = server.request("textDocument/codeAction", refactor).await;
    assert!(answer.as_array().expect("a list").iter().any(|a| a["title"] == "Fill PR description"));
}

/// `chant-lsp.prDescription` answers the same text as the CLI, for the open (unsaved) document;
/// a file that is not a spec answers `null`.
#[tokio::test]
async fn pr_description_command_answers_the_markdown() {
    let ws = example();
    let rel = ".chant/specs/006-upstream-pr.md";
    let uri = ws.uri(rel);
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let ask = |uri: &str| json!({ "command": "chant-lsp.prDescription", "arguments": [{ "uri": uri }] });
    let answer = server.request("workspace/executeCommand", ask(&uri)).await;
    let cli = stdout(&run(&ws.root, &["006-upstream-pr"]));
    assert_eq!(answer, json!({ "markdown": cli }));

    let research = ws.uri(".chant/research/issue-42-root-cause.md");
    assert_eq!(server.request("workspace/executeCommand", ask(&research)).await, Value::Null);
}

/// A client that resolves edits (VS Code, Neovim) gets the action without its edit, named by
/// `data`; `codeAction/resolve` then answers the same edit the eager path gives.
#[tokio::test]
async fn the_action_edit_waits_for_resolve_when_the_client_can() {
    let ws = example();
    let rel = ".chant/specs/006-upstream-pr.md";
    let uri = ws.uri(rel);
    let text = std::fs::read_to_string(ws.path(rel)).expect("read spec");
    let lazy = json!({ "capabilities": { "textDocument": { "codeAction": { "resolveSupport": { "properties": ["edit"] } } } } });
    let mut server = TestServer::start(&ws.root, lazy).await;
    server.open(&uri, 1, &text).await;
    let params = json!({
        "textDocument": { "uri": uri },
        "range": crate::support::range([0, 0, 0, 0]),
        "context": { "diagnostics": [], "only": ["refactor.rewrite"] },
    });
    let answer = server.request("textDocument/codeAction", params.clone()).await;
    let offered =
        json!({ "title": "Fill PR description", "kind": "refactor.rewrite", "data": { "fillPrDescription": uri } });
    assert_eq!(answer, json!([offered.clone()]));
    let resolved = server.request("codeAction/resolve", offered).await;
    let (filled, _) = apply_fill_action(&json!([resolved]), &uri, &text);

    let mut eager = TestServer::start(&ws.root, json!({})).await;
    eager.open(&uri, 1, &text).await;
    let answer = eager.request("textDocument/codeAction", params).await;
    assert_eq!(apply_fill_action(&answer, &uri, &text).0, filled);

    // Any other action comes back unchanged.
    let other = json!({ "title": "Mark done", "kind": "refactor.rewrite" });
    assert_eq!(server.request("codeAction/resolve", other.clone()).await, other);
}

/// A spec naming files outside the workspace (`../`, absolute, a symlink out, `/dev/zero`
/// behind a link) and a FIFO: the description quotes none of them and comes back at once
/// (a FIFO opened for reading would wait for a writer forever).
#[test]
fn sources_outside_the_workspace_or_not_files_are_never_read() {
    // A sibling temp folder, so `../<its name>/outside.md` leads out of the workspace into it.
    let elsewhere = TempWorkspace::bare();
    elsewhere.write("outside.md", "# Outside\n\n## Root Cause\n\nSECRET-OUTSIDE leaked.\n");
    let outside = elsewhere.path("outside.md");
    let folder = elsewhere.root.file_name().expect("name").to_string_lossy();
    let out_name = format!("{folder}/outside.md");
    let spec = format!(
        "---\ntype: code\nstatus: completed\ninformed_by:\n  - ../{out_name}\n  - {}\n  - docs/link.md\n  - docs/pipe.md\n  - docs/zero.md\n---\n# Fix it\n\n## PR Description Template\n\n```markdown\n## Root cause\n\n[Reference: ../{out_name}]\n```\n",
        outside.display()
    );
    let ws = TempWorkspace::new(&[(".chant/specs/001-fix.md", &spec), ("docs/keep.md", "# Keep\n")]);
    std::os::unix::fs::symlink(&outside, ws.path("docs/link.md")).expect("symlink out");
    std::os::unix::fs::symlink("/dev/zero", ws.path("docs/zero.md")).expect("symlink to /dev/zero");
    let made = Command::new("mkfifo").arg(ws.path("docs/pipe.md")).status().expect("run mkfifo");
    assert!(made.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_chant-lsp"))
        .args(["pr-description", "001-fix"])
        .current_dir(&ws.root)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run chant-lsp");
    // Only catches a hang (the run takes milliseconds); the child is killed rather than leaked.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().expect("poll child").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("pr-description blocked on a source");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("collect output");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!text.contains("SECRET-OUTSIDE"), "{text}");
    expect_test::expect![[r#"
        ## Root cause

        _[No source found: `../OUT` is outside the workspace]_

        ---

        _Sources named but not found:_
        - `../OUT` (named in 001-fix `informed_by`, the template): it is outside the workspace
        - `ABS` (named in 001-fix `informed_by`): it is outside the workspace
        - `docs/link.md` (named in 001-fix `informed_by`): it is outside the workspace
        - `docs/pipe.md` (named in 001-fix `informed_by`): it is not a regular file (it is a FIFO)
        - `docs/zero.md` (named in 001-fix `informed_by`): it is outside the workspace
    "#]]
    .assert_eq(&text.replace(&outside.display().to_string(), "ABS").replace(&out_name, "OUT"));
}
