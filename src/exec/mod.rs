//! The executor: walks the AST, applies redirections, forks and execs, waits.
