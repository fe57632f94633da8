//! `check`'s arguments, as clap parses them, and the combinations clap cannot check.

use std::path::PathBuf;

use crate::catalogue::{Code, Severity};
use crate::cli::format::Format;
use crate::cli::select::{self, ExitPolicy, Selection};
use crate::ide::code_actions::Applicability;
use crate::workspace::config::SeveritySetting;

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
