//! The command line: `chant-lsp check` (with its fixes and report formats), `explain` and the
//! other commands. Runs the same analysis as the server, so CI and editors give the same
//! verdicts.

pub mod check;
pub mod diff;
pub mod explain;
pub mod fix;
pub mod format;
pub mod graph;
pub mod pr_description;
pub mod sarif;
pub mod schema;
pub mod select;
pub mod stdin;
pub mod write;
