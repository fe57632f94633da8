//! `chant-lsp mcp`: the Model Context Protocol edge. A server on stdin/stdout, built on `rmcp`
//! (the official Rust SDK), whose tools give coding agents what editors get from the language
//! server: findings with fixes, the spec graph, readiness, references, PR descriptions.
//!
//! Like `cli/` and `server/`, this is an edge: each tool (one file each in `tools/`) parses its
//! arguments, calls the `ide`/`workspace` layers, and shapes the answer. Every call loads the
//! workspace from disk afresh (`root.rs`), so an agent never sees findings from before its own
//! edit; answers are cut to a bound (`bound.rs`).

pub mod bound;
pub mod root;
pub mod tools;

use std::path::PathBuf;

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation, ListToolsResult,
    PaginatedRequestParams, ServerCapabilities, ServerConfig, Tool,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, ServiceExt};

pub use root::Root;

/// What the server says about itself when a client connects.
const INSTRUCTIONS: &str = "chant-lsp checks chant specs (.chant/specs/*.md) as chant 0.23.2 reads them. \
Call `check` (or `check_text` with a draft before saving) for findings with 1-based positions, `fix` to \
apply the safe fixes, `explain` for a code, `spec`, `ready`, `graph` and `references` to navigate, and \
`pr_description` for a pull-request body. Every call reads the workspace as it is on disk now.";

/// The MCP server: the workspace root, and nothing cached (each call reads the disk).
#[derive(Clone, Debug)]
pub struct ChantMcp {
    root: Root,
}

impl ChantMcp {
    pub fn new(root: Root) -> ChantMcp {
        ChantMcp { root }
    }
}

impl ServerHandler for ChantMcp {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("chant-lsp", env!("CARGO_PKG_VERSION")))
            .with_instructions(INSTRUCTIONS)
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(tools::TOOLS.iter().map(|t| (t.define)()).collect()))
    }

    fn get_tool(&self, name: &str) -> Option<Tool> {
        tools::find(name).map(|t| (t.define)())
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let Some(tool) = tools::find(&request.name) else {
            let known: Vec<&str> = tools::TOOLS.iter().map(|t| t.name).collect();
            return Err(ErrorData::invalid_params(
                format!("unknown tool `{}`: the tools are {}", request.name, known.join(", ")),
                None,
            ));
        };
        let root = self.root.clone();
        let arguments = request.arguments.unwrap_or_default();
        // The analysis is plain blocking code; a panic in it ends this call, not the session.
        let answer = tokio::task::spawn_blocking(move || (tool.call)(&root, arguments)).await;
        let result = match answer {
            Ok(Ok(value)) => CallToolResult::structured(value),
            Ok(Err(message)) => CallToolResult::error(vec![ContentBlock::text(message)]),
            Err(_) => CallToolResult::error(vec![ContentBlock::text(format!(
                "internal error in `{}` (a bug in chant-lsp; the session goes on)",
                tool.name
            ))]),
        };
        Ok(result.into())
    }
}

/// Serves MCP on stdin/stdout for the workspace at `root` (or at or above the current folder)
/// until the client hangs up; returns the process exit code (2 when no workspace is found or
/// the transport fails).
pub fn run(root: Option<PathBuf>) -> i32 {
    // stdout is the protocol's: logs go to stderr, warnings and errors only unless RUST_LOG says.
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt().with_writer(std::io::stderr).with_ansi(false).with_env_filter(filter).try_init();
    let root = match Root::find(root.as_deref()) {
        Ok(root) => root,
        Err(message) => return fail(&message),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => return fail(&format!("cannot start the runtime: {e}")),
    };
    runtime.block_on(async move {
        let service = match ChantMcp::new(root).serve(rmcp::transport::stdio()).await {
            Ok(service) => service,
            Err(e) => return fail(&format!("the session did not start: {e}")),
        };
        match service.waiting().await {
            Ok(_) => 0,
            Err(e) => fail(&e.to_string()),
        }
    })
}

/// `chant-lsp mcp [--root DIR]`: the arguments, then [`run`].
/// `chant-lsp mcp`'s arguments.
#[derive(Clone, Debug, Default, PartialEq, Eq, clap::Args)]
#[command(
    about = "Serve the Model Context Protocol on stdin/stdout: tools for coding agents",
    long_about = "Serve the Model Context Protocol on stdin/stdout: tools for coding agents (check, check_text, fix,\nexplain, spec, ready, graph, references, pr_description) over the chant workspace at DIR, or at or\nabove the current folder. See docs/mcp.md."
)]
pub struct McpArgs {
    /// The workspace root (default: the workspace at or above the current folder)
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

/// `chant-lsp mcp`: serves until the client closes stdin; the exit code.
pub fn run_cli(args: &McpArgs) -> i32 {
    run(args.root.clone())
}

/// Says why the server stops, on stderr; the exit code.
fn fail(message: &str) -> i32 {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "chant-lsp mcp: {message}");
    2
}

#[cfg(test)]
mod tests;
