//! The server's stdin and stdout as async byte streams.
//!
//! Editors start the server with pipes. Those are read and written with non-blocking I/O on the
//! runtime's reactor: tokio's own `stdin()`/`stdout()` hand every read and write to a blocking
//! thread, and at start-up, when thousands of `publishDiagnostics` go out, those hand-offs (a
//! thread wake-up each) cost more than the writes. Anything else (a terminal, a file, a socket)
//! keeps tokio's portable streams.

use tokio::io::{AsyncRead, AsyncWrite};

pub type Input = Box<dyn AsyncRead + Unpin + Send>;
pub type Output = Box<dyn AsyncWrite + Unpin + Send>;

pub fn streams() -> (Input, Output) {
    (input(), output())
}

#[cfg(unix)]
fn input() -> Input {
    use std::os::fd::AsFd;
    match std::io::stdin().as_fd().try_clone_to_owned().map(pipe::receiver) {
        Ok(Some(receiver)) => Box::new(receiver),
        _ => Box::new(tokio::io::stdin()),
    }
}

#[cfg(unix)]
fn output() -> Output {
    use std::os::fd::AsFd;
    match std::io::stdout().as_fd().try_clone_to_owned().map(pipe::sender) {
        Ok(Some(sender)) => Box::new(sender),
        _ => Box::new(tokio::io::stdout()),
    }
}

#[cfg(not(unix))]
fn input() -> Input {
    Box::new(tokio::io::stdin())
}

#[cfg(not(unix))]
fn output() -> Output {
    Box::new(tokio::io::stdout())
}

#[cfg(unix)]
mod pipe {
    use std::fs::File;
    use std::os::fd::OwnedFd;
    use std::os::unix::fs::FileTypeExt;

    use tokio::net::unix::pipe::{Receiver, Sender};

    fn is_fifo(fd: &OwnedFd) -> Option<File> {
        let file = File::from(fd.try_clone().ok()?);
        file.metadata().ok()?.file_type().is_fifo().then_some(file)
    }

    /// `None` unless `fd` is a pipe the reactor accepts.
    pub fn receiver(fd: OwnedFd) -> Option<Receiver> {
        is_fifo(&fd)?;
        Receiver::from_owned_fd(fd).inspect_err(|err| tracing::debug!("stdin stays blocking: {err}")).ok()
    }

    pub fn sender(fd: OwnedFd) -> Option<Sender> {
        is_fifo(&fd)?;
        Sender::from_owned_fd(fd).inspect_err(|err| tracing::debug!("stdout stays blocking: {err}")).ok()
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::fd::OwnedFd;

    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::pipe;

    #[tokio::test]
    async fn pipes_become_reactor_streams_and_carry_bytes() {
        let (reader, writer) = std::io::pipe().expect("pipe");
        let mut sender = pipe::sender(OwnedFd::from(writer)).expect("a pipe is accepted");
        let mut receiver = pipe::receiver(OwnedFd::from(reader)).expect("a pipe is accepted");
        sender.write_all(b"Content-Length: 2\r\n\r\n{}").await.expect("write");
        drop(sender);
        let mut got = String::new();
        receiver.read_to_string(&mut got).await.expect("read");
        assert_eq!(got, "Content-Length: 2\r\n\r\n{}");
    }

    #[tokio::test]
    async fn other_files_keep_the_portable_streams() {
        let file = std::fs::File::open(env!("CARGO_MANIFEST_DIR")).expect("open a folder");
        assert!(pipe::receiver(OwnedFd::from(file)).is_none());
    }
}
