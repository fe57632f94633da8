//! The workspace an MCP session serves: `--root DIR`, or the workspace at or above the current
//! folder. Tool arguments name paths relative to it (absolute ones must lie inside it); anything
//! outside is refused before a file is touched.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::workspace::fs::{lexical, RealFs};
use crate::workspace::load::{find_root, load_workspace_with};
use crate::workspace::Workspace;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Root {
    pub dir: PathBuf,
}

impl Root {
    /// The workspace at or above `given` (default: the current folder).
    pub fn find(given: Option<&Path>) -> Result<Root, String> {
        let start = given.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let absolute = lexical(&start).ok_or_else(|| format!("{}: not a usable path", start.display()))?;
        let dir = find_root(&absolute)
            .ok_or_else(|| format!("{}: no .chant/ folder at or above this folder", start.display()))?;
        Ok(Root { dir })
    }

    /// The workspace as it is on disk now, with the text-only rules run as each spec is parsed
    /// (as `check` loads it).
    pub fn load(&self) -> Workspace {
        let fs = Arc::new(RealFs::new(self.dir.clone()));
        load_workspace_with(fs, Some(crate::ide::diagnostics::local_findings)).0
    }

    /// The absolute path an argument names: relative to the root, or absolute inside it.
    pub fn resolve(&self, given: &str) -> Result<PathBuf, String> {
        if given.is_empty() {
            return Err("an empty path: give a path relative to the workspace root".to_string());
        }
        let path = Path::new(given);
        let joined = if path.is_absolute() { path.to_path_buf() } else { self.dir.join(path) };
        match lexical(&joined) {
            Some(folded) if folded.starts_with(&self.dir) => Ok(folded),
            _ => Err(format!(
                "`{given}` is outside the workspace: give a path inside it, relative to its root (e.g. .chant/specs/ID.md)"
            )),
        }
    }

    /// `path` relative to the root, with `/` separators, as every answer spells paths.
    pub fn relative(&self, path: &Path) -> String {
        path.strip_prefix(&self.dir).unwrap_or(path).to_string_lossy().replace('\\', "/")
    }
}
