//! Our own thin layer over tower-lsp-server's transport, so that the session survives whatever
//! the client sends and ends the way the LSP specification says.
//!
//! tower-lsp-server 0.23 stops reading for good after the first message it cannot decode and
//! leaves `$/` requests unanswered. So the real input is framed and checked here first
//! (`framing`, `message`): good messages go on to the framework's `Server` unchanged, bad ones
//! are answered here. Those answers, and the notifications the analysis thread frames itself,
//! join the framework's output between two of its messages (`output`). The session ends on `exit`, at the end of the input, or when the editor's process
//! dies (`session_end`), without waiting on slow handlers.

mod framing;
mod message;
mod output;
mod server_input;
mod session_end;

use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::mpsc;
use tower_lsp_server::{ClientSocket, LspService, Server};

#[cfg(test)]
pub(super) use framing::content_length;
pub(super) use framing::write_frame;
pub use session_end::{Lifecycle, SessionEnd};

use super::Backend;
use framing::{Frame, InputFrames, MAX_MESSAGE};
use message::Verdict;
use output::Inserts;
use server_input::ServerInput;

/// Checked frames waiting for the framework; bounds memory to a few messages.
const FRAME_QUEUE: usize = 4;
/// Answers to bad messages waiting for a frame boundary; more are dropped (and logged) rather
/// than kept for a client that floods the server without reading.
const ANSWER_QUEUE: usize = 256;
/// The pipe from the framework's output to the client's.
const OUTPUT_PIPE: usize = 256 << 10;
/// Once the input is over, how long in-flight requests may still answer. A handler waiting on
/// the client (a progress token during start-up) would otherwise hold the process for seconds.
const GRACE: Duration = Duration::from_millis(200);

/// Runs one session of `service` over `input` and `output`.
pub(super) async fn run<I, O>(
    input: I,
    output: O,
    service: LspService<Backend>,
    socket: ClientSocket,
    notes: mpsc::UnboundedReceiver<Vec<u8>>,
    concurrency: usize,
    lifecycle: &Lifecycle,
) -> SessionEnd
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let (frames_tx, frames_rx) = mpsc::channel(FRAME_QUEUE);
    let (answers_tx, answers_rx) = mpsc::channel(ANSWER_QUEUE);
    let (server_output, server_output_reader) = tokio::io::duplex(OUTPUT_PIPE);
    let server = Server::new(ServerInput::new(frames_rx), server_output, socket).concurrency_level(concurrency);
    let session = async {
        let (_, pumped) = tokio::join!(
            server.serve(service),
            output::pump(server_output_reader, Inserts { answers: answers_rx, notes }, output)
        );
        if let Err(err) = pumped {
            tracing::debug!("the client's output closed: {err}");
        }
    };
    let reading = read_input(input, frames_tx, answers_tx);
    tokio::pin!(session, reading);
    tokio::select! {
        () = &mut session => return lifecycle.end(),
        () = &mut reading => {}
        () = lifecycle.client_gone() => return lifecycle.end(),
    }
    tokio::select! {
        _ = tokio::time::timeout(GRACE, &mut session) => {}
        () = lifecycle.client_gone() => {}
    }
    lifecycle.end()
}

/// Frames and checks the input until it ends or `exit` has been passed on.
async fn read_input<I: AsyncRead + Unpin>(input: I, frames: mpsc::Sender<Vec<u8>>, answers: mpsc::Sender<Vec<u8>>) {
    let mut input = InputFrames::new(input);
    loop {
        let frame = match input.next().await {
            Ok(Some(frame)) => frame,
            Ok(None) => return,
            Err(err) => {
                tracing::warn!("cannot read the client's input: {err}");
                return;
            }
        };
        let answer = match frame {
            Frame::Message { frame, body_start } => match message::check(&frame[body_start..]) {
                Verdict::Forward { exit } => {
                    if frames.send(frame).await.is_err() || exit {
                        return;
                    }
                    continue;
                }
                Verdict::Answer(answer) => answer,
            },
            Frame::BadHeader(why) => {
                message::error_frame(&Value::Null, message::PARSE_ERROR, &format!("Parse error: bad header: {why}"))
            }
            Frame::TooLarge(len) => message::error_frame(
                &Value::Null,
                message::INVALID_REQUEST,
                &format!("Invalid request: a message of {len} bytes is over the limit of {MAX_MESSAGE} bytes"),
            ),
        };
        tracing::warn!("answered a malformed message: {}", String::from_utf8_lossy(&answer));
        if answers.try_send(answer).is_err() {
            tracing::warn!("too many answers waiting for the client; dropped one");
        }
    }
}
