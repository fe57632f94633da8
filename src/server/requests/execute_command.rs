//! `workspace/executeCommand`: the commands code lenses and actions refer to.

use tower_lsp_server::ls_types as lsp;

use crate::server::Snapshot;

/// Commands the server executes itself (advertised in the capabilities).
pub const COMMANDS: &[&str] = &[];

pub fn execute_command(_snap: &Snapshot, _params: lsp::ExecuteCommandParams) -> anyhow::Result<Option<lsp::LSPAny>> {
    Ok(None)
}
