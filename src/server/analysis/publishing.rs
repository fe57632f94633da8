//! Turning the index into `publishDiagnostics`: which specs to publish after a batch, the
//! diagnostics themselves in the client's encoding (a large batch diagnosed and converted on every
//! core), and clearing specs that stopped qualifying.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::ls_types as lsp;

use super::{panic_message, Analysis, OpenDoc};
use crate::ide::diagnostics::{diagnose, Diagnostic};
use crate::server::outgoing::Outgoing;
use crate::server::to_proto;
use crate::text::PositionEncoding;
use crate::workspace::changes::Dirty;
use crate::workspace::parallel;
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
        let mut prepared = self.prepare_in_parallel(&set, &targets);
        for (i, path) in targets.iter().enumerate() {
            let found = prepared.get_mut(i).and_then(Option::take);
            self.publish_one(&set, path, found);
        }
    }

    /// For large batches (start-up, a settings change), runs the rules and converts their
    /// findings to the protocol's types on every core first, giving each target's diagnostics
    /// at its index; an edit's handful of specs is cheaper to do in line (an empty answer).
    fn prepare_in_parallel(&self, set: &WorkspaceSet, targets: &[PathBuf]) -> Vec<Option<Vec<lsp::Diagnostic>>> {
        if targets.len() < PARALLEL_BATCH {
            return Vec::new();
        }
        let convert = Converter { open: &self.open, encoding: self.encoding };
        let one = |path: &PathBuf| {
            let ws = set.workspace_of(path).filter(|ws| set.publishes(ws, path, convert.open.contains_key(path)))?;
            convert.diagnostics(set, ws, path)
        };
        // A panic costs its chunk's precomputed answers: those specs are redone one at a time in
        // `publish_one`, which isolates the spec that panics.
        let redo = |len: usize| {
            tracing::error!("parallel diagnostics panicked: {len} specs are redone one at a time");
            vec![None; len]
        };
        parallel::map_chunks(targets, 0, |part| part.iter().map(one).collect(), redo)
    }

    fn publish_one(&mut self, set: &WorkspaceSet, path: &Path, found: Option<Vec<lsp::Diagnostic>>) {
        let open = self.open.get(path);
        let ws = set.workspace_of(path).filter(|ws| set.publishes(ws, path, open.is_some()));
        let diagnostics = match (ws, found) {
            (Some(_), Some(found)) => found,
            (Some(ws), None) => self.lsp_diagnostics(set, ws, path, None),
            (None, _) if self.published.contains(path) => Vec::new(),
            (None, _) => return,
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
        let convert = Converter { open: &self.open, encoding: self.encoding };
        match found {
            Some(found) => convert.convert(ws, path, &found),
            None => convert.diagnostics(set, ws, path).unwrap_or_default(),
        }
    }

    /// The URI the client knows a file by: its own spelling when the file is open.
    fn uri_for(&self, path: &Path) -> Option<lsp::Uri> {
        Converter { open: &self.open, encoding: self.encoding }.uri_for(path)
    }
}

/// What converting findings to the protocol's types reads, apart from the index: shared by the
/// threads that convert a large batch.
struct Converter<'a> {
    open: &'a HashMap<PathBuf, OpenDoc>,
    encoding: PositionEncoding,
}

impl Converter<'_> {
    /// The spec's findings in the protocol's types; `None` when it is not in `ws` or a rule
    /// panicked (logged).
    fn diagnostics(&self, set: &WorkspaceSet, ws: &Workspace, path: &Path) -> Option<Vec<lsp::Diagnostic>> {
        ws.spec(path)?;
        let overrides = set.overrides(ws);
        match catch_unwind(AssertUnwindSafe(|| diagnose(ws, path, &overrides))) {
            Ok(found) => Some(self.convert(ws, path, &found)),
            Err(panic) => {
                tracing::error!("{}: diagnostics panicked: {}", path.display(), panic_message(&*panic));
                None
            }
        }
    }

    fn convert(&self, ws: &Workspace, path: &Path, found: &[Diagnostic]) -> Vec<lsp::Diagnostic> {
        let Some(spec) = ws.spec(path) else {
            return Vec::new();
        };
        let related = |other: &Path| Some((self.uri_for(other)?, &ws.spec(other)?.line_index));
        let source = ws.kept_source(path).map(|s| &**s);
        found.iter().map(|d| to_proto::diagnostic(d, &spec.line_index, source, self.encoding, &related)).collect()
    }

    fn uri_for(&self, path: &Path) -> Option<lsp::Uri> {
        match self.open.get(path) {
            Some(doc) => Some(doc.uri.clone()),
            None => to_proto::file_uri(path),
        }
    }
}
