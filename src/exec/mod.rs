//! The executor: walks the AST, applies redirections, forks and execs, waits.

pub mod run;

use crate::shell::Shell;
use crate::syntax::ast::List;

/// Runs `body` in a subshell with its stdout captured (`$(...)`), returning the output with
/// NUL bytes dropped (trailing newlines are removed by the expander). Sets `sh.last_status`.
/// STUB: the execution-engine work replaces this.
pub fn command_substitution(sh: &mut Shell, body: &List) -> Vec<u8> {
    let _ = body;
    sh.last_status = 0;
    Vec::new()
}
