//! Request handlers (definition, hover, ...): each converts the params, calls one `ide` feature
//! on a snapshot and converts the answer. They run on the blocking pool (`run_blocking`), so they
//! may take a little CPU without holding up the protocol loop.
//!
//! A request addresses the document as the editor has it now. The index may still hold the
//! previous version for a moment (the analysis thread applies edits asynchronously), so an open
//! document whose text differs from the indexed spec is parsed afresh for the request.

pub mod call_hierarchy;
pub mod code_action;
pub mod code_lens;
pub mod completion;
pub mod definition;
pub mod document_link;
pub mod document_symbol;
pub mod execute_command;
pub mod folding_range;
pub mod formatting;
pub mod graph;
pub mod hover;
pub mod inlay_hint;
pub mod pr_action;
pub mod quick_fix;
pub mod references;
pub mod rename;
pub mod workspace_symbol;

use std::path::PathBuf;
use std::sync::Arc;

use tower_lsp_server::ls_types as lsp;

use super::{from_proto, to_proto};
use crate::ide::{FilePosition, FileRange, SpecFile};
use crate::spec::Spec;
use crate::text::{PositionEncoding, TextRange};
use crate::workspace::Workspace;

/// A file of a known workspace, as a request sees it.
pub struct FileView {
    pub ws: Arc<Workspace>,
    pub path: PathBuf,
    pub uri: lsp::Uri,
    /// The current text when the file is a spec (open or indexed); `None` for other files.
    pub spec: Option<Arc<Spec>>,
    pub encoding: PositionEncoding,
}

impl FileView {
    /// The byte offset of a client position in this spec (clamped).
    pub fn offset(&self, pos: lsp::Position) -> Option<usize> {
        let spec = self.spec.as_ref()?;
        Some(from_proto::offset(spec.line_index(), pos, self.encoding) as usize)
    }

    pub fn range(&self, range: TextRange) -> Option<lsp::Range> {
        Some(to_proto::range(self.spec.as_ref()?.line_index(), range, self.encoding))
    }

    /// This spec as the `ide` features take it; `None` when the file is not a spec.
    pub fn spec_file(&self) -> Option<SpecFile<'_>> {
        Some(SpecFile::new(&self.path, self.spec.as_ref()?))
    }

    /// The client's cursor in this spec.
    pub fn position(&self, pos: lsp::Position) -> Option<FilePosition<'_>> {
        Some(self.spec_file()?.at(self.offset(pos)?))
    }

    /// The client's range in this spec; a reversed one is read as empty at its start.
    pub fn file_range(&self, range: lsp::Range) -> Option<FileRange<'_>> {
        let (start, end) = (self.offset(range.start)?, self.offset(range.end)?);
        Some(self.spec_file()?.range(TextRange::new(start, end.max(start))))
    }
}

/// A snapshot of a fixture workspace with nothing open, for a client that supports every kind
/// of edit.
#[cfg(test)]
pub fn test_snapshot(files: &crate::ide::test_fixture::FixtureFiles) -> super::Snapshot {
    let mut set = crate::workspace::set::WorkspaceSet::default();
    set.workspaces.insert(files.root.clone(), Arc::new(files.load()));
    super::Snapshot {
        workspaces: Arc::new(set),
        docs: Arc::default(),
        encoding: PositionEncoding::Utf16,
        lazy_action_edits: false,
        edits: crate::server::capabilities::EditSupport {
            document_changes: true,
            create_files: true,
            rename_files: true,
            apply_edit: true,
        },
    }
}
