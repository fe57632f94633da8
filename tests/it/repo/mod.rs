//! Repository checks: layering and hygiene, release files, and documentation kept true to the code.

mod docs_catalogue;
mod docs_diagnostics;
mod release;
mod tidy;
