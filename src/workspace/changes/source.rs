//! Where workspaces the index has not seen yet come from: the real disk in the server, an
//! in-memory file system in tests. Discovery happens when the editor opens a file below a
//! `.chant/` folder no known workspace holds, or when a workspace folder is added.

use std::path::{Path, PathBuf};

use crate::workspace::load::{self, Skipped, Walked};
use crate::workspace::{LocalRules, Workspace};

pub trait WorkspaceSource: Send + std::fmt::Debug {
    /// The nearest folder at or above `path` that holds `.chant/`.
    fn find_root(&self, path: &Path) -> Option<PathBuf>;

    /// Reads the settings and prompts of the workspace at `root` and lists its spec files.
    fn walk(&self, root: &Path) -> Walked;

    /// Reads the whole workspace at `root`: config, prompts and every spec.
    fn load(&self, root: &Path) -> (Workspace, Vec<Skipped>) {
        load::load_walked(&self.walk(root), None)
    }
}

/// The machine's own file system.
#[derive(Clone, Copy, Debug, Default)]
pub struct RealDisk {
    /// The text-only rules, run while each spec's text is at hand (see [`LocalRules`]).
    pub local_rules: Option<LocalRules>,
}

impl WorkspaceSource for RealDisk {
    fn find_root(&self, path: &Path) -> Option<PathBuf> {
        load::find_root(path)
    }

    fn walk(&self, root: &Path) -> Walked {
        let fs = std::sync::Arc::new(crate::workspace::fs::RealFs::new(root.to_path_buf()));
        load::walk_workspace(fs, self.local_rules)
    }
}
