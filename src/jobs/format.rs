//! How jobs are shown: `jobs`, `jobs -l`, stop and Done notices, in bash's layout
//! (`[1]+  Stopped                 sleep 30`), which is the POSIX format with a padded state.

/// The state of a process or a job, as shown to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Running,
    /// Stopped by this signal.
    Stopped(i32),
    /// Exited with this code.
    Exited(i32),
    /// Killed by this signal (core dumped?).
    Signaled(i32, bool),
}

impl Status {
    /// The value of `$?` for it: the exit code, or 128 + the signal.
    pub fn exit_code(self) -> i32 {
        match self {
            Status::Running => 0,
            Status::Exited(c) => c,
            Status::Stopped(s) | Status::Signaled(s, _) => 128 + s,
        }
    }
}

/// Width of the state column (`Stopped` plus padding).
const STATE_WIDTH: usize = 24;

/// The state words: `Running`, `Stopped`, `Stopped (tty input)`, `Done`, `Exit 3`,
/// `Terminated`, `Killed`, `Segmentation fault (core dumped)`.
pub fn status_text(status: Status) -> String {
    match status {
        Status::Running => "Running".into(),
        Status::Stopped(sig) => match sig {
            libc::SIGTSTP => "Stopped".into(),
            libc::SIGSTOP => "Stopped (signal)".into(),
            libc::SIGTTIN => "Stopped (tty input)".into(),
            libc::SIGTTOU => "Stopped (tty output)".into(),
            other => format!("Stopped ({})", signal_description(other)),
        },
        Status::Exited(0) => "Done".into(),
        Status::Exited(code) => format!("Exit {code}"),
        Status::Signaled(sig, core) => {
            let mut s = signal_description(sig).to_string();
            if core {
                s.push_str(" (core dumped)");
            }
            s
        }
    }
}

/// What a signal is called in job notices (the C library's descriptions).
pub fn signal_description(sig: i32) -> String {
    let s = match sig {
        libc::SIGHUP => "Hangup",
        libc::SIGINT => "Interrupt",
        libc::SIGQUIT => "Quit",
        libc::SIGILL => "Illegal instruction",
        libc::SIGTRAP => "Trace/breakpoint trap",
        libc::SIGABRT => "Aborted",
        libc::SIGBUS => "Bus error",
        libc::SIGFPE => "Floating point exception",
        libc::SIGKILL => "Killed",
        libc::SIGUSR1 => "User defined signal 1",
        libc::SIGSEGV => "Segmentation fault",
        libc::SIGUSR2 => "User defined signal 2",
        libc::SIGPIPE => "Broken pipe",
        libc::SIGALRM => "Alarm clock",
        libc::SIGTERM => "Terminated",
        libc::SIGCHLD => "Child exited",
        libc::SIGCONT => "Continued",
        libc::SIGSTOP => "Stopped (signal)",
        libc::SIGTSTP => "Stopped",
        libc::SIGTTIN => "Stopped (tty input)",
        libc::SIGTTOU => "Stopped (tty output)",
        libc::SIGURG => "Urgent I/O condition",
        libc::SIGXCPU => "CPU time limit exceeded",
        libc::SIGXFSZ => "File size limit exceeded",
        libc::SIGVTALRM => "Virtual timer expired",
        libc::SIGPROF => "Profiling timer expired",
        libc::SIGWINCH => "Window changed",
        libc::SIGIO => "I/O possible",
        libc::SIGPWR => "Power failure",
        libc::SIGSYS => "Bad system call",
        _ => return format!("Signal {sig}"),
    };
    s.to_string()
}

/// What the shell says when a foreground process was killed by `sig` (as dash does): nothing
/// for ^C or a broken pipe, else the signal (`Terminated`, `Segmentation fault (core dumped)`).
pub fn killed_notice(sig: i32, core: bool) -> Option<String> {
    if sig == libc::SIGINT || sig == libc::SIGPIPE {
        return None;
    }
    let mut msg = signal_description(sig);
    if core {
        msg.push_str(" (core dumped)");
    }
    msg.push('\n');
    Some(msg)
}

/// The mark after the job number: `+` current, `-` previous, blank otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Current,
    Previous,
    None,
}

impl Mark {
    fn ch(self) -> u8 {
        match self {
            Mark::Current => b'+',
            Mark::Previous => b'-',
            Mark::None => b' ',
        }
    }
}

fn pad_state(out: &mut Vec<u8>, status: Status) {
    let text = status_text(status);
    out.extend_from_slice(text.as_bytes());
    let pad = STATE_WIDTH.saturating_sub(text.len()).max(1);
    out.extend(std::iter::repeat_n(b' ', pad));
}

/// `[1]+  Running                 sleep 30 &` (with a newline). A running job's command gets
/// ` &`, as bash shows it.
pub fn job_line(id: usize, mark: Mark, status: Status, cmd: &[u8]) -> Vec<u8> {
    let mut out = format!("[{id}]").into_bytes();
    out.push(mark.ch());
    out.extend_from_slice(b"  ");
    pad_state(&mut out, status);
    out.extend_from_slice(cmd);
    if status == Status::Running {
        out.extend_from_slice(b" &");
    }
    out.push(b'\n');
    out
}

/// `jobs -l`: one line per process, the first with the job number and state:
/// `[1]+ 12345 Stopped                 sleep 30`, then `      12346                       | cat`.
pub fn job_lines_long(
    id: usize,
    mark: Mark,
    status: Status,
    procs: &[(i32, Option<Status>, &[u8])],
) -> Vec<u8> {
    let mut out = Vec::new();
    let head = format!("[{id}]{} ", mark.ch() as char);
    for (i, (pid, shown, cmd)) in procs.iter().enumerate() {
        if i == 0 {
            out.extend_from_slice(head.as_bytes());
            out.extend_from_slice(format!("{pid:>5} ").as_bytes());
            pad_state(&mut out, shown.unwrap_or(status));
        } else {
            out.extend(std::iter::repeat_n(b' ', head.len()));
            out.extend_from_slice(format!("{pid:>5} ").as_bytes());
            match shown {
                Some(st) => pad_state(&mut out, *st),
                None => out.extend(std::iter::repeat_n(b' ', STATE_WIDTH - 2)),
            }
            out.extend_from_slice(b"| ");
        }
        out.extend_from_slice(cmd);
        if i + 1 == procs.len() && status == Status::Running {
            out.extend_from_slice(b" &");
        }
        out.push(b'\n');
    }
    out
}

/// `[1] 12345`: what starting a background job prints in an interactive shell.
pub fn started_line(id: usize, pid: i32) -> Vec<u8> {
    format!("[{id}] {pid}\n").into_bytes()
}

/// `[1]+ sleep 30 &`: what `bg` prints.
pub fn bg_line(id: usize, mark: Mark, cmd: &[u8]) -> Vec<u8> {
    let mut out = format!("[{id}]{} ", mark.ch() as char).into_bytes();
    out.extend_from_slice(cmd);
    out.extend_from_slice(b" &\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: Vec<u8>) -> String {
        String::from_utf8(v).expect("utf8")
    }

    #[test]
    fn job_lines_match_bash() {
        assert_eq!(
            s(job_line(
                1,
                Mark::Current,
                Status::Stopped(libc::SIGTSTP),
                b"sleep 30"
            )),
            "[1]+  Stopped                 sleep 30\n"
        );
        assert_eq!(
            s(job_line(2, Mark::Previous, Status::Running, b"sleep 51")),
            "[2]-  Running                 sleep 51 &\n"
        );
        assert_eq!(
            s(job_line(3, Mark::None, Status::Exited(0), b"sleep 1")),
            "[3]   Done                    sleep 1\n"
        );
        assert_eq!(
            s(job_line(2, Mark::None, Status::Exited(3), b"( exit 3 )")),
            "[2]   Exit 3                  ( exit 3 )\n"
        );
        assert_eq!(
            s(job_line(
                3,
                Mark::Current,
                Status::Signaled(libc::SIGTERM, false),
                b"sleep 40"
            )),
            "[3]+  Terminated              sleep 40\n"
        );
        assert_eq!(
            s(job_line(
                3,
                Mark::Current,
                Status::Stopped(libc::SIGSTOP),
                b"sleep 40"
            )),
            "[3]+  Stopped (signal)        sleep 40\n"
        );
        assert_eq!(
            s(job_line(
                1,
                Mark::Current,
                Status::Signaled(libc::SIGSEGV, true),
                b"./crash"
            )),
            "[1]+  Segmentation fault (core dumped) ./crash\n"
        );
    }

    #[test]
    fn long_lines_match_bash() {
        let procs: [(i32, Option<Status>, &[u8]); 2] =
            [(13034, None, b"sleep 30"), (13035, None, b"cat")];
        assert_eq!(
            s(job_lines_long(1, Mark::Previous, Status::Running, &procs)),
            "[1]- 13034 Running                 sleep 30\n     13035                       | cat &\n"
        );
        let one: [(i32, Option<Status>, &[u8]); 1] = [(13062, None, b"sleep 40")];
        assert_eq!(
            s(job_lines_long(
                3,
                Mark::Current,
                Status::Stopped(libc::SIGSTOP),
                &one
            )),
            "[3]+ 13062 Stopped (signal)        sleep 40\n"
        );
        let mixed: [(i32, Option<Status>, &[u8]); 2] = [
            (13070, Some(Status::Exited(3)), b"( exit 3 )"),
            (13071, Some(Status::Stopped(libc::SIGSTOP)), b"sleep 100"),
        ];
        assert_eq!(
            s(job_lines_long(2, Mark::Current, Status::Stopped(libc::SIGSTOP), &mixed)),
            "[2]+ 13070 Exit 3                  ( exit 3 )\n     13071 Stopped (signal)        | sleep 100\n"
        );
    }

    #[test]
    fn other_lines() {
        assert_eq!(s(started_line(1, 4242)), "[1] 4242\n");
        assert_eq!(
            s(bg_line(3, Mark::Current, b"sleep 40")),
            "[3]+ sleep 40 &\n"
        );
        assert_eq!(Status::Signaled(2, false).exit_code(), 130);
        assert_eq!(Status::Stopped(libc::SIGTSTP).exit_code(), 148);
    }
}
