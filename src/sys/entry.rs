//! The process entry point, compiled into the binary only (`src/main.rs` includes this file;
//! it is not part of the library, whose test binaries have their own `main`).
//!
//! chitin defines the C `main` itself instead of going through Rust's runtime start-up, which
//! reads /proc/self/maps to find the main thread's stack guard and sets up an alternate signal
//! stack: a quarter of the instructions of `chitin -c true`, for a stack-overflow message a
//! shell with a nesting limit does not need. What the shell does need from that start-up is
//! done here: SIGPIPE is left as the shell found it (Rust's start-up would ignore it, so a
//! script writing to a closed pipe would never die of it), SIGXFSZ ignored for the shell
//! itself (a builtin writing past `ulimit -f` gets `File too large`), and a panic reported with status 101 after
//! unwinding (so drop guards, such as the one that gives the terminal back, still run).
//! Unlike Rust's start-up, closed standard descriptors are not reopened on /dev/null: writing
//! to a closed stdout is an error, as in dash and bash.

use std::os::raw::{c_char, c_int};

// SAFETY: no other `main` symbol is linked into the binary (the library defines none), and
// the signature is the one the C start-up code calls.
#[unsafe(no_mangle)]
pub extern "C" fn main(_argc: c_int, _argv: *const *const c_char) -> c_int {
    chitin::sys::stack::record_main_thread();
    chitin::sys::signal::ignore_sigxfsz_at_start();
    // glibc passes argv to Rust's std through .init_array, so args_os works without lang_start.
    let status = std::panic::catch_unwind(|| chitin::cli::main(std::env::args_os().collect()))
        .unwrap_or(101);
    // Input read ahead goes back to whoever reads next (the process that started us).
    chitin::sys::readahead::sync();
    std::process::exit(status)
}
