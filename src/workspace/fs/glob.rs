//! Glob matching (`tracks: [src/**/*.rs]`) as a walk through the door: folders are listed, never
//! followed through symlinks, and the walk stops after a bounded number of entries.

use std::path::{Path, PathBuf};

use glob::{MatchOptions, Pattern};

use super::{FileAccess, NodeKind};
use crate::spec::schema::is_glob;
use crate::workspace::paths::{normalize, slash_path};

/// Entries looked at before a glob walk gives up: a pattern like `**/*` over a large checkout
/// (with `node_modules/`) must not stall a hover or a diagnostic.
pub const MAX_VISITED: usize = 100_000;

/// Files and folders a glob matched, sorted; `cut` when the walk stopped at [`MAX_VISITED`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GlobMatches {
    pub paths: Vec<PathBuf>,
    pub cut: bool,
}

const OPTIONS: MatchOptions =
    MatchOptions { case_sensitive: true, require_literal_separator: true, require_literal_leading_dot: false };

/// Matches `pattern` (relative to the root, `/`-separated) against the workspace's entries.
/// `limit` caps the matches collected (`usize::MAX` for all); the walk is capped by `max_visited`.
pub fn find(fs: &dyn FileAccess, pattern: &str, limit: usize, max_visited: usize) -> GlobMatches {
    let mut out = GlobMatches::default();
    let Some(rel) = normalize(Path::new(pattern)) else { return out };
    let rel_text = slash_path(&rel);
    let Ok(compiled) = Pattern::new(&rel_text) else { return out };
    // Walk from the longest literal folder prefix: `docs/*.md` lists `docs/` only.
    let parts: Vec<&str> = rel_text.split('/').collect();
    let literal = parts.iter().take_while(|p| !is_glob(p)).count().min(parts.len() - 1);
    let start: PathBuf = parts[..literal].iter().collect();
    let max_depth = if rel_text.contains("**") { usize::MAX } else { parts.len() - literal };
    let mut visited = 0usize;
    let mut stack = vec![(fs.root().join(&start), 0usize)];
    while let Some((dir, depth)) = stack.pop() {
        let Ok(entries) = fs.list(&dir) else { continue };
        for entry in entries {
            visited += 1;
            if visited > max_visited {
                out.cut = true;
                out.paths.sort();
                return out;
            }
            let Ok(entry_rel) = entry.path().strip_prefix(fs.root()) else { continue };
            let matched = compiled.matches_path_with(Path::new(&slash_path(entry_rel)), OPTIONS)
                && (entry.kind() != NodeKind::Symlink || fs.stat(entry.path()).is_ok());
            if matched && out.paths.len() < limit {
                out.paths.push(entry.path().to_path_buf());
            }
            // Symlinked folders are not followed: they may lead out or loop.
            if entry.kind() == NodeKind::Dir && depth + 1 < max_depth {
                stack.push((entry.path().to_path_buf(), depth + 1));
            }
        }
        if out.paths.len() >= limit {
            break;
        }
    }
    out.paths.sort();
    out
}
