//! MCP tool `check {paths?}`: the findings of the workspace's specs as they are on disk now.

use schemars::JsonSchema;
use serde::Deserialize;

use super::findings::{findings, selected_specs, Findings};
use super::{call, define, Effect, Entry};
use crate::mcp::Root;

#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckArgs {
    /// Spec files or folders, relative to the workspace root. Default: every active spec.
    #[serde(default)]
    pub paths: Vec<String>,
}

pub const ENTRY: Entry = Entry {
    name: "check",
    define: || {
        define::<CheckArgs, Findings>(
            "check",
            "Check chant specs",
            "Check chant specs as chant 0.23.2 reads them (the same analysis as `chant-lsp check` and the \
             language server), reading the files as they are on disk now. Returns every finding with its \
             code, severity, message, path and 1-based line/column range, and whether `fix` repairs it \
             (`safe`), repairs it with `unsafe: true` (`unsafe`), needs a choice (`manual`) or has no fix.",
            Effect::ReadOnly,
        )
    },
    call: |root, args| call("check", args, |args| run(root, &args)),
};

pub fn run(root: &Root, args: &CheckArgs) -> Result<Findings, String> {
    let ws = root.load();
    let paths = selected_specs(root, &ws, &args.paths)?;
    Ok(findings(root, &ws, &paths))
}
