//! Finding workspace roots: the folders holding `.chant/`. This probes folders before any
//! workspace (and so any root to contain reads) exists, so it lives with the door.

use std::path::{Path, PathBuf};

/// The nearest folder at or above `start` that holds `.chant/`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    let start = if start.is_file() { start.parent()? } else { start };
    start.ancestors().find(|dir| dir.join(".chant").is_dir()).map(Path::to_path_buf)
}

/// Folders below `dir` (at most `max_depth` levels) that hold `.chant/`: the workspaces of a
/// monorepo checked from its top. Skips what git ignores (`.gitignore` files, the repository's
/// `info/exclude` and the user's global excludes file, so vendored copies and build output are
/// not checked), `.git`, `target` and `node_modules`, never follows symlinks and never descends
/// into a workspace it found.
///
/// A `.chant-lsp-ignore` file (gitignore syntax) skips more, for this search alone: folders that
/// hold workspaces git must keep but `check` should not find, such as test fixtures.
///
/// Only the descent honours ignore rules, never the test for `.chant/` itself: chant's silent
/// mode keeps `.chant/` out of git on purpose, and chant still works there. Inside a workspace
/// every spec is read whatever git ignores, as `chant lint` does.
pub fn find_roots_below(dir: &Path, max_depth: usize) -> Vec<PathBuf> {
    if is_root(dir) {
        return vec![dir.to_path_buf()];
    }
    let walk = ignore::WalkBuilder::new(dir)
        .max_depth(Some(max_depth))
        .follow_links(false)
        // Hidden folders are walked (a `.github/` or `.config/` may hold a workspace); only
        // git's rules decide what is skipped, and they apply outside a git repository too.
        .standard_filters(false)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(true)
        .parents(true)
        .require_git(false)
        .add_custom_ignore_filename(IGNORE_FILE)
        .filter_entry(|entry| {
            let never = matches!(entry.file_name().to_str(), Some(".git" | "target" | "node_modules" | ".chant"));
            let in_workspace = entry.depth() > 0 && entry.path().parent().is_some_and(is_root);
            entry.file_type().is_some_and(|t| t.is_dir()) && !never && !in_workspace
        })
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    walk.flatten().filter(|entry| entry.depth() > 0 && is_root(entry.path())).map(|entry| entry.into_path()).collect()
}

/// The ignore file only the search for workspaces reads (gitignore syntax).
pub const IGNORE_FILE: &str = ".chant-lsp-ignore";

fn is_root(dir: &Path) -> bool {
    dir.join(".chant").is_dir()
}
