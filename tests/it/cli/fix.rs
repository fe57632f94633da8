//! `check --fix`, `--diff`, `--unsafe-fixes` and `check -` (stdin) end to end, on the fixture
//! workspace in tests/fixtures/fix/: the fixed files are compared with the expected ones, the
//! diff is a snapshot, and the verdict on piped text equals the verdict on the file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::support::TempWorkspace;
use expect_test::{expect, Expect};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fix")
}

/// A copy of the fixture workspace. Its `.chant/` is stored as `_chant/`, so that the checks of
/// the whole fixtures folder do not count it as one more workspace.
fn copy_of_fixture() -> TempWorkspace {
    let ws = TempWorkspace::bare();
    copy_tree(&fixture().join("input"), &ws.root);
    std::fs::rename(ws.path("_chant"), ws.path(".chant")).expect("rename _chant");
    std::fs::create_dir_all(ws.path(".chant/archive")).expect("create archive");
    ws
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("list fixture").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chant-lsp"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run chant-lsp");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin.unwrap_or_default().as_bytes()).expect("write stdin");
    drop(input);
    child.wait_with_output().expect("wait for chant-lsp")
}

fn shown(out: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[track_caller]
fn assert_run(dir: &Path, args: &[&str], expect: Expect) {
    expect.assert_eq(&shown(&run(dir, args, None)));
}

/// Every spec file of the copy equals the one of the same name in `expected/`.
#[track_caller]
fn assert_specs_equal(ws: &TempWorkspace, expected: &str) {
    let dir = fixture().join(expected);
    let mut names: Vec<String> = std::fs::read_dir(ws.path(".chant/specs"))
        .expect("list specs")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in &names {
        let want = std::fs::read_to_string(dir.join(name)).expect("expected file");
        assert_eq!(ws.read(&format!(".chant/specs/{name}")), want, "{expected}/{name}");
    }
    assert_eq!(names.len(), std::fs::read_dir(&dir).expect("list expected").count(), "same files");
}

#[test]
fn fix_writes_the_expected_files_and_reports_what_is_left() {
    let ws = copy_of_fixture();
    assert_run(
        &ws.root,
        &["check", "--fix"],
        expect![[r#"
            exit Some(1)
            --- stdout
            .chant/specs/001-login.md:5:1: warning[unknown-field]: unknown key `pr`: chant ignores it and drops it when it rewrites the spec
            .chant/specs/001-login.md:7:5: error[self-dependency]: `001-login` is this spec's own id: a spec cannot depend on itself; remove the entry
            .chant/specs/001-login.md:8:5: information[blocked-by]: this spec is `completed` but its dependency `002-session` is still `pending`
            .chant/specs/001-login.md:18:3: warning[unchecked-criterion]: unchecked acceptance criterion in a completed spec (1 of 2 open): chant's finalize would refuse this spec; check the box if it is done
            .chant/specs/003-notes.md:5:1: information[no-acceptance-criteria]: no acceptance criteria chant can count: add a `## Acceptance Criteria` section with `- [ ]` items
            1 error, 2 warnings in 5 specs (8 fixes applied to 4 files)
            --- stderr
        "#]],
    );
    assert_specs_equal(&ws, "expected-safe");
    // Nothing is left that a second run would fix.
    assert_run(
        &ws.root,
        &["check", "--diff"],
        expect![[r#"
            exit Some(0)
            --- stdout
            --- stderr
            0 fixes would be applied to 0 files
        "#]],
    );
}

#[test]
fn unsafe_fixes_also_remove_what_has_one_obvious_removal() {
    let ws = copy_of_fixture();
    let out = run(&ws.root, &["check", "--fix", "--unsafe-fixes", "--format", "json"], None);
    expect![[r#"
        exit Some(0)
        --- stderr
        10 fixes applied to 4 files
    "#]]
    .assert_eq(&format!("exit {:?}\n--- stderr\n{}", out.status.code(), String::from_utf8_lossy(&out.stderr)));
    assert_specs_equal(&ws, "expected-unsafe");
}

#[test]
fn diff_prints_the_fixes_and_writes_nothing() {
    let ws = copy_of_fixture();
    assert_run(
        &ws.root,
        &["check", "--diff", ".chant/specs/001-login.md", ".chant/specs/003-notes.md"],
        expect![[r#"
            exit Some(1)
            --- stdout
            --- a/.chant/specs/001-login.md
            +++ b/.chant/specs/001-login.md
            @@ -1,12 +1,12 @@
             ---
            -type: implementation
            -status: complete
            -commit: abc1234
            +type: code
            +status: completed
            +commits: [abc1234]
             pr: 17
             depends_on:
               - 001-login
            -  - 002-sesion
            -prompt: standrd
            +  - 002-session
            +prompt: standard
             ---
             # Add a login page
             
            --- a/.chant/specs/003-notes.md
            +++ b/.chant/specs/003-notes.md
            @@ -1,3 +1,7 @@
            +---
            +type: code
            +status: pending
            +---
             # Meeting notes
             
             We agreed to ship the login page first.
            --- stderr
            6 fixes would be applied to 2 files
        "#]],
    );
    assert_specs_equal(&ws, "input/_chant/specs");
    let out = run(&ws.root, &["check", "--diff", "--exit-zero"], None);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn selection_limits_what_is_fixed() {
    let ws = copy_of_fixture();
    assert_run(
        &ws.root,
        &["check", "--fix", "--select", "invalid-", "--ignore", "invalid-type"],
        expect![[r#"
            exit Some(0)
            --- stdout
            0 errors, 0 warnings in 5 specs (2 fixes applied to 1 file)
            --- stderr
        "#]],
    );
    let login = ws.read(".chant/specs/001-login.md");
    assert!(login.starts_with("---\ntype: code\nstatus: completed\ncommit: abc1234\n"), "{login}");
}

#[test]
fn selection_severity_and_exit_policy() {
    let ws = copy_of_fixture();
    assert_run(
        &ws.root,
        &[
            "check",
            "--select",
            "unknown-,frontmatter-",
            "--severity",
            "unknown-field=error",
            "--ignore=unknown-dependency",
        ],
        expect![[r#"
            exit Some(1)
            --- stdout
            .chant/specs/001-login.md:4:1: error[unknown-field]: unknown key `commit`: chant ignores it and drops it when it rewrites the spec; did you mean `commits`?
            .chant/specs/001-login.md:5:1: error[unknown-field]: unknown key `pr`: chant ignores it and drops it when it rewrites the spec
            .chant/specs/001-login.md:9:9: warning[unknown-prompt]: prompt `standrd` not found: there is no .chant/prompts/standrd.md, so `chant work` fails with `Prompt not found`; did you mean `standard`?
            .chant/specs/003-notes.md:1:1: warning[frontmatter-missing]: no frontmatter: chant loads this spec as `type: code`, `status: pending` with no dependencies; start the file with a `---` block
            2 errors, 2 warnings in 5 specs
            --- stderr
        "#]],
    );
    let warnings_only = ["check", "--select", "frontmatter-missing,type-field-missing"];
    let code = |extra: &[&str]| run(&ws.root, &[&warnings_only[..], extra].concat(), None).status.code();
    assert_eq!(
        [code(&[]), code(&["--error-on", "warning"]), code(&["--error-on=warning", "--exit-zero"])],
        [Some(0), Some(1), Some(0)]
    );
}

#[test]
fn usage_errors() {
    let ws = copy_of_fixture();
    let err = |args: &[&str]| {
        let out = run(&ws.root, args, None);
        format!("{:?} {}", out.status.code(), String::from_utf8_lossy(&out.stderr).lines().next().unwrap_or_default())
    };
    let errors = [
        err(&["check", "--unsafe-fixes"]),
        err(&["check", "-"]),
        err(&["check", "--stdin-filename", "a.md"]),
        err(&["check", "--select", "nope"]),
        err(&["check", "--severity", "complexity"]),
        err(&["check", "--error-on", "hint"]),
        err(&["check", "-", "--stdin-filename", "notes.md"]),
    ];
    expect![[r#"
        Some(2) chant-lsp check: --unsafe-fixes needs --fix or --diff
        Some(2) chant-lsp check: - (stdin) needs --stdin-filename .chant/specs/ID.md
        Some(2) chant-lsp check: --stdin-filename needs - (the text on stdin)
        Some(2) chant-lsp check: --select: `nope` is no diagnostic code nor the start of one
        Some(2) chant-lsp check: --severity `complexity`: use CODE=LEVEL, LEVEL one of error, warning, information, hint, off
        Some(2) chant-lsp check: --error-on `hint`: use error, warning or information
        Some(2) chant-lsp check: notes.md: not a spec path (specs are the .md files under .chant/specs/ and .chant/archive/)
    "#]]
    .assert_eq(&(errors.join("\n") + "\n"));
}

/// The same spec piped in and read from disk gets the same report, in every format.
#[test]
fn stdin_result_equals_the_on_disk_result() {
    let ws = copy_of_fixture();
    for name in ["001-login", "002-session", "003-notes", "004-docs", "005-clean"] {
        let rel = format!(".chant/specs/{name}.md");
        let text = ws.read(&rel);
        for format in ["text", "json", "github", "sarif"] {
            let on_disk = run(&ws.root, &["check", &rel, "--format", format], None);
            let piped = run(&ws.root, &["check", "-", "--stdin-filename", &rel, "--format", format], Some(&text));
            assert_eq!(shown(&piped), shown(&on_disk), "{rel} as {format}");
        }
    }
}

#[test]
fn stdin_text_stands_in_for_the_file() {
    let ws = copy_of_fixture();
    // A spec that does not exist yet, depending on one whose text on disk is broken.
    let draft = "---\ntype: code\ndepends_on: [001-login]\n---\n# Draft\n\n## Acceptance Criteria\n\n- [ ] x\n";
    let out = run(&ws.root, &["check", "-", "--stdin-filename", ".chant/specs/draft.md"], Some(draft));
    expect![[r#"
        exit Some(1)
        --- stdout
        .chant/specs/draft.md:3:14: error[unknown-dependency]: dependency `001-login` exists (.chant/specs/001-login.md) but chant cannot load it, so chant treats it as unknown; fix the errors in that spec
        1 error, 0 warnings in 1 spec
        --- stderr
    "#]]
    .assert_eq(&shown(&out));
    assert!(!ws.path(".chant/specs/draft.md").exists());
}

#[test]
fn stdin_fix_prints_the_fixed_text_and_writes_nothing() {
    let ws = copy_of_fixture();
    let rel = ".chant/specs/001-login.md";
    let before = ws.read(rel);
    let out = run(&ws.root, &["check", "-", "--stdin-filename", rel, "--fix"], Some(&before));
    let expected = std::fs::read_to_string(fixture().join("expected-safe/001-login.md")).expect("expected");
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    expect![[r#"
        exit Some(1)
        --- stderr
        .chant/specs/001-login.md:5:1: warning[unknown-field]: unknown key `pr`: chant ignores it and drops it when it rewrites the spec
        .chant/specs/001-login.md:7:5: error[self-dependency]: `001-login` is this spec's own id: a spec cannot depend on itself; remove the entry
        .chant/specs/001-login.md:8:5: information[blocked-by]: this spec is `completed` but its dependency `002-session` is still `pending`
        .chant/specs/001-login.md:18:3: warning[unchecked-criterion]: unchecked acceptance criterion in a completed spec (1 of 2 open): chant's finalize would refuse this spec; check the box if it is done
        1 error, 2 warnings in 1 spec (5 fixes applied to 1 file)
    "#]]
    .assert_eq(&format!("exit {:?}\n--- stderr\n{}", out.status.code(), String::from_utf8_lossy(&out.stderr)));
    assert_eq!(ws.read(rel), before);
    // Nothing to fix: the text comes back unchanged.
    let clean = ws.read(".chant/specs/005-clean.md");
    let out = run(&ws.root, &["check", "-", "--stdin-filename", ".chant/specs/005-clean.md", "--fix"], Some(&clean));
    assert_eq!(String::from_utf8_lossy(&out.stdout), clean);
}

/// A spec behind a symlink is read (the link stays inside the workspace) but never replaced,
/// and a file that cannot be read as a spec is never touched.
#[test]
fn fix_leaves_links_and_unreadable_specs_alone() {
    let ws = copy_of_fixture();
    ws.write("notes/linked.md", "---\ntype: implementation\n---\n# Linked\n");
    std::os::unix::fs::symlink(ws.path("notes/linked.md"), ws.path(".chant/specs/linked.md")).expect("symlink");
    ws.write(".chant/specs/binary.md", b"---\ntype: implementation\n---\n\0\n");
    let out = run(&ws.root, &["check", "--fix", ".chant/specs/linked.md", ".chant/specs/binary.md"], None);
    expect![[r#"
        exit Some(1)
        --- stdout
        .chant/specs/binary.md:1:1: warning[unreadable-spec]: a NUL byte on line 4: chant-lsp treats the file as binary and does not analyse it (chant reads it as text)
        .chant/specs/linked.md:2:7: error[invalid-value]: `implementation` is not a valid `type`: chant cannot load this spec (expected one of code, task, driver, documentation, research, group); did you mean `code`?
        1 error, 1 warning in 2 specs (0 fixes applied to 0 files)
        --- stderr
        warning: .chant/specs/linked.md: not fixed: not a regular file (a symlink or special file): left as it is
    "#]]
    .assert_eq(&shown(&out));
    assert_eq!(ws.read("notes/linked.md"), "---\ntype: implementation\n---\n# Linked\n");
    assert_eq!(
        std::fs::read(ws.path(".chant/specs/binary.md")).expect("read"),
        b"---\ntype: implementation\n---\n\0\n"
    );
}

#[test]
fn fix_keeps_the_file_mode() {
    use std::os::unix::fs::PermissionsExt;
    let ws = copy_of_fixture();
    let path = ws.path(".chant/specs/003-notes.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let out = run(&ws.root, &["check", "--fix", ".chant/specs/003-notes.md"], None);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let mode = std::fs::metadata(&path).expect("stat").permissions().mode() & 0o777;
    assert_eq!((mode, ws.read(".chant/specs/003-notes.md").starts_with("---\ntype: code\n")), (0o600, true));
}

/// `--diff` on piped text prints what `--diff` prints for the same file on disk.
#[test]
fn stdin_diff_equals_the_on_disk_diff() {
    let ws = copy_of_fixture();
    for name in ["001-login", "002-session", "005-clean"] {
        let rel = format!(".chant/specs/{name}.md");
        let on_disk = run(&ws.root, &["check", &rel, "--diff"], None);
        let piped = run(&ws.root, &["check", "-", "--stdin-filename", &rel, "--diff"], Some(&ws.read(&rel)));
        assert_eq!(shown(&piped), shown(&on_disk), "{rel}");
    }
}
