//! Which code actions one request gets: the quick fixes of the diagnostics the client sent, the
//! criteria toggles of the selection, and fix-all, each naming exactly the diagnostics it repairs.
//!
//! The client sends back the diagnostics it shows. Those it kept the data of are rebuilt from it,
//! so their fixes start from what the rule found; for those whose data it dropped (some clients
//! do), the rules run again on the current text and the finding with the same code and range is
//! taken. Fix-all needs every finding of the file, so it runs the rules, but only when it may be
//! offered.

use std::cell::OnceCell;

use super::criteria::{criteria_actions, CriteriaAction};
use super::fix_all::{fix_all, fixes_for, Applicability};
use crate::ide::diagnostics::fix::Fix;
use crate::ide::diagnostics::{diagnose, Code, Diagnostic, DiagnosticData, Severity};
use crate::ide::limits::CODE_ACTIONS;
use crate::ide::FileRange;
use crate::spec::Spec;
use crate::text::TextRange;
use crate::workspace::config::SeverityOverrides;
use crate::workspace::Workspace;

/// A diagnostic of ours the client sent back with the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    /// Rebuilt from its data; `None` when the text at its range changed since it was published.
    Rebuilt(Option<Diagnostic>),
    /// The client dropped the data: its code and range (in the current text) are all we know.
    Bare { code: Code, range: TextRange },
}

impl Shown {
    /// What the client sent: our code, its severity and message, and the data if it kept it.
    pub fn from_client(
        spec: &Spec,
        code: Code,
        range: TextRange,
        severity: Severity,
        message: String,
        data: Option<DiagnosticData>,
    ) -> Shown {
        match data {
            Some(data) => Shown::Rebuilt(data.rebuild(code, severity, message, spec)),
            None => Shown::Bare { code, range },
        }
    }
}

/// The kinds of action the client asked for (all of them when it named none), and what it can
/// apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Asked {
    pub quick_fixes: bool,
    pub criteria: bool,
    pub fix_all: bool,
    /// Fix-all was named (fix on save): offered wherever the cursor is, not only next to a
    /// diagnostic it repairs.
    pub fix_all_by_name: bool,
    /// Fixes that create a file are left out for a client that cannot.
    pub create_files: bool,
}

/// A diagnostic a fix repairs, as the client must be told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Repairs {
    /// The one at this index of the diagnostics the client sent (echo the client's own copy).
    Shown(usize),
    /// One the client did not send: it asked without context, or fix-all repairs it too.
    Other(Diagnostic),
}

/// A fix as offered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offered {
    pub fix: Fix,
    pub repairs: Vec<Repairs>,
}

/// Everything one request gets, in the order the client shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CodeActions {
    pub quick_fixes: Vec<Offered>,
    /// Problems whose quick fixes were left out: at most [`CODE_ACTIONS`] are offered at once.
    pub more_problems: usize,
    pub criteria: Vec<CriteriaAction>,
    pub fix_all: Option<Offered>,
}

/// A diagnostic the request is about, and how to name it back to the client.
struct Target {
    diagnostic: Diagnostic,
    repairs: Repairs,
}

/// The code actions for `within`, given those of our diagnostics the client showed there
/// (`shown`; `None` when it sent no diagnostics at all: then the findings of the current text
/// under the range count). `ws` must hold `within.spec` at its path, since findings of the
/// current text are computed from it. `overrides` are the severities the diagnostics were
/// published with: a rule turned off has nothing to fix.
pub fn code_actions(
    ws: &Workspace,
    within: FileRange,
    shown: Option<&[Shown]>,
    asked: Asked,
    overrides: &SeverityOverrides,
) -> CodeActions {
    let FileRange { path, spec, range } = within;
    let found = OnceCell::new();
    let found = || found.get_or_init(|| diagnose(ws, path, overrides));
    // A request for criteria toggles alone ("Mark done") has no diagnostics to look at.
    let targets = if asked.quick_fixes || asked.fix_all { targets(shown, range, found) } else { Vec::new() };
    let diagnostics: Vec<Diagnostic> = targets.iter().map(|t| t.diagnostic.clone()).collect();
    let mut out = CodeActions::default();
    if asked.quick_fixes {
        for (i, target) in targets.iter().enumerate() {
            // A selection over thousands of findings gets the first fixes and a count, not all.
            if out.quick_fixes.len() >= CODE_ACTIONS {
                out.more_problems = targets.len() - i;
                break;
            }
            let fixes = fixes_for(ws, spec, &diagnostics, i).into_iter();
            let offered = fixes.filter(|f| asked.create_files || f.creates.is_empty());
            out.quick_fixes.extend(offered.map(|fix| Offered { fix, repairs: vec![target.repairs.clone()] }));
        }
    }
    if asked.criteria {
        out.criteria = criteria_actions(spec, range);
    }
    // Offered when named, or next to a diagnostic it repairs: not on every line. Only a target
    // with exactly one plain text fix can be one, so the rules need not run again otherwise.
    let near = |i: usize| fixes_for(ws, spec, &diagnostics, i).iter().filter(|f| in_fix_all(f)).count() == 1;
    if asked.fix_all && (asked.fix_all_by_name || (0..targets.len()).any(near)) {
        out.fix_all = fix_all_offer(ws, spec, found(), &targets, asked.fix_all_by_name);
    }
    out
}

/// Fix-all takes only fixes that neither delete what the user wrote nor create files.
fn in_fix_all(fix: &Fix) -> bool {
    !fix.deletes && fix.creates.is_empty()
}

/// Fix-all over every finding of the file, if it repairs one of the targets (or was named).
fn fix_all_offer(
    ws: &Workspace,
    spec: &Spec,
    found: &[Diagnostic],
    targets: &[Target],
    by_name: bool,
) -> Option<Offered> {
    let fix = fix_all(ws, spec, found, Applicability::Safe)?;
    let mut taken = vec![false; targets.len()];
    let repairs: Vec<(bool, Repairs)> = fix
        .diagnostics
        .iter()
        .map(|&i| {
            let target = (0..targets.len()).find(|&t| !taken[t] && same(&targets[t].diagnostic, &found[i]));
            match target {
                Some(t) => {
                    taken[t] = true;
                    (true, targets[t].repairs.clone())
                }
                None => (false, Repairs::Other(found[i].clone())),
            }
        })
        .collect();
    if !by_name && !repairs.iter().any(|(target, _)| *target) {
        return None;
    }
    Some(Offered { fix, repairs: repairs.into_iter().map(|(_, r)| r).collect() })
}

/// The same finding: everything its fixes depend on is equal (an empty hint travels as none).
fn same(a: &Diagnostic, b: &Diagnostic) -> bool {
    a.code == b.code && a.range == b.range && (a.hint == b.hint || (a.hint.is_empty() && b.hint.is_empty()))
}

/// The diagnostics the request is about, in the client's order.
fn targets<'a>(shown: Option<&[Shown]>, range: TextRange, found: impl Fn() -> &'a Vec<Diagnostic>) -> Vec<Target> {
    let Some(shown) = shown else {
        return found()
            .iter()
            .filter(|d| d.range.start <= range.end && range.start <= d.range.end)
            .map(|d| Target { diagnostic: d.clone(), repairs: Repairs::Other(d.clone()) })
            .collect();
    };
    let mut matched: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (i, s) in shown.iter().enumerate() {
        let diagnostic = match s {
            Shown::Rebuilt(rebuilt) => rebuilt.clone(),
            // Each fresh finding answers for one shown diagnostic at most.
            Shown::Bare { code, range } => {
                let hit = found()
                    .iter()
                    .enumerate()
                    .find(|(j, d)| d.code == *code && d.range == *range && !matched.contains(j));
                hit.map(|(j, d)| {
                    matched.push(j);
                    d.clone()
                })
            }
        };
        if let Some(diagnostic) = diagnostic {
            out.push(Target { diagnostic, repairs: Repairs::Shown(i) });
        }
    }
    out
}
