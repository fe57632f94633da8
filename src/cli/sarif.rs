//! `check --format sarif`: a SARIF 2.1.0 log (one run) for code-scanning services such as
//! GitHub's. Rules come from the catalogue, with the code's documentation as help text and its
//! default severity as default level; results carry 1-based lines and columns, columns counted
//! in Unicode code points (declared with `columnKind`), as the text format counts them.

use serde_json::{json, Value};

use super::explain::{doc_section, short_description};
use super::format::{human_position, FileReport};
use crate::catalogue::{Code, Severity};
use crate::ide::diagnostics::Diagnostic;

const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// `information` is SARIF's `note`. Hints are left out of the log, as they are of the text and
/// GitHub formats: a code-scanning alert for every open box of a pending spec would be noise.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

fn rule(code: Code) -> Value {
    let help = doc_section(code).unwrap_or_default();
    json!({
        "id": code.as_str(),
        "shortDescription": { "text": short_description(code) },
        "help": { "text": help, "markdown": help },
        "defaultConfiguration": { "level": level(code.default_severity()) },
    })
}

/// A path as a relative URI reference: forward slashes, and the characters a URI cannot hold
/// percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn result(report: &FileReport, d: &Diagnostic) -> Value {
    let index = &report.spec.line_index;
    let (start_line, start_column) = human_position(index, d.range.start);
    let (end_line, end_column) = human_position(index, d.range.end);
    json!({
        "ruleId": d.code.as_str(),
        "ruleIndex": Code::ALL.iter().position(|c| *c == d.code),
        "level": level(d.severity),
        "message": { "text": d.message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&report.display_path) },
                "region": {
                    "startLine": start_line,
                    "startColumn": start_column,
                    "endLine": end_line,
                    "endColumn": end_column,
                },
            },
        }],
    })
}

/// The SARIF log of the findings in `reports`, hints left out.
pub fn sarif_log(reports: &[FileReport]) -> Value {
    let shown = |d: &&Diagnostic| d.severity != Severity::Hint;
    let results: Vec<Value> =
        reports.iter().flat_map(|r| r.diagnostics.iter().filter(shown).map(move |d| result(r, d))).collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "chant-lsp",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": Code::ALL.iter().map(|c| rule(*c)).collect::<Vec<_>>(),
                },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri(".chant/specs/a b#1.md"), ".chant/specs/a%20b%231.md");
        assert_eq!(uri("ws\\.chant\\specs\\é.md"), "ws/.chant/specs/%C3%A9.md");
    }
}
