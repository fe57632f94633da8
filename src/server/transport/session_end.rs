//! How a session ends, and the watch on the editor's process.
//!
//! The LSP specification asks for exit code 0 after `shutdown` and 1 otherwise. An editor that
//! crashes may leave the server's input open (another process can hold the pipe), so the server
//! also watches the `processId` the editor gave in `initialize`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

/// How often the editor's process is checked: cheap (one system call) and soon enough.
const CLIENT_CHECK: Duration = Duration::from_secs(2);

/// How a session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionEnd {
    /// `exit`, or the end of the input, after `shutdown`.
    Clean,
    /// `exit`, or the end of the input, without `shutdown` first.
    WithoutShutdown,
    /// The editor's process died.
    ClientGone,
}

impl SessionEnd {
    /// The process exit code the LSP specification asks for.
    pub fn exit_code(self) -> u8 {
        match self {
            SessionEnd::Clean => 0,
            SessionEnd::WithoutShutdown | SessionEnd::ClientGone => 1,
        }
    }
}

/// What the session has been through; shared by the transport and the server.
#[derive(Debug, Default)]
pub struct Lifecycle {
    shutdown: AtomicBool,
    client_gone: AtomicBool,
    gone: Notify,
}

impl Lifecycle {
    /// The server answered `shutdown`.
    pub fn shutdown_requested(&self) {
        self.shutdown.store(true, Ordering::Release);
    }

    pub(super) fn end(&self) -> SessionEnd {
        if self.client_gone.load(Ordering::Acquire) {
            SessionEnd::ClientGone
        } else if self.shutdown.load(Ordering::Acquire) {
            SessionEnd::Clean
        } else {
            SessionEnd::WithoutShutdown
        }
    }

    /// Completes when the editor's process has died.
    pub(super) async fn client_gone(&self) {
        self.gone.notified().await;
    }

    /// Ends the session when process `pid` (the editor, from `initialize`) is gone. `None`
    /// (`processId: null`, a client without a process) watches nothing; so does any platform
    /// but unix.
    pub fn watch_client(self: &Arc<Self>, pid: Option<u32>) {
        let Some(pid) = pid.filter(|&pid| process::can_watch(pid)) else { return };
        // An editor in another pid namespace (a container, a sandbox) passes a pid this process
        // cannot see; watching it would stop the server at once.
        if !process::is_alive(pid) {
            tracing::info!("the editor's process {pid} is not visible from here; not watching it");
            return;
        }
        let lifecycle = Arc::clone(self);
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(CLIENT_CHECK);
            loop {
                ticks.tick().await;
                if !process::is_alive(pid) {
                    tracing::warn!("the editor's process {pid} is gone; stopping");
                    lifecycle.client_gone.store(true, Ordering::Release);
                    lifecycle.gone.notify_one();
                    return;
                }
            }
        });
    }
}

#[cfg(unix)]
mod process {
    /// Pid 0 and negative pids name process groups, not one process.
    pub fn can_watch(pid: u32) -> bool {
        libc::pid_t::try_from(pid).is_ok_and(|pid| pid > 0)
    }

    pub fn is_alive(pid: u32) -> bool {
        let Ok(pid) = libc::pid_t::try_from(pid) else { return true };
        // SAFETY: signal 0 sends nothing; `kill` only checks that the process exists and may
        // be signalled.
        let status = unsafe { libc::kill(pid, 0) };
        // EPERM: it exists but belongs to another user.
        status == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
}

#[cfg(not(unix))]
mod process {
    pub fn can_watch(_: u32) -> bool {
        false
    }

    pub fn is_alive(_: u32) -> bool {
        true
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::process;

    #[test]
    fn a_process_is_alive_until_it_is_reaped() {
        assert!(process::is_alive(std::process::id()));
        let mut child = std::process::Command::new("sleep").arg("30").spawn().expect("spawn sleep");
        assert!(process::is_alive(child.id()));
        child.kill().expect("kill");
        child.wait().expect("reap");
        assert!(!process::is_alive(child.id()));
        assert!(!process::can_watch(0));
    }
}
