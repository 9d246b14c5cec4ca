//! Tilde expansion (XCU 2.6.1).

use crate::shell::Shell;

/// The directory for `~` (`user` None) or `~user`; `None` leaves the tilde prefix as written
/// (HOME unset, unknown user), as dash does.
pub fn expand(sh: &Shell, user: Option<&[u8]>) -> Option<Vec<u8>> {
    match user {
        None => sh.vars.get(b"HOME").map(|h| h.to_vec()),
        Some(name) => {
            use std::os::unix::ffi::OsStrExt;
            let name = std::str::from_utf8(name).ok()?;
            let user = nix::unistd::User::from_name(name).ok()??;
            Some(user.dir.as_os_str().as_bytes().to_vec())
        }
    }
}

/// Can `user` be the login name of a tilde prefix? (Portable filename characters only.)
pub fn is_login_name(user: Option<&[u8]>) -> bool {
    user.is_none_or(|u| {
        u.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
    })
}
