//! The registry of diagnostic rules, one file per rule (the codes and their default severities
//! live in `crate::catalogue`). `diagnose` runs every rule over one spec of a workspace, applies
//! severity overrides and caps the findings per spec.

mod approval_inconsistent;
mod archived_dependency;
mod blocked_by;
mod complexity;
mod cross_repo_dependency;
mod data;
mod dependency_cycle;
mod duplicate_key;
mod empty_criterion;
mod empty_members;
pub mod fix;
mod frontmatter_comment;
mod frontmatter_missing;
mod frontmatter_split;
mod frontmatter_unclosed;
mod invalid_type;
mod invalid_value;
mod invisible_criteria;
mod missing_file;
mod missing_required_field;
mod missing_title;
mod model_waste;
mod no_acceptance_criteria;
mod no_match;
mod path_outside_workspace;
pub(crate) mod paths;
mod self_dependency;
mod spec_id_in_body;
mod title_in_code_block;
mod type_field_missing;
mod unchecked_criterion;
mod unknown_dependency;
mod unknown_field;
mod unknown_member;
mod unknown_prompt;
mod unreadable_spec;
mod yaml_syntax;

use std::path::Path;

use crate::ide::limits::{more_not_shown, DIAGNOSTICS_PER_FILE};
use crate::spec::info::SpecInfo;
use crate::spec::Spec;
use crate::text::{LineIndex, TextRange};
use crate::workspace::config::SeverityOverrides;
use crate::workspace::parallel;
use crate::workspace::Workspace;

pub use crate::catalogue::{Code, Severity};
pub use crate::spec::finding::{Diagnostic, Hint, Related};
pub use data::DiagnosticData;
use fix::Fix;

/// What a text-only rule sees: the full parse of one spec and its path. Its findings are a
/// function of the text, so the index computes them once per version of the file.
pub struct Ctx<'a> {
    pub spec: &'a Spec,
    pub path: &'a Path,
}

/// What a workspace rule sees: the spec's summary, its path and the workspace around it
/// (other specs, config, prompts, files), re-run whenever any of those may have changed.
pub struct GraphCtx<'a> {
    pub ws: &'a Workspace,
    pub spec: &'a SpecInfo,
    pub path: &'a Path,
}

/// Collects a rule's findings with the code's default severity.
#[derive(Default)]
pub struct Acc {
    items: Vec<Diagnostic>,
}

impl Acc {
    pub fn push(&mut self, code: Code, range: TextRange, message: impl Into<String>) -> &mut Diagnostic {
        self.push_with(code, code.default_severity(), range, message)
    }

    pub fn push_with(
        &mut self,
        code: Code,
        severity: Severity,
        range: TextRange,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.items.push(Diagnostic {
            range,
            code,
            severity,
            message: message.into(),
            related: Vec::new(),
            hint: Hint::None,
        });
        self.items.last_mut().expect("just pushed")
    }
}

type Rule = fn(&Ctx, &mut Acc);
type GraphRule = fn(&GraphCtx, &mut Acc);

/// The rules that read the spec's text alone, in catalogue order. Adding a rule = one file +
/// one line here or in [`NEIGHBOUR_RULES`] or [`WHOLE_GRAPH_RULES`].
const LOCAL_RULES: &[Rule] = &[
    frontmatter_missing::check,
    frontmatter_unclosed::check,
    frontmatter_split::check,
    yaml_syntax::check,
    invalid_type::check,
    invalid_value::check,
    duplicate_key::check,
    unknown_field::check,
    frontmatter_comment::check,
    missing_title::check,
    title_in_code_block::check,
    type_field_missing::check,
    empty_members::check,
    approval_inconsistent::check,
    self_dependency::check,
    spec_id_in_body::check,
    unchecked_criterion::check,
    invisible_criteria::check,
    no_acceptance_criteria::check,
    empty_criterion::check,
];

/// The rules that also read the workspace, but only the spec's neighbourhood: config, prompts,
/// files, and the specs it names, its driver, siblings and members (what a first-look workspace
/// parses, `workspace/first_look.rs`), so they answer before the full index is built.
const NEIGHBOUR_RULES: &[GraphRule] = &[
    missing_required_field::check,
    unknown_dependency::check,
    archived_dependency::check,
    cross_repo_dependency::check,
    unknown_member::check,
    blocked_by::check,
    missing_file::check,
    no_match::check,
    path_outside_workspace::check,
    unknown_prompt::check,
    complexity::check,
    model_waste::check,
];

/// The rules that read the whole graph: they wait for the full index.
const WHOLE_GRAPH_RULES: &[GraphRule] = &[dependency_cycle::check];

/// The findings of the text-only rules, with default severities, in rule order. Not for a spec
/// that could not be read (it has no text to check).
pub fn local_findings(path: &Path, spec: &Spec) -> Vec<Diagnostic> {
    if spec.unreadable.is_some() {
        return Vec::new();
    }
    let ctx = Ctx { spec, path };
    let mut acc = Acc::default();
    for rule in LOCAL_RULES {
        rule(&ctx, &mut acc);
    }
    acc.items
}

/// The cached text-only findings of the spec at `path`, computed from its text on first use.
fn cached_local_findings(ws: &Workspace, path: &Path, info: &SpecInfo) -> std::sync::Arc<[Diagnostic]> {
    if let Some(found) = info.local_findings() {
        return found.clone();
    }
    let found = ws.source(path).map(|spec| local_findings(path, &spec)).unwrap_or_default();
    info.set_local_findings(found.into()).clone()
}

/// All diagnostics of the spec at `path`, with severities overridden by `overrides` (the
/// workspace's `.chant/lsp.yaml` merged with the editor's settings) and sorted by position.
pub fn diagnose(ws: &Workspace, path: &Path, overrides: &SeverityOverrides) -> Vec<Diagnostic> {
    let Some(spec) = ws.spec(path) else { return Vec::new() };
    let mut acc = Acc::default();
    run_rules(&GraphCtx { ws, spec, path }, &[NEIGHBOUR_RULES, WHOLE_GRAPH_RULES], &mut acc);
    finish(acc, spec, overrides)
}

/// The findings of the spec at `path` that need no more than its neighbourhood, for the first
/// answer on a spec opened while the full index is built (`ws` may be a first-look workspace).
/// Each is one [`diagnose`] also gives on the full index, so a later publish only adds findings;
/// `None` when the cap on findings could cut one of them then (the answer waits).
pub fn diagnose_first(ws: &Workspace, path: &Path, overrides: &SeverityOverrides) -> Option<Vec<Diagnostic>> {
    let spec = ws.spec(path)?;
    let mut acc = Acc::default();
    run_rules(&GraphCtx { ws, spec, path }, &[NEIGHBOUR_RULES], &mut acc);
    // The whole-graph rules add at most one finding per link (a cycle through it).
    let later = crate::workspace::links(spec).len();
    if acc.items.len() + later >= DIAGNOSTICS_PER_FILE {
        return None;
    }
    Some(finish(acc, spec, overrides))
}

/// Runs the text-only findings (cached) and these workspace rules.
fn run_rules(ctx: &GraphCtx, rules: &[&[GraphRule]], acc: &mut Acc) {
    // A file that could not be read has no text: its one finding says why, and any other rule
    // would only add noise.
    if ctx.spec.unreadable.is_some() {
        return unreadable_spec::check(ctx, acc);
    }
    acc.items.extend(cached_local_findings(ctx.ws, ctx.path, ctx.spec).iter().cloned());
    for rule in rules.iter().copied().flatten() {
        rule(ctx, acc);
    }
}

/// Applies the severity overrides, caps the findings and sorts them by position.
fn finish(acc: Acc, spec: &SpecInfo, overrides: &SeverityOverrides) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = acc
        .items
        .into_iter()
        .filter_map(|mut d| match overrides.get(d.code) {
            Some(None) => None,
            Some(Some(severity)) => {
                d.severity = severity;
                Some(d)
            }
            None => Some(d),
        })
        .collect();
    cap(&mut out, spec);
    out.sort_by_key(|d| (d.range.start, d.range.end, d.code));
    out
}

/// Keeps at most [`DIAGNOSTICS_PER_FILE`] findings, the most severe first, and says how many
/// more there are in one last information diagnostic. It carries the code of the first finding
/// left out, so turning that code off in the settings also turns off the notice.
fn cap(found: &mut Vec<Diagnostic>, spec: &SpecInfo) {
    if found.len() <= DIAGNOSTICS_PER_FILE {
        return;
    }
    found.sort_by_key(|d| (d.severity, d.range.start, d.range.end, d.code));
    let cut = found.len() - (DIAGNOSTICS_PER_FILE - 1);
    let first = found.drain(DIAGNOSTICS_PER_FILE - 1..).next().expect("more than the cap");
    let line = spec.line_index.line_of(first.range.start) + 1;
    found.push(Diagnostic {
        range: spec.header,
        code: first.code,
        severity: Severity::Information,
        message: format!(
            "{}: this spec has {} findings and at most {DIAGNOSTICS_PER_FILE} are shown; the first one left out is {}[{}] on line {line}",
            more_not_shown(cut, "findings"),
            found.len() + cut,
            first.severity.as_str(),
            first.code.as_str(),
        ),
        related: Vec::new(),
        hint: Hint::None,
    });
}

/// The range of the line holding `offset`, without its terminator: a fallback location.
pub fn line_range(spec: &Spec, offset: usize) -> TextRange {
    line_range_in(spec.line_index(), offset)
}

/// `line_range` for a line index alone (a spec's summary).
pub fn line_range_in(index: &LineIndex, offset: usize) -> TextRange {
    let line = index.line_of(offset as u32);
    TextRange::new(index.line_start(line) as usize, index.line_end(line) as usize)
}

/// Where file-level findings go: the opening `---`, else the first line.
pub fn header_range(spec: &Spec) -> TextRange {
    match &spec.split {
        Some(fm) => fm.open,
        None => line_range(spec, 0),
    }
}

/// The range of a key in the frontmatter, if present.
pub fn key_range(spec: &Spec, key: &str) -> Option<TextRange> {
    spec.yaml.as_ref()?.entries().iter().find(|e| e.key.as_scalar() == Some(key)).map(|e| e.key.range)
}

/// "did you mean" text for a suggestion list.
pub fn did_you_mean(candidates: &[&str]) -> String {
    match candidates {
        [] => String::new(),
        [one] => format!("; did you mean `{one}`?"),
        many => {
            format!("; did you mean one of {}?", many.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", "))
        }
    }
}

/// A rule's quick fixes for one finding: `(workspace, spec, finding, its index in the list the
/// editor sent) -> fixes`, defined in the rule's own file.
type Fixes = fn(&Workspace, &Spec, &Diagnostic, usize) -> Vec<Fix>;

/// The rules that offer quick fixes. `true` when the fix edits the frontmatter's YAML tree: with
/// a YAML error (or an unclosed block) its spans cannot be trusted, so none is offered.
const FIXES: &[(Code, Fixes, bool)] = &[
    (Code::FrontmatterMissing, frontmatter_missing::fixes, false),
    (Code::InvisibleCriteria, invisible_criteria::fixes, false),
    (Code::SpecIdInBody, spec_id_in_body::fixes, true),
    (Code::InvalidValue, invalid_value::fixes, true),
    (Code::UnknownDependency, unknown_dependency::fixes, true),
    (Code::UnknownMember, unknown_member::fixes, true),
    (Code::UnknownField, unknown_field::fixes, true),
    (Code::SelfDependency, self_dependency::fixes, true),
    (Code::MissingFile, missing_file::fixes, true),
    (Code::UnknownPrompt, unknown_prompt::fixes, true),
    (Code::TypeFieldMissing, type_field_missing::fixes, true),
    (Code::MissingRequiredField, missing_required_field::fixes, true),
    (Code::FrontmatterComment, frontmatter_comment::fixes, true),
];

/// The quick fixes of `d` (the `index`-th finding the editor sent back), from its rule's file.
pub fn fixes(ws: &Workspace, spec: &Spec, d: &Diagnostic, index: usize) -> Vec<Fix> {
    let yaml_ok = spec.yaml_error.is_none() && spec.split.as_ref().is_some_and(|fm| fm.close.is_some());
    match FIXES.iter().find(|(code, ..)| *code == d.code) {
        Some((_, fixes, needs_tree)) if yaml_ok || !needs_tree => fixes(ws, spec, d, index),
        _ => Vec::new(),
    }
}

/// `diagnose` for many specs, spread over the available cores; results keep the input order.
pub fn diagnose_many(ws: &Workspace, paths: &[&Path], overrides: &SeverityOverrides) -> Vec<Vec<Diagnostic>> {
    let one = |path: &&Path| diagnose(ws, path, overrides);
    // A panicking rule costs its chunk's diagnostics, never the whole run; the chunk still
    // yields one (empty) entry per spec so results stay aligned with `paths`.
    parallel::map_chunks(paths, 64, |part| part.iter().map(one).collect(), |len| vec![Vec::new(); len])
}

#[cfg(test)]
mod tests {
    use super::{Code, DIAGNOSTICS_PER_FILE};
    use crate::ide::test_fixture::{diagnostics_for, write_fixture};
    use expect_test::expect;

    #[test]
    fn findings_past_the_cap_are_counted_in_one_notice() {
        let unknown: String = (0..1_002).map(|i| format!("  - u{i:04}\n")).collect();
        let tmp = write_fixture(&format!("---\ntype: code\ndepends_on:\n{unknown}---\n# T\n"));
        let ws = tmp.load();
        let found = diagnostics_for(&ws, &tmp.first, &[]);
        assert_eq!(found.len(), DIAGNOSTICS_PER_FILE);
        assert_eq!(found.iter().filter(|d| d.code == Code::UnknownDependency).count(), DIAGNOSTICS_PER_FILE);
        let notice = &found[0];
        expect!["0..3 information unknown-dependency: 4 more findings not shown: this spec has 1003 findings and at most 1000 are shown; the first one left out is error[unknown-dependency] on line 1003"]
        .assert_eq(&format!(
            "{}..{} {} {}: {}",
            notice.range.start,
            notice.range.end,
            notice.severity.as_str(),
            notice.code.as_str(),
            notice.message
        ));
    }
}
