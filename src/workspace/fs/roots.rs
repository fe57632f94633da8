//! Finding workspace roots: the folders holding `.chant/`. This probes folders before any
//! workspace (and so any root to contain reads) exists, so it lives with the door.

use std::path::{Path, PathBuf};

/// The nearest folder at or above `start` that holds `.chant/`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    let start = if start.is_file() { start.parent()? } else { start };
    start.ancestors().find(|dir| dir.join(".chant").is_dir()).map(Path::to_path_buf)
}

/// Folders below `dir` (at most `max_depth` levels) that hold `.chant/`: the workspaces of a
/// monorepo checked from its top. Skips `.git`, `target` and `node_modules`, never follows
/// symlinks and never descends into a workspace it found.
pub fn find_roots_below(dir: &Path, max_depth: usize) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if dir.join(".chant").is_dir() {
        out.push(dir.to_path_buf());
        return out;
    }
    if max_depth == 0 {
        return out;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return out };
    let mut subdirs: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .filter(|p| {
            !matches!(p.file_name().and_then(|n| n.to_str()), Some(".git" | "target" | "node_modules" | ".chant"))
        })
        .collect();
    subdirs.sort();
    for sub in subdirs {
        out.extend(find_roots_below(&sub, max_depth - 1));
    }
    out
}
