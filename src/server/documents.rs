//! Open documents. Readers get `Arc<Document>` snapshots; a DashMap guard never leaves this file
//! and never lives across an `.await`.
//!
//! Edits are applied synchronously inside the notification handler, before its first `.await`,
//! because tower-lsp-server runs handlers concurrently and order matters for incremental sync.

use std::sync::Arc;

use dashmap::DashMap;
use ropey::Rope;
use tower_lsp_server::ls_types as lsp;

use super::from_proto;
use crate::text::{self, PositionEncoding};

/// One immutable version of an open document; an edit builds a new one.
#[derive(Clone, Debug)]
pub struct Document {
    pub text: Rope,
    pub version: i32,
}

impl Document {
    pub fn new(text: &str, version: i32) -> Document {
        Document { text: Rope::from_str(text), version }
    }

    /// Applies the client's changes in order: each range is relative to the text after the
    /// previous change, as LSP specifies.
    fn with_changes(
        &self,
        version: i32,
        changes: Vec<lsp::TextDocumentContentChangeEvent>,
        enc: PositionEncoding,
    ) -> Document {
        let mut text = self.text.clone();
        for change in changes {
            match change.range {
                Some(range) => apply_edit(&mut text, range, &change.text, enc),
                None => text = Rope::from_str(&change.text),
            }
        }
        Document { text, version }
    }
}

fn apply_edit(text: &mut Rope, range: lsp::Range, new_text: &str, enc: PositionEncoding) {
    let (start, end) = (from_proto::line_col(range.start), from_proto::line_col(range.end));
    text::edit::replace(text, start, end, new_text, enc);
}

#[derive(Debug, Default)]
pub struct DocumentStore {
    docs: DashMap<lsp::Uri, Arc<Document>>,
}

impl DocumentStore {
    pub fn get(&self, uri: &lsp::Uri) -> Option<Arc<Document>> {
        self.docs.get(uri).map(|it| Arc::clone(&it))
    }

    pub fn open(&self, uri: lsp::Uri, text: &str, version: i32) -> Arc<Document> {
        let doc = Arc::new(Document::new(text, version));
        self.docs.insert(uri, Arc::clone(&doc));
        doc
    }

    /// Applies edits to an open document; `None` when it is not open. The entry stays locked
    /// from read to write, so two changes to one document cannot interleave.
    pub fn change(
        &self,
        uri: &lsp::Uri,
        version: i32,
        changes: Vec<lsp::TextDocumentContentChangeEvent>,
        enc: PositionEncoding,
    ) -> Option<Arc<Document>> {
        let mut entry = self.docs.get_mut(uri)?;
        if version <= entry.version {
            tracing::warn!("{}: version {version} does not follow {}", uri.as_str(), entry.version);
        }
        let new = Arc::new(entry.with_changes(version, changes, enc));
        *entry = Arc::clone(&new);
        Some(new)
    }

    pub fn close(&self, uri: &lsp::Uri) -> Option<Arc<Document>> {
        self.docs.remove(uri).map(|(_, doc)| doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(sl: u32, sc: u32, el: u32, ec: u32, text: &str) -> lsp::TextDocumentContentChangeEvent {
        let range = lsp::Range {
            start: lsp::Position { line: sl, character: sc },
            end: lsp::Position { line: el, character: ec },
        };
        lsp::TextDocumentContentChangeEvent { range: Some(range), range_length: None, text: text.to_string() }
    }

    #[test]
    fn incremental_edits_apply_in_order() {
        let store = DocumentStore::default();
        let uri: lsp::Uri = "file:///x.md".parse().expect("uri");
        store.open(uri.clone(), "type: docs\r\n\u{1F600} z\n", 1);
        let changes = vec![edit(0, 6, 0, 10, "documentation"), edit(1, 2, 1, 3, "é"), edit(9, 0, 9, 0, "!")];
        let doc = store.change(&uri, 2, changes, PositionEncoding::Utf16).expect("open");
        assert_eq!(doc.text.to_string(), "type: documentation\r\n\u{1F600}éz\n!");
        assert_eq!(doc.version, 2);
        assert!(store.change(&"file:///y.md".parse().expect("uri"), 1, Vec::new(), PositionEncoding::Utf8).is_none());
    }
}
