//! Hostile-input benchmark: generates the workspace of `tests/it/stress/hostile.rs` (a 20 MB spec, 200,000
//! lines, 10,000 keys, 10,000 unknown dependencies, 10,000-deep YAML, an alias bomb, a
//! 3,000-spec cycle, FIFOs, `/dev/zero` and links out of the root) and measures, with the release
//! binary, `check` on all of it (wall time, peak memory via GNU time, output size) and the server
//! from `initialize` to every diagnostic (time, peak memory, largest message), then the slowest
//! request on each large case.
//! Run with `cargo bench --bench hostile`; prints a markdown table for docs/reliability.md.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::json;

#[path = "../tests/it/support/hostile_workspace.rs"]
#[allow(dead_code)]
mod hostile_workspace;
#[path = "server.rs"]
#[allow(dead_code)]
mod server;

use server::{ms, uri, Server};

const RUNS: usize = 3;

fn binary() -> std::ffi::OsString {
    std::env::var_os("CHANT_LSP_BENCH_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_chant-lsp").into())
}

/// `check --format json` under GNU time: wall time, peak resident kB, stdout bytes.
fn check_once(root: &Path) -> (Duration, u64, usize) {
    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(binary())
        .args(["check", "--format", "json"])
        .current_dir(root)
        .output()
        .expect("run check under /usr/bin/time (Debian package `time`)");
    let wall = start.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let peak_kb = stderr.lines().last().and_then(|l| l.trim().parse().ok()).unwrap_or(0);
    (wall, peak_kb, out.stdout.len())
}

/// Start-up to the last start-up publish: time, peak kB, messages, largest message bytes.
fn serve_once(root: &Path) -> (Duration, u64, usize, usize, Server) {
    let mut server = Server::start();
    let start = Instant::now();
    server.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": null, "rootUri": uri(root),
        "capabilities": {"window": {"workDoneProgress": true}, "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}
    }}));
    server.read_until(|m| m["id"] == 1);
    server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let (mut published, mut largest) = (0, 0);
    server.read_until(|m| {
        if m["method"] == "textDocument/publishDiagnostics" {
            published += 1;
            largest = largest.max(m.to_string().len());
        }
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    });
    (start.elapsed(), server.rss_kb(), published, largest, server)
}

/// The slowest of the editor's requests on one open file, and the largest answer.
fn requests_on(server: &mut Server, path: &Path, next_id: &mut i64) -> (Duration, usize) {
    let text = std::fs::read_to_string(path).expect("case text");
    let doc = uri(path);
    let end = text.lines().count() + 1;
    server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": doc, "languageId": "markdown", "version": 1, "text": text}
    }}));
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": end, "character": 0}});
    let at = json!({"line": 3, "character": 4});
    let td = json!({"uri": doc});
    let kinds = [
        ("textDocument/documentSymbol", json!({"textDocument": td})),
        ("textDocument/foldingRange", json!({"textDocument": td})),
        ("textDocument/codeLens", json!({"textDocument": td})),
        ("textDocument/documentLink", json!({"textDocument": td})),
        ("textDocument/inlayHint", json!({"textDocument": td, "range": whole})),
        ("textDocument/codeAction", json!({"textDocument": td, "range": whole, "context": {"diagnostics": []}})),
        ("textDocument/hover", json!({"textDocument": td, "position": at})),
        ("textDocument/completion", json!({"textDocument": td, "position": at})),
        (
            "textDocument/references",
            json!({"textDocument": td, "position": at, "context": {"includeDeclaration": true}}),
        ),
        ("workspace/executeCommand", json!({"command": "chant-lsp.prDescription", "arguments": [{"uri": doc}]})),
    ];
    let (mut slowest, mut largest) = (Duration::ZERO, 0);
    for (method, params) in kinds {
        *next_id += 1;
        let id = *next_id;
        let sent = Instant::now();
        server.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let reply = server.read_until(|m| m["id"] == id);
        slowest = slowest.max(sent.elapsed());
        largest = largest.max(reply.to_string().len());
    }
    server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": td}}));
    (slowest, largest)
}

fn median<T: Ord + Copy>(mut v: Vec<T>) -> T {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let ws = hostile_workspace::build("bench");
    let _ = Command::new("sync").status();
    let checks: Vec<_> = (0..RUNS).map(|_| check_once(&ws.root)).collect();
    let mut report = String::from("| hostile workspace (release, median of 3) | result |\n|---|---|\n");
    let row = |report: &mut String, what: &str, value: String| report.push_str(&format!("| {what} | {value} |\n"));
    row(&mut report, "`check --format json`: wall time", ms(median(checks.iter().map(|c| c.0).collect())));
    row(&mut report, "`check`: peak memory", format!("{} MB", median(checks.iter().map(|c| c.1).collect()) / 1024));
    row(&mut report, "`check`: JSON output", format!("{} KB", checks[0].2 / 1024));
    let mut serves = Vec::new();
    for _ in 0..RUNS {
        serves.push(serve_once(&ws.root));
    }
    row(&mut report, "server: `initialize` → every diagnostic", ms(median(serves.iter().map(|s| s.0).collect())));
    row(
        &mut report,
        "server: peak memory after indexing",
        format!("{} MB", median(serves.iter().map(|s| s.1).collect()) / 1024),
    );
    row(&mut report, "server: messages published at start-up", serves[0].2.to_string());
    row(&mut report, "server: largest publish", format!("{} KB", serves[0].3 / 1024));
    let mut server = serves.pop().expect("a server").4;
    let mut next_id = 1000;
    for name in ["many-lines.md", "many-keys.md", "many-deps.md", "deep-block.md", "cycle-0000.md", "escape.md"] {
        let (slowest, largest) = requests_on(&mut server, &ws.spec(name), &mut next_id);
        row(
            &mut report,
            &format!("server: `{name}` slowest request / largest answer"),
            format!("{} / {} KB", ms(slowest), largest / 1024),
        );
    }
    row(&mut report, "server: peak memory at the end", format!("{} MB", server.rss_kb() / 1024));
    std::io::Write::write_all(&mut std::io::stdout(), report.as_bytes()).expect("stdout");
}
