//! Interactive transcripts: a file or section marked `(pty)` (see `sections.rs`) runs in a
//! pseudo-terminal, with the shell interactive (`-i`, prompt `$ `, continuation prompt `> `),
//! and what is compared is the screen a person would see, rendered by a terminal emulator (vt100), not raw bytes.
//!
//! Input lines: `  $ text` types the text and Enter (`  > text` likewise, for continuation
//! lines); inside them `<Tab>`, `<Esc>`, `<Up>`/`<Down>`/`<Left>`/`<Right>`, `<BS>` and
//! `<C-x>` (Ctrl and a letter) stand for keys. A line that is only `^X` (`^C`, `^Z`, `^D`, `^R`,
//! `^\`...) or only `<Key>` sends that key without Enter. The lines below an input are the rows
//! the screen shows after it, without the echo of what was typed (a key's echo, `^C`, when it
//! reads as the input line; a command's prompt rows whatever the editor made of the keys: its
//! output shows what `<Tab>` completed).
//!
//! Nothing waits for a time: after each input the runner waits until the shell shows a fresh
//! prompt (it owns the terminal again, and the cursor sits after `$ ` on an empty row), or, while
//! a job is in the foreground (having exec'd) and waits for something outside it (keys, a
//! sleep, its pipeline: the kernel says which system call blocks it), until the expected rows
//! are on the screen, or until the shell exits. A job still at work never ends a step: the rows
//! seen so far may be only the start of its output, and a command typed then would reach the
//! terminal before the prompt (echoed there in cooked mode, then again by the line editor). A
//! step whose condition never comes ends the file at its timeout.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::AsFd;
use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};

use super::annotate::Annotations;
use super::run::Env;

const ROWS: u16 = 24;
const COLS: u16 = 80;
/// How long a step waits for expected rows that do not appear while a job runs (only a
/// failing file waits this long).
const STEP_GIVE_UP: Duration = Duration::from_secs(3);

/// One thing the runner types, with the expected rows that follow it.
struct Step {
    /// The input lines (without indent and newline), as written.
    inputs: Vec<Vec<u8>>,
    /// Their bytes as keys.
    keys: Vec<u8>,
    /// Typed at the prompt (a `$ ` line), rather than keys to whatever runs.
    command: bool,
    /// Index of the step's last input line in the file.
    last_line: usize,
    /// The expected rows (whole file lines, indent and newline included).
    expected: Vec<Vec<u8>>,
}

enum Kind {
    Prose,
    Command,
    Continuation,
    Key,
    Output,
}

fn classify(line: &[u8], pad: &[u8]) -> Kind {
    let Some(body) = line.strip_prefix(pad) else { return Kind::Prose };
    let body = body.strip_suffix(b"\n").unwrap_or(body);
    if body.starts_with(b"$ ") || body == b"$" {
        Kind::Command
    } else if body.starts_with(b"> ") {
        Kind::Continuation
    } else if is_key_line(body) {
        Kind::Key
    } else {
        Kind::Output
    }
}

fn is_key_line(body: &[u8]) -> bool {
    match body {
        [b'^', c] => c.is_ascii_uppercase() || b"@[\\]^_?".contains(c),
        [b'<', .., b'>'] => key(&body[1..body.len() - 1]).is_some(),
        _ => false,
    }
}

/// The bytes of a named key (`Tab`, `C-r`...).
fn key(name: &[u8]) -> Option<Vec<u8>> {
    Some(match name {
        b"Tab" => b"\t".to_vec(),
        b"Esc" => b"\x1b".to_vec(),
        b"Enter" => b"\r".to_vec(),
        b"BS" => b"\x7f".to_vec(),
        b"Up" => b"\x1b[A".to_vec(),
        b"Down" => b"\x1b[B".to_vec(),
        b"Right" => b"\x1b[C".to_vec(),
        b"Left" => b"\x1b[D".to_vec(),
        [b'C', b'-', c] if c.is_ascii_alphabetic() => vec![c.to_ascii_uppercase() ^ 0x40],
        _ => return None,
    })
}

/// The keys for a typed text, `<Key>` names replaced.
fn keys_of(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if text[i] == b'<'
            && let Some(len) = text[i..].iter().position(|&b| b == b'>')
            && let Some(k) = key(&text[i + 1..i + len])
        {
            out.extend_from_slice(&k);
            i += len + 1;
            continue;
        }
        out.push(text[i]);
        i += 1;
    }
    out
}

/// The steps, and which lines are expected output (replaced by the actual rows).
impl Step {
    fn ends_job(&self) -> bool {
        !self.command && matches!(self.keys.as_slice(), [0x03 | 0x04 | 0x1a | 0x1c])
    }
}

fn steps(lines: &[Vec<u8>], indent: usize) -> (Vec<Step>, Vec<bool>) {
    let pad = vec![b' '; indent];
    let mut steps: Vec<Step> = Vec::new();
    let mut is_output = vec![false; lines.len()];
    for (i, line) in lines.iter().enumerate() {
        let body = || line[indent.min(line.len())..].strip_suffix(b"\n").unwrap_or(&line[indent..]).to_vec();
        match classify(line, &pad) {
            Kind::Prose => {}
            Kind::Command => {
                let text = body();
                let mut keys = keys_of(text.get(2..).unwrap_or_default());
                keys.push(b'\r');
                steps.push(Step { inputs: vec![text], keys, command: true, last_line: i, expected: Vec::new() });
            }
            Kind::Continuation if steps.last().is_some_and(|s| s.command && s.expected.is_empty()) => {
                let step = steps.last_mut().expect("checked");
                let text = body();
                step.keys.extend(keys_of(&text[2..]));
                step.keys.push(b'\r');
                step.inputs.push(text);
                step.last_line = i;
            }
            Kind::Key => {
                let text = body();
                let keys = match text.as_slice() {
                    [b'^', c] => vec![c ^ 0x40],
                    _ => keys_of(&text),
                };
                steps.push(Step { inputs: vec![text], keys, command: false, last_line: i, expected: Vec::new() });
            }
            Kind::Continuation | Kind::Output => {
                is_output[i] = true;
                if let Some(step) = steps.last_mut() {
                    step.expected.push(line.clone());
                }
            }
        }
    }
    (steps, is_output)
}

/// The shell on its terminal, and the screen it drew.
struct Term {
    master: File,
    parser: vt100::Parser,
    child: Child,
    shell_pid: i32,
    /// Bytes read so far.
    received: usize,
    eof: bool,
}

impl Term {
    /// Reads what the shell wrote, waiting for it until `until` at the most.
    fn pump(&mut self, until: Instant) {
        let left = until.saturating_duration_since(Instant::now());
        let ms = left.as_millis().min(50) as i32;
        let mut fds = [PollFd::new(self.master.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, PollTimeout::try_from(ms).unwrap_or(PollTimeout::ZERO)) {
            Ok(n) if n > 0 => {}
            _ => return,
        }
        self.read_some();
    }

    /// One read of the master (non-blocking); false when nothing was there.
    fn read_some(&mut self) -> bool {
        let mut buf = [0; 8192];
        match self.master.read(&mut buf) {
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => false,
            Ok(0) | Err(_) => {
                self.eof = true;
                false
            }
            Ok(n) => {
                let chunk = &buf[..n];
                self.parser.process(chunk);
                self.received += n;
                // Line editors ask where the cursor is; a terminal answers.
                if chunk.windows(4).any(|w| w == b"\x1b[6n") {
                    let (row, col) = self.parser.screen().cursor_position();
                    self.send(format!("\x1b[{};{}R", row + 1, col + 1).as_bytes());
                }
                true
            }
        }
    }

    /// Reads everything the shell has written so far, without waiting. A read (unlike poll)
    /// first lets the kernel hand over what the shell's writes have queued, so after a job's
    /// write has returned, its bytes are read here.
    fn drain(&mut self) {
        while !self.eof && self.read_some() {}
    }

    /// Types the keys (the master is non-blocking: a full input queue is waited out).
    fn send(&mut self, mut keys: &[u8]) {
        while !keys.is_empty() {
            match self.master.write(keys) {
                Ok(n) => keys = &keys[n..],
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    let mut fds = [PollFd::new(self.master.as_fd(), PollFlags::POLLOUT)];
                    let _ = poll(&mut fds, PollTimeout::from(50u16));
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return,
            }
        }
    }

    fn foreground(&self) -> Option<i32> {
        nix::unistd::tcgetpgrp(self.master.as_fd()).ok().map(|p| p.as_raw())
    }

    fn shell_owns_terminal(&self) -> bool {
        self.foreground() == Some(self.shell_pid)
    }

    /// A job has the terminal and each of its processes runs its own program (a signal sent
    /// before exec would reach the shell's code in the child): its processes.
    fn running_job(&self) -> Option<Vec<Proc>> {
        let pg = self.foreground().filter(|&pg| pg != self.shell_pid)?;
        let all = processes();
        // Each running child of the shell is in that group (none still on its way).
        let children_in = all
            .iter()
            .filter(|p| p.ppid == self.shell_pid && !matches!(p.state, 'T' | 't' | 'Z' | 'X'))
            .all(|p| p.pgrp == pg && p.comm != "chitin");
        let members: Vec<Proc> = all.into_iter().filter(|p| p.pgrp == pg).collect();
        // Not stopped or ended either: the shell is about to take the terminal back.
        let running = children_in
            && !members.is_empty()
            && members.iter().all(|p| p.comm != "chitin" && !matches!(p.state, 'T' | 't' | 'Z' | 'X'))
            && self.shell_waits();
        running.then_some(members)
    }

    /// A job has the terminal and waits for something outside it (keys, time, another
    /// member of its pipeline): until then it may print more, so rows that match what is
    /// expected may only be the start of its output.
    fn job_waits(&self) -> bool {
        self.running_job()
            .is_some_and(|members| members.iter().all(|p| p.state == 'S' && waits_outside(p.pid)))
    }

    /// The line editor has the terminal in raw mode: what is typed now goes to it, rather than
    /// being echoed by the terminal as type-ahead.
    fn editing(&self) -> bool {
        nix::sys::termios::tcgetattr(self.master.as_fd())
            .is_ok_and(|t| !t.local_flags.contains(nix::sys::termios::LocalFlags::ICANON))
    }

    /// The shell waits for its job: every member of a pipeline has been started (a key sent
    /// earlier would miss the members started after it, or reach one still running the
    /// shell's code, whose SIGINT handler would swallow a ^C). Where the kernel does not say,
    /// yes.
    fn shell_waits(&self) -> bool {
        let pid = self.shell_pid;
        if let Ok(syscall) = std::fs::read_to_string(format!("/proc/{pid}/syscall")) {
            return blocked_in_wait(&syscall);
        }
        // wchan is "0" while the process runs: between two forks, not waiting yet.
        match std::fs::read_to_string(format!("/proc/{pid}/wchan")) {
            Ok(w) if !w.is_empty() => w == "do_wait",
            _ => true,
        }
    }

    fn at_prompt(&self) -> bool {
        let screen = self.parser.screen();
        let (row, col) = screen.cursor_position();
        let line = screen.contents_between(row, 0, row, COLS);
        line.trim_end() == "$" && col == 2
    }

    /// The row of the cursor, counted from the first row ever shown.
    fn cursor_abs(&self) -> usize {
        self.parser.screen().scrollback_len() + usize::from(self.parser.screen().cursor_position().0)
    }

    /// Every row ever shown (scrolled off or on the screen), trailing blanks trimmed.
    fn history(&mut self) -> Vec<String> {
        let screen = self.parser.screen_mut();
        screen.set_scrollback(usize::MAX);
        let n = screen.scrollback();
        let mut rows = Vec::new();
        for k in (1..=n).rev() {
            screen.set_scrollback(k);
            rows.extend(screen.rows(0, COLS).next());
        }
        screen.set_scrollback(0);
        rows.extend(screen.rows(0, COLS));
        rows.into_iter().map(|r| r.trim_end().to_string()).collect()
    }

    /// The rows a step produced: from `start` to `end` (exclusive), the typed input's echo and
    /// trailing blank rows left out.
    fn step_rows(&mut self, start: usize, end: usize, inputs: &[Vec<u8>], command: bool) -> Vec<Vec<u8>> {
        let history = self.history();
        let mut rows: Vec<Vec<u8>> = history[start.min(history.len())..end.min(history.len())]
            .iter()
            .map(|r| r.as_bytes().to_vec())
            .collect();
        // A command's rows start with the prompt and what was typed, as the editor shows it
        // (`<Tab>` completed, `<C-r>` found): never compared, the command's output says.
        let echoed = rows
            .iter()
            .zip(inputs)
            .enumerate()
            .take_while(|(n, (r, i))| {
                r == i || (command && r.starts_with(if *n == 0 { b"$" } else { b">" }))
            })
            .count();
        rows.drain(..echoed);
        while rows.last().is_some_and(|r| r.is_empty()) {
            rows.pop();
        }
        rows
    }
}

struct Proc {
    state: char,
    ppid: i32,
    pgrp: i32,
    session: i32,
    pid: i32,
    comm: String,
}

/// The process is blocked in a system call that waits for the world outside it: reading (the
/// terminal, a pipe), sleeping, waiting for a child or a signal, polling, or writing to a full
/// pipe. Not one that is only slow (`mkdir` on a busy disk) nor a write to the terminal (the
/// runner is about to read it). Where the kernel does not say (no /proc, no permission), yes.
fn waits_outside(pid: i32) -> bool {
    let Ok(syscall) = std::fs::read_to_string(format!("/proc/{pid}/syscall")) else { return true };
    let mut fields = syscall.split_whitespace();
    let Some(Ok(nr)) = fields.next().map(str::parse::<libc::c_long>) else { return false };
    #[cfg(target_arch = "x86_64")]
    if [libc::SYS_select, libc::SYS_poll, libc::SYS_pause, libc::SYS_epoll_wait].contains(&nr) {
        return true;
    }
    let waiting = [
        libc::SYS_read,
        libc::SYS_readv,
        libc::SYS_pselect6,
        libc::SYS_ppoll,
        libc::SYS_nanosleep,
        libc::SYS_clock_nanosleep,
        libc::SYS_wait4,
        libc::SYS_waitid,
        libc::SYS_rt_sigsuspend,
        libc::SYS_epoll_pwait,
        // A sleep or poll stopped and continued (`fg`) goes on in this one.
        libc::SYS_restart_syscall,
    ];
    if waiting.contains(&nr) {
        return true;
    }
    // A write that waits for a reader: to a pipe.
    let fd = fields.next().and_then(|a| i64::from_str_radix(a.trim_start_matches("0x"), 16).ok());
    (nr == libc::SYS_write || nr == libc::SYS_writev)
        && fd.is_some_and(|fd| {
            std::fs::read_link(format!("/proc/{pid}/fd/{fd}")).is_ok_and(|l| l.as_os_str().as_encoded_bytes().starts_with(b"pipe:"))
        })
}

/// `/proc/PID/syscall` says the process is blocked waiting for a child (`running` while it
/// runs, between the forks of a pipeline's members).
fn blocked_in_wait(syscall: &str) -> bool {
    let nr = syscall.split_whitespace().next().and_then(|n| n.parse::<libc::c_long>().ok());
    nr.is_some_and(|nr| nr == libc::SYS_wait4 || nr == libc::SYS_waitid)
}

/// The processes on the machine, from /proc.
fn processes() -> Vec<Proc> {
    let mut out = Vec::new();
    let Ok(dir) = std::fs::read_dir("/proc") else { return out };
    for e in dir.flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<i32>().ok()) else { continue };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { continue };
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else { continue };
        let comm = stat[open + 1..close].to_string();
        let fields: Vec<&str> = stat[close + 1..].split_whitespace().collect();
        // state ppid pgrp session
        let num = |i: usize| fields.get(i).and_then(|f| f.parse().ok()).unwrap_or(-1);
        let state = fields.first().and_then(|f| f.chars().next()).unwrap_or('?');
        out.push(Proc { state, ppid: num(1), pgrp: num(2), session: num(3), pid, comm });
    }
    out
}

/// Runs the file in a pty: the actual lines (the file with each step's rows in place of its
/// expected ones), and whether the deadline passed first.
pub fn run(lines: &[Vec<u8>], indent: usize, env: &Env<'_>, timeout: Duration) -> std::io::Result<(Vec<Vec<u8>>, bool)> {
    let (steps, is_output) = steps(lines, indent);
    let pty = crate::sys::pty::open(ROWS, COLS)?;
    let mut cmd = Command::new(&env.shell[0]);
    cmd.args(&env.shell[1..]).arg("-i").current_dir(env.testtmp);
    if Path::new(&env.shell[0]).file_name().is_some_and(|n| n == "chitin" || n == "bash") {
        cmd.arg("--norc");
    }
    super::run::normalise(&mut cmd, env);
    cmd.env("TERM", "xterm").env("PS1", "$ ").env("PS2", "> ").env("LINES", ROWS.to_string());
    crate::sys::pty::attach(&mut cmd, &pty.slave)?;
    let child = cmd.spawn()?;
    drop(cmd);
    drop(pty.slave);
    let shell_pid = child.id() as i32;
    // Non-blocking reads tell "nothing yet" from "nothing" exactly (see `Term::drain`).
    let flags = nix::fcntl::fcntl(&pty.master, nix::fcntl::FcntlArg::F_GETFL)?;
    let flags = nix::fcntl::OFlag::from_bits_truncate(flags) | nix::fcntl::OFlag::O_NONBLOCK;
    nix::fcntl::fcntl(&pty.master, nix::fcntl::FcntlArg::F_SETFL(flags))?;
    let mut t = Term {
        master: File::from(pty.master),
        parser: vt100::Parser::new(
            std::num::NonZeroU16::new(ROWS).expect("rows"),
            std::num::NonZeroU16::new(COLS).expect("cols"),
            100_000,
        ),
        child,
        shell_pid,
        received: 0,
        eof: false,
    };
    let deadline = Instant::now() + timeout;
    let mut outputs: Vec<Option<Vec<Vec<u8>>>> = Vec::new();
    let mut timed_out = !wait(&mut t, deadline, |t| t.eof || (t.shell_owns_terminal() && t.at_prompt()));
    let mut ann = Annotations::default();
    for step in &steps {
        if timed_out || t.eof {
            outputs.push(None);
            continue;
        }
        // A command typed while the shell finishes its previous one would be echoed by the
        // terminal before the editor takes it: type it at the prompt.
        if step.command {
            timed_out = !wait(&mut t, deadline, |t| {
                t.eof || (t.shell_owns_terminal() && t.at_prompt() && t.editing()) || t.job_waits()
            });
        }
        // What the shell wrote before this step (the newline after the previous command, which
        // it writes before starting the job) belongs to the previous step: read it all, or the
        // step would start on the command's row when the job started before its echo was read.
        t.drain();
        let start = t.cursor_abs();
        let before = t.received;
        let was_at_prompt = t.at_prompt();
        t.send(&step.keys);
        let mut by_prompt = false;
        // While a job waits with the terminal, the expected rows are what is waited for: when
        // they do not come, the step gives up after a while (the file then fails on its diff, and
        // `--update` can record what the screen showed) and the next keys are sent.
        let give_up = Instant::now() + STEP_GIVE_UP;
        let done = wait(&mut t, deadline, |t| {
            if t.eof {
                return true;
            }
            // A fresh prompt: elsewhere than the one the step began at (redraws of that one do
            // not count).
            let fresh = !was_at_prompt || t.cursor_abs() != start;
            if t.received > before && fresh && t.shell_owns_terminal() && t.at_prompt() {
                by_prompt = true;
                return true;
            }
            // A job still at work has not printed all it will: the rows may match only the
            // start of its output, and the next command would be typed ahead of the prompt.
            if !t.job_waits() {
                return false;
            }
            // All it printed before it began to wait is to be read now.
            t.drain();
            if Instant::now() >= give_up {
                return true;
            }
            // ^C ^Z ^\ ^D end or stop the job, most of the time: until they have, the rows
            // the job has not printed yet cannot be told from rows it will never print.
            if step.ends_job() {
                return false;
            }
            let end = t.cursor_abs() + 1;
            let rows = t.step_rows(start, end, &step.inputs, step.command);
            rows.len() == step.expected.len()
                && rows.iter().zip(&step.expected).all(|(r, el)| {
                    let l = [&vec![b' '; indent][..], r, b"\n"].concat();
                    *el == l || ann.matches(el, &l)
                })
        });
        timed_out |= !done;
        let end = if by_prompt { t.cursor_abs() } else { t.cursor_abs() + 1 };
        outputs.push(Some(t.step_rows(start, end, &step.inputs, step.command)));
    }
    if std::env::var_os("CHITIN_TRANSCRIPT_DEBUG").is_some() {
        for (i, row) in t.history().iter().enumerate() {
            eprintln!("{i:3}|{row}");
        }
        eprintln!("timed_out={timed_out} eof={} outputs={:?}", t.eof, outputs);
    }
    // The session ends: every process in it goes.
    for p in processes().into_iter().filter(|p| p.session == shell_pid) {
        let _ = crate::sys::process::kill(p.pid, libc::SIGKILL);
    }
    let _ = t.child.kill();
    let _ = t.child.wait();

    let pad = vec![b' '; indent];
    let mut actual = Vec::new();
    let mut next = 0;
    for (i, line) in lines.iter().enumerate() {
        if !is_output[i] {
            actual.push(line.clone());
        }
        while next < steps.len() && steps[next].last_line == i {
            for row in outputs[next].iter().flatten() {
                actual.push([&pad[..], &super::escape::escape_output(row), b"\n"].concat());
            }
            next += 1;
        }
    }
    Ok((actual, timed_out))
}

/// Reads the terminal until `cond` holds (true) or the deadline passes (false).
fn wait(t: &mut Term, deadline: Instant, mut cond: impl FnMut(&mut Term) -> bool) -> bool {
    loop {
        if cond(t) {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        t.pump(deadline);
    }
}

#[cfg(test)]
mod tests {
    use super::blocked_in_wait;

    #[test]
    fn a_shell_waits_only_when_blocked_in_wait() {
        // The shell between two forks of a pipeline runs: its job is not all there yet.
        assert!(!blocked_in_wait("running\n"));
        assert!(blocked_in_wait(&format!("{} 0xffffffffffffffff 0x7ffd 0x2 0x0 0x0 0x0 0x7ffd 0x7f00\n", libc::SYS_wait4)));
        assert!(!blocked_in_wait(&format!("{} 0x0 0x0 0x0 0x0 0x0 0x0 0x7ffd 0x7f00\n", libc::SYS_read)));
    }
}
