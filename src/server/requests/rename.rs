//! `textDocument/prepareRename`, `textDocument/rename` and `workspace/willRenameFiles`: rename a
//! spec id everywhere, as one WorkspaceEdit the client applies.
//!
//! Refusals are `InvalidParams` errors carrying the analysis' message, so the editor shows the
//! user why. Edits name the open version of a document, or no version when it is not open.

use std::path::Path;

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types as lsp;

use super::FileView;
use crate::ide::rename::{self, FileEdits};
use crate::server::{from_proto, to_proto, Snapshot};
use crate::workspace::Workspace;

pub fn prepare_rename(
    snap: &Snapshot,
    params: lsp::TextDocumentPositionParams,
) -> jsonrpc::Result<Option<lsp::PrepareRenameResponse>> {
    can_rename_files(snap)?;
    let Some(file) = snap.file(&params.text_document.uri) else { return Ok(None) };
    let Some(position) = file.position(params.position) else { return Ok(None) };
    let target = rename::prepare_rename(&file.ws, position).map_err(jsonrpc::Error::invalid_params)?;
    let Some(range) = file.range(target.range) else { return Ok(None) };
    Ok(Some(lsp::PrepareRenameResponse::RangeWithPlaceholder { range, placeholder: target.id }))
}

pub fn rename(snap: &Snapshot, params: lsp::RenameParams) -> jsonrpc::Result<Option<lsp::WorkspaceEdit>> {
    can_rename_files(snap)?;
    let at = params.text_document_position;
    let Some(file) = snap.file(&at.text_document.uri) else { return Ok(None) };
    let Some(position) = file.position(at.position) else { return Ok(None) };
    let plan = rename::rename(&file.ws, position, &params.new_name).map_err(jsonrpc::Error::invalid_params)?;
    let (Some(old_uri), Some(new_uri)) = (to_proto::file_uri(&plan.old_path), to_proto::file_uri(&plan.new_path))
    else {
        return Ok(None);
    };
    // Text edits first, on the URIs the files have now; the move comes last.
    let mut ops: Vec<lsp::DocumentChangeOperation> = text_edits(snap, &file.ws, &plan.edits, Some(&file))
        .into_iter()
        .map(lsp::DocumentChangeOperation::Edit)
        .collect();
    let rename_file = lsp::RenameFile { old_uri, new_uri, options: None, annotation_id: None };
    ops.push(lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Rename(rename_file)));
    Ok(Some(workspace_edit(lsp::DocumentChanges::Operations(ops))))
}

pub fn will_rename_files(
    snap: &Snapshot,
    params: lsp::RenameFilesParams,
) -> anyhow::Result<Option<lsp::WorkspaceEdit>> {
    let mut edits = Vec::new();
    for file in &params.files {
        let (Some(old), Some(new)) = (path_of(&file.old_uri), path_of(&file.new_uri)) else { continue };
        let Some(ws) = snap.workspaces.workspace_of(&old) else { continue };
        edits.extend(text_edits(snap, ws, &rename::file_rename_edits(ws, &old, &new), None));
    }
    Ok((!edits.is_empty()).then(|| to_proto::workspace_edit(edits, snap.edits)))
}

/// A spec's id is its file name, so renaming an id moves the file: a client that cannot apply a
/// `RenameFile` operation gets a refusal that says what to do instead.
fn can_rename_files(snap: &Snapshot) -> jsonrpc::Result<()> {
    if snap.edits.rename_files {
        return Ok(());
    }
    Err(jsonrpc::Error::invalid_params(
        "this editor cannot rename files through the language server, and a spec's id is its file name: \
         rename the spec file instead (editors that send willRenameFiles get the references updated)",
    ))
}

fn path_of(uri: &str) -> Option<std::path::PathBuf> {
    from_proto::file_path(&uri.parse().ok()?)
}

fn workspace_edit(changes: lsp::DocumentChanges) -> lsp::WorkspaceEdit {
    lsp::WorkspaceEdit { document_changes: Some(changes), ..Default::default() }
}

/// One `TextDocumentEdit` per file; ranges are converted with the indexed text they came from.
/// The requested document keeps the client's own URI, so its open version is found even when
/// the client spells URIs differently from us.
fn text_edits(
    snap: &Snapshot,
    ws: &Workspace,
    edits: &[FileEdits],
    requested: Option<&FileView>,
) -> Vec<lsp::TextDocumentEdit> {
    edits
        .iter()
        .filter_map(|file| {
            let uri = match requested {
                Some(view) if view.path == file.path => view.uri.clone(),
                _ => to_proto::file_uri(&file.path)?,
            };
            text_document_edit(snap, ws, uri, &file.path, file)
        })
        .collect()
}

fn text_document_edit(
    snap: &Snapshot,
    ws: &Workspace,
    uri: lsp::Uri,
    path: &Path,
    file: &FileEdits,
) -> Option<lsp::TextDocumentEdit> {
    let index = &ws.spec(path)?.line_index;
    let version = snap.docs.get(&uri).map(|doc| doc.version);
    Some(to_proto::text_document_edit(index, uri, version, &file.edits, snap.encoding))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::test_fixture::write_fixture;
    use crate::server::requests::test_snapshot as snapshot;

    fn position(uri: &lsp::Uri, line: u32, character: u32) -> lsp::TextDocumentPositionParams {
        lsp::TextDocumentPositionParams {
            text_document: lsp::TextDocumentIdentifier { uri: uri.clone() },
            position: lsp::Position { line, character },
        }
    }

    /// Refusals reach the user as `InvalidParams` errors with the analysis' message.
    #[test]
    fn refusals_are_invalid_params_with_a_message() {
        let tmp = write_fixture(
            "//- /.chant/specs/a.md\n---\nstatus: pending\ndepends_on: [b]\n---\n# A\n//- /.chant/specs/b.md\n# B\n",
        );
        let snap = snapshot(&tmp);
        let uri = to_proto::file_uri(&tmp.first).expect("uri");
        let err = prepare_rename(&snap, position(&uri, 1, 2)).expect_err("a key is not renamed");
        assert_eq!(err.code, jsonrpc::ErrorCode::InvalidParams);
        assert_eq!(err.message, "Only a spec id can be renamed here: put the cursor on a spec id or on a spec's title");
        let params = lsp::RenameParams {
            text_document_position: position(&uri, 2, 13),
            new_name: "a".to_string(),
            work_done_progress_params: Default::default(),
        };
        let err = rename(&snap, params).expect_err("the new id is taken");
        assert_eq!(err.message, "A spec with id `a` already exists");
    }
}
