//! The one door to the file system: every read, listing and existence check of a workspace file
//! goes through a [`FileAccess`], which keeps it inside the workspace root (symlinks resolved),
//! opens regular files only and without blocking, and reads a bounded prefix.
//!
//! Specs come from untrusted repositories: a spec may name `../x`, an absolute path, a symlink
//! leading out, a FIFO or `/dev/zero`. Checking this once here, rather than at each caller, is
//! what keeps a forgotten check from reading the user's home folder into a PR description.

mod error;
pub mod glob;
mod log;
pub mod memory;
pub mod real;
pub mod roots;

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

pub use error::{FsError, NodeKind};
pub use log::{process_log, AccessLog};
pub use memory::MemoryFs;
pub use real::{read_trusted, trusted_kind, RealFs};

/// Spec files are refused above this size: the largest real spec is about 20 KB.
pub const SPEC_LIMIT: Limit = Limit::refuse(4 * 1024 * 1024);
/// Hover previews show the opening of a file, however large it is.
pub const PREVIEW_LIMIT: Limit = Limit::truncate(64 * 1024);
/// Sources pasted into a PR description: enough for any research document.
pub const PR_SOURCE_LIMIT: Limit = Limit::truncate(256 * 1024);
/// `.chant/config.md` and `.chant/lsp.yaml`.
pub const CONFIG_LIMIT: Limit = Limit::refuse(1024 * 1024);
/// Pull-request templates.
pub const TEMPLATE_LIMIT: Limit = Limit::refuse(256 * 1024);

/// How much of a file a caller accepts, and what happens to a larger one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub max_bytes: u64,
    /// Keep the first `max_bytes` (and say so) instead of refusing the file.
    pub truncate: bool,
}

impl Limit {
    pub const fn refuse(max_bytes: u64) -> Limit {
        Limit { max_bytes, truncate: false }
    }

    pub const fn truncate(max_bytes: u64) -> Limit {
        Limit { max_bytes, truncate: true }
    }
}

/// Bytes read through the door; `truncated` when the file went on past the limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bytes {
    pub bytes: Vec<u8>,
    pub truncated: bool,
}

/// Text read through the door.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    pub truncated: bool,
}

/// What a path is, with links inside the root followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stat {
    pub kind: NodeKind,
    pub size: u64,
    pub modified: Option<SystemTime>,
}

/// One entry of a folder listing. The kind is the entry's own (a symlink is `Symlink`, not what
/// it points at). Only the door makes these: a `File` entry from a listing is proof that the
/// file was reached from the root without following a link, which spares it a path resolution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Shared, so that the index of a large workspace keys its specs by the walk's own copy of
    /// each path rather than a third and fourth one.
    path: Arc<Path>,
    kind: NodeKind,
}

impl Entry {
    fn new(path: PathBuf, kind: NodeKind) -> Entry {
        Entry { path: Arc::from(path), kind }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The path, to keep without copying it.
    pub fn shared_path(&self) -> &Arc<Path> {
        &self.path
    }

    pub fn kind(&self) -> NodeKind {
        self.kind
    }

    pub fn name(&self) -> Option<&str> {
        self.path.file_name()?.to_str()
    }

    /// A folder, or a symlink to one inside the root (resolved through `fs`).
    pub fn is_dir_in(&self, fs: &dyn FileAccess) -> bool {
        match self.kind {
            NodeKind::Dir => true,
            NodeKind::Symlink => fs.stat(&self.path).is_ok_and(|s| s.kind == NodeKind::Dir),
            _ => false,
        }
    }
}

/// Access to the files of one workspace. Paths are absolute, under [`FileAccess::root`].
pub trait FileAccess: Send + Sync + std::fmt::Debug {
    /// The workspace root as the index spells it.
    fn root(&self) -> &Path;

    /// What `path` is. Links are followed but must stay inside the root.
    fn stat(&self, path: &Path) -> Result<Stat, FsError>;

    /// At most `limit` bytes of the regular file at `path`.
    fn read_bytes(&self, path: &Path, limit: Limit) -> Result<Bytes, FsError>;

    /// The entries of the folder at `path`, unsorted.
    fn list(&self, path: &Path) -> Result<Vec<Entry>, FsError>;

    /// Reads a file found by [`FileAccess::list`]: a plain file entry needs no path resolution.
    fn read_entry(&self, entry: &Entry, limit: Limit) -> Result<Bytes, FsError> {
        self.read_bytes(entry.path(), limit)
    }

    /// The git repository holding the root, when the root is below it rather than at its top
    /// (pull-request templates live there): a door rooted at that repository, and the folders
    /// from the root's parent up to the repository's top, nearest first, in that door's terms.
    fn enclosing_repository(&self) -> Option<(Box<dyn FileAccess>, Vec<PathBuf>)> {
        None
    }

    /// A door rooted at `root`, sharing this one's access log: for another repository named in
    /// the configuration, so its files are reached with the same rules.
    fn other_root(&self, root: PathBuf) -> Box<dyn FileAccess>;

    /// Every path opened or listed so far (the most recent ones, see [`AccessLog`]).
    fn access_log(&self) -> Vec<PathBuf>;

    /// UTF-8 text of the regular file at `path`; a cut in the middle of a character at the
    /// limit is dropped, any other invalid byte is an error.
    fn read_text(&self, path: &Path, limit: Limit) -> Result<Text, FsError> {
        decode(self.read_bytes(path, limit)?)
    }

    fn is_file(&self, path: &Path) -> bool {
        self.stat(path).is_ok_and(|s| s.kind == NodeKind::File)
    }

    fn is_dir(&self, path: &Path) -> bool {
        self.stat(path).is_ok_and(|s| s.kind == NodeKind::Dir)
    }

    /// Exists inside the root (a link leading out does not count).
    fn exists(&self, path: &Path) -> bool {
        self.stat(path).is_ok()
    }
}

pub fn decode(read: Bytes) -> Result<Text, FsError> {
    let Bytes { mut bytes, truncated } = read;
    if let Err(e) = std::str::from_utf8(&bytes) {
        // Only a character cut by the limit may be dropped; anything else is not text.
        if !(truncated && e.error_len().is_none()) {
            return Err(FsError::NotUtf8 { offset: e.valid_up_to() });
        }
        bytes.truncate(e.valid_up_to());
    }
    let text = String::from_utf8(bytes).map_err(|e| FsError::NotUtf8 { offset: e.utf8_error().valid_up_to() })?;
    Ok(Text { text, truncated })
}

/// `path` made absolute (from the working folder) with `.` and `..` folded away lexically;
/// `None` when it climbs above `/`. Used before any disk access, so `root/../x` is refused even
/// when `x` is missing.
pub(crate) fn lexical(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::RootDir | Component::Prefix(_) => out.push(part.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() || !out.has_root() {
                    return None;
                }
            }
            Component::Normal(name) => out.push(name),
        }
    }
    out.has_root().then_some(out)
}

/// `path` lexically inside `root` (or inside its resolved spelling `real_root`).
pub(crate) fn lexically_inside(path: &Path, root: &Path, real_root: &Path) -> Result<PathBuf, FsError> {
    let path = lexical(path).ok_or(FsError::OutsideRoot)?;
    if path.starts_with(root) || path.starts_with(real_root) {
        Ok(path)
    } else {
        Err(FsError::OutsideRoot)
    }
}

#[cfg(test)]
mod tests;
