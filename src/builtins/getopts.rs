//! `getopts optstring name [arg...]` (XCU getopts), with OPTIND/OPTARG.
//!
//! Grouped options (`-ab`) need a position inside the current argument that OPTIND cannot
//! express. It is kept here together with the OPTIND value getopts last wrote: when the
//! script changes OPTIND (e.g. `OPTIND=1`), the value differs and parsing restarts cleanly.

use std::cell::RefCell;

use super::util::{assign, error, lossy, parse_decimal};
use crate::shell::{Shell, is_name};

#[derive(Default, Clone)]
struct State {
    /// OPTIND as getopts last set it.
    optind: Vec<u8>,
    /// Index of the next option letter inside argument OPTIND (0: start a new argument).
    offset: usize,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// Where getopts is in the arguments, to put back when a subshell run in the shell process
/// ends (`exec::virtual_subshell`).
pub struct Position(State);

pub fn position() -> Position {
    Position(STATE.with(|s| s.borrow().clone()))
}

pub fn set_position(p: Position) {
    STATE.with(|s| *s.borrow_mut() = p.0);
}

/// What one call found.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// An option, with its argument when it takes one.
    Opt(u8, Option<Vec<u8>>),
    /// An unknown option letter.
    Unknown(u8),
    /// An option whose argument is missing.
    MissingArg(u8),
    /// No more options.
    End,
}

/// The pure state machine: looks at `args` from index `optind` (1-based) and `offset` inside
/// it; returns what was found and the new `(optind, offset)`.
pub fn step(
    optstring: &[u8],
    args: &[Vec<u8>],
    optind: usize,
    offset: usize,
) -> (Found, usize, usize) {
    // Past the end is the end (and keeps the arithmetic below from overflowing).
    let mut optind = optind.clamp(1, args.len() + 1);
    let mut offset = offset;
    if offset == 0 {
        let Some(arg) = args.get(optind - 1) else {
            return (Found::End, optind, 0);
        };
        if arg == b"--" {
            return (Found::End, optind + 1, 0);
        }
        if arg.len() < 2 || arg[0] != b'-' {
            return (Found::End, optind, 0);
        }
        offset = 1;
    }
    let arg = match args.get(optind - 1) {
        Some(a) if offset < a.len() => a,
        _ => return (Found::End, optind, 0),
    };
    let c = arg[offset];
    offset += 1;
    let at_end = offset >= arg.len();
    let spec = optstring.strip_prefix(b":").unwrap_or(optstring);
    let pos = if c == b':' {
        None
    } else {
        spec.iter().position(|&o| o == c)
    };
    let Some(pos) = pos else {
        if at_end {
            optind += 1;
            offset = 0;
        }
        return (Found::Unknown(c), optind, offset);
    };
    if spec.get(pos + 1) != Some(&b':') {
        if at_end {
            optind += 1;
            offset = 0;
        }
        return (Found::Opt(c, None), optind, offset);
    }
    if !at_end {
        return (Found::Opt(c, Some(arg[offset..].to_vec())), optind + 1, 0);
    }
    match args.get(optind) {
        Some(next) => (Found::Opt(c, Some(next.clone())), optind + 2, 0),
        None => (Found::MissingArg(c), optind + 1, 0),
    }
}

pub fn getopts(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    crate::exec::virtual_subshell::before_getopts(sh);
    let ops = match super::util::scan_opts(sh, args, b"", false) {
        Ok(o) => &args[o.next..],
        Err(status) => return status,
    };
    let [optstring, name, rest @ ..] = ops else {
        return super::options::usage_error(args);
    };
    if !is_name(name) {
        error(sh, args, format!("{}: bad variable name", lossy(name)));
        return 2;
    }
    let params: Vec<Vec<u8>>;
    let list: &[Vec<u8>] = if rest.is_empty() {
        params = sh.positional.clone();
        &params
    } else {
        rest
    };
    let cur = sh
        .vars
        .get(b"OPTIND")
        .map(|v| v.to_vec())
        .unwrap_or_else(|| b"1".to_vec());
    let optind = parse_decimal(&cur).filter(|&n| n >= 1).unwrap_or(1) as usize;
    let offset = STATE.with(|s| {
        let s = s.borrow();
        if s.optind == cur { s.offset } else { 0 }
    });
    let (found, optind, offset) = step(optstring, list, optind, offset);
    let silent = optstring.first() == Some(&b':');
    let new_optind = optind.to_string().into_bytes();
    STATE.with(|s| {
        *s.borrow_mut() = State {
            optind: new_optind.clone(),
            offset,
        };
    });
    let mut status = 0;
    let result = |sh: &mut Shell, letter: u8, optarg: Option<Vec<u8>>| {
        let mut ok = assign(sh, name, vec![letter]).is_ok();
        ok &= match optarg {
            Some(v) => assign(sh, b"OPTARG", v).is_ok(),
            None => sh.vars.unset(b"OPTARG").is_ok(),
        };
        ok
    };
    let ok = match found {
        Found::Opt(c, arg) => result(sh, c, arg),
        Found::Unknown(c) => {
            if silent {
                result(sh, b'?', Some(vec![c]))
            } else {
                error(sh, args, format!("illegal option -- {}", lossy(&[c])));
                result(sh, b'?', None)
            }
        }
        Found::MissingArg(c) => {
            if silent {
                result(sh, b':', Some(vec![c]))
            } else {
                error(
                    sh,
                    args,
                    format!("option requires an argument -- {}", lossy(&[c])),
                );
                result(sh, b'?', None)
            }
        }
        Found::End => {
            status = 1;
            let ok = assign(sh, name, b"?".to_vec()).is_ok();
            ok & sh.vars.unset(b"OPTARG").is_ok()
        }
    };
    if assign(sh, b"OPTIND", new_optind).is_err() || !ok {
        error(sh, args, "cannot assign: readonly variable");
        return 2;
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<Vec<u8>> {
        s.iter().map(|a| a.as_bytes().to_vec()).collect()
    }

    #[test]
    fn machine() {
        let a = v(&["-ab", "-c", "x", "-cy", "rest"]);
        let (f, i, o) = step(b"abc:", &a, 1, 0);
        assert_eq!((f, i, o), (Found::Opt(b'a', None), 1, 2));
        let (f, i, o) = step(b"abc:", &a, i, o);
        assert_eq!((f, i, o), (Found::Opt(b'b', None), 2, 0));
        let (f, i, o) = step(b"abc:", &a, i, o);
        assert_eq!((f, i, o), (Found::Opt(b'c', Some(b"x".to_vec())), 4, 0));
        let (f, i, o) = step(b"abc:", &a, i, o);
        assert_eq!((f, i, o), (Found::Opt(b'c', Some(b"y".to_vec())), 5, 0));
        let (f, i, _) = step(b"abc:", &a, i, 0);
        assert_eq!((f, i), (Found::End, 5));
    }

    #[test]
    fn edges() {
        assert_eq!(step(b"a", &v(&["--", "-a"]), 1, 0), (Found::End, 2, 0));
        assert_eq!(step(b"a", &v(&["-", "-a"]), 1, 0), (Found::End, 1, 0));
        assert_eq!(step(b"a", &v(&["-x"]), 1, 0), (Found::Unknown(b'x'), 2, 0));
        assert_eq!(
            step(b"b:", &v(&["-b"]), 1, 0),
            (Found::MissingArg(b'b'), 2, 0)
        );
        assert_eq!(
            step(b"b:a", &v(&["-b", "-a"]), 1, 0),
            (Found::Opt(b'b', Some(b"-a".to_vec())), 3, 0)
        );
        assert_eq!(step(b"a", &v(&[]), 1, 0), (Found::End, 1, 0));
    }
}
