//! Reading a workspace from disk: finding roots, walking `.chant/specs` and `.chant/archive`,
//! and parsing every spec once, in parallel.
//!
//! Bad files never stop the walk: a spec file that is binary, not UTF-8, oversized, a link
//! leading out of the workspace, a FIFO or a device is indexed as a spec that records why (and is
//! reported as a finding); symlinked folders are not followed, so link loops cannot hang the
//! walk. Every read goes through the workspace's file door.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use super::config::{ChantConfig, LspFile, SeverityOverrides};
use super::fs::{Bytes, Entry, FileAccess, FsError, NodeKind, RealFs, CONFIG_LIMIT, SPEC_LIMIT};
use super::{LocalRules, SpecPath, Workspace};
use crate::spec::info::SpecInfo;
use crate::spec::{Spec, SpecLocation, Unreadable};

/// Specs larger than this are skipped: the largest real spec is about 20 KB.
pub const MAX_SPEC_BYTES: u64 = SPEC_LIMIT.max_bytes;

/// A file that was skipped, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

pub use super::fs::roots::{find_root, find_roots_below};

/// Where `path` sits as a spec of the workspace at `root`, or `None` if it is not a spec.
pub fn spec_location(root: &Path, path: &Path) -> Option<SpecLocation> {
    if path.extension().is_none_or(|ext| ext != "md") {
        return None;
    }
    let rel = path.strip_prefix(root.join(".chant")).ok()?;
    let mut parts = rel.components();
    let top = parts.next()?.as_os_str();
    let depth = rel.components().count();
    match top.to_str()? {
        "specs" if depth == 2 => Some(SpecLocation::Active),
        "specs" => Some(SpecLocation::Nested),
        "archive" => Some(SpecLocation::Archived),
        _ => None,
    }
}

pub fn spec_id(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Why a spec file gave no text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpecReadError {
    /// The file is gone: it leaves the index.
    Missing,
    /// The file is there but cannot be a spec; the reason is shown to the user.
    Unreadable(Unreadable),
}

impl SpecReadError {
    pub fn reason(&self) -> &str {
        match self {
            SpecReadError::Missing => "no such file",
            SpecReadError::Unreadable(why) => &why.reason,
        }
    }
}

/// Reads a spec file's text through the door, refusing what cannot be a spec.
pub fn read_spec_text(fs: &dyn FileAccess, path: &Path) -> Result<String, SpecReadError> {
    spec_text(fs.read_bytes(path, SPEC_LIMIT))
}

/// Reads a spec file the user named on the command line: trusted as to where it is, but read
/// with the same limits (regular file, no blocking, bounded).
pub fn read_named_spec_text(path: &Path) -> Result<String, SpecReadError> {
    spec_text(super::fs::read_trusted(path, SPEC_LIMIT))
}

fn unreadable(reason: String, chant_loads: bool) -> SpecReadError {
    SpecReadError::Unreadable(Unreadable { reason, chant_loads })
}

/// What chant does with each file the door refuses: it reads a spec with `read_to_string`,
/// following links, so it loads a large file or one behind a link out, hangs on a FIFO, and
/// fails on a link loop, a device or text that is not UTF-8.
fn spec_text(read: Result<Bytes, FsError>) -> Result<String, SpecReadError> {
    let bytes = match read {
        Ok(read) => read.bytes,
        Err(FsError::Missing) => return Err(SpecReadError::Missing),
        Err(FsError::TooLarge { size, .. }) => return Err(unreadable(too_large(size), true)),
        // A spec path comes from walking the specs folder, so only a link can lead it out.
        Err(FsError::OutsideRoot) => return Err(unreadable(LINK_OUT.to_string(), true)),
        Err(FsError::NotRegular(kind)) => {
            let reason = format!(
                "not a regular file (it is {}): chant cannot read it as a spec, and chant-lsp does not open it",
                kind.describe()
            );
            return Err(unreadable(reason, false));
        }
        Err(err) => return Err(unreadable(format!("the file {err}: chant cannot read it either"), false)),
    };
    String::from_utf8(bytes).map_err(|e| unreadable(not_utf8(e.as_bytes(), e.utf8_error().valid_up_to()), false))
}

const LINK_OUT: &str =
    "a symlink that leads outside the workspace: chant-lsp does not read it (chant follows the link and loads what it finds)";

/// The 1-based line holding byte `offset`, as the messages about a file's bytes count lines.
fn line_number(bytes: &[u8], offset: usize) -> usize {
    memchr::memchr_iter(b'\n', &bytes[..offset]).count() + 1
}

/// Where the first invalid byte is, as a person looks for it: line and byte column (1-based).
fn not_utf8(bytes: &[u8], offset: usize) -> String {
    let line = line_number(bytes, offset);
    let col = offset - memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |i| i + 1) + 1;
    format!(
        "not UTF-8 text (invalid byte 0x{:02x} at line {line}, byte {col}): chant cannot read it, so for chant this spec does not exist; save it as UTF-8",
        bytes[offset]
    )
}

fn too_large(len: u64) -> String {
    format!(
        "{len} bytes is larger than the {MAX_SPEC_BYTES} bytes chant-lsp analyses in one spec (chant still loads it)"
    )
}

/// Why text cannot be analysed as a spec, if it cannot, whether it came from disk or from the
/// editor: too large, or holding NUL bytes (a binary file). chant reads NUL bytes as text, so it
/// still loads such a spec unless one sits in the frontmatter, where its YAML parser refuses it.
pub fn spec_text_problem(text: &str) -> Option<Unreadable> {
    if text.len() as u64 > MAX_SPEC_BYTES {
        return Some(Unreadable { reason: too_large(text.len() as u64), chant_loads: true });
    }
    let nul = memchr::memchr(0, text.as_bytes())?;
    let in_frontmatter = match crate::syntax::frontmatter::chant_split(text) {
        crate::syntax::frontmatter::ChantSplit::Frontmatter { cut, .. } => nul < cut.end as usize,
        crate::syntax::frontmatter::ChantSplit::NoFrontmatter => false,
    };
    let line = line_number(text.as_bytes(), nul);
    let reason = if in_frontmatter {
        format!("a NUL byte in the frontmatter (line {line}): a binary file; chant's YAML parser refuses it, so chant cannot load this spec")
    } else {
        format!("a NUL byte on line {line}: chant-lsp treats the file as binary and does not analyse it (chant reads it as text)")
    };
    Some(Unreadable { reason, chant_loads: !in_frontmatter })
}

/// Parses `text` as the spec at `path`, or `None` if `path` is not a spec of the workspace.
pub fn parse_spec_file(root: &Path, path: &Path, text: String) -> Option<Spec> {
    Some(parse_located(path, spec_location(root, path)?, text))
}

fn parse_located(path: &Path, location: SpecLocation, text: String) -> Spec {
    match spec_text_problem(&text) {
        Some(why) => Spec::unreadable(spec_id(path), location, why),
        None => Spec::parse(spec_id(path), location, text),
    }
}

const INTERNAL_ERROR: &str =
    "chant-lsp failed while parsing this file (an internal error; please report it with the file)";

/// Reads and parses the spec at `path` through the door: `None` when it is not a spec of the
/// workspace or is gone; a spec that records why when the file cannot be read as one.
pub fn load_spec_file(fs: &dyn FileAccess, root: &Path, path: &Path) -> Option<Spec> {
    parse_read(root, path, read_spec_text(fs, path))
}

fn parse_read(root: &Path, path: &Path, read: Result<String, SpecReadError>) -> Option<Spec> {
    let location = spec_location(root, path)?;
    match read {
        // A parser bug must cost one file, not the whole index.
        Ok(text) => std::panic::catch_unwind(|| Some(parse_located(path, location, text))).unwrap_or_else(|_| {
            // chant may well load it: claim nothing about its dependents.
            let why = Unreadable { reason: INTERNAL_ERROR.to_string(), chant_loads: true };
            Some(Spec::unreadable(spec_id(path), location, why))
        }),
        Err(SpecReadError::Missing) => None,
        Err(SpecReadError::Unreadable(why)) => Some(Spec::unreadable(spec_id(path), location, why)),
    }
}

/// Every `*.md` entry below `dir`, recursively, without following symlinked folders. Links and
/// special files named `*.md` are kept: reading them through the door reports why they are skipped.
fn markdown_files(fs: &dyn FileAccess, dir: &Path, acc: &mut Vec<Entry>, skipped: &mut Vec<Skipped>) {
    let entries = match fs.list(dir) {
        Ok(it) => it,
        Err(FsError::Missing) => return,
        Err(err) => {
            skipped.push(Skipped { path: dir.to_path_buf(), reason: format!("cannot list folder: it {err}") });
            return;
        }
    };
    for entry in entries {
        let markdown = entry.path().extension().is_some_and(|e| e == "md");
        // chant walks a folder named `x.md` like any folder, so its specs are specs.
        if entry.kind() == NodeKind::Dir {
            markdown_files(fs, entry.path(), acc, skipped);
        } else if markdown {
            acc.push(entry);
        }
    }
}

/// Loads the workspace rooted at `root` from disk: config, prompts and every spec.
pub fn load_workspace(root: &Path) -> (Workspace, Vec<Skipped>) {
    load_workspace_in(Arc::new(RealFs::new(root.to_path_buf())))
}

/// Loads the workspace `fs` is rooted at.
pub fn load_workspace_in(fs: Arc<dyn FileAccess>) -> (Workspace, Vec<Skipped>) {
    load_workspace_with(fs, None)
}

/// Loads the workspace `fs` is rooted at, running `local_rules` on each spec while its text is
/// at hand (the index keeps only summaries, so this spares reading every file twice).
pub fn load_workspace_with(fs: Arc<dyn FileAccess>, local_rules: Option<LocalRules>) -> (Workspace, Vec<Skipped>) {
    load_walked(&walk_workspace(fs, local_rules), None)
}

/// A workspace after one walk of `.chant/`: its settings and prompts read, its spec files found
/// and sorted, nothing parsed yet. The file names alone say which ids exist (chant's ids are file
/// names), which is what the first answer on an opened spec needs; [`load_walked`] does the rest.
#[derive(Debug)]
pub struct Walked {
    /// The empty index with config, severities, prompts and the text-only rules set.
    pub ws: Workspace,
    /// Every spec file, in path order.
    pub files: Vec<Entry>,
    pub skipped: Vec<Skipped>,
}

/// Reads the settings and prompts of the workspace `fs` is rooted at and lists its spec files.
pub fn walk_workspace(fs: Arc<dyn FileAccess>, local_rules: Option<LocalRules>) -> Walked {
    let mut ws = Workspace::with_fs(fs.clone());
    ws.local_rules = local_rules;
    let mut skipped = Vec::new();
    reload_settings(&mut ws, &mut skipped);
    ws.prompts = read_prompts(&*fs, &ws.chant_dir().join("prompts"));
    let mut files = Vec::new();
    markdown_files(&*fs, &ws.chant_dir().join("specs"), &mut files, &mut skipped);
    markdown_files(&*fs, &ws.chant_dir().join("archive"), &mut files, &mut skipped);
    super::paths::sort_paths(&mut files, Entry::path);
    Walked { ws, files, skipped }
}

/// What a load on other threads shares with the thread that started it: how many files it has
/// parsed (for progress reports), and whether it should make room while that thread answers a
/// spec the editor opened (on two cores, the load's threads would otherwise take both).
#[derive(Debug, Default)]
pub struct LoadShare {
    pub done: AtomicUsize,
    paused: AtomicBool,
    /// A loading thread holds this while the load is paused: the one that goes on.
    running: AtomicBool,
}

/// How often a waiting loading thread looks whether it may go on.
const PAUSE_POLL: std::time::Duration = std::time::Duration::from_millis(1);

impl LoadShare {
    /// Holds all but one of the load's threads back, between two files, until the guard is
    /// dropped: the load goes on at the pace of one core, the other is left for the answer.
    pub fn pause(&self) -> LoadPaused<'_> {
        self.paused.store(true, Ordering::SeqCst);
        LoadPaused(self)
    }

    /// One loading thread's turn-taking during pauses.
    fn turn(&self) -> Turn<'_> {
        Turn { share: self, running: false }
    }
}

/// The load goes on when this is dropped (also when the thread that paused it panics).
#[must_use]
pub struct LoadPaused<'a>(&'a LoadShare);

impl Drop for LoadPaused<'_> {
    fn drop(&mut self) {
        self.0.paused.store(false, Ordering::SeqCst);
    }
}

/// A loading thread's view of a pause: the first thread to ask goes on, the others wait.
struct Turn<'a> {
    share: &'a LoadShare,
    running: bool,
}

impl Turn<'_> {
    /// Waits until this thread may parse its next file.
    fn wait(&mut self) {
        while !self.may_go() {
            std::thread::sleep(PAUSE_POLL);
        }
    }

    fn may_go(&mut self) -> bool {
        if !self.share.paused.load(Ordering::Relaxed) {
            self.release();
            return true;
        }
        self.running = self.running
            || self.share.running.compare_exchange(false, true, Ordering::AcqRel, Ordering::Relaxed).is_ok();
        self.running
    }

    fn release(&mut self) {
        if std::mem::take(&mut self.running) {
            self.share.running.store(false, Ordering::Release);
        }
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        self.release();
    }
}

/// Parses every spec a walk found and fills the index; `share` (if given) counts the files
/// parsed, for progress reports from another thread, and lets that thread pause the parsing.
pub fn load_walked(walked: &Walked, share: Option<&LoadShare>) -> (Workspace, Vec<Skipped>) {
    let mut ws = walked.ws.clone();
    let specs = parse_all(&*ws.fs, &ws.root, &walked.files, ws.local_rules, share);
    ws.insert_all(specs);
    (ws, walked.skipped.clone())
}

/// Re-reads `.chant/config.md` and `.chant/lsp.yaml`.
pub fn reload_settings(ws: &mut Workspace, skipped: &mut Vec<Skipped>) {
    let config_path = ws.chant_dir().join("config.md");
    ws.config = match ws.fs.read_text(&config_path, CONFIG_LIMIT) {
        Ok(read) => ChantConfig::parse(&read.text),
        Err(err) => {
            note_unreadable(&config_path, &err, skipped);
            ChantConfig::default()
        }
    };
    ws.file_overrides = SeverityOverrides::default();
    let lsp_path = ws.chant_dir().join("lsp.yaml");
    let text = match ws.fs.read_text(&lsp_path, CONFIG_LIMIT) {
        Ok(read) => read.text,
        Err(err) => return note_unreadable(&lsp_path, &err, skipped),
    };
    match LspFile::parse(&text) {
        Ok(file) => {
            let (overrides, problems) = SeverityOverrides::from_map(&file.severity);
            ws.file_overrides = overrides;
            skipped.extend(problems.into_iter().map(|reason| Skipped { path: lsp_path.clone(), reason }));
        }
        Err(reason) => skipped.push(Skipped { path: lsp_path, reason }),
    }
}

/// A settings file that is absent is normal; one that exists but cannot be read is reported.
fn note_unreadable(path: &Path, err: &FsError, skipped: &mut Vec<Skipped>) {
    if *err != FsError::Missing {
        skipped.push(Skipped { path: path.to_path_buf(), reason: format!("ignored: the file {err}") });
    }
}

pub fn read_prompts(fs: &dyn FileAccess, dir: &Path) -> std::collections::HashSet<String> {
    let Ok(entries) = fs.list(dir) else { return Default::default() };
    entries.iter().map(Entry::path).filter(|p| p.extension().is_some_and(|e| e == "md")).map(spec_id).collect()
}

/// Reads, parses and summarises files on all cores (the text and syntax trees are dropped as
/// soon as each summary is made); results keep the input order.
fn parse_all(
    fs: &dyn FileAccess,
    root: &Path,
    files: &[Entry],
    local_rules: Option<LocalRules>,
    share: Option<&LoadShare>,
) -> Vec<(SpecPath, Arc<SpecInfo>)> {
    let summarise = |path: &Path, spec: Spec| {
        let local = local_rules.map(|rules| rules(path, &spec));
        Arc::new(SpecInfo::new(&spec, local))
    };
    let parse_part = |part: &[Entry]| {
        let mut turn = share.map(LoadShare::turn);
        let parsed = part.iter().filter_map(|e| {
            if let Some(turn) = &mut turn {
                turn.wait();
            }
            Some((Arc::clone(e.shared_path()), summarise(e.path(), read_and_parse(fs, root, e)?)))
        });
        let parsed = parsed.collect::<Vec<_>>();
        // Counted a block at a time: one shared counter per file would cost a cache line bounce
        // each.
        if let Some(share) = share {
            share.done.fetch_add(part.len(), Ordering::Relaxed);
        }
        parsed
    };
    // A file that makes the parser panic costs its chunk, not the session.
    super::parallel::map_chunks(files, 0, parse_part, |_| Vec::new())
}

fn read_and_parse(fs: &dyn FileAccess, root: &Path, entry: &Entry) -> Option<Spec> {
    parse_read(root, entry.path(), spec_text(fs.read_entry(entry, SPEC_LIMIT)))
}

/// Expands a leading `~` the way chant does for `repos[].path`.
pub fn expand_home(path: &str) -> PathBuf {
    match path.strip_prefix("~/") {
        Some(rest) => {
            std::env::var_os("HOME").map_or_else(|| PathBuf::from(path), |home| PathBuf::from(home).join(rest))
        }
        None => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// What a repository can hold under `.chant/specs`: only the plain spec and the link that
    /// stays inside load; the rest is indexed as unreadable with its reason and chant's own
    /// verdict, and nothing blocks or runs away. A folder named `dir.md` is walked, as chant does.
    /// While the load is paused one of its threads goes on (the first to ask) and the others
    /// wait; once that one stops or the pause ends, another may go.
    #[test]
    fn a_pause_lets_one_loading_thread_go_on() {
        let share = LoadShare::default();
        let (mut first, mut second) = (share.turn(), share.turn());
        assert!(first.may_go() && second.may_go(), "no pause: every thread goes");
        let paused = share.pause();
        assert!(first.may_go());
        assert!(!second.may_go());
        assert!(first.may_go(), "the running thread keeps its turn");
        drop(first);
        assert!(second.may_go(), "a turn is given back when its thread's block ends");
        drop(paused);
        let mut third = share.turn();
        assert!(second.may_go() && third.may_go());
        let _paused = share.pause();
        assert!(third.may_go(), "the turn was given back when the pause ended");
    }

    /// A load paused from the start still finishes, with every spec, and counts them all.
    #[test]
    fn a_paused_load_finishes() {
        let fs = crate::workspace::fs::MemoryFs::new("/ws");
        for i in 0..600 {
            fs.write(&format!(".chant/specs/{i:03}-s.md"), "---\nstatus: pending\n---\n# S\n");
        }
        let walked = walk_workspace(Arc::new(fs), None);
        let share = LoadShare::default();
        let _paused = share.pause();
        let (ws, _) = load_walked(&walked, Some(&share));
        assert_eq!(ws.len(), 600);
        assert_eq!(share.done.load(Ordering::Relaxed), 600);
    }

    #[test]
    fn hostile_spec_files_are_unreadable_with_their_reason() {
        let top = std::env::temp_dir().join(format!("chant-lsp-load-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&top);
        let specs = top.join("root/.chant/specs");
        std::fs::create_dir_all(specs.join("dir.md")).expect("create specs");
        std::fs::write(top.join("outside.md"), "# Secret title\n").expect("write outside");
        std::fs::write(specs.join("a.md"), "# A\n").expect("write spec");
        let link = |target: &Path, name: &str| std::os::unix::fs::symlink(target, specs.join(name)).expect("symlink");
        link(&specs.join("a.md"), "in.md");
        link(&top.join("outside.md"), "out.md");
        link(Path::new("/dev/zero"), "zero.md");
        link(&specs.join("loop.md"), "loop.md");
        let fifo = std::ffi::CString::new(specs.join("fifo.md").to_str().expect("utf-8")).expect("cstr");
        // SAFETY: a valid NUL-terminated path; mkfifo only creates a file system entry.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0, "mkfifo");
        let (ws, skipped) = load_workspace(&top.join("root"));
        let real_root = top.join("root").canonicalize().expect("root");
        // Files found by the walk are logged as the walk spells them, the rest resolved.
        let inside = |p: &PathBuf| p.starts_with(&real_root) || p.starts_with(top.join("root"));
        let opened_outside: Vec<PathBuf> = ws.fs.access_log().into_iter().filter(|p| !inside(p)).collect();
        let _ = std::fs::remove_dir_all(&top);
        assert_eq!(opened_outside, Vec::<PathBuf>::new());
        assert_eq!(skipped, []);
        let mut loaded: Vec<String> = ws
            .specs()
            .map(|(_, s)| match &s.unreadable {
                Some(why) => format!("{}: {} (chant loads: {})", s.id, why.reason, why.chant_loads),
                None => format!("{}: {:?}", s.id, s.title.as_ref().map(|t| t.text.as_str())),
            })
            .collect();
        loaded.sort();
        assert_eq!(
            loaded,
            [
                "a: Some(\"A\")",
                "fifo: not a regular file (it is a FIFO): chant cannot read it as a spec, and chant-lsp does not open it (chant loads: false)",
                "in: Some(\"A\")",
                "loop: the file is a symlink loop: chant cannot read it either (chant loads: false)",
                "out: a symlink that leads outside the workspace: chant-lsp does not read it (chant follows the link and loads what it finds) (chant loads: true)",
                "zero: a symlink that leads outside the workspace: chant-lsp does not read it (chant follows the link and loads what it finds) (chant loads: true)",
            ]
        );
    }
}
