//! MCP tool `ready`: the specs chant would start now, and the pending or failed ones it holds
//! back with what holds each back (`workspace::readiness`, chant's own rules).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{call, define, Effect, Entry, Truncated};
use crate::ide::spec_summary::{ready_list, ReadyList};
use crate::mcp::Root;

#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadyArgs {}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ReadyAnswer {
    #[serde(flatten)]
    pub list: ReadyList,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub truncated: Truncated,
}

pub const ENTRY: Entry = Entry {
    name: "ready",
    define: || {
        define::<ReadyArgs, ReadyAnswer>(
            "ready",
            "Ready and blocked specs",
            "The active specs chant would start now (`chant list --ready`), and the pending or failed \
             ones it holds back, each with what blocks it (unmet dependencies, approval, prior \
             siblings, open members), by id.",
            Effect::ReadOnly,
        )
    },
    call: |root, args| call("ready", args, |_: ReadyArgs| Ok(run(root))),
};

pub fn run(root: &Root) -> ReadyAnswer {
    ReadyAnswer { list: ready_list(&root.load()), truncated: Vec::new() }
}
