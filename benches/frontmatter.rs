//! Frontmatter benchmark: the per-spec cost of `Spec::parse`, of serde_yaml's typed parse and of
//! the span-tree fast path that replaces it, and how many specs take that fast path, on generated
//! workspaces of every size in `CHANT_BENCH_SIZES` and on the corpus. In-process, no I/O timed.
//! Run with `cargo bench --bench frontmatter`; prints a markdown table.

use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "support/workspace_gen.rs"]
#[allow(dead_code)]
mod workspace_gen;

use chant_lsp::spec::{Spec, SpecLocation};
use chant_lsp::syntax::frontmatter::{self, ChantSplit, FrontmatterSplit};
use chant_lsp::syntax::yaml::{self, YamlNode};
use chant_lsp::syntax::{typed, typed_fast};
use chant_lsp::text::TextRange;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Median over `runs` passes of `pass`, divided by `n`, in microseconds.
fn per_item_us(runs: usize, n: usize, mut pass: impl FnMut()) -> f64 {
    let samples = (0..runs)
        .map(|_| {
            let start = Instant::now();
            pass();
            start.elapsed()
        })
        .collect();
    median(samples).as_secs_f64() * 1e6 / n.max(1) as f64
}

/// What the typed verdict needs of one file: chant's YAML range, and our split with its tree.
struct Prepared {
    chant_yaml: TextRange,
    tree: Option<(FrontmatterSplit, YamlNode)>,
}

fn prepare(text: &str) -> Option<Prepared> {
    let ChantSplit::Frontmatter { yaml: chant_yaml, .. } = frontmatter::chant_split(text) else { return None };
    let tree = frontmatter::split(text).filter(|fm| fm.close.is_some()).and_then(|fm| {
        match yaml::parse(&text[fm.yaml.as_usize()], fm.yaml.start as usize) {
            (Some(root), None) => Some((fm, root)),
            _ => None,
        }
    });
    Some(Prepared { chant_yaml, tree })
}

/// One table row for the files of one workspace.
fn bench_texts(label: &str, texts: &[String], runs: usize) -> String {
    let n = texts.len();
    let parse = per_item_us(runs, n, || {
        for text in texts {
            black_box(Spec::parse(String::new(), SpecLocation::Active, text.clone()));
        }
    });
    let prepared: Vec<(&String, Prepared)> = texts.iter().filter_map(|t| Some((t, prepare(t)?))).collect();
    let serde = per_item_us(runs, prepared.len(), || {
        for (text, p) in &prepared {
            let yaml = &text[p.chant_yaml.as_usize()];
            let _ = black_box(typed::deserialize(yaml, p.chant_yaml.start as usize));
        }
    });
    let fast = per_item_us(runs, prepared.len(), || {
        for (text, p) in &prepared {
            if let Some((split, root)) = &p.tree {
                black_box(typed_fast::from_tree(text, p.chant_yaml, split, root));
            }
        }
    });
    let hits = prepared
        .iter()
        .filter(|(text, p)| {
            p.tree.as_ref().is_some_and(|(s, r)| typed_fast::from_tree(text, p.chant_yaml, s, r).is_some())
        })
        .count();
    let loads = prepared
        .iter()
        .filter(|(text, p)| typed::deserialize(&text[p.chant_yaml.as_usize()], p.chant_yaml.start as usize).is_ok())
        .count();
    format!(
        "| {label} | {n} | {parse:.1} µs | {serde:.1} µs | {fast:.2} µs | {hits} of {} ({loads} load in chant) |\n",
        prepared.len()
    )
}

fn main() {
    let runs = std::env::var("CHANT_BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(5usize).max(1);
    let mut report = format!(
        "| workspace (seed {}) | files | `Spec::parse` per file, median of {runs} | serde_yaml verdict | fast path | fast-path hits of files with frontmatter |\n|---|---|---|---|---|---|\n",
        workspace_gen::seed_from_env()
    );
    for ws in workspace_gen::workspaces_from_env() {
        let mut files = Vec::new();
        workspace_gen::collect_md(&ws.root.join(".chant"), &mut files);
        files.sort();
        let texts: Vec<String> = files.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
        report.push_str(&bench_texts(&ws.label, &texts, runs));
    }
    std::io::Write::write_all(&mut std::io::stdout(), report.as_bytes()).expect("stdout");
}
