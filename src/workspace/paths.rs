//! Workspace-relative paths as specs write them, and the one rule for whether a path stays
//! inside the workspace: lexically (no absolute path, no `..` above the root) and for real
//! (no symlink leading out, checked by the file door).

use std::path::{Component, Path, PathBuf};

use super::Workspace;

/// Folds `.` and `..` away; `None` when the path is absolute or climbs above its start.
pub fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::Normal(name) => out.push(name),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// `value` joined to `base` (both relative to the workspace root) and normalised; `None` when
/// it is empty, absolute, starts with `~`, or climbs out of the root.
pub fn normalize_rel(base: &Path, value: &str) -> Option<PathBuf> {
    if value.trim().is_empty() || value.starts_with('~') || Path::new(value).is_absolute() {
        return None;
    }
    normalize(&base.join(value)).filter(|p| !p.as_os_str().is_empty())
}

/// A workspace-relative path with `/` separators, as specs write them.
pub fn slash_path(rel: &Path) -> String {
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

impl Workspace {
    /// True when `full` exists and, with symlinks resolved, still lies inside the workspace.
    pub fn contains_real(&self, full: &Path) -> bool {
        self.fs.exists(full)
    }
}

/// Decodes `%XX` escapes (editors write `r%C3%A9sum%C3%A9.md`); invalid input stays as written.
pub fn percent_decode(value: &str) -> String {
    if !value.contains('%') {
        return value.to_string();
    }
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_rules() {
        assert_eq!(
            normalize_rel(Path::new(".chant/specs"), "../research/a.md"),
            Some(PathBuf::from(".chant/research/a.md"))
        );
        assert_eq!(normalize_rel(Path::new(""), "../x"), None);
        assert_eq!(normalize_rel(Path::new(""), "/etc/passwd"), None);
        assert_eq!(normalize_rel(Path::new(""), "~/x"), None);
        assert_eq!(normalize_rel(Path::new(""), "./"), None);
        assert_eq!(slash_path(Path::new("a/b/c.md")), "a/b/c.md");
    }
}
