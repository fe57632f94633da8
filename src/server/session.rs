//! The session: `Backend` (what the protocol handlers share), `Session` (what `initialize`
//! negotiated) and `Snapshot` (the consistent read view a request works on), with the snapshot's
//! way from a client URI to the file as the editor has it now.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::Client;

use super::analysis::AnalysisHandle;
use super::capabilities::EditSupport;
use super::documents::DocumentStore;
use super::outgoing::Notifier;
use super::requests::FileView;
use super::transport::Lifecycle;
use super::{from_proto, to_proto};
use crate::spec::Spec;
use crate::text::{LineIndex, PositionEncoding, TextRange};
use crate::workspace::fs::SPEC_LIMIT;
use crate::workspace::load::parse_spec_file;
use crate::workspace::set::WorkspaceSet;
use crate::workspace::Workspace;

/// What `initialize` negotiated; set once.
#[derive(Debug)]
pub(super) struct Session {
    pub(super) encoding: PositionEncoding,
    pub(super) work_done_progress: bool,
    pub(super) file_watching: bool,
    /// The client fills a code action's `edit` through `codeAction/resolve`.
    pub(super) resolves_action_edits: bool,
    pub(super) edits: EditSupport,
    pub(super) roots: Vec<PathBuf>,
}

#[derive(Debug)]
pub struct Backend {
    pub(super) client: Client,
    pub(super) docs: Arc<DocumentStore>,
    pub(super) analysis: AnalysisHandle,
    pub(super) session: OnceLock<Session>,
    pub(super) lifecycle: Arc<Lifecycle>,
}

/// A consistent read view for request handlers: the index as of the last analysis batch and the
/// open documents. Cheap to take (two `Arc` clones) and safe to move to a blocking thread.
#[derive(Clone, Debug)]
pub(crate) struct Snapshot {
    pub workspaces: Arc<WorkspaceSet>,
    pub docs: Arc<DocumentStore>,
    pub encoding: PositionEncoding,
    /// Expensive action edits may be left to `codeAction/resolve`.
    pub lazy_action_edits: bool,
    pub edits: EditSupport,
}

impl Backend {
    /// `notifier` carries the analysis thread's notifications to the transport.
    pub fn new(client: Client, notifier: Notifier, lifecycle: Arc<Lifecycle>) -> Backend {
        let analysis = AnalysisHandle::spawn(notifier);
        Backend { client, docs: Arc::default(), analysis, session: OnceLock::new(), lifecycle }
    }

    pub(super) fn encoding(&self) -> PositionEncoding {
        self.session.get().map_or(PositionEncoding::Utf16, |s| s.encoding)
    }

    pub(crate) fn snapshot(&self) -> Snapshot {
        let session = self.session.get();
        Snapshot {
            workspaces: self.analysis.workspaces(),
            docs: Arc::clone(&self.docs),
            encoding: self.encoding(),
            lazy_action_edits: session.is_some_and(|s| s.resolves_action_edits),
            edits: session.map(|s| s.edits).unwrap_or_default(),
        }
    }
}

impl Snapshot {
    /// The file behind `uri`, when it lies in a known workspace.
    pub fn file(&self, uri: &lsp::Uri) -> Option<FileView> {
        let path = from_proto::file_path(uri)?;
        let ws = Arc::clone(self.workspaces.workspace_of(&path)?);
        let spec = self.current_spec(&ws, &path, uri);
        Some(FileView { ws, path, uri: uri.clone(), spec, encoding: self.encoding })
    }

    fn current_spec(&self, ws: &Workspace, path: &Path, uri: &lsp::Uri) -> Option<Arc<Spec>> {
        let Some(doc) = self.docs.get(uri) else { return ws.source(path) };
        let text = doc.text.to_string();
        if let Some(spec) = ws.kept_source(path).filter(|s| s.text == text) {
            return Some(Arc::clone(spec));
        }
        Some(Arc::new(parse_spec_file(&ws.root, path, text)?))
    }

    /// A location in another file of the workspace; `range` is converted with that file's text.
    pub fn location(&self, ws: &Workspace, path: &Path, range: TextRange) -> Option<lsp::Location> {
        let uri = to_proto::file_uri(path)?;
        let range = match ws.spec(path) {
            Some(spec) => to_proto::range(&spec.line_index, range, self.encoding),
            None if range.is_empty() && range.start == 0 => lsp::Range::default(),
            None => {
                // A non-spec file: read it to convert the range; missing files point at the top.
                let text = ws.fs.read_text(path, SPEC_LIMIT).map(|r| r.text).unwrap_or_default();
                to_proto::range(&LineIndex::new(&text), range, self.encoding)
            }
        };
        Some(lsp::Location { uri, range })
    }
}
