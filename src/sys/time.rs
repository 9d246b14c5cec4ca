//! Local time formatting (prompt escapes `\t`, `\d`, ...): libc's localtime_r and strftime.

/// `fmt` (a strftime format) applied to the current local time; empty on failure.
pub fn strftime_local(fmt: &str) -> Vec<u8> {
    let Ok(cfmt) = std::ffi::CString::new(fmt) else {
        return Vec::new();
    };
    // SAFETY: time(NULL) only returns the current time.
    let now = unsafe { libc::time(std::ptr::null_mut()) };
    // SAFETY: an all-zero `tm` is a valid value for localtime_r to overwrite.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: both pointers are valid for the duration of the call; localtime_r is reentrant.
    if unsafe { libc::localtime_r(&now, &mut tm) }.is_null() {
        return Vec::new();
    }
    let mut buf = [0u8; 128];
    // SAFETY: buf is valid for buf.len() bytes, cfmt is NUL-terminated, tm was filled above.
    let n = unsafe { libc::strftime(buf.as_mut_ptr().cast(), buf.len(), cfmt.as_ptr(), &tm) };
    buf[..n].to_vec()
}
