//! Report formats of `check`: human text, JSON (exactly what the server would publish: 0-based
//! lines, UTF-16 characters) and GitHub workflow annotations; SARIF is in `sarif.rs`.

use serde_json::json;

use crate::ide::diagnostics::{Diagnostic, Severity};
use crate::spec::info::SpecInfo;
use crate::text::{LineIndex, PositionEncoding};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Github,
    Sarif,
}

impl Format {
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "text" => Some(Format::Text),
            "json" => Some(Format::Json),
            "github" => Some(Format::Github),
            "sarif" => Some(Format::Sarif),
            _ => None,
        }
    }
}

/// One file's findings, ready to print.
pub struct FileReport<'a> {
    pub display_path: String,
    pub spec: &'a SpecInfo,
    pub diagnostics: Vec<Diagnostic>,
}

/// 1-based line and column (in characters), as people, CI annotations and SARIF count them.
pub fn human_position(index: &LineIndex, offset: u32) -> (u32, u32) {
    let at = index.line_char_col(offset);
    (at.line + 1, at.col + 1)
}

pub fn text_line(report: &FileReport, d: &Diagnostic) -> String {
    let (line, col) = human_position(&report.spec.line_index, d.range.start);
    format!("{}:{line}:{col}: {}[{}]: {}", report.display_path, d.severity.as_str(), d.code.as_str(), d.message)
}

pub fn json_value(report: &FileReport, d: &Diagnostic) -> serde_json::Value {
    let index = &report.spec.line_index;
    let start = index.line_col(d.range.start, PositionEncoding::Utf16);
    let end = index.line_col(d.range.end, PositionEncoding::Utf16);
    json!({
        "path": report.display_path,
        "range": {
            "start": {"line": start.line, "character": start.col},
            "end": {"line": end.line, "character": end.col},
        },
        "severity": d.severity.as_str(),
        "code": d.code.as_str(),
        "message": d.message,
    })
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn github_line(report: &FileReport, d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "notice",
    };
    let (line, col) = human_position(&report.spec.line_index, d.range.start);
    let (end_line, end_col) = human_position(&report.spec.line_index, d.range.end);
    format!(
        "::{level} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
        escape_property(&report.display_path),
        escape_property(d.code.as_str()),
        escape_data(&d.message)
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

pub fn summary(n_errors: usize, n_warnings: usize, n_specs: usize) -> String {
    format!("{}, {} in {}", plural(n_errors, "error"), plural(n_warnings, "warning"), plural(n_specs, "spec"))
}
