//! The platform layer: every `unsafe` block and raw libc call of the shell lives under here,
//! each with a `// SAFETY:` comment. The rest of the crate calls these safe wrappers.

pub mod fd;
pub mod signals;
pub mod time;
pub mod redirect_guard;
pub mod io;
pub mod mem;
pub mod regex;
pub mod tty;
pub mod process;
pub mod forkserver;
pub mod pty;
pub mod signal;
pub mod stack;
pub mod users;
pub mod readahead;
pub mod capture;
pub mod drain;
