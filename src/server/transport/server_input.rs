//! The server's input: the checked frames, handed over whole through a channel.
//!
//! The transport reads each body into its own buffer to check it, so moving that buffer is the
//! cheapest way to pass it on; the framework copies it into its decoder's buffer as it would
//! from the real input.

use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use tokio::io::{AsyncRead, ReadBuf};
use tokio::sync::mpsc;

pub(super) struct ServerInput {
    frames: mpsc::Receiver<Vec<u8>>,
    current: Vec<u8>,
    read: usize,
}

impl ServerInput {
    pub(super) fn new(frames: mpsc::Receiver<Vec<u8>>) -> ServerInput {
        ServerInput { frames, current: Vec::new(), read: 0 }
    }
}

impl AsyncRead for ServerInput {
    /// Ends (reads nothing) once every sender is gone.
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        while this.read == this.current.len() {
            match ready!(this.frames.poll_recv(cx)) {
                Some(frame) => (this.current, this.read) = (frame, 0),
                None => return Poll::Ready(Ok(())),
            }
        }
        let n = buf.remaining().min(this.current.len() - this.read);
        buf.put_slice(&this.current[this.read..this.read + n]);
        this.read += n;
        Poll::Ready(Ok(()))
    }
}
