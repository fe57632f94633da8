//! Reading a workspace from disk: finding roots, walking `.chant/specs` and `.chant/archive`,
//! and parsing every spec once, in parallel.
//!
//! Bad files never stop the walk: a binary, non-UTF-8, oversized or unreadable spec file is
//! indexed as a spec that records why (and is reported as a finding); symlinked folders are not
//! followed, so link loops cannot hang the walk.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::config::{ChantConfig, LspFile, SeverityOverrides};
use super::Workspace;
use crate::spec::{Spec, SpecLocation};

/// Specs larger than this are skipped: the largest real spec is about 20 KB.
pub const MAX_SPEC_BYTES: u64 = 4 * 1024 * 1024;

/// A file that was skipped, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// The nearest folder at or above `start` that holds `.chant/`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    let start = if start.is_file() { start.parent()? } else { start };
    start.ancestors().find(|dir| dir.join(".chant").is_dir()).map(Path::to_path_buf)
}

/// Folders below `dir` (at most `max_depth` levels) that hold `.chant/`: the workspaces of a
/// monorepo checked from its top. Skips `.git`, `target` and `node_modules`, never follows
/// symlinks and never descends into a workspace it found.
pub fn find_roots_below(dir: &Path, max_depth: usize) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if dir.join(".chant").is_dir() {
        out.push(dir.to_path_buf());
        return out;
    }
    if max_depth == 0 {
        return out;
    }
    let Ok(entries) = fs::read_dir(dir) else { return out };
    let mut subdirs: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .filter(|p| {
            !matches!(p.file_name().and_then(|n| n.to_str()), Some(".git" | "target" | "node_modules" | ".chant"))
        })
        .collect();
    subdirs.sort();
    for sub in subdirs {
        out.extend(find_roots_below(&sub, max_depth - 1));
    }
    out
}

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
    Unreadable(String),
}

/// Reads a spec file's text, refusing what cannot be a spec.
pub fn read_spec_text(path: &Path) -> Result<String, SpecReadError> {
    use std::io::Read;
    let cannot = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => SpecReadError::Missing,
        _ => SpecReadError::Unreadable(format!("cannot read the file: {e}")),
    };
    // One open and an fstat instead of two path lookups: this runs once per spec at start-up.
    let mut file = fs::File::open(path).map_err(cannot)?;
    let len = file.metadata().map_err(cannot)?.len();
    if len > MAX_SPEC_BYTES {
        return Err(SpecReadError::Unreadable(too_large(len)));
    }
    let mut bytes = Vec::with_capacity(len as usize + 1);
    file.read_to_end(&mut bytes).map_err(cannot)?;
    if memchr::memchr(0, &bytes).is_some() {
        return Err(SpecReadError::Unreadable(BINARY.to_string()));
    }
    String::from_utf8(bytes)
        .map_err(|e| SpecReadError::Unreadable(not_utf8(e.as_bytes(), e.utf8_error().valid_up_to())))
}

/// Where the first invalid byte is, as a person looks for it: line and byte column (1-based).
fn not_utf8(bytes: &[u8], offset: usize) -> String {
    let before = &bytes[..offset];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let col = offset - memchr::memrchr(b'\n', before).map_or(0, |i| i + 1) + 1;
    format!(
        "not UTF-8 text (invalid byte 0x{:02x} at line {line}, byte {col}); chant reads specs as UTF-8",
        bytes[offset]
    )
}

const BINARY: &str = "binary file (contains NUL bytes); chant reads specs as text";

fn too_large(len: u64) -> String {
    format!("{len} bytes is larger than the {MAX_SPEC_BYTES} byte limit for a spec; chant-lsp does not analyse it")
}

/// Why text from the editor cannot be analysed as a spec, if it cannot: the same limits as a
/// file read from disk (the editor has already decoded the bytes, so UTF-8 is not in question).
pub fn spec_text_problem(text: &str) -> Option<String> {
    if text.len() as u64 > MAX_SPEC_BYTES {
        return Some(too_large(text.len() as u64));
    }
    memchr::memchr(0, text.as_bytes()).map(|_| BINARY.to_string())
}

/// Parses `text` as the spec at `path`, or `None` if `path` is not a spec of the workspace.
pub fn parse_spec_file(root: &Path, path: &Path, text: String) -> Option<Spec> {
    let location = spec_location(root, path)?;
    Some(match spec_text_problem(&text) {
        Some(reason) => Spec::unreadable(spec_id(path), location, reason),
        None => Spec::parse(spec_id(path), location, text),
    })
}

/// Reads and parses the spec at `path`: `None` when it is not a spec of the workspace or is
/// gone; a spec that records why when the file cannot be read as one.
pub fn load_spec_file(root: &Path, path: &Path) -> Option<Spec> {
    let location = spec_location(root, path)?;
    match read_spec_text(path) {
        // A parser bug must cost one file, not the whole index.
        Ok(text) => std::panic::catch_unwind(|| parse_spec_file(root, path, text)).unwrap_or_else(|_| {
            Some(Spec::unreadable(spec_id(path), location, "internal error while parsing this file".to_string()))
        }),
        Err(SpecReadError::Missing) => None,
        Err(SpecReadError::Unreadable(reason)) => Some(Spec::unreadable(spec_id(path), location, reason)),
    }
}

/// Every `*.md` below `dir`, recursively, without following symlinked folders.
fn markdown_files(dir: &Path, acc: &mut Vec<PathBuf>, skipped: &mut Vec<Skipped>) {
    let entries = match fs::read_dir(dir) {
        Ok(it) => it,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return,
        Err(err) => {
            skipped.push(Skipped { path: dir.to_path_buf(), reason: format!("cannot list folder: {err}") });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            markdown_files(&path, acc, skipped);
        } else if path.extension().is_some_and(|e| e == "md") {
            if kind.is_symlink() && path.is_dir() {
                continue;
            }
            acc.push(path);
        }
    }
}

/// Loads the workspace rooted at `root`: config, prompts and every spec.
pub fn load_workspace(root: &Path) -> (Workspace, Vec<Skipped>) {
    let mut ws = Workspace::new(root.to_path_buf());
    let mut skipped = Vec::new();
    reload_settings(&mut ws, &mut skipped);
    ws.prompts = read_prompts(&ws.chant_dir().join("prompts"));
    let mut files = Vec::new();
    markdown_files(&ws.chant_dir().join("specs"), &mut files, &mut skipped);
    markdown_files(&ws.chant_dir().join("archive"), &mut files, &mut skipped);
    files.sort();
    let specs = parse_all(root, files);
    ws.insert_all(specs.into_iter().map(|(path, spec)| (path, Arc::new(spec))));
    (ws, skipped)
}

/// Re-reads `.chant/config.md` and `.chant/lsp.yaml`.
pub fn reload_settings(ws: &mut Workspace, skipped: &mut Vec<Skipped>) {
    let config_path = ws.chant_dir().join("config.md");
    ws.config = fs::read_to_string(&config_path).map(|t| ChantConfig::parse(&t)).unwrap_or_default();
    ws.file_overrides = SeverityOverrides::default();
    let lsp_path = ws.chant_dir().join("lsp.yaml");
    let Ok(text) = fs::read_to_string(&lsp_path) else { return };
    match LspFile::parse(&text) {
        Ok(file) => {
            let (overrides, problems) = SeverityOverrides::from_map(&file.severity);
            ws.file_overrides = overrides;
            skipped.extend(problems.into_iter().map(|reason| Skipped { path: lsp_path.clone(), reason }));
        }
        Err(reason) => skipped.push(Skipped { path: lsp_path, reason }),
    }
}

pub fn read_prompts(dir: &Path) -> std::collections::HashSet<String> {
    let Ok(entries) = fs::read_dir(dir) else { return Default::default() };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| spec_id(&p))
        .collect()
}

/// Reads and parses files on all cores; results keep the input order.
fn parse_all(root: &Path, files: Vec<PathBuf>) -> Vec<(PathBuf, Spec)> {
    let n_threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let chunk = files.len().div_ceil(n_threads).max(1);
    let results: Vec<Vec<(PathBuf, Spec)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter().filter_map(|p| Some((p.clone(), load_spec_file(root, p)?))).collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    results.into_iter().flatten().collect()
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
