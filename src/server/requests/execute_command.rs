//! `workspace/executeCommand`: the commands code lenses and actions refer to.
//!
//! `chant-lsp.fixCriteriaHeading` (argument `{ uri, range, newText }`, from a code lens) is
//! checked against the lenses of the document as it is now: when the same fix is still offered
//! at that range, the edit is returned for the server to send as `workspace/applyEdit`; a stale
//! or unknown request changes nothing.

use serde::Deserialize;
use tower_lsp_server::ls_types as lsp;

use super::code_lens::{heading_fix, FIX_CRITERIA_HEADING};
use crate::server::Snapshot;

/// Commands the server executes itself (advertised in the capabilities).
pub const COMMANDS: &[&str] = &[FIX_CRITERIA_HEADING];

#[derive(Deserialize)]
struct HeadingFixArgs {
    uri: lsp::Uri,
    range: lsp::Range,
}

/// Runs a command; returns the edit the server should ask the client to apply, if any.
pub fn execute_command(
    snap: &Snapshot,
    params: lsp::ExecuteCommandParams,
) -> anyhow::Result<Option<lsp::WorkspaceEdit>> {
    if params.command != FIX_CRITERIA_HEADING {
        anyhow::bail!("unknown command `{}`", params.command);
    }
    let Some(arg) = params.arguments.into_iter().next() else { anyhow::bail!("{FIX_CRITERIA_HEADING}: no argument") };
    let args: HeadingFixArgs = serde_json::from_value(arg)?;
    let Some(file) = snap.file(&args.uri) else { return Ok(None) };
    Ok(heading_fix(&file, args.range))
}
