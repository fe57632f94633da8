//! The analysis façade: features computed from a [`Workspace`] and a spec, returning plain
//! structs with byte ranges. Nothing here knows about LSP or JSON.

pub mod code_actions;
pub mod code_lens;
pub mod completion;
pub mod cursor;
pub mod diagnostics;
pub mod document_links;
pub mod document_symbols;
pub mod folding_ranges;
pub mod goto_definition;
pub mod hover;
pub mod inlay_hints;
pub mod limits;
pub mod pr_description;
pub mod references;
pub mod rename;
#[cfg(test)]
mod schema_fields_tests;
#[cfg(test)]
pub mod test_fixture;
pub mod workspace_symbols;
