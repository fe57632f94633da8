//! MCP tool `graph {spec?, depth?, format}`: the spec graph, or one spec's neighbourhood, as
//! JSON (the shape of `chant-lsp graph --format json`) or Mermaid: the same `ide::graph` model.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{call, define, Effect, Entry, Truncated};
use crate::ide::graph::render::mermaid;
use crate::ide::graph::{graph, Graph, GraphQuery};
use crate::mcp::Root;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum GraphFormat {
    #[default]
    Json,
    Mermaid,
}

#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GraphArgs {
    /// Only this spec's neighbourhood (an exact id). Default: the whole workspace.
    pub spec: Option<String>,
    /// With `spec`: how many links away to go, either direction. Default 1.
    pub depth: Option<usize>,
    /// `json` (nodes and edges) or `mermaid` (a flowchart). Default `json`.
    #[serde(default)]
    pub format: GraphFormat,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct GraphAnswer {
    pub format: GraphFormat,
    /// With `format: json`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub graph: Option<Graph>,
    /// With `format: mermaid`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mermaid: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub truncated: Truncated,
}

pub const ENTRY: Entry = Entry {
    name: "graph",
    define: || {
        define::<GraphArgs, GraphAnswer>(
            "graph",
            "Spec graph",
            "The spec graph (specs with status, type and readiness; depends_on, member and informed_by \
             links, blocking ones marked), whole or around one spec, as JSON or a Mermaid flowchart.",
            Effect::ReadOnly,
        )
    },
    call: |root, args| call("graph", args, |args| run(root, &args)),
};

pub fn run(root: &Root, args: &GraphArgs) -> Result<GraphAnswer, String> {
    let ws = root.load();
    let query = GraphQuery { focus: args.spec.clone(), depth: args.depth.unwrap_or(1), include_archive: false };
    let drawn = graph(&ws, &query);
    if let (Some(focus), true) = (&args.spec, drawn.nodes.is_empty()) {
        let near = ws.ids_near(focus, 2);
        let hint = if near.is_empty() { String::new() } else { format!(" (near: {})", near.join(", ")) };
        return Err(format!("no spec has the id `{focus}`{hint}"));
    }
    let (graph, mermaid) = match args.format {
        GraphFormat::Json => (Some(drawn), None),
        GraphFormat::Mermaid => (None, Some(mermaid(&drawn))),
    };
    Ok(GraphAnswer { format: args.format, graph, mermaid, truncated: Vec::new() })
}
