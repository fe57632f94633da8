//! MCP tool `spec {id}`: one spec at a glance (`ide::spec_summary`): title, status, type, path,
//! dependencies and dependents with their status, readiness with the reasons, criteria, files.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{call, define, Effect, Entry, Truncated};
use crate::ide::pr_description::resolve_id;
use crate::ide::spec_summary::{spec_summary, SpecSummary};
use crate::mcp::Root;

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpecArgs {
    /// A spec id, or a unique suffix or part of one (as chant resolves partial ids).
    pub id: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SpecAnswer {
    #[serde(flatten)]
    pub spec: SpecSummary,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub truncated: Truncated,
}

pub const ENTRY: Entry = Entry {
    name: "spec",
    define: || {
        define::<SpecArgs, SpecAnswer>(
            "spec",
            "Describe a spec",
            "One chant spec: title, status, type and path; its dependencies and dependents, each with \
             its status; whether chant would start it now and, if not, why; open/total acceptance \
             criteria; the files it names (and whether they exist).",
            Effect::ReadOnly,
        )
    },
    call: |root, args| call("spec", args, |args: SpecArgs| run(root, &args.id)),
};

pub fn run(root: &Root, id: &str) -> Result<SpecAnswer, String> {
    let ws = root.load();
    let id = resolve_id(&ws, id)?;
    let spec = spec_summary(&ws, &id).ok_or_else(|| format!("spec not found: {id}"))?;
    Ok(SpecAnswer { spec, truncated: Vec::new() })
}
