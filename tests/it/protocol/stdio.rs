//! The real `chant-lsp` binary over real pipes, as an editor starts it: malformed input is
//! answered and the session goes on, `$/` requests are refused, the exit code follows the LSP
//! specification, the end of the input ends the process in every phase, `executeCommand` input
//! errors are InvalidParams, and the process stops when the editor's process dies.
//!
//! Every wait has a deadline that only catches a hang; none measures speed.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::support::{file_uri, TempWorkspace};
use expect_test::expect;
use serde_json::{json, Value};

/// For reads: long enough for a loaded CI machine.
const DEADLINE: Duration = Duration::from_secs(20);
/// For the process to exit once it should. It takes milliseconds; before the transport layer it
/// took 10 s after `initialized`, which this catches.
const EXIT_DEADLINE: Duration = Duration::from_secs(5);
/// The body size limit of the transport (64 MiB).
const MAX_MESSAGE: usize = 64 << 20;

struct Session {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    next_id: i64,
    /// Server requests and notifications read while waiting for a response.
    skipped: Vec<Value>,
}

impl Session {
    fn start() -> Session {
        let mut child = Command::new(env!("CARGO_BIN_EXE_chant-lsp"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chant-lsp");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(body) = read_frame(&mut reader) {
                let msg = serde_json::from_slice(&body).expect("the server writes JSON");
                if tx.send(msg).is_err() {
                    return;
                }
            }
        });
        Session { stdin: child.stdin.take(), child, messages, next_id: 1, skipped: Vec::new() }
    }

    /// `initialize` and `initialized` with `params` merged over a client without capabilities.
    fn initialized(params: Value) -> Session {
        let mut session = Session::start();
        let mut all = json!({ "processId": null, "capabilities": {} });
        if let (Some(all), Value::Object(extra)) = (all.as_object_mut(), params) {
            all.extend(extra);
        }
        assert!(session.request("initialize", all)["result"]["capabilities"].is_object());
        session.notify("initialized", json!({}));
        session
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.as_mut().expect("input open").write_all(bytes).expect("write to the server");
    }

    fn send(&mut self, msg: &Value) {
        self.send_raw(&frame(msg.to_string().as_bytes()));
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its whole response.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let response = self.response();
        assert_eq!(response["id"], id, "{response}");
        response
    }

    fn recv(&mut self) -> Value {
        self.messages.recv_timeout(DEADLINE).expect("the server answers in time")
    }

    /// The next response; the server's own requests are answered with `null` on the way.
    fn response(&mut self) -> Value {
        loop {
            let msg = self.recv();
            if msg.get("method").is_none() {
                return msg;
            }
            if msg.get("id").is_some() {
                let answer = json!({ "jsonrpc": "2.0", "id": msg["id"], "result": null });
                self.send(&answer);
            }
            self.skipped.push(msg);
        }
    }

    fn close_input(&mut self) {
        self.stdin = None;
    }

    /// The exit code, which must come within `within`.
    fn exit_code(&mut self, within: Duration) -> i32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for the server") {
                return status.code().expect("exited, not killed");
            }
            assert!(start.elapsed() < within, "the server is still running after {within:?}");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn frame(body: &[u8]) -> Vec<u8> {
    [format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes(), body].concat()
}

fn read_frame(reader: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some(body)
}

/// `id code message` of an error response.
fn error_line(response: &Value) -> String {
    format!("{} {} {}", response["id"], response["error"]["code"], response["error"]["message"])
}

/// Each malformed message gets its answer, and the session still serves requests afterwards.
#[test]
fn malformed_messages_are_answered_and_the_session_goes_on() {
    let mut session = Session::initialized(json!({}));
    let too_large = format!("Content-Length: {}\r\n\r\n", MAX_MESSAGE + 1);
    let cases: Vec<Vec<u8>> = vec![
        frame(br#"{"jsonrpc":"2.0","id":1,"method":"#),
        frame(b"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"\xff\"}"),
        frame(br#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"text":"\udcff"}}"#),
        frame(br#"{"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"text":"a\udcffb"}}"#),
        frame(br#"[{"jsonrpc":"2.0","id":4,"method":"shutdown"}]"#),
        frame(b"{}"),
        frame(br#"{"id":5,"method":"shutdown"}"#),
        frame(br#"{"jsonrpc":"1.0","id":6,"method":"shutdown"}"#),
        frame(br#"{"jsonrpc":"2.0","id":7.5,"method":"shutdown"}"#),
        frame(br#"{"jsonrpc":"2.0","id":8,"method":["shutdown"]}"#),
        // After a bad header the input is skipped up to the next `Content-Length`.
        b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}".to_vec(),
        b"Content-Length: abc\r\n\r\n{}".to_vec(),
        [too_large.as_bytes(), &vec![b' '; MAX_MESSAGE + 1]].concat(),
    ];
    let mut answers = Vec::new();
    for case in cases {
        session.send_raw(&case);
        answers.push(error_line(&session.response()));
    }
    expect![[r#"
        null -32700 "Parse error: EOF while parsing a value at line 1 column 33"
        null -32700 "Parse error: the message is not UTF-8: invalid utf-8 sequence of 1 bytes from index 34"
        null -32700 "Parse error: lone leading surrogate in hex escape at line 1 column 75"
        3 -32700 "Parse error: lone leading surrogate in hex escape at line 1 column 79"
        null -32600 "Invalid request: batch messages are not supported"
        null -32600 "Invalid request: \"jsonrpc\" must be \"2.0\""
        5 -32600 "Invalid request: \"jsonrpc\" must be \"2.0\""
        6 -32600 "Invalid request: \"jsonrpc\" must be \"2.0\""
        null -32600 "Invalid request: \"id\" must be an integer or a string"
        8 -32600 "Invalid request: invalid type: sequence, expected a string at line 1 column 33"
        null -32700 "Parse error: bad header: the header has no Content-Length"
        null -32700 "Parse error: bad header: Content-Length `abc` is not a length"
        null -32600 "Invalid request: a message of 67108865 bytes is over the limit of 67108864 bytes""#]]
    .assert_eq(&answers.join("\n"));

    // A 20 MB document still passes the limit and reaches the server (which does not know
    // the method).
    let text = "a".repeat(20_000_000);
    let big = json!({ "jsonrpc": "2.0", "id": 100, "method": "chant/unknown", "params": { "text": text } });
    session.send(&big);
    assert_eq!(error_line(&session.response()), r#"100 -32601 "Method not found""#);

    assert_eq!(session.request("shutdown", Value::Null)["result"], Value::Null);
    session.notify("exit", Value::Null);
    assert_eq!(session.exit_code(EXIT_DEADLINE), 0);
    assert_eq!(session.skipped, Vec::<Value>::new());
}

/// `$/` requests are refused with -32601; `$/` notifications are ignored without an answer.
#[test]
fn dollar_requests_get_method_not_found() {
    let mut session = Session::initialized(json!({}));
    session.notify("$/chant/unknown", json!({}));
    let refused = session.request("$/chant/ping", json!({}));
    assert_eq!(error_line(&refused), r#"2 -32601 "Method not found: $/chant/ping""#);
    assert_eq!(session.request("shutdown", Value::Null)["result"], Value::Null);
    assert_eq!(session.skipped, Vec::<Value>::new());
}

#[test]
fn exit_after_shutdown_exits_with_0() {
    let mut session = Session::initialized(json!({}));
    assert_eq!(session.request("shutdown", Value::Null)["result"], Value::Null);
    session.notify("exit", Value::Null);
    assert_eq!(session.exit_code(EXIT_DEADLINE), 0);
}

#[test]
fn exit_without_shutdown_exits_with_1() {
    let mut session = Session::initialized(json!({}));
    session.notify("exit", Value::Null);
    assert_eq!(session.exit_code(EXIT_DEADLINE), 1);

    let mut uninitialized = Session::start();
    uninitialized.notify("exit", Value::Null);
    assert_eq!(uninitialized.exit_code(EXIT_DEADLINE), 1);
}

#[test]
fn end_of_input_before_initialize_exits() {
    let mut session = Session::start();
    session.close_input();
    assert_eq!(session.exit_code(EXIT_DEADLINE), 1);
}

/// `initialized` asks for a progress token and waits up to 10 s for the answer; the end of the
/// input must not wait with it.
#[test]
fn end_of_input_after_initialized_exits() {
    let ws = TempWorkspace::new(&[(".chant/specs/a.md", "---\nstatus: pending\n---\n# A\n")]);
    let mut session = Session::start();
    let params = json!({
        "processId": null,
        "capabilities": { "window": { "workDoneProgress": true } },
        "workspaceFolders": [{ "uri": file_uri(&ws.root), "name": "ws" }],
    });
    assert!(session.request("initialize", params)["result"].is_object());
    session.notify("initialized", json!({}));
    session.close_input();
    assert_eq!(session.exit_code(EXIT_DEADLINE), 1);
}

#[test]
fn end_of_input_during_start_up_indexing_exits() {
    let specs: Vec<(String, String)> = (0..3000)
        .map(|n| (format!(".chant/specs/spec-{n}.md"), format!("---\nstatus: pending\n---\n# Spec {n}\n")))
        .collect();
    let files: Vec<(&str, &str)> = specs.iter().map(|(path, text)| (path.as_str(), text.as_str())).collect();
    let ws = TempWorkspace::new(&files);
    let mut session = Session::initialized(json!({
        "capabilities": { "window": { "workDoneProgress": true } },
        "workspaceFolders": [{ "uri": file_uri(&ws.root), "name": "ws" }],
    }));
    // The progress token is answered (by `response`), then indexing begins.
    loop {
        let msg = session.recv();
        if msg.get("id").is_some() && msg.get("method").is_some() {
            session.send(&json!({ "jsonrpc": "2.0", "id": msg["id"], "result": null }));
        }
        if msg["method"] == "$/progress" && msg["params"]["value"]["kind"] == "begin" {
            break;
        }
    }
    session.close_input();
    assert_eq!(session.exit_code(EXIT_DEADLINE), 1);
}

#[test]
fn end_of_input_after_shutdown_exits_with_0() {
    let mut session = Session::initialized(json!({}));
    assert_eq!(session.request("shutdown", Value::Null)["result"], Value::Null);
    session.close_input();
    assert_eq!(session.exit_code(EXIT_DEADLINE), 0);
}

/// An unknown command or a missing or malformed argument is the client's mistake: -32602.
#[test]
fn execute_command_input_errors_are_invalid_params() {
    let mut session = Session::initialized(json!({}));
    let calls = [
        json!({ "command": "chant-lsp.unknown", "arguments": [] }),
        json!({ "command": "chant-lsp.prDescription", "arguments": [] }),
        json!({ "command": "chant-lsp.prDescription", "arguments": [{ "url": "file:///a.md" }] }),
        json!({ "command": "chant-lsp.fixCriteriaHeading", "arguments": [{ "uri": "file:///a.md", "range": 5 }] }),
        json!({ "command": "chant-lsp.graph", "arguments": [{ "depth": "deep" }] }),
        json!({ "command": "chant-lsp.graph", "arguments": [{ "focus": true }] }),
    ];
    let answers: Vec<String> =
        calls.into_iter().map(|params| error_line(&session.request("workspace/executeCommand", params))).collect();
    expect![[r#"
        2 -32602 "unknown command `chant-lsp.unknown`; chant-lsp runs chant-lsp.fixCriteriaHeading, chant-lsp.prDescription, chant-lsp.graph"
        3 -32602 "chant-lsp.prDescription needs one argument { uri }"
        4 -32602 "chant-lsp.prDescription: the argument is not { uri }: missing field `uri`"
        5 -32602 "chant-lsp.fixCriteriaHeading: the argument is not { uri, range }: invalid type: integer `5`, expected struct Range"
        6 -32602 "chant-lsp.graph: the argument is not { uri?, focus?, spec?, depth?, format?: \"json\"|\"dot\"|\"mermaid\", includeArchive? }: invalid type: string \"deep\", expected usize"
        7 null null"#]]
    .assert_eq(&answers.join("\n"));
}

/// The editor's process (here `sleep`) dies while the server's input stays open: the server
/// notices within its polling period and exits with 1.
#[cfg(unix)]
#[test]
fn the_server_exits_when_the_editor_process_dies() {
    let mut editor = Command::new("sleep").arg("30").spawn().expect("start sleep");
    let mut session = Session::initialized(json!({ "processId": editor.id() }));
    editor.kill().expect("kill the editor");
    editor.wait().expect("reap the editor");
    assert_eq!(session.exit_code(DEADLINE), 1);
}

/// Coding agents send every `.md` file to one server: on Markdown that is no spec (a README,
/// docs, notes, even one opening with a frontmatter-like block or naming spec ids) the server
/// publishes no diagnostics and answers the requests Claude Code sends with empty results.
#[test]
fn other_markdown_gets_no_diagnostics_and_empty_answers() {
    let spec = "---\ntype: code\nstatus: pending\ndepends_on: [002-missing]\n---\n# Spec A\n\n## Acceptance Criteria\n\n- [ ] a\n";
    let readme = "# Project notes\n\nSee 001-a and [the spec](.chant/specs/001-a.md); depends_on: [001-a]\n";
    let guide = "---\nstatus: bogus\ndepends_on: [001-a]\n---\n# Guide\n\n## Acceptance Criteria\n\n- [ ] 001-a\n";
    let ws = TempWorkspace::new(&[(".chant/specs/001-a.md", spec), ("README.md", readme), ("docs/guide.md", guide)]);
    let root = file_uri(&ws.root);
    let mut session = Session::initialized(json!({
        "rootUri": root,
        "workspaceFolders": [{ "uri": root, "name": "ws" }],
        "capabilities": { "textDocument": { "callHierarchy": {}, "hover": { "contentFormat": ["markdown"] } } },
    }));
    for (rel, text) in [("README.md", readme), ("docs/guide.md", guide), (".chant/specs/001-a.md", spec)] {
        let doc = json!({ "uri": ws.uri(rel), "languageId": "markdown", "version": 1, "text": text });
        session.notify("textDocument/didOpen", json!({ "textDocument": doc }));
    }
    // The spec's own diagnostics arrive first (the workspace is indexed, publishing works);
    // every other file stays quiet.
    let spec_uri = ws.uri(".chant/specs/001-a.md");
    let deadline = Instant::now() + DEADLINE;
    let published = |s: &Session| s.skipped.iter().any(|m| m["params"]["uri"] == spec_uri.as_str());
    while !published(&session) && Instant::now() < deadline {
        if let Ok(msg) = session.messages.recv_timeout(Duration::from_millis(50)) {
            session.skipped.push(msg);
        }
    }
    let mut answers = Vec::new();
    for rel in ["README.md", "docs/guide.md"] {
        // On the id `001-a` (README line 3, guide line 3): what a spec would navigate from.
        let at = json!({ "textDocument": { "uri": ws.uri(rel) }, "position": { "line": 2, "character": 16 } });
        let refs = json!({ "textDocument": { "uri": ws.uri(rel) }, "position": { "line": 2, "character": 16 }, "context": { "includeDeclaration": true } });
        let doc = json!({ "textDocument": { "uri": ws.uri(rel) } });
        for (method, params) in [
            ("textDocument/definition", at.clone()),
            ("textDocument/references", refs),
            ("textDocument/hover", at.clone()),
            ("textDocument/documentSymbol", doc),
            ("textDocument/prepareCallHierarchy", at),
        ] {
            answers.push(format!("{rel} {method}: {}", session.request(method, params)["result"]));
        }
    }
    let symbols = session.request("workspace/symbol", json!({ "query": "Project notes" }));
    answers.push(format!("workspace/symbol `Project notes`: {}", symbols["result"]));
    let mut publishes: Vec<String> = session
        .skipped
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| {
            let uri = m["params"]["uri"].as_str().unwrap_or_default();
            let codes: Vec<&str> = m["params"]["diagnostics"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|d| d["code"].as_str())
                .collect();
            format!("publishDiagnostics {uri}: {codes:?}")
        })
        .collect();
    publishes.dedup();
    answers.extend(publishes);
    expect![[r#"
        README.md textDocument/definition: null
        README.md textDocument/references: []
        README.md textDocument/hover: null
        README.md textDocument/documentSymbol: null
        README.md textDocument/prepareCallHierarchy: null
        docs/guide.md textDocument/definition: null
        docs/guide.md textDocument/references: []
        docs/guide.md textDocument/hover: null
        docs/guide.md textDocument/documentSymbol: null
        docs/guide.md textDocument/prepareCallHierarchy: null
        workspace/symbol `Project notes`: []
        publishDiagnostics ROOT/.chant/specs/001-a.md: ["unknown-dependency", "unchecked-criterion"]"#]]
    .assert_eq(&answers.join("\n").replace(&root, "ROOT"));
}
