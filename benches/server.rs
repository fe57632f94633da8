//! Server benchmark: starts the release `chant-lsp` over stdio on a 10,000-spec workspace and
//! measures the initial index until every spec's diagnostics are published, the latency from a
//! `didChange` to its `publishDiagnostics`, and resident memory.
//! Run with `cargo bench --bench server`; prints a markdown table for docs/benchmarks.md.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

#[path = "scale.rs"]
#[allow(dead_code)]
mod scale;

const N_SPECS: usize = 10_000;
const N_EDITS: usize = 300;

pub struct Server {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Server {
    pub fn start() -> Server {
        // CHANT_LSP_BENCH_BIN compares another build (an A/B run) against the same client.
        let binary = std::env::var_os("CHANT_LSP_BENCH_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_chant-lsp").into());
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

/// Each request kind N_REQUESTS times on the open spec, one at a time; p50 and p99 per kind.
fn measure_requests(server: &mut Server, doc: &str) -> Vec<(&'static str, Duration, Duration)> {
    let at = json!({"line": 1, "character": 2});
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 0}});
    // The "Fill PR description" action as a client that resolves edits receives it.
    let fill = json!({"title": "Fill PR description", "kind": "refactor.rewrite", "data": {"fillPrDescription": doc}});
    let kinds: [(&'static str, Value); 8] = [
        ("textDocument/hover", json!({"textDocument": {"uri": doc}, "position": at})),
        ("textDocument/definition", json!({"textDocument": {"uri": doc}, "position": at})),
        ("textDocument/completion", json!({"textDocument": {"uri": doc}, "position": at})),
        (
            "textDocument/references",
            json!({"textDocument": {"uri": doc}, "position": at, "context": {"includeDeclaration": true}}),
        ),
        ("textDocument/documentSymbol", json!({"textDocument": {"uri": doc}})),
        (
            "textDocument/codeAction",
            json!({"textDocument": {"uri": doc}, "range": whole, "context": {"diagnostics": []}}),
        ),
        ("textDocument/codeLens", json!({"textDocument": {"uri": doc}})),
        ("codeAction/resolve", fill),
    ];
    let mut id = 100;
    kinds
        .into_iter()
        .map(|(method, params)| {
            let mut times = Vec::with_capacity(N_REQUESTS);
            for _ in 0..N_REQUESTS {
                id += 1;
                let sent = Instant::now();
                server.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
                server.read_until(|m| m["id"] == id);
                times.push(sent.elapsed());
            }
            times.sort();
            (method, percentile(&times, 0.5), percentile(&times, 0.99))
        })
        .collect()
}

fn main() {
    let root: PathBuf = scale::build_workspace(N_SPECS);
    // Flush the 35 MB just written, so the kernel's write-back does not compete with indexing.
    let _ = Command::new("sync").status();
    let mut server = Server::start();
    let start = Instant::now();
    // Like VS Code and Neovim, the client registers file watchers itself, so the server does not
    // start its own.
    server.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": null, "rootUri": uri(&root), "capabilities": {"window": {"workDoneProgress": true}, "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}, "textDocument": {"codeAction": {"resolveSupport": {"properties": ["edit"]}}}}
    }}));
    server.read_until(|m| m["id"] == 1);
    server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    // The server ends its indexing progress after the last start-up publish.
    let mut published = 0;
    server.read_until(|m| {
        published += usize::from(m["method"] == "textDocument/publishDiagnostics");
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    });
    let index_time = start.elapsed();
    let rss_after_index = server.rss_kb();

    let path =
        std::fs::read_dir(root.join(".chant/specs")).expect("specs").flatten().map(|e| e.path()).min().expect("a spec");
    let text = std::fs::read_to_string(&path).expect("spec text");
    let doc = uri(&path);
    server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": doc, "languageId": "markdown", "version": 1, "text": text}
    }}));
    server.read_until(|m| m["params"]["uri"] == doc.as_str() && m["params"]["version"] == 1);
    let line = text.lines().count() as u32;
    let mut latencies = Vec::with_capacity(N_EDITS);
    for i in 0..N_EDITS {
        let version = i as i64 + 2;
        let sent = Instant::now();
        server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": doc, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "x"}]
        }}));
        server.read_until(|m| m["params"]["uri"] == doc.as_str() && m["params"]["version"] == version);
        latencies.push(sent.elapsed());
    }
    latencies.sort();
    let requests = measure_requests(&mut server, &doc);
    let rss_end = server.rss_kb();
    server.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}));
    server.read_until(|m| m["id"] == 2);
    server.send(json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
    let _ = server.child.wait();
    let _ = std::fs::remove_dir_all(&root);

    let report = format!(
        "| server, {N_SPECS} specs | result |\n|---|---|\n\
         | initialize → every diagnostic published ({published} specs with findings) | {} |\n\
         | didChange → publishDiagnostics, p50 / p99 / max of {N_EDITS} | {} / {} / {} |\n\
         | peak resident memory after indexing / after the edits | {} MB / {} MB |\n",
        ms(index_time),
        ms(percentile(&latencies, 0.5)),
        ms(percentile(&latencies, 0.99)),
        ms(*latencies.last().expect("edits")),
        rss_after_index / 1024,
        rss_end / 1024,
    );
    let mut report = report;
    for (method, p50, p99) in requests {
        report.push_str(&format!("| `{method}` p50 / p99 of {N_REQUESTS} | {} / {} |\n", ms(p50), ms(p99)));
    }
    std::io::stdout().write_all(report.as_bytes()).expect("stdout");
}
