//! Fuzz target: an opened text and a list of client edits, applied as the server applies them
//! (checked against an independent model), then analysed.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|session: chant_lsp_fuzz::EditSession| chant_lsp_fuzz::edits_analysis(session));
