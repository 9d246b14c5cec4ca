//! The user database, without NSS.
//!
//! chitin is linked statically (start-up without the dynamic loader, see .cargo/config.toml),
//! and a static glibc cannot load the system's NSS modules (`getpwnam` crashed on a machine
//! with `passwd: files systemd`). So users are read from /etc/passwd, and only a user it does
//! not list (LDAP, sssd, systemd's dynamic users) is asked of `getent passwd` in a child
//! process, which runs with the system's own dynamic NSS.

use std::process::{Command, Stdio};

/// One user's entry, as `name:password:uid:gid:gecos:dir:shell`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub name: Vec<u8>,
    pub uid: u32,
    pub dir: Vec<u8>,
    /// The login shell; empty when the entry leaves it out.
    pub shell: Vec<u8>,
}

const PASSWD: &str = "/etc/passwd";

/// Parses one passwd line; NIS compat lines (`+name`, `-name`) and malformed ones give None.
fn parse_line(line: &[u8]) -> Option<User> {
    let mut fields = line.split(|&b| b == b':');
    let name = fields.next()?;
    if name.is_empty() || name[0] == b'+' || name[0] == b'-' {
        return None;
    }
    let _password = fields.next()?;
    let uid = std::str::from_utf8(fields.next()?).ok()?.parse().ok()?;
    let _gid = fields.next()?;
    let _gecos = fields.next()?;
    let dir = fields.next()?;
    let shell = fields.next().unwrap_or_default();
    Some(User { name: name.to_vec(), uid, dir: dir.to_vec(), shell: shell.to_vec() })
}

fn find_in(text: &[u8], wanted: impl Fn(&User) -> bool) -> Option<User> {
    text.split(|&b| b == b'\n').filter_map(parse_line).find(wanted)
}

/// Finds `getent` on `search_path` (the shell's PATH), as the user's own `getent` would be.
fn getent_program(search_path: &[u8]) -> Option<Vec<u8>> {
    search_path.split(|&b| b == b':').find_map(|dir| {
        let dir: &[u8] = if dir.is_empty() { b"." } else { dir };
        let mut path = dir.to_vec();
        path.extend_from_slice(b"/getent");
        super::process::is_executable_file(&super::process::cstring(&path)).then_some(path)
    })
}

/// `getent passwd -- key` in a child: its first entry, if it succeeded.
fn ask_getent(key: &[u8], search_path: &[u8]) -> Option<User> {
    use std::os::unix::ffi::OsStrExt;
    let program = getent_program(search_path)?;
    let out = Command::new(std::ffi::OsStr::from_bytes(&program))
        .arg("passwd")
        .arg("--")
        .arg(std::ffi::OsStr::from_bytes(key))
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    out.stdout.split(|&b| b == b'\n').find_map(parse_line)
}

/// The user called `name`: /etc/passwd first, then `getent` found on `search_path`.
pub fn by_name(name: &[u8], search_path: &[u8]) -> Option<User> {
    let listed = std::fs::read(PASSWD).ok().and_then(|text| find_in(&text, |u| u.name == name));
    // getent takes an all-digit key for a uid; `~0` names a user called "0", as getpwnam does.
    listed.or_else(|| ask_getent(name, search_path).filter(|u| u.name == name))
}

/// The user with `uid`: /etc/passwd first, then `getent` found on `search_path`.
pub fn by_uid(uid: u32, search_path: &[u8]) -> Option<User> {
    let listed = std::fs::read(PASSWD).ok().and_then(|text| find_in(&text, |u| u.uid == uid));
    listed.or_else(|| ask_getent(uid.to_string().as_bytes(), search_path).filter(|u| u.uid == uid))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_and_compat_lines_are_skipped() {
        let text = b"+nis::0:0:::\nroot:x:0:0:root:/root:/bin/sh\nbad line\nme:x:1000:1000:Me,,,:/home/me:/bin/bash\n";
        assert_eq!(find_in(text, |u| u.name == b"me").map(|u| (u.uid, u.dir)), Some((1000, b"/home/me".to_vec())));
        assert_eq!(find_in(text, |u| u.uid == 0).map(|u| u.name), Some(b"root".to_vec()));
        assert_eq!(find_in(text, |u| u.uid == 1000).map(|u| u.shell), Some(b"/bin/bash".to_vec()));
        assert_eq!(find_in(text, |u| u.name == b"+nis"), None);
        assert_eq!(find_in(text, |u| u.name == b"bad line"), None);
    }
}
