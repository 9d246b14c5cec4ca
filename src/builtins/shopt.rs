//! `shopt`: bash's shell options (and, with `-o`, the `set -o` ones).
//!
//! `shopt [-pqsu] [-o] [optname ...]`: `-s`/`-u` turn options on/off (with no name: list the
//! ones that are on/off); with neither, each name is shown and the status says whether all are
//! on; `-q` shows nothing; `-p` shows re-readable commands.

use super::set::{option_state, set_by_name};
use super::util::{error, lossy, out, scan_opts};
use crate::shell::options::{OPTION_TABLE, Shopt};
use crate::shell::Shell;

pub fn shopt(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let opts = match scan_opts(sh, args, b"pqsuo", false) {
        Ok(o) => o,
        Err(status) => return status,
    };
    let (set, unset) = (opts.has(b's'), opts.has(b'u'));
    if set && unset {
        error(sh, args, "cannot set and unset shell options simultaneously");
        return 1;
    }
    let how = Listing { quiet: opts.has(b'q'), reusable: opts.has(b'p') };
    let names = &args[opts.next..];
    if opts.has(b'o') {
        return set_options(sh, args, names, set, unset, how);
    }
    if names.is_empty() {
        let mut buf = String::new();
        for &o in Shopt::ALL {
            let on = sh.options.shopt(o);
            if (set && !on) || (unset && on) {
                continue;
            }
            how.show(&mut buf, o.name(), on);
        }
        out(buf.as_bytes());
        return 0;
    }
    let mut status = 0;
    let mut buf = String::new();
    for name in names {
        let Some(o) = Shopt::from_name(name) else {
            out(buf.as_bytes());
            buf.clear();
            error(sh, args, format!("{}: invalid shell option name", lossy(name)));
            status = 1;
            continue;
        };
        if set || unset {
            sh.options.set_shopt(o, set);
        } else {
            let on = sh.options.shopt(o);
            how.show(&mut buf, o.name(), on);
            if !on {
                status = 1;
            }
        }
    }
    out(buf.as_bytes());
    status
}

/// How option states are written.
#[derive(Clone, Copy)]
struct Listing {
    /// `-q`: nothing, the status says it.
    quiet: bool,
    /// `-p`: as commands that restore the state.
    reusable: bool,
}

impl Listing {
    fn show(self, buf: &mut String, name: &str, on: bool) {
        if self.quiet {
            return;
        }
        if self.reusable {
            let flag = if on { 's' } else { 'u' };
            buf.push_str(&format!("shopt -{flag} {name}\n"));
        } else {
            buf.push_str(&format!("{name:<15}\t{}\n", if on { "on" } else { "off" }));
        }
    }

    fn show_set_option(self, buf: &mut String, name: &str, on: bool) {
        if self.reusable && !self.quiet {
            let sign = if on { '-' } else { '+' };
            buf.push_str(&format!("set {sign}o {name}\n"));
        } else {
            self.show(buf, name, on);
        }
    }
}

/// `shopt -o`: the `set -o` options.
fn set_options(
    sh: &mut Shell,
    args: &[Vec<u8>],
    names: &[Vec<u8>],
    set: bool,
    unset: bool,
    how: Listing,
) -> i32 {
    let mut buf = String::new();
    if names.is_empty() {
        for (_, name) in OPTION_TABLE {
            let on = option_state(&sh.options, name);
            if (set && !on) || (unset && on) {
                continue;
            }
            how.show_set_option(&mut buf, name, on);
        }
        out(buf.as_bytes());
        return 0;
    }
    let mut status = 0;
    for name in names {
        let known = std::str::from_utf8(name)
            .ok()
            .and_then(|n| OPTION_TABLE.iter().find(|(_, o)| *o == n))
            .map(|(_, o)| *o);
        let Some(option) = known else {
            out(buf.as_bytes());
            buf.clear();
            error(sh, args, format!("{}: invalid option name", lossy(name)));
            status = 1;
            continue;
        };
        if set || unset {
            set_by_name(&mut sh.options, name, set);
        } else {
            let on = option_state(&sh.options, option);
            how.show_set_option(&mut buf, option, on);
            if !on {
                status = 1;
            }
        }
    }
    out(buf.as_bytes());
    status
}
