//! `chant-lsp check [PATH...] [OPTIONS]`: analyse every spec of the workspace at or above each
//! folder PATH (or, when there is none, every workspace below it), or only the spec files named,
//! and print the diagnostics; with `--fix` / `--diff`, fix them first (see `fix.rs`).
//! Exit 1 when a finding at the failing level (error by default) is reported, 2 on a usage or
//! I/O error, 0 otherwise.
//!
//! `args.rs` parses, `scope.rs` finds what to read and report, `fixing.rs` fixes, `report.rs`
//! prints the findings, `stdin.rs` checks piped text.

pub mod args;
mod fixing;
pub mod report;
mod scope;
pub mod stdin;

use std::io::Write;

pub use args::CheckArgs;
use report::{display, report};
use scope::{reported_paths, scopes, workspace_paths, Scope};

use crate::workspace::Workspace;

/// Runs the command; returns the process exit code, or the usage error.
pub fn run(args: CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, String> {
    let args = args.validate()?;
    if args.stdin {
        return Ok(stdin::run(&args, &mut std::io::stdin().lock(), out, err));
    }
    let scopes = match scopes(&args.paths) {
        Ok(scopes) => scopes,
        Err(msg) => {
            let _ = writeln!(err, "chant-lsp check: {msg}");
            return Ok(2);
        }
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut workspaces: Vec<(Workspace, Scope)> = scopes
        .into_iter()
        .map(|(root, scope)| {
            let (ws, skipped) = crate::cli::load(&root);
            for skip in skipped {
                let _ = writeln!(err, "warning: {}: {}", display(&cwd, &skip.path), skip.reason);
            }
            (ws, scope)
        })
        .collect();
    let code = match reported_paths(&workspaces, args.include_archive) {
        Ok(paths) if args.fixes() => fixing::fix_and_report(&mut workspaces, &paths, &args, &cwd, out, err),
        Ok(paths) => report(&workspace_paths(&workspaces, &paths), &args, &cwd, None, out),
        Err(not_spec) => {
            let _ = writeln!(
                err,
                "chant-lsp check: {}: not a spec (specs are the .md files under .chant/specs/ and .chant/archive/)",
                display(&cwd, &not_spec)
            );
            2
        }
    };
    // The process ends right after this; freeing every parsed spec one by one only costs time.
    std::mem::forget(workspaces);
    Ok(code)
}
