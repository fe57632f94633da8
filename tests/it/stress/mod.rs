//! Hostile input, bounded answers, and the property tests that drive every feature with generated text.

mod bounded_answers;
mod hostile;
mod properties;
mod robustness;
