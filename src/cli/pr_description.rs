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

/// `chant-lsp pr-description`'s arguments.
#[derive(Debug, clap::Args)]
#[command(
    about = "Print a pull-request description filled from the spec graph",
    long_about = "Print a pull-request description filled from a spec and its dependency chain\n(e.g. `chant-lsp pr-description 006 | gh pr create --body-file -`).",
    override_usage = "chant-lsp pr-description <SPEC_PATH_OR_ID> [--template PATH]"
)]
pub struct PrDescriptionArgs {
    /// A spec file (any .md path), or a spec id, a unique suffix or a unique part of one, looked up
    /// in the workspace at or above the current folder
    #[arg(value_name = "SPEC_PATH_OR_ID")]
    spec: Option<String>,
    /// The template to fill (default: the repository's pull-request template)
    #[arg(long, value_name = "PATH")]
    template: Option<PathBuf>,
}

/// Runs the command; returns the process exit code, or the usage error.
pub fn run(args: &PrDescriptionArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, String> {
    let Some(spec) = &args.spec else {
        return Err("missing the spec path or id".to_string());
    };
    match describe(spec, args.template.as_deref()) {
        Ok(desc) => {
            for m in &desc.missing {
                let _ = writeln!(err, "warning: not found: {} (named in {})", m.what, m.named_by.join(", "));
            }
            Ok(if out.write_all(desc.text.as_bytes()).is_ok() { 0 } else { 2 })
        }
        Err(msg) => {
            let _ = writeln!(err, "chant-lsp pr-description: {msg}");
            Ok(2)
        }
    }
}

/// Usage errors print the usage line too (in [`run`]); these (unknown spec, unreadable file)
/// do not.
fn describe(spec: &str, template: Option<&Path>) -> Result<pr_description::PrDescription, String> {
    let template = match template {
        Some(path) => {
            // Named by the user, so trusted as to where it is; still bounded and never a FIFO.
            let read = read_trusted(path, TEMPLATE_LIMIT).and_then(decode);
            let text = read.map_err(|e| format!("{}: the template {e}", path.display()))?.text;
            Some(Template { text, origin: Origin::Given(path.to_path_buf()) })
        }
        None => None,
    };
    let cwd = std::env::current_dir().map_err(|e| format!("no current folder: {e}"))?;
    let as_path = Path::new(&spec);
    let is_path = as_path.extension().is_some_and(|e| e == "md") || spec.contains(std::path::MAIN_SEPARATOR);
    let (root, id) = if is_path {
        if trusted_kind(as_path) != Ok(NodeKind::File) {
            return Err(format!("{}: no such file", spec));
        }
        let absolute = std::path::absolute(as_path).unwrap_or_else(|_| as_path.to_path_buf());
        let root = find_root(&absolute).ok_or_else(|| format!("{}: not inside a chant workspace", spec))?;
        (root, None)
    } else {
        let root = find_root(&cwd).ok_or_else(|| {
            format!(
                "no .chant/ folder at or above the current folder to look up the id `{}` in: run this inside a chant workspace, or pass the spec's path (e.g. path/to/.chant/specs/{}.md)",
                spec, spec
            )
        })?;
        (root, Some(spec.to_string()))
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
