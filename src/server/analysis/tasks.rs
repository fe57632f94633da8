//! Turning the server's queued tasks into the workspace layer's `Change`s: the editor's rope
//! becomes plain text, start-up indexing reports progress root by root, and what each change
//! skipped or indexed goes to the log. What a change invalidates is decided by `LiveIndex`.

use std::collections::VecDeque;
use std::path::PathBuf;

use tower_lsp_server::ls_types as lsp;

use super::{log_skipped, plural, Analysis, Batch, OpenDoc, Task};
use crate::server::outgoing::Outgoing;
use crate::workspace::changes::{Change, Dirty};

impl Analysis {
    pub(super) fn apply(&mut self, task: Task, batch: &mut Batch) {
        match task {
            Task::Configure { encoding, notify_index } => {
                self.encoding = encoding;
                self.notify_index = notify_index;
            }
            Task::Settings(settings) => self.change(Change::Settings(settings), batch),
            Task::InitialIndex { roots, progress } => {
                // Tasks that arrive while the roots are loaded follow them, in order.
                let mut queue = VecDeque::new();
                self.initial_index(roots, progress, &mut queue, batch);
                queue.into_iter().for_each(|task| self.apply(task, batch));
            }
            Task::DocChanged { uri, path, doc } => {
                // The rope is flattened here, on this thread, not in the notification handler.
                let change = Change::EditorText { path: path.clone(), text: doc.text.to_string() };
                self.change(change, batch);
                if self.index.is_open(&path) {
                    self.open.insert(path, OpenDoc { uri, version: doc.version });
                } else {
                    tracing::info!("{}: no .chant/ folder above this file; not analysed", path.display());
                }
            }
            Task::DocClosed { uri, path } => {
                if self.open.remove(&path).is_none() {
                    tracing::debug!("{}: closed but never analysed", uri.as_str());
                }
                self.change(Change::EditorClosed { path }, batch);
            }
            Task::Saved { path } => self.change(Change::Saved { path }, batch),
            Task::DiskChanged { path } => self.change(Change::OnDisk { path }, batch),
            Task::RemoveRoots { roots } => {
                for root in roots {
                    if self.index.set().workspaces.contains_key(&root) {
                        tracing::info!("workspace closed: {}", root.display());
                    }
                    self.change(Change::RootClosed { root }, batch);
                }
            }
        }
    }

    /// Applies one change and logs what it skipped or read from disk.
    fn change(&mut self, change: Change, batch: &mut Batch) {
        let dirty = self.index.apply(change);
        self.merge_dirty(dirty, batch);
    }

    /// Adds what a change invalidated to the batch and logs what it skipped or read from disk.
    pub(super) fn merge_dirty(&mut self, dirty: Dirty, batch: &mut Batch) {
        log_skipped(&dirty.skipped);
        for (root, n_specs) in &dirty.indexed {
            tracing::info!("indexed {}: {} specs", root.display(), n_specs);
        }
        batch.dirty.merge(dirty);
    }

    /// Indexes roots one by one, reporting each under `progress` when the client gave a token;
    /// the batch ends the progress once its diagnostics are out. A new root is loaded in the
    /// background while specs opened meanwhile get their first answer (`first_answer.rs`); tasks
    /// that arrive meanwhile join `queue`.
    pub(super) fn initial_index(
        &mut self,
        roots: Vec<PathBuf>,
        progress: Option<lsp::ProgressToken>,
        queue: &mut VecDeque<Task>,
        batch: &mut Batch,
    ) {
        if let Some(token) = &progress {
            let begin = lsp::WorkDoneProgressBegin { title: "Indexing chant specs".to_string(), ..Default::default() };
            self.send(Outgoing::Progress { token: token.clone(), value: lsp::WorkDoneProgress::Begin(begin) });
        }
        for root in roots {
            let before = batch.dirty.indexed.len();
            match self.index.walk_root(&root) {
                Some(walked) => self.index_in_background(root, walked, progress.as_ref(), queue, batch),
                None => self.change(Change::IndexRoot { root }, batch),
            }
            let Some(token) = &progress else { continue };
            for (root, n_specs) in &batch.dirty.indexed[before..] {
                let report = lsp::WorkDoneProgressReport {
                    message: Some(format!("{}: {}", root.display(), plural(*n_specs, "spec"))),
                    ..Default::default()
                };
                self.send(Outgoing::Progress { token: token.clone(), value: lsp::WorkDoneProgress::Report(report) });
            }
        }
        // Every spec is published after indexing, even when every root was known already.
        batch.dirty.all = true;
        batch.progress = progress;
    }
}
