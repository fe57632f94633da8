//! Quick fixes (`quickfix`), criteria toggles (`refactor.rewrite`) and `source.fixAll.chant`:
//! glue around `ide::code_actions`, which decides what is offered and what each fix repairs.
//! This converts the client's diagnostics (with the data we published them with) and `only`
//! in, and the answer out as `WorkspaceEdit`s: the server never writes files.

use std::borrow::Cow;
use std::sync::Arc;

use tower_lsp_server::ls_types as lsp;

use super::FileView;
use crate::ide::code_actions::{code_actions, Asked, CriteriaAction, Fix, Offered, Repairs};
use crate::ide::limits::CODE_ACTIONS;
use crate::server::lsp_ext::FIX_ALL;
use crate::server::{from_proto, to_proto, Snapshot};
use crate::spec::Spec;
use crate::workspace::Workspace;

pub fn actions(snap: &Snapshot, params: &lsp::CodeActionParams) -> anyhow::Result<Vec<lsp::CodeActionOrCommand>> {
    let Some(file) = snap.file(&params.text_document.uri) else { return Ok(Vec::new()) };
    let Some(spec) = file.spec.clone() else { return Ok(Vec::new()) };
    let Some(within) = file.file_range(params.range) else { return Ok(Vec::new()) };
    // Only our own diagnostics count; `sent[i]` is the client's copy of `shown[i]`.
    let (sent, shown): (Vec<&lsp::Diagnostic>, Vec<_>) = params
        .context
        .diagnostics
        .iter()
        .filter_map(|d| Some((d, from_proto::shown_diagnostic(d, &spec, snap.encoding)?)))
        .unzip();
    // A client that sends no diagnostics at all gets the fixes of the findings under the range.
    let shown = (!params.context.diagnostics.is_empty()).then_some(shown.as_slice());
    let ws = current_workspace(&file, &spec);
    let found = code_actions(&ws, within, shown, asked(snap, params), &snap.workspaces.overrides(&file.ws));
    let echo = |repairs: &[Repairs]| -> Vec<lsp::Diagnostic> {
        repairs
            .iter()
            .map(|r| match r {
                Repairs::Shown(i) => sent[*i].clone(),
                Repairs::Other(d) => to_proto::diagnostic(d, spec.line_index(), Some(&spec), snap.encoding, &|_| None),
            })
            .collect()
    };
    let action = |offered: &Offered, kind: lsp::CodeActionKind| {
        let diagnostics = echo(&offered.repairs);
        code_action(snap, &file, &spec, &offered.fix, kind, diagnostics)
    };
    let mut out: Vec<lsp::CodeActionOrCommand> =
        found.quick_fixes.iter().filter_map(|o| action(o, lsp::CodeActionKind::QUICKFIX)).collect();
    if found.more_problems > 0 {
        out.push(disabled(
            format!("Quick fixes for {} more problems not shown", found.more_problems),
            lsp::CodeActionKind::QUICKFIX,
            format!("At most {CODE_ACTIONS} quick fixes are offered at once: select fewer lines"),
        ));
    }
    for criteria in found.criteria {
        out.extend(match criteria {
            CriteriaAction::Enabled(fix) => {
                code_action(snap, &file, &spec, &fix, lsp::CodeActionKind::REFACTOR_REWRITE, Vec::new())
            }
            CriteriaAction::Disabled { title, reason } => {
                Some(disabled(title, lsp::CodeActionKind::REFACTOR_REWRITE, reason))
            }
        });
    }
    out.extend(found.fix_all.as_ref().and_then(|o| action(o, lsp::CodeActionKind::from(FIX_ALL.to_string()))));
    Ok(out)
}

/// The kinds the client asked for: those `context.only` names or lies under (all without it).
fn asked(snap: &Snapshot, params: &lsp::CodeActionParams) -> Asked {
    let only = params.context.only.as_ref();
    let wants = |kind: &str| {
        only.is_none_or(|only| only.iter().any(|o| kind == o.as_str() || kind.starts_with(&format!("{}.", o.as_str()))))
    };
    Asked {
        quick_fixes: wants(lsp::CodeActionKind::QUICKFIX.as_str()),
        criteria: wants(lsp::CodeActionKind::REFACTOR_REWRITE.as_str()),
        fix_all: wants(FIX_ALL),
        fix_all_by_name: only.is_some_and(|only| only.iter().any(|o| FIX_ALL.starts_with(o.as_str()))),
        create_files: snap.edits.create_files,
    }
}

/// A fix as a code action; `None` when the client cannot apply its edit.
fn code_action(
    snap: &Snapshot,
    file: &FileView,
    spec: &Spec,
    fix: &Fix,
    kind: lsp::CodeActionKind,
    diagnostics: Vec<lsp::Diagnostic>,
) -> Option<lsp::CodeActionOrCommand> {
    Some(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title: fix.title.clone(),
        kind: Some(kind),
        diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
        edit: Some(workspace_edit(snap, file, spec, fix)?),
        is_preferred: fix.preferred.then_some(true),
        ..Default::default()
    }))
}

fn disabled(title: String, kind: lsp::CodeActionKind, reason: String) -> lsp::CodeActionOrCommand {
    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title,
        kind: Some(kind),
        disabled: Some(lsp::CodeActionDisabled { reason }),
        ..Default::default()
    })
}

/// The workspace as it would be with the editor's text of this spec: the index may still hold
/// the previous version, and cross-spec rules (dependencies, cycles) must see the new one.
fn current_workspace<'a>(file: &'a FileView, spec: &Arc<Spec>) -> Cow<'a, Workspace> {
    match file.ws.kept_source(&file.path) {
        Some(indexed) if Arc::ptr_eq(indexed, spec) => Cow::Borrowed(&*file.ws),
        _ => {
            let mut ws = (*file.ws).clone();
            ws.upsert_kept(file.path.clone(), Arc::clone(spec));
            Cow::Owned(ws)
        }
    }
}

fn workspace_edit(snap: &Snapshot, file: &FileView, spec: &Spec, fix: &Fix) -> Option<lsp::WorkspaceEdit> {
    if !fix.creates.is_empty() && !snap.edits.create_files {
        return None;
    }
    let index = spec.line_index();
    let mut ops = Vec::new();
    if !fix.edits.is_empty() {
        let version = snap.docs.get(&file.uri).map(|doc| doc.version);
        let edit = to_proto::text_document_edit(index, file.uri.clone(), version, &fix.edits, snap.encoding);
        ops.push(lsp::DocumentChangeOperation::Edit(edit));
    }
    for created in &fix.creates {
        let Some(uri) = to_proto::file_uri(&created.path) else { continue };
        // Never clobber a file that appeared since the diagnostic was computed.
        let options = lsp::CreateFileOptions { overwrite: Some(false), ignore_if_exists: Some(true) };
        let create = lsp::CreateFile { uri: uri.clone(), options: Some(options), annotation_id: None };
        ops.push(lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Create(create)));
        if !created.text.is_empty() {
            let insert = lsp::TextEdit { range: lsp::Range::default(), new_text: created.text.clone() };
            let document = lsp::OptionalVersionedTextDocumentIdentifier { uri, version: None };
            ops.push(lsp::DocumentChangeOperation::Edit(lsp::TextDocumentEdit {
                text_document: document,
                edits: vec![lsp::OneOf::Left(insert)],
            }));
        }
    }
    if !fix.creates.is_empty() {
        let changes = lsp::DocumentChanges::Operations(ops);
        return Some(lsp::WorkspaceEdit { document_changes: Some(changes), ..Default::default() });
    }
    let edits = ops
        .into_iter()
        .filter_map(|op| match op {
            lsp::DocumentChangeOperation::Edit(edit) => Some(edit),
            lsp::DocumentChangeOperation::Op(_) => None,
        })
        .collect();
    Some(to_proto::workspace_edit(edits, snap.edits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::diagnostics::diagnose;
    use crate::ide::test_fixture::write_fixture;
    use crate::server::requests::test_snapshot;
    use crate::workspace::config::SeverityOverrides;

    /// The published diagnostics of the first fixture file, as the client received them.
    fn published(snap: &Snapshot, uri: &lsp::Uri) -> Vec<lsp::Diagnostic> {
        let file = snap.file(uri).expect("a spec of the workspace");
        let spec = file.spec.as_ref().expect("a spec");
        let wire = |d| serde_json::from_str(&serde_json::to_string(&d).expect("to JSON")).expect("from JSON");
        diagnose(&file.ws, &file.path, &SeverityOverrides::default())
            .iter()
            .map(|d| wire(to_proto::diagnostic(d, spec.line_index(), Some(spec), snap.encoding, &|_| None)))
            .collect()
    }

    fn request(uri: &lsp::Uri, at: lsp::Position, shown: Vec<lsp::Diagnostic>) -> lsp::CodeActionParams {
        lsp::CodeActionParams {
            text_document: lsp::TextDocumentIdentifier { uri: uri.clone() },
            range: lsp::Range { start: at, end: at },
            context: lsp::CodeActionContext { diagnostics: shown, only: None, trigger_kind: None },
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        }
    }

    /// Title, kind and edit of each action; the diagnostics it names are checked separately.
    fn without_diagnostics(actions: &[lsp::CodeActionOrCommand]) -> Vec<lsp::CodeAction> {
        actions
            .iter()
            .map(|a| match a {
                lsp::CodeActionOrCommand::CodeAction(a) => lsp::CodeAction { diagnostics: None, ..a.clone() },
                lsp::CodeActionOrCommand::Command(c) => panic!("a bare command: {c:?}"),
            })
            .collect()
    }

    /// The data a client sends back is what the fix starts from; a client that drops it gets
    /// the same fixes from the rules run again. Either way the action names the client's copy.
    #[test]
    fn published_data_and_dropped_data_get_the_same_fixes() {
        let tmp = write_fixture("//- /.chant/specs/a.md\n---\ntype: implementation\nstatus: complete\n---\n# A\n");
        let snap = test_snapshot(&tmp);
        let uri = to_proto::file_uri(&tmp.first).expect("uri");
        let status = published(&snap, &uri).into_iter().find(|d| d.range.start.line == 2).expect("status");
        assert_eq!(
            status.data,
            Some(
                serde_json::json!({ "start": 33, "end": 41, "text": "complete", "hint": { "replace": ["completed"] } })
            )
        );
        let dropped = lsp::Diagnostic { data: None, ..status.clone() };
        let at = status.range.start;
        let with_data = actions(&snap, &request(&uri, at, vec![status.clone()])).expect("actions");
        let without = actions(&snap, &request(&uri, at, vec![dropped.clone()])).expect("actions");
        assert_eq!(without_diagnostics(&with_data), without_diagnostics(&without));
        let titles: Vec<String> = without_diagnostics(&with_data).into_iter().map(|a| a.title).collect();
        assert_eq!(titles, ["Change to `completed`", "Fix all auto-fixable chant problems"]);
        let named = |actions: &[lsp::CodeActionOrCommand]| match &actions[0] {
            lsp::CodeActionOrCommand::CodeAction(a) => a.diagnostics.clone(),
            lsp::CodeActionOrCommand::Command(_) => None,
        };
        assert_eq!(named(&with_data), Some(vec![status]));
        assert_eq!(named(&without), Some(vec![dropped]));
    }

    /// A diagnostic of another source, or with a code we do not have, is not ours to fix.
    #[test]
    fn foreign_diagnostics_are_ignored() {
        let tmp = write_fixture("//- /.chant/specs/a.md\n---\nstatus: complete\n---\n# A\n");
        let snap = test_snapshot(&tmp);
        let uri = to_proto::file_uri(&tmp.first).expect("uri");
        let ours = published(&snap, &uri).remove(0);
        let other_source = lsp::Diagnostic { source: Some("markdownlint".to_string()), ..ours.clone() };
        let unknown_code =
            lsp::Diagnostic { code: Some(lsp::NumberOrString::String("MD001".to_string())), ..ours.clone() };
        let found =
            actions(&snap, &request(&uri, ours.range.start, vec![other_source, unknown_code])).expect("actions");
        assert_eq!(found, Vec::new());
    }
}
