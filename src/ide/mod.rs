//! The analysis façade: features computed from a [`Workspace`] and a spec, returning plain
//! structs with byte ranges. Nothing here knows about LSP or JSON.
//!
//! Every feature is called the same way: the workspace first, then where it applies — a
//! [`SpecFile`] for whole-file features, a [`FilePosition`] at a cursor, a [`FileRange`] over a
//! selection — then anything the feature alone needs. The spec in these is the text the editor
//! has now, which may be newer than the workspace's indexed copy.

pub mod call_hierarchy;
pub mod code_actions;
pub mod code_lens;
pub mod completion;
pub mod cursor;
pub mod diagnostics;
pub mod document_links;
pub mod document_symbols;
pub mod folding_ranges;
pub mod format;
pub mod goto_definition;
pub mod graph;
pub mod hover;
pub mod inlay_hints;
pub mod limits;
pub mod pr_description;
pub mod references;
pub mod rename;
#[cfg(test)]
mod schema_fields_tests;
pub mod spec_summary;
#[cfg(test)]
pub mod test_fixture;
pub mod workspace_symbols;

use std::path::Path;

use crate::spec::Spec;
use crate::text::TextRange;

/// A spec as a feature sees it: where it lives and its current text, parsed.
#[derive(Clone, Copy, Debug)]
pub struct SpecFile<'a> {
    pub path: &'a Path,
    pub spec: &'a Spec,
}

/// A byte offset in a spec: where the cursor is.
#[derive(Clone, Copy, Debug)]
pub struct FilePosition<'a> {
    pub path: &'a Path,
    pub spec: &'a Spec,
    pub offset: usize,
}

/// A byte range of a spec: the selection or the visible part.
#[derive(Clone, Copy, Debug)]
pub struct FileRange<'a> {
    pub path: &'a Path,
    pub spec: &'a Spec,
    pub range: TextRange,
}

impl<'a> SpecFile<'a> {
    pub fn new(path: &'a Path, spec: &'a Spec) -> SpecFile<'a> {
        SpecFile { path, spec }
    }

    pub fn at(self, offset: usize) -> FilePosition<'a> {
        FilePosition { path: self.path, spec: self.spec, offset }
    }

    pub fn range(self, range: TextRange) -> FileRange<'a> {
        FileRange { path: self.path, spec: self.spec, range }
    }
}

impl<'a> FilePosition<'a> {
    pub fn file(self) -> SpecFile<'a> {
        SpecFile { path: self.path, spec: self.spec }
    }
}

impl<'a> FileRange<'a> {
    pub fn file(self) -> SpecFile<'a> {
        SpecFile { path: self.path, spec: self.spec }
    }
}
