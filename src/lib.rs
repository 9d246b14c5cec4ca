//! chitin: a POSIX job-control shell. The library holds the whole shell; `main.rs` only parses
//! the command line and dispatches, so tests can drive the parser and executor directly.

pub mod builtins;
pub mod cli;
pub mod exec;
pub mod expand;
pub mod interactive;
pub mod jobs;
pub mod shell;
pub mod syntax;
pub mod sys;
pub mod transcript;
