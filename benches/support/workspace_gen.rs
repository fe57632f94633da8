//! Seeded generator of benchmark workspaces: N specs whose bodies come from the chant corpus
//! snapshot, with the structure of a real project (dependency chains, a 500-dependent hub, groups
//! with `.N` members, archived specs, research files behind `informed_by`), shared by the benches.

use std::path::{Path, PathBuf};

use chant_lsp::spec::id::DATE_ID_IN_TEXT;

/// Bumped whenever the output changes, so a cached workspace of an older generator is rebuilt.
const GENERATOR_VERSION: u32 = 1;
/// The seed unless `CHANT_BENCH_SEED` says otherwise.
pub const DEFAULT_SEED: u64 = 13;
/// How many specs depend on the hub (the "edit of a spec with 500 dependents" case).
pub const HUB_DEPENDENTS: usize = 500;
const MARKER: &str = ".bench-workspace";

pub fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus-chant-2026-02-11")
}

/// A workspace ready to measure, and the specs the server bench edits and queries.
pub struct BenchWorkspace {
    pub label: String,
    pub root: PathBuf,
    /// The spec with `HUB_DEPENDENTS` dependents (generated workspaces only).
    pub hub: Option<PathBuf>,
    /// A spec whose line 4 is `- <hub id>` under `depends_on:` (generated workspaces only).
    pub dependent: Option<PathBuf>,
}

/// The sizes in `CHANT_BENCH_SIZES` (default 1,000 and 10,000).
pub fn sizes_from_env() -> Vec<usize> {
    let raw = std::env::var("CHANT_BENCH_SIZES").unwrap_or_else(|_| "1000,10000".into());
    raw.split(',').filter_map(|s| s.trim().replace('_', "").parse().ok()).collect()
}

pub fn seed_from_env() -> u64 {
    std::env::var("CHANT_BENCH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(DEFAULT_SEED)
}

/// Every workspace of this run: one generated per size, then the corpus as it is.
pub fn workspaces_from_env() -> Vec<BenchWorkspace> {
    let seed = seed_from_env();
    let mut all: Vec<BenchWorkspace> = sizes_from_env().into_iter().map(|n| generated_workspace(n, seed)).collect();
    all.push(corpus_workspace());
    all
}

/// The corpus as it is, copied out of this repository so that neither tool sees our git
/// checkout or its ignore files.
fn corpus_workspace() -> BenchWorkspace {
    let root = std::env::temp_dir().join("chant-lsp-bench-corpus");
    let _ = std::fs::remove_dir_all(&root);
    copy_dir(&corpus_root(), &root);
    BenchWorkspace { label: "corpus as is".into(), root, hub: None, dependent: None }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("copy dir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).expect("copy file");
        }
    }
}

/// xorshift64*: a few lines instead of a crate, and stable across toolchains, so a seed always
/// gives the same workspace.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

fn base36(mut v: usize, width: usize) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = vec![b'0'; width];
    for slot in out.iter_mut().rev() {
        *slot = DIGITS[v % 36];
        v /= 36;
    }
    String::from_utf8(out).expect("ascii")
}

/// The `i`th base id: 500 a day from 2026-01-01 (28-day months keep the arithmetic trivial).
fn base_id(i: usize, rng: &mut Rng) -> String {
    let day = i / 500;
    let suffix = base36(rng.below(36 * 36 * 36), 3);
    format!("2026-{:02}-{:02}-{}-{suffix}", day / 28 + 1, day % 28 + 1, base36(i % 500 + 1, 3))
}

/// The corpus bodies (everything after the frontmatter) and its config, read once.
fn corpus_bodies() -> Vec<String> {
    let mut files = Vec::new();
    collect_md(&corpus_root().join(".chant/specs"), &mut files);
    collect_md(&corpus_root().join(".chant/archive"), &mut files);
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|text| match text.strip_prefix("---\n").and_then(|rest| rest.split_once("\n---\n")) {
            Some((_, body)) => body.to_string(),
            None => text,
        })
        .collect()
}

pub fn collect_md(dir: &Path, acc: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_md(&path, acc);
        } else if path.extension().is_some_and(|e| e == "md") {
            acc.push(path);
        }
    }
}

/// One spec before it is written: where it goes and its frontmatter lines.
struct Planned {
    id: String,
    archived: bool,
    front: Vec<String>,
}

/// Writes (or reuses, when its marker names the same generator, size and seed) the workspace of
/// `n` specs under the system temp folder.
pub fn generated_workspace(n: usize, seed: u64) -> BenchWorkspace {
    let root = std::env::temp_dir().join(format!("chant-lsp-bench-{n}-seed{seed}"));
    let stamp = format!("generator {GENERATOR_VERSION}, {n} specs, seed {seed}");
    let label = format!("{n} specs");
    if let Ok(marker) = std::fs::read_to_string(root.join(MARKER)) {
        let mut lines = marker.lines();
        if lines.next() == Some(stamp.as_str()) {
            let hub = lines.next().map(|l| root.join(l));
            let dependent = lines.next().map(|l| root.join(l));
            return BenchWorkspace { label, root, hub, dependent };
        }
    }
    let _ = std::fs::remove_dir_all(&root);
    let (hub, dependent) = write_workspace(&root, n, seed);
    let rel = |p: &Path| p.strip_prefix(&root).expect("inside root").display().to_string();
    let marker = format!("{stamp}\n{}\n{}\n", rel(&hub), rel(&dependent));
    // Written last: an interrupted generation leaves no marker and is rebuilt next time.
    std::fs::write(root.join(MARKER), marker).expect("marker");
    BenchWorkspace { label, root, hub: Some(hub), dependent: Some(dependent) }
}

fn write_workspace(root: &Path, n: usize, seed: u64) -> (PathBuf, PathBuf) {
    let chant = root.join(".chant");
    for dir in ["specs", "archive", "research"] {
        std::fs::create_dir_all(chant.join(dir)).expect("bench workspace");
    }
    std::fs::copy(corpus_root().join(".chant/config.md"), chant.join("config.md")).expect("config");
    let bodies = corpus_bodies();
    let mut rng = Rng::new(seed);
    let n_research = (n / 50).max(1);
    for k in 0..n_research {
        let body = &bodies[rng.below(bodies.len())];
        std::fs::write(chant.join(format!("research/topic-{k}.md")), body).expect("research");
    }
    let plan = plan_specs(n, n_research, &mut rng);
    let active: Vec<&str> = plan.iter().filter(|s| !s.archived).map(|s| s.id.as_str()).collect();
    let mut hub = PathBuf::new();
    let mut dependent = PathBuf::new();
    for (i, spec) in plan.iter().enumerate() {
        // Ids quoted in a corpus body become ids of this workspace, so body links resolve.
        let body = &bodies[rng.below(bodies.len())];
        let body = DATE_ID_IN_TEXT.replace_all(body, |_: &regex::Captures| active[rng.below(active.len())].to_string());
        let path = if spec.archived {
            let dir = chant.join("archive").join(&spec.id[..10]);
            std::fs::create_dir_all(&dir).expect("archive dir");
            dir.join(format!("{}.md", spec.id))
        } else {
            chant.join("specs").join(format!("{}.md", spec.id))
        };
        let text = format!("---\n{}\n---\n{body}", spec.front.join("\n"));
        std::fs::write(&path, text).expect("write spec");
        if i == 0 {
            hub = path;
        } else if i == 1 {
            dependent = path;
        }
    }
    (hub, dependent)
}

/// Decides every spec's id, place and frontmatter. Spec 0 is the hub; 500 specs spread evenly over the rest
/// depend on it (spec 1 first, with the hub on line 4). Other specs are groups (a driver and 2–6
/// members chained in order), archived completed specs, research specs, or plain specs that
/// depend on one or two of the 40 specs before them (chains and small fan-in).
fn plan_specs(n: usize, n_research: usize, rng: &mut Rng) -> Vec<Planned> {
    let dependents = HUB_DEPENDENTS.min(n.saturating_sub(1));
    let step = (n.saturating_sub(1) / dependents.max(1)).max(1);
    let mut plan: Vec<Planned> = Vec::with_capacity(n);
    let mut hub_dependents = 0;
    let mut i = 0;
    while plan.len() < n {
        let id = base_id(i, rng);
        i += 1;
        let idx = plan.len();
        if idx == 0 {
            plan.push(Planned { id, archived: false, front: vec!["type: code".into(), "status: pending".into()] });
            continue;
        }
        if hub_dependents < dependents && idx > hub_dependents * step {
            hub_dependents += 1;
            let front =
                vec!["type: code".into(), "status: pending".into(), "depends_on:".into(), format!("- {}", plan[0].id)];
            plan.push(Planned { id, archived: false, front });
            continue;
        }
        let roll = rng.below(100);
        if roll < 5 && n - plan.len() > 7 {
            push_group(&mut plan, id, rng);
        } else if roll < 20 {
            let front =
                vec!["type: code".into(), "status: completed".into(), "completed_at: 2026-02-01T10:00:00Z".into()];
            plan.push(Planned { id, archived: true, front });
        } else if roll < 25 {
            let front = vec![
                "type: research".into(),
                "status: pending".into(),
                "informed_by:".into(),
                format!("- .chant/research/topic-{}.md", rng.below(n_research)),
                "target_files:".into(),
                format!("- .chant/research/topic-{}.md", rng.below(n_research)),
            ];
            plan.push(Planned { id, archived: false, front });
        } else {
            let status = ["pending", "pending", "completed", "completed", "ready", "in_progress"][rng.below(6)];
            let mut front = vec!["type: code".into(), format!("status: {status}")];
            let earlier: Vec<&Planned> = plan.iter().rev().take(40).filter(|s| !s.archived).collect();
            if !earlier.is_empty() && rng.chance(40) {
                front.push("depends_on:".into());
                for _ in 0..1 + rng.below(2) {
                    front.push(format!("- {}", earlier[rng.below(earlier.len())].id));
                }
                front.dedup();
            }
            plan.push(Planned { id, archived: false, front });
        }
    }
    plan
}

/// A driver of `type: group` depending on its members, as `chant split` writes it, and members
/// `<id>.1 …` each depending on the one before.
fn push_group(plan: &mut Vec<Planned>, id: String, rng: &mut Rng) {
    let members = 2 + rng.below(5);
    let mut front = vec!["type: group".into(), "status: pending".into(), "depends_on:".into()];
    front.extend((1..=members).map(|m| format!("- {id}.{m}")));
    plan.push(Planned { id: id.clone(), archived: false, front });
    for m in 1..=members {
        let mut front = vec!["type: code".into(), "status: pending".into()];
        if m > 1 {
            front.push(format!("depends_on:\n- {id}.{}", m - 1));
        }
        plan.push(Planned { id: format!("{id}.{m}"), archived: false, front });
    }
}
