//! What a completion item is, and the plain one each kind of item starts from.

use crate::text::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    SpecId,
    Folder,
    File,
    Key,
    Value,
    Prompt,
}

/// One proposal. Items come in the order they should be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    pub documentation: Option<String>,
    /// What the editor matches the typed word against, when it differs from the label.
    pub filter_text: Option<String>,
    /// The partial word the insertion replaces.
    pub edit: TextRange,
    pub insert: String,
    /// `insert` holds snippet placeholders (`$1`).
    pub snippet: bool,
    /// Ask the editor to complete again after inserting (a folder: its entries come next).
    pub retrigger: bool,
}

pub(super) fn value(label: &str, kind: CompletionKind, edit: TextRange) -> Completion {
    Completion {
        label: label.to_string(),
        kind,
        detail: None,
        documentation: None,
        filter_text: None,
        edit,
        insert: label.to_string(),
        snippet: false,
        retrigger: false,
    }
}
