//! `chant-lsp pr-description <SPEC_PATH_OR_ID> [--template PATH]`: print the pull-request
//! description assembled from a spec and its dependency chain.

use std::io::Write;

pub fn run(_args: &[String], _out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let _ = writeln!(err, "chant-lsp pr-description: not implemented yet");
    2
}
