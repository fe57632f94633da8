//! What an edit invalidates: each change the editor or the disk reports, applied to the index of
//! every known workspace, answers with the specs whose diagnostics must be published again.
//!
//! Pure apart from reading files through each workspace's door (and the [`WorkspaceSource`] for
//! workspaces not seen yet); no protocol types. Rules kept here:
//! - open documents win over the disk: a disk event for an open file is ignored, and closing the
//!   file re-reads the disk;
//! - a spec whose id, `depends_on` or `members` changes re-checks the specs that name its old or
//!   new id and, when a dependency cycle forms, breaks or changes, its cycle mates (all of them in
//!   a short cycle, only the neighbours in a long one, whose messages name only neighbours);
//! - a file appearing or going re-checks the specs whose path fields can name it;
//! - `.chant/config.md`, `.chant/lsp.yaml` and prompts re-check their whole workspace, editor
//!   settings and workspace folders opened or closed re-check everything.

mod dirty;
mod files;
mod source;
#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::config::ChantConfig;
use super::load::{self, Skipped};
use super::set::{ClientSettings, WorkspaceSet};
use super::Workspace;
pub use dirty::Dirty;
use files::{file_kind, FileKind};
pub use source::{RealDisk, WorkspaceSource};

/// One thing that happened to the files the index is built from, in plain terms.
///
/// `.chant/config.md`, `.chant/lsp.yaml` and prompts arrive as the same editor and disk events as
/// specs; which kind of file a path is decides what the change does.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// The editor opened the file or edited it; its text wins over the disk until it is closed.
    /// A file below a `.chant/` folder no known workspace holds discovers that workspace.
    EditorText { path: PathBuf, text: String },
    /// The editor let go of the file: from now on the disk is the truth again.
    EditorClosed { path: PathBuf },
    /// The editor saved the file.
    Saved { path: PathBuf },
    /// A file or folder was created, changed or deleted on disk; re-reading it tells which.
    OnDisk { path: PathBuf },
    /// New editor settings.
    Settings(ClientSettings),
    /// Index the workspace at `root` (start-up, or a folder added to the editor window); a root
    /// already known is kept as it is.
    IndexRoot { root: PathBuf },
    /// The editor closed the workspace folder at `root`: forget it.
    RootClosed { root: PathBuf },
}

/// The index as it follows the editor and the disk: every workspace, and which files the editor
/// holds open (their text wins over the disk).
#[derive(Debug)]
pub struct LiveIndex {
    /// Replaced copy-on-write, so readers holding the previous `Arc` keep a consistent view.
    set: Arc<WorkspaceSet>,
    open: HashSet<PathBuf>,
    source: Box<dyn WorkspaceSource>,
}

impl LiveIndex {
    /// An empty index that finds new workspaces through `source`.
    pub fn new(source: Box<dyn WorkspaceSource>) -> LiveIndex {
        LiveIndex { set: Arc::default(), open: HashSet::new(), source }
    }

    /// The index as of the last change: cheap to clone and hand to readers.
    pub fn set(&self) -> &Arc<WorkspaceSet> {
        &self.set
    }

    /// Whether the editor's text of `path` is what the index holds (it lies in a workspace and
    /// has not been closed since).
    pub fn is_open(&self, path: &Path) -> bool {
        self.open.contains(path)
    }

    pub fn apply(&mut self, change: Change) -> Dirty {
        let mut dirty = Dirty::default();
        match change {
            Change::EditorText { path, text } => self.editor_text(path, text, &mut dirty),
            Change::EditorClosed { path } => {
                if self.open.remove(&path) {
                    self.reload_from_disk(path, &mut dirty);
                }
            }
            Change::Saved { path } => self.saved(&path, &mut dirty),
            // While a file is open the editor's text wins; closing it re-reads the disk.
            Change::OnDisk { path } if !self.open.contains(&path) => self.reload_from_disk(path, &mut dirty),
            Change::OnDisk { .. } => {}
            Change::Settings(settings) => {
                Arc::make_mut(&mut self.set).settings = Arc::new(settings);
                dirty.all = true;
            }
            Change::IndexRoot { root } => {
                if !self.set.workspaces.contains_key(&root) {
                    self.load_root(root, &mut dirty);
                }
                dirty.all = true;
            }
            // Publishing all then clears every spec of the closed workspace that had diagnostics.
            Change::RootClosed { root } => dirty.all = Arc::make_mut(&mut self.set).workspaces.remove(&root).is_some(),
        }
        dirty
    }

    /// The first step of indexing a new root in the background: one walk of its `.chant/` folder
    /// (the rest is [`load::load_walked`], then [`LiveIndex::insert_loaded`]). `None` when the
    /// root is known already.
    pub fn walk_root(&self, root: &Path) -> Option<load::Walked> {
        (!self.set.workspaces.contains_key(root)).then(|| self.source.walk(root))
    }

    /// The root of a workspace not indexed yet that holds `path`, if there is one.
    pub fn new_root_for(&self, path: &Path) -> Option<PathBuf> {
        if self.set.root_of(path).is_some() {
            return None;
        }
        self.source.find_root(path).filter(|root| !self.set.workspaces.contains_key(root))
    }

    /// Adds a workspace loaded from a walk, as [`Change::IndexRoot`] would have.
    pub fn insert_loaded(&mut self, root: PathBuf, loaded: (Workspace, Vec<Skipped>)) -> Dirty {
        let mut dirty = Dirty { all: true, ..Dirty::default() };
        self.insert_root(root, loaded, &mut dirty);
        dirty
    }

    fn load_root(&mut self, root: PathBuf, dirty: &mut Dirty) {
        let loaded = self.source.load(&root);
        self.insert_root(root, loaded, dirty);
    }

    fn insert_root(&mut self, root: PathBuf, (ws, skipped): (Workspace, Vec<Skipped>), dirty: &mut Dirty) {
        dirty.skipped.extend(skipped);
        dirty.indexed.push((root.clone(), ws.len()));
        Arc::make_mut(&mut self.set).workspaces.insert(root, Arc::new(ws));
    }

    /// The root for a document, discovering (and indexing) a new one from the file's folders.
    fn root_for(&mut self, path: &Path, dirty: &mut Dirty) -> Option<PathBuf> {
        if let Some(root) = self.set.root_of(path) {
            return Some(root.clone());
        }
        let root = self.source.find_root(path)?;
        if !self.set.workspaces.contains_key(&root) {
            self.load_root(root.clone(), dirty);
            dirty.roots.insert(root.clone());
        }
        Some(root)
    }

    fn workspace_mut(&mut self, root: &Path) -> Option<&mut Workspace> {
        Arc::make_mut(&mut self.set).workspace_mut(root)
    }

    fn editor_text(&mut self, path: PathBuf, text: String, dirty: &mut Dirty) {
        let Some(root) = self.root_for(&path, dirty) else {
            return;
        };
        self.open.insert(path.clone());
        let kind = file_kind(&root, &path);
        let Some(ws) = self.workspace_mut(&root) else {
            return;
        };
        match kind {
            FileKind::Spec => return files::upsert_spec(ws, path, text, dirty),
            FileKind::Config => ws.config = ChantConfig::parse(&text),
            FileKind::LspYaml => ws.file_overrides = files::lsp_yaml_overrides(&path, &text, &mut dirty.skipped),
            FileKind::Prompt => {
                ws.prompts.insert(load::spec_id(&path));
            }
            FileKind::Other => return,
        }
        // Config and prompts can change any spec's diagnostics.
        dirty.roots.insert(root);
    }

    /// Re-reads a file of a known workspace, or drops it when it is gone.
    fn reload_from_disk(&mut self, path: PathBuf, dirty: &mut Dirty) {
        let Some(root) = self.set.root_of(&path).cloned() else {
            return self.referenced_file_changed(&path, dirty);
        };
        let kind = file_kind(&root, &path);
        let Some(ws) = self.workspace_mut(&root) else {
            return;
        };
        match kind {
            FileKind::Spec => {
                dirty.specs.extend(files::path_referrers(ws, &path));
                files::reload_spec(ws, path, dirty);
            }
            // A referenced file may have appeared or gone: forget what was known about paths
            // and re-check the specs that may name it.
            FileKind::Other => {
                ws.files.clear();
                dirty.specs.extend(files::path_referrers(ws, &path));
                // A folder of specs created, deleted or moved is often reported as the folder
                // alone: re-read what the index had below it and what the disk has now.
                for spec in files::specs_below(ws, &path) {
                    files::reload_spec(ws, spec, dirty);
                }
            }
            _ => {
                files::reload_non_spec(ws, kind, &mut dirty.skipped);
                dirty.roots.insert(root);
            }
        }
    }

    /// A file outside every `.chant/` folder matters only as a path specs may name, in any
    /// workspace that holds it (nested workspaces both can).
    fn referenced_file_changed(&self, path: &Path, dirty: &mut Dirty) {
        for (root, ws) in &self.set.workspaces {
            if path.starts_with(root) {
                // The cache is shared with readers' snapshots; emptying it is safe for them too.
                ws.files.clear();
                dirty.specs.extend(files::path_referrers(ws, path));
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
        files::reload_non_spec(ws, kind, &mut dirty.skipped);
        dirty.roots.insert(root);
    }
}
