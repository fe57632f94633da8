//! Turning the index into `publishDiagnostics`: which specs to publish after a batch, the
//! diagnostics themselves in the client's encoding, and clearing specs that stopped qualifying.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::ls_types as lsp;

use super::{panic_message, Analysis};
use crate::ide::diagnostics::{diagnose, diagnose_many, Diagnostic};
use crate::server::publish::Outgoing;
use crate::server::to_proto;
use crate::workspace::changes::Dirty;
use crate::workspace::paths::sort_paths;
use crate::workspace::set::WorkspaceSet;
use crate::workspace::Workspace;

/// Batches at least this large are diagnosed on every core before publishing.
const PARALLEL_BATCH: usize = 64;

impl Analysis {
    /// Publishes every spec the batch may have changed, and clears specs that left the index or
    /// stopped being published (closed archived specs, `includeArchive` switched off).
    pub(super) fn publish(&mut self, dirty: &Dirty) {
        let set = Arc::clone(self.index.set());
        let mut targets: Vec<PathBuf> = dirty.specs.iter().cloned().collect();
        for (root, ws) in &set.workspaces {
            if dirty.all || dirty.roots.contains(root) {
                targets.extend(ws.specs().map(|(path, _)| path.to_path_buf()));
            }
        }
        if dirty.all {
            targets.extend(self.published.iter().cloned());
        }
        // A sorted vector, not a tree set: at start-up this is every spec of the workspace.
        sort_paths(&mut targets, |p| p);
        targets.dedup();
        let mut precomputed = self.diagnose_in_parallel(&set, &targets);
        for (i, path) in targets.iter().enumerate() {
            let found = precomputed.get_mut(i).and_then(Option::take);
            self.publish_one(&set, path, found);
        }
    }

    /// For large batches (start-up, a settings change), runs the rules on every core first,
    /// giving each target's findings at its index; an edit's handful of specs is cheaper to
    /// check in line (an empty answer).
    fn diagnose_in_parallel(&self, set: &WorkspaceSet, targets: &[PathBuf]) -> Vec<Option<Vec<Diagnostic>>> {
        let mut out = Vec::new();
        if targets.len() < PARALLEL_BATCH {
            return out;
        }
        out.resize_with(targets.len(), || None);
        for ws in set.workspaces.values() {
            let (at, paths): (Vec<usize>, Vec<&Path>) =
                targets.iter().enumerate().filter(|(_, p)| ws.spec(p).is_some()).map(|(i, p)| (i, p.as_path())).unzip();
            let overrides = set.overrides(ws);
            let found = catch_unwind(AssertUnwindSafe(|| diagnose_many(ws, &paths, &overrides)));
            match found {
                Ok(found) => {
                    for (i, found) in at.into_iter().zip(found) {
                        out[i] = Some(found);
                    }
                }
                // Fall back to one spec at a time, which isolates the spec that panics.
                Err(panic) => tracing::error!("parallel diagnostics panicked: {}", panic_message(&*panic)),
            }
        }
        out
    }

    fn publish_one(&mut self, set: &WorkspaceSet, path: &Path, found: Option<Vec<Diagnostic>>) {
        let open = self.open.get(path);
        let ws = set.workspace_of(path).filter(|ws| set.publishes(ws, path, open.is_some()));
        let diagnostics = match ws {
            Some(ws) => self.lsp_diagnostics(set, ws, path, found),
            None if self.published.contains(path) => Vec::new(),
            None => return,
        };
        // A spec the client holds no diagnostics for needs no empty list: at start-up this
        // spares the client one message per clean spec.
        if diagnostics.is_empty() && !self.published.contains(path) && open.is_none() {
            return;
        }
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

    pub(super) fn lsp_diagnostics(
        &self,
        set: &WorkspaceSet,
        ws: &Workspace,
        path: &Path,
        found: Option<Vec<Diagnostic>>,
    ) -> Vec<lsp::Diagnostic> {
        let Some(spec) = ws.spec(path) else {
            return Vec::new();
        };
        let found = match found {
            Some(found) => found,
            None => {
                let overrides = set.overrides(ws);
                match catch_unwind(AssertUnwindSafe(|| diagnose(ws, path, &overrides))) {
                    Ok(found) => found,
                    Err(panic) => {
                        tracing::error!("{}: diagnostics panicked: {}", path.display(), panic_message(&*panic));
                        return Vec::new();
                    }
                }
            }
        };
        let related = |other: &Path| Some((self.uri_for(other)?, &ws.spec(other)?.line_index));
        let source = ws.kept_source(path).map(|s| &**s);
        found.iter().map(|d| to_proto::diagnostic(d, &spec.line_index, source, self.encoding, &related)).collect()
    }

    /// The URI the client knows a file by: its own spelling when the file is open.
    fn uri_for(&self, path: &Path) -> Option<lsp::Uri> {
        match self.open.get(path) {
            Some(doc) => Some(doc.uri.clone()),
            None => to_proto::file_uri(path),
        }
    }
}
