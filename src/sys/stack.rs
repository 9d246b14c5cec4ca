//! How much stack is left. Recursion the script asks for (a function that calls itself, a `.`
//! file that sources itself, `eval` inside `eval`, deeply nested words) must end with an error
//! before it overflows the stack, which would kill the shell with SIGSEGV (the shell has no
//! guard-page handler: see `entry.rs`).
//!
//! The check compares the address of a local variable with a floor kept per thread: two loads
//! and a compare. The floor starts 64 KiB below where the shell's entry point found the stack,
//! so a shell that never recurses that deep never asks the system for its stack limit; once
//! past it, the real floor is computed once: the stack's top plus `RLIMIT_STACK`, less a
//! reserve for what runs between two checks and for reporting the error.

use std::cell::Cell;

/// Stack kept free below the floor: what runs between two checks (a builtin, a read buffer)
/// and the error report.
const RESERVE: usize = 256 * 1024;
/// What [`exhausted_deeper`] allows beyond [`exhausted`] (a recursive function's call uses
/// about 2 KiB).
const SLACK: usize = 32 * 1024;
/// Stack a shell may use before the real limit is looked up.
const FIRST_LOOK: usize = 64 * 1024;
/// The stack assumed when `RLIMIT_STACK` is unlimited.
const UNLIMITED: usize = 256 << 20;

thread_local! {
    /// Below this address, look (again) at how much stack is left. `usize::MAX`: not known yet.
    static FLOOR: Cell<usize> = const { Cell::new(usize::MAX) };
    /// The floor is the real one (computed from the stack's bounds), not the first look.
    static FINAL: Cell<bool> = const { Cell::new(false) };
}

/// An address in the current stack frame.
#[inline(always)]
fn here() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// From the entry point, on the main thread: the stack's current depth is about its start.
pub fn record_main_thread() {
    FLOOR.set(here().saturating_sub(FIRST_LOOK));
}

/// Whether the stack is nearly used up: the caller must not go deeper.
#[inline]
pub fn exhausted() -> bool {
    let sp = here();
    sp < FLOOR.get() && below_real_floor(sp)
}

/// Like [`exhausted`] with 32 KiB more allowed: for the checks on every path (any list, the
/// parser, word expansion), so that recursion through a function, `eval` or `.` reaches their
/// own check first and is reported by name.
#[inline]
pub fn exhausted_deeper() -> bool {
    let sp = here().wrapping_add(SLACK);
    sp < FLOOR.get() && below_real_floor(sp)
}

#[cold]
#[inline(never)]
fn below_real_floor(sp: usize) -> bool {
    if !FINAL.get() {
        FINAL.set(true);
        FLOOR.set(real_floor().unwrap_or(0));
    }
    sp < FLOOR.get()
}

/// The lowest address the stack may safely reach, from the thread's stack bounds.
fn real_floor() -> Option<usize> {
    let (low, size) = if FLOOR.get() == usize::MAX { thread_bounds()? } else { main_bounds()? };
    Some(low + RESERVE.min(size / 4))
}

/// The main thread's stack: it ends where the kernel put the program's name (the highest
/// string on a new process's stack, above the environment and arguments), and may grow down
/// by `RLIMIT_STACK`.
fn main_bounds() -> Option<(usize, usize)> {
    // SAFETY: getauxval only reads the auxiliary vector; AT_EXECFN, when present, points to
    // the NUL-terminated file name the kernel copied to the top of the stack.
    let top = unsafe {
        let name = libc::getauxval(libc::AT_EXECFN) as usize;
        if name == 0 {
            return None;
        }
        name + libc::strlen(name as *const libc::c_char) + 1
    };
    let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: `lim` is a valid rlimit for getrlimit to fill.
    if unsafe { libc::getrlimit(libc::RLIMIT_STACK, &mut lim) } != 0 {
        return None;
    }
    let size = if lim.rlim_cur == libc::RLIM_INFINITY { UNLIMITED } else { (lim.rlim_cur as usize).min(UNLIMITED) };
    Some((top.saturating_sub(size), size))
}

/// Another thread's stack (the library used from a program's threads, tests): as pthreads
/// knows it.
fn thread_bounds() -> Option<(usize, usize)> {
    // SAFETY: the attribute object is initialised by pthread_getattr_np before it is read and
    // destroyed after; the out-parameters are valid locals.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return None;
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let r = libc::pthread_attr_getstack(&attr, &mut addr, &mut size);
        libc::pthread_attr_destroy(&mut attr);
        (r == 0).then_some((addr as usize, size))
    }
}
