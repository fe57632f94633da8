//! `chant-lsp check [PATH...] [--format text|json|github] [--include-archive]`: analyse every
//! spec of the workspace at or above each PATH (or, when there is none, every workspace below it)
//! and print the diagnostics.
//! Exit 1 when any diagnostic is an error, 2 on a usage or I/O error, 0 otherwise.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::format::{self, FileReport, Format};
use crate::ide::diagnostics::{diagnose_many, Severity};
use crate::spec::SpecLocation;
use crate::workspace::fs::trusted_kind;
use crate::workspace::load::{find_root, find_roots_below, load_workspace};
use crate::workspace::Workspace;

pub struct CheckArgs {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    pub include_archive: bool,
}

pub const USAGE: &str = "usage: chant-lsp check [PATH...] [--format text|json|github] [--include-archive]";

pub fn parse_args(args: &[String]) -> Result<CheckArgs, String> {
    let mut res = CheckArgs { paths: Vec::new(), format: Format::Text, include_archive: false };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--include-archive" => res.include_archive = true,
            "--format" => {
                let value = it.next().ok_or("--format needs a value: text, json or github")?;
                res.format = Format::parse(value)
                    .ok_or_else(|| format!("unknown format `{value}`: use text, json or github"))?;
            }
            other if other.starts_with("--format=") => {
                let value = &other["--format=".len()..];
                res.format = Format::parse(value)
                    .ok_or_else(|| format!("unknown format `{value}`: use text, json or github"))?;
            }
            other if other.starts_with('-') => return Err(format!("unknown option `{other}`")),
            path => res.paths.push(PathBuf::from(path)),
        }
    }
    if res.paths.is_empty() {
        res.paths.push(PathBuf::from("."));
    }
    Ok(res)
}

/// Runs the command; returns the process exit code.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let args = match parse_args(args) {
        Ok(args) => args,
        Err(msg) => {
            let _ = writeln!(err, "chant-lsp check: {msg}\n{USAGE}");
            return 2;
        }
    };
    let mut roots: Vec<PathBuf> = Vec::new();
    for path in &args.paths {
        if trusted_kind(path).is_err() {
            let _ = writeln!(err, "chant-lsp check: {}: no such file or folder", path.display());
            return 2;
        }
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.clone());
        let found = match find_root(&absolute) {
            Some(root) => vec![root],
            None => find_roots_below(&absolute, 6),
        };
        if found.is_empty() {
            let _ =
                writeln!(err, "chant-lsp check: {}: no .chant/ folder at, above or below this path", path.display());
            return 2;
        }
        for root in found {
            if !roots.contains(&root) {
                roots.push(root);
            }
        }
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let workspaces: Vec<Workspace> = roots
        .iter()
        .map(|root| {
            let (ws, skipped) = load_workspace(root);
            for skip in skipped {
                let _ = writeln!(err, "warning: {}: {}", display(&cwd, &skip.path), skip.reason);
            }
            ws
        })
        .collect();
    let code = report(&workspaces, &args, &cwd, out);
    // The process ends right after this; freeing every parsed spec one by one only costs time.
    std::mem::forget(workspaces);
    code
}

fn display(cwd: &Path, path: &Path) -> String {
    path.strip_prefix(cwd).unwrap_or(path).display().to_string()
}

fn report(workspaces: &[Workspace], args: &CheckArgs, cwd: &Path, out: &mut dyn Write) -> i32 {
    let mut reports = Vec::new();
    for ws in workspaces {
        let mut paths: Vec<&Path> = ws
            .specs()
            .filter(|(_, spec)| args.include_archive || spec.location != SpecLocation::Archived)
            .map(|(path, _)| path.as_path())
            .collect();
        paths.sort();
        let found = diagnose_many(ws, &paths, &ws.file_overrides);
        for (path, diagnostics) in paths.into_iter().zip(found) {
            let Some(spec) = ws.spec(path) else { continue };
            reports.push(FileReport { display_path: display(cwd, path), spec, diagnostics });
        }
    }
    let count = |sev: Severity| reports.iter().flat_map(|r| &r.diagnostics).filter(|d| d.severity == sev).count();
    let (n_errors, n_warnings) = (count(Severity::Error), count(Severity::Warning));
    let shown = |d: &&crate::ide::diagnostics::Diagnostic| d.severity != Severity::Hint;
    let written = match args.format {
        Format::Text => {
            let mut text = String::new();
            for r in &reports {
                for d in r.diagnostics.iter().filter(shown) {
                    text.push_str(&format::text_line(r, d));
                    text.push('\n');
                }
            }
            text.push_str(&format::summary(n_errors, n_warnings, reports.len()));
            writeln!(out, "{text}")
        }
        Format::Json => {
            let items: Vec<serde_json::Value> =
                reports.iter().flat_map(|r| r.diagnostics.iter().map(move |d| format::json_value(r, d))).collect();
            writeln!(out, "{}", serde_json::Value::Array(items))
        }
        Format::Github => {
            let mut text = String::new();
            for r in &reports {
                for d in r.diagnostics.iter().filter(shown) {
                    text.push_str(&format::github_line(r, d));
                    text.push('\n');
                }
            }
            write!(out, "{text}")
        }
    };
    if written.is_err() {
        return 2;
    }
    i32::from(n_errors > 0)
}
