//! The MCP tools, one file each, and how a call reaches one: its arguments checked against the
//! tool's argument struct (a mistake is a tool error the agent can read and correct), the
//! answer serialised and bounded. Each tool's `run` takes typed arguments and returns a typed
//! answer, so tests call it without a protocol in between.

pub mod check;
pub mod check_text;
pub mod explain;
pub mod findings;
pub mod fix;
pub mod graph;
pub mod pr_description;
pub mod ready;
pub mod references;
pub mod spec;

use rmcp::handler::server::common::schema_for_input;
use rmcp::model::{JsonObject, Tool, ToolAnnotations};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::bound::{bounded, LIMIT};
use super::Root;

/// One tool: its name, its definition (schemas, annotations) and its call.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub name: &'static str,
    pub define: fn() -> Tool,
    pub call: fn(&Root, JsonObject) -> Result<Value, String>,
}

pub const TOOLS: &[Entry] = &[
    check::ENTRY,
    check_text::ENTRY,
    fix::ENTRY,
    explain::ENTRY,
    spec::ENTRY,
    ready::ENTRY,
    graph::ENTRY,
    references::ENTRY,
    pr_description::ENTRY,
];

pub fn find(name: &str) -> Option<&'static Entry> {
    TOOLS.iter().find(|t| t.name == name)
}

/// Whether a tool changes anything: read-only tools say so, so clients may run them unasked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    ReadOnly,
    /// Writes spec files (idempotent: fixing again changes nothing more).
    Writes,
}

/// A tool's definition from its argument and answer types.
pub fn define<A: JsonSchema + 'static, O: JsonSchema + 'static>(
    name: &'static str,
    title: &'static str,
    description: &'static str,
    effect: Effect,
) -> Tool {
    let input =
        schema_for_input::<A>().unwrap_or_else(|e| panic!("the arguments of `{name}` have no object schema: {e}"));
    let annotations = match effect {
        Effect::ReadOnly => ToolAnnotations::with_title(title).read_only(true).open_world(false),
        Effect::Writes => {
            ToolAnnotations::with_title(title).read_only(false).destructive(false).idempotent(true).open_world(false)
        }
    };
    Tool::new(name, description, input).with_title(title).with_output_schema::<O>().with_annotations(annotations)
}

/// Runs `run` on the arguments parsed as `A`; its answer serialised and bounded.
pub fn call<A: DeserializeOwned, O: Serialize>(
    name: &str,
    arguments: JsonObject,
    run: impl FnOnce(A) -> Result<O, String>,
) -> Result<Value, String> {
    let args: A = serde_json::from_value(Value::Object(arguments))
        .map_err(|e| format!("invalid arguments for `{name}`: {e}; see the tool's input schema"))?;
    let answer = serde_json::to_value(run(args)?).map_err(|e| format!("cannot serialise the answer: {e}"))?;
    Ok(bounded(answer, LIMIT))
}

/// What every answer may carry when it was cut to fit (see `bound.rs`).
pub type Truncated = Vec<super::bound::Cut>;
