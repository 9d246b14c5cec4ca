//! The read-parse-execute loop for scripts, `-c` strings and standard input.
//! (STUB: the execution-engine work implements it.)

use crate::cli::Invocation;

/// Runs the shell as `inv` asks and returns its exit status.
pub fn run(inv: Invocation) -> i32 {
    let _ = inv;
    0
}
