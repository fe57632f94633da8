//! A bare `chant-lsp` typed at a terminal says on stderr what it is and what to run instead,
//! then serves; started by an editor (stdin a pipe) it says nothing.

use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::process::{Command, Stdio};

/// Runs `chant-lsp args` with a pseudo-terminal as stdin, on which an `exit` notification is
/// then typed; returns the exit code and stderr.
fn on_a_terminal(args: &[&str]) -> (Option<i32>, String) {
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty writes two new descriptors, owned below; the other arguments may be null.
    let rc =
        unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), std::ptr::null()) };
    assert_eq!(rc, 0, "openpty");
    // SAFETY: `slave` is an open terminal; a raw one passes bytes through without waiting for a
    // line end or echoing them.
    unsafe {
        let mut term: libc::termios = std::mem::zeroed();
        assert_eq!(libc::tcgetattr(slave, &mut term), 0, "tcgetattr");
        libc::cfmakeraw(&mut term);
        assert_eq!(libc::tcsetattr(slave, libc::TCSANOW, &term), 0, "tcsetattr");
    }
    // SAFETY: both descriptors were just opened and nothing else owns them.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let mut child = Command::new(env!("CARGO_BIN_EXE_chant-lsp"))
        .args(args)
        .stdin(Stdio::from(slave))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run chant-lsp");
    // The client typed at the terminal asks the server to exit.
    let exit = r#"{"jsonrpc":"2.0","method":"exit"}"#;
    let mut terminal = std::fs::File::from(master);
    write!(terminal, "Content-Length: {}\r\n\r\n{exit}", exit.len()).expect("write to the terminal");
    let mut stderr = String::new();
    child.stderr.take().expect("piped").read_to_string(&mut stderr).expect("read stderr");
    (child.wait().expect("wait").code(), stderr)
}

#[test]
fn bare_chant_lsp_on_a_terminal_says_what_it_is() {
    let (_, stderr) = on_a_terminal(&[]);
    let first = stderr.lines().next().unwrap_or_default();
    assert_eq!(first, chant_lsp::cli::command::TERMINAL_HINT);
    // Asked for by name, the server needs no introduction.
    let (_, stderr) = on_a_terminal(&["--stdio"]);
    assert!(!stderr.contains("speaks the Language Server Protocol"), "{stderr}");
}

#[test]
fn started_by_an_editor_it_says_nothing() {
    let out = Command::new(env!("CARGO_BIN_EXE_chant-lsp")).stdin(Stdio::null()).output().expect("run chant-lsp");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("speaks the Language Server Protocol"));
}
