//! A fork server for the transcript runner: a process forked from the runner while the runner
//! still has a single thread, which then forks one shell per transcript on request. Such a
//! shell starts as a copy of a chitin that has already started: no exec, no loading and
//! relocating of the binary, no C library start-up (whose cache-size probing runs `cpuid`
//! dozens of times, each a trap to the hypervisor on a virtual machine). It cannot be done
//! from the runner itself: forking a process with threads leaves any lock another thread held
//! locked for ever in the child, which then runs a whole shell.
//!
//! A request is one datagram on a `SOCK_SEQPACKET` socket: the shell's argv, directory and
//! environment changes, with three descriptors passed along (`SCM_RIGHTS`): its standard
//! input, its output (standard output and error), and a socket of the request's own on which
//! the server answers, first with the shell's pid (or `-errno`), then with its status when it
//! ends (the server is its parent, so only the server can wait for it).

use std::ffi::OsString;
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStringExt;

/// The runner's end of the fork server. Dropping it ends the server (it reads the end of its
/// socket) and waits for it, so that the time its shells took counts as the runner's
/// children's (`time`, hyperfine) as it would had the runner started them.
pub struct ForkServer {
    sock: Option<OwnedFd>,
    pid: i32,
}

/// What a new shell gets.
pub struct Request<'a> {
    /// Its argv, argv[0] included; the server runs `run(argv)` (see [`ForkServer::start`]).
    pub argv: &'a [Vec<u8>],
    /// Its working directory.
    pub dir: &'a [u8],
    /// Variables set (`Some`) or removed (`None`), on top of the runner's environment.
    pub env: &'a [(Vec<u8>, Option<Vec<u8>>)],
    pub stdin: BorrowedFd<'a>,
    /// Its standard output and standard error.
    pub output: BorrowedFd<'a>,
}

/// A shell the server started, leading a process group of its own.
pub struct Started {
    pub pid: i32,
    reply: OwnedFd,
}

/// The largest request: argv, directory and environment changes.
const MAX_REQUEST: usize = 256 * 1024;

impl ForkServer {
    /// Forks the server; each shell it forks runs `run(argv)` and exits with what it returns.
    /// Call this while the process has one thread, before anything is written to a buffered
    /// standard output (the children would inherit the buffer).
    pub fn start(run: fn(Vec<OsString>) -> i32) -> io::Result<ForkServer> {
        let (mine, theirs) = seqpacket_pair()?;
        // SAFETY: the caller guarantees the process has one thread, so the child may run any
        // code: no lock can be held by a thread that does not exist in it.
        match unsafe { libc::fork() } {
            -1 => Err(io::Error::last_os_error()),
            0 => {
                drop(mine);
                serve(theirs, run)
            }
            pid => Ok(ForkServer { sock: Some(mine), pid }),
        }
    }

    /// Asks for a new shell; returns once it exists.
    pub fn spawn(&self, req: &Request<'_>) -> io::Result<Started> {
        let (mine, theirs) = seqpacket_pair()?;
        let msg = encode(req);
        let sock = self.sock.as_ref().map_or(-1, |s| s.as_raw_fd());
        send_with_fds(
            sock,
            &msg,
            &[req.stdin.as_raw_fd(), req.output.as_raw_fd(), theirs.as_raw_fd()],
        )?;
        drop(theirs);
        let pid = read_i32(mine.as_raw_fd())?.ok_or_else(|| io::Error::other("the fork server has gone"))?;
        if pid < 0 {
            return Err(io::Error::from_raw_os_error(-pid));
        }
        Ok(Started { pid, reply: mine })
    }
}

impl Drop for ForkServer {
    fn drop(&mut self) {
        drop(self.sock.take());
        let mut status = 0;
        // SAFETY: waits for our own child, writing its status into a local.
        while unsafe { libc::waitpid(self.pid, &mut status, 0) } < 0
            && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted
        {}
    }
}

impl Started {
    /// Waits for the shell to end: its exit status, 128+n when a signal killed it.
    pub fn wait(self) -> io::Result<i32> {
        read_i32(self.reply.as_raw_fd())?.ok_or_else(|| io::Error::other("the fork server has gone"))
    }
}

fn seqpacket_pair() -> io::Result<(OwnedFd, OwnedFd)> {
    let mut fds = [-1; 2];
    // SAFETY: socketpair writes two descriptors into the array we own.
    if unsafe { libc::socketpair(libc::AF_UNIX, libc::SOCK_SEQPACKET | libc::SOCK_CLOEXEC, 0, fds.as_mut_ptr()) } < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: both are fresh descriptors nothing else owns.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

fn push_field(out: &mut Vec<u8>, field: &[u8]) {
    out.extend_from_slice(&(field.len() as u32).to_le_bytes());
    out.extend_from_slice(field);
}

fn encode(req: &Request<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    push_field(&mut out, req.dir);
    push_field(&mut out, &(req.argv.len() as u32).to_le_bytes());
    for a in req.argv {
        push_field(&mut out, a);
    }
    for (name, value) in req.env {
        push_field(&mut out, name);
        match value {
            Some(v) => {
                push_field(&mut out, b"=");
                push_field(&mut out, v);
            }
            None => push_field(&mut out, b"-"),
        }
    }
    out
}

/// A decoded request: directory, argv, environment changes.
type Decoded = (Vec<u8>, Vec<Vec<u8>>, Vec<(Vec<u8>, Option<Vec<u8>>)>);

fn decode(mut msg: &[u8]) -> Option<Decoded> {
    let mut field = || -> Option<Vec<u8>> {
        let len = u32::from_le_bytes(msg.get(..4)?.try_into().ok()?) as usize;
        let f = msg.get(4..4 + len)?.to_vec();
        msg = &msg[4 + len..];
        Some(f)
    };
    let dir = field()?;
    let argc = u32::from_le_bytes(field()?.try_into().ok()?);
    let argv = (0..argc).map(|_| field()).collect::<Option<Vec<_>>>()?;
    let mut env = Vec::new();
    while let Some(name) = field() {
        let value = match field()?.as_slice() {
            b"=" => Some(field()?),
            _ => None,
        };
        env.push((name, value));
    }
    Some((dir, argv, env))
}

fn send_with_fds(sock: RawFd, msg: &[u8], fds: &[RawFd]) -> io::Result<()> {
    let fd_bytes = std::mem::size_of_val(fds) as u32;
    // SAFETY: CMSG_SPACE is a pure computation on a length.
    let space = unsafe { libc::CMSG_SPACE(fd_bytes) } as usize;
    let mut control = vec![0u64; space.div_ceil(8)];
    let mut iov = libc::iovec { iov_base: msg.as_ptr() as *mut libc::c_void, iov_len: msg.len() };
    // SAFETY: msghdr is plain data; every pointer set in it (iov, control) points to buffers
    // that outlive sendmsg, with their true lengths; the control buffer is 8-byte aligned and
    // CMSG_SPACE long, so CMSG_FIRSTHDR is non-null and CMSG_DATA has room for the fds.
    unsafe {
        let mut hdr: libc::msghdr = std::mem::zeroed();
        hdr.msg_iov = &mut iov;
        hdr.msg_iovlen = 1;
        hdr.msg_control = control.as_mut_ptr().cast();
        hdr.msg_controllen = space as _;
        let cmsg = libc::CMSG_FIRSTHDR(&hdr);
        (*cmsg).cmsg_level = libc::SOL_SOCKET;
        (*cmsg).cmsg_type = libc::SCM_RIGHTS;
        (*cmsg).cmsg_len = libc::CMSG_LEN(fd_bytes) as _;
        std::ptr::copy_nonoverlapping(fds.as_ptr(), libc::CMSG_DATA(cmsg).cast::<RawFd>(), fds.len());
        loop {
            if libc::sendmsg(sock, &hdr, libc::MSG_NOSIGNAL) >= 0 {
                return Ok(());
            }
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                return Err(e);
            }
        }
    }
}

/// Receives one datagram and the descriptors passed with it (close-on-exec); `None` at the
/// end (the runner has gone).
fn recv_with_fds(sock: RawFd, buf: &mut [u8]) -> io::Result<Option<(usize, Vec<OwnedFd>)>> {
    const MAX_FDS: usize = 3;
    // SAFETY: CMSG_SPACE is a pure computation on a length.
    let space = unsafe { libc::CMSG_SPACE((MAX_FDS * std::mem::size_of::<RawFd>()) as u32) } as usize;
    let mut control = vec![0u64; space.div_ceil(8)];
    let mut iov = libc::iovec { iov_base: buf.as_mut_ptr().cast(), iov_len: buf.len() };
    // SAFETY: as in send_with_fds, the header points to buffers we own with their lengths;
    // the control messages read are the kernel's, walked with CMSG_FIRSTHDR/CMSG_NXTHDR within
    // msg_controllen, and each descriptor taken from SCM_RIGHTS is a fresh one we now own.
    unsafe {
        let mut hdr: libc::msghdr = std::mem::zeroed();
        hdr.msg_iov = &mut iov;
        hdr.msg_iovlen = 1;
        hdr.msg_control = control.as_mut_ptr().cast();
        hdr.msg_controllen = space as _;
        let n = loop {
            let n = libc::recvmsg(sock, &mut hdr, libc::MSG_CMSG_CLOEXEC);
            if n >= 0 {
                break n as usize;
            }
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                return Err(e);
            }
        };
        let mut fds = Vec::new();
        let mut cmsg = libc::CMSG_FIRSTHDR(&hdr);
        while !cmsg.is_null() {
            if (*cmsg).cmsg_level == libc::SOL_SOCKET && (*cmsg).cmsg_type == libc::SCM_RIGHTS {
                let data = libc::CMSG_DATA(cmsg).cast::<RawFd>();
                let count = ((*cmsg).cmsg_len as usize - libc::CMSG_LEN(0) as usize) / std::mem::size_of::<RawFd>();
                for i in 0..count {
                    fds.push(OwnedFd::from_raw_fd(data.add(i).read_unaligned()));
                }
            }
            cmsg = libc::CMSG_NXTHDR(&hdr, cmsg);
        }
        if n == 0 && fds.is_empty() {
            return Ok(None);
        }
        if hdr.msg_flags & libc::MSG_TRUNC != 0 {
            return Err(io::Error::other("request too large"));
        }
        Ok(Some((n, fds)))
    }
}

fn write_i32(fd: RawFd, value: i32) {
    let bytes = value.to_le_bytes();
    // SAFETY: writes 4 bytes from a local array; a failure (the runner has gone) is ignored.
    unsafe {
        libc::send(fd, bytes.as_ptr().cast(), 4, libc::MSG_NOSIGNAL);
    }
}

/// Reads one 4-byte answer; `None` when the server closed the socket without one.
fn read_i32(fd: RawFd) -> io::Result<Option<i32>> {
    let mut bytes = [0u8; 4];
    loop {
        // SAFETY: reads at most 4 bytes into a local array.
        let n = unsafe { libc::recv(fd, bytes.as_mut_ptr().cast(), 4, 0) };
        match n {
            4 => return Ok(Some(i32::from_le_bytes(bytes))),
            0 => return Ok(None),
            n if n > 0 => return Err(io::Error::other("short answer from the fork server")),
            _ => {
                let e = io::Error::last_os_error();
                if e.kind() != io::ErrorKind::Interrupted {
                    return Err(e);
                }
            }
        }
    }
}

/// The server's loop: a request forks a shell; a child's end is answered on its request's
/// socket. Never returns; leaves when the runner closes its end.
fn serve(sock: OwnedFd, run: fn(Vec<OsString>) -> i32) -> ! {
    // SIGCHLD is read from a signalfd, so that one poll waits for requests and ends alike.
    // SAFETY: the sets are initialised by sigemptyset before use; sigprocmask and signalfd
    // take pointers to them for the duration of the calls.
    let (old_mask, sigfd) = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        let mut old: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGCHLD);
        libc::sigprocmask(libc::SIG_BLOCK, &set, &mut old);
        let fd = libc::signalfd(-1, &set, libc::SFD_CLOEXEC | libc::SFD_NONBLOCK);
        if fd < 0 {
            libc::_exit(1);
        }
        (old, OwnedFd::from_raw_fd(fd))
    };
    let mut children: Vec<(i32, OwnedFd)> = Vec::new();
    let mut buf = vec![0u8; MAX_REQUEST];
    loop {
        let mut fds = [
            libc::pollfd { fd: sock.as_raw_fd(), events: libc::POLLIN, revents: 0 },
            libc::pollfd { fd: sigfd.as_raw_fd(), events: libc::POLLIN, revents: 0 },
        ];
        // SAFETY: poll reads and writes the two-element array we own.
        if unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) } < 0 {
            continue;
        }
        if fds[1].revents != 0 {
            let mut info = [0u8; 128 * 8];
            // SAFETY: drains the signalfd into a local buffer (non-blocking).
            while unsafe { libc::read(sigfd.as_raw_fd(), info.as_mut_ptr().cast(), info.len()) } > 0 {}
            reap(&mut children);
        }
        if fds[0].revents == 0 {
            continue;
        }
        let (n, received) = match recv_with_fds(sock.as_raw_fd(), &mut buf) {
            Ok(Some(r)) => r,
            Ok(None) => exit_server(),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => exit_server(),
        };
        let [stdin, output, reply]: [OwnedFd; 3] = match received.try_into() {
            Ok(three) => three,
            Err(_) => continue,
        };
        let Some((dir, argv, env)) = decode(&buf[..n]) else {
            write_i32(reply.as_raw_fd(), -libc::EINVAL);
            continue;
        };
        // SAFETY: the server has a single thread (it was forked from one), so the child may
        // run any code.
        match unsafe { libc::fork() } {
            -1 => write_i32(reply.as_raw_fd(), -io::Error::last_os_error().raw_os_error().unwrap_or(libc::EAGAIN)),
            0 => {
                // The server's own descriptors are not the shell's.
                drop(sock);
                drop(sigfd);
                drop(reply);
                for (_, r) in children {
                    drop(r);
                }
                // SAFETY: restores the mask the runner had, a set sigprocmask filled in.
                unsafe {
                    libc::sigprocmask(libc::SIG_SETMASK, &old_mask, std::ptr::null_mut());
                }
                be_shell(stdin, output, &dir, argv, &env, run)
            }
            pid => {
                write_i32(reply.as_raw_fd(), pid);
                children.push((pid, reply));
            }
        }
    }
}

fn exit_server() -> ! {
    // SAFETY: _exit never returns; the server has nothing to flush.
    unsafe { libc::_exit(0) }
}

/// Waits for every child that ended and answers its request with its status.
fn reap(children: &mut Vec<(i32, OwnedFd)>) {
    loop {
        let mut status = 0;
        // SAFETY: waitpid writes the status into a local.
        let pid = unsafe { libc::waitpid(-1, &mut status, libc::WNOHANG) };
        if pid <= 0 {
            return;
        }
        let code = if libc::WIFSIGNALED(status) { 128 + libc::WTERMSIG(status) } else { libc::WEXITSTATUS(status) };
        if let Some(i) = children.iter().position(|(p, _)| *p == pid) {
            let (_, reply) = children.swap_remove(i);
            write_i32(reply.as_raw_fd(), code);
        }
    }
}

/// In a forked child: becomes the shell the request asked for, in a process group of its own.
fn be_shell(
    stdin: OwnedFd,
    output: OwnedFd,
    dir: &[u8],
    argv: Vec<Vec<u8>>,
    env: &[(Vec<u8>, Option<Vec<u8>>)],
    run: fn(Vec<OsString>) -> i32,
) -> ! {
    let fail = |what: &str, e: io::Error| -> ! {
        let msg = format!("chitin: {what}: {e}\n");
        super::process::child_fail(msg.as_bytes(), 127)
    };
    // SAFETY: setpgid, dup2 and chdir take integers and a NUL-terminated path we own; the
    // process has a single thread, so changing the environment races with nothing.
    unsafe {
        libc::setpgid(0, 0);
        for target in [0, 1, 2] {
            let from = if target == 0 { stdin.as_raw_fd() } else { output.as_raw_fd() };
            if libc::dup2(from, target) < 0 {
                fail("dup2", io::Error::last_os_error());
            }
        }
        drop(stdin);
        drop(output);
        let path = super::process::cstring(dir);
        if libc::chdir(path.as_ptr()) < 0 {
            fail(&String::from_utf8_lossy(dir), io::Error::last_os_error());
        }
        for (name, value) in env {
            let name = super::process::cstring(name);
            match value {
                Some(v) => libc::setenv(name.as_ptr(), super::process::cstring(v).as_ptr(), 1),
                None => libc::unsetenv(name.as_ptr()),
            };
        }
    }
    // As the entry point does (src/sys/entry.rs), which the runner undid for itself.
    super::signal::ignore_sigxfsz_at_start();
    let args = argv.into_iter().map(OsString::from_vec).collect();
    // Also as the entry point does (src/sys/entry.rs): a panic is status 101 after unwinding.
    let status = std::panic::catch_unwind(|| run(args)).unwrap_or(101);
    super::readahead::sync();
    std::process::exit(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_decode_as_encoded() {
        let fd = std::fs::File::open("/dev/null").unwrap();
        let argv = vec![b"/bin/chitin".to_vec(), b"-".to_vec()];
        let env = vec![(b"LANG".to_vec(), Some(b"C".to_vec())), (b"ENV".to_vec(), None), (b"E".to_vec(), Some(Vec::new()))];
        let req = Request {
            argv: &argv,
            dir: b"/tmp/x\xff",
            env: &env,
            stdin: std::os::fd::AsFd::as_fd(&fd),
            output: std::os::fd::AsFd::as_fd(&fd),
        };
        let (dir, a, e) = decode(&encode(&req)).unwrap();
        assert_eq!(dir, b"/tmp/x\xff");
        assert_eq!(a, argv);
        assert_eq!(e, env);
    }
}
