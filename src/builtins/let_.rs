//! `let expr...` (bash): evaluates each argument as an arithmetic expression; the status is 0
//! when the last value is not zero, 1 when it is or an expression failed.

use super::util::error;
use crate::shell::Shell;

pub fn let_(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    if args.len() < 2 {
        error(sh, args, "expression expected");
        return 1;
    }
    let mut last = 0;
    for a in &args[1..] {
        match crate::expand::arith::eval_text(sh, a) {
            Ok(v) => last = v,
            Err(e) => return crate::exec::arith_failure(sh, e, "let"),
        }
    }
    (last == 0) as i32
}
