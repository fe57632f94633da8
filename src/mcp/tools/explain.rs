//! MCP tool `explain {code}`: what a diagnostic code means, with an example and its fix: the
//! code's section of docs/diagnostics.md, as `chant-lsp explain` prints it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{call, define, Effect, Entry, Truncated};
use crate::catalogue::Code;
use crate::cli::explain::{doc_section, short_description};
use crate::mcp::Root;

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExplainArgs {
    /// A diagnostic code, as `check` reports it (`unknown-dependency`).
    pub code: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Explanation {
    pub code: String,
    pub default_severity: String,
    /// One sentence: when the code is reported.
    pub summary: String,
    /// The full section (Markdown): when, what chant does, an example and the fix.
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub truncated: Truncated,
}

pub const ENTRY: Entry = Entry {
    name: "explain",
    define: || {
        define::<ExplainArgs, Explanation>(
            "explain",
            "Explain a diagnostic code",
            "What a chant-lsp diagnostic code means, what chant does with such a spec, an example and its fix.",
            Effect::ReadOnly,
        )
    },
    call: |_root: &Root, args| call("explain", args, |args: ExplainArgs| run(&args.code)),
};

pub fn run(name: &str) -> Result<Explanation, String> {
    let Some((code, text)) = Code::from_str(name).and_then(|code| Some((code, doc_section(code)?))) else {
        let all: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        return Err(format!("`{name}` is no diagnostic code; the codes are: {}", all.join(", ")));
    };
    Ok(Explanation {
        code: code.as_str().to_string(),
        default_severity: code.default_severity().as_str().to_string(),
        summary: short_description(code),
        text: text.to_string(),
        truncated: Vec::new(),
    })
}
