//! The command line: `chant-lsp check` (with its fixes and report formats), `explain` and the
//! other commands. Runs the same analysis as the server, so CI and editors give the same
//! verdicts.

pub mod check;
pub mod command;
pub mod diff;
pub mod explain;
pub mod fix;
pub mod fmt;
pub mod format;
pub mod graph;
pub mod pr_description;
pub mod sarif;
pub mod schema;
pub mod select;
pub mod usage;
pub mod write;

/// Loads the workspace at `root` as every command does: the text-only rules run while each
/// spec is parsed, so its text need not be read again to report on it.
pub fn load(root: &std::path::Path) -> (crate::workspace::Workspace, Vec<crate::workspace::load::Skipped>) {
    let fs = std::sync::Arc::new(crate::workspace::fs::RealFs::new(root.to_path_buf()));
    crate::workspace::load::load_workspace_with(fs, Some(crate::ide::diagnostics::local_findings))
}
