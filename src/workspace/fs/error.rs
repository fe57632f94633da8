//! Why the door refused a path, in words a user can act on.

use std::fmt;

/// The kind of a file system entry. `Symlink` appears only in folder listings (which do not
/// follow links); everywhere else links are resolved first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeKind {
    File,
    Dir,
    Symlink,
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
    Other,
}

impl NodeKind {
    /// The kind with an article, as it reads in a message.
    pub fn describe(self) -> &'static str {
        match self {
            NodeKind::File => "a regular file",
            NodeKind::Dir => "a folder",
            NodeKind::Symlink => "a symlink",
            NodeKind::Fifo => "a FIFO",
            NodeKind::Socket => "a socket",
            NodeKind::CharDevice => "a character device",
            NodeKind::BlockDevice => "a block device",
            NodeKind::Other => "an unknown kind of file",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FsError {
    Missing,
    /// Absolute, climbing out with `..`, or a symlink whose target lies outside the root.
    OutsideRoot,
    NotRegular(NodeKind),
    TooLarge {
        size: u64,
        limit: u64,
    },
    NotUtf8 {
        offset: usize,
    },
    SymlinkLoop,
    Io(String),
}

impl fmt::Display for FsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FsError::Missing => write!(f, "does not exist"),
            FsError::OutsideRoot => write!(f, "is outside the workspace"),
            FsError::NotRegular(kind) => write!(f, "is not a regular file (it is {})", kind.describe()),
            FsError::TooLarge { size, limit } => {
                write!(f, "is too large ({size} bytes; the limit is {limit} bytes)")
            }
            FsError::NotUtf8 { offset } => write!(f, "is not UTF-8 text (invalid byte at offset {offset})"),
            FsError::SymlinkLoop => write!(f, "is a symlink loop"),
            FsError::Io(err) => write!(f, "cannot be read: {err}"),
        }
    }
}

impl std::error::Error for FsError {}

impl FsError {
    /// Maps an OS error from resolving or opening a path.
    pub fn from_io(err: &std::io::Error) -> FsError {
        match (err.kind(), err.raw_os_error()) {
            (std::io::ErrorKind::NotFound, _) => FsError::Missing,
            // `ErrorKind::FilesystemLoop` is not stable yet.
            (_, Some(libc::ELOOP)) => FsError::SymlinkLoop,
            // Opening a socket fails with ENXIO rather than opening it.
            (_, Some(libc::ENXIO)) => FsError::NotRegular(NodeKind::Socket),
            _ => FsError::Io(err.to_string()),
        }
    }
}
