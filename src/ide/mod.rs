//! The analysis façade: features computed from a [`Workspace`] and a spec, returning plain
//! structs with byte ranges. Nothing here knows about LSP or JSON.

pub mod completion;
pub mod cursor;
pub mod diagnostics;
#[cfg(test)]
pub mod test_fixture;
