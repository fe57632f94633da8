//! MCP tool `check_text {path, text}`: the findings for a draft of a spec, checked within its
//! workspace as if saved at `path`, without writing anything: an agent checks before it saves.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;

use super::findings::{findings, spec_path, Findings};
use super::{call, define, Effect, Entry};
use crate::mcp::Root;
use crate::workspace::fs::SPEC_LIMIT;
use crate::workspace::load::parse_spec_file;

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckTextArgs {
    /// Where the spec lives or will live, relative to the workspace root (`.chant/specs/ID.md`);
    /// the file need not exist.
    pub path: String,
    /// The spec's full text (frontmatter and body).
    pub text: String,
}

pub const ENTRY: Entry = Entry {
    name: "check_text",
    define: || {
        define::<CheckTextArgs, Findings>(
            "check_text",
            "Check a draft spec",
            "Check the text of a spec before saving it: the draft stands in for the file at `path` \
             within its workspace (links and dependencies resolve against the other specs on disk). \
             Nothing is written. Same answer as `check`.",
            Effect::ReadOnly,
        )
    },
    call: |root, args| call("check_text", args, |args| run(root, args)),
};

pub fn run(root: &Root, args: CheckTextArgs) -> Result<Findings, String> {
    let path = spec_path(root, &args.path)?;
    if args.text.len() as u64 > SPEC_LIMIT.max_bytes {
        return Err(format!(
            "the text is larger than the {} bytes chant-lsp analyses in one spec",
            SPEC_LIMIT.max_bytes
        ));
    }
    let mut ws = root.load();
    let spec =
        parse_spec_file(&root.dir, &path, args.text).ok_or_else(|| format!("`{}` is not a spec path", args.path))?;
    ws.upsert_kept(path.clone(), Arc::new(spec));
    Ok(findings(root, &ws, &[path]))
}
