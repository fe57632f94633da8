//! A record of what the door opened or listed, so a test can check that a whole editing
//! session touched nothing outside the workspace.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Keeps the most recent paths only: a server indexing 100,000 specs must not grow without
/// bound, and a test session touches far fewer.
const KEPT: usize = 65_536;

#[derive(Debug, Default)]
pub struct AccessLog {
    paths: Mutex<VecDeque<PathBuf>>,
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
