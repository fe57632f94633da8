//! One spec file understood the way chant understands it: id, frontmatter (tree, typed verdict),
//! title, acceptance criteria and body outline. Built once per file version and then shared.

pub mod criteria;
pub mod finding;
pub mod hidden_criteria;
pub mod id;
pub mod info;
pub mod schema;

use std::sync::OnceLock;

use crate::syntax::frontmatter::{self, ChantSplit, FrontmatterSplit};
use crate::syntax::markdown::{self, Markdown};
use crate::syntax::typed::{self, ChantFrontmatter, SpecStatus, SpecType, TypedError};
use crate::syntax::typed_fast;
use crate::syntax::yaml::{self, YamlError, YamlNode};
use crate::text::{LineIndex, TextRange};
use criteria::Criteria;

/// Where a spec file sits, which decides how chant's lint and blocking logic see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SpecLocation {
    /// Directly in `.chant/specs/`: the only place `chant lint` looks.
    Active,
    /// In a sub-folder of `.chant/specs/`: loaded by chant, but unknown to its lint.
    Nested,
    /// Under `.chant/archive/`.
    Archived,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Title {
    /// The text after `# `.
    pub text: String,
    /// The heading line.
    pub line: TextRange,
    /// chant's rule ignores code fences, so its title can sit inside one.
    pub in_code_block: bool,
}

#[derive(Debug)]
pub struct Spec {
    pub id: String,
    pub location: SpecLocation,
    pub text: String,
    /// Built on first use: most specs never need a position converted.
    line_index: OnceLock<LineIndex>,
    pub split: Option<FrontmatterSplit>,
    pub chant_split: ChantSplit,
    pub yaml: Option<YamlNode>,
    pub yaml_error: Option<YamlError>,
    /// chant's verdict on the frontmatter it would read: `Err` means chant cannot load the spec.
    pub verdict: Result<ChantFrontmatter, TypedError>,
    /// Every offending value, found by checking each entry alone (empty when the verdict is `Ok`).
    pub field_errors: Vec<TypedError>,
    pub title: Option<Title>,
    pub criteria: Criteria,
    /// The CommonMark outline, built on first use (hover, symbols, the invisible-criteria rule).
    markdown: OnceLock<Markdown>,
    /// Whitespace-separated words of the body, counted on first use.
    n_words: OnceLock<usize>,
    /// Body text with chant's fence handling, used by the coupling rule and word counts.
    pub body_start: usize,
    /// Why the file could not be read as a spec (not UTF-8, NUL bytes, too large, a link out, not
    /// a regular file): such a spec has no text.
    pub unreadable: Option<Unreadable>,
}

/// Why chant-lsp has no text for a spec file, and whether chant itself would still load it
/// (a file over the size limit or behind a link out is read by chant; a Latin-1 file is not).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    /// A sentence saying what is wrong and what chant does with it.
    pub reason: String,
    pub chant_loads: bool,
}

impl Spec {
    pub fn parse(id: String, location: SpecLocation, text: String) -> Spec {
        let split = frontmatter::split(&text);
        let chant_split = frontmatter::chant_split(&text);
        let (yaml, yaml_error) = match &split {
            Some(fm) if fm.close.is_some() => yaml::parse(&text[fm.yaml.as_usize()], fm.yaml.start as usize),
            _ => (None, None),
        };
        let tree = match (&split, &yaml, &yaml_error) {
            (Some(fm), Some(root), None) => Some((fm, root)),
            _ => None,
        };
        let verdict = chant_verdict(&text, chant_split, tree);
        let field_errors = match (&verdict, &yaml, &split) {
            (Err(_), Some(root), Some(fm)) => {
                typed::field_errors(&text[fm.yaml.as_usize()], fm.yaml.start as usize, root)
            }
            _ => Vec::new(),
        };
        let body_start = split.as_ref().map_or(0, |fm| fm.body_start);
        let criteria = criteria::criteria(&text, body_start);
        let title = find_title(&text, body_start);
        Spec {
            id,
            location,
            text,
            line_index: OnceLock::new(),
            split,
            chant_split,
            yaml,
            yaml_error,
            verdict,
            field_errors,
            title,
            criteria,
            markdown: OnceLock::new(),
            n_words: OnceLock::new(),
            body_start,
            unreadable: None,
        }
    }

    /// A spec file that exists but cannot be read as text. It stays in the index, so ids that
    /// name it resolve, and its one finding says why. When chant would still load it, it counts
    /// as loadable with an unknown status, so specs depending on it get no false findings.
    pub fn unreadable(id: String, location: SpecLocation, why: Unreadable) -> Spec {
        let mut spec = Spec::parse(id, location, String::new());
        if !why.chant_loads {
            spec.verdict = Err(TypedError { offset: None, path: None, message: why.reason.clone() });
        }
        spec.unreadable = Some(why);
        spec
    }

    pub fn line_index(&self) -> &LineIndex {
        self.line_index.get_or_init(|| LineIndex::new(&self.text))
    }

    /// The line index as an owned value: a copy of the one built already, else a new one
    /// (building it into the spec only to copy it would do the work twice).
    pub fn owned_line_index(&self) -> LineIndex {
        self.line_index.get().cloned().unwrap_or_else(|| LineIndex::new(&self.text))
    }

    pub fn markdown(&self) -> &Markdown {
        self.markdown.get_or_init(|| markdown::parse(&self.text, self.body_start))
    }

    /// Words of the body, as chant's complexity and model rules count them.
    pub fn n_words(&self) -> usize {
        *self.n_words.get_or_init(|| count_words(self.body()))
    }

    /// True when chant can load the spec (and so counts it in lint, blocking and listings).
    pub fn loads(&self) -> bool {
        self.verdict.is_ok()
    }

    pub fn field(&self, key: &str) -> Option<&YamlNode> {
        self.yaml.as_ref()?.get(key)
    }

    /// Source text and range of every string in a list field (or of a lone scalar).
    pub fn string_items(&self, key: &str) -> Vec<(&str, TextRange)> {
        let Some(node) = self.field(key) else { return Vec::new() };
        node.scalar_items().into_iter().filter_map(|it| Some((it.as_scalar()?, it.range))).collect()
    }

    /// True when chant rejects the value of `key` (a per-field error placed on it): chant cannot
    /// load the spec, and rules must not read that value as if it had been accepted.
    pub fn rejects(&self, key: &str) -> bool {
        // Every rule that reads ids asks this of every spec; nearly all of them have no errors.
        if self.field_errors.is_empty() {
            return false;
        }
        let Some(root) = &self.yaml else { return false };
        let Some(entry) = root.entries().iter().find(|e| e.key.as_scalar() == Some(key)) else { return false };
        let span = entry.key.range.start as usize..=entry.value.range.end as usize;
        self.field_errors.iter().any(|err| match err.path.as_deref() {
            Some(path) => path.strip_prefix(key).is_some_and(|rest| rest.is_empty() || rest.starts_with(['[', '.'])),
            None => err.offset.is_some_and(|offset| span.contains(&offset)),
        })
    }

    /// `string_items`, or nothing when chant rejects the field's value: the ids and paths a
    /// rule may check, so a load failure is reported once and not again as, say, an unknown id.
    pub fn accepted_items(&self, key: &str) -> Vec<(&str, TextRange)> {
        if self.rejects(key) {
            return Vec::new();
        }
        self.string_items(key)
    }

    pub fn scalar(&self, key: &str) -> Option<(&str, TextRange)> {
        let node = self.field(key)?;
        if node.is_null() {
            return None;
        }
        Some((node.as_scalar()?, node.range))
    }

    /// The status as chant reads it, when the value is one chant accepts (and the file could
    /// be read at all).
    pub fn status(&self) -> Option<SpecStatus> {
        if self.unreadable.is_some() {
            return None;
        }
        match &self.verdict {
            Ok(fm) => Some(fm.status),
            Err(_) => parse_enum(self.scalar("status").map(|(s, _)| s), SpecStatus::Pending),
        }
    }

    pub fn spec_type(&self) -> Option<SpecType> {
        if self.unreadable.is_some() {
            return None;
        }
        match &self.verdict {
            Ok(fm) => Some(fm.spec_type),
            Err(_) => parse_enum(self.scalar("type").map(|(s, _)| s), SpecType::Code),
        }
    }

    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    pub fn body_lines(&self) -> impl Iterator<Item = criteria::BodyLine> + '_ {
        criteria::body_lines(&self.text, self.body_start)
    }
}

/// `text.split_whitespace().count()` without decoding characters: that cost a sixth of a whole
/// check (every summary counts its body's words). A word starts at a non-space byte after a
/// space or at the start. Text holding a non-ASCII space (rare) takes the general count.
fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let Some(&first) = bytes.first() else { return 0 };
    if has_wide_space(text) {
        return text.split_whitespace().count();
    }
    // The pairs are counted in blocks of 128 into a byte-wide sum, so the loop runs on vector
    // registers sixteen or thirty-two pairs at a time (a wider sum fits four to eight lanes).
    let starts: usize = bytes
        .chunks(128)
        .zip(bytes[1..].chunks(128))
        .map(|(before, at)| {
            let pairs = before.iter().zip(at);
            pairs.fold(0u8, |sum, (&p, &c)| sum + (is_ascii_space(p) & (is_ascii_space(c) ^ 1))) as usize
        })
        .sum();
    (is_ascii_space(first) ^ 1) as usize + starts
}

/// `char::is_whitespace` on an ASCII byte, as 0 or 1: space, and tab to carriage return
/// (vertical tab included), written without branches so that it vectorises.
fn is_ascii_space(b: u8) -> u8 {
    u8::from(b == b' ') | u8::from(b.wrapping_sub(9) < 5)
}

/// Whether `text` holds a non-ASCII whitespace character: each starts with one of four bytes.
fn has_wide_space(text: &str) -> bool {
    let bytes = text.as_bytes();
    let leads = memchr::memchr3_iter(0xc2, 0xe1, 0xe2, bytes).chain(memchr::memchr_iter(0xe3, bytes));
    leads.into_iter().any(|at| text[at..].chars().next().is_some_and(char::is_whitespace))
}

fn parse_enum<T: serde::de::DeserializeOwned>(value: Option<&str>, default: T) -> Option<T> {
    match value {
        None => Some(default),
        Some(v) => serde_yaml::from_str(v).ok(),
    }
}

/// What chant's loader concludes, run on the YAML chant's own splitter would extract. The span
/// tree (from our split, parsed without error) answers alone when it proves the frontmatter
/// valid; serde_yaml decides everything else.
fn chant_verdict(
    text: &str,
    chant_split: ChantSplit,
    tree: Option<(&FrontmatterSplit, &YamlNode)>,
) -> Result<ChantFrontmatter, TypedError> {
    match chant_split {
        ChantSplit::NoFrontmatter => Ok(ChantFrontmatter::default()),
        ChantSplit::Frontmatter { yaml, .. } => {
            if let Some(fm) = tree.and_then(|(split, root)| typed_fast::from_tree(text, yaml, split, root)) {
                return Ok(fm);
            }
            typed::deserialize(&text[yaml.as_usize()], yaml.start as usize)
        }
    }
}

/// chant's title rule: the first body line whose trimmed text starts with `# `.
fn find_title(text: &str, body_start: usize) -> Option<Title> {
    criteria::body_lines(text, body_start).find_map(|line| {
        let content = &text[line.range.as_usize()];
        let trimmed = content.trim();
        let rest = trimmed.strip_prefix("# ")?;
        Some(Title { text: rest.trim().to_string(), line: line.range, in_code_block: line.in_fence })
    })
}

#[cfg(test)]
mod tests {
    /// The ASCII fast path counts exactly what `split_whitespace` counts, vertical tab included.
    #[test]
    fn word_counts_match_split_whitespace() {
        let long = "word ".repeat(40) + &" x".repeat(70) + "tail";
        let wide = "é\u{3000}".repeat(30) + "\u{85}a\u{2028}\u{a0}\u{1680}—→🚀 x";
        let samples =
            ["", " ", "a", " a b\tc\nd\re\x0bf\x0cg  ", "x\u{a0}y z", "é è\u{2003}ü", "-- ** ``` 1.2", &long, &wide];
        for text in samples {
            assert_eq!(super::count_words(text), text.split_whitespace().count(), "{text:?}");
        }
    }

    /// Random texts (ASCII and wide spaces, wide letters) of every length around the 64-byte
    /// blocks agree with the general count.
    #[test]
    fn word_counts_match_on_random_texts() {
        let alphabet = ["\u{a0}", " ", "\t", "\n", "\u{0b}", "a", "é", "\u{2003}", "—"];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for len in 0..300 {
            let text: String = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect();
            assert_eq!(super::count_words(&text), text.split_whitespace().count(), "{text:?}");
        }
    }
}
