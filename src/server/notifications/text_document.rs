//! `textDocument/didOpen`, `didChange`, `didClose`, `didSave`: the open-document store is updated
//! in the handler (order matters for incremental sync), the analysis thread gets the new text.

use std::sync::Arc;

use tower_lsp_server::ls_types as lsp;

use crate::server::analysis::Task;
use crate::server::documents::Document;
use crate::server::from_proto;
use crate::server::session::Backend;

pub fn did_open(backend: &Backend, params: lsp::DidOpenTextDocumentParams) {
    let item = params.text_document;
    let doc = backend.docs.open(item.uri.clone(), &item.text, item.version);
    doc_changed(backend, item.uri, doc);
}

pub fn did_change(backend: &Backend, params: lsp::DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let version = params.text_document.version;
    let Some(doc) = backend.docs.change(&uri, version, params.content_changes, backend.encoding()) else {
        tracing::warn!("{}: change for a document that is not open", uri.as_str());
        return;
    };
    doc_changed(backend, uri, doc);
}

fn doc_changed(backend: &Backend, uri: lsp::Uri, doc: Arc<Document>) {
    let Some(path) = from_proto::file_path(&uri) else {
        tracing::debug!("{}: not a file on disk; not analysed", uri.as_str());
        return;
    };
    backend.analysis.send(Task::DocChanged { uri, path, doc });
}

pub fn did_close(backend: &Backend, params: lsp::DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    backend.docs.close(&uri);
    if let Some(path) = from_proto::file_path(&uri) {
        backend.analysis.send(Task::DocClosed { uri, path });
    }
}

pub fn did_save(backend: &Backend, params: lsp::DidSaveTextDocumentParams) {
    if let Some(path) = from_proto::file_path(&params.text_document.uri) {
        backend.analysis.send(Task::Saved { path });
    }
}
