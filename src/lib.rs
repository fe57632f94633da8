//! chant-lsp: a language server and checker for chant spec markdown.
//!
//! The layers (`text`, `syntax`, `spec`, `workspace`, `ide`, and the two edges `cli` and
//! `server`), what each owns and the one direction of their imports are described once, in
//! `docs/architecture.md`.

pub mod catalogue;
pub mod cli;
pub mod ide;
pub mod mcp;
pub mod server;
pub mod spec;
pub mod syntax;
pub mod text;
pub mod workspace;
