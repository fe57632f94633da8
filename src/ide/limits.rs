//! How much any one answer may hold, in one place, so that no input (a 200,000-line spec, a
//! 3,000-spec cycle, a spec naming 10,000 unknown ids) can make an answer large or slow.
//!
//! Each cap keeps an answer well under 1 MB of JSON: a published diagnostic, an edit or a symbol
//! takes a few hundred bytes. When a cap cuts a result, the result says so (a last item or a
//! title), so the user is never shown a silently partial list.

/// Diagnostics per spec. The rest are summed up in one final information diagnostic; errors
/// are kept before warnings, information and hints.
pub const DIAGNOSTICS_PER_FILE: usize = 1_000;

/// Ids named in one `dependency-cycle` message; a cycle of at most this many specs is named in
/// full. Equal to the workspace's short-cycle bound, which decides who is re-checked on an edit.
pub const CYCLE_IDS_SHOWN: usize = crate::workspace::SHORT_CYCLE;

/// Related locations of one diagnostic.
pub const RELATED_PER_DIAGNOSTIC: usize = 8;

/// Ids compared by edit distance for one "did you mean": the nearest ids in sorted and in
/// reversed-sorted order (typos late and early in the id), never every id of the workspace.
pub const SUGGESTION_CANDIDATES: usize = 64;

/// Quick fixes and criteria toggles offered for one selection.
pub const CODE_ACTIONS: usize = 100;

/// Text edits in one action ("fix all", "mark all criteria done"): about 100 bytes each.
pub const EDITS_PER_ACTION: usize = 5_000;

/// Code lenses per spec.
pub const CODE_LENSES: usize = 1_000;

/// Places one code lens lists when clicked ("depends on", "required by", open criteria).
pub const LENS_LOCATIONS: usize = 500;

/// Headings in one outline (document symbols), and keys under its frontmatter symbol.
pub const DOCUMENT_SYMBOLS: usize = 2_000;

/// Folding ranges per spec.
pub const FOLDING_RANGES: usize = 2_000;

/// Inlay hints per request.
pub const INLAY_HINTS: usize = 1_000;

/// Document links per spec.
pub const DOCUMENT_LINKS: usize = 1_000;

/// Completion items per request.
pub const COMPLETION_ITEMS: usize = 500;

/// Workspace symbols per query.
pub const WORKSPACE_SYMBOLS: usize = 200;

/// References per request.
pub const REFERENCES: usize = 2_000;

/// "N more … not shown", with the count written the way the rest of the messages write numbers.
pub fn more_not_shown(count: usize, what: &str) -> String {
    format!("{count} more {what} not shown")
}
