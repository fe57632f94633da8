//! The command line's grammar, parsed with `clap`: `chant-lsp [--stdio]` serves the language
//! server, each subcommand is one variant of [`Command`] holding its own argument struct (defined
//! in its module, with each option's help beside it). A new command is one variant and one arm.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};

use clap::{CommandFactory, Parser, Subcommand};

use super::{check, explain, fmt, graph, pr_description, schema, usage};
use crate::mcp;

#[derive(Debug, Parser)]
#[command(
    name = "chant-lsp",
    version,
    about = "chant-lsp — language server and checker for chant spec markdown",
    long_about = None,
    // Help wraps at 100 columns whatever the terminal, so docs/cli.md can hold it verbatim.
    term_width = 100,
    override_usage = "chant-lsp [--stdio]          serve the Language Server Protocol on stdin/stdout\n       chant-lsp COMMAND [OPTIONS]  check, explain, graph, … (`chant-lsp COMMAND --help`)",
    after_help = "Logs go to stderr; set RUST_LOG (e.g. RUST_LOG=chant_lsp=debug) to filter them."
)]
pub struct Cli {
    /// Serve the Language Server Protocol on stdin/stdout (also what no command does)
    #[arg(long)]
    pub stdio: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Check(check::CheckArgs),
    Fmt(fmt::FmtArgs),
    Explain(explain::ExplainArgs),
    PrDescription(pr_description::PrDescriptionArgs),
    Graph(graph::GraphArgs),
    Schema(schema::SchemaArgs),
    Mcp(mcp::McpArgs),
    Completions(CompletionsArgs),
}

/// `chant-lsp completions SHELL`.
#[derive(Debug, clap::Args)]
#[command(
    about = "Print a completion script for a shell",
    after_help = "Examples:\n  chant-lsp completions bash > ~/.local/share/bash-completion/completions/chant-lsp\n  chant-lsp completions zsh > ~/.zfunc/_chant-lsp\n  chant-lsp completions fish > ~/.config/fish/completions/chant-lsp.fish"
)]
pub struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// What a bare `chant-lsp` says on stderr when its stdin is a terminal; it then serves anyway,
/// so a client typed or pasted by hand still works.
pub const TERMINAL_HINT: &str = "chant-lsp speaks the Language Server Protocol on stdin/stdout, for an editor to start; waiting for a client (Ctrl-D ends). To check specs, run `chant-lsp check`; every command: `chant-lsp --help`.";

/// What the process does after parsing its arguments.
#[derive(Debug, PartialEq, Eq)]
pub enum Invocation {
    /// Serve the language server on stdio.
    Serve,
    /// Serve the MCP server on stdio. Like the language server it runs once `run` has returned:
    /// the command line holds stdout locked while a command runs, and a server writing its
    /// answers to stdout from another thread would wait for that lock forever.
    ServeMcp(mcp::McpArgs),
    /// A command ran (or the arguments were refused): exit with this code.
    Exit(i32),
}

/// Parses `args` (without the program name) and runs the command they name.
pub fn run(args: Vec<OsString>, out: &mut dyn Write, err: &mut dyn Write) -> Invocation {
    let argv = std::iter::once(OsString::from("chant-lsp")).chain(args.iter().cloned());
    let cli = match Cli::try_parse_from(argv) {
        Ok(cli) => cli,
        Err(e) => return Invocation::Exit(usage::report(&Cli::command(), &e, &args, out, err)),
    };
    // `Err`: a usage error the command found itself (a missing or contradictory argument).
    let ran: Result<i32, String> = match cli.command {
        None => {
            // Someone typed `chant-lsp` at a terminal, not an editor starting it with pipes.
            if !cli.stdio && std::io::stdin().is_terminal() {
                let _ = writeln!(err, "{TERMINAL_HINT}");
            }
            return Invocation::Serve;
        }
        Some(Command::Check(args)) => check::run(args, out, err),
        Some(Command::Fmt(args)) => fmt::run(&args, out, err),
        Some(Command::Explain(args)) => explain::run(&args, out, err),
        Some(Command::PrDescription(args)) => pr_description::run(&args, out, err),
        Some(Command::Graph(args)) => Ok(graph::run(&args, out, err)),
        Some(Command::Schema(_)) => Ok(schema::run(out)),
        Some(Command::Mcp(args)) => return Invocation::ServeMcp(args),
        Some(Command::Completions(args)) => Ok(completions(args.shell, out)),
    };
    Invocation::Exit(ran.unwrap_or_else(|msg| usage::refuse(&Cli::command(), &args, &msg, err)))
}

fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> i32 {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "chant-lsp", &mut script);
    if out.write_all(&script).is_ok() {
        0
    } else {
        2
    }
}
