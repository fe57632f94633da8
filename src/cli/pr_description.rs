//! `chant-lsp pr-description <SPEC_PATH_OR_ID> [--template PATH]`: print the pull-request
//! description assembled from a spec and its dependency chain, ready for
//! `gh pr create --body-file -`.
//!
//! A path names a spec file directly; anything else is an id resolved in the workspace found
//! from the current folder (exact, then a unique suffix, then a unique substring).
//! Exit 0 when printed, 2 on a usage error, an unknown or ambiguous spec, or an I/O error.
//! What the chain names but cannot be found is listed on stderr as well as in the text.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::ide::pr_description::{self, Origin, Template};
use crate::workspace::fs::{decode, read_trusted, trusted_kind, NodeKind, TEMPLATE_LIMIT};
use crate::workspace::load::{find_root, load_workspace, spec_id};

pub const USAGE: &str = "usage: chant-lsp pr-description <SPEC_PATH_OR_ID> [--template PATH]";

/// What `pr-description --help` prints (on stdout, exit 0).
pub const HELP: &str = "usage: chant-lsp pr-description <SPEC_PATH_OR_ID> [--template PATH]

Print a pull-request description filled from a spec and its dependency chain
(e.g. `chant-lsp pr-description 006 | gh pr create --body-file -`).

  SPEC_PATH_OR_ID  a spec file (any .md path), or a spec id, a unique suffix or a unique part
                   of one, looked up in the workspace at or above the current folder
  --template PATH  the template to fill (default: the repository's pull-request template)
  -h, --help       print this help";

struct Args {
    spec: String,
    template: Option<PathBuf>,
}

/// `Ok(None)`: `--help` was asked for.
fn parse_args(args: &[String]) -> Result<Option<Args>, String> {
    let mut spec = None;
    let mut template = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--help" | "-h" => return Ok(None),
            "--template" => template = Some(PathBuf::from(it.next().ok_or("--template needs a path")?)),
            other if other.starts_with("--template=") => template = Some(PathBuf::from(&other["--template=".len()..])),
            other if other.starts_with('-') => return Err(format!("unknown option `{other}`")),
            other if spec.is_none() => spec = Some(other.to_string()),
            other => return Err(format!("unexpected argument `{other}`: give one spec")),
        }
    }
    Ok(Some(Args { spec: spec.ok_or("missing the spec path or id")?, template }))
}

/// Runs the command; returns the process exit code.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let args = match parse_args(args) {
        Ok(Some(args)) => args,
        Ok(None) => return if writeln!(out, "{HELP}").is_ok() { 0 } else { 2 },
        Err(msg) => {
            let _ = writeln!(err, "chant-lsp pr-description: {msg}\n{USAGE}");
            return 2;
        }
    };
    match describe(&args) {
        Ok(desc) => {
            for m in &desc.missing {
                let _ = writeln!(err, "warning: not found: {} (named in {})", m.what, m.named_by.join(", "));
            }
            if out.write_all(desc.text.as_bytes()).is_err() {
                return 2;
            }
            0
        }
        Err(msg) => {
            let _ = writeln!(err, "chant-lsp pr-description: {msg}");
            2
        }
    }
}

/// Usage errors print the usage line too (in [`run`]); these (unknown spec, unreadable file)
/// do not.
fn describe(args: &Args) -> Result<pr_description::PrDescription, String> {
    let template = match &args.template {
        Some(path) => {
            // Named by the user, so trusted as to where it is; still bounded and never a FIFO.
            let read = read_trusted(path, TEMPLATE_LIMIT).and_then(decode);
            let text = read.map_err(|e| format!("{}: the template {e}", path.display()))?.text;
            Some(Template { text, origin: Origin::Given(path.clone()) })
        }
        None => None,
    };
    let cwd = std::env::current_dir().map_err(|e| format!("no current folder: {e}"))?;
    let as_path = Path::new(&args.spec);
    let is_path = as_path.extension().is_some_and(|e| e == "md") || args.spec.contains(std::path::MAIN_SEPARATOR);
    let (root, id) = if is_path {
        if trusted_kind(as_path) != Ok(NodeKind::File) {
            return Err(format!("{}: no such file", args.spec));
        }
        let absolute = std::path::absolute(as_path).unwrap_or_else(|_| as_path.to_path_buf());
        let root = find_root(&absolute).ok_or_else(|| format!("{}: not inside a chant workspace", args.spec))?;
        (root, None)
    } else {
        let root = find_root(&cwd).ok_or_else(|| {
            format!(
                "no .chant/ folder at or above the current folder to look up the id `{}` in: run this inside a chant workspace, or pass the spec's path (e.g. path/to/.chant/specs/{}.md)",
                args.spec, args.spec
            )
        })?;
        (root, Some(args.spec.clone()))
    };
    let (ws, _skipped) = load_workspace(&root);
    let spec = match id {
        Some(arg) => {
            let path = pr_description::resolve_path(&ws, &arg)?;
            ws.source(&path).ok_or_else(|| format!("spec not found: {arg}"))?
        }
        None => {
            let absolute = std::path::absolute(as_path).unwrap_or_else(|_| as_path.to_path_buf());
            match ws.spec(&absolute).and_then(|_| ws.source(&absolute)) {
                Some(spec) => spec,
                // A markdown file outside `.chant/specs` and `.chant/archive` is still read as a spec.
                None => {
                    let text = crate::workspace::load::read_named_spec_text(&absolute)
                        .map_err(|e| format!("{}: {}", absolute.display(), e.reason()))?;
                    Arc::new(crate::spec::Spec::parse(spec_id(&absolute), crate::spec::SpecLocation::Active, text))
                }
            }
        }
    };
    let desc = pr_description::describe(&ws, &spec, template);
    std::mem::forget(ws);
    Ok(desc)
}
