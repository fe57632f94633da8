//! The analysis thread: the only writer of the workspace index.
//!
//! Notification handlers queue `Task`s and return at once. This thread drains everything queued
//! (so a burst of keystrokes costs one re-analysis), turns each task into the workspace layer's
//! `Change` and applies it to its own `LiveIndex` (which decides what each change invalidates),
//! swaps the new `WorkspaceSet` in for readers, then publishes diagnostics for the specs the batch
//! made dirty. A plain `std::thread` keeps parsing off the async runtime's workers.

mod first_answer;
mod publishing;
mod tasks;

use std::collections::{HashMap, HashSet, VecDeque};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{mpsc, Arc, RwLock};

use tower_lsp_server::ls_types as lsp;

use super::config::ClientSettings;
use super::documents::Document;
use super::outgoing::{Notifier, Outgoing};
use crate::text::PositionEncoding;
use crate::workspace::changes::{Dirty, LiveIndex, RealDisk};
use crate::workspace::load::Skipped;
use crate::workspace::set::WorkspaceSet;
use crate::workspace::SpecPath;

/// A change for the analysis thread, in the order the client sent it.
#[derive(Debug)]
pub enum Task {
    Configure {
        encoding: PositionEncoding,
        /// Tell the client each time a workspace's index changes (`chant-lsp/indexChanged`).
        notify_index: bool,
    },
    Settings(ClientSettings),
    /// Index these roots (after `initialized`), reporting progress under `progress` if given.
    InitialIndex {
        roots: Vec<PathBuf>,
        progress: Option<lsp::ProgressToken>,
    },
    DocChanged {
        uri: lsp::Uri,
        path: PathBuf,
        doc: Arc<Document>,
    },
    DocClosed {
        uri: lsp::Uri,
        path: PathBuf,
    },
    Saved {
        path: PathBuf,
    },
    /// Workspace folders the client closed: forget these roots and clear their diagnostics.
    RemoveRoots {
        roots: Vec<PathBuf>,
    },
    /// A file was created, changed or deleted on disk; re-read unless it is open.
    DiskChanged {
        path: PathBuf,
    },
}

/// The handle kept by the server: queue tasks, read the latest `WorkspaceSet`.
#[derive(Clone, Debug)]
pub struct AnalysisHandle {
    tasks: mpsc::Sender<Task>,
    shared: Arc<RwLock<Arc<WorkspaceSet>>>,
    /// How far the full index is: requests that read the whole graph wait for it.
    pub indexing: Arc<first_answer::Indexing>,
}

impl AnalysisHandle {
    /// Starts the thread; it stops when the last handle is dropped.
    pub fn spawn(out: Notifier) -> AnalysisHandle {
        let (tasks, rx) = mpsc::channel();
        let shared = Arc::new(RwLock::new(Arc::new(WorkspaceSet::default())));
        let indexing = Arc::new(first_answer::Indexing::default());
        let mut analysis = Analysis::new(Arc::clone(&shared), out, rx, Arc::clone(&indexing));
        let spawned = std::thread::Builder::new().name("chant-analysis".to_string()).spawn(move || analysis.run());
        if let Err(err) = spawned {
            tracing::error!("cannot start the analysis thread: {err}");
        }
        AnalysisHandle { tasks, shared, indexing }
    }

    pub fn send(&self, task: Task) {
        self.indexing.sent();
        if self.tasks.send(task).is_err() {
            tracing::error!("the analysis thread has stopped; change dropped");
        }
    }

    /// The workspaces as of the last finished batch.
    pub fn workspaces(&self) -> Arc<WorkspaceSet> {
        // A poisoned lock only means a writer panicked during the swap; the value is still whole.
        Arc::clone(&self.shared.read().unwrap_or_else(|e| e.into_inner()))
    }
}

/// An open document as the analysis thread knows it: where to publish, and which version.
#[derive(Clone, Debug)]
struct OpenDoc {
    uri: lsp::Uri,
    version: i32,
}

/// What a batch of tasks invalidated, and the progress to end once its diagnostics are out.
#[derive(Debug, Default)]
struct Batch {
    dirty: Dirty,
    progress: Option<lsp::ProgressToken>,
}

struct Analysis {
    shared: Arc<RwLock<Arc<WorkspaceSet>>>,
    /// This thread's copy of the index; readers see it after `commit`.
    index: LiveIndex,
    /// Where to publish each open document, and which version; the index knows which are open.
    open: HashMap<PathBuf, OpenDoc>,
    /// Specs that have been published, so they can be cleared once they stop qualifying (the
    /// index's own copies of their paths).
    published: HashSet<SpecPath>,
    encoding: PositionEncoding,
    notify_index: bool,
    out: Notifier,
    /// The queue of tasks; also read while a workspace is indexed in the background.
    rx: mpsc::Receiver<Task>,
    indexing: Arc<first_answer::Indexing>,
    /// Tests hold the background load back until they send on this (or drop it).
    #[cfg(test)]
    load_gate: Option<mpsc::Receiver<()>>,
    /// Tasks taken off the queue so far.
    taken: u64,
    /// What a batch replaced (the first look, the index readers saw before) is freed on a
    /// thread of its own: freeing 100,000 specs' worth takes tens of milliseconds that the
    /// client would otherwise wait for before its diagnostics. `None`: freed in line.
    retired: Option<mpsc::Sender<Box<dyn std::any::Any + Send>>>,
}

impl Analysis {
    fn new(
        shared: Arc<RwLock<Arc<WorkspaceSet>>>,
        out: Notifier,
        rx: mpsc::Receiver<Task>,
        indexing: Arc<first_answer::Indexing>,
    ) -> Analysis {
        Analysis {
            rx,
            indexing,
            #[cfg(test)]
            load_gate: None,
            taken: 0,
            retired: spawn_freeing(),
            shared,
            index: LiveIndex::new(Box::new(RealDisk { local_rules: Some(crate::ide::diagnostics::local_findings) })),
            open: HashMap::new(),
            published: HashSet::new(),
            encoding: PositionEncoding::Utf16,
            notify_index: false,
            out,
        }
    }

    fn run(&mut self) {
        while let Ok(first) = self.rx.recv() {
            let mut batch = vec![first];
            batch.extend(self.rx.try_iter());
            self.taken += batch.len() as u64;
            // A bug in one batch must not take the server down: log it and keep serving.
            if let Err(panic) = catch_unwind(AssertUnwindSafe(|| self.process(batch))) {
                tracing::error!("analysis panicked: {}", panic_message(&*panic));
            }
        }
        tracing::debug!("analysis thread stopping");
    }

    fn process(&mut self, tasks: Vec<Task>) {
        let mut batch = Batch::default();
        let before = Arc::clone(self.index.set());
        let mut queue: VecDeque<Task> = coalesce(tasks).into();
        while let Some(task) = queue.pop_front() {
            match task {
                // Tasks that arrive while the index is built join this batch's queue.
                Task::InitialIndex { roots, progress } => self.initial_index(roots, progress, &mut queue, &mut batch),
                // A spec opened below a workspace not indexed yet (before `initialized` sent the
                // roots, or outside them) is answered first too.
                task => match self.walk_new_root(&task) {
                    Some((root, walked)) => {
                        queue.push_front(task);
                        self.index_in_background(root, walked, None, &mut queue, &mut batch);
                    }
                    None => self.apply(task, &mut batch),
                },
            }
        }
        self.commit();
        self.indexing.finished(self.taken);
        self.announce_changed_roots(&before);
        self.publish(&batch.dirty);
        if let Some(token) = batch.progress {
            self.end_progress(token);
        }
    }

    fn end_progress(&self, token: lsp::ProgressToken) {
        let set = self.index.set();
        let n_specs: usize = set.workspaces.values().map(|ws| ws.len()).sum();
        let n_workspaces = set.workspaces.len();
        let message = format!("{} in {}", plural(n_specs, "spec"), plural(n_workspaces, "workspace"));
        let end = lsp::WorkDoneProgressEnd { message: Some(message) };
        self.send(Outgoing::Progress { token, value: lsp::WorkDoneProgress::End(end) });
    }

    /// Makes this batch's index visible to readers; the write lock covers only the swap.
    fn commit(&self) {
        self.commit_set(Arc::clone(self.index.set()));
    }

    fn commit_set(&self, set: Arc<WorkspaceSet>) {
        let mut slot = self.shared.write().unwrap_or_else(|e| e.into_inner());
        let old = std::mem::replace(&mut *slot, set);
        drop(slot);
        self.indexing.committed();
        self.retire(old);
    }

    /// Frees `old` off this thread.
    fn retire(&self, old: impl Send + 'static) {
        if let Some(freeing) = &self.retired {
            // A closed channel hands the value back, and it is freed here.
            let _ = freeing.send(Box::new(old));
        }
    }

    /// `chant-lsp/indexChanged` for each workspace this batch replaced (a copy-on-write index
    /// shares untouched workspaces, so pointer equality says which changed), for editor views
    /// that re-read the graph.
    fn announce_changed_roots(&self, before: &WorkspaceSet) {
        if !self.notify_index {
            return;
        }
        for (root, ws) in &self.index.set().workspaces {
            if before.workspaces.get(root).is_some_and(|old| Arc::ptr_eq(old, ws)) {
                continue;
            }
            if let Some(uri) = super::to_proto::file_uri(root) {
                self.send(Outgoing::IndexChanged { root: uri });
            }
        }
    }

    fn send(&self, msg: Outgoing) {
        self.out.send(msg);
    }
}

/// The thread that frees what the analysis thread retires; it ends with the analysis thread.
fn spawn_freeing() -> Option<mpsc::Sender<Box<dyn std::any::Any + Send>>> {
    let (tx, rx) = mpsc::channel::<Box<dyn std::any::Any + Send>>();
    let spawned =
        std::thread::Builder::new().name("chant-free".to_string()).spawn(move || rx.into_iter().for_each(drop));
    match spawned {
        Ok(_) => Some(tx),
        Err(err) => {
            tracing::warn!("cannot start the freeing thread, freeing in line: {err}");
            None
        }
    }
}

/// Drops a document change when a later task in the same batch replaces or closes it.
fn coalesce(batch: Vec<Task>) -> Vec<Task> {
    let mut superseded: HashSet<lsp::Uri> = HashSet::new();
    let mut res: Vec<Task> = Vec::with_capacity(batch.len());
    for task in batch.into_iter().rev() {
        match &task {
            Task::DocChanged { uri, .. } if !superseded.insert(uri.clone()) => continue,
            Task::DocClosed { uri, .. } => {
                superseded.insert(uri.clone());
            }
            _ => {}
        }
        res.push(task);
    }
    res.reverse();
    res
}

fn log_skipped(skipped: &[Skipped]) {
    for skip in skipped {
        tracing::warn!("{}: {}", skip.path.display(), skip.reason);
    }
}

fn plural(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        _ => format!("{n} {noun}s"),
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        return (*s).to_string();
    }
    panic.downcast_ref::<String>().cloned().unwrap_or_else(|| "unknown panic".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changed(uri: &str, version: i32) -> Task {
        let uri: lsp::Uri = uri.parse().expect("uri");
        let doc = Arc::new(Document::new("", version));
        Task::DocChanged { path: PathBuf::from(uri.path().as_str()), uri, doc }
    }

    fn closed(uri: &str) -> Task {
        let uri: lsp::Uri = uri.parse().expect("uri");
        Task::DocClosed { path: PathBuf::from(uri.path().as_str()), uri }
    }

    /// Each task as `(kind, path, version)`, to compare batches.
    fn summary(tasks: &[Task]) -> Vec<(&'static str, String, i32)> {
        tasks
            .iter()
            .map(|task| match task {
                Task::DocChanged { path, doc, .. } => ("changed", path.display().to_string(), doc.version),
                Task::DocClosed { path, .. } => ("closed", path.display().to_string(), 0),
                _ => ("other", String::new(), 0),
            })
            .collect()
    }

    #[test]
    fn coalescing_keeps_the_last_change_and_what_follows_a_close() {
        let batch = vec![
            changed("file:///a.md", 1),
            changed("file:///b.md", 1),
            changed("file:///a.md", 2),
            closed("file:///b.md"),
            changed("file:///b.md", 5),
            Task::Saved { path: PathBuf::from("/c.md") },
            changed("file:///a.md", 3),
        ];
        let expected = vec![
            ("closed", "/b.md".to_string(), 0),
            ("changed", "/b.md".to_string(), 5),
            ("other", String::new(), 0),
            ("changed", "/a.md".to_string(), 3),
        ];
        assert_eq!(summary(&coalesce(batch)), expected);
    }
}
