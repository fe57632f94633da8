//! End-to-end protocol tests: the real server over an in-memory pipe, exact JSON in and out.
//!
//! Each test builds its own workspace in the temp folder, so expectations never depend on files
//! outside the test.

use crate::support::{TempWorkspace, TestServer};
use serde_json::{json, Value};

const BAD_STATUS: &str = "`pendng` is not a valid `status`: chant cannot load this spec (expected one of pending, in_progress, paused, completed, failed, needs_attention, ready, blocked, cancelled); did you mean `pending`?";
const BAD_TYPE: &str = "`docs` is not a valid `type`: chant cannot load this spec (expected one of code, task, driver, documentation, research, group); did you mean `documentation`?";

/// A spec whose only finding is the `pendng` status on line 1, columns 8..14.
const PENDNG: &str = "---\nstatus: pendng\n---\n# A\n\n## Acceptance Criteria\n\n- [x] ok\n";

/// A published diagnostic; `range` is `[start line, start character, end line, end character]`.
fn diag(range: [u32; 4], severity: u8, code: &str, message: &str) -> Value {
    json!({
        "range": crate::support::range(range),
        "severity": severity,
        "code": code,
        "source": "chant-lsp",
        "message": message,
    })
}

/// `d` with the data its quick fixes need, as published: the byte range the rule reported, the
/// text there and the rule's hint (if any).
fn with_data(mut d: Value, start: u32, end: u32, text: &str, hint: Option<Value>) -> Value {
    d["data"] = json!({ "start": start, "end": end, "text": text });
    if let Some(hint) = hint {
        d["data"]["hint"] = hint;
    }
    d
}

/// A suggestion list as a diagnostic's hint.
fn replace(values: &[&str]) -> Option<Value> {
    Some(json!({ "replace": values }))
}

fn publish(uri: &str, version: Option<i32>, diagnostics: Vec<Value>) -> Value {
    let mut params = json!({ "uri": uri, "diagnostics": diagnostics });
    if let Some(version) = version {
        params["version"] = json!(version);
    }
    params
}

#[tokio::test]
async fn initialize_negotiates_encoding_and_incremental_sync() {
    let ws = TempWorkspace::new(&[]);
    let expected = |encoding: &str| {
        json!({
            "capabilities": {
                "positionEncoding": encoding,
                "textDocumentSync": { "openClose": true, "change": 2, "save": true },
                "definitionProvider": true,
                "referencesProvider": true,
                "callHierarchyProvider": true,
                "hoverProvider": true,
                "documentLinkProvider": { "resolveProvider": false },
                "completionProvider": { "triggerCharacters": ["-", "[", ",", " ", "/", ":", "."] },
                "inlayHintProvider": true,
                "codeActionProvider": {
                    "codeActionKinds": ["quickfix", "source.fixAll.chant", "refactor.rewrite"],
                    "resolveProvider": true,
                },
                "codeLensProvider": { "resolveProvider": false },
                "executeCommandProvider": { "commands": ["chant-lsp.fixCriteriaHeading", "chant-lsp.prDescription", "chant-lsp.graph"] },
                "documentSymbolProvider": true,
                "workspaceSymbolProvider": true,
                "foldingRangeProvider": true,
                "documentFormattingProvider": true,
                "renameProvider": { "prepareProvider": true },
                "workspace": {
                    "workspaceFolders": { "supported": true, "changeNotifications": true },
                    "fileOperations": {
                        "willRename": {
                            "filters": [{
                                "scheme": "file",
                                "pattern": { "glob": "**/.chant/{specs,archive}/**/*.md", "matches": "file" },
                            }],
                        },
                    },
                },
            },
            "serverInfo": { "name": "chant-lsp", "version": env!("CARGO_PKG_VERSION") },
        })
    };
    let root = crate::support::file_uri(&ws.root);
    let mut utf8 = TestServer::new();
    let offered =
        json!({ "capabilities": { "general": { "positionEncodings": ["utf-16", "utf-8"] } }, "rootUri": root });
    assert_eq!(utf8.request("initialize", offered).await, expected("utf-8"));
    let mut utf16 = TestServer::new();
    let not_offered = json!({ "capabilities": { "general": { "positionEncodings": ["utf-32"] } }, "rootUri": root });
    assert_eq!(utf16.request("initialize", not_offered).await, expected("utf-16"));
    assert_eq!(utf16.request("shutdown", Value::Null).await, Value::Null);
}

#[tokio::test]
async fn startup_indexes_with_progress_and_publishes_active_specs_only() {
    let ws = TempWorkspace::new(&[(".chant/specs/a.md", PENDNG), (".chant/archive/z.md", PENDNG)]);
    let mut server = TestServer::new();
    let params = json!({
        "capabilities": { "window": { "workDoneProgress": true } },
        "workspaceFolders": [{ "uri": crate::support::file_uri(&ws.root), "name": "ws" }],
    });
    server.request("initialize", params).await;
    server.notify("initialized", json!({})).await;
    server.wait_indexed().await;
    let seen: Vec<Value> = server.skipped.iter().map(|m| json!([m["method"], m["params"]])).collect();
    let token = "chant-lsp/indexing";
    let report = format!("{}: 2 specs", ws.root.display());
    let a = publish(
        &ws.uri(".chant/specs/a.md"),
        None,
        // A closed spec's text is not kept, so its diagnostics carry no fix context (`data`):
        // the client gets it when it opens the file, which publishes the spec again.
        vec![diag([1, 8, 1, 14], 1, "invalid-value", BAD_STATUS)],
    );
    assert_eq!(
        seen,
        vec![
            json!(["window/workDoneProgress/create", { "token": token }]),
            json!(["$/progress", { "token": token, "value": { "kind": "begin", "title": "Indexing chant specs" } }]),
            json!(["$/progress", { "token": token, "value": { "kind": "report", "message": report } }]),
            json!(["textDocument/publishDiagnostics", a]),
            json!(["$/progress", { "token": token, "value": { "kind": "end", "message": "2 specs in 1 workspace" } }]),
        ]
    );
}

#[tokio::test]
async fn a_folder_above_several_workspaces_indexes_each_of_them() {
    let ws = TempWorkspace::bare();
    ws.write("one/.chant/specs/a.md", PENDNG);
    ws.write("two/.chant/specs/b.md", PENDNG);
    let server = TestServer::start(&ws.root, json!({})).await;
    let reports: Vec<&Value> = server
        .skipped
        .iter()
        .filter(|m| m["params"]["value"]["kind"] == "report")
        .map(|m| &m["params"]["value"]["message"])
        .collect();
    let one = format!("{}: 1 spec", ws.path("one").display());
    let two = format!("{}: 1 spec", ws.path("two").display());
    assert_eq!(reports, vec![&json!(one), &json!(two)]);
    let published: Vec<&Value> = server
        .skipped
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| &m["params"]["uri"])
        .collect();
    assert_eq!(published, vec![&json!(ws.uri("one/.chant/specs/a.md")), &json!(ws.uri("two/.chant/specs/b.md"))]);
}

#[tokio::test]
async fn open_then_incremental_fix_clears_the_diagnostic_with_versions() {
    let text = "---\ntype: docs\nstatus: pending\ntarget_files: [README.md]\ntracks: [README.md]\n---\n# Docs\n\n## Acceptance Criteria\n\n- [x] done\n";
    let ws = TempWorkspace::new(&[("README.md", "readme\n"), (".chant/specs/a.md", text)]);
    let uri = ws.uri(".chant/specs/a.md");
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let bad_type = diag([1, 6, 1, 10], 1, "invalid-value", BAD_TYPE);
    let bad_type = vec![with_data(bad_type, 10, 14, "docs", replace(&["documentation"]))];
    server.open(&uri, 1, text).await;
    assert_eq!(server.diagnostics(&uri).await, publish(&uri, Some(1), bad_type));
    server.change(&uri, 2, [1, 6], [1, 10], "documentation").await;
    assert_eq!(server.diagnostics(&uri).await, publish(&uri, Some(2), vec![]));
}

#[tokio::test]
async fn ranges_after_emoji_and_cjk_follow_the_negotiated_encoding() {
    let text = "---\ntype: code\ndepends_on: [测试😀, nope]\n---\n# Uni\n\n## Acceptance Criteria\n\n- [x] ok\n";
    let spec = ".chant/specs/u.md";
    let ws = TempWorkspace::new(&[
        (spec, text),
        (".chant/specs/a.md", "---\n---\n# A\n\n## Acceptance Criteria\n\n- [x] ok\n"),
    ]);
    let uri = ws.uri(spec);
    let unknown = |id: &str| {
        format!("unknown dependency `{id}`: no spec has this id (ids are file names without `.md`, matched exactly)")
    };
    let unknown_at = |columns: [u32; 2], id: &str, start: u32, end: u32| {
        let d = diag([2, columns[0], 2, columns[1]], 1, "unknown-dependency", &unknown(id));
        with_data(d, start, end, id, None)
    };
    // (extra initialize params, columns of `测试😀`, columns of `nope`)
    let cases = [
        (json!({}), [13, 17], [19, 23]),
        (json!({ "capabilities": { "general": { "positionEncodings": ["utf-8"] } } }), [13, 23], [25, 29]),
    ];
    for (extra, first, second) in cases {
        let mut server = TestServer::start(&ws.root, extra).await;
        server.open(&uri, 1, text).await;
        let expected = vec![unknown_at(first, "测试😀", 28, 38), unknown_at(second, "nope", 40, 44)];
        assert_eq!(server.diagnostics(&uri).await, publish(&uri, Some(1), expected));
        // The edit's columns are read in the same encoding: `nope` becomes `a`, which exists.
        server.change(&uri, 2, [2, second[0]], [2, second[1]], "a").await;
        let expected = vec![unknown_at(first, "测试😀", 28, 38)];
        assert_eq!(server.diagnostics(&uri).await, publish(&uri, Some(2), expected));
    }
}

#[tokio::test]
async fn crlf_lines_are_counted_once_and_edits_land_in_place() {
    let text =
        "---\r\ntype: docs\r\nstatus: pending\r\n---\r\n# CRLF\r\n\r\n## Acceptance Criteria\r\n\r\n- [x] ok\r\n";
    let ws = TempWorkspace::new(&[]);
    let uri = ws.uri(".chant/specs/c.md");
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let bad_type = diag([1, 6, 1, 10], 1, "invalid-value", BAD_TYPE);
    // Not on disk yet: an unsaved new spec is analysed from the editor's text.
    server.open(&uri, 1, text).await;
    assert_eq!(
        server.diagnostics(&uri).await,
        publish(&uri, Some(1), vec![with_data(bad_type, 11, 15, "docs", replace(&["documentation"]))])
    );
    server.change(&uri, 2, [1, 6], [1, 10], "code").await;
    assert_eq!(server.diagnostics(&uri).await, publish(&uri, Some(2), vec![]));
}

#[tokio::test]
async fn dependents_are_republished_when_a_dependency_appears_and_goes() {
    let b_text = "---\ndepends_on: [x]\n---\n# B\n\n## Acceptance Criteria\n\n- [x] ok\n";
    let ws = TempWorkspace::new(&[(".chant/specs/b.md", b_text)]);
    let (b, x) = (ws.uri(".chant/specs/b.md"), ws.uri(".chant/specs/x.md"));
    let unknown_x = diag(
        [1, 13, 1, 14],
        1,
        "unknown-dependency",
        "unknown dependency `x`: no spec has this id (ids are file names without `.md`, matched exactly)",
    );
    let mut server = TestServer::start(&ws.root, json!({})).await;
    let at_start: Vec<&Value> = server.skipped.iter().filter(|m| m["params"]["uri"] == b.as_str()).collect();
    assert_eq!(
        at_start,
        vec![
            &json!({ "jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": publish(&b, None, vec![unknown_x.clone()]) })
        ]
    );
    // Opening a new (unsaved) `x.md` resolves b's dependency; b is not open, so no version.
    server.open(&x, 1, "---\n---\n# X\n\n## Acceptance Criteria\n\n- [x] ok\n").await;
    assert_eq!(server.diagnostics(&b).await, publish(&b, None, vec![]));
    assert_eq!(server.diagnostics(&x).await, publish(&x, Some(1), vec![]));
    // Closing it without saving: the file does not exist on disk, so the dependency is unknown again.
    server.close(&x).await;
    assert_eq!(server.diagnostics(&b).await, publish(&b, None, vec![unknown_x]));
    // x.md never had findings, so the client holds nothing for it: no empty list is sent.
}

#[tokio::test]
async fn files_written_outside_the_editor_are_picked_up_through_the_watcher() {
    let b_text = "---\ndepends_on: [x]\n---\n# B\n\n## Acceptance Criteria\n\n- [x] ok\n";
    let ws = TempWorkspace::new(&[(".chant/specs/b.md", b_text)]);
    let (b, x) = (ws.uri(".chant/specs/b.md"), ws.uri(".chant/specs/x.md"));
    let watching =
        json!({ "capabilities": { "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } } });
    let mut server = TestServer::start(&ws.root, watching).await;
    let registration = server.find_or_read("client/registerCapability").await;
    let watchers = json!({ "watchers": [{ "globPattern": "**/.chant/**" }] });
    let expected = json!({ "registrations": [{ "id": "chant-lsp/watch-chant-folders", "method": "workspace/didChangeWatchedFiles", "registerOptions": watchers }] });
    assert_eq!(registration["params"], expected);
    // An agent writes x.md; the client reports it (1 = created, 3 = deleted).
    ws.write(".chant/specs/x.md", "---\n---\n# X\n\n## Acceptance Criteria\n\n- [x] ok\n");
    server.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": x, "type": 1 }] })).await;
    assert_eq!(server.diagnostics(&b).await, publish(&b, None, vec![]));
    std::fs::remove_file(ws.path(".chant/specs/x.md")).expect("delete x.md");
    server.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": x, "type": 3 }] })).await;
    let unknown_x = diag(
        [1, 13, 1, 14],
        1,
        "unknown-dependency",
        "unknown dependency `x`: no spec has this id (ids are file names without `.md`, matched exactly)",
    );
    assert_eq!(server.diagnostics(&b).await, publish(&b, None, vec![unknown_x]));
    // x.md never had findings, so the client holds nothing for it: no empty list is sent.
}

#[tokio::test]
async fn duplicate_key_points_at_the_first_key() {
    let text = "---\nstatus: pending\nstatus: pending\n---\n# D\n\n## Acceptance Criteria\n\n- [x] ok\n";
    let ws = TempWorkspace::new(&[]);
    let uri = ws.uri(".chant/specs/d.md");
    let mut server = TestServer::start(&ws.root, json!({})).await;
    server.open(&uri, 7, text).await;
    let mut duplicate = diag(
        [2, 0, 2, 6],
        1,
        "duplicate-key",
        "duplicate key `status` (first set on line 2): chant refuses to load a spec with a repeated key; keep one",
    );
    duplicate = with_data(duplicate, 20, 26, "status", None);
    duplicate["relatedInformation"] = json!([{
        "location": crate::support::location(&uri, [1, 0, 1, 6]),
        "message": "`status` first set here",
    }]);
    assert_eq!(server.diagnostics(&uri).await, publish(&uri, Some(7), vec![duplicate]));
}

#[tokio::test]
async fn editor_settings_override_severities_and_switch_codes_off() {
    let text = "---\nstatus: pending\nfoo: 1\n---\nno title\n\n## Acceptance Criteria\n\n- [x] ok\n";
    // The workspace file makes `unknown-field` an error; the editor setting wins over it.
    let ws =
        TempWorkspace::new(&[(".chant/specs/s.md", text), (".chant/lsp.yaml", "severity:\n  unknown-field: error\n")]);
    let uri = ws.uri(".chant/specs/s.md");
    let options = json!({ "initializationOptions": { "chantLsp": { "diagnostics": { "severity": { "unknown-field": "off", "missing-title": "hint" } } } } });
    let mut server = TestServer::start(&ws.root, options).await;
    let missing_title = with_data(
        diag(
            [3, 0, 3, 3],
            4,
            "missing-title",
            "missing title: chant lint requires a `# Title` line after the frontmatter",
        ),
        27,
        30,
        "---",
        None,
    );
    server.open(&uri, 1, text).await;
    assert_eq!(server.diagnostics(&uri).await, publish(&uri, Some(1), vec![missing_title]));
    // The same settings without the `chantLsp` wrapper, now with nothing overridden.
    server
        .notify("workspace/didChangeConfiguration", json!({ "settings": { "diagnostics": { "severity": {} } } }))
        .await;
    let expected = vec![
        with_data(
            diag(
                [2, 0, 2, 3],
                1,
                "unknown-field",
                "unknown key `foo`: chant ignores it and drops it when it rewrites the spec",
            ),
            20,
            23,
            "foo",
            None,
        ),
        with_data(
            diag(
                [3, 0, 3, 3],
                1,
                "missing-title",
                "missing title: chant lint requires a `# Title` line after the frontmatter",
            ),
            27,
            30,
            "---",
            None,
        ),
    ];
    assert_eq!(server.diagnostics(&uri).await, publish(&uri, Some(1), expected));
}

#[tokio::test]
async fn unsaved_lsp_yaml_edits_apply_until_the_file_is_closed() {
    let text = "---\nstatus: pending\nfoo: 1\n---\n# S\n\n## Acceptance Criteria\n\n- [x] ok\n";
    let ws = TempWorkspace::new(&[(".chant/specs/s.md", text)]);
    let (spec, lsp_yaml) = (ws.uri(".chant/specs/s.md"), ws.uri(".chant/lsp.yaml"));
    let mut server = TestServer::start(&ws.root, json!({})).await;
    server.open(&lsp_yaml, 1, "severity:\n  unknown-field: off\n").await;
    assert_eq!(server.diagnostics(&spec).await, publish(&spec, None, vec![]));
    // Closed without saving: the file does not exist on disk, so the default severity is back.
    server.close(&lsp_yaml).await;
    let unknown = diag(
        [2, 0, 2, 3],
        2,
        "unknown-field",
        "unknown key `foo`: chant ignores it and drops it when it rewrites the spec",
    );
    assert_eq!(server.diagnostics(&spec).await, publish(&spec, None, vec![unknown]));
}

#[tokio::test]
async fn open_archived_spec_is_published_until_closed_and_orphans_get_nothing() {
    let ws = TempWorkspace::new(&[(".chant/archive/z.md", PENDNG)]);
    let orphan_dir = TempWorkspace::bare();
    let (z, orphan) = (ws.uri(".chant/archive/z.md"), orphan_dir.uri("notes.md"));
    let mut server = TestServer::start(&ws.root, json!({})).await;
    // Tasks are handled in order, so had the orphan been published it would come first.
    server.open(&orphan, 1, PENDNG).await;
    server.open(&z, 3, PENDNG).await;
    let next = server.read_until("textDocument/publishDiagnostics").await;
    assert_eq!(
        next["params"],
        publish(
            &z,
            Some(3),
            vec![with_data(
                diag([1, 8, 1, 14], 1, "invalid-value", BAD_STATUS),
                12,
                18,
                "pendng",
                replace(&["pending"])
            )]
        )
    );
    server.close(&z).await;
    assert_eq!(server.diagnostics(&z).await, publish(&z, None, vec![]));
}

/// A folder added to a multi-root window is indexed and published; closing it clears its
/// diagnostics.
#[tokio::test]
async fn workspace_folders_added_and_removed() {
    let first = TempWorkspace::new(&[(".chant/specs/a.md", "---\ntype: code\n---\n# A\n")]);
    let second = TempWorkspace::new(&[(".chant/specs/b.md", "---\ntype: docs\n---\n# B\n")]);
    let mut server = TestServer::start(&first.root, json!({})).await;
    let folder = json!([{ "uri": crate::support::file_uri(&second.root), "name": "second" }]);
    let b = second.uri(".chant/specs/b.md");
    let added = json!({ "event": { "added": folder, "removed": [] } });
    server.notify("workspace/didChangeWorkspaceFolders", added).await;
    let published = server.diagnostics(&b).await;
    let codes: Vec<&Value> = published["diagnostics"].as_array().expect("list").iter().map(|d| &d["code"]).collect();
    assert_eq!(codes, vec![&json!("invalid-value")]);
    let removed = json!({ "event": { "added": [], "removed": folder } });
    server.notify("workspace/didChangeWorkspaceFolders", removed).await;
    assert_eq!(server.diagnostics(&b).await, json!({ "uri": b, "diagnostics": [] }));
}

/// A spec file that cannot be read as text is published with its one finding on line 1, at
/// start-up and when it turns unreadable on disk; an open document holding a NUL byte gets the
/// same finding, and fixing it in the editor clears it.
#[tokio::test]
async fn unreadable_specs_are_published_on_line_one() {
    let ok = "---\n---\n# X\n\n## Acceptance Criteria\n\n- [x] ok\n";
    let ws = TempWorkspace::new(&[(".chant/specs/x.md", ok)]);
    std::fs::write(ws.path(".chant/specs/bin.md"), b"---\nstatus: \x00\n---\n# Bin\n").expect("write a binary spec");
    let (bin, x) = (ws.uri(".chant/specs/bin.md"), ws.uri(".chant/specs/x.md"));
    let binary = "a NUL byte in the frontmatter (line 2): a binary file; chant's YAML parser refuses it, so chant cannot load this spec";
    let unreadable = |message: &str| diag([0, 0, 0, 0], 1, "unreadable-spec", message);
    let watching =
        json!({ "capabilities": { "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } } });
    let mut server = TestServer::start(&ws.root, watching).await;
    let at_startup = server.skipped.iter().find(|m| m["params"]["uri"] == bin).expect("bin.md published at start-up");
    assert_eq!(at_startup["params"], publish(&bin, None, vec![unreadable(binary)]));

    std::fs::write(ws.path(".chant/specs/x.md"), b"---\n---\n# Caf\xe9\n").expect("write latin-1");
    server.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": x, "type": 2 }] })).await;
    let latin1 = "not UTF-8 text (invalid byte 0xe9 at line 3, byte 6): chant cannot read it, so for chant this spec does not exist; save it as UTF-8";
    assert_eq!(server.diagnostics(&x).await, publish(&x, None, vec![unreadable(latin1)]));

    server.open(&bin, 1, "---\nstatus: \u{0}\n---\n# Bin\n").await;
    // Open, its text is kept, so the fix context travels.
    let open_unreadable = with_data(unreadable(binary), 0, 0, "", None);
    assert_eq!(server.diagnostics(&bin).await, publish(&bin, Some(1), vec![open_unreadable]));
    server.change(&bin, 2, [1, 8], [1, 9], "pending").await;
    let fixed = server.diagnostics(&bin).await;
    let codes: Vec<&Value> = fixed["diagnostics"].as_array().expect("a list").iter().map(|d| &d["code"]).collect();
    assert_eq!(codes, [&json!("no-acceptance-criteria")]);
}
