//! Fuzz target: arbitrary bytes as a spec, through parsing, diagnostics and every editor feature.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| chant_lsp_fuzz::spec_parse(data));
