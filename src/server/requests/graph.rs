//! The `chant-lsp.graph` command: the spec graph for editor views (the VS Code tree and graph,
//! Neovim's `:ChantGraph`), the same JSON `chant-lsp graph --format json` prints.

use std::sync::Arc;

use tower_lsp_server::ls_types as lsp;

use crate::ide::graph::{graph as spec_graph, GraphQuery};
use crate::server::blocking::InvalidParams;
use crate::server::lsp_ext::GraphArgs;
use crate::server::{from_proto, to_proto, Snapshot};
use crate::workspace::Workspace;

/// Deepest neighbourhood a client may ask for: past this the answer is the whole workspace anyway.
const MAX_DEPTH: usize = 64;

pub fn graph(snap: &Snapshot, args: GraphArgs) -> anyhow::Result<lsp::LSPAny> {
    let Some((ws, path)) = workspace(snap, args.uri.as_ref()) else { return Ok(lsp::LSPAny::Null) };
    let focus = match (&args.spec, args.focus) {
        (Some(id), _) => Some(id.clone()),
        (None, true) => {
            let spec = path.as_ref().and_then(|p| ws.spec(p));
            let Some(spec) = spec else {
                return Err(InvalidParams("chant-lsp.graph: `focus` needs a `uri` of a spec".to_string()).into());
            };
            Some(spec.id.clone())
        }
        (None, false) => None,
    };
    let query =
        GraphQuery { focus, depth: args.depth.unwrap_or(1).min(MAX_DEPTH), include_archive: args.include_archive };
    let drawn = spec_graph(&ws, &query);
    let mut answer = serde_json::to_value(&drawn)?;
    let root = to_proto::file_uri(&ws.root).map(|u| u.as_str().to_string());
    answer["root"] = root.map_or(lsp::LSPAny::Null, lsp::LSPAny::String);
    if let Some(text) = args.format.unwrap_or_default().text(&drawn) {
        answer["text"] = text.into();
    }
    Ok(answer)
}

/// The workspace holding `uri` (and the file's path), or the first workspace without a `uri`.
fn workspace(snap: &Snapshot, uri: Option<&lsp::Uri>) -> Option<(Arc<Workspace>, Option<std::path::PathBuf>)> {
    let Some(uri) = uri else {
        return snap.workspaces.workspaces.values().next().map(|ws| (Arc::clone(ws), None));
    };
    let path = from_proto::file_path(uri)?;
    let (_, ws) = snap.workspaces.workspaces.iter().rev().find(|(root, _)| path.starts_with(root))?;
    Some((Arc::clone(ws), Some(path)))
}
