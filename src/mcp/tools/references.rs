//! MCP tool `references {id}`: every mention of a spec id (id fields and body words, in active
//! and archived specs), with path and 1-based line and column: `ide::references`' own search.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{call, define, Effect, Entry, Truncated};
use crate::ide::references::spec_references;
use crate::mcp::Root;

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferencesArgs {
    /// The exact spec id.
    pub id: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ReferencesAnswer {
    pub id: String,
    /// Whether a spec has this id (mentions of an unknown id are listed too).
    pub exists: bool,
    pub references: Vec<Mention>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub truncated: Truncated,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Mention {
    /// Relative to the workspace root.
    pub path: String,
    /// 1-based.
    pub line: u32,
    /// 1-based, in characters.
    pub column: u32,
}

pub const ENTRY: Entry = Entry {
    name: "references",
    define: || {
        define::<ReferencesArgs, ReferencesAnswer>(
            "references",
            "Mentions of a spec",
            "Every mention of a spec id: frontmatter entries (depends_on, members…) and body words, in \
             active and archived specs, with path, line and column.",
            Effect::ReadOnly,
        )
    },
    call: |root, args| call("references", args, |args: ReferencesArgs| run(root, &args.id)),
};

pub fn run(root: &Root, id: &str) -> Result<ReferencesAnswer, String> {
    if id.trim().is_empty() {
        return Err("an empty id: give a spec id such as 2026-01-02-001-abc".to_string());
    }
    let ws = root.load();
    let references = spec_references(&ws, id)
        .into_iter()
        .filter_map(|r| {
            let at = ws.spec(&r.path)?.line_index.line_char_col(r.range.start);
            Some(Mention { path: root.relative(&r.path), line: at.line + 1, column: at.col + 1 })
        })
        .collect();
    Ok(ReferencesAnswer { id: id.to_string(), exists: ws.lookup(id).is_some(), references, truncated: Vec::new() })
}
