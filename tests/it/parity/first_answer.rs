//! The first answer on an opened spec (before the full index is built) never shows a finding
//! the full index would not: for every spec of the fixture workspaces and of a generated one
//! dense in groups, cycles, unknown, archived and unloadable dependencies, the findings of a
//! first look are exactly the full index's findings minus the whole-graph ones (cycles).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chant_lsp::catalogue::Code;
use chant_lsp::ide::diagnostics::{diagnose, diagnose_first, local_findings};
use chant_lsp::workspace::config::SeverityOverrides;
use chant_lsp::workspace::fs::{FileAccess, MemoryFs, RealFs};
use chant_lsp::workspace::load::{load_walked, parse_spec_file, read_spec_text, walk_workspace};
use chant_lsp::workspace::Workspace;

/// What the first answer of every `step`th spec was, against the full index: `(first answers, withheld as too
/// many findings, specs whose full answer adds a whole-graph finding)`.
fn compare_all(fs: Arc<dyn FileAccess>, step: usize) -> (usize, usize, usize) {
    let walked = walk_workspace(fs.clone(), Some(local_findings));
    let (full, _) = load_walked(&walked, None);
    let overrides = SeverityOverrides::default();
    let (mut answered, mut withheld, mut added) = (0, 0, 0);
    let paths: Vec<PathBuf> = full.specs().map(|(p, _)| p.to_path_buf()).collect();
    // Every `step`th spec: each first look builds the id index afresh, as the server does once.
    for path in paths.into_iter().step_by(step) {
        let text = read_spec_text(&*fs, &path).unwrap_or_default();
        let Some(spec) = parse_spec_file(&full.root, &path, text) else { continue };
        let mut look = Workspace::first_look(&walked);
        if !look.look_at(&path, Arc::new(spec)) {
            withheld += 1;
            continue;
        }
        let Some(first) = diagnose_first(&look, &path, &overrides) else {
            withheld += 1;
            continue;
        };
        answered += 1;
        let all = diagnose(&full, &path, &overrides);
        let later: Vec<_> = all.iter().filter(|d| !first.contains(d)).collect();
        let missing: Vec<_> = first.iter().filter(|d| !all.contains(d)).collect();
        assert!(
            missing.is_empty(),
            "{}: the first answer shows what the full index does not: {missing:#?}",
            path.display()
        );
        assert!(
            later.iter().all(|d| d.code == Code::DependencyCycle),
            "{}: the first answer lacks a finding of its neighbourhood: {later:#?}",
            path.display()
        );
        added += usize::from(!later.is_empty());
    }
    (answered, withheld, added)
}

fn fixture(name: &str) -> Arc<dyn FileAccess> {
    Arc::new(RealFs::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)))
}

#[test]
fn fixture_workspaces_first_answers_are_final() {
    let counts: Vec<String> = ["approval-workflow", "kpi-okr-workflow", "tdd-workflow", "corpus-chant-2026-02-11"]
        .iter()
        .map(|name| {
            format!("{name}: {:?}", compare_all(fixture(name), if name.starts_with("corpus") { 10 } else { 1 }))
        })
        .collect();
    expect_test::expect![[r#"
        approval-workflow: (3, 0, 0)
        kpi-okr-workflow: (5, 0, 0)
        tdd-workflow: (5, 0, 0)
        corpus-chant-2026-02-11: (86, 0, 0)"#]]
    .assert_eq(&counts.join("\n"));
}

/// A small deterministic generator (a linear congruential sequence): groups with members,
/// chains and cycles, ids that exist only in the archive or not at all, unloadable specs.
fn generated() -> Arc<dyn FileAccess> {
    let fs = MemoryFs::new("/gen");
    fs.mkdir(".chant/specs");
    fs.write(".chant/config.md", "---\nproject:\n  name: gen\n---\n");
    let mut seed: u64 = 23;
    let mut next = |n: u64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let id = |i: u64| format!("2026-01-{:02}-{:03}-x{}", i % 28 + 1, i, i % 7);
    for i in 0..400u64 {
        let mut deps: Vec<String> = (0..next(4)).map(|_| id(next(400))).collect();
        match next(10) {
            0 => deps.push(format!("{}-typo", id(next(400)))),
            1 => deps.push(id(400 + next(20))),
            _ => {}
        }
        let status = ["pending", "completed", "in_progress", "pendng"][next(4) as usize];
        let dep_list: String = deps.iter().map(|d| format!("  - {d}\n")).collect();
        let depends = if deps.is_empty() { String::new() } else { format!("depends_on:\n{dep_list}") };
        let boxes = if next(3) == 0 { "- [ ] open\n" } else { "- [x] done\n" };
        let text =
            format!("---\ntype: code\nstatus: {status}\n{depends}---\n# Spec {i}\n\n## Acceptance Criteria\n\n{boxes}");
        fs.write(&format!(".chant/specs/{}.md", id(i)), &text);
        if next(8) == 0 {
            for m in 1..=next(4) + 1 {
                let member = format!(
                    "---\ntype: code\nstatus: {status}\n---\n# Member {m}\n\n## Acceptance Criteria\n\n{boxes}"
                );
                fs.write(&format!(".chant/specs/{}.{m}.md", id(i)), &member);
            }
        }
    }
    for i in 400..420u64 {
        let text = format!("---\ntype: code\nstatus: completed\n---\n# Archived {i}\n");
        fs.write(&format!(".chant/archive/2026-01/{}.md", id(i)), &text);
    }
    fs.write(&format!(".chant/specs/{}.md", id(410)), "---\nstatus: [\n---\n# Broken\n");
    Arc::new(fs)
}

#[test]
fn generated_workspace_first_answers_are_final() {
    expect_test::expect!["(540, 0, 99)"].assert_eq(&format!("{:?}", compare_all(generated(), 1)));
}
