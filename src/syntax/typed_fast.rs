//! chant's typed verdict read straight off the span tree, for frontmatter simple enough that the
//! answer is certain, so most specs skip the second YAML parse (serde_yaml) entirely.
//!
//! The fast path answers only `Ok` and only when it is sure; any doubt returns `None` and the
//! caller asks serde_yaml, which also gives every error and its message. "Sure" means, checked on
//! the source text and not only on the tree (the tree drops tags, anchors and scalar styles):
//! - the tree was parsed, without error, from the text chant deserializes (bar a leading line
//!   break, which changes nothing in YAML but line numbers);
//! - every byte of that text is inside a scalar the tree holds, or is structure (`:`, `- `, `[`,
//!   `]`, `,`), spaces, line breaks or a comment: so no tag, anchor, alias, block scalar,
//!   document marker, directive, flow mapping or complex key hides anywhere, and nothing
//!   follows the first document;
//! - every scalar is one line, plain with a harmless first character, or quoted without escapes,
//!   and its source text spells exactly the value the tree holds;
//! - every mapping key is a plain string, unique in its mapping;
//! - every known field has a value its Rust type takes in serde_yaml without any of the
//!   YAML-typing traps (`public: yes`, `replay_count: "2"`, `depends_on: 1`, `status: ~`).
//!
//! The tests in `tests/it/parity/yaml_fast_path.rs` compare this with serde_yaml over every fixture and
//! over thousands of generated tricky frontmatters.

use crate::syntax::frontmatter::FrontmatterSplit;
use crate::syntax::typed::{
    Approval, ChantFrontmatter, RetryState, APPROVAL_STATUSES, SPEC_STATUSES, SPEC_TYPES, VERIFICATION_STATUSES,
};
use crate::syntax::yaml::{NodeKind, YamlNode};
use crate::text::TextRange;

/// Deeper trees are legal but never chant's own shapes; they go to serde_yaml.
const MAX_FAST_DEPTH: usize = 4;
/// chant knows 32 fields; a mapping with many more keys is hostile or generated, and goes to
/// serde_yaml rather than to the quadratic duplicate check below.
const MAX_FAST_ENTRIES: usize = 64;
/// libyaml refuses implicit keys longer than 1024 characters; stay far below.
const MAX_KEY_LEN: usize = 128;

/// chant's frontmatter built from the tree, or `None` whenever serde_yaml must decide.
/// `chant_yaml` is the range chant's own splitter extracts; `split` and `root` are our split and
/// the tree parsed (without error) from `split.yaml`.
pub fn from_tree(
    text: &str,
    chant_yaml: TextRange,
    split: &FrontmatterSplit,
    root: &YamlNode,
) -> Option<ChantFrontmatter> {
    if !same_yaml(text, chant_yaml, split) {
        return None;
    }
    let yaml = split.yaml;
    if !plain_characters(&text[yaml.as_usize()]) {
        return None;
    }
    let mut scalars = Vec::with_capacity(32);
    if !matches!(root.kind, NodeKind::Map { flow: false, .. }) || !walk(text, root, 0, false, &mut scalars) {
        return None;
    }
    if !only_structure_between(text, yaml, &scalars) {
        return None;
    }
    build(root)
}

/// True when chant's YAML is ours with at most one line break in front (the rest of the `---`
/// line), and ends where ours does.
fn same_yaml(text: &str, chant_yaml: TextRange, split: &FrontmatterSplit) -> bool {
    if split.close.is_none() || split.dots.is_some() || chant_yaml.end != split.yaml.end {
        return false;
    }
    let Some(lead) = text.get(chant_yaml.start as usize..split.yaml.start as usize) else { return false };
    lead == "\n" || lead == "\r\n"
}

/// One scalar of the tree, with the style its source text shows.
#[derive(Clone, Copy)]
struct Scalar<'a> {
    value: &'a str,
    plain: bool,
}

impl Scalar<'_> {
    /// serde_yaml's null: an empty or `~`/`null` plain scalar.
    fn is_null(self) -> bool {
        self.plain && matches!(self.value, "" | "~" | "null" | "Null" | "NULL")
    }
}

/// Checks every node below `node` and collects the scalars' ranges in source order.
fn walk(text: &str, node: &YamlNode, depth: usize, in_flow: bool, scalars: &mut Vec<TextRange>) -> bool {
    if depth > MAX_FAST_DEPTH {
        return false;
    }
    match &node.kind {
        NodeKind::Scalar { .. } => {
            scalars.push(node.range);
            scalar(text, node, in_flow).is_some()
        }
        NodeKind::Seq { flow, items } => {
            let in_flow = in_flow || *flow;
            items.iter().all(|item| walk(text, item, depth + 1, in_flow, scalars))
        }
        NodeKind::Map { flow: false, entries } if !in_flow && entries.len() <= MAX_FAST_ENTRIES => {
            let mut keys: Vec<&str> = Vec::with_capacity(entries.len());
            entries.iter().all(|entry| {
                let Some(key) = plain_key(text, &entry.key) else { return false };
                if keys.contains(&key) {
                    return false;
                }
                keys.push(key);
                scalars.push(entry.key.range);
                walk(text, &entry.value, depth + 1, false, scalars)
            })
        }
        NodeKind::Map { .. } | NodeKind::Alias => false,
    }
}

fn plain_key<'a>(text: &str, node: &'a YamlNode) -> Option<&'a str> {
    let key = scalar(text, node, false)?;
    (key.plain && !key.is_null() && key.value.len() <= MAX_KEY_LEN).then_some(key.value)
}

/// The scalar at `node`, when its source is one line whose meaning no YAML parser can disagree
/// on, and it spells exactly the value the tree holds.
fn scalar<'a>(text: &str, node: &'a YamlNode, in_flow: bool) -> Option<Scalar<'a>> {
    let NodeKind::Scalar { value, plain } = &node.kind else { return None };
    let source = text.get(node.range.as_usize())?;
    if memchr::memchr2(b'\n', b'\r', source.as_bytes()).is_some() {
        return None;
    }
    let same = match (source.as_bytes().first(), *plain) {
        (Some(b'\''), false) => single_quoted(source).is_some_and(|inner| inner == *value),
        (Some(b'"'), false) => double_quoted(source) == Some(value.as_str()),
        (_, true) => source == value && plain_is_safe(source, in_flow),
        _ => false,
    };
    same.then_some(Scalar { value, plain: *plain })
}

/// True when `yaml` has no tab and no character of `odd_char`; checked once for the whole text,
/// with a quick path for ASCII.
fn plain_characters(yaml: &str) -> bool {
    if yaml.is_ascii() {
        return !yaml.bytes().any(|b| (b < b' ' && b != b'\n' && b != b'\r') || b == 0x7f);
    }
    !yaml.chars().any(odd_char)
}

/// Characters YAML parsers treat differently (YAML 1.1 line breaks, byte-order marks) or reject.
/// Tabs are among them: YAML forbids them in indentation and parsers differ on where else.
fn odd_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\r')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// A plain scalar that starts with no indicator and holds nothing that could end it early.
fn plain_is_safe(source: &str, in_flow: bool) -> bool {
    let bytes = source.as_bytes();
    let Some(&first) = bytes.first() else { return !in_flow };
    let indicator = matches!(
        first,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
            | b' '
    );
    if indicator || (!first.is_ascii() && source.starts_with(char::is_whitespace)) {
        return false;
    }
    // One pass for `: `, ` #`, a trailing `:` or space and, in a flow sequence, any flow
    // indicator, colon or hash.
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        let ok = match b {
            b':' => !in_flow && next.is_some_and(|n| n != b' '),
            b' ' => next.is_some_and(|n| n != b'#'),
            b',' | b'[' | b']' | b'{' | b'}' | b'#' => !in_flow,
            _ => true,
        };
        if !ok {
            return false;
        }
    }
    true
}

/// The value of `'...'` with `''` read as one quote, or `None` for anything else.
fn single_quoted(source: &str) -> Option<String> {
    let inner = source.strip_prefix('\'')?.strip_suffix('\'')?;
    if inner.replace("''", "").contains('\'') {
        return None;
    }
    Some(inner.replace("''", "'"))
}

/// The value of `"..."` when it has no escapes.
fn double_quoted(source: &str) -> Option<&str> {
    let inner = source.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains(['\\', '"'])).then_some(inner)
}

/// True when everything of `yaml` outside the scalars is spaces, line breaks, comments and the
/// structure of block mappings, block sequences and flow sequences.
fn only_structure_between(text: &str, yaml: TextRange, scalars: &[TextRange]) -> bool {
    let mut pos = yaml.start as usize;
    let mut flow_depth = 0usize;
    for range in scalars.iter().copied().chain([TextRange::empty(yaml.end as usize)]) {
        let (start, end) = (range.start as usize, range.end as usize);
        if start < pos || end > yaml.end as usize {
            return false;
        }
        if !gap_is_structure(text, pos, start, &mut flow_depth) {
            return false;
        }
        pos = end;
    }
    flow_depth == 0
}

fn gap_is_structure(text: &str, start: usize, end: usize, flow_depth: &mut usize) -> bool {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < end {
        let next = bytes.get(i + 1).copied();
        let ends_token = matches!(next, None | Some(b' ' | b'\n' | b'\r'));
        match bytes[i] {
            b' ' => {}
            // A flow sequence over several lines is left to serde: YAML parsers differ on how
            // far its lines must be indented.
            b'\n' if *flow_depth == 0 => {}
            b'\r' if next == Some(b'\n') && *flow_depth == 0 => {}
            b':' | b'-' if *flow_depth == 0 && ends_token => {}
            b'[' => *flow_depth += 1,
            b']' if *flow_depth > 0 => *flow_depth -= 1,
            b',' if *flow_depth > 0 => {}
            b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\n') => {
                // A comment runs to the end of its line; it must not swallow a scalar.
                let line_end = text[i..].find(['\n', '\r']).map_or(text.len(), |n| i + n);
                if line_end > end {
                    return false;
                }
                i = line_end;
                continue;
            }
            _ => return false,
        }
        i += 1;
    }
    true
}

/// Reads every top-level entry into chant's struct; `None` on any value serde_yaml might read
/// differently or reject.
fn build(root: &YamlNode) -> Option<ChantFrontmatter> {
    let mut fm = ChantFrontmatter::default();
    for entry in root.entries() {
        let key = entry.key.as_scalar()?;
        let value = &entry.value;
        match key {
            "type" => fm.spec_type = unit_enum(value, &SPEC_TYPES)?,
            "status" => fm.status = unit_enum(value, &SPEC_STATUSES)?,
            "depends_on" => fm.depends_on = depends_on(value)?,
            "labels" => fm.labels = string_list(value)?,
            "target_files" => fm.target_files = string_list(value)?,
            "context" => fm.context = string_list(value)?,
            "prompt" => fm.prompt = string(value)?,
            "branch" => fm.branch = string(value)?,
            "commits" => fm.commits = string_list(value)?,
            "completed_at" => fm.completed_at = string(value)?,
            "model" => fm.model = string(value)?,
            "tracks" => fm.tracks = string_list(value)?,
            "informed_by" => fm.informed_by = string_list(value)?,
            "origin" => fm.origin = string_list(value)?,
            "schedule" => fm.schedule = string(value)?,
            "source_branch" => fm.source_branch = string(value)?,
            "target_branch" => fm.target_branch = string(value)?,
            "conflicting_files" => fm.conflicting_files = string_list(value)?,
            "blocked_specs" => fm.blocked_specs = string_list(value)?,
            "original_spec" => fm.original_spec = string(value)?,
            "last_verified" => fm.last_verified = string(value)?,
            "verification_status" => fm.verification_status = optional(value, &VERIFICATION_STATUSES)?,
            "verification_failures" => fm.verification_failures = string_list(value)?,
            "replayed_at" => fm.replayed_at = string(value)?,
            "replay_count" => fm.replay_count = optional_number(value)?,
            "original_completed_at" => fm.original_completed_at = string(value)?,
            "derived_fields" => fm.derived_fields = string_list(value)?,
            "approval" => fm.approval = approval(value)?,
            "members" => fm.members = string_list(value)?,
            "output_schema" => fm.output_schema = string(value)?,
            "public" => fm.public = optional_bool(value)?,
            "retry_state" => fm.retry_state = retry_state(value)?,
            // Unknown keys are ignored by serde; `walk` has already checked their values.
            _ if key != "<<" => {}
            _ => return None,
        }
    }
    Some(fm)
}

/// Names every field, so a field added to `ChantFrontmatter` fails to compile until `build`
/// reads it: the fast path must never drop a value serde_yaml would keep.
#[allow(dead_code)]
fn every_field_is_read(fm: &ChantFrontmatter) {
    let ChantFrontmatter {
        spec_type: _,
        status: _,
        depends_on: _,
        labels: _,
        target_files: _,
        context: _,
        prompt: _,
        branch: _,
        commits: _,
        completed_at: _,
        model: _,
        tracks: _,
        informed_by: _,
        origin: _,
        schedule: _,
        source_branch: _,
        target_branch: _,
        conflicting_files: _,
        blocked_specs: _,
        original_spec: _,
        last_verified: _,
        verification_status: _,
        verification_failures: _,
        replayed_at: _,
        replay_count: _,
        original_completed_at: _,
        derived_fields: _,
        approval: _,
        members: _,
        output_schema: _,
        public: _,
        retry_state: _,
    } = fm;
}

/// A scalar `walk` has already checked, read off the tree: `plain: false` means quoted.
fn checked(node: &YamlNode) -> Option<Scalar<'_>> {
    match &node.kind {
        NodeKind::Scalar { value, plain } => Some(Scalar { value, plain: *plain }),
        _ => None,
    }
}

/// `Some(None)` for a null, `Some(Some(_))` for a value `read` accepts, `None` otherwise.
fn nullable<T>(node: &YamlNode, read: impl FnOnce() -> Option<T>) -> Option<Option<T>> {
    match checked(node) {
        Some(s) if s.is_null() => Some(None),
        _ => read().map(Some),
    }
}

fn string(node: &YamlNode) -> Option<Option<String>> {
    // serde_yaml gives any non-null scalar's text to a `String`: `model: 4` is "4".
    nullable(node, || checked(node).map(|s| s.value.to_string()))
}

fn string_list(node: &YamlNode) -> Option<Option<Vec<String>>> {
    nullable(node, || items(node, |s| !s.is_null()))
}

/// `depends_on` goes through an untagged enum, which reads plain scalars as YAML-typed values
/// first: `001` stays a string but `1`, `true` or `1e3` would fail. So plain items must be
/// strings even to serde_yaml's untyped reading.
fn depends_on(node: &YamlNode) -> Option<Option<Vec<String>>> {
    let is_string = |s: Scalar| !s.plain || untyped_is_string(s.value);
    nullable(node, || match &node.kind {
        NodeKind::Scalar { .. } => checked(node).filter(|s| is_string(*s)).map(|s| vec![s.value.to_string()]),
        _ => items(node, is_string),
    })
}

/// The items of a sequence of scalars, each one accepted by `ok`.
fn items(node: &YamlNode, ok: impl Fn(Scalar) -> bool) -> Option<Vec<String>> {
    let NodeKind::Seq { items, .. } = &node.kind else { return None };
    items.iter().map(|item| checked(item).filter(|s| ok(*s)).map(|s| s.value.to_string())).collect()
}

/// serde_yaml's `visit_untagged_scalar` ends in a string for this plain scalar.
fn untyped_is_string(value: &str) -> bool {
    if matches!(value, "" | "~" | "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE") {
        return false;
    }
    // Everything serde_yaml could read as a number starts with a digit, a sign or a dot, or is
    // a spelling of infinity or NaN, which Rust's float parser knows; refuse all of those.
    let first = value.as_bytes()[0];
    if digits_but_not_number(value) {
        return true;
    }
    if first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.') {
        return not_a_number(value);
    }
    value.parse::<f64>().is_err()
}

/// serde_yaml's rule that `001` is a string, for the unsigned spelling only.
fn digits_but_not_number(value: &str) -> bool {
    value.len() > 1 && value.starts_with('0') && value[1..].bytes().all(|b| b.is_ascii_digit())
}

/// True for digit-led text that is surely no number: a dash inside (ids, dates) that is not an
/// exponent's sign, or a character no number syntax uses.
fn not_a_number(value: &str) -> bool {
    let bytes = value.as_bytes();
    let inner_dash = bytes.iter().enumerate().skip(1).any(|(i, &b)| b == b'-' && !matches!(bytes[i - 1], b'e' | b'E'));
    let foreign = bytes.iter().any(|b| !b.is_ascii_hexdigit() && !b"+-._xXoObBeEiInNtTyY".contains(b));
    (inner_dash || foreign) && value.parse::<f64>().is_err()
}

/// A unit variant spelled plainly and exactly (anything else, null included, is left to serde).
fn unit_enum<T: Copy>(node: &YamlNode, variants: &[(&str, T)]) -> Option<T> {
    let s = checked(node).filter(|s| s.plain)?;
    variants.iter().find(|(name, _)| *name == s.value).map(|(_, v)| *v)
}

fn optional<T: Copy>(node: &YamlNode, variants: &[(&str, T)]) -> Option<Option<T>> {
    nullable(node, || unit_enum(node, variants))
}

fn optional_bool(node: &YamlNode) -> Option<Option<bool>> {
    nullable(node, || bool_value(node))
}

fn bool_value(node: &YamlNode) -> Option<bool> {
    unit_enum(node, &[("true", true), ("false", false)])
}

fn optional_number<T: TryFrom<u64>>(node: &YamlNode) -> Option<Option<T>> {
    nullable(node, || number(node))
}

/// A plain decimal without sign, leading zero or prefix, that fits `T`.
fn number<T: TryFrom<u64>>(node: &YamlNode) -> Option<T> {
    let s = checked(node).filter(|s| s.plain)?;
    let digits = s.value;
    let canonical = digits.len() <= 18 && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.is_empty();
    if !canonical || (digits.len() > 1 && digits.starts_with('0')) {
        return None;
    }
    T::try_from(digits.parse::<u64>().ok()?).ok()
}

fn approval(node: &YamlNode) -> Option<Option<Approval>> {
    nullable(node, || {
        let NodeKind::Map { entries, .. } = &node.kind else { return None };
        let mut approval = Approval::default();
        for entry in entries {
            let value = &entry.value;
            match entry.key.as_scalar()? {
                "required" => approval.required = bool_value(value)?,
                "status" => approval.status = unit_enum(value, &APPROVAL_STATUSES)?,
                "by" => approval.by = string(value)?,
                "at" => approval.at = string(value)?,
                "<<" => return None,
                _ => {}
            }
        }
        Some(approval)
    })
}

fn retry_state(node: &YamlNode) -> Option<Option<RetryState>> {
    nullable(node, || {
        let NodeKind::Map { entries, .. } = &node.kind else { return None };
        let (mut attempts, mut last, mut next) = (None, None, None);
        for entry in entries {
            let value = &entry.value;
            match entry.key.as_scalar()? {
                "attempts" => attempts = Some(number::<usize>(value)?),
                "last_retry_time" => last = Some(number::<u64>(value)?),
                "next_retry_time" => next = Some(number::<u64>(value)?),
                "<<" => return None,
                _ => {}
            }
        }
        Some(RetryState { attempts: attempts?, last_retry_time: last?, next_retry_time: next? })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{frontmatter, typed, yaml};

    /// The fast verdict on a whole file, next to serde_yaml's.
    fn both(text: &str) -> (Option<ChantFrontmatter>, Result<ChantFrontmatter, typed::TypedError>) {
        let split = frontmatter::split(text).unwrap();
        let frontmatter::ChantSplit::Frontmatter { yaml: chant_yaml, .. } = frontmatter::chant_split(text) else {
            panic!("no chant frontmatter")
        };
        let (root, err) = yaml::parse(&text[split.yaml.as_usize()], split.yaml.start as usize);
        assert_eq!(err, None);
        let fast = from_tree(text, chant_yaml, &split, &root.unwrap());
        (fast, typed::deserialize(&text[chant_yaml.as_usize()], chant_yaml.start as usize))
    }

    fn takes(yaml: &str) -> bool {
        let text = format!("---\n{yaml}---\n# T\n");
        let (fast, serde) = both(&text);
        if let Some(fast) = &fast {
            assert_eq!(Ok(fast), serde.as_ref(), "{yaml}");
        }
        fast.is_some()
    }

    #[test]
    fn a_typical_spec_takes_the_fast_path() {
        let text = "---\ntype: code\nstatus: completed\ndepends_on:\n- 2026-01-24-001-abc\ncommits:\n- 1234567\n\
                    model: 'claude'\ntarget_files: [src/a.rs, \"b c\"]\nreplay_count: 2\n---\n# T\n";
        let (fast, serde) = both(text);
        let fast = fast.expect("fast path taken");
        assert_eq!(Ok(&fast), serde.as_ref());
        assert_eq!(fast.depends_on, Some(vec!["2026-01-24-001-abc".to_string()]));
        assert_eq!(fast.commits, Some(vec!["1234567".to_string()]));
    }

    #[test]
    fn doubtful_frontmatter_is_left_to_serde() {
        let cases = [
            "public: yes\n",
            "replay_count: \"2\"\n",
            "depends_on: 1\n",
            "depends_on: [001, 1e3]\n",
            "status: ~\n",
            "status: ok\nstatus: ok\n",
            "a: &x 1\nb: *x\n",
            "model: !!str 4\n",
            "prompt: |\n  hi\n",
            "labels: auth\n",
            "type: code\n...\n",
            "approval: {required: true}\n",
            "model: \"a\\tb\"\n",
            "model: two\n  lines\n",
            "? model\n: x\n",
            // Tags and anchors on collections sit outside every scalar: only the structure
            // check sees them.
            "labels: !x\n- a\n",
            "approval: &x\n  required: true\n",
            "model: \"\\x41\"\n",
        ];
        let taken: Vec<&str> = cases.into_iter().filter(|yaml| takes(yaml)).collect();
        assert_eq!(taken, Vec::<&str>::new());
        let many_keys: String = (0..=MAX_FAST_ENTRIES).map(|i| format!("k{i}: v\n")).collect();
        assert!(!takes(&many_keys));
    }

    /// The tree is only used when it was parsed from the text chant deserializes.
    #[test]
    fn a_different_chant_split_is_left_to_serde() {
        let files = [
            "---\nmodel: a---b\n---\n# T\n",
            "----\nmodel: x\n---\n# T\n",
            "---yaml\nmodel: x\n---\n# T\n",
            "--- \nmodel: x\n---\n# T\n",
        ];
        let taken: Vec<&str> = files.into_iter().filter(|text| both(text).0.is_some()).collect();
        assert_eq!(taken, Vec::<&str>::new());
        assert!(both("  ---\r\nmodel: x\r\n---\r\n# T\r\n").0.is_some());
    }

    #[test]
    fn traps_serde_accepts_are_read_alike() {
        let cases = [
            "model: 4\n",
            "depends_on: [001]\n",
            "depends_on: one\n",
            "labels:\n",
            "labels: ~\n",
            "approval:\n  required: true\n  status: approved\n",
            "retry_state:\n  attempts: 2\n  last_retry_time: 10\n  next_retry_time: 20\n",
            "unknown: [a, [b]]\nprompt: it's # note\n",
        ];
        let taken: Vec<&str> = cases.into_iter().filter(|yaml| takes(yaml)).collect();
        assert_eq!(taken, cases.to_vec());
    }
}
