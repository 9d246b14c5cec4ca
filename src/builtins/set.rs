//! `set` (options, positional parameters, variable listing) and `shift`.

use super::util::{error, lossy, out, parse_decimal};
use crate::shell::options::OPTION_TABLE;
use crate::shell::quote::quote;
use crate::shell::{Options, Shell};

pub fn set(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    if args.len() == 1 {
        list_vars(sh);
        return 0;
    }
    let mut i = 1;
    let mut replace_positional = false;
    while i < args.len() {
        let a = &args[i];
        if a == b"--" {
            i += 1;
            replace_positional = true;
            break;
        }
        if a == b"-" {
            // Obsolescent `set -`: turns off -v and -x and ends the options.
            sh.options.verbose = false;
            sh.options.xtrace = false;
            i += 1;
            break;
        }
        let on = match a.first() {
            Some(b'-') => true,
            Some(b'+') => false,
            _ => break,
        };
        if a.len() < 2 {
            break;
        }
        i += 1;
        for &c in &a[1..] {
            if c == b'o' {
                match args.get(i) {
                    Some(name) => {
                        i += 1;
                        if !set_by_name(&mut sh.options, name, on) {
                            error(sh, args, format!("{}: invalid option name", lossy(name)));
                            sh.special_builtin_error = true;
                            return 2;
                        }
                    }
                    None if on => list_options(&sh.options),
                    None => list_options_reinput(&sh.options),
                }
                continue;
            }
            match sh.options.by_letter(c) {
                Some(flag) => *flag = on,
                None => {
                    error(
                        sh,
                        args,
                        format!("{}{}: invalid option", a[0] as char, lossy(&[c])),
                    );
                    sh.special_builtin_error = true;
                    return super::options::usage_error(args);
                }
            }
        }
    }
    if replace_positional || i < args.len() {
        sh.positional = args[i..].to_vec();
        sh.positional_sets += 1;
    }
    0
}

/// `-o NAME` / `+o NAME`; false when there is no such option.
pub fn set_by_name(o: &mut Options, name: &[u8], on: bool) -> bool {
    let Ok(name) = std::str::from_utf8(name) else {
        return false;
    };
    match o.by_name(name) {
        Some(flag) => {
            *flag = on;
            o.option_set(name, on);
            true
        }
        None => false,
    }
}

pub(crate) fn option_state(o: &Options, name: &str) -> bool {
    o.clone().by_name(name).is_some_and(|f| *f)
}

/// `set -o`: every option and whether it is on.
fn list_options(o: &Options) {
    let mut buf = String::new();
    for (_, name) in OPTION_TABLE {
        let state = if option_state(o, name) { "on" } else { "off" };
        buf.push_str(&format!("{name:<15}\t{state}\n"));
    }
    out(buf.as_bytes());
}

/// `set +o`: commands that restore the current options.
fn list_options_reinput(o: &Options) {
    let mut buf = String::new();
    for (_, name) in OPTION_TABLE {
        let sign = if option_state(o, name) { '-' } else { '+' };
        buf.push_str(&format!("set {sign}o {name}\n"));
    }
    out(buf.as_bytes());
}

/// `set` alone: every set variable as `name=value`, sorted, quoted for re-input.
fn list_vars(sh: &Shell) {
    let mut vars: Vec<_> = sh
        .vars
        .iter()
        .filter_map(|(n, v)| v.scalar().map(|val| (n, val)))
        .collect();
    vars.sort();
    let mut buf = Vec::new();
    for (n, v) in vars {
        buf.extend_from_slice(n);
        buf.push(b'=');
        buf.extend_from_slice(&quote(v));
        buf.push(b'\n');
    }
    out(&buf);
}

/// `shift [n]`. A bad count is not fatal (bash, also in POSIX mode, which POSIX allows when
/// a message is written): status 1 and nothing shifted. Extra operands are a usage error.
pub fn shift(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let ops = super::util::operands(args);
    if ops.len() > 1 {
        error(sh, args, "too many arguments");
        sh.special_builtin_error = true;
        return 1;
    }
    let n = match ops.first() {
        None => 1,
        Some(a) => match parse_decimal(a) {
            Some(n) => n,
            None => {
                error(sh, args, format!("{}: numeric argument required", lossy(a)));
                return 1;
            }
        },
    };
    if n < 0 || n as usize > sh.positional.len() {
        error(sh, args, format!("{n}: shift count out of range"));
        return 1;
    }
    sh.positional.drain(..n as usize);
    0
}
