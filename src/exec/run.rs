//! The read-parse-execute loop for scripts, `-c` strings and standard input.
//!
//! Commands are parsed and run one complete command at a time, so an alias defined on line 1
//! applies on line 2, and a command that reads standard input sees exactly the bytes after
//! the command the shell read from there (input is read in blocks and the file offset put
//! back after each command on seekable input, a byte at a time on pipes).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::cli::{Invocation, Source};
use crate::exec::{eval, trap};
use crate::shell::{Flow, Shell};
use crate::sys;
use crate::syntax::{LineSource, Parser, SliceSource};

/// Runs the shell as `inv` asks and returns its exit status.
pub fn run(inv: Invocation) -> i32 {
    let mut sh = Shell::new();
    init_shell(&mut sh, &inv);
    crate::interactive::startup::bump_shlvl(&mut sh);
    if sh.options.interactive || sh.options.login {
        read_startup_files(&mut sh, &inv);
        if sh.flow == Some(Flow::Exit) {
            return exit_shell(&mut sh);
        }
    }
    match &inv.source {
        Source::Stdin if sh.options.interactive => {
            run_interactive(&mut sh);
        }
        Source::CommandString(cmds) => {
            let mut parser = Parser::new(SliceSource::new(cmds), 1);
            run_command_string(&mut sh, &mut parser);
        }
        Source::Script(path) => {
            use std::os::unix::ffi::OsStrExt;
            let path = path.as_bytes().to_vec();
            sh.script_name = Some(path.clone());
            run_script_file(&mut sh, &path);
        }
        Source::Stdin => {
            let src = FdSource::new(0, !sh.options.interactive && sys::fd::lseek(0, 0, libc::SEEK_CUR).is_ok());
            if sh.options.interactive {
                src.inner.borrow_mut().interactive = true;
            }
            let mut parser = Parser::new(src.clone(), 1);
            run_parser(&mut sh, &mut parser, Some(&src));
        }
    }
    let status = exit_shell(&mut sh);
    // The process ends right after: freeing every function body, variable and alias one by one
    // would only cost time (a big script's functions are thousands of allocations).
    std::mem::forget(sh);
    status
}

/// Profile and rc files (see `interactive::startup`), each run like `. file`.
fn read_startup_files(sh: &mut Shell, inv: &Invocation) {
    use std::os::unix::ffi::OsStrExt;
    sh.completion.reading_startup_files = sh.options.interactive;
    crate::interactive::startup::run_startup_files(sh, inv, &mut |sh, path| {
        if let Some(dot) = crate::builtins::find(b".") {
            (dot.run)(sh, &[b".".to_vec(), path.as_os_str().as_bytes().to_vec()]);
        }
        if sh.flow != Some(Flow::Exit) {
            sh.flow = None;
        }
    });
    sh.completion.reading_startup_files = false;
}

/// The interactive loop: the line editor reads, this runs each command.
fn run_interactive(sh: &mut Shell) {
    let mut exec = |sh: &mut Shell, list: &crate::syntax::ast::List| -> bool {
        if sh.traps.get(libc::SIGINT).is_none() {
            // A SIGINT sent while the editor waited for input is not meant for this line.
            sys::signal::clear(libc::SIGINT);
        }
        eval::eval_list(sh, list, false);
        if sys::signal::any_pending() {
            trap::run_pending(sh);
        }
        // An interrupt, or a `break` with no loop left, ends here.
        match sh.flow {
            Some(Flow::Exit) => return false,
            Some(_) => sh.flow = None,
            None => {}
        }
        // `set -t`: one command read and run, then the shell exits.
        !sh.options.onecmd
    };
    // Done notices, the terminal and its modes taken back, then pending traps (an `exit` in
    // one leaves the shell: the prompt loop checks `sh.flow`).
    let mut before_prompt = |sh: &mut Shell| {
        crate::jobs::before_prompt(sh);
        crate::shell::dynamic::check_window_size(sh);
        if sys::signal::any_pending() {
            trap::run_pending(sh);
            if sh.flow != Some(Flow::Exit) {
                sh.flow = None;
            }
        }
    };
    let mut on_eof = |sh: &mut Shell| crate::jobs::on_eof(sh);
    crate::interactive::repl::run(
        sh,
        crate::interactive::repl::Hooks { exec: &mut exec, before_prompt: &mut before_prompt, on_eof: &mut on_eof },
    );
}

/// Leaves the shell: runs the EXIT trap and returns the final status.
pub fn exit_shell(sh: &mut Shell) -> i32 {
    trap::run_exit_trap(sh);
    crate::jobs::on_exit(sh);
    sh.last_status & 0xff
}

/// Opens and runs a script file in the current shell (the script operand, or a file without
/// `#!` that exec refused, see `simple::refuse_binary`). Returns the status (127 when
/// missing, 126 when unreadable or a binary file).
pub fn run_script_file(sh: &mut Shell, path: &[u8]) -> i32 {
    let fd = match sys::fd::open(&sys::process::cstring(path), libc::O_RDONLY, 0) {
        Ok(fd) => fd,
        Err(e) => {
            let status = if e.raw_os_error() == Some(libc::ENOENT) { 127 } else { 126 };
            return refuse_script(sh, path, &sys::fd::strerror(&e), status);
        }
    };
    if sys::fd::is_dir(fd) {
        // Reading a directory fails, which would look like an empty script (bash: 126).
        sys::fd::close(fd);
        return refuse_script(sh, path, "Is a directory", 126);
    }
    if is_binary_file(fd) {
        // POSIX lets the shell refuse a file that is not text (status 126), as bash does:
        // run as a script, an executable of another system gives a cascade of errors.
        sys::fd::close(fd);
        return refuse_script(sh, path, "cannot execute binary file", 126);
    }
    let fd = match sys::fd::move_high(fd, sys::fd::SHELL_FD_BASE) {
        Ok(f) => f,
        Err(_) => fd,
    };
    sh.script_name = Some(path.to_vec());
    sh.call_stack.set_script(path);
    // The script's fd is the shell's own: `exec 10>f` in the script must not take it away.
    let token = sys::fd::own(fd);
    let src = FdSource::new(fd, true);
    src.inner.borrow_mut().private = true;
    src.inner.borrow_mut().token = Some(token);
    let mut parser = Parser::new(src.clone(), 1);
    let status = run_parser(sh, &mut parser, Some(&src));
    sys::fd::close(sys::fd::disown(token));
    status
}

/// A script that cannot be run: `chitin: PATH: WHY`, and the shell leaves with `status`.
fn refuse_script(sh: &mut Shell, path: &[u8], why: &str, status: i32) -> i32 {
    let msg = format!("chitin: {}: {why}\n", String::from_utf8_lossy(path));
    sys::fd::write_all(2, msg.as_bytes());
    sh.last_status = status;
    sh.flow = Some(Flow::Exit);
    status
}

/// bash's `check_binary_file` on the first 80 bytes: an ELF header, or a NUL in the first
/// line (in the first two after `#!`). A file that cannot be read at an offset (a pipe) is
/// taken as text.
pub fn is_binary_file(fd: i32) -> bool {
    let mut sample = [0u8; 80];
    let Ok(n) = sys::fd::pread(fd, &mut sample, 0) else { return false };
    let sample = &sample[..n];
    if sample.starts_with(b"\x7fELF") {
        return true;
    }
    let mut lines = if sample.starts_with(b"#!") { 2 } else { 1 };
    for &c in sample {
        if c == b'\n' {
            lines -= 1;
            if lines == 0 {
                return false;
            }
        }
        if c == 0 {
            return true;
        }
    }
    false
}

/// `-c`: like [`run_parser`], but the last command is run as the shell's last act, so an
/// external program there replaces the shell instead of being forked (as dash does): `sh -c
/// 'cmd'`, the way make and many tools run commands, costs one process, not two. Not with job
/// control; traps and asynchronous lists are checked where it would exec
/// (`Shell::may_exec_in_place`).
fn run_command_string<S: LineSource>(sh: &mut Shell, parser: &mut Parser<S>) -> i32 {
    run_loop(sh, parser, None, true)
}

/// Parses and runs commands until end of input, `exit`, or a syntax error in a
/// non-interactive shell.
pub fn run_parser<S: LineSource>(sh: &mut Shell, parser: &mut Parser<S>, src: Option<&FdSource>) -> i32 {
    run_loop(sh, parser, src, false)
}

fn run_loop<S: LineSource>(
    sh: &mut Shell,
    parser: &mut Parser<S>,
    src: Option<&FdSource>,
    exec_last: bool,
) -> i32 {
    loop {
        if sh.options.interactive && !sh.is_subshell {
            crate::jobs::before_prompt(sh);
        }
        if let Some(s) = src {
            s.prepare(sh);
        }
        crate::exec::note_locale(sh);
        let r = crate::exec::read_command(sh, parser);
        if let Some(s) = src {
            s.sync();
        }
        match r {
            Ok(None) => break,
            Ok(Some(list)) => {
                if sh.options.noexec && !sh.options.interactive {
                    continue;
                }
                let last = exec_last
                    && !sh.options.interactive
                    && !sh.options.monitor
                    && parser.at_end();
                eval::eval_list(sh, &list, last);
                match sh.flow {
                    Some(Flow::Exit) => break,
                    Some(_) => sh.flow = None,
                    None => {}
                }
                if sh.options.onecmd {
                    break;
                }
                if sys::signal::any_pending() {
                    trap::run_pending(sh);
                    if sh.flow == Some(Flow::Exit) {
                        break;
                    }
                }
            }
            Err(e) => {
                sh.lineno = e.line;
                sh.report_error(&e.message);
                sh.last_status = 2;
                if !sh.options.interactive {
                    sh.flow = Some(Flow::Exit);
                    break;
                }
                parser.recover();
            }
        }
    }
    sh.last_status
}

/// Sets up a new shell from the command line: variables, options, signals.
fn init_shell(sh: &mut Shell, inv: &Invocation) {
    sys::signal::init();
    sh.vars.import_env();
    sh.options = inv.options.clone();
    if matches!(inv.source, Source::Stdin) {
        sh.options.stdin = true;
        if !sh.options.interactive && sys::fd::isatty(0) && sys::fd::isatty(2) {
            sh.options.interactive = true;
        }
    }
    // Line editing exists only at the prompt: emacs mode is on there unless vi is (bash).
    if sh.options.interactive && !sh.options.vi {
        sh.options.emacs = true;
    }
    if matches!(inv.source, Source::CommandString(_)) {
        sh.options.command_string = true;
        sh.call_stack.set_command_string();
    }
    sh.arg0 = inv.arg0.clone();
    sh.positional = inv.args.clone();
    init_vars(sh);
    crate::shell::exported_functions::import(sh);
    if sh.options.interactive {
        for sig in [libc::SIGQUIT, libc::SIGTERM] {
            sys::signal::shell_ignore(sig);
        }
        // A builtin writing to a closed pipe gets an error, and the shell goes on (a
        // non-interactive shell dies of it, as dash and bash do). Ignored at entry: it stays
        // ignored for children too.
        if !sys::signal::ignored_at_entry(libc::SIGPIPE) {
            sys::signal::shell_ignore(libc::SIGPIPE);
        }
        sys::signal::catch(libc::SIGINT);
        // An interactive shell does job control unless told otherwise (bash, dash).
        sh.options.monitor = true;
        // And expands `!` in the lines typed (bash).
        sh.options.histexpand = true;
        sh.options.history = true;
    }
    if sh.options.monitor {
        crate::jobs::start(sh);
    }
}

/// The variables every new shell sets up (also for a script run without `#!`).
pub fn init_vars(sh: &mut Shell) {
    let _ = sh.vars.set(b"IFS", b" \t\n".to_vec());
    // SAFETY-free: geteuid through nix.
    let root = nix::unistd::geteuid().is_root();
    if !sh.vars.is_set(b"PS1") {
        // Interactive: the colour-free default that shows the directory (`\w \$ `).
        let ps1 = if sh.options.interactive {
            crate::interactive::prompt::DEFAULT_PS1.to_vec()
        } else if root {
            b"# ".to_vec()
        } else {
            b"$ ".to_vec()
        };
        let _ = sh.vars.set(b"PS1", ps1);
    }
    if !sh.vars.is_set(b"PATH") {
        // Not exported, as in dash and bash: children get no PATH they were not given.
        let _ = sh.vars.set(b"PATH", crate::exec::lookup::DEFAULT_PATH.to_vec());
    }
    if !sh.vars.is_set(b"PS2") {
        let _ = sh.vars.set(b"PS2", b"> ".to_vec());
    }
    if !sh.vars.is_set(b"PS4") {
        let _ = sh.vars.set(b"PS4", b"+ ".to_vec());
    }
    let _ = sh.vars.set(b"OPTIND", b"1".to_vec());
    crate::shell::dynamic::declare(sh);
    let _ = sh.vars.set(b"PPID", sys::process::getppid().to_string().into_bytes());
    init_pwd(sh);
}

/// `PWD`: kept from the environment when it is an absolute name of the current directory,
/// otherwise the physical current directory.
fn init_pwd(sh: &mut Shell) {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::MetadataExt;
    if let Some(pwd) = sh.vars.get(b"PWD") {
        if pwd.first() == Some(&b'/') {
            let p = std::path::Path::new(std::ffi::OsStr::from_bytes(pwd));
            if let (Ok(a), Ok(b)) = (std::fs::metadata(p), std::fs::metadata(".")) {
                if a.dev() == b.dev() && a.ino() == b.ino() {
                    return;
                }
            }
        }
    }
    if let Ok(cwd) = std::env::current_dir() {
        let _ = sh.vars.set_exported(b"PWD", cwd.as_os_str().as_bytes().to_vec());
    }
}

/// Input read from an fd, a line at a time.
#[derive(Clone)]
pub struct FdSource {
    inner: Rc<RefCell<FdInner>>,
}

struct FdInner {
    /// The fd read from; for a private script fd, `token` says where it is now.
    fd: i32,
    token: Option<sys::fd::Token>,
    buf: Vec<u8>,
    pos: usize,
    /// Reading ahead is allowed: the fd is private, or seekable so we can seek back.
    block: bool,
    /// The fd is only ours (a script file): no need to seek back.
    private: bool,
    eof: bool,
    interactive: bool,
    verbose: Rc<Cell<bool>>,
    ps1: Vec<u8>,
    ps2: Vec<u8>,
}

impl FdSource {
    pub fn new(fd: i32, block: bool) -> Self {
        FdSource {
            inner: Rc::new(RefCell::new(FdInner {
                fd,
                token: None,
                buf: Vec::new(),
                pos: 0,
                block,
                private: false,
                eof: false,
                interactive: false,
                verbose: Rc::new(Cell::new(false)),
                ps1: Vec::new(),
                ps2: Vec::new(),
            })),
        }
    }

    /// Before parsing a command: picks up `set -v` and the prompts.
    fn prepare(&self, sh: &Shell) {
        let mut i = self.inner.borrow_mut();
        i.verbose.set(sh.options.verbose);
        if i.interactive {
            i.ps1 = sh.vars.get(b"PS1").unwrap_or(b"$ ").to_vec();
            i.ps2 = sh.vars.get(b"PS2").unwrap_or(b"> ").to_vec();
        }
    }

    /// After a command was parsed: gives back read-ahead bytes to a shared seekable fd, so the
    /// command sees the input right after itself.
    fn sync(&self) {
        let mut i = self.inner.borrow_mut();
        if i.private || !i.block {
            return;
        }
        let extra = i.buf.len() - i.pos;
        if extra > 0 {
            let _ = sys::fd::lseek(i.fd(), -(extra as i64), libc::SEEK_CUR);
        }
        i.buf.clear();
        i.pos = 0;
        i.eof = false;
    }
}

impl LineSource for FdSource {
    fn next_line(&mut self, continuation: bool) -> Option<Vec<u8>> {
        let mut line = Vec::new();
        self.append_line(&mut line, continuation).then_some(line)
    }

    /// One line at a time (so `set -v` echoes each line when the parser takes it), straight
    /// from the read buffer into the parser's.
    fn append_line(&mut self, buf: &mut Vec<u8>, continuation: bool) -> bool {
        let mut i = self.inner.borrow_mut();
        if i.interactive {
            let p = if continuation { i.ps2.clone() } else { i.ps1.clone() };
            sys::fd::write_all(2, &p);
        }
        let Some((start, end)) = i.read_line() else {
            return false;
        };
        buf.extend_from_slice(&i.buf[start..end]);
        if i.verbose.get() {
            sys::fd::write_all(2, &i.buf[start..end]);
        }
        true
    }
}

impl FdInner {
    fn fd(&self) -> i32 {
        self.token.map_or(self.fd, sys::fd::current)
    }

    /// The next line: its range in `buf`.
    fn read_line(&mut self) -> Option<(usize, usize)> {
        loop {
            if let Some(n) = crate::syntax::find_newline(&self.buf[self.pos..]) {
                let start = self.pos;
                self.pos += n + 1;
                return Some((start, self.pos));
            }
            if self.eof {
                if self.pos < self.buf.len() {
                    let start = self.pos;
                    self.pos = self.buf.len();
                    return Some((start, self.pos));
                }
                return None;
            }
            if self.pos > 0 && self.pos == self.buf.len() && (self.private || !self.block) {
                self.buf.clear();
                self.pos = 0;
            }
            let mut chunk = [0u8; 8192];
            let want = if self.block { chunk.len() } else { 1 };
            match sys::fd::read(self.fd(), &mut chunk[..want]) {
                Ok(0) | Err(_) => self.eof = true,
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
            }
        }
    }
}
