//! `chant-lsp graph [PATH] [--format json|dot|mermaid] [--spec ID [--depth N]]
//! [--include-archive]`: the spec graph of a workspace, or one spec's neighbourhood, as JSON
//! (the same shape the server's `chant-lsp.graph` command returns), Graphviz DOT or Mermaid.

use std::io::Write;
use std::path::PathBuf;

use crate::ide::graph::render::GraphFormat;
use crate::ide::graph::{graph, GraphQuery};
use crate::workspace::load::{find_root, load_workspace};

/// `chant-lsp graph`'s arguments.
#[derive(Debug, clap::Args)]
#[command(
    about = "Print the spec graph: dependencies, members, research links",
    override_usage = "chant-lsp graph [PATH] [--format json|dot|mermaid] [--spec ID [--depth N]] [--include-archive]"
)]
pub struct GraphArgs {
    /// A folder of the workspace (default: the current folder)
    #[arg(value_name = "PATH", default_value = ".", hide_default_value = true)]
    path: PathBuf,
    /// json (the shape the server's `chant-lsp.graph` command returns), dot (Graphviz) or mermaid
    #[arg(long, value_name = "FORMAT", default_value = "json", hide_default_value = true, value_parser = parse_format)]
    format: GraphFormat,
    /// Only this spec's neighbourhood
    #[arg(long = "spec", value_name = "ID")]
    focus: Option<String>,
    /// How many links away from --spec to go (default 1)
    #[arg(long, value_name = "N", default_value = "1", hide_default_value = true, value_parser = parse_depth)]
    depth: usize,
    /// Also draw the specs in .chant/archive/
    #[arg(long)]
    include_archive: bool,
}

fn parse_format(name: &str) -> Result<GraphFormat, String> {
    GraphFormat::from_name(name).ok_or_else(|| format!("unknown format `{name}` ({})", GraphFormat::NAMES))
}

fn parse_depth(raw: &str) -> Result<usize, String> {
    raw.parse().map_err(|_| format!("--depth needs a number, not `{raw}`"))
}

/// Runs the command; returns the process exit code (0 printed, 2 usage or workspace error).
pub fn run(args: &GraphArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let query = GraphQuery { focus: args.focus.clone(), depth: args.depth, include_archive: args.include_archive };
    let absolute = std::path::absolute(&args.path).unwrap_or_else(|_| args.path.clone());
    let Some(root) = find_root(&absolute) else {
        let _ = writeln!(err, "chant-lsp graph: {}: no .chant/ folder at or above this path", args.path.display());
        return 2;
    };
    let (ws, _) = load_workspace(&root);
    let drawn = graph(&ws, &query);
    if let Some(focus) = &query.focus {
        if drawn.nodes.is_empty() {
            let _ = writeln!(err, "chant-lsp graph: no spec has the id `{focus}`");
            return 2;
        }
    }
    let text =
        args.format.text(&drawn).unwrap_or_else(|| serde_json::to_string_pretty(&drawn).unwrap_or_default() + "\n");
    if out.write_all(text.as_bytes()).is_err() {
        return 2;
    }
    0
}
