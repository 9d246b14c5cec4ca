//! Signals: one handler that only records the signal and writes a byte to a non-blocking
//! self-pipe; dispositions; the table of signal names.
//!
//! The shell acts on recorded signals between commands (traps) and when waiting (the self-pipe
//! wakes `poll`). Nothing else ever runs in a handler.

use std::io;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};

/// One past the highest signal number.
/// One more than the highest signal number (Linux: 1..=64, SIGRTMAX is 64).
pub const NSIG: usize = 65;

/// A signal's bit in the shell's signal sets (u64): bit `sig - 1`, so that all 64 fit.
pub const fn bit(sig: i32) -> u64 {
    1u64 << (sig - 1)
}

static PENDING: [AtomicBool; NSIG] = [const { AtomicBool::new(false) }; NSIG];
static ANY_PENDING: AtomicBool = AtomicBool::new(false);
static PIPE_R: AtomicI32 = AtomicI32::new(-1);
static PIPE_W: AtomicI32 = AtomicI32::new(-1);
/// Bit n: signal n was ignored when the shell started.
static IGNORED_AT_ENTRY: AtomicU64 = AtomicU64::new(0);
/// Bit n: the shell ignores signal n for its own sake (not by `trap ''`), so children must
/// get it back at its default.
static SHELL_IGNORED: AtomicU64 = AtomicU64::new(0);
/// Signals with one of the shell's handlers installed: a spawned child sets them back to the
/// default before it unblocks signals (a handler must not run in a child sharing our memory).
static CAUGHT: AtomicU64 = AtomicU64::new(0);
/// SIGHUP makes this (interactive) shell leave: set by [`catch_hangup`], cleared as soon as
/// anything else (a trap, `trap ''`, a subshell's default) takes SIGHUP over.
static HANGUP_LEAVES: AtomicBool = AtomicBool::new(false);
/// While the line editor waits for input (see [`HangupEndsRead`]): an fd open on /dev/null
/// that the handler puts over fd 0 on SIGHUP, so the editor's restarted read sees end of
/// input and the shell gets control back to hang up. -1 otherwise.
static HANGUP_NULL: AtomicI32 = AtomicI32::new(-1);
/// The real fd 0, saved by the handler before it put /dev/null there; put back afterwards.
static HANGUP_SAVED_STDIN: AtomicI32 = AtomicI32::new(-1);

extern "C" fn on_signal(sig: libc::c_int) {
    let s = sig as usize;
    if s < NSIG {
        PENDING[s].store(true, Ordering::SeqCst);
        ANY_PENDING.store(true, Ordering::SeqCst);
    }
    if sig == libc::SIGHUP {
        let null = HANGUP_NULL.swap(-1, Ordering::SeqCst);
        if null >= 0 {
            // SAFETY: fcntl and dup2 are async-signal-safe and only take integers; errno is
            // saved and restored around them.
            unsafe {
                let saved_errno = *libc::__errno_location();
                let saved = libc::fcntl(0, libc::F_DUPFD_CLOEXEC, 10);
                HANGUP_SAVED_STDIN.store(saved, Ordering::SeqCst);
                libc::dup2(null, 0);
                *libc::__errno_location() = saved_errno;
            }
        }
    }
    let fd = PIPE_W.load(Ordering::SeqCst);
    if fd >= 0 {
        let b = sig as u8;
        // SAFETY: write is async-signal-safe; errno is saved and restored around it.
        unsafe {
            let saved = *libc::__errno_location();
            libc::write(fd, (&b as *const u8).cast(), 1);
            *libc::__errno_location() = saved;
        }
    }
}

/// Creates this process's self-pipe: only when something is about to wait on it (most forked
/// children never do, and a pipe costs about ten system calls). Returns the read end.
fn make_pipe() -> io::Result<i32> {
    let (r, w) = super::fd::pipe()?;
    let r = super::fd::move_high(r, super::fd::SHELL_FD_BASE)?;
    let w = super::fd::move_high(w, super::fd::SHELL_FD_BASE)?;
    super::fd::set_nonblock(r);
    super::fd::set_nonblock(w);
    if PIPE_R.compare_exchange(-1, r, Ordering::SeqCst, Ordering::SeqCst).is_err() {
        // Another thread (the `set -b` watcher) made one first.
        super::fd::close(r);
        super::fd::close(w);
        return Ok(PIPE_R.load(Ordering::SeqCst));
    }
    PIPE_W.store(w, Ordering::SeqCst);
    // A signal that came before the handler could see the pipe still has to wake the waiter.
    if ANY_PENDING.load(Ordering::SeqCst) {
        let _ = super::fd::write_all(w, &[0]);
    }
    Ok(r)
}

/// Startup: unblocks every signal and catches SIGCHLD (so waiting can sleep in `poll` on the
/// self-pipe, made when first needed).
pub fn init() {
    // Entry dispositions are looked up lazily (see `remember_entry`): 60-odd sigaction calls
    // at every start would be a large share of `sh -c true`.
    // SAFETY: an empty set is initialised by sigemptyset before sigprocmask reads it.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigprocmask(libc::SIG_SETMASK, &set, std::ptr::null_mut());
    }
    catch(libc::SIGCHLD);
}

/// For `fd::make_room`: if an end of the self-pipe is at `fd`, moves it to another number.
pub fn move_self_pipe_from(fd: i32) -> io::Result<()> {
    for end in [&PIPE_R, &PIPE_W] {
        if end.load(Ordering::SeqCst) == fd {
            // With signals blocked, no handler can still write to the old number once the
            // redirection puts the script's file there.
            let mask = block_all();
            let moved = super::fd::dup_high(fd, super::fd::SHELL_FD_BASE);
            if let Ok(new) = moved {
                end.store(new, Ordering::SeqCst);
                super::fd::close(fd);
            }
            set_mask(&mask);
            moved?;
        }
    }
    Ok(())
}

/// Signals a subshell keeps ignoring for itself (its builtins still report EFBIG instead of
/// dying); the others the shell ignores go back to their default in a subshell.
const KEPT_BY_SUBSHELLS: u64 = bit(libc::SIGXFSZ);

/// In a forked subshell: the parent's self-pipe let go (the child makes its own if it ever
/// waits, so parent and child never steal each other's wake-ups), and the signals the
/// interactive shell ignores for itself (SIGPIPE, SIGQUIT, SIGTERM) back to their default.
pub fn after_fork_in_subshell() {
    let r = PIPE_R.swap(-1, Ordering::SeqCst);
    let w = PIPE_W.swap(-1, Ordering::SeqCst);
    if r >= 0 {
        super::fd::close(r);
    }
    if w >= 0 {
        super::fd::close(w);
    }
    let shell_ignored = SHELL_IGNORED.fetch_and(KEPT_BY_SUBSHELLS, Ordering::SeqCst) & !KEPT_BY_SUBSHELLS;
    for sig in 1..NSIG as i32 {
        if shell_ignored & bit(sig) != 0 {
            set_default(sig);
        }
    }
}

fn current_is_ignore(sig: i32) -> bool {
    // SAFETY: querying with a NULL new action only fills `old`.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(sig, std::ptr::null(), &mut old) == 0 && old.sa_sigaction == libc::SIG_IGN
    }
}

/// At process start (the entry point): the shell ignores SIGXFSZ for itself, so a builtin
/// writing past `ulimit -f` fails with `File too large` instead of killing the shell; the
/// programs it starts get the default action back. One sigaction call, which also tells
/// whether the signal came ignored (then it stays ignored for children too). SIGPIPE is left
/// as found: a non-interactive shell writing to a closed pipe dies of it, as dash and bash do
/// (an interactive one ignores it, see [`shell_ignore`]).
pub fn ignore_sigxfsz_at_start() {
    let sig = libc::SIGXFSZ;
    let bit = bit(sig);
    // SAFETY: the new action is fully initialised; `old` is filled in by sigaction.
    let old_ignored = unsafe {
        let mut act: libc::sigaction = std::mem::zeroed();
        let mut old: libc::sigaction = std::mem::zeroed();
        act.sa_sigaction = libc::SIG_IGN;
        libc::sigemptyset(&mut act.sa_mask);
        libc::sigaction(sig, &act, &mut old) == 0 && old.sa_sigaction == libc::SIG_IGN
    };
    if old_ignored {
        IGNORED_AT_ENTRY.fetch_or(bit, Ordering::SeqCst);
    } else {
        SHELL_IGNORED.fetch_or(bit, Ordering::SeqCst);
    }
    ENTRY_KNOWN.fetch_or(bit, Ordering::SeqCst);
}

/// Undoes [`ignore_sigxfsz_at_start`] in a process that turns out not to be a shell (the
/// transcript runner): the shells it starts must find SIGXFSZ as chitin's own children do, at
/// its default unless it came ignored.
pub fn restore_sigxfsz() {
    let bit = bit(libc::SIGXFSZ);
    if SHELL_IGNORED.fetch_and(!bit, Ordering::SeqCst) & bit != 0 {
        set_handler(libc::SIGXFSZ, libc::SIG_DFL);
    }
}

/// The signals whose entry disposition is recorded in IGNORED_AT_ENTRY (see [`bit`]).
static ENTRY_KNOWN: AtomicU64 = AtomicU64::new(0);

/// Records whether `sig` was ignored at entry, before the shell first changes it.
fn remember_entry(sig: i32) {
    if sig <= 0 || sig as usize >= NSIG {
        return;
    }
    let bit = bit(sig);
    if ENTRY_KNOWN.load(Ordering::SeqCst) & bit != 0 {
        return;
    }
    if current_is_ignore(sig) {
        IGNORED_AT_ENTRY.fetch_or(bit, Ordering::SeqCst);
    }
    ENTRY_KNOWN.fetch_or(bit, Ordering::SeqCst);
}

fn set_handler(sig: i32, handler: libc::sighandler_t) -> bool {
    set_handler_flags(sig, handler, libc::SA_RESTART)
}

fn set_handler_flags(sig: i32, handler: libc::sighandler_t, flags: libc::c_int) -> bool {
    remember_entry(sig);
    if sig == libc::SIGHUP {
        HANGUP_LEAVES.store(false, Ordering::SeqCst);
    }
    // SAFETY: the action struct is fully initialised; on_signal is async-signal-safe.
    unsafe {
        let mut act: libc::sigaction = std::mem::zeroed();
        act.sa_sigaction = handler;
        act.sa_flags = flags;
        libc::sigemptyset(&mut act.sa_mask);
        let ok = libc::sigaction(sig, &act, std::ptr::null_mut()) == 0;
        if ok && sig > 0 && (sig as usize) < NSIG {
            let bit = bit(sig);
            if handler == libc::SIG_IGN || handler == libc::SIG_DFL {
                CAUGHT.fetch_and(!bit, Ordering::SeqCst);
            } else {
                CAUGHT.fetch_or(bit, Ordering::SeqCst);
            }
        }
        ok
    }
}

/// The signals the shell has a handler for, as bits (see [`bit`]).
pub fn caught_bits() -> u64 {
    CAUGHT.load(Ordering::SeqCst)
}

/// Whether `sig` was ignored when the shell started (such signals cannot be trapped).
pub fn ignored_at_entry(sig: i32) -> bool {
    remember_entry(sig);
    sig > 0 && (sig as usize) < NSIG && IGNORED_AT_ENTRY.load(Ordering::SeqCst) & bit(sig) != 0
}

/// Catches `sig` with the recording handler.
pub fn catch(sig: i32) -> bool {
    set_handler(sig, on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t)
}

/// SIGHUP of an interactive shell with no HUP trap: the shell must leave at once, whatever it
/// is doing. Caught without SA_RESTART, so a wait for a foreground job returns (EINTR) and
/// the shell can hang up its jobs and leave; see also [`HangupEndsRead`].
pub fn catch_hangup() -> bool {
    let ok = set_handler_flags(
        libc::SIGHUP,
        on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t,
        0,
    );
    HANGUP_LEAVES.store(ok, Ordering::SeqCst);
    ok
}

/// A SIGHUP arrived that the shell must leave for (see [`catch_hangup`]).
#[inline]
pub fn hangup_pending() -> bool {
    ANY_PENDING.load(Ordering::Relaxed)
        && HANGUP_LEAVES.load(Ordering::SeqCst)
        && is_pending(libc::SIGHUP)
}

/// Held around a read of the line editor from fd 0: a SIGHUP that makes the shell leave also
/// ends the read (the handler puts /dev/null over fd 0, the restarted read returns end of
/// input). Dropping it puts the real fd 0 back if that happened.
pub struct HangupEndsRead {
    null: i32,
}

impl HangupEndsRead {
    pub fn arm() -> HangupEndsRead {
        let mut null = -1;
        if HANGUP_LEAVES.load(Ordering::SeqCst) {
            if let Ok(fd) = super::fd::open(c"/dev/null", libc::O_RDONLY | libc::O_CLOEXEC, 0) {
                null = fd;
                HANGUP_NULL.store(fd, Ordering::SeqCst);
            }
        }
        HangupEndsRead { null }
    }
}

impl Drop for HangupEndsRead {
    fn drop(&mut self) {
        if self.null < 0 {
            return;
        }
        HANGUP_NULL.store(-1, Ordering::SeqCst);
        let saved = HANGUP_SAVED_STDIN.swap(-1, Ordering::SeqCst);
        if saved >= 0 {
            let _ = super::fd::dup2(saved, 0);
            super::fd::close(saved);
        }
        super::fd::close(self.null);
    }
}

pub fn set_ignore(sig: i32) -> bool {
    set_handler(sig, libc::SIG_IGN)
}

pub fn set_default(sig: i32) -> bool {
    if sig == libc::SIGCHLD {
        // The shell itself needs SIGCHLD wake-ups; exec resets caught signals anyway.
        return catch(sig);
    }
    set_handler(sig, libc::SIG_DFL)
}

/// The shell ignores `sig` for itself (interactive or job-control shell); children get it back
/// at its default.
pub fn shell_ignore(sig: i32) {
    SHELL_IGNORED.fetch_or(bit(sig), Ordering::SeqCst);
    set_ignore(sig);
}

/// Whether the shell ignores `sig` for its own sake (see [`shell_ignore`]): what `trap - SIG`
/// goes back to.
pub fn shell_ignores(sig: i32) -> bool {
    sig > 0 && (sig as usize) < NSIG && SHELL_IGNORED.load(Ordering::SeqCst) & bit(sig) != 0
}

/// The set of signals a new program must get back at their default disposition.
pub fn child_sigdefault() -> libc::sigset_t {
    let bits = SHELL_IGNORED.load(Ordering::SeqCst);
    // SAFETY: the set is initialised by sigemptyset before sigaddset.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for sig in 1..NSIG as i32 {
            if bits & bit(sig) != 0 {
                libc::sigaddset(&mut set, sig);
            }
        }
        set
    }
}

/// Whether any signal was recorded since the last [`take_pending`].
#[inline]
pub fn any_pending() -> bool {
    ANY_PENDING.load(Ordering::Relaxed)
}

/// Takes the recorded signals, lowest number first (SIGCHLD is left to [`take_chld`]).
pub fn take_pending() -> Vec<i32> {
    ANY_PENDING.store(false, Ordering::SeqCst);
    let mut v = Vec::new();
    for sig in 1..NSIG {
        if PENDING[sig].swap(false, Ordering::SeqCst) {
            v.push(sig as i32);
        }
    }
    v
}

/// Records `sig` as if it had arrived: ^C typed at the line editor, which reads the key in raw
/// mode where the terminal sends no signal, is an interrupt all the same (its trap runs).
pub fn record(sig: i32) {
    if sig > 0 && (sig as usize) < NSIG {
        PENDING[sig as usize].store(true, Ordering::SeqCst);
        ANY_PENDING.store(true, Ordering::SeqCst);
    }
}

/// Whether `sig` is recorded, without clearing it.
pub fn is_pending(sig: i32) -> bool {
    sig > 0 && (sig as usize) < NSIG && PENDING[sig as usize].load(Ordering::SeqCst)
}

/// Forgets any recorded `sig`.
pub fn clear(sig: i32) {
    if sig > 0 && (sig as usize) < NSIG {
        PENDING[sig as usize].store(false, Ordering::SeqCst);
    }
}

/// The read end of the self-pipe (readable when a signal arrived), made on first use; -1 if
/// it cannot be made.
pub fn wake_fd() -> i32 {
    match PIPE_R.load(Ordering::SeqCst) {
        -1 => make_pipe().unwrap_or(-1),
        fd => fd,
    }
}

/// Empties the self-pipe.
pub fn drain() {
    let fd = PIPE_R.load(Ordering::SeqCst);
    if fd < 0 {
        return;
    }
    let mut buf = [0u8; 256];
    while let Ok(n) = super::fd::read(fd, &mut buf) {
        if n < buf.len() {
            break;
        }
    }
}

/// Sends `sig` to ourselves with its default action (a script killed by SIGINT dies by SIGINT).
pub fn kill_self_with(sig: i32) -> ! {
    set_handler(sig, libc::SIG_DFL);
    // SAFETY: unblocking and raising a signal on ourselves; _exit is the fallback.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, sig);
        libc::sigprocmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        libc::kill(libc::getpid(), sig);
        libc::_exit(128 + sig)
    }
}

/// The name of `sig` without `SIG` (`INT`), or its number as text.
pub fn name(sig: i32) -> String {
    super::signals::name(sig).unwrap_or_else(|| sig.to_string())
}

/// Parses a signal name (`INT`, `SIGINT`, `int`) or number.
pub fn parse(s: &[u8]) -> Option<i32> {
    super::signals::parse(s).filter(|&n| (n as usize) < NSIG)
}

/// Before the shell replaces itself with a program: signals the shell ignored for itself go
/// back to their default.
pub fn reset_for_exec() {
    let bits = SHELL_IGNORED.load(Ordering::SeqCst);
    for sig in 1..NSIG as i32 {
        if bits & bit(sig) != 0 {
            set_default(sig);
        }
    }
}

/// A saved signal mask (see [`block_all`]).
pub struct Mask(libc::sigset_t);

/// Blocks every signal and returns the previous mask: around fork, so a signal sent to a new
/// child before it has set up its dispositions waits until it has.
pub fn block_all() -> Mask {
    // SAFETY: both sets are initialised before use (sigfillset, and sigprocmask fills `old`).
    unsafe {
        let mut all: libc::sigset_t = std::mem::zeroed();
        let mut old: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::sigprocmask(libc::SIG_SETMASK, &all, &mut old);
        Mask(old)
    }
}

/// Puts back a mask saved by [`block_all`].
pub fn set_mask(mask: &Mask) {
    // SAFETY: `mask.0` is a valid set obtained from sigprocmask.
    unsafe {
        libc::sigprocmask(libc::SIG_SETMASK, &mask.0, std::ptr::null_mut());
    }
}

/// While this lives, SIGINT reaches the shell's recording handler, not the one the line
/// editor installs while it reads: a completion function run from the editor stops on ^C as
/// any command does. The editor's handler comes back when it is dropped.
pub struct ShellCatchesInterrupt {
    old: Option<libc::sigaction>,
}

impl ShellCatchesInterrupt {
    pub fn new() -> ShellCatchesInterrupt {
        // SAFETY: the new action is fully initialised (on_signal is async-signal-safe); `old`
        // is filled in by sigaction before it is kept.
        let old = unsafe {
            let mut act: libc::sigaction = std::mem::zeroed();
            act.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
            act.sa_flags = libc::SA_RESTART;
            libc::sigemptyset(&mut act.sa_mask);
            let mut old: libc::sigaction = std::mem::zeroed();
            (libc::sigaction(libc::SIGINT, &act, &mut old) == 0).then_some(old)
        };
        ShellCatchesInterrupt { old }
    }
}

impl Default for ShellCatchesInterrupt {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for ShellCatchesInterrupt {
    fn drop(&mut self) {
        if let Some(old) = &self.old {
            // SAFETY: `old` is the complete action sigaction gave back in `new`.
            unsafe {
                libc::sigaction(libc::SIGINT, old, std::ptr::null_mut());
            }
        }
    }
}
