//! The `chant-lsp` binary: the language server on stdio, or one of the commands (`check`,
//! `explain`, `pr-description`, `graph`, `schema`).

use std::io::Write;
use std::process::ExitCode;

// Parsing 10,000 specs makes millions of short-lived allocations on every core; mimalloc's
// per-thread heaps take them with less contention and fewer page faults than glibc's malloc.
// It is built without transparent huge pages (feature `no_thp`): with them, every purged and
// reused region was faulted back in as a zeroed 2 MiB page, a fifth of the server's start-up.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc 3's `mi_option_e` (libmimalloc-sys is pinned for this).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// A long-running server should give freed memory back at once rather than keep it for reuse:
/// with mimalloc's default delay its resident size after indexing 10,000 specs is ~150 MB
/// instead of ~130 MB.
fn tune_allocator_for_server() {
    // SAFETY: called first thing in `main`, before any thread exists (mi_option_set is not
    // thread safe); the option only changes when freed pages are returned to the OS.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
}

const HELP: &str = "chant-lsp — language server and checker for chant spec markdown

usage:
  chant-lsp [--stdio]          serve the Language Server Protocol on stdin/stdout
  chant-lsp check [PATH...] [--format text|json|github|sarif] [--fix | --diff] [--unsafe-fixes]
                  [--select CODES] [--ignore CODES] [--severity CODE=LEVEL] [--exit-zero]
                  [--error-on LEVEL] [--include-archive]
                               check every spec of the workspaces at or above each folder
                               PATH, or only the spec files named; --fix applies the editor's
                               safe fixes, --diff shows them
  chant-lsp check - --stdin-filename .chant/specs/ID.md [--fix | --diff]
                               check the text piped in as that spec of its workspace
  chant-lsp fmt [PATH...] [--check | --diff]   (or --stdin-filename .chant/specs/ID.md)
                               write specs as chant's own save does, keeping comments and
                               unknown keys; --check exits 1 when a spec would change
  chant-lsp explain CODE | --list
                               what a diagnostic code means, with an example and its fix
  chant-lsp pr-description <SPEC_PATH_OR_ID> [--template PATH]
                               print a pull-request description filled from the spec graph
  chant-lsp graph [PATH] [--format json|dot|mermaid] [--spec ID [--depth N]] [--include-archive]
                               print the spec graph (dependencies, members, research links)
  chant-lsp schema             print a JSON Schema (draft 2020-12) of spec frontmatter
  chant-lsp mcp [--root DIR]   serve the Model Context Protocol on stdin/stdout (tools for agents)
  chant-lsp --version | --help
  chant-lsp COMMAND --help     the options of one command

Logs go to stderr; set RUST_LOG (e.g. RUST_LOG=chant_lsp=debug) to filter them.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    match args.first().map(String::as_str) {
        None | Some("--stdio") => {
            tune_allocator_for_server();
            ExitCode::from(chant_lsp::server::run_stdio().exit_code())
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
        Some("graph") => {
            let code = chant_lsp::cli::graph::run(&args[1..], &mut stdout.lock(), &mut stderr.lock());
            ExitCode::from(code as u8)
        }
        Some("schema") => {
            let code = chant_lsp::cli::schema::run(&args[1..], &mut stdout.lock(), &mut stderr.lock());
            ExitCode::from(code as u8)
        }
        Some("explain") => {
            let code = chant_lsp::cli::explain::run(&args[1..], &mut stdout.lock(), &mut stderr.lock());
            ExitCode::from(code as u8)
        }
        Some("mcp") => ExitCode::from(chant_lsp::mcp::run_cli(&args[1..]) as u8),
        Some("fmt") => {
            let code = chant_lsp::cli::fmt::run(&args[1..], &mut stdout.lock(), &mut stderr.lock());
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
