//! `chant-lsp graph [PATH] [--format json|dot|mermaid] [--spec ID [--depth N]]
//! [--include-archive]`: the spec graph of a workspace, or one spec's neighbourhood, as JSON
//! (the same shape the server's `chant-lsp.graph` command returns), Graphviz DOT or Mermaid.

use std::io::Write;
use std::path::PathBuf;

use crate::ide::graph::render::GraphFormat as Format;
use crate::ide::graph::{graph, GraphQuery};
use crate::workspace::load::{find_root, load_workspace};

pub const USAGE: &str =
    "usage: chant-lsp graph [PATH] [--format json|dot|mermaid] [--spec ID [--depth N]] [--include-archive]";

struct Args {
    path: PathBuf,
    format: Format,
    query: GraphQuery,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut res =
        Args { path: PathBuf::from("."), format: Format::Json, query: GraphQuery { depth: 1, ..Default::default() } };
    let mut path = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value =
            |name: &str| inline.clone().or_else(|| it.next().cloned()).ok_or(format!("{name} needs a value"));
        match flag {
            "--format" => {
                let name = value("--format")?;
                res.format =
                    Format::from_name(&name).ok_or_else(|| format!("unknown format `{name}` ({})", Format::NAMES))?;
            }
            "--spec" => res.query.focus = Some(value("--spec")?),
            "--depth" => {
                let raw = value("--depth")?;
                res.query.depth = raw.parse().map_err(|_| format!("--depth needs a number, not `{raw}`"))?;
            }
            "--include-archive" => res.query.include_archive = true,
            other if other.starts_with('-') => return Err(format!("unknown option `{other}`")),
            other if path.is_none() => path = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument `{other}`: give one workspace path")),
        }
    }
    if let Some(path) = path {
        res.path = path;
    }
    Ok(res)
}

/// Runs the command; returns the process exit code (0 printed, 2 usage or workspace error).
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    if args.iter().any(|a| a == "--help" || a == "-h") {
        let _ = writeln!(out, "{USAGE}");
        return 0;
    }
    let args = match parse_args(args) {
        Ok(args) => args,
        Err(msg) => {
            let _ = writeln!(err, "chant-lsp graph: {msg}\n{USAGE}");
            return 2;
        }
    };
    let absolute = std::path::absolute(&args.path).unwrap_or_else(|_| args.path.clone());
    let Some(root) = find_root(&absolute) else {
        let _ = writeln!(err, "chant-lsp graph: {}: no .chant/ folder at or above this path", args.path.display());
        return 2;
    };
    let (ws, _) = load_workspace(&root);
    let drawn = graph(&ws, &args.query);
    if let Some(focus) = &args.query.focus {
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
