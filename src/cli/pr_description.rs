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

struct Args {
    spec: String,
    template: Option<PathBuf>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut spec = None;
    let mut template = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--template" => template = Some(PathBuf::from(it.next().ok_or("--template needs a path")?)),
            other if other.starts_with("--template=") => template = Some(PathBuf::from(&other["--template=".len()..])),
            other if other.starts_with('-') => return Err(format!("unknown option `{other}`")),
            other if spec.is_none() => spec = Some(other.to_string()),
            other => return Err(format!("unexpected argument `{other}`: give one spec")),
        }
    }
    Ok(Args { spec: spec.ok_or("missing the spec path or id")?, template })
}

/// Runs the command; returns the process exit code.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match describe(args) {
        Ok(desc) => {
            for m in &desc.missing {
                let _ = writeln!(err, "warning: not found: {} (named in {})", m.what, m.named_by.join(", "));
            }
            if out.write_all(desc.text.as_bytes()).is_err() {
                return 2;
            }
            0
        }
        Err(Failure::Usage(msg)) => {
            let _ = writeln!(err, "chant-lsp pr-description: {msg}\n{USAGE}");
            2
        }
        Err(Failure::Other(msg)) => {
            let _ = writeln!(err, "chant-lsp pr-description: {msg}");
            2
        }
    }
}

/// Usage errors also print the usage line; the others (unknown spec, unreadable file) do not.
enum Failure {
    Usage(String),
    Other(String),
}

impl From<String> for Failure {
    fn from(msg: String) -> Failure {
        Failure::Other(msg)
    }
}

impl From<&str> for Failure {
    fn from(msg: &str) -> Failure {
        Failure::Other(msg.to_string())
    }
}

fn describe(args: &[String]) -> Result<pr_description::PrDescription, Failure> {
    let args = parse_args(args).map_err(Failure::Usage)?;
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
            return Err(format!("{}: no such file", args.spec).into());
        }
        let absolute = std::path::absolute(as_path).unwrap_or_else(|_| as_path.to_path_buf());
        let root = find_root(&absolute).ok_or_else(|| format!("{}: not inside a chant workspace", args.spec))?;
        (root, None)
    } else {
        (find_root(&cwd).ok_or("no .chant/ folder at or above the current folder")?, Some(args.spec.clone()))
    };
    let (ws, _skipped) = load_workspace(&root);
    let spec = match id {
        Some(arg) => {
            let path = pr_description::resolve_path(&ws, &arg)?;
            Arc::clone(ws.spec(&path).ok_or_else(|| format!("spec not found: {arg}"))?)
        }
        None => {
            let absolute = std::path::absolute(as_path).unwrap_or_else(|_| as_path.to_path_buf());
            match ws.spec(&absolute) {
                Some(spec) => Arc::clone(spec),
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
