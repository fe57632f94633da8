//! Writing `check`'s findings in the chosen format as each spec's are found, so that the output
//! is never held whole; only SARIF, one JSON document with the run's rules, is written at the end.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::args::CheckArgs;
use crate::cli::format::{self, FileReport, Format};
use crate::cli::sarif;
use crate::ide::diagnostics::{diagnose_many, Diagnostic, Severity};
use crate::workspace::Workspace;

pub struct ReportWriter<'a, 'w> {
    format: Format,
    out: &'w mut dyn Write,
    n_specs: usize,
    n_errors: usize,
    n_warnings: usize,
    n_json: usize,
    /// The most severe finding written (the exit code's input).
    pub worst: Option<Severity>,
    /// SARIF only: the reports with findings, written by `finish`.
    kept: Vec<FileReport<'a>>,
}

impl<'a, 'w> ReportWriter<'a, 'w> {
    pub fn new(format: Format, out: &'w mut dyn Write) -> Self {
        ReportWriter { format, out, n_specs: 0, n_errors: 0, n_warnings: 0, n_json: 0, worst: None, kept: Vec::new() }
    }

    /// Writes one checked spec's findings (a clean spec only counts).
    pub fn add(&mut self, report: FileReport<'a>) -> std::io::Result<()> {
        self.n_specs += 1;
        for d in &report.diagnostics {
            match d.severity {
                Severity::Error => self.n_errors += 1,
                Severity::Warning => self.n_warnings += 1,
                _ => {}
            }
            self.worst = Some(self.worst.map_or(d.severity, |w| w.min(d.severity)));
        }
        if report.diagnostics.is_empty() {
            return Ok(());
        }
        match self.format {
            Format::Text => {
                for d in report.diagnostics.iter().filter(shown) {
                    writeln!(self.out, "{}", format::text_line(&report, d))?;
                }
            }
            Format::Github => {
                for d in report.diagnostics.iter().filter(shown) {
                    writeln!(self.out, "{}", format::github_line(&report, d))?;
                }
            }
            Format::Json => {
                for d in &report.diagnostics {
                    write!(self.out, "{}", if self.n_json == 0 { "[" } else { "," })?;
                    serde_json::to_writer(&mut *self.out, &format::json_value(&report, d))?;
                    self.n_json += 1;
                }
            }
            Format::Sarif => self.kept.push(report),
        }
        Ok(())
    }

    /// Ends the output: the text summary, the JSON array's end, or the SARIF log.
    pub fn finish(self, applied: Option<Applied>) -> std::io::Result<()> {
        match self.format {
            Format::Text => {
                write!(self.out, "{}", format::summary(self.n_errors, self.n_warnings, self.n_specs))?;
                if let Some(applied) = applied {
                    write!(self.out, " ({})", applied.describe("applied"))?;
                }
                writeln!(self.out)
            }
            Format::Json if self.n_json == 0 => writeln!(self.out, "[]"),
            Format::Json => writeln!(self.out, "]"),
            Format::Github => Ok(()),
            Format::Sarif => writeln!(self.out, "{}", sarif::sarif_log(&self.kept)),
        }
    }
}

/// Hints are for editors: the command line does not print them.
fn shown(d: &&Diagnostic) -> bool {
    d.severity != Severity::Hint
}

pub fn display(cwd: &Path, path: &Path) -> String {
    path.strip_prefix(cwd).unwrap_or(path).display().to_string()
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
pub fn report(
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
