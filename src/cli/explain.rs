//! `chant-lsp explain CODE` and `chant-lsp explain --list`: a diagnostic code's documentation,
//! cut from docs/diagnostics.md (compiled in), so the command line, SARIF rule help and the
//! published page are one text. `tests/it/repo/docs_diagnostics.rs` keeps that page true to the checker.

use std::io::Write;

use crate::catalogue::Code;

/// The documentation page every code's section is taken from.
const DIAGNOSTICS_DOC: &str = include_str!("../../docs/diagnostics.md");

/// `chant-lsp explain`'s arguments: one code, or `--list`.
#[derive(Debug, clap::Args)]
#[command(
    about = "What a diagnostic code means, with an example and its fix",
    long_about = "Print what a diagnostic code means, what chant does with such a spec, an example and its fix\n(the code's section of docs/diagnostics.md), or list every code with its default severity.",
    override_usage = "chant-lsp explain CODE\n       chant-lsp explain --list",
    after_help = "Example:\n  chant-lsp explain unknown-field"
)]
pub struct ExplainArgs {
    /// A diagnostic code, such as `unknown-field`
    #[arg(value_name = "CODE")]
    code: Option<String>,
    /// List every code with its default severity and what it finds
    #[arg(long)]
    list: bool,
}

/// The section of docs/diagnostics.md about `code`, from its `### \`code\`` heading to the next
/// heading or rule outside a code block, without trailing blank lines.
pub fn doc_section(code: Code) -> Option<&'static str> {
    let heading = format!("### `{}`\n", code.as_str());
    let start = DIAGNOSTICS_DOC.find(&heading)?;
    let mut end = DIAGNOSTICS_DOC.len();
    let mut at = start + heading.len();
    let mut fence: Option<&str> = None;
    for line in DIAGNOSTICS_DOC[at..].split_inclusive('\n') {
        let bare = line.trim_end();
        let ticks = bare.len() - bare.trim_start_matches('`').len();
        if ticks >= 3 {
            fence = match fence {
                Some(open) if bare == open => None,
                None => Some(&bare[..ticks]),
                open => open,
            };
        } else if fence.is_none() && (bare.starts_with("## ") || bare.starts_with("### ") || bare == "---") {
            end = at;
            break;
        }
        at += line.len();
    }
    Some(DIAGNOSTICS_DOC[start..end].trim_end())
}

/// The first sentence of the section's **When:** paragraph, on one line: a short description.
pub fn short_description(code: Code) -> String {
    let section = doc_section(code).unwrap_or_default();
    let Some(at) = section.find("**When:** ") else { return code.as_str().to_string() };
    let paragraph = section[at + "**When:** ".len()..].split("\n\n").next().unwrap_or_default();
    let joined = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    let sentence = match joined.find(". ") {
        Some(end) => &joined[..=end],
        None => joined.as_str(),
    };
    let mut chars = sentence.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// The severity `--list` shows for `code`, as docs/diagnostics.md states it: a rule that decides
/// per finding says on what.
fn listed_severity(code: Code) -> &'static str {
    match code {
        Code::UncheckedCriterion => "by status",
        Code::UnreadableSpec => "error/warning",
        _ => code.default_severity().as_str(),
    }
}

/// Every code with its default severity and short description, one per line.
pub fn list() -> String {
    let width = Code::ALL.iter().map(|c| c.as_str().len()).max().unwrap_or(0);
    Code::ALL
        .iter()
        .map(|code| {
            let severity = listed_severity(*code);
            format!("{:width$}  {severity:13}  {}\n", code.as_str(), short_description(*code))
        })
        .collect()
}

/// Runs the command; returns the process exit code, or the usage error.
pub fn run(args: &ExplainArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, String> {
    let text = match (&args.code, args.list) {
        (None, true) => list(),
        (Some(name), false) => {
            match Code::from_str(name).and_then(doc_section) {
                Some(section) => format!("{section}\n"),
                None => {
                    let near: Vec<&str> = Code::ALL
                        .iter()
                        .map(|c| c.as_str())
                        .filter(|c| c.starts_with(name) || name.starts_with(c))
                        .collect();
                    let hint =
                        if near.is_empty() { String::new() } else { format!(" (did you mean {}?)", near.join(", ")) };
                    let _ = writeln!(err, "chant-lsp explain: `{name}` is no diagnostic code{hint}; `chant-lsp explain --list` lists them");
                    return Ok(2);
                }
            }
        }
        _ => {
            return Err("name one diagnostic code".to_string());
        }
    };
    Ok(if write!(out, "{text}").is_ok() { 0 } else { 2 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_section_with_example_and_fix() {
        let incomplete: Vec<&str> = Code::ALL
            .iter()
            .filter(|c| {
                let section = doc_section(**c).unwrap_or_default();
                !["**Default severity:**", "**When:**", "**Example:**", "**Fix:**"].iter().all(|p| section.contains(p))
            })
            .map(|c| c.as_str())
            .collect();
        assert_eq!(incomplete, Vec::<&str>::new());
    }

    #[test]
    fn a_section_ends_before_the_next_code() {
        let section = doc_section(Code::FrontmatterMissing).expect("documented");
        assert!(section.starts_with("### `frontmatter-missing`\n\n**Default severity:** warning"));
        // The example's own `# heading` lines are inside a fence and do not end it.
        assert!(section.contains("**Fix:**"));
        assert!(!section.contains("### `frontmatter-unclosed`"));
        assert_eq!(short_description(Code::FrontmatterMissing), "The file does not start with a `---` block.");
    }
}
