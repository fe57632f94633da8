//! Parsing a spec file: frontmatter split, YAML tree with spans, chant's typed verdict, and the
//! markdown body. Parsing never fails; every problem is data with a location.

pub mod frontmatter;
pub mod markdown;
pub mod markdown_lines;
pub mod typed;
pub mod typed_fast;
pub mod yaml;
