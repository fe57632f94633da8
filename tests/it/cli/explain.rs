//! `chant-lsp explain`: a code's documentation is its section of docs/diagnostics.md, word for
//! word, and `--list` names every code of the catalogue with its default severity.

use std::process::{Command, Output};

use expect_test::expect;

fn explain(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chant-lsp")).arg("explain").args(args).output().expect("run chant-lsp")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn explain_prints_the_documented_section() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diagnostics.md")).expect("docs");
    for code in chant_lsp::catalogue::Code::ALL {
        let out = explain(&[code.as_str()]);
        let text = stdout(&out);
        assert_eq!(out.status.code(), Some(0), "{}", code.as_str());
        assert!(text.starts_with(&format!("### `{}`\n\n**Default severity:** ", code.as_str())), "{text}");
        assert!(doc.contains(text.trim_end()), "{}: not a verbatim section of the docs", code.as_str());
    }
    expect![[r#"
        ### `self-dependency`

        **Default severity:** error

        **When:** a spec lists its own id in `depends_on`.

        **What chant does:** chant does not check for this; the spec waits for itself and stays blocked
        forever. (A check chant lacks.)

        **Example:** `add-login.md`

        ```markdown
        ---
        type: code
        depends_on: [add-login]
        ---

        # Add a login page
        ```

        ```text
        .chant/specs/add-login.md:3:14: error[self-dependency]: `add-login` is this spec's own id: a spec cannot depend on itself; remove the entry
        ```

        **Fix:** remove the entry.
    "#]]
    .assert_eq(&stdout(&explain(&["self-dependency"])));
}

#[test]
fn explain_list_names_every_code_with_its_severity() {
    let out = explain(&["--list"]);
    let codes: Vec<String> =
        stdout(&out).lines().map(|l| l.split_whitespace().take(2).collect::<Vec<_>>().join(" ")).collect();
    let catalogue: Vec<String> = chant_lsp::catalogue::Code::ALL
        .iter()
        .map(|c| {
            // Rules that decide per finding say on what, as docs/diagnostics.md does.
            let severity = match c.as_str() {
                "unchecked-criterion" => "by status",
                "unreadable-spec" => "error/warning",
                _ => c.default_severity().as_str(),
            };
            let severity = severity.split_whitespace().next().unwrap_or_default();
            format!("{} {severity}", c.as_str())
        })
        .collect();
    assert_eq!((out.status.code(), codes), (Some(0), catalogue));
    expect![[r#"
        unreadable-spec         error/warning  A file in `.chant/specs/` or `.chant/archive/` cannot be read as a spec: it is not valid UTF-8 (text saved in Latin-1 or UTF-16), it holds NUL bytes (an image or other binary saved with a `.md` name), it is larger than 4 MiB, it is a symlink leading outside the workspace or a symlink loop, or it is not a regular file (a FIFO, a socket, a device).
        frontmatter-missing     warning        The file does not start with a `---` block.
    "#]]
    .assert_eq(&stdout(&out).lines().take(2).map(|l| format!("{l}\n")).collect::<String>());
}

#[test]
fn an_unknown_code_is_a_usage_error() {
    let out = explain(&["unknown"]);
    expect![[r#"
        Some(2) chant-lsp explain: `unknown` is no diagnostic code (did you mean unknown-field, unknown-dependency, unknown-member, unknown-prompt?); `chant-lsp explain --list` lists them
    "#]]
    .assert_eq(&format!("{:?} {}", out.status.code(), String::from_utf8_lossy(&out.stderr)));
    assert_eq!(explain(&[]).status.code(), Some(2));
}
