//! Turning the index into `publishDiagnostics`: which specs to publish after a batch, each one's
//! frame in the client's encoding (a large batch diagnosed, converted and serialised on every
//! core), and clearing specs that stopped qualifying.

use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::ls_types as lsp;

use super::{panic_message, Analysis, OpenDoc};
use crate::ide::diagnostics::{diagnose, Diagnostic};
use crate::server::outgoing::write_publish;
use crate::server::to_proto;
use crate::text::PositionEncoding;
use crate::workspace::changes::Dirty;
use crate::workspace::parallel;
use crate::workspace::paths::sort_paths;
use crate::workspace::set::WorkspaceSet;
use crate::workspace::{SpecPath, Workspace};

/// Batches at least this large are prepared on every core before publishing.
const PARALLEL_BATCH: usize = 64;
/// Frames are handed to the transport in buffers of about this size: few writes, and the first
/// ones go out while the rest are still being copied.
const SEND_EVERY: usize = 256 << 10;

/// What publishing one spec comes to: its frame (empty when nothing is sent), and whether the
/// spec is then published (`Some(true)`), cleared (`Some(false)`) or left as it was.
struct Publication {
    frame: Vec<u8>,
    published: Option<bool>,
}

impl Publication {
    const NONE: Publication = Publication { frame: Vec::new(), published: None };
}

impl Analysis {
    /// Publishes every spec the batch may have changed, and clears specs that left the index or
    /// stopped being published (closed archived specs, `includeArchive` switched off).
    pub(super) fn publish(&mut self, dirty: &Dirty) {
        let set = Arc::clone(self.index.set());
        // The index's own copies of the paths: no copy of 100,000 paths at start-up.
        let mut targets: Vec<SpecPath> = dirty.specs.iter().map(|path| SpecPath::from(path.as_path())).collect();
        for (root, ws) in &set.workspaces {
            if dirty.all || dirty.roots.contains(root) {
                targets.extend(ws.specs().map(|(path, _)| Arc::clone(path)));
            }
        }
        if dirty.all {
            targets.extend(self.published.iter().cloned());
        }
        // A sorted vector, not a tree set: at start-up this is every spec of the workspace.
        sort_paths(&mut targets, |p| p);
        targets.dedup();
        let publications = self.prepare(&set, &targets);
        let mut frames = Vec::new();
        for (path, publication) in targets.into_iter().zip(publications) {
            match publication.published {
                Some(true) => {
                    self.published.insert(path);
                }
                Some(false) => {
                    self.published.remove(&*path);
                }
                None => {}
            }
            frames.extend_from_slice(&publication.frame);
            if frames.len() >= SEND_EVERY {
                self.out.send_frames(std::mem::take(&mut frames));
            }
        }
        self.out.send_frames(frames);
    }

    /// Each target's publication, in order. A large batch (start-up, a settings change) is
    /// prepared on every core; an edit's handful of specs is cheaper in line.
    fn prepare(&self, set: &WorkspaceSet, targets: &[SpecPath]) -> Vec<Publication> {
        let convert = Converter { open: &self.open, encoding: self.encoding };
        let published = &self.published;
        let one = |path: &SpecPath| convert.publication(set, path, published);
        if targets.len() < PARALLEL_BATCH {
            return targets.iter().map(one).collect();
        }
        // A panic costs its block's work: those specs are redone one at a time, which isolates
        // the spec that panics (its rules are caught one spec at a time in `diagnostics`).
        let redo = |len: usize| {
            tracing::error!("parallel diagnostics panicked: {len} specs are redone one at a time");
            (0..len).map(|_| None).collect()
        };
        let prepared = parallel::map_chunks(targets, 0, |part| part.iter().map(|p| Some(one(p))).collect(), redo);
        prepared.into_iter().zip(targets).map(|(found, path)| found.unwrap_or_else(|| one(path))).collect()
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
}

/// What converting findings to the protocol's types reads, apart from the index: shared by the
/// threads that convert a large batch.
struct Converter<'a> {
    open: &'a HashMap<PathBuf, OpenDoc>,
    encoding: PositionEncoding,
}

impl Converter<'_> {
    /// What publishing `path` comes to, given the specs published so far.
    fn publication(&self, set: &WorkspaceSet, path: &Path, published: &HashSet<SpecPath>) -> Publication {
        let open = self.open.get(path);
        let ws = set.workspace_of(path).filter(|ws| set.publishes(ws, path, open.is_some()));
        let was_published = published.contains(path);
        let diagnostics = match ws {
            Some(ws) => self.diagnostics(set, ws, path).unwrap_or_default(),
            None if was_published => Vec::new(),
            None => return Publication::NONE,
        };
        // A spec the client holds no diagnostics for needs no empty list: at start-up this
        // spares the client one message per clean spec.
        if diagnostics.is_empty() && !was_published && open.is_none() {
            return Publication::NONE;
        }
        let Some(uri) = self.uri_for(path) else {
            tracing::warn!("{}: cannot be written as a file URI; diagnostics dropped", path.display());
            return Publication::NONE;
        };
        let mut frame = Vec::new();
        write_publish(uri, diagnostics, open.map(|doc| doc.version), &mut frame);
        Publication { frame, published: Some(ws.is_some()) }
    }

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
