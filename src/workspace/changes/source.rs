//! Where workspaces the index has not seen yet come from: the real disk in the server, an
//! in-memory file system in tests. Discovery happens when the editor opens a file below a
//! `.chant/` folder no known workspace holds, or when a workspace folder is added.

use std::path::{Path, PathBuf};

use crate::workspace::load::{self, Skipped};
use crate::workspace::Workspace;

pub trait WorkspaceSource: Send + std::fmt::Debug {
    /// The nearest folder at or above `path` that holds `.chant/`.
    fn find_root(&self, path: &Path) -> Option<PathBuf>;

    /// Reads the whole workspace at `root`: config, prompts and every spec.
    fn load(&self, root: &Path) -> (Workspace, Vec<Skipped>);
}

/// The machine's own file system.
#[derive(Clone, Copy, Debug, Default)]
pub struct RealDisk;

impl WorkspaceSource for RealDisk {
    fn find_root(&self, path: &Path) -> Option<PathBuf> {
        load::find_root(path)
    }

    fn load(&self, root: &Path) -> (Workspace, Vec<Skipped>) {
        load::load_workspace(root)
    }
}
