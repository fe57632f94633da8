//! Scale benchmark: `chant-lsp check` (the release binary, as CI runs it) on generated workspaces
//! of every size in `CHANT_BENCH_SIZES` and on the corpus as it is: wall time, peak memory, and
//! the time to merely read the same files; with `CHANT_BIN` set, `chant lint` alternates with it.
//! Run with `cargo bench --bench scale`; prints a markdown table for docs/benchmarks.md.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/workspace_gen.rs"]
#[allow(dead_code)]
mod workspace_gen;

use workspace_gen::BenchWorkspace;

/// Wall time and peak resident memory of one finished process.
#[derive(Clone, Copy)]
struct Run {
    wall: Duration,
    max_rss_kb: u64,
}

/// Runs `command` with its output discarded and reaps it with `wait4`, whose rusage gives the
/// child's own peak RSS (libc is already a dependency; GNU time is not everywhere).
#[expect(clippy::zombie_processes, reason = "wait4 reaps the child, not Child::wait")]
fn measure(mut command: Command) -> Run {
    let start = Instant::now();
    let child = command.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("spawn");
    let mut status = 0;
    // SAFETY: rusage is plain old data; wait4 fills it for the child we just spawned.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    assert_eq!(reaped, pid, "wait4");
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    // Both tools exit 1 when they report errors; anything else means the run did not happen.
    assert!(code.is_some_and(|c| c <= 1), "{command:?} failed with status {status}");
    Run { wall, max_rss_kb: usage.ru_maxrss as u64 }
}

fn check_command(root: &Path) -> Command {
    let binary = std::env::var_os("CHANT_LSP_BENCH_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_chant-lsp").into());
    let mut command = Command::new(binary);
    command.arg("check").arg(root);
    command
}

fn chant_lint_command(chant: &std::ffi::OsStr, root: &Path) -> Command {
    let mut command = Command::new(chant);
    command.arg("lint").current_dir(root);
    command
}

/// Reads every file under `.chant` once, as `cat` would: the floor any checker has to pay.
fn read_all(root: &Path) -> (usize, u64) {
    let mut files = Vec::new();
    workspace_gen::collect_md(&root.join(".chant"), &mut files);
    let bytes = files.iter().map(|p| std::fs::read(p).map_or(0, |b| b.len() as u64)).sum();
    (files.len(), bytes)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn runs_from_env() -> usize {
    std::env::var("CHANT_BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(5).max(1)
}

/// One table row: read time, `check` (and `chant lint` when asked), alternating per run so
/// that both see the same machine load.
fn bench_workspace(ws: &BenchWorkspace, chant: Option<&std::ffi::OsStr>, runs: usize) -> String {
    let (n_files, bytes) = read_all(&ws.root); // warms the page cache once for every tool
    let mut reads = Vec::new();
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        read_all(&ws.root);
        reads.push(start.elapsed());
        if let Some(chant) = chant {
            theirs.push(measure(chant_lint_command(chant, &ws.root)));
        }
        ours.push(measure(check_command(&ws.root)));
    }
    let read = median(reads);
    let check = median(ours.iter().map(|r| r.wall).collect());
    let check_rss = ours.iter().map(|r| r.max_rss_kb).max().unwrap_or(0);
    let chant_cells = if theirs.is_empty() {
        "– | – | –".to_string()
    } else {
        let lint = median(theirs.iter().map(|r| r.wall).collect());
        let lint_rss = theirs.iter().map(|r| r.max_rss_kb).max().unwrap_or(0);
        let ratio = lint.as_secs_f64() / check.as_secs_f64();
        format!("{} | {} MB | {ratio:.1}×", ms(lint), lint_rss / 1024)
    };
    format!(
        "| {} | {n_files} files, {:.1} MB | {} | {} | {} MB | {:.1}× | {chant_cells} |\n",
        ws.label,
        bytes as f64 / 1e6,
        ms(read),
        ms(check),
        check_rss / 1024,
        check.as_secs_f64() / read.as_secs_f64(),
    )
}

fn main() {
    let chant = std::env::var_os("CHANT_BIN");
    let runs = runs_from_env();
    let mut report = format!(
        "| workspace (seed {}) | size | read every file | `check`, median of {runs} | `check` peak RSS | check / read | `chant lint`, median | `chant lint` peak RSS | chant / ours |\n|---|---|---|---|---|---|---|---|---|\n",
        workspace_gen::seed_from_env()
    );
    for ws in workspace_gen::workspaces_from_env() {
        // Flush what the generator wrote, so write-back does not compete with the first run.
        let _ = Command::new("sync").status();
        report.push_str(&bench_workspace(&ws, chant.as_deref(), runs));
    }
    std::io::Write::write_all(&mut std::io::stdout(), report.as_bytes()).expect("stdout");
}
