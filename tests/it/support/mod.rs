//! A real chant-lsp server on an in-memory pipe, driven by raw JSON-RPC, plus throw-away
//! workspaces in the system temp folder and JSON builders for positions and locations.
//!
//! Every read has a deadline, so a server that never answers fails the test instead of hanging
//! it. Requests the server sends (progress tokens) are answered with `null` and recorded.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub mod edit_model;
pub mod exercise;
pub mod hostile_workspace;
mod lsp_json;
// The fixture format is the library's own (its unit tests use it); one parser serves both.
#[path = "../../../src/ide/test_fixture/format.rs"]
mod fixture_format;

// Every test binary compiles this module; each uses some of these builders.
#[allow(unused_imports)]
pub use lsp_json::{at, location, position, range};

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};

/// Long enough for a loaded CI machine; only reached when the server is stuck.
const DEADLINE: Duration = Duration::from_secs(20);

pub struct TestServer {
    input: DuplexStream,
    output: BufReader<DuplexStream>,
    next_id: i64,
    /// Everything received so far that a helper skipped over, in arrival order.
    pub skipped: Vec<Value>,
}

impl TestServer {
    pub fn new() -> TestServer {
        let (input, server_in) = tokio::io::duplex(1 << 20);
        let (server_out, output) = tokio::io::duplex(1 << 20);
        tokio::spawn(chant_lsp::server::serve(server_in, server_out));
        TestServer { input, output: BufReader::new(output), next_id: 1, skipped: Vec::new() }
    }

    /// `initialize` + `initialized` with the given extra parameters, then waits until start-up
    /// indexing has published everything. The client is a modern editor: progress, versioned
    /// edits with file operations, `workspace/applyEdit`.
    pub async fn start(root: &Path, extra: Value) -> TestServer {
        let mut server = TestServer::new();
        let mut params = json!({
            "processId": null,
            "capabilities": {
                "window": { "workDoneProgress": true },
                "workspace": {
                    "applyEdit": true,
                    "workspaceEdit": { "documentChanges": true, "resourceOperations": ["create", "rename", "delete"] },
                },
            },
            "workspaceFolders": [{ "uri": file_uri(root), "name": "ws" }],
        });
        merge(&mut params, extra);
        server.request("initialize", params).await;
        server.notify("initialized", json!({})).await;
        server.wait_indexed().await;
        server
    }

    /// Reads until the end of the start-up progress; everything read is kept in `skipped`.
    pub async fn wait_indexed(&mut self) {
        loop {
            let msg = self.read_until("$/progress").await;
            let done = msg["params"]["value"]["kind"] == "end";
            self.skipped.push(msg);
            if done {
                return;
            }
        }
    }

    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        self.respond(method, params).await["result"].clone()
    }

    /// The whole response message: `result`, or `error` with its code and message.
    pub async fn respond(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params })).await;
        loop {
            let msg = self.read_message().await;
            if msg.get("method").is_none() && msg["id"] == id {
                return msg;
            }
            self.skipped.push(msg);
        }
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params })).await;
    }

    /// The next message with this method; earlier ones go to `skipped`.
    pub async fn read_until(&mut self, method: &str) -> Value {
        loop {
            let msg = self.read_message().await;
            if msg["method"] == method {
                return msg;
            }
            self.skipped.push(msg);
        }
    }

    /// The first message with this method, whether already skipped over or still to come.
    pub async fn find_or_read(&mut self, method: &str) -> Value {
        match self.skipped.iter().position(|m| m["method"] == method) {
            Some(i) => self.skipped.remove(i),
            None => self.read_until(method).await,
        }
    }

    /// The next `publishDiagnostics` params for `uri`.
    pub async fn diagnostics(&mut self, uri: &str) -> Value {
        loop {
            let msg = self.read_until("textDocument/publishDiagnostics").await;
            if msg["params"]["uri"] == uri {
                return msg["params"].clone();
            }
            self.skipped.push(msg);
        }
    }

    pub async fn open(&mut self, uri: &str, version: i32, text: &str) {
        let doc = json!({ "uri": uri, "languageId": "markdown", "version": version, "text": text });
        self.notify("textDocument/didOpen", json!({ "textDocument": doc })).await;
    }

    /// One incremental change replacing `[start, end)` (each `[line, character]`).
    pub async fn change(&mut self, uri: &str, version: i32, start: [u32; 2], end: [u32; 2], text: &str) {
        let range = json!({
            "start": { "line": start[0], "character": start[1] },
            "end": { "line": end[0], "character": end[1] },
        });
        let params = json!({
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{ "range": range, "text": text }],
        });
        self.notify("textDocument/didChange", params).await;
    }

    pub async fn close(&mut self, uri: &str) {
        self.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } })).await;
    }

    async fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        let framed = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.input.write_all(framed.as_bytes()).await.expect("server input closed");
    }

    /// The next message from the server; requests from the server are answered on the way.
    pub async fn read_message(&mut self) -> Value {
        let msg = tokio::time::timeout(DEADLINE, read_frame(&mut self.output))
            .await
            .unwrap_or_else(|_| panic!("no message from the server; already seen: {:#?}", self.skipped));
        if msg.get("method").is_some() && msg.get("id").is_some() {
            self.send(json!({ "jsonrpc": "2.0", "id": msg["id"].clone(), "result": null })).await;
        }
        msg
    }
}

async fn read_frame(output: &mut BufReader<DuplexStream>) -> Value {
    let mut length = None;
    loop {
        let mut line = String::new();
        output.read_line(&mut line).await.expect("read header");
        assert!(!line.is_empty(), "server closed its output");
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = Some(value.parse::<usize>().expect("numeric Content-Length"));
        }
    }
    let mut body = vec![0; length.expect("Content-Length header")];
    output.read_exact(&mut body).await.expect("read body");
    serde_json::from_slice(&body).expect("JSON body")
}

/// Adds `extra`'s keys to `params`, recursing into objects.
fn merge(params: &mut Value, extra: Value) {
    let (Value::Object(into), Value::Object(from)) = (params, extra) else {
        return;
    };
    for (key, value) in from {
        match into.get_mut(&key) {
            Some(existing) if existing.is_object() && value.is_object() => merge(existing, value),
            _ => {
                into.insert(key, value);
            }
        }
    }
}

pub fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A throw-away workspace in the system temp folder, deleted on drop (also when a test fails).
/// Every integration test that needs files on disk makes them through this one type.
pub struct TempWorkspace {
    pub root: PathBuf,
}

impl TempWorkspace {
    /// An empty folder with a unique name: no `.chant` in it yet.
    pub fn bare() -> TempWorkspace {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let root = std::env::temp_dir().join(format!("chant-lsp-test-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("create temp folder");
        TempWorkspace { root }
    }

    /// A workspace holding `.chant/specs`, `.chant/archive` and `files`, each
    /// `(path relative to the root, text)`: for texts built by code.
    pub fn new(files: &[(&str, &str)]) -> TempWorkspace {
        let ws = TempWorkspace::bare();
        std::fs::create_dir_all(ws.path(".chant/specs")).expect("create specs folder");
        std::fs::create_dir_all(ws.path(".chant/archive")).expect("create archive folder");
        for (rel, text) in files {
            ws.write(rel, text);
        }
        ws
    }

    /// A workspace holding a fixture written as the unit tests write theirs: an indented raw
    /// string where `//- /path` lines start files (a text without one is `.chant/specs/test.md`).
    pub fn fixture(fixture: &str) -> TempWorkspace {
        let files = fixture_format::parse_fixture(fixture);
        let files: Vec<(&str, &str)> =
            files.iter().map(|(path, text)| (path.trim_start_matches('/'), text.as_str())).collect();
        TempWorkspace::new(&files)
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn uri(&self, rel: &str) -> String {
        file_uri(&self.path(rel))
    }

    /// The text of a file in the workspace, as a test wrote it or the server changed it.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).expect("read file")
    }

    /// Writes a file (text or bytes), creating its folders.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(path, contents).expect("write file");
    }
}

impl Drop for TempWorkspace {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Copies a folder tree, e.g. a shipped example workspace into a test's temporary workspace.
// Every test binary compiles this module; only some copy example workspaces.
#[allow(dead_code)]
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("list folder").flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}
