//! Server benchmark: starts the release `chant-lsp` over stdio, as an editor does, on generated
//! workspaces of every size in `CHANT_BENCH_SIZES` and on the corpus as it is, and measures the
//! initial index until every spec's diagnostics are published, resident memory, the latency from
//! a `didChange` to its `publishDiagnostics` (a plain spec, and the hub with 500 dependents) and
//! request latency at a few positions. Edits and requests go to a spec with findings: the
//! server publishes nothing for a clean spec, so there would be no publish to wait for.
//! A second server per generated workspace has a spec opened right after `initialized` and
//! measures the first answers on it (`CHANT_LSP_BENCH_BASELINE` runs another build beside it).
//! Run with `cargo bench --bench server`; prints a markdown table for docs/benchmarks.md.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

#[path = "support/workspace_gen.rs"]
#[allow(dead_code)]
mod workspace_gen;

use workspace_gen::BenchWorkspace;

const N_EDITS: usize = 300;
const N_HUB_EDITS: usize = 100;

pub struct Server {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Server {
    pub fn start() -> Server {
        // CHANT_LSP_BENCH_BIN compares another build (an A/B run) against the same client.
        let binary = std::env::var_os("CHANT_LSP_BENCH_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_chant-lsp").into());
        Server::start_binary(Path::new(&binary))
    }

    pub fn start_binary(binary: &Path) -> Server {
        let mut child = Command::new(binary)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chant-lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        Server { child, stdin, stdout }
    }

    pub fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    pub fn read(&mut self) -> Value {
        let mut len = 0usize;
        loop {
            let mut line = String::new();
            self.stdout.read_line(&mut line).expect("header");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                len = v.parse().expect("length");
            }
        }
        let mut body = vec![0; len];
        self.stdout.read_exact(&mut body).expect("body");
        serde_json::from_slice(&body).expect("json")
    }

    /// Reads until `pred` holds, answering the server's own requests with `null`.
    pub fn read_until(&mut self, mut pred: impl FnMut(&Value) -> bool) -> Value {
        loop {
            let msg = self.read();
            if msg.get("id").is_some() && msg.get("method").is_some() {
                self.send(json!({"jsonrpc": "2.0", "id": msg["id"], "result": null}));
            }
            if pred(&msg) {
                return msg;
            }
        }
    }

    pub fn rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
            .unwrap_or(0)
    }
}

pub fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

const N_REQUESTS: usize = 100;

/// Each request kind N_REQUESTS times on `doc`, one at a time, cycling over `positions`; p50 and
/// p99 per kind.
fn measure_requests(server: &mut Server, doc: &str, positions: &[Value]) -> Vec<(&'static str, Duration, Duration)> {
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 0}});
    // The "Fill PR description" action as a client that resolves edits receives it.
    let fill = json!({"title": "Fill PR description", "kind": "refactor.rewrite", "data": {"fillPrDescription": doc}});
    type Params = Box<dyn Fn(&Value) -> Value>;
    let d = doc.to_string();
    let at = move |method: &'static str| -> (&'static str, Params) {
        let d = d.clone();
        (method, Box::new(move |pos: &Value| json!({"textDocument": {"uri": d}, "position": pos})))
    };
    let d = doc.to_string();
    let kinds: Vec<(&'static str, Params)> = vec![
        at("textDocument/hover"),
        at("textDocument/definition"),
        at("textDocument/completion"),
        ("textDocument/references", {
            let d = d.clone();
            Box::new(
                move |pos: &Value| json!({"textDocument": {"uri": d}, "position": pos, "context": {"includeDeclaration": true}}),
            )
        }),
        ("textDocument/documentSymbol", {
            let d = d.clone();
            Box::new(move |_: &Value| json!({"textDocument": {"uri": d}}))
        }),
        ("textDocument/codeAction", {
            let d = d.clone();
            Box::new(move |pos: &Value| {
                let range = json!({"start": pos, "end": pos});
                json!({"textDocument": {"uri": d}, "range": range, "context": {"diagnostics": []}})
            })
        }),
        ("codeAction (whole frontmatter)", {
            let d = d.clone();
            Box::new(
                move |_: &Value| json!({"textDocument": {"uri": d}, "range": whole, "context": {"diagnostics": []}}),
            )
        }),
        ("textDocument/codeLens", {
            let d = d.clone();
            Box::new(move |_: &Value| json!({"textDocument": {"uri": d}}))
        }),
        ("codeAction/resolve", Box::new(move |_: &Value| fill.clone())),
    ];
    let mut id = 100;
    kinds
        .into_iter()
        .map(|(label, params)| {
            let method = if label.starts_with("codeAction (") { "textDocument/codeAction" } else { label };
            let mut times = Vec::with_capacity(N_REQUESTS);
            for i in 0..N_REQUESTS {
                id += 1;
                let params = params(&positions[i % positions.len()]);
                let sent = Instant::now();
                server.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
                server.read_until(|m| m["id"] == id);
                times.push(sent.elapsed());
            }
            times.sort();
            (label, percentile(&times, 0.5), percentile(&times, 0.99))
        })
        .collect()
}

/// Sends `initialize` (the capabilities VS Code and Neovim announce) and waits for its answer.
fn send_initialize(server: &mut Server, root: &Path) {
    // Like VS Code and Neovim, the client registers file watchers itself, so the server does not
    // start its own.
    server.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": null, "rootUri": uri(root), "capabilities": {"window": {"workDoneProgress": true}, "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}, "textDocument": {"codeAction": {"resolveSupport": {"properties": ["edit"]}}}}
    }}));
    server.read_until(|m| m["id"] == 1);
}

/// `initialize` → `initialized` → the end of the indexing progress: (time, specs published, the
/// first path with findings).
fn initialize(server: &mut Server, root: &Path) -> (Duration, usize, Option<PathBuf>) {
    let start = Instant::now();
    send_initialize(server, root);
    server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    // The server ends its indexing progress after the last start-up publish.
    let mut published = 0;
    let mut with_findings: Option<String> = None;
    server.read_until(|m| {
        if m["method"] == "textDocument/publishDiagnostics" {
            published += 1;
            let uri = m["params"]["uri"].as_str().unwrap_or_default();
            if m["params"]["diagnostics"].as_array().is_some_and(|d| !d.is_empty())
                && with_findings.as_deref().is_none_or(|first| uri < first)
            {
                with_findings = Some(uri.to_string());
            }
        }
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    });
    let first = with_findings.and_then(|u| u.strip_prefix("file://").map(PathBuf::from));
    (start.elapsed(), published, first)
}

/// Opens `path`; waits for its first publish when the server will send one.
fn open(server: &mut Server, path: &Path, publishes: bool) -> (String, String) {
    let text = std::fs::read_to_string(path).expect("spec text");
    let doc = uri(path);
    server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": doc, "languageId": "markdown", "version": 1, "text": text}
    }}));
    if publishes {
        server.read_until(|m| m["params"]["uri"] == doc.as_str() && m["params"]["version"] == 1);
    }
    (doc, text)
}

/// Sends `edits` changes to the open `doc` (the `change` of each new version), each waiting for
/// the `publishDiagnostics` of its version; sorted latencies.
fn edit_latencies(server: &mut Server, doc: &str, edits: usize, change: impl Fn(usize) -> Value) -> Vec<Duration> {
    let mut latencies = Vec::with_capacity(edits);
    for i in 0..edits {
        let version = i as i64 + 2;
        let sent = Instant::now();
        server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": doc, "version": version}, "contentChanges": [change(i)]
        }}));
        server.read_until(|m| m["params"]["uri"] == doc && m["params"]["version"] == version);
        latencies.push(sent.elapsed());
    }
    latencies.sort();
    latencies
}

/// One character appended on the last line.
fn append_x(text: &str) -> impl Fn(usize) -> Value {
    let line = text.lines().count() as u32;
    move |_| json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "x"})
}

/// The hub's `status:` (line 2) flips between pending and completed, which changes whether each
/// of its 500 dependents is blocked.
fn toggle_status(i: usize) -> Value {
    let (old, new) = if i.is_multiple_of(2) {
        ("status: pending", "status: completed")
    } else {
        ("status: completed", "status: pending")
    };
    json!({"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": old.len()}}, "text": new})
}

/// Every measurement on one workspace, as (row label, cell) pairs.
fn bench_workspace(ws: &BenchWorkspace) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    let mut server = Server::start();
    let (index_time, published, with_findings) = initialize(&mut server, &ws.root);
    rows.push(("initialize → every diagnostic published".into(), format!("{} ({published} specs)", ms(index_time))));
    rows.push(("peak RSS after indexing".into(), format!("{} MB", server.rss_kb() / 1024)));

    // Generated workspaces: the edited and queried spec depends on the hub (line 4 is its id).
    let (plain, positions) = match &ws.dependent {
        Some(dependent) => (
            dependent.clone(),
            vec![
                json!({"line": 1, "character": 2}),
                json!({"line": 4, "character": 6}),
                json!({"line": 6, "character": 3}),
            ],
        ),
        // The server publishes nothing for a clean spec, so the edited spec must have findings;
        // with none (the corpus's one active spec is clean), requests go to that spec unedited.
        None => {
            let first =
                std::fs::read_dir(ws.root.join(".chant/specs")).expect("specs").flatten().map(|e| e.path()).min();
            let plain = with_findings.clone().or(first).expect("a spec");
            (plain, vec![json!({"line": 1, "character": 2}), json!({"line": 2, "character": 3})])
        }
    };
    let publishes = ws.dependent.is_some() || with_findings.is_some();
    let (doc, text) = open(&mut server, &plain, publishes);
    if publishes {
        let plain_edits = edit_latencies(&mut server, &doc, N_EDITS, append_x(&text));
        rows.push((format!("didChange → publishDiagnostics, p50 / p99 / max of {N_EDITS}"), tail(&plain_edits)));
    }
    if let Some(hub) = &ws.hub {
        let (hub_doc, _) = open(&mut server, hub, true);
        let hub_edits = edit_latencies(&mut server, &hub_doc, N_HUB_EDITS, toggle_status);
        let label = format!("hub `status` edit (up to 500 dependents) → its publish, p50 / p99 / max of {N_HUB_EDITS}");
        rows.push((label, tail(&hub_edits)));
    }
    for (method, p50, p99) in measure_requests(&mut server, &doc, &positions) {
        rows.push((format!("`{method}` p50 / p99 of {N_REQUESTS}"), format!("{} / {}", ms(p50), ms(p99))));
    }
    rows.push(("peak RSS at the end".into(), format!("{} MB", server.rss_kb() / 1024)));
    server.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}));
    server.read_until(|m| m["id"] == 2);
    server.send(json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
    let _ = server.child.wait();
    rows
}

/// A spec opened right after `initialized`, as a person or an agent does, with a hover on a
/// frontmatter key (line 1) and on the hub's id (line 4) sent right after `didOpen`: the time
/// from `didOpen` to its first diagnostics and to each hover's answer (and whether it had one),
/// from `initialized` to every diagnostic published, and the peak memory.
fn opened_from_the_start(binary: &Path, root: &Path, spec: &Path) -> Vec<(String, String)> {
    let mut server = Server::start_binary(binary);
    send_initialize(&mut server, root);
    let text = std::fs::read_to_string(spec).expect("spec text");
    let doc = uri(spec);
    let started = Instant::now();
    server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let opened = Instant::now();
    server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": doc, "languageId": "markdown", "version": 1, "text": text}
    }}));
    for (id, line, character) in [(10, 1, 2), (11, 4, 6)] {
        server.send(json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": doc}, "position": {"line": line, "character": character}
        }}));
    }
    let (mut diagnostics, mut hover_key, mut hover_id) = (None, None, None);
    let answer = |m: &Value| if m["result"].is_null() { "no answer" } else { "answer" };
    server.read_until(|m| {
        if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == doc.as_str() {
            diagnostics.get_or_insert(opened.elapsed());
        }
        if m["id"] == 10 {
            hover_key = Some((opened.elapsed(), answer(m)));
        }
        if m["id"] == 11 {
            hover_id = Some((opened.elapsed(), answer(m)));
        }
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    });
    let every = started.elapsed();
    let hover = |found: Option<(Duration, &str)>| found.map_or("–".to_string(), |(t, a)| format!("{} ({a})", ms(t)));
    let rows = vec![
        ("didOpen → the opened spec's diagnostics".to_string(), diagnostics.map_or("–".to_string(), ms)),
        ("didOpen → hover on a key".to_string(), hover(hover_key)),
        ("didOpen → hover on a dependency id".to_string(), hover(hover_id)),
        ("initialized → every diagnostic published".to_string(), ms(every)),
        ("peak RSS".to_string(), format!("{} MB", server.rss_kb() / 1024)),
    ];
    server.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}));
    server.read_until(|m| m["id"] == 2);
    server.send(json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
    let _ = server.child.wait();
    rows
}

/// The opened-from-the-start rows for this build and, with `CHANT_LSP_BENCH_BASELINE`, another
/// build run right before it on the same workspace (side by side, as the machine's load drifts).
fn first_answer_rows(ws: &BenchWorkspace) -> Vec<(String, String)> {
    let Some(spec) = &ws.dependent else { return Vec::new() };
    let ours = std::env::var_os("CHANT_LSP_BENCH_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_chant-lsp").into());
    let mut rows = Vec::new();
    if let Some(baseline) = std::env::var_os("CHANT_LSP_BENCH_BASELINE") {
        let measured = opened_from_the_start(Path::new(&baseline), &ws.root, spec);
        rows.extend(measured.into_iter().map(|(label, cell)| (format!("baseline: {label}"), cell)));
    }
    let measured = opened_from_the_start(Path::new(&ours), &ws.root, spec);
    rows.extend(measured.into_iter().map(|(label, cell)| (format!("opened from the start: {label}"), cell)));
    rows
}

fn tail(sorted: &[Duration]) -> String {
    let max = *sorted.last().expect("samples");
    format!("{} / {} / {}", ms(percentile(sorted, 0.5)), ms(percentile(sorted, 0.99)), ms(max))
}

fn main() {
    let workspaces = workspace_gen::workspaces_from_env();
    let mut columns = Vec::new();
    for ws in &workspaces {
        // Flush what the generator wrote, so write-back does not compete with indexing.
        let _ = Command::new("sync").status();
        let mut rows = first_answer_rows(ws);
        // CHANT_BENCH_FIRST_ONLY=1: only the opened-from-the-start rows.
        if std::env::var_os("CHANT_BENCH_FIRST_ONLY").is_none() {
            rows.extend(bench_workspace(ws));
        }
        columns.push(rows);
    }
    let mut report = String::from("| server |");
    for ws in &workspaces {
        report.push_str(&format!(" {} |", ws.label));
    }
    report.push_str(&format!("\n|---|{}\n", "---|".repeat(workspaces.len())));
    // Rows by label, in first-seen order; the corpus has no hub, so its cell there is a dash.
    let mut labels: Vec<&String> = Vec::new();
    for (label, _) in columns.iter().flatten() {
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    for label in labels {
        report.push_str(&format!("| {label} |"));
        for column in &columns {
            let cell = column.iter().find(|(l, _)| l == label).map_or("–", |(_, c)| c.as_str());
            report.push_str(&format!(" {cell} |"));
        }
        report.push('\n');
    }
    std::io::stdout().write_all(report.as_bytes()).expect("stdout");
}
