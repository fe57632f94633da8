//! Running request work off the protocol loop: on the blocking pool, with panics and errors
//! turned into JSON-RPC error replies.

use tower_lsp_server::jsonrpc;

/// Runs CPU-bound request work on the blocking pool. A panic there becomes an `InternalError`
/// reply instead of a dead server, and an `anyhow` error is logged with its context chain.
pub async fn run_blocking<T, F>(work: F) -> jsonrpc::Result<T>
where
    T: Send + 'static,
    F: FnOnce() -> anyhow::Result<T> + Send + 'static,
{
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(res)) => Ok(res),
        Ok(Err(err)) if err.is::<InvalidParams>() => {
            tracing::warn!("request refused: {err:#}");
            Err(jsonrpc::Error::invalid_params(err.to_string()))
        }
        Ok(Err(err)) => {
            tracing::error!("request failed: {err:#}");
            Err(jsonrpc::Error::internal_error())
        }
        Err(join) => {
            tracing::error!("request handler panicked: {join}");
            Err(jsonrpc::Error::internal_error())
        }
    }
}

/// The client's parameters are wrong (not the server): answered as InvalidParams (-32602)
/// with this message, not as an internal error.
#[derive(Debug)]
pub struct InvalidParams(pub String);

impl std::fmt::Display for InvalidParams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InvalidParams {}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn panics_and_errors_become_internal_errors() {
        let ok = run_blocking(|| Ok(7)).await;
        assert_eq!(ok, Ok(7));
        let failed = run_blocking::<(), _>(|| Err(anyhow::anyhow!("no spec"))).await;
        assert_eq!(failed, Err(jsonrpc::Error::internal_error()));
        let panicked = run_blocking::<(), _>(|| panic!("rule bug")).await;
        assert_eq!(panicked, Err(jsonrpc::Error::internal_error()));
        let refused = run_blocking::<(), _>(|| Err(InvalidParams("no uri".into()).into())).await;
        assert_eq!(refused, Err(jsonrpc::Error::invalid_params("no uri")));
    }
}
