//! The `check` command end to end: formats, exit codes and the verdicts on real workspaces
//! (copies of chant's example workspaces and of the chant project's own specs).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::TempWorkspace;
use expect_test::{expect, Expect};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chant-lsp")).args(args).current_dir(dir).output().expect("run chant-lsp")
}

#[track_caller]
fn check_output(args: &[&str], code: i32, expect: Expect) {
    let out = run_in(&fixtures(), args);
    assert_eq!(out.status.code(), Some(code), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    expect.assert_eq(&String::from_utf8_lossy(&out.stdout));
}

#[test]
fn text_format_on_approval_workflow() {
    check_output(
        &["check", "approval-workflow"],
        1,
        expect![[r#"
        approval-workflow/.chant/specs/001-risky-refactor.md:2:7: error[invalid-value]: `implementation` is not a valid `type`: chant cannot load this spec (expected one of code, task, driver, documentation, research, group); did you mean `code`?
        approval-workflow/.chant/specs/002-approved-feature.md:2:7: error[invalid-value]: `implementation` is not a valid `type`: chant cannot load this spec (expected one of code, task, driver, documentation, research, group); did you mean `code`?
        approval-workflow/.chant/specs/003-rejected-change.md:2:7: error[invalid-value]: `implementation` is not a valid `type`: chant cannot load this spec (expected one of code, task, driver, documentation, research, group); did you mean `code`?
        3 errors, 0 warnings in 3 specs
    "#]],
    );
}

#[test]
fn json_format_on_kpi_workflow() {
    check_output(
        &["check", "kpi-okr-workflow", "--format", "json"],
        1,
        expect![[r#"
        [{"code":"unknown-prompt","message":"prompt `research` not found: there is no .chant/prompts/research.md, so `chant work` fails with `Prompt not found`","path":"kpi-okr-workflow/.chant/specs/001-research-churn-drivers.md","range":{"end":{"character":16,"line":3},"start":{"character":8,"line":3}},"severity":"warning"},{"code":"invalid-value","message":"`implementation` is not a valid `type`: chant cannot load this spec (expected one of code, task, driver, documentation, research, group); did you mean `code`?","path":"kpi-okr-workflow/.chant/specs/002-driver-churn-fixes.1.md","range":{"end":{"character":20,"line":1},"start":{"character":6,"line":1}},"severity":"error"},{"code":"invalid-value","message":"`implementation` is not a valid `type`: chant cannot load this spec (expected one of code, task, driver, documentation, research, group); did you mean `code`?","path":"kpi-okr-workflow/.chant/specs/002-driver-churn-fixes.2.md","range":{"end":{"character":20,"line":1},"start":{"character":6,"line":1}},"severity":"error"},{"code":"invalid-value","message":"`implementation` is not a valid `type`: chant cannot load this spec (expected one of code, task, driver, documentation, research, group); did you mean `code`?","path":"kpi-okr-workflow/.chant/specs/002-driver-churn-fixes.3.md","range":{"end":{"character":20,"line":1},"start":{"character":6,"line":1}},"severity":"error"},{"code":"unknown-member","message":"member spec `002-driver-churn-fixes.1` exists but chant cannot load it, so chant reports it unknown","path":"kpi-okr-workflow/.chant/specs/002-driver-churn-fixes.md","range":{"end":{"character":28,"line":7},"start":{"character":4,"line":7}},"severity":"error"},{"code":"unknown-member","message":"member spec `002-driver-churn-fixes.2` exists but chant cannot load it, so chant reports it unknown","path":"kpi-okr-workflow/.chant/specs/002-driver-churn-fixes.md","range":{"end":{"character":28,"line":8},"start":{"character":4,"line":8}},"severity":"error"},{"code":"unknown-member","message":"member spec `002-driver-churn-fixes.3` exists but chant cannot load it, so chant reports it unknown","path":"kpi-okr-workflow/.chant/specs/002-driver-churn-fixes.md","range":{"end":{"character":28,"line":9},"start":{"character":4,"line":9}},"severity":"error"}]
    "#]],
    );
}

#[test]
fn github_format_on_tdd_workflow() {
    check_output(
        &["check", "--format=github", "tdd-workflow"],
        0,
        expect![[r#"
        ::warning file=tdd-workflow/.chant/specs/001-coverage-analysis.md,line=4,col=9,endLine=4,endColumn=17,title=unknown-prompt::prompt `research` not found: there is no .chant/prompts/research.md, so `chant work` fails with `Prompt not found`
        ::warning file=tdd-workflow/.chant/specs/001-coverage-analysis.md,line=8,col=5,endLine=8,endColumn=49,title=missing-file::`.chant/context/payments-coverage-analysis.md` (target_files) does not exist: the spec is completed but this file it should have produced is not in the workspace
        ::warning file=tdd-workflow/.chant/specs/002-test-suite-driver.2.md,line=8,col=5,endLine=8,endColumn=47,title=missing-file::`tests/payments/test_currency_conversion.py` (target_files) does not exist: the spec is completed but this file it should have produced is not in the workspace
        ::warning file=tdd-workflow/.chant/specs/002-test-suite-driver.3.md,line=8,col=5,endLine=8,endColumn=40,title=missing-file::`tests/payments/test_refund_retry.py` (target_files) does not exist: the spec is completed but this file it should have produced is not in the workspace
    "#]],
    );
}

#[test]
fn several_paths_and_workspaces_below() {
    let out = run_in(&fixtures(), &["check", "tdd-workflow/.chant/specs", "."]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let summary = stdout.lines().last().unwrap_or_default().to_string();
    let ids: Vec<&str> = ["approval-workflow", "kpi-okr-workflow", "tdd-workflow"]
        .into_iter()
        .filter(|w| stdout.contains(&format!("{w}/.chant/specs")))
        .collect();
    assert_eq!((summary.as_str(), ids.len(), out.status.code()), ("9 errors, 5 warnings in 14 specs", 3, Some(1)));
}

/// The chant project's own 860 specs: chant cannot load exactly 19 of them, and exactly 41
/// completed specs still have criteria chant counts as unchecked.
#[test]
fn corpus_verdicts_match_chant() {
    let out = run_in(&fixtures(), &["check", "corpus-chant-2026-02-11", "--include-archive"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let specs_with = |needle: &str| {
        let mut specs: Vec<&str> =
            stdout.lines().filter(|l| l.contains(needle)).filter_map(|l| l.split(':').next()).collect();
        specs.dedup();
        specs
    };
    let errors = specs_with(": error[");
    assert_eq!(errors.len(), 19);
    assert!(stdout
        .lines()
        .filter(|l| l.contains(": error["))
        .all(|l| l.contains("error[invalid-value]: `conflict`") || l.contains("error[invalid-value]: `docs`")));
    assert_eq!(specs_with(": warning[unchecked-criterion]").len(), 41);
    expect!["19 errors, 1920 warnings in 860 specs"].assert_eq(stdout.lines().last().unwrap_or_default());
}

#[test]
fn usage_and_io_errors_exit_2() {
    for (args, message) in [
        (vec!["check", "--format", "xml"], "unknown format `xml`"),
        (vec!["check", "--bogus"], "unknown option `--bogus`"),
        (vec!["check", "does/not/exist"], "no such file or folder"),
        (vec!["frobnicate"], "unknown argument `frobnicate`"),
    ] {
        let out = run_in(&fixtures(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(message), "{args:?}");
    }
    let empty = TempWorkspace::bare();
    let out = run_in(&empty.root, &["check"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn version_and_help() {
    let version = run_in(&fixtures(), &["--version"]);
    assert_eq!(String::from_utf8_lossy(&version.stdout), format!("chant-lsp {}\n", env!("CARGO_PKG_VERSION")));
    let help = run_in(&fixtures(), &["--help"]);
    assert!(String::from_utf8_lossy(&help.stdout)
        .contains("\n  check           Check chant specs and print the findings\n"));
}

/// `.chant/lsp.yaml` changes severities for `check` exactly as for the editor; problems in that
/// file are reported on stderr instead of failing the run, while a spec that cannot be read is a
/// finding like any other (a warning here: chant still reads a file with a NUL byte outside the
/// frontmatter).
#[test]
fn severity_overrides_from_repository_file() {
    let ws = TempWorkspace::fixture(
        r#"
        //- /.chant/specs/a.md
        ---
        type: docs
        commit: abc
        ---
        # A
        //- /.chant/lsp.yaml
        severity:
          invalid-value: warning
          unknown-field: off
          no-such-code: error
        "#,
    );
    ws.write(".chant/specs/bin.md", b"---\n\x00\x01\n");
    let out = run_in(&ws.root, &["check"]);
    assert_eq!(out.status.code(), Some(0));
    expect![[r#"
        .chant/specs/a.md:2:7: warning[invalid-value]: `docs` is not a valid `type`: chant cannot load this spec (expected one of code, task, driver, documentation, research, group); did you mean `documentation`?
        .chant/specs/bin.md:1:1: warning[unreadable-spec]: a NUL byte on line 2: chant-lsp treats the file as binary and does not analyse it (chant reads it as text)
        0 errors, 2 warnings in 2 specs
    "#]]
    .assert_eq(&String::from_utf8_lossy(&out.stdout));
    expect![[r#"
        warning: .chant/lsp.yaml: unknown diagnostic code `no-such-code`
    "#]]
    .assert_eq(&String::from_utf8_lossy(&out.stderr));
}

/// Spec files that are not text are findings in every format, on line 1: an error when chant
/// cannot load the file either (Latin-1), a warning when it can (a NUL byte in the body). A spec
/// depending on the first is told why its dependency does not count; on the second, nothing.
#[test]
fn unreadable_specs_are_findings_in_every_format() {
    let ws = TempWorkspace::fixture(
        r#"
        //- /.chant/specs/a.md
        ---
        depends_on: [latin1, logo]
        ---
        # A

        ## Acceptance Criteria

        - [x] done
        "#,
    );
    // Not text, so written as bytes.
    ws.write(".chant/specs/logo.md", b"---\nstatus: pending\n---\n# Logo\x00\n");
    ws.write(".chant/specs/latin1.md", b"---\nstatus: pending\n---\n# Caf\xe9\n");
    let outputs: Vec<String> = ["text", "json", "github"]
        .iter()
        .map(|format| {
            let out = run_in(&ws.root, &["check", "--format", format]);
            assert_eq!(out.status.code(), Some(1), "{format}");
            assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{format}");
            String::from_utf8_lossy(&out.stdout).replace("},{", "},\n{")
        })
        .collect();
    expect![[r#"
        .chant/specs/a.md:2:14: error[unknown-dependency]: dependency `latin1` exists (.chant/specs/latin1.md) but chant cannot load it, so chant treats it as unknown; fix the errors in that spec
        .chant/specs/latin1.md:1:1: error[unreadable-spec]: not UTF-8 text (invalid byte 0xe9 at line 4, byte 6): chant cannot read it, so for chant this spec does not exist; save it as UTF-8
        .chant/specs/logo.md:1:1: warning[unreadable-spec]: a NUL byte on line 4: chant-lsp treats the file as binary and does not analyse it (chant reads it as text)
        2 errors, 1 warning in 3 specs

        [{"code":"unknown-dependency","message":"dependency `latin1` exists (.chant/specs/latin1.md) but chant cannot load it, so chant treats it as unknown; fix the errors in that spec","path":".chant/specs/a.md","range":{"end":{"character":19,"line":1},"start":{"character":13,"line":1}},"severity":"error"},
        {"code":"unreadable-spec","message":"not UTF-8 text (invalid byte 0xe9 at line 4, byte 6): chant cannot read it, so for chant this spec does not exist; save it as UTF-8","path":".chant/specs/latin1.md","range":{"end":{"character":0,"line":0},"start":{"character":0,"line":0}},"severity":"error"},
        {"code":"unreadable-spec","message":"a NUL byte on line 4: chant-lsp treats the file as binary and does not analyse it (chant reads it as text)","path":".chant/specs/logo.md","range":{"end":{"character":0,"line":0},"start":{"character":0,"line":0}},"severity":"warning"}]

        ::error file=.chant/specs/a.md,line=2,col=14,endLine=2,endColumn=20,title=unknown-dependency::dependency `latin1` exists (.chant/specs/latin1.md) but chant cannot load it, so chant treats it as unknown; fix the errors in that spec
        ::error file=.chant/specs/latin1.md,line=1,col=1,endLine=1,endColumn=1,title=unreadable-spec::not UTF-8 text (invalid byte 0xe9 at line 4, byte 6): chant cannot read it, so for chant this spec does not exist; save it as UTF-8
        ::warning file=.chant/specs/logo.md,line=1,col=1,endLine=1,endColumn=1,title=unreadable-spec::a NUL byte on line 4: chant-lsp treats the file as binary and does not analyse it (chant reads it as text)
    "#]]
    .assert_eq(&outputs.join("\n"));
}
