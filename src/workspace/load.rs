//! Reading a workspace from disk: finding roots, walking `.chant/specs` and `.chant/archive`,
//! and parsing every spec once, in parallel.
//!
//! Bad files never stop the walk: binary, non-UTF-8, oversized and unreadable files are skipped
//! and reported; symlinked folders are not followed, so link loops cannot hang the walk.

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

/// Reads a spec file's text, refusing what cannot be a spec.
pub fn read_spec_text(path: &Path) -> Result<String, String> {
    use std::io::Read;
    // One open and an fstat instead of two path lookups: this runs once per spec at start-up.
    let mut file = fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let len = file.metadata().map_err(|e| format!("cannot read: {e}"))?.len();
    if len > MAX_SPEC_BYTES {
        return Err(format!("skipped: {len} bytes is larger than the {MAX_SPEC_BYTES} byte limit for a spec"));
    }
    let mut bytes = Vec::with_capacity(len as usize + 1);
    file.read_to_end(&mut bytes).map_err(|e| format!("cannot read: {e}"))?;
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
    let (specs, mut bad) = parse_all(root, files);
    skipped.append(&mut bad);
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
fn parse_all(root: &Path, files: Vec<PathBuf>) -> (Vec<(PathBuf, Spec)>, Vec<Skipped>) {
    let n_threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let chunk = files.len().div_ceil(n_threads).max(1);
    let results: Vec<Vec<Result<(PathBuf, Spec), Skipped>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().filter_map(|p| read_and_parse(root, p)).collect::<Vec<_>>()))
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

fn read_and_parse(root: &Path, path: &Path) -> Option<Result<(PathBuf, Spec), Skipped>> {
    match read_spec_text(path) {
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
