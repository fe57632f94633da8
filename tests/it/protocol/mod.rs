//! The language server over the protocol: a real server on an in-memory pipe or on stdio.

mod code_lens;
mod completion;
mod editor_settings;
mod formatting;
mod graph;
mod live_index;
mod navigation;
mod presentation;
mod quick_fixes;
mod session;
mod stdio;
