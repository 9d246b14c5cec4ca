//! Running one transcript's script in one shell process: a fresh directory, a normalised
//! environment, stdout and stderr merged into one pipe in the order they were written, and a
//! deadline after which the shell's whole process group is killed.

use std::ffi::OsString;
use std::io::{Read, Seek, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::path::Path;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};

/// What the shell did with a script.
pub struct Outcome {
    /// Everything it wrote, stdout and stderr merged.
    pub output: Vec<u8>,
    /// Its exit status (128+n for a signal), `None` when it timed out.
    pub status: Option<i32>,
}

/// The environment every transcript sees, on top of the runner's own (cram's normalisation).
pub struct Env<'a> {
    pub shell: &'a [OsString],
    pub testdir: &'a Path,
    pub testfile: &'a OsString,
    pub tmpdir: &'a Path,
    pub testtmp: &'a Path,
}

/// Runs `script` on the standard input of `shell -` in `env.testtmp`.
pub fn execute(script: &[u8], env: &Env<'_>, timeout: Option<Duration>) -> std::io::Result<Outcome> {
    let (read_end, write_end) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
    let mut cmd = Command::new(&env.shell[0]);
    cmd.args(&env.shell[1..])
        .arg("-")
        .current_dir(env.testtmp)
        .stdin(Stdio::from(script_file(script, env.testtmp)?))
        .stderr(Stdio::from(write_end.try_clone()?))
        .stdout(Stdio::from(write_end))
        // Its own process group, so that a timeout kills everything the file started.
        .process_group(0);
    normalise(&mut cmd, env);
    let mut child = cmd.spawn()?;
    // The command holds the pipe's write ends until it is dropped: EOF needs them closed.
    drop(cmd);
    let (output, finished) = read_until(read_end, timeout.map(|t| Instant::now() + t));
    if !finished {
        let _ = nix::sys::signal::killpg(
            nix::unistd::Pid::from_raw(child.id() as i32),
            nix::sys::signal::Signal::SIGKILL,
        );
    }
    let status = child.wait()?;
    let code = status.code().or_else(|| {
        use std::os::unix::process::ExitStatusExt;
        status.signal().map(|s| 128 + s)
    });
    Ok(Outcome { output, status: if finished { code } else { None } })
}

/// The script as the shell's standard input: an unlinked file beside the test's directory,
/// not a pipe. The shell reads a seekable input by blocks (and seeks back before a command
/// runs, so commands still see the rest of it) where it must read a pipe a byte at a time:
/// 12,000 system calls instead of 100,000 for a 4,000-line script.
fn script_file(script: &[u8], testtmp: &Path) -> std::io::Result<std::fs::File> {
    let mut path = testtmp.as_os_str().to_owned();
    path.push(".script");
    let mut file = std::fs::OpenOptions::new().read(true).write(true).create_new(true).open(&path)?;
    std::fs::remove_file(&path)?;
    file.write_all(script)?;
    file.seek(std::io::SeekFrom::Start(0))?;
    Ok(file)
}

/// cram's normalised environment on top of the runner's, plus the transcript's own variables.
pub fn normalise(cmd: &mut Command, env: &Env<'_>) {
    for (name, value) in [("LANG", "C"), ("LC_ALL", "C"), ("LANGUAGE", "C"), ("TZ", "GMT")] {
        cmd.env(name, value);
    }
    cmd.env("COLUMNS", "80").env("GREP_OPTIONS", "").env("CDPATH", "");
    cmd.env_remove("ENV").env_remove("BASH_ENV");
    cmd.env("TESTSHELL", &env.shell[0]);
    cmd.env("TESTDIR", env.testdir).env("TESTFILE", env.testfile);
    cmd.env("TESTTMP", env.testtmp).env("HOME", env.testtmp);
    for name in ["TMPDIR", "TEMP", "TMP"] {
        cmd.env(name, env.tmpdir);
    }
}

/// Reads `fd` to its end; false with what was read when the deadline passes first.
fn read_until(fd: OwnedFd, deadline: Option<Instant>) -> (Vec<u8>, bool) {
    let mut out = Vec::new();
    let mut file = std::fs::File::from(fd);
    let mut buf = vec![0; 65536];
    loop {
        if let Some(deadline) = deadline {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return (out, false);
            }
            let ms = left.as_millis().min(i32::MAX as u128) as i32;
            let mut fds = [PollFd::new(file.as_fd(), PollFlags::POLLIN)];
            match poll(&mut fds, PollTimeout::try_from(ms).unwrap_or(PollTimeout::MAX)) {
                Ok(0) => return (out, false),
                Ok(_) => {}
                Err(nix::errno::Errno::EINTR) => continue,
                Err(_) => return (out, true),
            }
        }
        match file.read(&mut buf) {
            Ok(0) => return (out, true),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return (out, true),
        }
    }
}
