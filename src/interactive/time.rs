//! The `time` reserved word: measures a pipeline and reports with `$TIMEFORMAT` (bash rules).
//!
//! The executor calls [`Timer::start`] before running a pipeline whose `timed` flag is set and
//! [`Timer::report`] after it finished; the report goes to the shell's stderr.

use std::time::{Duration, Instant};

use nix::sys::resource::{UsageWho, getrusage};

use crate::shell::Shell;

/// bash's default TIMEFORMAT.
pub const DEFAULT_TIMEFORMAT: &[u8] = b"\nreal\t%3lR\nuser\t%3lU\nsys\t%3lS";

/// The format of `time -p` (POSIX `time -p`, as bash prints it whatever `TIMEFORMAT` says).
pub const POSIX_TIMEFORMAT: &[u8] = b"real %2R\nuser %2U\nsys %2S";

pub struct Timer {
    start: Instant,
    user: Duration,
    sys: Duration,
}

/// CPU time used by the shell and its waited-for children so far.
fn cpu_times() -> (Duration, Duration) {
    let mut user = Duration::ZERO;
    let mut sys = Duration::ZERO;
    for who in [UsageWho::RUSAGE_SELF, UsageWho::RUSAGE_CHILDREN] {
        if let Ok(u) = getrusage(who) {
            let tv = |t: nix::sys::time::TimeVal| {
                Duration::new(t.tv_sec().max(0) as u64, (t.tv_usec().max(0) as u32) * 1000)
            };
            user += tv(u.user_time());
            sys += tv(u.system_time());
        }
    }
    (user, sys)
}

impl Timer {
    pub fn start() -> Timer {
        let (user, sys) = cpu_times();
        Timer {
            start: Instant::now(),
            user,
            sys,
        }
    }

    /// Writes the report to fd 2: in the POSIX format with `posix` (`time -p`).
    pub fn report(&self, sh: &Shell, posix: bool) {
        let real = self.start.elapsed();
        let (user, sys) = cpu_times();
        let user = user.saturating_sub(self.user);
        let sys = sys.saturating_sub(self.sys);
        let fmt = if posix {
            POSIX_TIMEFORMAT
        } else {
            sh.vars.get(b"TIMEFORMAT").unwrap_or(DEFAULT_TIMEFORMAT)
        };
        if fmt.is_empty() {
            return;
        }
        let mut out = format_times(fmt, real, user, sys);
        out.push(b'\n');
        crate::sys::fd::write_all(2, &out);
    }
}

/// Expands `%[p][l]R`, `U`, `S`, `%P` and `%%` in `fmt`.
pub fn format_times(fmt: &[u8], real: Duration, user: Duration, sys: Duration) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < fmt.len() {
        let c = fmt[i];
        if c != b'%' || i + 1 >= fmt.len() {
            out.push(c);
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut precision = 3usize;
        let mut long = false;
        if fmt[j].is_ascii_digit() {
            precision = usize::from(fmt[j] - b'0').min(3);
            j += 1;
        }
        if j < fmt.len() && fmt[j] == b'l' {
            long = true;
            j += 1;
        }
        let Some(&k) = fmt.get(j) else {
            out.extend_from_slice(&fmt[i..]);
            break;
        };
        let value = match k {
            b'%' if j == i + 1 => {
                out.push(b'%');
                i = j + 1;
                continue;
            }
            b'R' => real,
            b'U' => user,
            b'S' => sys,
            b'P' => {
                let r = real.as_secs_f64();
                let pct = if r > 0.0 {
                    (user + sys).as_secs_f64() / r * 100.0
                } else {
                    0.0
                };
                out.extend_from_slice(format!("{pct:.2}").as_bytes());
                i = j + 1;
                continue;
            }
            _ => {
                out.extend_from_slice(&fmt[i..=j]);
                i = j + 1;
                continue;
            }
        };
        out.extend_from_slice(seconds(value, precision, long).as_bytes());
        i = j + 1;
    }
    out
}

fn seconds(d: Duration, precision: usize, long: bool) -> String {
    // Truncate (not round) to the precision, as bash does.
    let scale = 10u64.pow(precision as u32);
    let units = d.as_micros() as u64 * scale / 1_000_000;
    let whole = units / scale;
    let frac = units % scale;
    let (min, secs) = if long {
        (Some(whole / 60), whole % 60)
    } else {
        (None, whole)
    };
    let mut s = String::new();
    if let Some(m) = min {
        s.push_str(&format!("{m}m"));
    }
    s.push_str(&secs.to_string());
    if precision > 0 {
        s.push_str(&format!(".{frac:0precision$}"));
    }
    if long {
        s.push('s');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let r = Duration::from_millis(65_123);
        let u = Duration::from_millis(20);
        let s = Duration::ZERO;
        assert_eq!(
            String::from_utf8_lossy(&format_times(DEFAULT_TIMEFORMAT, r, u, s)),
            "\nreal\t1m5.123s\nuser\t0m0.020s\nsys\t0m0.000s"
        );
        assert_eq!(
            String::from_utf8_lossy(&format_times(b"%R %1U %0lS %% %X", r, u, s)),
            "65.123 0.0 0m0s % %X"
        );
    }
}
