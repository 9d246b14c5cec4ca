//! Tilde expansion (XCU 2.6.1).

use crate::shell::Shell;

/// The directory for `~` (`user` None) or `~user`; `None` leaves the tilde prefix as written
/// (HOME unset, unknown user), as dash does.
pub fn expand(sh: &Shell, user: Option<&[u8]>) -> Option<Vec<u8>> {
    match user {
        None => sh.vars.get(b"HOME").map(|h| h.to_vec()),
        Some(name) => crate::sys::users::by_name(name, search_path(sh)).map(|u| u.dir),
    }
}

/// Where `getent` is looked for when /etc/passwd does not know a user: the shell's PATH.
pub fn search_path(sh: &Shell) -> &[u8] {
    sh.vars.get(b"PATH").unwrap_or(b"/usr/bin:/bin")
}

/// Can `user` be the login name of a tilde prefix? (Portable filename characters only.)
pub fn is_login_name(user: Option<&[u8]>) -> bool {
    user.is_none_or(|u| {
        u.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
    })
}
