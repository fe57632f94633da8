//! The analysis thread: the only writer of the workspace index.
//!
//! Notification handlers queue `Task`s and return at once. This thread drains everything queued
//! (so a burst of keystrokes costs one re-analysis), applies it to its own copy of the
//! `WorkspaceSet`, swaps that copy in for readers, then publishes diagnostics for the edited specs
//! and their dependents. A plain `std::thread` keeps parsing off the async runtime's workers.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, RwLock};

use tokio::sync::mpsc::UnboundedSender;
use tower_lsp_server::ls_types as lsp;

use super::config::ClientSettings;
use super::publish::Outgoing;
use super::state::Document;
use super::to_proto;
use super::workspace_set::WorkspaceSet;
use crate::ide::diagnostics::diagnose;
use crate::text::PositionEncoding;
use crate::workspace::config::{ChantConfig, LspFile, SeverityOverrides};
use crate::workspace::load::{self, Skipped};
use crate::workspace::Workspace;

/// A change for the analysis thread, in the order the client sent it.
#[derive(Debug)]
pub enum Task {
    Configure {
        encoding: PositionEncoding,
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
}

/// The handle kept by the server: queue tasks, read the latest `WorkspaceSet`.
#[derive(Clone, Debug)]
pub struct AnalysisHandle {
    tasks: mpsc::Sender<Task>,
    shared: Arc<RwLock<Arc<WorkspaceSet>>>,
}

impl AnalysisHandle {
    /// Starts the thread; it stops when the last handle is dropped.
    pub fn spawn(out: UnboundedSender<Outgoing>) -> AnalysisHandle {
        let (tasks, rx) = mpsc::channel();
        let shared = Arc::new(RwLock::new(Arc::new(WorkspaceSet::default())));
        let mut analysis = Analysis::new(Arc::clone(&shared), out);
        let spawned = std::thread::Builder::new()
            .name("chant-analysis".to_string())
            .spawn(move || analysis.run(&rx));
        if let Err(err) = spawned {
            tracing::error!("cannot start the analysis thread: {err}");
        }
        AnalysisHandle { tasks, shared }
    }

    pub fn send(&self, task: Task) {
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

/// What a batch of tasks invalidated.
#[derive(Debug, Default)]
struct Dirty {
    paths: BTreeSet<PathBuf>,
    roots: BTreeSet<PathBuf>,
    all: bool,
    /// Progress to end once this batch's diagnostics are out.
    progress: Option<lsp::ProgressToken>,
}

/// The kinds of files under `.chant/` whose edits matter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FileKind {
    Spec,
    Config,
    LspYaml,
    Prompt,
    Other,
}

fn file_kind(root: &Path, path: &Path) -> FileKind {
    let chant = root.join(".chant");
    if load::spec_location(root, path).is_some() {
        FileKind::Spec
    } else if path == chant.join("config.md") {
        FileKind::Config
    } else if path == chant.join("lsp.yaml") {
        FileKind::LspYaml
    } else if path.parent() == Some(chant.join("prompts").as_path())
        && path.extension().is_some_and(|e| e == "md")
    {
        FileKind::Prompt
    } else {
        FileKind::Other
    }
}

struct Analysis {
    shared: Arc<RwLock<Arc<WorkspaceSet>>>,
    /// This thread's copy; readers see it after `commit`.
    set: Arc<WorkspaceSet>,
    open: HashMap<PathBuf, OpenDoc>,
    /// Specs whose last publish was non-empty or may have been, so they can be cleared later.
    published: HashSet<PathBuf>,
    encoding: PositionEncoding,
    out: UnboundedSender<Outgoing>,
}

impl Analysis {
    fn new(shared: Arc<RwLock<Arc<WorkspaceSet>>>, out: UnboundedSender<Outgoing>) -> Analysis {
        let set = Arc::new(WorkspaceSet::default());
        Analysis {
            shared,
            set,
            open: HashMap::new(),
            published: HashSet::new(),
            encoding: PositionEncoding::Utf16,
            out,
        }
    }

    fn run(&mut self, rx: &mpsc::Receiver<Task>) {
        while let Ok(first) = rx.recv() {
            let mut batch = vec![first];
            batch.extend(rx.try_iter());
            // A bug in one batch must not take the server down: log it and keep serving.
            if let Err(panic) = catch_unwind(AssertUnwindSafe(|| self.process(batch))) {
                tracing::error!("analysis panicked: {}", panic_message(&*panic));
            }
        }
        tracing::debug!("analysis thread stopping");
    }

    fn process(&mut self, batch: Vec<Task>) {
        let mut dirty = Dirty::default();
        for task in coalesce(batch) {
            self.apply(task, &mut dirty);
        }
        self.commit();
        self.publish(&dirty);
        if let Some(token) = dirty.progress {
            self.end_progress(token);
        }
    }

    fn end_progress(&self, token: lsp::ProgressToken) {
        let n_specs: usize = self.set.workspaces.values().map(|ws| ws.len()).sum();
        let n_workspaces = self.set.workspaces.len();
        let message = format!(
            "{} in {}",
            plural(n_specs, "spec"),
            plural(n_workspaces, "workspace")
        );
        let end = lsp::WorkDoneProgressEnd {
            message: Some(message),
        };
        self.send(Outgoing::Progress {
            token,
            value: lsp::WorkDoneProgress::End(end),
        });
    }

    fn apply(&mut self, task: Task, dirty: &mut Dirty) {
        match task {
            Task::Configure { encoding } => self.encoding = encoding,
            Task::Settings(settings) => {
                Arc::make_mut(&mut self.set).settings = Arc::new(settings);
                dirty.all = true;
            }
            Task::InitialIndex { roots, progress } => self.initial_index(roots, progress, dirty),
            Task::DocChanged { uri, path, doc } => self.doc_changed(uri, path, &doc, dirty),
            Task::DocClosed { uri, path } => self.doc_closed(&uri, path, dirty),
            Task::Saved { path } => self.saved(&path, dirty),
        }
    }

    /// Makes this batch's index visible to readers; the write lock covers only the swap.
    fn commit(&self) {
        let mut slot = self.shared.write().unwrap_or_else(|e| e.into_inner());
        *slot = Arc::clone(&self.set);
    }

    fn send(&self, msg: Outgoing) {
        // Fails only when the client connection is gone; nothing is left to tell.
        let _ = self.out.send(msg);
    }

    fn initial_index(
        &mut self,
        roots: Vec<PathBuf>,
        progress: Option<lsp::ProgressToken>,
        dirty: &mut Dirty,
    ) {
        if let Some(token) = &progress {
            let begin = lsp::WorkDoneProgressBegin {
                title: "Indexing chant specs".to_string(),
                ..Default::default()
            };
            self.send(Outgoing::Progress {
                token: token.clone(),
                value: lsp::WorkDoneProgress::Begin(begin),
            });
        }
        for root in roots {
            if self.set.workspaces.contains_key(&root) {
                continue;
            }
            let n_specs = self.load_root(root.clone());
            if let Some(token) = &progress {
                let report = lsp::WorkDoneProgressReport {
                    message: Some(format!("{}: {}", root.display(), plural(n_specs, "spec"))),
                    ..Default::default()
                };
                self.send(Outgoing::Progress {
                    token: token.clone(),
                    value: lsp::WorkDoneProgress::Report(report),
                });
            }
        }
        dirty.all = true;
        dirty.progress = progress;
    }

    /// Reads a whole workspace from disk; returns its number of specs.
    fn load_root(&mut self, root: PathBuf) -> usize {
        let (ws, skipped) = load::load_workspace(&root);
        log_skipped(&skipped);
        tracing::info!("indexed {}: {} specs", root.display(), ws.len());
        let n_specs = ws.len();
        Arc::make_mut(&mut self.set)
            .workspaces
            .insert(root, Arc::new(ws));
        n_specs
    }

    /// The root for a document, discovering (and indexing) a new one from the file's folders.
    fn root_for(&mut self, path: &Path, dirty: &mut Dirty) -> Option<PathBuf> {
        if let Some(root) = self.set.root_of(path) {
            return Some(root.clone());
        }
        let root = load::find_root(path)?;
        if !self.set.workspaces.contains_key(&root) {
            self.load_root(root.clone());
            dirty.roots.insert(root.clone());
        }
        Some(root)
    }

    fn workspace_mut(&mut self, root: &Path) -> Option<&mut Workspace> {
        Arc::make_mut(&mut self.set).workspace_mut(root)
    }

    fn doc_changed(&mut self, uri: lsp::Uri, path: PathBuf, doc: &Document, dirty: &mut Dirty) {
        let Some(root) = self.root_for(&path, dirty) else {
            tracing::info!(
                "{}: no .chant/ folder above this file; not analysed",
                path.display()
            );
            return;
        };
        self.open.insert(
            path.clone(),
            OpenDoc {
                uri,
                version: doc.version,
            },
        );
        let text = doc.text.to_string();
        let kind = file_kind(&root, &path);
        let Some(ws) = self.workspace_mut(&root) else {
            return;
        };
        match kind {
            FileKind::Spec => return upsert_spec(ws, path, text, dirty),
            FileKind::Config => ws.config = ChantConfig::parse(&text),
            FileKind::LspYaml => ws.file_overrides = lsp_yaml_overrides(&path, &text),
            FileKind::Prompt => {
                ws.prompts.insert(load::spec_id(&path));
            }
            FileKind::Other => return,
        }
        // Config and prompts can change any spec's diagnostics.
        dirty.roots.insert(root);
    }

    /// The editor lets go of a file: from now on the disk is the truth again.
    fn doc_closed(&mut self, uri: &lsp::Uri, path: PathBuf, dirty: &mut Dirty) {
        if self.open.remove(&path).is_none() {
            tracing::debug!("{}: closed but never analysed", uri.as_str());
            return;
        }
        let Some(root) = self.set.root_of(&path).cloned() else {
            return;
        };
        let kind = file_kind(&root, &path);
        let Some(ws) = self.workspace_mut(&root) else {
            return;
        };
        match kind {
            FileKind::Spec => reload_spec(ws, path, dirty),
            FileKind::Other => {}
            _ => {
                reload_non_spec(ws, kind);
                dirty.roots.insert(root);
            }
        }
    }

    fn saved(&mut self, path: &Path, dirty: &mut Dirty) {
        let Some(root) = self.set.root_of(path).cloned() else {
            return;
        };
        let kind = file_kind(&root, path);
        if matches!(kind, FileKind::Spec | FileKind::Other) {
            return;
        }
        let Some(ws) = self.workspace_mut(&root) else {
            return;
        };
        reload_non_spec(ws, kind);
        dirty.roots.insert(root);
    }

    /// Publishes every spec the batch may have changed, and clears specs that left the index or
    /// stopped being published (closed archived specs, `includeArchive` switched off).
    fn publish(&mut self, dirty: &Dirty) {
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
        let ws = set
            .workspace_of(path)
            .filter(|ws| set.publishes(ws, path, open.is_some()));
        let diagnostics = match ws {
            Some(ws) => self.lsp_diagnostics(set, ws, path),
            None if self.published.contains(path) => Vec::new(),
            None => return,
        };
        let Some(uri) = self.uri_for(path) else {
            tracing::warn!(
                "{}: cannot be written as a file URI; diagnostics dropped",
                path.display()
            );
            return;
        };
        let version = open.map(|doc| doc.version);
        if ws.is_some() {
            self.published.insert(path.to_path_buf());
        } else {
            self.published.remove(path);
        }
        self.send(Outgoing::Publish {
            uri,
            diagnostics,
            version,
        });
    }

    fn lsp_diagnostics(
        &self,
        set: &WorkspaceSet,
        ws: &Workspace,
        path: &Path,
    ) -> Vec<lsp::Diagnostic> {
        let Some(spec) = ws.spec(path) else {
            return Vec::new();
        };
        let overrides = set.overrides(ws);
        let found = match catch_unwind(AssertUnwindSafe(|| diagnose(ws, path, &overrides))) {
            Ok(found) => found,
            Err(panic) => {
                tracing::error!(
                    "{}: diagnostics panicked: {}",
                    path.display(),
                    panic_message(&*panic)
                );
                return Vec::new();
            }
        };
        let related = |other: &Path| Some((self.uri_for(other)?, &ws.spec(other)?.line_index));
        found
            .iter()
            .map(|d| to_proto::diagnostic(d, &spec.line_index, self.encoding, &related))
            .collect()
    }

    /// The URI the client knows a file by: its own spelling when the file is open.
    fn uri_for(&self, path: &Path) -> Option<lsp::Uri> {
        match self.open.get(path) {
            Some(doc) => Some(doc.uri.clone()),
            None => to_proto::file_uri(path),
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

fn upsert_spec(ws: &mut Workspace, path: PathBuf, text: String, dirty: &mut Dirty) {
    let Some(spec) = load::parse_spec_file(&ws.root, &path, text) else {
        return;
    };
    let touched = ws.upsert(path.clone(), Arc::new(spec));
    dirty.paths.extend(ws.dependents(&touched));
    dirty.paths.insert(path);
}

/// Re-reads a spec from disk, or drops it from the index when it is gone or unreadable.
fn reload_spec(ws: &mut Workspace, path: PathBuf, dirty: &mut Dirty) {
    match load::read_spec_text(&path) {
        Ok(text) => upsert_spec(ws, path, text, dirty),
        Err(reason) => {
            tracing::debug!("{}: {reason}; removed from the index", path.display());
            let touched = ws.remove(&path);
            dirty.paths.extend(ws.dependents(&touched));
            dirty.paths.insert(path);
        }
    }
}

fn reload_non_spec(ws: &mut Workspace, kind: FileKind) {
    match kind {
        FileKind::Config | FileKind::LspYaml => {
            let mut skipped = Vec::new();
            load::reload_settings(ws, &mut skipped);
            log_skipped(&skipped);
        }
        FileKind::Prompt => ws.prompts = load::read_prompts(&ws.chant_dir().join("prompts")),
        FileKind::Spec | FileKind::Other => {}
    }
}

/// Severities from the text of an open, possibly unsaved `.chant/lsp.yaml`.
fn lsp_yaml_overrides(path: &Path, text: &str) -> SeverityOverrides {
    match LspFile::parse(text) {
        Ok(file) => {
            let (overrides, problems) = SeverityOverrides::from_map(&file.severity);
            log_skipped(
                &problems
                    .into_iter()
                    .map(|reason| Skipped {
                        path: path.to_path_buf(),
                        reason,
                    })
                    .collect::<Vec<_>>(),
            );
            overrides
        }
        Err(reason) => {
            tracing::warn!("{}: {reason}", path.display());
            SeverityOverrides::default()
        }
    }
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
    panic
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_else(|| "unknown panic".to_string())
}
