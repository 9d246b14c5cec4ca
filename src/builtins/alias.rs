//! `alias [name[=value]...]` and `unalias [-a] name...`. Listings are `name='value'`, sorted,
//! always single-quoted (as dash and bash --posix print them) so they can be read back.

use super::util::{error, lossy, scan_opts, single_quote};
use crate::shell::Shell;

fn line(name: &[u8], value: &[u8], buf: &mut Vec<u8>) {
    buf.extend_from_slice(name);
    buf.push(b'=');
    buf.extend_from_slice(&single_quote(value));
    buf.push(b'\n');
}

pub fn alias(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let opts = match scan_opts(sh, args, b"p", false) {
        Ok(o) => o,
        Err(st) => return st,
    };
    let ops = &args[opts.next..];
    let mut buf = Vec::new();
    if ops.is_empty() {
        let mut all: Vec<_> = sh.aliases.iter().collect();
        all.sort();
        for (n, v) in all {
            line(n, v, &mut buf);
        }
        return super::util::out_checked(sh, args, &buf);
    }
    let mut status = 0;
    for a in ops {
        match a.iter().position(|&c| c == b'=') {
            Some(0) | None => match sh.aliases.get(a.as_slice()) {
                Some(v) => line(a, v, &mut buf),
                None => {
                    error(sh, args, format!("{}: not found", lossy(a)));
                    status = 1;
                }
            },
            Some(eq) => {
                std::rc::Rc::make_mut(&mut sh.aliases).insert(a[..eq].to_vec(), a[eq + 1..].to_vec());
            }
        }
    }
    status.max(super::util::out_checked(sh, args, &buf))
}

pub fn unalias(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let opts = match scan_opts(sh, args, b"a", false) {
        Ok(o) => o,
        Err(st) => return st,
    };
    if opts.has(b'a') {
        std::rc::Rc::make_mut(&mut sh.aliases).clear();
        return 0;
    }
    let ops = &args[opts.next..];
    if ops.is_empty() {
        error(sh, args, "usage: unalias [-a] name [name ...]");
        return 2;
    }
    let mut status = 0;
    for a in ops {
        if std::rc::Rc::make_mut(&mut sh.aliases).remove(a.as_slice()).is_none() {
            error(sh, args, format!("{}: not found", lossy(a)));
            status = 1;
        }
    }
    status
}
