//! A file watcher inside the server, for clients that cannot watch files for us (no dynamic
//! registration of `workspace/didChangeWatchedFiles`): agents and scripts write specs outside
//! the editor, and diagnostics must follow.
//!
//! OS events are coalesced on a thread of their own (a burst of writes becomes one
//! `Task::DiskChanged` per path about 100 ms after the burst ends), so the protocol loop never
//! waits on the file system.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::Weak;
use std::time::{Duration, Instant};

use notify::event::ModifyKind;
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::analysis::{AnalysisHandle, Task};
use super::state::DocumentStore;

/// How long the file system must stay quiet before a batch of changes is passed on.
const QUIET: Duration = Duration::from_millis(100);
/// A steady stream of events still flushes this often, so diagnostics never lag by more.
const MAX_DELAY: Duration = Duration::from_millis(500);
/// How often an idle watcher checks that its server still exists.
const ALIVE_CHECK: Duration = Duration::from_secs(1);
/// Folders never watched: version control and build output churn, and specs never point there.
const SKIPPED_DIRS: &[&str] = &[".git", "target", "node_modules"];

/// Starts watching `roots`. The watcher stops once `alive` (the server's document store, which
/// lives as long as the server) is gone. A watcher that cannot start is logged and skipped: the
/// editor's own changes still arrive through the document notifications.
pub fn start(roots: Vec<PathBuf>, analysis: AnalysisHandle, alive: Weak<DocumentStore>) {
    let (tx, rx) = mpsc::channel();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(watcher) => watcher,
        Err(err) => {
            tracing::warn!("cannot start a file watcher ({err}); files changed outside the editor go unnoticed");
            return;
        }
    };
    for root in &roots {
        watch_root(&mut watcher, root);
    }
    let roots = roots.into_iter().map(|root| (root.canonicalize().unwrap_or_else(|_| root.clone()), root)).collect();
    let spawned = std::thread::Builder::new()
        .name("chant-watcher".to_string())
        .spawn(move || Forwarder { watcher, roots, analysis, alive }.run(&rx));
    if let Err(err) = spawned {
        tracing::warn!("cannot start the file watcher thread: {err}");
    }
}

/// The root itself without recursion (files at the top), then each top-level folder with it,
/// so `.git/`, `target/` and `node_modules/` never cost an OS watch.
fn watch_root(watcher: &mut RecommendedWatcher, root: &Path) {
    watch(watcher, root, RecursiveMode::NonRecursive);
    let Ok(entries) = std::fs::read_dir(root) else { return };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() && !is_skipped(root, &path) {
            watch(watcher, &path, RecursiveMode::Recursive);
        }
    }
}

fn watch(watcher: &mut RecommendedWatcher, path: &Path, mode: RecursiveMode) {
    if let Err(err) = watcher.watch(path, mode) {
        tracing::warn!("cannot watch {}: {err}", path.display());
    }
}

fn is_skipped(root: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().any(|c| SKIPPED_DIRS.iter().any(|skip| c.as_os_str() == *skip))
}

struct Forwarder {
    /// Owned here so it lives exactly as long as the thread that drains its events.
    watcher: RecommendedWatcher,
    /// `(canonical, as the index knows it)`: some systems report events under the resolved
    /// path (`/private/var/...` for `/var/...`), the index uses the workspace folder's.
    roots: Vec<(PathBuf, PathBuf)>,
    analysis: AnalysisHandle,
    alive: Weak<DocumentStore>,
}

impl Forwarder {
    fn run(&mut self, rx: &Receiver<notify::Result<Event>>) {
        let mut pending: BTreeSet<PathBuf> = BTreeSet::new();
        let mut since: Option<Instant> = None;
        // Checked on every turn: a steady stream of events would otherwise never time out.
        while self.alive.strong_count() > 0 {
            let wait = since.map_or(ALIVE_CHECK, |t| QUIET.min(MAX_DELAY.saturating_sub(t.elapsed())));
            match rx.recv_timeout(wait) {
                Ok(Ok(event)) => {
                    self.collect(event, &mut pending);
                    if !pending.is_empty() && since.is_none() {
                        since = Some(Instant::now());
                    }
                    if since.is_some_and(|t| t.elapsed() >= MAX_DELAY) {
                        self.flush(&mut pending, &mut since);
                    }
                }
                Ok(Err(err)) => tracing::warn!("file watcher: {err}"),
                Err(RecvTimeoutError::Timeout) => self.flush(&mut pending, &mut since),
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
    }

    fn flush(&self, pending: &mut BTreeSet<PathBuf>, since: &mut Option<Instant>) {
        *since = None;
        for path in std::mem::take(pending) {
            self.analysis.send(Task::DiskChanged { path });
        }
    }

    /// The root holding `path`, and `path` spelled under that root.
    fn as_indexed(&self, path: &Path) -> Option<(PathBuf, PathBuf)> {
        self.roots.iter().find_map(|(canonical, root)| {
            if path.starts_with(root) {
                return Some((root.clone(), path.to_path_buf()));
            }
            Some((root.clone(), root.join(path.strip_prefix(canonical).ok()?)))
        })
    }

    /// Keeps the paths whose change can matter; a new top-level folder gets a watch of its own.
    fn collect(&mut self, event: Event, pending: &mut BTreeSet<PathBuf>) {
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in event.paths {
            let Some((root, path)) = self.as_indexed(&path) else { continue };
            if is_skipped(&root, &path) || !matters(&root, &path, &event.kind) {
                continue;
            }
            if matches!(event.kind, EventKind::Create(_)) && path.parent() == Some(root.as_path()) && path.is_dir() {
                watch(&mut self.watcher, &path, RecursiveMode::Recursive);
            }
            pending.insert(path);
        }
    }
}

/// Outside `.chant/` only existence matters (missing-file checks): edits to source files are
/// the bulk of all events and change nothing here.
fn matters(root: &Path, path: &Path, kind: &EventKind) -> bool {
    let edit = matches!(kind, EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Metadata(_)));
    !edit || path.starts_with(root.join(".chant"))
}

#[cfg(test)]
mod tests {
    use notify::event::{CreateKind, DataChange};

    use super::*;

    #[test]
    fn build_output_is_skipped_and_source_edits_do_not_matter() {
        let root = Path::new("/w");
        assert!(is_skipped(root, Path::new("/w/target/debug/x")));
        assert!(is_skipped(root, Path::new("/w/web/node_modules/m/index.js")));
        assert!(!is_skipped(root, Path::new("/w/docs/targets.md")));
        let edit = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        let create = EventKind::Create(CreateKind::File);
        assert!(matters(root, Path::new("/w/.chant/specs/a.md"), &edit));
        assert!(!matters(root, Path::new("/w/src/main.rs"), &edit));
        assert!(matters(root, Path::new("/w/src/main.rs"), &create));
    }
}
