//! The LSP protocol layer (placeholder until the server lands).

pub fn run_stdio() {}
