//! What the analysis thread tells the client (diagnostics, `$/progress`, `chant-lsp/indexChanged`),
//! written here as whole JSON-RPC frames and handed to the transport, which sends them between
//! the framework's own messages in exactly the order they were produced.
//!
//! Framing them here, rather than through tower-lsp-server's `Client`, lets a start-up publish of
//! 100,000 specs be serialised on every core and go out in a few large writes: through the
//! `Client`, each notification became a JSON value, then text, on one task, one at a time.

use serde::Serialize;
use tokio::sync::mpsc;
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::ls_types::notification::Notification as _;

use super::lsp_ext::{IndexChanged, IndexChangedParams};

/// A notification for the client, produced off the async runtime.
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

/// Where notifications go: the transport writes each buffer of whole frames as it comes, in order.
#[derive(Clone, Debug)]
pub struct Notifier {
    frames: mpsc::UnboundedSender<Vec<u8>>,
}

/// The transport's end of a [`Notifier`].
pub type NotifierFrames = mpsc::UnboundedReceiver<Vec<u8>>;

impl Notifier {
    pub fn channel() -> (Notifier, NotifierFrames) {
        let (frames, rx) = mpsc::unbounded_channel();
        (Notifier { frames }, rx)
    }

    pub fn send(&self, msg: Outgoing) {
        let mut frame = Vec::new();
        msg.write_frame(&mut frame);
        self.send_frames(frame);
    }

    /// Sends whole frames written with [`Outgoing::write_frame`] or [`write_publish`].
    pub fn send_frames(&self, frames: Vec<u8>) {
        // Fails only when the client connection is gone; nothing is left to tell.
        if !frames.is_empty() {
            let _ = self.frames.send(frames);
        }
    }
}

impl Outgoing {
    /// Appends this notification to `buf` as one `Content-Length` frame.
    pub fn write_frame(self, buf: &mut Vec<u8>) {
        match self {
            Outgoing::Publish { uri, diagnostics, version } => write_publish(uri, diagnostics, version, buf),
            Outgoing::Progress { token, value } => {
                let params = lsp::ProgressParams { token, value: lsp::ProgressParamsValue::WorkDone(value) };
                write_notification(lsp::notification::Progress::METHOD, &params, buf);
            }
            Outgoing::IndexChanged { root } => {
                write_notification(IndexChanged::METHOD, &IndexChangedParams { root }, buf)
            }
        }
    }
}

/// Appends one `textDocument/publishDiagnostics` frame to `buf`.
pub fn write_publish(uri: lsp::Uri, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>, buf: &mut Vec<u8>) {
    let params = lsp::PublishDiagnosticsParams { uri, diagnostics, version };
    write_notification(lsp::notification::PublishDiagnostics::METHOD, &params, buf);
}

#[derive(Serialize)]
struct Notification<'a, P> {
    jsonrpc: &'static str,
    method: &'a str,
    params: &'a P,
}

fn write_notification<P: Serialize>(method: &str, params: &P, buf: &mut Vec<u8>) {
    let body = match serde_json::to_vec(&Notification { jsonrpc: "2.0", method, params }) {
        Ok(body) => body,
        // The protocol's types always serialise; a failure would be a bug in them, not worth a crash.
        Err(err) => return tracing::error!("{method}: cannot be serialised: {err}"),
    };
    super::transport::write_frame(&body, buf);
}

/// The messages in a buffer of whole frames, for tests that read what the analysis thread sent.
#[cfg(test)]
pub fn decode_frames(mut buf: &[u8]) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    while let Some(start) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
        let len = super::transport::content_length(&buf[..start]).expect("a length");
        let body = &buf[start + 4..start + 4 + len];
        out.push(serde_json::from_slice(body).expect("a JSON body"));
        buf = &buf[start + 4 + len..];
    }
    assert!(buf.is_empty(), "a partial frame: {}", String::from_utf8_lossy(buf));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notifications_are_whole_frames_in_the_protocols_shape() {
        let uri: lsp::Uri = "file:///w/.chant/specs/a.md".parse().expect("uri");
        let mut buf = Vec::new();
        Outgoing::Publish { uri: uri.clone(), diagnostics: Vec::new(), version: Some(3) }.write_frame(&mut buf);
        Outgoing::IndexChanged { root: uri }.write_frame(&mut buf);
        let text = String::from_utf8(buf).expect("utf-8");
        expect_test::expect![[r#"Content-Length: 136\r\n\r\n{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/.chant/specs/a.md","diagnostics":[],"version":3}}Content-Length: 99\r\n\r\n{"jsonrpc":"2.0","method":"chant-lsp/indexChanged","params":{"root":"file:///w/.chant/specs/a.md"}}"#]]
        .assert_eq(&text.replace("\r\n", "\\r\\n"));
    }
}
