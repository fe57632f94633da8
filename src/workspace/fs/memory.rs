//! An in-memory door for unit tests: files, folders, and entries that act like the hostile
//! things a repository can hold (a symlink leading out, a FIFO, a file too large to read).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use super::{lexically_inside, AccessLog, Bytes, Entry, FileAccess, FsError, Limit, NodeKind, Stat};

#[derive(Clone, Debug, PartialEq, Eq)]
enum Node {
    File(Vec<u8>),
    Dir,
    /// A symlink to another path of this file system (absolute).
    Link(PathBuf),
    /// A symlink whose target lies outside the root.
    LinkOut,
    /// A FIFO, device or socket: never readable.
    Special(NodeKind),
    /// A regular file of this many bytes, all `x`, like a huge log or `/dev/zero` behind a link.
    Huge(u64),
}

#[derive(Debug)]
pub struct MemoryFs {
    root: PathBuf,
    /// Shared with doors made by `other_root`: one fake disk, several roots.
    nodes: Arc<Mutex<BTreeMap<PathBuf, Node>>>,
    log: Arc<AccessLog>,
    /// The modification time every entry reports.
    modified: Option<SystemTime>,
}

impl MemoryFs {
    pub fn new(root: impl Into<PathBuf>) -> MemoryFs {
        let root = root.into();
        let nodes = Arc::new(Mutex::new(BTreeMap::from([(root.clone(), Node::Dir)])));
        MemoryFs { root, nodes, log: Arc::default(), modified: None }
    }

    /// Every entry reports `time` as its modification time (snapshots stay stable).
    pub fn with_modified(self, time: SystemTime) -> MemoryFs {
        MemoryFs { modified: Some(time), ..self }
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        self.put(rel, Node::File(bytes.to_vec()));
    }

    /// A file written outside the root: only another root (`other_root`) can reach it.
    pub fn write_absolute(&self, path: &Path, text: &str) {
        let mut nodes = self.lock();
        for dir in path.ancestors().skip(1) {
            nodes.entry(dir.to_path_buf()).or_insert(Node::Dir);
        }
        nodes.insert(path.to_path_buf(), Node::File(text.as_bytes().to_vec()));
    }

    /// Writes a file at `rel` (relative to the root), creating its folders.
    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn mkdir(&self, rel: &str) {
        self.put(rel, Node::Dir);
    }

    /// A symlink at `rel` to `target_rel`, both relative to the root.
    pub fn link(&self, rel: &str, target_rel: &str) {
        let target = self.full(target_rel);
        self.put(rel, Node::Link(target));
    }

    pub fn link_out(&self, rel: &str) {
        self.put(rel, Node::LinkOut);
    }

    pub fn special(&self, rel: &str, kind: NodeKind) {
        self.put(rel, Node::Special(kind));
    }

    pub fn huge(&self, rel: &str, size: u64) {
        self.put(rel, Node::Huge(size));
    }

    pub fn remove(&self, rel: &str) {
        let full = self.full(rel);
        self.lock().retain(|p, _| !p.starts_with(&full));
    }

    fn full(&self, rel: &str) -> PathBuf {
        self.root.join(rel.trim_start_matches('/'))
    }

    fn put(&self, rel: &str, node: Node) {
        let full = self.full(rel);
        let mut nodes = self.lock();
        for dir in full.ancestors().skip(1).take_while(|d| d.starts_with(&self.root)) {
            nodes.entry(dir.to_path_buf()).or_insert(Node::Dir);
        }
        nodes.insert(full, node);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<PathBuf, Node>> {
        self.nodes.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The node `path` names with links followed (at most 40 hops, as Linux allows).
    fn resolve(&self, path: &Path) -> Result<(PathBuf, Node), FsError> {
        let mut path = lexically_inside(path, &self.root, &self.root)?;
        for _ in 0..40 {
            let node = self.lock().get(&path).cloned().ok_or(FsError::Missing)?;
            match node {
                Node::Link(target) => path = target,
                Node::LinkOut => return Err(FsError::OutsideRoot),
                node => return Ok((path, node)),
            }
        }
        Err(FsError::SymlinkLoop)
    }
}

fn kind(node: &Node) -> NodeKind {
    match node {
        Node::File(_) | Node::Huge(_) => NodeKind::File,
        Node::Dir => NodeKind::Dir,
        Node::Link(_) | Node::LinkOut => NodeKind::Symlink,
        Node::Special(kind) => *kind,
    }
}

impl FileAccess for MemoryFs {
    fn root(&self) -> &Path {
        &self.root
    }

    fn stat(&self, path: &Path) -> Result<Stat, FsError> {
        let (_, node) = self.resolve(path)?;
        let size = match &node {
            Node::File(bytes) => bytes.len() as u64,
            Node::Huge(size) => *size,
            _ => 0,
        };
        Ok(Stat { kind: kind(&node), size, modified: self.modified })
    }

    fn read_bytes(&self, path: &Path, limit: Limit) -> Result<Bytes, FsError> {
        let (real, node) = self.resolve(path)?;
        self.log.record(&real);
        let bytes = match node {
            Node::File(bytes) => bytes,
            Node::Huge(size) if !limit.truncate && size > limit.max_bytes => {
                return Err(FsError::TooLarge { size, limit: limit.max_bytes })
            }
            Node::Huge(size) => vec![b'x'; size.min(limit.max_bytes + 1) as usize],
            other => return Err(FsError::NotRegular(kind(&other))),
        };
        let over = bytes.len() as u64 > limit.max_bytes;
        if over && !limit.truncate {
            return Err(FsError::TooLarge { size: bytes.len() as u64, limit: limit.max_bytes });
        }
        Ok(Bytes { bytes: bytes[..bytes.len().min(limit.max_bytes as usize)].to_vec(), truncated: over })
    }

    fn list(&self, path: &Path) -> Result<Vec<Entry>, FsError> {
        let (real, node) = self.resolve(path)?;
        if node != Node::Dir {
            return Err(FsError::Io("not a folder".to_string()));
        }
        self.log.record(&real);
        let nodes = self.lock();
        Ok(nodes
            .iter()
            .filter(|(p, _)| p.parent() == Some(real.as_path()))
            .map(|(p, node)| Entry::new(path.join(p.file_name().unwrap_or_default()), kind(node)))
            .collect())
    }

    fn other_root(&self, root: PathBuf) -> Box<dyn FileAccess> {
        Box::new(MemoryFs { root, nodes: self.nodes.clone(), log: self.log.clone(), modified: self.modified })
    }

    fn access_log(&self) -> Vec<PathBuf> {
        self.log.snapshot()
    }
}
