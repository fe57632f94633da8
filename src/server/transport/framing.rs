//! Cuts the client's byte stream into `Content-Length` frames without trusting it.
//!
//! A header that cannot be read is reported and the reader resynchronises on the next
//! `Content-Length`; a body over [`MAX_MESSAGE`] is reported and skipped as it arrives, never
//! buffered. Memory held between frames stays under [`MAX_HEADER`] plus one read.

use std::io;

use tokio::io::{AsyncRead, AsyncReadExt};

/// The largest message body accepted: far above any editor's document (a 20 MB file is sent
/// whole in `didOpen`), small enough that a broken length cannot exhaust memory.
pub(super) const MAX_MESSAGE: usize = 64 << 20;
/// The longest header block; real ones are under 100 bytes.
const MAX_HEADER: usize = 8 << 10;
/// How much is read from the input at a time while looking for a header.
const READ_CHUNK: usize = 64 << 10;
const CONTENT_LENGTH: &[u8] = b"content-length";

/// One unit of input.
#[derive(Debug, PartialEq)]
pub(super) enum Frame {
    /// A whole message: a normalised `Content-Length` header, then the body from `body_start`.
    Message { frame: Vec<u8>, body_start: usize },
    /// A header that cannot be read; the input was resynchronised after it.
    BadHeader(String),
    /// A body over [`MAX_MESSAGE`] bytes, skipped.
    TooLarge(usize),
}

pub(super) struct InputFrames<R> {
    reader: R,
    /// Read but not yet used: `buf[start..]`.
    buf: Vec<u8>,
    start: usize,
    /// Bytes of an oversized body still to discard.
    skip: usize,
    /// Looking for the next `Content-Length` after a bad header.
    resync: bool,
}

impl<R: AsyncRead + Unpin> InputFrames<R> {
    pub(super) fn new(reader: R) -> InputFrames<R> {
        InputFrames { reader, buf: Vec::with_capacity(READ_CHUNK), start: 0, skip: 0, resync: false }
    }

    /// The next frame, or `None` at the end of the input (a frame cut off by it is dropped).
    pub(super) async fn next(&mut self) -> io::Result<Option<Frame>> {
        if !self.discard_skipped().await? {
            return Ok(None);
        }
        loop {
            if self.resync && !self.find_content_length() {
                if !self.fill().await? {
                    return Ok(None);
                }
                continue;
            }
            self.skip_blank_lines();
            let pending = &self.buf[self.start..];
            let Some(end) = memchr::memmem::find(&pending[..pending.len().min(MAX_HEADER + 4)], b"\r\n\r\n") else {
                if pending.len() > MAX_HEADER {
                    return Ok(Some(self.bad_header(format!("no header end within {MAX_HEADER} bytes"))));
                }
                if !self.fill().await? {
                    return Ok(None);
                }
                continue;
            };
            let header = content_length(&pending[..end]);
            return match header {
                Err(why) => Ok(Some(self.bad_header(why))),
                Ok(len) if len > MAX_MESSAGE => {
                    self.start += end + 4;
                    self.skip = len;
                    Ok(Some(Frame::TooLarge(len)))
                }
                Ok(len) => {
                    self.start += end + 4;
                    self.body(len).await
                }
            };
        }
    }

    /// Reports a bad header and drops its first byte, so the search for the next header starts
    /// inside it (`xContent-Length: 2` still finds the frame) but never at it again.
    fn bad_header(&mut self, why: String) -> Frame {
        self.start += 1;
        self.resync = true;
        Frame::BadHeader(why)
    }

    /// Moves to the next `Content-Length` in the buffer; keeps a possible partial match.
    fn find_content_length(&mut self) -> bool {
        let pending = &self.buf[self.start..];
        match find_ignore_case(pending, CONTENT_LENGTH) {
            Some(at) => {
                self.start += at;
                self.resync = false;
                true
            }
            None => {
                self.start += pending.len().saturating_sub(CONTENT_LENGTH.len() - 1);
                false
            }
        }
    }

    /// Stray line breaks between frames are harmless; skip them without complaint.
    fn skip_blank_lines(&mut self) {
        self.start += self.buf[self.start..].iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
    }

    /// The body, read straight into the frame handed on (no copy for large bodies).
    async fn body(&mut self, len: usize) -> io::Result<Option<Frame>> {
        let header = header(len);
        let mut frame = Vec::with_capacity(header.len() + len);
        frame.extend_from_slice(header.as_bytes());
        let body_start = frame.len();
        let buffered = len.min(self.buf.len() - self.start);
        frame.extend_from_slice(&self.buf[self.start..self.start + buffered]);
        self.start += buffered;
        while frame.len() < body_start + len {
            let missing = (body_start + len - frame.len()) as u64;
            if (&mut self.reader).take(missing).read_buf(&mut frame).await? == 0 {
                return Ok(None);
            }
        }
        Ok(Some(Frame::Message { frame, body_start }))
    }

    /// Discards the rest of an oversized body; `false` at the end of the input.
    async fn discard_skipped(&mut self) -> io::Result<bool> {
        while self.skip > 0 {
            if self.start == self.buf.len() && !self.fill().await? {
                return Ok(false);
            }
            let dropped = self.skip.min(self.buf.len() - self.start);
            self.start += dropped;
            self.skip -= dropped;
        }
        Ok(true)
    }

    /// Reads more input after what is buffered; `false` at the end of the input.
    async fn fill(&mut self) -> io::Result<bool> {
        self.buf.drain(..self.start);
        self.start = 0;
        self.buf.reserve(READ_CHUNK);
        let read = (&mut self.reader).take(READ_CHUNK as u64).read_buf(&mut self.buf).await?;
        Ok(read > 0)
    }
}

/// The header of a frame whose body is `len` bytes: the only one the server writes.
fn header(len: usize) -> String {
    format!("Content-Length: {len}\r\n\r\n")
}

/// Appends `body` to `buf` as one whole frame.
pub(crate) fn write_frame(body: &[u8], buf: &mut Vec<u8>) {
    buf.extend_from_slice(header(body.len()).as_bytes());
    buf.extend_from_slice(body);
}

/// The `Content-Length` of a header block (without its final blank line). Other headers, such
/// as `Content-Type`, are ignored: the body is always read as UTF-8 JSON. The output side
/// (`output.rs`) follows the server's own frames with it too.
pub(crate) fn content_length(header: &[u8]) -> Result<usize, String> {
    let text = std::str::from_utf8(header).map_err(|_| "the header is not UTF-8".to_string())?;
    let mut length = None;
    for line in text.split("\r\n") {
        let Some((name, value)) = line.split_once(':') else {
            return Err(format!("`{}` is not a header line", shorten(line)));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let value = value.trim();
            let parsed =
                value.parse::<usize>().map_err(|_| format!("Content-Length `{}` is not a length", shorten(value)))?;
            length = Some(parsed);
        }
    }
    length.ok_or_else(|| "the header has no Content-Length".to_string())
}

/// Client bytes quoted in an answer are cut short.
fn shorten(text: &str) -> String {
    const LIMIT: usize = 40;
    match text.char_indices().nth(LIMIT) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;

    /// Every frame of `input` read in pieces of `piece` bytes, one line each.
    async fn frames(input: &[u8], piece: usize) -> Vec<String> {
        let (mut writer, reader) = tokio::io::duplex(piece);
        let input = input.to_vec();
        let writing = tokio::spawn(async move {
            use tokio::io::AsyncWriteExt;
            for chunk in input.chunks(piece) {
                writer.write_all(chunk).await.expect("write");
            }
        });
        let mut frames = InputFrames::new(reader);
        let mut shown = Vec::new();
        while let Some(frame) = frames.next().await.expect("read") {
            shown.push(match frame {
                Frame::Message { frame, body_start } => {
                    format!("message {:?}", String::from_utf8_lossy(&frame[body_start..]))
                }
                other => format!("{other:?}"),
            });
        }
        writing.await.expect("writer");
        shown
    }

    #[track_caller]
    fn check(input: &[u8], expect: Expect) {
        let runtime = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
        let whole = runtime.block_on(frames(input, 1 << 16));
        let bytewise = runtime.block_on(frames(input, 1));
        assert_eq!(whole, bytewise, "the result does not depend on how the input arrives");
        expect.assert_eq(&whole.join("\n"));
    }

    #[test]
    fn frames_are_cut_at_their_length() {
        check(
            b"Content-Length: 2\r\n\r\n{}content-length:3\r\nContent-Type: application/vscode-jsonrpc; charset=utf-16\r\n\r\n[1]\r\n\r\nContent-Length: 1\r\n\r\n5",
            expect![[r#"
                message "{}"
                message "[1]"
                message "5""#]],
        );
    }

    #[test]
    fn bad_headers_are_reported_then_skipped_to_the_next_frame() {
        check(
            b"Content-Length: abc\r\n\r\n{\"id\":1}Content-Length: 2\r\n\r\n{}Content-Type: x\r\n\r\n{}\
              Content-Length: 2\r\n\r\n[]garbage\r\nContent-Length: 2\r\n\r\n{}",
            expect![[r#"
                BadHeader("Content-Length `abc` is not a length")
                message "{}"
                BadHeader("the header has no Content-Length")
                message "[]"
                BadHeader("`garbage` is not a header line")
                message "{}""#]],
        );
    }

    #[test]
    fn endless_garbage_is_reported_once_and_not_kept() {
        let mut input = b"x".repeat(3 * MAX_HEADER);
        input.extend_from_slice(b"Content-Length: 2\r\n\r\n{}");
        check(
            &input,
            expect![[r#"
                BadHeader("no header end within 8192 bytes")
                message "{}""#]],
        );
    }

    #[test]
    fn oversized_bodies_are_reported_and_skipped() {
        let len = MAX_MESSAGE + 1;
        let mut input = format!("Content-Length: {len}\r\n\r\n").into_bytes();
        input.resize(input.len() + len, b'a');
        input.extend_from_slice(b"Content-Length: 2\r\n\r\n{}");
        let runtime = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
        let shown = runtime.block_on(frames(&input, 1 << 16));
        expect![[r#"
            TooLarge(67108865)
            message "{}""#]]
        .assert_eq(&shown.join("\n"));
    }

    #[test]
    fn a_frame_cut_off_by_the_end_of_input_is_dropped() {
        check(b"Content-Length: 2\r\n\r\n{}Content-Length: 9\r\n\r\n{", expect![[r#"message "{}""#]]);
    }
}
