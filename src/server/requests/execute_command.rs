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
//! An unknown command, or a missing or malformed argument, is the client's mistake: it is
//! answered with InvalidParams (-32602) saying what was expected.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use tower_lsp_server::ls_types as lsp;

use super::code_lens::{heading_fix, FIX_CRITERIA_HEADING};
use crate::ide::pr_description::describe;
use crate::server::blocking::InvalidParams;
use crate::server::Snapshot;

pub const PR_DESCRIPTION: &str = "chant-lsp.prDescription";

/// Commands the server executes itself (advertised in the capabilities).
pub const COMMANDS: &[&str] = &[FIX_CRITERIA_HEADING, PR_DESCRIPTION];

/// What running a command produced.
pub enum CommandOutcome {
    /// An edit the server asks the client to apply; the command itself answers `null`.
    Apply(lsp::WorkspaceEdit),
    /// The command's answer.
    Answer(lsp::LSPAny),
}

#[derive(Deserialize)]
struct HeadingFixArgs {
    uri: lsp::Uri,
    range: lsp::Range,
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
