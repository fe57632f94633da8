//! chant-lsp: a language server and checker for chant spec markdown.
//!
//! Code map, in reading order (each layer only uses the ones above it):
//! - `text`: byte ranges and the line index (encoding conversion); `catalogue`: diagnostic codes.
//! - `syntax`: frontmatter split, YAML tree with spans, chant's typed verdict, markdown outline.
//! - `spec`: one spec as chant understands it (id, fields, title, acceptance criteria).
//! - `workspace`: the index of a `.chant/` folder: specs by id, links, cycles, config.
//! - `ide`: features over the workspace (diagnostics), returning plain structs.
//! - `cli`: the `check` command. `server`: the LSP protocol layer, the only code that knows LSP.

pub mod catalogue;
pub mod cli;
pub mod ide;
pub mod mcp;
pub mod server;
pub mod spec;
pub mod syntax;
pub mod text;
pub mod workspace;
