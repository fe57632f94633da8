//! `chant-lsp check [PATH...] [--format text|json|github] [--include-archive]`: analyse every
//! spec of the workspace at or above each folder PATH (or, when there is none, every workspace
//! below it), or only the spec files named, and print the diagnostics.
//! Exit 1 when any diagnostic is an error, 2 on a usage or I/O error, 0 otherwise.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::format::{self, FileReport, Format};
use crate::ide::diagnostics::{diagnose_many, Severity};
use crate::spec::SpecLocation;
use crate::workspace::fs::{lexical, trusted_kind, NodeKind};
use crate::workspace::load::{find_root, find_roots_below, load_workspace_with};
use crate::workspace::Workspace;

pub struct CheckArgs {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    pub include_archive: bool,
    /// `--help`: print [`HELP`] and do nothing else.
    pub help: bool,
}

pub const USAGE: &str = "usage: chant-lsp check [PATH...] [--format text|json|github] [--include-archive]";

/// What `check --help` prints (on stdout, exit 0).
pub const HELP: &str = "usage: chant-lsp check [PATH...] [--format text|json|github] [--include-archive]

Check chant specs and print the findings.

  PATH               a folder: every spec of the workspace at or above it (or, when there is
                     none, of every workspace below it); a spec file: only that spec (its
                     workspace is still read to resolve links). Default: the current folder.
  --format FORMAT    text (default), json (every finding, as the language server publishes it)
                     or github (workflow annotations)
  --include-archive  also report on the specs in .chant/archive/
  -h, --help         print this help

Exit codes: 0 no error-level finding, 1 at least one, 2 usage or I/O error.";

pub fn parse_args(args: &[String]) -> Result<CheckArgs, String> {
    let mut res = CheckArgs { paths: Vec::new(), format: Format::Text, include_archive: false, help: false };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--help" | "-h" => res.help = true,
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

/// Which specs of one workspace are reported: all of them (a folder was named), or only the
/// files named. The whole workspace is read either way, so links and dependencies resolve.
enum Scope {
    All,
    Files(Vec<PathBuf>),
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
    if args.help {
        return if writeln!(out, "{HELP}").is_ok() { 0 } else { 2 };
    }
    let scopes = match scopes(&args.paths) {
        Ok(scopes) => scopes,
        Err(msg) => {
            let _ = writeln!(err, "chant-lsp check: {msg}");
            return 2;
        }
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let workspaces: Vec<(Workspace, Scope)> = scopes
        .into_iter()
        .map(|(root, scope)| {
            let fs = std::sync::Arc::new(crate::workspace::fs::RealFs::new(root.clone()));
            let (ws, skipped) = load_workspace_with(fs, Some(crate::ide::diagnostics::local_findings));
            for skip in skipped {
                let _ = writeln!(err, "warning: {}: {}", display(&cwd, &skip.path), skip.reason);
            }
            (ws, scope)
        })
        .collect();
    let code = match reported_paths(&workspaces, args.include_archive) {
        Ok(paths) => report(&workspaces, &paths, &args, &cwd, out),
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
    code
}

/// The workspace roots to load, in the order first named, each with what to report of it.
fn scopes(paths: &[PathBuf]) -> Result<Vec<(PathBuf, Scope)>, String> {
    let mut scopes: Vec<(PathBuf, Scope)> = Vec::new();
    for path in paths {
        let Ok(kind) = trusted_kind(path) else {
            return Err(format!("{}: no such file or folder", path.display()));
        };
        // Folded lexically: the roots are looked for among the path's ancestors, and those of
        // `ws/../README.md` spelled as given would include `ws`.
        let absolute = lexical(path).unwrap_or_else(|| path.clone());
        if kind == NodeKind::File {
            let root = find_root(&absolute).ok_or_else(|| {
                format!("{}: not inside a chant workspace (no .chant/ folder above it)", path.display())
            })?;
            add_scope(&mut scopes, root, Some(absolute));
            continue;
        }
        let found = match find_root(&absolute) {
            Some(root) => vec![root],
            None => find_roots_below(&absolute, 6),
        };
        if found.is_empty() {
            return Err(format!("{}: no .chant/ folder at, above or below this path", path.display()));
        }
        for root in found {
            add_scope(&mut scopes, root, None);
        }
    }
    Ok(scopes)
}

/// Adds a named file (or, for `None`, the whole workspace) to the scope of `root`; a workspace
/// named as a folder anywhere on the command line is reported whole.
fn add_scope(scopes: &mut Vec<(PathBuf, Scope)>, root: PathBuf, file: Option<PathBuf>) {
    let new = || match &file {
        Some(file) => Scope::Files(vec![file.clone()]),
        None => Scope::All,
    };
    match scopes.iter_mut().find(|(r, _)| *r == root) {
        None => scopes.push((root, new())),
        Some((_, scope @ Scope::Files(_))) if file.is_none() => *scope = Scope::All,
        Some((_, Scope::Files(files))) => files.extend(file),
        Some((_, Scope::All)) => {}
    }
}

/// The spec paths to report for each workspace, sorted; a named file that is not a spec of its
/// workspace is the error. A named archived spec is reported without `--include-archive`: the
/// user asked for it.
fn reported_paths(workspaces: &[(Workspace, Scope)], include_archive: bool) -> Result<Vec<Vec<&Path>>, PathBuf> {
    let mut all = Vec::new();
    for (ws, scope) in workspaces {
        let mut paths: Vec<&Path> = match scope {
            Scope::All => ws
                .specs()
                .filter(|(_, spec)| include_archive || spec.location != SpecLocation::Archived)
                .map(|(path, _)| path.as_path())
                .collect(),
            Scope::Files(files) => {
                let mut named = Vec::new();
                for file in files {
                    ws.spec(file).ok_or_else(|| file.clone())?;
                    named.push(file.as_path());
                }
                named
            }
        };
        paths.sort();
        paths.dedup();
        all.push(paths);
    }
    Ok(all)
}

fn display(cwd: &Path, path: &Path) -> String {
    path.strip_prefix(cwd).unwrap_or(path).display().to_string()
}

fn report(
    workspaces: &[(Workspace, Scope)],
    paths: &[Vec<&Path>],
    args: &CheckArgs,
    cwd: &Path,
    out: &mut dyn Write,
) -> i32 {
    let mut reports = Vec::new();
    for ((ws, _), paths) in workspaces.iter().zip(paths) {
        let found = diagnose_many(ws, paths, &ws.file_overrides);
        for (&path, diagnostics) in paths.iter().zip(found) {
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
