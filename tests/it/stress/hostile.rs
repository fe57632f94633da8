//! The hostile-workspace suite: a generated workspace holding every kind of damaged, huge,
//! cyclic, linked and special file, checked by `chant-lsp check` and served by the language
//! server. Each test asserts what is reported, that no single message or answer exceeds 1 MB,
//! and that nothing from outside the workspace shows up. The deadlines only catch hangs; time
//! and memory are measured by `benches/hostile.rs`.

use std::collections::BTreeMap;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::hostile_workspace::{self, SECRET};
use crate::support::{file_uri, TestServer};
use expect_test::expect;
use serde_json::{json, Value};

const MAX_MESSAGE_BYTES: usize = 1024 * 1024;
/// Only a hang reaches this, even for a debug build on a loaded CI machine.
const HANG: Duration = Duration::from_secs(300);

/// Runs `chant-lsp` with `args` in `dir`, killing it if it outlives `HANG`.
fn run_bounded(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chant-lsp"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chant-lsp");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            panic!("chant-lsp {args:?} did not finish within {HANG:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (status.code(), out.join().expect("stdout reader"), err.join().expect("stderr reader"))
}

/// Per file: each code with its count, and the longest message; cycle members are folded into
/// one line so the summary stays readable.
fn summarize(findings: &[(String, String, String)]) -> String {
    let mut by_file: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut longest: BTreeMap<String, usize> = BTreeMap::new();
    for (path, code, message) in findings {
        let key = if path.contains("/cycle-") {
            ".chant/specs/cycle-NNNN.md (3,000 files)".to_string()
        } else {
            path.clone()
        };
        *by_file.entry(key.clone()).or_default().entry(code.clone()).or_default() += 1;
        let max = longest.entry(key).or_default();
        *max = (*max).max(message.len());
    }
    let mut out = String::new();
    for (file, codes) in by_file {
        let codes: Vec<String> = codes.iter().map(|(code, n)| format!("{code}×{n}")).collect();
        out.push_str(&format!("{file}: {} (longest message {} bytes)\n", codes.join(", "), longest[&file]));
    }
    out
}

/// Every finding of `check --format json` on the workspace, as (path, code, message).
fn check_findings(ws: &hostile_workspace::HostileWorkspace) -> (Vec<(String, String, String)>, String) {
    let (code, stdout, stderr) = run_bounded(&ws.root, &["check", "--format", "json"]);
    assert_eq!(code, Some(1));
    assert!(!stdout.contains(SECRET) && !stderr.contains(SECRET), "content from outside the root was read");
    let items: Vec<Value> = serde_json::from_str(&stdout).expect("one JSON array");
    let mut findings = Vec::new();
    for item in &items {
        assert!(item.to_string().len() < MAX_MESSAGE_BYTES, "finding over 1 MB: {}", item["code"]);
        let field = |k: &str| item[k].as_str().expect("string field").to_string();
        findings.push((field("path"), field("code"), field("message")));
    }
    (findings, stderr)
}

#[test]
fn check_reports_every_hostile_case_within_bounds() {
    let ws = hostile_workspace::build("check");
    let (findings, stderr) = check_findings(&ws);
    expect![[r#"
        .chant/specs/alias-bomb.md: unknown-field×9 (longest message 73 bytes)
        .chant/specs/bad-utf8.md: unreadable-spec×1 (longest message 131 bytes)
        .chant/specs/block-scalar.md: frontmatter-split×1, unknown-field×1 (longest message 187 bytes)
        .chant/specs/bom.md: frontmatter-missing×1 (longest message 128 bytes)
        .chant/specs/crlf.md: invalid-value×1 (longest message 196 bytes)
        .chant/specs/cycle-NNNN.md (3,000 files): dependency-cycle×3000 (longest message 304 bytes)
        .chant/specs/deep-block.md: invalid-type×1 (longest message 83 bytes)
        .chant/specs/deep-flow.md: yaml-syntax×1 (longest message 72 bytes)
        .chant/specs/escape.md: no-match×1, path-outside-workspace×5 (longest message 199 bytes)
        .chant/specs/fifo.md: unreadable-spec×1 (longest message 97 bytes)
        .chant/specs/huge.md: unreadable-spec×1 (longest message 101 bytes)
        .chant/specs/linked-out.md: unreadable-spec×1 (longest message 119 bytes)
        .chant/specs/lone-cr.md: no-acceptance-criteria×1 (longest message 97 bytes)
        .chant/specs/loop-a.md: unreadable-spec×1 (longest message 55 bytes)
        .chant/specs/loop-b.md: unreadable-spec×1 (longest message 55 bytes)
        .chant/specs/many-deps.md: unknown-dependency×1000 (longest message 151 bytes)
        .chant/specs/many-keys.md: unknown-field×1000 (longest message 148 bytes)
        .chant/specs/many-lines.md: complexity×1, unchecked-criterion×999 (longest message 157 bytes)
        .chant/specs/nul.md: unreadable-spec×1 (longest message 106 bytes)
        .chant/specs/tabs.md: yaml-syntax×1 (longest message 103 bytes)
        .chant/specs/zero.md: unreadable-spec×1 (longest message 119 bytes)
    "#]]
    .assert_eq(&summarize(&findings));
    expect![""].assert_eq(&stderr);
}

/// Requests a user's editor sends on a file, each answered within bounds.
fn requests(uri: &str, end_line: u32) -> Vec<(&'static str, Value)> {
    let doc = json!({ "uri": uri });
    let at = |line: u32, character: u32| crate::support::at(uri, line, character);
    let whole = crate::support::range([0, 0, end_line, 0]);
    vec![
        ("textDocument/documentSymbol", json!({ "textDocument": doc })),
        ("textDocument/foldingRange", json!({ "textDocument": doc })),
        ("textDocument/codeLens", json!({ "textDocument": doc })),
        ("textDocument/documentLink", json!({ "textDocument": doc })),
        ("textDocument/inlayHint", json!({ "textDocument": doc, "range": whole })),
        ("textDocument/codeAction", json!({ "textDocument": doc, "range": whole, "context": { "diagnostics": [] } })),
        ("textDocument/hover", at(1, 2)),
        ("textDocument/completion", at(3, 4)),
        ("textDocument/definition", at(3, 4)),
        (
            "textDocument/references",
            json!({ "textDocument": doc, "position": { "line": 3, "character": 4 }, "context": { "includeDeclaration": true } }),
        ),
        ("workspace/executeCommand", json!({ "command": "chant-lsp.prDescription", "arguments": [{ "uri": uri }] })),
    ]
}

/// How big an answer was: the number of items of a list, else the kind of value.
fn shape(value: &Value) -> String {
    match value {
        Value::Array(items) => format!("{} items", items.len()),
        Value::Null => "null".to_string(),
        Value::Object(map) if map.contains_key("markdown") => "markdown".to_string(),
        Value::Object(map) if map.contains_key("items") => {
            format!("{} items", map["items"].as_array().map_or(0, Vec::len))
        }
        Value::Object(_) => "object".to_string(),
        other => other.to_string(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_publishes_and_answers_every_hostile_case_within_bounds() {
    let ws = hostile_workspace::build("server");
    let mut server = tokio::time::timeout(HANG, TestServer::start(&ws.root, json!({}))).await.expect("start-up hangs");
    let mut findings = Vec::new();
    for msg in server.skipped.drain(..).filter(|m| m["method"] == "textDocument/publishDiagnostics") {
        let text = msg.to_string();
        assert!(text.len() < MAX_MESSAGE_BYTES, "publish over 1 MB for {}", msg["params"]["uri"]);
        assert!(!text.contains(SECRET), "content from outside the root was published");
        let uri = msg["params"]["uri"].as_str().expect("uri");
        let path = uri.strip_prefix(&format!("{}/", file_uri(&ws.root))).unwrap_or(uri).to_string();
        for d in msg["params"]["diagnostics"].as_array().expect("a list") {
            let field = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            findings.push((path.clone(), field("code"), field("message")));
        }
    }
    // The editor shows exactly what `check` prints (its snapshot is in the test above).
    assert_eq!(summarize(&findings), summarize(&check_findings(&ws).0));

    let mut answers = String::new();
    let files = [
        "bom.md",
        "crlf.md",
        "lone-cr.md",
        "tabs.md",
        "many-lines.md",
        "many-keys.md",
        "many-deps.md",
        "deep-flow.md",
        "deep-block.md",
        "deep-markdown.md",
        "alias-bomb.md",
        "block-scalar.md",
        "cycle-0000.md",
        "escape.md",
    ];
    for name in files {
        let path = ws.spec(name);
        let text = std::fs::read_to_string(&path).expect("a readable case");
        let uri = file_uri(&path);
        server.open(&uri, 1, &text).await;
        let end_line = text.lines().count() as u32 + 1;
        answers.push_str(&format!("{name}:"));
        for (method, params) in requests(&uri, end_line) {
            let reply = tokio::time::timeout(HANG, server.respond(method, params)).await.expect("request hangs");
            let text = reply.to_string();
            assert!(text.len() < MAX_MESSAGE_BYTES, "{method} on {name}: {} bytes", text.len());
            assert!(!text.contains(SECRET), "{method} on {name} shows content from outside the root");
            let short = method.rsplit('/').next().unwrap_or(method);
            match reply.get("error") {
                Some(error) => answers.push_str(&format!(" {short}=error {}", error["code"])),
                None => answers.push_str(&format!(" {short}={}", shape(&reply["result"]))),
            }
        }
        answers.push('\n');
        server.close(&uri).await;
    }
    expect![[r#"
        bom.md: documentSymbol=2 items foldingRange=3 items codeLens=4 items documentLink=0 items inlayHint=0 items codeAction=5 items hover=null completion=null definition=null references=1 items executeCommand=markdown
        crlf.md: documentSymbol=2 items foldingRange=3 items codeLens=1 items documentLink=0 items inlayHint=0 items codeAction=5 items hover=object completion=null definition=null references=1 items executeCommand=markdown
        lone-cr.md: documentSymbol=2 items foldingRange=0 items codeLens=3 items documentLink=0 items inlayHint=0 items codeAction=2 items hover=object completion=null definition=null references=1 items executeCommand=markdown
        tabs.md: documentSymbol=2 items foldingRange=3 items codeLens=1 items documentLink=0 items inlayHint=0 items codeAction=3 items hover=null completion=2 items definition=null references=0 items executeCommand=markdown
        many-lines.md: documentSymbol=2 items foldingRange=3 items codeLens=3 items documentLink=0 items inlayHint=0 items codeAction=103 items hover=object completion=null definition=null references=1 items executeCommand=markdown
        many-keys.md: documentSymbol=2 items foldingRange=3 items codeLens=4 items documentLink=0 items inlayHint=0 items codeAction=104 items hover=object completion=null definition=null references=0 items executeCommand=markdown
        many-deps.md: documentSymbol=2 items foldingRange=3 items codeLens=4 items documentLink=0 items inlayHint=1000 items codeAction=3 items hover=object completion=null definition=null references=0 items executeCommand=markdown
        deep-flow.md: documentSymbol=2 items foldingRange=3 items codeLens=1 items documentLink=0 items inlayHint=0 items codeAction=3 items hover=null completion=null definition=null references=1 items executeCommand=markdown
        deep-block.md: documentSymbol=2 items foldingRange=3 items codeLens=1 items documentLink=0 items inlayHint=0 items codeAction=3 items hover=object completion=null definition=null references=0 items executeCommand=markdown
        deep-markdown.md: documentSymbol=2 items foldingRange=3 items codeLens=4 items documentLink=0 items inlayHint=0 items codeAction=3 items hover=object completion=null definition=null references=1 items executeCommand=markdown
        alias-bomb.md: documentSymbol=2 items foldingRange=3 items codeLens=4 items documentLink=0 items inlayHint=0 items codeAction=12 items hover=object completion=null definition=null references=0 items executeCommand=markdown
        block-scalar.md: documentSymbol=2 items foldingRange=3 items codeLens=4 items documentLink=0 items inlayHint=0 items codeAction=4 items hover=object completion=null definition=null references=0 items executeCommand=markdown
        cycle-0000.md: documentSymbol=2 items foldingRange=3 items codeLens=4 items documentLink=1 items inlayHint=1 items codeAction=3 items hover=object completion=null definition=null references=0 items executeCommand=markdown
        escape.md: documentSymbol=2 items foldingRange=3 items codeLens=4 items documentLink=0 items inlayHint=0 items codeAction=3 items hover=object completion=null definition=null references=0 items executeCommand=markdown
    "#]]
    .assert_eq(&answers);
}
