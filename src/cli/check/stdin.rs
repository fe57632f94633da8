//! `check - --stdin-filename .chant/specs/ID.md`: the text piped in is checked as that spec
//! within its workspace, standing in for the file on disk (which need not exist), so editors
//! without a language server, formatters and agents get the verdict before saving. With `--fix`
//! the fixed text is printed instead of written (the findings left go to stderr); with `--diff`,
//! the diff. Nothing is ever written.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::Arc;

use super::args::CheckArgs;
use super::report::{display, report, Applied};
use crate::cli::format::Format;
use crate::cli::{diff, fix};
use crate::workspace::fs::{lexical, SPEC_LIMIT};
use crate::workspace::load::{find_root, parse_spec_file, spec_location};

/// Runs `check -` with the piped text read from `input`; returns the exit code.
pub fn run(args: &CheckArgs, input: &mut dyn Read, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let cwd = std::env::current_dir().unwrap_or_default();
    let named = args.stdin_filename.as_deref().unwrap_or(Path::new(""));
    let (root, path) = match where_it_goes(named) {
        Ok(found) => found,
        Err(msg) => {
            let _ = writeln!(err, "chant-lsp check: {}: {msg}", named.display());
            return 2;
        }
    };
    let text = match read_input(input) {
        Ok(text) => text,
        Err(msg) => {
            let _ = writeln!(err, "chant-lsp check: stdin: {msg}");
            return 2;
        }
    };
    let (mut ws, skipped) = crate::cli::load(&root);
    for skip in skipped {
        let _ = writeln!(err, "warning: {}: {}", display(&cwd, &skip.path), skip.reason);
    }
    let paths = [path.clone()];
    if !args.fixes() {
        if let Some(spec) = parse_spec_file(&root, &path, text) {
            ws.upsert_kept(path.clone(), Arc::new(spec));
        }
        return report(&[(&ws, &paths)], args, &cwd, None, out);
    }
    let overrides = args.selection().overrides(&ws.file_overrides);
    let fixed = fix::fix_spec_text(&mut ws, &path, text.clone(), &overrides, args.applicability());
    let after = fixed.as_ref().map_or(text.as_str(), |f| f.after.as_str());
    if args.diff {
        let patch = diff::unified_diff(&display(&cwd, &path), &text, after);
        let applied =
            Applied { n_fixes: fixed.as_ref().map_or(0, |f| f.n_fixes), n_files: usize::from(fixed.is_some()) };
        let _ = writeln!(err, "{}", applied.describe("would be applied"));
        return match write!(out, "{patch}") {
            Ok(()) => i32::from(fixed.is_some() && !args.exit().exit_zero),
            Err(_) => 2,
        };
    }
    if fixed.is_none() {
        // Nothing to fix: the index must still hold the piped text, not the file on disk.
        if let Some(spec) = parse_spec_file(&root, &path, text.clone()) {
            ws.upsert_kept(path.clone(), Arc::new(spec));
        }
    }
    if write!(out, "{after}").is_err() {
        return 2;
    }
    // stdout holds the fixed text alone; what is left is reported as text on stderr.
    let mut left = args.clone();
    left.format = Format::Text;
    let applied = Applied { n_fixes: fixed.as_ref().map_or(0, |f| f.n_fixes), n_files: usize::from(fixed.is_some()) };
    report(&[(&ws, &paths)], &left, &cwd, Some(applied), err)
}

/// The workspace root and the absolute spec path `named` stands for.
fn where_it_goes(named: &Path) -> Result<(std::path::PathBuf, std::path::PathBuf), String> {
    let path = lexical(named).ok_or("not a usable path")?;
    let root = find_root(&path).ok_or("not inside a chant workspace (no .chant/ folder above it)")?;
    spec_location(&root, &path)
        .ok_or("not a spec path (specs are the .md files under .chant/specs/ and .chant/archive/)")?;
    Ok((root, path))
}

/// The piped text, refused when it is larger than a spec may be or not UTF-8.
fn read_input(input: &mut dyn Read) -> Result<String, String> {
    let mut bytes = Vec::new();
    input.take(SPEC_LIMIT.max_bytes + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read it: {e}"))?;
    if bytes.len() as u64 > SPEC_LIMIT.max_bytes {
        return Err(format!("larger than the {} bytes chant-lsp analyses in one spec", SPEC_LIMIT.max_bytes));
    }
    String::from_utf8(bytes)
        .map_err(|e| format!("not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()))
}
