//! Shared path handling for the path rules: which entries they look at (the schema's path
//! fields, when the schema says they must exist), and whether a value stays inside the
//! workspace and exists there. Paths are relative to the workspace root, as chant
//! resolves them from its working directory.

use std::path::{Component, Path, PathBuf};

use crate::spec::info::SpecInfo;
use crate::spec::schema::{self, is_glob, FieldInfo, MustExist};
use crate::syntax::typed::SpecStatus;
use crate::text::TextRange;
use crate::workspace::fs::{glob, FsError};
use crate::workspace::Workspace;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PathCheck {
    Outside(&'static str),
    Exists,
    Missing,
}

/// Lexically resolves `value` against `root`; `Err` when it leaves the root.
fn join_inside(root: &Path, value: &str) -> Result<PathBuf, &'static str> {
    let rel = Path::new(value);
    if rel.is_absolute() || value.starts_with('~') {
        return Err("an absolute path");
    }
    let mut depth = 0i32;
    for part in rel.components() {
        match part {
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            Component::Prefix(_) | Component::RootDir => return Err("an absolute path"),
            Component::CurDir => {}
        }
        if depth < 0 {
            return Err("a path that climbs out of the workspace with `..`");
        }
    }
    Ok(root.join(rel))
}

pub(crate) fn check_path(ws: &Workspace, value: &str) -> PathCheck {
    let root = ws.root.as_path();
    let full = match join_inside(root, value) {
        Ok(full) => full,
        Err(why) => return PathCheck::Outside(why),
    };
    if is_glob(value) {
        // A walk cut short proves nothing missing: only a complete walk with no match does.
        let found = ws.files.exists(value, || {
            let walk = glob::find(&*ws.fs, value, 1, glob::MAX_VISITED);
            walk.cut || !walk.paths.is_empty()
        });
        return if found { PathCheck::Exists } else { PathCheck::Missing };
    }
    // One lookup answers both questions: is something there (even a link leading out), and
    // does it resolve inside the workspace (the door resolves links).
    let inside_key = format!("\0inside:{value}");
    let there = ws.files.exists(value, || {
        let stat = ws.fs.stat(&full);
        ws.files.remember(&inside_key, stat != Err(FsError::OutsideRoot));
        matches!(stat, Ok(_) | Err(FsError::OutsideRoot))
    });
    if !there {
        return PathCheck::Missing;
    }
    let inside = ws.files.exists(&inside_key, || ws.fs.stat(&full) != Err(FsError::OutsideRoot));
    if inside {
        PathCheck::Exists
    } else {
        PathCheck::Outside("a symlink that leads out of the workspace")
    }
}

/// Every path-valued entry of the spec that the file rules look at, with its field.
pub(super) fn path_entries(spec: &SpecInfo) -> Vec<(&'static FieldInfo, &str, TextRange)> {
    let completed = spec.status() == Some(SpecStatus::Completed);
    let mut out = Vec::new();
    for field in schema::FIELDS.iter().filter(|f| f.is_path()) {
        if field.must_exist == MustExist::OnceCompleted && !completed {
            continue;
        }
        for (value, range) in spec.string_items(field.name) {
            if schema::is_derived_entry(field.name, value) || value.trim().is_empty() {
                continue;
            }
            out.push((field, value, range));
        }
    }
    out
}
