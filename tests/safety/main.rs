//! The safety test: a whole editing session — every request at many positions of every spec,
//! every code action resolved, every command run — leaves every byte on disk as it was and opens
//! nothing outside the workspace, by the file door's own record of what it opened.
//!
//! One test in its own binary, because it reads the process-wide record of the door.

// The shared harness of tests/it; this suite uses only part of it.
#[allow(dead_code)]
#[path = "../it/support/mod.rs"]
mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::support::{copy_dir, file_uri, TempWorkspace, TestServer};
use serde_json::{json, Value};

/// Every file below `dir` (links not followed) with its bytes and modification time.
fn snapshot(dir: &Path, out: &mut BTreeMap<PathBuf, (Vec<u8>, Option<SystemTime>)>) {
    for entry in std::fs::read_dir(dir).expect("list folder").flatten() {
        let path = entry.path();
        let kind = entry.file_type().expect("file type");
        if kind.is_dir() {
            snapshot(&path, out);
        } else if kind.is_file() {
            let meta = entry.metadata().expect("metadata");
            out.insert(path.clone(), (std::fs::read(&path).expect("read"), meta.modified().ok()));
        } else {
            out.insert(path, (Vec::new(), None));
        }
    }
}

/// The shipped example, plus a spec that names files outside the root in every way it can.
fn workspace(base: &Path) -> PathBuf {
    let root = base.join("ws");
    let outside = base.join("outside");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/oss-maintainer-workflow"), &root);
    std::fs::create_dir_all(&outside).expect("outside folder");
    std::fs::write(outside.join("secret.md"), "# Secret\n\nnot to be read\n").expect("outside file");
    std::os::unix::fs::symlink(outside.join("secret.md"), root.join(".chant/research/link-out.md")).expect("link");
    std::os::unix::fs::symlink(outside.join("secret.md"), root.join(".chant/specs/linked-spec.md")).expect("link");
    let status = std::process::Command::new("mkfifo").arg(root.join(".chant/research/pipe.md")).status();
    assert!(status.expect("mkfifo").success());
    let text = format!(
        "---\ntype: code\nstatus: in_progress\ndepends_on:\n  - 006-upstream-pr\ninformed_by:\n  - .chant/research/link-out.md\n  - .chant/research/pipe.md\n  - ../outside/secret.md\n  - {}\ntarget_files:\n  - ../outside/secret.md\n---\n# Reach out\n\nSee 006-upstream-pr and [the secret](../../../outside/secret.md).\n\n## Acceptance Criteria\n\n- [ ] nothing outside is read\n- [x] nothing is written\n",
        outside.join("secret.md").display()
    );
    std::fs::write(root.join(".chant/specs/007-reach-out.md"), text).expect("spec");
    root
}

/// Positions to try in a text: a few columns in, and the middle, of each of its first lines
/// (frontmatter, title, criteria and links all sit there in the example's specs).
fn positions(text: &str) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for (line, content) in text.lines().enumerate().take(MAX_LINES) {
        let width = content.encode_utf16().count() as u32;
        out.push((line as u32, 2.min(width)));
        out.push((line as u32, width / 2));
    }
    out.dedup();
    out
}

/// Keeps the session to some ten thousand requests, a few seconds in a debug build.
const MAX_LINES: usize = 60;

async fn exercise(server: &mut TestServer, uri: &str, text: &str) -> usize {
    let doc = json!({ "uri": uri });
    let lines = text.lines().count() as u32 + 1;
    let whole = crate::support::range([0, 0, lines, 0]);
    let mut requests: Vec<(&str, Value)> = vec![
        ("textDocument/documentSymbol", json!({ "textDocument": doc })),
        ("textDocument/foldingRange", json!({ "textDocument": doc })),
        ("textDocument/documentLink", json!({ "textDocument": doc })),
        ("textDocument/inlayHint", json!({ "textDocument": doc, "range": whole })),
        ("workspace/symbol", json!({ "query": "" })),
        ("workspace/willRenameFiles", json!({ "files": [{ "oldUri": uri, "newUri": format!("{uri}.renamed.md") }] })),
        ("workspace/executeCommand", json!({ "command": "chant-lsp.prDescription", "arguments": [{ "uri": uri }] })),
    ];
    for (line, character) in positions(text) {
        let at = crate::support::at(uri, line, character);
        let with = |extra: Value| {
            let mut params = at.clone();
            params.as_object_mut().expect("object").extend(extra.as_object().expect("object").clone());
            params
        };
        requests.push(("textDocument/hover", at.clone()));
        requests.push(("textDocument/definition", at.clone()));
        requests.push(("textDocument/completion", at.clone()));
        requests.push(("textDocument/prepareRename", at.clone()));
        requests.push(("textDocument/references", with(json!({ "context": { "includeDeclaration": true } }))));
        requests.push(("textDocument/rename", with(json!({ "newName": "renamed-id" }))));
        let here = crate::support::range([line, character, line, character]);
        requests.push((
            "textDocument/codeAction",
            json!({ "textDocument": doc, "range": here, "context": { "diagnostics": [] } }),
        ));
    }
    requests.push((
        "textDocument/codeAction",
        json!({ "textDocument": doc, "range": whole, "context": { "diagnostics": [] } }),
    ));
    requests.push(("textDocument/codeLens", json!({ "textDocument": doc })));
    let mut sent = 0;
    for (method, params) in requests {
        let result = server.request(method, params).await;
        sent += 1;
        for item in result.as_array().into_iter().flatten() {
            // Every action the client could choose: resolve it, then run its command.
            if method == "textDocument/codeAction" && item.get("data").is_some() {
                server.request("codeAction/resolve", item.clone()).await;
                sent += 1;
            }
            let command = item.get("command").filter(|c| c.is_object());
            if let Some(command) = command {
                let params = json!({ "command": command["command"], "arguments": command.get("arguments").cloned().unwrap_or(json!([])) });
                server.respond("workspace/executeCommand", params).await;
                sent += 1;
            }
        }
    }
    sent
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_editing_session_writes_nothing_and_opens_nothing_outside_the_root() {
    // The workspace and the "outside" it must not touch share one temporary folder.
    let temp = TempWorkspace::bare();
    let base = temp.root.clone();
    let root = workspace(&base);
    let mut before = BTreeMap::new();
    snapshot(&base, &mut before);

    let mut server = TestServer::start(&root, json!({})).await;
    let mut specs: Vec<PathBuf> = before
        .keys()
        .filter(|p| p.starts_with(root.join(".chant")) && p.extension().is_some_and(|e| e == "md"))
        .cloned()
        .collect();
    specs.retain(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file()));
    let mut sent = 0;
    for path in &specs {
        let text = std::fs::read_to_string(path).expect("spec text");
        let uri = file_uri(path);
        server.open(&uri, 1, &text).await;
        sent += exercise(&mut server, &uri, &text).await;
        server.close(&uri).await;
    }
    server.request("shutdown", Value::Null).await;

    let mut after = BTreeMap::new();
    snapshot(&base, &mut after);
    let opened = chant_lsp::workspace::fs::process_log().snapshot();
    assert!(sent > 1_000, "the session sent {sent} requests");
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>(), "files were created or removed");
    let changed: Vec<&PathBuf> = before.iter().filter(|(p, v)| after.get(*p) != Some(v)).map(|(p, _)| p).collect();
    assert!(changed.is_empty(), "files changed on disk: {changed:?}");
    let real_root = root.canonicalize().unwrap_or_else(|_| root.clone());
    let outside: Vec<&PathBuf> =
        opened.iter().filter(|p| !p.starts_with(&root) && !p.starts_with(&real_root)).collect();
    assert!(outside.is_empty(), "opened outside the workspace: {outside:?}");
    let research = root.join(".chant/research/issue-42-root-cause.md");
    assert!(
        opened.iter().any(|p| p.ends_with("issue-42-root-cause.md")),
        "the record holds what was read ({} paths; e.g. {research:?})",
        opened.len()
    );
}
