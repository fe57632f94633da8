//! A file watcher inside the server, for clients that cannot watch files for us (no dynamic
//! registration of `workspace/didChangeWatchedFiles`): agents and scripts write specs outside
//! the editor, and diagnostics must follow.
//!
//! The watcher never follows a symlink: a linked folder leading out of the workspace must not
//! make the server watch (and learn about) files elsewhere. Events whose path resolves outside
//! the root are dropped, and folder listings go through the file door.
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
use notify::{Config, Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::analysis::{AnalysisHandle, Task};
use super::documents::DocumentStore;
use crate::workspace::fs::{FileAccess, FsError, NodeKind, RealFs};

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
    let config = Config::default().with_follow_symlinks(false);
    let mut watcher = match RecommendedWatcher::new(tx, config) {
        Ok(watcher) => watcher,
        Err(err) => {
            tracing::warn!("cannot start a file watcher ({err}); files changed outside the editor go unnoticed");
            return;
        }
    };
    let roots: Vec<RealFs> = roots.into_iter().map(RealFs::new).collect();
    for door in &roots {
        watch_root(&mut watcher, door);
    }
    let spawned = std::thread::Builder::new()
        .name("chant-watcher".to_string())
        .spawn(move || Forwarder { watcher, roots, analysis, alive }.run(&rx));
    if let Err(err) = spawned {
        tracing::warn!("cannot start the file watcher thread: {err}");
    }
}

/// The root itself without recursion (files at the top), then each top-level folder with it,
/// so `.git/`, `target/` and `node_modules/` never cost an OS watch.
fn watch_root(watcher: &mut RecommendedWatcher, door: &RealFs) {
    let root = door.root();
    watch(watcher, root, RecursiveMode::NonRecursive);
    let Ok(entries) = door.list(root) else { return };
    // Real folders only: a symlinked folder may lead out of the workspace.
    for entry in entries.iter().filter(|e| e.kind() == NodeKind::Dir) {
        if !is_skipped(root, entry.path()) {
            watch(watcher, entry.path(), RecursiveMode::Recursive);
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
    /// A door per root: it knows the root as the index spells it and resolved (some systems
    /// report events under `/private/var/...` for `/var/...`), and resolves event paths.
    roots: Vec<RealFs>,
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

    /// Keeps the paths whose change can matter; a new top-level folder gets a watch of its own.
    fn collect(&mut self, event: Event, pending: &mut BTreeSet<PathBuf>) {
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in event.paths {
            let Some((door, path)) = as_indexed(&self.roots, &path) else { continue };
            if !passes(door, &path, &event.kind) {
                continue;
            }
            if matches!(event.kind, EventKind::Create(_)) && is_new_top_folder(door, &path) {
                watch(&mut self.watcher, &path, RecursiveMode::Recursive);
            }
            pending.insert(path);
        }
    }
}

/// The root holding `path`, and `path` spelled under that root.
fn as_indexed<'a>(roots: &'a [RealFs], path: &Path) -> Option<(&'a RealFs, PathBuf)> {
    roots.iter().find_map(|door| {
        let root = door.root();
        if path.starts_with(root) {
            return Some((door, path.to_path_buf()));
        }
        Some((door, root.join(path.strip_prefix(door.real_root()).ok()?)))
    })
}

/// Whether an event at `path` (spelled under the door's root) is passed on. A deleted path no
/// longer resolves, and that change matters; a path resolving outside the root never does.
fn passes(door: &RealFs, path: &Path, kind: &EventKind) -> bool {
    let root = door.root();
    !is_skipped(root, path) && matters(root, path, kind) && door.stat(path) != Err(FsError::OutsideRoot)
}

/// A real folder (as the root's listing shows it, not a link to one) right below the root.
fn is_new_top_folder(door: &RealFs, path: &Path) -> bool {
    let root = door.root();
    path.parent() == Some(root)
        && door.list(root).is_ok_and(|all| all.iter().any(|e| e.path() == path && e.kind() == NodeKind::Dir))
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

    /// Changes behind a symlinked folder leading out are dropped, and a link to a folder never
    /// gets a watch of its own; a deleted spec still counts.
    #[test]
    fn links_leading_out_are_not_followed() {
        let top = std::env::temp_dir().join(format!("chant-lsp-watch-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&top);
        let root = top.join("root");
        std::fs::create_dir_all(root.join(".chant/specs")).expect("create root");
        std::fs::create_dir_all(top.join("elsewhere")).expect("create outside");
        std::fs::write(top.join("elsewhere/x.md"), "# Elsewhere\n").expect("write outside");
        std::fs::create_dir_all(root.join("docs")).expect("create docs");
        std::os::unix::fs::symlink(top.join("elsewhere"), root.join("away")).expect("symlink out");
        std::os::unix::fs::symlink(root.join("docs"), root.join("docs-link")).expect("symlink in");
        let door = RealFs::new(root.clone());
        let create = EventKind::Create(CreateKind::File);
        let remove = EventKind::Remove(notify::event::RemoveKind::File);
        let results = [
            passes(&door, &root.join("away/x.md"), &create),
            passes(&door, &root.join(".chant/specs/gone.md"), &remove),
            passes(&door, &root.join("docs-link"), &create),
            is_new_top_folder(&door, &root.join("docs")),
            is_new_top_folder(&door, &root.join("docs-link")),
            is_new_top_folder(&door, &root.join("away")),
        ];
        let _ = std::fs::remove_dir_all(&top);
        assert_eq!(results, [false, true, true, true, false, false]);
    }
}
