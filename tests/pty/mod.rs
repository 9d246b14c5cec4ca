//! A pseudo-terminal test harness: runs a program as a session leader with a fresh pty as its
//! controlling terminal, types into it as a person would (control characters go through the line
//! discipline, so ^C and ^Z really send SIGINT and SIGTSTP to the foreground group), and waits for
//! conditions on the screen a person would see (a vt100 emulation of the output).
//!
//! Nothing here sleeps to wait: every wait polls the pty with a deadline and fails the test with
//! the screen contents when the deadline passes.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::os::fd::{AsFd, AsRawFd};
use std::path::PathBuf;
use std::process::Child;
use std::time::{Duration, Instant};

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};

/// The prompt every test shell uses, set in one place so tests survive prompt changes.
pub const PS1: &str = "$ ";
/// The secondary prompt (continuation lines).
pub const PS2: &str = "> ";

const ROWS: u16 = 50;
const COLS: u16 = 100;

/// How long any single wait may take. Generous: the machine may be busy, and a passing test
/// never waits this long.
fn timeout() -> Duration {
    let secs = std::env::var("PTY_TEST_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    Duration::from_secs(secs)
}

/// The shell under test.
pub fn chitin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_chitin"))
}

/// The probe helper (examples/probe.rs), built next to the shell binary. `cargo test` builds
/// examples, but `cargo test --test NAME` does not: build it (once per test binary) so a stale
/// probe is never used.
pub fn probe() -> PathBuf {
    static BUILT: std::sync::Once = std::sync::Once::new();
    let bin = chitin();
    let dir = bin.parent().expect("binary has a directory").to_path_buf();
    let path = dir.join("examples").join("probe");
    BUILT.call_once(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut cmd = std::process::Command::new(cargo);
        cmd.args(["build", "--quiet", "--example", "probe"]);
        if dir.file_name().is_some_and(|n| n == "release") {
            cmd.arg("--release");
        }
        let ok = cmd.status().is_ok_and(|s| s.success());
        assert!(ok || path.exists(), "building examples/probe failed");
    });
    path
}

/// One program running on its own pty.
pub struct Session {
    /// The terminal's master side; `None` once [`Session::hang_up`] closed it.
    pty: Option<pty_process::blocking::Pty>,
    child: Child,
    parser: vt100::Parser,
    raw: Vec<u8>,
    eof: bool,
    /// Numbers to hide in transcripts (pids), besides every run of 4+ digits.
    redact: Vec<String>,
    /// The session's own HOME (history file, startup files), removed when the session ends.
    home: std::path::PathBuf,
}

impl Session {
    /// Starts `program args` on a new pty with a small fixed environment.
    pub fn spawn(
        program: impl AsRef<std::ffi::OsStr>,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Session {
        let (pty, pts) = pty_process::blocking::open().expect("open a pty");
        pty.resize(pty_process::Size::new(ROWS, COLS))
            .expect("set the pty size");
        // A fresh HOME per session: sessions must not share a history file (hints would
        // differ between runs) or see each other's startup files.
        static SESSIONS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = SESSIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let home = std::env::temp_dir().join(format!("chitin-pty-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&home).expect("create the session HOME");
        let path = std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into());
        let probe_dir = probe()
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let mut cmd = pty_process::blocking::Command::new(program)
            .args(args)
            .env_clear()
            .env("PATH", format!("{probe_dir}:{path}"))
            .env("HOME", &home)
            .env("TERM", "xterm")
            .env("LC_ALL", "C")
            .env("PS1", PS1)
            .env("PS2", PS2)
            // Whether bash-completion is installed must not change what a test sees; the
            // tests of programmable completion turn it on themselves.
            .env("CHITIN_BASH_COMPLETION", "off");
        for (k, v) in env {
            cmd = cmd.env(k, v);
        }
        let child = cmd.spawn(pts).expect("spawn on the pty");
        Session {
            pty: Some(pty),
            child,
            parser: vt100::Parser::new(
                std::num::NonZeroU16::new(ROWS).expect("rows"),
                std::num::NonZeroU16::new(COLS).expect("cols"),
                0,
            ),
            raw: Vec::new(),
            eof: false,
            redact: Vec::new(),
            home,
        }
    }

    /// Starts chitin as an interactive shell with the test prompt and waits for the prompt.
    /// The session's own HOME directory.
    pub fn home(&self) -> &std::path::Path {
        &self.home
    }

    pub fn shell() -> Session {
        Self::shell_with(&["-i"], &[])
    }

    pub fn shell_with(args: &[&str], env: &[(&str, &str)]) -> Session {
        let mut s = Session::spawn(chitin(), args, env);
        s.wait_prompt();
        s
    }

    /// The pid of the program started on the pty (the session leader).
    pub fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    /// Types `text` as is (control characters included).
    pub fn send(&mut self, text: &str) {
        self.send_bytes(text.as_bytes());
    }

    pub fn send_bytes(&mut self, bytes: &[u8]) {
        let mut pty = self.pty.as_ref().expect("the terminal is open");
        pty.write_all(bytes).expect("write to the pty");
        pty.flush().expect("flush the pty");
    }

    /// Types a line and Enter.
    pub fn line(&mut self, text: &str) {
        self.send(text);
        self.send("\r");
    }

    /// A real hangup: closes the terminal's master side (a terminal window closed, a network
    /// connection lost). Reads what was written before; nothing can be typed afterwards.
    pub fn hang_up(&mut self) {
        self.drain();
        self.pty = None;
    }

    /// Reads all output already written, so the screen is current.
    pub fn drain(&mut self) {
        while self.pump(Duration::from_millis(0)) {}
    }

    /// Types `keys` and waits for the next prompt after it (counted from the current screen).
    pub fn send_then_prompt(&mut self, keys: &str) {
        self.drain();
        let before = self.prompt_count();
        self.send(keys);
        self.wait_prompts(before + 1);
    }

    /// ^C, then the prompt that follows.
    pub fn interrupt(&mut self) {
        self.send_then_prompt("\x03");
    }

    /// ^Z, then the prompt that follows.
    pub fn suspend(&mut self) {
        self.send_then_prompt("\x1a");
    }

    /// Types a line and waits for the next prompt after it.
    pub fn run(&mut self, text: &str) {
        self.drain();
        let before = self.prompt_count();
        self.line(text);
        self.wait_prompts(before + 1);
    }

    /// ^C, ^Z, ^D, ^\ as the keyboard sends them.
    pub fn ctrl_c(&mut self) {
        self.send("\x03");
    }
    pub fn ctrl_z(&mut self) {
        self.send("\x1a");
    }
    pub fn ctrl_d(&mut self) {
        self.send("\x04");
    }

    /// Reads whatever output is available within `limit`; false on timeout or end of output.
    fn pump(&mut self, limit: Duration) -> bool {
        if self.eof {
            return false;
        }
        let Some(master) = self.pty.as_ref() else {
            return false;
        };
        let ms = limit.as_millis().min(i32::MAX as u128) as i32;
        let mut fds = [PollFd::new(master.as_fd(), PollFlags::POLLIN)];
        match poll(
            &mut fds,
            PollTimeout::try_from(ms).unwrap_or(PollTimeout::MAX),
        ) {
            Ok(0) => return false,
            Ok(_) => {}
            Err(nix::errno::Errno::EINTR) => return true,
            Err(e) => panic!("poll on the pty: {e}"),
        }
        let mut buf = [0u8; 4096];
        let mut pty = master;
        match pty.read(&mut buf) {
            Ok(0) => {
                self.eof = true;
                false
            }
            Ok(n) => {
                let chunk = &buf[..n];
                self.answer_queries(chunk);
                self.raw.extend_from_slice(chunk);
                self.parser.process(chunk);
                true
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => true,
            // EIO: every slave fd is closed (the program and its children are gone).
            Err(_) => {
                self.eof = true;
                false
            }
        }
    }

    /// Answers a cursor position report request, as a real terminal (and line editors) expect.
    fn answer_queries(&mut self, chunk: &[u8]) {
        if chunk.windows(4).any(|w| w == b"\x1b[6n") {
            let (row, col) = self.parser.screen().cursor_position();
            let reply = format!("\x1b[{};{}R", row + 1, col + 1);
            if let Some(mut pty) = self.pty.as_ref() {
                let _ = pty.write_all(reply.as_bytes());
            }
        }
    }

    /// Waits until `cond` holds, reading output meanwhile; fails the test after the timeout.
    pub fn wait_for(&mut self, what: &str, cond: impl Fn(&Session) -> bool) {
        let deadline = Instant::now() + timeout();
        loop {
            if cond(self) {
                return;
            }
            let now = Instant::now();
            if now >= deadline {
                panic!(
                    "timed out waiting for {what}\n--- screen ---\n{}\n--- raw tail ---\n{:?}",
                    self.screen(),
                    String::from_utf8_lossy(&self.raw[self.raw.len().saturating_sub(600)..])
                );
            }
            // Short slices: conditions may be about process states, which print nothing.
            if !self.pump((deadline - now).min(Duration::from_millis(10)))
                && self.eof
                && !cond(self)
            {
                panic!(
                    "output ended while waiting for {what}\n--- screen ---\n{}",
                    self.screen()
                );
            }
        }
    }

    /// Waits until the screen shows `text` somewhere.
    pub fn wait_text(&mut self, text: &str) {
        self.wait_for(&format!("{text:?} on the screen"), |s| {
            s.screen().contains(text)
        });
    }

    /// Waits until the screen shows `text` at least `n` times.
    pub fn wait_text_n(&mut self, text: &str, n: usize) {
        self.wait_for(&format!("{n} x {text:?} on the screen"), |s| {
            s.screen().matches(text).count() >= n
        });
    }

    /// Waits until the raw output holds `text` (for things a screen would hide).
    pub fn wait_raw(&mut self, text: &str) {
        let needle = text.as_bytes().to_vec();
        self.wait_for(&format!("{text:?} in the output"), move |s| {
            s.raw.windows(needle.len()).any(|w| w == needle.as_slice())
        });
    }

    /// How many prompts have been printed so far.
    pub fn prompt_count(&self) -> usize {
        self.screen_lines()
            .iter()
            .filter(|l| l.starts_with(PS1.trim_end()))
            .count()
    }

    /// True when the cursor sits just after a prompt on an otherwise empty line.
    pub fn at_prompt(&self) -> bool {
        let screen = self.parser.screen();
        let (row, col) = screen.cursor_position();
        let line = screen.contents_between(row, 0, row, COLS);
        line.trim_end() == PS1.trim_end() && col as usize == PS1.len()
    }

    /// The cursor's (row, column), from 0.
    pub fn cursor(&self) -> (u16, u16) {
        self.parser.screen().cursor_position()
    }

    /// Waits until the shell is at a fresh prompt.
    pub fn wait_prompt(&mut self) {
        self.wait_for("a prompt", |s| s.at_prompt());
    }

    /// Waits until `n` prompts have been printed and the cursor is at the last one.
    pub fn wait_prompts(&mut self, n: usize) {
        self.wait_for(&format!("prompt number {n}"), |s| {
            s.prompt_count() >= n && s.at_prompt()
        });
    }

    /// The screen as text, trailing blanks and empty lines dropped.
    pub fn screen(&self) -> String {
        self.screen_lines().join("\n")
    }

    fn screen_lines(&self) -> Vec<String> {
        let contents = self.parser.screen().contents();
        let mut lines: Vec<String> = contents.lines().map(|l| l.trim_end().to_string()).collect();
        while lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        lines
    }

    /// Everything the program wrote so far, as bytes.
    pub fn raw(&self) -> &[u8] {
        &self.raw
    }

    /// Hides `text` (a pid, say) in transcripts.
    pub fn redact(&mut self, text: impl ToString) {
        self.redact.push(text.to_string());
    }

    /// The screen with pids hidden: every run of 4 or more digits, and whatever was registered
    /// with [`Session::redact`], becomes `<N>`.
    pub fn transcript(&self) -> String {
        let mut text = self.screen();
        let mut extra = self.redact.clone();
        extra.sort_by_key(|s| std::cmp::Reverse(s.len()));
        for r in &extra {
            if !r.is_empty() {
                text = text.replace(r.as_str(), "<N>");
            }
        }
        let lines: Vec<String> = text.lines().map(redact_pid_columns).collect();
        redact_long_numbers(&lines.join("\n"))
    }

    /// The transcript from the last line that is exactly `$ marker` on (for sessions whose
    /// beginning has output in an order that depends on timing, checked separately).
    pub fn transcript_from(&self, marker: &str) -> String {
        let t = self.transcript();
        let lines: Vec<&str> = t.lines().collect();
        let want = format!("{PS1}{marker}");
        let start = lines.iter().rposition(|l| *l == want).unwrap_or(0);
        lines[start..].join("\n")
    }

    /// Waits for the program to exit and returns its wait status (as std reports it).
    pub fn wait_exit(&mut self) -> std::process::ExitStatus {
        let deadline = Instant::now() + timeout();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Collect the remaining output for the transcript.
                while self.pump(Duration::from_millis(0)) {}
                return status;
            }
            let now = Instant::now();
            if now >= deadline {
                panic!(
                    "timed out waiting for the program to exit\n--- screen ---\n{}",
                    self.screen()
                );
            }
            // Draining the pty keeps the program from blocking on a full buffer; a short poll
            // bounds the time between exit checks.
            self.pump((deadline - now).min(Duration::from_millis(20)));
        }
    }

    /// The processes in the pty's session (the shell and everything it started), by pid.
    pub fn session_pids(&self) -> Vec<i32> {
        session_members(self.pid())
    }

    /// The terminal's foreground process group.
    pub fn tty_owner(&self) -> i32 {
        stat(self.pid()).map_or(-1, |s| s.tpgid)
    }

    /// Whether a job (not the shell) has the terminal.
    pub fn job_has_tty(&self) -> bool {
        stat(self.pid()).is_some_and(|s| s.tpgid != s.pgrp && s.tpgid > 0)
    }

    /// Waits until a foreground job of `n` processes named `comms` owns the terminal, all of
    /// them exec'd; returns its process group.
    pub fn wait_fg_job(&mut self, comms: &[&str]) -> i32 {
        let want: Vec<String> = comms.iter().map(|c| c.to_string()).collect();
        self.wait_for(&format!("a foreground job {want:?}"), |s| {
            if !s.job_has_tty() {
                return false;
            }
            let mut got: Vec<String> = group_members(s.tty_owner())
                .into_iter()
                .map(|m| m.comm)
                .collect();
            got.sort();
            let mut w = want.clone();
            w.sort();
            got == w
        });
        // What the shell printed before handing over the terminal is on the screen now.
        self.drain();
        self.tty_owner()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Leave nothing running: kill the whole session, then reap the leader.
        for pid in session_members(self.pid()) {
            let _ =
                nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), nix::sys::signal::SIGKILL);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

/// Facts about a process from /proc/PID/stat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stat {
    pub pid: i32,
    pub comm: String,
    /// R, S, T (stopped), Z (zombie)...
    pub state: char,
    pub ppid: i32,
    pub pgrp: i32,
    pub session: i32,
    /// The foreground group of its terminal.
    pub tpgid: i32,
}

pub fn stat(pid: i32) -> Option<Stat> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may contain anything: split at the last ')'.
    let open = text.find('(')?;
    let close = text.rfind(')')?;
    let comm = text.get(open + 1..close)?.to_string();
    let mut f = text.get(close + 2..)?.split_whitespace();
    let state = f.next()?.chars().next()?;
    let ppid = f.next()?.parse().ok()?;
    let pgrp = f.next()?.parse().ok()?;
    let session = f.next()?.parse().ok()?;
    let _tty = f.next()?;
    let tpgid = f.next()?.parse().ok()?;
    Some(Stat {
        pid,
        comm,
        state,
        ppid,
        pgrp,
        session,
        tpgid,
    })
}

/// (state, ppid, pgrp, session, tpgid) of a process.
pub fn proc_stat(pid: i32) -> Option<(char, i32, i32, i32, i32)> {
    stat(pid).map(|s| (s.state, s.ppid, s.pgrp, s.session, s.tpgid))
}

/// Every process in process group `pgid`.
pub fn group_members(pgid: i32) -> Vec<Stat> {
    all_pids()
        .into_iter()
        .filter_map(stat)
        .filter(|s| s.pgrp == pgid)
        .collect()
}

fn all_pids() -> Vec<i32> {
    let mut pids = Vec::new();
    if let Ok(dir) = std::fs::read_dir("/proc") {
        for entry in dir.flatten() {
            if let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<i32>().ok())
            {
                pids.push(pid);
            }
        }
    }
    pids.sort();
    pids
}

/// Whether `pid` is blocked in poll/ppoll right now (a shell waiting on its self-pipe).
pub fn in_poll(pid: i32) -> bool {
    #[cfg(target_arch = "x86_64")]
    const POLLS: &[i64] = &[7, 271];
    #[cfg(target_arch = "aarch64")]
    const POLLS: &[i64] = &[73];
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    const POLLS: &[i64] = &[];
    std::fs::read_to_string(format!("/proc/{pid}/syscall"))
        .ok()
        .and_then(|t| {
            t.split_whitespace()
                .next()
                .and_then(|n| n.parse::<i64>().ok())
        })
        .is_some_and(|n| POLLS.contains(&n))
}

/// Whether process `pid` exists and is not a zombie.
pub fn alive(pid: i32) -> bool {
    stat(pid).is_some_and(|s| s.state != 'Z')
}

/// Every process whose session id is `sid`.
pub fn session_members(sid: i32) -> Vec<i32> {
    all_pids()
        .into_iter()
        .filter(|&p| stat(p).is_some_and(|s| s.session == sid))
        .collect()
}

/// Children of `pid` that are zombies.
pub fn zombie_children(pid: i32) -> Vec<i32> {
    all_pids()
        .into_iter()
        .filter(|&p| stat(p).is_some_and(|s| s.ppid == pid && s.state == 'Z'))
        .collect()
}

/// Hides the pid in the places job lines put one, whatever its width: `[1] 123`,
/// `[1]+ 123 Stopped ...` (`jobs -l`) and the `jobs -l` continuation `      124     | cat`.
pub fn redact_pid_columns(line: &str) -> String {
    let b = line.as_bytes();
    let mut i = 0;
    if b.first() == Some(&b'[') {
        let Some(close) = line.find(']') else {
            return line.to_string();
        };
        if close < 2 || !b[1..close].iter().all(u8::is_ascii_digit) {
            return line.to_string();
        }
        i = close + 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
    }
    let head = &line[..i];
    let spaces = b[i..].iter().take_while(|&&c| c == b' ').count();
    if spaces == 0 {
        return line.to_string();
    }
    let digits = b[i + spaces..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let after = i + spaces + digits;
    if digits == 0 || !(after == b.len() || b[after] == b' ') {
        return line.to_string();
    }
    // `[1]+  Done    sleep 1` has no pid; `[2]   Exit 3` neither: only digits right there count.
    format!("{head} <N>{}", &line[after..])
}

/// Replaces every run of 4 or more ASCII digits with `<N>`; blanks before it (column padding,
/// which depends on how many digits the pid had) shrink to one.
pub fn redact_long_numbers(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()) {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i - start >= 4 {
                let trimmed = out.trim_end_matches(' ').len();
                if trimmed < out.len() {
                    out.truncate(trimmed);
                    out.push(' ');
                }
                out.push_str("<N>");
            } else {
                out.push_str(&text[start..i]);
            }
        } else {
            let ch = text[i..].chars().next().unwrap_or('\u{fffd}');
            out.push(ch);
            i += ch.len_utf8().max(1);
        }
    }
    out
}

/// Waits, polling with a bounded deadline, until `cond` holds; for facts outside the pty
/// (process states in /proc). Returns false on timeout so the caller can say what failed.
pub fn eventually(mut cond: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout();
    let mut pause = Duration::from_millis(1);
    while Instant::now() < deadline {
        if cond() {
            return true;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(50));
    }
    cond()
}

#[allow(unused)]
fn _assert_raw_fd(s: &Session) -> i32 {
    s.pty.as_ref().map_or(-1, |p| p.as_raw_fd())
}

#[cfg(test)]
mod redaction_tests {
    use super::*;

    #[test]
    fn pids_of_any_width_are_hidden() {
        assert_eq!(redact_pid_columns("[1] 459"), "[1] <N>");
        assert_eq!(
            redact_pid_columns("[1]+   459 Stopped   x"),
            "[1]+ <N> Stopped   x"
        );
        assert_eq!(
            redact_pid_columns("     12345                       | cat"),
            " <N>                       | cat"
        );
        assert_eq!(
            redact_pid_columns("[2]   Exit 3     ( exit 3 )"),
            "[2]   Exit 3     ( exit 3 )"
        );
        assert_eq!(redact_pid_columns("status=130"), "status=130");
    }
}

/// A directory of a test's own (a HOME, a place for fifos), removed when the test ends.
pub struct TempDir(String);

impl TempDir {
    /// A fresh, empty directory named after the test and this process.
    pub fn new(tag: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("chitin-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the test directory");
        TempDir(dir.display().to_string())
    }

    pub fn path(&self) -> &std::path::Path {
        std::path::Path::new(&self.0)
    }
}

impl std::ops::Deref for TempDir {
    type Target = String;
    fn deref(&self) -> &String {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl std::fmt::Display for TempDir {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<std::ffi::OsStr> for TempDir {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_ref()
    }
}

/// Starts `cmd &` in `s` and waits for the `[n] pid` line; returns the pid.
pub fn background(s: &mut Session, cmd: &str) -> i32 {
    s.drain();
    let before = s.prompt_count();
    s.line(&format!("{cmd} &"));
    s.wait_prompts(before + 1);
    let screen = s.screen();
    screen
        .lines()
        .rev()
        .filter(|l| l.starts_with('['))
        .find_map(|l| {
            let mut f = l.split_whitespace();
            f.next().filter(|n| n.ends_with(']'))?;
            f.next()?.parse().ok()
        })
        .expect("a [n] pid line")
}
