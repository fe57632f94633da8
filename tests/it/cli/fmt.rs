//! `fmt` against chant itself: for every spec of the corpus, chant's example workspaces and the
//! edge cases in `tests/fixtures/fmt/specs/`, chant 0.23.2's own save was recorded
//! (`scripts/record-chant-save.sh`) into `tests/fixtures/fmt/chant-save.jsonl`. The formatter
//! must write exactly those bytes, except for the kept lines (frontmatter comments and unknown
//! keys, which chant deletes), leave every spec chant cannot load alone with chant's reason, and
//! change nothing the second time. Then the command line: `--check`, `--diff`, writing, stdin.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chant_lsp::ide::format::{format_spec, Formatted};
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// chant's recorded save of one spec: its whole output, or its load error.
fn chant_save(record: &Value, source: &str) -> Result<String, String> {
    if let Some(error) = record["error"].as_str() {
        return Err(error.to_string());
    }
    let frontmatter = record["frontmatter"].as_str().expect("frontmatter");
    let body = &record["body"];
    let (start, end) = (body[0].as_u64().expect("start") as usize, body[1].as_u64().expect("end") as usize);
    Ok(format!("{frontmatter}{}", &source[start..end]))
}

/// The formatted text with the kept bytes taken out: what chant's save would have written.
fn without_kept(formatted: &Formatted) -> String {
    let mut out = String::new();
    let mut at = 0;
    for range in &formatted.kept {
        out.push_str(&formatted.text[at..range.start as usize]);
        at = range.end as usize;
    }
    out.push_str(&formatted.text[at..]);
    out
}

#[test]
fn fmt_writes_what_chant_saves_on_every_recorded_spec() {
    let records = std::fs::read_to_string(fixtures().join("fmt/chant-save.jsonl")).expect("records");
    let (mut identical, mut with_kept, mut unloadable, mut unchanged) = (0, 0, 0, 0);
    let mut kept_examples = Vec::new();
    for line in records.lines() {
        let record: Value = serde_json::from_str(line).expect("json");
        let spec = record["spec"].as_str().expect("spec");
        let source = std::fs::read_to_string(fixtures().join(spec)).expect("spec text");
        match (chant_save(&record, &source), format_spec(&source)) {
            (Ok(chant), Ok(formatted)) => {
                assert_eq!(without_kept(&formatted), chant, "{spec}: differs from chant's save beyond the kept lines");
                let again = format_spec(&formatted.text).expect("formats again");
                assert_eq!(again, formatted, "{spec}: not idempotent");
                if formatted.kept.is_empty() {
                    identical += 1;
                } else {
                    with_kept += 1;
                    kept_examples
                        .extend(formatted.kept.iter().map(|r| format!("{spec}: {:?}", &formatted.text[r.as_usize()])));
                }
                unchanged += usize::from(formatted.text == source);
            }
            (Err(chant), Err(ours)) => {
                assert_eq!(ours.reason, format!("chant cannot load it: {chant}"), "{spec}");
                unloadable += 1;
            }
            (chant, ours) => panic!("{spec}: chant {chant:?}, fmt {ours:?}"),
        }
    }
    let summary = format!(
        "{identical} byte-identical to chant, {with_kept} identical but for kept lines, {unloadable} chant cannot load (left alone), {unchanged} already formatted\n{}",
        kept_examples.join("\n")
    );
    expect_test::expect_file!["../../fixtures/fmt/summary.txt"].assert_eq(&summary);
}

/// Runs the built `chant-lsp` in `dir`.
fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chant-lsp"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    if let Some(text) = stdin {
        use std::io::Write;
        child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write stdin");
    }
    child.wait_with_output().expect("output")
}

fn shown(output: &Output) -> String {
    format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

const MESSY: &str = "---\nstatus: pending # keep\ntype: code\nlabels: [a]\n---\n\n# Messy\n";
const TIDY: &str = "---\ntype: code\nstatus: pending\n---\n# Tidy";
const BROKEN: &str = "---\ntype: docs\n---\n# Broken\n";

fn workspace(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("chant-lsp-fmt-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join(".chant/specs")).expect("mkdir");
    for (file, text) in [("messy.md", MESSY), ("tidy.md", TIDY), ("broken.md", BROKEN)] {
        std::fs::write(root.join(".chant/specs").join(file), text).expect("write");
    }
    root
}

#[test]
fn check_and_diff_write_nothing_and_exit_1_when_a_spec_would_change() {
    let root = workspace("check");
    let check = run(&root, &["fmt", "--check"], None);
    expect_test::expect![[r#"
        exit 1
        --- stdout
        .chant/specs/messy.md
        --- stderr
        .chant/specs/broken.md: left as it is: chant cannot load it: Failed to parse spec frontmatter: type: unknown variant `docs`, expected one of `code`, `task`, `driver`, `documentation`, `research`, `group` at line 2 column 7
        1 of 3 specs would be reformatted, 1 left as they are
    "#]]
    .assert_eq(&shown(&check));
    let diff = run(&root, &["fmt", "--diff", ".chant/specs/messy.md"], None);
    expect_test::expect![[r#"
        exit 1
        --- stdout
        --- a/.chant/specs/messy.md
        +++ b/.chant/specs/messy.md
        @@ -1,7 +1,7 @@
         ---
        +type: code
         status: pending # keep
        -type: code
        -labels: [a]
        +labels:
        +- a
         ---
        -
        -# Messy
        +# Messy
        \ No newline at end of file
        --- stderr
        1 of 1 specs would be reformatted
    "#]]
    .assert_eq(&shown(&diff));
    let tidy_only = run(&root, &["fmt", "--check", ".chant/specs/tidy.md"], None);
    assert_eq!(shown(&tidy_only), "exit 0\n--- stdout\n--- stderr\n0 of 1 specs would be reformatted\n");
    assert_eq!(std::fs::read_to_string(root.join(".chant/specs/messy.md")).expect("read"), MESSY);
    std::fs::remove_dir_all(&root).expect("clean up");
}

#[test]
fn fmt_writes_once_and_then_has_nothing_to_do() {
    let root = workspace("write");
    let first = run(&root, &["fmt"], None);
    assert_eq!(first.status.code(), Some(0), "{}", shown(&first));
    let read = |name: &str| std::fs::read_to_string(root.join(".chant/specs").join(name)).expect("read");
    assert_eq!(read("messy.md"), "---\ntype: code\nstatus: pending # keep\nlabels:\n- a\n---\n# Messy");
    assert_eq!((read("tidy.md").as_str(), read("broken.md").as_str()), (TIDY, BROKEN));
    let second = run(&root, &["fmt", "--check"], None);
    assert_eq!(second.status.code(), Some(0), "{}", shown(&second));
    std::fs::remove_dir_all(&root).expect("clean up");
}

#[test]
fn stdin_prints_the_formatted_text() {
    let root = workspace("stdin");
    let args = ["fmt", "--stdin-filename", ".chant/specs/new.md"];
    let out = run(&root, &args, Some(MESSY));
    assert_eq!(
        shown(&out),
        "exit 0\n--- stdout\n---\ntype: code\nstatus: pending # keep\nlabels:\n- a\n---\n# Messy--- stderr\n"
    );
    let check = run(&root, &["fmt", "--check", "--stdin-filename", ".chant/specs/new.md"], Some(TIDY));
    assert_eq!(shown(&check), "exit 0\n--- stdout\n--- stderr\n");
    let broken = run(&root, &args, Some(BROKEN));
    assert_eq!(broken.stdout, BROKEN.as_bytes());
    assert!(
        String::from_utf8_lossy(&broken.stderr).starts_with(".chant/specs/new.md: left as it is: chant cannot load it")
    );
    std::fs::remove_dir_all(&root).expect("clean up");
}
