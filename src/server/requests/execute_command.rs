//! `workspace/executeCommand`: the commands code lenses, actions and editor extensions call.
//!
//! - `chant-lsp.fixCriteriaHeading` (argument `{ uri, range, newText }`, from a code lens) is
//!   checked against the lenses of the document as it is now: when the same fix is still offered
//!   at that range, the edit is returned for the server to send as `workspace/applyEdit`; a stale
//!   or unknown request changes nothing.
//! - `chant-lsp.prDescription` (argument `{ uri }`) answers `{ "markdown": "…" }`, the PR
//!   description of that spec as the "Fill PR description" action would write it, or `null` when
//!   the document is not a spec. Editors use it for "copy PR description".
//!
//! - `chant-lsp.graph` (argument `{ uri?, focus?, spec?, depth?, format?, includeArchive? }`)
//!   answers `{ root, nodes, edges, text? }`: the spec graph `chant-lsp graph` prints, for the
//!   workspace holding `uri` (the first one without it), or the neighbourhood of `spec` (or, with
//!   `focus`, of the spec at `uri`) `depth` links away (default 1); `text` is the DOT or Mermaid
//!   rendering when `format` asks for one. `null` when `uri` lies in no workspace.
//!
//! An unknown command, or a missing or malformed argument, is the client's mistake: it is
//! answered with InvalidParams (-32602) saying what was expected.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use tower_lsp_server::ls_types as lsp;

use super::code_lens::heading_fix;
use crate::ide::pr_description::describe;
use crate::server::blocking::InvalidParams;
use crate::server::lsp_ext::{
    GraphArgs, HeadingFixArgs, COMMANDS, FIX_CRITERIA_HEADING, GRAPH, GRAPH_SHAPE, PR_DESCRIPTION,
};
use crate::server::Snapshot;

/// What running a command produced.
pub enum CommandOutcome {
    /// An edit the server asks the client to apply; the command itself answers `null`.
    Apply(lsp::WorkspaceEdit),
    /// The command's answer.
    Answer(lsp::LSPAny),
}

#[derive(Deserialize)]
struct DocumentArgs {
    uri: lsp::Uri,
}

pub fn execute_command(snap: &Snapshot, params: lsp::ExecuteCommandParams) -> anyhow::Result<CommandOutcome> {
    let command = params.command.as_str();
    match command {
        FIX_CRITERIA_HEADING => {
            let args: HeadingFixArgs = argument(command, params.arguments, "{ uri, range }")?;
            let edit = snap.file(&args.uri).and_then(|file| heading_fix(&file, args.range));
            Ok(edit.map_or(CommandOutcome::Answer(lsp::LSPAny::Null), CommandOutcome::Apply))
        }
        PR_DESCRIPTION => {
            let args: DocumentArgs = argument(command, params.arguments, "{ uri }")?;
            Ok(CommandOutcome::Answer(pr_description(snap, &args.uri)))
        }
        GRAPH => {
            // The argument is optional: no argument means the whole first workspace.
            let args: GraphArgs = if params.arguments.is_empty() {
                GraphArgs::default()
            } else {
                argument(command, params.arguments, GRAPH_SHAPE)?
            };
            Ok(CommandOutcome::Answer(super::graph::graph(snap, args)?))
        }
        _ => Err(InvalidParams(format!("unknown command `{command}`; chant-lsp runs {}", COMMANDS.join(", "))).into()),
    }
}

/// The command's first argument, which must have the given `shape`.
fn argument<T: DeserializeOwned>(command: &str, arguments: Vec<lsp::LSPAny>, shape: &str) -> anyhow::Result<T> {
    let Some(arg) = arguments.into_iter().next() else {
        return Err(InvalidParams(format!("{command} needs one argument {shape}")).into());
    };
    serde_json::from_value(arg)
        .map_err(|err| InvalidParams(format!("{command}: the argument is not {shape}: {err}")).into())
}

fn pr_description(snap: &Snapshot, uri: &lsp::Uri) -> lsp::LSPAny {
    let Some(file) = snap.file(uri) else { return lsp::LSPAny::Null };
    let Some(spec) = file.spec.clone() else { return lsp::LSPAny::Null };
    let description = describe(&file.ws, &spec, None);
    serde_json::json!({ "markdown": description.text })
}
