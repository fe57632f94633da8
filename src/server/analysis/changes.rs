//! How each kind of change lands in the index: documents opened, edited, closed or saved, and
//! workspaces discovered or indexed at start-up. Open documents win over the disk.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::ls_types as lsp;

use super::{log_skipped, plural, Analysis, Dirty, OpenDoc};
use crate::server::publish::Outgoing;
use crate::server::state::Document;
use crate::spec::schema::{is_glob, PATH_FIELDS};
use crate::spec::Spec;
use crate::workspace::config::{ChantConfig, LspFile, SeverityOverrides};
use crate::workspace::fs::NodeKind;
use crate::workspace::load::{self, Skipped};
use crate::workspace::Workspace;

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
    } else if path.parent() == Some(chant.join("prompts").as_path()) && path.extension().is_some_and(|e| e == "md") {
        FileKind::Prompt
    } else {
        FileKind::Other
    }
}

impl Analysis {
    pub(super) fn initial_index(
        &mut self,
        roots: Vec<PathBuf>,
        progress: Option<lsp::ProgressToken>,
        dirty: &mut Dirty,
    ) {
        if let Some(token) = &progress {
            let begin = lsp::WorkDoneProgressBegin { title: "Indexing chant specs".to_string(), ..Default::default() };
            self.send(Outgoing::Progress { token: token.clone(), value: lsp::WorkDoneProgress::Begin(begin) });
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
                self.send(Outgoing::Progress { token: token.clone(), value: lsp::WorkDoneProgress::Report(report) });
            }
        }
        dirty.all = true;
        dirty.progress = progress;
    }

    /// Drops workspaces whose folder the client closed; publishing then clears every spec of
    /// theirs that had diagnostics.
    pub(super) fn remove_roots(&mut self, roots: Vec<PathBuf>, dirty: &mut Dirty) {
        for root in roots {
            if Arc::make_mut(&mut self.set).workspaces.remove(&root).is_some() {
                tracing::info!("workspace closed: {}", root.display());
                dirty.all = true;
            }
        }
    }

    /// Reads a whole workspace from disk; returns its number of specs.
    fn load_root(&mut self, root: PathBuf) -> usize {
        let (ws, skipped) = load::load_workspace(&root);
        log_skipped(&skipped);
        tracing::info!("indexed {}: {} specs", root.display(), ws.len());
        let n_specs = ws.len();
        Arc::make_mut(&mut self.set).workspaces.insert(root, Arc::new(ws));
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

    pub(super) fn doc_changed(&mut self, uri: lsp::Uri, path: PathBuf, doc: &Document, dirty: &mut Dirty) {
        let Some(root) = self.root_for(&path, dirty) else {
            tracing::info!("{}: no .chant/ folder above this file; not analysed", path.display());
            return;
        };
        self.open.insert(path.clone(), OpenDoc { uri, version: doc.version });
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
    pub(super) fn doc_closed(&mut self, uri: &lsp::Uri, path: PathBuf, dirty: &mut Dirty) {
        if self.open.remove(&path).is_none() {
            tracing::debug!("{}: closed but never analysed", uri.as_str());
            return;
        }
        self.reload_from_disk(path, dirty);
    }

    pub(super) fn disk_changed(&mut self, path: PathBuf, dirty: &mut Dirty) {
        // While a file is open the editor's text wins; closing it re-reads the disk.
        if !self.open.contains_key(&path) {
            self.reload_from_disk(path, dirty);
        }
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
                dirty.paths.extend(path_referrers(ws, &path));
                reload_spec(ws, path, dirty);
            }
            // A referenced file may have appeared or gone: forget what was known about paths
            // and re-check the specs that may name it.
            FileKind::Other => {
                ws.files.clear();
                dirty.paths.extend(path_referrers(ws, &path));
                // A folder of specs created, deleted or moved is often reported as the folder
                // alone: re-read what the index had below it and what the disk has now.
                for spec in specs_below(ws, &path) {
                    reload_spec(ws, spec, dirty);
                }
            }
            _ => {
                reload_non_spec(ws, kind);
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
                dirty.paths.extend(path_referrers(ws, path));
            }
        }
    }

    pub(super) fn saved(&mut self, path: &Path, dirty: &mut Dirty) {
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
}

/// Specs with a path entry that names `path`, a folder holding it, a file inside it (a deleted
/// folder) or a glob: their missing-file findings can change when `path` appears or goes.
fn path_referrers(ws: &Workspace, path: &Path) -> Vec<PathBuf> {
    if path.components().any(|c| matches!(c.as_os_str().to_str(), Some(".git" | "target" | "node_modules"))) {
        return Vec::new();
    }
    let names = |spec: &Spec| {
        PATH_FIELDS.iter().flat_map(|field| spec.string_items(field)).any(|(value, _)| {
            let full = ws.root.join(value);
            is_glob(value) || full.starts_with(path) || path.starts_with(&full)
        })
    };
    ws.specs().filter(|(_, spec)| names(spec)).map(|(p, _)| p.clone()).collect()
}

/// Spec files below `folder`: those indexed and those on disk now.
fn specs_below(ws: &Workspace, folder: &Path) -> BTreeSet<PathBuf> {
    let mut found: BTreeSet<PathBuf> = ws.specs().map(|(p, _)| p).filter(|p| p.starts_with(folder)).cloned().collect();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = ws.fs.list(&dir) else { continue };
        for entry in entries {
            if entry.kind() == NodeKind::Dir {
                stack.push(entry.path().to_path_buf());
            } else if load::spec_location(&ws.root, entry.path()).is_some() {
                found.insert(entry.path().to_path_buf());
            }
        }
    }
    found.remove(folder);
    found
}

fn upsert_spec(ws: &mut Workspace, path: PathBuf, text: String, dirty: &mut Dirty) {
    let Some(spec) = load::parse_spec_file(&ws.root, &path, text) else {
        return;
    };
    let touched = ws.upsert(path.clone(), Arc::new(spec));
    dirty.paths.extend(ws.dependents(&touched));
    dirty.paths.insert(path);
}

/// Re-reads a spec from disk, or drops it from the index when it is gone. A file that cannot be
/// read as a spec stays indexed with the reason, which becomes its finding.
fn reload_spec(ws: &mut Workspace, path: PathBuf, dirty: &mut Dirty) {
    match load::load_spec_file(&*ws.fs, &ws.root, &path) {
        Some(spec) => {
            let touched = ws.upsert(path.clone(), Arc::new(spec));
            dirty.paths.extend(ws.dependents(&touched));
            dirty.paths.insert(path);
        }
        None => {
            tracing::debug!("{}: gone; removed from the index", path.display());
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
        FileKind::Prompt => ws.prompts = load::read_prompts(&*ws.fs, &ws.chant_dir().join("prompts")),
        FileKind::Spec | FileKind::Other => {}
    }
}

/// Severities from the text of an open, possibly unsaved `.chant/lsp.yaml`.
fn lsp_yaml_overrides(path: &Path, text: &str) -> SeverityOverrides {
    match LspFile::parse(text) {
        Ok(file) => {
            let (overrides, problems) = SeverityOverrides::from_map(&file.severity);
            log_skipped(
                &problems.into_iter().map(|reason| Skipped { path: path.to_path_buf(), reason }).collect::<Vec<_>>(),
            );
            overrides
        }
        Err(reason) => {
            tracing::warn!("{}: {reason}", path.display());
            SeverityOverrides::default()
        }
    }
}
