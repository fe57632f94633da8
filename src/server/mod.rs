//! The LSP protocol layer: the only code that knows tower-lsp-server, tokio, JSON and DashMap.
//!
//! `Backend` owns the open documents and a handle to the analysis thread; the trait impl below is
//! a table of one-line delegations to `handlers`. Conversion lives in `from_proto`/`to_proto`.

mod analysis;
mod capabilities;
mod config;
mod from_proto;
mod handlers;
mod publish;
mod requests;
mod state;
mod stdio;
mod to_proto;
mod transport;
mod watcher;

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::{jsonrpc, Client, LanguageServer, LspService};

use crate::text::PositionEncoding;
use crate::workspace::set::WorkspaceSet;
use analysis::AnalysisHandle;
use capabilities::EditSupport;
use handlers::run_blocking;
use state::DocumentStore;
use transport::Lifecycle;

pub use transport::SessionEnd;

/// How many requests may run at once. Well above the default of 4, so `$/cancelRequest` and
/// quick requests are not stuck behind slow ones.
const CONCURRENCY_LEVEL: usize = 32;

/// What `initialize` negotiated; set once.
#[derive(Debug)]
struct Session {
    encoding: PositionEncoding,
    work_done_progress: bool,
    file_watching: bool,
    /// The client fills a code action's `edit` through `codeAction/resolve`.
    resolves_action_edits: bool,
    edits: EditSupport,
    roots: Vec<PathBuf>,
}

#[derive(Debug)]
pub struct Backend {
    client: Client,
    docs: Arc<DocumentStore>,
    analysis: AnalysisHandle,
    session: OnceLock<Session>,
    lifecycle: Arc<Lifecycle>,
}

/// A consistent read view for request handlers: the index as of the last analysis batch and the
/// open documents. Cheap to take (two `Arc` clones) and safe to move to a blocking thread.
#[derive(Clone, Debug)]
pub(crate) struct Snapshot {
    pub workspaces: Arc<WorkspaceSet>,
    pub docs: Arc<DocumentStore>,
    pub encoding: PositionEncoding,
    /// Expensive action edits may be left to `codeAction/resolve`.
    pub lazy_action_edits: bool,
    pub edits: EditSupport,
}

impl Backend {
    /// Must be called inside a tokio runtime: it starts the task that sends diagnostics.
    pub fn new(client: Client, lifecycle: Arc<Lifecycle>) -> Backend {
        let outgoing = publish::spawn(client.clone());
        let analysis = AnalysisHandle::spawn(outgoing);
        Backend { client, docs: Arc::default(), analysis, session: OnceLock::new(), lifecycle }
    }

    fn encoding(&self) -> PositionEncoding {
        self.session.get().map_or(PositionEncoding::Utf16, |s| s.encoding)
    }

    pub(crate) fn snapshot(&self) -> Snapshot {
        let session = self.session.get();
        Snapshot {
            workspaces: self.analysis.workspaces(),
            docs: Arc::clone(&self.docs),
            encoding: self.encoding(),
            lazy_action_edits: session.is_some_and(|s| s.resolves_action_edits),
            edits: session.map(|s| s.edits).unwrap_or_default(),
        }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: lsp::InitializeParams) -> jsonrpc::Result<lsp::InitializeResult> {
        self.lifecycle.watch_client(params.process_id);
        Ok(handlers::initialize(self, params))
    }

    async fn initialized(&self, _: lsp::InitializedParams) {
        handlers::initialized(self).await;
    }

    async fn shutdown(&self) -> jsonrpc::Result<()> {
        self.lifecycle.shutdown_requested();
        Ok(())
    }

    async fn did_open(&self, params: lsp::DidOpenTextDocumentParams) {
        handlers::did_open(self, params);
    }

    async fn did_change(&self, params: lsp::DidChangeTextDocumentParams) {
        handlers::did_change(self, params);
    }

    async fn did_save(&self, params: lsp::DidSaveTextDocumentParams) {
        handlers::did_save(self, params);
    }

    async fn did_close(&self, params: lsp::DidCloseTextDocumentParams) {
        handlers::did_close(self, params);
    }

    async fn did_change_watched_files(&self, params: lsp::DidChangeWatchedFilesParams) {
        handlers::did_change_watched_files(self, params);
    }

    async fn did_change_configuration(&self, params: lsp::DidChangeConfigurationParams) {
        handlers::did_change_configuration(self, params);
    }

    async fn did_change_workspace_folders(&self, params: lsp::DidChangeWorkspaceFoldersParams) {
        handlers::did_change_workspace_folders(self, params);
    }

    async fn goto_definition(
        &self,
        params: lsp::GotoDefinitionParams,
    ) -> jsonrpc::Result<Option<lsp::GotoDefinitionResponse>> {
        let snap = self.snapshot();
        run_blocking(move || requests::definition::goto_definition(&snap, params)).await
    }

    async fn document_link(&self, params: lsp::DocumentLinkParams) -> jsonrpc::Result<Option<Vec<lsp::DocumentLink>>> {
        let snap = self.snapshot();
        run_blocking(move || requests::document_link::document_link(&snap, params)).await
    }

    async fn references(&self, params: lsp::ReferenceParams) -> jsonrpc::Result<Option<Vec<lsp::Location>>> {
        let snap = self.snapshot();
        run_blocking(move || requests::references::references(&snap, params)).await
    }

    async fn hover(&self, params: lsp::HoverParams) -> jsonrpc::Result<Option<lsp::Hover>> {
        let snap = self.snapshot();
        run_blocking(move || requests::hover::hover(&snap, params)).await
    }

    async fn completion(&self, params: lsp::CompletionParams) -> jsonrpc::Result<Option<lsp::CompletionResponse>> {
        let snap = self.snapshot();
        run_blocking(move || requests::completion::completion(&snap, params)).await
    }

    async fn inlay_hint(&self, params: lsp::InlayHintParams) -> jsonrpc::Result<Option<Vec<lsp::InlayHint>>> {
        let snap = self.snapshot();
        run_blocking(move || requests::inlay_hint::inlay_hint(&snap, params)).await
    }

    async fn document_symbol(
        &self,
        params: lsp::DocumentSymbolParams,
    ) -> jsonrpc::Result<Option<lsp::DocumentSymbolResponse>> {
        let snap = self.snapshot();
        run_blocking(move || requests::document_symbol::document_symbol(&snap, params)).await
    }

    async fn symbol(
        &self,
        params: lsp::WorkspaceSymbolParams,
    ) -> jsonrpc::Result<Option<lsp::WorkspaceSymbolResponse>> {
        let snap = self.snapshot();
        run_blocking(move || requests::workspace_symbol::workspace_symbol(&snap, params)).await
    }

    async fn folding_range(&self, params: lsp::FoldingRangeParams) -> jsonrpc::Result<Option<Vec<lsp::FoldingRange>>> {
        let snap = self.snapshot();
        run_blocking(move || requests::folding_range::folding_range(&snap, params)).await
    }

    async fn prepare_rename(
        &self,
        params: lsp::TextDocumentPositionParams,
    ) -> jsonrpc::Result<Option<lsp::PrepareRenameResponse>> {
        let snap = self.snapshot();
        run_blocking(move || Ok(requests::rename::prepare_rename(&snap, params))).await?
    }

    async fn rename(&self, params: lsp::RenameParams) -> jsonrpc::Result<Option<lsp::WorkspaceEdit>> {
        let snap = self.snapshot();
        run_blocking(move || Ok(requests::rename::rename(&snap, params))).await?
    }

    async fn code_action(&self, params: lsp::CodeActionParams) -> jsonrpc::Result<Option<lsp::CodeActionResponse>> {
        let snap = self.snapshot();
        run_blocking(move || requests::code_action::code_action(&snap, params)).await
    }

    async fn code_action_resolve(&self, action: lsp::CodeAction) -> jsonrpc::Result<lsp::CodeAction> {
        let snap = self.snapshot();
        run_blocking(move || requests::code_action::resolve(&snap, action)).await
    }

    async fn code_lens(&self, params: lsp::CodeLensParams) -> jsonrpc::Result<Option<Vec<lsp::CodeLens>>> {
        let snap = self.snapshot();
        run_blocking(move || requests::code_lens::code_lens(&snap, params)).await
    }

    async fn execute_command(&self, params: lsp::ExecuteCommandParams) -> jsonrpc::Result<Option<lsp::LSPAny>> {
        let snap = self.snapshot();
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
        let snap = self.snapshot();
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
    let (service, socket) = LspService::new(move |client| Backend::new(client, for_backend));
    transport::run(input, output, service, socket, CONCURRENCY_LEVEL, &lifecycle).await
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
