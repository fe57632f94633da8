//! The integration tests, in one crate so the library is linked once (as rust-analyzer and ruff
//! keep theirs): the command line, the protocol, parity with chant, hostile and generated input,
//! and the repository's own checks, over one shared harness (`support/`).

mod cli;
mod parity;
mod protocol;
mod repo;
mod stress;
mod support;
