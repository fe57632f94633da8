//! Requests that read the whole graph (references, rename, call hierarchy, code lenses, the
//! graph views, workspace symbols) wait for the full index while a workspace is loaded in the
//! background; specs opened meanwhile are answered from a first look (`analysis/first_answer.rs`).
//! A client that gave the request a `workDoneToken` sees the wait as `$/progress` with a percentage.

use std::time::Duration;

use tower_lsp_server::ls_types as lsp;

use super::session::{Backend, Snapshot};

/// How often a waiting request reports how far the index is.
const REPORT_EVERY: Duration = Duration::from_millis(250);

impl Backend {
    /// A snapshot holding the full index of every workspace, once there is one.
    pub(super) async fn whole_index_snapshot(&self, token: Option<lsp::ProgressToken>) -> Snapshot {
        let indexing = &self.analysis.indexing;
        if indexing.is_building() {
            match token {
                Some(token) => self.wait_with_progress(token).await,
                None => indexing.wait().await,
            }
        }
        self.snapshot()
    }

    async fn wait_with_progress(&self, token: lsp::ProgressToken) {
        let indexing = &self.analysis.indexing;
        let begin = lsp::WorkDoneProgressBegin {
            title: "Waiting for the chant index".to_string(),
            percentage: Some(indexing.percentage()),
            ..Default::default()
        };
        self.progress(&token, lsp::WorkDoneProgress::Begin(begin)).await;
        let done = indexing.wait();
        tokio::pin!(done);
        loop {
            tokio::select! {
                () = &mut done => break,
                () = tokio::time::sleep(REPORT_EVERY) => {
                    let report = lsp::WorkDoneProgressReport { percentage: Some(indexing.percentage()), ..Default::default() };
                    self.progress(&token, lsp::WorkDoneProgress::Report(report)).await;
                }
            }
        }
        self.progress(&token, lsp::WorkDoneProgress::End(lsp::WorkDoneProgressEnd::default())).await;
    }

    async fn progress(&self, token: &lsp::ProgressToken, value: lsp::WorkDoneProgress) {
        let params = lsp::ProgressParams { token: token.clone(), value: lsp::ProgressParamsValue::WorkDone(value) };
        self.client.send_notification::<lsp::notification::Progress>(params).await;
    }
}

impl Backend {
    /// A snapshot in which the document at `uri` has a workspace, once it has one: while a
    /// workspace loads in the background, its opened specs get a first look before the full
    /// index, and a request on one waits only for that (or, for a file no workspace holds, for
    /// the tasks queued before the request to be taken).
    pub(super) async fn document_snapshot(&self, uri: &lsp::Uri) -> Snapshot {
        let path = super::from_proto::file_path(uri);
        // The tasks queued before this request (the document's `didOpen` among them).
        let mark = self.analysis.indexing.sent_so_far();
        let mut watch = self.analysis.indexing.watch();
        loop {
            let seen = *watch.borrow_and_update();
            let snap = self.snapshot();
            let known = path.as_ref().is_none_or(|path| snap.workspaces.workspace_of(path).is_some());
            if known || seen.taken >= mark {
                return snap;
            }
            // An error only means the analysis thread is gone: answer from what there is.
            if watch.changed().await.is_err() {
                return snap;
            }
        }
    }
}
