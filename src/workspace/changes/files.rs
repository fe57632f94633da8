//! What one file's change does to one workspace: which kind of `.chant/` file it is, re-reading
//! it (or dropping it when gone), and which specs its appearance or disappearance re-checks.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::dirty::Dirty;
use crate::spec::info::SpecInfo;
use crate::spec::schema::{is_glob, PATH_FIELDS};
use crate::workspace::config::{LspFile, SeverityOverrides};
use crate::workspace::fs::NodeKind;
use crate::workspace::load::{self, Skipped};
use crate::workspace::Workspace;

/// The kinds of files under `.chant/` whose edits matter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FileKind {
    Spec,
    Config,
    LspYaml,
    Prompt,
    Other,
}

pub(super) fn file_kind(root: &Path, path: &Path) -> FileKind {
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

/// Specs with a path entry that names `path`, a folder holding it, a file inside it (a deleted
/// folder) or a glob: their missing-file findings can change when `path` appears or goes.
pub(super) fn path_referrers(ws: &Workspace, path: &Path) -> Vec<PathBuf> {
    if path.components().any(|c| matches!(c.as_os_str().to_str(), Some(".git" | "target" | "node_modules"))) {
        return Vec::new();
    }
    let names = |spec: &SpecInfo| {
        PATH_FIELDS.iter().flat_map(|field| spec.string_items(field)).any(|(value, _)| {
            let full = ws.root.join(value);
            is_glob(value) || full.starts_with(path) || path.starts_with(&full)
        })
    };
    ws.specs().filter(|(_, spec)| names(spec)).map(|(p, _)| p.to_path_buf()).collect()
}

/// Spec files below `folder`: those indexed and those on disk now.
pub(super) fn specs_below(ws: &Workspace, folder: &Path) -> BTreeSet<PathBuf> {
    let mut found: BTreeSet<PathBuf> =
        ws.specs().map(|(p, _)| p).filter(|p| p.starts_with(folder)).map(|p| p.to_path_buf()).collect();
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

/// Indexes the editor's text of a spec; the spec and the specs that depend on its id (old and
/// new) are re-checked.
pub(super) fn upsert_spec(ws: &mut Workspace, path: PathBuf, text: String, dirty: &mut Dirty) {
    let Some(spec) = load::parse_spec_file(&ws.root, &path, text) else {
        return;
    };
    let touched = ws.upsert_kept(path.clone(), Arc::new(spec));
    dirty.specs.extend(ws.dependents(&touched));
    dirty.specs.insert(path);
}

/// Re-reads a spec from disk, or drops it from the index when it is gone. A file that cannot be
/// read as a spec stays indexed with the reason, which becomes its finding.
pub(super) fn reload_spec(ws: &mut Workspace, path: PathBuf, dirty: &mut Dirty) {
    let touched = match load::load_spec_file(&*ws.fs, &ws.root, &path) {
        Some(spec) => {
            let info = ws.summarise(&path, &spec);
            ws.upsert(path.clone(), Arc::new(info))
        }
        None => ws.remove(&path),
    };
    dirty.specs.extend(ws.dependents(&touched));
    dirty.specs.insert(path);
}

/// Re-reads the settings or prompts a non-spec `.chant/` file feeds.
pub(super) fn reload_non_spec(ws: &mut Workspace, kind: FileKind, skipped: &mut Vec<Skipped>) {
    match kind {
        FileKind::Config | FileKind::LspYaml => load::reload_settings(ws, skipped),
        FileKind::Prompt => ws.prompts = load::read_prompts(&*ws.fs, &ws.chant_dir().join("prompts")),
        FileKind::Spec | FileKind::Other => {}
    }
}

/// Severities from the text of an open, possibly unsaved `.chant/lsp.yaml`.
pub(super) fn lsp_yaml_overrides(path: &Path, text: &str, skipped: &mut Vec<Skipped>) -> SeverityOverrides {
    match LspFile::parse(text) {
        Ok(file) => {
            let (overrides, problems) = SeverityOverrides::from_map(&file.severity);
            skipped.extend(problems.into_iter().map(|reason| Skipped { path: path.to_path_buf(), reason }));
            overrides
        }
        Err(reason) => {
            skipped.push(Skipped { path: path.to_path_buf(), reason });
            SeverityOverrides::default()
        }
    }
}
