//! The grammar every command shares: refused combinations, help on every command, shell
//! completions generated from the same definitions.

use std::process::{Command, Output};

use expect_test::expect;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chant-lsp")).args(args).output().expect("run chant-lsp")
}

fn summary(out: &Output) -> String {
    format!("{:?} {}", out.status.code(), String::from_utf8_lossy(&out.stderr))
}

/// `--fix` writes the fixes and `--diff` shows them instead: together they are refused, not read
/// as one of them.
#[test]
fn fix_with_diff_is_refused() {
    expect![[r#"
        Some(2) chant-lsp check: --fix and --diff do not go together
        usage: chant-lsp check [PATH...] [OPTIONS]
               chant-lsp check - --stdin-filename .chant/specs/ID.md [OPTIONS]
    "#]]
    .assert_eq(&summary(&run(&["check", "--fix", "--diff"])));
}

/// `fmt`'s two ways to write nothing go one at a time, and piped text names no other path;
/// `mcp` takes only `--root`.
#[test]
fn fmt_and_mcp_refuse_what_they_cannot_do() {
    let lines = [
        summary(&run(&["fmt", "--check", "--diff"])),
        summary(&run(&["fmt", "--stdin-filename", "x.md", "a"])),
        summary(&run(&["mcp", "--bogus"])),
    ];
    expect![[r#"
        Some(2) chant-lsp fmt: --check and --diff do not go together
        usage: chant-lsp fmt [PATH...] [--check | --diff] [--include-archive]
               chant-lsp fmt --stdin-filename .chant/specs/ID.md [--check | --diff] < spec

        Some(2) chant-lsp fmt: --stdin-filename formats the piped text: name no other path
        usage: chant-lsp fmt [PATH...] [--check | --diff] [--include-archive]
               chant-lsp fmt --stdin-filename .chant/specs/ID.md [--check | --diff] < spec

        Some(2) chant-lsp mcp: unknown option `--bogus`
        usage: chant-lsp mcp [OPTIONS]
    "#]]
    .assert_eq(&lines.join("\n"));
}

#[test]
fn a_missing_value_and_an_extra_argument_are_usage_errors() {
    let lines = [
        summary(&run(&["check", "--format"])),
        summary(&run(&["graph", "a", "b"])),
        summary(&run(&["schema", "x"])),
        summary(&run(&["--bogus"])),
    ];
    expect![[r#"
        Some(2) chant-lsp check: --format needs a value
        usage: chant-lsp check [PATH...] [OPTIONS]
               chant-lsp check - --stdin-filename .chant/specs/ID.md [OPTIONS]

        Some(2) chant-lsp graph: unexpected argument `b`
        usage: chant-lsp graph [PATH] [--format json|dot|mermaid] [--spec ID [--depth N]] [--include-archive]

        Some(2) chant-lsp schema: unexpected argument `x`
        usage: chant-lsp schema

        Some(2) chant-lsp: unknown option `--bogus`
        usage: chant-lsp [--stdio]          serve the Language Server Protocol on stdin/stdout
               chant-lsp COMMAND [OPTIONS]  check, explain, graph, … (`chant-lsp COMMAND --help`)
    "#]]
    .assert_eq(&lines.join("\n"));
}

/// Every command answers `--help` and `-h` with its options on stdout, and `help COMMAND` too.
#[test]
fn every_command_has_help() {
    for command in ["check", "fmt", "explain", "pr-description", "graph", "schema", "mcp", "completions"] {
        for args in [vec![command, "--help"], vec![command, "-h"], vec!["help", command]] {
            let out = run(&args);
            let stdout = String::from_utf8_lossy(&out.stdout);
            let usage = format!("\nUsage: chant-lsp {command}");
            assert_eq!(
                (out.status.code(), stdout.contains(&usage), stdout.ends_with('\n')),
                (Some(0), true, true),
                "{args:?}"
            );
        }
    }
}

/// The completion scripts know the commands and their options.
#[test]
fn completions_for_bash_zsh_and_fish() {
    for shell in ["bash", "zsh", "fish"] {
        let out = run(&["completions", shell]);
        let script = String::from_utf8_lossy(&out.stdout);
        let knows = ["pr-description", "stdin-filename", "include-archive", "unsafe-fixes"]
            .iter()
            .all(|word| script.contains(word));
        assert_eq!((out.status.code(), knows), (Some(0), true), "{shell}");
    }
    expect![[r#"
        Some(2) chant-lsp completions: SHELL: `tcsh` is not one of bash, elvish, fish, powershell, zsh
        usage: chant-lsp completions <SHELL>
    "#]]
    .assert_eq(&summary(&run(&["completions", "tcsh"])));
}
