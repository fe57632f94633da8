//! Path items: the entries of the folder typed so far, never leaving the workspace, with the
//! research artifacts first for `informed_by`.

use std::path::{Component, Path};

use super::item::{value, Completion, CompletionKind};
use crate::spec::schema;
use crate::text::TextRange;
use crate::workspace::Workspace;

/// Folders never offered as paths: version control and build output.
pub(super) const SKIPPED_DIRS: &[&str] = &[".git", "target", "node_modules"];

/// The entries of the folder typed so far (`src/` lists `src`), replacing only the last
/// segment. Never leaves the workspace: `..`, absolute paths and symlinks out are refused.
pub(super) fn path_items(ws: &Workspace, field: &str, typed: &str, edit: TextRange) -> Vec<Completion> {
    let (dir, name) = typed.rsplit_once('/').map_or(("", typed), |(d, n)| (d, n));
    let edit = TextRange::new(edit.start as usize + typed.len() - name.len(), edit.end as usize);
    let mut out = Vec::new();
    if field == schema::INFORMED_BY && dir.is_empty() {
        out.extend(research_items(ws, edit));
    }
    if let Some(folder) = inside_folder(ws, dir) {
        out.extend(folder_items(ws, &folder, edit));
    }
    out
}

/// `root/dir` when `dir` is a relative path that stays inside the workspace.
pub(super) fn inside_folder(ws: &Workspace, dir: &str) -> Option<std::path::PathBuf> {
    let rel = Path::new(dir);
    if !rel.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir)) {
        return None;
    }
    let folder = ws.root.join(rel);
    ws.contains_real(&folder).then_some(folder)
}

/// Research artifacts, offered first for `informed_by` with their full path.
pub(super) fn research_items(ws: &Workspace, edit: TextRange) -> Vec<Completion> {
    let research = ws.chant_dir().join("research");
    let mut items = folder_items(ws, &research, edit);
    for item in &mut items {
        item.label = format!(".chant/research/{}", item.label);
        item.insert = item.label.clone();
    }
    items
}

/// Folders (ending in `/`, re-triggering) then files, each sorted by name.
pub(super) fn folder_items(ws: &Workspace, folder: &Path, edit: TextRange) -> Vec<Completion> {
    let Ok(entries) = ws.fs.list(folder) else { return Vec::new() };
    let mut found: Vec<(bool, String)> = entries
        .iter()
        .filter_map(|e| Some((e.is_dir_in(&*ws.fs), e.name()?.to_string())))
        .filter(|(is_dir, name)| !(*is_dir && SKIPPED_DIRS.contains(&name.as_str())))
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    found
        .into_iter()
        .map(|(is_dir, name)| {
            if is_dir {
                let label = format!("{name}/");
                Completion { retrigger: true, ..value(&label, CompletionKind::Folder, edit) }
            } else {
                value(&name, CompletionKind::File, edit)
            }
        })
        .collect()
}
