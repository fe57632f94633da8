//! Turning the index into `publishDiagnostics`: which specs to publish after a batch, the
//! diagnostics themselves in the client's encoding, and clearing specs that stopped qualifying.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::Arc;

use tower_lsp_server::ls_types as lsp;

use super::{panic_message, Analysis, Dirty};
use crate::ide::diagnostics::diagnose;
use crate::server::publish::Outgoing;
use crate::server::to_proto;
use crate::server::workspace_set::WorkspaceSet;
use crate::workspace::Workspace;

impl Analysis {
    /// Publishes every spec the batch may have changed, and clears specs that left the index or
    /// stopped being published (closed archived specs, `includeArchive` switched off).
    pub(super) fn publish(&mut self, dirty: &Dirty) {
        let set = Arc::clone(&self.set);
        let mut targets = dirty.paths.clone();
        for (root, ws) in &set.workspaces {
            if dirty.all || dirty.roots.contains(root) {
                targets.extend(ws.specs().map(|(path, _)| path.clone()));
            }
        }
        if dirty.all {
            targets.extend(self.published.iter().cloned());
        }
        for path in targets {
            self.publish_one(&set, &path);
        }
    }

    fn publish_one(&mut self, set: &WorkspaceSet, path: &Path) {
        let open = self.open.get(path);
        let ws = set.workspace_of(path).filter(|ws| set.publishes(ws, path, open.is_some()));
        let diagnostics = match ws {
            Some(ws) => self.lsp_diagnostics(set, ws, path),
            None if self.published.contains(path) => Vec::new(),
            None => return,
        };
        let Some(uri) = self.uri_for(path) else {
            tracing::warn!("{}: cannot be written as a file URI; diagnostics dropped", path.display());
            return;
        };
        let version = open.map(|doc| doc.version);
        if ws.is_some() {
            self.published.insert(path.to_path_buf());
        } else {
            self.published.remove(path);
        }
        self.send(Outgoing::Publish { uri, diagnostics, version });
    }

    fn lsp_diagnostics(&self, set: &WorkspaceSet, ws: &Workspace, path: &Path) -> Vec<lsp::Diagnostic> {
        let Some(spec) = ws.spec(path) else {
            return Vec::new();
        };
        let overrides = set.overrides(ws);
        let found = match catch_unwind(AssertUnwindSafe(|| diagnose(ws, path, &overrides))) {
            Ok(found) => found,
            Err(panic) => {
                tracing::error!("{}: diagnostics panicked: {}", path.display(), panic_message(&*panic));
                return Vec::new();
            }
        };
        let related = |other: &Path| Some((self.uri_for(other)?, ws.spec(other)?.line_index()));
        found.iter().map(|d| to_proto::diagnostic(d, spec.line_index(), self.encoding, &related)).collect()
    }

    /// The URI the client knows a file by: its own spelling when the file is open.
    fn uri_for(&self, path: &Path) -> Option<lsp::Uri> {
        match self.open.get(path) {
            Some(doc) => Some(doc.uri.clone()),
            None => to_proto::file_uri(path),
        }
    }
}
