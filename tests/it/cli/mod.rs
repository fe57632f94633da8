//! The command line end to end: the real binary on real workspaces, its output and exit codes.

mod arguments;
mod check;
mod docs;
mod explain;
mod fix;
mod fix_trees;
mod fmt;
mod graph;
mod json_schema;
mod pr_description;
mod sarif;
mod scope;
mod terminal;
