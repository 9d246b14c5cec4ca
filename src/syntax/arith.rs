//! The arithmetic expression parser for `$((...))` (XCU 2.6.4).

use super::ast::ArithExpr;

/// Parses the text of an arithmetic expansion (after any expansions in it were done).
/// STUB: the parser work replaces this.
pub fn parse(src: &[u8]) -> Result<ArithExpr, String> {
    let s = std::str::from_utf8(src).map_err(|_| "arithmetic syntax error".to_string())?;
    s.trim().parse::<i64>().map(ArithExpr::Number).map_err(|_| format!("arithmetic syntax error: {s}"))
}
