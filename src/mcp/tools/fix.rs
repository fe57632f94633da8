//! MCP tool `fix {paths?, unsafe?, dry_run?}`: the fixes `check --fix` applies (the editor's
//! fix-all, `cli/fix.rs`), written through the one write door (`cli/write.rs`), with the
//! unified diff of what changed (or, with `dry_run`, would change).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::findings::selected_specs;
use super::{call, define, Effect, Entry, Truncated};
use crate::cli::diff::unified_diff;
use crate::cli::fix::{fix_reported, restore};
use crate::cli::write::replace_spec_file;
use crate::ide::code_actions::Applicability;
use crate::mcp::Root;

#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FixArgs {
    /// Spec files or folders, relative to the workspace root. Default: every active spec.
    #[serde(default)]
    pub paths: Vec<String>,
    /// Also apply a finding's only fix when it removes something or changes what chant does
    /// (`check --fix --unsafe-fixes`).
    #[serde(default, rename = "unsafe")]
    pub unsafe_fixes: bool,
    /// Only show the diff; write nothing.
    #[serde(default)]
    pub dry_run: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct FixAnswer {
    /// Findings repaired (or, with `dry_run`, that would be).
    pub fixes: usize,
    /// The files changed (or that would be), relative to the workspace root.
    pub files: Vec<String>,
    /// The unified diff of the changes (`--- a/PATH` / `+++ b/PATH`).
    pub diff: String,
    pub dry_run: bool,
    /// Specs that were not written, and why (they are left as they were, and not counted).
    pub not_written: Vec<NotWritten>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub truncated: Truncated,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct NotWritten {
    pub path: String,
    pub reason: String,
}

pub const ENTRY: Entry = Entry {
    name: "fix",
    define: || {
        define::<FixArgs, FixAnswer>(
            "fix",
            "Fix chant specs",
            "Apply the fixes `chant-lsp check --fix` applies (each finding's one fix that keeps what was \
             written; with `unsafe: true` also a finding's only fix when it removes something or changes \
             what chant does) and write the specs atomically. Returns the unified diff and the number of \
             fixes. With `dry_run: true` nothing is written. Criteria boxes are never ticked.",
            Effect::Writes,
        )
    },
    call: |root, args| call("fix", args, |args| run(root, &args)),
};

pub fn run(root: &Root, args: &FixArgs) -> Result<FixAnswer, String> {
    let mut ws = root.load();
    let paths = selected_specs(root, &ws, &args.paths)?;
    let applicability = if args.unsafe_fixes { Applicability::Unsafe } else { Applicability::Safe };
    let overrides = ws.file_overrides.clone();
    let mut answer = FixAnswer { dry_run: args.dry_run, ..FixAnswer::default() };
    for spec in fix_reported(&mut ws, &paths, &overrides, applicability) {
        let path = root.relative(&spec.path);
        if !args.dry_run {
            if let Err(unwritten) = replace_spec_file(&root.dir, &spec.path, &spec.after) {
                restore(&mut ws, &spec);
                answer.not_written.push(NotWritten { path, reason: unwritten.reason });
                continue;
            }
        }
        answer.fixes += spec.n_fixes;
        answer.diff.push_str(&unified_diff(&path, &spec.before, &spec.after));
        answer.files.push(path);
    }
    Ok(answer)
}
