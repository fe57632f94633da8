//! `chant-lsp fmt [PATH...] [--check | --diff] [--include-archive]` and
//! `fmt --stdin-filename .chant/specs/ID.md`: specs rewritten into the form chant's own save
//! writes (`ide::format`), their frontmatter comments and unknown keys kept. Files are read
//! through the workspace's file door and written through the one write door (`write.rs`); a spec
//! chant cannot load is left as it is, with the reason on stderr.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::{diff, write};
use crate::ide::format::format_spec;
use crate::spec::SpecLocation;
use crate::workspace::fs::{lexical, trusted_kind, NodeKind, SPEC_LIMIT};
use crate::workspace::load::{find_root, find_roots_below, load_workspace, read_spec_text, spec_location};

/// `chant-lsp fmt`'s arguments.
#[derive(Clone, Debug, Default, PartialEq, Eq, clap::Args)]
#[command(
    about = "Write specs in the form chant's own save gives them, keeping comments and unknown keys",
    long_about = "Rewrites each spec exactly as chant 0.23.2 writes it when it saves (key order, list and quoting\nstyle, no blank line after the frontmatter, no final newline), except that frontmatter comments\nand keys chant does not know stay where they were written. A spec chant cannot load is left as\nit is.",
    override_usage = "chant-lsp fmt [PATH...] [--check | --diff] [--include-archive]\n       chant-lsp fmt --stdin-filename .chant/specs/ID.md [--check | --diff] < spec"
)]
pub struct FmtArgs {
    /// Format the specs of the workspaces at, above or below each folder PATH (the current
    /// folder by default), or the spec files named
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Write nothing; list the specs that would change, exit 1 if any
    #[arg(long, conflicts_with = "diff")]
    pub check: bool,
    /// Write nothing; print the changes as a unified diff, exit 1 if any
    #[arg(long)]
    pub diff: bool,
    /// Also format the specs under .chant/archive/ of a folder PATH
    #[arg(long)]
    pub include_archive: bool,
    /// Print the text piped in, formatted as that spec
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
}

/// Runs `fmt`; returns the exit code, or a usage error for the command line to print.
pub fn run(args: &FmtArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, String> {
    // `-` names the piped text, which --stdin-filename reads anyway.
    let mut args = args.clone();
    args.paths.retain(|p| p.as_os_str() != "-");
    if let Some(named) = &args.stdin_filename {
        if !args.paths.is_empty() {
            return Err("--stdin-filename formats the piped text: name no other path".into());
        }
        return Ok(run_stdin(&args, named, &mut std::io::stdin().lock(), out, err));
    }
    Ok(run_paths(&args, out, err))
}

fn run_paths(args: &FmtArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let cwd = std::env::current_dir().unwrap_or_default();
    let paths = if args.paths.is_empty() { vec![cwd.clone()] } else { args.paths.clone() };
    let scopes = match scopes(&paths) {
        Ok(scopes) => scopes,
        Err(msg) => {
            let _ = writeln!(err, "chant-lsp fmt: {msg}");
            return 2;
        }
    };
    let mut tally = Tally::default();
    for (root, named) in scopes {
        if let Err(code) = format_workspace(&root, named.as_deref(), args, &cwd, &mut tally, out, err) {
            return code;
        }
    }
    let _ = writeln!(err, "{}", tally.describe(args));
    i32::from((args.check || args.diff) && tally.changed > 0 || tally.failed > 0)
}

/// What a run did, for its last line and its exit code.
#[derive(Default)]
struct Tally {
    specs: usize,
    changed: usize,
    left: usize,
    failed: usize,
}

impl Tally {
    fn describe(&self, args: &FmtArgs) -> String {
        let verb = if args.check || args.diff { "would be reformatted" } else { "reformatted" };
        let mut line = format!("{} of {} specs {verb}", self.changed, self.specs);
        if self.left > 0 {
            line.push_str(&format!(", {} left as they are", self.left));
        }
        if self.failed > 0 {
            line.push_str(&format!(", {} could not be written", self.failed));
        }
        line
    }
}

/// Formats the specs of the workspace at `root` (or only `named` ones).
fn format_workspace(
    root: &Path,
    named: Option<&[PathBuf]>,
    args: &FmtArgs,
    cwd: &Path,
    tally: &mut Tally,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), i32> {
    let (ws, _) = load_workspace(root);
    let mut paths: Vec<PathBuf> = match named {
        Some(files) => files.to_vec(),
        None => ws
            .specs()
            .filter(|(_, spec)| args.include_archive || spec.location != SpecLocation::Archived)
            .map(|(path, _)| path.to_path_buf())
            .collect(),
    };
    crate::workspace::paths::sort_paths(&mut paths, |p| p);
    paths.dedup();
    for path in paths {
        let shown = display(cwd, &path);
        let text = match read_spec_text(&*ws.fs, &path) {
            Ok(text) => text,
            Err(e) => {
                tally.left += 1;
                let _ = writeln!(err, "{shown}: left as it is: {}", e.reason());
                continue;
            }
        };
        tally.specs += 1;
        let formatted = match format_spec(&text) {
            Ok(formatted) if formatted.text == text => continue,
            Ok(formatted) => formatted.text,
            Err(not) => {
                tally.left += 1;
                let _ = writeln!(err, "{shown}: left as it is: {}", not.reason);
                continue;
            }
        };
        tally.changed += 1;
        let shown_out = if args.check {
            writeln!(out, "{shown}")
        } else if args.diff {
            write!(out, "{}", diff::unified_diff(&shown, &text, &formatted))
        } else {
            if let Err(e) = write::replace_spec_file(root, &path, &formatted) {
                tally.changed -= 1;
                tally.failed += 1;
                let _ = writeln!(err, "{shown}: not written: {}", e.reason);
            }
            Ok(())
        };
        shown_out.map_err(|_| 2)?;
    }
    Ok(())
}

/// `--stdin-filename`: the piped text formatted (or, with `--check`/`--diff`, judged), printed.
fn run_stdin(args: &FmtArgs, named: &Path, input: &mut dyn Read, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let path = lexical(named).unwrap_or_else(|| named.to_path_buf());
    let in_workspace = find_root(&path).is_some_and(|root| spec_location(&root, &path).is_some());
    if !in_workspace {
        let _ = writeln!(
            err,
            "chant-lsp fmt: {}: not a spec path (specs are the .md files under .chant/specs/ and .chant/archive/)",
            named.display()
        );
        return 2;
    }
    let mut bytes = Vec::new();
    let read = input.take(SPEC_LIMIT.max_bytes + 1).read_to_end(&mut bytes);
    let text = match (read, String::from_utf8(bytes)) {
        (Ok(n), Ok(text)) if (n as u64) <= SPEC_LIMIT.max_bytes => text,
        _ => {
            let _ = writeln!(err, "chant-lsp fmt: stdin: not UTF-8 text of at most {} bytes", SPEC_LIMIT.max_bytes);
            return 2;
        }
    };
    let shown = named.display().to_string();
    let formatted = match format_spec(&text) {
        Ok(formatted) => formatted.text,
        Err(not) => {
            let _ = writeln!(err, "{shown}: left as it is: {}", not.reason);
            text.clone()
        }
    };
    let changed = formatted != text;
    let written = if args.check {
        if changed {
            writeln!(out, "{shown}")
        } else {
            Ok(())
        }
    } else if args.diff {
        write!(out, "{}", diff::unified_diff(&shown, &text, &formatted))
    } else {
        write!(out, "{formatted}")
    };
    match written {
        Ok(()) => i32::from((args.check || args.diff) && changed),
        Err(_) => 2,
    }
}

/// A workspace root with the spec files named in it (`None`: all of them).
type Scope = (PathBuf, Option<Vec<PathBuf>>);

/// The workspace roots to format, in the order first named.
fn scopes(paths: &[PathBuf]) -> Result<Vec<Scope>, String> {
    let mut scopes: Vec<Scope> = Vec::new();
    for path in paths {
        let kind = trusted_kind(path).map_err(|_| format!("{}: no such file or folder", path.display()))?;
        let absolute = lexical(path).unwrap_or_else(|| path.clone());
        let found: Vec<(PathBuf, Option<PathBuf>)> = if kind == NodeKind::File {
            let root = find_root(&absolute).ok_or_else(|| {
                format!("{}: not inside a chant workspace (no .chant/ folder above it)", path.display())
            })?;
            if spec_location(&root, &absolute).is_none() {
                return Err(format!(
                    "{}: not a spec (specs are the .md files under .chant/specs/ and .chant/archive/)",
                    path.display()
                ));
            }
            vec![(root, Some(absolute))]
        } else {
            let roots = find_root(&absolute).map_or_else(|| find_roots_below(&absolute, 6), |root| vec![root]);
            if roots.is_empty() {
                return Err(format!("{}: no .chant/ folder at, above or below this path", path.display()));
            }
            roots.into_iter().map(|root| (root, None)).collect()
        };
        for (root, file) in found {
            match (scopes.iter_mut().find(|(r, _)| *r == root), file) {
                (None, file) => scopes.push((root, file.map(|f| vec![f]))),
                (Some((_, files @ Some(_))), None) => *files = None,
                (Some((_, Some(files))), Some(file)) => files.push(file),
                (Some((_, None)), _) => {}
            }
        }
    }
    Ok(scopes)
}

fn display(cwd: &Path, path: &Path) -> String {
    path.strip_prefix(cwd).unwrap_or(path).display().to_string()
}
