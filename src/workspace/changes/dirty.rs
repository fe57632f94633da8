//! What a change invalidated (`Dirty`): defined apart from the change set so that the files
//! that fill it (`files.rs`) and the set that returns it (`mod.rs`) both stand above it.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::workspace::load::Skipped;

/// What a change invalidated: the specs whose diagnostics must be published again, and what the
/// change has to tell the log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dirty {
    /// Specs (and paths that were specs: a deleted one must be cleared) to re-check.
    pub specs: BTreeSet<PathBuf>,
    /// Workspaces every spec of which must be re-checked.
    pub roots: BTreeSet<PathBuf>,
    /// Every spec of every workspace, and every spec published before (it may be gone).
    pub all: bool,
    /// Workspaces read from disk by this change, with their number of specs.
    pub indexed: Vec<(PathBuf, usize)>,
    /// Files and settings entries that were skipped, and why.
    pub skipped: Vec<Skipped>,
}

impl Dirty {
    /// Adds what a later change invalidated.
    pub fn merge(&mut self, other: Dirty) {
        self.specs.extend(other.specs);
        self.roots.extend(other.roots);
        self.all |= other.all;
        self.indexed.extend(other.indexed);
        self.skipped.extend(other.skipped);
    }
}
