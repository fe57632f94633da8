//! Edge cases where chant-lsp once disagreed with chant, each with the verdict chant 0.23.2
//! itself gave (`chant lint`, built from its source, run on exactly these files on 2026-12-01):
//!
//! | spec | chant 0.23.2 |
//! |---|---|
//! | 001: `commit:` twice, `note:` twice under `approval:` (unknown keys) | passes: loads |
//! | 002: `status:` twice | fails: "Failed to parse spec frontmatter" |
//! | 003: `by:` twice under `approval:` | fails: "Failed to parse spec frontmatter" |
//! | 004: YAML ended by `...`, an id in it | loads with defaults; warns `coupling` on the id |
//! | 005: `depends_on: [1234]` | fails: "Failed to parse spec frontmatter" |
//! | 006: a NUL byte in the body | passes: loads |
//! | 007: a NUL byte in the frontmatter | fails: "Failed to parse spec frontmatter" |
//! | 008: Latin-1 text | fails: "Failed to read spec" |
//! | 010: depends on 006 and 007 | fails: "Unknown dependency '…007-aaa'" only |
//!
//! The test asserts chant-lsp's findings on the same files: an error exactly where chant fails
//! (plus chant-lsp's own `frontmatter-unclosed` on 004), each failure reported once.

use std::process::Command;

use crate::support::TempWorkspace;
use expect_test::expect;

const DONE: &str = "\n## Acceptance Criteria\n\n- [x] ok\n- [x] also\n";

#[test]
fn check_agrees_with_chant_on_its_edge_cases() {
    let spec = |name: &str, frontmatter: &str, title: &str| {
        (format!(".chant/specs/2026-01-01-{name}.md"), format!("---\n{frontmatter}---\n# {title}\n{DONE}"))
    };
    let files = [
        spec(
            "001-aaa",
            "status: pending\ncommit: a\ncommit: b\napproval:\n  required: false\n  note: x\n  note: y\n",
            "Dup unknown",
        ),
        spec("002-aaa", "status: pending\nstatus: completed\n", "Dup known"),
        spec("003-aaa", "status: pending\napproval:\n  by: a\n  by: b\n", "Dup approval"),
        (
            ".chant/specs/2026-01-01-004-aaa.md".to_string(),
            format!("---\nstatus: completed\ndepends_on: [2026-01-01-009-zzz]\n...\n# Dots\n{DONE}"),
        ),
        spec("005-aaa", "status: pending\ndepends_on: [1234]\n", "Number dependency"),
        spec("010-aaa", "status: pending\ndepends_on: [2026-01-01-006-aaa, 2026-01-01-007-aaa]\n", "Dependent"),
    ];
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let ws = TempWorkspace::new(&borrowed);
    std::fs::write(
        ws.path(".chant/specs/2026-01-01-006-aaa.md"),
        format!("---\nstatus: pending\n---\n# Nul body \0\n{DONE}"),
    )
    .expect("write");
    std::fs::write(
        ws.path(".chant/specs/2026-01-01-007-aaa.md"),
        format!("---\nstatus: \0\n---\n# Nul frontmatter\n{DONE}"),
    )
    .expect("write");
    let mut latin1 = b"---\nstatus: pending\n---\n# Caf\xe9\n".to_vec();
    latin1.extend_from_slice(DONE.as_bytes());
    std::fs::write(ws.path(".chant/specs/2026-01-01-008-aaa.md"), latin1).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_chant-lsp"))
        .args(["check", "."])
        .current_dir(&ws.root)
        .output()
        .expect("run check");
    assert_eq!(out.status.code(), Some(1));
    expect![[r#"
        .chant/specs/2026-01-01-001-aaa.md:3:1: warning[unknown-field]: unknown key `commit`: chant ignores it and drops it when it rewrites the spec; did you mean `commits`?
        .chant/specs/2026-01-01-001-aaa.md:4:1: warning[unknown-field]: unknown key `commit`: chant ignores it and drops it when it rewrites the spec; did you mean `commits`?
        .chant/specs/2026-01-01-001-aaa.md:7:3: warning[unknown-field]: unknown key `note` in `approval`: chant ignores it and drops it when it rewrites the spec
        .chant/specs/2026-01-01-001-aaa.md:8:3: warning[unknown-field]: unknown key `note` in `approval`: chant ignores it and drops it when it rewrites the spec
        .chant/specs/2026-01-01-002-aaa.md:3:1: error[duplicate-key]: duplicate key `status` (first set on line 2): chant refuses to load a spec with a repeated key; keep one
        .chant/specs/2026-01-01-003-aaa.md:5:3: error[duplicate-key]: duplicate key `by` (first set on line 4): chant refuses to load a spec with a repeated key; keep one
        .chant/specs/2026-01-01-004-aaa.md:1:1: error[frontmatter-unclosed]: frontmatter ends with `...` (line 4), which ends a YAML document but not chant's frontmatter: chant finds no end and loads the spec with defaults (`type: code`, `status: pending`); write `---` instead
        .chant/specs/2026-01-01-004-aaa.md:3:14: warning[spec-id-in-body]: spec id `2026-01-01-009-zzz` in the body: use `depends_on` for dependencies instead of naming spec ids in prose (chant lint `coupling`, which keeps warning until the id leaves the text)
        .chant/specs/2026-01-01-005-aaa.md:3:1: error[invalid-type]: data did not match any variant of untagged enum OneOrMany; chant cannot load this spec
        .chant/specs/2026-01-01-006-aaa.md:1:1: warning[unreadable-spec]: a NUL byte on line 4: chant-lsp treats the file as binary and does not analyse it (chant reads it as text)
        .chant/specs/2026-01-01-007-aaa.md:1:1: error[unreadable-spec]: a NUL byte in the frontmatter (line 2): a binary file; chant's YAML parser refuses it, so chant cannot load this spec
        .chant/specs/2026-01-01-008-aaa.md:1:1: error[unreadable-spec]: not UTF-8 text (invalid byte 0xe9 at line 4, byte 6): chant cannot read it, so for chant this spec does not exist; save it as UTF-8
        .chant/specs/2026-01-01-010-aaa.md:3:34: error[unknown-dependency]: dependency `2026-01-01-007-aaa` exists (.chant/specs/2026-01-01-007-aaa.md) but chant cannot load it, so chant treats it as unknown; fix the errors in that spec
        7 errors, 6 warnings in 9 specs
    "#]]
    .assert_eq(&String::from_utf8_lossy(&out.stdout));
}

/// chant's coupling rule drops lines that start with ```` ``` ```` and toggles a block at each
/// (`remove_code_blocks` in chant 0.23.2). Observed with chant 0.23.2 on exactly these bodies on
/// 2026-12-01: it warned about `…001-abc` (a fence not at the line start opens nothing),
/// `…003-abc` (a one-line ```` ```x``` ```` opens a block), `…004-abc` (inline backticks),
/// `…006-abc` (after an indented block) and `…007-abc`, and about nothing else.
#[test]
fn spec_id_in_body_reads_fences_line_by_line_as_chant_does() {
    let bodies = [
        "Text ```\n2026-01-20-001-abc\n```\nafter",
        "```x```\n2026-01-20-002-abc\n```\n2026-01-20-003-abc",
        "Run ```x``` on 2026-01-20-004-abc.",
        "  ```rust\n2026-01-20-005-abc\n  ```\n2026-01-20-006-abc",
        "code```\n2026-01-20-007-abc\n```",
    ];
    let files: Vec<(String, String)> = bodies
        .iter()
        .enumerate()
        .map(|(i, body)| {
            let n = i + 1;
            (
                format!(".chant/specs/2026-01-01-00{n}-aaa.md"),
                format!("---\nstatus: pending\n---\n# T {n}\n\n{body}\n{DONE}"),
            )
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let ws = TempWorkspace::new(&borrowed);
    let out = Command::new(env!("CARGO_BIN_EXE_chant-lsp"))
        .args(["check", "."])
        .current_dir(&ws.root)
        .output()
        .expect("run check");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let coupling: Vec<&str> = stdout.lines().filter(|l| l.contains("[spec-id-in-body]")).collect();
    expect![[r#"
        .chant/specs/2026-01-01-001-aaa.md:7:1: warning[spec-id-in-body]: spec id `2026-01-20-001-abc` in the body: use `depends_on` for dependencies instead of naming spec ids in prose (chant lint `coupling`, which keeps warning until the id leaves the text)
        .chant/specs/2026-01-01-002-aaa.md:9:1: warning[spec-id-in-body]: spec id `2026-01-20-003-abc` in the body: use `depends_on` for dependencies instead of naming spec ids in prose (chant lint `coupling`, which keeps warning until the id leaves the text)
        .chant/specs/2026-01-01-003-aaa.md:6:16: warning[spec-id-in-body]: spec id `2026-01-20-004-abc` in the body: use `depends_on` for dependencies instead of naming spec ids in prose (chant lint `coupling`, which keeps warning until the id leaves the text)
        .chant/specs/2026-01-01-004-aaa.md:9:1: warning[spec-id-in-body]: spec id `2026-01-20-006-abc` in the body: use `depends_on` for dependencies instead of naming spec ids in prose (chant lint `coupling`, which keeps warning until the id leaves the text)
        .chant/specs/2026-01-01-005-aaa.md:7:1: warning[spec-id-in-body]: spec id `2026-01-20-007-abc` in the body: use `depends_on` for dependencies instead of naming spec ids in prose (chant lint `coupling`, which keeps warning until the id leaves the text)"#]].assert_eq(&coupling.join("\n"));
}
