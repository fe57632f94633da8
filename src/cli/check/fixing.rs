//! `check --fix` and `check --diff` over the files of each workspace: the fixes are computed by
//! `cli/fix.rs`, written through the one write door (`cli/write.rs`) or shown as a diff.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::args::CheckArgs;
use super::report::{display, report, Applied};
use super::scope::{workspace_paths, Scope};
use crate::cli::format::Format;
use crate::cli::{diff, fix, write};
use crate::workspace::Workspace;

/// `--fix` and `--diff`: fixes every reported spec, then writes the fixed files and reports what
/// is left, or prints the diff.
pub fn fix_and_report(
    workspaces: &mut [(Workspace, Scope)],
    paths: &[Vec<PathBuf>],
    args: &CheckArgs,
    cwd: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let mut fixed_all = Vec::new();
    let mut write_failed = false;
    for ((ws, _), paths) in workspaces.iter_mut().zip(paths) {
        let overrides = args.selection().overrides(&ws.file_overrides);
        let fixed = fix::fix_reported(ws, paths, &overrides, args.applicability());
        if args.diff {
            fixed_all.extend(fixed);
            continue;
        }
        for spec in fixed {
            match write::replace_spec_file(&ws.root, &spec.path, &spec.after) {
                Ok(()) => fixed_all.push(spec),
                Err(unwritten) => {
                    let level = if unwritten.refused { "warning" } else { "error" };
                    let (path, why) = (display(cwd, &spec.path), unwritten.reason);
                    let _ = writeln!(err, "{level}: {path}: not fixed: {why}");
                    write_failed |= !unwritten.refused;
                    // The report must describe the file as it is on disk.
                    fix::restore(ws, &spec);
                }
            }
        }
    }
    let applied = Applied { n_fixes: fixed_all.iter().map(|f| f.n_fixes).sum(), n_files: fixed_all.len() };
    if !args.diff {
        let code = report(&workspace_paths(workspaces, paths), args, cwd, Some(applied), out);
        // Machine formats keep stdout to the format; people still learn what was done.
        if args.format != Format::Text {
            let _ = writeln!(err, "{}", applied.describe("applied"));
        }
        // A spec that could not be written is an I/O error, whatever the findings.
        return if write_failed { 2 } else { code };
    }
    let mut text = String::new();
    for spec in &fixed_all {
        text.push_str(&diff::unified_diff(&display(cwd, &spec.path), &spec.before, &spec.after));
    }
    if write!(out, "{text}").is_err() {
        return 2;
    }
    let _ = writeln!(err, "{}", applied.describe("would be applied"));
    i32::from(applied.n_fixes > 0 && !args.exit().exit_zero)
}
