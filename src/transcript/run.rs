//! Running one transcript's script in one shell process: a fresh directory, a normalised
//! environment, stdout and stderr merged into one pipe in the order they were written, and a
//! deadline after which the shell's whole process group is killed. When the shell is this
//! chitin, a fork server (src/sys/forkserver.rs) forks it already started instead of running
//! the program anew for each file.

use std::ffi::OsString;
use std::io::{Read, Seek, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::Path;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};

use crate::sys::forkserver::{ForkServer, Request};

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

/// Runs `script` on the standard input of `shell -` in `env.testtmp`: a shell forked by
/// `server` when there is one (this chitin, already started), else the shell program run.
pub fn execute(
    script: &[u8],
    env: &Env<'_>,
    server: Option<&ForkServer>,
    timeout: Option<Duration>,
) -> std::io::Result<Outcome> {
    let (read_end, write_end) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
    let input = script_file(script, env.testtmp)?;
    let deadline = timeout.map(|t| Instant::now() + t);
    if let Some(server) = server {
        let mut argv: Vec<Vec<u8>> = env.shell.iter().map(|a| a.as_bytes().to_vec()).collect();
        argv.push(b"-".to_vec());
        let vars: Vec<(Vec<u8>, Option<Vec<u8>>)> = variables(env)
            .into_iter()
            .map(|(n, v)| (n.into_vec(), v.map(OsString::into_vec)))
            .collect();
        let started = server.spawn(&Request {
            argv: &argv,
            dir: env.testtmp.as_os_str().as_bytes(),
            env: &vars,
            stdin: input.as_fd(),
            output: write_end.as_fd(),
        })?;
        drop((input, write_end));
        let (output, finished) = read_until(read_end, deadline);
        if !finished {
            let _ = crate::sys::process::kill(-started.pid, libc::SIGKILL);
        }
        let code = started.wait()?;
        return Ok(Outcome { output, status: finished.then_some(code) });
    }
    let mut cmd = Command::new(&env.shell[0]);
    cmd.args(&env.shell[1..])
        .arg("-")
        .current_dir(env.testtmp)
        .stdin(Stdio::from(input))
        .stderr(Stdio::from(write_end.try_clone()?))
        .stdout(Stdio::from(write_end))
        // Its own process group, so that a timeout kills everything the file started.
        .process_group(0);
    normalise(&mut cmd, env);
    let mut child = cmd.spawn()?;
    // The command holds the pipe's write ends until it is dropped: EOF needs them closed.
    drop(cmd);
    let (output, finished) = read_until(read_end, deadline);
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

/// The script as the shell's standard input: a file, not a pipe. The shell reads a seekable
/// input by blocks (and seeks back before a command runs, so commands still see the rest of
/// it) where it must read a pipe a byte at a time: 12,000 system calls instead of 100,000 for
/// a 4,000-line script. A file in memory (memfd) where the system has them: creating and
/// deleting a file on disk for each transcript cost more than running a short one.
fn script_file(script: &[u8], testtmp: &Path) -> std::io::Result<std::fs::File> {
    let mut file = match crate::sys::fd::memfd(c"transcript") {
        Ok(fd) => std::fs::File::from(fd),
        Err(_) => {
            let mut path = testtmp.as_os_str().to_owned();
            path.push(".script");
            let file = std::fs::OpenOptions::new().read(true).write(true).create_new(true).open(&path)?;
            std::fs::remove_file(&path)?;
            file
        }
    };
    file.write_all(script)?;
    file.seek(std::io::SeekFrom::Start(0))?;
    Ok(file)
}

/// cram's normalised environment on top of the runner's, plus the transcript's own variables:
/// each name with its value, or `None` to remove it.
pub fn variables(env: &Env<'_>) -> Vec<(OsString, Option<OsString>)> {
    let mut vars: Vec<(OsString, Option<OsString>)> = Vec::with_capacity(20);
    let mut set = |name: &str, value: &std::ffi::OsStr| vars.push((name.into(), Some(value.to_owned())));
    for (name, value) in [("LANG", "C"), ("LC_ALL", "C"), ("LANGUAGE", "C"), ("TZ", "GMT")] {
        set(name, value.as_ref());
    }
    set("COLUMNS", "80".as_ref());
    set("GREP_OPTIONS", "".as_ref());
    set("CDPATH", "".as_ref());
    set("TESTSHELL", &env.shell[0]);
    set("TESTDIR", env.testdir.as_os_str());
    set("TESTFILE", env.testfile);
    set("TESTTMP", env.testtmp.as_os_str());
    set("HOME", env.testtmp.as_os_str());
    for name in ["TMPDIR", "TEMP", "TMP"] {
        set(name, env.tmpdir.as_os_str());
    }
    vars.push(("ENV".into(), None));
    vars.push(("BASH_ENV".into(), None));
    vars
}

/// Applies [`variables`] to `cmd`.
pub fn normalise(cmd: &mut Command, env: &Env<'_>) {
    for (name, value) in variables(env) {
        match value {
            Some(v) => cmd.env(name, v),
            None => cmd.env_remove(name),
        };
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
