//! Processes: fork, exec, posix_spawn, waitpid, kill.
//!
//! Everything a child needs (argv, envp as C strings, the signal set to reset) is built before
//! forking, so that the child side only makes async-signal-safe calls.

use std::ffi::{CString, c_char};
use std::io;
use std::rc::Rc;

/// A NULL-terminated array of C strings (argv or envp), built before any fork.
pub struct CStrVec {
    owned: Vec<CString>,
    /// Strings shared with another array (a cached environment): only held, to keep them alive.
    _shared: Option<Rc<CStrVec>>,
    ptrs: Vec<*const c_char>,
}

/// Makes a C string from bytes; an embedded NUL ends the string (the kernel would do the same).
pub fn cstring(bytes: &[u8]) -> CString {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    // The slice has no NUL by construction, so this cannot fail.
    CString::new(&bytes[..end]).unwrap_or_default()
}

impl CStrVec {
    pub fn new<I, B>(items: I) -> Self
    where
        I: IntoIterator<Item = B>,
        B: AsRef<[u8]>,
    {
        let owned: Vec<CString> = items.into_iter().map(|b| cstring(b.as_ref())).collect();
        let mut ptrs: Vec<*const c_char> = owned.iter().map(|c| c.as_ptr()).collect();
        ptrs.push(std::ptr::null());
        CStrVec { owned, _shared: None, ptrs }
    }

    /// The strings of `base` that `replaced` does not match, then `entry`: `base`'s strings
    /// are shared, not copied (one environment entry set per command).
    pub fn with_entry(base: &Rc<CStrVec>, entry: &[u8], replaced: impl Fn(&[u8]) -> bool) -> Self {
        let extra = cstring(entry);
        let mut ptrs = Vec::with_capacity(base.ptrs.len() + 1);
        ptrs.extend(base.owned.iter().filter(|c| !replaced(c.to_bytes())).map(|c| c.as_ptr()));
        ptrs.push(extra.as_ptr());
        ptrs.push(std::ptr::null());
        // Moving the CString into the vector does not move its heap buffer: the pointer stays.
        CStrVec { owned: vec![extra], _shared: Some(Rc::clone(base)), ptrs }
    }

    pub fn len(&self) -> usize {
        self.ptrs.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn as_ptr(&self) -> *const *const c_char {
        self.ptrs.as_ptr()
    }
}

pub enum Fork {
    Child,
    Parent(i32),
}

/// `fork()`. The shell's only other threads read the pipes of substitutions
/// (`sys::drain`) and take no lock but malloc's, which glibc makes safe across fork, so the
/// child may go on running Rust code (a subshell); a child that is going to exec must stick
/// to async-signal-safe calls.
pub fn fork() -> io::Result<Fork> {
    super::capture::touch_all();
    // The child shares the offsets: it must see them where the shell is.
    super::readahead::sync();
    // SAFETY: the main thread is the shell; the other threads hold no lock the child could
    // need but malloc's, which glibc's fork takes and releases on both sides.
    let pid = unsafe { libc::fork() };
    match pid {
        -1 => Err(io::Error::last_os_error()),
        0 => {
            super::capture::after_fork();
            Ok(Fork::Child)
        }
        pid => Ok(Fork::Parent(pid)),
    }
}

/// Leaves the process at once, without running destructors or atexit handlers (the right
/// exit for forked children: buffers belong to the parent).
pub fn exit_now(status: i32) -> ! {
    super::readahead::sync();
    // SAFETY: _exit is async-signal-safe and never returns.
    unsafe { libc::_exit(status) }
}

/// `execve`; returns only on failure, with the error.
pub fn execve(path: &CString, argv: &CStrVec, envp: &CStrVec) -> io::Error {
    super::capture::touch_all();
    super::readahead::sync();
    // SAFETY: all three arguments are valid NULL-terminated arrays of NUL-terminated strings
    // that outlive the call.
    unsafe {
        libc::execve(path.as_ptr(), argv.as_ptr(), envp.as_ptr());
    }
    io::Error::last_os_error()
}

/// In a child after a failed exec: writes `msg` (pre-formatted) to stderr and exits.
pub fn child_fail(msg: &[u8], status: i32) -> ! {
    // SAFETY: write and _exit are async-signal-safe; `msg` is valid for its length.
    unsafe {
        libc::write(2, msg.as_ptr().cast(), msg.len());
        libc::_exit(status)
    }
}

/// How to start a process with [`spawn`].
pub struct SpawnAttrs<'a> {
    /// Put the child in this process group (0: its own new group).
    pub pgid: Option<i32>,
    /// Signals to reset to their default disposition in the child.
    pub sigdefault: &'a libc::sigset_t,
}

/// What the child of [`spawn`] does before exec, all prepared before the clone: it runs on
/// its own stack in the shell's memory and may only make async-signal-safe calls on this.
#[repr(C)]
struct ChildPlan {
    path: *const c_char,
    argv: *const *const c_char,
    envp: *const *const c_char,
    /// Signals to set back to their default action (bits, see `signal::bit`).
    reset: u64,
    /// Process group to join (0: a new one), or -1 to stay in ours.
    pgid: i32,
    /// The child's errno when it could not exec; written by the child only.
    err: i32,
}

const CHILD_STACK: usize = 32 * 1024;

extern "C" fn spawned_child(arg: *mut libc::c_void) -> libc::c_int {
    // SAFETY: `arg` is the parent's ChildPlan, alive while the parent is suspended
    // (CLONE_VFORK). Only async-signal-safe calls follow; every signal is blocked until the
    // caught ones are back at their default, so no handler of the shell runs here.
    unsafe {
        let plan = &mut *(arg as *mut ChildPlan);
        let mut dfl: libc::sigaction = std::mem::zeroed();
        dfl.sa_sigaction = libc::SIG_DFL;
        libc::sigemptyset(&mut dfl.sa_mask);
        for sig in 1..super::signal::NSIG as i32 {
            if plan.reset & super::signal::bit(sig) != 0 {
                libc::sigaction(sig, &dfl, std::ptr::null_mut());
            }
        }
        if plan.pgid >= 0 && libc::setpgid(0, plan.pgid) != 0 {
            plan.err = *libc::__errno_location();
            libc::_exit(127);
        }
        let mut empty: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut empty);
        libc::sigprocmask(libc::SIG_SETMASK, &empty, std::ptr::null_mut());
        libc::execve(plan.path, plan.argv, plan.envp);
        plan.err = (*libc::__errno_location()).max(1);
        libc::_exit(127)
    }
}

/// Starts `path` the way vfork does (clone with CLONE_VM|CLONE_VFORK: no copy of the shell's
/// memory; we wait, suspended, until the child has exec'd): the child gets the current fds,
/// an empty signal mask, and default actions for `attrs.sigdefault` and for the signals the
/// shell catches, and only those, as dash does (glibc's posix_spawn makes some 120 sigaction
/// calls to reset every signal). Returns the pid, or the exec error (ENOENT, EACCES,
/// ENOEXEC, ...), the child then reaped.
pub fn spawn(path: &CString, argv: &CStrVec, envp: &CStrVec, attrs: &SpawnAttrs) -> io::Result<i32> {
    super::capture::touch_all();
    super::readahead::sync();
    let mut reset = super::signal::caught_bits();
    for sig in 1..super::signal::NSIG as i32 {
        // SAFETY: `sigdefault` is an initialised set; sigismember only reads it.
        if unsafe { libc::sigismember(attrs.sigdefault, sig) } == 1 {
            reset |= super::signal::bit(sig);
        }
    }
    let mut plan = ChildPlan {
        path: path.as_ptr(),
        argv: argv.as_ptr(),
        envp: envp.as_ptr(),
        reset,
        pgid: attrs.pgid.unwrap_or(-1),
        err: 0,
    };
    let mut stack: Vec<u8> = Vec::with_capacity(CHILD_STACK);
    let top = (stack.as_mut_ptr() as usize + CHILD_STACK) & !15;
    let mask = super::signal::block_all();
    // SAFETY: the child runs `spawned_child` on `stack` (ours, unused otherwise, 16-byte
    // aligned top) with `plan`, both alive until clone returns: with CLONE_VFORK that is after
    // the child has exec'd or exited. Without CLONE_SIGHAND it has its own signal actions.
    let pid = unsafe {
        libc::clone(
            spawned_child,
            top as *mut libc::c_void,
            libc::CLONE_VM | libc::CLONE_VFORK | libc::SIGCHLD,
            (&mut plan as *mut ChildPlan).cast(),
        )
    };
    let clone_error = io::Error::last_os_error();
    super::signal::set_mask(&mask);
    drop(stack);
    if pid < 0 {
        return Err(clone_error);
    }
    // SAFETY: the child has exec'd or exited; the field is read after it wrote it.
    let err = unsafe { std::ptr::read_volatile(&plan.err) };
    if err != 0 {
        let _ = waitpid(pid, 0);
        return Err(io::Error::from_raw_os_error(err));
    }
    Ok(pid)
}

/// What `waitpid` reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitStatus {
    Exited(i32),
    Signaled { sig: i32, core: bool },
    Stopped(i32),
    Continued,
}

impl WaitStatus {
    /// The shell status for this: exit code, or 128 + signal.
    pub fn code(self) -> i32 {
        match self {
            WaitStatus::Exited(c) => c,
            WaitStatus::Signaled { sig, .. } | WaitStatus::Stopped(sig) => 128 + sig,
            WaitStatus::Continued => 0,
        }
    }
}

pub const WNOHANG: i32 = libc::WNOHANG;
pub const WUNTRACED: i32 = libc::WUNTRACED;
pub const WCONTINUED: i32 = libc::WCONTINUED;

/// `waitpid(pid, flags)`, retrying on EINTR. `Ok(None)` when WNOHANG found nothing.
pub fn waitpid(pid: i32, flags: i32) -> io::Result<Option<(i32, WaitStatus)>> {
    loop {
        match waitpid_once(pid, flags) {
            Err(e) if e.raw_os_error() == Some(libc::EINTR) => {}
            r => return r,
        }
    }
}

/// One `waitpid` call (EINTR is returned).
fn waitpid_once(pid: i32, flags: i32) -> io::Result<Option<(i32, WaitStatus)>> {
    let mut st: libc::c_int = 0;
    // SAFETY: `st` is a valid int for waitpid to fill.
    let r = unsafe { libc::waitpid(pid, &mut st, flags) };
    if r < 0 {
        return Err(io::Error::last_os_error());
    }
    if r == 0 {
        return Ok(None);
    }
    let ws = if libc::WIFEXITED(st) {
        WaitStatus::Exited(libc::WEXITSTATUS(st))
    } else if libc::WIFSIGNALED(st) {
        WaitStatus::Signaled { sig: libc::WTERMSIG(st), core: libc::WCOREDUMP(st) }
    } else if libc::WIFSTOPPED(st) {
        WaitStatus::Stopped(libc::WSTOPSIG(st))
    } else {
        WaitStatus::Continued
    };
    Ok(Some((r, ws)))
}

/// `waitpid` that gives up when a hangup interrupts it (SIGHUP is caught without SA_RESTART,
/// see `signal::catch_hangup`): `Err` with EINTR, so the shell can leave at once.
pub fn waitpid_or_hangup(pid: i32, flags: i32) -> io::Result<Option<(i32, WaitStatus)>> {
    loop {
        match waitpid_once(pid, flags) {
            Err(e) if e.raw_os_error() == Some(libc::EINTR) && !super::signal::hangup_pending() => {}
            r => return r,
        }
    }
}

pub fn kill(pid: i32, sig: i32) -> io::Result<()> {
    // SAFETY: kill only takes integers.
    if unsafe { libc::kill(pid, sig) } < 0 { Err(io::Error::last_os_error()) } else { Ok(()) }
}

pub fn getpid() -> i32 {
    // SAFETY: getpid cannot fail.
    unsafe { libc::getpid() }
}

pub fn getppid() -> i32 {
    // SAFETY: getppid cannot fail.
    unsafe { libc::getppid() }
}

/// `setpgid(pid, pgid)`; errors are returned for the caller to judge (EACCES after exec).
pub fn setpgid(pid: i32, pgid: i32) -> io::Result<()> {
    // SAFETY: setpgid only takes integers.
    if unsafe { libc::setpgid(pid, pgid) } < 0 { Err(io::Error::last_os_error()) } else { Ok(()) }
}

/// User and system CPU times of the shell and of its waited-for children, in seconds.
pub fn times() -> [(f64, f64); 2] {
    // SAFETY: `t` is a plain struct for times() to fill; sysconf only reads a constant.
    unsafe {
        let mut t: libc::tms = std::mem::zeroed();
        libc::times(&mut t);
        let hz = libc::sysconf(libc::_SC_CLK_TCK).max(1) as f64;
        [
            (t.tms_utime as f64 / hz, t.tms_stime as f64 / hz),
            (t.tms_cutime as f64 / hz, t.tms_cstime as f64 / hz),
        ]
    }
}

/// Whether `path` names an executable regular file (for PATH search).
pub fn is_executable_file(path: &CString) -> bool {
    // SAFETY: `path` is NUL-terminated; `st` is a plain struct for stat to fill.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        if libc::stat(path.as_ptr(), &mut st) != 0 {
            return false;
        }
        (st.st_mode & libc::S_IFMT) == libc::S_IFREG && libc::access(path.as_ptr(), libc::X_OK) == 0
    }
}

/// Whether `path` exists (any type).
pub fn exists(path: &CString) -> bool {
    // SAFETY: `path` is NUL-terminated; `st` is a plain struct for stat to fill.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        libc::stat(path.as_ptr(), &mut st) == 0
    }
}

/// 32 random bits from the kernel (`SRANDOM`); from the clock if getrandom fails.
pub fn random_u32() -> u32 {
    let mut buf = [0u8; 4];
    // SAFETY: buf is valid for 4 bytes of writing; flags 0 blocks only before the kernel's
    // pool is initialised at boot.
    let n = unsafe { libc::getrandom(buf.as_mut_ptr().cast(), buf.len(), 0) };
    if n == 4 {
        return u32::from_ne_bytes(buf);
    }
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    t.subsec_nanos() ^ (t.as_secs() as u32)
}
