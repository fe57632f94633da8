//! The LSP protocol layer: the only code that knows tower-lsp-server, tokio, JSON and DashMap.
//!
//! `Backend` (in `session`) owns the open documents and a handle to the analysis thread; the trait
//! impl below is a table of one-line delegations: `lifecycle` for initialize/initialized/shutdown,
//! `notifications/` and `requests/` one file per family. Conversion lives in
//! `from_proto`/`to_proto`; what an edit invalidates is decided below `server/`, by
//! `workspace::changes`, on the analysis thread.

mod analysis;
mod blocking;
mod capabilities;
mod config;
mod documents;
mod from_proto;
mod lifecycle;
mod lsp_ext;
mod notifications;
mod outgoing;
mod requests;
mod session;
mod stdio;
mod to_proto;
mod transport;
mod watcher;
mod whole_index;

use std::sync::Arc;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::{jsonrpc, LanguageServer, LspService};

use blocking::run_blocking;
use notifications::{configuration, text_document, watched_files, workspace_folders};
use transport::Lifecycle;

pub use session::Backend;
pub(crate) use session::Snapshot;

pub use transport::SessionEnd;

/// How many requests may run at once. Well above the default of 4, so `$/cancelRequest` and
/// quick requests are not stuck behind slow ones.
const CONCURRENCY_LEVEL: usize = 32;

impl LanguageServer for Backend {
    async fn initialize(&self, params: lsp::InitializeParams) -> jsonrpc::Result<lsp::InitializeResult> {
        Ok(lifecycle::initialize(self, params))
    }

    async fn initialized(&self, _: lsp::InitializedParams) {
        lifecycle::initialized(self).await;
    }

    async fn shutdown(&self) -> jsonrpc::Result<()> {
        lifecycle::shutdown(self);
        Ok(())
    }

    async fn did_open(&self, params: lsp::DidOpenTextDocumentParams) {
        text_document::did_open(self, params);
    }

    async fn did_change(&self, params: lsp::DidChangeTextDocumentParams) {
        text_document::did_change(self, params);
    }

    async fn did_save(&self, params: lsp::DidSaveTextDocumentParams) {
        text_document::did_save(self, params);
    }

    async fn did_close(&self, params: lsp::DidCloseTextDocumentParams) {
        text_document::did_close(self, params);
    }

    async fn did_change_watched_files(&self, params: lsp::DidChangeWatchedFilesParams) {
        watched_files::did_change_watched_files(self, params);
    }

    async fn did_change_configuration(&self, params: lsp::DidChangeConfigurationParams) {
        configuration::did_change_configuration(self, params);
    }

    async fn did_change_workspace_folders(&self, params: lsp::DidChangeWorkspaceFoldersParams) {
        workspace_folders::did_change_workspace_folders(self, params);
    }

    async fn goto_definition(
        &self,
        params: lsp::GotoDefinitionParams,
    ) -> jsonrpc::Result<Option<lsp::GotoDefinitionResponse>> {
        let snap = self.document_snapshot(&params.text_document_position_params.text_document.uri).await;
        run_blocking(move || requests::definition::goto_definition(&snap, params)).await
    }

    async fn document_link(&self, params: lsp::DocumentLinkParams) -> jsonrpc::Result<Option<Vec<lsp::DocumentLink>>> {
        let snap = self.document_snapshot(&params.text_document.uri).await;
        run_blocking(move || requests::document_link::document_link(&snap, params)).await
    }

    async fn references(&self, params: lsp::ReferenceParams) -> jsonrpc::Result<Option<Vec<lsp::Location>>> {
        let snap = self.whole_index_snapshot(params.work_done_progress_params.work_done_token.clone()).await;
        run_blocking(move || requests::references::references(&snap, params)).await
    }

    async fn hover(&self, params: lsp::HoverParams) -> jsonrpc::Result<Option<lsp::Hover>> {
        let snap = self.document_snapshot(&params.text_document_position_params.text_document.uri).await;
        run_blocking(move || requests::hover::hover(&snap, params)).await
    }

    async fn completion(&self, params: lsp::CompletionParams) -> jsonrpc::Result<Option<lsp::CompletionResponse>> {
        let snap = self.document_snapshot(&params.text_document_position.text_document.uri).await;
        run_blocking(move || requests::completion::completion(&snap, params)).await
    }

    async fn inlay_hint(&self, params: lsp::InlayHintParams) -> jsonrpc::Result<Option<Vec<lsp::InlayHint>>> {
        let snap = self.document_snapshot(&params.text_document.uri).await;
        run_blocking(move || requests::inlay_hint::inlay_hint(&snap, params)).await
    }

    async fn document_symbol(
        &self,
        params: lsp::DocumentSymbolParams,
    ) -> jsonrpc::Result<Option<lsp::DocumentSymbolResponse>> {
        let snap = self.document_snapshot(&params.text_document.uri).await;
        run_blocking(move || requests::document_symbol::document_symbol(&snap, params)).await
    }

    async fn symbol(
        &self,
        params: lsp::WorkspaceSymbolParams,
    ) -> jsonrpc::Result<Option<lsp::WorkspaceSymbolResponse>> {
        let snap = self.whole_index_snapshot(params.work_done_progress_params.work_done_token.clone()).await;
        run_blocking(move || requests::workspace_symbol::workspace_symbol(&snap, params)).await
    }

    async fn folding_range(&self, params: lsp::FoldingRangeParams) -> jsonrpc::Result<Option<Vec<lsp::FoldingRange>>> {
        let snap = self.document_snapshot(&params.text_document.uri).await;
        run_blocking(move || requests::folding_range::folding_range(&snap, params)).await
    }

    async fn formatting(&self, params: lsp::DocumentFormattingParams) -> jsonrpc::Result<Option<Vec<lsp::TextEdit>>> {
        let snap = self.snapshot();
        run_blocking(move || requests::formatting::formatting(&snap, params)).await
    }

    async fn prepare_rename(
        &self,
        params: lsp::TextDocumentPositionParams,
    ) -> jsonrpc::Result<Option<lsp::PrepareRenameResponse>> {
        let snap = self.whole_index_snapshot(None).await;
        run_blocking(move || Ok(requests::rename::prepare_rename(&snap, params))).await?
    }

    async fn rename(&self, params: lsp::RenameParams) -> jsonrpc::Result<Option<lsp::WorkspaceEdit>> {
        let snap = self.whole_index_snapshot(params.work_done_progress_params.work_done_token.clone()).await;
        run_blocking(move || Ok(requests::rename::rename(&snap, params))).await?
    }

    async fn code_action(&self, params: lsp::CodeActionParams) -> jsonrpc::Result<Option<lsp::CodeActionResponse>> {
        let snap = self.document_snapshot(&params.text_document.uri).await;
        run_blocking(move || requests::code_action::code_action(&snap, params)).await
    }

    async fn code_action_resolve(&self, action: lsp::CodeAction) -> jsonrpc::Result<lsp::CodeAction> {
        let snap = self.snapshot();
        run_blocking(move || requests::code_action::resolve(&snap, action)).await
    }

    async fn code_lens(&self, params: lsp::CodeLensParams) -> jsonrpc::Result<Option<Vec<lsp::CodeLens>>> {
        let snap = self.whole_index_snapshot(params.work_done_progress_params.work_done_token.clone()).await;
        run_blocking(move || requests::code_lens::code_lens(&snap, params)).await
    }

    async fn prepare_call_hierarchy(
        &self,
        params: lsp::CallHierarchyPrepareParams,
    ) -> jsonrpc::Result<Option<Vec<lsp::CallHierarchyItem>>> {
        let snap = self.whole_index_snapshot(params.work_done_progress_params.work_done_token.clone()).await;
        run_blocking(move || requests::call_hierarchy::prepare(&snap, params)).await
    }

    async fn incoming_calls(
        &self,
        params: lsp::CallHierarchyIncomingCallsParams,
    ) -> jsonrpc::Result<Option<Vec<lsp::CallHierarchyIncomingCall>>> {
        let snap = self.whole_index_snapshot(params.work_done_progress_params.work_done_token.clone()).await;
        run_blocking(move || requests::call_hierarchy::incoming(&snap, params)).await
    }

    async fn outgoing_calls(
        &self,
        params: lsp::CallHierarchyOutgoingCallsParams,
    ) -> jsonrpc::Result<Option<Vec<lsp::CallHierarchyOutgoingCall>>> {
        let snap = self.whole_index_snapshot(params.work_done_progress_params.work_done_token.clone()).await;
        run_blocking(move || requests::call_hierarchy::outgoing(&snap, params)).await
    }

    async fn execute_command(&self, params: lsp::ExecuteCommandParams) -> jsonrpc::Result<Option<lsp::LSPAny>> {
        let snap = self.whole_index_snapshot(params.work_done_progress_params.work_done_token.clone()).await;
        use requests::execute_command::{execute_command, CommandOutcome};
        match run_blocking(move || execute_command(&snap, params)).await? {
            CommandOutcome::Answer(value) => Ok(Some(value)),
            CommandOutcome::Apply(edit) => {
                if let Err(err) = self.client.apply_edit(edit).await {
                    tracing::warn!("the client did not apply the edit: {err}");
                }
                Ok(None)
            }
        }
    }

    async fn will_rename_files(&self, params: lsp::RenameFilesParams) -> jsonrpc::Result<Option<lsp::WorkspaceEdit>> {
        let snap = self.whole_index_snapshot(None).await;
        run_blocking(move || requests::rename::will_rename_files(&snap, params)).await
    }
}

/// Serves LSP on any byte streams until the client sends `exit`, closes the input, or its
/// process dies; the tests use it over an in-memory pipe. Malformed input is answered and the
/// session goes on (see `transport`).
pub async fn serve<I, O>(input: I, output: O) -> SessionEnd
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let lifecycle = Arc::new(Lifecycle::default());
    let for_backend = Arc::clone(&lifecycle);
    let (notifier, notes) = outgoing::Notifier::channel();
    let (service, socket) = LspService::new(move |client| Backend::new(client, notifier, for_backend));
    transport::run(input, output, service, socket, notes, CONCURRENCY_LEVEL, &lifecycle).await
}

/// The `chant-lsp` / `chant-lsp --stdio` entry point; how the session ended gives the exit code.
pub fn run_stdio() -> SessionEnd {
    init_tracing();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            tracing::error!("cannot start the async runtime: {err}");
            return SessionEnd::WithoutShutdown;
        }
    };
    // The reactor must be running before pipe streams register with it.
    let end = runtime.block_on(async {
        let (input, output) = stdio::streams();
        serve(input, output).await
    });
    // Blocking work still running (start-up indexing, a blocking read of a non-pipe stdin) must
    // not keep the process alive once the session is over.
    runtime.shutdown_background();
    end
}

/// Logs to stderr only: stdout carries the protocol. `RUST_LOG` filters, default `info`.
fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_writer(std::io::stderr).with_ansi(false).with_env_filter(filter).try_init();
}
