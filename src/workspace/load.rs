//! Reading a workspace from disk: finding roots, walking `.chant/specs` and `.chant/archive`,
//! and parsing every spec once, in parallel.
//!
//! Bad files never stop the walk: binary, non-UTF-8, oversized and unreadable files are skipped
//! and reported, and so are links leading out of the workspace, FIFOs and devices; symlinked
//! folders are not followed, so link loops cannot hang the walk. Every read goes through the
//! workspace's file door.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::config::{ChantConfig, LspFile, SeverityOverrides};
use super::fs::{Bytes, Entry, FileAccess, FsError, NodeKind, RealFs, CONFIG_LIMIT, SPEC_LIMIT};
use super::Workspace;
use crate::spec::{Spec, SpecLocation};

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

/// Reads a spec file's text through the door, refusing what cannot be a spec.
pub fn read_spec_text(fs: &dyn FileAccess, path: &Path) -> Result<String, String> {
    spec_text(fs.read_bytes(path, SPEC_LIMIT))
}

/// Reads a spec file the user named on the command line: trusted as to where it is, but read
/// with the same limits (regular file, no blocking, bounded).
pub fn read_named_spec_text(path: &Path) -> Result<String, String> {
    spec_text(super::fs::read_trusted(path, SPEC_LIMIT))
}

fn spec_text(read: Result<Bytes, FsError>) -> Result<String, String> {
    let bytes = match read {
        Ok(read) => read.bytes,
        Err(FsError::TooLarge { size, limit }) => {
            return Err(format!("skipped: {size} bytes is larger than the {limit} byte limit for a spec"))
        }
        Err(err) => return Err(format!("skipped: the file {err}")),
    };
    if bytes.contains(&0) {
        return Err("skipped: binary file (contains NUL bytes)".to_string());
    }
    String::from_utf8(bytes)
        .map_err(|e| format!("skipped: not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()))
}

pub fn parse_spec_file(root: &Path, path: &Path, text: String) -> Option<Spec> {
    let location = spec_location(root, path)?;
    Some(Spec::parse(spec_id(path), location, text))
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
        // A folder named `x.md` is not walked: reading it reports it as skipped instead.
        if entry.kind() == NodeKind::Dir && !markdown {
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
    let mut ws = Workspace::with_fs(fs.clone());
    let root = ws.root.clone();
    let mut skipped = Vec::new();
    reload_settings(&mut ws, &mut skipped);
    ws.prompts = read_prompts(&*fs, &ws.chant_dir().join("prompts"));
    let mut files = Vec::new();
    markdown_files(&*fs, &ws.chant_dir().join("specs"), &mut files, &mut skipped);
    markdown_files(&*fs, &ws.chant_dir().join("archive"), &mut files, &mut skipped);
    files.sort_by(|a, b| a.path().cmp(b.path()));
    let (specs, mut bad) = parse_all(&*fs, &root, files);
    skipped.append(&mut bad);
    ws.insert_all(specs.into_iter().map(|(path, spec)| (path, Arc::new(spec))));
    (ws, skipped)
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

/// Reads and parses files on all cores; results keep the input order.
fn parse_all(fs: &dyn FileAccess, root: &Path, files: Vec<Entry>) -> (Vec<(PathBuf, Spec)>, Vec<Skipped>) {
    let n_threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let chunk = files.len().div_ceil(n_threads).max(1);
    let results: Vec<Vec<Result<(PathBuf, Spec), Skipped>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || part.iter().filter_map(|e| read_and_parse(fs, root, e)).collect::<Vec<_>>())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    let mut specs = Vec::with_capacity(files.len());
    let mut skipped = Vec::new();
    for it in results.into_iter().flatten() {
        match it {
            Ok(spec) => specs.push(spec),
            Err(skip) => skipped.push(skip),
        }
    }
    (specs, skipped)
}

fn read_and_parse(fs: &dyn FileAccess, root: &Path, entry: &Entry) -> Option<Result<(PathBuf, Spec), Skipped>> {
    let path = entry.path();
    match spec_text(fs.read_entry(entry, SPEC_LIMIT)) {
        Ok(text) => {
            // A parser bug must cost one file, not the whole index.
            let parsed = std::panic::catch_unwind(|| parse_spec_file(root, path, text));
            match parsed {
                Ok(spec) => spec.map(|spec| Ok((path.to_path_buf(), spec))),
                Err(_) => Some(Err(Skipped {
                    path: path.to_path_buf(),
                    reason: "skipped: internal error while parsing".to_string(),
                })),
            }
        }
        Err(reason) => Some(Err(Skipped { path: path.to_path_buf(), reason })),
    }
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
    /// stays inside load; the rest is skipped with its reason, and nothing blocks or runs away.
    #[test]
    fn hostile_spec_files_are_skipped_with_their_reason() {
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
        let mut loaded: Vec<String> =
            ws.specs().map(|(_, s)| format!("{} {:?}", s.id, s.title.as_ref().map(|t| t.text.as_str()))).collect();
        loaded.sort();
        assert_eq!(loaded, ["a Some(\"A\")", "in Some(\"A\")"]);
        let mut reasons: Vec<String> = skipped
            .iter()
            .map(|s| format!("{}: {}", s.path.file_name().unwrap_or_default().to_string_lossy(), s.reason))
            .collect();
        reasons.sort();
        assert_eq!(
            reasons,
            [
                "dir.md: skipped: the file is not a regular file (it is a folder)",
                "fifo.md: skipped: the file is not a regular file (it is a FIFO)",
                "loop.md: skipped: the file is a symlink loop",
                "out.md: skipped: the file is outside the workspace",
                "zero.md: skipped: the file is outside the workspace",
            ]
        );
    }
}
