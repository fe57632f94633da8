//! The `chant-lsp` binary: the language server on stdio, or the `check` command.

use std::io::Write;
use std::process::ExitCode;

const HELP: &str = "chant-lsp — language server and checker for chant spec markdown

usage:
  chant-lsp [--stdio]          serve the Language Server Protocol on stdin/stdout
  chant-lsp check [PATH...] [--format text|json|github] [--include-archive]
                               check every spec of the workspaces at or above each PATH
  chant-lsp pr-description <SPEC_PATH_OR_ID> [--template PATH]
                               print a pull-request description filled from the spec graph
  chant-lsp --version | --help

Logs go to stderr; set RUST_LOG (e.g. RUST_LOG=chant_lsp=debug) to filter them.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    match args.first().map(String::as_str) {
        None | Some("--stdio") => {
            chant_lsp::server::run_stdio();
            ExitCode::SUCCESS
        }
        Some("--version" | "-V") => {
            let _ = writeln!(stdout.lock(), "chant-lsp {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("--help" | "-h" | "help") => {
            let _ = writeln!(stdout.lock(), "{HELP}");
            ExitCode::SUCCESS
        }
        Some("pr-description") => {
            let code = chant_lsp::cli::pr_description::run(&args[1..], &mut stdout.lock(), &mut stderr.lock());
            ExitCode::from(code as u8)
        }
        Some("check") => {
            let code = chant_lsp::cli::check::run(&args[1..], &mut stdout.lock(), &mut stderr.lock());
            ExitCode::from(code as u8)
        }
        Some(other) => {
            let _ = writeln!(stderr.lock(), "chant-lsp: unknown argument `{other}`\n\n{HELP}");
            ExitCode::from(2)
        }
    }
}
