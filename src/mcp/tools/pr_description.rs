//! MCP tool `pr_description {spec}`: the pull-request description filled from a spec and its
//! dependency chain, as `chant-lsp pr-description` prints it (`ide::pr_description`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{call, define, Effect, Entry, Truncated};
use crate::ide::pr_description::{describe, resolve_path};
use crate::mcp::Root;

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrDescriptionArgs {
    /// A spec id, or a unique suffix or part of one.
    pub spec: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PrDescriptionAnswer {
    pub spec: String,
    /// The Markdown body, ready for `gh pr create --body-file -`.
    pub text: String,
    /// Files and specs the chain names that could not be found.
    pub missing: Vec<MissingSource>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub truncated: Truncated,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct MissingSource {
    pub what: String,
    pub named_by: Vec<String>,
}

pub const ENTRY: Entry = Entry {
    name: "pr_description",
    define: || {
        define::<PrDescriptionArgs, PrDescriptionAnswer>(
            "pr_description",
            "Pull-request description",
            "A pull-request description filled from a spec and its depends_on chain (summary, \
             criteria, research excerpts, files, commits), using the repository's pull-request \
             template when it has one.",
            Effect::ReadOnly,
        )
    },
    call: |root, args| call("pr_description", args, |args: PrDescriptionArgs| run(root, &args.spec)),
};

pub fn run(root: &Root, spec: &str) -> Result<PrDescriptionAnswer, String> {
    let ws = root.load();
    let path = resolve_path(&ws, spec)?;
    let source = ws.source(&path).ok_or_else(|| format!("spec not found: {spec}"))?;
    let desc = describe(&ws, &source, None);
    Ok(PrDescriptionAnswer {
        spec: source.id.clone(),
        text: desc.text,
        missing: desc.missing.into_iter().map(|m| MissingSource { what: m.what, named_by: m.named_by }).collect(),
        truncated: Vec::new(),
    })
}
