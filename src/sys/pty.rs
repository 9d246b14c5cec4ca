//! Pseudo-terminals for interactive transcripts: opening a pair, and starting a program as a
//! session leader whose controlling terminal is the pty's slave side.

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

/// The two sides of a pseudo-terminal.
pub struct Pty {
    /// What the runner reads the program's output from and types into.
    pub master: OwnedFd,
    /// The program's terminal.
    pub slave: OwnedFd,
}

/// Opens a pty of `rows` x `cols`; both descriptors are close-on-exec.
pub fn open(rows: u16, cols: u16) -> io::Result<Pty> {
    // SAFETY: posix_openpt takes flags and returns a new descriptor or -1.
    let fd = unsafe { libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: fd is a fresh descriptor nothing else owns.
    let master = unsafe { OwnedFd::from_raw_fd(fd) };
    let mut name = [0 as libc::c_char; 128];
    // SAFETY: grantpt/unlockpt take the master descriptor; ptsname_r writes at most
    // `name.len()` bytes (NUL included) into the buffer we own.
    unsafe {
        if libc::grantpt(fd) != 0 || libc::unlockpt(fd) != 0 {
            return Err(io::Error::last_os_error());
        }
        let e = libc::ptsname_r(fd, name.as_mut_ptr(), name.len());
        if e != 0 {
            return Err(io::Error::from_raw_os_error(e));
        }
    }
    // SAFETY: ptsname_r succeeded, so `name` holds a NUL-terminated path.
    let sfd = unsafe { libc::open(name.as_ptr(), libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC) };
    if sfd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: sfd is a fresh descriptor nothing else owns.
    let slave = unsafe { OwnedFd::from_raw_fd(sfd) };
    let size = libc::winsize { ws_row: rows, ws_col: cols, ws_xpixel: 0, ws_ypixel: 0 };
    // SAFETY: TIOCSWINSZ reads a winsize struct that lives for the call.
    if unsafe { libc::ioctl(slave.as_raw_fd(), libc::TIOCSWINSZ, &size) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(Pty { master, slave })
}

/// Sets `cmd` up to run on `slave`: as its standard input, output and error, and as the
/// controlling terminal of a new session it leads.
pub fn attach(cmd: &mut Command, slave: &OwnedFd) -> io::Result<()> {
    cmd.stdin(Stdio::from(slave.try_clone()?))
        .stdout(Stdio::from(slave.try_clone()?))
        .stderr(Stdio::from(slave.try_clone()?));
    // SAFETY: the closure runs in the child between fork and exec and only makes the
    // async-signal-safe calls setsid and ioctl, on no data but constants.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() < 0 {
                return Err(io::Error::last_os_error());
            }
            if libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(())
        });
    }
    Ok(())
}
