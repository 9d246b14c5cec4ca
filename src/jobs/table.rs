//! The job table: every asynchronous list and, with job control, every foreground job while it
//! runs (so a stop can keep it), with its processes and their statuses, so `$!`, `wait`, `jobs`,
//! `fg` and `bg` can report and act on them.

use nix::sys::termios::Termios;

use crate::jobs::format::{self, Mark, Status};
use crate::jobs::spec::{self, SpecError};
use crate::sys::process::{self, WaitStatus};

/// Where the ids of process substitutions' jobs start (see [`JobTable::add_substitution`]).
const SUBSTITUTION_IDS: usize = 1 << 40;

#[derive(Debug, Clone)]
pub struct Process {
    pub pid: i32,
    /// `None` while running; the last status reported by `waitpid` otherwise (a stopped
    /// process has `Some(Stopped)` until it is continued).
    pub status: Option<WaitStatus>,
    /// This member's command text (for `jobs -l`); may be empty.
    pub text: Vec<u8>,
}

impl Process {
    pub fn is_done(&self) -> bool {
        matches!(
            self.status,
            Some(WaitStatus::Exited(_) | WaitStatus::Signaled { .. })
        )
    }

    pub fn is_stopped(&self) -> bool {
        matches!(self.status, Some(WaitStatus::Stopped(_)))
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
    /// Started in the foreground and not (yet) stopped: not announced when it ends.
    pub foreground: bool,
    /// Runs in a process group of its own (job control was on when it started).
    pub own_group: bool,
    /// The terminal modes it had when it stopped, given back by `fg`.
    pub modes: Option<Termios>,
    /// `disown -h`: not sent SIGHUP when the shell exits.
    pub no_hup: bool,
    /// A job of the parent shell, seen from a command substitution (`kill $(jobs -p)`): shown
    /// and signalled, but not ours to wait for.
    pub foreign: bool,
    /// A process substitution's child: never listed or announced, kept only so that
    /// `wait $!` finds it, and forgotten once it has ended and another takes its place.
    pub substitution: bool,
    /// Recency for `%+`/`%-` (bigger is more recent).
    touched: u64,
}

impl Job {
    /// `$?` of the job: its last process's status (exit code or 128 + signal).
    pub fn status(&self) -> i32 {
        self.processes
            .last()
            .and_then(|p| p.status)
            .map_or(0, |s| s.code())
    }

    /// `set -o pipefail`: the last non-zero member status.
    pub fn pipefail_status(&self) -> i32 {
        self.processes
            .iter()
            .rev()
            .filter_map(|p| p.status)
            .map(|s| s.code())
            .find(|&c| c != 0)
            .unwrap_or(0)
    }

    fn update_state(&mut self) {
        if self.processes.iter().all(|p| p.is_done()) {
            self.state = JobState::Done;
        } else if self.processes.iter().all(|p| p.is_done() || p.is_stopped()) {
            self.state = JobState::Stopped;
        } else {
            self.state = JobState::Running;
        }
    }

    /// The status to show: running, the stop signal, or the last member's end.
    pub fn display_status(&self) -> Status {
        match self.state {
            JobState::Running => Status::Running,
            JobState::Stopped => {
                let sig = self
                    .processes
                    .iter()
                    .find_map(|p| match p.status {
                        Some(WaitStatus::Stopped(s)) => Some(s),
                        _ => None,
                    })
                    .unwrap_or(libc::SIGTSTP);
                Status::Stopped(sig)
            }
            JobState::Done => match self.processes.last().and_then(|p| p.status) {
                Some(WaitStatus::Signaled { sig, core }) => Status::Signaled(sig, core),
                Some(WaitStatus::Exited(c)) => Status::Exited(c),
                _ => Status::Exited(0),
            },
        }
    }

    /// Whether the job ended because its last member was killed by `sig`.
    pub fn killed_by(&self, sig: i32) -> bool {
        matches!(self.processes.last().and_then(|p| p.status), Some(WaitStatus::Signaled { sig: s, .. }) if s == sig)
    }

    /// Forget stop statuses: the job was continued.
    pub fn mark_running(&mut self) {
        for p in &mut self.processes {
            if p.is_stopped() {
                p.status = None;
            }
        }
        self.update_state();
    }

    /// Live member pids.
    pub fn live_pids(&self) -> impl Iterator<Item = i32> + '_ {
        self.processes
            .iter()
            .filter(|p| !p.is_done())
            .map(|p| p.pid)
    }
}

/// How a member's last `waitpid` status is shown.
fn process_status(st: WaitStatus) -> Status {
    match st {
        WaitStatus::Exited(c) => Status::Exited(c),
        WaitStatus::Signaled { sig, core } => Status::Signaled(sig, core),
        WaitStatus::Stopped(sig) => Status::Stopped(sig),
        WaitStatus::Continued => Status::Running,
    }
}

#[derive(Debug, Default)]
pub struct JobTable {
    pub jobs: Vec<Job>,
    clock: u64,
    /// `exit` (or Ctrl-D) warned about stopped jobs and no command but `exit` or `jobs` ran
    /// since: the next `exit` leaves.
    pub stopped_warned: bool,
    /// Job control was turned on (once per shell).
    pub started: bool,
    /// The controlling terminal, when job control holds one.
    pub terminal: Option<crate::jobs::control::Terminal>,
}

impl JobTable {
    /// Adds a background job and returns its number.
    pub fn add(&mut self, pgid: i32, pids: &[i32], command: String) -> usize {
        let procs = pids
            .iter()
            .map(|&pid| (pid, Vec::new()))
            .collect::<Vec<_>>();
        self.add_job(pgid, &procs, command, false, false)
    }

    /// Adds a job: its group, (pid, text) of each member, its text; `foreground` jobs are
    /// not announced; `own_group` when it was started under job control.
    pub fn add_job(
        &mut self,
        pgid: i32,
        procs: &[(i32, Vec<u8>)],
        command: String,
        foreground: bool,
        own_group: bool,
    ) -> usize {
        let id = self.jobs.iter().filter(|j| !j.substitution).map(|j| j.id).max().unwrap_or(0) + 1;
        self.clock += 1;
        self.jobs.push(Job {
            id,
            pgid,
            processes: procs
                .iter()
                .map(|(pid, text)| Process {
                    pid: *pid,
                    status: None,
                    text: text.clone(),
                })
                .collect(),
            command,
            state: JobState::Running,
            notified: foreground,
            foreground,
            own_group,
            modes: None,
            no_hup: false,
            foreign: false,
            substitution: false,
            touched: if foreground { 0 } else { self.clock },
        });
        id
    }

    /// Adds the child of a process substitution (`<(list)`), first forgetting those that
    /// have ended: they hold no job number the user can see, and a loop of substitutions
    /// must not fill the table.
    pub fn add_substitution(&mut self, pid: i32) {
        // Only the substitutions' own children: a pipeline being launched may have others.
        // (A foreign one is not ours to reap: see `exec::virtual_subshell`.)
        let live: Vec<i32> = self
            .jobs
            .iter()
            .filter(|j| j.substitution && !j.foreign && j.state != JobState::Done)
            .map(|j| j.pgid)
            .collect();
        for child in live {
            if let Ok(Some((pid, st))) = process::waitpid(child, process::WNOHANG) {
                self.record(pid, st);
            }
        }
        self.jobs.retain(|j| !(j.substitution && !j.foreign && j.state == JobState::Done));
        let number = self.add_job(pid, &[(pid, Vec::new())], String::new(), true, false);
        if let Some(j) = self.find_id_mut(number) {
            // Out of the range of job numbers (and unique: one per live pid), so `%1` is
            // the user's first job, as in bash.
            j.id = SUBSTITUTION_IDS + pid as usize;
            j.substitution = true;
        }
    }

    /// Adds a member to a job being launched.
    pub fn add_process(&mut self, id: usize, pid: i32, text: Vec<u8>) {
        if let Some(j) = self.find_id_mut(id) {
            j.processes.push(Process {
                pid,
                status: None,
                text,
            });
        }
    }

    /// Makes `id` the current job (`%+`), e.g. when it stops or is continued.
    pub fn touch(&mut self, id: usize) {
        self.clock += 1;
        let now = self.clock;
        if let Some(j) = self.find_id_mut(id) {
            j.touched = now;
        }
    }

    /// The job that has `pid` among its processes.
    pub fn find_pid(&self, pid: i32) -> Option<&Job> {
        self.jobs
            .iter()
            .find(|j| j.processes.iter().any(|p| p.pid == pid))
    }

    pub fn find_id(&self, id: usize) -> Option<&Job> {
        self.jobs.iter().find(|j| j.id == id)
    }

    pub fn find_id_mut(&mut self, id: usize) -> Option<&mut Job> {
        self.jobs.iter_mut().find(|j| j.id == id)
    }

    /// Records a status reported by `waitpid`; false when the pid is not ours.
    pub fn record(&mut self, pid: i32, status: WaitStatus) -> bool {
        self.clock += 1;
        let now = self.clock;
        for job in &mut self.jobs {
            if let Some(p) = job.processes.iter_mut().find(|p| p.pid == pid) {
                p.status = match status {
                    WaitStatus::Continued => None,
                    s => Some(s),
                };
                let before = job.state;
                job.update_state();
                if job.state != before {
                    job.notified = false;
                    if job.state == JobState::Stopped {
                        // A stopped job becomes the current one.
                        job.touched = now;
                    }
                }
                return true;
            }
        }
        false
    }

    /// Collects every status change without blocking.
    pub fn reap(&mut self) {
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
        self.jobs
            .iter()
            .any(|j| j.state == JobState::Running && !j.foreign)
    }

    pub fn any_stopped(&self) -> bool {
        self.jobs.iter().any(|j| j.state == JobState::Stopped)
    }

    /// A command substitution still sees the parent's jobs (bash: `kill $(jobs -p)`), as
    /// foreign ones it cannot wait for.
    pub fn inherit(&mut self) {
        for j in &mut self.jobs {
            j.foreign = true;
        }
        self.stopped_warned = false;
    }

    /// A subshell starts with no jobs of its own (the terminal stays known: a job member
    /// still needs it to take the foreground right after fork).
    pub fn clear(&mut self) {
        self.jobs.clear();
        self.stopped_warned = false;
    }

    /// The jobs `%+` and `%-` would pick: stopped jobs first, then the most recent.
    fn ranked(&self) -> Vec<usize> {
        let mut v: Vec<&Job> = self.jobs.iter().filter(|j| !j.foreground).collect();
        v.sort_by_key(|j| (j.state == JobState::Stopped, j.touched));
        v.iter().rev().map(|j| j.id).collect()
    }

    /// `%+`.
    pub fn current(&self) -> Option<usize> {
        self.ranked().first().copied()
    }

    /// `%-`.
    pub fn previous(&self) -> Option<usize> {
        self.ranked().get(1).copied()
    }

    pub fn mark(&self, id: usize) -> Mark {
        let r = self.ranked();
        if r.first() == Some(&id) {
            Mark::Current
        } else if r.get(1) == Some(&id) {
            Mark::Previous
        } else {
            Mark::None
        }
    }

    /// Resolves a job spec (`%1`, `%+`, `%-`, `%str`, `%?str`) to a job number.
    pub fn resolve(&self, arg: &[u8]) -> Result<usize, SpecError> {
        let spec = spec::parse(arg).ok_or(SpecError::NoSuchJob)?;
        let visible: Vec<(usize, &[u8])> = self
            .jobs
            .iter()
            .filter(|j| !j.foreground)
            .map(|j| (j.id, j.command.as_bytes()))
            .collect();
        spec::resolve(&spec, visible, self.current(), self.previous())
    }

    /// A copy of the jobs alone (no terminal), for the `set -b` watcher thread.
    pub fn snapshot(&self) -> JobTable {
        JobTable {
            jobs: self.jobs.clone(),
            clock: self.clock,
            ..JobTable::default()
        }
    }

    /// The `jobs` line(s) of job `id`.
    pub fn describe(&self, id: usize, long: bool) -> Vec<u8> {
        let Some(j) = self.find_id(id) else {
            return Vec::new();
        };
        let status = j.display_status();
        let mark = self.mark(id);
        if long {
            let procs: Vec<(i32, Option<Status>, &[u8])> =
                if j.processes.iter().all(|p| !p.text.is_empty()) {
                    // bash: a member's state is shown when it differs from the first member's;
                    // it reads Running while the job runs, else the member's own state.
                    let first = j.processes.first().map(|p| p.status);
                    j.processes
                        .iter()
                        .enumerate()
                        .map(|(i, p)| {
                            let shown = (i == 0 || Some(p.status) != first).then(|| {
                                if j.state == JobState::Running {
                                    Status::Running
                                } else {
                                    p.status.map_or(Status::Running, process_status)
                                }
                            });
                            (p.pid, shown, p.text.as_slice())
                        })
                        .collect()
                } else {
                    vec![(j.pgid, None, j.command.as_bytes())]
                };
            format::job_lines_long(id, mark, status, &procs)
        } else {
            format::job_line(id, mark, status, j.command.as_bytes())
        }
    }
}
