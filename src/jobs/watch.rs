//! `set -b` while the line editor waits: a thread reports background job changes at once.
//!
//! The job table belongs to the single-threaded shell, so the thread works on a snapshot
//! taken before the prompt and never reaps: it wakes on the signal self-pipe, peeks at each
//! live process with `waitid(..., WNOWAIT)` and hands the notice to the editor's printer,
//! which draws it above the line being edited. The main thread reaps after the read as
//! usual; `notify` then skips the notices the thread already printed.

use std::sync::Mutex;
use std::thread::JoinHandle;

use nix::sys::wait::{Id, WaitPidFlag, WaitStatus, waitid};

use super::table::{JobState, JobTable};
use crate::shell::Shell;
use crate::sys;
use crate::sys::process::WaitStatus as Status;

/// (job id, pgid, state) of the notices the thread printed since the last `notify`.
static PRINTED: Mutex<Vec<(usize, i32, JobState)>> = Mutex::new(Vec::new());

/// True when the watcher already told the user that job `id` reached `state`.
pub fn printed(id: usize, pgid: i32, state: JobState) -> bool {
    PRINTED
        .lock()
        .map(|p| p.contains(&(id, pgid, state)))
        .unwrap_or(false)
}

/// `notify` has dealt with every change: start afresh.
pub fn forget_printed() {
    if let Ok(mut p) = PRINTED.lock() {
        p.clear();
    }
}

/// The jobs to watch during the next read, when `set -b` is on and some job is still live.
pub fn snapshot(sh: &Shell) -> Option<JobTable> {
    if !sh.options.notify || !sh.options.interactive || sh.is_subshell {
        return None;
    }
    let live = sh
        .jobs
        .jobs
        .iter()
        .any(|j| !j.foreground && !j.foreign && j.state != JobState::Done);
    if !live {
        return None;
    }
    let mut t = sh.jobs.snapshot();
    for j in &mut t.jobs {
        j.notified = true;
    }
    Some(t)
}

/// A running watcher thread; [`Watcher::stop`] ends it before the shell touches its jobs.
pub struct Watcher {
    stop_w: i32,
    stop_r: i32,
    thread: Option<JoinHandle<()>>,
}

impl Watcher {
    /// Starts watching `table`; each notice goes to `sink` (without its newline).
    pub fn start(mut table: JobTable, mut sink: Box<dyn FnMut(String) + Send>) -> Option<Watcher> {
        let (stop_r, stop_w) = sys::fd::pipe().ok()?;
        let wake = sys::signal::wake_fd();
        // The thread starts with every signal blocked, so signals interrupt the main thread's
        // read (a hangup must end it) and never run their handler here.
        let mask = sys::signal::block_all();
        let thread = std::thread::Builder::new()
            .name("set-b".into())
            .spawn(move || {
                // A child may have changed before the thread started.
                peek(&mut table, &mut sink);
                loop {
                    let (woke, stop) = sys::fd::poll_two(wake, stop_r, -1);
                    if stop {
                        return;
                    }
                    if woke {
                        sys::signal::drain();
                        peek(&mut table, &mut sink);
                    }
                }
            });
        sys::signal::set_mask(&mask);
        match thread {
            Ok(t) => Some(Watcher {
                stop_w,
                stop_r,
                thread: Some(t),
            }),
            Err(_) => {
                sys::fd::close(stop_r);
                sys::fd::close(stop_w);
                None
            }
        }
    }

    pub fn stop(mut self) {
        self.finish();
    }

    fn finish(&mut self) {
        if let Some(t) = self.thread.take() {
            sys::fd::write_all(self.stop_w, b"x");
            let _ = t.join();
            sys::fd::close(self.stop_w);
            sys::fd::close(self.stop_r);
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Looks (without reaping) at every live process of the snapshot and reports jobs whose
/// state changed.
fn peek(table: &mut JobTable, sink: &mut Box<dyn FnMut(String) + Send>) {
    let flags =
        WaitPidFlag::WEXITED | WaitPidFlag::WSTOPPED | WaitPidFlag::WNOHANG | WaitPidFlag::WNOWAIT;
    let pids: Vec<i32> = table
        .jobs
        .iter()
        .filter(|j| !j.foreground && !j.foreign)
        .flat_map(|j| j.live_pids())
        .collect();
    for pid in pids {
        match waitid(Id::Pid(nix::unistd::Pid::from_raw(pid)), flags) {
            Ok(WaitStatus::Exited(_, c)) => {
                table.record(pid, Status::Exited(c));
            }
            Ok(WaitStatus::Signaled(_, sig, core)) => {
                table.record(
                    pid,
                    Status::Signaled {
                        sig: sig as i32,
                        core,
                    },
                );
            }
            Ok(WaitStatus::Stopped(_, sig)) => {
                table.record(pid, Status::Stopped(sig as i32));
            }
            _ => {}
        }
    }
    let changed: Vec<(usize, i32, JobState)> = table
        .jobs
        .iter()
        .filter(|j| !j.notified && j.state != JobState::Running)
        .map(|j| (j.id, j.pgid, j.state))
        .collect();
    for (id, pgid, state) in changed {
        let text = table.describe(id, false);
        if let Ok(mut p) = PRINTED.lock() {
            p.push((id, pgid, state));
        }
        if let Some(j) = table.find_id_mut(id) {
            j.notified = true;
        }
        let text = String::from_utf8_lossy(&text);
        sink(text.trim_end_matches('\n').to_string());
    }
}
