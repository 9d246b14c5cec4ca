//! The job table: every asynchronous list (and, with job control, every stopped job) with its
//! processes and their statuses, so `$!`, `wait` and `jobs` can report them.

use crate::sys::process::{self, WaitStatus};

#[derive(Debug, Clone)]
pub struct Process {
    pub pid: i32,
    /// `None` while running; the last status reported by `waitpid` otherwise (a stopped
    /// process has `Some(Stopped)` until it is continued).
    pub status: Option<WaitStatus>,
}

impl Process {
    pub fn is_done(&self) -> bool {
        matches!(self.status, Some(WaitStatus::Exited(_) | WaitStatus::Signaled { .. }))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobState {
    Running,
    Stopped,
    Done,
}

#[derive(Debug, Clone)]
pub struct Job {
    /// The `%n` number.
    pub id: usize,
    /// Process group (the first member's pid; equal to it without job control, too).
    pub pgid: i32,
    pub processes: Vec<Process>,
    /// The command as the user wrote it (may be empty when unknown).
    pub command: String,
    pub state: JobState,
    /// The user was told about its last state change.
    pub notified: bool,
}

impl Job {
    /// `$?` of the job: its last process's status (exit code or 128 + signal).
    pub fn status(&self) -> i32 {
        self.processes.last().and_then(|p| p.status).map_or(0, |s| s.code())
    }

    fn update_state(&mut self) {
        if self.processes.iter().all(|p| p.is_done()) {
            self.state = JobState::Done;
        } else if self
            .processes
            .iter()
            .all(|p| p.is_done() || matches!(p.status, Some(WaitStatus::Stopped(_))))
        {
            self.state = JobState::Stopped;
        } else {
            self.state = JobState::Running;
        }
    }
}

#[derive(Debug, Default)]
pub struct JobTable {
    pub jobs: Vec<Job>,
}

impl JobTable {
    /// Adds a job and returns its number.
    pub fn add(&mut self, pgid: i32, pids: &[i32], command: String) -> usize {
        let id = self.jobs.iter().map(|j| j.id).max().unwrap_or(0) + 1;
        self.jobs.push(Job {
            id,
            pgid,
            processes: pids.iter().map(|&pid| Process { pid, status: None }).collect(),
            command,
            state: JobState::Running,
            notified: false,
        });
        id
    }

    /// The job that has `pid` among its processes.
    pub fn find_pid(&self, pid: i32) -> Option<&Job> {
        self.jobs.iter().find(|j| j.processes.iter().any(|p| p.pid == pid))
    }

    pub fn find_id(&self, id: usize) -> Option<&Job> {
        self.jobs.iter().find(|j| j.id == id)
    }

    /// Records a status reported by `waitpid`; false when the pid is not ours.
    pub fn record(&mut self, pid: i32, status: WaitStatus) -> bool {
        for job in &mut self.jobs {
            if let Some(p) = job.processes.iter_mut().find(|p| p.pid == pid) {
                p.status = match status {
                    WaitStatus::Continued => None,
                    s => Some(s),
                };
                job.update_state();
                job.notified = false;
                return true;
            }
        }
        false
    }

    /// Collects every status change without blocking.
    pub fn reap(&mut self) {
        if self.jobs.is_empty() {
            // Still reap strays (e.g. children of an exec'd command), they are nobody's.
        }
        let flags = process::WNOHANG | process::WUNTRACED | process::WCONTINUED;
        while let Ok(Some((pid, st))) = process::waitpid(-1, flags) {
            self.record(pid, st);
        }
    }

    pub fn remove(&mut self, id: usize) {
        self.jobs.retain(|j| j.id != id);
    }

    /// Whether any job still has a live (running or stopped) process.
    pub fn any_running(&self) -> bool {
        self.jobs.iter().any(|j| j.state == JobState::Running)
    }

    /// A subshell starts with no jobs of its own.
    pub fn clear(&mut self) {
        self.jobs.clear();
    }
}
