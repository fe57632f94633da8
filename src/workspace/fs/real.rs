//! The door on the real file system.
//!
//! A path is checked lexically first (absolute, `..`), then resolved once (`canonicalize`) and
//! must land inside the resolved root. Files are opened with `O_NONBLOCK` (a FIFO opens at once
//! instead of waiting for a writer) and `O_NOFOLLOW`, and the type is checked with `fstat` on the
//! opened descriptor, so a file swapped for a FIFO or a link between check and open is refused.

use std::fs::{File, FileType, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{lexically_inside, AccessLog, Bytes, Entry, FileAccess, FsError, Limit, NodeKind, Stat};

#[derive(Debug)]
pub struct RealFs {
    root: PathBuf,
    /// `root` made absolute, for the lexical check of paths spelled from the working folder.
    absolute_root: PathBuf,
    /// `root` with symlinks resolved: what resolved paths are compared with.
    real_root: PathBuf,
    log: Arc<AccessLog>,
}

impl RealFs {
    pub fn new(root: PathBuf) -> RealFs {
        RealFs::with_log(root, Arc::default())
    }

    /// The root with symlinks resolved (as given when it cannot be resolved).
    pub fn real_root(&self) -> &Path {
        &self.real_root
    }

    fn record(&self, path: &Path) {
        self.log.record(path);
        super::log::process_log().record(path);
    }

    fn with_log(root: PathBuf, log: Arc<AccessLog>) -> RealFs {
        let real_root = root.canonicalize().unwrap_or_else(|_| root.clone());
        let absolute_root = super::lexical(&root).unwrap_or_else(|| real_root.clone());
        RealFs { root, absolute_root, real_root, log }
    }

    /// The real path of `path`, refused unless it lies inside the root.
    fn resolve(&self, path: &Path) -> Result<PathBuf, FsError> {
        let path = lexically_inside(path, &self.absolute_root, &self.real_root)?;
        let real = path.canonicalize().map_err(|e| FsError::from_io(&e))?;
        if real.starts_with(&self.real_root) {
            Ok(real)
        } else {
            Err(FsError::OutsideRoot)
        }
    }

    fn open_and_read(&self, real: &Path, limit: Limit) -> Result<Bytes, FsError> {
        self.record(real);
        read_bounded(real, limit)
    }
}

impl FileAccess for RealFs {
    fn root(&self) -> &Path {
        &self.root
    }

    fn stat(&self, path: &Path) -> Result<Stat, FsError> {
        let real = self.resolve(path)?;
        let meta = std::fs::metadata(&real).map_err(|e| FsError::from_io(&e))?;
        Ok(Stat { kind: kind_of(meta.file_type()), size: meta.len(), modified: meta.modified().ok() })
    }

    fn read_bytes(&self, path: &Path, limit: Limit) -> Result<Bytes, FsError> {
        let real = self.resolve(path)?;
        self.open_and_read(&real, limit)
    }

    fn list(&self, path: &Path) -> Result<Vec<Entry>, FsError> {
        let real = self.resolve(path)?;
        self.record(&real);
        let entries = std::fs::read_dir(&real).map_err(|e| FsError::from_io(&e))?;
        // Entries keep the caller's spelling of the folder: the index is keyed by it.
        Ok(entries
            .flatten()
            .map(|e| {
                let kind = e.file_type().map_or(NodeKind::Other, kind_of);
                Entry::new(path.join(e.file_name()), kind)
            })
            .collect())
    }

    fn read_entry(&self, entry: &Entry, limit: Limit) -> Result<Bytes, FsError> {
        if entry.kind() != NodeKind::File {
            return self.read_bytes(entry.path(), limit);
        }
        // The listing resolved the folder inside the root and the entry is no link; O_NOFOLLOW
        // refuses it if it became one since. This spares a resolution per spec at start-up.
        self.record(entry.path());
        read_bounded(entry.path(), limit)
    }

    fn enclosing_repository(&self) -> Option<(Box<dyn FileAccess>, Vec<PathBuf>)> {
        if self.real_root.join(".git").exists() {
            return None;
        }
        let above: Vec<&Path> = self.real_root.ancestors().skip(1).collect();
        let top = above.iter().position(|d| d.join(".git").exists())?;
        let dirs = above[..=top].iter().map(|d| d.to_path_buf()).collect();
        Some((Box::new(RealFs::with_log(above[top].to_path_buf(), self.log.clone())), dirs))
    }

    fn other_root(&self, root: PathBuf) -> Box<dyn FileAccess> {
        Box::new(RealFs::with_log(root, self.log.clone()))
    }

    fn access_log(&self) -> Vec<PathBuf> {
        self.log.snapshot()
    }
}

/// Reads a file the user named on the command line (`check FILE`, `--template FILE`): trusted
/// as to where it is, but still a regular file, opened without blocking, and bounded.
pub fn read_trusted(path: &Path, limit: Limit) -> Result<Bytes, FsError> {
    let real = path.canonicalize().map_err(|e| FsError::from_io(&e))?;
    read_bounded(&real, limit)
}

/// What a path the user named on the command line is, links followed.
pub fn trusted_kind(path: &Path) -> Result<NodeKind, FsError> {
    std::fs::metadata(path).map(|m| kind_of(m.file_type())).map_err(|e| FsError::from_io(&e))
}

/// Opens `path` (no link as its last component) without blocking, checks on the descriptor
/// that it is a regular file, and reads at most `limit`.
fn read_bounded(path: &Path, limit: Limit) -> Result<Bytes, FsError> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
        .open(path)
        .map_err(|e| FsError::from_io(&e))?;
    let meta = file.metadata().map_err(|e| FsError::from_io(&e))?;
    let kind = kind_of(meta.file_type());
    if kind != NodeKind::File {
        return Err(FsError::NotRegular(kind));
    }
    if meta.len() > limit.max_bytes && !limit.truncate {
        return Err(FsError::TooLarge { size: meta.len(), limit: limit.max_bytes });
    }
    read_prefix(file, meta.len(), limit)
}

/// The size from `fstat` can be stale or zero (procfs): the read itself is bounded too.
fn read_prefix(file: File, size: u64, limit: Limit) -> Result<Bytes, FsError> {
    let mut bytes = Vec::with_capacity(size.min(limit.max_bytes) as usize + 1);
    file.take(limit.max_bytes + 1).read_to_end(&mut bytes).map_err(|e| FsError::from_io(&e))?;
    let over = bytes.len() as u64 > limit.max_bytes;
    if over && !limit.truncate {
        return Err(FsError::TooLarge { size: size.max(bytes.len() as u64), limit: limit.max_bytes });
    }
    bytes.truncate(limit.max_bytes as usize);
    Ok(Bytes { bytes, truncated: over })
}

pub(crate) fn kind_of(t: FileType) -> NodeKind {
    if t.is_symlink() {
        NodeKind::Symlink
    } else if t.is_file() {
        NodeKind::File
    } else if t.is_dir() {
        NodeKind::Dir
    } else if t.is_fifo() {
        NodeKind::Fifo
    } else if t.is_socket() {
        NodeKind::Socket
    } else if t.is_char_device() {
        NodeKind::CharDevice
    } else if t.is_block_device() {
        NodeKind::BlockDevice
    } else {
        NodeKind::Other
    }
}
