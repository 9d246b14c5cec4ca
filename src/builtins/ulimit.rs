//! `ulimit [-HSa] [-cdefilmnqrRstuvx] [limit]`: every getrlimit/setrlimit resource. Units are
//! bash's in POSIX mode: 512-byte blocks for `-c`/`-f`, KiB for memory sizes, seconds for
//! `-t`, plain counts for the rest.

use nix::sys::resource::{RLIM_INFINITY, Resource, getrlimit, setrlimit};

use super::util::{error, lossy, out, scan_opts};
use crate::shell::Shell;

struct Limit {
    opt: u8,
    resource: Resource,
    /// Bytes (or seconds, or items) per unit shown to the user.
    factor: u64,
    desc: &'static str,
    unit: &'static str,
}

#[cfg(any(target_os = "linux", target_os = "android"))]
const LIMITS: &[Limit] = &[
    Limit {
        opt: b'R',
        resource: Resource::RLIMIT_RTTIME,
        factor: 1,
        desc: "real-time non-blocking time",
        unit: "microseconds",
    },
    Limit {
        opt: b'c',
        resource: Resource::RLIMIT_CORE,
        factor: 512,
        desc: "core file size",
        unit: "blocks",
    },
    Limit {
        opt: b'd',
        resource: Resource::RLIMIT_DATA,
        factor: 1024,
        desc: "data seg size",
        unit: "kbytes",
    },
    Limit {
        opt: b'e',
        resource: Resource::RLIMIT_NICE,
        factor: 1,
        desc: "scheduling priority",
        unit: "",
    },
    Limit {
        opt: b'f',
        resource: Resource::RLIMIT_FSIZE,
        factor: 512,
        desc: "file size",
        unit: "blocks",
    },
    Limit {
        opt: b'i',
        resource: Resource::RLIMIT_SIGPENDING,
        factor: 1,
        desc: "pending signals",
        unit: "",
    },
    Limit {
        opt: b'l',
        resource: Resource::RLIMIT_MEMLOCK,
        factor: 1024,
        desc: "max locked memory",
        unit: "kbytes",
    },
    Limit {
        opt: b'm',
        resource: Resource::RLIMIT_RSS,
        factor: 1024,
        desc: "max memory size",
        unit: "kbytes",
    },
    Limit {
        opt: b'n',
        resource: Resource::RLIMIT_NOFILE,
        factor: 1,
        desc: "open files",
        unit: "",
    },
    Limit {
        opt: b'q',
        resource: Resource::RLIMIT_MSGQUEUE,
        factor: 1,
        desc: "POSIX message queues",
        unit: "bytes",
    },
    Limit {
        opt: b'r',
        resource: Resource::RLIMIT_RTPRIO,
        factor: 1,
        desc: "real-time priority",
        unit: "",
    },
    Limit {
        opt: b's',
        resource: Resource::RLIMIT_STACK,
        factor: 1024,
        desc: "stack size",
        unit: "kbytes",
    },
    Limit {
        opt: b't',
        resource: Resource::RLIMIT_CPU,
        factor: 1,
        desc: "cpu time",
        unit: "seconds",
    },
    Limit {
        opt: b'u',
        resource: Resource::RLIMIT_NPROC,
        factor: 1,
        desc: "max user processes",
        unit: "",
    },
    Limit {
        opt: b'v',
        resource: Resource::RLIMIT_AS,
        factor: 1024,
        desc: "virtual memory",
        unit: "kbytes",
    },
    Limit {
        opt: b'x',
        resource: Resource::RLIMIT_LOCKS,
        factor: 1,
        desc: "file locks",
        unit: "",
    },
];

#[cfg(not(any(target_os = "linux", target_os = "android")))]
const LIMITS: &[Limit] = &[
    Limit {
        opt: b'c',
        resource: Resource::RLIMIT_CORE,
        factor: 512,
        desc: "core file size",
        unit: "blocks",
    },
    Limit {
        opt: b'd',
        resource: Resource::RLIMIT_DATA,
        factor: 1024,
        desc: "data seg size",
        unit: "kbytes",
    },
    Limit {
        opt: b'f',
        resource: Resource::RLIMIT_FSIZE,
        factor: 512,
        desc: "file size",
        unit: "blocks",
    },
    Limit {
        opt: b'n',
        resource: Resource::RLIMIT_NOFILE,
        factor: 1,
        desc: "open files",
        unit: "",
    },
    Limit {
        opt: b's',
        resource: Resource::RLIMIT_STACK,
        factor: 1024,
        desc: "stack size",
        unit: "kbytes",
    },
    Limit {
        opt: b't',
        resource: Resource::RLIMIT_CPU,
        factor: 1,
        desc: "cpu time",
        unit: "seconds",
    },
];

fn show(v: u64, factor: u64) -> String {
    if v == RLIM_INFINITY as u64 {
        "unlimited".into()
    } else {
        (v / factor).to_string()
    }
}

fn label(l: &Limit) -> String {
    // bash's layout: "%-20s %20s" with the parenthesis ending in a space.
    let paren = if l.unit.is_empty() {
        format!("(-{}) ", l.opt as char)
    } else {
        format!("({}, -{}) ", l.unit, l.opt as char)
    };
    format!("{:<20} {:>20}", l.desc, paren)
}

pub fn ulimit(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let mut known = b"HSa".to_vec();
    known.extend(LIMITS.iter().map(|l| l.opt));
    let o = match scan_opts(sh, args, &known, false) {
        Ok(o) => o,
        Err(status) => return status,
    };
    let (mut hard, mut soft, all) = (o.has(b'H'), o.has(b'S'), o.has(b'a'));
    // The limits in the order their letters came.
    let mut chosen: Vec<&Limit> =
        o.flags.iter().filter_map(|&c| LIMITS.iter().find(|l| l.opt == c)).collect();
    let i = o.next;
    let value = args.get(i);
    if args.len() > i + 1 {
        error(sh, args, "too many arguments");
        return 2;
    }
    if all {
        chosen = LIMITS.iter().collect();
    }
    if chosen.is_empty() {
        chosen.push(
            LIMITS
                .iter()
                .find(|l| l.opt == b'f')
                .expect("-f is in the table"),
        );
    }
    let Some(value) = value.filter(|_| !all) else {
        let mut buf = String::new();
        let labelled = chosen.len() > 1;
        for l in chosen {
            match getrlimit(l.resource) {
                Ok((s, h)) => {
                    if labelled {
                        buf.push_str(&label(l));
                    }
                    buf.push_str(&show(if hard && !soft { h } else { s } as u64, l.factor));
                    buf.push('\n');
                }
                Err(e) => {
                    error(
                        sh,
                        args,
                        format!(
                            "{}: cannot get limit: {}",
                            l.desc,
                            super::util::errno_desc(e)
                        ),
                    );
                    out(buf.as_bytes());
                    return 1;
                }
            }
        }
        out(buf.as_bytes());
        return 0;
    };
    if !hard && !soft {
        hard = true;
        soft = true;
    }
    let mut status = 0;
    for l in chosen {
        let (cur_s, cur_h) = match getrlimit(l.resource) {
            Ok(v) => v,
            Err(e) => {
                error(
                    sh,
                    args,
                    format!(
                        "{}: cannot get limit: {}",
                        l.desc,
                        super::util::errno_desc(e)
                    ),
                );
                status = 1;
                continue;
            }
        };
        let new = match value.as_slice() {
            b"unlimited" => RLIM_INFINITY,
            b"hard" => cur_h,
            b"soft" => cur_s,
            v => match super::util::parse_decimal(v)
                .filter(|&n| n >= 0 && v.iter().all(u8::is_ascii_digit))
            {
                Some(n) => match (n as u64).checked_mul(l.factor) {
                    Some(b) => b as _,
                    None => RLIM_INFINITY,
                },
                None => {
                    error(sh, args, format!("{}: invalid number", lossy(v)));
                    return 1;
                }
            },
        };
        let s = if soft { new } else { cur_s };
        let h = if hard { new } else { cur_h };
        // Limits belong to a process: a subshell gets its own here.
        if !crate::exec::virtual_subshell::need_process(sh) {
            return sh.last_status;
        }
        if let Err(e) = setrlimit(l.resource, s, h) {
            error(
                sh,
                args,
                format!(
                    "{}: cannot modify limit: {}",
                    l.desc,
                    super::util::errno_desc(e)
                ),
            );
            status = 1;
        }
    }
    status
}
