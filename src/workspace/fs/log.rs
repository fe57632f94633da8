//! A record of what the door opened or listed, so a test can check that a whole editing
//! session touched nothing outside the workspace.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// Keeps the most recent paths only: a server indexing 100,000 specs must not hold them all for
/// its lifetime, and a test session touches far fewer.
pub const KEPT: usize = 8_192;

#[derive(Default)]
pub struct AccessLog {
    paths: Mutex<VecDeque<PathBuf>>,
}

/// A workspace printed for debugging must not dump thousands of paths.
impl std::fmt::Debug for AccessLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.paths.lock().map_or(0, |p| p.len());
        write!(f, "AccessLog({n} paths)")
    }
}

impl AccessLog {
    pub fn record(&self, path: &Path) {
        let mut paths = self.paths.lock().unwrap_or_else(|e| e.into_inner());
        if paths.len() == KEPT {
            paths.pop_front();
        }
        paths.push_back(path.to_path_buf());
    }

    pub fn snapshot(&self) -> Vec<PathBuf> {
        self.paths.lock().unwrap_or_else(|e| e.into_inner()).iter().cloned().collect()
    }
}

/// Every door of the process records here as well as in its own log, so a test that drives a
/// whole server session can read what was opened without reaching into the server's workspaces.
/// Bounded like any log, so a long-running server pays one ring of paths for it.
pub fn process_log() -> &'static AccessLog {
    static LOG: OnceLock<AccessLog> = OnceLock::new();
    LOG.get_or_init(AccessLog::default)
}
