//! chant-lsp's own protocol on top of LSP, in one leaf file: the commands (their names and
//! arguments), the `source.fixAll.chant` action kind and the `chant-lsp/indexChanged`
//! notification. Editor extensions (VS Code, Neovim) and the docs speak exactly these names;
//! the capabilities advertise them and the handlers accept them, both from here.

use serde::Deserialize;
use tower_lsp_server::ls_types as lsp;

use crate::ide::graph::render::GraphFormat;

/// Client-side: show `locations` (arguments `[uri, position, locations]`).
pub const SHOW_REFERENCES: &str = "chant-lsp.showReferences";
/// Server-side: rename an acceptance-criteria heading chant does not count.
pub const FIX_CRITERIA_HEADING: &str = "chant-lsp.fixCriteriaHeading";
pub const PR_DESCRIPTION: &str = "chant-lsp.prDescription";
pub const GRAPH: &str = "chant-lsp.graph";

/// Commands the server executes itself (advertised in the capabilities).
pub const COMMANDS: &[&str] = &[FIX_CRITERIA_HEADING, PR_DESCRIPTION, GRAPH];

/// The code action kind of "fix all chant problems" (`check --fix` in the editor).
pub const FIX_ALL: &str = "source.fixAll.chant";

/// The `experimental` client capability asking for [`IndexChanged`].
pub const INDEX_CHANGED_CAPABILITY: &str = "chantIndexChanged";

/// `chant-lsp/indexChanged` with `{ "root": "<file URI>" }`.
pub enum IndexChanged {}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct IndexChangedParams {
    pub root: lsp::Uri,
}

impl lsp::notification::Notification for IndexChanged {
    type Params = IndexChangedParams;
    const METHOD: &'static str = "chant-lsp/indexChanged";
}

/// The argument of [`FIX_CRITERIA_HEADING`], as the code lens sends it (with `newText`, which
/// the server does not trust: it recomputes the fix).
#[derive(Deserialize)]
pub struct HeadingFixArgs {
    pub uri: lsp::Uri,
    pub range: lsp::Range,
}

/// The argument of [`GRAPH`]; its shape, for error messages.
pub const GRAPH_SHAPE: &str = "{ uri?, focus?, spec?, depth?, format?: \"json\"|\"dot\"|\"mermaid\", includeArchive? }";

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GraphArgs {
    pub uri: Option<lsp::Uri>,
    #[serde(default)]
    pub focus: bool,
    pub spec: Option<String>,
    pub depth: Option<usize>,
    pub format: Option<GraphFormat>,
    #[serde(default)]
    pub include_archive: bool,
}
