//! The command line: `chant-lsp check` and the shared report formats. Runs the same analysis
//! as the server, so CI and editors give the same verdicts.

pub mod check;
pub mod format;
pub mod graph;
pub mod pr_description;
pub mod schema;
