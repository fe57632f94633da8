//! Writing `check`'s findings in the chosen format as each spec's are found, so that the output
//! is never held whole; only SARIF, one JSON document with the run's rules, is written at the end.

use std::io::Write;

use super::format::{self, FileReport, Format};
use super::sarif;
use crate::ide::diagnostics::{Diagnostic, Severity};

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
    pub fn finish(self, applied: Option<super::check::Applied>) -> std::io::Result<()> {
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
