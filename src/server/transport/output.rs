//! Carries the server's output to the client and slips other whole frames in between two of
//! its messages, never inside one: the transport's own answers to bad input, and the
//! notifications the analysis thread framed itself (`server/outgoing.rs`), each in its order.
//!
//! tower-lsp-server writes whole frames to a pipe; this task copies them on in large chunks,
//! following only their `Content-Length` headers to know where one frame ends.

use std::io;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;

use super::framing::content_length;

const CHUNK: usize = 64 << 10;
/// A header longer than this is not one the framework wrote; see [`FrameEnds::advance`].
const MAX_HEADER: usize = 1 << 10;

/// Whole frames waiting for a boundary of the framework's output.
pub(super) struct Inserts {
    /// Answers to bad messages.
    pub answers: mpsc::Receiver<Vec<u8>>,
    /// Notifications from the analysis thread.
    pub notes: mpsc::UnboundedReceiver<Vec<u8>>,
}

impl Inserts {
    fn waiting(&self) -> bool {
        !self.answers.is_empty() || !self.notes.is_empty()
    }

    async fn write_waiting<C: AsyncWrite + Unpin>(&mut self, client: &mut C) -> io::Result<()> {
        while let Ok(answer) = self.answers.try_recv() {
            client.write_all(&answer).await?;
        }
        while let Ok(note) = self.notes.try_recv() {
            client.write_all(&note).await?;
        }
        Ok(())
    }
}

/// Copies `server` to `client` until the server's side closes, writing what `inserts` holds
/// at the next frame boundary. Frames left when the server closes are written last.
pub(super) async fn pump<S, C>(mut server: S, mut inserts: Inserts, mut client: C) -> io::Result<()>
where
    S: AsyncRead + Unpin,
    C: AsyncWrite + Unpin,
{
    let mut buf = vec![0; CHUNK];
    let mut ends = FrameEnds::default();
    let (mut answers_open, mut notes_open) = (true, true);
    loop {
        let read = if ends.at_boundary() {
            inserts.write_waiting(&mut client).await?;
            client.flush().await?;
            tokio::select! {
                biased;
                read = server.read(&mut buf) => read?,
                answer = inserts.answers.recv(), if answers_open => {
                    match answer {
                        Some(answer) => client.write_all(&answer).await?,
                        None => answers_open = false,
                    }
                    continue;
                }
                note = inserts.notes.recv(), if notes_open => {
                    match note {
                        Some(note) => client.write_all(&note).await?,
                        None => notes_open = false,
                    }
                    continue;
                }
            }
        } else {
            server.read(&mut buf).await?
        };
        if read == 0 {
            inserts.write_waiting(&mut client).await?;
            return client.flush().await;
        }
        // One write per chunk, unless frames are waiting at a boundary inside it.
        let (mut written, mut seen) = (0, 0);
        while seen < read {
            seen += ends.advance(&buf[seen..read]);
            if ends.at_boundary() && inserts.waiting() {
                client.write_all(&buf[written..seen]).await?;
                written = seen;
                inserts.write_waiting(&mut client).await?;
            }
        }
        client.write_all(&buf[written..read]).await?;
        client.flush().await?;
    }
}

/// Where the frames of a `Content-Length` stream end.
#[derive(Default)]
struct FrameEnds {
    header: Vec<u8>,
    body_left: usize,
}

impl FrameEnds {
    fn at_boundary(&self) -> bool {
        self.header.is_empty() && self.body_left == 0
    }

    /// How many bytes of `chunk` belong to the current frame: all of them, or up to and
    /// including its last byte.
    fn advance(&mut self, chunk: &[u8]) -> usize {
        let mut used = 0;
        while used < chunk.len() {
            if self.body_left > 0 {
                let take = self.body_left.min(chunk.len() - used);
                self.body_left -= take;
                used += take;
                if self.body_left == 0 {
                    return used;
                }
                continue;
            }
            // Headers are a few dozen bytes; byte by byte is simplest.
            self.header.push(chunk[used]);
            used += 1;
            if self.header.ends_with(b"\r\n\r\n") || self.header.len() > MAX_HEADER {
                // The framework always writes `Content-Length: N\r\n\r\n`; anything else would be
                // a bug there, and treating it as a frame end keeps answers flowing.
                let header = self.header.strip_suffix(b"\r\n\r\n").unwrap_or(&self.header);
                self.body_left = content_length(header).unwrap_or(0);
                self.header.clear();
                if self.body_left == 0 {
                    return used;
                }
            }
        }
        used
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    #[test]
    fn frame_ends_follow_the_lengths_across_chunks() {
        let stream = [frame("{\"a\":1}"), frame(""), frame("[]")].concat();
        for piece in [1, 3, stream.len()] {
            let mut ends = FrameEnds::default();
            let mut boundaries = Vec::new();
            let mut offset = 0;
            for chunk in stream.chunks(piece) {
                let mut seen = 0;
                while seen < chunk.len() {
                    seen += ends.advance(&chunk[seen..]);
                    if ends.at_boundary() {
                        boundaries.push(offset + seen);
                    }
                }
                offset += chunk.len();
            }
            assert_eq!(boundaries, vec![28, 49, 72], "in pieces of {piece}");
        }
    }

    #[tokio::test]
    async fn answers_and_notifications_go_between_frames_and_after_the_last() {
        let (mut server_side, server) = tokio::io::duplex(1 << 16);
        let (client_side, mut client) = tokio::io::duplex(1 << 16);
        let (answers_tx, answers) = mpsc::channel(4);
        let (notes_tx, notes) = mpsc::unbounded_channel();
        // Half a frame, then an answer and a notification: they must wait for the rest of it.
        let first = frame("{\"first\":true}");
        server_side.write_all(&first[..10]).await.expect("write");
        let pumping = tokio::spawn(pump(server, Inserts { answers, notes }, client_side));
        tokio::task::yield_now().await;
        answers_tx.send(frame("\"answer\"")).await.expect("send");
        notes_tx.send(frame("\"note\"")).expect("send");
        tokio::task::yield_now().await;
        server_side.write_all(&first[10..]).await.expect("write");
        server_side.write_all(&frame("{\"second\":true}")).await.expect("write");
        answers_tx.send(frame("\"last\"")).await.expect("send");
        drop(server_side);
        drop(notes_tx);
        pumping.await.expect("pump task").expect("pump");
        let mut got = String::new();
        client.read_to_string(&mut got).await.expect("read");
        let bodies: Vec<&str> = got.split("Content-Length: ").filter(|s| !s.is_empty()).collect();
        assert_eq!(bodies.len(), 5, "{got}");
        assert!(bodies[0].ends_with("{\"first\":true}"), "{got}");
        assert!(bodies.iter().any(|b| b.ends_with("\"answer\"")), "{got}");
        assert!(bodies.iter().any(|b| b.ends_with("\"last\"")), "{got}");
        assert!(bodies.iter().any(|b| b.ends_with("\"note\"")), "{got}");
    }
}
