//! Quick fixes (`quickfix`), criteria toggles (`refactor.rewrite`) and `source.fixAll.chant`.
//!
//! Diagnostics are recomputed for the text the editor has now and matched to the request's
//! `context.diagnostics` by code and range, so each fix names exactly the diagnostics it
//! repairs. Everything is returned as a `WorkspaceEdit`: the server never writes files.

use std::borrow::Cow;
use std::sync::Arc;

use tower_lsp_server::ls_types as lsp;

use super::FileView;
use crate::ide::code_actions::{criteria_actions, fix_all, fixes_for, CriteriaAction, Fix};
use crate::ide::diagnostics::diagnose;
use crate::ide::limits::CODE_ACTIONS;
use crate::server::{to_proto, Snapshot};
use crate::spec::Spec;
use crate::text::TextRange;
use crate::workspace::Workspace;

const FIX_ALL: &str = "source.fixAll.chant";

pub fn actions(snap: &Snapshot, params: &lsp::CodeActionParams) -> anyhow::Result<Vec<lsp::CodeActionOrCommand>> {
    let Some(file) = snap.file(&params.text_document.uri) else { return Ok(Vec::new()) };
    let Some(spec) = file.spec.clone() else { return Ok(Vec::new()) };
    let (Some(start), Some(end)) = (file.offset(params.range.start), file.offset(params.range.end)) else {
        return Ok(Vec::new());
    };
    let range = TextRange::new(start, end.max(start));
    let ws = current_workspace(&file, &spec);
    let found = diagnose(&ws, &file.path, &snap.workspaces.overrides(&file.ws));
    let index = spec.line_index();
    let as_lsp: Vec<lsp::Diagnostic> =
        found.iter().map(|d| to_proto::diagnostic(d, index, snap.encoding, &|_| None)).collect();
    let matched = match_context(&params.context.diagnostics, &as_lsp, &found, range);
    let wants =
        |kind: &str| {
            params.context.only.as_ref().is_none_or(|only| {
                only.iter().any(|o| kind == o.as_str() || kind.starts_with(&format!("{}.", o.as_str())))
            })
        };
    // A fix whose edit the client cannot apply (it would create a file) is not offered.
    let convert = |fix: &Fix, kind: &str, diagnostics: Vec<lsp::Diagnostic>| {
        Some(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
            title: fix.title.clone(),
            kind: Some(lsp::CodeActionKind::from(kind.to_string())),
            diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
            edit: Some(workspace_edit(snap, &file, &spec, fix)?),
            is_preferred: fix.preferred.then_some(true),
            ..Default::default()
        }))
    };
    let mut out = Vec::new();
    if wants(lsp::CodeActionKind::QUICKFIX.as_str()) {
        for (n, (i, shown)) in matched.iter().enumerate() {
            // A selection over thousands of findings gets the first fixes and a note, not all.
            if out.len() >= CODE_ACTIONS {
                out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: format!("Quick fixes for {} more problems not shown", matched.len() - n),
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    disabled: Some(lsp::CodeActionDisabled {
                        reason: format!("At most {CODE_ACTIONS} quick fixes are offered at once: select fewer lines"),
                    }),
                    ..Default::default()
                }));
                break;
            }
            for fix in fixes_for(&ws, &spec, &found, *i) {
                out.extend(convert(&fix, lsp::CodeActionKind::QUICKFIX.as_str(), vec![shown.clone()]));
            }
        }
    }
    if wants(lsp::CodeActionKind::REFACTOR_REWRITE.as_str()) {
        for action in criteria_actions(&spec, range) {
            out.extend(match action {
                CriteriaAction::Enabled(fix) => {
                    convert(&fix, lsp::CodeActionKind::REFACTOR_REWRITE.as_str(), Vec::new())
                }
                CriteriaAction::Disabled { title, reason } => {
                    Some(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                        title,
                        kind: Some(lsp::CodeActionKind::REFACTOR_REWRITE),
                        disabled: Some(lsp::CodeActionDisabled { reason }),
                        ..Default::default()
                    }))
                }
            });
        }
    }
    // Asked for explicitly (fix on save), or next to a diagnostic it repairs: not on every line.
    let explicit =
        params.context.only.as_ref().is_some_and(|only| only.iter().any(|o| FIX_ALL.starts_with(o.as_str())));
    if wants(FIX_ALL) {
        if let Some(fix) = fix_all(&ws, &spec, &found) {
            if explicit || matched.iter().any(|(i, _)| fix.diagnostics.contains(i)) {
                let shown = fix
                    .diagnostics
                    .iter()
                    .map(|i| {
                        matched.iter().find(|(m, _)| m == i).map_or_else(|| as_lsp[*i].clone(), |(_, d)| d.clone())
                    })
                    .collect();
                out.extend(convert(&fix, FIX_ALL, shown));
            }
        }
    }
    Ok(out)
}

/// The workspace as it would be with the editor's text of this spec: the index may still hold
/// the previous version, and cross-spec rules (dependencies, cycles) must see the new one.
fn current_workspace<'a>(file: &'a FileView, spec: &Arc<Spec>) -> Cow<'a, Workspace> {
    match file.ws.spec(&file.path) {
        Some(indexed) if Arc::ptr_eq(indexed, spec) => Cow::Borrowed(&*file.ws),
        _ => {
            let mut ws = (*file.ws).clone();
            ws.upsert(file.path.clone(), Arc::clone(spec));
            Cow::Owned(ws)
        }
    }
}

/// Pairs each recomputed diagnostic the client showed (same code, same range) with the
/// client's own copy, which is what `CodeAction.diagnostics` must echo. Clients that send no
/// context get the diagnostics under the requested range.
fn match_context(
    context: &[lsp::Diagnostic],
    ours: &[lsp::Diagnostic],
    found: &[crate::ide::diagnostics::Diagnostic],
    range: TextRange,
) -> Vec<(usize, lsp::Diagnostic)> {
    if context.is_empty() {
        return found
            .iter()
            .enumerate()
            .filter(|(_, d)| d.range.start <= range.end && range.start <= d.range.end)
            .map(|(i, _)| (i, ours[i].clone()))
            .collect();
    }
    let mut out = Vec::new();
    for shown in context {
        let hit = ours
            .iter()
            .enumerate()
            .find(|(i, d)| d.code == shown.code && d.range == shown.range && out.iter().all(|(j, _)| j != i));
        if let Some((i, _)) = hit {
            out.push((i, shown.clone()));
        }
    }
    out
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
