//! Redirections (XCU 2.7): applied in the shell process with the previous fds saved at 10 and
//! above (close-on-exec), and restored after a builtin, function or compound command.
//! External commands inherit the redirected fds; the shell restores its own right after
//! starting them, so the child side of a spawn does nothing but exec.

use std::io;

use crate::exec::words;
use crate::shell::Shell;
use crate::sys::fd::{self, SHELL_FD_BASE};
use crate::sys::process::cstring;
use crate::syntax::ast::{RedirOp, RedirTarget, Redirect, WordPart};

/// What to undo: (fd, its saved copy, or `None` when it was closed). The copies are the
/// shell's own descriptors: a redirection inside may move them (`fd::make_room`).
#[derive(Debug, Default)]
pub struct Saved {
    entries: Vec<(i32, Option<fd::Token>)>,
}

impl Saved {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Here-documents up to this size are written straight into a pipe (it cannot block);
/// larger ones go through an unlinked temporary file.
const PIPE_SAFE: usize = 4096;

/// Applies `redirs` in order. With `save`, the previous state of each fd is kept in the returned
/// [`Saved`] for [`restore`]. On error the message is printed, anything applied is undone, and
/// `Err(())` returned (status 1 for the caller).
pub fn apply(sh: &mut Shell, redirs: &[Redirect], save: bool) -> Result<Saved, ()> {
    let mut saved = Saved::default();
    for r in redirs {
        if let Err(msg) = apply_one(sh, r, save, &mut saved) {
            if !msg.is_empty() {
                // The message names the line the command starts on (sh.lineno), as dash does.
                sh.report_error(&msg);
            }
            restore(saved);
            return Err(());
        }
    }
    Ok(saved)
}

/// Undoes [`apply`], last redirection first.
pub fn restore(saved: Saved) {
    for &(fd, copy) in saved.entries.iter().rev() {
        // A descriptor of the shell's own may have been moved onto this number meanwhile.
        let _ = fd::make_room(fd);
        match copy {
            Some(t) => {
                let copy = fd::disown(t);
                let _ = fd::dup2(copy, fd);
                fd::close(copy);
            }
            None => fd::close(fd),
        }
    }
}

/// Records the state of `fd` before a redirection changes it. `opened_there`: the file for
/// the redirection was just opened at that very number, so `fd` was closed before.
fn save_fd(fd: i32, opened_there: bool, saved: &mut Saved) -> Result<(), String> {
    if saved.entries.iter().any(|&(f, _)| f == fd) {
        return Ok(());
    }
    if opened_there {
        saved.entries.push((fd, None));
        return Ok(());
    }
    match fd::dup_high(fd, SHELL_FD_BASE) {
        Ok(copy) => saved.entries.push((fd, Some(fd::own(copy)))),
        Err(e) if e.raw_os_error() == Some(libc::EBADF) => saved.entries.push((fd, None)),
        Err(e) => return Err(format!("{}: {}", fd, fd::strerror(&e))),
    }
    Ok(())
}

fn apply_one(sh: &mut Shell, r: &Redirect, save: bool, saved: &mut Saved) -> Result<(), String> {
    if let Some(var) = &r.var {
        let new_fd = apply_named(sh, r, var)?;
        // `shopt -s varredir_close`: the descriptor goes when the command ends (not after
        // `exec`, whose redirections stay).
        if let Some(f) = new_fd.filter(|_| save && sh.options.shopt(crate::shell::options::Shopt::VarredirClose)) {
            saved.entries.push((f, None));
        }
        return Ok(());
    }
    let target_fd = r.fd.unwrap_or_else(|| r.op.default_fd()) as i32;
    // `&>word`, `&>>word`, and `>&word` with a word that is no number: standard error too.
    let mut both = matches!(r.op, RedirOp::OutputBoth | RedirOp::AppendBoth);
    // Open the source first: `cmd 3>&3` or an error must not disturb the fd.
    let src = match open_source(sh, r, target_fd)? {
        Opened::Source(s) => s,
        Opened::Both(s) => {
            both = true;
            s
        }
    };
    // The shell's own descriptor at that number (`exec 10>f` while reading a script from 10)
    // moves out of the way: then the number counts as closed for the saved state.
    if let Err(e) = fd::make_room(target_fd) {
        if let Source::Open(f) = src {
            fd::close(f);
        }
        return Err(format!("{}: {}", target_fd, fd::strerror(&e)));
    }
    if save && !matches!(src, Source::Same) {
        let opened_there = matches!(src, Source::Open(f) if f == target_fd);
        let mut r = save_fd(target_fd, opened_there, saved);
        if let (Ok(()), Source::Move(n)) = (&r, &src) {
            r = save_fd(*n, false, saved);
        }
        if let Err(e) = r {
            if let Source::Open(f) = src {
                fd::close(f);
            }
            return Err(e);
        }
    }
    match src {
        Source::Open(f) => {
            if f != target_fd {
                let r = fd::dup2(f, target_fd);
                fd::close(f);
                r.map_err(|e| format!("{}: {}", target_fd, fd::strerror(&e)))?;
            } else {
                let _ = fd::set_cloexec(f, false);
            }
        }
        Source::Dup(n) | Source::Move(n) => {
            if n != target_fd {
                fd::dup2(n, target_fd).map_err(|e| format!("{}: {}", n, fd::strerror(&e)))?;
                if matches!(src, Source::Move(_)) {
                    fd::close(n);
                }
            }
        }
        Source::Close => fd::close(target_fd),
        Source::Same => {}
    }
    if both && target_fd != 2 {
        if save {
            save_fd(2, false, saved)?;
        }
        let _ = fd::make_room(2);
        fd::dup2(target_fd, 2).map_err(|e| format!("2: {}", fd::strerror(&e)))?;
    }
    Ok(())
}

/// What a redirection's source is, and whether standard error follows it.
enum Opened {
    Source(Source),
    Both(Source),
}

/// Opens (or finds) what the redirection connects `target_fd` to.
fn open_source(sh: &mut Shell, r: &Redirect, target_fd: i32) -> Result<Opened, String> {
    let src = match (&r.op, &r.target) {
        (RedirOp::HereDoc | RedirOp::HereDocStrip, RedirTarget::HereDoc(h)) => {
            let body = if h.quoted {
                let mut b = Vec::new();
                for p in &h.body.parts {
                    if let WordPart::Literal(s) | WordPart::Quoted(s) = p {
                        b.extend_from_slice(s);
                    }
                }
                b
            } else {
                words::expand_word(sh, &h.body).map_err(|e| e.message)?
            };
            Source::Open(heredoc_fd(&body).map_err(|e| format!("here-document: {}", fd::strerror(&e)))?)
        }
        (RedirOp::HereString, RedirTarget::Word(w)) => {
            let mut body = words::expand_word(sh, w).map_err(|e| e.message)?;
            body.push(b'\n');
            Source::Open(heredoc_fd(&body).map_err(|e| format!("here-string: {}", fd::strerror(&e)))?)
        }
        (op, RedirTarget::Word(w)) => {
            let name = target_name(sh, w)?;
            match op {
                RedirOp::DupInput | RedirOp::DupOutput => match dup_source(&name, target_fd)? {
                    Some(s) => s,
                    // bash: `>&file` (no number before it) is `&>file`.
                    None if *op == RedirOp::DupOutput && r.fd.is_none() => {
                        return Ok(Opened::Both(Source::Open(open_target(sh, RedirOp::Output, &name)?)));
                    }
                    None => return Err(format!("{}: ambiguous redirect", String::from_utf8_lossy(&name))),
                },
                RedirOp::OutputBoth => Source::Open(open_target(sh, RedirOp::Output, &name)?),
                RedirOp::AppendBoth => Source::Open(open_target(sh, RedirOp::Append, &name)?),
                _ => Source::Open(open_target(sh, *op, &name)?),
            }
        }
        _ => return Err(String::new()),
    };
    Ok(Opened::Source(src))
}

/// `$(< file)`: the contents of the file `r` names, NUL bytes dropped as in any substitution;
/// `$?` is 0, or 1 after an error (reported, and the result is empty).
pub fn read_whole_file(sh: &mut Shell, r: &Redirect) -> Vec<u8> {
    let crate::syntax::ast::RedirTarget::Word(w) = &r.target else { return Vec::new() };
    let read = target_name(sh, w).and_then(|name| {
        let f = open_target(sh, RedirOp::Input, &name)?;
        let mut out = Vec::new();
        let read = fd::read_to_end(f, &mut out);
        fd::close(f);
        read.map_err(|e| format!("{}: {}", String::from_utf8_lossy(&name), fd::strerror(&e)))?;
        Ok(out)
    });
    match read {
        Ok(mut out) => {
            super::drop_nul_bytes(sh, &mut out);
            sh.last_status = 0;
            out
        }
        Err(msg) => {
            sh.report_error(&msg);
            sh.last_status = 1;
            Vec::new()
        }
    }
}

/// The expanded file name of a redirection (a brace expansion to several words is an error).
fn target_name(sh: &mut Shell, w: &crate::syntax::ast::Word) -> Result<Vec<u8>, String> {
    let name = match words::brace_words(sh, w) {
        // bash: a target that brace-expands to several words is ambiguous.
        Some(ws) if ws.len() != 1 => {
            let mut text = Vec::new();
            crate::jobs::text::write_word(&mut text, w);
            return Err(format!("{}: ambiguous redirect", String::from_utf8_lossy(&text)));
        }
        Some(ws) => words::expand_word(sh, &ws[0]),
        None => words::expand_word(sh, w),
    };
    name.map_err(|e| e.message)
}

/// The source of `<&word` / `>&word`: `-` closes, `N` duplicates, `N-` moves (bash, ksh);
/// `None` when the word is none of these.
fn dup_source(name: &[u8], target_fd: i32) -> Result<Option<Source>, String> {
    if name == b"-" {
        return Ok(Some(Source::Close));
    }
    let (digits, moved) = match name.strip_suffix(b"-") {
        Some(d) => (d, true),
        None => (name, false),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return Ok(None);
    }
    let n: i32 = std::str::from_utf8(digits).ok().and_then(|s| s.parse().ok()).unwrap_or(-1);
    if n == target_fd && n < SHELL_FD_BASE {
        // `3>&3`: nothing changes, whether 3 is open or not (dash, bash).
        Ok(Some(Source::Same))
    } else if n < 0 || !fd::is_open(n) || fd::is_own(n) {
        // The shell's own descriptors (a saved copy of the fd this command redirects, the
        // script) are not the script's: `2>/dev/null >&$closed` must not reach stderr's copy.
        Err(format!("{}: Bad file descriptor", String::from_utf8_lossy(digits)))
    } else if moved {
        Ok(Some(Source::Move(n)))
    } else {
        Ok(Some(Source::Dup(n)))
    }
}

/// `{name}>file` and the like (bash): the source goes to a new descriptor of 10 or more whose
/// number is assigned to `name`; it is not restored after the command (it stays open). With
/// `>&-` / `<&-` the descriptor named by the value of `name` is closed. The new descriptor,
/// if one was made.
fn apply_named(sh: &mut Shell, r: &Redirect, var: &[u8]) -> Result<Option<i32>, String> {
    let shown = String::from_utf8_lossy(var);
    if let (RedirOp::DupInput | RedirOp::DupOutput, RedirTarget::Word(w)) = (&r.op, &r.target) {
        if words::expand_word(sh, w).map_err(|e| e.message)? == b"-" {
            let value = sh.vars.get(var).unwrap_or_default();
            if value.is_empty() {
                return Err(format!("{shown}: ambiguous redirect"));
            }
            // A value that is no number closes nothing, silently (bash).
            if let Some(n) = std::str::from_utf8(value).ok().and_then(|s| s.parse::<i32>().ok()) {
                fd::close(n);
            }
            return Ok(None);
        }
    }
    let new_fd = match open_source(sh, r, -1)? {
        Opened::Source(Source::Open(f)) | Opened::Both(Source::Open(f)) => {
            let high = fd::move_high(f, SHELL_FD_BASE);
            high.map_err(|e| format!("{shown}: {}", fd::strerror(&e)))?
        }
        Opened::Source(src @ (Source::Dup(n) | Source::Move(n))) => {
            let high = fd::dup_high(n, SHELL_FD_BASE).map_err(|e| format!("{shown}: {}", fd::strerror(&e)))?;
            if matches!(src, Source::Move(_)) {
                fd::close(n);
            }
            high
        }
        _ => return Err(format!("{shown}: ambiguous redirect")),
    };
    // Inherited by commands, as bash's are.
    let _ = fd::set_cloexec(new_fd, false);
    if let Err(e) = sh.vars.set(var, new_fd.to_string().into_bytes()) {
        fd::close(new_fd);
        sh.report_error(&e.to_string());
        return Err(format!("{shown}: cannot assign fd to variable"));
    }
    Ok(Some(new_fd))
}

enum Source {
    Open(i32),
    Dup(i32),
    /// `N-`: duplicated, then `N` closed.
    Move(i32),
    Close,
    /// `n>&n`: the descriptor stays as it is.
    Same,
}

fn open_target(sh: &Shell, op: RedirOp, name: &[u8]) -> Result<i32, String> {
    let path = cstring(name);
    let err = |e: io::Error| format!("{}: {}", String::from_utf8_lossy(name), fd::strerror(&e));
    let creat = libc::O_WRONLY | libc::O_CREAT;
    match op {
        RedirOp::Input => fd::open(&path, libc::O_RDONLY, 0).map_err(err),
        RedirOp::Output if sh.options.noclobber => {
            match fd::open(&path, creat | libc::O_EXCL, 0o666) {
                Ok(f) => Ok(f),
                Err(e) if e.raw_os_error() == Some(libc::EEXIST) => {
                    // Only regular files are protected: /dev/null and fifos are fine.
                    let f = fd::open(&path, libc::O_WRONLY, 0).map_err(err)?;
                    if fd::is_regular(f) {
                        fd::close(f);
                        Err(format!("{}: cannot overwrite existing file", String::from_utf8_lossy(name)))
                    } else {
                        Ok(f)
                    }
                }
                Err(e) => Err(err(e)),
            }
        }
        RedirOp::Output | RedirOp::Clobber => fd::open(&path, creat | libc::O_TRUNC, 0o666).map_err(err),
        RedirOp::Append => fd::open(&path, creat | libc::O_APPEND, 0o666).map_err(err),
        RedirOp::ReadWrite => fd::open(&path, libc::O_RDWR | libc::O_CREAT, 0o666).map_err(err),
        _ => Err(String::new()),
    }
}

/// An fd from which the here-document body can be read.
fn heredoc_fd(body: &[u8]) -> io::Result<i32> {
    if body.len() <= PIPE_SAFE {
        let (r, w) = fd::pipe()?;
        let res = fd::try_write_all(w, body);
        fd::close(w);
        if let Err(e) = res {
            fd::close(r);
            return Err(e);
        }
        return Ok(r);
    }
    let f = fd::temp_file()?;
    if let Err(e) = fd::try_write_all(f, body).and_then(|_| fd::lseek(f, 0, libc::SEEK_SET).map(|_| ())) {
        fd::close(f);
        return Err(e);
    }
    Ok(f)
}
