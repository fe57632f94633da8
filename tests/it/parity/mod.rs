//! Agreement with chant: its recorded verdicts, serde_yaml's typed reading, readiness.

mod fidelity;
mod first_answer;
mod fix_safety;
mod readiness;
mod yaml_fast_path;
