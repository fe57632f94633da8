//! Tests of the door: on a real temporary folder for what only a real file system can do
//! (symlinks, FIFOs, devices), and on the in-memory fake for the rest.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::*;

/// A temporary folder holding `root/` (the workspace) and `outside.md` next to it.
struct Scratch {
    top: PathBuf,
    root: PathBuf,
}

impl Scratch {
    fn new() -> Scratch {
        static N: AtomicUsize = AtomicUsize::new(0);
        let top = std::env::temp_dir().join(format!(
            "chant-lsp-door-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&top);
        let root = top.join("root");
        std::fs::create_dir_all(root.join("docs")).expect("create scratch");
        std::fs::write(top.join("outside.md"), "# Secret\n").expect("write outside");
        std::fs::write(root.join("docs/in.md"), "# Inside\n").expect("write inside");
        Scratch { top, root }
    }

    fn link(&self, target: &Path, rel: &str) {
        std::os::unix::fs::symlink(target, self.root.join(rel)).expect("symlink");
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.top);
    }
}

fn read(fs: &dyn FileAccess, path: &Path) -> Result<String, FsError> {
    fs.read_text(path, SPEC_LIMIT).map(|t| t.text)
}

#[test]
fn real_refuses_what_leads_out_and_what_is_not_a_file() {
    let s = Scratch::new();
    s.link(&s.top.join("outside.md"), "out.md");
    s.link(&s.root.join("docs/in.md"), "in-link.md");
    s.link(&s.root.join("loop-a.md"), "loop-b.md");
    s.link(&s.root.join("loop-b.md"), "loop-a.md");
    s.link(Path::new("/dev/zero"), "zero.md");
    std::fs::create_dir(s.root.join("dir.md")).expect("mkdir");
    let fifo = std::ffi::CString::new(s.root.join("fifo.md").to_str().expect("utf-8").as_bytes()).expect("cstr");
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file system entry.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0, "mkfifo");
    std::fs::write(s.root.join("big.md"), vec![b'a'; 2000]).expect("write big");
    let fs = RealFs::new(s.root.clone());
    let got = |rel: &str| read(&fs, &s.root.join(rel));
    assert_eq!(got("docs/in.md"), Ok("# Inside\n".to_string()));
    assert_eq!(got("in-link.md"), Ok("# Inside\n".to_string()));
    assert_eq!(got("out.md"), Err(FsError::OutsideRoot));
    assert_eq!(got("../outside.md"), Err(FsError::OutsideRoot));
    assert_eq!(read(&fs, &s.top.join("outside.md")), Err(FsError::OutsideRoot));
    assert_eq!(read(&fs, Path::new("/etc/passwd")), Err(FsError::OutsideRoot));
    assert_eq!(got("loop-a.md"), Err(FsError::SymlinkLoop));
    assert_eq!(got("zero.md"), Err(FsError::OutsideRoot));
    assert_eq!(got("dir.md"), Err(FsError::NotRegular(NodeKind::Dir)));
    assert_eq!(got("fifo.md"), Err(FsError::NotRegular(NodeKind::Fifo)));
    assert_eq!(got("nope.md"), Err(FsError::Missing));
    assert_eq!(
        fs.read_text(&s.root.join("big.md"), Limit::refuse(1000)),
        Err(FsError::TooLarge { size: 2000, limit: 1000 })
    );
    let cut = fs.read_text(&s.root.join("big.md"), Limit::truncate(1000)).expect("truncated read");
    assert_eq!((cut.text.len(), cut.truncated), (1000, true));
    assert!(fs.access_log().iter().all(|p| p.starts_with(s.root.canonicalize().expect("root"))));
}

#[test]
fn real_listing_keeps_links_as_links_and_reads_listed_files() {
    let s = Scratch::new();
    s.link(&s.top.join("outside.md"), "docs/out.md");
    s.link(&s.top, "docs/up");
    let fs = RealFs::new(s.root.clone());
    let mut entries = fs.list(&s.root.join("docs")).expect("list");
    entries.sort_by(|a, b| a.path().cmp(b.path()));
    let shown: Vec<String> = entries.iter().map(|e| format!("{} {:?}", e.name().unwrap_or("?"), e.kind())).collect();
    assert_eq!(shown, ["in.md File", "out.md Symlink", "up Symlink"]);
    let read_all: Vec<Result<usize, FsError>> =
        entries.iter().map(|e| fs.read_entry(e, SPEC_LIMIT).map(|b| b.bytes.len())).collect();
    assert_eq!(read_all, [Ok(9), Err(FsError::OutsideRoot), Err(FsError::OutsideRoot)]);
    assert_eq!(fs.list(&s.root.join("docs/up")), Err(FsError::OutsideRoot));
}

/// `/dev/zero` behind a regular-looking name inside the root (a device, not a link) is refused
/// on the descriptor; the trusted reader of command-line paths refuses it as well, at once.
#[test]
fn devices_and_fifos_are_refused_without_blocking() {
    let s = Scratch::new();
    let fifo = std::ffi::CString::new(s.root.join("f.md").to_str().expect("utf-8").as_bytes()).expect("cstr");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0, "mkfifo");
    let root = s.root.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let results =
            (read_trusted(&root.join("f.md"), TEMPLATE_LIMIT), read_trusted(Path::new("/dev/zero"), TEMPLATE_LIMIT));
        let _ = tx.send(results);
    });
    // Only catches a hang: both refusals take microseconds.
    let (fifo, zero) = rx.recv_timeout(Duration::from_secs(30)).expect("a FIFO or device blocked the read");
    assert_eq!(fifo, Err(FsError::NotRegular(NodeKind::Fifo)));
    assert_eq!(zero, Err(FsError::NotRegular(NodeKind::CharDevice)));
}

#[test]
fn memory_fs_acts_like_the_real_one() {
    let fs = MemoryFs::new("/w");
    fs.write(".chant/specs/a.md", "# A\n");
    fs.link_out(".chant/specs/out.md");
    fs.link(".chant/specs/in.md", ".chant/specs/a.md");
    fs.link("loop.md", "loop.md");
    fs.special("fifo.md", NodeKind::Fifo);
    fs.huge("zero.md", u64::MAX);
    let got = |p: &str| read(&fs, Path::new(p));
    assert_eq!(got("/w/.chant/specs/a.md"), Ok("# A\n".to_string()));
    assert_eq!(got("/w/.chant/specs/in.md"), Ok("# A\n".to_string()));
    assert_eq!(got("/w/.chant/specs/out.md"), Err(FsError::OutsideRoot));
    assert_eq!(got("/w/../etc/passwd"), Err(FsError::OutsideRoot));
    assert_eq!(got("/w/loop.md"), Err(FsError::SymlinkLoop));
    assert_eq!(got("/w/fifo.md"), Err(FsError::NotRegular(NodeKind::Fifo)));
    assert_eq!(got("/w/zero.md"), Err(FsError::TooLarge { size: u64::MAX, limit: SPEC_LIMIT.max_bytes }));
    assert_eq!(got("/w/.chant"), Err(FsError::NotRegular(NodeKind::Dir)));
    let preview = fs.read_text(Path::new("/w/zero.md"), PREVIEW_LIMIT).expect("prefix");
    assert_eq!((preview.text.len() as u64, preview.truncated), (PREVIEW_LIMIT.max_bytes, true));
    assert!(fs.is_dir(Path::new("/w/.chant/specs")));
    assert!(!fs.exists(Path::new("/w/.chant/specs/out.md")));
    let log: Vec<String> = fs.access_log().iter().map(|p| p.display().to_string()).collect();
    assert_eq!(
        log,
        ["/w/.chant/specs/a.md", "/w/.chant/specs/a.md", "/w/fifo.md", "/w/zero.md", "/w/.chant", "/w/zero.md"]
    );
}

#[test]
fn errors_read_as_sentences() {
    let shown: Vec<String> = [
        FsError::Missing,
        FsError::OutsideRoot,
        FsError::NotRegular(NodeKind::Fifo),
        FsError::TooLarge { size: 10, limit: 5 },
        FsError::NotUtf8 { offset: 3 },
        FsError::SymlinkLoop,
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    assert_eq!(
        shown,
        [
            "does not exist",
            "is outside the workspace",
            "is not a regular file (it is a FIFO)",
            "is too large (10 bytes; the limit is 5 bytes)",
            "is not UTF-8 text (invalid byte at offset 3)",
            "is a symlink loop",
        ]
    );
}

#[test]
fn truncation_drops_a_cut_character_only() {
    let cut = decode(Bytes { bytes: "aé".as_bytes()[..2].to_vec(), truncated: true });
    assert_eq!(cut, Ok(Text { text: "a".to_string(), truncated: true }));
    let bad = decode(Bytes { bytes: vec![b'a', 0xff, b'b'], truncated: true });
    assert_eq!(bad, Err(FsError::NotUtf8 { offset: 1 }));
}

#[test]
fn glob_walks_without_following_links_and_stops_when_told() {
    let fs = MemoryFs::new("/w");
    fs.write("src/a.rs", "");
    fs.write("src/deep/b.rs", "");
    fs.write("src/c.md", "");
    fs.link_out("src/out.rs");
    fs.link("src/linked", "src");
    let shown = |m: glob::GlobMatches| {
        let paths: Vec<String> = m.paths.iter().map(|p| p.display().to_string()).collect();
        format!("{paths:?} cut={}", m.cut)
    };
    assert_eq!(shown(glob::find(&fs, "src/*.rs", usize::MAX, 100)), r#"["/w/src/a.rs"] cut=false"#);
    assert_eq!(
        shown(glob::find(&fs, "src/**/*.rs", usize::MAX, 100)),
        r#"["/w/src/a.rs", "/w/src/deep/b.rs"] cut=false"#
    );
    assert_eq!(shown(glob::find(&fs, "../**/*.rs", usize::MAX, 100)), "[] cut=false");
    assert_eq!(shown(glob::find(&fs, "**/*", usize::MAX, 3)), r#"["/w/src", "/w/src/a.rs", "/w/src/c.md"] cut=true"#);
}
