//! Remembers which referenced paths and globs exist, so a path named by hundreds of specs is
//! looked up on disk once. Any change to the workspace's files clears it.

use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Debug, Default)]
pub struct FileCache {
    exists: Mutex<HashMap<String, bool>>,
}

impl FileCache {
    /// The cached answer for `key`, computing it with `probe` on a miss.
    pub fn exists(&self, key: &str, probe: impl FnOnce() -> bool) -> bool {
        if let Some(hit) = self.lock().get(key) {
            return *hit;
        }
        // Probe without holding the lock: disk access can be slow and other threads may read.
        let found = probe();
        self.lock().insert(key.to_string(), found);
        found
    }

    /// Records an answer learnt while probing another key (one disk lookup, two answers).
    pub fn remember(&self, key: &str, found: bool) {
        self.lock().insert(key.to_string(), found);
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, bool>> {
        // A panic while holding the lock leaves a valid map behind; keep using it.
        self.exists.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A copied workspace starts with an empty cache rather than sharing the original's.
impl Clone for FileCache {
    fn clone(&self) -> FileCache {
        FileCache::default()
    }
}
