//! The opened spec first: a new workspace is loaded on a background thread while this thread
//! keeps reading the task queue, and a spec the editor opens meanwhile is answered from a
//! first-look workspace (every id from one walk of `.chant/`, plus the specs the opened one's
//! verdicts read, `workspace/first_look.rs`).
//!
//! Order in which a spec opened during start-up gets its findings (docs/architecture.md):
//! 1. within a walk and a few parses: the text-only findings and every workspace rule that reads
//!    only the spec's neighbourhood (`diagnose_first`), and the first-look index for requests;
//! 2. once the full index is built: every finding, with the ones that need the whole graph
//!    (dependency cycles). Step 1's findings are a subset of step 2's, so none is withdrawn.

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::watch;
use tower_lsp_server::ls_types as lsp;

use super::{coalesce, panic_message, Analysis, Batch, Task};
use crate::ide::diagnostics::diagnose_first;
use crate::server::outgoing::Outgoing;
use crate::workspace::load::{self, LoadShare, Walked};
use crate::workspace::{SpecPath, Workspace};

/// How often the thread looks whether the background load has finished while no task arrives.
const POLL: Duration = Duration::from_millis(5);
/// How often the start-up progress reports a percentage while a large workspace loads.
const REPORT_EVERY: Duration = Duration::from_millis(250);
/// Workspaces smaller than this load too fast for a percentage to help (and tests stay exact).
const REPORT_FROM_FILES: usize = 5_000;

/// How far the full index is, shared with request handlers: those that read the whole graph
/// (references, the graph views) wait for it, and may show the percentage; those on one document
/// wait only for its first look.
#[derive(Debug)]
pub struct Indexing {
    state: watch::Sender<IndexState>,
    /// The background load's progress, and its pause while a spec is answered first.
    load: LoadShare,
    total: AtomicUsize,
    /// Tasks queued for the analysis thread so far.
    sent: AtomicU64,
}

/// What readers can see: how many index versions were made visible, and whether a workspace is
/// still being loaded in the background.
#[derive(Clone, Copy, Debug, Default)]
pub struct IndexState {
    pub generation: u64,
    pub building: bool,
    /// Tasks the analysis thread has taken and made visible (answered first, or done).
    pub taken: u64,
}

impl Default for Indexing {
    fn default() -> Indexing {
        let state = watch::Sender::new(IndexState::default());
        Indexing { state, load: LoadShare::default(), total: AtomicUsize::new(0), sent: AtomicU64::new(0) }
    }
}

impl Indexing {
    fn start(&self, total: usize) {
        self.load.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.state.send_modify(|state| state.building = true);
    }

    /// A new index version is visible to readers.
    pub(super) fn committed(&self) {
        self.state.send_modify(|state| state.generation += 1);
    }

    /// A task is queued for the analysis thread.
    pub(super) fn sent(&self) {
        self.sent.fetch_add(1, Ordering::SeqCst);
    }

    /// How many tasks have been queued so far: a request waits until those are taken.
    pub fn sent_so_far(&self) -> u64 {
        self.sent.load(Ordering::SeqCst)
    }

    /// A batch has made its index visible to readers, after taking `taken` tasks in all.
    pub(super) fn finished(&self, taken: u64) {
        self.state.send_if_modified(|state| {
            let changed = state.building || state.taken != taken;
            state.building = false;
            state.taken = taken;
            changed
        });
    }

    /// Whether the full index is still being built.
    pub fn is_building(&self) -> bool {
        self.state.borrow().building
    }

    /// Files parsed so far, in percent of the workspace being loaded.
    pub fn percentage(&self) -> u32 {
        let total = self.total.load(Ordering::Relaxed).max(1);
        (self.load.done.load(Ordering::Relaxed).min(total) * 100 / total) as u32
    }

    /// Resolves once the full index is visible to readers.
    pub async fn wait(&self) {
        let mut rx = self.state.subscribe();
        // An error only means the analysis thread is gone: nothing more to wait for.
        let _ = rx.wait_for(|state| !state.building).await;
    }

    /// What readers see now, and a way to wait for the next change of it.
    pub fn watch(&self) -> watch::Receiver<IndexState> {
        self.state.subscribe()
    }
}

/// The workspace being loaded, and the first-look index made for the specs opened meanwhile.
struct FirstLook {
    root: PathBuf,
    walked: Arc<Walked>,
    ws: Option<Workspace>,
}

impl Analysis {
    /// Loads a walked workspace on another thread; answers specs opened meanwhile; queues every
    /// other task for after the load, in order.
    pub(super) fn index_in_background(
        &mut self,
        root: PathBuf,
        walked: Walked,
        progress: Option<&lsp::ProgressToken>,
        queue: &mut VecDeque<Task>,
        batch: &mut Batch,
    ) {
        let walked = Arc::new(walked);
        self.indexing.start(walked.files.len());
        let spawned = {
            let (walked, indexing) = (Arc::clone(&walked), Arc::clone(&self.indexing));
            #[cfg(test)]
            let gate = self.load_gate.take();
            let load = move || {
                #[cfg(test)]
                if let Some(gate) = gate {
                    let _ = gate.recv();
                }
                load::load_walked(&walked, Some(&indexing.load))
            };
            std::thread::Builder::new().name("chant-index".to_string()).spawn(load)
        };
        let loader = match spawned {
            Ok(loader) => loader,
            Err(err) => {
                tracing::error!("cannot start the indexing thread, indexing in line: {err}");
                let dirty = self.index.insert_loaded(root, load::load_walked(&walked, None));
                return self.merge_dirty(dirty, batch);
            }
        };
        let mut look = FirstLook { root, walked, ws: None };
        for task in queue.iter() {
            self.answer_first(&mut look, task);
        }
        let mut reported = Instant::now();
        while !loader.is_finished() {
            match self.rx.recv_timeout(POLL) {
                Ok(task) => {
                    self.taken += 1;
                    self.answer_first(&mut look, &task);
                    queue.push_back(task);
                }
                Err(RecvTimeoutError::Timeout) => {}
                // Every handle is gone: the load is all that is left to finish.
                Err(RecvTimeoutError::Disconnected) => break,
            }
            if let Some(token) = progress.filter(|_| look.walked.files.len() >= REPORT_FROM_FILES) {
                if reported.elapsed() >= REPORT_EVERY {
                    reported = Instant::now();
                    self.report_percentage(token, &look.walked);
                }
            }
        }
        let loaded = loader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // What was sent before the load ended joins this batch, like a batch's own tail.
        let late: Vec<Task> = self.rx.try_iter().collect();
        self.taken += late.len() as u64;
        queue.extend(late);
        let FirstLook { root, walked, ws } = look;
        self.retire((walked, ws));
        let dirty = self.index.insert_loaded(root, loaded);
        self.merge_dirty(dirty, batch);
        let waiting: Vec<Task> = queue.drain(..).collect();
        queue.extend(coalesce(waiting));
    }

    /// The workspace an opened spec lies in, walked, when no workspace holds it yet.
    pub(super) fn walk_new_root(&self, task: &Task) -> Option<(PathBuf, Walked)> {
        let Task::DocChanged { path, .. } = task else { return None };
        let root = self.index.new_root_for(path)?;
        let walked = self.index.walk_root(&root)?;
        Some((root, walked))
    }

    fn report_percentage(&self, token: &lsp::ProgressToken, walked: &Walked) {
        let report = lsp::WorkDoneProgressReport {
            message: Some(format!("{}: reading {} specs", walked.ws.root.display(), walked.files.len())),
            percentage: Some(self.indexing.percentage()),
            ..Default::default()
        };
        self.send(Outgoing::Progress { token: token.clone(), value: lsp::WorkDoneProgress::Report(report) });
    }

    /// Publishes the first answer on a spec the editor opened or changed in the workspace being
    /// loaded, and lets requests read the first-look index.
    fn answer_first(&mut self, look: &mut FirstLook, task: &Task) {
        let Task::DocChanged { uri, path, doc } = task else { return };
        // The load makes room: on two cores its threads would take the time this answer needs.
        let indexing = Arc::clone(&self.indexing);
        let _paused = indexing.load.pause();
        let Some(spec) = load::parse_spec_file(&look.root, path, doc.text.to_string()) else { return };
        let ws = look.ws.get_or_insert_with(|| Workspace::first_look(&look.walked));
        if !ws.look_at(path, Arc::new(spec)) {
            return;
        }
        let mut set = (**self.index.set()).clone();
        set.workspaces.insert(look.root.clone(), Arc::new(ws.clone()));
        let set = Arc::new(set);
        self.commit_set(Arc::clone(&set));
        let ws = &set.workspaces[&look.root];
        let overrides = set.overrides(ws);
        let found = match catch_unwind(AssertUnwindSafe(|| diagnose_first(ws, path, &overrides))) {
            Ok(Some(found)) => found,
            Ok(None) => return,
            Err(panic) => {
                return tracing::error!("{}: first diagnostics panicked: {}", path.display(), panic_message(&*panic))
            }
        };
        let diagnostics = self.lsp_diagnostics(&set, ws, path, Some(found));
        self.published.insert(SpecPath::from(path.as_path()));
        self.send(Outgoing::Publish { uri: uri.clone(), diagnostics, version: Some(doc.version) });
    }
}

#[cfg(test)]
mod tests;
