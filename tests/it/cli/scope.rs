//! What the command line reports and where it looks: `check FILE...` reports only the named
//! specs (their workspace still read whole), every command answers `--help` with its usage and
//! exit 0, and the search for workspaces below a folder honours `.gitignore`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use expect_test::{expect, Expect};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chant-lsp")).args(args).current_dir(dir).output().expect("run chant-lsp")
}

/// Exit code, stdout and stderr in one snapshot.
#[track_caller]
fn assert_run(dir: &Path, args: &[&str], expect: Expect) {
    let out = run_in(dir, args);
    let shown = format!(
        "exit {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    expect.assert_eq(&shown);
}

/// A throw-away folder under the system temp folder, removed on drop.
struct TempTree(PathBuf);

impl TempTree {
    fn new(name: &str, files: &[(&str, &str)]) -> TempTree {
        let root = std::env::temp_dir().join(format!("chant-lsp-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for (rel, text) in files {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("temp folder");
            std::fs::write(path, text).expect("temp file");
        }
        TempTree(root)
    }
}

impl Drop for TempTree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The member spec alone: its siblings' findings are not printed, but its workspace is read (the
/// `missing-file` check needs the workspace root to know the file is absent).
#[test]
fn check_a_file_reports_only_that_spec() {
    assert_run(
        &fixtures(),
        &["check", "tdd-workflow/.chant/specs/002-test-suite-driver.2.md"],
        expect![[r#"
            exit Some(0)
            --- stdout
            tdd-workflow/.chant/specs/002-test-suite-driver.2.md:8:5: warning[missing-file]: `tests/payments/test_currency_conversion.py` (target_files) does not exist: the spec is completed but this file it should have produced is not in the workspace
            0 errors, 1 warning in 1 spec
            --- stderr
        "#]],
    );
}

/// The dependency of the named spec is archived, not unknown: the rest of the workspace was read.
/// Naming an archived spec reports it without `--include-archive`.
#[test]
fn check_files_resolve_links_through_the_whole_workspace() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/oss-maintainer-workflow");
    assert_run(
        &example,
        &["check", ".chant/specs/006-upstream-pr.md", ".chant/archive/005-fork-f/005-fork-fix.md"],
        expect![[r#"
            exit Some(0)
            --- stdout
            .chant/archive/005-fork-f/005-fork-fix.md:5:3: warning[archived-dependency]: `004-sprawl` is archived (.chant/archive/004-sprawl/004-sprawl.md): chant lint reports it as an unknown dependency and `chant work` keeps this spec blocked; remove the entry once the dependency is done
            .chant/archive/005-fork-f/005-fork-fix.md:15:3: warning[missing-file]: `.chant/research/issue-42-sprawl.md` (informed_by) does not exist: drift checks and readers of this spec cannot find it
            .chant/specs/006-upstream-pr.md:2:7: warning[type-field-missing]: documentation spec without `tracks`: list the source files this documentation follows, so drift can be detected
            .chant/specs/006-upstream-pr.md:2:7: warning[type-field-missing]: documentation spec without `target_files`: list the documentation files the work writes
            .chant/specs/006-upstream-pr.md:5:3: warning[archived-dependency]: `005-fork-fix` is archived (.chant/archive/005-fork-f/005-fork-fix.md): chant lint reports it as an unknown dependency and `chant work` keeps this spec blocked; remove the entry once the dependency is done
            .chant/specs/006-upstream-pr.md:10:3: warning[missing-file]: `.chant/research/issue-42-sprawl.md` (informed_by) does not exist: drift checks and readers of this spec cannot find it
            0 errors, 6 warnings in 2 specs
            --- stderr
        "#]],
    );
}

/// A folder named beside a file of the same workspace widens the report to the whole workspace.
#[test]
fn check_a_folder_and_a_file_of_it_reports_the_folder() {
    let out = run_in(&fixtures(), &["check", "tdd-workflow/.chant/specs/002-test-suite-driver.2.md", "tdd-workflow"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    expect!["0 errors, 4 warnings in 5 specs"].assert_eq(stdout.lines().last().unwrap_or_default());
}

#[test]
fn check_a_file_that_is_not_a_spec_is_a_usage_error() {
    let tree =
        TempTree::new("not-a-spec", &[(".chant/specs/a.md", "---\ntype: code\n---\n# A\n"), ("notes.md", "# n\n")]);
    assert_run(
        &tree.0,
        &["check", "notes.md"],
        expect![[r#"
        exit Some(2)
        --- stdout
        --- stderr
        chant-lsp check: notes.md: not a spec (specs are the .md files under .chant/specs/ and .chant/archive/)
    "#]],
    );
    let outside = TempTree::new("outside", &[("loose.md", "# loose\n")]);
    assert_run(
        &outside.0,
        &["check", "loose.md"],
        expect![[r#"
        exit Some(2)
        --- stdout
        --- stderr
        chant-lsp check: loose.md: not inside a chant workspace (no .chant/ folder above it)
    "#]],
    );
}

#[test]
fn every_command_prints_its_help_and_exits_0() {
    assert_run(
        &fixtures(),
        &["check", "--help"],
        expect![[r#"
            exit Some(0)
            --- stdout
            Check chant specs and print the findings

            Usage: chant-lsp check [PATH...] [OPTIONS]
                   chant-lsp check - --stdin-filename .chant/specs/ID.md [OPTIONS]

            Arguments:
              [PATH]...  A folder: every spec of the workspace at or above it (or, when there is none, of every
                         workspace below it); a spec file: only that spec (its workspace is still read to
                         resolve links); `-`: the text piped on stdin, as the spec named by --stdin-filename.
                         Default: the current folder

            Options:
                  --stdin-filename <PATH>  Where the piped spec lives (it need not exist yet); the text stands
                                           in for that file
                  --format <FORMAT>        text, json (every finding, as the language server publishes it),
                                           github (workflow annotations) or sarif (SARIF 2.1.0, for code
                                           scanning)
                  --fix                    Apply the fixes the editor's "fix all" applies (a finding's one fix
                                           that keeps what you wrote), then report what is left; with -, print
                                           the fixed text instead of writing a file. Criteria boxes are never
                                           ticked
                  --diff                   Print the fixes as a unified diff instead of writing them (exit 1
                                           when there is something to fix)
                  --unsafe-fixes           With --fix or --diff, also apply a finding's only fix when it removes
                                           something (an unknown key, a self-dependency)
                  --select <CODES>         Report only these codes: comma-separated names or prefixes of code
                                           families (`frontmatter-`)
                  --ignore <CODES>         Do not report these codes (names or prefixes); wins over --select
                  --severity <CODE=LEVEL>  Report CODE at LEVEL (error, warning, information, hint or off); may
                                           be repeated; laid over .chant/lsp.yaml, as --select and --ignore are
                  --exit-zero              Exit 0 whatever is found (usage and I/O errors still exit 2)
                  --error-on <LEVEL>       Exit 1 when a finding at LEVEL or above is reported: error (default),
                                           warning or information
                  --include-archive        Also report on the specs in .chant/archive/
              -h, --help                   Print help

            Examples:
              chant-lsp check --fix                     fix what is safe to fix, report the rest
              chant-lsp check --diff > fixes.patch      review the fixes first
              chant-lsp check --format sarif > chant.sarif
              chant-lsp check --select frontmatter-,yaml-syntax --error-on warning
              cat draft.md | chant-lsp check - --stdin-filename .chant/specs/draft.md --fix

            Exit codes: 0 nothing at the failing level (error, or --error-on's), 1 at least one such finding
            (or, with --diff, something to fix), 2 usage or I/O error.
            --- stderr
        "#]],
    );
    assert_run(
        &fixtures(),
        &["pr-description", "--help"],
        expect![[r#"
            exit Some(0)
            --- stdout
            Print a pull-request description filled from a spec and its dependency chain
            (e.g. `chant-lsp pr-description 006 | gh pr create --body-file -`).

            Usage: chant-lsp pr-description <SPEC_PATH_OR_ID> [--template PATH]

            Arguments:
              [SPEC_PATH_OR_ID]
                      A spec file (any .md path), or a spec id, a unique suffix or a unique part of one, looked
                      up in the workspace at or above the current folder

            Options:
                  --template <PATH>
                      The template to fill (default: the repository's pull-request template)

              -h, --help
                      Print help (see a summary with '-h')
            --- stderr
        "#]],
    );
    for args in [["check", "-h"], ["pr-description", "-h"]] {
        let out = run_in(&fixtures(), &args);
        assert_eq!(
            (out.status.code(), String::from_utf8_lossy(&out.stdout).contains("\nUsage: chant-lsp ")),
            (Some(0), true),
            "{args:?}"
        );
    }
}

/// Outside any workspace an id cannot be looked up; the message says what to pass instead.
#[test]
fn pr_description_id_outside_a_workspace_asks_for_a_path() {
    let tree = TempTree::new("no-workspace", &[("readme.md", "# r\n")]);
    assert_run(
        &tree.0,
        &["pr-description", "006"],
        expect![[r#"
        exit Some(2)
        --- stdout
        --- stderr
        chant-lsp pr-description: no .chant/ folder at or above the current folder to look up the id `006` in: run this inside a chant workspace, or pass the spec's path (e.g. path/to/.chant/specs/006.md)
    "#]],
    );
}

/// A vendored copy (ignored by `.gitignore`) holds a workspace too; only the real one is checked.
/// A workspace whose `.chant/` itself is ignored (chant's silent mode keeps it out of git) is
/// still found, and inside a workspace an ignored spec is still checked, as `chant lint` does.
#[test]
fn workspaces_below_honour_gitignore() {
    let spec = "---\ntype: code\nstatus: pending\n---\n# A spec\n\n## Acceptance Criteria\n\n- [ ] done\n";
    let tree = TempTree::new(
        "gitignore",
        &[
            (".gitignore", "vendor/\n*/.chant/\nignored-spec.md\n"),
            ("app/.chant/specs/001-a.md", spec),
            ("app/.chant/specs/ignored-spec.md", "---\ntype: docs\n---\n# Ignored\n"),
            ("vendor/lib/.chant/specs/001-v.md", "---\ntype: bogus\n---\n# Vendored\n"),
            ("tools/nested/.gitignore", "*\n"),
            ("tools/nested/deep/.chant/specs/001-n.md", "---\ntype: bogus\n---\n# Nested\n"),
        ],
    );
    assert_run(
        &tree.0,
        &["check"],
        expect![[r#"
        exit Some(1)
        --- stdout
        app/.chant/specs/ignored-spec.md:2:7: error[invalid-value]: `docs` is not a valid `type`: chant cannot load this spec (expected one of code, task, driver, documentation, research, group); did you mean `documentation`?
        1 error, 0 warnings in 2 specs
        --- stderr
    "#]],
    );
    // Named directly, an ignored folder is checked: the rules only steer the search.
    let out = run_in(&tree.0, &["check", "vendor/lib"]);
    assert_eq!(out.status.code(), Some(1));
}

/// `.chant-lsp-ignore` (gitignore syntax) keeps folders out of the search for workspaces without
/// touching git: fixtures git must keep are not checked from above, only when named.
#[test]
fn workspaces_below_honour_chant_lsp_ignore() {
    let spec = "---\ntype: code\nstatus: pending\n---\n# A spec\n\n## Acceptance Criteria\n\n- [ ] done\n";
    let tree = TempTree::new(
        "chant-lsp-ignore",
        &[
            ("app/.chant/specs/001-a.md", spec),
            ("tests/.chant-lsp-ignore", "fixtures/\n"),
            ("tests/fixtures/broken/.chant/specs/001-b.md", "---\ntype: bogus\n---\n# Broken on purpose\n"),
        ],
    );
    assert_run(
        &tree.0,
        &["check"],
        expect![[r#"
        exit Some(0)
        --- stdout
        0 errors, 0 warnings in 1 spec
        --- stderr
    "#]],
    );
    assert_eq!(run_in(&tree.0, &["check", "tests/fixtures/broken"]).status.code(), Some(1));
    assert_eq!(run_in(&tree.0.join("tests/fixtures"), &["check"]).status.code(), Some(1));
}

/// This repository's own root: the fixtures are skipped, the shipped example is checked.
#[test]
fn check_in_this_repository_root() {
    let out = run_in(Path::new(env!("CARGO_MANIFEST_DIR")), &["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let checked: Vec<&str> =
        stdout.lines().filter_map(|l| l.split("/.chant/").next().filter(|_| l.contains("/.chant/"))).collect();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(checked.iter().all(|w| w.starts_with("examples/")), "{checked:?}");
}
