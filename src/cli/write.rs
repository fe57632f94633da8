//! The one place chant-lsp writes a workspace file: `check --fix` replacing a spec with its fixed
//! text. The language server never writes (the editor applies its edits).
//!
//! The write is atomic: the new text goes to a temporary file in the same folder, which then
//! replaces the spec by a rename, so a crash or a full disk leaves the old spec or the new one,
//! never half of one. The spec's permissions are kept. Only a regular file lexically and really
//! (links resolved) inside the workspace root is replaced: a symlink would be swapped for a copy
//! and a link leading out would have us write outside the workspace, so both are refused.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::workspace::fs::lexical;

/// Why a spec was not replaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unwritten {
    pub reason: String,
    /// Refused on purpose (a link, a path outside the workspace), rather than a failed write.
    pub refused: bool,
}

fn refused(reason: &str) -> Unwritten {
    Unwritten { reason: reason.to_string(), refused: true }
}

fn failed(reason: String) -> Unwritten {
    Unwritten { reason, refused: false }
}

const NOT_REGULAR: &str = "not a regular file (a symlink or special file): left as it is";
const OUTSIDE: &str = "outside the workspace: left as it is";

/// Replaces the spec file at `path`, inside the workspace at `root`, with `text`.
pub fn replace_spec_file(root: &Path, path: &Path, text: &str) -> Result<(), Unwritten> {
    let path = inside_root(root, path)?;
    let meta = std::fs::symlink_metadata(&path).map_err(|e| failed(format!("cannot read its metadata: {e}")))?;
    if !meta.file_type().is_file() {
        return Err(refused(NOT_REGULAR));
    }
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else { return Err(refused(OUTSIDE)) };
    let temp = dir.join(format!(".{}.chant-lsp-fix-{}.tmp", name.to_string_lossy(), std::process::id()));
    let cannot = |e: std::io::Error| failed(format!("cannot write it: {e}"));
    // `create_new`: a file already at the temporary name is someone else's, and stays.
    let file = std::fs::OpenOptions::new().write(true).create_new(true).open(&temp).map_err(cannot)?;
    let written = fill(file, text, meta.permissions()).and_then(|()| std::fs::rename(&temp, &path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        cannot(e)
    })
}

/// `path` folded lexically, when it lies inside `root` both as spelled and with links resolved.
fn inside_root(root: &Path, path: &Path) -> Result<PathBuf, Unwritten> {
    let outside = || refused(OUTSIDE);
    let (Some(root), Some(path)) = (lexical(root), lexical(path)) else { return Err(outside()) };
    if !path.starts_with(&root) {
        return Err(outside());
    }
    let real_root = root.canonicalize().map_err(|e| failed(format!("cannot resolve the workspace root: {e}")))?;
    let real_dir = path.parent().map(Path::canonicalize).ok_or_else(outside)?.map_err(|_| outside())?;
    if !real_dir.starts_with(&real_root) {
        return Err(outside());
    }
    Ok(path)
}

/// Fills the new file with `text` and `permissions`, and flushes it to disk.
fn fill(mut file: std::fs::File, text: &str, permissions: std::fs::Permissions) -> std::io::Result<()> {
    file.write_all(text.as_bytes())?;
    file.set_permissions(permissions)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_root(name: &str) -> PathBuf {
        let root = std::env::temp_dir().join(format!("chant-lsp-write-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join(".chant/specs")).expect("create root");
        root
    }

    #[test]
    fn replaces_the_text_and_keeps_the_mode() {
        use std::os::unix::fs::PermissionsExt;
        let root = temp_root("mode");
        let spec = root.join(".chant/specs/a.md");
        std::fs::write(&spec, "old").expect("write");
        std::fs::set_permissions(&spec, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        replace_spec_file(&root, &spec, "new").expect("replaced");
        let mode = std::fs::metadata(&spec).expect("stat").permissions().mode() & 0o777;
        let left: Vec<_> = std::fs::read_dir(root.join(".chant/specs")).expect("list").flatten().collect();
        assert_eq!((std::fs::read_to_string(&spec).expect("read").as_str(), mode, left.len()), ("new", 0o640, 1));
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn refuses_links_and_paths_outside_the_root() {
        let root = temp_root("links");
        let outside = std::env::temp_dir().join(format!("chant-lsp-write-outside-{}.md", std::process::id()));
        std::fs::write(&outside, "theirs").expect("write");
        let link = root.join(".chant/specs/link.md");
        std::os::unix::fs::symlink(&outside, &link).expect("symlink");
        let escaping = root.join(".chant/specs/../../..").join(outside.file_name().expect("named"));
        let results = [replace_spec_file(&root, &link, "x"), replace_spec_file(&root, &escaping, "x")];
        assert_eq!(results, [Err(refused(NOT_REGULAR)), Err(refused(OUTSIDE))]);
        assert_eq!(std::fs::read_to_string(&outside).expect("read"), "theirs");
        std::fs::remove_file(&outside).expect("clean up");
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn a_failed_write_leaves_the_spec_and_others_files() {
        let root = temp_root("failed");
        let spec = root.join(".chant/specs/a.md");
        std::fs::write(&spec, "old").expect("write");
        let squatter = root.join(format!(".chant/specs/.a.md.chant-lsp-fix-{}.tmp", std::process::id()));
        std::fs::write(&squatter, "not ours").expect("write");
        let result =
            replace_spec_file(&root, &spec, "new").map_err(|u| (u.refused, u.reason.starts_with("cannot write it")));
        assert_eq!(result, Err((false, true)));
        let read = |p: &Path| std::fs::read_to_string(p).expect("read");
        assert_eq!((read(&spec), read(&squatter)), ("old".to_string(), "not ours".to_string()));
        std::fs::remove_dir_all(&root).expect("clean up");
    }
}
