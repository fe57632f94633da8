//! `chant-lsp check [PATH...] [OPTIONS]`: analyse every spec of the workspace at or above each
//! folder PATH (or, when there is none, every workspace below it), or only the spec files named,
//! and print the diagnostics; with `--fix` / `--diff`, fix them first (see `fix.rs`).
//! Exit 1 when a finding at the failing level (error by default) is reported, 2 on a usage or
//! I/O error, 0 otherwise.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::format::{FileReport, Format};
use super::report::ReportWriter;
use super::select::{self, ExitPolicy, Selection};
use super::{diff, fix, write};
use crate::catalogue::{Code, Severity};
use crate::ide::code_actions::Applicability;
use crate::ide::diagnostics::diagnose_many;
use crate::spec::SpecLocation;
use crate::workspace::config::SeveritySetting;
use crate::workspace::fs::{lexical, trusted_kind, NodeKind};
use crate::workspace::load::{find_root, find_roots_below};
use crate::workspace::Workspace;

/// `chant-lsp check`'s arguments; [`CheckArgs::validate`] checks what clap cannot say.
#[derive(Clone, Debug, clap::Args)]
#[command(
    about = "Check chant specs and print the findings",
    override_usage = "chant-lsp check [PATH...] [OPTIONS]\n       chant-lsp check - --stdin-filename .chant/specs/ID.md [OPTIONS]",
    after_help = AFTER_HELP
)]
pub struct CheckArgs {
    /// A folder: every spec of the workspace at or above it (or, when there is none, of every
    /// workspace below it); a spec file: only that spec (its workspace is still read to resolve
    /// links); `-`: the text piped on stdin, as the spec named by --stdin-filename. Default: the
    /// current folder
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Where the piped spec lives (it need not exist yet); the text stands in for that file
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// text, json (every finding, as the language server publishes it), github (workflow
    /// annotations) or sarif (SARIF 2.1.0, for code scanning)
    #[arg(long, value_name = "FORMAT", default_value = "text", hide_default_value = true, value_parser = parse_format)]
    pub format: Format,
    /// Apply the fixes the editor's "fix all" applies (a finding's one fix that keeps what you
    /// wrote), then report what is left; with -, print the fixed text instead of writing a file.
    /// Criteria boxes are never ticked
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the fixes as a unified diff instead of writing them (exit 1 when there is something
    /// to fix)
    #[arg(long)]
    pub diff: bool,
    /// With --fix or --diff, also apply a finding's only fix when it removes something (an
    /// unknown key, a self-dependency)
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Report only these codes: comma-separated names or prefixes of code families
    /// (`frontmatter-`)
    #[arg(long = "select", value_name = "CODES", value_parser = select_codes)]
    select: Vec<Codes>,
    /// Do not report these codes (names or prefixes); wins over --select
    #[arg(long = "ignore", value_name = "CODES", value_parser = ignore_codes)]
    ignore: Vec<Codes>,
    /// Report CODE at LEVEL (error, warning, information, hint or off); may be repeated; laid
    /// over .chant/lsp.yaml, as --select and --ignore are
    #[arg(long = "severity", value_name = "CODE=LEVEL", value_parser = select::parse_severity)]
    severity: Vec<(Code, SeveritySetting)>,
    /// Exit 0 whatever is found (usage and I/O errors still exit 2)
    #[arg(long)]
    exit_zero: bool,
    /// Exit 1 when a finding at LEVEL or above is reported: error (default), warning or
    /// information
    #[arg(long, value_name = "LEVEL", value_parser = select::parse_error_on)]
    error_on: Option<Severity>,
    /// Also report on the specs in .chant/archive/
    #[arg(long)]
    pub include_archive: bool,
    /// `-` was named: check the text on stdin as the spec at `stdin_filename`.
    #[arg(skip)]
    pub stdin: bool,
}

const AFTER_HELP: &str = "Examples:
  chant-lsp check --fix                     fix what is safe to fix, report the rest
  chant-lsp check --diff > fixes.patch      review the fixes first
  chant-lsp check --format sarif > chant.sarif
  chant-lsp check --select frontmatter-,yaml-syntax --error-on warning
  cat draft.md | chant-lsp check - --stdin-filename .chant/specs/draft.md --fix

Exit codes: 0 nothing at the failing level (error, or --error-on's), 1 at least one such finding
(or, with --diff, something to fix), 2 usage or I/O error.";

/// The code names or prefixes of one `--select` or `--ignore`.
#[derive(Clone, Debug)]
struct Codes(Vec<String>);

fn parse_format(name: &str) -> Result<Format, String> {
    Format::parse(name).ok_or_else(|| format!("unknown format `{name}`: use text, json, github or sarif"))
}

fn select_codes(value: &str) -> Result<Codes, String> {
    select::parse_codes("--select", value).map(Codes)
}

fn ignore_codes(value: &str) -> Result<Codes, String> {
    select::parse_codes("--ignore", value).map(Codes)
}

impl CheckArgs {
    /// Whether fixes are computed at all (`--fix` or `--diff`).
    pub fn fixes(&self) -> bool {
        self.fix || self.diff
    }

    pub fn applicability(&self) -> Applicability {
        if self.unsafe_fixes {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        }
    }

    /// Which codes are reported, and at what severity.
    pub fn selection(&self) -> Selection {
        Selection {
            select: self.select.iter().flat_map(|c| c.0.iter().cloned()).collect(),
            ignore: self.ignore.iter().flat_map(|c| c.0.iter().cloned()).collect(),
            severity: self.severity.clone(),
        }
    }

    /// What fails the run.
    pub fn exit(&self) -> ExitPolicy {
        ExitPolicy { exit_zero: self.exit_zero, error_on: self.error_on.unwrap_or(Severity::Error) }
    }

    /// Checks the combinations clap does not, takes `-` out of the paths into `stdin`, and
    /// defaults the paths to the current folder.
    pub fn validate(mut self) -> Result<CheckArgs, String> {
        let n_paths = self.paths.len();
        self.paths.retain(|p| p.as_os_str() != "-");
        self.stdin = self.paths.len() < n_paths;
        if self.unsafe_fixes && !self.fixes() {
            return Err("--unsafe-fixes needs --fix or --diff".to_string());
        }
        match (self.stdin, &self.stdin_filename, self.paths.is_empty()) {
            (true, None, _) => return Err("- (stdin) needs --stdin-filename .chant/specs/ID.md".to_string()),
            (true, Some(_), false) => return Err("- (stdin) checks one spec: name no other PATH".to_string()),
            (false, Some(_), _) => return Err("--stdin-filename needs - (the text on stdin)".to_string()),
            _ => {}
        }
        if self.paths.is_empty() && !self.stdin {
            self.paths.push(PathBuf::from("."));
        }
        Ok(self)
    }
}

/// Which specs of one workspace are reported: all of them (a folder was named), or only the
/// files named. The whole workspace is read either way, so links and dependencies resolve.
enum Scope {
    All,
    Files(Vec<PathBuf>),
}

/// Runs the command; returns the process exit code.
pub fn run(args: CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let args = match args.validate() {
        Ok(args) => args,
        Err(msg) => {
            let _ = writeln!(err, "chant-lsp check: {msg}\n{}", super::usage::usage_of("check"));
            return 2;
        }
    };
    if args.stdin {
        return super::stdin::run(&args, &mut std::io::stdin().lock(), out, err);
    }
    let scopes = match scopes(&args.paths) {
        Ok(scopes) => scopes,
        Err(msg) => {
            let _ = writeln!(err, "chant-lsp check: {msg}");
            return 2;
        }
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut workspaces: Vec<(Workspace, Scope)> = scopes
        .into_iter()
        .map(|(root, scope)| {
            let (ws, skipped) = super::load(&root);
            for skip in skipped {
                let _ = writeln!(err, "warning: {}: {}", display(&cwd, &skip.path), skip.reason);
            }
            (ws, scope)
        })
        .collect();
    let code = match reported_paths(&workspaces, args.include_archive) {
        Ok(paths) if args.fixes() => fix_and_report(&mut workspaces, &paths, &args, &cwd, out, err),
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
fn reported_paths(workspaces: &[(Workspace, Scope)], include_archive: bool) -> Result<Vec<Vec<PathBuf>>, PathBuf> {
    let mut all = Vec::new();
    for (ws, scope) in workspaces {
        let mut paths: Vec<PathBuf> = match scope {
            Scope::All => ws
                .specs()
                .filter(|(_, spec)| include_archive || spec.location != SpecLocation::Archived)
                .map(|(path, _)| path.to_path_buf())
                .collect(),
            Scope::Files(files) => {
                let mut named = Vec::new();
                for file in files {
                    ws.spec(file).ok_or_else(|| file.clone())?;
                    named.push(file.clone());
                }
                named
            }
        };
        crate::workspace::paths::sort_paths(&mut paths, |p| p);
        paths.dedup();
        all.push(paths);
    }
    Ok(all)
}

pub(super) fn display(cwd: &Path, path: &Path) -> String {
    path.strip_prefix(cwd).unwrap_or(path).display().to_string()
}

/// Each workspace with the paths to report of it.
fn workspace_paths<'a>(
    workspaces: &'a [(Workspace, Scope)],
    paths: &'a [Vec<PathBuf>],
) -> Vec<(&'a Workspace, &'a [PathBuf])> {
    workspaces.iter().zip(paths).map(|((ws, _), paths)| (ws, paths.as_slice())).collect()
}

/// `--fix` and `--diff`: fixes every reported spec, then writes the fixed files and reports what
/// is left, or prints the diff.
fn fix_and_report(
    workspaces: &mut [(Workspace, Scope)],
    paths: &[Vec<PathBuf>],
    args: &CheckArgs,
    cwd: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let mut fixed_all = Vec::new();
    let mut write_failed = false;
    for ((ws, _), paths) in workspaces.iter_mut().zip(paths) {
        let overrides = args.selection().overrides(&ws.file_overrides);
        let fixed = fix::fix_reported(ws, paths, &overrides, args.applicability());
        if args.diff {
            fixed_all.extend(fixed);
            continue;
        }
        for spec in fixed {
            match write::replace_spec_file(&ws.root, &spec.path, &spec.after) {
                Ok(()) => fixed_all.push(spec),
                Err(unwritten) => {
                    let level = if unwritten.refused { "warning" } else { "error" };
                    let (path, why) = (display(cwd, &spec.path), unwritten.reason);
                    let _ = writeln!(err, "{level}: {path}: not fixed: {why}");
                    write_failed |= !unwritten.refused;
                    // The report must describe the file as it is on disk.
                    fix::restore(ws, &spec);
                }
            }
        }
    }
    let applied = Applied { n_fixes: fixed_all.iter().map(|f| f.n_fixes).sum(), n_files: fixed_all.len() };
    if !args.diff {
        let code = report(&workspace_paths(workspaces, paths), args, cwd, Some(applied), out);
        // Machine formats keep stdout to the format; people still learn what was done.
        if args.format != Format::Text {
            let _ = writeln!(err, "{}", applied.describe("applied"));
        }
        // A spec that could not be written is an I/O error, whatever the findings.
        return if write_failed { 2 } else { code };
    }
    let mut text = String::new();
    for spec in &fixed_all {
        text.push_str(&diff::unified_diff(&display(cwd, &spec.path), &spec.before, &spec.after));
    }
    if write!(out, "{text}").is_err() {
        return 2;
    }
    let _ = writeln!(err, "{}", applied.describe("would be applied"));
    i32::from(applied.n_fixes > 0 && !args.exit().exit_zero)
}

/// How many fixes `--fix` applied, and to how many files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Applied {
    pub n_fixes: usize,
    pub n_files: usize,
}

impl Applied {
    /// `3 fixes applied to 2 files`, with `done` saying what happened to them.
    pub fn describe(self, done: &str) -> String {
        let fixes = if self.n_fixes == 1 { "1 fix".to_string() } else { format!("{} fixes", self.n_fixes) };
        let files = if self.n_files == 1 { "1 file".to_string() } else { format!("{} files", self.n_files) };
        format!("{fixes} {done} to {files}")
    }
}

/// Prints the findings of `paths` in each workspace in the chosen format; returns the exit code.
/// `applied` (after `--fix`) goes on the text summary line, or to stderr in other formats.
pub(super) fn report(
    workspaces: &[(&Workspace, &[PathBuf])],
    args: &CheckArgs,
    cwd: &Path,
    applied: Option<Applied>,
    out: &mut dyn Write,
) -> i32 {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let mut writer = ReportWriter::new(args.format, &mut out);
    for (ws, paths) in workspaces {
        let overrides = args.selection().overrides(&ws.file_overrides);
        // In batches, so that only one batch's findings are held at a time: 100,000 specs can
        // hold several hundred thousand.
        for batch in paths.chunks(REPORT_BATCH) {
            let batch: Vec<&Path> = batch.iter().map(PathBuf::as_path).collect();
            let found = diagnose_many(ws, &batch, &overrides);
            for (&path, diagnostics) in batch.iter().zip(found) {
                let Some(spec) = ws.spec(path) else { continue };
                // A clean spec prints nothing: its path is not spelled out.
                let display_path = if diagnostics.is_empty() { String::new() } else { display(cwd, path) };
                let report = FileReport { display_path, spec, diagnostics };
                if writer.add(report).is_err() {
                    return 2;
                }
            }
        }
    }
    let worst = writer.worst;
    if writer.finish(applied).and_then(|()| out.flush()).is_err() {
        return 2;
    }
    args.exit().exit_code(worst)
}

/// How many specs `report` checks before writing their findings.
const REPORT_BATCH: usize = 4096;
