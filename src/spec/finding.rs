//! A finding about one spec: code, severity, range, message and the repair hint. Plain data,
//! shared by the rules that produce it, the index that caches the text-only ones, and every
//! front end that shows them.

use std::path::PathBuf;

use crate::catalogue::{Code, Severity};
use crate::text::TextRange;

/// Another place that explains a diagnostic (the other duplicate key, other cycle members).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub path: PathBuf,
    pub range: TextRange,
    pub message: String,
}

/// What a rule knows about the repair, for quick fixes: stated once here, so fixes never have to
/// read it back out of the message. Travels to the client and back in [`DiagnosticData`].
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hint {
    #[default]
    None,
    /// Replacement values for the diagnostic's range, best first.
    Replace(Vec<String>),
    /// The frontmatter key that is missing.
    MissingKey(String),
    /// The heading should be renamed to the acceptance-criteria marker.
    RenameHeading,
    /// The id at the range belongs in `depends_on`.
    AddDependency,
}

impl Hint {
    /// Gives a fix nothing to go on: no hint, or a suggestion list with nothing in it.
    pub fn is_empty(&self) -> bool {
        match self {
            Hint::None => true,
            Hint::Replace(values) => values.is_empty(),
            _ => false,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub range: TextRange,
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub related: Vec<Related>,
    pub hint: Hint,
}
