//! `DiagnosticData`: what a diagnostic's quick fixes need, in a form that survives a round trip
//! through the client (published with the diagnostic, sent back with a code action request).
//!
//! The fixes then start from what the rule found instead of running every rule again and
//! guessing which fresh finding the client meant by comparing ranges.

use serde::{Deserialize, Serialize};

use super::{Code, Diagnostic, Hint, Severity};
use crate::spec::Spec;
use crate::text::TextRange;

/// Published with each diagnostic and read back when the client asks for code actions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiagnosticData {
    /// The byte range the rule reported, in the text it saw.
    pub start: u32,
    pub end: u32,
    /// What that range held. An edit there since makes the finding stale: its fixes would
    /// replace the wrong text, so none is offered until the diagnostic is published again.
    pub text: String,
    /// What the rule knows about the repair.
    #[serde(default, skip_serializing_if = "Hint::is_empty")]
    pub hint: Hint,
}

impl DiagnosticData {
    /// The data of `d`, found in `spec`.
    pub fn of(d: &Diagnostic, spec: &Spec) -> DiagnosticData {
        let text = spec.text.get(d.range.as_usize()).unwrap_or_default().to_string();
        // An empty suggestion list means what no hint means; it need not travel.
        let hint = if d.hint.is_empty() { Hint::None } else { d.hint.clone() };
        DiagnosticData { start: d.range.start, end: d.range.end, text, hint }
    }

    /// The diagnostic again, for the current text of `spec`; `None` when the text at its range
    /// changed since it was published. Other places (`related`) are not carried: no fix uses them.
    pub fn rebuild(&self, code: Code, severity: Severity, message: String, spec: &Spec) -> Option<Diagnostic> {
        // The client sends back whatever it kept: never trust it to be a valid range.
        if spec.text.get(self.start as usize..self.end as usize) != Some(self.text.as_str()) {
            return None;
        }
        let range = TextRange::new(self.start as usize, self.end as usize);
        Some(Diagnostic { range, code, severity, message, related: Vec::new(), hint: self.hint.clone() })
    }
}
