//! The one async task that talks to the client on behalf of the analysis thread: diagnostics and
//! `$/progress`, sent in exactly the order the analysis thread produced them.

use tokio::sync::mpsc;
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::Client;

use super::lsp_ext::{IndexChanged, IndexChangedParams};

/// A message for the client, produced off the async runtime.
#[derive(Debug)]
pub enum Outgoing {
    Publish {
        uri: lsp::Uri,
        diagnostics: Vec<lsp::Diagnostic>,
        version: Option<i32>,
    },
    Progress {
        token: lsp::ProgressToken,
        value: lsp::WorkDoneProgress,
    },
    /// `chant-lsp/indexChanged`: a workspace's index changed (for clients that asked).
    IndexChanged {
        root: lsp::Uri,
    },
}

/// Starts the sender task; it ends when every `Sender` is gone (the analysis thread stopped).
pub fn spawn(client: Client) -> mpsc::UnboundedSender<Outgoing> {
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(pump(client, rx));
    tx
}

async fn pump(client: Client, mut rx: mpsc::UnboundedReceiver<Outgoing>) {
    while let Some(msg) = rx.recv().await {
        match msg {
            Outgoing::Publish { uri, diagnostics, version } => {
                client.publish_diagnostics(uri, diagnostics, version).await
            }
            Outgoing::Progress { token, value } => {
                let params = lsp::ProgressParams { token, value: lsp::ProgressParamsValue::WorkDone(value) };
                client.send_notification::<lsp::notification::Progress>(params).await;
            }
            Outgoing::IndexChanged { root } => {
                client.send_notification::<IndexChanged>(IndexChangedParams { root }).await;
            }
        }
    }
}
