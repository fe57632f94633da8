//! Scale benchmark: builds a 10,000-spec workspace from the chant corpus snapshot and measures
//! `check` end to end (the release binary, as CI runs it) and the analysis alone.
//! Run with `cargo bench --bench scale`; prints a markdown table for docs/benchmarks.md.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chant_lsp::ide::diagnostics::diagnose;
use chant_lsp::spec::id::DATE_ID_IN_TEXT;
use chant_lsp::workspace::load::load_workspace;

const TARGET_SPECS: usize = 10_000;

fn corpus_specs() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus-chant-2026-02-11/.chant");
    let mut files = Vec::new();
    collect(&root.join("specs"), &mut files);
    collect(&root.join("archive"), &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|p| Some((p.file_stem()?.to_string_lossy().into_owned(), std::fs::read_to_string(&p).ok()?)))
        .collect()
}

fn collect(dir: &Path, acc: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, acc);
        } else if path.extension().is_some_and(|e| e == "md") {
            acc.push(path);
        }
    }
}

/// Copies the corpus into one active folder until it holds `n` specs; copy `k` renames every id
/// (file names and ids in the text alike) with a `-r<k>` suffix, so links stay resolvable.
pub fn build_workspace(n: usize) -> PathBuf {
    let root = std::env::temp_dir().join(format!("chant-lsp-bench-{n}"));
    let _ = std::fs::remove_dir_all(&root);
    let specs_dir = root.join(".chant/specs");
    std::fs::create_dir_all(&specs_dir).expect("bench workspace");
    let corpus = corpus_specs();
    for i in 0..n {
        let (id, text) = &corpus[i % corpus.len()];
        let k = i / corpus.len();
        let text = DATE_ID_IN_TEXT.replace_all(text, |m: &regex::Captures| format!("{}-r{k}", &m[0]));
        std::fs::write(specs_dir.join(format!("{id}-r{k}.md")), text.as_bytes()).expect("write spec");
    }
    root
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[allow(dead_code)]
fn main() {
    let root = build_workspace(TARGET_SPECS);
    let mut analysis = Vec::new();
    let mut loading = Vec::new();
    let mut n_diagnostics = 0;
    for _ in 0..5 {
        let start = Instant::now();
        let (ws, _) = load_workspace(&root);
        loading.push(start.elapsed());
        let paths: Vec<PathBuf> = ws.specs().map(|(p, _)| p.clone()).collect();
        n_diagnostics = paths.iter().map(|p| diagnose(&ws, p, &ws.file_overrides).len()).sum::<usize>();
        analysis.push(start.elapsed());
    }
    let mut end_to_end = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_chant-lsp")).arg("check").arg(&root).output().expect("run check");
        end_to_end.push(start.elapsed());
        assert!(out.status.code().is_some_and(|c| c <= 1), "check failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let _ = std::fs::remove_dir_all(&root);
    let rows = [
        ("load + parse (library, median of 5)", median(loading)),
        ("load + parse + diagnose (library, median of 5)", median(analysis)),
        ("`chant-lsp check` end to end (process, median of 5)", median(end_to_end)),
    ];
    let mut report = format!("| {TARGET_SPECS} specs, {n_diagnostics} diagnostics | time |\n|---|---|\n");
    for (what, time) in rows {
        report.push_str(&format!("| {what} | {:.0} ms |\n", time.as_secs_f64() * 1000.0));
    }
    std::io::Write::write_all(&mut std::io::stdout(), report.as_bytes()).expect("stdout");
}
