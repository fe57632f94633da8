//! `check --fix` on copies of the shipped example and of the chant corpus changes only what the
//! fixes say: the trees before and after are compared file by file (contents and modes), every
//! changed file holds exactly the text fix-all makes of it, `--diff` printed exactly those
//! changes beforehand and wrote nothing, no criteria box was ticked, and a second run finds
//! nothing left to fix.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::TempWorkspace;
use chant_lsp::cli::diff::unified_diff;
use chant_lsp::cli::fix::{fix_reported, FixedSpec};
use chant_lsp::ide::code_actions::Applicability;
use chant_lsp::workspace::load::load_workspace;

/// Every file below `root` (relative path → bytes and permission bits).
fn snapshot(root: &Path) -> BTreeMap<PathBuf, (Vec<u8>, u32)> {
    let mut files = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("list").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let mode = std::fs::metadata(&path).expect("stat").permissions().mode() & 0o7777;
                let rel = path.strip_prefix(root).expect("inside").to_path_buf();
                files.insert(rel, (std::fs::read(&path).expect("read"), mode));
            }
        }
    }
    files
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("list").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chant-lsp")).args(args).current_dir(dir).output().expect("run chant-lsp")
}

/// What fix-all makes of every spec of the workspace, computed in this process on the unfixed
/// copy, in the order `check` fixes them (sorted paths).
fn expected_fixes(root: &Path, applicability: Applicability) -> Vec<FixedSpec> {
    let (mut ws, _) = load_workspace(root);
    let mut paths: Vec<PathBuf> = ws.specs().map(|(path, _)| path.to_path_buf()).collect();
    paths.sort();
    let overrides = ws.file_overrides.clone();
    fix_reported(&mut ws, &paths, &overrides, applicability)
}

fn ticked(text: &str) -> usize {
    text.lines().filter(|l| l.trim_start().starts_with("- [x]") || l.trim_start().starts_with("- [X]")).count()
}

/// Runs the whole comparison on a copy of `source`; returns (files changed, fixes applied).
fn fix_changes_only_what_the_fixes_say(source: &Path, applicability: Applicability) -> (usize, usize) {
    let unsafe_fixes: &[&str] = match applicability {
        Applicability::Safe => &[],
        Applicability::Unsafe => &["--unsafe-fixes"],
    };
    let run = |dir: &Path, args: &[&str]| run(dir, &[args, unsafe_fixes].concat());
    let copy = TempWorkspace::bare();
    copy_tree(source, &copy.root);
    let root = copy.root.canonicalize().expect("resolve root");
    let before = snapshot(&root);

    let diff = run(&root, &["check", "--diff", "--include-archive"]);
    assert_eq!(snapshot(&root), before, "--diff wrote something");
    let expected = expected_fixes(&root, applicability);
    assert!(!expected.is_empty(), "nothing to fix in {}", source.display());

    let fixed = run(&root, &["check", "--fix", "--include-archive"]);
    assert!(fixed.status.code().is_some_and(|c| c < 2), "{}", String::from_utf8_lossy(&fixed.stderr));
    let after = snapshot(&root);
    assert_eq!(after.keys().collect::<Vec<_>>(), before.keys().collect::<Vec<_>>(), "files added or removed");

    let by_path: BTreeMap<PathBuf, &FixedSpec> =
        expected.iter().map(|f| (f.path.strip_prefix(&root).expect("inside").to_path_buf(), f)).collect();
    let mut printed = String::new();
    for (rel, (bytes, mode)) in &after {
        let (old_bytes, old_mode) = &before[rel];
        assert_eq!(mode, old_mode, "{}: mode changed", rel.display());
        match by_path.get(rel) {
            None => assert!(bytes == old_bytes, "{}: changed, but no fix applies to it", rel.display()),
            Some(fix) => {
                let text = String::from_utf8(bytes.clone()).expect("UTF-8");
                assert_eq!(fix.before.as_bytes(), old_bytes.as_slice(), "{}", rel.display());
                assert_eq!(text, fix.after, "{}: not what the fixes make of it", rel.display());
                assert_eq!(ticked(&text), ticked(&fix.before), "{}: a criteria box was ticked", rel.display());
                printed.push_str(&unified_diff(&rel.display().to_string(), &fix.before, &text));
            }
        }
    }
    // `--diff` lists files in the order it fixed them (sorted absolute paths), as does this walk.
    assert!(String::from_utf8_lossy(&diff.stdout) == printed, "--diff did not print the changes made");
    let n_fixes: usize = expected.iter().map(|f| f.n_fixes).sum();
    let summary = format!("{n_fixes} fixes applied to {} files", expected.len());
    let stdout = String::from_utf8_lossy(&fixed.stdout);
    assert!(stdout.lines().last().is_some_and(|l| l.ends_with(&format!("({summary})"))), "{stdout}");

    let again = run(&root, &["check", "--diff", "--include-archive"]);
    assert_eq!((again.status.code(), again.stdout.len()), (Some(0), 0), "a second run still fixes something");
    (expected.len(), n_fixes)
}

#[test]
fn fix_on_the_shipped_example_changes_only_what_the_fixes_say() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/oss-maintainer-workflow");
    assert_eq!(fix_changes_only_what_the_fixes_say(&example, Applicability::Safe), (3, 5));
    assert_eq!(fix_changes_only_what_the_fixes_say(&example, Applicability::Unsafe), (3, 5));
}

#[test]
fn fix_on_the_corpus_changes_only_what_the_fixes_say() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus-chant-2026-02-11");
    assert_eq!(fix_changes_only_what_the_fixes_say(&corpus, Applicability::Safe), (174, 208));
    assert_eq!(fix_changes_only_what_the_fixes_say(&corpus, Applicability::Unsafe), (178, 214));
}
