//! File previews for hover: resolves a path inside the workspace (never outside it, never
//! through a symlink that leaves it) and shows size, time, producers, consumers and opening text.

use std::path::Path;
use std::time::SystemTime;

use crate::spec::info::SpecInfo;
use crate::spec::schema::{is_glob, CONTEXT, INFORMED_BY, ORIGIN, TARGET_FILES};
use crate::syntax::markdown;
use crate::workspace::fs::{glob, FileAccess, FsError, NodeKind, PREVIEW_LIMIT};
use crate::workspace::paths::normalize;
use crate::workspace::paths::percent_decode;
pub(super) use crate::workspace::paths::slash_path;
use crate::workspace::Workspace;

/// A NUL byte in this many leading bytes marks a file as binary.
const BINARY_PROBE: usize = 8 * 1024;
const OPENING_LINES: usize = 12;
const OUTLINE_HEADINGS: usize = 20;
const LISTED_SPECS: usize = 10;

fn outside(value: &str, why: &str) -> String {
    format!("`{value}` is outside the workspace ({why}), not previewed")
}

/// A body link resolves from the spec's folder, as markdown links do; a link written
/// root-relative, the way frontmatter paths are, is accepted when only that one exists.
pub(super) fn link_hover(ws: &Workspace, spec_path: &Path, dest: &str) -> String {
    let decoded = percent_decode(dest);
    let dest = decoded.as_str();
    let folder = spec_path.parent().and_then(|p| p.strip_prefix(&ws.root).ok()).unwrap_or(Path::new(""));
    let from_folder = normalize(&folder.join(dest));
    let from_root = normalize(Path::new(dest));
    match (from_folder, from_root) {
        (Some(f), Some(r)) if !ws.fs.exists(&ws.root.join(&f)) && ws.fs.exists(&ws.root.join(&r)) => {
            path_hover(ws, Path::new(""), dest)
        }
        _ => path_hover(ws, folder, dest),
    }
}

/// The preview of `value`, resolved from `base` (a folder relative to the workspace root).
pub(super) fn path_hover(ws: &Workspace, base: &Path, value: &str) -> String {
    if value.trim().is_empty() {
        return "an empty path names no file".to_string();
    }
    if value.starts_with('~') || Path::new(value).is_absolute() {
        return outside(value, "an absolute path");
    }
    let Some(rel) = normalize(&base.join(value)) else {
        return outside(value, "a `..` climbs out of it");
    };
    if is_glob(value) {
        return glob_summary(ws, value, &rel);
    }
    let full = ws.root.join(&rel);
    match FilePreview::read(&*ws.fs, &full) {
        Err(FsError::Missing) => format!("`{value}` does not exist"),
        Err(FsError::OutsideRoot) => outside(value, "a symlink leads out of it"),
        Ok(preview) => preview.render(&slash_path(&rel), &artifact_specs(ws, &rel)),
        Err(e) => format!("`{value}` {e}"),
    }
}

fn glob_summary(ws: &Workspace, value: &str, rel: &Path) -> String {
    let found = glob::find(&*ws.fs, &slash_path(rel), usize::MAX, glob::MAX_VISITED);
    let matches: Vec<String> =
        found.paths.iter().filter_map(|p| p.strip_prefix(&ws.root).ok().map(slash_path)).collect();
    let mut out = format!("`{value}` matches {} file{}", matches.len(), plural(matches.len()));
    if found.cut {
        out.push_str(&format!(" (the search stopped after {} entries)", glob::MAX_VISITED));
    }
    for m in matches.iter().take(LISTED_SPECS) {
        out.push_str(&format!("\n- `{m}`"));
    }
    if matches.len() > LISTED_SPECS {
        out.push_str(&format!("\n- and {} more", matches.len() - LISTED_SPECS));
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Who produces a file (`target_files`) and who builds on it (`informed_by`, `context`, `origin`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArtifactSpecs {
    pub producers: Vec<String>,
    pub consumers: Vec<String>,
}

fn artifact_specs(ws: &Workspace, rel: &Path) -> ArtifactSpecs {
    let names = |spec: &SpecInfo, fields: &[&str]| {
        fields.iter().any(|f| spec.string_items(f).iter().any(|(v, _)| normalize(Path::new(v)).as_deref() == Some(rel)))
    };
    let mut out = ArtifactSpecs::default();
    for path in ws.may_name_file(rel) {
        let Some(spec) = ws.spec(path) else { continue };
        if names(spec, &[TARGET_FILES]) {
            out.producers.push(spec.id.clone());
        }
        if names(spec, &[INFORMED_BY, CONTEXT, ORIGIN]) {
            out.consumers.push(spec.id.clone());
        }
    }
    for list in [&mut out.producers, &mut out.consumers] {
        list.sort();
        list.dedup();
    }
    out
}

/// What a preview shows of a file: its size, modification time and opening bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilePreview {
    pub size: u64,
    pub modified: Option<SystemTime>,
    pub is_dir: bool,
    pub is_file: bool,
    /// The first [`PREVIEW_LIMIT`] bytes of the file; `None` for binary files and folders.
    pub head: Option<String>,
}

impl FilePreview {
    pub fn read(fs: &dyn FileAccess, full: &Path) -> Result<FilePreview, FsError> {
        let meta = fs.stat(full)?;
        let mut preview = FilePreview {
            size: meta.size,
            modified: meta.modified,
            is_dir: meta.kind == NodeKind::Dir,
            is_file: meta.kind == NodeKind::File,
            head: None,
        };
        // Only regular files are opened (the door refuses FIFOs and devices on the descriptor).
        if meta.kind != NodeKind::File {
            return Ok(preview);
        }
        let bytes = fs.read_bytes(full, PREVIEW_LIMIT)?.bytes;
        if !bytes[..bytes.len().min(BINARY_PROBE)].contains(&0) {
            preview.head = Some(String::from_utf8_lossy(&bytes).into_owned());
        }
        Ok(preview)
    }

    pub fn render(&self, rel: &str, specs: &ArtifactSpecs) -> String {
        let modified = self.modified.map_or_else(|| "unknown".to_string(), format_utc);
        let what = if self.is_dir {
            "folder".to_string()
        } else if !self.is_file {
            "not a regular file".to_string()
        } else if self.head.is_none() {
            format!("binary, {}", human_size(self.size))
        } else {
            human_size(self.size)
        };
        let mut out = format!("**`{rel}`** · {what} · modified {modified} UTC");
        if !specs.producers.is_empty() {
            out.push_str(&format!("\n\nProduced by {}", spec_list(&specs.producers)));
        }
        if !specs.consumers.is_empty() {
            out.push_str(&format!("\n\nConsumed by {}", spec_list(&specs.consumers)));
        }
        if let Some(head) = &self.head {
            let ext = Path::new(rel).extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
            if matches!(ext.as_str(), "md" | "markdown") {
                out.push_str(&markdown_outline(head));
            }
            out.push_str("\n\n");
            out.push_str(&fenced(&opening_lines(head), &language(&ext)));
        }
        out
    }
}

fn spec_list(ids: &[String]) -> String {
    let mut parts: Vec<String> = ids.iter().take(LISTED_SPECS).map(|id| format!("`{id}`")).collect();
    if ids.len() > LISTED_SPECS {
        parts.push(format!("and {} more", ids.len() - LISTED_SPECS));
    }
    parts.join(", ")
}

fn markdown_outline(text: &str) -> String {
    let headings = markdown::parse(text, 0).headings;
    if headings.is_empty() {
        return String::new();
    }
    let mut out = "\n\nOutline:".to_string();
    for h in headings.iter().take(OUTLINE_HEADINGS) {
        out.push_str(&format!("\n{}- {}", "  ".repeat(h.level.saturating_sub(1) as usize), h.text));
    }
    if headings.len() > OUTLINE_HEADINGS {
        out.push_str(&format!("\n- … {} more headings", headings.len() - OUTLINE_HEADINGS));
    }
    out
}

fn opening_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().take(OPENING_LINES).collect();
    lines.join("\n").trim_end().to_string()
}

/// A code fence longer than any backtick run inside, so the content cannot close it early.
fn fenced(text: &str, lang: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}{lang}\n{text}\n{fence}")
}

/// The fence language for a file extension: usually the extension itself.
fn language(ext: &str) -> String {
    match ext {
        "md" | "markdown" => "markdown",
        "yml" => "yaml",
        "txt" | "" => "text",
        "rs" => "rust",
        "py" => "python",
        "sh" => "bash",
        other => other,
    }
    .to_string()
}

fn human_size(bytes: u64) -> String {
    match bytes {
        0..1024 => format!("{bytes} bytes"),
        1024..1_048_576 => format!("{:.1} KiB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MiB", bytes as f64 / 1_048_576.0),
    }
}

/// `YYYY-MM-DD HH:MM` in UTC, from the civil-from-days algorithm (no time-zone database needed).
pub fn format_utc(time: SystemTime) -> String {
    let secs = time.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02}", rem / 3600, rem % 3600 / 60)
}
