//! chitin: a POSIX job-control shell. Everything lives in the library; see `cli::main`. The
//! entry point (a C `main`, for a faster start) is in the platform layer.
#![no_main]

#[path = "sys/entry.rs"]
mod entry;
