//! The bash compound commands: `(( expr ))`, `for (( init; test; step ))` and `select`.
//!
//! An arithmetic error in `((...))` or `for ((...))` is reported (`((: 1/0: division by 0
//! ...`) and fails the command with status 1; unlike `$((...))` it does not end the shell.

use crate::exec::eval::{LoopCtl, eval_list, loop_control};
use crate::exec::{simple, words};
use crate::expand::ExpandError;
use crate::shell::Shell;
use crate::syntax::ast::{Arith, List, Word};

/// Evaluates an arithmetic expression for `((...))`, `for ((...))` or `let` (`name`).
/// `Err(status)` when it failed (the error reported).
pub fn eval_arith_for_status(sh: &mut Shell, a: &Arith, name: &str) -> Result<i64, i32> {
    crate::expand::eval_arith(sh, a).map_err(|e| arith_failure(sh, e, name))
}

/// Reports an arithmetic failure of `((`, `for ((` or `let`: status 1, except for errors
/// that are fatal wherever they happen (`set -u`), which end a non-interactive shell.
pub fn arith_failure(sh: &mut Shell, e: ExpandError, name: &str) -> i32 {
    if !e.arith {
        return simple::expansion_error(sh, e.into());
    }
    if e.named {
        sh.report_error(&format!("{name}: {}", e.message));
    } else {
        sh.report_error(&e.message);
    }
    1
}

/// `(( expr ))`: 0 when the value is not zero, 1 when it is (or on an error).
pub fn arith_command(sh: &mut Shell, expr: &Arith, line: u32) -> i32 {
    sh.lineno = line;
    match eval_arith_for_status(sh, expr, "((") {
        Ok(v) => (v == 0) as i32,
        Err(status) => status,
    }
}

/// `for (( init; test; step )) body`: status of the last body run, 0 when none ran. An error
/// in a clause fails the loop with status 1 which, as in bash, `set -e` lets by.
pub fn arith_for(
    sh: &mut Shell,
    init: Option<&Arith>,
    test: Option<&Arith>,
    step: Option<&Arith>,
    body: &List,
    line: u32,
) -> i32 {
    sh.lineno = line;
    let debug = |sh: &mut Shell, clause: &Arith| {
        if sh.traps.hook(crate::exec::trap::DEBUG) {
            crate::exec::bash_traps::run_debug(sh, crate::syntax::print::arith_for_clause(Some(clause)));
        }
    };
    if let Some(init) = init {
        debug(sh, init);
        if let Err(st) = eval_arith_for_status(sh, init, "((") {
            sh.failure_ignored = true;
            return st;
        }
    }
    let mut status = 0;
    sh.loop_depth += 1;
    loop {
        if let Some(test) = test {
            sh.lineno = line;
            debug(sh, test);
            match eval_arith_for_status(sh, test, "((") {
                Ok(0) => break,
                Ok(_) => {}
                Err(st) => {
                    sh.failure_ignored = true;
                    status = st;
                    break;
                }
            }
        }
        status = eval_list(sh, body, false);
        if let LoopCtl::Break = loop_control(sh) {
            break;
        }
        if let Some(step) = step {
            sh.lineno = line;
            debug(sh, step);
            if let Err(st) = eval_arith_for_status(sh, step, "((") {
                sh.failure_ignored = true;
                status = st;
                break;
            }
        }
    }
    sh.loop_depth -= 1;
    status
}

/// `select name [in words]; do body; done`: a numbered menu of the words and the `PS3`
/// prompt on standard error, a line read from standard input into `REPLY`, `name` set to the
/// word chosen (empty for anything else), the body run; until `break` or end of input.
pub fn select(sh: &mut Shell, var: &[u8], wordlist: Option<&[Word]>, body: &List, line: u32) -> i32 {
    sh.lineno = line;
    let items = match wordlist {
        Some(ws) => match words::expand_words(sh, ws) {
            Ok(v) => v,
            Err(e) => return simple::expansion_error(sh, e),
        },
        None => sh.positional.clone(),
    };
    if items.is_empty() {
        return 0;
    }
    let mut status: i32;
    let mut show_menu = true;
    sh.loop_depth += 1;
    loop {
        if show_menu {
            let columns = sh
                .vars
                .get(b"COLUMNS")
                .and_then(|c| std::str::from_utf8(c).ok()?.trim().parse::<usize>().ok())
                .filter(|&c| c > 0)
                .unwrap_or(80);
            crate::sys::fd::write_all(2, &menu(&items, columns));
        }
        let prompt = sh.vars.get(b"PS3").map_or_else(|| b"#? ".to_vec(), <[u8]>::to_vec);
        crate::sys::fd::write_all(2, &prompt);
        if crate::builtins::read::read(sh, &[b"read".to_vec()]) != 0 {
            // End of input: bash ends the prompt's line on standard output.
            crate::sys::fd::write_all(1, b"\n");
            status = 1;
            break;
        }
        let reply = sh.vars.get(b"REPLY").unwrap_or_default().to_vec();
        if reply.is_empty() {
            show_menu = true;
            continue;
        }
        show_menu = false;
        let choice = std::str::from_utf8(&reply)
            .ok()
            .and_then(|r| r.trim_matches(|c| c == ' ' || c == '\t' || c == '\n').parse::<i64>().ok())
            .filter(|&n| n >= 1 && n as usize <= items.len());
        let value = choice.map_or_else(Vec::new, |n| items[n as usize - 1].clone());
        if let Err(e) = sh.vars.set(var, value) {
            sh.report_error(&e.to_string());
            status = 1;
            break;
        }
        status = eval_list(sh, body, false);
        if let LoopCtl::Break = loop_control(sh) {
            break;
        }
    }
    sh.loop_depth -= 1;
    status
}

/// Decimal digits of `n`.
fn number_len(n: usize) -> usize {
    n.to_string().len()
}

/// bash's select menu: `N) word` in as many columns as fit in `columns`, numbered down the
/// columns; tabs and spaces pad each column to a common width.
fn menu(items: &[Vec<u8>], columns: usize) -> Vec<u8> {
    let n = items.len();
    let indices_len = number_len(n);
    let max_elem_len = items.iter().map(Vec::len).max().unwrap_or(0) + indices_len + 2 + 2;
    let cols = (columns / max_elem_len).max(1);
    let mut rows = n.div_ceil(cols);
    if rows == 1 {
        // Everything would fit on one line: bash makes it one column instead.
        rows = n;
    }
    let first_len = number_len(rows);
    let mut out = Vec::new();
    for row in 0..rows {
        let mut ind = row;
        let mut col = 0;
        loop {
            let width = if col == 0 { first_len } else { indices_len };
            let start = col * max_elem_len;
            out.extend_from_slice(format!("{:>width$}) ", ind + 1).as_bytes());
            out.extend_from_slice(&items[ind]);
            let mut pos = start + width + 2 + items[ind].len();
            ind += rows;
            if ind >= n {
                break;
            }
            col += 1;
            let to = col * max_elem_len;
            while pos < to {
                if to / 8 > pos / 8 {
                    out.push(b'\t');
                    pos += 8 - pos % 8;
                } else {
                    out.push(b' ');
                    pos += 1;
                }
            }
        }
        out.push(b'\n');
    }
    out
}

#[cfg(test)]
mod tests {
    fn items(words: &str) -> Vec<Vec<u8>> {
        words.split(' ').map(|w| w.as_bytes().to_vec()).collect()
    }

    #[test]
    fn menu_layout_is_bashs() {
        assert_eq!(super::menu(&items("a b c"), 80), b"1) a\n2) b\n3) c\n");
        assert_eq!(
            String::from_utf8(super::menu(&items("a b c d e f g h i j k l"), 80)).unwrap(),
            "1) a    3) c   5) e   7) g   9) i  11) k\n2) b    4) d   6) f   8) h  10) j  12) l\n"
        );
        assert_eq!(
            String::from_utf8(super::menu(
                &items("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda"),
                40
            ))
            .unwrap(),
            "1) alpha      5) epsilon   9) iota\n2) beta\t      6) zeta\t  10) kappa\n\
             3) gamma      7) eta\t  11) lambda\n4) delta      8) theta\n"
        );
    }
}
