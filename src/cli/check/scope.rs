//! What `check` reads and reports: the workspaces found from each PATH (at, above or below a
//! folder; the one holding a named file) and, in each, all its specs or only the files named.

use std::path::PathBuf;

use crate::spec::SpecLocation;
use crate::workspace::fs::{lexical, trusted_kind, NodeKind};
use crate::workspace::load::{find_root, find_roots_below};
use crate::workspace::Workspace;

/// Which specs of one workspace are reported: all of them (a folder was named), or only the
/// files named. The whole workspace is read either way, so links and dependencies resolve.
pub enum Scope {
    All,
    Files(Vec<PathBuf>),
}

/// The workspace roots to load, in the order first named, each with what to report of it.
pub fn scopes(paths: &[PathBuf]) -> Result<Vec<(PathBuf, Scope)>, String> {
    let mut scopes: Vec<(PathBuf, Scope)> = Vec::new();
    for path in paths {
        let Ok(kind) = trusted_kind(path) else {
            return Err(format!("{}: no such file or folder", path.display()));
        };
        // Folded lexically: the roots are looked for among the path's ancestors, and those of
        // `ws/../README.md` spelled as given would include `ws`.
        let absolute = lexical(path).unwrap_or_else(|| path.clone());
        if kind == NodeKind::File {
            let root = find_root(&absolute).ok_or_else(|| {
                format!("{}: not inside a chant workspace (no .chant/ folder above it)", path.display())
            })?;
            add_scope(&mut scopes, root, Some(absolute));
            continue;
        }
        let found = match find_root(&absolute) {
            Some(root) => vec![root],
            None => find_roots_below(&absolute, 6),
        };
        if found.is_empty() {
            return Err(format!("{}: no .chant/ folder at, above or below this path", path.display()));
        }
        for root in found {
            add_scope(&mut scopes, root, None);
        }
    }
    Ok(scopes)
}

/// Adds a named file (or, for `None`, the whole workspace) to the scope of `root`; a workspace
/// named as a folder anywhere on the command line is reported whole.
fn add_scope(scopes: &mut Vec<(PathBuf, Scope)>, root: PathBuf, file: Option<PathBuf>) {
    let new = || match &file {
        Some(file) => Scope::Files(vec![file.clone()]),
        None => Scope::All,
    };
    match scopes.iter_mut().find(|(r, _)| *r == root) {
        None => scopes.push((root, new())),
        Some((_, scope @ Scope::Files(_))) if file.is_none() => *scope = Scope::All,
        Some((_, Scope::Files(files))) => files.extend(file),
        Some((_, Scope::All)) => {}
    }
}

/// The spec paths to report for each workspace, sorted; a named file that is not a spec of its
/// workspace is the error. A named archived spec is reported without `--include-archive`: the
/// user asked for it.
pub fn reported_paths(workspaces: &[(Workspace, Scope)], include_archive: bool) -> Result<Vec<Vec<PathBuf>>, PathBuf> {
    let mut all = Vec::new();
    for (ws, scope) in workspaces {
        let mut paths: Vec<PathBuf> = match scope {
            Scope::All => ws
                .specs()
                .filter(|(_, spec)| include_archive || spec.location != SpecLocation::Archived)
                .map(|(path, _)| path.to_path_buf())
                .collect(),
            Scope::Files(files) => {
                let mut named = Vec::new();
                for file in files {
                    ws.spec(file).ok_or_else(|| file.clone())?;
                    named.push(file.clone());
                }
                named
            }
        };
        crate::workspace::paths::sort_paths(&mut paths, |p| p);
        paths.dedup();
        all.push(paths);
    }
    Ok(all)
}

/// Each workspace with the paths to report of it.
pub fn workspace_paths<'a>(
    workspaces: &'a [(Workspace, Scope)],
    paths: &'a [Vec<PathBuf>],
) -> Vec<(&'a Workspace, &'a [PathBuf])> {
    workspaces.iter().zip(paths).map(|((ws, _), paths)| (ws, paths.as_slice())).collect()
}
